/* test-rng.c — determinism and basic statistics of CsRng
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-rng.h"

static void
test_same_seed_same_stream (void)
{
  CsRng a, b;

  cs_rng_init (&a, 42);
  cs_rng_init (&b, 42);
  for (int i = 0; i < 1000; i++)
    g_assert_cmpuint (cs_rng_next (&a), ==, cs_rng_next (&b));

  /* Copying the struct forks the stream: the copy continues exactly where the original is. */
  CsRng c = a;

  for (int i = 0; i < 100; i++)
    g_assert_cmpuint (cs_rng_next (&a), ==, cs_rng_next (&c));
}

/* The stream is part of the file format in effect: a saved seed must replay the same run on
 * any machine and after any refactoring. These values come from an independent
 * implementation of splitmix64 + xoshiro128** written from the published algorithms. */
static void
test_golden_values (void)
{
  const uint32_t seed0[] = { 0xdec9045d, 0x9a089d75, 0xab77d362, 0xc3e16405, 0x5c95a8da };
  const uint32_t seed42[] = { 0x69e85a2a, 0xf843fad0, 0x0105185f, 0x8a1f1ea6, 0xa66be2a9 };
  CsRng a, b;

  cs_rng_init (&a, 0);
  cs_rng_init (&b, 42);
  for (int i = 0; i < 5; i++)
    {
      g_assert_cmphex (cs_rng_next (&a), ==, seed0[i]);
      g_assert_cmphex (cs_rng_next (&b), ==, seed42[i]);
    }
}

static void
test_different_seeds_differ (void)
{
  const uint64_t seeds[] = { 0, 1, 2, 42, UINT64_MAX };

  for (size_t i = 0; i < G_N_ELEMENTS (seeds); i++)
    for (size_t j = i + 1; j < G_N_ELEMENTS (seeds); j++)
      {
        CsRng a, b;
        int same = 0;

        cs_rng_init (&a, seeds[i]);
        cs_rng_init (&b, seeds[j]);
        for (int k = 0; k < 100; k++)
          same += cs_rng_next (&a) == cs_rng_next (&b);
        g_assert_cmpint (same, <, 3);
      }
}

/* Seed 0 must not leave xoshiro in its all-zero fixed point. */
static void
test_seed_zero_moves (void)
{
  CsRng rng;
  uint32_t first;
  bool moved = false;

  cs_rng_init (&rng, 0);
  first = cs_rng_next (&rng);
  for (int i = 0; i < 10; i++)
    moved |= cs_rng_next (&rng) != first;
  g_assert_true (moved);
}

static void
test_uniform (void)
{
  CsRng rng;
  const int n = 100000;
  double sum = 0.0;
  int buckets[10] = { 0 };

  cs_rng_init (&rng, 7);
  for (int i = 0; i < n; i++)
    {
      float u = cs_rng_uniform (&rng);

      g_assert_cmpfloat (u, >=, 0.0f);
      g_assert_cmpfloat (u, <, 1.0f);
      sum += u;
      buckets[(int) (u * 10)]++;
    }
  /* The mean's standard error is sqrt(1/12/n) ≈ 0.0009; 0.005 is over five of them. */
  g_assert_cmpfloat_with_epsilon (sum / n, 0.5, 0.005);
  for (int b = 0; b < 10; b++)
    g_assert_cmpint (ABS (buckets[b] - n / 10), <, 600);
}

