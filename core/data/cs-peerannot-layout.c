/* cs-peerannot-layout.c — the dataset folders of the peerannot library (CIFAR-10H, Music …)
 *
 *   metadata.json          {"name": …, "n_classes": K, …}, with the class names in order under
 *                          "classes" (or "class_names", "label_names", "labels") when given
 *   answers.json           crowd labels of the train images: {"task": {"worker": class, …}, …}
 *   answers_valid.json     crowd labels of the val images, the same way          (optional)
 *   train/<class>/<file>   the images, a folder per class
 *   val/<class>/<file>     (or valid/)                                           (optional)
 *   test/<class>/<file>                                                          (optional)
 *
 * peerannot reads a split as torchvision's ImageFolder does: class folders sorted, image files
 * sorted within each, and the sorted class folders number the classes. Its datasets name every
 * image <name>-<task>.<ext>, and its trainers take the number after the last '-' as the task id
 * of answers.json. A split where some image has no such number, or shares it, falls back to
 * the ImageFolder order: task i is the split's i-th image.
 *
 * The folder holds images but no features, so they are computed with Crowdscope's own image
 * descriptor, and the dataset says that a pretrained network's features would do better.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "cs-dataset-builder.h"
#include "cs-error.h"
#include "cs-file.h"
#include "cs-image-features.h"
#include "cs-json-read.h"
#include "cs-json.h"
#include "cs-layouts.h"

#define METADATA_FILE      "metadata.json"
#define ANSWERS_FILE       "answers.json"
#define VALID_ANSWERS_FILE "answers_valid.json"

/* answers.json nests tasks, then workers, then labels; metadata.json may hold anything more. */
#define ANSWERS_DEPTH  3
#define METADATA_DEPTH 16

/* How much of a task or worker id to quote in a message. */
#define EXCERPT_BYTES 40

/* The file names torchvision's ImageFolder takes for images, in any case. */
static const char * const image_extensions[] = {
  ".jpg", ".jpeg", ".png", ".ppm", ".bmp", ".pgm", ".tif", ".tiff", ".webp", NULL
};

/* The members of metadata.json that may list the class names, the first present winning. */
static const char * const class_name_keys[] = {
  "classes", "class_names", "label_names", "labels", NULL
};

/* peerannot datasets whose labels do not follow the sorted class folders: peerannot's own
 * loader numbers CIFAR-10H's classes in CIFAR-10's order, and so must Crowdscope. */
