/* cs-dataset-builder.c — assembles a CsDataset from the pieces the loaders read
 *
 * Every loader (the LabelMe and Music layouts, the manifest) hands its pieces to a builder,
 * which checks that they fit together, indexes the crowd labels and drops annotators who
 * gave none. The checks that name files live here, once, for every format.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <math.h>
#include <string.h>

#include "cs-csv.h"
#include "cs-dataset-builder.h"
#include "cs-error.h"
#include "cs-standardize.h"
#include "cs-text.h"

struct _CsDatasetBuilder
{
  /* Owned */
  CsDataset  *dataset;
  GPtrArray  *annotators;                   /* of char *: every annotator named so far */
  GHashTable *annotator_index;              /* id → index + 1 */
  GArray     *labels[CS_N_SPLITS];          /* of CsCrowdLabel */
  GHashTable *item_index[CS_N_SPLITS];      /* id → row + 1, built when a table needs it */
  char       *features_origin[CS_N_SPLITS];
  char       *ids_origin[CS_N_SPLITS];      /* where the split's item ids came from */
};

CsDatasetBuilder *
cs_dataset_builder_new (const char *source)
{
  CsDatasetBuilder *self = g_new0 (CsDatasetBuilder, 1);

  self->dataset = cs_dataset_alloc ();
  self->dataset->source = g_strdup (source);
  self->annotators = g_ptr_array_new_with_free_func (g_free);
  self->annotator_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (int s = 0; s < CS_N_SPLITS; s++)
    self->labels[s] = g_array_new (FALSE, FALSE, sizeof (CsCrowdLabel));
  return self;
}

void
cs_dataset_builder_free (CsDatasetBuilder *self)
{
  g_clear_pointer (&self->dataset, cs_dataset_unref);
  g_clear_pointer (&self->annotator_index, g_hash_table_unref);
  g_clear_pointer (&self->annotators, g_ptr_array_unref);
  for (int s = 0; s < CS_N_SPLITS; s++)
    {
      g_clear_pointer (&self->labels[s], g_array_unref);
      g_clear_pointer (&self->item_index[s], g_hash_table_unref);
      g_clear_pointer (&self->features_origin[s], g_free);
      g_clear_pointer (&self->ids_origin[s], g_free);
    }
  g_free (self);
}

void
cs_dataset_builder_set_name (CsDatasetBuilder *self,
                             const char       *name)
{
  g_free (self->dataset->name);
  self->dataset->name = g_strdup (name);
}

void
cs_dataset_builder_warn (CsDatasetBuilder *self,
                         const char       *format,
                         ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  /* Something said of each split (features computed from images, say) is said once. */
  for (guint i = 0; i < self->dataset->warnings->len; i++)
    if (strcmp (self->dataset->warnings->pdata[i], text) == 0)
      return;
  g_ptr_array_add (self->dataset->warnings, g_steal_pointer (&text));
}

gboolean
cs_dataset_builder_set_classes (CsDatasetBuilder  *self,
                                char             **names,
                                const char        *origin,
                                GError           **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_strv_length (names);

  if (n < 2)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_VALUE,
                   _("%s: expected at least 2 class names, found %u"), origin, n);
      g_strfreev (names);
      return FALSE;
    }
  for (guint k = 0; k < n; k++)
    {
      g_strstrip (names[k]);
      if (names[k][0] == '\0' || !g_hash_table_add (seen, names[k]))
        {
          g_set_error (error, CS_ERROR, CS_ERROR_VALUE,
                       _("%s: class %u: expected a unique, non-empty name, found '%s'"),
                       origin, k, names[k]);
          g_strfreev (names);
          return FALSE;
        }
    }
  g_strfreev (self->dataset->class_names);
  self->dataset->class_names = names;
  self->dataset->n_classes = (int) n;
  return TRUE;
}


/* A class given as its name, or as an index in [0, K). Returns -1 with an error otherwise. */
int
cs_dataset_builder_parse_class (CsDatasetBuilder *self,
                                const char       *token,
                                GError          **error)
{
  const CsDataset *dataset = self->dataset;
  g_autofree char *stripped = g_strstrip (g_strdup (token));
  int64_t index;
  int k;

  g_assert (dataset->class_names != NULL);

  if ((k = cs_dataset_find_class (dataset, stripped)) >= 0)
    return k;
  if (cs_parse_int (stripped, &index) && index >= 0 && index < dataset->n_classes)
    return (int) index;

  {
    g_autofree char *list = g_strjoinv (", ", dataset->class_names);

    g_set_error (error, CS_ERROR, CS_ERROR_VALUE,
                 _("expected a class name (%s) or an index 0–%d, found '%s'"),
                 list, dataset->n_classes - 1, stripped);
  }
  return -1;
}

