/* cs-predictions.c — a model's prediction for every item of a split, beside its crowd's votes
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include "cs-predictions.h"

#include <math.h>
#include <string.h>

#include "cs-effective-confusions.h"
#include "cs-empirical-confusions.h"
#include "cs-error.h"
#include "cs-majority-vote.h"
#include "cs-model-private.h"

/* Where the model reads a split's features: the dataset's own, or, for a checkpoint on raw
 * features, a standardised copy (cs_checkpoint_dataset_split). */
typedef struct
{
  CsModel                   *model;       /* a copy of the caller's, evaluated in its own buffers */
  const CsCheckpoint        *checkpoint;  /* NULL for a run's model on its own dataset */
  const CsCheckpointDataset *data;
  bool                       with_w;      /* the dataset's annotators are the model's */
} Source;

static void
read_split (const Source    *source,
            const CsDataset *dataset,
            CsSplitKind      kind,
            CsSplit         *split,
            float          **features)
{
  *features = NULL;
  if (source->checkpoint != NULL)
    cs_checkpoint_dataset_split (source->checkpoint, source->data, kind, split, features);
  else
    *split = *cs_dataset_get_split (dataset, kind);
}

bool
cs_predict_split_from_string (const char *name,
                              int        *split)
{
  CsSplitKind kind;

  g_return_val_if_fail (name != NULL && split != NULL, false);

  if (strcmp (name, "all") == 0)
    {
      *split = CS_PREDICT_ALL;
      return true;
    }
  if (!cs_split_kind_from_string (name, &kind))
    return false;
  *split = kind;
  return true;
}

static bool
wanted (const CsDataset *dataset,
        int              split,
        CsSplitKind      kind)
{
  return (split == CS_PREDICT_ALL || split == (int) kind) && dataset->splits[kind].present;
}

/* A split asked for by name must be there: predicting on none would write an empty file. */
static gboolean
check_split (const CsDataset  *dataset,
             int               split,
             GError          **error)
{
  g_autoptr(GString) present = NULL;

  if (split == CS_PREDICT_ALL || dataset->splits[split].present)
    return TRUE;
  present = g_string_new (NULL);
  for (int s = 0; s < CS_N_SPLITS; s++)
    if (dataset->splits[s].present)
      g_string_append_printf (present, "%s%s", present->len ? " and " : "",
                              cs_split_kind_to_string (s));
  g_set_error (error, CS_ERROR, CS_ERROR_INVALID, _("%s: expected a %s split, found only %s"),
               dataset->source, cs_split_kind_to_string (split), present->str);
  return FALSE;
}

static CsPredictions *
predictions_alloc (CsDataset *dataset,
                   int        split)
{
  CsPredictions *self = g_new0 (CsPredictions, 1);

  self->dataset = cs_dataset_ref (dataset);
  self->K = dataset->n_classes;
  for (int s = 0; s < CS_N_SPLITS; s++)
    if (wanted (dataset, split, s))
      self->n += dataset->splits[s].n;
  self->items = g_new0 (CsPrediction, MAX (self->n, 1));
  self->probs = g_new0 (float, (size_t) MAX (self->n, 1) * self->K);
  self->vote_counts = g_new0 (int, (size_t) MAX (self->n, 1) * self->K);
  return self;
}

void
cs_prediction_set_votes (CsPrediction *p,
                         const int    *counts,
                         int           K,
                         char * const *class_names)
{
  g_return_if_fail (p != NULL && counts != NULL && class_names != NULL);

  p->n_labels = 0;
  for (int k = 0; k < K; k++)
    p->n_labels += counts[k];
  g_free (p->votes);
  p->votes = cs_votes_format (counts, K, class_names);
  p->majority = cs_votes_winner (counts, K);
  p->majority_share = p->majority >= 0 ? (float) counts[p->majority] / p->n_labels : NAN;
  p->vote_entropy = (float) cs_votes_entropy (counts, K);
}

