/* cs-settings.c — Crowdscope's GSettings, when its schema is installed
 *
 * An uninstalled build run without GSETTINGS_SCHEMA_DIR has no schema; g_settings_new would
 * abort, so the app then simply remembers nothing.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-settings.h"

GSettings *
cs_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL || !(schema = g_settings_schema_source_lookup (source, CS_APPLICATION_ID, TRUE)))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

/* Puts `path` first, without repeating it, keeping at most CS_RECENT_MAX entries. */
void
cs_settings_add_recent (GSettings  *settings,
                        const char *path)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) paths = NULL;
  int n = 1;

  if (settings == NULL)
    return;
  old = g_settings_get_strv (settings, "recent-datasets");
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, path);
  for (int i = 0; old[i] && n < CS_RECENT_MAX; i++)
    if (g_strcmp0 (old[i], path) != 0)
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  paths = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "recent-datasets", (const char * const *) paths);
}

char **
cs_settings_get_recent (GSettings *settings)
{
  if (settings == NULL)
    return NULL;
  return g_settings_get_strv (settings, "recent-datasets");
}
