/* cs-experiment.c — methods × seeds on one dataset: the papers' comparison table
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include "cs-experiment.h"

#include <math.h>
#include <string.h>

#include "cs-csv.h"
#include "cs-error.h"
#include "cs-json.h"
#include "cs-run-json.h"

/* Runs are numbered row by row: run i is row i / n_seeds with seed i % n_seeds + 1. */
struct _CsExperiment
{
  /* Owned */
  CsDataset                   *dataset;
  CsTrainConfig               *configs;    /* [n_rows × n_seeds]: each run's own */
  CsRun                      **runs;       /* [n_rows × n_seeds]: NULL until finished */
  double                      *seconds;    /* [n_rows × n_seeds] */
  GError                     **errors;     /* [n_rows × n_seeds]: why a run has none */
  GMutex                       lock;       /* runs, seconds, errors and stopped, while running;
                                            * held through a progress call */
  /* Borrowed, while running */
  const CsExperimentCallbacks *callbacks;

  int                          n_rows;
  int                          n_seeds;
  bool                         started;
  bool                         stopped;    /* a run was cancelled or never started */
};

/**
 * cs_experiment_new:
 * @dataset: the dataset every run trains on; a reference is kept
 * @configs: one configuration per row, its method among them; each run takes its row's with
 *   its own seed, and scores the test split once, for the selected epoch
 * @n_methods: the number of rows
 * @n_seeds: runs per row, with seeds 1…@n_seeds
 *
 * Returns: (transfer full): an experiment to run with cs_experiment_run()
 */
CsExperiment *
cs_experiment_new (CsDataset           *dataset,
                   const CsTrainConfig *configs,
                   int                  n_methods,
                   int                  n_seeds)
{
  CsExperiment *self;
  int n;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (configs != NULL, NULL);
  g_return_val_if_fail (n_methods >= 1 && n_seeds >= 1 && n_seeds <= G_MAXINT / n_methods, NULL);

  n = n_methods * n_seeds;
  self = g_new0 (CsExperiment, 1);
  self->dataset = cs_dataset_ref (dataset);
  self->n_rows = n_methods;
  self->n_seeds = n_seeds;
  self->configs = g_new (CsTrainConfig, n);
  self->runs = g_new0 (CsRun *, n);
  self->seconds = g_new0 (double, n);
  self->errors = g_new0 (GError *, n);
  g_mutex_init (&self->lock);
  for (int i = 0; i < n; i++)
    {
      self->configs[i] = configs[i / n_seeds];
      self->configs[i].seed = (uint64_t) (i % n_seeds + 1);
      self->configs[i].test_every_epoch = false;
    }
  return self;
}

void
cs_experiment_set_test_every_epoch (CsExperiment *self,
                                    bool          every_epoch)
{
  g_return_if_fail (self != NULL && !self->started);

  for (int i = 0; i < self->n_rows * self->n_seeds; i++)
    self->configs[i].test_every_epoch = every_epoch;
}

void
cs_experiment_free (CsExperiment *self)
{
  int n;

  if (self == NULL)
    return;
  n = self->n_rows * self->n_seeds;
  for (int i = 0; i < n; i++)
    {
      g_clear_pointer (&self->runs[i], cs_run_free);
      g_clear_error (&self->errors[i]);
    }
  g_free (self->runs);
  g_free (self->errors);
  g_free (self->seconds);
  g_free (self->configs);
  g_mutex_clear (&self->lock);
  cs_dataset_unref (self->dataset);
  g_free (self);
}

void
cs_mean_std (const double *values,
             int           n,
             double       *mean,
             double       *std)
{
  double sum = 0, sq = 0;

  g_return_if_fail (values != NULL || n == 0);
  g_return_if_fail (mean != NULL && std != NULL);

  for (int i = 0; i < n; i++)
    sum += values[i];
  *mean = n > 0 ? sum / n : NAN;
  for (int i = 0; i < n; i++)
    sq += (values[i] - *mean) * (values[i] - *mean);
  *std = n > 0 ? sqrt (sq / n) : NAN;
}