/* A table's gold label: a class as cs_dataset_builder_parse_class() reads it, or unknown (-1)
 * for an empty cell or "-1". A bad one is an error naming the file, line and column. */
gboolean
cs_dataset_builder_parse_gold_cell (CsDatasetBuilder  *self,
                                    const CsCsv       *table,
                                    int                row,
                                    int                col,
                                    int32_t           *gold,
                                    GError           **error)
{
  const char *cell = cs_csv_get_cell (table, row, col);

  if (cell[0] == '\0' || strcmp (cell, "-1") == 0)
    *gold = -1;
  else if ((*gold = cs_dataset_builder_parse_class (self, cell, error)) < 0)
    {
      g_prefix_error (error, _("%s:%d: column '%s': "), cs_csv_get_filename (table),
                      cs_csv_get_line (table, row), cs_csv_get_header (table, col));
      return FALSE;
    }
  return TRUE;
}

gboolean
cs_dataset_builder_set_split (CsDatasetBuilder  *self,
                              CsSplitKind        kind,
                              int                n,
                              int                d,
                              float             *features,
                              const char        *origin,
                              GError           **error)
{
  CsDataset *dataset = self->dataset;
  CsSplit *split = &dataset->splits[kind];

  g_assert (kind < CS_N_SPLITS);
  g_assert (!split->present);

  if (n < 1 || d < 1)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_SHAPE,
                   _("%s: expected at least one item and one feature, found %d × %d"), origin, n, d);
      g_free (features);
      return FALSE;
    }
  for (int s = 0; s < CS_N_SPLITS; s++)
    if (dataset->splits[s].present && dataset->d != d)
      {
        g_set_error (error, CS_ERROR, CS_ERROR_SHAPE,
                     _("%s: expected %d features per item as in %s, found %d"),
                     origin, dataset->d, self->features_origin[s], d);
        g_free (features);
        return FALSE;
      }
  dataset->d = d;
  split->present = true;
  split->n = n;
  split->features = features;
  self->features_origin[kind] = g_strdup (origin);
  return TRUE;
}

static gboolean
check_count (CsDatasetBuilder  *self,
             CsSplitKind        kind,
             int                n,
             const char        *what,
             const char        *origin,
             GError           **error)
{
  const CsSplit *split = &self->dataset->splits[kind];

  g_assert (split->present);

  if (n == split->n)
    return TRUE;
  g_set_error (error, CS_ERROR, CS_ERROR_SHAPE,
               _("%s: expected %d %s, one for each %s item of %s, found %d"),
               origin, split->n, what, cs_split_kind_to_string (kind),
               self->features_origin[kind], n);
  return FALSE;
}

gboolean
cs_dataset_builder_set_ids (CsDatasetBuilder  *self,
                            CsSplitKind        kind,
                            char             **ids,
                            const char        *origin,
                            GError           **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) owned = ids;
  int n = (int) g_strv_length (ids);

  if (!check_count (self, kind, n, _("item ids"), origin, error))
    return FALSE;
  for (int i = 0; i < n; i++)
    if (!g_hash_table_add (seen, ids[i]))
      {
        g_set_error (error, CS_ERROR, CS_ERROR_VALUE,
                     _("%s: item %d: the id '%s' appears twice; expected unique ids"),
                     origin, i + 1, ids[i]);
        return FALSE;
      }
  g_strfreev (self->dataset->splits[kind].item_ids);
  self->dataset->splits[kind].item_ids = g_steal_pointer (&owned);
  g_clear_pointer (&self->item_index[kind], g_hash_table_unref);
  g_free (self->ids_origin[kind]);
  self->ids_origin[kind] = g_strdup (origin);
  return TRUE;
}

gboolean
cs_dataset_builder_set_gold (CsDatasetBuilder  *self,
                             CsSplitKind        kind,
                             int32_t           *gold,
                             int                n,
                             const char        *origin,
                             GError           **error)
{
  g_autofree int32_t *owned = gold;
  int K = self->dataset->n_classes;
  bool any = false;

  if (!check_count (self, kind, n, _("gold labels"), origin, error))
    return FALSE;
  for (int i = 0; i < n; i++)
    {
      if (gold[i] < -1 || gold[i] >= K)
        {
          g_set_error (error, CS_ERROR, CS_ERROR_VALUE,
                       _("%s: item %d: expected a class index 0–%d or -1 for unknown, found %d"),
                       origin, i + 1, K - 1, gold[i]);
          return FALSE;
        }
      any |= gold[i] >= 0;
    }
  g_clear_pointer (&self->dataset->splits[kind].gold, g_free);
  if (any)
    self->dataset->splits[kind].gold = g_steal_pointer (&owned);
  return TRUE;
}

