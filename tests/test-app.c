/* test-app.c — the real window driven end to end: open, train, watch, stop, train again,
 * finish; a malformed dataset; opening another dataset and closing mid-run, which ask first;
 * the form and the runs surviving a change of dataset; the dataset's name in the header
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cs-demo.h"
#include "cs-loss-chart-private.h"
#include "cs-train-page.h"
#include "cs-ui-test.h"
#include "cs-window-test.h"
#include "cs-window.h"
#include "test-util.h"


static gboolean
loaded (gpointer data)
{
  return !cs_window_get_loading (data);
}

static CsTraining *
training_of (CsWindow *window)
{
  return cs_session_get_training (cs_window_get_session (window));
}

static gboolean
three_epochs (gpointer data)
{
  CsTraining *training = training_of (data);

  return training && cs_training_get_n_epochs (training) >= 3;
}

static gboolean
not_running (gpointer data)
{
  return cs_training_get_state (data) != CS_TRAINING_RUNNING;
}

static void
find_charts (GtkWidget  *widget,
             GPtrArray  *charts)
{
  if (CS_IS_LOSS_CHART (widget))
    g_ptr_array_add (charts, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    find_charts (child, charts);
}

/* The loss chart (the first of the page) reads back the value of `epoch` at its pixel. */
static void
assert_loss_at (CsWindow *window,
                int       epoch)
{
  g_autoptr(GPtrArray) charts = g_ptr_array_new ();
  g_autofree char *text = NULL;
  g_autofree char *expected = g_strdup_printf ("Epoch %d", epoch);
  CsLossChart *chart;
  double picked;

  find_charts (GTK_WIDGET (cs_window_get_train_page (window)), charts);
  g_assert_cmpuint (charts->len, ==, 2);
  chart = g_ptr_array_index (charts, 0);
  cs_test_spin (50);
  g_assert_true (cs_loss_chart_get_readout (chart, cs_loss_chart_x_to_widget (chart, epoch), &picked, &text));
  g_assert_cmpfloat (picked, ==, epoch);
  cs_test_assert_contains (text, expected);
}

static void
set_epochs (CsWindow *window,
            int       epochs)
{
  g_object_set (cs_session_get_options (cs_window_get_session (window)),
                "epochs", epochs, "batch-size", 128, NULL);
}


static void
test_train_stop_train (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GError) error = NULL;
  CsWindow *window = cs_window_new (NULL);
  g_autoptr(CsTraining) first = NULL;
  CsTraining *second;
  guint stopped_at;

  g_assert_true (cs_demo_write (cs_test_dir_path (tmp, NULL), 1, &error));
  gtk_window_present (GTK_WINDOW (window));

  cs_window_open_path (window, cs_test_dir_path (tmp, NULL));
  cs_test_wait_for (loaded, window, "the dataset to load");
  g_assert_nonnull (cs_window_get_dataset (window));
  g_assert_cmpint (cs_window_get_dataset (window)->splits[CS_SPLIT_TRAIN].n, ==, CS_DEMO_N_TRAIN);

  /* A long run: the curve grows while it trains, then Stop ends it. */
  set_epochs (window, 5000);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.train", NULL));
  first = g_object_ref (training_of (window));
  g_assert_cmpint (cs_training_get_state (first), ==, CS_TRAINING_RUNNING);
  cs_test_wait_for (three_epochs, window, "three epochs");
  assert_loss_at (window, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL));
  cs_test_wait_for (not_running, first, "the run to stop");
  g_assert_cmpint (cs_training_get_state (first), ==, CS_TRAINING_STOPPED);
  stopped_at = cs_training_get_n_epochs (first);
  g_assert_cmpuint (stopped_at, <, 5000);
  cs_test_spin (200);
  g_assert_cmpuint (cs_training_get_n_epochs (first), ==, stopped_at);

  /* A short run to the end, the stopped one drawn under it. */
  set_epochs (window, 4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.train", NULL));
  second = training_of (window);
  g_assert_true (second != first);
  cs_test_wait_for (not_running, second, "the second run to finish");
  g_assert_cmpint (cs_training_get_state (second), ==, CS_TRAINING_FINISHED);
  g_assert_cmpuint (cs_training_get_n_epochs (second), ==, 4);
  g_assert_nonnull (cs_training_get_run (second));
  assert_loss_at (window, 4);

  gtk_window_destroy (GTK_WINDOW (window));
  cs_test_spin (50);
}

