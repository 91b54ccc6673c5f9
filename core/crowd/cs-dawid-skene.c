/* cs-dawid-skene.c — Dawid & Skene's EM estimate of true classes and annotator confusions
 *
 * Starts from the vote shares, then alternates: confusions and class priors from the current
 * posteriors (M), posteriors from the confusions (E). Every step walks the labels, so the
 * cost is O(labels · K + annotators · K²) a round.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-dawid-skene.h"
#include "cs-majority-vote.h"

/* Additive smoothing of the confusion counts, so an annotator's unseen (class, label) pair
 * is unlikely rather than impossible. */
#define SMOOTHING 0.01
#define TOLERANCE 1e-6

static void
m_step (CsDawidSkene  *ds,
        const CsSplit *split)
{
  int K = ds->K;

  for (size_t i = 0; i < (size_t) ds->R * K * K; i++)
    ds->confusions[i] = SMOOTHING;
  for (int k = 0; k < K; k++)
    ds->priors[k] = SMOOTHING;
  for (int i = 0; i < ds->n; i++)
    {
      const float *t = ds->posteriors + (size_t) i * K;

      if (split->item_offsets[i + 1] == split->item_offsets[i])
        continue;
      for (int k = 0; k < K; k++)
        ds->priors[k] += t[k];
      for (int l = split->item_offsets[i]; l < split->item_offsets[i + 1]; l++)
        {
          float *conf = ds->confusions + (size_t) split->labels[l].annotator * K * K;

          for (int k = 0; k < K; k++)
            conf[k * K + split->labels[l].label] += t[k];
        }
    }
  for (int r = 0; r < ds->R; r++)
    for (int k = 0; k < K; k++)
      {
        float *row = ds->confusions + ((size_t) r * K + k) * K;
        double sum = 0;

        for (int j = 0; j < K; j++)
          sum += row[j];
        for (int j = 0; j < K; j++)
          row[j] = (float) (row[j] / sum);
      }
  {
    double sum = 0;

    for (int k = 0; k < K; k++)
      sum += ds->priors[k];
    for (int k = 0; k < K; k++)
      ds->priors[k] = (float) (ds->priors[k] / sum);
  }
}

/* Returns the largest change of any posterior. */
static double
e_step (CsDawidSkene  *ds,
        const CsSplit *split,
        double        *log_scratch)
{
  int K = ds->K;
  double change = 0;

  ds->log_likelihood = 0;
  for (int i = 0; i < ds->n; i++)
    {
      float *t = ds->posteriors + (size_t) i * K;
      double top = -INFINITY, sum = 0;

      for (int k = 0; k < K; k++)
        log_scratch[k] = log (ds->priors[k]);
      for (int l = split->item_offsets[i]; l < split->item_offsets[i + 1]; l++)
        {
          const float *conf = ds->confusions + (size_t) split->labels[l].annotator * K * K;

          for (int k = 0; k < K; k++)
            log_scratch[k] += log (conf[k * K + split->labels[l].label]);
        }
      for (int k = 0; k < K; k++)
        top = fmax (top, log_scratch[k]);
      for (int k = 0; k < K; k++)
        sum += exp (log_scratch[k] - top);
      for (int k = 0; k < K; k++)
        {
          float next = (float) (exp (log_scratch[k] - top) / sum);

          change = fmax (change, fabs (next - t[k]));
          t[k] = next;
        }
      ds->log_likelihood += top + log (sum);
    }
  return change;
}

CsDawidSkene *
cs_dawid_skene_run (const CsSplit *split,
                    int            K,
                    int            R,
                    int            max_iterations)
{
  CsDawidSkene *ds;
  g_autofree int32_t *hard = NULL;
  g_autofree double *log_scratch = NULL;

  g_return_val_if_fail (split != NULL && K > 1 && R >= 0, NULL);

  ds = g_new0 (CsDawidSkene, 1);
  ds->n = split->n;
  ds->K = K;
  ds->R = R;
  ds->posteriors = g_new0 (float, (size_t) split->n * K);
  ds->confusions = g_new0 (float, MAX ((size_t) R * K * K, 1));
  ds->priors = g_new0 (float, K);
  hard = g_new (int32_t, split->n);
  log_scratch = g_new (double, K);

  cs_majority_vote (hard, ds->posteriors, split, K);
  for (ds->iterations = 0; ds->iterations < max_iterations; ds->iterations++)
    {
      m_step (ds, split);
      if (e_step (ds, split, log_scratch) < TOLERANCE)
        {
          ds->iterations++;
          break;
        }
    }
  return ds;
}

void
cs_dawid_skene_free (CsDawidSkene *self)
{
  g_free (self->posteriors);
  g_free (self->confusions);
  g_free (self->priors);
  g_free (self);
}

double
cs_dawid_skene_accuracy (const CsDawidSkene *self,
                         int                 r)
{
  const float *confusion;
  double accuracy = 0;

  g_return_val_if_fail (self != NULL && r >= 0 && r < self->R, NAN);

  confusion = self->confusions + (size_t) r * self->K * self->K;
  for (int k = 0; k < self->K; k++)
    accuracy += (double) self->priors[k] * confusion[(size_t) k * self->K + k];
  return accuracy;
}

static void
normalise_rows (double *counts,
                int     n_rows,
                int     K)
{
  for (int k = 0; k < n_rows; k++)
    {
      double *row = counts + (size_t) k * K, sum = 0;

      for (int j = 0; j < K; j++)
        sum += row[j];
      for (int j = 0; j < K; j++)
        row[j] = sum > 0 ? row[j] / sum : 1.0 / K;
    }
}

void
cs_dawid_skene_shrunk_confusions (const CsDawidSkene *self,
                                  const CsSplit      *split,
                                  double              prior_labels,
                                  float              *pooled,
                                  float              *local)
{
  int K = self->K, R = self->R;
  g_autofree double *counts = g_new0 (double, (size_t) (R + 1) * K * K);
  double *all = counts + (size_t) R * K * K;

  g_return_if_fail (split->n == self->n && prior_labels >= 0);

  for (int i = 0; i < split->n; i++)
    for (int l = split->item_offsets[i]; l < split->item_offsets[i + 1]; l++)
      {
        const float *t = self->posteriors + (size_t) i * K;
        double *mine = counts + (size_t) split->labels[l].annotator * K * K;

        for (int k = 0; k < K; k++)
          {
            mine[k * K + split->labels[l].label] += t[k];
            all[k * K + split->labels[l].label] += t[k];
          }
      }
  /* A little of every label in the pooled rows: a class no label was put down to is rare,
   * not impossible. */
  for (int j = 0; j < K * K; j++)
    all[j] += SMOOTHING;
  normalise_rows (all, K, K);
  for (int r = 0; r < R; r++)
    for (int j = 0; j < K * K; j++)
      counts[(size_t) r * K * K + j] += prior_labels * all[j];
  normalise_rows (counts, R * K, K);
  for (int j = 0; j < K * K; j++)
    pooled[j] = (float) all[j];
  for (size_t j = 0; j < (size_t) R * K * K; j++)
    local[j] = (float) counts[j];
}
