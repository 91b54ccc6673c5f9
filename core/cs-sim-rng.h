/* cs-sim-rng.h — the small seeded generator behind the simulator and the demo
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

/* xoshiro256** seeded through splitmix64. GRand would do, but its seeding can be changed by
 * the G_RANDOM_VERSION environment variable, and the simulator promises that one seed gives
 * the same crowd (and the demo the same bytes) whatever the environment. */
typedef struct
{
  uint64_t s[4];
} CsSimRng;

static inline uint64_t
cs_sim_rng_rotl (uint64_t x,
                 int      k)
{
  return (x << k) | (x >> (64 - k));
}

static inline uint64_t
cs_sim_rng_splitmix (uint64_t *state)
{
  uint64_t z = (*state += UINT64_C (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * UINT64_C (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * UINT64_C (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static inline void
cs_sim_rng_init (CsSimRng *rng,
                 uint64_t  seed)
{
  uint64_t state = seed;

  for (int i = 0; i < 4; i++)
    rng->s[i] = cs_sim_rng_splitmix (&state);
}

static inline uint64_t
cs_sim_rng_next (CsSimRng *rng)
{
  uint64_t *s = rng->s;
  uint64_t result = cs_sim_rng_rotl (s[1] * 5, 7) * 9;
  uint64_t t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = cs_sim_rng_rotl (s[3], 45);
  return result;
}

/* Uniform in [0, 1), with the 53 bits a double holds. */
static inline double
cs_sim_rng_uniform (CsSimRng *rng)
{
  return (double) (cs_sim_rng_next (rng) >> 11) * 0x1.0p-53;
}

/* Uniform in [lo, hi). */
static inline double
cs_sim_rng_range (CsSimRng *rng,
                  double    lo,
                  double    hi)
{
  return lo + (hi - lo) * cs_sim_rng_uniform (rng);
}

/* Uniform integer in [0, n), without the bias of a plain modulo: multiply into 64 bits and
 * reject the few low products that would favour small results. */
static inline uint32_t
cs_sim_rng_below (CsSimRng *rng,
                  uint32_t  n)
{
  uint32_t threshold;
  uint64_t m;

  g_assert (n > 0);
  threshold = (uint32_t) (-n) % n;
  do
    m = (uint64_t) (uint32_t) (cs_sim_rng_next (rng) >> 32) * n;
  while ((uint32_t) m < threshold);
  return (uint32_t) (m >> 32);
}

/* Fisher–Yates shuffle of a[0..n). */
static inline void
cs_sim_rng_shuffle (CsSimRng *rng,
                    int      *a,
                    int       n)
{
  for (int i = n - 1; i > 0; i--)
    {
      int j = (int) cs_sim_rng_below (rng, (uint32_t) i + 1);
      int t = a[i];

      a[i] = a[j];
      a[j] = t;
    }
}

G_END_DECLS
