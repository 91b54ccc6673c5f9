/* cs-application.c — the Crowdscope application
 *
 * `crowdscope [--demo] [DATASET]` opens a window, on a dataset when one is named.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "cs-about-window.h"
#include "cs-application.h"
#include "cs-preferences-window.h"
#include "cs-settings.h"
#include "cs-window.h"

struct _CsApplication
{
  AdwApplication  parent_instance;

  /* Owned */
  GSettings      *settings;   /* NULL when the schema is not installed */
};

G_DEFINE_FINAL_TYPE (CsApplication, cs_application, ADW_TYPE_APPLICATION)

static CsWindow *
get_window (CsApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (cs_window_new (GTK_APPLICATION (self)));
  return CS_WINDOW (window);
}

static void
cs_application_activate (GApplication *application)
{
  gtk_window_present (GTK_WINDOW (get_window (CS_APPLICATION (application))));
}

static void
cs_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  CsWindow *window = get_window (CS_APPLICATION (application));
  g_autofree char *path = g_file_get_path (files[0]);

  /* The window first: opening may ask a question, which must stay above it. */
  gtk_window_present (GTK_WINDOW (window));
  if (path != NULL)
    cs_window_open_path (window, path);
}

/* --demo is an action, so a running instance opens the demo when another launch asks. */
static int
cs_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "demo") && g_application_register (application, NULL, NULL))
    g_action_group_activate_action (G_ACTION_GROUP (application), "open-demo", NULL);
  return -1;
}

static void
open_demo_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       data)
{
  CsWindow *window = get_window (CS_APPLICATION (data));

  gtk_window_present (GTK_WINDOW (window));
  cs_window_open_demo (window);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       data)
{
  GtkApplication *application = data;

  gtk_window_present (cs_about_window_new (gtk_application_get_active_window (application)));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       data)
{
  CsApplication *self = data;
  CsPreferencesWindow *window = cs_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (window),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       data)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (data)));

  /* Closing each window stops its run; the application ends when the workers have. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
}

/* The style setting's nicks, in AdwColorScheme's terms: following the system prefers light
 * when the system says nothing. */
static gboolean
style_to_color_scheme (GValue   *value,
                       GVariant *variant,
                       gpointer  data)
{
  const char *style = g_variant_get_string (variant, NULL);

  if (g_strcmp0 (style, "light") == 0)
    g_value_set_enum (value, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_strcmp0 (style, "dark") == 0)
    g_value_set_enum (value, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    g_value_set_enum (value, ADW_COLOR_SCHEME_DEFAULT);
  return TRUE;
}

static void
cs_application_startup (GApplication *application)
{
  CsApplication *self = CS_APPLICATION (application);

  static const GActionEntry actions[] = {
    { "about", about_action },
    { "preferences", preferences_action },
    { "quit", quit_action },
    { "open-demo", open_demo_action },
  };
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (cs_application_parent_class)->startup (application);
  /* The icon comes from the theme once installed, and from the resources (under the resource
   * base path's icons/) before. */
  gtk_window_set_default_icon_name (CS_APPLICATION_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (application), actions, G_N_ELEMENTS (actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.preferences",
                                         preferences_accels);

  /* Without a schema there is nothing to prefer. */
  self->settings = cs_settings_new ();
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (application), "preferences")),
                               self->settings != NULL);
  if (self->settings != NULL)
    g_settings_bind_with_mapping (self->settings, "style",
                                  adw_style_manager_get_default (), "color-scheme",
                                  G_SETTINGS_BIND_GET, style_to_color_scheme, NULL, NULL, NULL);
}

static void
cs_application_dispose (GObject *object)
{
  g_clear_object (&CS_APPLICATION (object)->settings);
  G_OBJECT_CLASS (cs_application_parent_class)->dispose (object);
}

static void
cs_application_class_init (CsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = cs_application_dispose;

  app_class->activate = cs_application_activate;
  app_class->open = cs_application_open;
  app_class->startup = cs_application_startup;
  app_class->handle_local_options = cs_application_handle_local_options;
}

static void
cs_application_init (CsApplication *self)
{
  const GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Open the Shapes demo dataset"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[DATASET]"));
}

CsApplication *
cs_application_new (void)
{
  return g_object_new (CS_TYPE_APPLICATION,
                       "application-id", CS_APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/crowdscope/Crowdscope",
                       NULL);
}
