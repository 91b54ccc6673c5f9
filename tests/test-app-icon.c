/* test-app-icon.c — the application's icon is found without an installation, and the About
 * window and the windows show it; the About window says what the metainfo says
 *
 * The tests run uninstalled: the icon theme can only find the icons in the application's
 * resources, under its resource base path.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <string.h>

#include "cs-application.h"
#include "cs-settings.h"
#include "cs-ui-test.h"

static void
assert_icon_found (const char *name,
                   int         size)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_autoptr(GtkIconPaintable) icon = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  g_assert_true (gtk_icon_theme_has_icon (theme, name));
  icon = gtk_icon_theme_lookup_icon (theme, name, NULL, size, 1, GTK_TEXT_DIR_NONE, 0);
  file = gtk_icon_paintable_get_file (icon);
  g_assert_nonnull (file);
  /* Not the theme's stand-in for a missing icon. */
  uri = g_file_get_uri (file);
  g_test_message ("%s at %d px: %s", name, size, uri);
  /* Ours, from the resources (a machine without an icon theme may give it another suffix). */
  g_assert_nonnull (strstr (uri, "/io/github/crowdscope/Crowdscope/icons/"));
  g_assert_nonnull (strstr (uri, name));
}

static void
test_icon_found (gconstpointer data)
{
  assert_icon_found (CS_APPLICATION_ID, 128);
  assert_icon_found (CS_APPLICATION_ID "-symbolic", 16);
  g_assert_cmpstr (gtk_window_get_default_icon_name (), ==, CS_APPLICATION_ID);
}

/* The About window says what the metainfo says: its name, developer, addresses and licence,
 * and the newest release's notes, for the build's version. */
static void
test_about_shows_icon (gconstpointer data)
{
  AdwAboutWindow *about;
  const char *notes;

  g_action_group_activate_action (G_ACTION_GROUP ((gpointer) data), "about", NULL);
  about = ADW_ABOUT_WINDOW (cs_ui_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW));
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, CS_APPLICATION_ID);
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Crowdscope");
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  /* The newest release in the metainfo is this version's. */
  g_assert_cmpstr (adw_about_window_get_release_notes_version (about), ==, PACKAGE_VERSION);
  notes = adw_about_window_get_release_notes (about);
  g_assert_nonnull (notes);
  g_assert_true (g_str_has_prefix (notes, "<p>"));
  g_assert_cmpuint (strlen (notes), >, strlen ("<p></p>"));
  g_assert_cmpstr (adw_about_window_get_developer_name (about), ==, "The Crowdscope Authors");
  g_assert_cmpstr (adw_about_window_get_website (about), ==, "https://github.com/crowdscope/crowdscope");
  g_assert_cmpstr (adw_about_window_get_issue_url (about), ==,
                   "https://github.com/crowdscope/crowdscope/issues");
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  gtk_window_destroy (GTK_WINDOW (about));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CsApplication) application = NULL;

  if (!cs_ui_test_init (&argc, &argv))
    return 0;
  /* Registering runs the application's startup: the icon theme gets the resource base path's
   * icons/, the windows their default icon, the application its actions. */
  application = cs_ui_test_new_application ();
  g_test_add_data_func ("/app-icon/found-uninstalled", application, test_icon_found);
  g_test_add_data_func ("/app-icon/about-window", application, test_about_shows_icon);
  return g_test_run ();
}
