/* cs-dataset-figures.c — what the window shows of a dataset before any run
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-dataset-figures.h"

/* As many iterations as the Dawid–Skene method trains on (cs_train_config_init). */
#define DS_ITERATIONS 50

CsDatasetFigures *
cs_dataset_figures_new (const CsDataset *dataset)
{
  const CsSplit *train;
  CsDatasetFigures *self;
  int K, R;

  g_return_val_if_fail (dataset != NULL, NULL);

  train = &dataset->splits[CS_SPLIT_TRAIN];
  K = dataset->n_classes;
  R = dataset->n_annotators;
  self = g_new0 (CsDatasetFigures, 1);
  self->stats = cs_dataset_stats_new (dataset);
  self->dawid_skene = cs_dawid_skene_run (train, K, R, DS_ITERATIONS);
  if (train->gold != NULL)
    self->against_gold = cs_empirical_confusions_new (train, NULL, K, R);
  self->ds_accuracy = g_new (double, MAX (R, 1));
  for (int r = 0; r < R; r++)
    self->ds_accuracy[r] = cs_dawid_skene_accuracy (self->dawid_skene, r);
  return self;
}

void
cs_dataset_figures_free (CsDatasetFigures *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->stats, cs_dataset_stats_free);
  g_clear_pointer (&self->dawid_skene, cs_dawid_skene_free);
  g_clear_pointer (&self->against_gold, cs_empirical_confusions_free);
  g_free (self->ds_accuracy);
  g_free (self);
}
