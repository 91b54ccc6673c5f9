/* test-util.c — small helpers the tests share
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "test-tmpdir.h"
#include "cs-noise-private.h"

#include "cs-error.h"
#include "cs-file.h"
#include "cs-npy.h"
#include "cs-rng.h"
#include "test-util.h"

struct _CsTestDir
{
  char      *root;
  GPtrArray *paths;
};

CsTestDir *
cs_test_dir_new (void)
{
  CsTestDir *self = g_new0 (CsTestDir, 1);
  g_autoptr(GError) error = NULL;

  self->root = g_dir_make_tmp ("crowdscope-test-XXXXXX", &error);
  g_assert_no_error (error);
  self->paths = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
cs_test_dir_free (CsTestDir *self)
{
  test_tmpdir_remove (self->root);
  g_free (self->root);
  g_ptr_array_unref (self->paths);
  g_free (self);
}

const char *
cs_test_dir_path (CsTestDir  *self,
                  const char *relative)
{
  if (relative == NULL)
    return self->root;
  g_ptr_array_add (self->paths, g_build_filename (self->root, relative, NULL));
  return g_ptr_array_index (self->paths, self->paths->len - 1);
}

const char *
cs_test_dir_write (CsTestDir  *self,
                   const char *relative,
                   const char *format,
                   ...)
{
  const char *path = cs_test_dir_path (self, relative);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  cs_file_write_atomic (path, text, strlen (text), &error);
  g_assert_no_error (error);
  return path;
}

#define SMALL_TRAIN       60
#define SMALL_EVAL        30
#define SMALL_ANNOTATORS  4

/* <split>.csv: id, class, then d features near 2 in the column of the item's class. */
static void
write_small_split (CsTestDir   *tmp,
                   const char  *dir,
                   const char  *split,
                   int          n,
                   char       **classes,
                   int          d,
                   CsRng       *rng)
{
  g_autofree char *file = g_strdup_printf ("%s/%s.csv", dir, split);
  g_autoptr(GString) csv = g_string_new ("id,class");
  int K = (int) g_strv_length (classes);

  for (int j = 0; j < d; j++)
    g_string_append_printf (csv, ",f%d", j);
  for (int i = 0; i < n; i++)
    {
      g_string_append_printf (csv, "\n%s-%d,%s", split, i, classes[i % K]);
      for (int j = 0; j < d; j++)
        g_string_append_printf (csv, ",%.3f",
                                (j % K == i % K ? 2.0 : 0.0) + cs_rng_normal (rng) * 0.5);
    }
  g_string_append_c (csv, '\n');
  cs_test_dir_write (tmp, file, "%s", csv->str);
}

/* crowd.csv: every annotator labels every train item, wrongly (the next class) one time in
 * five. */
static void
write_small_crowd (CsTestDir   *tmp,
                   const char  *dir,
                   char       **classes)
{
  g_autofree char *file = g_strdup_printf ("%s/crowd.csv", dir);
  g_autoptr(GString) csv = g_string_new ("item,annotator,label\n");
  int K = (int) g_strv_length (classes);

  for (int i = 0; i < SMALL_TRAIN; i++)
    for (int r = 0; r < SMALL_ANNOTATORS; r++)
      g_string_append_printf (csv, "train-%d,w%d,%s\n", i, r,
                              classes[(i + ((i + r) % 5 == 0)) % K]);
  cs_test_dir_write (tmp, file, "%s", csv->str);
}

const char *
cs_test_write_small_dataset (CsTestDir  *tmp,
                             const char *relative,
                             const char *classes,
                             int         d,
                             uint64_t    seed)
{
  g_auto(GStrv) names = g_strsplit (classes, ";", -1);
  g_autofree char *manifest = g_build_filename (relative, "crowdscope.ini", NULL);
  CsRng rng;

  cs_rng_init (&rng, seed);
  write_small_split (tmp, relative, "train", SMALL_TRAIN, names, d, &rng);
  write_small_split (tmp, relative, "valid", SMALL_EVAL, names, d, &rng);
  write_small_split (tmp, relative, "test", SMALL_EVAL, names, d, &rng);
  write_small_crowd (tmp, relative, names);
  cs_test_dir_write (tmp, manifest,
                     "[dataset]\nname=small\nclasses=%s\nstandardize=no\n"
                     "[train]\nfeatures=train.csv\nid-column=id\ngold-column=class\n"
                     "crowd=crowd.csv\n"
                     "[valid]\nfeatures=valid.csv\nid-column=id\ngold-column=class\n"
                     "[test]\nfeatures=test.csv\nid-column=id\ngold-column=class\n", classes);
  return cs_test_dir_path (tmp, relative);
}

void
cs_test_config (CsTrainConfig *config,
                CsMethod       method,
                int            epochs,
                int            batch_size)
{
  cs_train_config_init (config);
  config->method = method;
  config->epochs = epochs;
  config->batch_size = batch_size;
  config->threads = 1;
}

CsRun *
cs_test_train (CsDataset              *dataset,
               CsMethod                method,
               int                     epochs,
               const CsTrainCallbacks *callbacks)
{
  g_autoptr(GError) error = NULL;
  CsTrainConfig config;
  CsRun *run;

  cs_test_config (&config, method, epochs, 32);
  config.selection = CS_SELECT_LAST;
  run = cs_train (dataset, &config, callbacks, &error);
  g_assert_no_error (error);
  return run;
}

CsDataset *
cs_test_load_small_dataset (CsTestDir *tmp)
{
  g_autoptr(GError) error = NULL;
  CsDataset *dataset = cs_dataset_load (cs_test_write_small_dataset (tmp, "small", "a;b;c", 4, 1),
                                        NULL, &error);

  g_assert_no_error (error);
  return dataset;
}

