/* test-predictions-export.c — the CSV and JSON files of a model's predictions, byte for byte,
 * read back, and their errors
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <errno.h>
#include <math.h>

#include "cs-csv.h"
#include "cs-error.h"
#include "cs-predictions-export.h"
#include "cs-test-predictions.h"
#include "test-util.h"

enum { A, B, C };

/* An id that needs quoting, an item without gold, one without labels or image. */
static const CsTestPrediction rows[] = {
  { CS_SPLIT_TRAIN, "t,0", "/img/t0.png", A, A, 0.9f, { 2, 1, 0 }, NAN },
  { CS_SPLIT_TRAIN, "t1", NULL, -1, C, 0.7f, { 2, 0, 0 }, NAN },
  { CS_SPLIT_TEST, "s0", NULL, B, C, 0.5f, { 0, 0, 0 }, NAN },
};

static const char expected_csv[] =
  "id,split,image,gold,predicted,probability,votes,majority,majority_share,a,b,c\n"
  "\"t,0\",train,/img/t0.png,a,a,0.900000,a:2;b:1,a,0.666667,0.900000,0.050000,0.050000\n"
  "t1,train,,,c,0.700000,a:2,a,1.000000,0.150000,0.150000,0.700000\n"
  "s0,test,,b,c,0.500000,,,,0.250000,0.250000,0.500000\n";

static const char expected_json[] =
  "[\n"
  "  {\"id\": \"t,0\", \"split\": \"train\", \"image\": \"/img/t0.png\", \"gold\": \"a\", "
  "\"predicted\": \"a\", \"probability\": 0.900000, \"votes\": \"a:2;b:1\", \"majority\": \"a\", "
  "\"majority_share\": 0.666667},\n"
  "  {\"id\": \"t1\", \"split\": \"train\", \"image\": null, \"gold\": null, \"predicted\": \"c\", "
  "\"probability\": 0.700000, \"votes\": \"a:2\", \"majority\": \"a\", \"majority_share\": 1.000000},\n"
  "  {\"id\": \"s0\", \"split\": \"test\", \"image\": null, \"gold\": \"b\", \"predicted\": \"c\", "
  "\"probability\": 0.500000, \"votes\": null, \"majority\": null, \"majority_share\": null}\n"
  "]\n";

static CsPredictions *
make_predictions (CsTestDir  *tmp,
                  const char *classes)
{
  g_autoptr(GError) error = NULL;
  const char *dir = cs_test_write_small_dataset (tmp, "small", classes, 4, 1);
  g_autoptr(CsDataset) dataset = cs_dataset_load (dir, NULL, &error);

  g_assert_no_error (error);
  return cs_test_predictions_new (dataset, rows, G_N_ELEMENTS (rows));
}

static void
test_bytes (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsPredictions) predictions = make_predictions (tmp, "a;b;c");
  g_autoptr(GString) csv = cs_predictions_to_csv (predictions, true);
  g_autoptr(GString) json = cs_predictions_to_json (predictions, false);
  g_autoptr(GString) bare = cs_predictions_to_csv (predictions, false);
  g_auto(GStrv) lines = g_strsplit (bare->str, "\n", -1);

  g_assert_cmpstr (csv->str, ==, expected_csv);
  g_assert_cmpstr (json->str, ==, expected_json);
  g_assert_cmpstr (lines[0], ==, "id,split,image,gold,predicted,probability,votes,majority,majority_share");
  g_assert_cmpstr (lines[3], ==, "s0,test,,b,c,0.500000,,,");
}

/* A list's rows alone, in the list's order: what a gallery exports. */
static void
test_items (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsPredictions) predictions = make_predictions (tmp, "a;b;c");
  const int items[] = { 2, 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) expected = g_strsplit (expected_csv, "\n", -1);

  g_assert_true (cs_predictions_save_items (predictions, items, 2, cs_test_dir_path (tmp, "l.csv"),
                                            true, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (cs_test_dir_path (tmp, "l.csv"), &csv, NULL, NULL));
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[0], ==, expected[0]);
  g_assert_cmpstr (lines[1], ==, expected[3]);
  g_assert_cmpstr (lines[2], ==, expected[1]);
  g_assert_cmpstr (lines[3], ==, "");
}

/* Written through cs_predictions_save, the CSV reads back through the core's reader and the
 * JSON through json-glib, with the same columns and values. */
