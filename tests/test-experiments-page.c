/* test-experiments-page.c — the Experiments page in the window: two methods × two seeds on the
 * demo, the table filling in, its numbers those of crowdscope-cli experiment, a stop
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-curve-band.h"
#include "cs-demo.h"
#include "cs-experiments-page.h"
#include "cs-loss-chart-private.h"
#include "cs-published.h"
#include "cs-ui-test.h"
#include "cs-window-test.h"

static gboolean
ended (gpointer data)
{
  return cs_experiment_job_get_state (data) > CS_EXPERIMENT_RUNNING;
}

/* The text of every label under `widget`, one a line. */
static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, out);
}

/* The chart under the table has a group per method with finished runs, whose read-out at an
 * epoch gives the band cs_curve_band_new makes of the row's histories. */
static void
assert_curves (CsExperimentsPage *page,
               GListModel        *rows,
               int                epoch)
{
  CsLossChart *chart = CS_LOSS_CHART (cs_window_test_find (GTK_WIDGET (page), CS_TYPE_LOSS_CHART));
  g_autofree char *text = NULL;

  g_assert_nonnull (chart);
  g_assert_cmpuint (cs_loss_chart_get_n_groups (chart), ==, g_list_model_get_n_items (rows));
  text = cs_window_test_wait_readout (chart, epoch);
  for (guint m = 0; m < g_list_model_get_n_items (rows); m++)
    {
      g_autoptr(CsExperimentResult) row = g_list_model_get_item (rows, m);
      g_autoptr(CsCurveBand) band = NULL;
      g_autofree char *expected = NULL;
      GArray * const *histories;
      int n;

      histories = cs_experiment_result_get_histories (row, &n);
      g_assert_cmpint (n, ==, cs_experiment_result_get_n_runs (row));
      band = cs_curve_band_new (histories, n, CS_CURVE_TEST_ACCURACY);
      expected = g_strdup_printf ("%s mean %.1f ± %.1f %%",
                                  cs_method_get_title (cs_experiment_result_get_method (row)),
                                  100 * band->mean[epoch - 1], 100 * band->std[epoch - 1]);
      cs_test_assert_contains (text, expected);
    }
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static CsExperimentsPage *
choose (CsWindow *window,
        CsMethod  a,
        CsMethod  b,
        int       seeds)
{
  CsExperimentsPage *page = cs_window_get_experiments_page (window);

  for (int m = 0; m < CS_N_METHODS; m++)
    cs_experiments_page_set_method (page, m, m == (int) a || m == (int) b);
  cs_experiments_page_set_seeds (page, seeds);
  return page;
}

/* Run from the page, the table's rows hold every seed, say so in the view, and give what the
 * command line gives for the same dataset, methods and seeds; Export Table's Markdown is the
 * experiment's own table. */
static void
test_experiment_matches_cli (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsWindow) window = g_object_ref_sink (cs_window_test_new_with_demo (tmp, "experiments"));
  CsExperimentsPage *page = choose (window, CS_METHOD_MAJORITY, CS_METHOD_DAWID_SKENE, 2);
  g_auto(CsTestCliResult) cli = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *table = NULL;
  CsExperimentJob *job;
  JsonArray *results;
  GListModel *rows;

  g_assert_null (cs_experiments_page_get_job (page));
  g_assert_true (cs_experiments_page_run (page));
  job = cs_experiments_page_get_job (page);
  g_assert_false (cs_experiments_page_run (page));   /* one at a time */
  cs_test_wait_for (ended, job, "the experiment");
  g_assert_cmpint (cs_experiment_job_get_state (job), ==, CS_EXPERIMENT_FINISHED);
  cs_test_spin (300);

  rows = cs_experiment_job_get_results (job);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
  collect_labels (GTK_WIDGET (page), shown);
  /* Rows in the methods' order: Dawid–Skene, then majority vote, as the CLI was asked. */
  g_assert_nonnull (strstr (shown->str, "Majority vote\n2 of 2\n"));
  g_assert_nonnull (strstr (shown->str, "Dawid–Skene\n2 of 2\n"));
  g_assert_nonnull (strstr (shown->str, "4 of 4 runs"));
  g_assert_nonnull (strstr (shown->str, "Finished in "));

  cs_test_run_cli (&cli, "experiment", cs_test_dir_path (tmp, NULL), "--methods", "ds,mv",
                   "--seeds", "2", "--quiet", "--json", NULL);
  g_assert_cmpint (cli.status, ==, 0);
  results = json_object_get_array_member (cs_test_parse_object (parser, cli.out), "results");
  for (guint m = 0; m < 2; m++)
    {
      g_autoptr(CsExperimentResult) row = g_list_model_get_item (rows, m);
      JsonObject *expect = json_array_get_object_element (results, m);

      g_assert_cmpstr (json_object_get_string_member (expect, "method"), ==,
                       cs_method_to_string (cs_experiment_result_get_method (row)));

      g_assert_cmpfloat_with_epsilon (cs_experiment_result_get_test_mean (row),
                                      json_object_get_double_member (expect, "test_accuracy_mean"), 1e-12);
      g_assert_cmpfloat_with_epsilon (cs_experiment_result_get_test_std (row),
                                      json_object_get_double_member (expect, "test_accuracy_std"), 1e-12);
    }

  /* Export Curves draws both methods' runs and bands, named in the SVG's legend. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (cs_test_dir_path (tmp, "curves.svg"));
    g_autofree char *svg = NULL;

    cs_experiments_page_export_curves (page, file);
    cs_test_wait_for (file_exists, (gpointer) g_file_peek_path (file), "the curves to be exported");
    g_assert_true (g_file_get_contents (g_file_peek_path (file), &svg, NULL, NULL));
    g_assert_nonnull (strstr (svg, "Majority vote (2 seeds)"));
    g_assert_nonnull (strstr (svg, "Dawid–Skene (2 seeds)"));
  }

  cs_experiment_format_table (cs_experiment_job_get_experiment (job), CS_TABLE_MARKDOWN, expected);
  table = cs_experiment_job_format_table (job, CS_TABLE_MARKDOWN);
  g_assert_cmpstr (table, ==, expected->str);
  assert_curves (page, rows, 2);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* “Current Settings” trains every method with the Training page's settings: here its epochs. */
static void
test_current_settings (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsWindow) window = g_object_ref_sink (cs_window_test_new_with_demo (tmp, "experiments"));
  CsExperimentsPage *page = choose (window, CS_METHOD_MAJORITY, CS_METHOD_CONAL, 2);
  GtkWidget *preset_row = cs_window_test_find_id (GTK_WIDGET (page), "preset_row");
  CsExperimentJob *job;
  GListModel *rows;

  g_object_set (cs_session_get_options (cs_window_get_session (window)), "epochs", 3, NULL);
  adw_combo_row_set_selected (ADW_COMBO_ROW (preset_row), 2);
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (ADW_COMBO_ROW (preset_row))),
                   ==, "Current Settings");
  g_assert_true (cs_experiments_page_run (page));
  job = cs_experiments_page_get_job (page);
  cs_test_wait_for (ended, job, "the experiment");
  g_assert_cmpint (cs_experiment_job_get_state (job), ==, CS_EXPERIMENT_FINISHED);
  cs_test_spin (200);

  rows = cs_experiment_job_get_results (job);
  for (guint m = 0; m < g_list_model_get_n_items (rows); m++)
    {
      g_autoptr(CsExperimentResult) row = g_list_model_get_item (rows, m);
      GArray * const *histories;
      int n;

      histories = cs_experiment_result_get_histories (row, &n);
      g_assert_cmpint (n, ==, 2);
      for (int s = 0; s < n; s++)
        g_assert_cmpuint (histories[s]->len, ==, 3);
    }
  assert_curves (page, rows, 3);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
