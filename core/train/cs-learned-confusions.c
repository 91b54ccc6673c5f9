/* cs-learned-confusions.c — the confusion matrices a trained model holds, as saved or as rates
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include "cs-learned-confusions.h"

#include <math.h>
#include <string.h>

#include "cs-csv.h"
#include "cs-error.h"
#include "cs-file.h"
#include "cs-npy.h"

/* For a one-hot p = e_k the crowd's label distribution is softmax (W[k, :]); the sums are in
 * double so that the bytes an export writes do not depend on a vectorised float sum's order. */
void
cs_confusion_softmax_rows (float *m,
                           int    rows,
                           int    K)
{
  for (int i = 0; i < rows; i++)
    {
      float *row = m + (size_t) i * K, top = row[0];
      double sum = 0;

      for (int k = 1; k < K; k++)
        top = fmaxf (top, row[k]);
      for (int k = 0; k < K; k++)
        sum += exp (row[k] - top);
      for (int k = 0; k < K; k++)
        row[k] = (float) (exp (row[k] - top) / sum);
    }
}

/**
 * cs_learned_confusions_new:
 * @model: a trained model
 * @ds_confusions: (nullable): Dawid–Skene's estimates [R, K, K], used when @model has no noise
 *   layers of its own
 * @annotator_ids: the R annotators, in the dataset's order
 * @probabilities: rows as label distributions (softmax of CoNAL's and Crowd Layer's weights)
 *   rather than the weights themselves; Dawid–Skene's rows are distributions either way
 *
 * Collects the matrices: CoNAL's global one first ("global"), then one per annotator.
 *
 * Returns: (transfer full) (nullable): the matrices, or %NULL when the method has none
 *   (majority vote, gold)
 */
CsLearnedConfusions *
cs_learned_confusions_new (CsModel      *model,
                           const float  *ds_confusions,
                           char * const *annotator_ids,
                           bool          probabilities)
{
  const CsModelShape *shape;
  CsParams *p;
  CsLearnedConfusions *self;
  const float *local;
  size_t KK;
  int m = 0;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (annotator_ids != NULL, NULL);

  shape = cs_model_get_shape (model);
  p = cs_model_get_params (model);
  if ((local = p->local ? p->local : ds_confusions) == NULL)
    return NULL;
  KK = (size_t) shape->K * shape->K;
  self = g_new0 (CsLearnedConfusions, 1);
  self->K = shape->K;
  self->M = shape->R + (p->global != NULL);
  self->names = g_new0 (char *, self->M + 1);
  self->matrices = g_new (float, self->M * KK);
  if (p->global)
    {
      self->names[m] = g_strdup ("global");
      memcpy (self->matrices, p->global, sizeof (float) * KK);
      m++;
    }
  for (int r = 0; r < shape->R; r++, m++)
    {
      self->names[m] = g_strdup (annotator_ids[r]);
      memcpy (self->matrices + m * KK, local + r * KK, sizeof (float) * KK);
    }
  if (probabilities && p->local)
    cs_confusion_softmax_rows (self->matrices, self->M * self->K, self->K);
  self->probabilities = probabilities || p->local == NULL;
  return self;
}

/**
 * cs_learned_confusions_from_checkpoint:
 *
 * The matrices of a saved run, as cs_learned_confusions_new() collects them.
 *
 * Returns: (transfer full): the matrices, or %NULL with a CS_ERROR_INVALID error naming the
 *   checkpoint when its method learns none
 */
CsLearnedConfusions *
cs_learned_confusions_from_checkpoint (const CsCheckpoint  *checkpoint,
                                       bool                 probabilities,
                                       GError             **error)
{
  CsLearnedConfusions *self;

  g_return_val_if_fail (checkpoint != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = cs_learned_confusions_new (checkpoint->model, checkpoint->ds_confusions,
                                    checkpoint->annotator_ids, probabilities);
  if (self == NULL)
    g_set_error (error, CS_ERROR, CS_ERROR_INVALID,
                 _("%s: a %s checkpoint has no confusion matrices (CoNAL, Crowd Layer and "
                 "Dawid–Skene have)"), checkpoint->path,
                 cs_method_get_title (checkpoint->config.method));
  return self;
}

void
cs_learned_confusions_free (CsLearnedConfusions *self)
{
  if (self == NULL)
    return;
  g_strfreev (self->names);
  g_free (self->matrices);
  g_free (self);
}

/* The format a file name asks for, by its suffix in any case; false for another suffix. */
bool
cs_confusions_format_from_path (const char         *path,
                                CsConfusionsFormat *format)
{
  static const char * const extensions[] = { ".npy", ".csv", NULL };
  int found = cs_file_find_extension (path, extensions);

  g_return_val_if_fail (format != NULL, false);

  if (found >= 0)
    *format = (CsConfusionsFormat) found;
  return found >= 0;
}

/* One line per cell: matrix, true class, given class, value. */
static GString *
to_csv (const CsLearnedConfusions *self,
        char * const              *classes)
{
  GString *text = g_string_new ("matrix,true_class,given_class,value\n");

  for (int m = 0; m < self->M; m++)
    for (int i = 0; i < self->K; i++)
      for (int j = 0; j < self->K; j++)
        {
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          cs_csv_append_field (text, self->names[m]);
          g_string_append_c (text, ',');
          cs_csv_append_field (text, classes[i]);
          g_string_append_c (text, ',');
          cs_csv_append_field (text, classes[j]);
          g_string_append_printf (text, ",%s\n", g_ascii_formatd (number, sizeof number, "%.9g",
                                  self->matrices[((size_t) m * self->K + i) * self->K + j]));
        }
  return text;
}

/* Writes the matrices to `path` atomically, as .npy [M, K, K] or as CSV. */
gboolean
cs_learned_confusions_save (const CsLearnedConfusions  *self,
                            char * const               *class_names,
                            const char                 *path,
                            CsConfusionsFormat          format,
                            GError                    **error)
{
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (class_names != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (format == CS_CONFUSIONS_NPY)
    {
      gsize shape[3] = { self->M, self->K, self->K };

      return cs_npy_save_f32 (path, self->matrices, 3, shape, error);
    }
  text = to_csv (self, class_names);
  return cs_file_write_atomic (path, text->str, text->len, error);
}
