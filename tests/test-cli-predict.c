/* test-cli-predict.c — `crowdscope-cli predict` end to end: on LabelMe and Music its accuracy on
 * every split is what `crowdscope-cli test` says for the same checkpoint, and its CSV and JSON
 * read back with the right columns, class names and votes
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-checkpoint-dataset.h"
#include "cs-csv.h"
#include "cs-majority-vote.h"
#include "test-util.h"

/* Enough for a model that is right most of the time and wrong on some (a fraction of a
 * second). */
#define EPOCHS "15"

/* A short run of `dataset` saved in tmp/run; valid_from_test (or NULL) is the option's value. */
static const char *
train (CsTestDir  *tmp,
       const char *dataset,
       const char *valid_from_test)
{
  const char *out = cs_test_dir_path (tmp, "run");
  const char *args[] = { "train", dataset, "--epochs", EPOCHS, "--seed", "1", "--out", out,
                         valid_from_test ? "--valid-from-test" : NULL, valid_from_test, NULL };
  g_auto(CsTestCliResult) r = { 0 };

  cs_test_run_cli_argv (&r, args);
  g_assert_cmpint (r.status, ==, 0);
  return out;
}

/* `test --json`'s accuracy of each split, NaN for a split it does not list. */
static void
tested_accuracies (const char *run,
                   double      accuracy[CS_N_SPLITS])
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(CsTestCliResult) r = { 0 };
  JsonObject *splits;

  cs_test_run_cli (&r, "test", run, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  splits = json_object_get_object_member (cs_test_parse_object (parser, r.out), "splits");
  for (int s = 0; s < CS_N_SPLITS; s++)
    {
      const char *name = cs_split_kind_to_string (s);

      accuracy[s] = json_object_has_member (splits, name) ?
        json_object_get_double_member (json_object_get_object_member (splits, name), "accuracy") : NAN;
    }
}

/* The CSV's rows against the dataset: its items in split order, their votes, class names
 * only; returns the accuracy of each split counted from the file. */
static void
check_csv (const char      *path,
           const CsDataset *dataset,
           double           accuracy[CS_N_SPLITS])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCsv) csv = cs_csv_load (path, &error);
  g_autofree int *counts = g_new (int, dataset->n_classes);
  int row = 0, predicted = cs_csv_find_column (csv, "predicted");
  int gold = cs_csv_find_column (csv, "gold"), votes = cs_csv_find_column (csv, "votes");

  g_assert_no_error (error);
  g_assert_cmpstr (cs_csv_get_header (csv, 0), ==, "id");
  g_assert_cmpint (cs_csv_get_n_cols (csv), ==, 9);
  for (int s = 0; s < CS_N_SPLITS; s++)
    {
      const CsSplit *split = cs_dataset_get_split (dataset, s);
      int known = 0, correct = 0;

      for (int i = 0; split != NULL && i < split->n; i++, row++)
        {
          g_autofree char *expected_votes = NULL;
          const char *p = cs_csv_get_cell (csv, row, predicted), *g = cs_csv_get_cell (csv, row, gold);

          g_assert_cmpstr (cs_csv_get_cell (csv, row, 0), ==, split->item_ids[i]);
          g_assert_cmpstr (cs_csv_get_cell (csv, row, 1), ==, cs_split_kind_to_string (s));
          g_assert_cmpint (cs_dataset_find_class (dataset, p), >=, 0);
          int gold_class = split->gold ? split->gold[i] : -1;

          g_assert_cmpstr (g, ==, gold_class >= 0 ? dataset->class_names[gold_class] : "");
          memset (counts, 0, sizeof (int) * dataset->n_classes);
          if (split->n_labels > 0)
            cs_votes_count (counts, split, i, dataset->n_classes);
          expected_votes = cs_votes_format (counts, dataset->n_classes, dataset->class_names);
          g_assert_cmpstr (cs_csv_get_cell (csv, row, votes), ==, expected_votes);
          known += *g != '\0';
          correct += strcmp (p, g) == 0;
        }
      accuracy[s] = known > 0 ? (double) correct / known : NAN;
    }
  g_assert_cmpint (cs_csv_get_n_rows (csv), ==, row);
}

/* Every split the run has: `predict`'s accuracy is `test`'s, to the last bit. */
static void
assert_predict_matches_test (const char *name,
                             const char *valid_from_test)
{
  g_autofree char *source = cs_test_shared_path (name);
  g_autoptr(CsTestDir) tmp = NULL;
  g_autoptr(CsDataset) dataset = NULL;
  g_autoptr(CsCheckpoint) checkpoint = NULL;
  g_autoptr(CsCheckpointDataset) data = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CsTestCliResult) r = { 0 };
  double tested[CS_N_SPLITS], predicted[CS_N_SPLITS];
  const char *run, *csv;

  if (source == NULL)
    return;
  tmp = cs_test_dir_new ();
  run = train (tmp, source, valid_from_test);
  csv = cs_test_dir_path (tmp, "all.csv");
  tested_accuracies (run, tested);
  cs_test_run_cli (&r, "predict", run, "--out", csv, NULL);
  g_assert_cmpint (r.status, ==, 0);
  cs_test_assert_contains (r.out, "accuracy");

  /* The dataset as the checkpoint sees it: Music's valid split carved out of test. */
  checkpoint = cs_checkpoint_load (run, &error);
  g_assert_no_error (error);
  data = cs_checkpoint_dataset_load (checkpoint, NULL, &error);
  g_assert_no_error (error);
  check_csv (csv, data->dataset, predicted);
  for (int s = 0; s < CS_N_SPLITS; s++)
    {
      g_test_message ("%s %s: test %.4f, predict %.4f", name, cs_split_kind_to_string (s),
                      tested[s], predicted[s]);
      g_assert_cmpint (isnan (tested[s]), ==, isnan (predicted[s]));
      if (!isnan (tested[s]))
        g_assert_cmpfloat (predicted[s], ==, tested[s]);
    }
}