gboolean
cs_dataset_builder_set_images (CsDatasetBuilder  *self,
                               CsSplitKind        kind,
                               const char        *folder,
                               char * const      *files,
                               int                n,
                               const char        *origin,
                               GError           **error)
{
  CsSplit *split = &self->dataset->splits[kind];
  char **paths;
  int missing = 0;

  if (!check_count (self, kind, n, _("image names"), origin, error))
    return FALSE;
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CS_ERROR, CS_ERROR_IO,
                   _("%s: the image folder does not exist or is not a folder"), folder);
      return FALSE;
    }
  paths = g_new0 (char *, n + 1);
  for (int i = 0; i < n; i++)
    {
      paths[i] = g_build_filename (folder, files[i], NULL);
      missing += !g_file_test (paths[i], G_FILE_TEST_IS_REGULAR);
    }
  if (missing > 0)
    cs_dataset_builder_warn (self, _("%d of %d %s images are missing from %s"),
                             missing, n, cs_split_kind_to_string (kind), folder);
  g_strfreev (split->image_paths);
  split->image_paths = paths;
  return TRUE;
}

static int
intern_annotator (CsDatasetBuilder *self,
                  const char       *id)
{
  gpointer found = g_hash_table_lookup (self->annotator_index, id);
  char *copy;

  if (found != NULL)
    return GPOINTER_TO_INT (found) - 1;
  copy = g_strdup (id);
  g_ptr_array_add (self->annotators, copy);
  g_hash_table_insert (self->annotator_index, copy, GINT_TO_POINTER (self->annotators->len));
  return (int) self->annotators->len - 1;
}

static void
add_label (CsDatasetBuilder *self,
           CsSplitKind       kind,
           int               item,
           int               annotator,
           int               label)
{
  CsCrowdLabel l = { item, annotator, label };

  g_array_append_val (self->labels[kind], l);
}

/* Gives an annotator its place in the order before any of their labels arrive. */
void
cs_dataset_builder_declare_annotator (CsDatasetBuilder *self,
                                      const char       *id)
{
  intern_annotator (self, id);
}

/* A label whose item and class the caller has checked. */
void
cs_dataset_builder_add_label (CsDatasetBuilder *self,
                              CsSplitKind       kind,
                              int               item,
                              const char       *annotator,
                              int               label)
{
  g_assert (self->dataset->splits[kind].present);
  g_assert (item >= 0 && item < self->dataset->splits[kind].n);
  g_assert (label >= 0 && label < self->dataset->n_classes);

  add_label (self, kind, item, intern_annotator (self, annotator), label);
}

/* A dense answer matrix names its annotators by column: "0", "1", … so that dropped
 * columns keep their place in messages and exports. */
gboolean
cs_dataset_builder_add_answers (CsDatasetBuilder  *self,
                                CsSplitKind        kind,
                                const int32_t     *answers,
                                int                rows,
                                int                cols,
                                const char        *origin,
                                GError           **error)
{
  int K = self->dataset->n_classes;
  g_autofree int *column_annotator = g_new (int, cols);

  if (!check_count (self, kind, rows, _("answer rows"), origin, error))
    return FALSE;
  for (int c = 0; c < cols; c++)
    {
      char id[16];

      g_snprintf (id, sizeof id, "%d", c);
      column_annotator[c] = intern_annotator (self, id);
    }
  for (int i = 0; i < rows; i++)
    for (int c = 0; c < cols; c++)
      {
        int32_t v = answers[(gsize) i * cols + c];

        if (v == -1)
          continue;
        if (v < -1 || v >= K)
          {
            g_set_error (error, CS_ERROR, CS_ERROR_VALUE,
                         _("%s:%d: column %d: expected a class index 0–%d or -1 for no label, "
                         "found %d"), origin, i + 1, c + 1, K - 1, v);
            return FALSE;
          }
        add_label (self, kind, i, column_annotator[c], v);
      }
  return TRUE;
}

static GHashTable *
get_item_index (CsDatasetBuilder *self,
                CsSplitKind       kind)
{
  const CsSplit *split = &self->dataset->splits[kind];

  if (self->item_index[kind] == NULL)
    {
      self->item_index[kind] = g_hash_table_new (g_str_hash, g_str_equal);
      for (int i = 0; i < split->n; i++)
        g_hash_table_insert (self->item_index[kind], split->item_ids[i], GINT_TO_POINTER (i + 1));
    }
  return self->item_index[kind];
}

/* The usual names of the columns of a crowd table and of a gold table, tried in order. */
static const char *crowd_item_names[] = { "item", "task", "id", NULL };
static const char *crowd_annotator_names[] = { "annotator", "worker", NULL };
static const char *crowd_label_names[] = { "label", "class", NULL };
static const char *gold_item_names[] = { "item", "task", "id", "item_id", NULL };
static const char *gold_label_names[] = { "label", "class", "gold", "true_label", NULL };

