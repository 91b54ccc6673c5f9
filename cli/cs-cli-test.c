/* cs-cli-test.c — `crowdscope-cli test CHECKPOINT [--dataset DATASET] [--json]`
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>

#include "cs-checkpoint-dataset.h"
#include "cs-cli.h"
#include "cs-json.h"

int
cs_cli_test (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (N_("CHECKPOINT — evaluate a saved model"));
  g_autoptr(CsCheckpoint) checkpoint = NULL;
  g_autoptr(CsCheckpointDataset) data = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *dataset_path = NULL;
  GError *error = NULL;
  gboolean json = FALSE;
  CsDataset *dataset;
  GOptionEntry entries[] = {
    { "dataset", 'd', 0, G_OPTION_ARG_FILENAME, &dataset_path,
      N_("Evaluate on DATASET instead of the one the checkpoint was trained on"), "DATASET" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object for scripts"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!cs_cli_parse (context, &argc, &argv))
    return CS_CLI_EXIT_USAGE;
  if (argc != 2)
    return cs_cli_usage (context, _("expected one CHECKPOINT (a folder, or its model.safetensors)"));
  if (!(checkpoint = cs_checkpoint_load (argv[1], &error)) ||
      !(data = cs_checkpoint_dataset_load (checkpoint, dataset_path, &error)))
    return cs_cli_fail (error);
  dataset = data->dataset;

  json_builder_begin_object (builder);
  cs_json_add_string (builder, "method", cs_method_to_string (checkpoint->config.method));
  cs_json_add_string (builder, "dataset", dataset->source);
  cs_json_add_bool (builder, "same_dataset", data->same);
  cs_json_add_int (builder, "best_epoch", checkpoint->best_epoch);
  cs_json_add_bool (builder, "test_used_for_selection", checkpoint->test_used_for_selection);
  json_builder_set_member_name (builder, "splits");
  json_builder_begin_object (builder);
  if (!json)
    printf (_("%s checkpoint (epoch %d) on %s%s\n"), cs_method_get_title (checkpoint->config.method),
            checkpoint->best_epoch, dataset->source,
            data->same ? "" : _(" (not the dataset it was trained on)"));
  for (int s = 0; s < CS_N_SPLITS; s++)
    {
      const CsSplit *split = cs_dataset_get_split (dataset, s);
      double accuracy;

      if (split == NULL || split->gold == NULL)
        continue;
      accuracy = cs_checkpoint_evaluate (checkpoint, data, s);
      json_builder_set_member_name (builder, cs_split_kind_to_string (s));
      json_builder_begin_object (builder);
      cs_json_add_number (builder, "accuracy", accuracy);
      cs_json_add_int (builder, "items", split->n);
      json_builder_end_object (builder);
      if (!json)
        printf (_("  %-6s accuracy %.2f %% of %d items%s\n"), cs_split_kind_to_string (s), 100 * accuracy,
                split->n, s == CS_SPLIT_TEST && checkpoint->test_used_for_selection && data->same ?
                _(" (also used for model selection)") : "");
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);

      cs_cli_print_json (root);
    }
  return 0;
}
