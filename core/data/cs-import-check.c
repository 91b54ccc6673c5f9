/* cs-import-check.c — the problems of each step of an import plan
 *
 * A step's own mistakes (a column that is not there, a label outside the classes, a gold id the
 * split lacks) are found here, with their line and column, as many as CS_IMPORT_MAX_PROBLEMS; then what
 * the steps so far chose is loaded in memory as the manifest would load it, so that anything
 * else the readers refuse is reported at the step that chose the file.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "cs-csv.h"
#include "cs-import-private.h"
#include "cs-layouts.h"
#include "cs-table-preview.h"
#include "cs-text.h"

typedef struct
{
  const CsImportPlan *plan;
  GPtrArray          *problems;
  CsImportStep        step;
  CsSplitKind         split;
} Check;

static void G_GNUC_PRINTF (6, 7)
add (Check       *c,
     CsError      code,
     const char  *file,
     int          line,
     int          column,
     const char  *format,
     ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  if (c->problems->len >= CS_IMPORT_MAX_PROBLEMS)
    return;
  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (c->problems,
                   cs_import_problem_new (c->step, c->split, code, file, line, column, "%s", reason));
}

static void
add_error (Check        *c,
           const char   *file,
           const GError *error)
{
  if (c->problems->len < CS_IMPORT_MAX_PROBLEMS)
    g_ptr_array_add (c->problems, cs_import_problem_new_from_error (c->step, c->split, file, error));
}

static gboolean
has_problems (const Check *c)
{
  return c->problems->len > 0;
}

/* The files a load error may name, as the in-memory manifest names them: absolute. */
static void
add_candidate (GPtrArray  *files,
               const char *path)
{
  if (path != NULL)
    g_ptr_array_add (files, cs_import_absolute_path (path));
}

static GPtrArray *
plan_files (const CsImportPlan *plan)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);

  add_candidate (files, plan->crowd_path);
  for (int s = 0; s < CS_N_SPLITS; s++)
    {
      const CsImportSplit *split = &plan->splits[s];

      add_candidate (files, split->features_path);
      add_candidate (files, split->ids_path);
      add_candidate (files, split->gold_path);
      add_candidate (files, split->image_list);
    }
  return files;
}

/* An error of the in-memory load, without the manifest's name (the file is not written) and
 * with the file, line and column of the plan's file it names. */
static void
add_load_error (Check        *c,
                const GError *error)
{
  g_autofree char *dir = cs_import_plan_get_dir (c->plan);
  g_autofree char *manifest = g_build_filename (dir ? dir : ".", CS_MANIFEST_NAME, NULL);
  g_autoptr(GPtrArray) files = plan_files (c->plan);
  g_autoptr(GError) stripped = g_error_copy (error);
  gsize n = strlen (manifest);

  if (strncmp (error->message, manifest, n) == 0 && strncmp (error->message + n, ": ", 2) == 0)
    {
      g_free (stripped->message);
      stripped->message = g_strdup (error->message + n + 2);
    }
  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);
      gsize len = strlen (file);

      if (strncmp (stripped->message, file, len) == 0 && stripped->message[len] == ':')
        {
          add_error (c, file, stripped);
          return;
        }
    }
  /* An image of a split's folder that cannot be described. */
  for (int s = 0; s < CS_N_SPLITS; s++)
    {
      g_autofree char *folder = NULL;
      const char *end;
      gsize len;

      if (c->plan->splits[s].images_folder == NULL)
        continue;
      folder = cs_import_absolute_path (c->plan->splits[s].images_folder);
      len = strlen (folder);
      if (strncmp (stripped->message, folder, len) == 0 && stripped->message[len] == G_DIR_SEPARATOR &&
          (end = strstr (stripped->message + len, ": ")) != NULL)
        {
          g_autofree char *file = g_strndup (stripped->message, end - stripped->message);

          c->split = s;
          add_error (c, file, stripped);
          c->split = CS_SPLIT_TRAIN;
          return;
        }
    }
  add_error (c, NULL, stripped);
}

