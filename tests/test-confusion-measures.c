/* test-confusion-measures.c — spammer scores, distances between matrices, the largest
 * confusions
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "cs-confusion-measures.h"

static void
test_spammer_score (void)
{
  const float same[9] = { 0.2f, 0.3f, 0.5f, 0.2f, 0.3f, 0.5f, 0.2f, 0.3f, 0.5f };
  const float perfect[9] = { 1, 0, 0, 0, 1, 0, 0, 0, 1 };
  const float swapper[9] = { 0, 1, 0, 0, 0, 1, 1, 0, 0 };
  const float binary[4] = { 0.8f, 0.2f, 0.3f, 0.7f };
  const float mixed[9] = { 1, 0, 0, 0.5f, 0.5f, 0, 0, 0, 1 };
  const float one_row_missing[9] = { 1, 0, 0, 0, 1, 0, NAN, NAN, NAN };
  const float one_row_left[9] = { 1, 0, 0, NAN, NAN, NAN, NAN, NAN, NAN };

  /* A spammer's rows are all the same; a perfect annotator's and a consistent swapper's are
   * distinct one-hots. */
  g_assert_cmpfloat_with_epsilon (cs_spammer_score (same, 3), 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (cs_spammer_score (perfect, 3), 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (cs_spammer_score (swapper, 3), 1, 1e-12);
  /* K = 2 is the binary score (sensitivity + specificity − 1)²: (0.8 + 0.7 − 1)². */
  g_assert_cmpfloat_with_epsilon (cs_spammer_score (binary, 2), 0.25, 1e-7);
  /* Pairs 0–1: 0.25 + 0.25, 0–2: 1 + 1, 1–2: 0.25 + 0.25 + 1; 4 / (3 · 2). */
  g_assert_cmpfloat_with_epsilon (cs_spammer_score (mixed, 3), 4.0 / 6, 1e-12);
  /* Rows without data are left out: two perfect rows still score 1, one row scores nothing. */
  g_assert_cmpfloat_with_epsilon (cs_spammer_score (one_row_missing, 3), 1, 1e-12);
  g_assert_true (isnan (cs_spammer_score (one_row_left, 3)));
}

static void
test_row_distances (void)
{
  const float half[2] = { 0.5f, 0.5f }, one[2] = { 1, 0 }, other[2] = { 0, 1 };
  const float missing[2] = { NAN, NAN };
  /* M = (¾, ¼): ½ (½ log₂ ⅔ + ½ log₂ 2) + ½ log₂ (4/3). */
  double js = 0.5 * (0.5 * log2 (2.0 / 3) + 0.5) + 0.5 * log2 (4.0 / 3);

  g_assert_cmpfloat_with_epsilon (cs_row_distance (CS_DISTANCE_TOTAL_VARIATION, half, one, 2), 0.5, 1e-7);
  g_assert_cmpfloat_with_epsilon (cs_row_distance (CS_DISTANCE_JENSEN_SHANNON, half, one, 2), js, 1e-7);
  g_assert_cmpfloat_with_epsilon (cs_row_distance (CS_DISTANCE_JENSEN_SHANNON, one, half, 2), js, 1e-7);
  /* Disjoint distributions are as far apart as either measure goes, equal ones not at all. */
  g_assert_cmpfloat (cs_row_distance (CS_DISTANCE_TOTAL_VARIATION, one, other, 2), ==, 1);
  g_assert_cmpfloat (cs_row_distance (CS_DISTANCE_JENSEN_SHANNON, one, other, 2), ==, 1);
  g_assert_cmpfloat (cs_row_distance (CS_DISTANCE_JENSEN_SHANNON, half, half, 2), ==, 0);
  g_assert_true (isnan (cs_row_distance (CS_DISTANCE_TOTAL_VARIATION, missing, one, 2)));
}

static void
test_matrix_distance (void)
{
  const float a[3 * 3] = { 0.5f, 0.5f, 0, NAN, NAN, NAN, 0, 0, 1 };
  const float b[3 * 3] = { 1, 0, 0, 0, 1, 0, 0, 1, 0 };
  const float nothing[3 * 3] = { NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN };
  double rows[3];

  /* Rows 0 (0.5 apart) and 2 (1 apart); row 1 has no data in a. */
  g_assert_cmpfloat_with_epsilon (cs_confusion_distance (CS_DISTANCE_TOTAL_VARIATION, rows, a, b, 3),
                                  0.75, 1e-7);
  g_assert_cmpfloat_with_epsilon (rows[0], 0.5, 1e-7);
  g_assert_true (isnan (rows[1]));
  g_assert_cmpfloat (rows[2], ==, 1);
  g_assert_true (isnan (cs_confusion_distance (CS_DISTANCE_JENSEN_SHANNON, NULL, nothing, b, 3)));
}

static void
test_top_off_diagonal (void)
{
  const float m[3 * 3] = { 0.5f, 0.41f, 0.09f, 0.2f, 0.8f, 0, 0.41f, NAN, 0.59f };
  static const CsConfusionCell all[] = {
    { 0, 1, 0.41f }, { 2, 0, 0.41f }, { 1, 0, 0.2f }, { 0, 2, 0.09f }, { 1, 2, 0 },
  };
  CsConfusionCell cells[8];
  int n;

  /* The two largest: a tie, in row order; the diagonal and the NaN cell never appear. */
  g_assert_cmpint (cs_confusion_top_off_diagonal (cells, 2, m, 3), ==, 2);
  for (int i = 0; i < 2; i++)
    {
      g_assert_cmpint (cells[i].row, ==, all[i].row);
      g_assert_cmpint (cells[i].column, ==, all[i].column);
    }
  n = cs_confusion_top_off_diagonal (cells, G_N_ELEMENTS (cells), m, 3);
  g_assert_cmpint (n, ==, G_N_ELEMENTS (all));
  for (int i = 0; i < n; i++)
    {
      g_assert_cmpint (cells[i].row, ==, all[i].row);
      g_assert_cmpint (cells[i].column, ==, all[i].column);
      g_assert_cmpfloat (cells[i].value, ==, all[i].value);
    }
  g_assert_cmpint (cs_confusion_top_off_diagonal (NULL, 0, m, 3), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/confusion-measures/spammer-score", test_spammer_score);
  g_test_add_func ("/confusion-measures/row-distances", test_row_distances);
  g_test_add_func ("/confusion-measures/matrix-distance", test_matrix_distance);
  g_test_add_func ("/confusion-measures/top-off-diagonal", test_top_off_diagonal);
  return g_test_run ();
}