/* The item's votes, from the dataset's own split (the labels do not depend on the features). */
static void
fill_votes (CsPredictions *self,
            CsPrediction  *p,
            int           *counts,
            const CsSplit *split)
{
  if (split->n_labels > 0)
    cs_votes_count (counts, split, p->index, self->K);
  cs_prediction_set_votes (p, counts, self->K, self->dataset->class_names);
}

/* mean_w [read->n]: CoNAL's mean w of each item's labels. */
static void
item_mean_w (CsModel       *model,
             const CsSplit *read,
             float         *mean_w)
{
  g_autofree float *w = g_new (float, MAX (read->n_labels, 1));

  cs_model_label_w (model, read, w);
  cs_item_mean_w (mean_w, NULL, w, read);
}

/* The items of split `kind`, from position `at` on. */
static void
add_split (CsPredictions *self,
           const Source  *source,
           CsSplitKind    kind,
           int            at)
{
  const CsSplit *own = cs_dataset_get_split (self->dataset, kind);
  g_autofree int32_t *predicted = g_new (int32_t, MAX (own->n, 1));
  g_autofree float *mean_w = g_new (float, MAX (own->n, 1));
  g_autofree float *features = NULL;
  float *probs = self->probs + (size_t) at * self->K;
  CsSplit read;

  read_split (source, self->dataset, kind, &read, &features);
  cs_model_predict (source->model, probs, read.features, read.n);
  cs_predicted_classes (predicted, probs, read.n, self->K);
  if (self->has_mean_w)
    item_mean_w (source->model, &read, mean_w);
  for (int i = 0; i < own->n; i++)
    {
      CsPrediction *p = &self->items[at + i];

      p->split = kind;
      p->index = i;
      p->id = own->item_ids[i];
      p->image_path = own->image_paths ? own->image_paths[i] : NULL;
      p->gold = own->gold ? own->gold[i] : -1;
      p->predicted = predicted[i];
      p->probability = probs[(size_t) i * self->K + predicted[i]];
      fill_votes (self, p, self->vote_counts + (size_t) (at + i) * self->K, own);
      p->mean_w = self->has_mean_w ? mean_w[i] : NAN;
    }
}

static CsPredictions *
predict (Source     *source,
         CsModel    *model,
         CsDataset  *dataset,
         int         split,
         GError    **error)
{
  g_autoptr(CsModel) copy = NULL;
  CsPredictions *self;
  int at = 0;

  if (!check_split (dataset, split, error))
    return NULL;
  /* Several workers may predict with one run's model at once: each evaluates a copy, and only
   * reads the weights, which a finished run never changes. The copy evaluates as a checkpoint's
   * model does (its rows at once, cs_model_new_for_evaluation), so that a run's predictions in
   * the window are the bits crowdscope-cli predict finds for its checkpoint: the products' shapes
   * are a batch's, and another batch size rounds otherwise. */
  source->model = copy = cs_model_dup_for_evaluation (model);
  self = predictions_alloc (dataset, split);
  self->has_mean_w = source->with_w && cs_model_get_shape (source->model)->has_aux;
  for (int s = 0; s < CS_N_SPLITS; s++)
    if (wanted (dataset, split, s))
      {
        add_split (self, source, s, at);
        at += dataset->splits[s].n;
      }
  return self;
}

/**
 * cs_predictions_new:
 * @model: a run's model (CsRun.model: the selected epoch's weights)
 * @dataset: the dataset it was trained on (CsRun.dataset), features as the model reads them
 * @split: a CsSplitKind, or %CS_PREDICT_ALL for every split @dataset has
 * @error: return location for a CS_ERROR_INVALID error when @dataset has no such split
 *
 * Returns: (transfer full): the predictions, or %NULL with @error set
 */