/* The row's statistics over its finished runs, in seed order. */
static void
compute_row (const CsExperiment *self,
             int                 row,
             CsExperimentRow    *out)
{
  g_autofree double *test = g_new (double, self->n_seeds);
  g_autofree double *valid = g_new (double, self->n_seeds);
  g_autofree double *epochs = g_new (double, self->n_seeds);
  g_autofree double *per_epoch = g_new (double, self->n_seeds);
  g_autofree double *per_run = g_new (double, self->n_seeds);
  double unused;
  int n = 0;

  for (int s = 0; s < self->n_seeds; s++)
    {
      int i = row * self->n_seeds + s;
      const CsRun *run = self->runs[i];

      if (run == NULL)
        continue;
      test[n] = cs_run_get_best (run)->test_accuracy;
      valid[n] = cs_run_get_best (run)->valid_accuracy;
      epochs[n] = run->best_epoch;
      per_epoch[n] = run->seconds_per_epoch;
      per_run[n] = self->seconds[i];
      n++;
    }
  *out = (CsExperimentRow) { .method = self->configs[row * self->n_seeds].method, .n_runs = n };
  cs_mean_std (test, n, &out->test_mean, &out->test_std);
  cs_mean_std (valid, n, &out->valid_mean, &out->valid_std);
  cs_mean_std (epochs, n, &out->best_epoch_mean, &unused);
  cs_mean_std (per_epoch, n, &out->seconds_per_epoch, &unused);
  cs_mean_std (per_run, n, &out->seconds_per_run, &unused);
}

/* Keeps what run i gave, and reports a finished run with its row as it now stands. */
static void
finish_run (CsExperiment *self,
            int           i,
            CsRun        *run,
            GError       *error,
            double        seconds)
{
  const CsExperimentCallbacks *callbacks = self->callbacks;

  g_mutex_lock (&self->lock);
  self->runs[i] = run;
  self->seconds[i] = seconds;
  if (g_error_matches (error, CS_ERROR, CS_ERROR_CANCELLED))
    {
      self->stopped = true;
      g_error_free (error);
    }
  else
    self->errors[i] = error;
  if (run != NULL && callbacks != NULL && callbacks->progress != NULL)
    {
      CsExperimentRun finished = { i / self->n_seeds, i % self->n_seeds, run, seconds };
      CsExperimentRow row;

      compute_row (self, finished.row, &row);
      callbacks->progress (&finished, &row, callbacks->data);
    }
  g_mutex_unlock (&self->lock);
}

