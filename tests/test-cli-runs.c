/* test-cli-runs.c — `train --keep`, `experiment --keep` and `runs`: what is kept is listed with
 * the numbers the run printed, and a damaged store is warned about, not fatal
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <json-glib/json-glib.h>
#include <string.h>

#include "cs-figure-readers.h"
#include "cs-png-reader.h"
#include "cs-run-store.h"
#include "test-util.h"

/* A demo dataset and a run store of the test's own, which crowdscope-cli finds through
 * $CROWDSCOPE_RUNS_DIR. */
static CsTestDir *
set_up (const char **demo)
{
  CsTestDir *tmp = cs_test_dir_new ();
  g_auto(CsTestCliResult) r = { 0 };

  *demo = cs_test_dir_path (tmp, "demo");
  g_setenv (CS_RUN_STORE_ENV, cs_test_dir_path (tmp, "runs"), TRUE);
  cs_test_run_cli (&r, "demo", *demo, NULL);
  g_assert_cmpint (r.status, ==, 0);
  return tmp;
}

/* `runs --json`'s array of runs, asserting that it succeeded with `n_warnings` warnings. */
static JsonArray *
list_runs (JsonParser *parser,
           guint       n_warnings)
{
  g_auto(CsTestCliResult) r = { 0 };
  JsonObject *root;

  cs_test_run_cli (&r, "runs", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = cs_test_parse_object (parser, r.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "warnings")), ==,
                    n_warnings);
  return json_object_get_array_member (root, "runs");
}

static JsonObject *
find_run (JsonArray  *runs,
          const char *id)
{
  for (guint i = 0; i < json_array_get_length (runs); i++)
    {
      JsonObject *run = json_array_get_object_element (runs, i);

      if (g_strcmp0 (json_object_get_string_member (run, "id"), id) == 0)
        return run;
    }
  g_error ("no run %s in the listing", id);
}

/* The members a kept run and the run as printed share, bit for bit. */
static void
assert_same_numbers (JsonObject *kept,
                     JsonObject *printed)
{
  g_assert_cmpstr (json_object_get_string_member (kept, "method"), ==,
                   json_object_get_string_member (printed, "method"));
  g_assert_cmpint (json_object_get_int_member (kept, "seed"), ==,
                   json_object_get_int_member (printed, "seed"));
  g_assert_cmpint (json_object_get_int_member (kept, "best_epoch"), ==,
                   json_object_get_int_member (printed, "best_epoch"));
  g_assert_cmpfloat (json_object_get_double_member (kept, "test_accuracy"), ==,
                     json_object_get_double_member (printed, "test_accuracy"));
  g_assert_cmpfloat (json_object_get_double_member (kept, "valid_accuracy"), ==,
                     json_object_get_double_member (printed, "valid_accuracy"));
}

static void
test_train_keep (void)
{
  const char *demo;
  g_autoptr(CsTestDir) tmp = set_up (&demo);
  g_autoptr(JsonParser) trained = json_parser_new ();
  g_autoptr(JsonParser) listed = json_parser_new ();
  g_autoptr(JsonParser) shown = json_parser_new ();
  g_auto(CsTestCliResult) train = { 0 };
  g_auto(CsTestCliResult) show = { 0 };
  g_auto(CsTestCliResult) show_text = { 0 };
  g_auto(CsTestCliResult) table = { 0 };
  JsonObject *printed, *kept, *details;
  JsonArray *runs;
  const char *id;

  cs_test_run_cli (&train, "train", demo, "--epochs", "3", "--seed", "2", "--threads", "1",
                   "--keep", "--json", NULL);
  g_assert_cmpint (train.status, ==, 0);
  printed = cs_test_parse_object (trained, train.out);
  id = json_object_get_string_member (printed, "kept_as");
  g_assert_nonnull (id);

  runs = list_runs (listed, 0);
  g_assert_cmpuint (json_array_get_length (runs), ==, 1);
  kept = find_run (runs, id);
  assert_same_numbers (kept, printed);
  g_assert_cmpstr (json_object_get_string_member (kept, "name"), ==, "CoNAL on Shapes (demo), seed 2");
  g_assert_cmpstr (json_object_get_string_member (kept, "dataset"), ==, "Shapes (demo)");

  cs_test_run_cli (&show, "runs", "show", id, "--json", NULL);
  g_assert_cmpint (show.status, ==, 0);
  details = cs_test_parse_object (shown, show.out);
  assert_same_numbers (details, printed);
  g_assert_cmpint (json_object_get_int_member (details, "history_length"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (details, "config"),
                                               "epochs"), ==, 3);
  g_assert_true (json_object_get_boolean_member (details, "dataset_found"));

  cs_test_run_cli (&show_text, "runs", "show", id, NULL);
  g_assert_cmpint (show_text.status, ==, 0);
  cs_test_assert_contains (show_text.out, "3 epochs of history");
  cs_test_run_cli (&table, "runs", NULL);
  g_assert_cmpint (table.status, ==, 0);
  cs_test_assert_contains (table.out, id);
  cs_test_assert_contains (table.out, "CoNAL on Shapes (demo), seed 2");
}

