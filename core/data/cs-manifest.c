/* cs-manifest.c — a key file that assembles a user's own dataset from files
 *
 *   [dataset]
 *   name=My scenes
 *   classes=cat;dog;bird            (or classes-file=classes.txt, one name a line)
 *   standardize=auto                (auto, yes or no)
 *   crowd=labels.tsv                (a long-form table of labels for every split, see below)
 *   crowd-columns=item;annotator;label
 *   crowd-separator=tab             (comma or tab; default: tab for .tsv and .tab, else comma)
 *   carve-valid=100                 (with [train] only: valid and test taken out of train,
 *   carve-test=100                   stratified by gold class, the same items for the same
 *   carve-seed=7                     seed; default seed 0)
 *
 *   [train]                         (required; [valid] and [test] are optional)
 *   features=train.csv              (.npy [n, d] or .csv with a header row; without it, the
 *                                    images' features are computed, see below)
 *   feature-columns=f*              (.csv: names or glob patterns; default: all other columns)
 *   id-column=id                    (.csv: item ids)        or ids=train/ids.txt
 *   ids-from=gold                   (or crowd: the ids in the order of the gold table's rows,
 *                                    or of the crowd table's items as they first appear)
 *   gold-column=class               (.csv: gold labels)     or gold=train/labels.txt (or .npy)
 *   gold=train/gold.csv             (or a table: item ids and labels in any order, see below)
 *   gold-id-column=item             (its columns; default: item|task|id|item_id and
 *   gold-label-column=label          label|class|gold|true_label, in any case)
 *   image-column=image              (.csv: image names)     or image-list=train/files.txt
 *   images=images/train             (the folder image names are relative to)
 *   crowd=crowd.csv                 (long-form .csv, or a dense answer matrix in any other file)
 *   crowd-columns=item;annotator;label
 *
 * A .csv gold file whose first line has more than one field is a table: its rows are matched
 * to the split's items by id (from ids= or id-column=), items it lacks have unknown gold, and
 * an id the split lacks or one given twice is an error. A one-column .csv is a list, a label a
 * line in the items' order, as a .txt is.
 *
 * ids-from=crowd reads the split's own crowd table, or the [dataset] one, which then holds the
 * train split's items only (ids-from=crowd is for [train] alone, and valid and test come from
 * carving). Messages about an id a split lacks say where its ids came from.
 *
 * A split with images= and no features= is a folder of PNG or JPEG images: those image-list
 * names, or every image in the folder by name. Their features are computed by Crowdscope's
 * built-in image descriptor, with a notice that features from a pretrained network classify
 * better, and their ids are the names without their extension unless ids= or ids-from= says
 * otherwise. A features .csv whose only columns are an image-column (and ids and gold) works
 * the same way.
 *
 * The [dataset] crowd table's rows go to the split whose ids hold their item; rows of items no
 * split holds are skipped and counted in a warning, so one table of all the labels serves any
 * division into splits. A split's own crowd= is stricter: every item must be one of its own.
 *
 * carve-valid and carve-test divide the train split once it is loaded, before features are
 * standardized, so the train statistics are those of the carved train split.
 *
 * Relative paths resolve against the manifest's folder. Unknown groups and keys are errors,
 * so a typo never silently drops a file.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "cs-csv.h"
#include "cs-dataset-carve.h"
#include "cs-error.h"
#include "cs-file.h"
#include "cs-layouts.h"
#include "cs-split-reader.h"
#include "cs-standardize.h"

/* How much of an unknown group or key name to quote in a message. */
#define EXCERPT_BYTES 40

static const char *dataset_keys[] = {
  "name", "classes", "classes-file", "standardize", "crowd", "crowd-columns", "crowd-separator",
  "carve-valid", "carve-test", "carve-seed", NULL
};
static const char *split_keys[] = {
  "features", "feature-columns", "id-column", "gold-column", "image-column", "ids", "gold",
  "gold-id-column", "gold-label-column", "images", "image-list", "crowd", "crowd-columns",
  "ids-from", NULL
};

/* The keys read as lists, whose items may hold an escaped separator, "\;". */
static const char *list_keys[] = { "classes", "feature-columns", "crowd-columns", NULL };

typedef struct
{
  GKeyFile   *keys;
  const char *path;
  char       *base;
} Manifest;

static char *
get_string (Manifest   *m,
            const char *group,
            const char *key)
{
  g_autofree char *value = g_key_file_get_string (m->keys, group, key, NULL);

  if (value != NULL)
    g_strstrip (value);
  return value && value[0] ? g_steal_pointer (&value) : NULL;
}

