/* test-experiment.c — methods × seeds: statistics, progress, stopping, failures, the table
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-error.h"
#include "cs-experiment.h"
#include "test-util.h"

#define N_SEEDS 3

/* What the progress callback saw, in order; abort_after > 0 stops once that many finished. */
typedef struct
{
  GMutex  lock;
  GArray *seen;         /* of Seen */
  int     abort_after;
} Progress;

typedef struct
{
  int row, seed_index, n_runs;
} Seen;

static void
record (const CsExperimentRun *finished,
        const CsExperimentRow *row,
        gpointer               data)
{
  Progress *progress = data;
  Seen seen = { finished->row, finished->seed_index, row->n_runs };

  g_assert_true (finished->run != NULL);
  g_assert_cmpuint (finished->run->config.seed, ==, finished->seed_index + 1);
  g_assert_cmpfloat (finished->seconds, >, 0);
  g_mutex_lock (&progress->lock);
  g_array_append_val (progress->seen, seen);
  g_mutex_unlock (&progress->lock);
}

static bool
stop_when_enough (gpointer data)
{
  Progress *progress = data;
  bool stop;

  g_mutex_lock (&progress->lock);
  stop = progress->abort_after > 0 && (int) progress->seen->len >= progress->abort_after;
  g_mutex_unlock (&progress->lock);
  return stop;
}

static void
progress_init (Progress *progress,
               int       abort_after)
{
  g_mutex_init (&progress->lock);
  progress->seen = g_array_new (FALSE, FALSE, sizeof (Seen));
  progress->abort_after = abort_after;
}

static void
progress_clear (Progress *progress)
{
  g_array_unref (progress->seen);
  g_mutex_clear (&progress->lock);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Progress, progress_clear)

/* One row per method, 2 epochs on the small dataset. */
static CsExperiment *
small_experiment (CsTestDir      *tmp,
                  const CsMethod *methods,
                  int             n_methods,
                  int             n_seeds)
{
  g_autoptr(CsDataset) dataset = cs_test_load_small_dataset (tmp);
  g_autofree CsTrainConfig *configs = g_new (CsTrainConfig, n_methods);

  for (int m = 0; m < n_methods; m++)
    {
      cs_train_config_init (&configs[m]);
      configs[m].method = methods[m];
      configs[m].epochs = 2;
      configs[m].threads = 1;
    }
  return cs_experiment_new (dataset, configs, n_methods, n_seeds);
}

static void
test_mean_std (void)
{
  const double three[] = { 0.5, 0.7, 0.9 };
  const double one[] = { 0.25 };
  double mean, std;

  /* Σ (x − 0.7)² = 0.08 over n = 3, not n − 1 = 2. */
  cs_mean_std (three, 3, &mean, &std);
  g_assert_cmpfloat_with_epsilon (mean, 0.7, 1e-15);
  g_assert_cmpfloat_with_epsilon (std, sqrt (0.08 / 3), 1e-15);
  cs_mean_std (one, 1, &mean, &std);
  g_assert_cmpfloat (mean, ==, 0.25);
  g_assert_cmpfloat (std, ==, 0);
  cs_mean_std (NULL, 0, &mean, &std);
  g_assert_true (isnan (mean) && isnan (std));
}

/* Run one after the other, the runs finish in table order, each row's count growing; the
 * statistics are those of the runs kept, worked out here by hand. */