/* Where a split's ids came from, for a message about an id it lacks: "" when it is the file the
 * message names anyway. */
static char *
ids_note (CsDatasetBuilder *self,
          CsSplitKind       kind,
          const char       *filename)
{
  const char *origin = self->ids_origin[kind];

  if (origin == NULL || strcmp (origin, filename) == 0)
    return g_strdup ("");
  return g_strdup_printf (_(" (the %s split's item ids are those of %s)"),
                          cs_split_kind_to_string (kind), origin);
}

/* The column the manifest names, or else the first of the usual names present, in any case. */
static int
find_column (const CsCsv  *table,
             const char   *given,
             const char   *what,
             const char  **usual,
             GError      **error)
{
  int col;

  if (given != NULL)
    {
      if ((col = cs_csv_find_column (table, given)) >= 0)
        return col;
      g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
                   _("%s: expected a column named '%s' for the %s, found none"),
                   cs_csv_get_filename (table), given, what);
      return -1;
    }
  if ((col = cs_csv_find_usual_column (table, (const char * const *) usual)) >= 0)
    return col;
  {
    g_autofree char *names = g_strjoinv ("', '", (char **) usual);

    g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
                 _("%s: expected a column for the %s named '%s', found none"),
                 cs_csv_get_filename (table), what, names);
  }
  return -1;
}

/* Without ids (features from a .npy and no ids file) there is nothing to match a table's items
 * by. */
static gboolean
require_item_ids (CsDatasetBuilder  *self,
                  CsSplitKind        kind,
                  const char        *origin,
                  GError           **error)
{
  if (self->dataset->splits[kind].item_ids != NULL)
    return TRUE;
  g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
               _("%s: expected item ids for the %s split to match the table's items to, found none; "
               "give them in an ids file or an id column of the features, or take them from "
               "the gold or crowd table with ids-from=gold or ids-from=crowd"),
               origin, cs_split_kind_to_string (kind));
  return FALSE;
}

typedef struct
{
  int item;
  int annotator;
  int label;
} CrowdColumns;

static gboolean
find_crowd_columns (const CsCsv           *table,
                    const CsCrowdColumns  *columns,
                    CrowdColumns          *cols,
                    GError               **error)
{
  return (cols->item = find_column (table, columns ? columns->item : NULL, _("item"),
                                    crowd_item_names, error)) >= 0 &&
         (cols->annotator = find_column (table, columns ? columns->annotator : NULL, _("annotator"),
                                         crowd_annotator_names, error)) >= 0 &&
         (cols->label = find_column (table, columns ? columns->label : NULL, _("label"),
                                     crowd_label_names, error)) >= 0;
}

/* Adds the label of one row of a long-form table to item (a position in the split kind). */
static gboolean
add_crowd_row (CsDatasetBuilder    *self,
               CsSplitKind          kind,
               int                  item,
               const CsCsv         *table,
               const CrowdColumns  *cols,
               int                  row,
               GError             **error)
{
  const char *filename = cs_csv_get_filename (table);
  const char *annotator = cs_csv_get_cell (table, row, cols->annotator);
  int label;

  if (annotator[0] == '\0')
    {
      g_set_error (error, CS_ERROR, CS_ERROR_VALUE,
                   _("%s:%d: expected an annotator id, found an empty field"),
                   filename, cs_csv_get_line (table, row));
      return FALSE;
    }
  if ((label = cs_dataset_builder_parse_class (self, cs_csv_get_cell (table, row, cols->label),
                                               error)) < 0)
    {
      g_prefix_error (error, _("%s:%d: column '%s': "), filename, cs_csv_get_line (table, row),
                      cs_csv_get_header (table, cols->label));
      return FALSE;
    }
  add_label (self, kind, item, intern_annotator (self, annotator), label);
  return TRUE;
}

gboolean
cs_dataset_builder_set_ids_from_table (CsDatasetBuilder  *self,
                                       CsSplitKind        kind,
                                       const CsCsv       *table,
                                       const char        *column,
                                       gboolean           crowd,
                                       const char        *origin,
                                       GError           **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  int col = find_column (table, column, _("item ids"), crowd ? crowd_item_names : gold_item_names,
                         error);

  if (col < 0)
    return FALSE;
  for (int row = 0; row < cs_csv_get_n_rows (table); row++)
    {
      const char *id = cs_csv_get_cell (table, row, col);

      /* A crowd table names an item once per label; its first row places it. A gold table's
       * id given twice is the error cs_dataset_builder_set_ids() reports. */
      if (crowd && !g_hash_table_add (seen, (gpointer) id))
        continue;
      g_ptr_array_add (ids, g_strdup (id));
    }
  return cs_dataset_builder_set_ids (self, kind, (char **) g_ptr_array_free (g_steal_pointer (&ids),
                                                                            FALSE),
                                     origin, error);
}

