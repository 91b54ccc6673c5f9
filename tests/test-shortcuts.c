/* test-shortcuts.c — the keyboard shortcuts window lists every accelerator the application
 * sets, and only those
 *
 * The accelerators set are the application's (gtk_application_set_accels_for_action, GTK's own
 * Ctrl+? for the shortcuts window among them) and the widgets' class shortcuts that activate a
 * named action (gtk_widget_class_add_binding_action), found on the window, its pages and the
 * import assistant. GTK's own widgets' bindings (a text field's Ctrl+Z) are not the
 * application's and are left out.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>

#include "cs-application.h"
#include "cs-import-assistant.h"
#include "cs-ui-test.h"
#include "cs-window-test.h"

/* A key and its modifiers, as one accelerator. The keypad's Enter is the same key as Return
 * to the person reading the list, which shows Return for both. */
static char *
accel_key (guint           keyval,
           GdkModifierType mods)
{
  keyval = gdk_keyval_to_lower (keyval);
  if (keyval == GDK_KEY_KP_Enter)
    keyval = GDK_KEY_Return;
  return gtk_accelerator_name (keyval, mods & gtk_accelerator_get_default_mod_mask ());
}

static void
add_accel (GHashTable *accels,
           const char *accel,
           const char *what)
{
  guint keyval;
  GdkModifierType mods;

  g_assert_true (gtk_accelerator_parse (accel, &keyval, &mods));
  g_hash_table_insert (accels, accel_key (keyval, mods), g_strdup (what));
}

/* The shortcuts window's accelerators, each with its title. */
static GHashTable *
listed_accels (void)
{
  GHashTable *accels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/crowdscope/Crowdscope/gtk/help-overlay.ui");
  GtkWidget *overlay = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  g_ptr_array_add (stack, overlay);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
        {
          g_autofree char *title = NULL;
          g_autofree char *accelerator = NULL;
          g_auto(GStrv) each = NULL;

          g_object_get (widget, "title", &title, "accelerator", &accelerator, NULL);
          g_assert_nonnull (title);
          g_assert_cmpstr (title, !=, "");
          g_assert_nonnull (accelerator);
          each = g_strsplit (accelerator, " ", -1);
          for (guint i = 0; each[i]; i++)
            add_accel (accels, each[i], title);
        }
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }
  gtk_window_destroy (GTK_WINDOW (overlay));
  return accels;
}

/* The class shortcuts of the application's own widgets under `widget` that activate a named
 * action. */
static void
add_class_shortcuts (GHashTable *accels,
                     GtkWidget  *widget)
{
  g_autoptr(GListModel) controllers = NULL;

  if (g_str_has_prefix (G_OBJECT_TYPE_NAME (widget), "Cs"))
    {
      controllers = gtk_widget_observe_controllers (widget);
      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
            continue;
          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
              GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
              GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

              if (!GTK_IS_NAMED_ACTION (action) || !GTK_IS_KEYVAL_TRIGGER (trigger))
                continue;
              g_hash_table_insert (accels,
                                   accel_key (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger))),
                                   g_strdup (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action))));
            }
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    add_class_shortcuts (accels, child);
}

/* Every accelerator set, each with its action. */
static GHashTable *
set_accels (GtkApplication *application,
            CsWindow       *window,
            GtkWidget      *assistant)
{
  GHashTable *accels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (application);

  for (guint i = 0; actions[i]; i++)
    {
      g_auto(GStrv) each = gtk_application_get_accels_for_action (application, actions[i]);

      for (guint j = 0; each[j]; j++)
        add_accel (accels, each[j], actions[i]);
    }
  add_class_shortcuts (accels, GTK_WIDGET (window));
  add_class_shortcuts (accels, assistant);
  return accels;
}

/* The keys of `a` missing from `b`, one per line; "" when there are none. */
static char *
missing (GHashTable *a,
         GHashTable *b)
{
  GString *text = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (b, key))
      g_string_append_printf (text, "%s (%s)\n", (char *) key, (char *) value);
  return g_string_free (text, FALSE);
}

static void
test_overlay_complete (gconstpointer data)
{
  GtkApplication *application = (gpointer) data;
  g_autoptr(CsWindow) window = g_object_ref_sink (cs_window_new (application));
  GtkWidget *assistant = GTK_WIDGET (cs_window_import (window, NULL));
  g_autoptr(GHashTable) listed = listed_accels ();
  g_autoptr(GHashTable) set = set_accels (application, window, assistant);
  g_autofree char *unlisted = missing (set, listed);
  g_autofree char *unset = missing (listed, set);

  /* The test sees what it should: the window's, a page's, the assistant's, the application's
   * and GTK's. */
  g_assert_cmpstr (g_hash_table_lookup (set, "<Control>o"), ==, "win.open");
  g_assert_cmpstr (g_hash_table_lookup (set, "Delete"), ==, "history.delete");
  g_assert_true (g_hash_table_contains (set, "Escape"));
  g_assert_cmpstr (g_hash_table_lookup (set, "<Control>q"), ==, "app.quit");
  g_assert_cmpstr (g_hash_table_lookup (set, "<Control>question"), ==, "win.show-help-overlay");
  if (*unlisted != '\0')
    g_error ("set but not in the shortcuts window:\n%s", unlisted);
  if (*unset != '\0')
    g_error ("in the shortcuts window but not set:\n%s", unset);

  gtk_window_destroy (GTK_WINDOW (assistant));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The main menu's Keyboard Shortcuts opens it. */
static void
test_overlay_opens (gconstpointer data)
{
  g_autoptr(CsWindow) window = g_object_ref_sink (cs_window_new ((gpointer) data));
  GtkShortcutsWindow *overlay;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  overlay = GTK_SHORTCUTS_WINDOW (cs_ui_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
  g_assert_nonnull (overlay);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CsApplication) application = NULL;

  if (!cs_ui_test_init (&argc, &argv))
    return 0;
  /* Registering runs the startup, which sets the application's accelerators. */
  application = cs_ui_test_new_application ();
  g_test_add_data_func ("/shortcuts/overlay-complete", application, test_overlay_complete);
  g_test_add_data_func ("/shortcuts/overlay-opens", application, test_overlay_opens);
  return g_test_run ();
}
