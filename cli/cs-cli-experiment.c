/* cs-cli-experiment.c — `crowdscope-cli experiment DATASET --methods … --seeds N [--keep]
 * [--curves FILE]`
 *
 * The papers' protocol: every method trained with seeds 1…N on the same splits; the test
 * accuracy of each run's best-on-validation epoch, as mean ± standard deviation; and with
 * --curves, every run's curve with each method's mean ± std, as the Experiments page draws it.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <inttypes.h>
#include <stdio.h>

#include "cs-cli.h"
#include "cs-curve-figures.h"
#include "cs-experiment.h"

#define MAX_SEEDS 10000

/* The methods list names, or a usage message naming the one it should not. */
static char *
parse_methods (const char  *list,
               GArray      *methods)
{
  g_auto(GStrv) names = g_strsplit (list, ",", -1);

  for (int i = 0; names[i]; i++)
    {
      CsMethod m;

      if (!cs_method_from_string (g_strstrip (names[i]), &m))
        {
          g_autofree char *expected = cs_cli_method_names ();

          return g_strdup_printf (_("--methods: unknown method '%s': expected %s"), names[i], expected);
        }
      g_array_append_val (methods, m);
    }
  return NULL;
}

/* The training options given, with each method's own preset. */
static gboolean
method_configs (GArray      *methods,
                const char  *dataset_name,
                GArray      *configs,
                GError     **error)
{
  for (guint m = 0; m < methods->len; m++)
    {
      CsMethod method = g_array_index (methods, CsMethod, m);
      CsTrainConfig config;

      if (!cs_cli_train_config_for (&config, method, dataset_name, error))
        return FALSE;
      g_array_append_val (configs, config);
    }
  return TRUE;
}

/* What happens as each run finishes: a line on stderr, and the run kept with --keep. */
typedef struct
{
  gboolean    quiet;
  CsRunStore *store;         /* NULL without --keep */
  int         n_seeds;
  GPtrArray  *kept;          /* of char *, [rows × n_seeds]: the ids runs were kept as */
  GError     *error;         /* the first failure to keep a run; no run is kept after it */
} Report;

static const char *
kept_id (const Report *report,
         int           row,
         int           seed_index)
{
  return g_ptr_array_index (report->kept, row * report->n_seeds + seed_index);
}

static void
keep_run (Report                *report,
          const CsExperimentRun *finished)
{
  int at = finished->row * report->n_seeds + finished->seed_index;

  if (report->store != NULL && report->error == NULL)
    g_ptr_array_index (report->kept, at) =
      cs_run_store_save (report->store, finished->run, NULL, &report->error);
}

/* The core calls this one run at a time, so lines never interleave and saves never race. */
static void
report_run (const CsExperimentRun *finished,
            const CsExperimentRow *row,
            gpointer               data)
{
  Report *report = data;
  const CsRun *run = finished->run;
  const char *kept;

  keep_run (report, finished);
  if (report->quiet)
    return;
  kept = kept_id (report, finished->row, finished->seed_index);
  fprintf (stderr, _("%s seed %" PRIu64 ": test %.2f %% (epoch %d)%s%s\n"),
           cs_method_get_title (run->config.method), run->config.seed,
           100 * cs_run_get_best (run)->test_accuracy, run->best_epoch,
           kept ? _(", kept as ") : "", kept ? kept : "");
}

/* Adds "kept_as" to each run of cs_experiment_to_json()'s results that was kept. */
static void
add_kept_ids (JsonNode     *root,
              const Report *report)
{
  JsonArray *results = json_object_get_array_member (json_node_get_object (root), "results");

  for (guint r = 0; r < json_array_get_length (results); r++)
    {
      JsonObject *row = json_array_get_object_element (results, r);
      JsonArray *runs = json_object_get_array_member (row, "runs");

      for (guint i = 0; i < json_array_get_length (runs); i++)
        {
          JsonObject *run = json_array_get_object_element (runs, i);
          gint64 seed = json_object_get_int_member (run, "seed");
          const char *kept = kept_id (report, (int) r, (int) seed - 1);

          if (kept != NULL)
            json_object_set_string_member (run, "kept_as", kept);
        }
    }
}

static void
print_results (const CsExperiment *experiment,
               const Report       *report,
               gboolean            json,
               CsTableFormat       format)
{
  if (json)
    {
      g_autoptr(JsonNode) root = cs_experiment_to_json (experiment);

      add_kept_ids (root, report);
      cs_cli_print_json (root);
    }
  else
    {
      g_autoptr(GString) table = g_string_new (NULL);

      cs_experiment_format_table (experiment, format, table);
      fputs (table->str, stdout);
    }
}