static void
test_read_back (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsPredictions) predictions = make_predictions (tmp, "a;b;c");
  const char *csv_path = cs_test_dir_path (tmp, "p.csv");
  const char *json_path = cs_test_dir_path (tmp, "p.JSON");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCsv) csv = NULL;
  g_auto(GStrv) columns = cs_predictions_columns (predictions, true);
  JsonArray *array;

  g_assert_true (cs_predictions_save (predictions, csv_path, true, &error));
  g_assert_true (cs_predictions_save (predictions, json_path, true, &error));
  g_assert_no_error (error);
  csv = cs_csv_load (csv_path, &error);
  g_assert_no_error (error);
  json_parser_load_from_file (parser, json_path, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpint (cs_csv_get_n_rows (csv), ==, G_N_ELEMENTS (rows));
  g_assert_cmpuint (json_array_get_length (array), ==, G_N_ELEMENTS (rows));
  g_assert_cmpint (cs_csv_get_n_cols (csv), ==, g_strv_length (columns));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      g_autoptr(GList) members = json_object_get_members (object);
      GList *m = members;

      for (int c = 0; columns[c] != NULL; c++, m = m->next)
        {
          const char *cell = cs_csv_get_cell (csv, (int) i, c);
          JsonNode *node = json_object_get_member (object, columns[c]);

          g_assert_cmpstr (cs_csv_get_header (csv, c), ==, columns[c]);
          g_assert_cmpstr (m->data, ==, columns[c]);
          if (*cell == '\0')
            g_assert_true (JSON_NODE_HOLDS_NULL (node));
          else if (json_node_get_value_type (node) == G_TYPE_STRING)
            g_assert_cmpstr (json_node_get_string (node), ==, cell);
          else
            g_assert_cmpfloat (json_node_get_double (node), ==, g_ascii_strtod (cell, NULL));
        }
    }
  g_assert_cmpstr (cs_csv_get_cell (csv, 0, 0), ==, "t,0");
  g_assert_cmpstr (cs_csv_get_cell (csv, 0, cs_csv_find_column (csv, "votes")), ==, "a:2;b:1");
}

/* A class named as a column gets a name of its own: two columns "gold" would be ambiguous. */
static void
test_class_named_as_a_column (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsPredictions) predictions = make_predictions (tmp, "gold;b;c");
  g_auto(GStrv) columns = cs_predictions_columns (predictions, true);
  g_autoptr(GString) csv = cs_predictions_to_csv (predictions, false);

  g_assert_cmpstr (columns[CS_PREDICTIONS_N_COLUMNS], ==, "p(gold)");
  g_assert_cmpstr (columns[CS_PREDICTIONS_N_COLUMNS + 1], ==, "b");
  g_assert_cmpstr (columns[CS_PREDICTIONS_N_COLUMNS + 3], ==, NULL);
  /* As a value the class keeps its name. */
  cs_test_assert_contains (csv->str, "\"t,0\",train,/img/t0.png,gold,gold,");
}

static void
test_empty (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsDataset) dataset = cs_test_load_small_dataset (tmp);
  g_autoptr(CsPredictions) predictions = cs_test_predictions_new (dataset, rows, 0);
  g_autoptr(GString) csv = cs_predictions_to_csv (predictions, false);
  g_autoptr(GString) json = cs_predictions_to_json (predictions, true);

  g_assert_cmpstr (csv->str, ==, "id,split,image,gold,predicted,probability,votes,majority,majority_share\n");
  g_assert_cmpstr (json->str, ==, "[]\n");
}

static void
test_errors (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsPredictions) predictions = make_predictions (tmp, "a;b;c");
  const char *txt = cs_test_dir_path (tmp, "p.txt");
  const char *blocker = cs_test_dir_write (tmp, "blocker", "a file, not a folder\n");
  g_autofree char *inside = g_build_filename (blocker, "p.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) io_error = NULL;

  g_assert_false (cs_predictions_save (predictions, txt, false, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_INVALID);
  cs_test_assert_contains (error->message, txt);
  cs_test_assert_contains (error->message, ".csv or .json");
  g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));

  g_assert_false (cs_predictions_save (predictions, inside, false, &io_error));
  cs_test_assert_io_error (io_error, inside, "write", ENOTDIR);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/predictions-export/bytes", test_bytes);
  g_test_add_func ("/predictions-export/items", test_items);
  g_test_add_func ("/predictions-export/read-back", test_read_back);
  g_test_add_func ("/predictions-export/class-named-as-a-column", test_class_named_as_a_column);
  g_test_add_func ("/predictions-export/empty", test_empty);
  g_test_add_func ("/predictions-export/errors", test_errors);
  return g_test_run ();
}
