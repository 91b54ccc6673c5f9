/* test-session.c — the session the window shows, driven without a window: open, train, open
 * during a run (refused unless asked to stop it), stop then open, a stopped run's result,
 * runs kept across datasets, the form's values across datasets, the list models
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cs-annotator.h"
#include "cs-checkpoint.h"
#include "cs-demo.h"
#include "cs-error.h"
#include "cs-file.h"
#include "cs-item.h"
#include "cs-majority-vote.h"
#include "cs-run-store.h"
#include "cs-session.h"
#include "test-util.h"


/* Opens `path` and waits for the outcome; returns whether it opened, with the error in *error. */
static gboolean
open_and_wait (CsSession           *session,
               const char          *path,
               CsSessionOpenFlags   flags,
               GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;

  cs_session_open_async (session, path, flags, NULL, cs_test_keep_result, &pending);
  result = cs_test_wait_result (&pending, "the dataset to open");
  return cs_session_open_finish (session, result, error);
}

static gboolean
has_stats (gpointer data)
{
  return cs_session_get_stats (data) != NULL;
}

static gboolean
not_running (gpointer data)
{
  return cs_training_get_state (data) != CS_TRAINING_RUNNING;
}

static gboolean
three_epochs (gpointer data)
{
  return cs_training_get_n_epochs (data) >= 3;
}

static const char *
write_demo (CsTestDir  *tmp,
            const char *name,
            guint64     seed)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_demo_write (cs_test_dir_path (tmp, name), seed, &error));
  g_assert_no_error (error);
  return cs_test_dir_path (tmp, name);
}

static CsSession *
session_on_demo (CsTestDir *tmp)
{
  CsSession *session = cs_session_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (open_and_wait (session, write_demo (tmp, "demo", 1), 0, &error));
  g_assert_no_error (error);
  return session;
}

static CsTraining *
train_long (CsSession *session)
{
  g_autoptr(GError) error = NULL;
  CsTraining *training;

  g_object_set (cs_session_get_options (session), "epochs", 5000, "batch-size", 128, NULL);
  training = cs_session_train (session, &error);
  g_assert_no_error (error);
  g_assert_true (cs_session_get_running (session));
  cs_test_wait_for (three_epochs, training, "three epochs");
  return training;
}

/* Opening gives the dataset, its items at once and its annotators with their figures soon
 * after; the figures are the core's. */
static void
test_open (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsSession) session = session_on_demo (tmp);
  CsDataset *dataset = cs_session_get_dataset (session);
  GListModel *items = cs_session_get_items (session);
  g_autoptr(CsDatasetStats) stats = NULL;
  g_autoptr(CsAnnotator) annotator = NULL;
  g_autoptr(CsItem) item = NULL;
  g_autoptr(CsItem) again = NULL;
  g_autofree int32_t *majority = NULL;
  guint n = 0;

  g_assert_nonnull (dataset);
  g_assert_cmpstr (cs_session_get_title (session), ==, dataset->name);
  g_assert_false (cs_session_get_loading (session));
  for (int s = 0; s < CS_N_SPLITS; s++)
    n += dataset->splits[s].present ? dataset->splits[s].n : 0;
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, n);
  g_assert_true (g_list_model_get_item_type (items) == CS_TYPE_ITEM);

  /* The first item is the train split's first, with its votes counted as majority vote does. */
  majority = g_new (int32_t, dataset->splits[CS_SPLIT_TRAIN].n);
  cs_majority_vote (majority, NULL, &dataset->splits[CS_SPLIT_TRAIN], dataset->n_classes);
  item = g_list_model_get_item (items, 0);
  again = g_list_model_get_item (items, 0);
  g_assert_true (item == again);
  g_assert_cmpint (cs_item_get_split (item), ==, CS_SPLIT_TRAIN);
  g_assert_cmpstr (cs_item_get_id (item), ==, dataset->splits[CS_SPLIT_TRAIN].item_ids[0]);
  g_assert_cmpint (cs_item_get_majority (item), ==, majority[0]);
  g_assert_cmpint (cs_item_get_gold (item), ==, dataset->splits[CS_SPLIT_TRAIN].gold[0]);
  cs_test_assert_contains (cs_item_get_votes (item), dataset->class_names[majority[0]]);
  g_clear_object (&item);
  item = g_list_model_get_item (items, n - 1);
  g_assert_cmpint (cs_item_get_split (item), ==, CS_SPLIT_TEST);
  g_assert_null (g_list_model_get_item (items, n));

  cs_test_wait_for (has_stats, session, "the dataset's figures");
  stats = cs_dataset_stats_new (dataset);
  g_assert_cmpint (cs_session_get_stats (session)->n_labels, ==, stats->n_labels);
  g_assert_cmpuint (g_list_model_get_n_items (cs_session_get_annotators (session)), ==,
                    dataset->n_annotators);
  annotator = g_list_model_get_item (cs_session_get_annotators (session), 2);
  g_assert_cmpstr (cs_annotator_get_id (annotator), ==, dataset->annotator_ids[2]);
  g_assert_cmpint (cs_annotator_get_n_labels (annotator), ==, stats->labels_per_annotator[2]);
  g_assert_cmpfloat (cs_annotator_get_accuracy (annotator), ==,
                     (double) stats->annotator_correct[2] / stats->annotator_with_gold[2]);
  g_assert_cmpfloat (cs_annotator_get_agreement (annotator), >=, 0);
  g_assert_cmpfloat (cs_annotator_get_agreement (annotator), <=, 1);
  g_assert_cmpfloat (cs_annotator_get_ds_accuracy (annotator), ==,
                     cs_dawid_skene_accuracy (cs_session_get_figures (session)->dawid_skene, 2));
  g_assert_cmpfloat (cs_annotator_get_ds_accuracy (annotator), >, 0);
  g_assert_cmpfloat (cs_annotator_get_ds_accuracy (annotator), <=, 1);
}

