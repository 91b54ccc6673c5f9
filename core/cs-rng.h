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

G_END_DECLS
