/* cs-import-plan.c — the files of a user's own dataset, as an import assistant gathers them
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "cs-import-plan.h"

#include "cs-csv.h"
#include "cs-import-private.h"
#include "cs-text.h"

/* In the order cs_dataset_builder_add_crowd_table() tries them. */
const char * const cs_import_item_names[] = { "item", "task", "id", NULL };
const char * const cs_import_annotator_names[] = { "annotator", "worker", NULL };
const char * const cs_import_label_names[] = { "label", "class", NULL };
const char * const cs_import_gold_id_names[] = { "item", "task", "id", "item_id", NULL };
const char * const cs_import_gold_label_names[] = { "label", "class", "gold", "true_label", NULL };

CsImportPlan *
cs_import_plan_new (void)
{
  return g_new0 (CsImportPlan, 1);
}

static void
split_clear (CsImportSplit *split)
{
  g_free (split->features_path);
  g_strfreev (split->feature_columns);
  g_free (split->images_folder);
  g_free (split->image_column);
  g_free (split->image_list);
  g_free (split->id_column);
  g_free (split->ids_path);
  g_free (split->gold_column);
  g_free (split->gold_path);
  g_free (split->gold_id_column);
  g_free (split->gold_label_column);
}

void
cs_import_plan_free (CsImportPlan *self)
{
  if (self == NULL)
    return;
  g_free (self->crowd_path);
  g_free (self->item_column);
  g_free (self->annotator_column);
  g_free (self->label_column);
  for (int s = 0; s < CS_N_SPLITS; s++)
    split_clear (&self->splits[s]);
  g_free (self->name);
  g_strfreev (self->classes);
  g_free (self->folder);
  g_free (self);
}

static void
copy_split (CsImportSplit       *to,
            const CsImportSplit *from)
{
  *to = *from;
  to->features_path = g_strdup (from->features_path);
  to->feature_columns = g_strdupv (from->feature_columns);
  to->images_folder = g_strdup (from->images_folder);
  to->image_column = g_strdup (from->image_column);
  to->image_list = g_strdup (from->image_list);
  to->id_column = g_strdup (from->id_column);
  to->ids_path = g_strdup (from->ids_path);
  to->gold_column = g_strdup (from->gold_column);
  to->gold_path = g_strdup (from->gold_path);
  to->gold_id_column = g_strdup (from->gold_id_column);
  to->gold_label_column = g_strdup (from->gold_label_column);
}

/* Beside cs_import_plan_free, so that a field added to one is added to the other. */
CsImportPlan *
cs_import_plan_copy (const CsImportPlan *from)
{
  CsImportPlan *to = cs_import_plan_new ();

  *to = *from;
  to->crowd_path = g_strdup (from->crowd_path);
  to->item_column = g_strdup (from->item_column);
  to->annotator_column = g_strdup (from->annotator_column);
  to->label_column = g_strdup (from->label_column);
  for (int s = 0; s < CS_N_SPLITS; s++)
    copy_split (&to->splits[s], &from->splits[s]);
  to->name = g_strdup (from->name);
  to->classes = g_strdupv (from->classes);
  to->folder = g_strdup (from->folder);
  return to;
}

void
cs_import_plan_set (char       **field,
                    const char  *value)
{
  g_return_if_fail (field != NULL);

  g_free (*field);
  *field = value != NULL && value[0] != '\0' ? g_strdup (value) : NULL;
}

static void
guess_column (char               **field,
              const char * const  *header,
              const char * const  *usual)
{
  if (*field != NULL)
    return;
  for (int i = 0; usual[i] != NULL; i++)
    for (int c = 0; header[c] != NULL; c++)
      if (g_ascii_strcasecmp (header[c], usual[i]) == 0)
        {
          *field = g_strdup (header[c]);
          return;
        }
}

gboolean
cs_import_plan_guess_crowd_columns (CsImportPlan        *self,
                                    const char * const  *header)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (header != NULL, FALSE);

  guess_column (&self->item_column, header, cs_import_item_names);
  guess_column (&self->annotator_column, header, cs_import_annotator_names);
  guess_column (&self->label_column, header, cs_import_label_names);
  return self->item_column != NULL && self->annotator_column != NULL &&
         self->label_column != NULL;
}

gboolean
cs_import_split_is_images_only (const CsImportSplit *split)
{
  return split->features_kind == CS_FEATURES_IMAGES && split->features_path == NULL;
}

void
cs_import_split_settle_ids (CsImportSplit *split)
{
  if (cs_import_split_is_images_only (split) && split->id_source == CS_IDS_ROW_NUMBERS)
    split->id_source = CS_IDS_IMAGE_NAMES;
}

