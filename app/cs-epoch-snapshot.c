/* cs-epoch-snapshot.c — an epoch's metrics and learned matrices as the window keeps them
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-annotator-report.h"
#include "cs-effective-confusions.h"
#include "cs-epoch-snapshot.h"

void
cs_epoch_snapshot_clear (gpointer data)
{
  CsEpochSnapshot *snapshot = data;

  g_clear_pointer (&snapshot->global, g_free);
  g_clear_pointer (&snapshot->local, g_free);
  g_clear_pointer (&snapshot->effective, g_free);
  g_clear_pointer (&snapshot->mean_w, g_free);
  g_clear_pointer (&snapshot->label_w, g_free);
  g_clear_pointer (&snapshot->empirical, cs_empirical_confusions_free);
}

void
cs_epoch_snapshot_free (CsEpochSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  cs_epoch_snapshot_clear (snapshot);
  g_free (snapshot);
}

GArray *
cs_epoch_snapshot_array_new (void)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (CsEpochSnapshot));

  g_array_set_clear_func (array, cs_epoch_snapshot_clear);
  return array;
}

void
cs_epoch_snapshot_fill (CsEpochSnapshot *snapshot,
                        const CsDataset *dataset,
                        CsModel         *model,
                        float           *label_w,
                        gboolean         effective)
{
  const CsModelShape *shape = cs_model_get_shape (model);
  const CsSplit *train = &dataset->splits[CS_SPLIT_TRAIN];
  CsParams *params = cs_model_get_params (model);
  size_t KK = (size_t) shape->K * shape->K;

  if (params->global)
    snapshot->global = g_memdup2 (params->global, sizeof (float) * KK);
  if (params->local)
    snapshot->local = g_memdup2 (params->local, sizeof (float) * KK * shape->R);
  if (effective && params->global && params->local && cs_model_label_w (model, train, label_w))
    {
      snapshot->effective = g_new (float, KK * shape->R);
      snapshot->mean_w = g_new (float, MAX (shape->R, 1));
      cs_effective_confusions (snapshot->effective, params->global, params->local, label_w,
                               train, shape->K, shape->R);
      cs_annotator_mean_w (snapshot->mean_w, label_w, train, shape->R);
    }
}

/* The train labels counted against gold where it is known and against the result's most
 * probable class elsewhere, so that data without gold has empirical matrices. */
static CsEmpiricalConfusions *
result_empirical (const CsDataset *dataset,
                  CsModel         *model)
{
  const CsSplit *train = &dataset->splits[CS_SPLIT_TRAIN];
  int K = dataset->n_classes;
  g_autofree int32_t *reference = g_new (int32_t, MAX (train->n, 1));
  g_autofree float *probs = g_new (float, MAX ((size_t) train->n * K, 1));

  cs_model_reference_classes (model, train, reference, probs);
  return cs_empirical_confusions_new (train, reference, K, dataset->n_annotators);
}

CsEpochSnapshot *
cs_epoch_snapshot_new_result (const CsRun *run)
{
  const CsDataset *dataset = run->dataset;
  size_t n_labels = MAX (dataset->splits[CS_SPLIT_TRAIN].n_labels, 1);
  CsEpochSnapshot *result = g_new0 (CsEpochSnapshot, 1);
  g_autofree float *label_w = g_new (float, n_labels);

  result->metrics = *cs_run_get_best (run);
  cs_epoch_snapshot_fill (result, dataset, run->model, label_w, TRUE);
  if (result->effective != NULL)
    result->label_w = g_steal_pointer (&label_w);
  result->empirical = result_empirical (dataset, run->model);
  return result;
}

static CsEpochMatrices
matrices_of (const CsEpochSnapshot *snapshot,
             int                    epoch)
{
  return (CsEpochMatrices) { epoch, snapshot->global, snapshot->local, snapshot->effective,
                             snapshot->mean_w };
}

gboolean
cs_epoch_snapshots_save (GArray                *epochs,
                         const CsEpochSnapshot *result,
                         int                    K,
                         int                    R,
                         const char            *path,
                         GError               **error)
{
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (CsEpochMatrices));

  for (guint i = 0; i < epochs->len; i++)
    {
      const CsEpochSnapshot *snapshot = &g_array_index (epochs, CsEpochSnapshot, i);
      CsEpochMatrices m = matrices_of (snapshot, snapshot->metrics.epoch);

      if (m.global || m.local || m.effective || m.mean_w)
        g_array_append_val (kept, m);
    }
  if (result != NULL)
    {
      CsEpochMatrices m = matrices_of (result, CS_RESULT_EPOCH);

      g_array_append_val (kept, m);
    }
  return cs_run_matrices_save ((CsEpochMatrices *) kept->data, (int) kept->len, K, R, path, error);
}

static float *
copy (const float *matrix,
      size_t       n)
{
  return matrix != NULL ? g_memdup2 (matrix, sizeof (float) * n) : NULL;
}

GArray *
cs_epoch_snapshots_new_kept (GArray              *history,
                             const CsRunMatrices *matrices,
                             int                  K,
                             int                  R)
{
  GArray *epochs = cs_epoch_snapshot_array_new ();
  size_t KK = (size_t) K * K;

  g_array_set_size (epochs, history->len);
  for (guint i = 0; i < history->len; i++)
    {
      CsEpochSnapshot *snapshot = &g_array_index (epochs, CsEpochSnapshot, i);
      const CsEpochMatrices *m;

      snapshot->metrics = g_array_index (history, CsEpochMetrics, i);
      if (matrices == NULL || !(m = cs_run_matrices_find (matrices, snapshot->metrics.epoch)) ||
          snapshot->metrics.epoch == CS_RESULT_EPOCH)
        continue;
      snapshot->global = copy (m->global, KK);
      snapshot->local = copy (m->local, KK * R);
      snapshot->effective = copy (m->effective, KK * R);
      snapshot->mean_w = copy (m->mean_w, R);
    }
  return epochs;
}
