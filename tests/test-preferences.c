/* test-preferences.c — the Preferences window shows the settings and changes them, the style
 * follows, and the main menu and Ctrl+comma open it
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>

#include "cs-application.h"
#include "cs-heatmap.h"
#include "cs-preferences-window.h"
#include "cs-settings.h"
#include "cs-ui-test.h"
#include "cs-window-test.h"

/* The application's settings: the tests' memory backend is one for the whole process, so
 * these are the ones the application binds to. */
static GSettings *settings;

static CsPreferencesWindow *
open_preferences (GApplication *application)
{
  CsPreferencesWindow *window;

  g_action_group_activate_action (G_ACTION_GROUP (application), "preferences", NULL);
  window = CS_PREFERENCES_WINDOW (cs_ui_test_find_toplevel (CS_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (window);
  cs_ui_test_wait_for_draw (GTK_WIDGET (window));
  return window;
}

static void
close_preferences (CsPreferencesWindow *window)
{
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static gpointer
row (CsPreferencesWindow *window,
     const char          *id)
{
  GtkWidget *widget = cs_window_test_find_id (GTK_WIDGET (window), id);

  g_assert_nonnull (widget);
  return widget;
}

/* The position of `title` in the combo row's list. */
static guint
position_of (AdwComboRow *combo,
             const char  *title)
{
  GListModel *model = adw_combo_row_get_model (combo);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), title))
      return i;
  g_error ("no “%s” in the combo row", title);
}

static const char *
selected_title (AdwComboRow *combo)
{
  return gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (combo)),
                                     adw_combo_row_get_selected (combo));
}

/* What the settings hold, the rows show, also when a setting changes while they are shown. */
static void
test_rows_show_settings (gconstpointer data)
{
  CsPreferencesWindow *window;
  GtkSpinButton *threads;

  g_settings_set_string (settings, "style", "dark");
  g_settings_set_string (settings, "default-method", "dawid-skene");
  g_settings_set_string (settings, "default-preset", "official");
  g_settings_set_boolean (settings, "remember-last-training", FALSE);
  g_settings_set_int (settings, "training-threads", 0);
  window = open_preferences ((gpointer) data);

  g_assert_cmpstr (selected_title (row (window, "style_row")), ==, "Dark");
  g_assert_cmpstr (selected_title (row (window, "method_row")), ==, "Dawid–Skene");
  g_assert_cmpstr (selected_title (row (window, "preset_row")), ==, "Official CoNAL code");
  g_assert_false (gtk_switch_get_active (row (window, "remember_switch")));
  threads = row (window, "threads_spin");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (threads)), ==, "Automatic");

  g_settings_set_int (settings, "training-threads", 3);
  g_assert_cmpfloat (gtk_spin_button_get_value (threads), ==, 3);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (threads)), ==, "3");
  g_settings_set_string (settings, "default-method", "gold");
  g_assert_cmpstr (selected_title (row (window, "method_row")), ==, "Gold labels");
  close_preferences (window);
}

/* A choice in a row is the setting's; the style takes effect at once; “Automatic” typed in
 * the threads is 0. */
static void
test_rows_change_settings (gconstpointer data)
{
  CsPreferencesWindow *window = open_preferences ((gpointer) data);
  AdwStyleManager *style = adw_style_manager_get_default ();
  AdwComboRow *method = row (window, "method_row");
  GtkSpinButton *threads = row (window, "threads_spin");
  g_autofree char *style_key = NULL;
  g_autofree char *method_key = NULL;

  adw_combo_row_set_selected (row (window, "style_row"), 2);
  style_key = g_settings_get_string (settings, "style");
  g_assert_cmpstr (style_key, ==, "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  adw_combo_row_set_selected (row (window, "style_row"), 1);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  adw_combo_row_set_selected (row (window, "style_row"), 0);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);

  adw_combo_row_set_selected (method, position_of (method, "Crowd Layer"));
  method_key = g_settings_get_string (settings, "default-method");
  g_assert_cmpstr (method_key, ==, "crowd-layer");

  gtk_switch_set_active (row (window, "remember_switch"), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "remember-last-training"));

  gtk_spin_button_set_value (threads, 5);
  g_assert_cmpint (g_settings_get_int (settings, "training-threads"), ==, 5);
  gtk_editable_set_text (GTK_EDITABLE (threads), "Automatic");
  gtk_spin_button_update (threads);
  g_assert_cmpint (g_settings_get_int (settings, "training-threads"), ==, 0);
  close_preferences (window);
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (menu, i);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);

          if (menu_has_action (link, action))
            return TRUE;
        }
    }
  return FALSE;
}

