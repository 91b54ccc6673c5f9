/* cs-split-reader.c — reads one piece of a split (features, gold, crowd, images) from a file
 *
 * The format follows the file name: `.npy` arrays, `.csv` tables with a header row, and
 * anything else as plain text (one entry a line, or a whitespace-separated answer matrix).
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cs-csv.h"
#include "cs-error.h"
#include "cs-file.h"
#include "cs-image-features.h"
#include "cs-npy.h"
#include "cs-split-reader.h"
#include "cs-text.h"

static gboolean
has_suffix (const char *path,
            const char *suffix)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, suffix);
}

gboolean
cs_read_classes_file (CsDatasetBuilder  *builder,
                      const char        *path,
                      GError           **error)
{
  char **names;
  int n;

  if (!(names = cs_text_load_lines (path, &n, error)))
    return FALSE;
  return cs_dataset_builder_set_classes (builder, names, path, error);
}

static gboolean
is_special_column (const CsCsvSplitColumns *columns,
                   const char              *name)
{
  return g_strcmp0 (name, columns->id_column) == 0 ||
         g_strcmp0 (name, columns->gold_column) == 0 ||
         g_strcmp0 (name, columns->image_column) == 0;
}

static gboolean
is_feature_column (const CsCsvSplitColumns *columns,
                   const char              *name)
{
  if (is_special_column (columns, name))
    return FALSE;
  if (columns->feature_columns == NULL)
    return TRUE;
  for (int i = 0; columns->feature_columns[i] != NULL; i++)
    if (g_pattern_match_simple (columns->feature_columns[i], name))
      return TRUE;
  return FALSE;
}

static int
require_column (const CsCsv  *table,
                const char   *name,
                const char   *what,
                GError      **error)
{
  int col = cs_csv_find_column (table, name);

  if (col < 0)
    g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
                 _("%s: expected a column '%s' for the %s, found none"),
                 cs_csv_get_filename (table), name, what);
  return col;
}

static char **
column_strings (const CsCsv *table,
                int          col)
{
  int n = cs_csv_get_n_rows (table);
  char **out = g_new0 (char *, n + 1);

  for (int row = 0; row < n; row++)
    out[row] = g_strdup (cs_csv_get_cell (table, row, col));
  return out;
}

/* The image files the descriptor reads. */
static const char * const image_extensions[] = { ".png", ".jpg", ".jpeg", NULL };

/* Features computed from images [n] in folder, with the notice that says so. */
static gboolean
describe_images (CsDatasetBuilder  *builder,
                 CsSplitKind        kind,
                 const char        *folder,
                 char * const      *names,
                 int                n,
                 const char        *origin,
                 GError           **error)
{
  float *features;

  if (!(features = cs_image_features_read_files (folder, (const char * const *) names, n,
                                                 error)) ||
      !cs_dataset_builder_set_split (builder, kind, n, CS_IMAGE_FEATURES_DIM, features, origin,
                                     error))
    return FALSE;
  cs_dataset_builder_warn (builder, "%s", _(CS_IMAGE_FEATURES_NOTICE));
  return TRUE;
}

static gboolean
read_csv_features (CsDatasetBuilder         *builder,
                   CsSplitKind               kind,
                   const CsCsv              *table,
                   const CsCsvSplitColumns  *columns,
                   GError                  **error)
{
  int n = cs_csv_get_n_rows (table);
  g_autofree int *picked = g_new (int, cs_csv_get_n_cols (table));
  g_autofree float *features = NULL;
  int d = 0;

  for (int col = 0; col < cs_csv_get_n_cols (table); col++)
    if (is_feature_column (columns, cs_csv_get_header (table, col)))
      picked[d++] = col;
  if (d == 0 && columns->feature_columns == NULL && columns->image_column != NULL &&
      columns->image_folder != NULL)
    {
      /* A table of images and nothing else: their features are the descriptor's. */
      int col = cs_csv_find_column (table, columns->image_column);
      g_auto(GStrv) names = NULL;

      if (col < 0)
        return require_column (table, columns->image_column, _("image names"), error) >= 0;
      names = column_strings (table, col);
      return describe_images (builder, kind, columns->image_folder, names, n,
                              cs_csv_get_filename (table), error);
    }
  if (d == 0)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
                   _("%s: expected feature columns, found none matching"), cs_csv_get_filename (table));
      return FALSE;
    }
  features = g_new (float, (gsize) n * d);
  for (int j = 0; j < d; j++)
    if (!cs_csv_get_floats (table, picked[j], features + j, d, error))
      return FALSE;
  return cs_dataset_builder_set_split (builder, kind, n, d, g_steal_pointer (&features),
                                       cs_csv_get_filename (table), error);
}

