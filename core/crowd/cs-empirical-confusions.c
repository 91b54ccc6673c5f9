/* cs-empirical-confusions.c — each annotator's labels counted against a reference class per item
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-empirical-confusions.h"

#include <math.h>

static gboolean
reference_is_valid (const int32_t *reference,
                    int            n,
                    int            K)
{
  for (int i = 0; i < n; i++)
    if (reference[i] < -1 || reference[i] >= K)
      return FALSE;
  return TRUE;
}

static void
count_labels (CsEmpiricalConfusions *self,
              const CsSplit         *split,
              const int32_t         *reference)
{
  int K = self->K;

  for (int l = 0; l < split->n_labels; l++)
    {
      const CsCrowdLabel *x = &split->labels[l];
      int truth = reference != NULL ? reference[x->item] : -1;

      g_assert (x->item >= 0 && x->item < split->n);
      g_assert (x->annotator >= 0 && x->annotator < self->R);
      g_assert (x->label >= 0 && x->label < K);
      if (truth < 0)
        {
          self->n_skipped++;
          continue;
        }
      self->counts[((gsize) x->annotator * K + truth) * K + x->label]++;
      self->row_labels[(gsize) x->annotator * K + truth]++;
      self->n_counted++;
    }
}

/* A row without labels has no rate to speak of: NaN says so, where 0 or 1/K would read as an
 * annotator who never (or uniformly) gives a class. */
static void
fill_rates (CsEmpiricalConfusions *self)
{
  gsize rows = (gsize) self->R * self->K;

  for (gsize row = 0; row < rows; row++)
    for (int j = 0; j < self->K; j++)
      self->rates[row * self->K + j] = self->row_labels[row] > 0 ?
        (float) ((double) self->counts[row * self->K + j] / self->row_labels[row]) : NAN;
}

/**
 * cs_empirical_confusions_new:
 * @split: the labels to count
 * @reference: (nullable): the reference class of each of the split's items, -1 where there is
 *   none; %NULL for the split's gold classes (and, without gold, no reference at all)
 * @K: the number of classes
 * @R: the number of annotators of the dataset
 *
 * Counts, for every annotator of @split at once, how often it gave each label to items of each
 * reference class, and the rates those counts make per row. Labels on items without a reference
 * are left out and counted in n_skipped.
 *
 * Returns: (transfer full): the counts and rates
 */
CsEmpiricalConfusions *
cs_empirical_confusions_new (const CsSplit *split,
                             const int32_t *reference,
                             int            K,
                             int            R)
{
  CsEmpiricalConfusions *self;
  gsize cells = (gsize) R * K * K;

  g_return_val_if_fail (split != NULL, NULL);
  g_return_val_if_fail (split->labels != NULL || split->n_labels == 0, NULL);
  g_return_val_if_fail (K >= 1 && R >= 1, NULL);

  if (reference == NULL)
    reference = split->gold;
  g_return_val_if_fail (reference == NULL || reference_is_valid (reference, split->n, K), NULL);

  self = g_new0 (CsEmpiricalConfusions, 1);
  self->K = K;
  self->R = R;
  self->counts = g_new0 (int, cells);
  self->row_labels = g_new0 (int, (gsize) R * K);
  self->rates = g_new (float, cells);
  count_labels (self, split, reference);
  fill_rates (self);
  return self;
}

void
cs_empirical_confusions_free (CsEmpiricalConfusions *self)
{
  if (self == NULL)
    return;
  g_free (self->counts);
  g_free (self->row_labels);
  g_free (self->rates);
  g_free (self);
}

void
cs_predicted_classes (int32_t     *classes,
                      const float *probs,
                      int          n,
                      int          K)
{
  g_return_if_fail (classes != NULL || n == 0);
  g_return_if_fail (probs != NULL || n == 0);
  g_return_if_fail (K >= 1);

  for (int i = 0; i < n; i++)
    {
      const float *row = probs + (gsize) i * K;
      int best = 0;

      for (int k = 1; k < K; k++)
        best = row[k] > row[best] ? k : best;
      classes[i] = best;
    }
}