/* A long-form table of crowd labels: one row per (item, annotator, label), with items
 * given by the split's ids and labels by class name or index. */
gboolean
cs_dataset_builder_add_crowd_table (CsDatasetBuilder      *self,
                                    CsSplitKind            kind,
                                    const CsCsv           *table,
                                    const CsCrowdColumns  *columns,
                                    GError               **error)
{
  const char *filename = cs_csv_get_filename (table);
  GHashTable *items;
  CrowdColumns cols;

  if (!require_item_ids (self, kind, filename, error) ||
      !find_crowd_columns (table, columns, &cols, error))
    return FALSE;

  items = get_item_index (self, kind);
  for (int row = 0; row < cs_csv_get_n_rows (table); row++)
    {
      const char *item_id = cs_csv_get_cell (table, row, cols.item);
      gpointer item = g_hash_table_lookup (items, item_id);

      if (item == NULL)
        {
          g_autofree char *note = ids_note (self, kind, filename);

          g_set_error (error, CS_ERROR, CS_ERROR_VALUE,
                       _("%s:%d: expected an item id of the %s split, found '%s'%s"),
                       filename, cs_csv_get_line (table, row), cs_split_kind_to_string (kind),
                       item_id, note);
          return FALSE;
        }
      if (!add_crowd_row (self, kind, GPOINTER_TO_INT (item) - 1, table, &cols, row, error))
        return FALSE;
    }
  return TRUE;
}

/* A long-form table of crowd labels for every split: each row goes to the split whose ids hold
 * its item. Rows of items no split holds are skipped, and counted in a warning. */
gboolean
cs_dataset_builder_add_crowd_table_by_id (CsDatasetBuilder      *self,
                                          const CsCsv           *table,
                                          const CsCrowdColumns  *columns,
                                          GError               **error)
{
  const char *filename = cs_csv_get_filename (table);
  g_autoptr(GHashTable) unknown = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *items[CS_N_SPLITS] = { NULL };
  CrowdColumns cols;
  int skipped = 0;

  for (int s = 0; s < CS_N_SPLITS; s++)
    if (self->dataset->splits[s].present)
      {
        if (!require_item_ids (self, s, filename, error))
          return FALSE;
        items[s] = get_item_index (self, s);
      }
  if (!find_crowd_columns (table, columns, &cols, error))
    return FALSE;

  for (int row = 0; row < cs_csv_get_n_rows (table); row++)
    {
      const char *item_id = cs_csv_get_cell (table, row, cols.item);
      gpointer item = NULL;
      int s;

      for (s = 0; s < CS_N_SPLITS && item == NULL; s++)
        if (items[s] != NULL)
          item = g_hash_table_lookup (items[s], item_id);
      if (item == NULL)
        {
          g_hash_table_add (unknown, (gpointer) item_id);
          skipped++;
          continue;
        }
      if (!add_crowd_row (self, s - 1, GPOINTER_TO_INT (item) - 1, table, &cols, row, error))
        return FALSE;
    }
  if (skipped > 0)
    cs_dataset_builder_warn (self, _("%s: %d labels of %u items that no split holds were skipped"),
                             filename, skipped, g_hash_table_size (unknown));
  return TRUE;
}

/* How many of the ids a gold table has and the split lacks a message quotes. */
#define QUOTED_IDS 5

static gboolean
unknown_ids_error (CsDatasetBuilder  *self,
                   const char        *filename,
                   CsSplitKind        kind,
                   GPtrArray         *ids,
                   GError           **error)
{
  g_autoptr(GString) quoted = g_string_new (NULL);
  g_autofree char *note = ids_note (self, kind, filename);

  for (guint i = 0; i < MIN (ids->len, QUOTED_IDS); i++)
    g_string_append_printf (quoted, "%s'%s'", i > 0 ? ", " : "",
                            (const char *) g_ptr_array_index (ids, i));
  if (ids->len > QUOTED_IDS)
    g_string_append (quoted, ", …");
  g_set_error (error, CS_ERROR, CS_ERROR_VALUE,
               _("%s: expected ids of %s items, found %u that the split lacks: %s%s"),
               filename, cs_split_kind_to_string (kind), ids->len, quoted->str, note);
  return FALSE;
}

