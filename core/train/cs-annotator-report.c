/* cs-annotator-report.c — every annotator of a run: who they are, how good, which matrix
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include "cs-annotator-report.h"

#include <math.h>
#include <string.h>

#include "cs-confusion-measures.h"
#include "cs-dataset-stats.h"
#include "cs-effective-confusions.h"
#include "cs-error.h"
#include "cs-learned-confusions.h"
#include "cs-model-private.h"

static const char * const kind_names[] = { "learned", "effective", "empirical" };

bool
cs_matrix_kind_from_string (const char   *name,
                            CsMatrixKind *kind)
{
  g_return_val_if_fail (name != NULL && kind != NULL, false);

  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (strcmp (name, kind_names[i]) == 0)
      {
        *kind = (CsMatrixKind) i;
        return true;
      }
  return false;
}

const char *
cs_matrix_kind_to_string (CsMatrixKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);

  return kind_names[kind];
}

const char *
cs_effective_source_to_string (CsEffectiveSource source)
{
  static const char * const names[] = { "conal", "crowdlayer", "ds", "empirical" };

  g_return_val_if_fail ((guint) source < G_N_ELEMENTS (names), NULL);

  return names[source];
}

static CsEffectiveSource
source_of (const CsAnnotatorSources *sources)
{
  if (sources->local != NULL)
    return sources->global != NULL ? CS_EFFECTIVE_CONAL : CS_EFFECTIVE_CROWD_LAYER;
  if (sources->ds_confusions != NULL)
    return CS_EFFECTIVE_DAWID_SKENE;
  return CS_EFFECTIVE_EMPIRICAL;
}

static double
fraction (int part,
          int whole)
{
  return whole > 0 ? (double) part / whole : NAN;
}

/* What the dataset's statistics already count, per annotator. */
static void
fill_counts (CsAnnotatorReport    *self,
             const CsDatasetStats *stats)
{
  for (int r = 0; r < self->R; r++)
    {
      self->labels[r] = stats->labels_per_annotator[r];
      self->accuracy[r] = fraction (stats->annotator_correct[r], stats->annotator_with_gold[r]);
      self->agreement_mv[r] = fraction (stats->annotator_agree_others[r],
                                        stats->annotator_with_others[r]);
    }
}

/* The model's matrices as distributions: softmax rows of W_g and W_r, Dawid–Skene's as they
 * are. */
static void
fill_learned (CsAnnotatorReport        *self,
              const CsAnnotatorSources *sources)
{
  size_t KK = (size_t) self->K * self->K;

  if (sources->global != NULL)
    {
      self->common = g_memdup2 (sources->global, sizeof (float) * KK);
      cs_confusion_softmax_rows (self->common, self->K, self->K);
    }
  if (sources->local != NULL)
    {
      self->learned = g_memdup2 (sources->local, sizeof (float) * KK * self->R);
      cs_confusion_softmax_rows (self->learned, self->R * self->K, self->K);
    }
  else if (sources->ds_confusions != NULL)
    self->learned = g_memdup2 (sources->ds_confusions, sizeof (float) * KK * self->R);
}

static void
fill_effective (CsAnnotatorReport        *self,
                const CsAnnotatorSources *sources,
                const CsSplit            *train)
{
  size_t KK = (size_t) self->K * self->K;

  self->effective = g_new (float, KK * self->R);
  switch (self->source)
    {
    case CS_EFFECTIVE_CONAL:
    case CS_EFFECTIVE_CROWD_LAYER:
      cs_effective_confusions (self->effective, sources->global, sources->local,
                               sources->global ? sources->w : NULL, train, self->K, self->R);
      return;
    case CS_EFFECTIVE_DAWID_SKENE:
      memcpy (self->effective, self->learned, sizeof (float) * KK * self->R);
      break;
    case CS_EFFECTIVE_EMPIRICAL:
    default:
      memcpy (self->effective, self->empirical->rates, sizeof (float) * KK * self->R);
      break;
    }
  /* Dawid–Skene's smoothing gives an annotator without labels uniform rows: no data, really. */
  for (int r = 0; r < self->R; r++)
    if (train->annotator_offsets[r + 1] == train->annotator_offsets[r])
      for (size_t i = 0; i < KK; i++)
        self->effective[r * KK + i] = NAN;
}

