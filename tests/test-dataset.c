/* test-dataset.c — loading real and hand-made datasets, and refusing bad ones
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <errno.h>
#include <math.h>
#include <sys/stat.h>

#include "cs-dataset-stats.h"
#include "cs-dataset.h"
#include "cs-error.h"
#include "cs-layouts.h"
#include <string.h>

#include "test-util.h"

static void
test_labelme (void)
{
  g_autoptr(CsDataset) dataset = cs_test_load_shared ("labelme");
  g_autoptr(CsDatasetStats) stats = NULL;
  const CsSplit *train;

  if (dataset == NULL)
    return;
  train = cs_dataset_get_split (dataset, CS_SPLIT_TRAIN);
  g_assert_cmpint (train->n, ==, 1000);
  g_assert_cmpint (cs_dataset_get_split (dataset, CS_SPLIT_VALID)->n, ==, 500);
  g_assert_cmpint (cs_dataset_get_split (dataset, CS_SPLIT_TEST)->n, ==, 1188);
  g_assert_cmpint (dataset->d, ==, 512);
  g_assert_cmpint (dataset->n_classes, ==, 8);
  g_assert_cmpstr (dataset->class_names[0], ==, "highway");
  g_assert_cmpstr (dataset->class_names[7], ==, "opencountry");
  g_assert_cmpint (dataset->n_annotators, ==, 59);
  g_assert_cmpint (cs_dataset_get_n_labels (dataset), ==, 2547);
  g_assert_cmpint (train->n_labels, ==, 2547);
  g_assert_cmpuint (g_strv_length (dataset->dropped_annotators), ==, 0);
  g_assert_false (dataset->standardized);

  /* The first line of train/labels.txt is 3 (street); its image sits in images/train/street. */
  g_assert_cmpint (train->gold[0], ==, 3);
  g_assert_cmpstr (train->item_ids[0], ==, "street_hexp30.jpg");
  g_assert_true (g_str_has_suffix (train->image_paths[0], "images/train/street/street_hexp30.jpg"));
  g_assert_true (g_file_test (train->image_paths[0], G_FILE_TEST_IS_REGULAR));

  /* The first answers row has labels 3 (column 20), 1 (column 30) and 1 (column 41). */
  g_assert_cmpint (train->item_offsets[1], ==, 3);
  g_assert_cmpint (train->labels[0].label, ==, 3);
  g_assert_cmpstr (dataset->annotator_ids[train->labels[0].annotator], ==, "20");
  g_assert_cmpstr (dataset->annotator_ids[train->labels[2].annotator], ==, "41");

  stats = cs_dataset_stats_new (dataset);
  g_assert_cmpfloat_with_epsilon (stats->majority_vote_accuracy, 0.769, 1e-9);
  g_assert_cmpint (stats->n_labels_matching_gold, ==, 1886);
  g_assert_cmpint (stats->labels_per_item_min, >=, 1);
  g_assert_cmpint (stats->n_items_without_label, ==, 0);
}

