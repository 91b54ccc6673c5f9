/* cs-import-manifest.c — the crowdscope.ini an import plan is written as
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cs-error.h"
#include "cs-file.h"
#include "cs-import-private.h"
#include "cs-layouts.h"
#include "cs-table-preview.h"

/* How many bytes of a crowd table are read to guess its separator. */
#define SEPARATOR_PEEK_BYTES 4096

char *
cs_import_absolute_path (const char *path)
{
  return g_canonicalize_filename (path, NULL);
}

char *
cs_import_plan_get_dir (const CsImportPlan *self)
{
  g_autofree char *crowd = NULL;

  if (self->folder != NULL)
    return cs_import_absolute_path (self->folder);
  if (self->crowd_path == NULL)
    return NULL;
  crowd = cs_import_absolute_path (self->crowd_path);
  return g_path_get_dirname (crowd);
}

char
cs_import_plan_get_separator (const CsImportPlan *self)
{
  g_autoptr(GMappedFile) mapped = NULL;
  gsize len;

  if (self->separator != 0 || self->crowd_path == NULL)
    return self->separator != 0 ? self->separator : ',';
  if (!(mapped = g_mapped_file_new (self->crowd_path, FALSE, NULL)))
    return ',';
  len = MIN (g_mapped_file_get_length (mapped), SEPARATOR_PEEK_BYTES);
  return cs_table_guess_separator (g_mapped_file_get_contents (mapped), len);
}

static char *
dataset_name (const CsImportPlan *self)
{
  g_autofree char *dir = NULL;

  if (self->name != NULL)
    return g_strdup (self->name);
  if (!(dir = cs_import_plan_get_dir (self)))
    return g_strdup ("dataset");
  return g_path_get_basename (dir);
}

/* A path relative to dir when it lies under dir, else absolute. */
static char *
manifest_path (const char *path,
               const char *dir,
               gboolean    absolute)
{
  g_autofree char *full = cs_import_absolute_path (path);
  gsize n = strlen (dir);

  if (!absolute && strncmp (full, dir, n) == 0 && full[n] == G_DIR_SEPARATOR && full[n + 1])
    return g_strdup (full + n + 1);
  return g_steal_pointer (&full);
}

typedef struct
{
  GKeyFile   *keys;
  const char *dir;
  gboolean    absolute;
} Writer;

static void
put (Writer     *w,
     const char *group,
     const char *key,
     const char *value)
{
  if (value != NULL)
    g_key_file_set_string (w->keys, group, key, value);
}

static void
put_path (Writer     *w,
          const char *group,
          const char *key,
          const char *path)
{
  g_autofree char *value = NULL;

  if (path == NULL)
    return;
  value = manifest_path (path, w->dir, w->absolute);
  g_key_file_set_string (w->keys, group, key, value);
}

static void
put_list (Writer             *w,
          const char         *group,
          const char         *key,
          const char * const *values)
{
  if (values != NULL)
    g_key_file_set_string_list (w->keys, group, key, values, g_strv_length ((char **) values));
}

