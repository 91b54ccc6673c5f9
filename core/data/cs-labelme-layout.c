/* cs-labelme-layout.c — the folder layout of Rodrigues & Pereira's deep_LabelMe archive
 *
 *   classes.txt                    class names, line i = class i
 *   answers.txt                    dense answer matrix of the train split (-1 = no label)
 *   <split>/vgg16_avg.npy          features [n, d] (or the split folder's only .npy)
 *   <split>/labels.txt             gold class index a line
 *   <split>/filenames.txt          image file name a line          (optional)
 *   <split>/label_names.txt        gold class name a line          (optional)
 *   images/<split>/<class>/<file>  the images                      (optional)
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include "cs-error.h"
#include "cs-layouts.h"
#include "cs-split-reader.h"
#include "cs-text.h"

gboolean
cs_labelme_layout_detect (const char *dir)
{
  g_autofree char *classes = g_build_filename (dir, "classes.txt", NULL);
  g_autofree char *answers = g_build_filename (dir, "answers.txt", NULL);
  g_autofree char *train = g_build_filename (dir, "train", NULL);

  return g_file_test (classes, G_FILE_TEST_IS_REGULAR) &&
         g_file_test (answers, G_FILE_TEST_IS_REGULAR) &&
         g_file_test (train, G_FILE_TEST_IS_DIR);
}

/* vgg16_avg.npy when present, else the folder's only .npy file. */
static char *
find_features (const char  *split_dir,
               GError     **error)
{
  g_autofree char *preferred = g_build_filename (split_dir, "vgg16_avg.npy", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autofree char *found = NULL;
  const char *name;

  if (g_file_test (preferred, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&preferred);
  if (!(dir = g_dir_open (split_dir, 0, error)))
    return NULL;
  while ((name = g_dir_read_name (dir)))
    {
      if (!g_str_has_suffix (name, ".npy"))
        continue;
      if (found != NULL)
        {
          g_set_error (error, CS_ERROR, CS_ERROR_LAYOUT,
                       _("%s: expected one features .npy file, found several (%s, %s)"),
                       split_dir, found, name);
          return NULL;
        }
      found = g_strdup (name);
    }
  if (found == NULL)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_LAYOUT,
                   _("%s: expected a features .npy file, found none"), split_dir);
      return NULL;
    }
  return g_build_filename (split_dir, found, NULL);
}

/* Images sit in a folder per class: images/<split>/<class name>/<file name>. */
static gboolean
read_images (CsDatasetBuilder  *builder,
             CsSplitKind        kind,
             const char        *dir,
             const char        *split_dir,
             GError           **error)
{
  const char *split = cs_split_kind_to_string (kind);
  g_autofree char *folder = g_build_filename (dir, "images", split, NULL);
  g_autofree char *files_path = g_build_filename (split_dir, "filenames.txt", NULL);
  g_autofree char *names_path = g_build_filename (split_dir, "label_names.txt", NULL);
  g_auto(GStrv) files = NULL;
  g_auto(GStrv) classes = NULL;
  g_auto(GStrv) relative = NULL;
  int n_files, n_classes;

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR) || !g_file_test (files_path, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!(files = cs_text_load_lines (files_path, &n_files, error)))
    return FALSE;
  if (g_file_test (names_path, G_FILE_TEST_EXISTS))
    {
      if (!(classes = cs_text_load_lines (names_path, &n_classes, error)))
        return FALSE;
      if (n_classes != n_files)
        {
          g_set_error (error, CS_ERROR, CS_ERROR_SHAPE,
                       _("%s: expected %d lines, one for each line of %s, found %d"),
                       names_path, n_files, files_path, n_classes);
          return FALSE;
        }
    }
  relative = g_new0 (char *, n_files + 1);
  for (int i = 0; i < n_files; i++)
    relative[i] = classes ? g_build_filename (classes[i], files[i], NULL) : g_strdup (files[i]);
  return cs_dataset_builder_set_images (builder, kind, folder, relative, n_files, files_path, error);
}

static gboolean
read_split (CsDatasetBuilder  *builder,
            CsSplitKind        kind,
            const char        *dir,
            GError           **error)
{
  g_autofree char *split_dir = g_build_filename (dir, cs_split_kind_to_string (kind), NULL);
  g_autofree char *features = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *ids = NULL;

  if (!g_file_test (split_dir, G_FILE_TEST_IS_DIR))
    {
      if (kind != CS_SPLIT_TRAIN)
        return TRUE;
      g_set_error (error, CS_ERROR, CS_ERROR_LAYOUT, _("%s: expected a train folder"), dir);
      return FALSE;
    }
  if (!(features = find_features (split_dir, error)) ||
      !cs_read_features (builder, kind, features, NULL, error))
    return FALSE;
  ids = g_build_filename (split_dir, "filenames.txt", NULL);
  if (g_file_test (ids, G_FILE_TEST_EXISTS) && !cs_read_ids_file (builder, kind, ids, error))
    return FALSE;
  labels = g_build_filename (split_dir, "labels.txt", NULL);
  if (g_file_test (labels, G_FILE_TEST_EXISTS) &&
      !cs_read_gold_file (builder, kind, labels, NULL, error))
    return FALSE;
  return read_images (builder, kind, dir, split_dir, error);
}

CsDataset *
cs_labelme_layout_load (const char           *dir,
                        const CsLoadOptions  *options,
                        GError              **error)
{
  g_autoptr(CsDatasetBuilder) builder = cs_dataset_builder_new (dir);
  g_autofree char *classes = g_build_filename (dir, "classes.txt", NULL);
  g_autofree char *answers = g_build_filename (dir, "answers.txt", NULL);

  if (!cs_read_classes_file (builder, classes, error))
    return NULL;
  for (int s = 0; s < CS_N_SPLITS; s++)
    if (!read_split (builder, s, dir, error))
      return NULL;
  if (!cs_read_crowd_file (builder, CS_SPLIT_TRAIN, answers, NULL, error))
    return NULL;
  return cs_dataset_builder_finish (builder, options, error);
}
