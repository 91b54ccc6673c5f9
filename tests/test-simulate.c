/* test-simulate.c — the crowd simulator plants what it says it plants
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-empirical-confusions.h"
#include "cs-error.h"
#include "cs-rng.h"
#include "cs-simulate.h"

#include <math.h>
#include <string.h>
#ifdef G_OS_UNIX
#include <sys/resource.h>
#endif

static int32_t *
random_gold (int      n,
             int      K,
             uint64_t seed)
{
  int32_t *gold = g_new (int32_t, n);
  CsRng rng;

  cs_rng_init (&rng, seed);
  for (int i = 0; i < n; i++)
    gold[i] = (int32_t) cs_rng_below (&rng, (uint32_t) K);
  return gold;
}

/* Simulates a crowd that the spec must allow. */
static CsSimulatedCrowd *
simulate (const int32_t     *gold,
          int                n,
          int                K,
          const CsCrowdSpec *spec)
{
  g_autoptr(GError) error = NULL;
  CsSimulatedCrowd *crowd = cs_simulate_crowd (gold, n, K, spec, &error);

  g_assert_no_error (error);
  g_assert_nonnull (crowd);
  return crowd;
}

static int
count_kind (const CsSimulatedCrowd *crowd,
            CsAnnotatorKind         kind)
{
  int count = 0;

  for (int r = 0; r < crowd->R; r++)
    count += crowd->kinds[r] == kind;
  return count;
}

static void
assert_rows_sum_to_one (const float *m,
                        int          rows,
                        int          K)
{
  for (int row = 0; row < rows; row++)
    {
      double sum = 0.0;

      for (int k = 0; k < K; k++)
        {
          g_assert_cmpfloat (m[row * K + k], >=, 0.0f);
          sum += m[row * K + k];
        }
      g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-5);
    }
}

/* With 20,000 items, 10 annotators and 5 labels per item each annotator gives 10,000 labels,
 * about 2,500 per true class, so a cell's standard error is at most 0.01; 0.05 is five of
 * them. */
static void
test_simulate_converges (void)
{
  const int n = 20000, K = 4, R = 10;
  g_autofree int32_t *gold = random_gold (n, K, 7);
  g_autoptr(CsSimulatedCrowd) crowd = NULL;
  g_autoptr(CsEmpiricalConfusions) empirical = NULL;
  CsSplit split = { 0 };
  CsCrowdSpec spec;
  double worst = 0.0;

  cs_crowd_spec_init_default (&spec);
  spec.n_annotators = R;
  spec.labels_per_item = 5;
  spec.share_spammer = 0.2;
  spec.share_swapper = 0.2;
  spec.share_common = 0.3;
  spec.seed = 11;
  crowd = simulate (gold, n, K, &spec);
  g_assert_cmpint (crowd->K, ==, K);
  g_assert_cmpint (crowd->R, ==, R);
  g_assert_cmpint (crowd->n_labels, ==, n * 5);
  g_assert_cmpint (count_kind (crowd, CS_ANNOTATOR_SPAMMER), ==, 2);
  g_assert_cmpint (count_kind (crowd, CS_ANNOTATOR_SWAPPER), ==, 2);
  g_assert_cmpint (count_kind (crowd, CS_ANNOTATOR_COMMON), ==, 3);
  g_assert_cmpint (count_kind (crowd, CS_ANNOTATOR_RELIABLE), ==, 3);
  assert_rows_sum_to_one (crowd->confusions, R * K, K);
  assert_rows_sum_to_one (crowd->common, K, K);

  /* The simulated crowd as the train split the simulator makes of it. */
  split = (CsSplit) { .present = true, .n = n, .gold = gold, .n_labels = crowd->n_labels,
                      .labels = crowd->labels };
  empirical = cs_empirical_confusions_new (&split, NULL, K, R);
  g_assert_cmpint (empirical->n_counted, ==, crowd->n_labels);
  assert_rows_sum_to_one (empirical->rates, R * K, K);
  for (int e = 0; e < R * K * K; e++)
    worst = MAX (worst, fabs (empirical->rates[e] - crowd->confusions[e]));
  g_test_message ("largest |empirical − planted| confusion entry: %.4f", worst);
  g_assert_cmpfloat (worst, <, 0.05);
}

/* Each planted row of `common` sends common_strength to exactly one other class; the rest of
 * the matrix is the identity. A COMMON annotator then prefers the planted target over the
 * truth, and a spammer's rows are uniform. */
