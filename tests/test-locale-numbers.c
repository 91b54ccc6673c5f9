/* test-locale-numbers.c — files and machine-readable output keep their decimal points
 *
 * The window runs under the user's locale (setlocale (LC_ALL, "") in ui/main.c), so what the
 * core writes must not follow LC_NUMERIC: a German user's metrics.csv would otherwise read
 * "0,25". crowdscope-cli keeps LC_NUMERIC at "C" (cli/cs-cli.c), so its --json and its human
 * output keep theirs too. Both are checked under de_DE.UTF-8, whose decimal separator is a
 * comma; the tests skip where that locale is not installed (build-aux/dev test generates it).
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <json-glib/json-glib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "cs-checkpoint.h"
#include "cs-trainer.h"
#include "test-util.h"

#define GERMAN "de_DE.UTF-8"

/* Whether LC_NUMERIC can be German here, and is then: printf writes a comma. */
static gboolean
set_german_numbers (void)
{
  char text[16];

  if (setlocale (LC_NUMERIC, GERMAN) == NULL)
    {
      g_test_skip ("the " GERMAN " locale is not installed");
      return FALSE;
    }
  g_snprintf (text, sizeof text, "%.2f", 0.25);
  g_assert_cmpstr (text, ==, "0,25");
  return TRUE;
}

static void
test_metrics_csv (void)
{
  g_autoptr(GArray) history = g_array_new (FALSE, TRUE, sizeof (CsEpochMetrics));
  CsEpochMetrics m = { 1, 0.25, 0.125, 0.125, 0.5, 0.75, 0.625, NAN, 0.5, 1 };
  CsTestDir *tmp = cs_test_dir_new ();
  const char *path = cs_test_dir_path (tmp, "metrics.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!set_german_numbers ())
    {
      cs_test_dir_free (tmp);
      return;
    }
  g_array_append_val (history, m);
  g_assert_true (cs_metrics_csv_write (history, path, &error));
  setlocale (LC_NUMERIC, "C");
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  cs_test_assert_contains (text, ",0.25,");
  cs_test_assert_contains (text, ",0.625");
  g_assert_null (strstr (text, "0,25"));
  cs_test_dir_free (tmp);
}

static void
test_cli (void)
{
  CsTestDir *tmp = cs_test_dir_new ();
  const char *dir = cs_test_dir_path (tmp, "demo");
  g_auto(CsTestCliResult) demo = { 0 };
  g_auto(CsTestCliResult) text = { 0 };
  g_auto(CsTestCliResult) json = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  double accuracy;

  if (!set_german_numbers ())
    {
      cs_test_dir_free (tmp);
      return;
    }
  setlocale (LC_NUMERIC, "C");
  /* The child inherits the locale through the environment. */
  g_setenv ("LC_ALL", GERMAN, TRUE);
  cs_test_run_cli (&demo, "demo", dir, NULL);
  g_assert_cmpint (demo.status, ==, 0);
  cs_test_run_cli (&text, "info", dir, NULL);
  cs_test_run_cli (&json, "info", dir, "--json", NULL);
  g_unsetenv ("LC_ALL");

  g_assert_cmpint (text.status, ==, 0);
  /* Three labels per item in the demo: "mean 3.00", never "mean 3,00". */
  cs_test_assert_contains (text.out, "3.00");
  g_assert_null (strstr (text.out, "3,00"));
  g_assert_cmpint (json.status, ==, 0);
  root = cs_test_parse_object (parser, json.out);
  accuracy = json_object_get_double_member (root, "majority_vote_accuracy");
  g_assert_cmpfloat (accuracy, >, 0);
  g_assert_cmpfloat (accuracy, <, 1);
  g_assert_cmpfloat (accuracy, !=, (double) (int) accuracy);
  cs_test_dir_free (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/locale-numbers/metrics-csv", test_metrics_csv);
  g_test_add_func ("/locale-numbers/cli", test_cli);
  return g_test_run ();
}
