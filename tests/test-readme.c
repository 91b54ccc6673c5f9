/* test-readme.c — the README's manifest example loads as written
 *
 * The example is read out of README.md itself, so that the two cannot drift apart: the test
 * writes the files the example names (features, gold labels, item ids, images, the crowd table)
 * beside a verbatim copy of it, and loads that.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "cs-dataset.h"
#include "cs-error.h"
#include "cs-layouts.h"
#include "test-util.h"

/* Items per split, features per item, labels per item. */
#define N_ITEMS     6
#define N_FEATURES  2
#define N_PER_ITEM  2

/* The first ```ini block after the manifest heading, or a test failure naming what is missing. */
static char *
readme_manifest_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "README.md", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char *section, *start, *end;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  section = strstr (text, "### Your own data: a manifest");
  g_assert_nonnull (section);
  start = strstr (section, "```ini\n");
  g_assert_nonnull (start);
  start += strlen ("```ini\n");
  end = strstr (start, "\n```");
  g_assert_nonnull (end);
  return g_strndup (start, end - start + 1);
}

static char *
item_id (const char *group,
         int         i)
{
  return g_strdup_printf ("%s-%d", group, i);
}

/* Column names for the feature-columns patterns: a glob's '*' becomes 0, 1, …; a plain name
 * stands for itself. */
static GPtrArray *
feature_column_names (char **patterns)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *fallback[] = { "f0", "f1", NULL };

  for (char **p = patterns != NULL ? patterns : (char **) fallback; *p != NULL; p++)
    {
      const char *star = strchr (*p, '*');

      if (star == NULL)
        {
          g_ptr_array_add (names, g_strdup (*p));
          continue;
        }
      for (int j = 0; j < N_FEATURES; j++)
        g_ptr_array_add (names, g_strdup_printf ("%.*s%d%s", (int) (star - *p), *p, j, star + 1));
    }
  return names;
}

/* A .csv features file with the columns the group's keys name. */
static void
write_features_csv (CsTestDir   *tmp,
                    GKeyFile    *keys,
                    const char  *group,
                    const char  *file,
                    char       **classes)
{
  g_auto(GStrv) patterns = g_key_file_get_string_list (keys, group, "feature-columns", NULL, NULL);
  g_autoptr(GPtrArray) features = feature_column_names (patterns);
  g_autofree char *id_column = g_key_file_get_string (keys, group, "id-column", NULL);
  g_autofree char *gold_column = g_key_file_get_string (keys, group, "gold-column", NULL);
  g_autofree char *image_column = g_key_file_get_string (keys, group, "image-column", NULL);
  g_autofree char *images = g_key_file_get_string (keys, group, "images", NULL);
  g_autoptr(GString) csv = g_string_new (NULL);
  guint n_classes = g_strv_length (classes);

  g_string_append (csv, id_column != NULL ? id_column : "id");
  if (gold_column != NULL)
    g_string_append_printf (csv, ",%s", gold_column);
  if (image_column != NULL)
    g_string_append_printf (csv, ",%s", image_column);
  for (guint j = 0; j < features->len; j++)
    g_string_append_printf (csv, ",%s", (const char *) g_ptr_array_index (features, j));
  g_string_append_c (csv, '\n');
  for (int i = 0; i < N_ITEMS; i++)
    {
      g_autofree char *id = item_id (group, i);

      g_string_append (csv, id);
      if (gold_column != NULL)
        g_string_append_printf (csv, ",%s", classes[i % n_classes]);
      if (image_column != NULL)
        {
          g_autofree char *image = g_strdup_printf ("%s.png", id);
          g_autofree char *relative = g_build_filename (images, image, NULL);

          g_string_append_printf (csv, ",%s", image);
          cs_test_dir_write (tmp, relative, "not decoded by the loader");
        }
      for (guint j = 0; j < features->len; j++)
        g_string_append_printf (csv, ",%d.5", i + (int) j);
      g_string_append_c (csv, '\n');
    }
  cs_test_dir_write (tmp, file, "%s", csv->str);
}