static void
test_simulate_kinds (void)
{
  const int n = 100, K = 8, R = 40;
  g_autofree int32_t *gold = random_gold (n, K, 3);
  g_autoptr(CsSimulatedCrowd) crowd = NULL;
  CsCrowdSpec spec;
  int planted_rows = 0;

  cs_crowd_spec_init_default (&spec);
  spec.n_annotators = R;
  spec.share_spammer = 0.25;
  spec.share_swapper = 0.25;
  spec.share_common = 0.25;
  crowd = simulate (gold, n, K, &spec);

  for (int a = 0; a < K; a++)
    {
      const float *row = crowd->common + a * K;

      if (row[a] == 1.0f)
        continue;
      planted_rows++;
      g_assert_cmpfloat_with_epsilon (row[a], 1.0 - spec.common_strength, 1e-6);
      for (int b = 0; b < K; b++)
        if (b != a && row[b] != 0.0f)
          {
            g_assert_cmpfloat_with_epsilon (row[b], spec.common_strength, 1e-6);
            for (int r = 0; r < R; r++)
              if (crowd->kinds[r] == CS_ANNOTATOR_COMMON)
                g_assert_cmpfloat (crowd->confusions[(r * K + a) * K + b], >,
                                   crowd->confusions[(r * K + a) * K + a]);
          }
    }
  /* max (1, K / 4) = 2 random pairs, planted both ways. */
  g_assert_cmpint (planted_rows, ==, 4);

  for (int r = 0; r < R; r++)
    {
      const float *m = crowd->confusions + r * K * K;
      int best_off_diagonal = 0;

      if (crowd->kinds[r] == CS_ANNOTATOR_SPAMMER)
        for (int e = 0; e < K * K; e++)
          g_assert_cmpfloat_with_epsilon (m[e], 1.0 / K, 1e-6);
      if (crowd->kinds[r] == CS_ANNOTATOR_RELIABLE)
        for (int c = 0; c < K; c++)
          g_assert_cmpfloat (m[c * K + c], >=, spec.reliable_accuracy - 0.1 - 1e-6);
      if (crowd->kinds[r] != CS_ANNOTATOR_SWAPPER)
        continue;
      /* A swapper's favourite answer is never the truth. */
      for (int c = 0; c < K; c++)
        for (int k = 0; k < K; k++)
          if (m[c * K + k] > CS_SWAPPER_PROBABILITY && k != c)
            best_off_diagonal++;
      g_assert_cmpint (best_off_diagonal, ==, K);
    }
}

/* Labels are sorted by item, then annotator, with no annotator twice on an item; every item
 * gets 2 or 3 labels when asking for 2.5; annotators' loads differ by at most one. */
static void
test_simulate_coverage (void)
{
  const int n = 5000, K = 3, R = 7;
  g_autofree int32_t *gold = random_gold (n, K, 5);
  g_autofree int *per_item = g_new0 (int, n);
  g_autofree int *per_annotator = g_new0 (int, R);
  g_autoptr(CsSimulatedCrowd) crowd = NULL;
  CsCrowdSpec spec;
  int least = G_MAXINT, most = 0;

  cs_crowd_spec_init_default (&spec);
  spec.n_annotators = R;
  spec.labels_per_item = 2.5;
  crowd = simulate (gold, n, K, &spec);

  for (int l = 0; l < crowd->n_labels; l++)
    {
      const CsCrowdLabel *x = &crowd->labels[l];

      g_assert_cmpint (x->item, >=, 0);
      g_assert_cmpint (x->item, <, n);
      g_assert_cmpint (x->annotator, >=, 0);
      g_assert_cmpint (x->annotator, <, R);
      g_assert_cmpint (x->label, >=, 0);
      g_assert_cmpint (x->label, <, K);
      if (l > 0)
        {
          const CsCrowdLabel *p = &crowd->labels[l - 1];

          g_assert_true (p->item < x->item
                         || (p->item == x->item && p->annotator < x->annotator));
        }
      per_item[x->item]++;
      per_annotator[x->annotator]++;
    }
  for (int i = 0; i < n; i++)
    {
      g_assert_cmpint (per_item[i], >=, 2);
      g_assert_cmpint (per_item[i], <=, 3);
    }
  g_assert_cmpfloat_with_epsilon ((double) crowd->n_labels / n, 2.5, 0.05);
  for (int r = 0; r < R; r++)
    {
      least = MIN (least, per_annotator[r]);
      most = MAX (most, per_annotator[r]);
    }
  g_assert_cmpint (most - least, <=, 1);
}