static void
fill_scores (CsAnnotatorReport *self)
{
  size_t KK = (size_t) self->K * self->K;

  for (int r = 0; r < self->R; r++)
    {
      const float *effective = self->effective + r * KK, *rates = self->empirical->rates + r * KK;
      bool same = self->source == CS_EFFECTIVE_EMPIRICAL;

      self->spammer_score[r] = cs_spammer_score (effective, self->K);
      self->distance_tv[r] = same ? NAN :
        cs_confusion_distance (CS_DISTANCE_TOTAL_VARIATION, NULL, effective, rates, self->K);
      self->distance_js[r] = same ? NAN :
        cs_confusion_distance (CS_DISTANCE_JENSEN_SHANNON, NULL, effective, rates, self->K);
    }
}

/**
 * cs_annotator_report_new:
 * @dataset: the dataset the run was trained on (its train split's labels are the ones @sources
 *   describe)
 * @stats: @dataset's statistics
 * @sources: the run's matrices, w and reference classes
 *
 * Returns: (transfer full): the report
 */
CsAnnotatorReport *
cs_annotator_report_new (const CsDataset          *dataset,
                         const CsDatasetStats     *stats,
                         const CsAnnotatorSources *sources)
{
  const CsSplit *train;
  CsAnnotatorReport *self;
  int R;

  g_return_val_if_fail (dataset != NULL && stats != NULL && sources != NULL, NULL);
  /* CoNAL's effective matrices need both its matrices and every label's w. */
  g_return_val_if_fail (sources->global == NULL || (sources->local != NULL && sources->w != NULL),
                        NULL);

  train = cs_dataset_get_split (dataset, CS_SPLIT_TRAIN);
  self = g_new0 (CsAnnotatorReport, 1);
  self->K = dataset->n_classes;
  self->R = R = dataset->n_annotators;
  self->method = sources->method;
  self->source = source_of (sources);
  self->annotator_ids = g_strdupv (dataset->annotator_ids);
  self->class_names = g_strdupv (dataset->class_names);
  self->labels = g_new (int, R);
  self->accuracy = g_new (double, R);
  self->agreement_mv = g_new (double, R);
  self->spammer_score = g_new (double, R);
  self->distance_tv = g_new (double, R);
  self->distance_js = g_new (double, R);
  fill_counts (self, stats);
  if (sources->w != NULL)
    {
      self->mean_w = g_new (float, R);
      cs_annotator_mean_w (self->mean_w, sources->w, train, R);
    }
  self->empirical = cs_empirical_confusions_new (train, sources->reference, self->K, MAX (R, 1));
  fill_learned (self, sources);
  fill_effective (self, sources, train);
  fill_scores (self);
  return self;
}

void
cs_model_reference_classes (CsModel       *model,
                            const CsSplit *split,
                            int32_t       *reference,
                            float         *probs)
{
  g_return_if_fail (model != NULL && split != NULL);
  g_return_if_fail ((reference != NULL && probs != NULL) || split->n == 0);

  cs_model_predict (model, probs, split->features, split->n);
  cs_predicted_classes (reference, probs, split->n, cs_model_get_shape (model)->K);
  for (int i = 0; split->gold != NULL && i < split->n; i++)
    if (split->gold[i] >= 0)
      reference[i] = split->gold[i];
}

/**
 * cs_annotator_report_from_model:
 * @model: the run's model (a finished run's, a checkpoint's, or the live one in a progress
 *   callback, on the training thread)
 * @method: the run's method
 * @ds_confusions: (nullable): Dawid–Skene's estimates [R, K, K] for that method
 * @dataset: the dataset trained on
 * @train: (nullable): its train split as @model reads it (standardised by the checkpoint's
 *   statistics); %NULL for the dataset's own
 *
 * Evaluates @model on the train split for the reference classes (its prediction where gold is
 * unknown) and, for CoNAL, each label's w; then cs_annotator_report_new().
 *
 * Returns: (transfer full): the report
 */