/* The main menu offers the window, and Ctrl+comma opens it. */
static void
test_menu_and_shortcut (gconstpointer data)
{
  GtkApplication *application = (gpointer) data;
  g_autoptr(CsWindow) window = g_object_ref_sink (cs_window_new (application));
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (application, "app.preferences");
  GtkWidget *menu_button;

  gtk_window_present (GTK_WINDOW (window));
  /* The header bar's, the first in the tree. */
  menu_button = cs_window_test_find (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (menu_button);
  g_assert_true (gtk_menu_button_get_primary (GTK_MENU_BUTTON (menu_button)));
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)),
                                  "app.preferences"));
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>comma"));

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (application), "preferences"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The Training page's form starts with the default method, and follows it; the session's
 * options take the threads. */
static void
test_training_page_follows (gconstpointer data)
{
  g_autoptr(CsWindow) window = NULL;
  AdwComboRow *method_row;
  int threads;

  g_settings_set_boolean (settings, "remember-last-training", FALSE);
  g_settings_set_string (settings, "default-method", "majority");
  g_settings_set_int (settings, "training-threads", 2);
  window = g_object_ref_sink (cs_window_new ((gpointer) data));
  gtk_window_present (GTK_WINDOW (window));
  method_row = ADW_COMBO_ROW (cs_window_test_find_id (GTK_WIDGET (cs_window_get_train_page (window)),
                                                      "method_row"));
  g_assert_nonnull (method_row);
  g_assert_cmpstr (selected_title (method_row), ==, "Majority vote");
  g_settings_set_string (settings, "default-method", "gold");
  g_assert_cmpstr (selected_title (method_row), ==, "Gold labels");
  g_object_get (cs_session_get_options (cs_window_get_session (window)), "threads", &threads, NULL);
  g_assert_cmpint (threads, ==, 2);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The colour map chosen in Preferences is the session's palette, and every heatmap of the
 * Annotators page draws in it. */
static void
test_palette_follows (gconstpointer data)
{
  g_autoptr(CsWindow) window = NULL;
  CsPreferencesWindow *preferences;
  CsHeatmap *common;

  g_settings_set_string (settings, "palette", "blues");
  window = g_object_ref_sink (cs_window_new ((gpointer) data));
  gtk_window_present (GTK_WINDOW (window));
  common = CS_HEATMAP (cs_window_test_find_id (GTK_WIDGET (cs_window_get_explorer_page (window)),
                                               "common_heatmap"));
  g_assert_nonnull (common);
  g_assert_cmpint (cs_heatmap_get_palette (common), ==, CS_PALETTE_BLUES);

  preferences = open_preferences ((gpointer) data);
  g_assert_cmpstr (selected_title (row (preferences, "palette_row")), ==, "Blues");
  adw_combo_row_set_selected (row (preferences, "palette_row"), 1);
  g_assert_cmpint (cs_session_get_palette (cs_window_get_session (window)), ==,
                   CS_PALETTE_VIRIDIS);
  g_assert_cmpint (cs_heatmap_get_palette (common), ==, CS_PALETTE_VIRIDIS);
  g_settings_set_string (settings, "palette", "greys");
  g_assert_cmpstr (selected_title (row (preferences, "palette_row")), ==, "Greys");
  g_assert_cmpint (cs_heatmap_get_palette (common), ==, CS_PALETTE_GREYS);
  close_preferences (preferences);
  g_settings_set_string (settings, "palette", "blues");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CsApplication) application = NULL;

  if (!cs_ui_test_init (&argc, &argv))
    return 0;
  application = cs_ui_test_new_application ();
  settings = cs_settings_new ();
  g_assert_nonnull (settings);
  g_test_add_data_func ("/preferences/rows-show-settings", application, test_rows_show_settings);
  g_test_add_data_func ("/preferences/rows-change-settings", application, test_rows_change_settings);
  g_test_add_data_func ("/preferences/menu-and-shortcut", application, test_menu_and_shortcut);
  g_test_add_data_func ("/preferences/training-page-follows", application, test_training_page_follows);
  g_test_add_data_func ("/preferences/palette-follows", application, test_palette_follows);
  return g_test_run ();
}