static void
test_music (void)
{
  g_autoptr(CsDataset) dataset = cs_test_load_shared ("music");
  g_autoptr(CsDatasetStats) stats = NULL;
  const CsSplit *train;

  if (dataset == NULL)
    return;
  train = cs_dataset_get_split (dataset, CS_SPLIT_TRAIN);
  g_assert_cmpint (train->n, ==, 700);
  g_assert_null (cs_dataset_get_split (dataset, CS_SPLIT_VALID));
  g_assert_cmpint (cs_dataset_get_split (dataset, CS_SPLIT_TEST)->n, ==, 300);
  g_assert_cmpint (dataset->d, ==, 124);
  g_assert_cmpint (dataset->n_classes, ==, 10);
  g_assert_cmpstr (dataset->class_names[0], ==, "blues");
  g_assert_cmpstr (dataset->class_names[9], ==, "rock");
  g_assert_cmpint (dataset->n_annotators, ==, 44);
  g_assert_cmpint (cs_dataset_get_n_labels (dataset), ==, 2945);

  /* feature4 is near -50 while others are near 0.0007: standardised with a notice. */
  g_assert_true (dataset->standardized);
  g_assert_cmpfloat (dataset->feature_mean[4], <, -40);
  g_assert_cmpuint (dataset->warnings->len, >=, 1);
  /* Its magnitudes are written plainly, as every notice's numbers are: no "8.43e+03". */
  for (guint i = 0; i < dataset->warnings->len; i++)
    {
      const char *warning = g_ptr_array_index (dataset->warnings, i);

      g_assert_true (g_ascii_isupper (warning[0]) || g_ascii_isdigit (warning[0]));
      g_assert_null (strstr (warning, "e+"));
      g_assert_null (strstr (warning, "e-0"));
    }
  g_assert_true (cs_test_warnings_contain (dataset, "Feature scales differ by a factor of "));
  {
    float mean = 0;

    for (int i = 0; i < train->n; i++)
      mean += train->features[i * dataset->d + 4];
    g_assert_cmpfloat (fabsf (mean / train->n), <, 1e-4);
  }
  stats = cs_dataset_stats_new (dataset);
  g_assert_cmpfloat (stats->crowd_accuracy, >, 0.5);
  g_assert_cmpfloat (stats->crowd_accuracy, <, 0.6);
}

static void
test_music_no_standardize (void)
{
  g_autofree char *dir = cs_test_shared_path ("music");
  g_autoptr(CsDataset) dataset = NULL;
  CsLoadOptions options;

  if (dir == NULL)
    return;
  cs_load_options_init (&options);
  options.standardize = CS_STANDARDIZE_NEVER;
  dataset = cs_dataset_load (dir, &options, NULL);
  g_assert_nonnull (dataset);
  g_assert_false (dataset->standardized);
  g_assert_cmpfloat (dataset->splits[CS_SPLIT_TRAIN].features[4], <, -40);
}

/* A manifest over LabelMe's raw 77-column answer file: the 18 silent columns are dropped and
 * reported, and the remaining 59 keep their column numbers as ids. */
static void
test_manifest_drops_silent_annotators (void)
{
  g_autofree char *dir = cs_test_shared_path ("labelme");
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDataset) dataset = NULL;
  const char *manifest;

  if (dir == NULL)
    return;
  manifest = cs_test_dir_write (tmp, "raw.ini",
    "[dataset]\nclasses-file=%s/classes.txt\n"
    "[train]\nfeatures=%s/train/vgg16_avg.npy\ngold=%s/train/labels.txt\n"
    "crowd=%s/answers_77_columns.txt\n", dir, dir, dir, dir);
  dataset = cs_dataset_load (manifest, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dataset->n_annotators, ==, 59);
  g_assert_cmpuint (g_strv_length (dataset->dropped_annotators), ==, 18);
  g_assert_cmpstr (dataset->dropped_annotators[0], ==, "0");
  g_assert_cmpint (cs_dataset_get_n_labels (dataset), ==, 2547);
  g_assert_true (cs_test_warnings_contain (dataset, "18 annotators gave no label"));
}

static const char small_train_csv[] =
  "\xEF\xBB\xBFid,image,class,f0,f1\r\n"
  "a,a.png,cat,1.0,2.0\r\n"
  "b,b.png,dog,3.0,\"4.0\"\r\n"
  "c,c.png,,5.0,6.0\r\n";

static const char small_crowd_csv[] =
  "task,worker,label\n"
  "a,w1,cat\n"
  "a,w2,1\n"
  "b,w1,dog\n"
  "b,w1,cat\n";

static const char *
write_small (CsTestDir  *tmp,
             const char *extra_train,
             const char *crowd)
{
  cs_test_dir_write (tmp, "train.csv", "%s", small_train_csv);
  cs_test_dir_write (tmp, "crowd.csv", "%s", crowd);
  g_assert_cmpint (g_mkdir_with_parents (cs_test_dir_path (tmp, "img"), 0700), ==, 0);
  cs_test_dir_write (tmp, "img/a.png", "x");
  cs_test_dir_write (tmp, "img/b.png", "x");
  cs_test_dir_write (tmp, "img/c.png", "x");
  return cs_test_dir_write (tmp, CS_MANIFEST_NAME,
                            "# a small dataset\n[dataset]\nname=Small\nclasses=cat;dog\n"
                            "[train]\nfeatures=train.csv\nid-column=id\ngold-column=class\n"
                            "image-column=image\nimages=img\ncrowd=crowd.csv\n%s", extra_train);
}