static char *
get_path (Manifest   *m,
          const char *group,
          const char *key)
{
  g_autofree char *value = get_string (m, group, key);

  if (value == NULL || g_path_is_absolute (value))
    return g_steal_pointer (&value);
  return g_build_filename (m->base, value, NULL);
}

/* GKeyFile takes group and key names of any bytes, but a message must be UTF-8. */
static char *
quote_name (const char *name)
{
  return cs_file_excerpt (name, strlen (name), EXCERPT_BYTES);
}

static gboolean
escape_error (Manifest    *m,
              const char  *group,
              const char  *key,
              const char  *at,
              gboolean     list,
              GError     **error)
{
  g_autofree char *excerpt = cs_file_excerpt (at, 2, 2);
  g_autofree char *found = at[1] == '\0' ? g_strdup (_("a '\\' at the end"))
                                          : g_strdup_printf ("'%s'", excerpt);

  g_set_error (error, CS_ERROR, CS_ERROR_PARSE, _("%s: [%s] %s: expected the escapes %s, found %s"),
               m->path, group, key,
               list ? "\\s, \\n, \\t, \\r, \\\\ or \\;" : "\\s, \\n, \\t, \\r or \\\\", found);
  return FALSE;
}

/* GKeyFile reads a value with a bad escape as no value at all, so a typo would drop a file
 * silently; and GLib 2.74 warns about its own GError when a bad escape is followed by a
 * backslash at the end. Escapes are checked here first, in the raw value. */
static gboolean
check_escapes (Manifest    *m,
               const char  *group,
               const char  *key,
               GError     **error)
{
  g_autofree char *raw = g_key_file_get_value (m->keys, group, key, NULL);
  gboolean list = g_strv_contains (list_keys, key);

  for (const char *p = raw; p != NULL && *p != '\0'; p++)
    {
      if (*p != '\\')
        continue;
      if (p[1] == '\0' || (strchr ("sntr\\", p[1]) == NULL && !(list && p[1] == ';')))
        return escape_error (m, group, key, p, list, error);
      p++;
    }
  return TRUE;
}

static gboolean
check_keys (Manifest     *m,
            const char   *group,
            const char  **allowed,
            GError      **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys (m->keys, group, NULL, NULL);

  for (int i = 0; keys && keys[i]; i++)
    {
      if (!g_strv_contains (allowed, keys[i]))
        {
          g_autofree char *list = g_strjoinv (", ", (char **) allowed);
          g_autofree char *found = quote_name (keys[i]);

          g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
                       _("%s: [%s]: expected one of the keys %s, found '%s'"),
                       m->path, group, list, found);
          return FALSE;
        }
      if (!check_escapes (m, group, keys[i], error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_groups (Manifest  *m,
              GError   **error)
{
  g_auto(GStrv) groups = g_key_file_get_groups (m->keys, NULL);
  CsSplitKind kind;

  for (int i = 0; groups[i]; i++)
    {
      if (strcmp (groups[i], "dataset") == 0)
        {
          if (!check_keys (m, groups[i], dataset_keys, error))
            return FALSE;
        }
      else if (cs_split_kind_from_string (groups[i], &kind))
        {
          if (!check_keys (m, groups[i], split_keys, error))
            return FALSE;
        }
      else
        {
          g_autofree char *found = quote_name (groups[i]);

          g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
                       _("%s: expected the groups [dataset], [train], [valid] and [test], found [%s]"),
                       m->path, found);
          return FALSE;
        }
    }
  if (!g_key_file_has_group (m->keys, "train"))
    {
      g_set_error (error, CS_ERROR, CS_ERROR_FORMAT, _("%s: expected a [train] group, found none"),
                   m->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_dataset_group (Manifest          *m,
                    CsDatasetBuilder  *builder,
                    CsLoadOptions     *options,
                    GError           **error)
{
  g_autofree char *name = get_string (m, "dataset", "name");
  g_autofree char *classes_file = get_path (m, "dataset", "classes-file");
  g_autofree char *standardize = get_string (m, "dataset", "standardize");
  g_auto(GStrv) classes = g_key_file_get_string_list (m->keys, "dataset", "classes", NULL, NULL);

  if (name == NULL)
    name = g_path_get_basename (m->base);
  cs_dataset_builder_set_name (builder, name);
  if (standardize != NULL && options->standardize == CS_STANDARDIZE_AUTO)
    {
      if (strcmp (standardize, "yes") == 0)
        options->standardize = CS_STANDARDIZE_ALWAYS;
      else if (strcmp (standardize, "no") == 0)
        options->standardize = CS_STANDARDIZE_NEVER;
      else if (strcmp (standardize, "auto") != 0)
        {
          g_set_error (error, CS_ERROR, CS_ERROR_VALUE,
                       _("%s: [dataset] standardize: expected auto, yes or no, found '%s'"),
                       m->path, standardize);
          return FALSE;
        }
    }
  if (classes != NULL && classes_file != NULL)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
                   _("%s: [dataset]: expected either classes or classes-file, found both"), m->path);
      return FALSE;
    }
  if (classes != NULL)
    {
      g_autofree char *origin = g_strdup_printf ("%s: [dataset] classes", m->path);

      return cs_dataset_builder_set_classes (builder, g_steal_pointer (&classes), origin, error);
    }
  if (classes_file != NULL)
    return cs_read_classes_file (builder, classes_file, error);
  g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
               _("%s: [dataset]: expected classes or classes-file, found neither"), m->path);
  return FALSE;
}

/* The names of crowd-columns, which must be three when given; the strings stay in names. */
static gboolean
get_crowd_columns (char            **names,
                   const char       *group,
                   CsCrowdColumns   *columns,
                   GError          **error)
{
  *columns = (CsCrowdColumns) { 0 };
  if (names == NULL)
    return TRUE;
  if (g_strv_length (names) != 3)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
                   _("[%s] crowd-columns: expected three names (item;annotator;label), found %u"),
                   group, g_strv_length (names));
      return FALSE;
    }
  *columns = (CsCrowdColumns) { names[0], names[1], names[2] };
  return TRUE;
}