static void
test_statistics_and_order (void)
{
  static const CsMethod methods[] = { CS_METHOD_MAJORITY, CS_METHOD_GOLD };
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsExperiment) experiment = small_experiment (tmp, methods, 2, N_SEEDS);
  g_auto(Progress) progress = { 0 };
  CsExperimentCallbacks callbacks = { record, stop_when_enough, &progress };
  g_autoptr(GError) error = NULL;

  progress_init (&progress, 0);
  g_assert_true (cs_experiment_run (experiment, 1, &callbacks, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress.seen->len, ==, 2 * N_SEEDS);
  for (int i = 0; i < 2 * N_SEEDS; i++)
    {
      const Seen *seen = &g_array_index (progress.seen, Seen, i);

      g_assert_cmpint (seen->row, ==, i / N_SEEDS);
      g_assert_cmpint (seen->seed_index, ==, i % N_SEEDS);
      g_assert_cmpint (seen->n_runs, ==, i % N_SEEDS + 1);
    }

  for (int r = 0; r < 2; r++)
    {
      double test[N_SEEDS], valid[N_SEEDS], sum = 0, valid_sum = 0, sq = 0, epochs = 0;
      CsExperimentRow row;

      for (int s = 0; s < N_SEEDS; s++)
        {
          const CsRun *run = cs_experiment_get_run (experiment, r, s);

          g_assert_nonnull (run);
          g_assert_cmpint (run->config.method, ==, methods[r]);
          g_assert_false (run->config.test_every_epoch);
          test[s] = cs_run_get_best (run)->test_accuracy;
          valid[s] = cs_run_get_best (run)->valid_accuracy;
          sum += test[s];
          valid_sum += valid[s];
          epochs += run->best_epoch;
        }
      for (int s = 0; s < N_SEEDS; s++)
        sq += (test[s] - sum / N_SEEDS) * (test[s] - sum / N_SEEDS);
      cs_experiment_get_row (experiment, r, &row);
      g_assert_cmpint (row.method, ==, methods[r]);
      g_assert_cmpint (row.n_runs, ==, N_SEEDS);
      g_assert_cmpfloat_with_epsilon (row.test_mean, sum / N_SEEDS, 1e-15);
      g_assert_cmpfloat_with_epsilon (row.test_std, sqrt (sq / N_SEEDS), 1e-15);
      g_assert_cmpfloat_with_epsilon (row.valid_mean, valid_sum / N_SEEDS, 1e-15);
      g_assert_cmpfloat_with_epsilon (row.best_epoch_mean, epochs / N_SEEDS, 1e-15);
      g_assert_cmpfloat (row.seconds_per_run, >=, row.seconds_per_epoch);
    }
  g_assert_false (cs_experiment_test_used_for_selection (experiment));
}

/* Side by side, every run is reported once and gives what it gives alone. */
/* Scoring the test split at every epoch gives curves of it, and the same selected epochs and
 * accuracies as scoring it once. */
static void
test_test_every_epoch (void)
{
  static const CsMethod methods[] = { CS_METHOD_MAJORITY, CS_METHOD_CONAL };
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsExperiment) once = small_experiment (tmp, methods, 2, N_SEEDS);
  g_autoptr(CsExperiment) every = small_experiment (tmp, methods, 2, N_SEEDS);

  cs_experiment_set_test_every_epoch (every, true);
  g_assert_true (cs_experiment_run (once, 1, NULL, NULL));
  g_assert_true (cs_experiment_run (every, 1, NULL, NULL));
  for (int r = 0; r < 2; r++)
    for (int s = 0; s < N_SEEDS; s++)
      {
        const CsRun *a = cs_experiment_get_run (once, r, s), *b = cs_experiment_get_run (every, r, s);

        g_assert_cmpint (a->best_epoch, ==, b->best_epoch);
        g_assert_cmpfloat (cs_run_get_best (a)->test_accuracy, ==, cs_run_get_best (b)->test_accuracy);
        for (guint e = 0; e < b->history->len; e++)
          g_assert_false (isnan (g_array_index (b->history, CsEpochMetrics, e).test_accuracy));
      }
}

static void
test_jobs (void)
{
  static const CsMethod methods[] = { CS_METHOD_MAJORITY, CS_METHOD_CONAL };
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsExperiment) alone = small_experiment (tmp, methods, 2, N_SEEDS);
  g_autoptr(CsExperiment) together = small_experiment (tmp, methods, 2, N_SEEDS);
  g_auto(Progress) progress = { 0 };
  CsExperimentCallbacks callbacks = { record, NULL, &progress };
  int reported[2][N_SEEDS] = { { 0 } };

  progress_init (&progress, 0);
  g_assert_true (cs_experiment_run (alone, 1, NULL, NULL));
  g_assert_true (cs_experiment_run (together, 3, &callbacks, NULL));
  g_assert_cmpuint (progress.seen->len, ==, 2 * N_SEEDS);
  for (guint i = 0; i < progress.seen->len; i++)
    {
      const Seen *seen = &g_array_index (progress.seen, Seen, i);

      reported[seen->row][seen->seed_index]++;
    }
  for (int r = 0; r < 2; r++)
    for (int s = 0; s < N_SEEDS; s++)
      {
        g_assert_cmpint (reported[r][s], ==, 1);
        g_assert_cmpfloat (cs_run_get_best (cs_experiment_get_run (alone, r, s))->test_accuracy, ==,
                           cs_run_get_best (cs_experiment_get_run (together, r, s))->test_accuracy);
      }
}

