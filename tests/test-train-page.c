/* test-train-page.c — the Training page: its layout from a phone's width to a desktop's, the
 * form's keyboard and notation, the charts before a run and what a run on a dataset without a
 * validation split shows
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <math.h>
#include <string.h>

#include "cs-chart-axis.h"
#include "cs-loss-chart-private.h"
#include "cs-split-box.h"
#include "cs-train-page.h"
#include "cs-training.h"
#include "cs-ui-test.h"
#include "cs-window-test.h"

static GtkWidget *
child_of (gpointer    page,
          const char *id)
{
  GtkWidget *found = cs_window_test_find_id (GTK_WIDGET (page), id);

  g_assert_nonnull (found);
  return found;
}

static graphene_rect_t
bounds_in (GtkWidget *widget,
           GtkWidget *page)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, page, &bounds));
  return bounds;
}

static void
show_at (GtkWidget *window,
         GtkWidget *page,
         int        width,
         int        height)
{
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  cs_test_spin (200);
  cs_ui_test_wait_for_draw (page);
}

/* Down to 360 px the page fits: folded, the form is over the charts and the whole page
 * scrolls; wide, the form is beside them at a width of its own. */
static void
test_layout (void)
{
  GtkWidget *page = g_object_ref_sink (g_object_new (CS_TYPE_TRAIN_PAGE, NULL));
  GtkWidget *window = cs_ui_test_show (page, 360, 700);
  CsSplitBox *split = CS_SPLIT_BOX (child_of (page, "split_box"));
  GtkWidget *form = child_of (page, "form");
  GtkWidget *loss = child_of (page, "loss_chart");
  GtkWidget *accuracy = child_of (page, "accuracy_chart");
  graphene_rect_t f, l, a;
  int minimum;

  gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("the page's least width: %d", minimum);
  g_assert_cmpint (minimum, <=, 360);

  show_at (window, page, 360, 700);
  g_assert_cmpint (gtk_widget_get_width (page), <=, 360);
  g_assert_true (cs_split_box_get_folded (split));
  f = bounds_in (form, page);
  l = bounds_in (loss, page);
  a = bounds_in (accuracy, page);
  g_assert_cmpfloat (f.origin.y + f.size.height, <=, l.origin.y);
  g_assert_cmpfloat (l.origin.y + l.size.height, <=, a.origin.y);
  g_assert_cmpfloat (l.origin.x + l.size.width, <=, 360);
  /* Folded, the page is taller than the window: it scrolls rather than squeezing the charts. */
  g_assert_cmpint (gtk_widget_get_height (loss), >=, 180);

  show_at (window, page, 1200, 800);
  g_assert_false (cs_split_box_get_folded (split));
  f = bounds_in (form, page);
  l = bounds_in (loss, page);
  g_assert_cmpfloat (f.origin.x + f.size.width, <=, l.origin.x);
  g_assert_cmpfloat (f.origin.y, <, l.origin.y + l.size.height);

  cs_ui_test_finish (window, page);
}

/* The widget that has the window's focus is `widget` or inside it. */
static void
assert_focus_in (GtkWidget *window,
                 GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  g_assert_nonnull (focus);
  if (focus != widget && !gtk_widget_is_ancestor (focus, widget))
    g_error ("the focus is on a %s, not in %s", G_OBJECT_TYPE_NAME (focus),
             gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)));
}

/* The label under `widget` whose mnemonic is `keyval`, or NULL. */
static GtkWidget *
find_mnemonic (GtkWidget *widget,
               guint      keyval)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)) == keyval)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mnemonic (child, keyval);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* One Tab stop per hyper-parameter, each named by its row; small rates in scientific
 * notation, read back in either notation; the drop-downs explained under their titles. */