/* Puts each row's label at its item's place in gold; the ids the split lacks go to unknown. */
static gboolean
read_gold_rows (CsDatasetBuilder  *self,
                CsSplitKind        kind,
                const CsCsv       *table,
                int                item_col,
                int                label_col,
                int32_t           *gold,
                GPtrArray         *unknown,
                GError           **error)
{
  GHashTable *items = get_item_index (self, kind);
  g_autofree int *line_of = g_new0 (int, self->dataset->splits[kind].n);  /* 0: not read yet */

  for (int row = 0; row < cs_csv_get_n_rows (table); row++)
    {
      const char *id = cs_csv_get_cell (table, row, item_col);
      int item = GPOINTER_TO_INT (g_hash_table_lookup (items, id)) - 1;
      int line = cs_csv_get_line (table, row);

      if (item < 0)
        {
          g_ptr_array_add (unknown, (gpointer) id);
          continue;
        }
      if (line_of[item] > 0)
        {
          g_set_error (error, CS_ERROR, CS_ERROR_VALUE,
                       _("%s:%d: the id '%s' appears twice (first on line %d); expected one row "
                       "per item"), cs_csv_get_filename (table), line, id, line_of[item]);
          return FALSE;
        }
      line_of[item] = line;
      if (!cs_dataset_builder_parse_gold_cell (self, table, row, label_col, &gold[item], error))
        return FALSE;
    }
  return TRUE;
}

/* A table of gold labels, one row per item, matched to the split's items by id in any order.
 * Items the table leaves out have unknown gold; an id the split lacks is an error, since it
 * most likely means the table belongs to another split or its ids are spelt otherwise. */
gboolean
cs_dataset_builder_set_gold_table (CsDatasetBuilder     *self,
                                   CsSplitKind           kind,
                                   const CsCsv          *table,
                                   const CsGoldColumns  *columns,
                                   GError              **error)
{
  const char *filename = cs_csv_get_filename (table);
  g_autoptr(GPtrArray) unknown = g_ptr_array_new ();
  g_autofree int32_t *gold = NULL;
  int n, item_col, label_col;

  if (!require_item_ids (self, kind, filename, error) ||
      (item_col = find_column (table, columns ? columns->item : NULL, _("item ids"),
                               gold_item_names, error)) < 0 ||
      (label_col = find_column (table, columns ? columns->label : NULL, _("gold labels"),
                                gold_label_names, error)) < 0)
    return FALSE;
  n = self->dataset->splits[kind].n;
  gold = g_new (int32_t, n);
  for (int i = 0; i < n; i++)
    gold[i] = -1;
  if (!read_gold_rows (self, kind, table, item_col, label_col, gold, unknown, error))
    return FALSE;
  if (unknown->len > 0)
    return unknown_ids_error (self, filename, kind, unknown, error);
  return cs_dataset_builder_set_gold (self, kind, g_steal_pointer (&gold), n, filename, error);
}

/* Copies `rows` of a split of another dataset (in order) into the split `kind`, with their
 * crowd labels when `labels` is set. */
gboolean
cs_dataset_builder_copy_rows (CsDatasetBuilder  *builder,
                              const CsDataset   *dataset,
                              const CsSplit     *from,
                              CsSplitKind        kind,
                              const int         *rows,
                              int                n,
                              gboolean           labels,
                              GError           **error)
{
  int d = dataset->d;
  float *x = g_new (float, (size_t) n * d);
  char **ids = g_new0 (char *, n + 1);
  int32_t *gold = g_new (int32_t, n);

  for (int j = 0; j < n; j++)
    {
      memcpy (x + (size_t) j * d, from->features + (size_t) rows[j] * d, sizeof (float) * d);
      ids[j] = g_strdup (from->item_ids[rows[j]]);
      gold[j] = from->gold ? from->gold[rows[j]] : -1;
    }
  if (!cs_dataset_builder_set_split (builder, kind, n, d, x, dataset->source, error) ||
      !cs_dataset_builder_set_ids (builder, kind, ids, dataset->source, error) ||
      !cs_dataset_builder_set_gold (builder, kind, gold, n, dataset->source, error))
    return FALSE;
  if (from->image_paths)
    {
      g_auto(GStrv) paths = g_new0 (char *, n + 1);

      for (int j = 0; j < n; j++)
        paths[j] = g_strdup (from->image_paths[rows[j]]);
      if (!cs_dataset_builder_set_images (builder, kind, "/", paths, n, dataset->source, error))
        return FALSE;
    }
  for (int j = 0; labels && j < n; j++)
    for (int l = from->item_offsets[rows[j]]; l < from->item_offsets[rows[j] + 1]; l++)
      cs_dataset_builder_add_label (builder, kind, j, dataset->annotator_ids[from->labels[l].annotator],
                                    from->labels[l].label);
  return TRUE;
}

gboolean
cs_dataset_builder_copy_split (CsDatasetBuilder  *builder,
                               const CsDataset   *dataset,
                               CsSplitKind        kind,
                               gboolean           labels,
                               GError           **error)
{
  const CsSplit *from = &dataset->splits[kind];
  g_autofree int *rows = g_new (int, from->n);

  for (int i = 0; i < from->n; i++)
    rows[i] = i;
  return cs_dataset_builder_copy_rows (builder, dataset, from, kind, rows, from->n, labels, error);
}

