/* cs-checkpoint-dataset.c — the dataset a checkpoint is evaluated on, prepared as it saw its own
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include "cs-checkpoint-dataset.h"

#include <math.h>
#include <string.h>

#include "cs-dataset-carve.h"
#include "cs-error.h"

/* The model reads d features and gives K classes in the checkpoint's order: anything else
 * would be scored against the wrong names. */
static gboolean
check_matches (const CsCheckpoint  *checkpoint,
               const CsDataset     *dataset,
               const char          *path,
               GError             **error)
{
  if (dataset->d != checkpoint->d || dataset->n_classes != checkpoint->K)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_SHAPE,
                   _("%s: expected %d features and %d classes as the checkpoint has, found %d and %d"),
                   path, checkpoint->d, checkpoint->K, dataset->d, dataset->n_classes);
      return FALSE;
    }
  for (int k = 0; k < dataset->n_classes; k++)
    if (strcmp (dataset->class_names[k], checkpoint->class_names[k]) != 0)
      {
        g_set_error (error, CS_ERROR, CS_ERROR_VALUE,
                     _("%s: class %d is '%s', but the checkpoint's class %d is '%s'"),
                     path, k, dataset->class_names[k], k, checkpoint->class_names[k]);
        return FALSE;
      }
  return TRUE;
}

/* Standardised the way the checkpoint's dataset was. Another dataset's raw features are kept
 * raw, to get the training statistics instead of their own. */
static CsDataset *
load_matching (const CsCheckpoint  *checkpoint,
               const char          *path,
               bool                *same,
               bool                *raw,
               GError             **error)
{
  CsLoadOptions options = { CS_STANDARDIZE_NEVER };
  g_autoptr(CsDataset) dataset = NULL;
  g_autofree char *fingerprint = NULL;

  if (checkpoint->standardized)
    options.standardize = CS_STANDARDIZE_ALWAYS;
  dataset = cs_dataset_load (path, &options, error);
  if (dataset == NULL || !check_matches (checkpoint, dataset, path, error))
    return NULL;
  fingerprint = cs_dataset_fingerprint (dataset);
  *same = g_strcmp0 (fingerprint, checkpoint->fingerprint) == 0;
  *raw = !*same && checkpoint->standardized;
  if (!*raw)
    return g_steal_pointer (&dataset);
  options.standardize = CS_STANDARDIZE_NEVER;
  return cs_dataset_load (path, &options, error);
}

/**
 * cs_checkpoint_dataset_load:
 * @checkpoint: a loaded checkpoint
 * @path: (nullable): the dataset to evaluate on; %NULL for the one the checkpoint was trained
 *   on, where config.json says it was
 * @error: return location for the loader's error, or a CS_ERROR_SHAPE or CS_ERROR_VALUE one that
 *   says which of the features, the number of classes or a class name does not match
 *
 * Loads a dataset for @checkpoint's model: standardised as its own was, and, when the run took
 * its validation split out of test, with the same split taken out, so that test is the rest of
 * test as it was then. A dataset other than the one trained on is allowed if its features and
 * classes match; `same` says which it is.
 *
 * Returns: (transfer full): the dataset, or %NULL with @error set
 */
CsCheckpointDataset *
cs_checkpoint_dataset_load (const CsCheckpoint  *checkpoint,
                            const char          *path,
                            GError             **error)
{
  g_autoptr(CsCheckpointDataset) self = g_new0 (CsCheckpointDataset, 1);
  int valid_from_test;

  g_return_val_if_fail (checkpoint != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (path == NULL && *checkpoint->dataset_source == '\0')
    {
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID,
                   _("%s: expected the checkpoint to name the dataset it was trained on, found none; "
                   "give a dataset to evaluate on"), checkpoint->path);
      return NULL;
    }
  if (!(self->dataset = load_matching (checkpoint, path ? path : checkpoint->dataset_source,
                                       &self->same, &self->raw, error)))
    return NULL;
  valid_from_test = checkpoint->config.valid_from_test;
  if (valid_from_test > 0 && cs_dataset_get_split (self->dataset, CS_SPLIT_VALID) == NULL)
    {
      CsDataset *carved = cs_dataset_carve_validation (self->dataset, valid_from_test, error);

      if (carved == NULL)
        return NULL;
      cs_dataset_unref (self->dataset);
      self->dataset = carved;
    }
  return g_steal_pointer (&self);
}