static void
test_form (void)
{
  static const struct { const char *id; const char *name; } parameters[] = {
    { "epochs_spin", "Epochs" }, { "batch_spin", "Batch Size" },
    { "lr_spin", "Learning Rate" }, { "seed_spin", "Seed" },
    { "lambda_spin", "λ (Regulariser)" }, { "embedding_spin", "Embedding Size" },
    { "dropout_spin", "Dropout" }, { "noise_switch", "Noise Layers from Dawid–Skene" },
  };
  GtkWidget *page = g_object_ref_sink (g_object_new (CS_TYPE_TRAIN_PAGE, NULL));
  GtkWidget *window = cs_ui_test_show (page, 1200, 900);
  GtkSpinButton *lr = GTK_SPIN_BUTTON (child_of (page, "lr_spin"));
  GtkSpinButton *lambda = GTK_SPIN_BUTTON (child_of (page, "lambda_spin"));
  AdwComboRow *method = ADW_COMBO_ROW (child_of (page, "method_row"));
  g_autofree char *summary = NULL;
  int width = -1;

  g_assert_true (gtk_widget_grab_focus (child_of (page, parameters[0].id)));
  for (guint i = 0; i < G_N_ELEMENTS (parameters); i++)
    {
      GtkWidget *widget = child_of (page, parameters[i].id);

      assert_focus_in (window, widget);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL, parameters[i].name);
      if (GTK_IS_SPIN_BUTTON (widget))
        {
          /* Every spin button is as wide as the others. */
          if (width < 0)
            width = gtk_widget_get_width (widget);
          g_assert_cmpint (gtk_widget_get_width (widget), ==, width);
        }
      g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
    }
  /* Without a dataset Train is off: the next stop is the loss chart. */
  assert_focus_in (window, child_of (page, "loss_chart"));

  /* A title's mnemonic (Alt+B for “_Batch Size”) still takes the focus to its spin button. */
  g_assert_true (gtk_widget_mnemonic_activate (find_mnemonic (page, GDK_KEY_B), FALSE));
  assert_focus_in (window, child_of (page, "batch_spin"));

  gtk_spin_button_set_value (lr, 0.01);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lr)), ==, "0.01");
  gtk_spin_button_set_value (lambda, 1e-4);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lambda)), ==, "1e-4");
  gtk_spin_button_set_value (lambda, 2.5e-5);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lambda)), ==, "2.5e-5");
  gtk_editable_set_text (GTK_EDITABLE (lambda), "3e-3");
  gtk_spin_button_update (lambda);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (lambda), 3e-3, 1e-12);
  gtk_editable_set_text (GTK_EDITABLE (lr), "0.005");
  gtk_spin_button_update (lr);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (lr), 0.005, 1e-12);

  /* The drop-downs' explanations are subtitles, which follow the choice, not tooltips over
   * the list they open. */
  g_assert_null (gtk_widget_get_tooltip_text (GTK_WIDGET (method)));
  g_assert_null (gtk_widget_get_tooltip_text (child_of (page, "preset_row")));
  summary = g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (method)));
  g_assert_cmpuint (strlen (summary), >, 0);
  adw_combo_row_set_selected (method, CS_METHOD_MAJORITY);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (method)), !=, summary);

  cs_ui_test_finish (window, page);
}

static void
test_rate_notation (void)
{
  static const struct { double value; const char *text; } cases[] = {
    { 0.01, "0.01" }, { 0.001, "0.001" }, { 0.0005, "5e-4" }, { 1e-4, "1e-4" },
    { 1e-5, "1e-5" }, { 2.5e-5, "2.5e-5" }, { -1e-4, "-1e-4" }, { 0, "0" }, { 0.5, "0.5" },
  };
  double value;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cs_train_page_format_rate (cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_true (cs_train_page_parse_rate (text, &value));
      g_assert_cmpfloat_with_epsilon (value, cases[i].value, 1e-15);
    }
  g_assert_true (cs_train_page_parse_rate (" 1E-4 ", &value));
  g_assert_cmpfloat (value, ==, 1e-4);
  g_assert_true (cs_train_page_parse_rate ("0.000100", &value));
  g_assert_cmpfloat (value, ==, 1e-4);
  g_assert_false (cs_train_page_parse_rate ("", &value));
  g_assert_false (cs_train_page_parse_rate ("1e-4x", &value));
  g_assert_false (cs_train_page_parse_rate ("nan", &value));
}

/* Where the locale writes a decimal comma, so do the rates, as the other spin buttons do, and
 * they read it back (and a point too). */
static void
test_rate_notation_german (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *small = NULL;
  g_autofree char *large = NULL;
  double value;

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("the de_DE.UTF-8 locale is not installed (build-aux/dev test makes it)");
      return;
    }
  small = cs_train_page_format_rate (2.5e-5);
  large = cs_train_page_format_rate (0.01);
  g_assert_cmpstr (small, ==, "2,5e-5");
  g_assert_cmpstr (large, ==, "0,01");
  g_assert_true (cs_train_page_parse_rate ("0,02", &value));
  g_assert_cmpfloat_with_epsilon (value, 0.02, 1e-15);
  g_assert_true (cs_train_page_parse_rate ("0.03", &value));
  g_assert_cmpfloat_with_epsilon (value, 0.03, 1e-15);
  g_assert_true (cs_train_page_parse_rate (small, &value));
  g_assert_cmpfloat_with_epsilon (value, 2.5e-5, 1e-18);
  setlocale (LC_NUMERIC, saved);
}

static CsLossChart *
chart_of (CsWindow   *window,
          const char *id)
{
  return CS_LOSS_CHART (child_of (cs_window_get_train_page (window), id));
}