static char *
header_list (const CsCsv *table)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (int col = 0; col < cs_csv_get_n_cols (table); col++)
    g_string_append_printf (list, "%s'%s'", col ? ", " : "", cs_csv_get_header (table, col));
  return g_string_free (g_steal_pointer (&list), FALSE);
}

/* The column given, or else the first of the usual names present; −1, with a problem on the
 * header line, when there is none. */
static int
find_named (Check              *c,
            const CsCsv        *table,
            const char         *given,
            const char         *what,
            const char * const *usual)
{
  const char *file = cs_csv_get_filename (table);
  g_autofree char *found = header_list (table);
  int col;

  if (given != NULL)
    {
      if ((col = cs_csv_find_column (table, given)) < 0)
        add (c, CS_ERROR_FORMAT, file, 1, 0,
             _("expected a column named '%s' for the %s, found the columns %s"), given, what, found);
      return col;
    }
  if ((col = cs_csv_find_usual_column (table, usual)) < 0)
    {
      g_autofree char *names = g_strjoinv ("', '", (char **) usual);

      add (c, CS_ERROR_FORMAT, file, 1, 0,
           _("expected a column for the %s named '%s', found the columns %s"), what, names, found);
    }
  return col;
}

/* Whether a label is one of the classes, by name or by index, as the loaders read it. */
static gboolean
is_class (char * const *classes,
          const char   *label)
{
  g_autofree char *stripped = g_strstrip (g_strdup (label));
  int64_t index;

  return g_strv_contains ((const char * const *) classes, stripped) ||
         (cs_parse_int (stripped, &index) && index >= 0 && index < g_strv_length ((char **) classes));
}

/* Labels of one column outside the classes the plan gives; found classes hold every label. */
static void
check_labels (Check       *c,
              const CsCsv *table,
              int          col,
              gboolean     unknown_allowed)
{
  char **classes = c->plan->classes;

  if (classes == NULL)
    return;
  for (int row = 0; row < cs_csv_get_n_rows (table); row++)
    {
      const char *label = cs_csv_get_cell (table, row, col);
      g_autofree char *list = NULL;

      if (is_class (classes, label) ||
          (unknown_allowed && (label[0] == '\0' || strcmp (label, "-1") == 0)))
        continue;
      list = g_strjoinv (", ", classes);
      add (c, CS_ERROR_VALUE, cs_csv_get_filename (table), cs_csv_get_line (table, row), col + 1,
           _("expected a class name (%s) or an index 0–%u, found '%s'"),
           list, g_strv_length (classes) - 1, label);
    }
}

static void
check_long_table (Check *c)
{
  const CsImportPlan *plan = c->plan;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCsv) table = cs_csv_load_separated (plan->crowd_path,
                                                  cs_import_plan_get_separator (plan), &error);
  int item, annotator, label;

  if (table == NULL)
    {
      add_error (c, plan->crowd_path, error);
      return;
    }
  item = find_named (c, table, plan->item_column, _("item"), cs_import_item_names);
  annotator = find_named (c, table, plan->annotator_column, _("annotator"),
                          cs_import_annotator_names);
  label = find_named (c, table, plan->label_column, _("label"), cs_import_label_names);
  if (item < 0 || annotator < 0 || label < 0)
    return;
  for (int row = 0; row < cs_csv_get_n_rows (table); row++)
    if (cs_csv_get_cell (table, row, annotator)[0] == '\0')
      add (c, CS_ERROR_VALUE, plan->crowd_path, cs_csv_get_line (table, row), annotator + 1,
           _("expected an annotator id, found an empty field"));
  check_labels (c, table, label, FALSE);
}

static void
check_crowd (Check *c)
{
  const CsImportPlan *plan = c->plan;
  g_autoptr(GError) error = NULL;
  g_autofree int32_t *answers = NULL;
  int rows, cols;

  if (plan->crowd_path == NULL)
    add (c, CS_ERROR_INVALID, NULL, 0, 0, _("expected a crowd labels file, found none"));
  else if (plan->crowd_format == CS_CROWD_LONG_TABLE)
    check_long_table (c);
  else if (!(answers = cs_answers_load (plan->crowd_path, &rows, &cols, &error)))
    add_error (c, plan->crowd_path, error);
}