static void
write_features (CsTestDir   *tmp,
                GKeyFile    *keys,
                const char  *group,
                char       **classes)
{
  g_autofree char *file = g_key_file_get_string (keys, group, "features", NULL);

  g_assert_nonnull (file);
  if (g_str_has_suffix (file, ".csv"))
    write_features_csv (tmp, keys, group, file, classes);
  else if (g_str_has_suffix (file, ".npy"))
    cs_test_write_npy_f32 (cs_test_dir_path (tmp, file), N_ITEMS, N_FEATURES);
  else
    g_error ("the README's [%s] features=%s: this test knows .csv and .npy", group, file);
}

/* A text list of N_ITEMS lines, line i from `line`. */
static void
write_list (CsTestDir   *tmp,
            GKeyFile    *keys,
            const char  *group,
            const char  *key,
            char       *(*line) (const char *group, int i, char **classes),
            char       **classes)
{
  g_autofree char *file = g_key_file_get_string (keys, group, key, NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  if (file == NULL)
    return;
  if (!g_str_has_suffix (file, ".txt"))
    g_error ("the README's [%s] %s=%s: this test writes text lists only", group, key, file);
  for (int i = 0; i < N_ITEMS; i++)
    {
      g_autofree char *entry = line (group, i, classes);

      g_string_append_printf (text, "%s\n", entry);
    }
  cs_test_dir_write (tmp, file, "%s", text->str);
}

static char *
gold_line (const char *group,
           int         i,
           char      **classes)
{
  return g_strdup (classes[i % g_strv_length (classes)]);
}

static char *
id_line (const char *group,
         int         i,
         char      **classes)
{
  return item_id (group, i);
}

static char *
image_line (const char *group,
            int         i,
            char      **classes)
{
  return g_strdup_printf ("%s-%d.png", group, i);
}

/* The item a gold table leaves out, whose gold is unknown. */
#define UNLABELLED_ITEM 1

/* A gold table, from the last item to the first, under the column names the group's keys give;
 * or a text list. */
static void
write_gold (CsTestDir   *tmp,
            GKeyFile    *keys,
            const char  *group,
            char       **classes)
{
  g_autofree char *file = g_key_file_get_string (keys, group, "gold", NULL);
  g_autofree char *id_column = g_key_file_get_string (keys, group, "gold-id-column", NULL);
  g_autofree char *label_column = g_key_file_get_string (keys, group, "gold-label-column", NULL);
  g_autoptr(GString) csv = g_string_new (NULL);

  if (file == NULL || !g_str_has_suffix (file, ".csv"))
    {
      write_list (tmp, keys, group, "gold", gold_line, classes);
      return;
    }
  g_string_append_printf (csv, "%s,%s\n", id_column != NULL ? id_column : "item",
                          label_column != NULL ? label_column : "label");
  for (int i = N_ITEMS - 1; i >= 0; i--)
    {
      g_autofree char *id = item_id (group, i);
      g_autofree char *label = gold_line (group, i, classes);

      if (i != UNLABELLED_ITEM)
        g_string_append_printf (csv, "%s,%s\n", id, label);
    }
  cs_test_dir_write (tmp, file, "%s", csv->str);
}

/* The gold write_gold() gave an item. */
static int
expected_gold (GKeyFile   *keys,
               const char *group,
               int         i,
               char      **classes)
{
  g_autofree char *file = g_key_file_get_string (keys, group, "gold", NULL);

  if (file != NULL && g_str_has_suffix (file, ".csv") && i == UNLABELLED_ITEM)
    return -1;
  return i % (int) g_strv_length (classes);
}

/* A long-form crowd table: N_PER_ITEM annotators label every item. */
static void
write_crowd (CsTestDir   *tmp,
             GKeyFile    *keys,
             const char  *group,
             char       **classes)
{
  g_autofree char *file = g_key_file_get_string (keys, group, "crowd", NULL);
  g_auto(GStrv) columns = g_key_file_get_string_list (keys, group, "crowd-columns", NULL, NULL);
  g_autoptr(GString) csv = g_string_new (NULL);

  if (file == NULL)
    return;
  if (!g_str_has_suffix (file, ".csv"))
    g_error ("the README's [%s] crowd=%s: this test writes a long-form .csv", group, file);
  if (columns != NULL)
    {
      g_assert_cmpuint (g_strv_length (columns), ==, 3);
      g_string_append_printf (csv, "%s,%s,%s\n", columns[0], columns[1], columns[2]);
    }
  else
    g_string_append (csv, "item,annotator,label\n");
  for (int i = 0; i < N_ITEMS; i++)
    for (int a = 0; a < N_PER_ITEM; a++)
      {
        g_autofree char *id = item_id (group, i);

        g_string_append_printf (csv, "%s,worker%d,%s\n", id, (i + a) % 3,
                                classes[(i + a) % g_strv_length (classes)]);
      }
  cs_test_dir_write (tmp, file, "%s", csv->str);
}

static char **
example_classes (CsTestDir *tmp,
                 GKeyFile  *keys)
{
  g_auto(GStrv) listed = g_key_file_get_string_list (keys, "dataset", "classes", NULL, NULL);
  g_autofree char *file = g_key_file_get_string (keys, "dataset", "classes-file", NULL);
  const char *made_up[] = { "alpha", "beta", "gamma", NULL };

  if (listed != NULL)
    return g_steal_pointer (&listed);
  g_assert_nonnull (file);
  cs_test_dir_write (tmp, file, "alpha\nbeta\ngamma\n");
  return g_strdupv ((char **) made_up);
}

/* GKeyFile takes everything after '=' as the value: a " # note" after one would be part of it. */
static void
assert_no_trailing_comments (GKeyFile *keys)
{
  g_auto(GStrv) groups = g_key_file_get_groups (keys, NULL);

  for (char **g = groups; *g != NULL; g++)
    {
      g_auto(GStrv) names = g_key_file_get_keys (keys, *g, NULL, NULL);

      for (char **k = names; *k != NULL; k++)
        {
          g_autofree char *value = g_key_file_get_value (keys, *g, *k, NULL);

          if (strchr (value, '#') != NULL)
            g_error ("the README's [%s] %s=%s: a comment after a value is part of it", *g, *k,
                     value);
        }
    }
}

static void
test_manifest_example (void)
{
  g_autofree char *example = readme_manifest_example ();
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDataset) dataset = NULL;
  g_auto(GStrv) classes = NULL;
  g_autofree char *name = NULL;
  const CsSplit *train;

  g_key_file_load_from_data (keys, example, -1, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  assert_no_trailing_comments (keys);
  classes = example_classes (tmp, keys);
  for (int k = 0; k < CS_N_SPLITS; k++)
    {
      const char *group = cs_split_kind_to_string (k);

      if (!g_key_file_has_group (keys, group))
        continue;
      write_features (tmp, keys, group, classes);
      write_gold (tmp, keys, group, classes);
      write_list (tmp, keys, group, "ids", id_line, classes);
      write_list (tmp, keys, group, "image-list", image_line, classes);
      write_crowd (tmp, keys, group, classes);
    }

  dataset = cs_dataset_load (cs_test_dir_write (tmp, CS_MANIFEST_NAME, "%s", example), NULL,
                             &error);
  g_assert_no_error (error);
  name = g_key_file_get_string (keys, "dataset", "name", NULL);
  if (name != NULL)
    g_assert_cmpstr (dataset->name, ==, name);
  g_assert_cmpint (dataset->n_classes, ==, g_strv_length (classes));
  g_assert_cmpint (dataset->d, ==, N_FEATURES);
  train = cs_dataset_get_split (dataset, CS_SPLIT_TRAIN);
  g_assert_cmpint (train->n, ==, N_ITEMS);
  g_assert_cmpint (train->n_labels, ==, N_ITEMS * N_PER_ITEM);
  for (int k = 0; k < CS_N_SPLITS; k++)
    {
      const char *group = cs_split_kind_to_string (k);
      const CsSplit *split = cs_dataset_get_split (dataset, k);

      if (!g_key_file_has_group (keys, group))
        continue;
      g_assert_cmpint (split->n, ==, N_ITEMS);
      for (int i = 0; split->gold != NULL && i < N_ITEMS; i++)
        g_assert_cmpint (split->gold[i], ==, expected_gold (keys, group, i, classes));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/readme/manifest-example", test_manifest_example);
  return g_test_run ();
}