/* Before a run the charts span the epochs the form plans, and follow it. */
static void
test_planned_epochs (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  CsWindow *window = cs_window_test_new_with_demo (tmp, "training");
  GObject *options = G_OBJECT (cs_session_get_options (cs_window_get_session (window)));

  g_object_set (options, "epochs", 37, NULL);
  g_assert_cmpfloat (cs_loss_chart_get_x_max (chart_of (window, "loss_chart")), ==, 37);
  g_assert_cmpfloat (cs_loss_chart_get_x_max (chart_of (window, "accuracy_chart")), ==, 37);
  g_object_set (options, "epochs", 120, NULL);
  g_assert_cmpfloat (cs_loss_chart_get_x_max (chart_of (window, "loss_chart")), ==, 120);
  g_assert_cmpfloat (cs_loss_chart_get_x_max (chart_of (window, "accuracy_chart")), ==, 120);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
not_running (gpointer data)
{
  return cs_training_get_state (data) != CS_TRAINING_RUNNING;
}

static CsTraining *
train (CsWindow *window,
       int       epochs)
{
  CsSession *session = cs_window_get_session (window);
  CsTraining *training;

  g_object_set (cs_session_get_options (session), "epochs", epochs, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.train", NULL));
  training = cs_session_get_training (session);
  cs_test_wait_for (not_running, training, "the run to finish");
  g_assert_true (cs_training_get_has_result (training));
  cs_test_spin (100);
  return training;
}

/* The subtitle of a row of the Result card. */
static const char *
result_text (CsWindow   *window,
             const char *row)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (child_of (cs_window_get_train_page (window),
                                                                row)));
}

/* Music has no validation split: the run selects on the test split, so the charts and the
 * result name the test split alone. The loss drawn is the cross-entropy; the read-out gives
 * CoNAL's regulariser beside it. */
static void
test_no_validation (void)
{
  g_autofree char *music = cs_test_shared_path ("music");
  g_autofree char *accuracy = NULL;
  g_autofree char *loss = NULL;
  g_autofree char *cross_entropy = NULL;
  g_autofree char *regulariser = NULL;
  g_autofree char *line = NULL;
  const CsEpochMetrics *third;
  CsTraining *training;
  CsWindow *window;
  const char *result;

  if (music == NULL)
    return;
  window = cs_window_test_new_with_path (music, "training");
  training = train (window, 5);
  accuracy = cs_window_test_wait_readout (chart_of (window, "accuracy_chart"), 3);
  g_test_message ("%s", accuracy);
  cs_test_assert_contains (accuracy, "test");
  g_assert_null (strstr (accuracy, "validation"));
  /* The accuracies' line; the notice under it says why there is no validation accuracy. */
  result = result_text (window, "accuracy_row");
  g_test_message ("%s", result);
  line = g_strndup (result, strcspn (result, "\n"));
  g_assert_true (g_str_has_prefix (line, "test "));
  g_assert_null (strstr (line, "validation"));
  g_assert_null (strstr (line + 1, "test "));
  cs_test_assert_contains (result, "no validation split");
  cs_test_assert_contains (result_text (window, "best_row"), "chosen on the test split");

  third = &cs_training_get_epoch (training, 2)->metrics;
  g_assert_cmpfloat (third->train_regulariser, <, 0);
  loss = cs_window_test_wait_readout (chart_of (window, "loss_chart"), 3);
  g_test_message ("%s", loss);
  cross_entropy = cs_chart_format_value (third->train_cross_entropy, FALSE);
  regulariser = cs_chart_format_value (third->train_regulariser, FALSE);
  cs_test_assert_contains (loss, cross_entropy);
  cs_test_assert_contains (loss, regulariser);
  cs_test_assert_contains (loss, "regulariser");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The demo has a validation split: both splits, each once. */
static void
test_with_validation (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  CsWindow *window = cs_window_test_new_with_demo (tmp, "training");
  g_autofree char *accuracy = NULL;
  const char *result;

  g_object_set (cs_session_get_options (cs_window_get_session (window)), "batch-size", 128, NULL);
  train (window, 4);
  accuracy = cs_window_test_wait_readout (chart_of (window, "accuracy_chart"), 2);
  cs_test_assert_contains (accuracy, "validation");
  cs_test_assert_contains (accuracy, "test");
  result = result_text (window, "accuracy_row");
  g_test_message ("%s", result);
  g_assert_true (g_str_has_prefix (result, "validation "));
  cs_test_assert_contains (result, " · test ");
  cs_test_assert_contains (result_text (window, "best_row"), "chosen on the validation split");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A checkpoint saved is told in a toast that offers to open its folder. */
static void
test_folder_toast (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  CsWindow *window = cs_window_test_new_with_demo (tmp, "training");
  GtkWidget *page = GTK_WIDGET (cs_window_get_train_page (window));
  AdwToast *toast = cs_page_toast_folder (page, "Checkpoint saved", cs_test_dir_path (tmp, "."));

  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "Open Folder");
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Checkpoint saved");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (!cs_ui_test_init (&argc, &argv))
    return 0;
  cs_ui_test_load_style ();
  g_test_add_func ("/train-page/layout", test_layout);
  g_test_add_func ("/train-page/form", test_form);
  g_test_add_func ("/train-page/rate-notation", test_rate_notation);
  g_test_add_func ("/train-page/rate-notation-german", test_rate_notation_german);
  g_test_add_func ("/train-page/planned-epochs", test_planned_epochs);
  g_test_add_func ("/train-page/no-validation", test_no_validation);
  g_test_add_func ("/train-page/with-validation", test_with_validation);
  g_test_add_func ("/train-page/folder-toast", test_folder_toast);
  return g_test_run ();
}
