/* test-accessible-labels.c — every button that shows only an icon says what it does to a
 * screen reader: on every page of the window with a run done, every mode of the Annotators
 * page, the import assistant and the Preferences window
 *
 * A button (or menu button) with an icon and no label of its own needs an accessible label:
 * GTK gives a screen reader a tooltip as the button's description, not as its name. The inner toggle button of a GtkMenuButton is the menu button's
 * (which is checked), and a GtkSpinButton's − and + are GTK's own.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>

#include "cs-explorer-page.h"
#include "cs-page.h"
#include "cs-preferences-window.h"
#include "cs-settings.h"
#include "cs-ui-test.h"
#include "cs-window-test.h"

static gboolean
shows_only_icon (GtkWidget *widget)
{
  GtkWidget *child;

  if (GTK_IS_MENU_BUTTON (widget))
    return gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)) != NULL &&
           gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) == NULL;
  if (!GTK_IS_BUTTON (widget))
    return FALSE;
  if (gtk_widget_get_ancestor (widget, GTK_TYPE_MENU_BUTTON) != NULL ||
      gtk_widget_get_ancestor (widget, GTK_TYPE_SPIN_BUTTON) != NULL)
    return FALSE;
  child = gtk_button_get_child (GTK_BUTTON (widget));
  return gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL || GTK_IS_IMAGE (child);
}

static gboolean
is_named (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* The icon-only buttons under `widget` without a name, one per line, with their ids. */
static void
find_unnamed (GtkWidget *widget,
              guint     *n_checked,
              GString   *unnamed)
{
  if (shows_only_icon (widget))
    {
      const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget));
      GtkWidget *page = gtk_widget_get_ancestor (widget, CS_TYPE_PAGE);

      (*n_checked)++;
      if (!is_named (widget))
        g_string_append_printf (unnamed, "  %s “%s” (icon %s) in %s\n", G_OBJECT_TYPE_NAME (widget),
                                id ? id : "", GTK_IS_MENU_BUTTON (widget)
                                                ? gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget))
                                                : gtk_button_get_icon_name (GTK_BUTTON (widget)),
                                page != NULL ? G_OBJECT_TYPE_NAME (page) : "the window");
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    find_unnamed (child, n_checked, unnamed);
}

static void
check (GtkWidget  *widget,
       const char *where,
       GString    *failures)
{
  g_autoptr(GString) unnamed = g_string_new (NULL);
  guint n_checked = 0;

  find_unnamed (widget, &n_checked, unnamed);
  g_test_message ("%s: %u icon-only buttons", where, n_checked);
  if (unnamed->len > 0)
    g_string_append_printf (failures, "%s:\n%s", where, unnamed->str);
}

static void
test_icon_buttons_named (void)
{
  static const char *pages[] = { "overview", "annotators", "gallery", "training", "experiments", "runs" };
  static const char *modes[] = { "grid", "annotator", "w", "compare" };
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GString) failures = g_string_new (NULL);
  g_autoptr(GSettings) settings = cs_settings_new ();
  CsWindow *window = cs_window_test_new_with_run (tmp, "overview");
  GtkWidget *assistant;
  GtkWidget *preferences;
  guint n_checked = 0;
  g_autoptr(GString) ignored = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      cs_window_test_show_page (window, pages[i]);
      check (GTK_WIDGET (window), pages[i], failures);
    }
  cs_window_test_show_page (window, "annotators");
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *where = g_strdup_printf ("annotators, %s", modes[i]);

      cs_explorer_page_set_mode (cs_window_get_explorer_page (window), modes[i]);
      cs_test_spin (200);
      check (GTK_WIDGET (window), where, failures);
    }
  /* The test finds the buttons it should: the header bar's own are icon-only. */
  find_unnamed (GTK_WIDGET (window), &n_checked, ignored);
  g_assert_cmpuint (n_checked, >=, 2);

  assistant = GTK_WIDGET (cs_window_import (window, NULL));
  cs_ui_test_wait_for_draw (assistant);
  check (assistant, "import assistant", failures);
  preferences = GTK_WIDGET (cs_preferences_window_new (settings));
  gtk_window_present (GTK_WINDOW (preferences));
  cs_ui_test_wait_for_draw (preferences);
  check (preferences, "preferences", failures);

  gtk_window_destroy (GTK_WINDOW (preferences));
  gtk_window_destroy (GTK_WINDOW (assistant));
  gtk_window_destroy (GTK_WINDOW (window));
  if (failures->len > 0)
    g_error ("icon-only buttons without an accessible label:\n%s", failures->str);
}

int
main (int   argc,
      char *argv[])
{
  if (!cs_ui_test_init (&argc, &argv))
    return 0;
  g_test_add_func ("/accessible-labels/icon-buttons-named", test_icon_buttons_named);
  return g_test_run ();
}