/* A malformed dataset fails with the loader's message; the one open before stays. */
static void
test_open_bad_keeps_previous (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsSession) session = session_on_demo (tmp);
  CsDataset *before = cs_session_get_dataset (session);
  g_autoptr(GError) error = NULL;

  cs_test_dir_write (tmp, "bad/crowdscope.ini", "[dataset]\nclasses=a;b\n[train]\nfeatures=x.csv\n");
  cs_test_dir_write (tmp, "bad/x.csv", "f0,f1\n1,2\n3,oops\n");
  g_assert_false (open_and_wait (session, cs_test_dir_path (tmp, "bad"), 0, &error));
  cs_test_assert_contains (error->message, "x.csv:3");
  g_assert_true (cs_session_get_dataset (session) == before);
}

/* A run to the end: running while it trains, then finished with a result, in the runs. */
static void
test_train (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsSession) session = session_on_demo (tmp);
  g_autoptr(GError) error = NULL;
  CsTraining *training;

  g_object_set (cs_session_get_options (session), "epochs", 3, "batch-size", 256, "seed", 7, NULL);
  training = cs_session_train (session, &error);
  g_assert_no_error (error);
  g_assert_true (cs_session_get_training (session) == training);
  g_assert_true (cs_session_get_running (session));
  g_assert_null (cs_session_train (session, &error));
  g_assert_error (error, CS_SESSION_ERROR, CS_SESSION_ERROR_BUSY);
  cs_test_wait_for (not_running, training, "the run to finish");
  g_assert_cmpint (cs_training_get_state (training), ==, CS_TRAINING_FINISHED);
  g_assert_false (cs_session_get_running (session));
  g_assert_true (cs_training_get_has_result (training));
  g_assert_cmpuint (cs_training_get_n_epochs (training), ==, 3);
  g_assert_cmpint (cs_training_get_config (training)->seed, ==, 7);
  g_assert_cmpuint (g_list_model_get_n_items (cs_session_get_runs (session)), ==, 1);
}

/* A finished run is kept in the session's run store by its worker, with the numbers it shows;
 * a stopped one too; without a store nothing is kept. */