static gboolean
is_pattern (const char *name)
{
  return strpbrk (name, "*?[") != NULL;
}

/* The columns a split's features table is said to have. */
static void
check_features_table (Check               *c,
                      const CsImportSplit *split)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCsv) table = cs_csv_load (split->features_path, &error);
  const char * const none[] = { NULL };

  if (table == NULL)
    {
      add_error (c, split->features_path, error);
      return;
    }
  if (split->id_source == CS_IDS_COLUMN && split->id_column != NULL)
    find_named (c, table, split->id_column, _("item ids"), none);
  if (split->features_kind == CS_FEATURES_IMAGES && split->image_column != NULL)
    find_named (c, table, split->image_column, _("image names"), none);
  if (split->gold_source == CS_GOLD_COLUMN && split->gold_column != NULL)
    find_named (c, table, split->gold_column, _("gold labels"), none);
  for (int i = 0; split->feature_columns && split->feature_columns[i]; i++)
    if (!is_pattern (split->feature_columns[i]))
      find_named (c, table, split->feature_columns[i], _("features"), none);
}

static void
check_id_choices (Check               *c,
                  const CsImportSplit *split)
{
  const CsImportPlan *plan = c->plan;
  const char *name = cs_split_kind_to_string (c->split);

  switch (split->id_source)
    {
    case CS_IDS_ROW_NUMBERS:
      if (plan->crowd_format == CS_CROWD_LONG_TABLE && !cs_import_split_is_images_only (split))
        add (c, CS_ERROR_INVALID, NULL, 0, 0,
             _("expected item ids for the %s split (an id column, an ids file, or the order of "
             "the gold or crowd table) to match the crowd table's items to, found none"), name);
      break;
    case CS_IDS_COLUMN:
      if (split->id_column == NULL)
        add (c, CS_ERROR_INVALID, NULL, 0, 0, _("expected the id column of the %s split, found none"),
             name);
      break;
    case CS_IDS_FILE:
      if (split->ids_path == NULL)
        add (c, CS_ERROR_INVALID, NULL, 0, 0, _("expected an ids file for the %s split, found none"),
             name);
      break;
    case CS_IDS_GOLD_ORDER:
      if (split->gold_path == NULL || split->gold_source != CS_GOLD_TABLE)
        add (c, CS_ERROR_INVALID, NULL, 0, 0,
             _("expected the gold table whose rows give the %s split's ids, found none"), name);
      break;
    case CS_IDS_CROWD_ORDER:
      if (plan->crowd_format != CS_CROWD_LONG_TABLE || c->split != CS_SPLIT_TRAIN)
        add (c, CS_ERROR_INVALID, NULL, 0, 0,
             _("expected the crowd table's order to give the train split's ids only, from a long "
             "table of labels; give the %s split's ids otherwise"), name);
      break;
    case CS_IDS_IMAGE_NAMES:
      if (!cs_import_split_is_images_only (split))
        add (c, CS_ERROR_INVALID, NULL, 0, 0,
             _("expected image names as ids only for images without a features file; choose the "
             "%s split's ids otherwise"), name);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
check_split_choices (Check               *c,
                     const CsImportSplit *split)
{
  const char *name = cs_split_kind_to_string (c->split);

  if (split->features_path == NULL && split->features_kind != CS_FEATURES_IMAGES)
    add (c, CS_ERROR_INVALID, NULL, 0, 0, _("expected a features file for the %s split, found none"),
         name);
  check_id_choices (c, split);
  if (split->features_kind == CS_FEATURES_IMAGES && split->images_folder == NULL)
    add (c, CS_ERROR_INVALID, NULL, 0, 0, _("expected an images folder for the %s split, found none"),
         name);
  else if (split->features_kind == CS_FEATURES_IMAGES && split->features_path != NULL &&
           (split->image_column == NULL) == (split->image_list == NULL))
    add (c, CS_ERROR_INVALID, NULL, 0, 0,
         _("expected the column of the %s split's table that names its images, found none"), name);
}

static void
check_features (Check *c)
{
  const CsImportPlan *plan = c->plan;
  g_autoptr(CsDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;

  if (plan->splits[CS_SPLIT_TRAIN].features_kind == CS_FEATURES_NONE)
    add (c, CS_ERROR_INVALID, NULL, 0, 0, _("expected features for the train split, found none"));
  for (c->split = 0; c->split < CS_N_SPLITS; c->split++)
    {
      const CsImportSplit *split = &plan->splits[c->split];

      if (split->features_kind == CS_FEATURES_NONE)
        continue;
      check_split_choices (c, split);
      if (cs_import_split_is_table (split))
        check_features_table (c, split);
    }
  c->split = CS_SPLIT_TRAIN;
  if (!has_problems (c) && !(dataset = cs_import_plan_load (plan, 0, &error)))
    add_load_error (c, error);
}

/* Rows of a gold table whose id the split lacks, or whose label is not a class. */
static void
check_gold_table (Check               *c,
                  const CsImportSplit *split,
                  const CsSplit       *items)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCsv) table = cs_csv_load (split->gold_path, &error);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  const char *name = cs_split_kind_to_string (c->split);
  int id, label;

  if (table == NULL)
    {
      add_error (c, split->gold_path, error);
      return;
    }
  id = find_named (c, table, split->gold_id_column, _("item ids"), cs_import_gold_id_names);
  label = find_named (c, table, split->gold_label_column, _("gold labels"), cs_import_gold_label_names);
  if (id < 0 || label < 0)
    return;
  for (int i = 0; i < items->n; i++)
    g_hash_table_add (ids, items->item_ids[i]);
  for (int row = 0; row < cs_csv_get_n_rows (table); row++)
    if (!g_hash_table_contains (ids, cs_csv_get_cell (table, row, id)))
      add (c, CS_ERROR_VALUE, split->gold_path, cs_csv_get_line (table, row), id + 1,
           _("expected an id of the %s split, found '%s', which it lacks"),
           name, cs_csv_get_cell (table, row, id));
  check_labels (c, table, label, TRUE);
}

static void
check_gold_column (Check               *c,
                   const CsImportSplit *split)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCsv) table = NULL;
  const char * const none[] = { NULL };
  int col;

  if (!cs_import_split_is_table (split))
    {
      add (c, CS_ERROR_INVALID, split->features_path, 0, 0,
           _("expected a .csv features table for a gold column, found a .npy array"));
      return;
    }
  if (!(table = cs_csv_load (split->features_path, &error)))
    add_error (c, split->features_path, error);
  else if ((col = find_named (c, table, split->gold_column, _("gold labels"), none)) >= 0)
    check_labels (c, table, col, TRUE);
}