static const struct
{
  const char *name;
  const char *classes[11];
} known_orders[] = {
  { "cifar-10h",
    { "plane", "car", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck", NULL } },
};

typedef struct
{
  const char       *dir;
  CsDatasetBuilder *builder;
  char            **classes;   /* [K] the class names, by class index */
  int               K;
} Layout;

gboolean
cs_peerannot_layout_detect (const char *dir)
{
  g_autofree char *metadata = g_build_filename (dir, METADATA_FILE, NULL);
  g_autofree char *answers = g_build_filename (dir, ANSWERS_FILE, NULL);
  g_autofree char *train = g_build_filename (dir, "train", NULL);

  return g_file_test (metadata, G_FILE_TEST_IS_REGULAR) &&
         g_file_test (answers, G_FILE_TEST_IS_REGULAR) &&
         g_file_test (train, G_FILE_TEST_IS_DIR);
}

static char *
quote (const char *id)
{
  return cs_file_excerpt (id, strlen (id), EXCERPT_BYTES);
}

/* A value as the file writes it, shortened, for saying what was found instead. */
static char *
quote_node (JsonNode *node)
{
  g_autofree char *text = cs_json_to_string (node, FALSE);

  return quote (text);
}

/* The root object of a JSON file, owned by parser. */
static JsonObject *
read_json_object (JsonParser  *parser,
                  const char  *path,
                  int          max_depth,
                  const char  *what,
                  GError     **error)
{
  g_autofree guint8 *data = NULL;
  JsonNode *root;
  gsize len;

  if (!cs_file_read (path, &data, &len, error) ||
      !cs_file_check_utf8 ((const char *) data, len, path, error) ||
      !cs_json_parse (parser, (const char *) data, len, max_depth, path, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_autofree char *found = root ? quote_node (root) : g_strdup ("nothing");

      g_set_error (error, CS_ERROR, CS_ERROR_FORMAT, _("%s: expected an object of %s, found %s"),
                   path, what, found);
      return NULL;
    }
  return json_node_get_object (root);
}

static int
find_class (const Layout *layout,
            const char   *name)
{
  for (int k = 0; k < layout->K; k++)
    if (strcmp (layout->classes[k], name) == 0)
      return k;
  return -1;
}

/* Whether names holds the same names as folders, in any order. */
static gboolean
same_names (const char * const *names,
            const GPtrArray    *folders)
{
  if (g_strv_length ((char **) names) != folders->len)
    return FALSE;
  for (guint f = 0; f < folders->len; f++)
    if (!g_strv_contains (names, folders->pdata[f]))
      return FALSE;
  return TRUE;
}

/* The class names in index order: those metadata.json lists, a known dataset's, or the sorted
 * class folders of train/. *key is the member of metadata.json that listed them, or NULL. */
static char **
class_order (JsonObject       *metadata,
             const GPtrArray  *folders,
             const char      **key)
{
  const char *name = cs_json_read_string (metadata, "name");

  for (int i = 0; class_name_keys[i] != NULL; i++)
    if (json_object_has_member (metadata, class_name_keys[i]))
      {
        *key = class_name_keys[i];
        return cs_json_read_strv (metadata, class_name_keys[i]);
      }
  *key = NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (known_orders); i++)
    if (g_ascii_strcasecmp (name, known_orders[i].name) == 0 &&
        same_names (known_orders[i].classes, folders))
      return g_strdupv ((char **) known_orders[i].classes);
  return g_strdupv ((char **) folders->pdata);
}

/* Checks that metadata.json's n_classes and class names fit the class folders of train/. */
static gboolean
check_classes (Layout           *layout,
               JsonObject       *metadata,
               const char       *metadata_path,
               const char       *key,
               const GPtrArray  *folders,
               const char       *train,
               GError          **error)
{
  JsonNode *n_classes = cs_json_get_value (metadata, "n_classes", G_TYPE_INT64);

  if (json_object_has_member (metadata, "n_classes") &&
      (n_classes == NULL || json_node_get_int (n_classes) != layout->K))
    {
      g_autofree char *counted = key ? g_strdup_printf (_("names under \"%s\""), key)
                                     : g_strdup_printf (_("class folders in %s"), train);
      g_autofree char *found = quote_node (json_object_get_member (metadata, "n_classes"));

      g_set_error (error, CS_ERROR, CS_ERROR_SHAPE,
                   _("%s: n_classes: expected %d, the number of %s, found %s"),
                   metadata_path, layout->K, counted, found);
      return FALSE;
    }
  for (guint f = 0; f < folders->len; f++)
    if (find_class (layout, folders->pdata[f]) < 0)
      {
        g_autofree char *list = g_strjoinv (", ", layout->classes);

        g_set_error (error, CS_ERROR, CS_ERROR_VALUE,
                     _("%s: expected class folders named as in %s (%s), found '%s'"),
                     train, metadata_path, list, (const char *) folders->pdata[f]);
        return FALSE;
      }
  return TRUE;
}

static gboolean
read_metadata (Layout  *layout,
               GError **error)
{
  g_autofree char *path = g_build_filename (layout->dir, METADATA_FILE, NULL);
  g_autofree char *train = g_build_filename (layout->dir, "train", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) folders = NULL;
  JsonObject *metadata;
  const char *name, *key;

  if (!(metadata = read_json_object (parser, path, METADATA_DEPTH, _("dataset facts"), error)) ||
      !(folders = cs_file_list_folder (train, NULL, error)))
    return FALSE;
  for (guint f = 0; f < folders->len; f++)
    if (!g_utf8_validate (folders->pdata[f], -1, NULL))
      {
        g_set_error (error, CS_ERROR, CS_ERROR_VALUE,
                     _("%s: expected class folders with UTF-8 names, found another"), train);
        return FALSE;
      }
  if (folders->len == 0)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_LAYOUT,
                   _("%s: expected a folder of images per class, found none"), train);
      return FALSE;
    }
  layout->classes = class_order (metadata, folders, &key);
  layout->K = (int) g_strv_length (layout->classes);
  if (!check_classes (layout, metadata, path, key, folders, train, error))
    return FALSE;
  if ((name = cs_json_read_string (metadata, "name"))[0] != '\0')
    cs_dataset_builder_set_name (layout->builder, name);
  return cs_dataset_builder_set_classes (layout->builder, g_strdupv (layout->classes), path,
                                         error);
}

/* The number after the last '-' of a file name's stem, as answers.json writes it (no leading
 * zeros), or NULL. */
static char *
task_number (const char *file)
{
  g_autofree char *base = g_path_get_basename (file);
  char *dot = strrchr (base, '.');
  char *dash;
  guint64 number;

  if (dot != NULL)
    *dot = '\0';
  if ((dash = strrchr (base, '-')) == NULL ||
      !g_ascii_string_to_unsigned (dash + 1, 10, 0, G_MAXINT64, &number, NULL))
    return NULL;
  return g_strdup_printf ("%" G_GUINT64_FORMAT, number);
}

