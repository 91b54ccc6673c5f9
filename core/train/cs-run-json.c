/* cs-run-json.c — a training run as the JSON objects config.json and scripts read
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-run-json.h"

#include "cs-json.h"

/* Adds "history": one object per epoch, every metric a number or null. */
void
cs_history_to_json (JsonBuilder *builder,
                    GArray      *history)
{
  json_builder_set_member_name (builder, "history");
  json_builder_begin_array (builder);
  for (guint i = 0; i < history->len; i++)
    {
      const CsEpochMetrics *m = &g_array_index (history, CsEpochMetrics, i);

      json_builder_begin_object (builder);
      cs_json_add_int (builder, "epoch", m->epoch);
      cs_json_add_number (builder, "train_loss", m->train_loss);
      cs_json_add_number (builder, "train_cross_entropy", m->train_cross_entropy);
      cs_json_add_number (builder, "train_regulariser", m->train_regulariser);
      cs_json_add_number (builder, "train_accuracy", m->train_accuracy);
      cs_json_add_number (builder, "valid_accuracy", m->valid_accuracy);
      cs_json_add_number (builder, "test_accuracy", m->test_accuracy);
      cs_json_add_number (builder, "crowd_nll", m->crowd_nll);
      cs_json_add_number (builder, "seconds", m->seconds);
      cs_json_add_int (builder, "best_epoch", m->best_epoch);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* The run's method, settings, selected epoch and its accuracies, timing and notices, CoNAL's
 * per-annotator w and, when asked, the history: what `train --json` prints, and each run of
 * `experiment --json`. */
JsonNode *
cs_run_to_json (const CsRun *run,
                gboolean     with_history)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const CsEpochMetrics *best = cs_run_get_best (run);

  json_builder_begin_object (builder);
  cs_json_add_string (builder, "method", cs_method_to_string (run->config.method));
  cs_json_add_string (builder, "dataset", run->dataset->name);
  cs_json_add_int (builder, "seed", (gint64) run->config.seed);
  cs_json_add_int (builder, "epochs", run->config.epochs);
  cs_json_add_int (builder, "batch_size", run->config.batch_size);
  cs_json_add_number (builder, "lr", cs_float_for_json (run->config.lr));
  cs_json_add_string (builder, "selection", cs_selection_to_string (run->config.selection));
  cs_json_add_int (builder, "best_epoch", run->best_epoch);
  cs_json_add_number (builder, "valid_accuracy", best->valid_accuracy);
  cs_json_add_number (builder, "test_accuracy", best->test_accuracy);
  cs_json_add_bool (builder, "test_used_for_selection", run->test_used_for_selection);
  cs_json_add_number (builder, "seconds_per_epoch", run->seconds_per_epoch);
  cs_json_add_strv (builder, "notices", (char **) run->notices->pdata);
  if (run->annotator_w != NULL)
    {
      /* CoNAL: how much of each annotator's labels the common confusion explains. */
      json_builder_set_member_name (builder, "annotator_w");
      json_builder_begin_object (builder);
      for (int r = 0; r < run->dataset->n_annotators; r++)
        cs_json_add_number (builder, run->dataset->annotator_ids[r], run->annotator_w[r]);
      json_builder_end_object (builder);
    }
  if (with_history)
    cs_history_to_json (builder, run->history);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
