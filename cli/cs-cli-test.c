/* cs-cli-test.c — `crowdscope-cli test CHECKPOINT [--dataset DATASET] [--json]`
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cs-checkpoint.h"
#include "cs-dataset-carve.h"
#include "cs-cli.h"
#include "cs-json.h"
#include "cs-error.h"

/* The dataset as the checkpoint saw it: standardised the same way. When it is not the
 * dataset trained on, its raw features get the training statistics instead of their own. */
static CsDataset *
load_for_checkpoint (const CsCheckpoint  *checkpoint,
                     const char          *path,
                     gboolean            *same,
                     GError             **error)
{
  CsLoadOptions options = { checkpoint->standardized ? CS_STANDARDIZE_ALWAYS : CS_STANDARDIZE_NEVER };
  g_autoptr(CsDataset) dataset = cs_dataset_load (path, &options, error);
  g_autofree char *fingerprint = NULL;

  if (dataset == NULL)
    return NULL;
  if (dataset->d != checkpoint->d || dataset->n_classes != checkpoint->K)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_SHAPE,
                   "%s: expected %d features and %d classes as the checkpoint has, found %d and %d",
                   path, checkpoint->d, checkpoint->K, dataset->d, dataset->n_classes);
      return NULL;
    }
  for (int k = 0; k < dataset->n_classes; k++)
    if (strcmp (dataset->class_names[k], checkpoint->class_names[k]) != 0)
      {
        g_set_error (error, CS_ERROR, CS_ERROR_VALUE,
                     "%s: class %d is '%s', but the checkpoint's class %d is '%s'",
                     path, k, dataset->class_names[k], k, checkpoint->class_names[k]);
        return NULL;
      }
  fingerprint = cs_dataset_fingerprint (dataset);
  *same = g_strcmp0 (fingerprint, checkpoint->fingerprint) == 0;
  if (*same || !checkpoint->standardized)
    return g_steal_pointer (&dataset);
  options.standardize = CS_STANDARDIZE_NEVER;
  return cs_dataset_load (path, &options, error);
}

static double
split_accuracy (CsCheckpoint  *checkpoint,
                const CsSplit *split,
                gboolean       raw)
{
  g_autofree float *x = g_memdup2 (split->features, sizeof (float) * split->n * checkpoint->d);
  g_autofree float *probs = g_new (float, (size_t) split->n * checkpoint->K);
  CsSplit copy = *split;

  if (raw)
    cs_checkpoint_standardize (checkpoint, x, split->n);
  copy.features = x;
  return cs_evaluate_accuracy (checkpoint->model, &copy, probs);
}

int
cs_cli_test (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("CHECKPOINT — evaluate a saved model");
  g_autoptr(CsCheckpoint) checkpoint = NULL;
  g_autoptr(CsDataset) dataset = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *dataset_path = NULL;
  GError *error = NULL;
  gboolean json = FALSE, same = FALSE;
  GOptionEntry entries[] = {
    { "dataset", 'd', 0, G_OPTION_ARG_FILENAME, &dataset_path,
      "Evaluate on DATASET instead of the one the checkpoint was trained on", "DATASET" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print one JSON object for scripts", NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!cs_cli_parse (context, &argc, &argv))
    return CS_CLI_EXIT_USAGE;
  if (argc != 2)
    return cs_cli_usage (context, "expected one CHECKPOINT (a folder, or its model.safetensors)");
  if (!(checkpoint = cs_checkpoint_load (argv[1], &error)))
    return cs_cli_fail (error);
  if (!(dataset = load_for_checkpoint (checkpoint, dataset_path ? dataset_path : checkpoint->dataset_source,
                                       &same, &error)))
    return cs_cli_fail (error);
  /* A run that took its validation split out of test was tested on the rest: so is this. */
  if (checkpoint->config.valid_from_test > 0 && cs_dataset_get_split (dataset, CS_SPLIT_VALID) == NULL)
    {
      CsDataset *carved = cs_dataset_carve_validation (dataset, checkpoint->config.valid_from_test, &error);

      if (carved == NULL)
        return cs_cli_fail (error);
      cs_dataset_unref (dataset);
      dataset = carved;
    }

  json_builder_begin_object (builder);
  cs_json_add_string (builder, "method", cs_method_to_string (checkpoint->config.method));
  cs_json_add_string (builder, "dataset", dataset->source);
  cs_json_add_bool (builder, "same_dataset", same);
  cs_json_add_int (builder, "best_epoch", checkpoint->best_epoch);
  cs_json_add_bool (builder, "test_used_for_selection", checkpoint->test_used_for_selection);
  json_builder_set_member_name (builder, "splits");
  json_builder_begin_object (builder);
  if (!json)
    printf ("%s checkpoint (epoch %d) on %s%s\n", cs_method_get_title (checkpoint->config.method),
            checkpoint->best_epoch, dataset->source, same ? "" : " (not the dataset it was trained on)");
  for (int s = 0; s < CS_N_SPLITS; s++)
    {
      const CsSplit *split = cs_dataset_get_split (dataset, s);
      double accuracy;

      if (split == NULL || split->gold == NULL)
        continue;
      accuracy = split_accuracy (checkpoint, split, !same && checkpoint->standardized);
      json_builder_set_member_name (builder, cs_split_kind_to_string (s));
      json_builder_begin_object (builder);
      cs_json_add_number (builder, "accuracy", accuracy);
      cs_json_add_int (builder, "items", split->n);
      json_builder_end_object (builder);
      if (!json)
        printf ("  %-6s accuracy %.2f%% of %d items%s\n", cs_split_kind_to_string (s), 100 * accuracy,
                split->n, s == CS_SPLIT_TEST && checkpoint->test_used_for_selection && same ?
                " (also used for model selection)" : "");
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
