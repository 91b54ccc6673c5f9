/* test-cli.c — crowdscope-cli end to end: the figures it prints, the files it writes, the
 * errors it gives
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "cs-figure-readers.h"
#include "cs-layouts.h"
#include "cs-npy.h"
#include "cs-png-reader.h"
#include "cs-test-images.h"
#include "test-util.h"

static gint64
split_items (JsonObject *root,
             const char *split)
{
  JsonObject *splits = json_object_get_object_member (root, "splits");

  if (!json_object_has_member (splits, split))
    return -1;
  return json_object_get_int_member (json_object_get_object_member (splits, split), "items");
}

static void
test_info_labelme (void)
{
  g_autofree char *dir = cs_test_shared_path ("labelme");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(CsTestCliResult) r = { 0 };
  JsonObject *root;

  if (dir == NULL)
    return;
  cs_test_run_cli (&r, "info", dir, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = cs_test_parse_object (parser, r.out);
  g_assert_cmpint (json_object_get_int_member (root, "features"), ==, 512);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "classes")), ==, 8);
  g_assert_cmpint (json_object_get_int_member (root, "annotators"), ==, 59);
  g_assert_cmpint (json_object_get_int_member (root, "labels"), ==, 2547);
  g_assert_cmpint (split_items (root, "train"), ==, 1000);
  g_assert_cmpint (split_items (root, "valid"), ==, 500);
  g_assert_cmpint (split_items (root, "test"), ==, 1188);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (root, "majority_vote_accuracy"),
                                  0.769, 1e-9);

  {
    g_auto(CsTestCliResult) text = { 0 };

    cs_test_run_cli (&text, "info", dir, NULL);
    g_assert_cmpint (text.status, ==, 0);
    cs_test_assert_contains (text.out, "train 1000 valid 500 test 1188");
    cs_test_assert_contains (text.out, "59 with labels");
    cs_test_assert_contains (text.out, "76.9 %");
    cs_test_assert_contains (text.out, "ties go to the lowest class index");
  }
}

static void
test_info_music (void)
{
  g_autofree char *dir = cs_test_shared_path ("music");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(CsTestCliResult) r = { 0 };
  JsonObject *root;
  double mv;

  if (dir == NULL)
    return;
  cs_test_run_cli (&r, "info", dir, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = cs_test_parse_object (parser, r.out);
  g_assert_cmpint (json_object_get_int_member (root, "features"), ==, 124);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "classes")), ==, 10);
  g_assert_cmpint (json_object_get_int_member (root, "annotators"), ==, 44);
  g_assert_cmpint (json_object_get_int_member (root, "labels"), ==, 2945);
  g_assert_cmpint (split_items (root, "train"), ==, 700);
  g_assert_cmpint (split_items (root, "valid"), ==, -1);
  g_assert_cmpint (split_items (root, "test"), ==, 300);
  mv = json_object_get_double_member (root, "majority_vote_accuracy");
  g_assert_cmpfloat (mv, >, 0.6);
  g_assert_cmpfloat (mv, <, 0.8);
  g_assert_true (json_object_get_boolean_member (root, "standardized"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "warnings")), >=, 1);
}

/* A malformed dataset: exit status 1, nothing on stdout, one line on stderr naming the file. */
static void
test_info_bad_input (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_auto(CsTestCliResult) r = { 0 };

  cs_test_dir_write (tmp, CS_MANIFEST_NAME, "[dataset]\nclasses=a;b\n[train]\nfeatures=x.csv\n");
  cs_test_dir_write (tmp, "x.csv", "f0,f1\n1,2\n3\n");
  cs_test_run_cli (&r, "info", cs_test_dir_path (tmp, NULL), NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  cs_test_assert_contains (r.err, "x.csv:3");
  g_assert_cmpint (strchr (r.err, '\n') - r.err, ==, (int) strlen (r.err) - 1);
}

static void
test_no_arguments (void)
{
  g_auto(CsTestCliResult) r = { 0 };

  cs_test_run_cli (&r, "info", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cs_test_assert_contains (r.err, "DATASET");
}

/* Every command words a usage error alike, "crowdscope-cli: error: …", and exits with 2: a
 * missing argument, an unknown option, an unknown subcommand or command. */
static void
test_usage_errors (void)
{
  static const char * const calls[][3] = {
    { "info" }, { "train" }, { "test" }, { "export" }, { "annotators" }, { "predict" },
    { "experiment" }, { "simulate" }, { "demo" }, { "runs", "undo" },
    { "export", "--no-such-option" }, { "no-such-command" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_auto(CsTestCliResult) r = { 0 };

      cs_test_run_cli_argv (&r, calls[i]);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_true (g_str_has_prefix (r.err, "crowdscope-cli: error: "));
    }
}

/* A mistyped method, or another option's value, is a usage error that names the values it
 * could have been, found before the dataset is read. */
static void
test_unknown_values (void)
{
  const char *methods = "expected conal, crowdlayer, ds, mv or gold";

  cs_test_assert_cli_fails (2, methods, "train", "no-such-dataset", "--method", "foo", NULL);
  cs_test_assert_cli_fails (2, methods, "experiment", "no-such-dataset", "--methods", "mv,foo", NULL);
  cs_test_assert_cli_fails (2, methods, "experiment", "no-such-dataset", "--method", "foo", NULL);
  cs_test_assert_cli_fails (2, "--select: unknown value 'best': expected valid, last or crowd-nll",
                            "train", "no-such-dataset", "--select", "best", NULL);
  cs_test_assert_cli_fails (2, "--preset: unknown preset 'fast': expected one of default",
                            "train", "no-such-dataset", "--preset", "fast", NULL);
}

/* The options' help names the default preset's values, read from the core: not the official
 * code's λ of 1e-5 where the defaults use 1e-4. */
static void
test_train_help (void)
{
  g_auto(CsTestCliResult) r = { 0 };
  CsTrainConfig labelme, music;
  g_autofree char *epochs = NULL;
  g_autofree char *batch_size = NULL;

  g_assert_true (cs_train_config_init_for (&labelme, CS_METHOD_CONAL, CS_PRESET_DEFAULT, "LabelMe", NULL));
  g_assert_true (cs_train_config_init_for (&music, CS_METHOD_CONAL, CS_PRESET_DEFAULT, "Music", NULL));
  epochs = g_strdup_printf ("Passes over the training items (default: %d, or %d on Music)",
                            labelme.epochs, music.epochs);
  batch_size = g_strdup_printf ("Items per mini-batch (default: %d, or %d on Music)",
                                labelme.batch_size, music.batch_size);
  cs_test_run_cli (&r, "train", "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cs_test_assert_contains (r.out, epochs);
  cs_test_assert_contains (r.out, batch_size);
  g_assert_cmpfloat (labelme.lambda, ==, 1e-4f);
  g_assert_cmpfloat (music.lambda, ==, 1e-5f);
  cs_test_assert_contains (r.out, "Σ‖W_r − W_g‖ (default: 1e-4, or 1e-5 on Music)");
  cs_test_assert_contains (r.out, "(default: ds for conal, identity for crowdlayer)");
  cs_test_assert_contains (r.out, "conal, crowdlayer, ds, mv or gold (default conal)");
}

/* Train on the demo, save, test the checkpoint, export its matrices. */
static void
test_train_save_test_export (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *demo = cs_test_dir_path (tmp, "demo");
  const char *out = cs_test_dir_path (tmp, "run");
  const char *npy = cs_test_dir_path (tmp, "confusions.npy");
  g_auto(CsTestCliResult) r1 = { 0 };
  g_auto(CsTestCliResult) r2 = { 0 };
  g_auto(CsTestCliResult) r3 = { 0 };
  g_auto(CsTestCliResult) r4 = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree float *matrices = NULL;
  JsonObject *root;
  double train_test;
  int rows, cols;

  cs_test_run_cli (&r1, "demo", demo, NULL);
  g_assert_cmpint (r1.status, ==, 0);
  cs_test_run_cli (&r2, "train", demo, "--epochs", "3", "--seed", "2", "--threads", "1", "--out", out, "--json", NULL);
  g_assert_cmpint (r2.status, ==, 0);
  root = cs_test_parse_object (parser, r2.out);
  g_assert_cmpstr (json_object_get_string_member (root, "method"), ==, "conal");
  g_assert_cmpint (json_object_get_int_member (root, "seed"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (root, "epochs"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (root, "best_epoch"), >=, 1);
  g_assert_false (json_object_get_boolean_member (root, "test_used_for_selection"));
  g_assert_cmpfloat (json_object_get_double_member (root, "seconds_per_epoch"), >, 0);
  train_test = json_object_get_double_member (root, "test_accuracy");
  g_assert_cmpfloat (train_test, >=, 0);
  g_assert_cmpfloat (train_test, <=, 1);
  g_assert_true (g_file_test (cs_test_dir_path (tmp, "run/model.safetensors"), G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (cs_test_dir_path (tmp, "run/metrics.csv"), G_FILE_TEST_IS_REGULAR));

  /* The saved model gives the accuracy the run reported for its selected epoch. */
  cs_test_run_cli (&r3, "test", out, "--json", NULL);
  g_assert_cmpint (r3.status, ==, 0);
  root = cs_test_parse_object (parser, r3.out);
  g_assert_true (json_object_get_boolean_member (root, "same_dataset"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (json_object_get_object_member (
    json_object_get_object_member (root, "splits"), "test"), "accuracy"), train_test, 1e-12);

  /* Its text says so as the window does, with a space before the percent sign. */
  {
    g_auto(CsTestCliResult) text = { 0 };
    g_autofree char *accuracy = g_strdup_printf ("test   accuracy %.2f %% of", 100 * train_test);

    cs_test_run_cli (&text, "test", out, NULL);
    g_assert_cmpint (text.status, ==, 0);
    cs_test_assert_contains (text.out, accuracy);
  }

  cs_test_run_cli (&r4, "export", out, "--confusions", npy, NULL);
  g_assert_cmpint (r4.status, ==, 0);
  matrices = cs_npy_load_f32 (npy, &rows, &cols, &error);
  /* 3-D [31, 8, 8] arrays are refused by the 2-D loader: check the header instead. */
  g_assert_null (matrices);
  g_clear_error (&error);
  {
    g_autofree char *data = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (npy, &data, &len, NULL));
    cs_test_assert_contains (data + 10, "'shape': (31, 8, 8)");
    g_assert_cmpuint (len, >, 31 * 64 * 4);
  }
}

/* A folder that cannot be made: an error naming it, and no files left anywhere. */
static void
test_train_unwritable (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_auto(CsTestCliResult) r1 = { 0 };
  g_auto(CsTestCliResult) r2 = { 0 };
  const char *demo = cs_test_dir_path (tmp, "demo");
  const char *blocker = cs_test_dir_write (tmp, "blocker", "a file, not a folder\n");
  g_autofree char *out = g_build_filename (blocker, "run", NULL);

  cs_test_run_cli (&r1, "demo", demo, NULL);
  cs_test_run_cli (&r2, "train", demo, "--epochs", "1", "--out", out, NULL);
  g_assert_cmpint (r2.status, ==, 1);
  cs_test_assert_contains (r2.err, "blocker");
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_experiment_json (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(CsTestCliResult) r1 = { 0 };
  g_auto(CsTestCliResult) r2 = { 0 };
  const char *demo = cs_test_dir_path (tmp, "demo");
  JsonArray *results;

  cs_test_run_cli (&r1, "demo", demo, NULL);
  cs_test_run_cli (&r2, "experiment", demo, "--methods", "mv,gold", "--seeds", "2", "--epochs", "2",
           "--json", "--quiet", "--jobs", "2", NULL);
  g_assert_cmpint (r2.status, ==, 0);
  results = json_object_get_array_member (cs_test_parse_object (parser, r2.out), "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *row = json_array_get_object_element (results, i);
      JsonArray *runs = json_object_get_array_member (row, "runs");
      double a = json_object_get_double_member (json_array_get_object_element (runs, 0), "test_accuracy");
      double b = json_object_get_double_member (json_array_get_object_element (runs, 1), "test_accuracy");

      g_assert_cmpstr (json_object_get_string_member (row, "method"), ==, i ? "gold" : "mv");
      g_assert_cmpuint (json_array_get_length (runs), ==, 2);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (row, "test_accuracy_mean"),
                                      (a + b) / 2, 1e-12);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (row, "test_accuracy_std"),
                                      fabs (a - b) / 2, 1e-12);
    }

  /* Runs side by side give the numbers they give one after the other. */
  {
    g_auto(CsTestCliResult) r3 = { 0 };
    g_autoptr(JsonParser) parser3 = json_parser_new ();
    JsonArray *one_by_one;

    cs_test_run_cli (&r3, "experiment", demo, "--methods", "mv,gold", "--seeds", "2", "--epochs", "2",
             "--json", "--quiet", "--jobs", "1", "--threads", "1", NULL);
    g_assert_cmpint (r3.status, ==, 0);
    one_by_one = json_object_get_array_member (cs_test_parse_object (parser3, r3.out), "results");
    for (guint i = 0; i < 2; i++)
      {
        JsonArray *a = json_object_get_array_member (json_array_get_object_element (results, i), "runs");
        JsonArray *b = json_object_get_array_member (json_array_get_object_element (one_by_one, i), "runs");

        for (guint r = 0; r < 2; r++)
          {
            JsonObject *ra = json_array_get_object_element (a, r), *rb = json_array_get_object_element (b, r);

            g_assert_cmpfloat (json_object_get_double_member (ra, "test_accuracy"), ==,
                               json_object_get_double_member (rb, "test_accuracy"));
            g_assert_cmpfloat (json_object_get_double_member (ra, "valid_accuracy"), ==,
                               json_object_get_double_member (rb, "valid_accuracy"));
          }
      }
  }
}

/* --curves writes the figure after the table, in the format its suffix names, with what it
 * shows in its metadata; a suffix it cannot write or an unknown --curve is a usage error before
 * anything trains, a folder that does not exist an error naming the file. */
static void
test_experiment_curves (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_auto(CsTestCliResult) r1 = { 0 };
  g_auto(CsTestCliResult) r2 = { 0 };
  g_auto(CsTestCliResult) r3 = { 0 };
  g_auto(CsTestSvg) svg = { 0 };
  g_autoptr(GHashTable) text = NULL;
  const char *demo = cs_test_dir_path (tmp, "demo");
  const char *png = cs_test_dir_path (tmp, "valid.png");
  const char *svg_path = cs_test_dir_path (tmp, "test.SVG");
  const char *unwritable = cs_test_dir_path (tmp, "no/such/folder/c.pdf");

  cs_test_run_cli (&r1, "demo", demo, NULL);
  g_assert_cmpint (r1.status, ==, 0);
  cs_test_run_cli (&r2, "experiment", demo, "--methods", "mv,gold", "--seeds", "2", "--epochs", "3",
                   "--quiet", "--curves", png, "--curve", "valid", NULL);
  g_assert_cmpint (r2.status, ==, 0);
  cs_test_assert_contains (r2.out, "Majority vote");
  text = cs_test_png_read_text (png);
  g_assert_cmpstr (g_hash_table_lookup (text, "Title"), ==,
                   "Validation accuracy by epoch on Shapes (demo)");
  g_assert_cmpstr (g_hash_table_lookup (text, "Dataset"), ==, "Shapes (demo)");
  g_assert_cmpstr (g_hash_table_lookup (text, "Run"), ==, "2 methods × 2 seeds");

  cs_test_run_cli (&r3, "experiment", demo, "--methods", "mv,gold", "--seeds", "2", "--epochs", "2",
                   "--quiet", "--json", "--curves", svg_path, NULL);
  g_assert_cmpint (r3.status, ==, 0);
  cs_test_svg_read (&svg, svg_path);
  g_assert_cmpstr (svg.title, ==, "Test accuracy by epoch on Shapes (demo)");
  cs_test_assert_contains (svg.desc, "Legend: Majority vote (2 seeds); Gold labels (2 seeds)");

  cs_test_assert_cli_fails (2, "--curves: expected a .png, .svg or .pdf file name", "experiment",
                            demo, "--curves", cs_test_dir_path (tmp, "c.jpg"), NULL);
  cs_test_assert_cli_fails (2, "--curve: expected test, valid, train or train-loss", "experiment",
                            demo, "--curves", png, "--curve", "accuracy", NULL);
  cs_test_assert_cli_fails (1, unwritable, "experiment", demo, "--methods", "mv", "--seeds", "1",
                            "--epochs", "1", "--quiet", "--curves", unwritable, NULL);
  g_assert_false (g_file_test (unwritable, G_FILE_TEST_EXISTS));
}

/* `import` checks a tab-separated crowd table and a features CSV, prints the summary and writes
 * a manifest that `info` opens; a label outside --classes is refused with its place. */
static void
test_import (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_auto(CsTestCliResult) r = { 0 };
  g_auto(CsTestCliResult) info = { 0 };
  const char *crowd = cs_test_dir_write (tmp, "mine/crowd.tsv",
                                         "item\tworker\tlabel\na\tw1\tcat\na\tw2\tdog\n"
                                         "b\tw1\tdog\nc\tw2\tcat\nzz\tw1\tcat\n");
  g_autofree char *features = g_strdup_printf ("train=%s",
                                               cs_test_dir_write (tmp, "mine/train.csv",
                                                                  "id,f0,f1,truth\na,1,2,cat\n"
                                                                  "b,2,3,dog\nc,3,1,cat\n"));
  g_autofree char *wrote = g_strdup_printf ("Wrote %s\n",
                                            cs_test_dir_path (tmp, "mine/" CS_MANIFEST_NAME));

  cs_test_assert_cli_fails (1, "crowd.tsv:3:3: expected a class name (cat, bird) or an index 0–1, "
                               "found 'dog'",
                            "import", crowd, "--features", features, "--id-column", "train=id",
                            "--classes", "cat;bird", NULL);
  g_assert_false (g_file_test (cs_test_dir_path (tmp, "mine/" CS_MANIFEST_NAME),
                               G_FILE_TEST_EXISTS));
  cs_test_assert_cli_fails (2, "--features: expected SPLIT=VALUE with SPLIT train, valid or test, "
                               "found 'all=x.csv'",
                            "import", crowd, "--features", "all=x.csv", NULL);

  cs_test_run_cli (&r, "import", crowd, "--features", features, "--id-column", "train=id",
                   "--gold-column", "train=truth", "--name", "Mine", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cs_test_assert_contains (r.out, "train 3 (3 with gold)");
  cs_test_assert_contains (r.out, "found in the labels: cat, dog");
  cs_test_assert_contains (r.out, "1 (their 1 labels are skipped)");
  cs_test_assert_contains (r.out, wrote);
  cs_test_run_cli (&info, "info", cs_test_dir_path (tmp, "mine"), NULL);
  g_assert_cmpint (info.status, ==, 0);
  cs_test_assert_contains (info.out, "Mine (");
  cs_test_assert_contains (info.out, "Crowd labels             4");
}

/* `import --images` makes a dataset of a folder of images alone, whose features the built-in
 * descriptor computes, named by their files; --ids-from takes gold or crowd. */
static void
test_import_images (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_auto(CsTestCliResult) r = { 0 };
  const char *crowd = cs_test_dir_write (tmp, "pics/labels.csv",
                                         "task,worker,label\nround-1,w1,round\nround-1,w2,round\n"
                                         "square-1,w1,square\nsquare-1,w2,round\n");
  g_autofree char *images = g_strdup_printf ("train=%s", cs_test_dir_path (tmp, "pics/photos"));

  cs_test_write_shape_image (cs_test_dir_path (tmp, "pics/photos/round-1.png"), 0, 24, 1);
  cs_test_write_shape_image (cs_test_dir_path (tmp, "pics/photos/square-1.jpg"), 1, 24, 2);
  cs_test_run_cli (&r, "import", crowd, "--images", images, "--dry-run", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cs_test_assert_contains (r.out, "train 2 (0 with gold)");
  cs_test_assert_contains (r.out, "Features                         159");
  cs_test_assert_contains (r.out, "Crowd labels                     4");
  cs_test_assert_contains (r.out, "pretrained network");
  g_assert_false (g_file_test (cs_test_dir_path (tmp, "pics/" CS_MANIFEST_NAME), G_FILE_TEST_EXISTS));
  cs_test_assert_cli_fails (2, "--ids-from: expected SPLIT=gold or SPLIT=crowd, found 'train=rows'",
                            "import", crowd, "--images", images, "--ids-from", "train=rows", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/info/labelme", test_info_labelme);
  g_test_add_func ("/cli/info/music", test_info_music);
  g_test_add_func ("/cli/info/bad-input", test_info_bad_input);
  g_test_add_func ("/cli/usage", test_no_arguments);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/unknown-values", test_unknown_values);
  g_test_add_func ("/cli/train-help", test_train_help);
  g_test_add_func ("/cli/train-save-test-export", test_train_save_test_export);
  g_test_add_func ("/cli/train-unwritable", test_train_unwritable);
  g_test_add_func ("/cli/experiment-json", test_experiment_json);
  g_test_add_func ("/cli/experiment-curves", test_experiment_curves);
  g_test_add_func ("/cli/import", test_import);
  g_test_add_func ("/cli/import-images", test_import_images);
  return g_test_run ();
}
