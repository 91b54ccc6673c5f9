/* cs-dataset-task.c — loading datasets and working out their figures off the main thread
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-dataset-task.h"
#include "cs-demo.h"
#include "cs-layouts.h"

#define DEMO_SEED 1

typedef struct
{
  char          *path;
  CsLoadOptions  options;
  gboolean       demo;
} Request;

static void
request_free (Request *request)
{
  g_free (request->path);
  g_free (request);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Request *request = task_data;
  g_autofree char *manifest = g_build_filename (request->path, CS_MANIFEST_NAME, NULL);
  GError *error = NULL;
  CsDataset *dataset;

  if (request->demo && !g_file_test (manifest, G_FILE_TEST_EXISTS) &&
      !cs_demo_write (request->path, DEMO_SEED, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if ((dataset = cs_dataset_load (request->path, &request->options, &error)))
    g_task_return_pointer (task, dataset, (GDestroyNotify) cs_dataset_unref);
  else
    g_task_return_error (task, error);
}

static void
start (char                *path,
       const CsLoadOptions *options,
       gboolean             demo,
       GCancellable        *cancellable,
       GAsyncReadyCallback  callback,
       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);

  request->path = path;
  request->demo = demo;
  if (options)
    request->options = *options;
  else
    cs_load_options_init (&request->options);
  g_task_set_source_tag (task, cs_dataset_load_async);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  g_task_run_in_thread (task, load_in_thread);
}

void
cs_dataset_load_async (const char           *path,
                       const CsLoadOptions  *options,
                       GCancellable         *cancellable,
                       GAsyncReadyCallback   callback,
                       gpointer              user_data)
{
  g_return_if_fail (path != NULL);

  start (g_strdup (path), options, FALSE, cancellable, callback, user_data);
}

char *
cs_demo_get_folder (void)
{
  return g_build_filename (g_get_user_cache_dir (), "crowdscope", "demo-1", NULL);
}

void
cs_demo_load_async (GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  start (cs_demo_get_folder (), NULL, TRUE, cancellable, callback, user_data);
}

CsDataset *
cs_dataset_load_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Worker thread: the dataset is immutable once loaded, and the task holds a reference. */
static void
figures_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  g_task_return_pointer (task, cs_dataset_figures_new (task_data),
                         (GDestroyNotify) cs_dataset_figures_free);
}

void
cs_dataset_figures_async (CsDataset           *dataset,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (dataset != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_dataset_figures_async);
  g_task_set_task_data (task, cs_dataset_ref (dataset), (GDestroyNotify) cs_dataset_unref);
  g_task_run_in_thread (task, figures_in_thread);
}

CsDatasetFigures *
cs_dataset_figures_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