gboolean
cs_import_split_is_table (const CsImportSplit *split)
{
  g_autofree char *lower = NULL;

  if (split->features_path == NULL || split->features_kind == CS_FEATURES_NPY)
    return FALSE;
  lower = g_ascii_strdown (split->features_path, -1);
  return !g_str_has_suffix (lower, ".npy");
}

/* Adds the stripped labels of one column of a table to found, leaving out unknown gold. */
static gboolean
collect_column (GHashTable  *found,
                const char  *path,
                char         separator,
                const char  *column,
                const char * const *usual,
                GError     **error)
{
  g_autoptr(CsCsv) table = cs_csv_load_separated (path, separator, error);
  int col;

  if (table == NULL)
    return FALSE;
  col = column ? cs_csv_find_column (table, column) : cs_csv_find_usual_column (table, usual);
  if (col < 0)
    return TRUE;   /* the checks name the missing column */
  for (int row = 0; row < cs_csv_get_n_rows (table); row++)
    {
      g_autofree char *label = g_strstrip (g_strdup (cs_csv_get_cell (table, row, col)));

      if (label[0] != '\0' && strcmp (label, "-1") != 0)
        g_hash_table_add (found, g_steal_pointer (&label));
    }
  return TRUE;
}

static gboolean
collect_lines (GHashTable  *found,
               const char  *path,
               GError     **error)
{
  g_auto(GStrv) lines = NULL;
  int n;

  if (!(lines = cs_text_load_lines (path, &n, error)))
    return FALSE;
  for (int i = 0; i < n; i++)
    {
      g_autofree char *label = g_strstrip (g_strdup (lines[i]));

      if (label[0] != '\0' && strcmp (label, "-1") != 0)
        g_hash_table_add (found, g_steal_pointer (&label));
    }
  return TRUE;
}

/* An answer matrix names classes by index: every index up to the largest is a class. */
static gboolean
collect_matrix (GHashTable  *found,
                const char  *path,
                GError     **error)
{
  g_autofree int32_t *answers = NULL;
  int rows, cols, max = -1;

  if (!(answers = cs_answers_load (path, &rows, &cols, error)))
    return FALSE;
  for (gsize i = 0; i < (gsize) rows * cols; i++)
    max = MAX (max, answers[i]);
  for (int k = 0; k <= max; k++)
    g_hash_table_add (found, g_strdup_printf ("%d", k));
  return TRUE;
}

static gboolean
collect_gold (GHashTable           *found,
              const CsImportSplit  *split,
              GError              **error)
{
  switch (split->gold_source)
    {
    case CS_GOLD_NONE:
      return TRUE;
    case CS_GOLD_COLUMN:
      return !cs_import_split_is_table (split) || split->gold_column == NULL ||
             collect_column (found, split->features_path, ',', split->gold_column,
                             cs_import_gold_label_names, error);
    case CS_GOLD_TABLE:
      return collect_column (found, split->gold_path, ',', split->gold_label_column,
                             cs_import_gold_label_names, error);
    case CS_GOLD_LIST:
      return g_str_has_suffix (split->gold_path, ".npy") || collect_lines (found, split->gold_path,
                                                                          error);
    default:
      g_assert_not_reached ();
    }
}

static int
compare_classes (gconstpointer a,
                 gconstpointer b,
                 gpointer      numeric)
{
  const char *x = *(const char **) a, *y = *(const char **) b;
  int64_t i, j;

  if (GPOINTER_TO_INT (numeric) && cs_parse_int (x, &i) && cs_parse_int (y, &j))
    return (i > j) - (i < j);
  return strcmp (x, y);
}

char **
cs_import_plan_find_classes (const CsImportPlan  *self,
                             GError             **error)
{
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  gboolean numeric = TRUE;
  GHashTableIter iter;
  gpointer name;
  int64_t value;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->crowd_path != NULL &&
      !(self->crowd_format == CS_CROWD_ANSWER_MATRIX
        ? collect_matrix (found, self->crowd_path, error)
        : collect_column (found, self->crowd_path, cs_import_plan_get_separator (self),
                          self->label_column, cs_import_label_names, error)))
    return NULL;
  for (int s = 0; s < CS_N_SPLITS; s++)
    if (self->splits[s].features_kind != CS_FEATURES_NONE &&
        !collect_gold (found, &self->splits[s], error))
      return NULL;

  g_hash_table_iter_init (&iter, found);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    {
      g_ptr_array_add (names, g_strdup (name));
      numeric = numeric && cs_parse_int (name, &value);
    }
  g_ptr_array_sort_with_data (names, compare_classes, GINT_TO_POINTER (numeric));
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

char **
cs_import_plan_get_classes (const CsImportPlan *self)
{
  if (self->classes != NULL)
    return g_strdupv (self->classes);
  return cs_import_plan_find_classes (self, NULL);
}