/* The separator of the [dataset] crowd table at path: crowd-separator, or else by its name. */
static gboolean
get_crowd_separator (Manifest    *m,
                     const char  *path,
                     char        *sep,
                     GError     **error)
{
  g_autofree char *separator = get_string (m, "dataset", "crowd-separator");

  if (separator == NULL)
    *sep = cs_crowd_table_separator (path);
  else if (strcmp (separator, "comma") == 0 || strcmp (separator, "tab") == 0)
    *sep = separator[0] == 't' ? '\t' : ',';
  else
    {
      g_set_error (error, CS_ERROR, CS_ERROR_VALUE,
                   _("[dataset] crowd-separator: expected comma or tab, found '%s'"), separator);
      return FALSE;
    }
  return TRUE;
}

/* The long-form crowd table ids-from=crowd takes a split's ids from: its own, or the
 * [dataset] one for train. */
static gboolean
read_ids_from_crowd (Manifest          *m,
                     CsDatasetBuilder  *builder,
                     CsSplitKind        kind,
                     const char        *split_crowd,
                     const char        *item_column,
                     GError           **error)
{
  const char *group = cs_split_kind_to_string (kind);
  g_autofree char *dataset_crowd = get_path (m, "dataset", "crowd");
  g_auto(GStrv) dataset_columns = g_key_file_get_string_list (m->keys, "dataset", "crowd-columns",
                                                              NULL, NULL);
  g_autoptr(CsCsv) table = NULL;
  g_autofree char *origin = NULL;
  const char *path = split_crowd != NULL ? split_crowd : dataset_crowd;
  char sep;

  if (path == NULL)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
                   _("[%s] ids-from=crowd: expected a crowd table, found none"), group);
      return FALSE;
    }
  if (split_crowd == NULL && kind != CS_SPLIT_TRAIN)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
                   _("[%s] ids-from=crowd: the [dataset] crowd table gives the train split's ids; "
                   "give the %s split's own crowd= table, or its ids"), group, group);
      return FALSE;
    }
  if (split_crowd == NULL)
    {
      item_column = dataset_columns != NULL && g_strv_length (dataset_columns) == 3
                    ? dataset_columns[0] : NULL;
      if (!get_crowd_separator (m, path, &sep, error))
        return FALSE;
    }
  else
    sep = cs_crowd_table_separator (path);
  if (!(table = cs_csv_load_separated (path, sep, error)))
    return FALSE;
  origin = g_strdup_printf (_("%s (its items in the order they first appear, ids-from=crowd)"), path);
  return cs_dataset_builder_set_ids_from_table (builder, kind, table, item_column, TRUE, origin,
                                                error);
}

