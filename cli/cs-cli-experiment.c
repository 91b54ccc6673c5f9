/* cs-cli-experiment.c — `crowdscope-cli experiment DATASET --methods … --seeds N`
 *
 * The papers' protocol: every method trained with seeds 1…N on the same splits; the test
 * accuracy of each run's best-on-validation epoch, as mean ± standard deviation.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cs-cli.h"
#include "cs-json.h"
#include "cs-error.h"
#include "cs-run-json.h"

/* One training run of the table, done by whichever worker takes it. */
typedef struct
{
  CsTrainConfig  config;
  CsDataset     *dataset;
  CsRun         *run;
  GError        *error;
  gboolean       quiet;
} Job;

#define MAX_SEEDS 10000

static GMutex report_lock;

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;

  job->run = cs_train (job->dataset, &job->config, NULL, &job->error);
  if (job->quiet || job->run == NULL)
    return;
  g_mutex_lock (&report_lock);
  fprintf (stderr, "%s seed %" G_GUINT64_FORMAT ": test %.2f%% (epoch %d)\n",
           cs_method_get_title (job->config.method), job->config.seed,
           100 * cs_run_get_best (job->run)->test_accuracy, job->run->best_epoch);
  g_mutex_unlock (&report_lock);
}

/* Runs every job on `workers` threads. With more than one, each run keeps to one thread: small
 * steps gain more from whole runs side by side than from sharing each step out, and a run's
 * numbers depend only on its own thread count. */
static void
run_jobs (Job *jobs,
          int  n,
          int  workers)
{
  GThreadPool *pool;

  if (workers <= 1)
    {
      for (int i = 0; i < n; i++)
        run_job (&jobs[i], NULL);
      return;
    }
  pool = g_thread_pool_new (run_job, NULL, MIN (workers, n), TRUE, NULL);
  for (int i = 0; i < n; i++)
    {
      jobs[i].config.threads = 1;
      g_thread_pool_push (pool, &jobs[i], NULL);
    }
  g_thread_pool_free (pool, FALSE, TRUE);
}

typedef struct
{
  CsMethod   method;
  GPtrArray *runs;     /* of CsRun */
  double     mean;
  double     std;      /* population standard deviation (numpy's default, ddof = 0) */
  double     seconds_per_epoch;
} Row;

static gboolean
parse_methods (const char  *list,
               GArray      *methods,
               GError     **error)
{
  g_auto(GStrv) names = g_strsplit (list, ",", -1);

  for (int i = 0; names[i]; i++)
    {
      CsMethod m;

      if (!cs_method_from_string (g_strstrip (names[i]), &m))
        {
          g_set_error (error, CS_ERROR, CS_ERROR_INVALID,
                       "--methods: unknown method '%s' (expected conal, crowdlayer, ds, mv, gold)",
                       names[i]);
          return FALSE;
        }
      g_array_append_val (methods, m);
    }
  return TRUE;
}

static void
summarise (Row *row)
{
  double sum = 0, sq = 0, seconds = 0;
  guint n = row->runs->len;

  for (guint i = 0; i < n; i++)
    {
      const CsRun *run = g_ptr_array_index (row->runs, i);

      sum += cs_run_get_best (run)->test_accuracy;
      seconds += run->seconds_per_epoch;
    }
  row->mean = sum / n;
  for (guint i = 0; i < n; i++)
    {
      double d = cs_run_get_best (g_ptr_array_index (row->runs, i))->test_accuracy - row->mean;

      sq += d * d;
    }
  row->std = sqrt (sq / n);
  row->seconds_per_epoch = seconds / n;
}

static void
print_table (GArray    *rows,
             const char *dataset,
             gboolean    markdown,
             gboolean    test_selected)
{
  const char *note = test_selected ? " (test split used for model selection)" : "";

  if (markdown)
    {
      printf ("| %s%s | test accuracy (%%) | runs | ms / epoch |\n| --- | --- | --- | --- |\n", dataset, note);
      for (guint i = 0; i < rows->len; i++)
        {
          const Row *row = &g_array_index (rows, Row, i);

          printf ("| %s | %.1f ± %.1f | %u | %.2f |\n", cs_method_get_title (row->method),
                  100 * row->mean, 100 * row->std, row->runs->len, 1000 * row->seconds_per_epoch);
        }
      return;
    }
  printf ("%s%s\n", dataset, note);
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);

      printf ("  %-14s %5.1f ± %.1f %%  (%u runs, %.2f ms per epoch)\n", cs_method_get_title (row->method),
              100 * row->mean, 100 * row->std, row->runs->len, 1000 * row->seconds_per_epoch);
    }
}