static void
check_gold_split (Check               *c,
                  const CsImportSplit *split,
                  const CsDataset     *dataset)
{
  const char *name = cs_split_kind_to_string (c->split);
  gboolean needs_path = split->gold_source == CS_GOLD_TABLE || split->gold_source == CS_GOLD_LIST;

  if (needs_path && split->gold_path == NULL)
    add (c, CS_ERROR_INVALID, NULL, 0, 0, _("expected a gold file for the %s split, found none"), name);
  else if (split->gold_source == CS_GOLD_COLUMN && split->gold_column == NULL)
    add (c, CS_ERROR_INVALID, NULL, 0, 0, _("expected the gold column of the %s split, found none"),
         name);
  else if (split->gold_source == CS_GOLD_COLUMN)
    check_gold_column (c, split);
  else if (split->gold_source == CS_GOLD_TABLE)
    check_gold_table (c, split, cs_dataset_get_split (dataset, c->split));
}

static void
check_gold (Check *c)
{
  g_autoptr(CsDataset) features = NULL;
  g_autoptr(CsDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;

  /* The features step reports why they do not load. */
  if (!(features = cs_import_plan_load (c->plan, 0, NULL)))
    return;
  for (c->split = 0; c->split < CS_N_SPLITS; c->split++)
    if (c->plan->splits[c->split].features_kind != CS_FEATURES_NONE)
      check_gold_split (c, &c->plan->splits[c->split], features);
  c->split = CS_SPLIT_TRAIN;
  if (!has_problems (c) && !(dataset = cs_import_plan_load (c->plan, CS_IMPORT_PART_GOLD, &error)))
    add_load_error (c, error);
}

static void
check_splits (Check *c)
{
  const CsImportPlan *plan = c->plan;
  g_autoptr(CsDataset) dataset = NULL;
  int n;

  if (!plan->carve)
    return;
  if (plan->splits[CS_SPLIT_VALID].features_kind != CS_FEATURES_NONE ||
      plan->splits[CS_SPLIT_TEST].features_kind != CS_FEATURES_NONE)
    {
      add (c, CS_ERROR_INVALID, NULL, 0, 0,
           _("expected either files for the valid and test splits or sizes to carve them out of "
           "train, found both"));
      return;
    }
  if (plan->carve_valid < 0 || plan->carve_test < 0 || plan->carve_valid + plan->carve_test == 0)
    {
      add (c, CS_ERROR_INVALID, NULL, 0, 0,
           _("expected sizes of valid and test to carve out of train, at least one above 0, found "
           "%d and %d"), plan->carve_valid, plan->carve_test);
      return;
    }
  if (!(dataset = cs_import_plan_load (plan, CS_IMPORT_PART_GOLD, NULL)))
    return;
  n = cs_dataset_get_split (dataset, CS_SPLIT_TRAIN)->n;
  if ((gint64) plan->carve_valid + plan->carve_test >= n)
    add (c, CS_ERROR_INVALID, NULL, 0, 0,
         _("expected valid and test sizes that leave items in train, which has %d, found %d and %d"),
         n, plan->carve_valid, plan->carve_test);
}

static void
check_summary (Check *c)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) classes = NULL;
  g_autoptr(CsDataset) dataset = NULL;

  if (c->plan->classes != NULL)
    classes = g_strdupv (c->plan->classes);
  else if (!(classes = cs_import_plan_find_classes (c->plan, &error)))
    {
      add_load_error (c, error);
      return;
    }
  if (g_strv_length (classes) < 2)
    {
      add (c, CS_ERROR_VALUE, NULL, 0, 0, _("expected at least two classes, found %u"),
           g_strv_length (classes));
      return;
    }
  if (!(dataset = cs_import_plan_load (c->plan, CS_IMPORT_PART_ALL, &error)))
    add_load_error (c, error);
}