CsAnnotatorReport *
cs_annotator_report_from_model (CsModel         *model,
                                CsMethod         method,
                                const float     *ds_confusions,
                                const CsDataset *dataset,
                                const CsSplit   *train)
{
  g_autoptr(CsDatasetStats) stats = NULL;
  g_autofree int32_t *reference = NULL;
  g_autofree float *probs = NULL;
  g_autofree float *w = NULL;
  CsParams *params;

  g_return_val_if_fail (model != NULL && dataset != NULL, NULL);
  g_return_val_if_fail (cs_model_get_shape (model)->R == dataset->n_annotators, NULL);

  if (train == NULL)
    train = cs_dataset_get_split (dataset, CS_SPLIT_TRAIN);
  params = cs_model_get_params (model);
  reference = g_new (int32_t, MAX (train->n, 1));
  probs = g_new (float, (size_t) MAX (train->n, 1) * dataset->n_classes);
  cs_model_reference_classes (model, train, reference, probs);
  w = g_new (float, MAX (train->n_labels, 1));
  if (!cs_model_label_w (model, train, w))
    g_clear_pointer (&w, g_free);
  stats = cs_dataset_stats_new (dataset);
  return cs_annotator_report_new (dataset, stats, &(CsAnnotatorSources) {
    .method = method,
    .global = params->global,
    .local = params->local,
    .ds_confusions = params->local ? NULL : ds_confusions,
    .w = w,
    .reference = reference,
  });
}

/**
 * cs_annotator_report_from_checkpoint:
 * @checkpoint: a loaded checkpoint
 * @data: the dataset to report on, as cs_checkpoint_dataset_load() prepared it
 * @error: return location for a CS_ERROR_SHAPE or CS_ERROR_VALUE error when @data's annotators
 *   are not the checkpoint's
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
CsAnnotatorReport *
cs_annotator_report_from_checkpoint (CsCheckpoint              *checkpoint,
                                     const CsCheckpointDataset *data,
                                     GError                   **error)
{
  g_autofree float *features = NULL;
  CsSplit train;

  g_return_val_if_fail (checkpoint != NULL && data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!cs_checkpoint_check_annotators (checkpoint, data->dataset, error))
    return NULL;
  cs_checkpoint_dataset_split (checkpoint, data, CS_SPLIT_TRAIN, &train, &features);
  return cs_annotator_report_from_model (checkpoint->model, checkpoint->config.method,
                                         checkpoint->ds_confusions, data->dataset, &train);
}

void
cs_annotator_report_free (CsAnnotatorReport *self)
{
  if (self == NULL)
    return;
  g_strfreev (self->annotator_ids);
  g_strfreev (self->class_names);
  g_free (self->labels);
  g_free (self->accuracy);
  g_free (self->agreement_mv);
  g_free (self->mean_w);
  g_free (self->spammer_score);
  g_free (self->distance_tv);
  g_free (self->distance_js);
  g_free (self->common);
  g_free (self->learned);
  g_free (self->effective);
  g_clear_pointer (&self->empirical, cs_empirical_confusions_free);
  g_free (self);
}

int
cs_annotator_report_find (const CsAnnotatorReport *self,
                          const char              *id)
{
  g_return_val_if_fail (self != NULL && id != NULL, -1);

  for (int r = 0; r < self->R; r++)
    if (strcmp (self->annotator_ids[r], id) == 0)
      return r;
  return -1;
}

const float *
cs_annotator_report_get_matrices (const CsAnnotatorReport  *self,
                                  CsMatrixKind              kind,
                                  const char               *path,
                                  GError                  **error)
{
  g_return_val_if_fail (self != NULL && path != NULL, NULL);

  if (kind == CS_MATRIX_EMPIRICAL)
    return self->empirical->rates;
  if (self->learned != NULL)
    return kind == CS_MATRIX_LEARNED ? self->learned : self->effective;
  g_set_error (error, CS_ERROR, CS_ERROR_INVALID,
               _("%s: a %s checkpoint learns no annotator confusion matrices (CoNAL, Crowd Layer "
               "and Dawid–Skene do), only the empirical counts of its annotators' labels"),
               path, cs_method_get_title (self->method));
  return NULL;
}
