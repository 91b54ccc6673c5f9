/* cs-figure-task.c — saving a heatmap figure or the matrices behind it, off the main thread
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include "cs-error.h"
#include "cs-figure-task.h"
#include "cs-learned-confusions.h"

/* The worker's own copy of everything the figure and its description point to. */
typedef struct
{
  CsHeatmapFigure  figure;
  float           *matrices;
  char           **class_names;
  char           **names;
  char            *title, *subtitle;
  char            *dataset, *run, *matrix;
  char            *path;
  gboolean         csv;
  CsCurveFigure   *curves;     /* a curves figure instead of the heatmap, or NULL */
} Request;

static void
request_free (Request *request)
{
  g_free (request->matrices);
  g_strfreev (request->class_names);
  g_strfreev (request->names);
  g_free (request->title);
  g_free (request->subtitle);
  g_free (request->dataset);
  g_free (request->run);
  g_free (request->matrix);
  g_free (request->path);
  g_clear_pointer (&request->curves, cs_curve_figure_free);
  g_free (request);
}

static char **
copy_names (char * const *names,
            int           n)
{
  char **copy = g_new0 (char *, n + 1);

  for (int i = 0; names != NULL && i < n; i++)
    copy[i] = g_strdup (names[i]);
  return copy;
}

static Request *
request_new (const CsImageInfo *info,
             const char        *path)
{
  Request *request = g_new0 (Request, 1);

  request->dataset = g_strdup (info ? info->dataset : NULL);
  request->run = g_strdup (info ? info->run : NULL);
  request->matrix = g_strdup (info ? info->matrix : NULL);
  request->path = g_strdup (path);
  return request;
}

static void
request_copy_heatmap (Request               *request,
                      const CsHeatmapFigure *figure)
{
  size_t n = (size_t) figure->n * figure->K * figure->K;

  request->figure = *figure;
  request->matrices = g_memdup2 (figure->matrices, sizeof (float) * n);
  request->class_names = copy_names (figure->class_names, figure->K);
  request->names = copy_names (figure->names, figure->n);
  request->title = g_strdup (figure->title);
  request->subtitle = g_strdup (figure->subtitle);
  request->figure.matrices = request->matrices;
  request->figure.class_names = request->class_names;
  request->figure.names = request->names;
  request->figure.title = request->title;
  request->figure.subtitle = request->subtitle;
}

/* The matrices as the CLI's export writes them, each named as under its small multiple. */
static gboolean
save_csv (Request  *request,
          GError  **error)
{
  CsLearnedConfusions confusions = {
    .M = request->figure.n, .K = request->figure.K, .names = request->names,
    .matrices = request->matrices, .probabilities = TRUE,
  };

  return cs_learned_confusions_save (&confusions, request->class_names, request->path,
                                     CS_CONFUSIONS_CSV, error);
}

static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Request *request = task_data;
  CsImageInfo info = { request->dataset, request->run, request->matrix };
  CsImageFormat format;
  GError *error = NULL;
  gboolean ok;

  if (request->csv)
    ok = save_csv (request, &error);
  else if (!cs_image_format_from_path (request->path, &format))
    {
      g_set_error (&error, CS_ERROR, CS_ERROR_INVALID,
                   _("%s: expected a name ending in .png, .svg or .pdf"), request->path);
      ok = FALSE;
    }
  else if (request->curves != NULL)
    ok = cs_curve_figure_save (request->curves, &info, request->path, format, &error);
  else
    ok = cs_heatmap_figure_save (&request->figure, &info, request->path, format, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Both kinds of figure are finished by cs_figure_save_finish. */
static void
run_request (Request             *request,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, cs_figure_save_async);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  g_task_run_in_thread (task, save_in_thread);
}

void
cs_figure_save_async (const CsHeatmapFigure *figure,
                      const CsImageInfo     *info,
                      const char            *path,
                      gboolean               csv,
                      GCancellable          *cancellable,
                      GAsyncReadyCallback    callback,
                      gpointer               user_data)
{
  Request *request;

  g_return_if_fail (figure != NULL && figure->matrices != NULL);
  g_return_if_fail (path != NULL);

  request = request_new (info, path);
  request_copy_heatmap (request, figure);
  request->csv = csv;
  run_request (request, cancellable, callback, user_data);
}

void
cs_curve_figure_save_async (CsCurveFigure       *figure,
                            const CsImageInfo   *info,
                            const char          *path,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Request *request;

  g_return_if_fail (figure != NULL);
  g_return_if_fail (path != NULL);

  request = request_new (info, path);
  request->curves = figure;
  run_request (request, cancellable, callback, user_data);
}

gboolean
cs_figure_save_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
