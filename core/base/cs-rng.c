/* cs-rng.c — a small deterministic random number generator
 *
 * xoshiro128** (Blackman and Vigna) seeded through splitmix64, so that any 64-bit seed,
 * including 0, gives a well-mixed non-zero state and every platform draws the same stream.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-rng.h"

#include <math.h>

static uint64_t
splitmix64 (uint64_t *x)
{
  uint64_t z = (*x += UINT64_C (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * UINT64_C (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * UINT64_C (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

void
cs_rng_init (CsRng    *rng,
             uint64_t  seed)
{
  g_return_if_fail (rng != NULL);

  uint64_t x = seed;
  uint64_t a = splitmix64 (&x);
  uint64_t b = splitmix64 (&x);

  rng->s[0] = (uint32_t) a;
  rng->s[1] = (uint32_t) (a >> 32);
  rng->s[2] = (uint32_t) b;
  rng->s[3] = (uint32_t) (b >> 32);

  /* xoshiro's only forbidden state; splitmix64 makes it practically unreachable, but a
   * generator stuck at zero forever would be a silent disaster. */
  if ((rng->s[0] | rng->s[1] | rng->s[2] | rng->s[3]) == 0)
    rng->s[0] = 1;
}

void
cs_rng_lanes_init (CsRngLanes *lanes,
                   CsRng      *rng)
{
  g_return_if_fail (lanes != NULL && rng != NULL);

  for (int j = 0; j < CS_RNG_LANES; j++)
    {
      CsRng lane;
      /* Two statements: the operands of one expression may be evaluated in either order. */
      uint64_t high = cs_rng_next (rng);
      uint64_t low = cs_rng_next (rng);
      uint64_t seed = high << 32 | low;

      cs_rng_init (&lane, seed);
      for (int k = 0; k < 4; k++)
        lanes->s[k][j / 4][j % 4] = lane.s[k];
    }
}

/* The top 24 bits fill a float's mantissa exactly, so the result is a multiple of 2^-24
 * in [0, 1) and never rounds up to 1. */
float
cs_rng_uniform (CsRng *rng)
{
  return (float) (cs_rng_next (rng) >> 8) * (1.0f / 16777216.0f);
}

/* Uniform in [lo, hi). */
float
cs_rng_range (CsRng *rng,
              float  lo,
              float  hi)
{
  return lo + (hi - lo) * cs_rng_uniform (rng);
}

/* Box–Muller, using one of the pair. Keeping no spare value keeps the state a plain
 * 128-bit stream, so copying a CsRng copies everything about it. */
float
cs_rng_normal (CsRng *rng)
{
  double u1 = 1.0 - cs_rng_uniform (rng);  /* (0, 1]: log stays finite */
  double u2 = cs_rng_uniform (rng);

  return (float) (sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2));
}

/* Lemire's multiply-and-reject method: unbiased for every n, and almost never loops. */
int
cs_rng_below (CsRng *rng,
              int    n)
{
  g_return_val_if_fail (n > 0, 0);

  uint32_t range = (uint32_t) n;
  uint64_t m = (uint64_t) cs_rng_next (rng) * range;
  uint32_t low = (uint32_t) m;

  if (low < range)
    {
      uint32_t threshold = -range % range;

      while (low < threshold)
        {
          m = (uint64_t) cs_rng_next (rng) * range;
          low = (uint32_t) m;
        }
    }

  return (int) (m >> 32);
}

/* Fisher–Yates, from the end down. */
void
cs_rng_shuffle (CsRng   *rng,
                int32_t *a,
                int      n)
{
  g_return_if_fail (n >= 0);
  g_return_if_fail (a != NULL || n == 0);

  for (int i = n - 1; i > 0; i--)
    {
      int j = cs_rng_below (rng, i + 1);
      int32_t tmp = a[i];

      a[i] = a[j];
      a[j] = tmp;
    }
}