static void
test_runs_kept_in_store (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsSession) session = session_on_demo (tmp);
  g_autoptr(CsRunStore) store = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GError) error = NULL;
  CsTraining *finished, *stopped, *unkept;
  const CsRunInfo *info;

  g_assert_nonnull (cs_session_get_store_path (session));
  cs_session_set_store_path (session, cs_test_dir_path (tmp, "runs"));
  g_object_set (cs_session_get_options (session), "epochs", 3, "batch-size", 256, NULL);
  finished = cs_session_train (session, &error);
  g_assert_no_error (error);
  cs_test_wait_for (not_running, finished, "the run to finish");
  g_assert_nonnull (cs_training_get_kept_id (finished));
  g_assert_null (cs_training_get_keep_error (finished));

  stopped = train_long (session);
  cs_session_stop (session);
  cs_test_wait_for (not_running, stopped, "the run to stop");
  g_assert_cmpint (cs_training_get_state (stopped), ==, CS_TRAINING_STOPPED);

  store = cs_run_store_new (cs_test_dir_path (tmp, "runs"));
  kept = cs_run_store_list (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kept->len, ==, cs_training_get_has_result (stopped) ? 2 : 1);
  info = g_ptr_array_index (kept, kept->len - 1);   /* newest first: the finished one last */
  g_assert_cmpstr (info->id, ==, cs_training_get_kept_id (finished));
  g_assert_cmpfloat (info->test_accuracy, ==, cs_run_get_best (cs_training_get_run (finished))->test_accuracy);

  cs_session_set_store_path (session, NULL);
  g_object_set (cs_session_get_options (session), "epochs", 1, NULL);
  unkept = cs_session_train (session, &error);
  cs_test_wait_for (not_running, unkept, "the unkept run");
  g_assert_null (cs_training_get_kept_id (unkept));
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static CsTraining *
reopen_and_wait (CsSession   *session,
                 const char  *id,
                 GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;

  cs_session_reopen_async (session, id, NULL, cs_test_keep_result, &pending);
  result = cs_test_wait_result (&pending, "the run to reopen");
  return cs_session_reopen_finish (session, result, error);
}

static void
assert_same_floats (const float *a,
                    const float *b,
                    size_t       n)
{
  g_assert_true ((a == NULL) == (b == NULL));
  if (a != NULL)
    g_assert_cmpmem (a, sizeof (float) * n, b, sizeof (float) * n);
}

static void
assert_same_snapshot (const CsEpochSnapshot *a,
                      const CsEpochSnapshot *b,
                      int                    K,
                      int                    R)
{
  const double x[] = { a->metrics.train_loss, a->metrics.train_accuracy, a->metrics.valid_accuracy,
                       a->metrics.test_accuracy, a->metrics.crowd_nll, a->metrics.seconds };
  const double y[] = { b->metrics.train_loss, b->metrics.train_accuracy, b->metrics.valid_accuracy,
                       b->metrics.test_accuracy, b->metrics.crowd_nll, b->metrics.seconds };

  g_assert_cmpint (a->metrics.epoch, ==, b->metrics.epoch);
  g_assert_cmpint (a->metrics.best_epoch, ==, b->metrics.best_epoch);
  for (guint i = 0; i < G_N_ELEMENTS (x); i++)
    {
      g_test_message ("epoch %d, metric %u: %.17g and %.17g", a->metrics.epoch, i, x[i], y[i]);
      g_assert_true (x[i] == y[i] || (isnan (x[i]) && isnan (y[i])));
    }
  assert_same_floats (a->global, b->global, (size_t) K * K);
  assert_same_floats (a->local, b->local, (size_t) R * K * K);
  assert_same_floats (a->effective, b->effective, (size_t) R * K * K);
  assert_same_floats (a->mean_w, b->mean_w, R);
}

/* A kept run reopened in another session (the app started again) opens its dataset and comes
 * back as it ended: the same epochs with the same matrices, the same result, without training;
 * reopened again it is the same run. */