/* The numbers of a split's images, or NULL when one has none or shares its number. */
static char **
numbered_ids (const GPtrArray *files)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) ids = g_new0 (char *, files->len + 1);

  for (guint i = 0; i < files->len; i++)
    if (!(ids[i] = task_number (files->pdata[i])) || !g_hash_table_add (seen, ids[i]))
      return NULL;
  return g_steal_pointer (&ids);
}

/* The task ids of a split's images: their numbers when each has one of its own, else their
 * places in the ImageFolder order. */
static char **
task_ids (const GPtrArray *files,
          gboolean        *numbered)
{
  char **ids = numbered_ids (files);

  if ((*numbered = ids != NULL))
    return ids;
  ids = g_new0 (char *, files->len + 1);
  for (guint i = 0; i < files->len; i++)
    ids[i] = g_strdup_printf ("%u", i);
  return ids;
}

/* The images of a split folder in ImageFolder order, as <class>/<file>, with their classes. */
static gboolean
list_images (const Layout  *layout,
             const char    *folder,
             GPtrArray     *files,
             GArray        *gold,
             GError       **error)
{
  g_autoptr(GPtrArray) classes = cs_file_list_folder (folder, NULL, error);

  for (guint c = 0; classes != NULL && c < classes->len; c++)
    {
      const char *name = classes->pdata[c];
      g_autofree char *class_folder = g_build_filename (folder, name, NULL);
      g_autoptr(GPtrArray) images = NULL;
      int32_t k = find_class (layout, name);

      if (k < 0)
        {
          g_autofree char *list = g_strjoinv (", ", layout->classes);

          g_set_error (error, CS_ERROR, CS_ERROR_VALUE,
                       _("%s: expected class folders named as in train/ (%s), found '%s'"),
                       folder, list, name);
          return FALSE;
        }
      if (!(images = cs_file_list_folder (class_folder, image_extensions, error)))
        return FALSE;
      for (guint i = 0; i < images->len; i++)
        {
          g_ptr_array_add (files, g_build_filename (name, images->pdata[i], NULL));
          g_array_append_val (gold, k);
        }
    }
  return classes != NULL;
}

static gboolean
read_answer (Layout       *layout,
             CsSplitKind   kind,
             const char   *path,
             const char   *task,
             int           item,
             const char   *worker,
             JsonNode     *value,
             GError      **error)
{
  g_autofree char *task_excerpt = quote (task);
  g_autofree char *worker_excerpt = quote (worker);
  gint64 label;

  if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64)
    {
      g_autofree char *found = quote_node (value);

      g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
                   _("%s: task '%s', worker '%s': expected a class index, found %s"),
                   path, task_excerpt, worker_excerpt, found);
      return FALSE;
    }
  if ((label = json_node_get_int (value)) < 0 || label >= layout->K)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_VALUE,
                   _("%s: task '%s', worker '%s': expected a class index 0–%d, found %" PRId64),
                   path, task_excerpt, worker_excerpt, layout->K - 1, label);
      return FALSE;
    }
  if (worker[0] == '\0')
    {
      g_set_error (error, CS_ERROR, CS_ERROR_VALUE,
                   _("%s: task '%s': expected a worker id, found an empty one"), path, task_excerpt);
      return FALSE;
    }
  cs_dataset_builder_add_label (layout->builder, kind, item, worker, (int) label);
  return TRUE;
}

/* The crowd labels of a split whose images have the given task ids. */
static gboolean
read_answers (Layout       *layout,
              CsSplitKind   kind,
              const char   *path,
              char * const *ids,
              const char   *folder,
              GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) items = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *tasks;
  JsonObjectIter iter;
  const char *task;
  JsonNode *workers;

  if (!(tasks = read_json_object (parser, path, ANSWERS_DEPTH, _("tasks"), error)))
    return FALSE;
  for (int i = 0; ids[i] != NULL; i++)
    g_hash_table_insert (items, ids[i], GINT_TO_POINTER (i + 1));
  json_object_iter_init_ordered (&iter, tasks);
  while (json_object_iter_next_ordered (&iter, &task, &workers))
    {
      int item = GPOINTER_TO_INT (g_hash_table_lookup (items, task)) - 1;
      g_autofree char *excerpt = quote (task);
      JsonObjectIter inner;
      const char *worker;
      JsonNode *value;

      if (item < 0)
        {
          g_set_error (error, CS_ERROR, CS_ERROR_VALUE,
                       _("%s: task '%s': expected the task id of an image in %s, found none with it"),
                       path, excerpt, folder);
          return FALSE;
        }
      if (!JSON_NODE_HOLDS_OBJECT (workers))
        {
          g_autofree char *found = quote_node (workers);

          g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
                       _("%s: task '%s': expected an object of workers and labels, found %s"),
                       path, excerpt, found);
          return FALSE;
        }
      json_object_iter_init_ordered (&inner, json_node_get_object (workers));
      while (json_object_iter_next_ordered (&inner, &worker, &value))
        if (!read_answer (layout, kind, path, task, item, worker, value, error))
          return FALSE;
    }
  return TRUE;
}