/* A run to the end with a seed, on the window's dataset. */
static CsTraining *
train_to_end (CsWindow *window,
              guint64   seed)
{
  CsTraining *training;

  g_object_set (cs_session_get_options (cs_window_get_session (window)), "seed", seed, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.train", NULL));
  training = training_of (window);
  cs_test_wait_for (not_running, training, "the run to finish");
  g_assert_nonnull (cs_training_get_run (training));
  return training;
}

/* After two runs the first is an earlier run: named in the accuracy chart's legend with its
 * method, seed and test accuracy, and in the read-out until its legend entry hides it. */
static void
test_earlier_runs_labelled (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) charts = g_ptr_array_new ();
  CsWindow *window = cs_window_new (NULL);
  CsTraining *first;
  CsLossChart *accuracy;
  GtkWidget *toggle;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;

  g_assert_true (cs_demo_write (cs_test_dir_path (tmp, NULL), 1, &error));
  gtk_window_present (GTK_WINDOW (window));
  cs_window_open_path (window, cs_test_dir_path (tmp, NULL));
  cs_test_wait_for (loaded, window, "the dataset to load");
  set_epochs (window, 3);
  first = train_to_end (window, 11);
  name = g_strdup_printf ("%s, seed 11",
                          cs_method_get_title (cs_training_get_config (first)->method));
  label = g_strdup_printf ("%s · %.1f %%", name,
                           100 * cs_run_get_best (cs_training_get_run (first))->test_accuracy);
  train_to_end (window, 12);

  find_charts (GTK_WIDGET (cs_window_get_train_page (window)), charts);
  accuracy = g_ptr_array_index (charts, 1);
  g_free (cs_window_test_wait_readout (accuracy, 2));
  g_assert_cmpuint (cs_loss_chart_get_n_groups (accuracy), ==, 1);
  toggle = cs_loss_chart_get_group_toggle (accuracy, 0);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       label);
  g_assert_true (cs_loss_chart_get_readout (accuracy, cs_loss_chart_x_to_widget (accuracy, 2),
                                            NULL, &text));
  cs_test_assert_contains (text, name);
  g_clear_pointer (&text, g_free);

  /* A click on its legend entry hides it: the read-out no longer lists it. */
  g_signal_emit_by_name (toggle, "clicked");
  g_assert_false (cs_loss_chart_get_group_visible (accuracy, 0));
  cs_test_spin (50);
  g_assert_true (cs_loss_chart_get_readout (accuracy, cs_loss_chart_x_to_widget (accuracy, 2),
                                            NULL, &text));
  g_assert_null (strstr (text, name));
  cs_test_assert_contains (text, "test");

  gtk_window_destroy (GTK_WINDOW (window));
  cs_test_spin (50);
}

/* A malformed dataset shows the loader's message; the dataset open before stays open. */
static void
test_bad_dataset_keeps_previous (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GError) error = NULL;
  CsWindow *window = cs_window_new (NULL);
  CsDataset *before;
  GtkWidget *dialog;
  const char *bad;

  g_assert_true (cs_demo_write (cs_test_dir_path (tmp, "good"), 1, &error));
  g_assert_cmpint (g_mkdir (cs_test_dir_path (tmp, "bad"), 0700), ==, 0);
  cs_test_dir_write (tmp, "bad/crowdscope.ini", "[dataset]\nclasses=a;b\n[train]\nfeatures=x.csv\n");
  cs_test_dir_write (tmp, "bad/x.csv", "f0,f1\n1,2\n3,oops\n");
  bad = cs_test_dir_path (tmp, "bad");
  gtk_window_present (GTK_WINDOW (window));

  cs_window_open_path (window, cs_test_dir_path (tmp, "good"));
  cs_test_wait_for (loaded, window, "the good dataset");
  before = cs_window_get_dataset (window);
  g_assert_nonnull (before);

  cs_window_open_path (window, bad);
  cs_test_wait_for (loaded, window, "the bad dataset");
  cs_test_wait_for (cs_window_test_dialog_shown, NULL, "the error dialog");
  dialog = cs_window_test_find_dialog ();
  cs_test_assert_contains (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "x.csv:3");
  cs_test_assert_contains (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "oops");
  g_assert_true (cs_window_get_dataset (window) == before);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  cs_test_spin (50);
}


static CsWindow *
window_training_demo (CsTestDir *tmp)
{
  g_autoptr(GError) error = NULL;
  CsWindow *window = cs_window_new (NULL);

  g_assert_true (cs_demo_write (cs_test_dir_path (tmp, "demo"), 1, &error));
  gtk_window_present (GTK_WINDOW (window));
  cs_window_open_path (window, cs_test_dir_path (tmp, "demo"));
  cs_test_wait_for (loaded, window, "the dataset to load");
  set_epochs (window, 5000);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.train", NULL);
  cs_test_wait_for (three_epochs, window, "three epochs");
  return window;
}

/* Closing the window mid-run asks; Cancel keeps it training, Stop and Close stops the worker
 * cleanly. */