static void
test_reopen (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsSession) session = session_on_demo (tmp);
  g_autoptr(CsSession) again = cs_session_new ();
  g_autoptr(CsTraining) reopened = NULL;
  g_autoptr(CsTraining) twice = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *matrices = NULL;
  CsTraining *trained;
  CsDataset *dataset;
  int K, R;

  cs_session_set_store_path (session, cs_test_dir_path (tmp, "runs"));
  g_object_set (cs_session_get_options (session), "method", CS_METHOD_CONAL, "epochs", 4,
                "batch-size", 256, NULL);
  trained = cs_session_train (session, &error);
  g_assert_no_error (error);
  cs_test_wait_for (not_running, trained, "the run to finish");
  g_assert_nonnull (cs_training_get_kept_id (trained));
  matrices = g_build_filename (cs_test_dir_path (tmp, "runs"), cs_training_get_kept_id (trained),
                               CS_RUN_MATRICES_FILE, NULL);
  cs_test_wait_for (file_exists, matrices, "the run's matrices to be kept");

  cs_session_set_store_path (again, cs_test_dir_path (tmp, "runs"));
  reopened = reopen_and_wait (again, cs_training_get_kept_id (trained), &error);
  g_assert_no_error (error);
  g_assert_nonnull (reopened);
  dataset = cs_session_get_dataset (again);
  g_assert_nonnull (dataset);
  g_assert_cmpstr (dataset->source, ==, cs_session_get_dataset (session)->source);
  g_assert_true (cs_session_get_training (again) == reopened);
  g_assert_cmpuint (g_list_model_get_n_items (cs_session_get_runs (again)), ==, 1);
  g_assert_cmpint (cs_training_get_state (reopened), ==, CS_TRAINING_FINISHED);
  g_assert_true (cs_training_get_has_result (reopened));
  g_assert_cmpstr (cs_training_get_kept_id (reopened), ==, cs_training_get_kept_id (trained));
  K = dataset->n_classes;
  R = dataset->n_annotators;
  g_assert_cmpuint (cs_training_get_n_epochs (reopened), ==, cs_training_get_n_epochs (trained));
  for (guint i = 0; i < cs_training_get_n_epochs (trained); i++)
    assert_same_snapshot (cs_training_get_epoch (trained, i), cs_training_get_epoch (reopened, i), K, R);
  g_assert_nonnull (cs_training_get_epoch (reopened, 3)->effective);
  assert_same_snapshot (cs_training_get_result_matrices (trained),
                        cs_training_get_result_matrices (reopened), K, R);
  g_assert_cmpmem (cs_training_get_result_matrices (trained)->label_w,
                   sizeof (float) * dataset->splits[CS_SPLIT_TRAIN].n_labels,
                   cs_training_get_result_matrices (reopened)->label_w,
                   sizeof (float) * dataset->splits[CS_SPLIT_TRAIN].n_labels);
  g_assert_cmpint (cs_training_get_run (reopened)->best_epoch, ==,
                   cs_training_get_run (trained)->best_epoch);

  twice = reopen_and_wait (again, cs_training_get_kept_id (trained), &error);
  g_assert_no_error (error);
  g_assert_true (twice == reopened);
  g_assert_cmpuint (g_list_model_get_n_items (cs_session_get_runs (again)), ==, 1);
}

/* A run whose dataset is gone is not reopened, and the error names where it was; an unknown
 * id names itself. */
static void
test_reopen_dataset_gone (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsSession) session = cs_session_new ();
  g_autoptr(CsSession) again = cs_session_new ();
  g_autoptr(GError) error = NULL;
  const char *path = write_demo (tmp, "gone", 3);
  CsTraining *trained;

  g_assert_true (open_and_wait (session, path, 0, &error));
  cs_session_set_store_path (session, cs_test_dir_path (tmp, "runs"));
  g_object_set (cs_session_get_options (session), "epochs", 2, "batch-size", 256, NULL);
  trained = cs_session_train (session, &error);
  g_assert_no_error (error);
  cs_test_wait_for (not_running, trained, "the run to finish");
  g_assert_nonnull (cs_training_get_kept_id (trained));
  g_assert_true (cs_file_remove_tree (path, &error));

  cs_session_set_store_path (again, cs_test_dir_path (tmp, "runs"));
  g_assert_null (reopen_and_wait (again, cs_training_get_kept_id (trained), &error));
  g_assert_error (error, CS_SESSION_ERROR, CS_SESSION_ERROR_DATASET_GONE);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_null (cs_session_get_dataset (again));
  g_clear_error (&error);
  g_assert_null (reopen_and_wait (again, "20260101-000000-beef", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "20260101-000000-beef"));
}

/* Opening during a run is refused, and nothing changes: the run goes on. */
static void
test_open_during_run_refused (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsSession) session = session_on_demo (tmp);
  CsDataset *before = cs_session_get_dataset (session);
  CsTraining *training = train_long (session);
  g_autoptr(GError) error = NULL;

  g_assert_false (open_and_wait (session, write_demo (tmp, "other", 2), 0, &error));
  g_assert_error (error, CS_SESSION_ERROR, CS_SESSION_ERROR_BUSY);
  g_assert_true (cs_session_get_dataset (session) == before);
  g_assert_true (cs_session_get_training (session) == training);
  g_assert_cmpint (cs_training_get_state (training), ==, CS_TRAINING_RUNNING);
  cs_session_stop (session);
  cs_test_wait_for (not_running, training, "the run to stop");
}