/* Every run of the experiment is kept, each with the numbers the experiment printed for it. */
static void
test_experiment_keep (void)
{
  const char *demo;
  g_autoptr(CsTestDir) tmp = set_up (&demo);
  g_autoptr(JsonParser) experimented = json_parser_new ();
  g_autoptr(JsonParser) listed = json_parser_new ();
  g_auto(CsTestCliResult) r = { 0 };
  JsonArray *results, *runs;
  guint n = 0;

  cs_test_run_cli (&r, "experiment", demo, "--methods", "mv,gold", "--seeds", "2", "--epochs", "2",
                   "--json", "--quiet", "--jobs", "2", "--keep", NULL);
  g_assert_cmpint (r.status, ==, 0);
  results = json_object_get_array_member (cs_test_parse_object (experimented, r.out), "results");
  runs = list_runs (listed, 0);
  g_assert_cmpuint (json_array_get_length (runs), ==, 4);
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonArray *row = json_object_get_array_member (json_array_get_object_element (results, i), "runs");

      for (guint s = 0; s < json_array_get_length (row); s++, n++)
        {
          JsonObject *printed = json_array_get_object_element (row, s);

          assert_same_numbers (find_run (runs, json_object_get_string_member (printed, "kept_as")),
                               printed);
        }
    }
  g_assert_cmpuint (n, ==, 4);
}

/* Trains a run of method for 3 epochs and keeps it; returns its id. */
static char *
train_kept (const char *demo,
            const char *method)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(CsTestCliResult) r = { 0 };

  cs_test_run_cli (&r, "train", demo, "--method", method, "--epochs", "3", "--threads", "1",
                   "--keep", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  return g_strdup (json_object_get_string_member (cs_test_parse_object (parser, r.out), "kept_as"));
}

/* `runs curves` overlays kept runs, each labelled with its name; an id not kept is named in the
 * error, and the figure needs --out with a suffix it can write. */
static void
test_runs_curves (void)
{
  const char *demo;
  g_autoptr(CsTestDir) tmp = set_up (&demo);
  g_autofree char *mv = train_kept (demo, "mv");
  g_autofree char *gold = train_kept (demo, "gold");
  const char *svg_path = cs_test_dir_path (tmp, "runs.svg");
  const char *png = cs_test_dir_path (tmp, "loss.png");
  g_autofree char *run = g_strdup_printf ("%s, %s", mv, gold);
  g_auto(CsTestCliResult) r1 = { 0 };
  g_auto(CsTestCliResult) r2 = { 0 };
  g_auto(CsTestSvg) svg = { 0 };
  g_autoptr(GHashTable) text = NULL;

  cs_test_run_cli (&r1, "runs", "curves", mv, gold, "--out", svg_path, NULL);
  g_assert_cmpint (r1.status, ==, 0);
  cs_test_svg_read (&svg, svg_path);
  g_assert_cmpstr (svg.title, ==, "Test accuracy by epoch, 2 runs compared");
  cs_test_assert_contains (svg.desc, "Legend: Majority vote on Shapes (demo), seed 1; "
                                     "Gold labels on Shapes (demo), seed 1");
  cs_test_assert_contains (svg.desc, run);

  cs_test_run_cli (&r2, "runs", "curves", gold, "--out", png, "--curve", "train-loss", NULL);
  g_assert_cmpint (r2.status, ==, 0);
  text = cs_test_png_read_text (png);
  g_assert_cmpstr (g_hash_table_lookup (text, "Title"), ==, "Training loss by epoch, 1 run compared");
  g_assert_cmpstr (g_hash_table_lookup (text, "Run"), ==, gold);

  cs_test_assert_cli_fails (1, "no run “20990101-000000-0000”", "runs", "curves", mv,
                            "20990101-000000-0000", "--out", svg_path, NULL);
  cs_test_assert_cli_fails (2, "--out: expected a .png, .svg or .pdf file name", "runs", "curves",
                            mv, "--out", cs_test_dir_path (tmp, "runs.gif"), NULL);
  cs_test_assert_cli_fails (2, "expected --out", "runs", "curves", mv, NULL);
}

