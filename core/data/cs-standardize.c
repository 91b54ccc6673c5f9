/* cs-standardize.c — rescaling features with train-split statistics
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include <math.h>

#include "cs-dataset-builder.h"
#include "cs-standardize.h"

/* Population mean and standard deviation of every column, accumulated in double. A constant
 * column gets std 0. */
void
cs_feature_moments (float       *mean,
                    float       *std,
                    const float *x,
                    int          n,
                    int          d)
{
  g_autofree double *sum = g_new0 (double, d);
  g_autofree double *sq = g_new0 (double, d);

  for (int i = 0; i < n; i++)
    for (int j = 0; j < d; j++)
      sum[j] += x[(gsize) i * d + j];
  for (int j = 0; j < d; j++)
    sum[j] /= n;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < d; j++)
      {
        double c = x[(gsize) i * d + j] - sum[j];

        sq[j] += c * c;
      }
  for (int j = 0; j < d; j++)
    {
      mean[j] = (float) sum[j];
      std[j] = (float) sqrt (sq[j] / n);
    }
}

/* The ratio between the largest and the smallest non-zero column deviation, and where. */
static double
scale_ratio (const float *std,
             int          d,
             int         *widest,
             int         *narrowest)
{
  *widest = *narrowest = -1;
  for (int j = 0; j < d; j++)
    {
      if (std[j] <= 0)
        continue;
      if (*widest < 0 || std[j] > std[*widest])
        *widest = j;
      if (*narrowest < 0 || std[j] < std[*narrowest])
        *narrowest = j;
    }
  return *widest < 0 ? 1.0 : (double) std[*widest] / std[*narrowest];
}

static void
apply (CsDataset *dataset)
{
  int d = dataset->d;

  for (int s = 0; s < CS_N_SPLITS; s++)
    {
      CsSplit *split = &dataset->splits[s];

      if (!split->present)
        continue;
      for (int i = 0; i < split->n; i++)
        for (int j = 0; j < d; j++)
          {
            float *v = &split->features[(gsize) i * d + j];
            float sd = dataset->feature_std[j] > 0 ? dataset->feature_std[j] : 1.0f;

            *v = (*v - dataset->feature_mean[j]) / sd;
          }
    }
  dataset->standardized = true;
}

/* A magnitude as a notice shows it, never with an exponent: a whole number from 1000 up
 * ("8432", not "8.43e+03"), three significant digits below, with as many decimals as they take
 * under 0.0001. Counts in notices are plain integers, without grouping. */
static char *
format_plainly (double value)
{
  double magnitude = fabs (value);

  if (magnitude >= 999.5)
    return g_strdup_printf ("%.0f", value);
  if (magnitude > 0 && magnitude < 1e-4)
    return g_strdup_printf ("%.*f", 2 - (int) floor (log10 (magnitude)), value);
  return g_strdup_printf ("%.3g", value);
}

static char *
describe_scales (double      ratio,
                 int         widest,
                 float       widest_std,
                 int         narrowest,
                 float       narrowest_std,
                 const char *outcome)
{
  g_autofree char *factor = format_plainly (ratio);
  g_autofree char *wide = format_plainly (widest_std);
  g_autofree char *narrow = format_plainly (narrowest_std);

  return g_strdup_printf (_("Feature scales differ by a factor of %s (column %d: std %s, column %d: "
                            "std %s)%s"), factor, widest, wide, narrowest, narrow, outcome);
}

void
cs_standardize_dataset (CsDataset     *dataset,
                        CsStandardize  mode)
{
  const CsSplit *train = &dataset->splits[CS_SPLIT_TRAIN];
  g_autofree float *mean = g_new (float, dataset->d);
  g_autofree float *std = g_new (float, dataset->d);
  int widest, narrowest;
  double ratio;

  g_assert (train->present);

  cs_feature_moments (mean, std, train->features, train->n, dataset->d);
  ratio = scale_ratio (std, dataset->d, &widest, &narrowest);
  if (mode == CS_STANDARDIZE_NEVER ||
      (mode == CS_STANDARDIZE_AUTO && ratio <= CS_STANDARDIZE_SCALE_RATIO))
    {
      if (ratio > CS_STANDARDIZE_SCALE_RATIO)
        g_ptr_array_add (dataset->warnings,
                         describe_scales (ratio, widest, std[widest], narrowest, std[narrowest],
                                          _(" and were left as they are")));
      return;
    }
  dataset->feature_mean = g_steal_pointer (&mean);
  dataset->feature_std = g_steal_pointer (&std);
  apply (dataset);
  if (mode == CS_STANDARDIZE_AUTO)
    g_ptr_array_add (dataset->warnings,
                     describe_scales (ratio, widest, dataset->feature_std[widest], narrowest,
                                      dataset->feature_std[narrowest],
                                      _("; features were standardised with the train split's "
                                        "mean and deviation")));
}
