/* cs-histogram.c — whole-number counts in equal-width bins
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-histogram.h"

CsHistogram *
cs_histogram_new (const int *values,
                  int        n,
                  int        max_bins)
{
  CsHistogram *self;
  int lo = 0, hi = 0;

  g_return_val_if_fail (n >= 0 && (n == 0 || values != NULL), NULL);
  g_return_val_if_fail (max_bins >= 1, NULL);

  for (int i = 0; i < n; i++)
    {
      lo = i == 0 ? values[i] : MIN (lo, values[i]);
      hi = i == 0 ? values[i] : MAX (hi, values[i]);
    }
  self = g_new0 (CsHistogram, 1);
  self->lo = lo;
  /* The smallest width whose bins cover [lo, hi] in max_bins. */
  self->width = ((gint64) hi - lo + max_bins) / max_bins;
  self->n_bins = (hi - lo) / self->width + 1;
  self->counts = g_new0 (int, self->n_bins);
  for (int i = 0; i < n; i++)
    self->counts[(values[i] - lo) / self->width]++;
  return self;
}

void
cs_histogram_free (CsHistogram *self)
{
  if (self == NULL)
    return;
  g_free (self->counts);
  g_free (self);
}
