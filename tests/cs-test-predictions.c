/* cs-test-predictions.c — predictions made by hand, for tests that need to know every value
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-test-predictions.h"

#include <math.h>
#include <string.h>

static void
fill_item (CsPredictions          *self,
           int                     i,
           const CsTestPrediction *row,
           int                     index)
{
  CsPrediction *p = &self->items[i];
  int *counts = self->vote_counts + (size_t) i * self->K;
  float *probs = self->probs + (size_t) i * self->K;

  memcpy (counts, row->votes, sizeof (int) * self->K);
  for (int k = 0; k < self->K; k++)
    probs[k] = k == row->predicted ? row->probability : (1 - row->probability) / (self->K - 1);
  p->split = row->split;
  p->index = index;
  p->id = row->id;
  p->image_path = row->image_path;
  p->gold = row->gold;
  p->predicted = row->predicted;
  p->probability = row->probability;
  cs_prediction_set_votes (p, counts, self->K, self->dataset->class_names);
  p->mean_w = row->mean_w;
  self->has_mean_w |= !isnan (row->mean_w);
}

CsPredictions *
cs_test_predictions_new (CsDataset              *dataset,
                         const CsTestPrediction *rows,
                         int                     n)
{
  CsPredictions *self = g_new0 (CsPredictions, 1);
  int index[CS_N_SPLITS] = { 0 };

  g_assert_cmpint (dataset->n_classes, <=, CS_TEST_PREDICTION_MAX_K);
  self->dataset = cs_dataset_ref (dataset);
  self->n = n;
  self->K = dataset->n_classes;
  self->items = g_new0 (CsPrediction, MAX (n, 1));
  self->probs = g_new0 (float, (size_t) MAX (n, 1) * self->K);
  self->vote_counts = g_new0 (int, (size_t) MAX (n, 1) * self->K);
  for (int i = 0; i < n; i++)
    fill_item (self, i, &rows[i], index[rows[i].split]++);
  return self;
}
