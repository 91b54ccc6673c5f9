/* test-curve-band.c — several runs' curves summed up epoch by epoch
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "cs-curve-band.h"
#include "cs-experiment.h"
#include "cs-published.h"

static GArray *
history_new (const double *test,
             int           n)
{
  GArray *history = g_array_new (FALSE, TRUE, sizeof (CsEpochMetrics));

  for (int e = 0; e < n; e++)
    {
      CsEpochMetrics m = { .epoch = e + 1, .train_loss = 1.0 / (e + 1), .valid_accuracy = NAN,
                           .test_accuracy = test[e] };

      g_array_append_val (history, m);
    }
  return history;
}

/* Each epoch's mean and std are cs_mean_std's over the runs that reached it; a shorter run
 * leaves the later epochs, and a metric never measured is NaN with no runs. */
static void
test_band (void)
{
  static const double a[] = { 0.50, 0.60, 0.70, 0.80 };
  static const double b[] = { 0.40, 0.70 };
  static const double c[] = { 0.45, 0.65, 0.75 };
  GArray *histories[] = { history_new (a, 4), NULL, history_new (b, 2), history_new (c, 3) };
  g_autoptr(CsCurveBand) test = cs_curve_band_new (histories, G_N_ELEMENTS (histories),
                                                   CS_CURVE_TEST_ACCURACY);
  g_autoptr(CsCurveBand) valid = cs_curve_band_new (histories, G_N_ELEMENTS (histories),
                                                    CS_CURVE_VALID_ACCURACY);
  g_autoptr(CsCurveBand) loss = cs_curve_band_new (histories, G_N_ELEMENTS (histories),
                                                   CS_CURVE_TRAIN_LOSS);
  static const int expected_runs[] = { 3, 3, 2, 1 };

  g_assert_cmpint (test->n_epochs, ==, 4);
  for (int e = 0; e < 4; e++)
    {
      double values[3], mean, std;
      int n = 0;

      if (e < 4) values[n++] = a[e];
      if (e < 2) values[n++] = b[e];
      if (e < 3) values[n++] = c[e];
      cs_mean_std (values, n, &mean, &std);
      g_assert_cmpint (test->n_runs[e], ==, expected_runs[e]);
      g_assert_cmpfloat_with_epsilon (test->mean[e], mean, 1e-12);
      g_assert_cmpfloat_with_epsilon (test->std[e], std, 1e-12);
      g_assert_true (isnan (valid->mean[e]) && isnan (valid->std[e]));
      g_assert_cmpint (valid->n_runs[e], ==, 0);
      g_assert_cmpfloat_with_epsilon (loss->mean[e], 1.0 / (e + 1), 1e-12);
      g_assert_cmpfloat (loss->std[e], ==, 0.0);
    }
  g_assert_cmpfloat (test->std[3], ==, 0.0);
  for (guint i = 0; i < G_N_ELEMENTS (histories); i++)
    if (histories[i] != NULL)
      g_array_unref (histories[i]);
}

static void
test_empty (void)
{
  g_autoptr(CsCurveBand) band = cs_curve_band_new (NULL, 0, CS_CURVE_TEST_ACCURACY);

  g_assert_cmpint (band->n_epochs, ==, 0);
}

/* The CoNAL paper's figures, found by a part of the dataset's name in any case. */
static void
test_published (void)
{
  const CsPublished *labelme = cs_published_find ("LabelMe-shared", CS_METHOD_CONAL);
  const CsPublished *music = cs_published_find ("music", CS_METHOD_CONAL);

  g_assert_nonnull (labelme);
  g_assert_cmpfloat (labelme->test_mean, ==, 0.8712);
  g_assert_cmpfloat (labelme->test_std, ==, 0.0055);
  g_assert_nonnull (music);
  g_assert_cmpfloat (music->test_mean, ==, 0.8406);
  g_assert_null (cs_published_find ("labelme", CS_METHOD_MAJORITY));
  g_assert_null (cs_published_find ("demo", CS_METHOD_CONAL));
  g_assert_null (cs_published_find (NULL, CS_METHOD_CONAL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/curve-band/band", test_band);
  g_test_add_func ("/curve-band/empty", test_empty);
  g_test_add_func ("/curve-band/published", test_published);
  return g_test_run ();
}