static void
put_gold (Writer              *w,
          const char          *group,
          const CsImportSplit *split)
{
  switch (split->gold_source)
    {
    case CS_GOLD_NONE:
      break;
    case CS_GOLD_COLUMN:
      put (w, group, "gold-column", split->gold_column);
      break;
    case CS_GOLD_TABLE:
      put_path (w, group, "gold", split->gold_path);
      put (w, group, "gold-id-column", split->gold_id_column);
      put (w, group, "gold-label-column", split->gold_label_column);
      break;
    case CS_GOLD_LIST:
      put_path (w, group, "gold", split->gold_path);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The feature columns of a table whose gold column is left out of the text: every column but
 * the id, image and gold ones, so that the gold column is not read as a feature. NULL when the
 * header cannot be read; loading then says why. */
static char **
columns_but_gold (const CsImportSplit *split)
{
  g_autoptr(CsTablePreview) preview = cs_table_preview_load (split->features_path, ',', 1, NULL);
  GPtrArray *names;

  if (preview == NULL)
    return NULL;
  names = g_ptr_array_new ();
  for (int c = 0; c < preview->n_cols; c++)
    {
      const char *name = preview->header[c];

      if (g_strcmp0 (name, split->gold_column) != 0 &&
          !(split->id_source == CS_IDS_COLUMN && g_strcmp0 (name, split->id_column) == 0) &&
          !(split->features_kind == CS_FEATURES_IMAGES && g_strcmp0 (name, split->image_column) == 0))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

static void
put_feature_columns (Writer              *w,
                     const char          *group,
                     const CsImportSplit *split,
                     CsImportParts        parts)
{
  g_auto(GStrv) others = NULL;

  if (!cs_import_split_is_table (split))
    return;
  if (split->feature_columns == NULL && split->gold_source == CS_GOLD_COLUMN &&
      !(parts & CS_IMPORT_PART_GOLD) && (others = columns_but_gold (split)) != NULL)
    put_list (w, group, "feature-columns", (const char * const *) others);
  else
    put_list (w, group, "feature-columns", (const char * const *) split->feature_columns);
}

static void
put_split (Writer              *w,
           const char          *group,
           const CsImportSplit *split,
           CsImportParts        parts)
{
  put_path (w, group, "features", split->features_path);
  put_feature_columns (w, group, split, parts);
  if (split->id_source == CS_IDS_COLUMN)
    put (w, group, "id-column", split->id_column);
  else if (split->id_source == CS_IDS_FILE)
    put_path (w, group, "ids", split->ids_path);
  else if (split->id_source == CS_IDS_GOLD_ORDER)
    put (w, group, "ids-from", "gold");
  else if (split->id_source == CS_IDS_CROWD_ORDER)
    put (w, group, "ids-from", "crowd");
  if (split->features_kind == CS_FEATURES_IMAGES)
    {
      put_path (w, group, "images", split->images_folder);
      put (w, group, "image-column", split->image_column);
      put_path (w, group, "image-list", split->image_list);
    }
  /* Ids in the gold table's order need the table from the features step on. */
  if ((parts & CS_IMPORT_PART_GOLD) || split->id_source == CS_IDS_GOLD_ORDER)
    put_gold (w, group, split);
}

static gboolean
ids_from_crowd (const CsImportPlan *self)
{
  for (int s = 0; s < CS_N_SPLITS; s++)
    if (self->splits[s].features_kind != CS_FEATURES_NONE &&
        self->splits[s].id_source == CS_IDS_CROWD_ORDER)
      return TRUE;
  return FALSE;
}

static void
put_crowd (Writer             *w,
           const CsImportPlan *self)
{
  if (self->crowd_path == NULL)
    return;
  if (self->crowd_format == CS_CROWD_ANSWER_MATRIX)
    {
      put_path (w, "train", "crowd", self->crowd_path);
      return;
    }
  put_path (w, "dataset", "crowd", self->crowd_path);
  if (self->item_column && self->annotator_column && self->label_column)
    {
      const char *names[] = { self->item_column, self->annotator_column, self->label_column,
                              NULL };

      put_list (w, "dataset", "crowd-columns", names);
    }
  put (w, "dataset", "crowd-separator",
       cs_import_plan_get_separator (self) == '\t' ? "tab" : "comma");
}

static void
put_carve (Writer             *w,
           const CsImportPlan *self)
{
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, self->carve_seed);

  g_key_file_set_integer (w->keys, "dataset", "carve-valid", self->carve_valid);
  g_key_file_set_integer (w->keys, "dataset", "carve-test", self->carve_test);
  put (w, "dataset", "carve-seed", seed);
}

char *
cs_import_plan_manifest_text (const CsImportPlan  *self,
                              const char          *manifest_dir,
                              CsImportParts        parts,
                              gboolean             absolute)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autofree char *name = dataset_name (self);
  g_auto(GStrv) classes = cs_import_plan_get_classes (self);
  g_autofree char *dir = cs_import_absolute_path (manifest_dir);
  Writer w = { keys, dir, absolute };

  put (&w, "dataset", "name", name);
  put_list (&w, "dataset", "classes", (const char * const *) classes);
  for (int s = 0; s < CS_N_SPLITS; s++)
    if (self->splits[s].features_kind != CS_FEATURES_NONE)
      put_split (&w, cs_split_kind_to_string (s), &self->splits[s], parts);
  if ((parts & CS_IMPORT_PART_CROWD) || ids_from_crowd (self))
    put_crowd (&w, self);
  if ((parts & CS_IMPORT_PART_CARVE) && self->carve)
    put_carve (&w, self);
  g_key_file_set_comment (keys, NULL, NULL,
                          " Written by Crowdscope's import; the keys are described in the README.",
                          NULL);
  return g_key_file_to_data (keys, NULL, NULL);
}

CsDataset *
cs_import_plan_load (const CsImportPlan  *self,
                     CsImportParts        parts,
                     GError             **error)
{
  g_autofree char *dir = cs_import_plan_get_dir (self);
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    dir = g_get_current_dir ();
  text = cs_import_plan_manifest_text (self, dir, parts, TRUE);
  path = g_build_filename (dir, CS_MANIFEST_NAME, NULL);
  return cs_manifest_parse (text, strlen (text), path, NULL, error);
}

char *
cs_import_plan_to_manifest (const CsImportPlan *self,
                            const char         *manifest_dir)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (manifest_dir != NULL, NULL);

  return cs_import_plan_manifest_text (self, manifest_dir, CS_IMPORT_PART_ALL, FALSE);
}

/* The dataset's name as a folder name: letters, digits, '-', '_' and '.' kept, anything else
 * a '-', never "." or "..". */
static char *
safe_name (const char *name)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    g_string_append_c (out, g_ascii_isalnum (*p) || strchr ("-_.", *p) ? *p : '-');
  if (out->len == 0 || strspn (out->str, ".") == out->len)
    g_string_prepend (out, "dataset");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
cs_import_plan_fallback_dir (const CsImportPlan *self,
                             const char         *fallback_root)
{
  g_autofree char *name = NULL;
  g_autofree char *safe = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  name = dataset_name (self);
  safe = safe_name (name);
  if (fallback_root != NULL)
    return g_build_filename (fallback_root, safe, NULL);
  return g_build_filename (g_get_user_data_dir (), "crowdscope", "imports", safe, NULL);
}

static gboolean
write_manifest (const CsImportPlan  *self,
                const char          *dir,
                const char          *path,
                GError             **error)
{
  g_autofree char *text = cs_import_plan_to_manifest (self, dir);

  return cs_file_write_atomic (path, text, strlen (text), error);
}

char *
cs_import_plan_write (const CsImportPlan  *self,
                      const char          *fallback_root,
                      GError             **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *fallback = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!cs_import_plan_check_all (self, error))
    return NULL;
  dir = cs_import_plan_get_dir (self);
  path = g_build_filename (dir, CS_MANIFEST_NAME, NULL);
  if (write_manifest (self, dir, path, &local_error))
    return g_steal_pointer (&path);

  /* The data's folder may be read-only (a mounted disc, another user's files): the manifest
   * then goes under the user's data folder, where every path is absolute. */
  fallback = cs_import_plan_fallback_dir (self, fallback_root);
  g_clear_pointer (&path, g_free);
  path = g_build_filename (fallback, CS_MANIFEST_NAME, NULL);
  if (!cs_file_ensure_dir (fallback, error) || !write_manifest (self, fallback, path, error))
    {
      g_prefix_error (error, _("%s; nor in the user's data folder: "), local_error->message);
      return NULL;
    }
  return g_steal_pointer (&path);
}