/* Below one label per item, every item still gets exactly one. */
static void
test_simulate_at_least_one (void)
{
  const int n = 1000, K = 2;
  g_autofree int32_t *gold = random_gold (n, K, 9);
  g_autoptr(CsSimulatedCrowd) crowd = NULL;
  CsCrowdSpec spec;

  cs_crowd_spec_init_default (&spec);
  spec.labels_per_item = 0.3;
  crowd = simulate (gold, n, K, &spec);
  g_assert_cmpint (crowd->n_labels, ==, n);
  for (int i = 0; i < n; i++)
    g_assert_cmpint (crowd->labels[i].item, ==, i);
}

/* Asking for as many labels per item as there are annotators gives every item all of them,
 * once each, even when the deck is reshuffled in the middle of an item. */
static void
test_simulate_everyone (void)
{
  const int n = 500, K = 3, R = 3;
  g_autofree int32_t *gold = random_gold (n, K, 8);
  g_autoptr(CsSimulatedCrowd) crowd = NULL;
  CsCrowdSpec spec;

  cs_crowd_spec_init_default (&spec);
  spec.n_annotators = R;
  spec.labels_per_item = R;
  crowd = simulate (gold, n, K, &spec);
  g_assert_cmpint (crowd->n_labels, ==, n * R);
  for (int l = 0; l < crowd->n_labels; l++)
    {
      g_assert_cmpint (crowd->labels[l].item, ==, l / R);
      g_assert_cmpint (crowd->labels[l].annotator, ==, l % R);
    }
}

static void
test_simulate_deterministic (void)
{
  const int n = 3000, K = 5;
  g_autofree int32_t *gold = random_gold (n, K, 1);
  g_autoptr(CsSimulatedCrowd) a = NULL;
  g_autoptr(CsSimulatedCrowd) b = NULL;
  g_autoptr(CsSimulatedCrowd) c = NULL;
  CsCrowdSpec spec;

  cs_crowd_spec_init_default (&spec);
  spec.seed = 42;
  a = simulate (gold, n, K, &spec);
  b = simulate (gold, n, K, &spec);
  spec.seed = 43;
  c = simulate (gold, n, K, &spec);

  g_assert_cmpint (a->n_labels, ==, b->n_labels);
  g_assert_cmpmem (a->labels, a->n_labels * sizeof (CsCrowdLabel),
                   b->labels, b->n_labels * sizeof (CsCrowdLabel));
  g_assert_cmpmem (a->kinds, a->R * sizeof (CsAnnotatorKind),
                   b->kinds, b->R * sizeof (CsAnnotatorKind));
  g_assert_cmpmem (a->confusions, a->R * K * K * sizeof (float),
                   b->confusions, b->R * K * K * sizeof (float));
  g_assert_cmpmem (a->common, K * K * sizeof (float), b->common, K * K * sizeof (float));

  g_assert_cmpint (a->n_labels, ==, c->n_labels);
  g_assert_true (memcmp (a->labels, c->labels, a->n_labels * sizeof (CsCrowdLabel)) != 0);
}

static void
test_simulate_explicit_pairs (void)
{
  const int n = 200, K = 4;
  const int32_t pairs[] = { 0, 1, 2, 3 };
  const float expected[] = {
    0.4f, 0.6f, 0.0f, 0.0f,
    0.0f, 1.0f, 0.0f, 0.0f,
    0.0f, 0.0f, 0.4f, 0.6f,
    0.0f, 0.0f, 0.0f, 1.0f,
  };
  g_autofree int32_t *gold = random_gold (n, K, 2);
  g_autoptr(CsSimulatedCrowd) crowd = NULL;
  CsCrowdSpec spec;

  cs_crowd_spec_init_default (&spec);
  spec.common_pairs = pairs;
  spec.n_common_pairs = 2;
  crowd = simulate (gold, n, K, &spec);
  for (int e = 0; e < K * K; e++)
    g_assert_cmpfloat_with_epsilon (crowd->common[e], expected[e], 1e-6);
}

static void
assert_rejected (const CsCrowdSpec *spec,
                 const int32_t     *gold,
                 int                n,
                 int                K,
                 int                code)
{
  g_autoptr(GError) error = NULL;
  CsSimulatedCrowd *crowd = cs_simulate_crowd (gold, n, K, spec, &error);

  g_assert_null (crowd);
  g_assert_error (error, CS_ERROR, code);
  g_test_message ("rejected: %s", error->message);
}

