/* test-peerannot.c — peerannot's dataset folders: images in class folders, answers.json
 *
 * Each test writes a small folder as peerannot's dataset scripts do (tiny PNG images named
 * <name>-<task>.png in train/, val/ and test/, answers.json, metadata.json) and loads it.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>

#include "cs-dataset.h"
#include "cs-error.h"
#include "cs-file.h"
#include "cs-image-features.h"
#include "cs-png.h"
#include "test-util.h"

#define SIZE 8

/* The toy folder: two classes, four train images (two per class, written out of order), two
 * val images and three test images, three workers. */
static const char *toy_images[] = {
  "train/cat/cat-2.png", "train/cat/cat-0.png", "train/dog/dog-3.png", "train/dog/dog-1.png",
  "val/cat/cat-4.png", "val/dog/dog-5.png",
  "test/cat/a-6.png", "test/dog/b-7.png", "test/dog/c-8.png",
};

/* Members Crowdscope does not read, nested or not, are no error. */
#define TOY_METADATA \
  "{\"name\": \"toy\", \"n_classes\": 2, \"n_workers\": 3, \"n_tasks\": 4,\n" \
  " \"source\": {\"paper\": {\"venue\": {\"year\": 2024}}}}"
#define TOY_ANSWERS \
  "{\"0\": {\"0\": 0, \"1\": 1}, \"1\": {\"0\": 1, \"2\": 1}, \"2\": {\"1\": 0},\n" \
  " \"3\": {\"0\": 1, \"1\": 1, \"2\": 0}}\n"

/* A square on a plain background, darker for the second half of the classes' images. */
static void
write_png (CsTestDir  *tmp,
           const char *relative,
           int         shade)
{
  const char *path = cs_test_dir_path (tmp, relative);
  g_autofree char *dir = g_path_get_dirname (path);
  guint8 rgb[SIZE * SIZE * 3];
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;

  for (int y = 0; y < SIZE; y++)
    for (int x = 0; x < SIZE; x++)
      memset (rgb + (y * SIZE + x) * 3, x > 1 && x < 6 && y > 1 && y < 6 ? shade : 255, 3);
  png = cs_png_encode_rgb (SIZE, SIZE, SIZE * 3, rgb, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  cs_file_write_atomic (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png), &error);
  g_assert_no_error (error);
}

static void
write_toy (CsTestDir *tmp)
{
  for (guint i = 0; i < G_N_ELEMENTS (toy_images); i++)
    write_png (tmp, toy_images[i], strstr (toy_images[i], "/cat/") ? 0 : 128);
  cs_test_dir_write (tmp, "metadata.json", TOY_METADATA);
  cs_test_dir_write (tmp, "answers.json", TOY_ANSWERS);
}

static CsDataset *
load (CsTestDir *tmp)
{
  g_autoptr(GError) error = NULL;
  CsDataset *dataset = cs_dataset_load (cs_test_dir_path (tmp, "."), NULL, &error);

  g_assert_no_error (error);
  return dataset;
}

/* The label annotator `id` gave item i of split, or -1. */
static int
label_of (const CsDataset *dataset,
          const CsSplit   *split,
          int              i,
          const char      *id)
{
  for (int l = split->item_offsets[i]; l < split->item_offsets[i + 1]; l++)
    if (strcmp (dataset->annotator_ids[split->labels[l].annotator], id) == 0)
      return split->labels[l].label;
  return -1;
}

static void
assert_items (const CsSplit *split,
              const char    *ids,
              const int32_t *gold)
{
  g_auto(GStrv) expected = g_strsplit (ids, " ", -1);

  g_assert_cmpint (split->n, ==, (int) g_strv_length (expected));
  for (int i = 0; i < split->n; i++)
    {
      g_assert_cmpstr (split->item_ids[i], ==, expected[i]);
      g_assert_cmpint (split->gold[i], ==, gold[i]);
    }
}

