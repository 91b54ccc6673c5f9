/* cs-cli-simulate.c — `crowdscope-cli simulate DATASET --out DIR`: a planted crowd
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>

#include "cs-cli.h"
#include "cs-dataset-resimulate.h"
#include "cs-dataset-writer.h"

int
cs_cli_simulate (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (N_("DATASET — replace the train crowd with simulated annotators"));
  g_autoptr(CsDataset) dataset = NULL;
  g_autoptr(CsDataset) simulated = NULL;
  g_autoptr(CsSimulatedCrowd) crowd = NULL;
  g_autofree char *out = NULL;
  g_autofree char *planted = NULL;
  GError *error = NULL;
  CsCrowdSpec spec;
  gint64 seed = -1;
  GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Write the new dataset (a manifest folder) into DIR"), "DIR" },
    { "annotators", 'r', 0, G_OPTION_ARG_INT, &spec.n_annotators, N_("Number of annotators"), "R" },
    { "labels-per-item", 'l', 0, G_OPTION_ARG_DOUBLE, &spec.labels_per_item, N_("Mean labels per item"), "M" },
    { "spammers", 0, 0, G_OPTION_ARG_DOUBLE, &spec.share_spammer, N_("Share of spammers (uniform answers)"), "F" },
    { "swappers", 0, 0, G_OPTION_ARG_DOUBLE, &spec.share_swapper, N_("Share of class swappers"), "F" },
    { "common", 0, 0, G_OPTION_ARG_DOUBLE, &spec.share_common, N_("Share of annotators with the common confusion"), "F" },
    { "accuracy", 0, 0, G_OPTION_ARG_DOUBLE, &spec.reliable_accuracy, N_("Accuracy of reliable annotators"), "A" },
    { "common-strength", 0, 0, G_OPTION_ARG_DOUBLE, &spec.common_strength, N_("How often the common confusion applies"), "S" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, N_("Random seed"), "SEED" },
    { NULL }
  };

  cs_crowd_spec_init_default (&spec);
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_main_entries (context, cs_cli_load_option_entries (), NULL);
  g_option_context_set_description (context,
    N_("Keeps the features, gold labels and images; replaces the train split's crowd labels\n"
    "with a crowd of reliable annotators, spammers, class swappers and annotators who share\n"
    "one common confusion, and writes what was planted to planted.json."));
  if (!cs_cli_parse (context, &argc, &argv))
    return CS_CLI_EXIT_USAGE;
  if (argc != 2 || out == NULL)
    return cs_cli_usage (context, _("expected one DATASET and --out DIR"));
  if (seed >= 0)
    spec.seed = (uint64_t) seed;
  if (!(dataset = cs_cli_load_dataset (argv[1])))
    return CS_CLI_EXIT_FAILURE;
  planted = g_build_filename (out, "planted.json", NULL);
  if (!(simulated = cs_dataset_resimulate (dataset, &spec, &crowd, &error)) ||
      !cs_dataset_write (simulated, out, &error) ||
      !cs_simulated_crowd_save (crowd, &spec, (const char * const *) simulated->class_names,
                                (const char * const *) simulated->annotator_ids, planted, &error))
    return cs_cli_fail (error);
  printf (_("%s: %d simulated labels from %d annotators\n"), out, crowd->n_labels, crowd->R);
  return 0;
}
