/* cs-cli-train.c — `crowdscope-cli train DATASET [options] [--out DIR] [--keep] [--json]`
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <inttypes.h>
#include <stdio.h>

#include "cs-checkpoint.h"
#include "cs-cli.h"
#include "cs-epoch-events.h"
#include "cs-run-json.h"

typedef struct
{
  gboolean       verbose;
  int            epochs;
  CsEventWriter *events;
  GError        *events_error;
} Progress;

static void
print_progress (const CsEpochMetrics *m,
                CsModel              *model,
                gpointer              data)
{
  Progress *progress = data;

  if (progress->events != NULL && progress->events_error == NULL)
    cs_epoch_events_add (progress->events, m, &progress->events_error);
  if (!progress->verbose)
    return;
  fprintf (stderr, _("epoch %4d/%d  loss %.4f  train %5.1f %%  valid %5.1f %%  test %5.1f %%  %.1f ms\n"),
           m->epoch, progress->epochs, m->train_loss, 100 * m->train_accuracy,
           100 * m->valid_accuracy, 100 * m->test_accuracy, 1000 * m->seconds);
}

static void
print_summary (const CsRun *run)
{
  const CsEpochMetrics *best = cs_run_get_best (run);

  printf (_("%s on %s, seed %" PRIu64 ": best epoch %d of %d\n"),
          cs_method_get_title (run->config.method), run->dataset->name, run->config.seed,
          run->best_epoch, run->config.epochs);
  printf (_("  valid accuracy %.2f %%%s\n"), 100 * best->valid_accuracy,
          run->test_used_for_selection ? _(" (the test split)") : "");
  printf (_("  test accuracy  %.2f %%\n"), 100 * best->test_accuracy);
  printf (_("  %.2f ms per epoch (training only)\n"), 1000 * run->seconds_per_epoch);
  for (guint i = 0; i < run->notices->len; i++)
    printf (_("  note: %s\n"), (const char *) g_ptr_array_index (run->notices, i));
}

/* The summary, or the JSON object with "kept_as" added when the run was kept. */
static void
print_result (const CsRun *run,
              gboolean     json,
              const char  *kept)
{
  if (json)
    {
      g_autoptr(JsonNode) node = cs_run_to_json (run, TRUE);

      if (kept != NULL)
        json_object_set_string_member (json_node_get_object (node), "kept_as", kept);
      cs_cli_print_json (node);
      return;
    }
  print_summary (run);
  if (kept != NULL)
    printf (_("  kept as %s (crowdscope-cli runs show %s)\n"), kept, kept);
}

int
cs_cli_train (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (N_("DATASET — train a classifier from crowd labels"));
  g_autoptr(CsDataset) dataset = NULL;
  g_autoptr(CsRun) run = NULL;
  GError *error = NULL;
  CsTrainConfig config;
  gboolean json = FALSE, verbose = FALSE, keep = FALSE;
  g_autofree char *out = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *log_dir = NULL;
  g_autofree char *problem = NULL;
  GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out,
      N_("Write model.safetensors, config.json and metrics.csv into DIR"), "DIR" },
    { "log-dir", 0, 0, G_OPTION_ARG_FILENAME, &log_dir,
      N_("Write TensorBoard event files into DIR"), "DIR" },
    { "keep", 'k', 0, G_OPTION_ARG_NONE, &keep,
      N_("Keep the run in the run store (see “crowdscope-cli runs”)"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object for scripts"), NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, N_("Print every epoch's metrics"), NULL },
    { NULL }
  };
  Progress progress;
  CsTrainCallbacks callbacks = { print_progress, NULL, &progress };

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_main_entries (context, cs_cli_train_option_entries (), NULL);
  g_option_context_add_main_entries (context, cs_cli_load_option_entries (), NULL);
  if (!cs_cli_parse (context, &argc, &argv))
    return CS_CLI_EXIT_USAGE;
  if (argc != 2)
    return cs_cli_usage (context, _("expected one DATASET"));
  if ((problem = cs_cli_check_train_options ()))
    return cs_cli_usage (context, problem);
  if (!(dataset = cs_cli_load_dataset (argv[1])))
    return CS_CLI_EXIT_FAILURE;
  if (!cs_cli_train_config (&config, dataset->name, &error))
    return cs_cli_fail (error);
  progress = (Progress) { verbose, config.epochs, NULL, NULL };
  if (log_dir != NULL && !(progress.events = cs_event_writer_new (log_dir, &error)))
    return cs_cli_fail (error);
  run = cs_train (dataset, &config, &callbacks, &error);
  if (progress.events != NULL && progress.events_error == NULL)
    cs_event_writer_flush (progress.events, &progress.events_error);
  g_clear_pointer (&progress.events, cs_event_writer_free);
  if (run == NULL)
    return cs_cli_fail (error);
  if (progress.events_error != NULL)
    return cs_cli_fail (progress.events_error);
  if (out != NULL && !cs_checkpoint_save (run, out, &error))
    return cs_cli_fail (error);
  if (keep)
    {
      g_autoptr(CsRunStore) store = cs_cli_open_store ();

      if (!(kept = cs_run_store_save (store, run, NULL, &error)))
        return cs_cli_fail (error);
    }
  print_result (run, json, kept);
  return 0;
}