static void
test_simulate_invalid (void)
{
  const int32_t gold[] = { 0, 1, 2, 1 };
  const int32_t bad_gold[] = { 0, 1, 3, 1 };
  const int32_t self_pair[] = { 1, 1 };
  const int32_t twice[] = { 0, 1, 0, 2 };
  CsCrowdSpec good, spec;

  cs_crowd_spec_init_default (&good);

  spec = good;
  spec.share_spammer = 0.5;
  spec.share_swapper = 0.4;
  spec.share_common = 0.3;
  assert_rejected (&spec, gold, 4, 3, CS_ERROR_INVALID);

  spec = good;
  spec.n_annotators = 0;
  assert_rejected (&spec, gold, 4, 3, CS_ERROR_INVALID);

  spec = good;
  spec.labels_per_item = spec.n_annotators + 1;
  assert_rejected (&spec, gold, 4, 3, CS_ERROR_INVALID);

  spec = good;
  spec.labels_per_item = 0.0;
  assert_rejected (&spec, gold, 4, 3, CS_ERROR_INVALID);

  spec = good;
  spec.share_common = NAN;
  assert_rejected (&spec, gold, 4, 3, CS_ERROR_INVALID);

  spec = good;
  spec.reliable_accuracy = 1.5;
  assert_rejected (&spec, gold, 4, 3, CS_ERROR_INVALID);

  assert_rejected (&good, gold, 4, 1, CS_ERROR_INVALID);
  assert_rejected (&good, bad_gold, 4, 3, CS_ERROR_VALUE);

  spec = good;
  spec.common_pairs = self_pair;
  spec.n_common_pairs = 1;
  assert_rejected (&spec, gold, 4, 3, CS_ERROR_INVALID);

  spec.common_pairs = twice;
  spec.n_common_pairs = 2;
  assert_rejected (&spec, gold, 4, 3, CS_ERROR_INVALID);
}

static long
peak_rss_kib (void)
{
#ifdef G_OS_UNIX
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) == 0)
    return usage.ru_maxrss;
#endif
  return -1;
}

/* 100,000 items × 2,500 annotators × 5 labels per item. An items × annotators table would be
 * 250 million cells; the labels themselves are 6 MB. The peak resident size may grow by less
 * than 64 MiB, which only an O(L + R·K²) simulator meets. */
static void
test_simulate_scale (void)
{
  const int n = 100000, K = 10, R = 2500;
  g_autofree int32_t *gold = random_gold (n, K, 4);
  g_autoptr(CsSimulatedCrowd) crowd = NULL;
  g_autoptr(GTimer) timer = NULL;
  CsCrowdSpec spec;
  long before, after;

  cs_crowd_spec_init_default (&spec);
  spec.n_annotators = R;
  spec.labels_per_item = 5;
  before = peak_rss_kib ();
  timer = g_timer_new ();
  crowd = simulate (gold, n, K, &spec);
  g_timer_stop (timer);
  after = peak_rss_kib ();

  g_test_message ("%d items × %d annotators × 5 labels: %d labels in %.3f s, peak RSS +%ld KiB",
                  n, R, crowd->n_labels, g_timer_elapsed (timer, NULL), after - before);
  g_assert_cmpint (crowd->n_labels, ==, 5 * n);
  g_assert_cmpint (crowd->R, ==, R);
  g_assert_cmpint (crowd->K, ==, K);
  g_assert_cmpint (crowd->labels[crowd->n_labels - 1].item, ==, n - 1);
  if (before >= 0)
    g_assert_cmpint (after - before, <, 64 * 1024);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* First, so that the peak resident size it measures from is the process's smallest. */
  g_test_add_func ("/simulate/scale", test_simulate_scale);
  g_test_add_func ("/simulate/converges", test_simulate_converges);
  g_test_add_func ("/simulate/kinds", test_simulate_kinds);
  g_test_add_func ("/simulate/coverage", test_simulate_coverage);
  g_test_add_func ("/simulate/at-least-one", test_simulate_at_least_one);
  g_test_add_func ("/simulate/everyone", test_simulate_everyone);
  g_test_add_func ("/simulate/deterministic", test_simulate_deterministic);
  g_test_add_func ("/simulate/explicit-pairs", test_simulate_explicit_pairs);
  g_test_add_func ("/simulate/invalid", test_simulate_invalid);
  return g_test_run ();
}