static void
test_manifest_csv (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDataset) dataset = NULL;
  const CsSplit *train;

  write_small (tmp, "", small_crowd_csv);
  dataset = cs_dataset_load (cs_test_dir_path (tmp, NULL), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dataset->name, ==, "Small");
  train = cs_dataset_get_split (dataset, CS_SPLIT_TRAIN);
  g_assert_cmpint (train->n, ==, 3);
  g_assert_cmpint (dataset->d, ==, 2);
  g_assert_cmpfloat (train->features[3], ==, 4.0f);
  g_assert_cmpint (train->gold[1], ==, 1);
  g_assert_cmpint (train->gold[2], ==, -1);
  g_assert_cmpstr (train->item_ids[2], ==, "c");
  g_assert_true (g_str_has_suffix (train->image_paths[1], "img/b.png"));
  /* The repeated (b, w1) label counts once; item c has none. */
  g_assert_cmpint (train->n_labels, ==, 3);
  g_assert_cmpint (dataset->n_annotators, ==, 2);
  g_assert_cmpint (train->labels[1].label, ==, 1);
  g_assert_cmpint (train->item_offsets[3] - train->item_offsets[2], ==, 0);
  g_assert_cmpint (train->annotator_offsets[1], ==, 2);
  g_assert_true (cs_test_warnings_contain (dataset, "1 repeated train labels"));
  g_assert_true (cs_test_warnings_contain (dataset, "1 of 3 train items have no crowd label"));
}

static void
test_fingerprint (void)
{
  g_autoptr(CsTestDir) a = cs_test_dir_new ();
  g_autoptr(CsTestDir) b = cs_test_dir_new ();
  g_autoptr(CsDataset) da = NULL;
  g_autoptr(CsDataset) da2 = NULL;
  g_autoptr(CsDataset) db = NULL;
  g_autofree char *fa = NULL, *fa2 = NULL, *fb = NULL;

  da = cs_dataset_load (write_small (a, "", small_crowd_csv), NULL, NULL);
  da2 = cs_dataset_load (cs_test_dir_path (a, NULL), NULL, NULL);
  db = cs_dataset_load (write_small (b, "", "item,annotator,label\na,w1,dog\n"), NULL, NULL);
  fa = cs_dataset_fingerprint (da);
  fa2 = cs_dataset_fingerprint (da2);
  fb = cs_dataset_fingerprint (db);
  g_assert_cmpstr (fa, ==, fa2);
  g_assert_cmpstr (fa, !=, fb);
}

/* Annotators are ordered by id, naturally, whatever the order of the table's rows. */
static void
test_annotator_order (void)
{
  g_autoptr(CsTestDir) a = cs_test_dir_new ();
  g_autoptr(CsTestDir) b = cs_test_dir_new ();
  g_autoptr(CsDataset) da = NULL;
  g_autoptr(CsDataset) db = NULL;
  g_autofree char *fa = NULL, *fb = NULL;

  da = cs_dataset_load (write_small (a, "", "item,annotator,label\na,w10,cat\nb,w2,dog\nc,w1,cat\nc,Bob,dog\n"), NULL, NULL);
  db = cs_dataset_load (write_small (b, "", "item,annotator,label\nc,Bob,dog\nc,w1,cat\nb,w2,dog\na,w10,cat\n"), NULL, NULL);
  /* Byte order outside digit runs, whatever the locale: "Bob" before "w1". */
  g_assert_cmpstr (da->annotator_ids[0], ==, "Bob");
  g_assert_cmpstr (da->annotator_ids[1], ==, "w1");
  g_assert_cmpstr (da->annotator_ids[2], ==, "w2");
  g_assert_cmpstr (da->annotator_ids[3], ==, "w10");
  fa = cs_dataset_fingerprint (da);
  fb = cs_dataset_fingerprint (db);
  g_assert_cmpstr (fa, ==, fb);
}