/* One split folder: its images, their features, classes and task ids, and the crowd labels of
 * answers (NULL when the split has none). A val or test folder without images is no split. */
static gboolean
read_split (Layout       *layout,
            CsSplitKind   kind,
            const char   *folder,
            const char   *answers,
            GError      **error)
{
  CsDatasetBuilder *builder = layout->builder;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) gold = g_array_new (FALSE, FALSE, sizeof (int32_t));
  g_auto(GStrv) ids = NULL;
  float *features;
  gboolean numbered;
  int n;

  if (!list_images (layout, folder, files, gold, error))
    return FALSE;
  if ((n = (int) files->len) == 0 && kind != CS_SPLIT_TRAIN)
    return TRUE;
  ids = task_ids (files, &numbered);
  if (!(features = cs_image_features_read_files (folder, (const char * const *) files->pdata, n,
                                                 error)) ||
      !cs_dataset_builder_set_split (builder, kind, n, CS_IMAGE_FEATURES_DIM, features, folder,
                                     error) ||
      !cs_dataset_builder_set_ids (builder, kind, g_strdupv (ids), folder, error) ||
      !cs_dataset_builder_set_gold (builder, kind, g_array_steal (gold, NULL), n, folder, error) ||
      !cs_dataset_builder_set_images (builder, kind, folder, (char * const *) files->pdata, n,
                                      folder, error))
    return FALSE;
  if (answers == NULL || !g_file_test (answers, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!numbered)
    cs_dataset_builder_warn (builder, _("%s: not every image is named <name>-<task>.<ext> with a "
                             "task of its own, so task i of %s is taken to be the i-th image "
                             "(class folders sorted, files sorted within each)"), folder, answers);
  return read_answers (layout, kind, answers, ids, folder, error);
}

/* val/ as peerannot writes it, or valid/; *folder is NULL when there is neither. */
static gboolean
find_valid_folder (const char  *dir,
                   char       **folder,
                   GError     **error)
{
  g_autofree char *val = g_build_filename (dir, "val", NULL);
  g_autofree char *valid = g_build_filename (dir, "valid", NULL);
  gboolean has_val = g_file_test (val, G_FILE_TEST_IS_DIR);
  gboolean has_valid = g_file_test (valid, G_FILE_TEST_IS_DIR);

  if (has_val && has_valid)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_LAYOUT,
                   _("%s: expected one validation folder, val or valid, found both"), dir);
      return FALSE;
    }
  *folder = has_val ? g_steal_pointer (&val) : has_valid ? g_steal_pointer (&valid) : NULL;
  return TRUE;
}

static gboolean
read_splits (Layout  *layout,
             GError **error)
{
  g_autofree char *train = g_build_filename (layout->dir, "train", NULL);
  g_autofree char *test = g_build_filename (layout->dir, "test", NULL);
  g_autofree char *answers = g_build_filename (layout->dir, ANSWERS_FILE, NULL);
  g_autofree char *valid_answers = g_build_filename (layout->dir, VALID_ANSWERS_FILE, NULL);
  g_autofree char *valid = NULL;

  return find_valid_folder (layout->dir, &valid, error) &&
         read_split (layout, CS_SPLIT_TRAIN, train, answers, error) &&
         (valid == NULL || read_split (layout, CS_SPLIT_VALID, valid, valid_answers, error)) &&
         (!g_file_test (test, G_FILE_TEST_IS_DIR) ||
          read_split (layout, CS_SPLIT_TEST, test, NULL, error));
}

CsDataset *
cs_peerannot_layout_load (const char           *dir,
                          const CsLoadOptions  *options,
                          GError              **error)
{
  g_autoptr(CsDatasetBuilder) builder = cs_dataset_builder_new (dir);
  Layout layout = { dir, builder, NULL, 0 };
  gboolean ok;

  ok = read_metadata (&layout, error) && read_splits (&layout, error);
  g_strfreev (layout.classes);
  if (!ok)
    return NULL;
  cs_dataset_builder_warn (builder, "%s", _(CS_IMAGE_FEATURES_NOTICE));
  return cs_dataset_builder_finish (builder, options, error);
}
