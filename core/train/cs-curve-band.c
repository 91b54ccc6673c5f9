/* cs-curve-band.c — several runs' curves summed up epoch by epoch: a mean and a band of ± std
 *
 * The sums are of doubles in the runs' order, so a band is the same however the runs were
 * trained; two passes (mean, then the squared deviations) keep the std exact for values as
 * close together as accuracies of one method over seeds.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include <math.h>

#include "cs-curve-band.h"

double
cs_epoch_metrics_get (const CsEpochMetrics *metrics,
                      CsCurveField          field)
{
  switch (field)
    {
    case CS_CURVE_TEST_ACCURACY:
      return metrics->test_accuracy;
    case CS_CURVE_VALID_ACCURACY:
      return metrics->valid_accuracy;
    case CS_CURVE_TRAIN_ACCURACY:
      return metrics->train_accuracy;
    case CS_CURVE_TRAIN_LOSS:
      return metrics->train_loss;
    default:
      g_return_val_if_reached (NAN);
    }
}

const char *
cs_curve_field_get_title (CsCurveField field)
{
  static const char * const titles[] = {
    [CS_CURVE_TEST_ACCURACY] = N_("test accuracy"),
    [CS_CURVE_VALID_ACCURACY] = N_("validation accuracy"),
    [CS_CURVE_TRAIN_ACCURACY] = N_("training accuracy"),
    [CS_CURVE_TRAIN_LOSS] = N_("training loss"),
  };

  g_return_val_if_fail (field <= CS_CURVE_TRAIN_LOSS, NULL);
  return _(titles[field]);
}

bool
cs_curve_field_is_accuracy (CsCurveField field)
{
  return field != CS_CURVE_TRAIN_LOSS;
}

/* The value of run i at index e, or NaN where it has none. */
static double
value_at (GArray * const *histories,
          int             i,
          int             e,
          CsCurveField    field)
{
  if (histories[i] == NULL || (guint) e >= histories[i]->len)
    return NAN;
  return cs_epoch_metrics_get (&g_array_index (histories[i], CsEpochMetrics, e), field);
}

CsCurveBand *
cs_curve_band_new (GArray * const *histories,
                   int             n,
                   CsCurveField    field)
{
  CsCurveBand *self;
  int n_epochs = 0;

  g_return_val_if_fail (n >= 0 && (n == 0 || histories != NULL), NULL);

  for (int i = 0; i < n; i++)
    if (histories[i] != NULL)
      n_epochs = MAX (n_epochs, (int) histories[i]->len);
  self = g_new0 (CsCurveBand, 1);
  self->n_epochs = n_epochs;
  self->mean = g_new (double, MAX (n_epochs, 1));
  self->std = g_new (double, MAX (n_epochs, 1));
  self->n_runs = g_new0 (int, MAX (n_epochs, 1));
  for (int e = 0; e < n_epochs; e++)
    {
      double sum = 0, squares = 0, mean;
      int count = 0;

      for (int i = 0; i < n; i++)
        {
          double v = value_at (histories, i, e, field);

          if (isfinite (v))
            {
              sum += v;
              count++;
            }
        }
      self->n_runs[e] = count;
      if (count == 0)
        {
          self->mean[e] = self->std[e] = NAN;
          continue;
        }
      mean = sum / count;
      for (int i = 0; i < n; i++)
        {
          double v = value_at (histories, i, e, field);

          if (isfinite (v))
            squares += (v - mean) * (v - mean);
        }
      self->mean[e] = mean;
      self->std[e] = sqrt (squares / count);
    }
  return self;
}

void
cs_curve_band_free (CsCurveBand *self)
{
  if (self == NULL)
    return;
  g_free (self->mean);
  g_free (self->std);
  g_free (self->n_runs);
  g_free (self);
}