/* Finishes a dataset made of another's rows: their features were standardised (or not)
 * already, so only the record of how is carried over. */
CsDataset *
cs_dataset_builder_finish_copy (CsDatasetBuilder  *builder,
                                const CsDataset   *dataset,
                                GError           **error)
{
  CsLoadOptions options = { CS_STANDARDIZE_NEVER };
  CsDataset *copy;

  if (!(copy = cs_dataset_builder_finish (builder, &options, error)))
    return NULL;
  copy->standardized = dataset->standardized;
  if (dataset->feature_mean)
    {
      copy->feature_mean = g_memdup2 (dataset->feature_mean, sizeof (float) * dataset->d);
      copy->feature_std = g_memdup2 (dataset->feature_std, sizeof (float) * dataset->d);
    }
  return copy;
}

/* The name, classes and annotator order of another dataset. */
gboolean
cs_dataset_builder_copy_header (CsDatasetBuilder  *builder,
                                const CsDataset   *dataset,
                                GError           **error)
{
  cs_dataset_builder_set_name (builder, dataset->name);
  /* What was said of the data (features computed from images, labels skipped) still holds. */
  for (guint i = 0; i < dataset->warnings->len; i++)
    cs_dataset_builder_warn (builder, "%s", (const char *) dataset->warnings->pdata[i]);
  for (int r = 0; r < dataset->n_annotators; r++)
    cs_dataset_builder_declare_annotator (builder, dataset->annotator_ids[r]);
  return cs_dataset_builder_set_classes (builder, g_strdupv (dataset->class_names), dataset->source, error);
}

static int
compare_labels (gconstpointer a,
                gconstpointer b)
{
  const CsCrowdLabel *la = a, *lb = b;

  if (la->item != lb->item)
    return la->item < lb->item ? -1 : 1;
  if (la->annotator != lb->annotator)
    return la->annotator < lb->annotator ? -1 : 1;
  return 0;
}

/* Sorts by (item, annotator) and keeps the first of repeated labels of an annotator for an
 * item (the order in the file decides), so every pair counts once. */
static int
sort_and_dedupe (GArray *labels)
{
  CsCrowdLabel *l = (CsCrowdLabel *) (void *) labels->data;
  guint kept = 0;

  g_array_sort (labels, compare_labels);
  for (guint i = 0; i < labels->len; i++)
    if (kept == 0 || compare_labels (&l[kept - 1], &l[i]) != 0)
      l[kept++] = l[i];
  {
    int dropped = (int) (labels->len - kept);

    g_array_set_size (labels, kept);
    return dropped;
  }
}

/* Natural order, the same in every locale: runs of digits compare by their value ("2" before
 * "10"), everything else byte by byte. */
static int
natural_compare (const char *a,
                 const char *b)
{
  while (*a && *b)
    {
      if (g_ascii_isdigit (*a) && g_ascii_isdigit (*b))
        {
          const char *ea, *eb;

          while (*a == '0' && g_ascii_isdigit (a[1]))
            a++;
          while (*b == '0' && g_ascii_isdigit (b[1]))
            b++;
          for (ea = a; g_ascii_isdigit (*ea); ea++);
          for (eb = b; g_ascii_isdigit (*eb); eb++);
          if (ea - a != eb - b)
            return ea - a < eb - b ? -1 : 1;
          for (; a < ea; a++, b++)
            if (*a != *b)
              return *a < *b ? -1 : 1;
          continue;
        }
      if (*a != *b)
        return (unsigned char) *a < (unsigned char) *b ? -1 : 1;
      a++;
      b++;
    }
  return (*a != 0) - (*b != 0);
}

static int
compare_annotators (const void *a,
                    const void *b,
                    void       *ids)
{
  int ia = *(const int *) a, ib = *(const int *) b;
  int order = natural_compare (g_ptr_array_index ((GPtrArray *) ids, ia),
                               g_ptr_array_index ((GPtrArray *) ids, ib));

  return order != 0 ? order : (ia > ib) - (ia < ib);
}

/* Annotators who gave no label in any split leave the model. The rest are ordered by id, in
 * natural order ("2" before "10", so a dense matrix keeps its column order), which does not
 * depend on the order of a table's rows. */
