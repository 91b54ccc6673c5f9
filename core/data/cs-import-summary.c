/* cs-import-summary.c — what an import plan would give, computed before anything is written
 *
 * The plan is loaded in memory exactly as its manifest will be, so the figures are those the
 * window will show once it is written; only the labels that loading skips (of items no split
 * holds) are counted from the crowd table itself.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-import-summary.h"

#include "cs-csv.h"
#include "cs-import-private.h"

/* Items of the crowd table no split holds, and their labels. */
static void
count_unknown (CsImportSummary    *self,
               const CsImportPlan *plan,
               const CsDataset    *dataset)
{
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) unknown = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(CsCsv) table = NULL;
  int col;

  if (plan->crowd_format != CS_CROWD_LONG_TABLE ||
      !(table = cs_csv_load_separated (plan->crowd_path, cs_import_plan_get_separator (plan),
                                       NULL)))
    return;
  col = plan->item_column ? cs_csv_find_column (table, plan->item_column)
                          : cs_csv_find_usual_column (table, cs_import_item_names);
  if (col < 0)
    return;
  for (int s = 0; s < CS_N_SPLITS; s++)
    for (int i = 0; i < dataset->splits[s].n; i++)
      g_hash_table_add (known, dataset->splits[s].item_ids[i]);
  for (int row = 0; row < cs_csv_get_n_rows (table); row++)
    {
      const char *item = cs_csv_get_cell (table, row, col);

      if (g_hash_table_contains (known, item))
        continue;
      g_hash_table_add (unknown, (gpointer) item);
      self->n_labels_for_unknown_items++;
    }
  self->n_items_without_features = g_hash_table_size (unknown);
}

static void
count_split (CsImportSummary *self,
             const CsSplit   *split,
             CsSplitKind      kind)
{
  if (!split->present)
    return;
  self->n_items[kind] = split->n;
  self->n_labels[kind] = split->n_labels;
  self->n_labels_total += split->n_labels;
  for (int i = 0; i < split->n; i++)
    {
      self->n_gold[kind] += split->gold != NULL && split->gold[i] >= 0;
      self->n_items_without_labels += split->item_offsets[i + 1] == split->item_offsets[i];
    }
}

CsImportSummary *
cs_import_summary_new (const CsImportPlan  *plan,
                       GError             **error)
{
  g_autoptr(CsDataset) dataset = NULL;
  CsImportSummary *self;

  g_return_val_if_fail (plan != NULL, NULL);

  if (!cs_import_plan_check_all (plan, error) ||
      !(dataset = cs_import_plan_load (plan, CS_IMPORT_PART_ALL, error)))
    return NULL;

  self = g_new0 (CsImportSummary, 1);
  self->name = g_strdup (dataset->name);
  self->n_annotators = dataset->n_annotators;
  self->n_classes = dataset->n_classes;
  self->class_names = g_strdupv (dataset->class_names);
  self->classes_found = plan->classes == NULL;
  self->d = dataset->d;
  self->notices = g_new0 (char *, dataset->warnings->len + 1);
  for (guint i = 0; i < dataset->warnings->len; i++)
    self->notices[i] = g_strdup (dataset->warnings->pdata[i]);
  for (int s = 0; s < CS_N_SPLITS; s++)
    count_split (self, &dataset->splits[s], s);
  count_unknown (self, plan, dataset);
  return self;
}

void
cs_import_summary_free (CsImportSummary *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_strfreev (self->class_names);
  g_strfreev (self->notices);
  g_free (self);
}
