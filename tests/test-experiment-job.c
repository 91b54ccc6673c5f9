/* test-experiment-job.c — an experiment on worker threads: rows filling in, the table, a stop
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-experiment-job.h"
#include "cs-run-store.h"
#include "test-util.h"

enum { N_SEEDS = 2 };

static const CsMethod methods[] = { CS_METHOD_CONAL, CS_METHOD_MAJORITY };

static void
configs_for (CsTrainConfig *configs,
             int            epochs)
{
  for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
    cs_test_config (&configs[m], methods[m], epochs, 32);
}

static gboolean
ended (gpointer data)
{
  return cs_experiment_job_get_state (data) > CS_EXPERIMENT_RUNNING;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    data)
{
  (*(int *) data)++;
}

/* Two methods × two seeds on the small dataset: the rows fill in as runs finish, on the main
 * thread, and end as the core's own experiment on the same configs has them; the table is the
 * one crowdscope-cli experiment prints. */
static void
test_rows_fill_in (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsDataset) dataset = cs_test_load_small_dataset (tmp);
  g_autoptr(CsExperimentJob) job = NULL;
  g_autoptr(CsExperiment) reference = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *table = NULL;
  CsTrainConfig configs[G_N_ELEMENTS (methods)];
  GListModel *results;
  int finished_notes = 0;

  configs_for (configs, 5);
  job = cs_experiment_job_new (dataset, configs, G_N_ELEMENTS (methods), N_SEEDS);
  results = cs_experiment_job_get_results (job);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, G_N_ELEMENTS (methods));
  g_assert_cmpint (cs_experiment_job_get_n_total (job), ==, 4);
  g_assert_null (cs_experiment_job_format_table (job, CS_TABLE_MARKDOWN));
  {
    g_autoptr(CsExperimentResult) first = g_list_model_get_item (results, 0);

    g_assert_true (isnan (cs_experiment_result_get_test_mean (first)));
    g_assert_cmpint (cs_experiment_result_get_method (first), ==, CS_METHOD_CONAL);
  }
  g_signal_connect (job, "notify::n-finished", G_CALLBACK (count_notify), &finished_notes);

  cs_experiment_job_start (job, 2);
  g_assert_cmpint (cs_experiment_job_get_state (job), ==, CS_EXPERIMENT_RUNNING);
  cs_test_wait_for (ended, job, "the experiment");
  g_assert_cmpint (cs_experiment_job_get_state (job), ==, CS_EXPERIMENT_FINISHED);
  g_assert_cmpint (cs_experiment_job_get_n_finished (job), ==, 4);
  g_assert_cmpint (finished_notes, >=, 1);
  g_assert_null (cs_experiment_job_get_message (job));

  /* The same configs and seeds, run by the core alone: the same numbers. */
  reference = cs_experiment_new (dataset, configs, G_N_ELEMENTS (methods), N_SEEDS);
  g_assert_true (cs_experiment_run (reference, 1, NULL, NULL));
  for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
    {
      g_autoptr(CsExperimentResult) result = g_list_model_get_item (results, m);
      CsExperimentRow row;
      int n_runs;
      double valid;

      cs_experiment_get_row (reference, m, &row);
      g_object_get (result, "n-runs", &n_runs, "valid-mean", &valid, NULL);
      g_assert_cmpint (n_runs, ==, N_SEEDS);
      g_assert_cmpfloat (cs_experiment_result_get_test_mean (result), ==, row.test_mean);
      g_assert_cmpfloat (cs_experiment_result_get_test_std (result), ==, row.test_std);
      g_assert_cmpfloat (valid, ==, row.valid_mean);
    }

  /* The table: the core's, as the CLI prints it (the times per epoch are this run's). */
  cs_experiment_format_table (cs_experiment_job_get_experiment (job), CS_TABLE_MARKDOWN, expected);
  table = cs_experiment_job_format_table (job, CS_TABLE_MARKDOWN);
  g_assert_cmpstr (table, ==, expected->str);
  g_assert_true (g_str_has_prefix (table, "| small | test accuracy (%) | runs | ms / epoch |\n"));
  g_assert_nonnull (strstr (table, "| CoNAL | "));
}

/* Each notification of n-histories comes with one more finished run's history. */
static void
on_n_histories (CsExperimentResult *result,
                GParamSpec         *pspec,
                int                *last)
{
  int n;

  cs_experiment_result_get_histories (result, &n);
  g_assert_cmpint (n, ==, *last + 1);
  *last = n;
}

