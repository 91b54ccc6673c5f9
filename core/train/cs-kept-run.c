/* cs-kept-run.c — a kept run brought back: its checkpoint as the run cs_train returned
 *
 * The matrices file holds, for every kept epoch, tensors named "epoch.N.global", ".local",
 * ".effective" and ".mean_w" (those the epoch has), N = 0 for the result's; the int32 tensor
 * "epochs" lists the epochs in their order, so a reader needs no parsing of names.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include "cs-dataset-carve.h"
#include "cs-error.h"
#include "cs-kept-run.h"
#include "cs-safetensors.h"

#define MATRICES_FORMAT "crowdscope-run-matrices"

struct _CsRunMatrices
{
  CsTensors       *tensors;
  GArray          *epochs;    /* of CsEpochMatrices, pointing into tensors */
};

typedef struct
{
  const char *name;           /* the tensor's name after "epoch.N." */
  int         ndim;           /* 2: [K, K]; 3: [R, K, K]; 1: [R] */
  gsize       offset;         /* of the member in CsEpochMatrices */
} Part;

static const Part parts[] = {
  { "global", 2, G_STRUCT_OFFSET (CsEpochMatrices, global) },
  { "local", 3, G_STRUCT_OFFSET (CsEpochMatrices, local) },
  { "effective", 3, G_STRUCT_OFFSET (CsEpochMatrices, effective) },
  { "mean_w", 1, G_STRUCT_OFFSET (CsEpochMatrices, mean_w) },
};

#define PART(matrices, part) G_STRUCT_MEMBER (const float *, matrices, (part)->offset)

static void
part_shape (const Part *part,
            int         K,
            int         R,
            int64_t    *shape)
{
  switch (part->ndim)
    {
    case 1:
      shape[0] = R;
      break;
    case 2:
      shape[0] = K, shape[1] = K;
      break;
    default:
      shape[0] = R, shape[1] = K, shape[2] = K;
    }
}

gboolean
cs_run_matrices_save (const CsEpochMatrices  *epochs,
                      int                     n,
                      int                     K,
                      int                     R,
                      const char             *path,
                      GError                **error)
{
  g_autoptr(CsTensors) tensors = cs_tensors_new ();
  g_autofree int32_t *numbers = g_new (int32_t, MAX (n, 1));
  int64_t n_epochs = n;

  g_return_val_if_fail (n >= 0 && (n == 0 || epochs != NULL), FALSE);

  for (int i = 0; i < n; i++)
    {
      numbers[i] = epochs[i].epoch;
      for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
        {
          const float *data = PART ((gpointer) &epochs[i], &parts[p]);
          g_autofree char *name = NULL;
          int64_t shape[3];

          if (data == NULL)
            continue;
          name = g_strdup_printf ("epoch.%d.%s", epochs[i].epoch, parts[p].name);
          part_shape (&parts[p], K, R, shape);
          cs_tensors_add (tensors, name, CS_TENSOR_F32, parts[p].ndim, shape, data);
        }
    }
  cs_tensors_add (tensors, "epochs", CS_TENSOR_I32, 1, &n_epochs, numbers);
  cs_tensors_set_metadata (tensors, "format", MATRICES_FORMAT);
  return cs_tensors_save (tensors, path, error);
}

/* The tensor `name` of the expected shape, NULL when it is absent; FALSE for another shape. */
static gboolean
get_part (CsTensors    *tensors,
          const char   *path,
          const char   *name,
          const Part   *part,
          int           K,
          int           R,
          const float **out,
          GError      **error)
{
  CsTensorDtype dtype;
  int64_t shape[CS_TENSOR_MAX_DIMS], expected[3];
  int ndim;
  const void *data = cs_tensors_get (tensors, name, &dtype, &ndim, shape);

  *out = NULL;
  if (data == NULL)
    return TRUE;
  part_shape (part, K, R, expected);
  for (int i = 0; i < part->ndim && ndim == part->ndim; i++)
    if (shape[i] != expected[i])
      ndim = -1;
  if (dtype != CS_TENSOR_F32 || ndim != part->ndim)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_SHAPE,
                   _("%s: tensor “%s” is not float32 of the run's %d classes and %d annotators"),
                   path, name, K, R);
      return FALSE;
    }
  *out = data;
  return TRUE;
}