void
cs_checkpoint_dataset_free (CsCheckpointDataset *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->dataset, cs_dataset_unref);
  g_free (self);
}

/**
 * cs_checkpoint_dataset_split:
 * @split: (out): the split as the checkpoint's model reads it: a copy of the dataset's, whose
 *   features have the checkpoint's standardisation applied when they are raw
 * @features: (out) (transfer full): the standardised features @split points to, or %NULL when
 *   it reads the dataset's own; free it when done with @split
 *
 * Returns: whether @data has the split
 */
bool
cs_checkpoint_dataset_split (const CsCheckpoint        *checkpoint,
                             const CsCheckpointDataset *data,
                             CsSplitKind                kind,
                             CsSplit                   *split,
                             float                    **features)
{
  const CsSplit *own;

  g_return_val_if_fail (checkpoint != NULL && data != NULL, false);
  g_return_val_if_fail (split != NULL && features != NULL, false);

  *features = NULL;
  if ((own = cs_dataset_get_split (data->dataset, kind)) == NULL)
    return false;
  *split = *own;
  if (data->raw)
    {
      *features = g_memdup2 (own->features, sizeof (float) * (size_t) own->n * checkpoint->d);
      cs_checkpoint_standardize (checkpoint, *features, own->n);
      split->features = *features;
    }
  return true;
}

/**
 * cs_checkpoint_check_annotators:
 * @error: (nullable): return location for a CS_ERROR_SHAPE or CS_ERROR_VALUE error naming the
 *   dataset and the first annotator that differs
 *
 * The checkpoint's annotators must be the dataset's, in the same order, for anything that reads
 * the model's W_r or annotator embeddings: they are indexed by position.
 *
 * Returns: whether @dataset's annotators are @checkpoint's
 */
gboolean
cs_checkpoint_check_annotators (const CsCheckpoint  *checkpoint,
                                const CsDataset     *dataset,
                                GError             **error)
{
  g_return_val_if_fail (checkpoint != NULL && dataset != NULL, FALSE);

  if (dataset->n_annotators != checkpoint->R)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_SHAPE,
                   _("%s: expected the %d annotators the checkpoint was trained with, found %d"),
                   dataset->source, checkpoint->R, dataset->n_annotators);
      return FALSE;
    }
  for (int r = 0; r < checkpoint->R; r++)
    if (strcmp (dataset->annotator_ids[r], checkpoint->annotator_ids[r]) != 0)
      {
        g_set_error (error, CS_ERROR, CS_ERROR_VALUE,
                     _("%s: annotator %d is '%s', but the checkpoint's annotator %d is '%s'"),
                     dataset->source, r + 1, dataset->annotator_ids[r], r + 1,
                     checkpoint->annotator_ids[r]);
        return FALSE;
      }
  return TRUE;
}

/**
 * cs_checkpoint_evaluate:
 *
 * The accuracy of @checkpoint's model on one split of @data, with the checkpoint's
 * standardisation applied to raw features.
 *
 * Returns: a fraction in [0, 1], or NaN when the split is missing or has no gold
 */
double
cs_checkpoint_evaluate (CsCheckpoint              *checkpoint,
                        const CsCheckpointDataset *data,
                        CsSplitKind                kind)
{
  g_autofree float *features = NULL;
  g_autofree float *probs = NULL;
  CsSplit split;

  g_return_val_if_fail (checkpoint != NULL && data != NULL, NAN);

  if (!cs_checkpoint_dataset_split (checkpoint, data, kind, &split, &features) ||
      split.gold == NULL)
    return NAN;
  probs = g_new (float, (size_t) split.n * checkpoint->K);
  return cs_evaluate_accuracy (checkpoint->model, &split, probs);
}
