/* test-demo.c — the demo dataset is complete, consistent, learnable and reproducible
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cs-demo.h"
#include "cs-error.h"
#include "cs-image-features.h"
#include "cs-png-reader.h"
#include "test-tmpdir.h"
#include "test-util.h"

#define N_CLASSES 8

static const char * const class_names[N_CLASSES] = {
  "circle", "ring", "square", "diamond", "triangle", "star", "cross", "crescent",
};

static int
class_index (const char *name)
{
  for (int k = 0; k < N_CLASSES; k++)
    if (g_str_equal (name, class_names[k]))
      return k;
  return -1;
}

static int
count_files (const char *folder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, &error);
  int count = 0;

  g_assert_no_error (error);
  while (g_dir_read_name (dir) != NULL)
    count++;
  return count;
}

/* Lines of a CSV without quoting, as the demo writes it. Splitting on commas is exact here. */
static char **
read_lines (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &text, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 0);
  g_assert_true (text[length - 1] == '\n');
  text[length - 1] = '\0';
  return g_strsplit (text, "\n", -1);
}

typedef struct
{
  int      n;
  char   **ids;       /* [n] */
  int32_t *gold;      /* [n] */
  float   *features;  /* [n, CS_IMAGE_FEATURES_DIM] */
} Split;

static void
split_clear (Split *s)
{
  g_strfreev (s->ids);
  g_free (s->gold);
  g_free (s->features);
}

/* Reads <name>.csv and checks it against the images folder: header, column count on every
 * row, class names, finite features, and a readable 48 × 48 PNG for each row. */
static void
read_split (Split      *s,
            const char *root,
            const char *name,
            int         expected_n)
{
  const int d = CS_IMAGE_FEATURES_DIM;
  g_autofree char *file = g_strconcat (name, ".csv", NULL);
  g_autofree char *path = g_build_filename (root, file, NULL);
  g_autofree char *folder = g_build_filename (root, "images", name, NULL);
  g_auto(GStrv) lines = read_lines (path);
  g_auto(GStrv) header = g_strsplit (lines[0], ",", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, expected_n + 1);
  g_assert_cmpuint (g_strv_length (header), ==, 3 + d);
  g_assert_cmpstr (header[0], ==, "id");
  g_assert_cmpstr (header[1], ==, "image");
  g_assert_cmpstr (header[2], ==, "class");
  g_assert_cmpstr (header[3], ==, "f0");
  g_assert_cmpint (count_files (folder), ==, expected_n);

  s->n = expected_n;
  s->ids = g_new0 (char *, expected_n + 1);
  s->gold = g_new (int32_t, expected_n);
  s->features = g_new (float, (gsize) expected_n * d);
  for (int i = 0; i < expected_n; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i + 1], ",", -1);
      g_autofree char *image = NULL;
      g_autofree guint8 *rgb = NULL;
      int w = 0, h = 0;

      g_assert_cmpuint (g_strv_length (cells), ==, 3 + d);
      s->ids[i] = g_strdup (cells[0]);
      s->gold[i] = class_index (cells[2]);
      g_assert_cmpint (s->gold[i], >=, 0);
      for (int j = 0; j < d; j++)
        {
          char *end = NULL;
          double v = g_ascii_strtod (cells[3 + j], &end);

          g_assert_true (end != cells[3 + j] && *end == '\0' && isfinite (v));
          s->features[(gsize) i * d + j] = (float) v;
        }
      image = g_build_filename (folder, cells[1], NULL);
      rgb = cs_test_png_read (image, &w, &h);
      g_assert_cmpint (w, ==, CS_DEMO_IMAGE_SIZE);
      g_assert_cmpint (h, ==, CS_DEMO_IMAGE_SIZE);
    }
}