CsPredictions *
cs_predictions_new (CsModel    *model,
                    CsDataset  *dataset,
                    int         split,
                    GError    **error)
{
  Source source = { NULL, NULL, NULL, true };

  g_return_val_if_fail (model != NULL && dataset != NULL, NULL);
  g_return_val_if_fail (split == CS_PREDICT_ALL || (split >= 0 && split < CS_N_SPLITS), NULL);
  g_return_val_if_fail (cs_model_get_shape (model)->D == dataset->d, NULL);
  g_return_val_if_fail (cs_model_get_shape (model)->K == dataset->n_classes, NULL);
  g_return_val_if_fail (cs_model_get_shape (model)->R == dataset->n_annotators, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return predict (&source, model, dataset, split, error);
}

/**
 * cs_predictions_from_checkpoint:
 * @checkpoint: a loaded checkpoint
 * @data: the dataset to predict on, as cs_checkpoint_dataset_load() prepared it
 * @split: a CsSplitKind, or %CS_PREDICT_ALL for every split @data has
 * @error: return location for a CS_ERROR_INVALID error when @data has no such split
 *
 * Returns: (transfer full): the predictions, or %NULL with @error set
 */
CsPredictions *
cs_predictions_from_checkpoint (CsCheckpoint              *checkpoint,
                                const CsCheckpointDataset *data,
                                int                        split,
                                GError                   **error)
{
  Source source;

  g_return_val_if_fail (checkpoint != NULL && data != NULL, NULL);
  g_return_val_if_fail (split == CS_PREDICT_ALL || (split >= 0 && split < CS_N_SPLITS), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Another crowd's labels have no w under this model: its embeddings are of other people. */
  source = (Source) { NULL, checkpoint, data,
                      cs_checkpoint_check_annotators (checkpoint, data->dataset, NULL) };
  return predict (&source, checkpoint->model, data->dataset, split, error);
}

void
cs_predictions_free (CsPredictions *self)
{
  if (self == NULL)
    return;
  for (int i = 0; i < self->n; i++)
    g_free (self->items[i].votes);
  g_free (self->items);
  g_free (self->probs);
  g_free (self->vote_counts);
  g_clear_pointer (&self->dataset, cs_dataset_unref);
  g_free (self);
}

bool
cs_predictions_in_split (const CsPredictions *self,
                         int                  i,
                         int                  split)
{
  g_return_val_if_fail (self != NULL && i >= 0 && i < self->n, false);

  return split == CS_PREDICT_ALL || (int) self->items[i].split == split;
}

/**
 * cs_predictions_confusion:
 * @counts: (out caller-allocates): [K, K], gold class by row, predicted class by column
 * @rates: (out caller-allocates) (nullable): [K, K], each row of @counts divided by its sum;
 *   NaN throughout a row without items
 *
 * Returns: the items counted: those of @split with gold
 */
int
cs_predictions_confusion (const CsPredictions *self,
                          int                  split,
                          int                 *counts,
                          float               *rates)
{
  int K, counted = 0;

  g_return_val_if_fail (self != NULL && counts != NULL, 0);

  K = self->K;
  memset (counts, 0, sizeof (int) * K * K);
  for (int i = 0; i < self->n; i++)
    if (cs_predictions_in_split (self, i, split) && self->items[i].gold >= 0)
      {
        counts[self->items[i].gold * K + self->items[i].predicted]++;
        counted++;
      }
  for (int g = 0; rates != NULL && g < K; g++)
    {
      int row = 0;

      for (int p = 0; p < K; p++)
        row += counts[g * K + p];
      for (int p = 0; p < K; p++)
        rates[g * K + p] = row > 0 ? (float) counts[g * K + p] / row : NAN;
    }
  return counted;
}

double
cs_predictions_accuracy (const CsPredictions *self,
                         int                  split)
{
  int known = 0, correct = 0;

  g_return_val_if_fail (self != NULL, NAN);

  for (int i = 0; i < self->n; i++)
    if (cs_predictions_in_split (self, i, split) && self->items[i].gold >= 0)
      {
        known++;
        correct += self->items[i].predicted == self->items[i].gold;
      }
  return known > 0 ? (double) correct / known : NAN;
}
