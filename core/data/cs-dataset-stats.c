/* cs-dataset-stats.c — the figures that describe a dataset's crowd
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cs-dataset-stats.h"
#include "cs-majority-vote.h"

static int
compare_ints (const void *a,
              const void *b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return (x > y) - (x < y);
}

static void
count_per_item (CsDatasetStats  *stats,
                const CsDataset *dataset)
{
  stats->labels_per_item_min = G_MAXINT;
  for (int s = 0; s < CS_N_SPLITS; s++)
    {
      const CsSplit *split = &dataset->splits[s];

      if (!split->present || split->n_labels == 0)
        continue;
      stats->n_crowd_items += split->n;
      for (int i = 0; i < split->n; i++)
        {
          int k = split->item_offsets[i + 1] - split->item_offsets[i];

          stats->labels_per_item_min = MIN (stats->labels_per_item_min, k);
          stats->labels_per_item_max = MAX (stats->labels_per_item_max, k);
          stats->n_items_without_label += k == 0;
        }
    }
  if (stats->n_crowd_items == 0)
    stats->labels_per_item_min = 0;
  stats->labels_per_item_mean = stats->n_crowd_items ? (double) stats->n_labels / stats->n_crowd_items : 0;
  stats->labels_per_item_histogram = g_new0 (int, stats->labels_per_item_max + 1);
  for (int s = 0; s < CS_N_SPLITS; s++)
    {
      const CsSplit *split = &dataset->splits[s];

      for (int i = 0; split->present && split->n_labels > 0 && i < split->n; i++)
        stats->labels_per_item_histogram[split->item_offsets[i + 1] - split->item_offsets[i]]++;
    }
}

static void
count_per_annotator (CsDatasetStats  *stats,
                     const CsDataset *dataset)
{
  int R = dataset->n_annotators;
  g_autofree int *sorted = g_new0 (int, MAX (R, 1));

  stats->labels_per_annotator = g_new0 (int, MAX (R, 1));
  for (int s = 0; s < CS_N_SPLITS; s++)
    for (int r = 0; dataset->splits[s].present && r < R; r++)
      stats->labels_per_annotator[r] += dataset->splits[s].annotator_offsets[r + 1] -
                                        dataset->splits[s].annotator_offsets[r];
  if (R == 0)
    return;
  memcpy (sorted, stats->labels_per_annotator, sizeof (int) * R);
  qsort (sorted, R, sizeof (int), compare_ints);
  stats->labels_per_annotator_min = sorted[0];
  stats->labels_per_annotator_max = sorted[R - 1];
  stats->labels_per_annotator_median = R % 2 ? sorted[R / 2] : 0.5 * (sorted[R / 2 - 1] + sorted[R / 2]);
}

static void
count_against_gold (CsDatasetStats  *stats,
                    const CsDataset *dataset)
{
  for (int s = 0; s < CS_N_SPLITS; s++)
    {
      const CsSplit *split = &dataset->splits[s];
      g_autofree int32_t *vote = NULL;

      if (!split->present || split->gold == NULL)
        continue;
      stats->class_counts[s] = g_new0 (int, dataset->n_classes);
      for (int i = 0; i < split->n; i++)
        if (split->gold[i] >= 0)
          stats->class_counts[s][split->gold[i]]++;
      for (int l = 0; l < split->n_labels; l++)
        {
          int32_t gold = split->gold[split->labels[l].item];

          stats->n_labels_with_gold += gold >= 0;
          stats->n_labels_matching_gold += gold >= 0 && gold == split->labels[l].label;
        }
      if (split->n_labels == 0)
        continue;
      vote = g_new (int32_t, split->n);
      cs_majority_vote (vote, NULL, split, dataset->n_classes);
      for (int i = 0; i < split->n; i++)
        if (split->gold[i] >= 0 && vote[i] >= 0)
          {
            stats->n_majority_items++;
            stats->n_majority_correct += vote[i] == split->gold[i];
          }
    }
  stats->crowd_accuracy = stats->n_labels_with_gold ?
    (double) stats->n_labels_matching_gold / stats->n_labels_with_gold : NAN;
  stats->majority_vote_accuracy = stats->n_majority_items ?
    (double) stats->n_majority_correct / stats->n_majority_items : NAN;
}

/* Each annotator against gold, and against the majority vote of the item's other labels (leave
 * one out: an annotator's own label would count as agreement with itself). */
static void
count_annotators (CsDatasetStats  *stats,
                  const CsDataset *dataset)
{
  int R = MAX (dataset->n_annotators, 1), K = dataset->n_classes;
  g_autofree int *votes = g_new (int, K);

  stats->annotator_with_gold = g_new0 (int, R);
  stats->annotator_correct = g_new0 (int, R);
  stats->annotator_with_others = g_new0 (int, R);
  stats->annotator_agree_others = g_new0 (int, R);
  for (int s = 0; s < CS_N_SPLITS; s++)
    {
      const CsSplit *split = &dataset->splits[s];

      for (int i = 0; split->present && i < split->n; i++)
        {
          int n = cs_votes_count (votes, split, i, K);
          int32_t gold = split->gold ? split->gold[i] : -1;

          for (int l = split->item_offsets[i]; l < split->item_offsets[i + 1]; l++)
            {
              const CsCrowdLabel *c = &split->labels[l];
              int others;

              stats->annotator_with_gold[c->annotator] += gold >= 0;
              stats->annotator_correct[c->annotator] += gold >= 0 && c->label == gold;
              if (n < 2)
                continue;
              votes[c->label]--;
              others = cs_votes_winner (votes, K);
              votes[c->label]++;
              stats->annotator_with_others[c->annotator]++;
              stats->annotator_agree_others[c->annotator] += c->label == others;
            }
        }
    }
}

CsDatasetStats *
cs_dataset_stats_new (const CsDataset *dataset)
{
  CsDatasetStats *stats;

  g_return_val_if_fail (dataset != NULL, NULL);

  stats = g_new0 (CsDatasetStats, 1);
  stats->n_labels = cs_dataset_get_n_labels (dataset);
  count_per_item (stats, dataset);
  count_per_annotator (stats, dataset);
  count_against_gold (stats, dataset);
  count_annotators (stats, dataset);
  return stats;
}

void
cs_dataset_stats_free (CsDatasetStats *self)
{
  g_free (self->labels_per_item_histogram);
  g_free (self->labels_per_annotator);
  g_free (self->annotator_with_gold);
  g_free (self->annotator_correct);
  g_free (self->annotator_with_others);
  g_free (self->annotator_agree_others);
  for (int s = 0; s < CS_N_SPLITS; s++)
    g_free (self->class_counts[s]);
  g_free (self);
}