typedef struct
{
  const char *name;
  const char *manifest_extra;   /* appended to [train] */
  const char *crowd;
  int         code;
  const char *fragments[3];
} BadCase;

static const BadCase bad_cases[] = {
  { "label-outside-classes", "", "item,annotator,label\na,w1,bird\n", CS_ERROR_VALUE,
    { "crowd.csv:2", "'bird'", "cat, dog" } },
  { "label-index-outside", "", "item,annotator,label\na,w1,2\n", CS_ERROR_VALUE,
    { "crowd.csv:2", "0–1", "'2'" } },
  { "unknown-item", "", "item,annotator,label\nzz,w1,cat\n", CS_ERROR_VALUE,
    { "crowd.csv:2", "'zz'", "train" } },
  { "unknown-key", "feature=x.npy\n", small_crowd_csv, CS_ERROR_FORMAT,
    { CS_MANIFEST_NAME, "[train]", "'feature'" } },
  { "missing-file", "gold=nothere.txt\n", small_crowd_csv, CS_ERROR_IO,
    { "nothere.txt", NULL } },
  { "no-crowd-columns", "", "a,b,c\n1,2,3\n", CS_ERROR_FORMAT,
    { "crowd.csv", "item", NULL } },
  { "crowd-separator", "[dataset]\ncrowd=crowd.csv\ncrowd-separator=semicolon\n",
    small_crowd_csv, CS_ERROR_VALUE, { CS_MANIFEST_NAME, "crowd-separator", "'semicolon'" } },
  { "dataset-crowd-columns-alone", "[dataset]\ncrowd-columns=a;b;c\n", small_crowd_csv,
    CS_ERROR_FORMAT, { CS_MANIFEST_NAME, "[dataset]", "no crowd file" } },
  { "carve-not-a-number", "[dataset]\ncarve-valid=many\n", small_crowd_csv, CS_ERROR_VALUE,
    { CS_MANIFEST_NAME, "carve-valid", "'many'" } },
  { "carve-too-large", "[dataset]\ncarve-valid=2\ncarve-test=1\n", small_crowd_csv,
    CS_ERROR_INVALID, { CS_MANIFEST_NAME, "of 3", "found 2 and 1" } },
};

static void
test_bad_manifest (gconstpointer data)
{
  const BadCase *c = data;
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDataset) dataset = NULL;

  dataset = cs_dataset_load (write_small (tmp, c->manifest_extra, c->crowd), NULL, &error);
  g_assert_null (dataset);
  g_assert_error (error, CS_ERROR, c->code);
  for (int i = 0; i < 3 && c->fragments[i]; i++)
    cs_test_assert_contains (error->message, c->fragments[i]);
}

/* A LabelMe-layout folder whose answer matrix disagrees with the features. */
static void
test_answers_rows_mismatch (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDataset) dataset = NULL;

  cs_test_dir_write (tmp, "classes.txt", "a\nb\n");
  cs_test_dir_write (tmp, "answers.txt", "0 -1\n1 1\n");
  g_assert_cmpint (g_mkdir_with_parents (cs_test_dir_path (tmp, "train"), 0700), ==, 0);
  cs_test_write_npy_f32 (cs_test_dir_path (tmp, "train/x.npy"), 3, 2);
  dataset = cs_dataset_load (cs_test_dir_path (tmp, NULL), NULL, &error);
  g_assert_null (dataset);
  g_assert_error (error, CS_ERROR, CS_ERROR_SHAPE);
  cs_test_assert_contains (error->message, "answers.txt");
  cs_test_assert_contains (error->message, "expected 3 answer rows");
  cs_test_assert_contains (error->message, "found 2");
}