static JsonNode *
rows_to_json (GArray *rows)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);

      json_builder_begin_object (builder);
      cs_json_add_string (builder, "method", cs_method_to_string (row->method));
      cs_json_add_number (builder, "test_accuracy_mean", row->mean);
      cs_json_add_number (builder, "test_accuracy_std", row->std);
      json_builder_set_member_name (builder, "runs");
      json_builder_begin_array (builder);
      for (guint r = 0; r < row->runs->len; r++)
        json_builder_add_value (builder, cs_run_to_json (g_ptr_array_index (row->runs, r), FALSE));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
row_clear (gpointer data)
{
  g_ptr_array_unref (((Row *) data)->runs);
}

int
cs_cli_experiment (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("DATASET — compare methods over seeds");
  g_autoptr(CsDataset) dataset = NULL;
  g_autoptr(GArray) methods = g_array_new (FALSE, FALSE, sizeof (CsMethod));
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_autofree char *method_list = NULL;
  gboolean json = FALSE, markdown = FALSE, quiet = FALSE, test_selected = FALSE;
  int seeds = 5, workers = (int) g_get_num_processors ();
  g_autofree Job *jobs = NULL;
  GError *error = NULL;
  GOptionEntry entries[] = {
    { "methods", 0, 0, G_OPTION_ARG_STRING, &method_list,
      "Comma-separated methods (default: conal,crowdlayer,ds,mv,gold)", "LIST" },
    { "seeds", 'n', 0, G_OPTION_ARG_INT, &seeds, "Seeds 1…N per method (default 5)", "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print one JSON object for scripts", NULL },
    { "markdown", 0, 0, G_OPTION_ARG_NONE, &markdown, "Print a Markdown table", NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "Do not report each run on stderr", NULL },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &workers,
      "Runs trained side by side, one thread each (default: the number of cores)", "N" },
    { NULL }
  };

  g_array_set_clear_func (rows, row_clear);
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_main_entries (context, cs_cli_train_option_entries (), NULL);
  g_option_context_add_main_entries (context, cs_cli_load_option_entries (), NULL);
  if (!cs_cli_parse (context, &argc, &argv))
    return CS_CLI_EXIT_USAGE;
  if (argc != 2 || seeds < 1 || seeds > MAX_SEEDS)
    return cs_cli_usage (context, "expected one DATASET and --seeds from 1 to 10000");
  if (!parse_methods (method_list ? method_list : "conal,crowdlayer,ds,mv,gold", methods, &error))
    return cs_cli_fail (error);
  if (!(dataset = cs_cli_load_dataset (argv[1])))
    return CS_CLI_EXIT_FAILURE;

  jobs = g_new0 (Job, methods->len * seeds);
  for (guint m = 0; m < methods->len; m++)
    for (int seed = 1; seed <= seeds; seed++)
      {
        Job *job = &jobs[m * seeds + seed - 1];

        if (!cs_cli_train_config_for (&job->config, g_array_index (methods, CsMethod, m),
                                      dataset->name, &error))
          return cs_cli_fail (error);
        job->config.seed = (uint64_t) seed;
        job->config.test_every_epoch = false;
        job->dataset = dataset;
        job->quiet = quiet;
      }
  run_jobs (jobs, methods->len * seeds, workers);

  for (guint m = 0; m < methods->len; m++)
    {
      Row row = { g_array_index (methods, CsMethod, m), g_ptr_array_new_with_free_func ((GDestroyNotify) cs_run_free) };

      g_array_append_val (rows, row);
      for (int i = m * seeds; i < (int) (m + 1) * seeds; i++)
        {
          if (jobs[i].error != NULL && error == NULL)
            error = g_steal_pointer (&jobs[i].error);
          g_clear_error (&jobs[i].error);
          if (jobs[i].run == NULL)
            continue;
          test_selected |= jobs[i].run->test_used_for_selection;
          g_ptr_array_add (row.runs, g_steal_pointer (&jobs[i].run));
        }
      if (row.runs->len > 0)
        summarise (&g_array_index (rows, Row, rows->len - 1));
    }
  if (error != NULL)
    return cs_cli_fail (error);
  if (json)
    {
      g_autoptr(JsonNode) root = rows_to_json (rows);

      cs_cli_print_json (root);
    }
  else
    print_table (rows, dataset->name, markdown, test_selected);
  return 0;
}
