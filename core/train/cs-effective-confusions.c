/* cs-effective-confusions.c — how each annotator labels under CoNAL, its w taken into account
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-effective-confusions.h"

#include <math.h>
#include <string.h>

#include "cs-learned-confusions.h"
#include "cs-rank.h"

void
cs_annotator_mean_w (float         *mean_w,
                     const float   *w,
                     const CsSplit *split,
                     int            R)
{
  g_return_if_fail (mean_w != NULL || R == 0);
  g_return_if_fail (split != NULL);
  g_return_if_fail (w != NULL || split->n_labels == 0);

  for (int r = 0; r < R; r++)
    {
      int begin = split->annotator_offsets[r], end = split->annotator_offsets[r + 1];
      double sum = 0;

      for (int j = begin; j < end; j++)
        sum += w[split->by_annotator[j]];
      mean_w[r] = end > begin ? (float) (sum / (end - begin)) : NAN;
    }
}

void
cs_item_mean_w (float         *mean_w,
                int           *order,
                const float   *w,
                const CsSplit *split)
{
  g_return_if_fail (split != NULL);
  g_return_if_fail (mean_w != NULL || split->n == 0);
  g_return_if_fail (w != NULL || split->n_labels == 0);

  for (int i = 0; i < split->n; i++)
    {
      int begin = split->item_offsets[i], end = split->item_offsets[i + 1];
      double sum = 0;

      for (int l = begin; l < end; l++)
        sum += w[l];
      mean_w[i] = end > begin ? (float) (sum / (end - begin)) : NAN;
    }
  if (order == NULL)
    return;
  for (int i = 0; i < split->n; i++)
    order[i] = i;
  cs_rank_descending (order, split->n, mean_w);
}

/* row[K] = softmax (w · global_row + (1 − w) · local_row), or softmax (local_row) without a
 * global row. */
static void
mixed_row (float       *row,
           const float *global_row,
           const float *local_row,
           float        w,
           int          K)
{
  for (int c = 0; c < K; c++)
    row[c] = global_row ? w * global_row[c] + (1 - w) * local_row[c] : local_row[c];
  cs_confusion_softmax_rows (row, 1, K);
}

void
cs_label_distribution (float       *out,
                       const float *p,
                       const float *global,
                       const float *local_r,
                       float        w,
                       int          K)
{
  g_return_if_fail (out != NULL && p != NULL && local_r != NULL);

  for (int c = 0; c < K; c++)
    {
      double common = 0, own = 0;

      for (int k = 0; k < K; k++)
        {
          common += global ? (double) p[k] * global[(size_t) k * K + c] : 0;
          own += (double) p[k] * local_r[(size_t) k * K + c];
        }
      out[c] = (float) (global ? w * common + (1 - w) * own : own);
    }
  cs_confusion_softmax_rows (out, 1, K);
}

/* One annotator's K × K: the rows for each of its labels' w, summed in double and averaged. */
static void
annotator_effective (float         *out,
                     double        *sum,
                     float         *row,
                     const float   *global,
                     const float   *local,
                     const float   *w,
                     const CsSplit *split,
                     int            r,
                     int            K)
{
  int begin = split->annotator_offsets[r], end = split->annotator_offsets[r + 1];
  size_t KK = (size_t) K * K;

  if (end == begin)
    {
      for (size_t i = 0; i < KK; i++)
        out[i] = NAN;
      return;
    }
  /* Without w every label gives the same rows: one is the average. */
  if (w == NULL)
    end = begin + 1;
  memset (sum, 0, sizeof (double) * KK);
  for (int j = begin; j < end; j++)
    for (int k = 0; k < K; k++)
      {
        mixed_row (row, global ? global + (size_t) k * K : NULL, local + (size_t) k * K,
                   w ? w[split->by_annotator[j]] : 0, K);
        for (int c = 0; c < K; c++)
          sum[(size_t) k * K + c] += row[c];
      }
  for (size_t i = 0; i < KK; i++)
    out[i] = (float) (sum[i] / (end - begin));
}

void
cs_effective_confusions (float         *effective,
                         const float   *global,
                         const float   *local,
                         const float   *w,
                         const CsSplit *split,
                         int            K,
                         int            R)
{
  g_autofree double *sum = NULL;
  g_autofree float *row = NULL;
  size_t KK = (size_t) K * K;

  g_return_if_fail (effective != NULL || R == 0);
  g_return_if_fail (local != NULL || R == 0);
  g_return_if_fail ((global == NULL) == (w == NULL));
  g_return_if_fail (split != NULL && K >= 1 && R >= 0);

  sum = g_new (double, KK);
  row = g_new (float, K);
  for (int r = 0; r < R; r++)
    annotator_effective (effective + r * KK, sum, row, global, local + r * KK, w, split, r, K);
}