/* ids-from=gold: the split's ids in the order of its gold table's rows. */
static gboolean
read_ids_from_gold (CsDatasetBuilder  *builder,
                    CsSplitKind        kind,
                    const char        *gold,
                    const char        *id_column,
                    GError           **error)
{
  static const char * const csv[] = { ".csv", NULL };
  const char *group = cs_split_kind_to_string (kind);
  g_autoptr(CsCsv) table = NULL;
  g_autofree char *origin = NULL;

  if (gold == NULL || cs_file_find_extension (gold, csv) < 0)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
                   _("[%s] ids-from=gold: expected gold= to be a .csv table of ids and labels, "
                   "found %s"), group, gold != NULL ? gold : _("no gold file"));
      return FALSE;
    }
  if (!(table = cs_csv_load (gold, error)))
    return FALSE;
  origin = g_strdup_printf (_("%s (its rows in order, ids-from=gold)"), gold);
  return cs_dataset_builder_set_ids_from_table (builder, kind, table, id_column, FALSE, origin,
                                                error);
}

static gboolean
read_split_files (Manifest          *m,
                  CsDatasetBuilder  *builder,
                  CsSplitKind        kind,
                  GError           **error)
{
  const char *group = cs_split_kind_to_string (kind);
  g_autofree char *features = get_path (m, group, "features");
  g_autofree char *ids = get_path (m, group, "ids");
  g_autofree char *ids_from = get_string (m, group, "ids-from");
  g_autofree char *gold = get_path (m, group, "gold");
  g_autofree char *images = get_path (m, group, "images");
  g_autofree char *image_list = get_path (m, group, "image-list");
  g_autofree char *crowd = get_path (m, group, "crowd");
  g_autofree char *id_column = get_string (m, group, "id-column");
  g_autofree char *gold_column = get_string (m, group, "gold-column");
  g_autofree char *image_column = get_string (m, group, "image-column");
  g_autofree char *gold_id_column = get_string (m, group, "gold-id-column");
  g_autofree char *gold_label_column = get_string (m, group, "gold-label-column");
  g_auto(GStrv) feature_columns = g_key_file_get_string_list (m->keys, group, "feature-columns",
                                                              NULL, NULL);
  g_auto(GStrv) crowd_columns = g_key_file_get_string_list (m->keys, group, "crowd-columns",
                                                            NULL, NULL);
  CsCsvSplitColumns columns = { id_column, gold_column, image_column, feature_columns, images };
  CsCrowdColumns crowd_names;
  CsGoldColumns gold_names = { gold_id_column, gold_label_column };
  gboolean from_images = features == NULL;

  if (features == NULL && images == NULL)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
                   _("[%s]: expected a features file or an images folder, found neither"), group);
      return FALSE;
    }
  if (from_images && image_column != NULL)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
                   _("[%s]: an image-column was given but no features table to hold it; give the "
                   "images in an image-list, or let the folder's images be the items"), group);
      return FALSE;
    }
  if ((image_column != NULL || image_list != NULL) && images == NULL)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
                   _("[%s]: image names were given but no images folder"), group);
      return FALSE;
    }
  if ((gold_id_column != NULL || gold_label_column != NULL) && gold == NULL)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
                   _("[%s]: gold table columns were given but no gold file"), group);
      return FALSE;
    }
  if (ids_from != NULL && strcmp (ids_from, "gold") != 0 && strcmp (ids_from, "crowd") != 0)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_VALUE,
                   _("[%s] ids-from: expected gold or crowd, found '%s'"), group, ids_from);
      return FALSE;
    }
  if (ids_from != NULL && (ids != NULL || id_column != NULL))
    {
      g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
                   _("[%s]: ids-from=%s was given with %s; expected one source of item ids"),
                   group, ids_from, ids != NULL ? "ids=" : "id-column=");
      return FALSE;
    }
  if (!get_crowd_columns (crowd_columns, group, &crowd_names, error))
    return FALSE;
  return (from_images ? cs_read_image_split (builder, kind, images, image_list, error)
                      : cs_read_features (builder, kind, features, &columns, error)) &&
         (ids == NULL || cs_read_ids_file (builder, kind, ids, error)) &&
         (g_strcmp0 (ids_from, "gold") != 0 ||
          read_ids_from_gold (builder, kind, gold, gold_id_column, error)) &&
         (g_strcmp0 (ids_from, "crowd") != 0 ||
          read_ids_from_crowd (m, builder, kind, crowd, crowd_names.item, error)) &&
         (gold == NULL || cs_read_gold_file (builder, kind, gold, &gold_names, error)) &&
         (from_images || image_list == NULL ||
          cs_read_image_list (builder, kind, images, image_list, error)) &&
         (crowd == NULL || cs_read_crowd_file (builder, kind, crowd, &crowd_names, error));
}