static void
test_rename_delete (void)
{
  const char *demo;
  g_autoptr(CsTestDir) tmp = set_up (&demo);
  g_autoptr(JsonParser) trained = json_parser_new ();
  g_autoptr(JsonParser) renamed = json_parser_new ();
  g_autoptr(JsonParser) deleted = json_parser_new ();
  g_auto(CsTestCliResult) train = { 0 };
  g_auto(CsTestCliResult) rename = { 0 };
  g_auto(CsTestCliResult) delete = { 0 };
  JsonArray *runs;
  g_autofree char *id = NULL;

  cs_test_run_cli (&train, "train", demo, "--method", "gold", "--epochs", "1", "--keep", "--json", NULL);
  g_assert_cmpint (train.status, ==, 0);
  id = g_strdup (json_object_get_string_member (cs_test_parse_object (trained, train.out), "kept_as"));

  cs_test_run_cli (&rename, "runs", "rename", id, "Gold, one epoch", NULL);
  g_assert_cmpint (rename.status, ==, 0);
  runs = list_runs (renamed, 0);
  g_assert_cmpstr (json_object_get_string_member (find_run (runs, id), "name"), ==, "Gold, one epoch");

  cs_test_run_cli (&delete, "runs", "delete", id, NULL);
  g_assert_cmpint (delete.status, ==, 0);
  runs = list_runs (deleted, 0);
  g_assert_cmpuint (json_array_get_length (runs), ==, 0);
  cs_test_assert_cli_fails (1, "no run “", "runs", "show", id, NULL);
  cs_test_assert_cli_fails (1, "no run “", "runs", "delete", id, NULL);
  cs_test_assert_cli_fails (2, "rename ID NAME", "runs", "rename", id, NULL);
  cs_test_assert_cli_fails (2, "rename ID NAME", "runs", "undo", NULL);
}

/* Damaged entries are warned about on stderr, naming the file, and listed in the JSON; the
 * good run is still listed. */
static void
test_damaged_store (void)
{
  const char *demo;
  g_autoptr(CsTestDir) tmp = set_up (&demo);
  g_autoptr(JsonParser) listed = json_parser_new ();
  g_auto(CsTestCliResult) train = { 0 };
  g_auto(CsTestCliResult) table = { 0 };
  JsonArray *runs;

  cs_test_run_cli (&train, "train", demo, "--method", "mv", "--epochs", "1", "--keep", NULL);
  g_assert_cmpint (train.status, ==, 0);
  cs_test_dir_write (tmp, "runs/garbage/run.json", "{\"format\": \"crowdscope-run\", \"vers");
  cs_test_dir_write (tmp, "runs/future/run.json", "{\"format\": \"crowdscope-run\", \"version\": 2}");

  cs_test_run_cli (&table, "runs", NULL);
  g_assert_cmpint (table.status, ==, 0);
  cs_test_assert_contains (table.err, "warning: ");
  cs_test_assert_contains (table.err, cs_test_dir_path (tmp, "runs/garbage/run.json"));
  cs_test_assert_contains (table.err, "runs/future/run.json: the run store is from a newer Crowdscope");
  cs_test_assert_contains (table.out, "Majority vote on Shapes (demo), seed 1");
  runs = list_runs (listed, 2);
  g_assert_cmpuint (json_array_get_length (runs), ==, 1);
}

static void
test_empty_store (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_auto(CsTestCliResult) r = { 0 };

  g_setenv (CS_RUN_STORE_ENV, cs_test_dir_path (tmp, "none"), TRUE);
  cs_test_run_cli (&r, "runs", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cs_test_assert_contains (r.out, "No runs kept in ");
  g_assert_cmpstr (r.err, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Never the user's own store, whatever a test forgets. */
  g_setenv (CS_RUN_STORE_ENV, "/nonexistent/crowdscope-test-runs", TRUE);
  g_test_add_func ("/cli/runs/train-keep", test_train_keep);
  g_test_add_func ("/cli/runs/experiment-keep", test_experiment_keep);
  g_test_add_func ("/cli/runs/curves", test_runs_curves);
  g_test_add_func ("/cli/runs/rename-delete", test_rename_delete);
  g_test_add_func ("/cli/runs/damaged-store", test_damaged_store);
  g_test_add_func ("/cli/runs/empty-store", test_empty_store);
  return g_test_run ();
}
