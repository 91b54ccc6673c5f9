/* cs-dataset-writer.c — writes a dataset as a manifest folder Crowdscope can open again
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "cs-csv.h"
#include "cs-dataset-writer.h"
#include "cs-file.h"
#include "cs-layouts.h"
#include "cs-npy.h"

static gboolean
write_text (const char  *dir,
            const char  *name,
            GString     *text,
            GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return cs_file_write_atomic (path, text->str, text->len, error);
}

static gboolean
write_lines (const char  *dir,
             const char  *name,
             char       **lines,
             int          n,
             GError     **error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (int i = 0; i < n; i++)
    g_string_append_printf (text, "%s\n", lines[i]);
  return write_text (dir, name, text, error);
}

static gboolean
write_crowd (const CsDataset  *dataset,
             const CsSplit    *split,
             const char       *dir,
             const char       *name,
             GError          **error)
{
  g_autoptr(GString) text = g_string_new ("item,annotator,label\n");

  for (int l = 0; l < split->n_labels; l++)
    {
      cs_csv_append_field (text, split->item_ids[split->labels[l].item]);
      g_string_append_c (text, ',');
      cs_csv_append_field (text, dataset->annotator_ids[split->labels[l].annotator]);
      g_string_append_c (text, ',');
      cs_csv_append_field (text, dataset->class_names[split->labels[l].label]);
      g_string_append_c (text, '\n');
    }
  return write_text (dir, name, text, error);
}

static gboolean
write_split (const CsDataset  *dataset,
             CsSplitKind       kind,
             const char       *dir,
             GString          *manifest,
             GError          **error)
{
  const CsSplit *split = &dataset->splits[kind];
  const char *s = cs_split_kind_to_string (kind);
  g_autofree char *features = g_strdup_printf ("%s.npy", s);
  g_autofree char *features_path = g_build_filename (dir, features, NULL);
  g_autofree char *ids = g_strdup_printf ("%s-ids.txt", s);
  gsize shape[2] = { split->n, dataset->d };

  g_string_append_printf (manifest, "\n[%s]\nfeatures=%s\nids=%s\n", s, features, ids);
  if (!cs_npy_save_f32 (features_path, split->features, 2, shape, error) ||
      !write_lines (dir, ids, split->item_ids, split->n, error))
    return FALSE;
  if (split->gold != NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s-gold.txt", s);
      g_autoptr(GString) text = g_string_new (NULL);

      for (int i = 0; i < split->n; i++)
        g_string_append_printf (text, "%s\n", split->gold[i] >= 0 ? dataset->class_names[split->gold[i]] : "-1");
      g_string_append_printf (manifest, "gold=%s\n", name);
      if (!write_text (dir, name, text, error))
        return FALSE;
    }
  if (split->image_paths != NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s-images.txt", s);

      g_string_append_printf (manifest, "images=/\nimage-list=%s\n", name);
      if (!write_lines (dir, name, split->image_paths, split->n, error))
        return FALSE;
    }
  if (split->n_labels > 0)
    {
      g_autofree char *name = g_strdup_printf ("%s-crowd.csv", s);

      g_string_append_printf (manifest, "crowd=%s\n", name);
      if (!write_crowd (dataset, split, dir, name, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
cs_dataset_write (const CsDataset  *dataset,
                  const char       *dir,
                  GError          **error)
{
  g_autoptr(GString) manifest = g_string_new ("# Written by Crowdscope\n[dataset]\n");
  g_autoptr(GString) name = g_string_new (dataset->name);

  g_return_val_if_fail (dataset != NULL && dir != NULL, FALSE);

  g_string_replace (name, "\n", " ", 0);
  g_string_append_printf (manifest, "name=%s\nclasses-file=classes.txt\nstandardize=no\n", name->str);
  if (!cs_file_ensure_dir (dir, error) ||
      !write_lines (dir, "classes.txt", dataset->class_names, dataset->n_classes, error))
    return FALSE;
  for (int s = 0; s < CS_N_SPLITS; s++)
    if (dataset->splits[s].present && !write_split (dataset, s, dir, manifest, error))
      return FALSE;
  return write_text (dir, CS_MANIFEST_NAME, manifest, error);
}
