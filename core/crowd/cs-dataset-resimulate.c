/* cs-dataset-resimulate.c — a dataset whose train crowd is replaced by simulated annotators
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include "cs-dataset-builder.h"
#include "cs-dataset-resimulate.h"
#include "cs-error.h"

char *
cs_simulated_annotator_id (int r)
{
  return g_strdup_printf ("sim-%03d", r + 1);
}

CsDataset *
cs_dataset_resimulate (const CsDataset    *dataset,
                       const CsCrowdSpec  *spec,
                       CsSimulatedCrowd  **crowd_out,
                       GError            **error)
{
  const CsSplit *train = &dataset->splits[CS_SPLIT_TRAIN];
  g_autoptr(CsDatasetBuilder) builder = cs_dataset_builder_new (dataset->source);
  g_autoptr(CsSimulatedCrowd) crowd = NULL;
  g_auto(GStrv) ids = NULL;
  CsDataset *result;

  g_return_val_if_fail (dataset != NULL && spec != NULL, NULL);

  for (int i = 0; i < train->n; i++)
    if (train->gold == NULL || train->gold[i] < 0)
      {
        g_set_error (error, CS_ERROR, CS_ERROR_VALUE,
                     _("%s: simulating a crowd needs the gold class of every train item; item %d "
                     "has none"), dataset->name, i + 1);
        return NULL;
      }
  if (!(crowd = cs_simulate_crowd (train->gold, train->n, dataset->n_classes, spec, error)))
    return NULL;

  cs_dataset_builder_set_name (builder, dataset->name);
  if (!cs_dataset_builder_set_classes (builder, g_strdupv (dataset->class_names), dataset->source, error))
    return NULL;
  ids = g_new0 (char *, crowd->R + 1);
  for (int r = 0; r < crowd->R; r++)
    cs_dataset_builder_declare_annotator (builder, (ids[r] = cs_simulated_annotator_id (r)));
  for (int s = 0; s < CS_N_SPLITS; s++)
    if (dataset->splits[s].present &&
        !cs_dataset_builder_copy_split (builder, dataset, s, s != CS_SPLIT_TRAIN, error))
      return NULL;
  for (int l = 0; l < crowd->n_labels; l++)
    cs_dataset_builder_add_label (builder, CS_SPLIT_TRAIN, crowd->labels[l].item,
                                  ids[crowd->labels[l].annotator], crowd->labels[l].label);
  if (!(result = cs_dataset_builder_finish_copy (builder, dataset, error)))
    return NULL;
  if (crowd_out)
    *crowd_out = g_steal_pointer (&crowd);
  return result;
}