static void
check_manifest (const char *root)
{
  g_autofree char *path = g_build_filename (root, CS_DEMO_MANIFEST, NULL);
  g_autoptr(GKeyFile) manifest = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) classes = NULL;
  const char *splits[] = { "train", "valid", "test" };
  gsize n_classes = 0;

  g_assert_true (g_key_file_load_from_file (manifest, path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  classes = g_key_file_get_string_list (manifest, "dataset", "classes", &n_classes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_classes, ==, N_CLASSES);
  for (int k = 0; k < N_CLASSES; k++)
    g_assert_cmpstr (classes[k], ==, class_names[k]);

  for (guint s = 0; s < G_N_ELEMENTS (splits); s++)
    {
      g_autofree char *features = g_key_file_get_string (manifest, splits[s], "features", NULL);
      g_autofree char *images = g_key_file_get_string (manifest, splits[s], "images", NULL);
      g_autofree char *crowd = g_key_file_get_string (manifest, splits[s], "crowd", NULL);
      g_autofree char *features_path = g_build_filename (root, features, NULL);
      g_autofree char *images_path = g_build_filename (root, images, NULL);
      g_autofree char *gold = g_key_file_get_string (manifest, splits[s], "gold-column", NULL);

      g_assert_true (g_file_test (features_path, G_FILE_TEST_IS_REGULAR));
      g_assert_true (g_file_test (images_path, G_FILE_TEST_IS_DIR));
      g_assert_cmpstr (gold, ==, "class");
      if (s == 0)
        g_assert_cmpstr (crowd, ==, "crowd.csv");
      else
        g_assert_null (crowd);
    }
}

/* Every crowd label names a train item, a worker-NN annotator and a class; labels are sorted
 * by item then annotator; every train item has one. Returns how many there are. */
static int
check_crowd (const char  *root,
             const Split *train)
{
  g_autofree char *path = g_build_filename (root, "crowd.csv", NULL);
  g_auto(GStrv) lines = read_lines (path);
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree int *per_item = g_new0 (int, train->n);
  int n_labels = (int) g_strv_length (lines) - 1;
  int previous_item = -1, previous_worker = 0;

  g_assert_cmpstr (lines[0], ==, "item,annotator,label");
  for (int i = 0; i < train->n; i++)
    g_hash_table_insert (index, train->ids[i], GINT_TO_POINTER (i + 1));

  for (int l = 1; l <= n_labels; l++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[l], ",", -1);
      int item, worker = 0;

      g_assert_cmpuint (g_strv_length (cells), ==, 3);
      item = GPOINTER_TO_INT (g_hash_table_lookup (index, cells[0])) - 1;
      g_assert_cmpint (item, >=, 0);
      g_assert_cmpint (sscanf (cells[1], "worker-%d", &worker), ==, 1);
      g_assert_cmpint (worker, >=, 1);
      g_assert_cmpint (worker, <=, CS_DEMO_N_ANNOTATORS);
      g_assert_cmpint (class_index (cells[2]), >=, 0);
      g_assert_true (item > previous_item || (item == previous_item && worker > previous_worker));
      previous_item = item;
      previous_worker = worker;
      per_item[item]++;
    }
  for (int i = 0; i < train->n; i++)
    g_assert_cmpint (per_item[i], >=, 1);
  return n_labels;
}

static void
check_planted (const char *root)
{
  g_autofree char *path = g_build_filename (root, "planted.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *top;
  JsonArray *common, *annotators;
  int kinds[4] = { 0 };
  const char *kind_names[] = { "reliable", "spammer", "swapper", "common" };

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  top = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (top, "classes")), ==,
                    N_CLASSES);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (top, "common_pairs")),
                    ==, 4);
  common = json_object_get_array_member (top, "common");
  g_assert_cmpuint (json_array_get_length (common), ==, N_CLASSES);
  /* circle → ring and square → diamond are planted, triangle → triangle is untouched. */
  g_assert_cmpfloat (json_array_get_double_element (json_array_get_array_element (common, 0), 1),
                     ==, 0.6);
  g_assert_cmpfloat (json_array_get_double_element (json_array_get_array_element (common, 2), 3),
                     ==, 0.6);
  g_assert_cmpfloat (json_array_get_double_element (json_array_get_array_element (common, 4), 4),
                     ==, 1.0);

  annotators = json_object_get_array_member (top, "annotators");
  g_assert_cmpuint (json_array_get_length (annotators), ==, CS_DEMO_N_ANNOTATORS);
  for (guint r = 0; r < CS_DEMO_N_ANNOTATORS; r++)
    {
      JsonObject *a = json_array_get_object_element (annotators, r);
      const char *kind = json_object_get_string_member (a, "kind");
      JsonArray *confusion = json_object_get_array_member (a, "confusion");

      for (guint k = 0; k < G_N_ELEMENTS (kind_names); k++)
        kinds[k] += g_str_equal (kind, kind_names[k]);
      g_assert_cmpuint (json_array_get_length (confusion), ==, N_CLASSES);
      g_assert_cmpint (json_object_get_int_member (a, "labels"), >, 0);
    }
  /* 10% spammers, 10% swappers and a third sharing the common confusion, of 30. */
  g_assert_cmpint (kinds[0], ==, 14);
  g_assert_cmpint (kinds[1], ==, 3);
  g_assert_cmpint (kinds[2], ==, 3);
  g_assert_cmpint (kinds[3], ==, 10);
}

/* Standardises with the train statistics, fits softmax regression by full-batch gradient
 * descent on the gold labels, and returns its accuracy on `test`. */
