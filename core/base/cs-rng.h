/* cs-rng.h — a small deterministic random number generator
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

/* xoshiro128** state. A plain struct so it can live on the stack or inside a model and be
 * copied to fork a stream; only the cs_rng_* functions should touch the state. */
typedef struct
{
  uint32_t s[4];
} CsRng;

void     cs_rng_init    (CsRng   *rng,
                         uint64_t seed);
float    cs_rng_uniform (CsRng   *rng);
float    cs_rng_normal  (CsRng   *rng);
float    cs_rng_range   (CsRng   *rng,
                         float    lo,
                         float    hi);
int      cs_rng_below   (CsRng   *rng,
                         int      n);
void     cs_rng_shuffle (CsRng   *rng,
                         int32_t *a,
                         int      n);

/* xoshiro128**: inline, as dropout draws one number per hidden unit. */
static inline uint32_t
cs_rng_next (CsRng *rng)
{
  uint32_t *s = rng->s;
  uint32_t x = s[1] * 5;
  uint32_t result = ((x << 7) | (x >> 25)) * 9;
  uint32_t t = s[1] << 9;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = (s[3] << 11) | (s[3] >> 21);
  return result;
}

/* Eight xoshiro128** streams side by side, in two vectors of four lanes (GCC's and Clang's
 * vector extension: an SSE2 register each, which the baseline x86-64 has), for bulk draws such
 * as dropout masks, where one stream's draws would depend on each other. The lanes are seeded
 * from a CsRng, so bulk draws are as deterministic as everything else. */
#define CS_RNG_LANES 8

typedef uint32_t CsRngVector __attribute__ ((vector_size (16)));

typedef struct
{
  CsRngVector s[4][2];
} CsRngLanes;

void     cs_rng_lanes_init (CsRngLanes *lanes,
                            CsRng      *rng);

/* The next draw of every lane: out[0] has lanes 0–3, out[1] lanes 4–7. x·5 and x·9 as shifts
 * and adds, which SSE2 has for 32-bit lanes where it has no 32-bit multiply. */
static inline void
cs_rng_lanes_next (CsRngLanes  *lanes,
                   CsRngVector  out[2])
{
  for (int h = 0; h < 2; h++)
    {
      CsRngVector s0 = lanes->s[0][h], s1 = lanes->s[1][h];
      CsRngVector s2 = lanes->s[2][h], s3 = lanes->s[3][h];
      CsRngVector x = (s1 << 2) + s1;
      CsRngVector r = (x << 7) | (x >> 25);
      CsRngVector t = s1 << 9;

      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >> 21);
      lanes->s[0][h] = s0;
      lanes->s[1][h] = s1;
      lanes->s[2][h] = s2;
      lanes->s[3][h] = s3;
      out[h] = (r << 3) + r;
    }
}

G_END_DECLS