CsRunMatrices *
cs_run_matrices_load (const char  *path,
                      int          K,
                      int          R,
                      GError     **error)
{
  g_autoptr(CsRunMatrices) self = g_new0 (CsRunMatrices, 1);
  const int32_t *numbers;
  CsTensorDtype dtype;
  int64_t shape[CS_TENSOR_MAX_DIMS] = { 0 };
  int ndim;

  g_return_val_if_fail (path != NULL, NULL);

  if (!(self->tensors = cs_tensors_load (path, error)))
    return NULL;
  self->epochs = g_array_new (FALSE, TRUE, sizeof (CsEpochMatrices));
  numbers = cs_tensors_get (self->tensors, "epochs", &dtype, &ndim, shape);
  if (numbers == NULL || dtype != CS_TENSOR_I32 || ndim != 1)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
                   _("%s: expected a run's matrices, with a list of its epochs (int32 tensor "
                   "“epochs”), found none"), path);
      return NULL;
    }
  for (int64_t i = 0; i < shape[0]; i++)
    {
      CsEpochMatrices matrices = { numbers[i] };

      if (numbers[i] < 0)
        {
          g_set_error (error, CS_ERROR, CS_ERROR_FORMAT, _("%s: epoch %d in its list of epochs is "
                       "not an epoch"), path, numbers[i]);
          return NULL;
        }
      for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
        {
          g_autofree char *name = g_strdup_printf ("epoch.%d.%s", numbers[i], parts[p].name);

          if (!get_part (self->tensors, path, name, &parts[p], K, R,
                         &PART ((gpointer) &matrices, &parts[p]), error))
            return NULL;
        }
      g_array_append_val (self->epochs, matrices);
    }
  return g_steal_pointer (&self);
}

void
cs_run_matrices_free (CsRunMatrices *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->tensors, cs_tensors_free);
  g_clear_pointer (&self->epochs, g_array_unref);
  g_free (self);
}

int
cs_run_matrices_get_n (const CsRunMatrices *self)
{
  return (int) self->epochs->len;
}

const CsEpochMatrices *
cs_run_matrices_get (const CsRunMatrices *self,
                     int                  index)
{
  g_return_val_if_fail (index >= 0 && (guint) index < self->epochs->len, NULL);

  return &g_array_index (self->epochs, CsEpochMatrices, index);
}

const CsEpochMatrices *
cs_run_matrices_find (const CsRunMatrices *self,
                      int                  epoch)
{
  for (guint i = 0; i < self->epochs->len; i++)
    if (g_array_index (self->epochs, CsEpochMatrices, i).epoch == epoch)
      return &g_array_index (self->epochs, CsEpochMatrices, i);
  return NULL;
}

/* The run ------------------------------------------------------------------------------- */

CsRun *
cs_run_new_from_checkpoint (CsCheckpoint  *checkpoint,
                            CsDataset     *dataset,
                            GError       **error)
{
  g_autofree char *fingerprint = NULL;
  CsRun *run;

  g_return_val_if_fail (checkpoint != NULL && checkpoint->model != NULL, NULL);
  g_return_val_if_fail (dataset != NULL, NULL);

  fingerprint = cs_dataset_fingerprint (dataset);
  if (g_strcmp0 (fingerprint, checkpoint->fingerprint) != 0)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_VALUE,
                   _("%s: expected the dataset the run was trained on (fingerprint %s), found "
                   "another one (%s)"), dataset->source, checkpoint->fingerprint, fingerprint);
      return NULL;
    }
  run = g_new0 (CsRun, 1);
  if (checkpoint->config.valid_from_test > 0 && cs_dataset_get_split (dataset, CS_SPLIT_VALID) == NULL)
    {
      if (!(run->dataset = cs_dataset_carve_validation (dataset, checkpoint->config.valid_from_test, error)))
        {
          g_free (run);
          return NULL;
        }
    }
  else
    run->dataset = cs_dataset_ref (dataset);
  run->config = checkpoint->config;
  run->fingerprint = g_steal_pointer (&fingerprint);
  run->history = g_steal_pointer (&checkpoint->history);
  run->best_epoch = checkpoint->best_epoch;
  run->epochs_run = (int) run->history->len;
  run->threads = MAX (checkpoint->config.threads, 1);
  run->stopped = run->epochs_run < checkpoint->config.epochs;
  run->test_used_for_selection = checkpoint->test_used_for_selection;
  run->selection_split = run->test_used_for_selection ? CS_SPLIT_TEST : CS_SPLIT_VALID;
  run->seconds_per_epoch = checkpoint->seconds_per_epoch;
  run->model = g_steal_pointer (&checkpoint->model);
  run->annotator_w = g_steal_pointer (&checkpoint->annotator_w);
  run->notices = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  for (int i = 0; checkpoint->notices != NULL && checkpoint->notices[i] != NULL; i++)
    g_ptr_array_add (run->notices, g_strdup (checkpoint->notices[i]));
  return run;
}
