/* cs-cli-predict.c — `crowdscope-cli predict CHECKPOINT --out FILE.{csv,json} [--split S]`
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <stdio.h>

#include "cs-cli.h"
#include "cs-prediction-orders.h"
#include "cs-predictions-export.h"

/* One line per split written: its items, the accuracy where there is gold, and how often the
 * model overrules the crowd where there are labels. */
static void
print_split (const CsPredictions *predictions,
             const CsCheckpoint  *checkpoint,
             bool                 same,
             CsSplitKind          kind)
{
  CsItemFilter all = { kind, CS_ITEMS_ALL, CS_ANY_CLASS, CS_ANY_CLASS };
  CsItemFilter labelled = { kind, CS_ITEMS_LABELLED, CS_ANY_CLASS, CS_ANY_CLASS };
  g_autofree int *items = g_new (int, MAX (predictions->n, 1));
  int n_items = cs_predictions_select (predictions, &all, CS_ORDER_POSITION, items);
  int n_labelled = cs_predictions_select (predictions, &labelled, CS_ORDER_POSITION, items);
  double accuracy = cs_predictions_accuracy (predictions, kind);

  if (n_items == 0)
    return;
  printf (_("  %-6s %d items"), cs_split_kind_to_string (kind), n_items);
  if (!isnan (accuracy))
    printf (_(", accuracy %.2f %%"), 100 * accuracy);
  if (n_labelled > 0)
    printf (_(", %d with crowd labels, %d predicted against their majority vote"), n_labelled,
            cs_predictions_against_majority (predictions, kind, items));
  printf ("%s\n", kind == CS_SPLIT_TEST && checkpoint->test_used_for_selection && same ?
          _(" (test also used for model selection)") : "");
}

/* Option errors the core would only find after loading: caught before, with the usage. */
static const char *
check_options (int         argc,
               const char *out,
               const char *split_name,
               int        *split)
{
  CsPredictionsFormat format;

  if (argc != 2)
    return _("expected one CHECKPOINT (a folder, or its model.safetensors)");
  if (out == NULL)
    return _("expected --out FILE.csv or --out FILE.json");
  if (!cs_predictions_format_from_path (out, &format))
    return _("--out: expected a .csv or .json file name");
  if (split_name != NULL && !cs_predict_split_from_string (split_name, split))
    return _("--split: expected train, valid, test or all");
  return NULL;
}

int
cs_cli_predict (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (N_("CHECKPOINT — the model's label for every item"));
  g_autoptr(CsCheckpoint) checkpoint = NULL;
  g_autoptr(CsCheckpointDataset) data = NULL;
  g_autoptr(CsPredictions) predictions = NULL;
  g_autofree char *dataset_path = NULL, *out = NULL, *split_name = NULL;
  gboolean probabilities = FALSE;
  int split = CS_PREDICT_ALL;
  const char *problem;
  GError *error = NULL;
  GOptionEntry entries[] = {
    { "dataset", 'd', 0, G_OPTION_ARG_FILENAME, &dataset_path,
      N_("Predict on DATASET instead of the one the checkpoint was trained on"), "DATASET" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out,
      N_("Write the predictions to FILE: .csv or .json"), "FILE" },
    { "split", 's', 0, G_OPTION_ARG_STRING, &split_name,
      N_("Which items: train, valid, test or all (the default: every split, in that order)"), "SPLIT" },
    { "probabilities", 'p', 0, G_OPTION_ARG_NONE, &probabilities,
      N_("Add a column per class with the model's probability of it"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    N_("One row per item: id, split, image, gold, predicted, probability, votes, majority,\n"
    "majority_share, then with --probabilities one column per class. Classes are named,\n"
    "votes read \"street:2;insidecity:1\" (most first), numbers have six decimals, and a\n"
    "value that does not exist (no gold, no image, no crowd label) is an empty CSV field\n"
    "or a JSON null. Items without gold are predicted too: on your own data, the predicted\n"
    "labels of the train split are the crowd's labels cleaned by the model. Every split\n"
    "is written by default, so that the file is the whole labelled set."));
  if (!cs_cli_parse (context, &argc, &argv))
    return CS_CLI_EXIT_USAGE;
  if ((problem = check_options (argc, out, split_name, &split)))
    return cs_cli_usage (context, problem);
  if (!(checkpoint = cs_checkpoint_load (argv[1], &error)) ||
      !(data = cs_checkpoint_dataset_load (checkpoint, dataset_path, &error)) ||
      !(predictions = cs_predictions_from_checkpoint (checkpoint, data, split, &error)) ||
      !cs_predictions_save (predictions, out, probabilities, &error))
    return cs_cli_fail (error);
  printf (_("%s: %d predictions of the %s checkpoint (epoch %d) on %s%s\n"), out, predictions->n,
          cs_method_get_title (checkpoint->config.method), checkpoint->best_epoch,
          data->dataset->source, data->same ? "" : _(" (not the dataset it was trained on)"));
  for (int s = 0; s < CS_N_SPLITS; s++)
    print_split (predictions, checkpoint, data->same, s);
  return 0;
}