/* Stop, then open: the run stops with its best epoch so far as its result, which saves like a
 * finished one; it stays in the runs, and the session has no current run on the new dataset. */
static void
test_stop_then_open (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsSession) session = session_on_demo (tmp);
  g_autoptr(CsTraining) training = g_object_ref (train_long (session));
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCheckpoint) checkpoint = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;
  const CsRun *run;

  g_assert_true (open_and_wait (session, write_demo (tmp, "other", 2), CS_SESSION_OPEN_STOP_RUN,
                                &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (cs_session_get_dataset (session)->source,
                                   cs_test_dir_path (tmp, "other")));
  g_assert_null (cs_session_get_training (session));
  g_assert_false (cs_session_get_running (session));
  cs_test_wait_for (not_running, training, "the run to stop");
  g_assert_cmpint (cs_training_get_state (training), ==, CS_TRAINING_STOPPED);
  g_assert_true (cs_training_get_has_result (training));

  run = cs_training_get_run (training);
  g_assert_true (run->stopped);
  g_assert_cmpint (run->epochs_run, >=, 3);
  g_assert_cmpint (run->epochs_run, <, 5000);
  g_assert_cmpuint (cs_training_get_n_epochs (training), ==, run->epochs_run);
  g_assert_cmpint (run->best_epoch, >=, 1);
  g_assert_cmpint (run->best_epoch, <=, run->epochs_run);
  g_assert_false (isnan (cs_run_get_best (run)->test_accuracy));

  cs_training_save_async (training, cs_test_dir_path (tmp, "saved"), NULL, cs_test_keep_result,
                          &pending);
  result = cs_test_wait_result (&pending, "the checkpoint to be saved");
  g_assert_true (cs_training_save_finish (training, result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cs_training_get_saved_path (training), ==, cs_test_dir_path (tmp, "saved"));
  checkpoint = cs_checkpoint_load (cs_test_dir_path (tmp, "saved"), &error);
  g_assert_no_error (error);
  g_assert_cmpint (checkpoint->best_epoch, ==, run->best_epoch);

  g_assert_cmpuint (g_list_model_get_n_items (cs_session_get_runs (session)), ==, 1);
}

/* Every run of the session stays, whatever was opened since, oldest first. */
static void
test_runs_kept (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsSession) session = session_on_demo (tmp);
  GListModel *runs = cs_session_get_runs (session);
  g_autoptr(GError) error = NULL;
  CsTraining *trained[3];

  g_object_set (cs_session_get_options (session), "epochs", 2, "batch-size", 256, NULL);
  for (int i = 0; i < 3; i++)
    {
      if (i == 2)
        g_assert_true (open_and_wait (session, write_demo (tmp, "other", 2), 0, &error));
      g_object_set (cs_session_get_options (session), "seed", (guint64) i + 1, NULL);
      trained[i] = cs_session_train (session, &error);
      g_assert_no_error (error);
      cs_test_wait_for (not_running, trained[i], "a run to finish");
    }
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CsTraining) run = g_list_model_get_item (runs, i);

      g_assert_true (run == trained[i]);
      g_assert_cmpint (cs_training_get_state (run), ==, CS_TRAINING_FINISHED);
    }
}

/* The form's values: a preset's for the open dataset, except what the person typed, which
 * survives a change of dataset until a preset is chosen again. */
