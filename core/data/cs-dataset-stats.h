/* cs-dataset-stats.h — the figures that describe a dataset's crowd
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-dataset.h"

G_BEGIN_DECLS

/* Counts over every split that has crowd labels. Accuracies are NaN when no gold is known. */
struct _CsDatasetStats
{
  int     n_labels;
  int     n_crowd_items;                /* items of splits that have crowd labels */
  int     n_items_without_label;
  double  labels_per_item_mean;
  int     labels_per_item_min;
  int     labels_per_item_max;
  int    *labels_per_item_histogram;    /* [labels_per_item_max + 1]: items with k labels */
  int    *labels_per_annotator;         /* [R] */
  double  labels_per_annotator_median;
  int     labels_per_annotator_min;
  int     labels_per_annotator_max;
  int     n_labels_with_gold;
  int     n_labels_matching_gold;
  double  crowd_accuracy;               /* share of labels that match gold */
  int     n_majority_items;             /* items with gold and at least one label */
  int     n_majority_correct;
  double  majority_vote_accuracy;
  int    *class_counts[CS_N_SPLITS];    /* [K] gold counts, NULL for absent splits */

  /* Per annotator [R], over every split. */
  int    *annotator_with_gold;          /* labels of items whose gold is known */
  int    *annotator_correct;            /* of those, labels that match gold */
  int    *annotator_with_others;        /* labels of items someone else labelled too */
  int    *annotator_agree_others;       /* of those, labels that match the others' majority vote */
};

CsDatasetStats *cs_dataset_stats_new  (const CsDataset *dataset);
void            cs_dataset_stats_free (CsDatasetStats  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsDatasetStats, cs_dataset_stats_free)

G_END_DECLS