static void
test_answers_bad_class (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDataset) dataset = NULL;

  cs_test_dir_write (tmp, "classes.txt", "a\nb\n");
  cs_test_dir_write (tmp, "answers.txt", "0 -1\n1 1\n-1 5\n");
  g_assert_cmpint (g_mkdir_with_parents (cs_test_dir_path (tmp, "train"), 0700), ==, 0);
  cs_test_write_npy_f32 (cs_test_dir_path (tmp, "train/x.npy"), 3, 2);
  dataset = cs_dataset_load (cs_test_dir_path (tmp, NULL), NULL, &error);
  g_assert_error (error, CS_ERROR, CS_ERROR_VALUE);
  cs_test_assert_contains (error->message, "answers.txt:3: column 2");
  cs_test_assert_contains (error->message, "found 5");
}

static void
test_unknown_layout (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDataset) dataset = NULL;

  cs_test_dir_write (tmp, "readme.txt", "nothing here\n");
  dataset = cs_dataset_load (cs_test_dir_path (tmp, NULL), NULL, &error);
  g_assert_null (dataset);
  g_assert_error (error, CS_ERROR, CS_ERROR_LAYOUT);
  cs_test_assert_contains (error->message, cs_test_dir_path (tmp, NULL));
  cs_test_assert_contains (error->message, CS_MANIFEST_NAME);
}

static void
test_missing_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDataset) dataset = cs_dataset_load ("/nonexistent/data", NULL, &error);

  g_assert_null (dataset);
  cs_test_assert_io_error (error, "/nonexistent/data", "read", ENOENT);
}

/* A manifest is read whole, with the wording of every file error; a named pipe is refused
 * rather than waited on. */
static void
test_manifest_not_regular (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  const char *fifo = cs_test_dir_path (tmp, "manifest.ini");
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDataset) dataset = NULL;
  g_autofree char *expected = g_strdup_printf ("%s: cannot read: not a regular file", fifo);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  dataset = cs_dataset_load (fifo, NULL, &error);
  g_assert_null (dataset);
  g_assert_error (error, CS_ERROR, CS_ERROR_IO);
  g_assert_cmpstr (error->message, ==, expected);
}

/* Found by fuzzing: GKeyFile takes group and key names that are not UTF-8, and the messages
 * quoted them as they were. */
static void
test_manifest_names_not_utf8 (void)
{
  static const char *texts[] = {
    "[dataset]\nclasses=a;b\n[train]\nfeatur\xff\xff" "es=x.npy\n",
    "[dataset]\nclasses=a;b\n[tr\xff" "in]\nfeatures=x.npy\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CsDataset) dataset = NULL;

      dataset = cs_manifest_parse (texts[i], strlen (texts[i]), "data/" CS_MANIFEST_NAME, NULL,
                                   &error);
      g_assert_null (dataset);
      g_assert_error (error, CS_ERROR, CS_ERROR_FORMAT);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      cs_test_assert_contains (error->message, i == 0 ? "'featur\\xFF\\xFFes'" : "[tr\\xFFin]");
    }
}

/* Found by fuzzing: GKeyFile's message quotes the line it could not read, bytes and all. */
static void
test_manifest_syntax_not_utf8 (void)
{
  static const char text[] = "[dataset]\nclasses=a;b\n\xff\xfe\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDataset) dataset = NULL;

  dataset = cs_manifest_parse (text, strlen (text), "data/" CS_MANIFEST_NAME, NULL, &error);
  g_assert_null (dataset);
  g_assert_error (error, CS_ERROR, CS_ERROR_PARSE);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  cs_test_assert_contains (error->message, "data/" CS_MANIFEST_NAME ": ");
}

/* Found by fuzzing: a value with a bad escape and a backslash at the end made GLib 2.74 warn
 * about overwriting its own GError (fatal under G_DEBUG=fatal-warnings); a bad escape alone
 * made the value read as missing. Both are now a message naming the key. */