window_loaded (gpointer data)
{
  return !cs_window_get_loading (data);
}

/* On a dataset the papers report on, the note under the table and the chart's reference line
 * give cs_published_find's figure. */
static void
test_published_reference (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsWindow) window = g_object_ref_sink (cs_window_new (NULL));
  const CsPublished *published = cs_published_find ("labelme", CS_METHOD_CONAL);
  g_autoptr(GKeyFile) manifest = NULL;
  g_autofree char *note = NULL;
  g_autofree char *line = NULL;
  CsLossChart *chart;

  g_assert_true (cs_demo_write (cs_test_dir_path (tmp, "labelme"), 1, &error));
  /* The demo, named as a dataset the CoNAL paper reports on. */
  manifest = g_key_file_new ();
  g_assert_true (g_key_file_load_from_file (manifest, cs_test_dir_path (tmp, "labelme/" CS_DEMO_MANIFEST),
                                            G_KEY_FILE_KEEP_COMMENTS, &error));
  g_key_file_set_string (manifest, "dataset", "name", "LabelMe (a demo named so)");
  g_assert_true (g_key_file_save_to_file (manifest, cs_test_dir_path (tmp, "labelme/" CS_DEMO_MANIFEST),
                                          &error));
  gtk_window_present (GTK_WINDOW (window));
  cs_window_open_path (window, cs_test_dir_path (tmp, "labelme"));
  cs_test_wait_for (window_loaded, window, "the dataset");
  cs_window_test_show_page (window, "experiments");
  cs_test_spin (100);

  g_assert_nonnull (published);
  note = g_strdup_printf ("%s reports %.2f ± %.2f %% test accuracy on this dataset; %s.",
                          published->source, 100 * published->test_mean,
                          100 * published->test_std, published->differences);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (cs_window_test_find_id (GTK_WIDGET (cs_window_get_experiments_page (window)),
                                                                          "reference_label"))),
                   ==, note);

  chart = CS_LOSS_CHART (cs_window_test_find (GTK_WIDGET (cs_window_get_experiments_page (window)),
                                              CS_TYPE_LOSS_CHART));
  line = g_strdup_printf ("%s: %.2f ± %.2f %%", published->source, 100 * published->test_mean,
                          100 * published->test_std);
  cs_ui_test_wait_description (chart, line);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