static void
assert_same_history (GArray *history,
                     GArray *expected)
{
  g_assert_cmpuint (history->len, ==, expected->len);
  for (guint e = 0; e < history->len; e++)
    {
      const CsEpochMetrics *a = &g_array_index (history, CsEpochMetrics, e);
      const CsEpochMetrics *b = &g_array_index (expected, CsEpochMetrics, e);

      /* Not every dataset has every split: a metric not measured is NaN in both. */
      g_assert_cmpint (a->epoch, ==, b->epoch);
      g_assert_true (a->test_accuracy == b->test_accuracy ||
                     (isnan (a->test_accuracy) && isnan (b->test_accuracy)));
      g_assert_true (a->valid_accuracy == b->valid_accuracy ||
                     (isnan (a->valid_accuracy) && isnan (b->valid_accuracy)));
      g_assert_cmpfloat (a->train_loss, ==, b->train_loss);
    }
}

/* The histories of the finished runs come to the main thread one by one, and are the core's
 * own runs' on the same configs and seeds, with the test split scored at every epoch. */
static void
test_histories_arrive (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsDataset) dataset = cs_test_load_small_dataset (tmp);
  g_autoptr(CsExperimentJob) job = NULL;
  g_autoptr(CsExperiment) reference = NULL;
  CsTrainConfig configs[G_N_ELEMENTS (methods)];
  int last[G_N_ELEMENTS (methods)] = { 0 };
  GListModel *results;

  configs_for (configs, 4);
  job = cs_experiment_job_new (dataset, configs, G_N_ELEMENTS (methods), N_SEEDS);
  results = cs_experiment_job_get_results (job);
  for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
    {
      g_autoptr(CsExperimentResult) result = g_list_model_get_item (results, m);
      int n = -1;

      cs_experiment_result_get_histories (result, &n);
      g_assert_cmpint (n, ==, 0);
      g_assert_null (cs_experiment_result_get_history (result, 0));
      g_signal_connect (result, "notify::n-histories", G_CALLBACK (on_n_histories), &last[m]);
    }
  cs_experiment_job_start (job, 2);
  cs_test_wait_for (ended, job, "the experiment");
  cs_test_spin (50);

  reference = cs_experiment_new (dataset, configs, G_N_ELEMENTS (methods), N_SEEDS);
  cs_experiment_set_test_every_epoch (reference, true);
  g_assert_true (cs_experiment_run (reference, 1, NULL, NULL));
  for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
    {
      g_autoptr(CsExperimentResult) result = g_list_model_get_item (results, m);
      GArray * const *histories;
      int n, n_histories;

      histories = cs_experiment_result_get_histories (result, &n);
      g_object_get (result, "n-histories", &n_histories, NULL);
      g_assert_cmpint (n, ==, N_SEEDS);
      g_assert_cmpint (n_histories, ==, N_SEEDS);
      g_assert_cmpint (last[m], ==, N_SEEDS);
      for (int s = 0; s < N_SEEDS; s++)
        {
          g_assert_true (histories[s] == cs_experiment_result_get_history (result, s));
          g_assert_cmpuint (histories[s]->len, ==, 4);
          g_assert_false (isnan (g_array_index (histories[s], CsEpochMetrics, 0).test_accuracy));
          assert_same_history (histories[s], cs_experiment_get_run (reference, m, s)->history);
        }
      g_signal_handlers_disconnect_by_func (result, on_n_histories, &last[m]);
    }
}

/* With a store, every finished run is kept there by the workers, with its numbers; a store
 * that cannot be written is said once, and the experiment goes on. */