gboolean
cs_import_plan_check_all (const CsImportPlan  *self,
                          GError             **error)
{
  for (int step = 0; step < CS_IMPORT_N_STEPS; step++)
    {
      g_autoptr(GPtrArray) problems = cs_import_plan_check (self, step);

      if (problems->len > 0)
        return cs_import_problem_to_error (g_ptr_array_index (problems, 0), error);
    }
  return TRUE;
}

GPtrArray *
cs_import_plan_check (const CsImportPlan *self,
                      CsImportStep        step)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_import_problem_free);
  Check c = { self, problems, step, CS_SPLIT_TRAIN };

  g_return_val_if_fail (self != NULL, problems);
  g_return_val_if_fail (step < CS_IMPORT_N_STEPS, problems);

  switch (step)
    {
    case CS_IMPORT_STEP_CROWD:
      check_crowd (&c);
      break;
    case CS_IMPORT_STEP_FEATURES:
      check_features (&c);
      break;
    case CS_IMPORT_STEP_GOLD:
      check_gold (&c);
      break;
    case CS_IMPORT_STEP_SPLITS:
      check_splits (&c);
      break;
    case CS_IMPORT_STEP_SUMMARY:
      check_summary (&c);
      break;
    default:
      g_assert_not_reached ();
    }
  return problems;
}
