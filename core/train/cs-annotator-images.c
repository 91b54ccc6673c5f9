/* cs-annotator-images.c — the matrices of an annotators' report, as images and matrix files
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include "cs-annotator-images.h"

#include <math.h>
#include <string.h>

#include "cs-error.h"

/* What the rows of a kind of matrix are, for a figure's subtitle. */
static const char *
kind_description (const CsAnnotatorReport *self,
                  CsMatrixKind             kind)
{
  if (kind == CS_MATRIX_EMPIRICAL)
    return _("labels counted against gold where known, the model's prediction elsewhere");
  if (self->source == CS_EFFECTIVE_DAWID_SKENE)
    return _("Dawid–Skene's estimate");
  if (kind == CS_MATRIX_LEARNED || self->source == CS_EFFECTIVE_CROWD_LAYER)
    return _("softmax of W_r");
  return _("softmax of w · W_g + (1 − w) · W_r, averaged over the w of the annotator's labels");
}

static const char *
kind_title (CsMatrixKind kind)
{
  return kind == CS_MATRIX_LEARNED ? _("Learned") : kind == CS_MATRIX_EFFECTIVE ? _("Effective")
                                                                            : _("Empirical");
}

/* "<dataset> · <run>", then what the figure shows. */
static char *
subtitle_of (const CsImageInfo *info,
             const char        *what)
{
  g_autoptr(GStrvBuilder) parts = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  if (info->dataset)
    g_strv_builder_add (parts, info->dataset);
  if (info->run)
    g_strv_builder_add (parts, info->run);
  g_strv_builder_add (parts, what);
  strv = g_strv_builder_end (parts);
  return g_strjoinv (" · ", strv);
}

static gboolean
save (CsHeatmapFigure   *figure,
      const CsImageInfo *info,
      const char        *matrix,
      const char        *what,
      const char        *path,
      GError           **error)
{
  g_autofree char *subtitle = subtitle_of (info, what);
  CsImageInfo with_matrix = *info;
  CsImageFormat format;

  if (!cs_image_format_from_path (path, &format))
    {
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID,
                   _("%s: expected an image file name ending in .png, .svg or .pdf"), path);
      return FALSE;
    }
  figure->subtitle = subtitle;
  with_matrix.matrix = matrix;
  return cs_heatmap_figure_save (figure, &with_matrix, path, format, error);
}

static gboolean
save_common (const CsAnnotatorReport *self,
             const CsImageInfo       *info,
             const char              *path,
             GError                 **error)
{
  CsHeatmapFigure figure = { CS_FIGURE_SINGLE, 1, self->K, self->common, self->class_names, NULL,
                             CS_COLORMAP_SEQUENTIAL, _("Common confusion of the crowd") };

  if (self->common == NULL)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID,
                   _("%s: a %s checkpoint has no common confusion matrix (only CoNAL learns one)"),
                   path, cs_method_get_title (self->method));
      return FALSE;
    }
  return save (&figure, info, "common confusion: softmax of W_g", _("softmax of CoNAL's W_g"),
               path, error);
}

static gboolean
save_grid (const CsAnnotatorReport *self,
           CsMatrixKind             kind,
           const float             *matrices,
           const CsImageInfo       *info,
           const char              *path,
           GError                 **error)
{
  g_autofree char *title = g_strdup_printf (_("%s confusions of the %d annotators"), kind_title (kind),
                                            self->R);
  g_autofree char *matrix = g_strdup_printf ("%s confusions of every annotator",
                                             cs_matrix_kind_to_string (kind));
  CsHeatmapFigure figure = { CS_FIGURE_GRID, self->R, self->K, matrices, self->class_names,
                             self->annotator_ids, CS_COLORMAP_SEQUENTIAL, title };

  if (self->R == 0)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID, _("%s: the dataset has no annotators"), path);
      return FALSE;
    }
  return save (&figure, info, matrix, kind_description (self, kind), path, error);
}

/* The rest of the subtitle of one annotator's figure: CoNAL's mean w where it is known. */
static char *
annotator_what (const CsAnnotatorReport *self,
                CsMatrixKind             kind,
                int                      r)
{
  if (kind == CS_MATRIX_EFFECTIVE && self->mean_w != NULL && !isnan (self->mean_w[r]))
    return g_strdup_printf (_("mean w %.2f over %d labels"), self->mean_w[r], self->labels[r]);
  return g_strdup_printf (_("%s; %d labels"), kind_description (self, kind), self->labels[r]);
}

static gboolean
save_annotator (const CsAnnotatorReport *self,
                CsMatrixKind             kind,
                const float             *matrices,
                const char              *id,
                const CsImageInfo       *info,
                const char              *path,
                GError                 **error)
{
  int r = cs_annotator_report_find (self, id);
  g_autofree char *title = NULL;
  g_autofree char *matrix = NULL;
  g_autofree char *what = NULL;
  CsHeatmapFigure figure;

  if (r < 0)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID,
                   _("%s: expected \"common\", \"grid\" or one of the %d annotator ids (such as "
                   "'%s'), found '%s'"), path, self->R, self->R ? self->annotator_ids[0] : "",
                   id);
      return FALSE;
    }
  title = g_strdup_printf (_("%s confusion of annotator %s"), kind_title (kind), id);
  matrix = g_strdup_printf ("%s confusion of annotator %s", cs_matrix_kind_to_string (kind), id);
  what = annotator_what (self, kind, r);
  figure = (CsHeatmapFigure) { CS_FIGURE_SINGLE, 1, self->K,
                               matrices + (size_t) r * self->K * self->K, self->class_names,
                               NULL, CS_COLORMAP_SEQUENTIAL, title };
  return save (&figure, info, matrix, what, path, error);
}

gboolean
cs_annotator_report_save_image (const CsAnnotatorReport  *self,
                                const char               *matrix,
                                CsMatrixKind              kind,
                                const CsImageInfo        *info,
                                const char               *path,
                                GError                  **error)
{
  static const CsImageInfo no_info = { 0 };
  const float *matrices;

  g_return_val_if_fail (self != NULL && matrix != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (info == NULL)
    info = &no_info;
  if (strcmp (matrix, CS_IMAGE_MATRIX_COMMON) == 0)
    return save_common (self, info, path, error);
  if (!(matrices = cs_annotator_report_get_matrices (self, kind, path, error)))
    return FALSE;
  if (strcmp (matrix, CS_IMAGE_MATRIX_GRID) == 0)
    return save_grid (self, kind, matrices, info, path, error);
  return save_annotator (self, kind, matrices, matrix, info, path, error);
}

CsLearnedConfusions *
cs_annotator_report_confusions (const CsAnnotatorReport  *self,
                                CsMatrixKind              kind,
                                const char               *path,
                                GError                  **error)
{
  CsLearnedConfusions *confusions;
  const float *matrices;

  g_return_val_if_fail (self != NULL && kind != CS_MATRIX_LEARNED && path != NULL, NULL);

  if (!(matrices = cs_annotator_report_get_matrices (self, kind, path, error)))
    return NULL;
  confusions = g_new0 (CsLearnedConfusions, 1);
  confusions->M = self->R;
  confusions->K = self->K;
  confusions->names = g_strdupv (self->annotator_ids);
  confusions->matrices = g_memdup2 (matrices, sizeof (float) * self->R * self->K * self->K);
  confusions->probabilities = true;
  return confusions;
}
