/* cs-cli-export.c — `crowdscope-cli export CHECKPOINT --confusions FILE.{csv,npy}`
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>

#include "cs-cli.h"
#include "cs-learned-confusions.h"

int
cs_cli_export (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("CHECKPOINT — export learned confusion matrices");
  g_autoptr(CsCheckpoint) checkpoint = NULL;
  g_autoptr(CsLearnedConfusions) confusions = NULL;
  g_autofree char *path = NULL;
  CsConfusionsFormat format;
  gboolean probabilities = FALSE;
  GError *error = NULL;
  GOptionEntry entries[] = {
    { "confusions", 'c', 0, G_OPTION_ARG_FILENAME, &path,
      "Write the matrices to FILE: .npy [M, K, K] or .csv (matrix, true_class, given_class, value)", "FILE" },
    { "probabilities", 0, 0, G_OPTION_ARG_NONE, &probabilities,
      "Write softmax (W[k, :]) per row: the label distribution for true class k", NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "CoNAL writes the global matrix first (\"global\"), then one per annotator in the\n"
    "checkpoint's annotator order; Crowd Layer and Dawid–Skene one per annotator.\n"
    "Rows are the true class, columns the label given.");
  if (!cs_cli_parse (context, &argc, &argv))
    return CS_CLI_EXIT_USAGE;
  if (argc != 2 || path == NULL)
    return cs_cli_usage (context, "expected one CHECKPOINT and --confusions FILE");
  if (!cs_confusions_format_from_path (path, &format))
    return cs_cli_usage (context, "--confusions: expected a .npy or .csv file name");
  if (!(checkpoint = cs_checkpoint_load (argv[1], &error)) ||
      !(confusions = cs_learned_confusions_from_checkpoint (checkpoint, probabilities, &error)) ||
      !cs_learned_confusions_save (confusions, checkpoint->class_names, path, format, &error))
    return cs_cli_fail (error);
  printf ("%s: %d matrices of %d × %d\n", path, confusions->M, confusions->K, confusions->K);
  return 0;
}
