/* cs-music-layout.c — the folder layout of Rodrigues et al.'s music genre crowd data
 *
 *   music_genre_gold.csv    train split: id, feature0 … feature123, class (a genre name)
 *   music_genre_test.csv    test split, same columns
 *   music_genre_mturk.csv   crowd labels of train songs: id, annotator, features…, class
 *
 * The classes are the sorted genre names, as the original papers number them.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cs-csv.h"
#include "cs-error.h"
#include "cs-layouts.h"
#include "cs-split-reader.h"

#define GOLD_FILE  "music_genre_gold.csv"
#define TEST_FILE  "music_genre_test.csv"
#define CROWD_FILE "music_genre_mturk.csv"

gboolean
cs_music_layout_detect (const char *dir)
{
  g_autofree char *gold = g_build_filename (dir, GOLD_FILE, NULL);
  g_autofree char *crowd = g_build_filename (dir, CROWD_FILE, NULL);

  return g_file_test (gold, G_FILE_TEST_IS_REGULAR) && g_file_test (crowd, G_FILE_TEST_IS_REGULAR);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The sorted set of non-empty names in the `class` column of the given tables. */
static gboolean
collect_classes (CsDatasetBuilder  *builder,
                 const CsCsv      **tables,
                 int                n_tables,
                 GError           **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  char **strv;

  for (int t = 0; t < n_tables; t++)
    {
      int col = cs_csv_find_column (tables[t], "class");

      if (col < 0)
        {
          g_set_error (error, CS_ERROR, CS_ERROR_FORMAT, _("%s: expected a column 'class', found none"),
                       cs_csv_get_filename (tables[t]));
          return FALSE;
        }
      for (int row = 0; row < cs_csv_get_n_rows (tables[t]); row++)
        {
          const char *name = cs_csv_get_cell (tables[t], row, col);

          if (name[0] != '\0' && g_hash_table_add (seen, (gpointer) name))
            g_ptr_array_add (names, (gpointer) name);
        }
    }
  g_ptr_array_sort (names, compare_strings);
  strv = g_new0 (char *, names->len + 1);
  for (guint k = 0; k < names->len; k++)
    strv[k] = g_strdup (names->pdata[k]);
  return cs_dataset_builder_set_classes (builder, strv, cs_csv_get_filename (tables[0]), error);
}

CsDataset *
cs_music_layout_load (const char           *dir,
                      const CsLoadOptions  *options,
                      GError              **error)
{
  g_autoptr(CsDatasetBuilder) builder = cs_dataset_builder_new (dir);
  g_autofree char *gold_path = g_build_filename (dir, GOLD_FILE, NULL);
  g_autofree char *test_path = g_build_filename (dir, TEST_FILE, NULL);
  g_autofree char *crowd_path = g_build_filename (dir, CROWD_FILE, NULL);
  g_autoptr(CsCsv) train = NULL;
  g_autoptr(CsCsv) test = NULL;
  g_autoptr(CsCsv) crowd = NULL;
  char *feature_patterns[] = { "feature*", NULL };
  CsCsvSplitColumns columns = {
    .id_column = "id",
    .gold_column = "class",
    .feature_columns = feature_patterns,
  };
  CsCrowdColumns crowd_columns = { "id", "annotator", "class" };
  const CsCsv *tables[2];
  int n_tables = 0;

  if (!(train = cs_csv_load (gold_path, error)))
    return NULL;
  tables[n_tables++] = train;
  if (g_file_test (test_path, G_FILE_TEST_EXISTS))
    {
      if (!(test = cs_csv_load (test_path, error)))
        return NULL;
      tables[n_tables++] = test;
    }
  if (!(crowd = cs_csv_load (crowd_path, error)) ||
      !collect_classes (builder, tables, n_tables, error) ||
      !cs_read_csv_split (builder, CS_SPLIT_TRAIN, train, &columns, error) ||
      (test != NULL && !cs_read_csv_split (builder, CS_SPLIT_TEST, test, &columns, error)) ||
      !cs_dataset_builder_add_crowd_table (builder, CS_SPLIT_TRAIN, crowd, &crowd_columns, error))
    return NULL;
  cs_dataset_builder_set_name (builder, "music");
  return cs_dataset_builder_finish (builder, options, error);
}