char *
cs_test_shared_path (const char *name)
{
  const char *root = g_getenv ("CS_SHARED_DATA");
  g_autofree char *path = NULL;

  if (root != NULL)
    path = g_build_filename (root, name, NULL);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("the shared datasets are not there (CS_SHARED_DATA)");
      return NULL;
    }
  return g_steal_pointer (&path);
}

CsDataset *
cs_test_load_shared (const char *name)
{
  g_autofree char *dir = cs_test_shared_path (name);
  g_autoptr(GError) error = NULL;
  CsDataset *dataset;

  if (dir == NULL)
    return NULL;
  dataset = cs_dataset_load (dir, NULL, &error);
  g_assert_no_error (error);
  return dataset;
}

/* A float32 array [rows, cols] holding 0, 1, 2, … in row-major order. */
void
cs_test_write_npy_f32 (const char *path,
                       int         rows,
                       int         cols)
{
  g_autofree float *values = g_new (float, (gsize) rows * cols);
  gsize shape[2] = { rows, cols };
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < rows * cols; i++)
    values[i] = (float) i;
  cs_npy_save_f32 (path, values, 2, shape, &error);
  g_assert_no_error (error);
}

gboolean
cs_test_warnings_contain (const CsDataset *dataset,
                          const char      *fragment)
{
  for (guint i = 0; i < dataset->warnings->len; i++)
    if (strstr (g_ptr_array_index (dataset->warnings, i), fragment))
      return TRUE;
  return FALSE;
}

char *
cs_test_safetensors_metadata (const char *path,
                              const char *key)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  JsonObject *header, *metadata;
  guint64 header_len;
  gsize len;

  g_file_get_contents (path, &bytes, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, >=, 8);
  memcpy (&header_len, bytes, 8);
  header_len = GUINT64_FROM_LE (header_len);
  g_assert_cmpuint (header_len, <=, len - 8);
  json_parser_load_from_data (parser, bytes + 8, (gssize) header_len, &error);
  g_assert_no_error (error);
  header = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (header, "__metadata__"))
    return NULL;
  metadata = json_object_get_object_member (header, "__metadata__");
  return json_object_has_member (metadata, key) ?
         g_strdup (json_object_get_string_member (metadata, key)) : NULL;
}

void
cs_test_assert_io_error (const GError *error,
                         const char   *path,
                         const char   *verb,
                         int           errsv)
{
  g_autofree char *expected = g_strdup_printf ("%s: cannot %s: %s", path, verb, g_strerror (errsv));

  g_assert_error (error, CS_ERROR, CS_ERROR_IO);
  g_assert_cmpstr (error->message, ==, expected);
}

/* Item 0 has three labels, item 1 two, item 2 none, items 3 and 4 one each; annotator 2 labels
 * twice, and labels disagree, so every path through a layer carries a gradient. */
const CsCrowdLabel cs_test_crowd[CS_TEST_CROWD_LABELS] = {
  { 0, 0, 1 }, { 0, 1, 1 }, { 0, 2, 3 },
  { 1, 0, 2 }, { 1, 2, 0 },
  { 3, 1, 3 },
  { 4, 2, 2 },
};

CsTestNoiseBuffers *
cs_test_noise_buffers_new (int B,
                           int L,
                           int K,
                           int R)
{
  CsNoiseBuffers *buf = g_new0 (CsNoiseBuffers, 1);
  size_t n = cs_noise_buffers_layout (buf, NULL, B, L, K, R, true, true);

  cs_noise_buffers_layout (buf, g_new0 (float, n), B, L, K, R, true, true);
  return buf;
}

void
cs_test_noise_buffers_free (CsTestNoiseBuffers *buf)
{
  g_free (buf->crowd_logits);  /* the block every array lies in (cs_noise_buffers_layout) */
  g_free (buf);
}

#define WAIT_SECONDS 120

void
cs_test_wait_for (CsTestCondition  done,
                  gpointer         data,
                  const char      *what)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }
}

void
cs_test_spin (int milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

void
cs_test_keep_result (GObject      *object,
                     GAsyncResult *result,
                     gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

GAsyncResult *
cs_test_wait_result (GAsyncResult **result,
                     const char    *what)
{
  cs_test_wait_for (has_result, result, what);
  return g_steal_pointer (result);
}

void
cs_test_cli_result_clear (CsTestCliResult *r)
{
  g_free (r->out);
  g_free (r->err);
}

void
cs_test_run_cli_argv (CsTestCliResult    *r,
                      const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("CS_CLI");
  int wait_status;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  for (int i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &r->out, &r->err, &wait_status, &error);
  g_assert_no_error (error);
  r->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

void
cs_test_run_cli_valist (CsTestCliResult *r,
                        const char      *first,
                        va_list          ap)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  for (const char *a = first; a; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  g_ptr_array_add (args, NULL);
  cs_test_run_cli_argv (r, (const char * const *) args->pdata);
}

void
cs_test_run_cli (CsTestCliResult *r,
                 const char      *first,
                 ...)
{
  va_list ap;

  va_start (ap, first);
  cs_test_run_cli_valist (r, first, ap);
  va_end (ap);
}

void
cs_test_assert_cli_fails (int         status,
                          const char *message,
                          const char *first,
                          ...)
{
  g_auto(CsTestCliResult) r = { 0 };
  va_list ap;

  va_start (ap, first);
  cs_test_run_cli_valist (&r, first, ap);
  va_end (ap);
  g_assert_cmpint (r.status, ==, status);
  cs_test_assert_contains (r.err, message);
}

JsonObject *
cs_test_parse_object (JsonParser *parser,
                      const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}
