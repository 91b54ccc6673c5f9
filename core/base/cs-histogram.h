/* cs-histogram.h — whole-number counts in equal-width bins, for the overview's bar charts
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Bin b holds the values in [lo + b · width, lo + (b + 1) · width). */
typedef struct
{
  int  lo;
  int  width;
  int  n_bins;
  int *counts;   /* [n_bins] */
} CsHistogram;

/* Bins from the smallest of values[n] to the largest, as few values wide as keeps them at
 * most max_bins; one bin of width 1 at 0 when n is 0. */
CsHistogram *cs_histogram_new  (const int   *values,
                                int          n,
                                int          max_bins);
void         cs_histogram_free (CsHistogram *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsHistogram, cs_histogram_free)

G_END_DECLS