static void
test_labelme (void)
{
  assert_predict_matches_test ("labelme", NULL);
}

static void
test_music (void)
{
  assert_predict_matches_test ("music", "100");
}

/* One split as JSON with probabilities: an object per item whose keys are the CSV's columns
 * and the class names, null where the CSV has nothing. */
static void
test_json (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *small = cs_test_write_small_dataset (tmp, "small", "a;b;c", 4, 1);
  const char *run = train (tmp, small, NULL);
  const char *json = cs_test_dir_path (tmp, "test.json");
  const char *keys[] = { "id", "split", "image", "gold", "predicted", "probability", "votes",
                         "majority", "majority_share", "a", "b", "c" };
  g_auto(CsTestCliResult) r = { 0 };
  JsonArray *items;

  cs_test_run_cli (&r, "predict", run, "--out", json, "--split", "test", "--probabilities", NULL);
  g_assert_cmpint (r.status, ==, 0);
  json_parser_load_from_file (parser, json, &error);
  g_assert_no_error (error);
  items = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (items), ==, 30);
  for (guint i = 0; i < 30; i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      g_autoptr(GList) members = json_object_get_members (item);
      double sum = 0;

      g_assert_cmpuint (g_list_length (members), ==, G_N_ELEMENTS (keys));
      for (GList *m = members; m != NULL; m = m->next)
        g_assert_cmpstr (m->data, ==, keys[g_list_position (members, m)]);
      g_assert_cmpstr (json_object_get_string_member (item, "split"), ==, "test");
      /* The test split has gold but neither images nor crowd labels. */
      g_assert_nonnull (json_object_get_string_member (item, "gold"));
      g_assert_true (json_object_get_null_member (item, "image"));
      g_assert_true (json_object_get_null_member (item, "votes"));
      g_assert_true (json_object_get_null_member (item, "majority_share"));
      for (int k = 0; k < 3; k++)
        sum += json_object_get_double_member (item, keys[9 + k]);
      g_assert_cmpfloat_with_epsilon (sum, 1.0, 2e-6);
      g_assert_cmpfloat (json_object_get_double_member (item, "probability"), ==,
                         json_object_get_double_member (item, json_object_get_string_member (item, "predicted")));
    }
}

/* A user's own data, crowd labels and no gold, train alone: predicted all the same, and a split
 * it lacks is an error that says which it has. */
static void
test_own_data_and_errors (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  const char *own = cs_test_write_small_dataset (tmp, "own", "a;b;c", 4, 1);
  const char *run, *csv = cs_test_dir_path (tmp, "own.csv");
  const char *blocker = cs_test_dir_write (tmp, "blocker", "a file, not a folder\n");
  g_autofree char *inside = g_build_filename (blocker, "p.csv", NULL);
  g_autofree char *no_valid = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCsv) read = NULL;
  g_auto(CsTestCliResult) r = { 0 };

  cs_test_dir_write (tmp, "own/crowdscope.ini",
                     "[dataset]\nname=own\nclasses=a;b;c\nstandardize=no\n"
                     "[train]\nfeatures=train.csv\nid-column=id\nfeature-columns=f*\n"
                     "crowd=crowd.csv\n");
  run = train (tmp, own, NULL);
  cs_test_run_cli (&r, "predict", run, "--out", csv, NULL);
  g_assert_cmpint (r.status, ==, 0);
  read = cs_csv_load (csv, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_csv_get_n_rows (read), ==, 60);
  g_assert_cmpstr (cs_csv_get_cell (read, 0, cs_csv_find_column (read, "gold")), ==, "");
  g_assert_cmpstr (cs_csv_get_cell (read, 0, cs_csv_find_column (read, "votes")), !=, "");

  no_valid = g_strdup_printf ("%s/crowdscope.ini: expected a valid split, found only train", own);
  cs_test_assert_cli_fails (1, no_valid, "predict", run, "--out", csv, "--split", "valid", NULL);
  cs_test_assert_cli_fails (2, "--split: expected train, valid, test or all", "predict", run, "--out", csv,
                "--split", "validation", NULL);
  cs_test_assert_cli_fails (2, "--out: expected a .csv or .json file name", "predict", run, "--out",
                cs_test_dir_path (tmp, "p.txt"), NULL);
  cs_test_assert_cli_fails (2, "expected --out", "predict", run, NULL);
  cs_test_assert_cli_fails (2, "expected one CHECKPOINT", "predict", "--out", csv, NULL);
  cs_test_assert_cli_fails (1, inside, "predict", run, "--out", inside, NULL);
  g_assert_false (g_file_test (cs_test_dir_path (tmp, "p.txt"), G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/predict/labelme", test_labelme);
  g_test_add_func ("/cli/predict/music", test_music);
  g_test_add_func ("/cli/predict/json", test_json);
  g_test_add_func ("/cli/predict/own-data-and-errors", test_own_data_and_errors);
  return g_test_run ();
}