/* The figure of every run's curve, after the table. */
static int
write_curves (const CsExperiment *experiment,
              const CsDataset    *dataset,
              const char         *path,
              CsImageFormat       format,
              CsCurveField        field)
{
  g_autoptr(CsCurveFigure) figure = cs_curve_figure_new_for_experiment (experiment, dataset->name,
                                                                        field);
  g_autofree char *what = NULL;
  GError *error = NULL;
  int n_rows, n_seeds;

  cs_experiment_get_size (experiment, &n_rows, &n_seeds);
  what = g_strdup_printf (_("%d method%s × %d seed%s"), n_rows, n_rows == 1 ? "" : "s", n_seeds,
                          n_seeds == 1 ? "" : "s");
  if (!cs_curve_figure_save (figure, &(CsImageInfo) { dataset->name, what, NULL }, path, format,
                             &error))
    return cs_cli_fail (error);
  return 0;
}

int
cs_cli_experiment (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (N_("DATASET — compare methods over seeds"));
  g_autoptr(CsDataset) dataset = NULL;
  g_autoptr(GArray) methods = g_array_new (FALSE, FALSE, sizeof (CsMethod));
  g_autoptr(GArray) configs = g_array_new (FALSE, FALSE, sizeof (CsTrainConfig));
  g_autoptr(CsExperiment) experiment = NULL;
  g_autofree char *method_list = NULL;
  g_autofree char *curves = NULL;
  g_autofree char *curve = NULL;
  g_autofree char *usage = NULL;
  CsImageFormat curves_format;
  CsCurveField field;
  gboolean json = FALSE, markdown = FALSE, csv = FALSE, quiet = FALSE, keep = FALSE, ok;
  int seeds = 5, workers = (int) g_get_num_processors ();
  Report report;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
  CsExperimentCallbacks callbacks = { report_run, NULL, &report };
  GError *error = NULL;
  GOptionEntry entries[] = {
    { "methods", 0, 0, G_OPTION_ARG_STRING, &method_list,
      N_("Comma-separated methods (default: conal,crowdlayer,ds,mv,gold)"), "LIST" },
    { "seeds", 'n', 0, G_OPTION_ARG_INT, &seeds, N_("Seeds 1…N per method (default 5)"), "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object for scripts"), NULL },
    { "markdown", 0, 0, G_OPTION_ARG_NONE, &markdown, N_("Print a Markdown table"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print the table as CSV: fractions, every figure a column"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Do not report each run on stderr"), NULL },
    { "keep", 'k', 0, G_OPTION_ARG_NONE, &keep,
      N_("Keep every finished run in the run store (see “crowdscope-cli runs”)"), NULL },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &workers,
      N_("Runs trained side by side, one thread each (default: the number of cores)"), "N" },
    { "curves", 0, 0, G_OPTION_ARG_FILENAME, &curves,
      N_("Write every run's curve and each method's mean ± std to a .png, .svg or .pdf file"),
      "FILE" },
    { "curve", 0, 0, G_OPTION_ARG_STRING, &curve,
      N_("The curve --curves draws: test, valid, train (accuracies) or train-loss (default test)"),
      "CURVE" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_main_entries (context, cs_cli_train_option_entries (), NULL);
  g_option_context_add_main_entries (context, cs_cli_load_option_entries (), NULL);
  if (!cs_cli_parse (context, &argc, &argv))
    return CS_CLI_EXIT_USAGE;
  if (argc != 2 || seeds < 1 || seeds > MAX_SEEDS)
    return cs_cli_usage (context, _("expected one DATASET and --seeds from 1 to 10000"));
  if ((usage = cs_cli_check_curves ("--curves", curves, curve, &curves_format, &field)) ||
      (usage = parse_methods (method_list ? method_list : "conal,crowdlayer,ds,mv,gold", methods)) ||
      (usage = cs_cli_check_train_options ()))
    return cs_cli_usage (context, usage);
  if (!(dataset = cs_cli_load_dataset (argv[1])))
    return CS_CLI_EXIT_FAILURE;
  if (!method_configs (methods, dataset->name, configs, &error))
    return cs_cli_fail (error);

  experiment = cs_experiment_new (dataset, (CsTrainConfig *) configs->data, configs->len, seeds);
  /* A test curve needs the test split scored every epoch, as the Experiments page does; the
   * selected epochs and their accuracies are the same either way. */
  if (curves != NULL && field == CS_CURVE_TEST_ACCURACY)
    cs_experiment_set_test_every_epoch (experiment, true);
  g_ptr_array_set_size (kept, (guint) (configs->len * seeds));
  report = (Report) { quiet, keep ? cs_cli_open_store () : NULL, seeds, kept, NULL };
  ok = cs_experiment_run (experiment, workers, &callbacks, &error);
  g_clear_pointer (&report.store, cs_run_store_free);
  if (!ok)
    return cs_cli_fail (error);
  if (report.error != NULL)
    return cs_cli_fail (report.error);
  print_results (experiment, &report, json,
                 csv ? CS_TABLE_CSV : markdown ? CS_TABLE_MARKDOWN : CS_TABLE_TEXT);
  return curves ? write_curves (experiment, dataset, curves, curves_format, field) : 0;
}