one_finished (gpointer data)
{
  return cs_experiment_job_get_n_finished (data) >= 1;
}

/* Stop keeps the runs that finished, says so, and a new experiment can start after. */
static void
test_stop_then_run_again (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsWindow) window = g_object_ref_sink (cs_window_test_new_with_demo (tmp, "experiments"));
  CsExperimentsPage *page = choose (window, CS_METHOD_MAJORITY, CS_METHOD_CONAL, 3);
  g_autoptr(GString) shown = g_string_new (NULL);
  CsExperimentJob *job;

  g_assert_true (cs_experiments_page_run (page));
  /* Held, so that the next experiment's job cannot take its address once the page lets go. */
  job = g_object_ref (cs_experiments_page_get_job (page));
  cs_test_wait_for (one_finished, job, "a first run");
  g_signal_emit_by_name (cs_window_test_find_id (GTK_WIDGET (page), "stop_button"), "clicked");
  cs_test_wait_for (ended, job, "the stop");
  g_assert_cmpint (cs_experiment_job_get_state (job), ==, CS_EXPERIMENT_STOPPED);
  g_assert_cmpint (cs_experiment_job_get_n_finished (job), <, 6);
  cs_test_spin (200);
  collect_labels (GTK_WIDGET (page), shown);
  g_assert_nonnull (strstr (shown->str, "Stopped: the table holds the runs that had finished."));

  choose (window, CS_METHOD_MAJORITY, CS_METHOD_MAJORITY, 1);
  g_assert_true (cs_experiments_page_run (page));
  g_assert_true (cs_experiments_page_get_job (page) != job);
  cs_test_wait_for (ended, cs_experiments_page_get_job (page), "the second experiment");
  g_assert_cmpint (cs_experiment_job_get_n_finished (cs_experiments_page_get_job (page)), ==, 1);
  g_object_unref (job);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Closing the window mid-experiment asks; Cancel keeps it running, Stop and Close stops its
 * workers and lets the experiment go. */
static void
test_close_mid_experiment (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  CsWindow *window = cs_window_test_new_with_demo (tmp, "experiments");
  CsExperimentsPage *page = choose (window, CS_METHOD_CONAL, CS_METHOD_CROWD_LAYER, 10);
  CsExperimentJob *job;
  GWeakRef ref;

  g_assert_true (cs_experiments_page_run (page));
  job = cs_experiments_page_get_job (page);
  g_weak_ref_init (&ref, job);
  gtk_window_close (GTK_WINDOW (window));
  cs_test_wait_for (cs_window_test_dialog_shown, NULL, "the window to ask");
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (cs_window_test_find_dialog ())),
                   ==, "Stop the Experiment and Close?");
  cs_window_test_answer ("cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_cmpint (cs_experiment_job_get_state (job), ==, CS_EXPERIMENT_RUNNING);

  gtk_window_close (GTK_WINDOW (window));
  cs_window_test_answer ("stop");
  cs_test_spin (100);
  g_assert_null (g_weak_ref_get (&ref));
  g_weak_ref_clear (&ref);
}

int
main (int   argc,
      char *argv[])
{
  cs_ui_test_init (&argc, &argv);
  g_test_add_func ("/experiments-page/matches-cli", test_experiment_matches_cli);
  g_test_add_func ("/experiments-page/current-settings", test_current_settings);
  g_test_add_func ("/experiments-page/published-reference", test_published_reference);
  g_test_add_func ("/experiments-page/stop-then-run-again", test_stop_then_run_again);
  g_test_add_func ("/experiments-page/close-mid-experiment", test_close_mid_experiment);
  return g_test_run ();
}