static void
test_toy (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsDataset) dataset = NULL;
  const CsSplit *train;

  write_toy (tmp);
  dataset = load (tmp);
  g_assert_cmpstr (dataset->name, ==, "toy");
  g_assert_cmpint (dataset->n_classes, ==, 2);
  g_assert_cmpstr (dataset->class_names[0], ==, "cat");
  g_assert_cmpstr (dataset->class_names[1], ==, "dog");
  g_assert_cmpint (dataset->d, ==, CS_IMAGE_FEATURES_DIM);

  /* ImageFolder's order: class folders sorted, files sorted within each; the ids are the
   * numbers after the last '-'. */
  train = cs_dataset_get_split (dataset, CS_SPLIT_TRAIN);
  assert_items (train, "0 2 1 3", (const int32_t[]) { 0, 0, 1, 1 });
  assert_items (cs_dataset_get_split (dataset, CS_SPLIT_VALID), "4 5", (const int32_t[]) { 0, 1 });
  assert_items (cs_dataset_get_split (dataset, CS_SPLIT_TEST), "6 7 8",
                (const int32_t[]) { 0, 1, 1 });
  g_assert_true (g_str_has_suffix (train->image_paths[1], "/train/cat/cat-2.png"));
  g_assert_true (g_file_test (train->image_paths[1], G_FILE_TEST_IS_REGULAR));

  g_assert_cmpint (dataset->n_annotators, ==, 3);
  g_assert_cmpstr (dataset->annotator_ids[2], ==, "2");
  g_assert_cmpint (train->n_labels, ==, 8);
  g_assert_cmpint (label_of (dataset, train, 0, "0"), ==, 0);
  g_assert_cmpint (label_of (dataset, train, 0, "1"), ==, 1);
  g_assert_cmpint (label_of (dataset, train, 0, "2"), ==, -1);
  g_assert_cmpint (label_of (dataset, train, 1, "1"), ==, 0);   /* task 2 */
  g_assert_cmpint (label_of (dataset, train, 2, "0"), ==, 1);   /* task 1 */
  g_assert_cmpint (label_of (dataset, train, 2, "2"), ==, 1);
  g_assert_cmpint (label_of (dataset, train, 3, "2"), ==, 0);   /* task 3 */
  g_assert_cmpint (train->annotator_offsets[1] - train->annotator_offsets[0], ==, 3);
  g_assert_cmpint (cs_dataset_get_split (dataset, CS_SPLIT_VALID)->n_labels, ==, 0);

  g_assert_true (cs_test_warnings_contain (dataset, "features from a pretrained network"));
  g_assert_false (cs_test_warnings_contain (dataset, "i-th image"));
}

/* Images without numbers of their own are tasks in ImageFolder's order, and the dataset says
 * so. */
static void
test_unnumbered (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsDataset) dataset = NULL;
  const CsSplit *train;

  write_png (tmp, "train/cat/x.png", 0);
  write_png (tmp, "train/cat/y-1.png", 0);
  write_png (tmp, "train/dog/z.png", 128);
  cs_test_dir_write (tmp, "metadata.json", "{\"name\": \"plain\", \"n_classes\": 2}");
  cs_test_dir_write (tmp, "answers.json", "{\"2\": {\"7\": 1}, \"0\": {\"7\": 0}}");
  dataset = load (tmp);
  train = cs_dataset_get_split (dataset, CS_SPLIT_TRAIN);
  assert_items (train, "0 1 2", (const int32_t[]) { 0, 0, 1 });
  g_assert_cmpint (label_of (dataset, train, 2, "7"), ==, 1);
  g_assert_cmpint (label_of (dataset, train, 0, "7"), ==, 0);
  g_assert_null (cs_dataset_get_split (dataset, CS_SPLIT_TEST));
  g_assert_true (cs_test_warnings_contain (dataset, "i-th image"));
}

/* Class names in metadata.json give the class indices; answers_valid.json the val labels. */
static void
test_metadata_classes (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsDataset) dataset = NULL;
  const CsSplit *valid;

  write_toy (tmp);
  cs_test_dir_write (tmp, "metadata.json", "{\"name\": \"toy\", \"classes\": [\"dog\", \"cat\"]}");
  cs_test_dir_write (tmp, "answers_valid.json", "{\"5\": {\"0\": 0}}");
  g_assert_cmpint (g_rename (cs_test_dir_path (tmp, "val"), cs_test_dir_path (tmp, "valid")), ==, 0);
  dataset = load (tmp);
  g_assert_cmpstr (dataset->class_names[0], ==, "dog");
  assert_items (cs_dataset_get_split (dataset, CS_SPLIT_TRAIN), "0 2 1 3",
                (const int32_t[]) { 1, 1, 0, 0 });
  valid = cs_dataset_get_split (dataset, CS_SPLIT_VALID);
  g_assert_cmpint (valid->n_labels, ==, 1);
  g_assert_cmpint (label_of (dataset, valid, 1, "0"), ==, 0);
}

/* CIFAR-10H's labels follow CIFAR-10's class order, not the sorted folders, as in peerannot. */
static void
test_cifar10h_order (void)
{
  static const char *cifar[] = {
    "plane", "car", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck",
  };
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsDataset) dataset = NULL;
  const CsSplit *train;

  for (int k = 0; k < 10; k++)
    {
      g_autofree char *file = g_strdup_printf ("train/%s/%s-%d.png", cifar[k], cifar[k], k);

      write_png (tmp, file, 20 * k);
    }
  cs_test_dir_write (tmp, "metadata.json", "{\"name\": \"cifar-10h\", \"n_classes\": 10}");
  cs_test_dir_write (tmp, "answers.json", "{\"2\": {\"9\": 2}}");
  dataset = load (tmp);
  train = cs_dataset_get_split (dataset, CS_SPLIT_TRAIN);
  g_assert_cmpstr (dataset->class_names[0], ==, "plane");
  /* bird is the first folder in sorted order, class 2, task 2. */
  g_assert_cmpstr (train->item_ids[0], ==, "2");
  g_assert_cmpint (train->gold[0], ==, 2);
  g_assert_cmpint (label_of (dataset, train, 0, "9"), ==, 2);
}