static void
drop_silent_annotators (CsDatasetBuilder *self)
{
  CsDataset *dataset = self->dataset;
  guint R = self->annotators->len;
  g_autofree int *count = g_new0 (int, R);
  g_autofree int *remap = g_new (int, R);
  g_autofree int *order = g_new (int, MAX (R, 1));
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) dropped = g_strv_builder_new ();
  int n_kept = 0;

  for (int s = 0; s < CS_N_SPLITS; s++)
    for (guint i = 0; i < self->labels[s]->len; i++)
      count[g_array_index (self->labels[s], CsCrowdLabel, i).annotator]++;
  for (guint r = 0; r < R; r++)
    order[r] = (int) r;
  g_qsort_with_data (order, R, sizeof (int), compare_annotators, self->annotators);
  for (guint k = 0; k < R; k++)
    {
      int r = order[k];
      const char *id = g_ptr_array_index (self->annotators, r);

      remap[r] = count[r] > 0 ? n_kept++ : -1;
      g_strv_builder_add (count[r] > 0 ? kept : dropped, id);
    }
  for (int s = 0; s < CS_N_SPLITS; s++)
    for (guint i = 0; i < self->labels[s]->len; i++)
      {
        CsCrowdLabel *l = &g_array_index (self->labels[s], CsCrowdLabel, i);

        l->annotator = remap[l->annotator];
      }
  dataset->n_annotators = n_kept;
  dataset->annotator_ids = g_strv_builder_end (kept);
  dataset->dropped_annotators = g_strv_builder_end (dropped);
  if (n_kept < (int) R)
    cs_dataset_builder_warn (self, _("%u annotators gave no label and were left out"),
                             R - (guint) n_kept);
}

static void
index_labels (CsDatasetBuilder *self,
              CsSplitKind       kind)
{
  CsSplit *split = &self->dataset->splits[kind];
  int R = self->dataset->n_annotators;
  GArray *labels = self->labels[kind];
  g_autofree int *fill = g_new0 (int, R);
  int without = 0;

  split->n_labels = (int) labels->len;
  split->labels = (CsCrowdLabel *) (void *) g_array_free (g_steal_pointer (&self->labels[kind]), FALSE);
  split->item_offsets = g_new0 (int, split->n + 1);
  split->annotator_offsets = g_new0 (int, R + 1);
  split->by_annotator = g_new (int, MAX (split->n_labels, 1));

  for (int l = 0; l < split->n_labels; l++)
    {
      split->item_offsets[split->labels[l].item + 1]++;
      split->annotator_offsets[split->labels[l].annotator + 1]++;
    }
  for (int i = 0; i < split->n; i++)
    {
      without += split->item_offsets[i + 1] == 0;
      split->item_offsets[i + 1] += split->item_offsets[i];
    }
  for (int r = 0; r < R; r++)
    split->annotator_offsets[r + 1] += split->annotator_offsets[r];
  for (int l = 0; l < split->n_labels; l++)
    {
      int r = split->labels[l].annotator;

      split->by_annotator[split->annotator_offsets[r] + fill[r]++] = l;
    }
  if (split->n_labels > 0 && without > 0)
    cs_dataset_builder_warn (self, _("%d of %d %s items have no crowd label"),
                             without, split->n, cs_split_kind_to_string (kind));
}

static void
fill_default_ids (CsSplit *split)
{
  split->item_ids = g_new0 (char *, split->n + 1);
  for (int i = 0; i < split->n; i++)
    split->item_ids[i] = g_strdup_printf ("%d", i);
}

CsDataset *
cs_dataset_builder_finish (CsDatasetBuilder     *self,
                           const CsLoadOptions  *options,
                           GError              **error)
{
  CsDataset *dataset = self->dataset;
  CsLoadOptions defaults;

  if (options == NULL)
    {
      cs_load_options_init (&defaults);
      options = &defaults;
    }
  if (dataset->class_names == NULL)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_FORMAT, _("%s: no class names were given"), dataset->source);
      return NULL;
    }
  if (!dataset->splits[CS_SPLIT_TRAIN].present)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_FORMAT, _("%s: no train split was given"), dataset->source);
      return NULL;
    }
  if (dataset->name == NULL)
    dataset->name = g_path_get_basename (dataset->source);

  drop_silent_annotators (self);
  for (int s = 0; s < CS_N_SPLITS; s++)
    {
      int duplicates;

      if (!dataset->splits[s].present)
        continue;
      if (dataset->splits[s].item_ids == NULL)
        fill_default_ids (&dataset->splits[s]);
      if ((duplicates = sort_and_dedupe (self->labels[s])) > 0)
        cs_dataset_builder_warn (self, _("%d repeated %s labels (same item and annotator) were "
                                 "counted once"), duplicates, cs_split_kind_to_string (s));
      index_labels (self, s);
    }
  if (cs_dataset_get_n_labels (dataset) == 0)
    cs_dataset_builder_warn (self, _("The dataset has no crowd labels"));

  cs_standardize_dataset (dataset, options->standardize);
  return cs_dataset_ref (dataset);
}
