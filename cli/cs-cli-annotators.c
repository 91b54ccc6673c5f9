/* cs-cli-annotators.c — `crowdscope-cli annotators CHECKPOINT [--dataset D] [--json|--csv]`
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <stdio.h>

#include "cs-annotator-table.h"
#include "cs-cli.h"
#include "cs-confusion-measures.h"

/* scale · value with `decimals` decimals and a suffix, or "-" for what cannot be measured
 * (ASCII, so that printf's widths line up). */
static const char *
shown (char       *buf,
       gsize       size,
       double      value,
       double      scale,
       int         decimals,
       const char *suffix)
{
  if (isnan (value))
    return "-";
  g_snprintf (buf, size, "%.*f%s", decimals, scale * value, suffix);
  return buf;
}

static void
print_table (const CsAnnotatorReport *report)
{
  printf ("%-12s %7s %9s %9s %7s %8s %7s\n", "annotator", "labels", "accuracy", "agree-MV",
          "mean w", "spammer", "TV");
  for (int r = 0; r < report->R; r++)
    {
      char a[16], b[16], c[16], d[16], e[16];

      printf ("%-12s %7d %9s %9s %7s %8s %7s\n", report->annotator_ids[r], report->labels[r],
              shown (a, sizeof a, report->accuracy[r], 100, 1, "%"),
              shown (b, sizeof b, report->agreement_mv[r], 100, 1, "%"),
              shown (c, sizeof c, report->mean_w ? report->mean_w[r] : NAN, 1, 2, ""),
              shown (d, sizeof d, report->spammer_score[r], 1, 2, ""),
              shown (e, sizeof e, report->distance_tv[r], 1, 2, ""));
    }
}

static void
print_common (const CsAnnotatorReport *report)
{
  CsConfusionCell cells[CS_ANNOTATOR_TABLE_TOP_CONFUSIONS];
  int n;

  if (report->common == NULL)
    return;
  n = cs_confusion_top_off_diagonal (cells, G_N_ELEMENTS (cells), report->common, report->K);
  printf (_("\nThe crowd's common confusion (softmax of W_g), largest off the diagonal:\n"));
  for (int i = 0; i < n; i++)
    printf (_("  %s taken for %s: %.2f\n"), report->class_names[cells[i].row],
            report->class_names[cells[i].column], cells[i].value);
}

static void
print_text (const CsAnnotatorReport *report,
            const CsCheckpoint      *checkpoint)
{
  static const char * const sources[] = {
    N_("CoNAL's W_g and W_r mixed by each label's w"),
    N_("softmax of Crowd Layer's W_r"),
    N_("Dawid–Skene's estimates"),
    N_("the empirical rates (the method models no annotator)"),
  };

  printf (_("%s checkpoint (epoch %d): %d annotators; spammer scores and TV (total variation "
          "from the empirical rates) of %s\n\n"), cs_method_get_title (checkpoint->config.method),
          checkpoint->best_epoch, report->R, _(sources[report->source]));
  print_table (report);
  print_common (report);
}

int
cs_cli_annotators (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (N_("CHECKPOINT — the annotators' table"));
  g_autoptr(CsCheckpoint) checkpoint = NULL;
  g_autoptr(CsCheckpointDataset) data = NULL;
  g_autoptr(CsAnnotatorReport) report = NULL;
  g_autofree char *dataset_path = NULL;
  gboolean json = FALSE, csv = FALSE;
  GError *error = NULL;
  GOptionEntry entries[] = {
    { "dataset", 'd', 0, G_OPTION_ARG_FILENAME, &dataset_path,
      N_("Report on DATASET (with the checkpoint's annotators) instead of the one trained on"), "DATASET" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object for scripts, matrices included"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print the table as CSV"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    N_("One line per annotator: labels given, accuracy against gold, agreement with the\n"
    "majority vote of the item's other labels, CoNAL's mean w (1: the common confusion\n"
    "explains the annotator's labels, 0: their own), Raykar & Yu's spammer score (0: the\n"
    "labels ignore the true class, 1: they follow it) and how far the run's matrix is from\n"
    "the labels counted against gold (or the model's prediction where gold is unknown).\n"
    "The score is taken on the effective confusion for CoNAL (softmax of\n"
    "w · W_g + (1 − w) · W_r, averaged over the w of the annotator's train labels) and Crowd\n"
    "Layer (softmax of W_r), on Dawid–Skene's estimate for Dawid–Skene, and on the\n"
    "empirical rates for majority vote and gold."));
  if (!cs_cli_parse (context, &argc, &argv))
    return CS_CLI_EXIT_USAGE;
  if (argc != 2)
    return cs_cli_usage (context, _("expected one CHECKPOINT (a folder, or its model.safetensors)"));
  if (json && csv)
    return cs_cli_usage (context, _("--json and --csv: expected one of them"));
  if (!(checkpoint = cs_checkpoint_load (argv[1], &error)) ||
      !(data = cs_checkpoint_dataset_load (checkpoint, dataset_path, &error)) ||
      !(report = cs_annotator_report_from_checkpoint (checkpoint, data, &error)))
    return cs_cli_fail (error);
  if (json)
    {
      g_autoptr(JsonNode) root = cs_annotator_report_to_json (report);

      cs_cli_print_json (root);
    }
  else if (csv)
    {
      g_autoptr(GString) text = cs_annotator_report_to_csv (report);

      fputs (text->str, stdout);
    }
  else
    print_text (report, checkpoint);
  return 0;
}
