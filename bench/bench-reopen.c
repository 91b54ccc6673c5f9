/* bench-reopen.c — how long reopening a kept run takes, as the window's Runs page does it
 *
 *   bench-reopen DATASET [EPOCHS]
 *
 * Trains CoNAL on the dataset (300 epochs by default), keeps it in a temporary run store with
 * the matrices of every epoch the window would have drawn, then reopens it over the loaded
 * dataset as the session does when the dataset is open: the checkpoint and the matrices read,
 * the run rebuilt, its result's matrices worked out again, the training made.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>
#include <stdlib.h>

#include "bench-util.h"
#include "cs-epoch-snapshot.h"
#include "cs-file.h"
#include "cs-run-store.h"
#include "cs-training.h"

#define REPEATS 9

typedef struct
{
  const CsDataset *dataset;
  GArray          *epochs;     /* of CsEpochSnapshot */
  float           *label_w;
} Kept;

/* Every epoch's matrices, CoNAL's effective confusions every tenth: about what the window
 * keeps of a LabelMe run. */
static void
on_epoch (const CsEpochMetrics *metrics,
          CsModel              *model,
          gpointer              data)
{
  Kept *kept = data;
  CsEpochSnapshot snapshot = { *metrics };

  cs_epoch_snapshot_fill (&snapshot, kept->dataset, model, kept->label_w, metrics->epoch % 10 == 0);
  g_array_append_val (kept->epochs, snapshot);
}

static void
on_reopened (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  CsTraining **training = data;
  g_autoptr(GError) error = NULL;

  if (!(*training = cs_training_reopen_finish (result, &error)))
    g_printerr ("%s\n", error->message);
}

static gboolean
measure (const char  *dataset_path,
         int          epochs,
         const char  *dir,
         GError     **error)
{
  g_autofree char *store_path = g_build_filename (dir, "runs", NULL);
  g_autoptr(CsRunStore) store = cs_run_store_new (store_path);
  g_autoptr(CsDataset) dataset = NULL;
  g_autoptr(CsRun) run = NULL;
  g_autoptr(CsEpochSnapshot) result = NULL;
  g_autofree char *id = NULL;
  g_autofree char *run_dir = NULL;
  g_autofree char *matrices = NULL;
  Kept kept = { 0 };
  CsTrainCallbacks callbacks = { on_epoch, NULL, &kept };
  CsTrainConfig config;
  double ms[REPEATS];
  gint64 begin;

  if (!(dataset = cs_dataset_load (dataset_path, NULL, error)))
    return FALSE;
  cs_train_config_init (&config);
  config.method = CS_METHOD_CONAL;
  config.epochs = epochs;
  kept.dataset = dataset;
  kept.epochs = cs_epoch_snapshot_array_new ();
  kept.label_w = g_new (float, MAX (dataset->splits[CS_SPLIT_TRAIN].n_labels, 1));
  begin = g_get_monotonic_time ();
  run = cs_train (dataset, &config, &callbacks, error);
  g_free (kept.label_w);
  if (run == NULL || !(id = cs_run_store_save (store, run, NULL, error)))
    return FALSE;
  result = cs_epoch_snapshot_new_result (run);
  run_dir = cs_run_store_dup_run_dir (store, id, error);
  matrices = g_build_filename (run_dir, CS_RUN_MATRICES_FILE, NULL);
  if (!cs_epoch_snapshots_save (kept.epochs, result, dataset->n_classes, dataset->n_annotators,
                                matrices, error))
    return FALSE;
  printf ("trained CoNAL on %s for %d epochs and kept it in %.1f s\n", dataset->name, epochs,
          (g_get_monotonic_time () - begin) / 1e6);

  for (int r = 0; r < REPEATS; r++)
    {
      g_autoptr(CsTraining) training = NULL;

      begin = g_get_monotonic_time ();
      cs_training_reopen_async (dataset, store_path, id, NULL, on_reopened, &training);
      while (training == NULL)
        g_main_context_iteration (NULL, TRUE);
      ms[r] = (g_get_monotonic_time () - begin) / 1000.0;
      if (cs_training_get_n_epochs (training) != (guint) epochs)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "reopened %u epochs of %d",
                       cs_training_get_n_epochs (training), epochs);
          return FALSE;
        }
    }
  g_array_unref (kept.epochs);
  bench_sort (ms, REPEATS);
  printf ("reopen the run: median %.1f ms (min %.1f, max %.1f; %d reopenings)  target: under 200 ms\n",
          ms[REPEATS / 2], ms[0], ms[REPEATS - 1], REPEATS);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *template = g_build_filename (g_get_tmp_dir (), "crowdscope-bench-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-reopen DATASET [EPOCHS]\n");
      return 2;
    }
  if (g_mkdtemp (template) == NULL)
    {
      perror (template);
      return 1;
    }
  ok = measure (argv[1], argc > 2 ? atoi (argv[2]) : 300, template, &error);
  cs_file_remove_tree (template, NULL);
  if (!ok)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  return 0;
}