static double
logistic_regression_accuracy (const Split *train,
                              const Split *test)
{
  const int d = CS_IMAGE_FEATURES_DIM, K = N_CLASSES, steps = 300;
  const double rate = 0.5, decay = 1e-4;
  g_autofree double *mean = g_new0 (double, d);
  g_autofree double *sd = g_new0 (double, d);
  g_autofree double *w = g_new0 (double, (d + 1) * K);
  g_autofree double *grad = g_new (double, (d + 1) * K);
  g_autofree double *x = g_new (double, d + 1);
  double p[N_CLASSES];
  int correct = 0;

  for (int i = 0; i < train->n; i++)
    for (int j = 0; j < d; j++)
      mean[j] += train->features[(gsize) i * d + j] / train->n;
  for (int i = 0; i < train->n; i++)
    for (int j = 0; j < d; j++)
      sd[j] += pow (train->features[(gsize) i * d + j] - mean[j], 2) / train->n;
  for (int j = 0; j < d; j++)
    sd[j] = sqrt (sd[j]) + 1e-6;

  for (int step = 0; step < steps; step++)
    {
      memset (grad, 0, sizeof (double) * (d + 1) * K);
      for (int i = 0; i < train->n; i++)
        {
          double top = -INFINITY, sum = 0.0;

          for (int j = 0; j < d; j++)
            x[j] = (train->features[(gsize) i * d + j] - mean[j]) / sd[j];
          x[d] = 1.0;
          for (int k = 0; k < K; k++)
            {
              p[k] = 0.0;
              for (int j = 0; j <= d; j++)
                p[k] += w[j * K + k] * x[j];
              top = MAX (top, p[k]);
            }
          for (int k = 0; k < K; k++)
            sum += (p[k] = exp (p[k] - top));
          for (int k = 0; k < K; k++)
            {
              double delta = p[k] / sum - (k == train->gold[i]);

              for (int j = 0; j <= d; j++)
                grad[j * K + k] += delta * x[j] / train->n;
            }
        }
      for (int e = 0; e < (d + 1) * K; e++)
        w[e] -= rate * (grad[e] + decay * w[e]);
    }

  for (int i = 0; i < test->n; i++)
    {
      int best = 0;

      for (int j = 0; j < d; j++)
        x[j] = (test->features[(gsize) i * d + j] - mean[j]) / sd[j];
      x[d] = 1.0;
      for (int k = 0; k < K; k++)
        {
          p[k] = 0.0;
          for (int j = 0; j <= d; j++)
            p[k] += w[j * K + k] * x[j];
          if (p[k] > p[best])
            best = k;
        }
      correct += best == test->gold[i];
    }
  return (double) correct / test->n;
}

static void
test_demo_write (TestTmpdir    *f,
                 gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "nested", "demo", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  Split train = { 0 }, valid = { 0 }, test = { 0 };
  double seconds, accuracy;
  int n_labels;

  g_assert_true (cs_demo_write (root, 7, &error));
  g_assert_no_error (error);
  seconds = g_timer_elapsed (timer, NULL);
  g_test_message ("cs_demo_write took %.3f s", seconds);

  g_assert_cmpint (count_files (root), ==, 7);  /* six files and the images folder */
  check_manifest (root);
  read_split (&train, root, "train", CS_DEMO_N_TRAIN);
  read_split (&valid, root, "valid", CS_DEMO_N_VALID);
  read_split (&test, root, "test", CS_DEMO_N_TEST);
  n_labels = check_crowd (root, &train);
  g_test_message ("%d crowd labels on %d train items", n_labels, train.n);
  g_assert_cmpint (n_labels, >, 2.8 * CS_DEMO_N_TRAIN);
  g_assert_cmpint (n_labels, <, 3.2 * CS_DEMO_N_TRAIN);
  check_planted (root);

  accuracy = logistic_regression_accuracy (&train, &test);
  g_test_message ("softmax regression on the features, trained on gold: %.1f%% test accuracy",
                  100 * accuracy);
  g_assert_cmpfloat (accuracy, >=, 0.85);

  split_clear (&train);
  split_clear (&valid);
  split_clear (&test);
}

static GBytes *
read_file (const char *root,
           const char *name)
{
  g_autofree char *path = g_build_filename (root, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
test_demo_deterministic (TestTmpdir    *f,
                         gconstpointer  data)
{
  g_autofree char *a = g_build_filename (f->dir, "a", NULL);
  g_autofree char *b = g_build_filename (f->dir, "b", NULL);
  g_autofree char *c = g_build_filename (f->dir, "c", NULL);
  const char *files[] = {
    "train.csv", "valid.csv", "test.csv", "crowd.csv", "planted.json", CS_DEMO_MANIFEST,
    "images/train/train-0001.png", "images/test/test-0200.png",
  };
  g_autoptr(GBytes) train_a = NULL;
  g_autoptr(GBytes) train_c = NULL;

  g_assert_true (cs_demo_write (a, 3, NULL));
  g_assert_true (cs_demo_write (b, 3, NULL));
  g_assert_true (cs_demo_write (c, 4, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GBytes) in_a = read_file (a, files[i]);
      g_autoptr(GBytes) in_b = read_file (b, files[i]);

      g_assert_true (g_bytes_equal (in_a, in_b));
    }
  train_a = read_file (a, "train.csv");
  train_c = read_file (c, "train.csv");
  g_assert_false (g_bytes_equal (train_a, train_c));
}

/* A folder cannot be made inside a regular file, whoever runs the test. */
static void
test_demo_unwritable (TestTmpdir    *f,
                      gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->dir, "plain-file", NULL);
  g_autofree char *root = g_build_filename (file, "demo", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (file, "not a folder", -1, NULL));
  g_assert_false (cs_demo_write (root, 1, &error));
  cs_test_assert_io_error (error, root, "create folder", ENOTDIR);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  test_tmpdir_add ("/demo/write", test_demo_write);
  test_tmpdir_add ("/demo/deterministic", test_demo_deterministic);
  test_tmpdir_add ("/demo/unwritable", test_demo_unwritable);
  return g_test_run ();
}
