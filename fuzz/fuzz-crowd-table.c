/* fuzz-crowd-table.c — fuzzes adding a long-form table of crowd labels to a dataset
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is the table's CSV text; the dataset it joins is fixed: three train items a, b and
 * c with one feature each, and the classes cat and dog.
 */

#include "cs-csv.h"
#include "cs-dataset-builder.h"
#include "cs-fuzz-targets.h"

static CsDatasetBuilder *
make_builder (void)
{
  g_autoptr(CsDatasetBuilder) builder = cs_dataset_builder_new ("fuzz");
  GError *error = NULL;
  float *features = g_new (float, 3);

  features[0] = 0.5f;
  features[1] = -1.0f;
  features[2] = 2.0f;
  if (!cs_dataset_builder_set_classes (builder, g_strsplit ("cat;dog", ";", -1), "classes", &error) ||
      !cs_dataset_builder_set_split (builder, CS_SPLIT_TRAIN, 3, 1, features, "features", &error) ||
      !cs_dataset_builder_set_ids (builder, CS_SPLIT_TRAIN, g_strsplit ("a;b;c", ";", -1), "ids", &error))
    g_error ("the fixed dataset was refused: %s", error->message);
  return g_steal_pointer (&builder);
}

void
cs_fuzz_crowd_table (const guint8 *data,
                     gsize         len)
{
  g_autoptr(CsDatasetBuilder) builder = NULL;
  g_autoptr(CsCsv) table = NULL;
  g_autoptr(CsDataset) dataset = NULL;
  GError *error = NULL;

  table = cs_csv_parse ((const char *) data, len, "crowd.csv", &error);
  if (table == NULL)
    {
      cs_fuzz_check_error (error);
      return;
    }
  builder = make_builder ();
  if (!cs_dataset_builder_add_crowd_table (builder, CS_SPLIT_TRAIN, table, NULL, &error))
    {
      cs_fuzz_check_error (error);
      return;
    }
  dataset = cs_dataset_builder_finish (builder, NULL, &error);
  if (dataset == NULL)
    {
      cs_fuzz_check_error (error);
      return;
    }
  cs_fuzz_check_dataset (dataset);
}

CS_FUZZ_ENTRY_POINT (cs_fuzz_crowd_table)