static gboolean
read_csv_gold (CsDatasetBuilder  *builder,
               CsSplitKind        kind,
               const CsCsv       *table,
               int                col,
               GError           **error)
{
  int n = cs_csv_get_n_rows (table);
  g_autofree int32_t *gold = g_new (int32_t, n);

  for (int row = 0; row < n; row++)
    if (!cs_dataset_builder_parse_gold_cell (builder, table, row, col, &gold[row], error))
      return FALSE;
  return cs_dataset_builder_set_gold (builder, kind, g_steal_pointer (&gold), n,
                                      cs_csv_get_filename (table), error);
}

/* One CSV holding a whole split: features, and optionally ids, gold and image names. */
gboolean
cs_read_csv_split (CsDatasetBuilder         *builder,
                   CsSplitKind               kind,
                   const CsCsv              *table,
                   const CsCsvSplitColumns  *columns,
                   GError                  **error)
{
  const char *filename = cs_csv_get_filename (table);
  int col;

  if (!read_csv_features (builder, kind, table, columns, error))
    return FALSE;
  if (columns->id_column != NULL)
    {
      if ((col = require_column (table, columns->id_column, _("item ids"), error)) < 0 ||
          !cs_dataset_builder_set_ids (builder, kind, column_strings (table, col), filename, error))
        return FALSE;
    }
  if (columns->gold_column != NULL)
    {
      if ((col = require_column (table, columns->gold_column, _("gold labels"), error)) < 0 ||
          !read_csv_gold (builder, kind, table, col, error))
        return FALSE;
    }
  if (columns->image_column != NULL)
    {
      g_auto(GStrv) names = NULL;

      if ((col = require_column (table, columns->image_column, _("image names"), error)) < 0)
        return FALSE;
      names = column_strings (table, col);
      if (!cs_dataset_builder_set_images (builder, kind, columns->image_folder, names,
                                          cs_csv_get_n_rows (table), filename, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
cs_read_features (CsDatasetBuilder         *builder,
                  CsSplitKind               kind,
                  const char               *path,
                  const CsCsvSplitColumns  *columns,
                  GError                  **error)
{
  if (has_suffix (path, ".csv"))
    {
      g_autoptr(CsCsv) table = cs_csv_load (path, error);

      return table != NULL && cs_read_csv_split (builder, kind, table, columns, error);
    }
  if (has_suffix (path, ".npy"))
    {
      int rows, cols;
      float *x = cs_npy_load_f32 (path, &rows, &cols, error);

      return x != NULL && cs_dataset_builder_set_split (builder, kind, rows, cols, x, path, error);
    }
  g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
               _("%s: expected features in a .npy or .csv file"), path);
  return FALSE;
}

gboolean
cs_read_ids_file (CsDatasetBuilder  *builder,
                  CsSplitKind        kind,
                  const char        *path,
                  GError           **error)
{
  char **ids;
  int n;

  if (!(ids = cs_text_load_lines (path, &n, error)))
    return FALSE;
  return cs_dataset_builder_set_ids (builder, kind, ids, path, error);
}

/* A list of gold labels in the items' order: a class name or index a line, -1 for unknown. */
static gboolean
read_gold_list (CsDatasetBuilder  *builder,
                CsSplitKind        kind,
                char             **lines,
                int                n,
                const char        *path,
                GError           **error)
{
  g_auto(GStrv) owned = lines;
  g_autofree int32_t *gold = g_new (int32_t, n);

  for (int i = 0; i < n; i++)
    {
      if (strcmp (lines[i], "-1") == 0)
        gold[i] = -1;
      else if ((gold[i] = cs_dataset_builder_parse_class (builder, lines[i], error)) < 0)
        {
          g_prefix_error (error, "%s:%d: ", path, i + 1);
          return FALSE;
        }
    }
  return cs_dataset_builder_set_gold (builder, kind, g_steal_pointer (&gold), n, path, error);
}

static gboolean
names_columns (const CsGoldColumns *columns)
{
  return columns != NULL && (columns->item != NULL || columns->label != NULL);
}

/* Whether the first line holds more than one field: a list of gold labels has one a line, so
 * this is a table's header. */
static gboolean
starts_with_header (const char *data,
                    gsize       len)
{
  const char *end;

  if (len == 0)
    return FALSE;
  end = memchr (data, '\n', len);
  return memchr (data, ',', end != NULL ? (gsize) (end - data) : len) != NULL;
}

/* A .csv gold file is a table of ids and labels in any order when its columns are named or
 * its first line is a header; otherwise it is a list as in a text file. */
static gboolean
read_gold_csv (CsDatasetBuilder     *builder,
               CsSplitKind           kind,
               const char           *path,
               const CsGoldColumns  *columns,
               GError              **error)
{
  g_autoptr(GMappedFile) mapped = cs_file_map (path, error);
  const char *data;
  gsize len;
  char **lines;
  int n;

  if (mapped == NULL)
    return FALSE;
  data = g_mapped_file_get_contents (mapped);
  len = g_mapped_file_get_length (mapped);
  if (names_columns (columns) || starts_with_header (data, len))
    {
      g_autoptr(CsCsv) table = cs_csv_parse (data, len, path, error);

      return table != NULL &&
             cs_dataset_builder_set_gold_table (builder, kind, table, columns, error);
    }
  if (!(lines = cs_text_parse_lines (data, len, path, &n, error)))
    return FALSE;
  return read_gold_list (builder, kind, lines, n, path, error);
}

/* Gold labels as a .npy of integers, a .csv table or list, or a text list. columns may be
 * NULL. */
gboolean
cs_read_gold_file (CsDatasetBuilder     *builder,
                   CsSplitKind           kind,
                   const char           *path,
                   const CsGoldColumns  *columns,
                   GError              **error)
{
  char **lines;
  int n;

  if (names_columns (columns) && !has_suffix (path, ".csv"))
    {
      g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
                   _("%s: expected a .csv table for the gold columns named, found another kind "
                   "of file"), path);
      return FALSE;
    }
  if (has_suffix (path, ".npy"))
    {
      int32_t *values = cs_npy_load_i32 (path, &n, error);

      return values != NULL && cs_dataset_builder_set_gold (builder, kind, values, n, path, error);
    }
  if (has_suffix (path, ".csv"))
    return read_gold_csv (builder, kind, path, columns, error);
  if (!(lines = cs_text_load_lines (path, &n, error)))
    return FALSE;
  return read_gold_list (builder, kind, lines, n, path, error);
}

/* Crowd labels as a long-form CSV (or .tsv) table, or as a dense answer matrix in any other
 * file. */
gboolean
cs_read_crowd_file (CsDatasetBuilder      *builder,
                    CsSplitKind            kind,
                    const char            *path,
                    const CsCrowdColumns  *columns,
                    GError               **error)
{
  g_autofree int32_t *answers = NULL;
  int rows, cols;

  if (has_suffix (path, ".csv") || has_suffix (path, ".tsv"))
    {
      g_autoptr(CsCsv) table = cs_csv_load_separated (path, cs_crowd_table_separator (path),
                                                      error);

      return table != NULL && cs_dataset_builder_add_crowd_table (builder, kind, table, columns, error);
    }
  if (!(answers = cs_answers_load (path, &rows, &cols, error)))
    return FALSE;
  return cs_dataset_builder_add_answers (builder, kind, answers, rows, cols, path, error);
}

char
cs_crowd_table_separator (const char *path)
{
  return has_suffix (path, ".tsv") || has_suffix (path, ".tab") ? '\t' : ',';
}

gboolean
cs_read_crowd_table_by_id (CsDatasetBuilder      *builder,
                           const char            *path,
                           char                   separator,
                           const CsCrowdColumns  *columns,
                           GError               **error)
{
  g_autoptr(CsCsv) table = cs_csv_load_separated (path, separator, error);

  return table != NULL && cs_dataset_builder_add_crowd_table_by_id (builder, table, columns, error);
}

gboolean
cs_read_image_list (CsDatasetBuilder  *builder,
                    CsSplitKind        kind,
                    const char        *folder,
                    const char        *list_path,
                    GError           **error)
{
  g_auto(GStrv) names = NULL;
  int n;

  if (!(names = cs_text_load_lines (list_path, &n, error)))
    return FALSE;
  return cs_dataset_builder_set_images (builder, kind, folder, names, n, list_path, error);
}

/* The name of an image file without its extension, as its item id. */
static char *
image_stem (const char *name)
{
  g_autofree char *base = g_path_get_basename (name);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

gboolean
cs_read_image_split (CsDatasetBuilder  *builder,
                     CsSplitKind        kind,
                     const char        *folder,
                     const char        *list_path,
                     GError           **error)
{
  g_autoptr(GPtrArray) listed = NULL;
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) ids = NULL;
  g_autofree char *ids_origin = NULL;
  const char *origin = list_path != NULL ? list_path : folder;
  int n;

  if (list_path != NULL)
    {
      if (!(names = cs_text_load_lines (list_path, &n, error)))
        return FALSE;
    }
  else
    {
      if (!(listed = cs_file_list_folder (folder, image_extensions, error)))
        return FALSE;
      n = (int) listed->len;
      names = (char **) g_ptr_array_free (g_steal_pointer (&listed), FALSE);
    }
  if (n == 0)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
                   _("%s: expected PNG or JPEG images, found none"), origin);
      return FALSE;
    }
  ids = g_new0 (char *, n + 1);
  for (int i = 0; i < n; i++)
    ids[i] = image_stem (names[i]);
  ids_origin = g_strdup_printf (_("%s (the image names without their extension)"), origin);
  return describe_images (builder, kind, folder, names, n, origin, error) &&
         cs_dataset_builder_set_images (builder, kind, folder, names, n, origin, error) &&
         cs_dataset_builder_set_ids (builder, kind, g_steal_pointer (&ids), ids_origin, error);
}