static void
test_manifest_bad_escapes (void)
{
  static const struct
  {
    const char *text;
    const char *needle;
  } cases[] = {
    { "[dataset]\nclasses=a;b\n[train]\nfeatures=x\\]\\\n",
      "[train] features: expected the escapes \\s, \\n, \\t, \\r or \\\\, found '\\]'" },
    { "[dataset]\nclasses=a;b\n[train]\nfeatures=x.npy\\\n",
      "[train] features: expected the escapes \\s, \\n, \\t, \\r or \\\\, found a '\\' at the end" },
    { "[dataset]\nclasses=a\\;b;c\\x\n[train]\nfeatures=x.npy\n",
      "[dataset] classes: expected the escapes \\s, \\n, \\t, \\r, \\\\ or \\;, found '\\x'" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CsDataset) dataset = NULL;

      dataset = cs_manifest_parse (cases[i].text, strlen (cases[i].text), "data/" CS_MANIFEST_NAME,
                                   NULL, &error);
      g_assert_null (dataset);
      g_assert_error (error, CS_ERROR, CS_ERROR_PARSE);
      cs_test_assert_contains (error->message, cases[i].needle);
    }
}

/* An escaped list separator is part of a class name, and \s a space. */
static void
test_manifest_good_escapes (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDataset) dataset = NULL;

  cs_test_write_npy_f32 (cs_test_dir_path (tmp, "x.npy"), 3, 2);
  dataset = cs_dataset_load (cs_test_dir_write (tmp, CS_MANIFEST_NAME,
                                                "[dataset]\nclasses=a\\;b;c\\sd\n"
                                                "[train]\nfeatures=\\sx.npy\n"),
                             NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dataset->n_classes, ==, 2);
  g_assert_cmpstr (dataset->class_names[0], ==, "a;b");
  g_assert_cmpstr (dataset->class_names[1], ==, "c d");
}

/* Found by fuzzing: a long-form crowd table for a split whose features came without ids (a .npy
 * and no ids file) looked its items up in a NULL id list and crashed. */
static void
test_crowd_table_without_ids (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDataset) dataset = NULL;

  cs_test_write_npy_f32 (cs_test_dir_path (tmp, "x.npy"), 3, 2);
  cs_test_dir_write (tmp, "crowd.csv", "item,annotator,label\n0,w1,a\n");
  dataset = cs_dataset_load (cs_test_dir_write (tmp, CS_MANIFEST_NAME,
                                                "[dataset]\nclasses=a;b\n"
                                                "[train]\nfeatures=x.npy\ncrowd=crowd.csv\n"),
                             NULL, &error);
  g_assert_null (dataset);
  g_assert_error (error, CS_ERROR, CS_ERROR_FORMAT);
  cs_test_assert_contains (error->message, "crowd.csv: expected item ids for the train split");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dataset/labelme", test_labelme);
  g_test_add_func ("/dataset/music", test_music);
  g_test_add_func ("/dataset/music-no-standardize", test_music_no_standardize);
  g_test_add_func ("/dataset/manifest/drops-silent-annotators", test_manifest_drops_silent_annotators);
  g_test_add_func ("/dataset/manifest/csv", test_manifest_csv);
  g_test_add_func ("/dataset/fingerprint", test_fingerprint);
  g_test_add_func ("/dataset/annotator-order", test_annotator_order);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/dataset/bad/%s", bad_cases[i].name);

      g_test_add_data_func (path, &bad_cases[i], test_bad_manifest);
    }
  g_test_add_func ("/dataset/bad/answers-rows", test_answers_rows_mismatch);
  g_test_add_func ("/dataset/bad/answers-class", test_answers_bad_class);
  g_test_add_func ("/dataset/bad/unknown-layout", test_unknown_layout);
  g_test_add_func ("/dataset/bad/missing-path", test_missing_path);
  g_test_add_func ("/dataset/bad/manifest-not-regular", test_manifest_not_regular);
  g_test_add_func ("/dataset/bad/names-not-utf8", test_manifest_names_not_utf8);
  g_test_add_func ("/dataset/bad/syntax-not-utf8", test_manifest_syntax_not_utf8);
  g_test_add_func ("/dataset/bad/escapes", test_manifest_bad_escapes);
  g_test_add_func ("/dataset/manifest/escapes", test_manifest_good_escapes);
  g_test_add_func ("/dataset/bad/crowd-table-without-ids", test_crowd_table_without_ids);
  return g_test_run ();
}