static void
run_one (gpointer data,
         gpointer user_data)
{
  CsExperiment *self = user_data;
  const CsExperimentCallbacks *callbacks = self->callbacks;
  CsTrainCallbacks train_callbacks = { NULL, callbacks ? callbacks->abort : NULL,
                                       callbacks ? callbacks->data : NULL };
  int i = GPOINTER_TO_INT (data) - 1;
  gint64 start = g_get_monotonic_time ();
  GError *error = NULL;
  CsRun *run = NULL;

  if (train_callbacks.abort != NULL && train_callbacks.abort (train_callbacks.data))
    g_set_error (&error, CS_ERROR, CS_ERROR_CANCELLED, _("stopped before it started"));
  else
    run = cs_train (self->dataset, &self->configs[i], &train_callbacks, &error);
  /* A run stopped part way keeps its best epoch so far; an experiment keeps only whole runs. */
  if (run != NULL && run->stopped)
    {
      g_clear_pointer (&run, cs_run_free);
      g_set_error (&error, CS_ERROR, CS_ERROR_CANCELLED, _("stopped part way"));
    }
  finish_run (self, i, run, error, (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
}

/**
 * cs_experiment_run:
 * @self: an experiment not yet run
 * @jobs: runs trained side by side; 1 or less trains them one after the other, in table order
 * @callbacks: (nullable): progress and stopping
 * @error: return location for a CS_ERROR_CANCELLED error when stopped, or else the error of the
 *   first run in table order that failed
 *
 * Trains every run. With more than one job each run keeps to one thread: small steps gain more
 * from whole runs side by side than from sharing each step out, and a run's numbers do not
 * depend on its thread count. A failed run does not stop the others; stopping keeps the runs that
 * finished, which the getters then read.
 *
 * Returns: %TRUE when every run finished
 */
gboolean
cs_experiment_run (CsExperiment                *self,
                   int                          jobs,
                   const CsExperimentCallbacks *callbacks,
                   GError                     **error)
{
  int n;

  g_return_val_if_fail (self != NULL && !self->started, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n = self->n_rows * self->n_seeds;
  self->started = true;
  self->callbacks = callbacks;
  if (jobs <= 1)
    for (int i = 0; i < n; i++)
      run_one (GINT_TO_POINTER (i + 1), self);
  else
    {
      GThreadPool *pool = g_thread_pool_new (run_one, self, MIN (jobs, n), TRUE, NULL);

      for (int i = 0; i < n; i++)
        {
          self->configs[i].threads = 1;
          g_thread_pool_push (pool, GINT_TO_POINTER (i + 1), NULL);
        }
      g_thread_pool_free (pool, FALSE, TRUE);
    }
  self->callbacks = NULL;

  if (self->stopped)
    {
      int finished = 0;

      for (int i = 0; i < n; i++)
        finished += self->runs[i] != NULL;
      g_set_error (error, CS_ERROR, CS_ERROR_CANCELLED,
                   _("the experiment was stopped with %d of %d runs finished"), finished, n);
      return FALSE;
    }
  for (int i = 0; i < n; i++)
    if (self->errors[i] != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&self->errors[i]));
        return FALSE;
      }
  return TRUE;
}

/* The rows and seeds given to cs_experiment_new(). */
void
cs_experiment_get_size (const CsExperiment *self,
                        int                *n_rows,
                        int                *n_seeds)
{
  g_return_if_fail (self != NULL && n_rows != NULL && n_seeds != NULL);

  *n_rows = self->n_rows;
  *n_seeds = self->n_seeds;
}

/* NULL when the run failed or was stopped. */
const CsRun *
cs_experiment_get_run (const CsExperiment *self,
                       int                 row,
                       int                 seed_index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (row >= 0 && row < self->n_rows, NULL);
  g_return_val_if_fail (seed_index >= 0 && seed_index < self->n_seeds, NULL);

  return self->runs[row * self->n_seeds + seed_index];
}

void
cs_experiment_get_row (const CsExperiment *self,
                       int                 row,
                       CsExperimentRow    *out)
{
  g_return_if_fail (self != NULL && out != NULL);
  g_return_if_fail (row >= 0 && row < self->n_rows);

  compute_row (self, row, out);
}

/* Whether a run selected its epoch on the test split, for want of a validation split. */
bool
cs_experiment_test_used_for_selection (const CsExperiment *self)
{
  g_return_val_if_fail (self != NULL, false);

  for (int i = 0; i < self->n_rows * self->n_seeds; i++)
    if (self->runs[i] != NULL && self->runs[i]->test_used_for_selection)
      return true;
  return false;
}

static void
append_row (GString               *out,
            CsTableFormat          format,
            const CsExperimentRow *row)
{
  const char *title = cs_method_get_title (row->method);
  /* printf pads bytes: a title with an en dash (Dawid–Skene) takes two more than it shows. */
  int width = 14 + (int) (strlen (title) - g_utf8_strlen (title, -1));

  if (row->n_runs == 0 && format == CS_TABLE_MARKDOWN)
    g_string_append_printf (out, "| %s | — | 0 | — |\n", title);
  else if (row->n_runs == 0)
    g_string_append_printf (out, _("  %-*s     —  (no finished run)\n"), width, title);
  else if (format == CS_TABLE_MARKDOWN)
    g_string_append_printf (out, "| %s | %.1f ± %.1f | %d | %.2f |\n", title, 100 * row->test_mean,
                            100 * row->test_std, row->n_runs, 1000 * row->seconds_per_epoch);
  else
    g_string_append_printf (out, _("  %-*s %5.1f ± %.1f %%  (%d runs, %.2f ms per epoch)\n"), width, title,
                            100 * row->test_mean, 100 * row->test_std, row->n_runs,
                            1000 * row->seconds_per_epoch);
}

/* Fractions rather than percentages, every figure a column; the method's name as the CLI
 * takes it. Empty cells where no run finished. */
static void
append_csv (const CsExperiment *self,
            GString            *out)
{
  g_string_append (out, "dataset,method,runs,test_accuracy_mean,test_accuracy_std,"
                        "valid_accuracy_mean,valid_accuracy_std,best_epoch_mean,"
                        "seconds_per_epoch,seconds_per_run,test_used_for_selection\n");
  for (int r = 0; r < self->n_rows; r++)
    {
      CsExperimentRow row;
      double figures[7];

      compute_row (self, r, &row);
      figures[0] = row.test_mean;
      figures[1] = row.test_std;
      figures[2] = row.valid_mean;
      figures[3] = row.valid_std;
      figures[4] = row.best_epoch_mean;
      figures[5] = row.seconds_per_epoch;
      figures[6] = row.seconds_per_run;
      cs_csv_append_field (out, self->dataset->name);
      g_string_append_printf (out, ",%s,%d", cs_method_to_string (row.method), row.n_runs);
      for (guint f = 0; f < G_N_ELEMENTS (figures); f++)
        {
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          g_string_append_c (out, ',');
          if (!isnan (figures[f]))
            g_string_append (out, g_ascii_formatd (number, sizeof number, "%.6g", figures[f]));
        }
      g_string_append_printf (out, ",%s\n",
                              cs_experiment_test_used_for_selection (self) ? "true" : "false");
    }
}

/**
 * cs_experiment_format_table:
 * @out: where the table is appended
 *
 * The table of test accuracies (in %, mean ± std) with runs and milliseconds per epoch, under
 * the dataset's name, as crowdscope-cli prints it and the window exports it.
 */
void
cs_experiment_format_table (const CsExperiment *self,
                            CsTableFormat       format,
                            GString            *out)
{
  const char *note;

  g_return_if_fail (self != NULL && out != NULL);

  if (format == CS_TABLE_CSV)
    {
      append_csv (self, out);
      return;
    }
  note = cs_experiment_test_used_for_selection (self) ?
         _(" (test split used for model selection)") : "";
  if (format == CS_TABLE_MARKDOWN)
    g_string_append_printf (out, "| %s%s | test accuracy (%%) | runs | ms / epoch |\n"
                                 "| --- | --- | --- | --- |\n", self->dataset->name, note);
  else
    g_string_append_printf (out, "%s%s\n", self->dataset->name, note);
  for (int r = 0; r < self->n_rows; r++)
    {
      CsExperimentRow row;

      compute_row (self, r, &row);
      append_row (out, format, &row);
    }
}

/* {"results": [{"method", "test_accuracy_mean", "test_accuracy_std", "runs": [...]}, ...]},
 * each run as cs_run_to_json() gives it, without its history. */
JsonNode *
cs_experiment_to_json (const CsExperiment *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (int r = 0; r < self->n_rows; r++)
    {
      CsExperimentRow row;

      compute_row (self, r, &row);
      json_builder_begin_object (builder);
      cs_json_add_string (builder, "method", cs_method_to_string (row.method));
      cs_json_add_number (builder, "test_accuracy_mean", row.test_mean);
      cs_json_add_number (builder, "test_accuracy_std", row.test_std);
      json_builder_set_member_name (builder, "runs");
      json_builder_begin_array (builder);
      for (int s = 0; s < self->n_seeds; s++)
        {
          const CsRun *run = self->runs[r * self->n_seeds + s];

          if (run != NULL)
            json_builder_add_value (builder, cs_run_to_json (run, FALSE));
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