static void
test_close_mid_run (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  CsWindow *window = window_training_demo (tmp);
  g_autoptr(CsTraining) training = g_object_ref (training_of (window));

  gtk_window_close (GTK_WINDOW (window));
  cs_window_test_answer ("cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_cmpint (cs_training_get_state (training), ==, CS_TRAINING_RUNNING);

  gtk_window_close (GTK_WINDOW (window));
  cs_window_test_answer ("stop");
  cs_test_wait_for (not_running, training, "the run to stop after closing");
  g_assert_cmpint (cs_training_get_state (training), ==, CS_TRAINING_STOPPED);
  g_assert_cmpuint (cs_training_get_n_epochs (training), <, 5000);
}

static gboolean
dataset_is (gpointer data)
{
  CsWindow *window = ((gpointer *) data)[0];

  return cs_window_get_dataset (window) != ((gpointer *) data)[1] && !cs_window_get_loading (window);
}

/* Opening a dataset while a run goes on asks. Cancel: the run goes on, nothing opens. Stop and
 * Open: the run stops and keeps its result among the runs, the other dataset opens, the typed
 * settings stay, and nothing of the page is left scheduled once the window is gone. */
static void
test_reopen_mid_run (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GError) error = NULL;
  CsWindow *window = window_training_demo (tmp);
  CsSession *session = cs_window_get_session (window);
  CsTrainPage *page = cs_window_get_train_page (window);
  g_autoptr(CsTraining) first = g_object_ref (training_of (window));
  CsDataset *before = cs_window_get_dataset (window);
  gpointer change[2] = { window, before };
  int epochs;

  g_assert_true (cs_demo_write (cs_test_dir_path (tmp, "other"), 2, &error));
  cs_window_open_path (window, cs_test_dir_path (tmp, "other"));
  cs_window_test_answer ("cancel");
  g_assert_true (cs_window_get_dataset (window) == before);
  g_assert_cmpint (cs_training_get_state (first), ==, CS_TRAINING_RUNNING);

  cs_window_open_path (window, cs_test_dir_path (tmp, "other"));
  cs_window_test_answer ("stop");
  cs_test_wait_for (dataset_is, change, "the other dataset");
  cs_test_wait_for (not_running, first, "the first run to stop");
  g_assert_cmpint (cs_training_get_state (first), ==, CS_TRAINING_STOPPED);
  g_assert_true (cs_training_get_has_result (first));
  g_assert_null (training_of (window));
  g_assert_cmpuint (g_list_model_get_n_items (cs_session_get_runs (session)), ==, 1);
  g_object_get (cs_session_get_options (session), "epochs", &epochs, NULL);
  g_assert_cmpint (epochs, ==, 5000);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.train", NULL);
  cs_test_wait_for (three_epochs, window, "three epochs of the second run");
  g_assert_cmpuint (g_list_model_get_n_items (cs_session_get_runs (session)), ==, 2);

  gtk_window_close (GTK_WINDOW (window));
  cs_window_test_answer ("stop");
  cs_test_spin (50);
  g_assert_null (g_main_context_find_source_by_user_data (NULL, page));
}

static void
find_window_titles (GtkWidget *widget,
                    GPtrArray *titles)
{
  if (ADW_IS_WINDOW_TITLE (widget))
    g_ptr_array_add (titles, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    find_window_titles (child, titles);
}

/* With the view switcher in the header, the open dataset's name still shows on every page. */
static void
test_dataset_in_header (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  CsWindow *window = cs_window_new (NULL);
  const char *name;
  gboolean shown = FALSE;

  g_assert_true (cs_demo_write (cs_test_dir_path (tmp, NULL), 1, &error));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  cs_window_open_path (window, cs_test_dir_path (tmp, NULL));
  cs_test_wait_for (loaded, window, "the dataset to load");
  cs_test_spin (100);
  name = cs_window_get_dataset (window)->name;
  cs_test_assert_contains (gtk_window_get_title (GTK_WINDOW (window)), name);
  find_window_titles (GTK_WIDGET (window), titles);
  for (guint i = 0; i < titles->len; i++)
    shown |= gtk_widget_is_drawable (g_ptr_array_index (titles, i)) &&
             g_strcmp0 (adw_window_title_get_title (g_ptr_array_index (titles, i)), name) == 0;
  g_assert_true (shown);

  gtk_window_destroy (GTK_WINDOW (window));
  cs_test_spin (50);
}

int
main (int   argc,
      char *argv[])
{
  if (!cs_ui_test_init (&argc, &argv))
    return 0;
  g_test_add_func ("/app/train-stop-train", test_train_stop_train);
  g_test_add_func ("/app/earlier-runs-labelled", test_earlier_runs_labelled);
  g_test_add_func ("/app/bad-dataset-keeps-previous", test_bad_dataset_keeps_previous);
  g_test_add_func ("/app/close-mid-run", test_close_mid_run);
  g_test_add_func ("/app/reopen-mid-run", test_reopen_mid_run);
  g_test_add_func ("/app/dataset-in-header", test_dataset_in_header);
  return g_test_run ();
}
