/* cs-cli-runs-show.c — `crowdscope-cli runs show ID [--json]`: one kept run, reopened from its
 * checkpoint
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <inttypes.h>
#include <stdio.h>

#include "cs-cli.h"
#include "cs-json.h"
#include "cs-run-json.h"

static JsonNode *
show_json (const CsRunInfo    *info,
           const CsCheckpoint *checkpoint,
           gboolean            dataset_found)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  cs_run_info_add_members (info, builder);
  cs_json_add_bool (builder, "dataset_found", dataset_found);
  cs_json_add_bool (builder, "test_used_for_selection", checkpoint->test_used_for_selection);
  cs_json_add_number (builder, "seconds_per_epoch", checkpoint->seconds_per_epoch);
  cs_json_add_strv (builder, "classes", checkpoint->class_names);
  cs_json_add_int (builder, "annotators", checkpoint->R);
  cs_json_add_strv (builder, "notices", checkpoint->notices);
  json_builder_set_member_name (builder, "config");
  cs_train_config_to_json (&checkpoint->config, builder);
  cs_json_add_int (builder, "history_length", checkpoint->history->len);
  cs_history_to_json (builder, checkpoint->history);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* The configuration as "name value" lines, in the order config.json has them. */
static void
print_config (const CsTrainConfig *config)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  cs_train_config_to_json (config, builder);
  root = json_builder_get_root (builder);
  object = json_node_get_object (root);
  members = json_object_get_members (object);
  printf (_("  configuration:\n"));
  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *value = cs_json_to_string (json_object_get_member (object, l->data), FALSE);

      printf ("    %-24s %s\n", (const char *) l->data, value);
    }
}

static void
show_text (const CsRunInfo    *info,
           const CsCheckpoint *checkpoint,
           gboolean            dataset_found)
{
  g_autofree char *date = cs_cli_format_date (info->created);
  g_autofree char *valid = cs_cli_format_percent (info->valid_accuracy);
  g_autofree char *test = cs_cli_format_percent (info->test_accuracy);

  printf ("%s  (%s)\n", info->name, info->id);
  printf (_("  kept            %s%s\n"), date,
          info->state == CS_RUN_STATE_INCOMPLETE ? _(" (incomplete)") : "");
  printf (_("  method          %s, seed %" PRIu64 "\n"),
          cs_method_get_title (info->method), info->seed);
  printf (_("  dataset         %s, %s%s\n"), info->dataset_name, info->dataset_path,
          dataset_found ? "" : _(" (no longer there)"));
  printf (_("  best epoch      %d of %d; %u epochs of history\n"), info->best_epoch,
          checkpoint->config.epochs, checkpoint->history->len);
  printf (_("  valid accuracy  %s%s\n"), valid,
          checkpoint->test_used_for_selection ? _(" (the test split)") : "");
  printf (_("  test accuracy   %s\n"), test);
  for (int i = 0; checkpoint->notices[i] != NULL; i++)
    printf (_("  note: %s\n"), checkpoint->notices[i]);
  print_config (&checkpoint->config);
}

int
cs_cli_runs_show (CsRunStore *store,
                  const char *id,
                  gboolean    json)
{
  g_autoptr(CsCheckpoint) checkpoint = NULL;
  g_autoptr(CsRunInfo) info = NULL;
  GError *error = NULL;
  gboolean dataset_found;

  if (!(checkpoint = cs_run_store_load (store, id, &info, &error)))
    return cs_cli_fail (error);
  dataset_found = *info->dataset_path != '\0' && g_file_test (info->dataset_path, G_FILE_TEST_EXISTS);
  if (json)
    {
      g_autoptr(JsonNode) node = show_json (info, checkpoint, dataset_found);

      cs_cli_print_json (node);
    }
  else
    show_text (info, checkpoint, dataset_found);
  return 0;
}
