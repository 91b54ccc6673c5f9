/* cs-cli.c — crowdscope-cli, the command-line face of the core
 *
 * Every figure the window shows can be reproduced here, so tests and scripts check the same
 * numbers a person sees.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cs-blas.h"
#include "cs-cli.h"

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "info", cs_cli_info, N_("Describe a dataset: splits, classes, annotators, crowd quality") },
  { "train", cs_cli_train, N_("Train a classifier from crowd labels (CoNAL or a baseline)") },
  { "test", cs_cli_test, N_("Evaluate a saved checkpoint") },
  { "export", cs_cli_export, N_("Export a checkpoint's confusion matrices (.npy, .csv) or images (.png, .svg, .pdf)") },
  { "annotators", cs_cli_annotators, N_("The annotators of a checkpoint: quality, mean w, spammer scores, matrices") },
  { "predict", cs_cli_predict, N_("Write a checkpoint's predicted label for every item (.csv, .json)") },
  { "experiment", cs_cli_experiment, N_("Compare methods over seeds: the papers' table, and its curves with --curves") },
  { "simulate", cs_cli_simulate, N_("Replace a dataset's crowd with simulated annotators") },
  { "import", cs_cli_import, N_("Check your own files and write a crowdscope.ini manifest for them") },
  { "demo", cs_cli_demo, N_("Write the Shapes demo dataset into a folder") },
  { "runs", cs_cli_runs, N_("List, show, rename, delete or compare the curves of the runs kept by --keep") },
};

static int
usage (FILE *out)
{
  fprintf (out, _("Usage: crowdscope-cli COMMAND [OPTIONS…]\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, _("\nRun “crowdscope-cli COMMAND --help” for a command's options.\n"));
  return out == stdout ? 0 : CS_CLI_EXIT_USAGE;
}

int
main (int   argc,
      char *argv[])
{
  /* Messages, help and human output follow the user's language; numbers do not. LC_NUMERIC
   * stays "C" so that everything printed with printf — --json, the CSV and TSV tables, the
   * figures scripts parse out of human output — keeps its decimal points whatever the locale. */
  setlocale (LC_ALL, "");
  setlocale (LC_NUMERIC, "C");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* Before OpenBLAS first multiplies: the core shares products out over its own threads, and
   * OpenBLAS rounds otherwise once its thread count changes after a first product (a
   * checkpoint's predictions differed from the window's in the sixth decimal). */
  cs_blas_set_num_threads (1);

  if (argc < 2)
    return usage (stderr);
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    return usage (stdout);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);
  {
    g_autofree char *message = g_strdup_printf (_("unknown command “%s”"), argv[1]);

    cs_cli_usage (NULL, message);
  }
  fputc ('\n', stderr);
  return usage (stderr);
}