static void
test_runs_kept (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsDataset) dataset = cs_test_load_small_dataset (tmp);
  g_autoptr(CsExperimentJob) job = NULL;
  g_autoptr(CsExperimentJob) unwritable = NULL;
  g_autoptr(CsRunStore) store = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  CsTrainConfig configs[G_N_ELEMENTS (methods)];
  double sum = 0;

  configs_for (configs, 3);
  job = cs_experiment_job_new (dataset, configs, G_N_ELEMENTS (methods), N_SEEDS);
  cs_experiment_job_set_store_path (job, cs_test_dir_path (tmp, "runs"));
  cs_experiment_job_start (job, 2);
  cs_test_wait_for (ended, job, "the experiment");
  cs_test_spin (50);
  g_assert_cmpint (cs_experiment_job_get_n_kept (job), ==, 4);
  g_assert_null (cs_experiment_job_get_keep_error (job));
  store = cs_run_store_new (cs_test_dir_path (tmp, "runs"));
  kept = cs_run_store_list (store, NULL, NULL);
  g_assert_cmpuint (kept->len, ==, 4);
  for (guint i = 0; i < kept->len; i++)
    {
      const CsRunInfo *info = g_ptr_array_index (kept, i);

      if (info->method == CS_METHOD_CONAL)
        sum += info->test_accuracy;
    }
  {
    g_autoptr(CsExperimentResult) conal = g_list_model_get_item (cs_experiment_job_get_results (job), 0);

    g_assert_cmpfloat_with_epsilon (sum / N_SEEDS, cs_experiment_result_get_test_mean (conal), 1e-12);
  }

  /* A file where the store's folder should be. */
  cs_test_dir_write (tmp, "not-a-folder", "x");
  unwritable = cs_experiment_job_new (dataset, configs, 1, 1);
  cs_experiment_job_set_store_path (unwritable, cs_test_dir_path (tmp, "not-a-folder"));
  cs_experiment_job_start (unwritable, 1);
  cs_test_wait_for (ended, unwritable, "the experiment with a bad store");
  cs_test_spin (50);
  g_assert_cmpint (cs_experiment_job_get_state (unwritable), ==, CS_EXPERIMENT_FINISHED);
  g_assert_cmpint (cs_experiment_job_get_n_kept (unwritable), ==, 0);
  g_assert_nonnull (cs_experiment_job_get_keep_error (unwritable));
  cs_test_assert_contains (cs_experiment_job_get_keep_error (unwritable), "not-a-folder");
}

static gboolean
one_finished (gpointer data)
{
  return cs_experiment_job_get_n_finished (data) >= 1;
}

/* A stop keeps the runs that had finished: their rows stay, the others have none. */
static void
test_stop_keeps_finished (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsDataset) dataset = cs_test_load_small_dataset (tmp);
  g_autoptr(CsExperimentJob) job = NULL;
  CsTrainConfig configs[G_N_ELEMENTS (methods)];
  int kept = 0;

  /* Enough epochs that the stop comes while runs are still going. */
  configs_for (configs, 20000);
  configs[1].epochs = 1;
  /* Majority vote first: its runs finish at once, CoNAL's do not. */
  {
    CsTrainConfig swap = configs[0];

    configs[0] = configs[1];
    configs[1] = swap;
  }
  job = cs_experiment_job_new (dataset, configs, 2, N_SEEDS);
  cs_experiment_job_start (job, 1);
  cs_test_wait_for (one_finished, job, "a first run");
  cs_experiment_job_stop (job);
  cs_test_wait_for (ended, job, "the stop");
  g_assert_cmpint (cs_experiment_job_get_state (job), ==, CS_EXPERIMENT_STOPPED);
  g_assert_nonnull (cs_experiment_job_get_message (job));
  for (guint m = 0; m < 2; m++)
    {
      g_autoptr(CsExperimentResult) result = g_list_model_get_item (cs_experiment_job_get_results (job), m);

      int n_histories;

      kept += cs_experiment_result_get_n_runs (result);
      /* A stopped experiment keeps the finished runs' histories too, and only theirs. */
      cs_experiment_result_get_histories (result, &n_histories);
      g_assert_cmpint (n_histories, ==, cs_experiment_result_get_n_runs (result));
    }
  g_assert_cmpint (kept, ==, cs_experiment_job_get_n_finished (job));
  g_assert_cmpint (kept, >=, 1);
  g_assert_cmpint (kept, <, 4);
}

/* A job let go of while it runs stops its workers, and nothing reaches it after. */
static void
test_dropped_while_running (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsDataset) dataset = cs_test_load_small_dataset (tmp);
  CsTrainConfig configs[G_N_ELEMENTS (methods)];
  CsExperimentJob *job;
  GWeakRef ref;

  configs_for (configs, 20000);
  job = cs_experiment_job_new (dataset, configs, 2, N_SEEDS);
  g_weak_ref_init (&ref, job);
  cs_experiment_job_start (job, 2);
  cs_test_spin (50);
  g_object_unref (job);
  g_assert_null (g_weak_ref_get (&ref));
  /* The workers see the stop within a mini-batch and their task ends. */
  cs_test_spin (500);
  g_weak_ref_clear (&ref);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/experiment-job/rows-fill-in", test_rows_fill_in);
  g_test_add_func ("/experiment-job/histories-arrive", test_histories_arrive);
  g_test_add_func ("/experiment-job/stop-keeps-finished", test_stop_keeps_finished);
  g_test_add_func ("/experiment-job/runs-kept", test_runs_kept);
  g_test_add_func ("/experiment-job/dropped-while-running", test_dropped_while_running);
  return g_test_run ();
}