static bool
stop_on_third_call (gpointer data)
{
  return g_atomic_int_add ((int *) data, 1) >= 2;
}

/* Stopped part way through a run, after its first epoch: the trainer keeps that run's best
 * epoch so far, but the experiment keeps only whole runs. */
static void
test_stop_mid_run_keeps_none (void)
{
  static const CsMethod methods[] = { CS_METHOD_MAJORITY };
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsExperiment) experiment = small_experiment (tmp, methods, 1, 1);
  int calls = 0;
  CsExperimentCallbacks callbacks = { NULL, stop_on_third_call, &calls };
  g_autoptr(GError) error = NULL;
  CsExperimentRow row;

  g_assert_false (cs_experiment_run (experiment, 1, &callbacks, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_CANCELLED);
  /* Before the run, before epoch 1, before epoch 2: the stop came with one epoch trained. */
  g_assert_cmpint (calls, ==, 3);
  g_assert_null (cs_experiment_get_run (experiment, 0, 0));
  cs_experiment_get_row (experiment, 0, &row);
  g_assert_cmpint (row.n_runs, ==, 0);
}

/* Stopped after two runs, the experiment keeps them, and its table shows the rest as empty. */
static void
test_stop_keeps_finished (void)
{
  static const CsMethod methods[] = { CS_METHOD_MAJORITY, CS_METHOD_GOLD };
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsExperiment) experiment = small_experiment (tmp, methods, 2, 2);
  g_auto(Progress) progress = { 0 };
  CsExperimentCallbacks callbacks = { record, stop_when_enough, &progress };
  g_autoptr(GString) table = g_string_new (NULL);
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GError) error = NULL;
  CsExperimentRow row;
  JsonArray *results;

  progress_init (&progress, 2);
  g_assert_false (cs_experiment_run (experiment, 1, &callbacks, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_CANCELLED);
  g_assert_cmpstr (error->message, ==, "the experiment was stopped with 2 of 4 runs finished");
  g_assert_nonnull (cs_experiment_get_run (experiment, 0, 0));
  g_assert_nonnull (cs_experiment_get_run (experiment, 0, 1));
  g_assert_null (cs_experiment_get_run (experiment, 1, 0));
  g_assert_null (cs_experiment_get_run (experiment, 1, 1));
  cs_experiment_get_row (experiment, 0, &row);
  g_assert_cmpint (row.n_runs, ==, 2);
  g_assert_false (isnan (row.test_mean));
  cs_experiment_get_row (experiment, 1, &row);
  g_assert_cmpint (row.n_runs, ==, 0);
  g_assert_true (isnan (row.test_mean) && isnan (row.test_std) && isnan (row.seconds_per_run));

  cs_experiment_format_table (experiment, CS_TABLE_MARKDOWN, table);
  g_assert_true (g_str_has_prefix (table->str, "| small | test accuracy (%) | runs | ms / epoch |\n"
                                               "| --- | --- | --- | --- |\n| Majority vote | "));
  g_assert_true (g_str_has_suffix (table->str, "\n| Gold labels | — | 0 | — |\n"));
  g_string_truncate (table, 0);
  cs_experiment_format_table (experiment, CS_TABLE_TEXT, table);
  g_assert_true (g_str_has_prefix (table->str, "small\n  Majority vote  "));
  g_assert_true (g_str_has_suffix (table->str, "\n  Gold labels        —  (no finished run)\n"));

  json = cs_experiment_to_json (experiment);
  results = json_object_get_array_member (json_node_get_object (json), "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
    json_array_get_object_element (results, 0), "runs")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
    json_array_get_object_element (results, 1), "runs")), ==, 0);
}