static gboolean
read_dataset_crowd (Manifest          *m,
                    CsDatasetBuilder  *builder,
                    GError           **error)
{
  g_autofree char *crowd = get_path (m, "dataset", "crowd");
  g_autofree char *separator = get_string (m, "dataset", "crowd-separator");
  g_auto(GStrv) names = g_key_file_get_string_list (m->keys, "dataset", "crowd-columns", NULL,
                                                    NULL);
  CsCrowdColumns columns;
  char sep;

  if (crowd == NULL)
    {
      if (names == NULL && separator == NULL)
        return TRUE;
      g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
                   _("[dataset]: crowd table columns or separator were given but no crowd file"));
      return FALSE;
    }
  return get_crowd_separator (m, crowd, &sep, error) &&
         get_crowd_columns (names, "dataset", &columns, error) &&
         cs_read_crowd_table_by_id (builder, crowd, sep, &columns, error);
}

/* A count or seed of the [dataset] group: `value` is left as it is when the key is absent. */
static gboolean
get_unsigned (Manifest    *m,
              const char  *key,
              guint64      max,
              guint64     *value,
              GError     **error)
{
  g_autofree char *text = get_string (m, "dataset", key);
  g_autoptr(GError) local_error = NULL;

  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, max, value, &local_error))
    {
      g_set_error (error, CS_ERROR, CS_ERROR_VALUE,
                   _("[dataset] %s: expected a whole number from 0 to %" PRIu64
                   ", found '%s'"), key, max, text);
      return FALSE;
    }
  return TRUE;
}

/* The loaded dataset, or a copy with valid and test carved out of train when the manifest says
 * so; features are standardized last, with the statistics of the train split kept. */
static CsDataset *
finish (Manifest             *m,
        CsDatasetBuilder     *builder,
        const CsLoadOptions  *options,
        GError              **error)
{
  CsLoadOptions raw = { CS_STANDARDIZE_NEVER };
  guint64 n_valid = 0, n_test = 0, seed = 0;
  g_autoptr(CsDataset) whole = NULL;
  CsDataset *carved;

  if (!get_unsigned (m, "carve-valid", G_MAXINT, &n_valid, error) ||
      !get_unsigned (m, "carve-test", G_MAXINT, &n_test, error) ||
      !get_unsigned (m, "carve-seed", G_MAXUINT64, &seed, error))
    {
      g_prefix_error (error, "%s: ", m->path);
      return NULL;
    }
  if (!g_key_file_has_key (m->keys, "dataset", "carve-valid", NULL) &&
      !g_key_file_has_key (m->keys, "dataset", "carve-test", NULL))
    return cs_dataset_builder_finish (builder, options, error);
  if (!(whole = cs_dataset_builder_finish (builder, &raw, error)))
    return NULL;
  if (!(carved = cs_dataset_carve_train (whole, (int) n_valid, (int) n_test, seed, error)))
    {
      g_prefix_error (error, "%s: ", m->path);
      return NULL;
    }
  cs_standardize_dataset (carved, options->standardize);
  return carved;
}

CsDataset *
cs_manifest_parse (const char           *data,
                   gsize                 len,
                   const char           *path,
                   const CsLoadOptions  *options,
                   GError              **error)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(CsDatasetBuilder) builder = cs_dataset_builder_new (path);
  g_autofree char *base = g_path_get_dirname (path);
  Manifest m = { keys, path, base };
  CsLoadOptions opts;
  g_autoptr(GError) local_error = NULL;

  if (options != NULL)
    opts = *options;
  else
    cs_load_options_init (&opts);
  if (!g_key_file_load_from_data (keys, data, len, G_KEY_FILE_NONE, &local_error))
    {
      /* GKeyFile quotes the offending line, which need not be UTF-8. */
      g_autofree char *reason = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error, CS_ERROR, CS_ERROR_PARSE, "%s: %s", path, reason);
      return NULL;
    }
  if (!check_groups (&m, error) || !read_dataset_group (&m, builder, &opts, error))
    return NULL;
  for (int s = 0; s < CS_N_SPLITS; s++)
    if (g_key_file_has_group (keys, cs_split_kind_to_string (s)) &&
        !read_split_files (&m, builder, s, error))
      {
        g_prefix_error (error, "%s: ", path);
        return NULL;
      }
  if (!read_dataset_crowd (&m, builder, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  return finish (&m, builder, &opts, error);
}

CsDataset *
cs_manifest_load (const char           *path,
                  const CsLoadOptions  *options,
                  GError              **error)
{
  g_autofree guint8 *data = NULL;
  gsize len;

  if (!cs_file_read (path, &data, &len, error))
    return NULL;
  return cs_manifest_parse ((const char *) data, len, path, options, error);
}
