/* cs-cli-run-json.c — a training run as the JSON object scripts read
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "cs-cli.h"

static void
add_number (JsonBuilder *builder,
            const char  *key,
            double       value)
{
  json_builder_set_member_name (builder, key);
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_history (JsonBuilder *builder,
             const CsRun *run)
{
  json_builder_set_member_name (builder, "history");
  json_builder_begin_array (builder);
  for (guint i = 0; i < run->history->len; i++)
    {
      const CsEpochMetrics *m = &g_array_index (run->history, CsEpochMetrics, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "epoch");
      json_builder_add_int_value (builder, m->epoch);
      add_number (builder, "train_loss", m->train_loss);
      add_number (builder, "train_accuracy", m->train_accuracy);
      add_number (builder, "valid_accuracy", m->valid_accuracy);
      add_number (builder, "test_accuracy", m->test_accuracy);
      if (run->config.selection == CS_SELECT_CROWD_NLL)
        add_number (builder, "crowd_nll", m->crowd_nll);
      add_number (builder, "seconds", m->seconds);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

JsonNode *
cs_cli_run_to_json (const CsRun *run,
                    gboolean     with_history)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const CsEpochMetrics *best = cs_run_get_best (run);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, cs_method_to_string (run->config.method));
  json_builder_set_member_name (builder, "dataset");
  json_builder_add_string_value (builder, run->dataset->name);
  json_builder_set_member_name (builder, "seed");
  json_builder_add_int_value (builder, (gint64) run->config.seed);
  json_builder_set_member_name (builder, "epochs");
  json_builder_add_int_value (builder, run->config.epochs);
  json_builder_set_member_name (builder, "batch_size");
  json_builder_add_int_value (builder, run->config.batch_size);
  add_number (builder, "lr", cs_float_for_json (run->config.lr));
  json_builder_set_member_name (builder, "selection");
  json_builder_add_string_value (builder, cs_selection_to_string (run->config.selection));
  json_builder_set_member_name (builder, "best_epoch");
  json_builder_add_int_value (builder, run->best_epoch);
  add_number (builder, "valid_accuracy", best->valid_accuracy);
  add_number (builder, "test_accuracy", best->test_accuracy);
  json_builder_set_member_name (builder, "test_used_for_selection");
  json_builder_add_boolean_value (builder, run->test_used_for_selection);
  add_number (builder, "seconds_per_epoch", run->seconds_per_epoch);
  json_builder_set_member_name (builder, "notices");
  json_builder_begin_array (builder);
  for (guint i = 0; i < run->notices->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (run->notices, i));
  json_builder_end_array (builder);
  if (with_history)
    add_history (builder, run);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