/* The text table's columns line up by what a terminal shows, Dawid–Skene's en dash too. */
static void
test_text_columns (void)
{
  static const CsMethod methods[] = { CS_METHOD_DAWID_SKENE, CS_METHOD_MAJORITY };
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsExperiment) experiment = small_experiment (tmp, methods, 2, 1);
  g_autoptr(GString) table = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  long at[2];

  g_assert_true (cs_experiment_run (experiment, 1, NULL, NULL));
  cs_experiment_format_table (experiment, CS_TABLE_TEXT, table);
  lines = g_strsplit (table->str, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 3);
  for (int m = 0; m < 2; m++)
    {
      const char *plus_minus = strstr (lines[1 + m], "±");

      g_assert_nonnull (plus_minus);
      at[m] = g_utf8_pointer_to_offset (lines[1 + m], plus_minus);
    }
  g_assert_nonnull (strstr (lines[1], "Dawid–Skene"));
  g_assert_cmpint (at[0], ==, at[1]);
}

/* The CSV table: a header, a row per method with the row's figures as fractions, read back. */
static void
test_csv_table (void)
{
  static const CsMethod methods[] = { CS_METHOD_DAWID_SKENE, CS_METHOD_MAJORITY };
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsExperiment) experiment = small_experiment (tmp, methods, 2, 2);
  g_autoptr(GString) table = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;

  g_assert_true (cs_experiment_run (experiment, 1, NULL, NULL));
  cs_experiment_format_table (experiment, CS_TABLE_CSV, table);
  lines = g_strsplit (table->str, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);   /* header, two rows, the final newline */
  g_assert_cmpstr (lines[0], ==, "dataset,method,runs,test_accuracy_mean,test_accuracy_std,"
                                 "valid_accuracy_mean,valid_accuracy_std,best_epoch_mean,"
                                 "seconds_per_epoch,seconds_per_run,test_used_for_selection");
  g_assert_cmpstr (lines[3], ==, "");
  for (int m = 0; m < 2; m++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[1 + m], ",", -1);
      CsExperimentRow row;

      cs_experiment_get_row (experiment, m, &row);
      g_assert_cmpuint (g_strv_length (cells), ==, 11);
      g_assert_cmpstr (cells[0], ==, "small");
      g_assert_cmpstr (cells[1], ==, cs_method_to_string (methods[m]));
      g_assert_cmpstr (cells[2], ==, "2");
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (cells[3], NULL), row.test_mean, 1e-6);
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (cells[4], NULL), row.test_std, 1e-6);
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (cells[5], NULL), row.valid_mean, 1e-6);
      g_assert_cmpstr (cells[10], ==, "false");
    }
}

/* A run that fails does not stop the others; the error is the first failed run's. */
static void
test_failed_run (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsDataset) dataset = cs_test_load_small_dataset (tmp);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsExperiment) experiment = NULL;
  CsTrainConfig configs[2];
  CsExperimentRow row;

  for (int m = 0; m < 2; m++)
    {
      cs_train_config_init (&configs[m]);
      configs[m].method = m == 0 ? CS_METHOD_CROWD_LAYER : CS_METHOD_MAJORITY;
      configs[m].epochs = 2;
      configs[m].threads = 1;
    }
  configs[0].lr = 1e30f;  /* Adam moves every weight by about lr a step: infinities at once */
  experiment = cs_experiment_new (dataset, configs, 2, 2);
  g_assert_false (cs_experiment_run (experiment, 2, NULL, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_DIVERGED);
  cs_experiment_get_row (experiment, 0, &row);
  g_assert_cmpint (row.n_runs, ==, 0);
  cs_experiment_get_row (experiment, 1, &row);
  g_assert_cmpint (row.n_runs, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/experiment/mean-std", test_mean_std);
  g_test_add_func ("/experiment/statistics-and-order", test_statistics_and_order);
  g_test_add_func ("/experiment/jobs", test_jobs);
  g_test_add_func ("/experiment/test-every-epoch", test_test_every_epoch);
  g_test_add_func ("/experiment/stop-keeps-finished", test_stop_keeps_finished);
  g_test_add_func ("/experiment/stop-mid-run-keeps-none", test_stop_mid_run_keeps_none);
  g_test_add_func ("/experiment/failed-run", test_failed_run);
  g_test_add_func ("/experiment/text-columns", test_text_columns);
  g_test_add_func ("/experiment/csv-table", test_csv_table);
  return g_test_run ();
}
