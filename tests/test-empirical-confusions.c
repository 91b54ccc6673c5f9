/* test-empirical-confusions.c — annotators' labels counted against gold and against predictions
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "cs-dataset-stats.h"
#include "cs-empirical-confusions.h"
#include "test-util.h"

#define N_ITEMS      5
#define N_CLASSES    3
#define N_ANNOTATORS 3

typedef int Counts[N_ANNOTATORS][N_CLASSES][N_CLASSES];

/* Five items, the fourth without gold; annotator 0 labels all five, 1 and 2 some. */
static const int32_t gold[N_ITEMS] = { 0, 1, 2, -1, 0 };
static const CsCrowdLabel labels[] = {
  { 0, 0, 0 }, { 0, 1, 1 },
  { 1, 0, 1 }, { 1, 2, 0 },
  { 2, 0, 2 }, { 2, 1, 2 },
  { 3, 0, 0 }, { 3, 2, 2 },
  { 4, 0, 1 }, { 4, 1, 1 },
};

static CsSplit
make_split (const int32_t *with_gold)
{
  return (CsSplit) { .present = true, .n = N_ITEMS, .gold = (int32_t *) with_gold,
                     .n_labels = G_N_ELEMENTS (labels), .labels = (CsCrowdLabel *) labels };
}

/* The expected counts of every annotator; the rates follow from them, NaN for empty rows. */
static void
assert_confusions (const CsEmpiricalConfusions *c,
                   const Counts                 expected)
{
  g_assert_cmpint (c->R, ==, N_ANNOTATORS);
  g_assert_cmpint (c->K, ==, N_CLASSES);
  for (int r = 0; r < N_ANNOTATORS; r++)
    for (int i = 0; i < N_CLASSES; i++)
      {
        int total = 0;

        for (int j = 0; j < N_CLASSES; j++)
          total += expected[r][i][j];
        g_assert_cmpint (c->row_labels[r * N_CLASSES + i], ==, total);
        for (int j = 0; j < N_CLASSES; j++)
          {
            int cell = (r * N_CLASSES + i) * N_CLASSES + j;

            g_assert_cmpint (c->counts[cell], ==, expected[r][i][j]);
            if (total == 0)
              g_assert_true (isnan (c->rates[cell]));
            else
              g_assert_cmpfloat (c->rates[cell], ==, (float) ((double) expected[r][i][j] / total));
          }
      }
}

static void
test_against_gold (void)
{
  CsSplit split = make_split (gold);
  g_autoptr(CsEmpiricalConfusions) c = NULL;
  const Counts expected = {
    { { 1, 1, 0 }, { 0, 1, 0 }, { 0, 0, 1 } },
    { { 0, 2, 0 }, { 0, 0, 0 }, { 0, 0, 1 } },
    { { 0, 0, 0 }, { 1, 0, 0 }, { 0, 0, 0 } },
  };

  c = cs_empirical_confusions_new (&split, NULL, N_CLASSES, N_ANNOTATORS);
  assert_confusions (c, expected);
  /* Item 3 has no gold: its two labels are left out. */
  g_assert_cmpint (c->n_counted, ==, 8);
  g_assert_cmpint (c->n_skipped, ==, 2);
  g_assert_cmpfloat (c->rates[0], ==, 0.5f);
  g_assert_cmpfloat (c->rates[1], ==, 0.5f);
}

static void
test_against_predictions (void)
{
  const float probs[N_ITEMS * N_CLASSES] = {
    0.2f, 0.5f, 0.3f,
    0.4f, 0.4f, 0.2f,   /* a tie: the lower class */
    0.1f, 0.1f, 0.8f,
    0.6f, 0.3f, 0.1f,
    0.3f, 0.3f, 0.4f,
  };
  const int32_t expected_classes[N_ITEMS] = { 1, 0, 2, 0, 2 };
  const Counts expected = {
    { { 1, 1, 0 }, { 1, 0, 0 }, { 0, 1, 1 } },
    { { 0, 0, 0 }, { 0, 1, 0 }, { 0, 1, 1 } },
    { { 1, 0, 1 }, { 0, 0, 0 }, { 0, 0, 0 } },
  };
  int32_t predicted[N_ITEMS];
  CsSplit split = make_split (NULL);
  g_autoptr(CsEmpiricalConfusions) c = NULL;

  cs_predicted_classes (predicted, probs, N_ITEMS, N_CLASSES);
  g_assert_cmpmem (predicted, sizeof predicted, expected_classes, sizeof expected_classes);
  c = cs_empirical_confusions_new (&split, predicted, N_CLASSES, N_ANNOTATORS);
  assert_confusions (c, expected);
  g_assert_cmpint (c->n_counted, ==, 10);
  g_assert_cmpint (c->n_skipped, ==, 0);
}

/* A split without gold and no reference given: nothing is counted, and every rate is NaN. */
static void
test_no_reference (void)
{
  CsSplit split = make_split (NULL);
  g_autoptr(CsEmpiricalConfusions) c = NULL;
  const Counts none = { { { 0 } } };

  c = cs_empirical_confusions_new (&split, NULL, N_CLASSES, N_ANNOTATORS);
  assert_confusions (c, none);
  g_assert_cmpint (c->n_counted, ==, 0);
  g_assert_cmpint (c->n_skipped, ==, G_N_ELEMENTS (labels));
}

/* On LabelMe, whose crowd labels all lie in train, the diagonal of the counts against gold holds
 * the labels that match gold: the share `info` prints. */
static void
test_labelme (void)
{
  g_autoptr(CsDataset) dataset = cs_test_load_shared ("labelme");
  g_autoptr(CsDatasetStats) stats = NULL;
  g_autoptr(CsEmpiricalConfusions) c = NULL;
  const CsSplit *train;
  int matching = 0;

  if (dataset == NULL)
    return;
  stats = cs_dataset_stats_new (dataset);
  train = cs_dataset_get_split (dataset, CS_SPLIT_TRAIN);
  g_assert_cmpint (train->n_labels, ==, stats->n_labels);
  c = cs_empirical_confusions_new (train, NULL, dataset->n_classes, dataset->n_annotators);
  for (int r = 0; r < c->R; r++)
    for (int k = 0; k < c->K; k++)
      matching += c->counts[((gsize) r * c->K + k) * c->K + k];
  g_assert_cmpint (c->n_counted, ==, stats->n_labels_with_gold);
  g_assert_cmpint (matching, ==, stats->n_labels_matching_gold);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/empirical-confusions/gold", test_against_gold);
  g_test_add_func ("/empirical-confusions/predictions", test_against_predictions);
  g_test_add_func ("/empirical-confusions/no-reference", test_no_reference);
  g_test_add_func ("/empirical-confusions/labelme", test_labelme);
  return g_test_run ();
}