typedef struct
{
  const char *name;
  const char *file;       /* written over the toy folder's, relative to it */
  const char *contents;
  int         code;
  const char *fragments[3];
} BadCase;

static const BadCase bad_cases[] = {
  { "task-outside", "answers.json", "{\"0\": {\"0\": 1}, \"9\": {\"0\": 1}}", CS_ERROR_VALUE,
    { "answers.json: task '9'", "expected the task id of an image in", "/train" } },
  { "label-outside", "answers.json", "{\"1\": {\"w\": 2}}", CS_ERROR_VALUE,
    { "answers.json: task '1', worker 'w'", "class index 0–1", "found 2" } },
  { "label-negative", "answers.json", "{\"1\": {\"w\": -1}}", CS_ERROR_VALUE,
    { "answers.json: task '1', worker 'w'", "found -1", NULL } },
  { "label-string", "answers.json", "{\"1\": {\"w\": \"dog\"}}", CS_ERROR_FORMAT,
    { "answers.json: task '1', worker 'w'", "expected a class index, found \"dog\"", NULL } },
  { "task-not-object", "answers.json", "{\"1\": [1, 0]}", CS_ERROR_FORMAT,
    { "answers.json: task '1'", "expected an object of workers and labels", "[1,0]" } },
  { "answers-not-object", "answers.json", "[1, 2]", CS_ERROR_FORMAT,
    { "answers.json", "expected an object of tasks", NULL } },
  { "answers-malformed", "answers.json", "{\"0\": {\"0\": 1}", CS_ERROR_PARSE,
    { "answers.json", NULL } },
  { "valid-answers-outside", "answers_valid.json", "{\"0\": {\"0\": 1}}", CS_ERROR_VALUE,
    { "answers_valid.json: task '0'", "/val", NULL } },
  { "metadata-malformed", "metadata.json", "{\"name\": ", CS_ERROR_PARSE,
    { "metadata.json", NULL } },
  { "n-classes", "metadata.json", "{\"name\": \"toy\", \"n_classes\": 3}", CS_ERROR_SHAPE,
    { "metadata.json: n_classes", "expected 2", "found 3" } },
  { "class-names", "metadata.json", "{\"classes\": [\"cat\", \"bird\"]}", CS_ERROR_VALUE,
    { "/train: expected class folders named as in", "cat, bird", "'dog'" } },
  { "valid-class", "val/bird/bird-9.png", "", CS_ERROR_VALUE,
    { "/val: expected class folders named as in train/", "'bird'", NULL } },
  { "not-an-image", "test/cat/a-6.png", "GIF89a", CS_ERROR_FORMAT,
    { "test/cat/a-6.png: expected a PNG or JPEG image", "PNG and JPEG files", NULL } },
  { "truncated-jpeg", "test/cat/a-6.jpg", "\xff\xd8\xff\xe0 JFIF", CS_ERROR_PARSE,
    { "test/cat/a-6.jpg: cannot decode the JPEG image", NULL } },
  { "both-valid-folders", "valid/cat/cat-4.png", "", CS_ERROR_LAYOUT,
    { "val or valid, found both", NULL } },
};

static void
test_bad (gconstpointer data)
{
  const BadCase *c = data;
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDataset) dataset = NULL;

  write_toy (tmp);
  if (g_str_has_suffix (c->file, ".png") && c->contents[0] == '\0')
    write_png (tmp, c->file, 0);
  else
    cs_test_dir_write (tmp, c->file, "%s", c->contents);
  dataset = cs_dataset_load (cs_test_dir_path (tmp, "."), NULL, &error);
  g_assert_null (dataset);
  g_assert_error (error, CS_ERROR, c->code);
  for (int i = 0; i < 3 && c->fragments[i]; i++)
    cs_test_assert_contains (error->message, c->fragments[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/peerannot/toy", test_toy);
  g_test_add_func ("/peerannot/unnumbered", test_unnumbered);
  g_test_add_func ("/peerannot/metadata-classes", test_metadata_classes);
  g_test_add_func ("/peerannot/cifar10h-order", test_cifar10h_order);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/peerannot/bad/%s", bad_cases[i].name);

      g_test_add_data_func (path, &bad_cases[i], test_bad);
    }
  return g_test_run ();
}
