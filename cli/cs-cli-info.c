/* cs-cli-info.c — `crowdscope-cli info DATASET [--json]`
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <stdio.h>

#include "cs-cli.h"
#include "cs-dataset-stats.h"
#include "cs-json.h"
#include "cs-majority-vote.h"

static void
add_splits (JsonBuilder          *builder,
            const CsDataset      *dataset,
            const CsDatasetStats *stats)
{
  json_builder_set_member_name (builder, "splits");
  json_builder_begin_object (builder);
  for (int s = 0; s < CS_N_SPLITS; s++)
    {
      const CsSplit *split = cs_dataset_get_split (dataset, s);

      if (split == NULL)
        continue;
      json_builder_set_member_name (builder, cs_split_kind_to_string (s));
      json_builder_begin_object (builder);
      cs_json_add_int (builder, "items", split->n);
      cs_json_add_int (builder, "labels", split->n_labels);
      cs_json_add_bool (builder, "gold", split->gold != NULL);
      cs_json_add_bool (builder, "images", split->image_paths != NULL);
      if (stats->class_counts[s] != NULL)
        {
          json_builder_set_member_name (builder, "class_counts");
          json_builder_begin_array (builder);
          for (int k = 0; k < dataset->n_classes; k++)
            json_builder_add_int_value (builder, stats->class_counts[s][k]);
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static JsonNode *
build_json (const CsDataset      *dataset,
            const CsDatasetStats *stats)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  cs_json_add_string (builder, "name", dataset->name);
  cs_json_add_string (builder, "source", dataset->source);
  cs_json_add_int (builder, "features", dataset->d);
  cs_json_add_bool (builder, "standardized", dataset->standardized);
  cs_json_add_strv (builder, "classes", dataset->class_names);
  cs_json_add_int (builder, "annotators", dataset->n_annotators);
  cs_json_add_strv (builder, "annotator_ids", dataset->annotator_ids);
  cs_json_add_strv (builder, "dropped_annotators", dataset->dropped_annotators);
  cs_json_add_int (builder, "labels", stats->n_labels);
  add_splits (builder, dataset, stats);

  json_builder_set_member_name (builder, "labels_per_item");
  json_builder_begin_object (builder);
  cs_json_add_number (builder, "mean", stats->labels_per_item_mean);
  cs_json_add_int (builder, "min", stats->labels_per_item_min);
  cs_json_add_int (builder, "max", stats->labels_per_item_max);
  cs_json_add_int (builder, "items_without_label", stats->n_items_without_label);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "labels_per_annotator");
  json_builder_begin_object (builder);
  cs_json_add_number (builder, "median", stats->labels_per_annotator_median);
  cs_json_add_int (builder, "min", stats->labels_per_annotator_min);
  cs_json_add_int (builder, "max", stats->labels_per_annotator_max);
  json_builder_end_object (builder);

  cs_json_add_number (builder, "crowd_accuracy", stats->crowd_accuracy);
  cs_json_add_number (builder, "majority_vote_accuracy", stats->majority_vote_accuracy);
  cs_json_add_string (builder, "majority_vote_tie_rule", CS_MAJORITY_VOTE_TIE_RULE);
  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < dataset->warnings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (dataset->warnings, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
print_percent (const char *label,
               double      value,
               int         of,
               const char *what,
               const char *note)
{
  if (isnan (value))
    printf (_("%-24s unknown (no gold labels)\n"), label);
  else
    printf (_("%-24s %.1f %% of %d %s%s%s\n"), label, 100 * value, of, what, note ? "; " : "", note ? note : "");
}

static void
print_text (const CsDataset      *dataset,
            const CsDatasetStats *stats)
{
  g_autofree char *classes = g_strjoinv (", ", dataset->class_names);
  guint dropped = g_strv_length (dataset->dropped_annotators);

  printf ("%s (%s)\n\n", dataset->name, dataset->source);
  printf ("%-24s", _("Splits"));
  for (int s = 0; s < CS_N_SPLITS; s++)
    if (dataset->splits[s].present)
      printf (" %s %d", cs_split_kind_to_string (s), dataset->splits[s].n);
  printf ("\n%-24s %d%s\n", _("Features"), dataset->d, dataset->standardized ? _(" (standardised)") : "");
  printf ("%-24s %d: %s\n", _("Classes"), dataset->n_classes, classes);
  printf (_("%-24s %d with labels"), _("Annotators"), dataset->n_annotators);
  if (dropped > 0)
    printf (_(" (%u without labels left out)"), dropped);
  printf ("\n%-24s %d\n", _("Crowd labels"), stats->n_labels);
  printf (_("%-24s mean %.2f, min %d, max %d\n"), _("Labels per item"),
          stats->labels_per_item_mean, stats->labels_per_item_min, stats->labels_per_item_max);
  printf (_("%-24s median %g, min %d, max %d\n"), _("Labels per annotator"),
          stats->labels_per_annotator_median, stats->labels_per_annotator_min,
          stats->labels_per_annotator_max);
  print_percent (_("Labels matching gold"), stats->crowd_accuracy, stats->n_labels_with_gold,
                 _("labels with gold"), NULL);
  print_percent (_("Majority vote vs gold"), stats->majority_vote_accuracy, stats->n_majority_items,
                 _("items"), _(CS_MAJORITY_VOTE_TIE_RULE));
  if (dataset->warnings->len > 0)
    printf (_("\nWarnings\n"));
  for (guint i = 0; i < dataset->warnings->len; i++)
    printf ("  • %s\n", (const char *) g_ptr_array_index (dataset->warnings, i));
}

int
cs_cli_info (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (N_("DATASET — describe a dataset"));
  g_autoptr(CsDataset) dataset = NULL;
  g_autoptr(CsDatasetStats) stats = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object for scripts"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_main_entries (context, cs_cli_load_option_entries (), NULL);
  g_option_context_set_description (context,
    N_("DATASET is a folder (the LabelMe or Music layout, or one holding crowdscope.ini)\n"
    "or a manifest file."));
  if (!cs_cli_parse (context, &argc, &argv))
    return CS_CLI_EXIT_USAGE;
  if (argc != 2)
    return cs_cli_usage (context, _("expected one DATASET"));
  if (!(dataset = cs_cli_load_dataset (argv[1])))
    return CS_CLI_EXIT_FAILURE;
  stats = cs_dataset_stats_new (dataset);
  if (json)
    {
      g_autoptr(JsonNode) root = build_json (dataset, stats);

      cs_cli_print_json (root);
    }
  else
    print_text (dataset, stats);
  return 0;
}