/* Eight lanes: reproducible from the seeding stream, different from each other, uniform. */
static void
test_lanes (void)
{
  CsRng a, b;
  CsRngLanes la, lb;
  CsRngVector va[2], vb[2];
  uint32_t da[CS_RNG_LANES], db[CS_RNG_LANES];
  double sum[CS_RNG_LANES] = { 0 };
  const int n = 20000;

  cs_rng_init (&a, 12);
  cs_rng_init (&b, 12);
  cs_rng_lanes_init (&la, &a);
  cs_rng_lanes_init (&lb, &b);
  /* Seeding moved the stream it drew from, identically. */
  g_assert_cmpuint (cs_rng_next (&a), ==, cs_rng_next (&b));
  for (int i = 0; i < n; i++)
    {
      cs_rng_lanes_next (&la, va);
      cs_rng_lanes_next (&lb, vb);
      memcpy (da, va, sizeof da);
      memcpy (db, vb, sizeof db);
      for (int j = 0; j < CS_RNG_LANES; j++)
        {
          g_assert_cmpuint (da[j], ==, db[j]);
          sum[j] += (da[j] >> 8) / 16777216.0;
        }
      for (int j = 1; j < CS_RNG_LANES && i == 0; j++)
        g_assert_cmpuint (da[j], !=, da[0]);
    }
  for (int j = 0; j < CS_RNG_LANES; j++)
    g_assert_cmpfloat_with_epsilon (sum[j] / n, 0.5, 0.01);

  /* A lane is xoshiro128** itself: the same numbers as a CsRng in the lane's state. */
  {
    CsRng single = { { la.s[0][1][2], la.s[1][1][2], la.s[2][1][2], la.s[3][1][2] } };
    uint32_t expect = cs_rng_next (&single);

    cs_rng_lanes_next (&la, va);
    memcpy (da, va, sizeof da);
    g_assert_cmpuint (da[6], ==, expect);
  }
}

static void
test_normal (void)
{
  CsRng rng;
  const int n = 100000;
  double sum = 0.0, sq = 0.0;

  cs_rng_init (&rng, 8);
  for (int i = 0; i < n; i++)
    {
      float z = cs_rng_normal (&rng);

      g_assert_true (isfinite (z));
      sum += z;
      sq += (double) z * z;
    }
  g_assert_cmpfloat_with_epsilon (sum / n, 0.0, 0.02);
  g_assert_cmpfloat_with_epsilon (sq / n, 1.0, 0.03);
}

static void
test_below (void)
{
  CsRng rng;
  int counts[7] = { 0 };
  const int n = 70000;

  cs_rng_init (&rng, 9);
  for (int i = 0; i < n; i++)
    {
      int k = cs_rng_below (&rng, 7);

      g_assert_cmpint (k, >=, 0);
      g_assert_cmpint (k, <, 7);
      counts[k]++;
    }
  for (int k = 0; k < 7; k++)
    g_assert_cmpint (ABS (counts[k] - n / 7), <, 500);

  g_assert_cmpint (cs_rng_below (&rng, 1), ==, 0);
}

static void
test_shuffle (void)
{
  CsRng rng;
  int32_t a[50];
  bool seen[50] = { false };
  int moved = 0;

  cs_rng_init (&rng, 10);
  for (int i = 0; i < 50; i++)
    a[i] = i;
  cs_rng_shuffle (&rng, a, 50);

  for (int i = 0; i < 50; i++)
    {
      g_assert_cmpint (a[i], >=, 0);
      g_assert_cmpint (a[i], <, 50);
      g_assert_false (seen[a[i]]);
      seen[a[i]] = true;
      moved += a[i] != i;
    }
  /* A uniform shuffle of 50 leaves about one element in place. */
  g_assert_cmpint (moved, >, 40);

  /* Every position receives every value about equally often over many shuffles of 4. */
  int counts[4][4] = { { 0 } };

  for (int t = 0; t < 40000; t++)
    {
      int32_t b[4] = { 0, 1, 2, 3 };

      cs_rng_shuffle (&rng, b, 4);
      for (int i = 0; i < 4; i++)
        counts[i][b[i]]++;
    }
  for (int i = 0; i < 4; i++)
    for (int v = 0; v < 4; v++)
      g_assert_cmpint (ABS (counts[i][v] - 10000), <, 500);

  cs_rng_shuffle (&rng, NULL, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rng/same-seed-same-stream", test_same_seed_same_stream);
  g_test_add_func ("/rng/golden-values", test_golden_values);
  g_test_add_func ("/rng/different-seeds-differ", test_different_seeds_differ);
  g_test_add_func ("/rng/seed-zero-moves", test_seed_zero_moves);
  g_test_add_func ("/rng/uniform", test_uniform);
  g_test_add_func ("/rng/lanes", test_lanes);
  g_test_add_func ("/rng/normal", test_normal);
  g_test_add_func ("/rng/below", test_below);
  g_test_add_func ("/rng/shuffle", test_shuffle);
  return g_test_run ();
}