static void
test_options_survive_dataset (void)
{
  g_autoptr(CsTrainOptions) options = cs_train_options_new ();
  CsTrainConfig labelme, music, config;
  int epochs, batch;

  cs_train_config_init (&labelme);
  cs_train_config_apply_preset (&labelme, CS_PRESET_DEFAULT, "LabelMe", NULL);
  cs_train_config_init (&music);
  cs_train_config_apply_preset (&music, CS_PRESET_DEFAULT, "Music", NULL);
  g_assert_cmpint (labelme.batch_size, !=, music.batch_size);

  cs_train_options_set_dataset (options, "LabelMe");
  g_object_set (options, "epochs", 3000, NULL);
  cs_train_options_set_dataset (options, "Music");
  g_object_get (options, "epochs", &epochs, "batch-size", &batch, NULL);
  g_assert_cmpint (epochs, ==, 3000);
  g_assert_cmpint (batch, ==, music.batch_size);
  g_assert_true (cs_train_options_get_edited (options, "epochs"));
  g_assert_false (cs_train_options_get_edited (options, "batch-size"));

  /* The whole configuration: the preset's head for Music, the typed epochs. */
  cs_train_options_get_config (options, &config);
  g_assert_cmpint (config.epochs, ==, 3000);
  g_assert_cmpint (config.hidden_batchnorm, ==, music.hidden_batchnorm);
  g_assert_cmpint (config.embedding, ==, music.embedding);
  /* The method chosen in the form is the one the preset is for: CoNAL's noise layers start
   * from Dawid–Skene, Crowd Layer's do not. */
  g_assert_true (config.noise_from_ds);
  g_object_set (options, "method", CS_METHOD_CROWD_LAYER, NULL);
  cs_train_options_get_config (options, &config);
  g_assert_false (config.noise_from_ds);
  g_object_set (options, "method", CS_METHOD_CONAL, NULL);

  g_object_set (options, "seed", (guint64) 42, NULL);
  cs_train_options_set_preset (options, CS_PRESET_OFFICIAL);
  cs_train_config_init (&music);
  cs_train_config_apply_preset (&music, CS_PRESET_OFFICIAL, "Music", NULL);
  cs_train_options_get_config (options, &config);
  g_assert_cmpint (config.epochs, ==, music.epochs);
  g_assert_cmpint (config.seed, ==, 42);
  g_assert_false (cs_train_options_get_edited (options, "epochs"));
}

/* Where the noise layers start follows the preset for the form's method until the person
 * sets it; then it stays, until a preset is chosen again. */
static void
test_options_noise_start (void)
{
  g_autoptr(CsTrainOptions) options = cs_train_options_new ();
  CsTrainConfig config;
  gboolean from_ds;

  cs_train_options_set_dataset (options, "LabelMe");
  g_object_get (options, "noise-from-ds", &from_ds, NULL);
  g_assert_true (from_ds);
  g_object_set (options, "method", CS_METHOD_CROWD_LAYER, NULL);
  g_object_get (options, "noise-from-ds", &from_ds, NULL);
  g_assert_false (from_ds);
  g_object_set (options, "method", CS_METHOD_CONAL, NULL);
  cs_train_options_set_preset (options, CS_PRESET_OFFICIAL);
  g_object_get (options, "noise-from-ds", &from_ds, NULL);
  g_assert_false (from_ds);
  cs_train_options_set_preset (options, CS_PRESET_DEFAULT);
  g_assert_false (cs_train_options_get_edited (options, "noise-from-ds"));

  /* The person turns it off for CoNAL: another method, another dataset keep it off. */
  g_object_set (options, "noise-from-ds", FALSE, NULL);
  g_assert_true (cs_train_options_get_edited (options, "noise-from-ds"));
  g_object_set (options, "method", CS_METHOD_CROWD_LAYER, NULL);
  g_object_set (options, "method", CS_METHOD_CONAL, NULL);
  cs_train_options_set_dataset (options, "Music");
  cs_train_options_get_config (options, &config);
  g_assert_false (config.noise_from_ds);
  /* … and Crowd Layer can have it on. */
  g_object_set (options, "method", CS_METHOD_CROWD_LAYER, "noise-from-ds", TRUE, NULL);
  cs_train_options_get_config (options, &config);
  g_assert_true (config.noise_from_ds);
  g_assert_cmpint (config.method, ==, CS_METHOD_CROWD_LAYER);

  cs_train_options_set_preset (options, CS_PRESET_DEFAULT);
  g_object_get (options, "noise-from-ds", &from_ds, NULL);
  g_assert_false (from_ds);
  g_assert_false (cs_train_options_get_edited (options, "noise-from-ds"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/session/open", test_open);
  g_test_add_func ("/session/open-bad-keeps-previous", test_open_bad_keeps_previous);
  g_test_add_func ("/session/train", test_train);
  g_test_add_func ("/session/runs-kept-in-store", test_runs_kept_in_store);
  g_test_add_func ("/session/reopen", test_reopen);
  g_test_add_func ("/session/reopen-dataset-gone", test_reopen_dataset_gone);
  g_test_add_func ("/session/open-during-run-refused", test_open_during_run_refused);
  g_test_add_func ("/session/stop-then-open", test_stop_then_open);
  g_test_add_func ("/session/runs-kept", test_runs_kept);
  g_test_add_func ("/session/options-survive-dataset", test_options_survive_dataset);
  g_test_add_func ("/session/options-noise-start", test_options_noise_start);
  return g_test_run ();
}
