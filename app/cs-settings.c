/* cs-settings.c — Crowdscope's GSettings, when its schema is installed
 *
 * An uninstalled build run without GSETTINGS_SCHEMA_DIR has no schema; g_settings_new would
 * abort, so the app then simply remembers nothing.
 *
 * The training settings bind to the session's CsTrainOptions, which the Training page's form
 * binds to in turn: the threads, and the default method and preset, follow the settings (the
 * Preferences window changes them while the window is open); the last run started is
 * remembered, and a new session starts from it unless the person asked for the defaults.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-settings.h"
#include "cs-training.h"

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

/* A run just started: the options are what it trains with. Reopened runs are not new choices,
 * and a newly opened dataset has no run yet. */
static void
on_training (CsSession  *session,
             GParamSpec *pspec,
             GSettings  *settings)
{
  CsTraining *training = cs_session_get_training (session);
  CsTrainingState state = training != NULL ? cs_training_get_state (training) : CS_TRAINING_FAILED;

  if (state != CS_TRAINING_READY && state != CS_TRAINING_RUNNING)
    return;
  g_settings_set_value (settings, "last-training",
                        cs_train_options_save (cs_session_get_options (session)));
}

/**
 * cs_settings_bind_session:
 * @settings: (nullable): the application's settings, or NULL without a schema
 * @session: the window's session
 *
 * Starts the session's training options from the settings and keeps them bound: the threads,
 * the default preset and method, then the last run's choices when they are remembered; each run
 * started from then on is remembered in turn.
 */
void
cs_settings_bind_session (GSettings *settings,
                          CsSession *session)
{
  CsTrainOptions *options;

  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));
  g_return_if_fail (CS_IS_SESSION (session));

  if (settings == NULL)
    return;
  options = cs_session_get_options (session);
  g_settings_bind (settings, "training-threads", options, "threads", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "palette", session, "palette", G_SETTINGS_BIND_GET);
  /* The preset first: choosing it gives every field back to it. */
  g_settings_bind (settings, "default-preset", options, "preset", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "default-method", options, "method", G_SETTINGS_BIND_GET);
  if (g_settings_get_boolean (settings, "remember-last-training"))
    {
      g_autoptr(GVariant) last = g_settings_get_value (settings, "last-training");

      cs_train_options_restore (options, last);
    }
  g_signal_connect_data (session, "notify::training", G_CALLBACK (on_training),
                         g_object_ref (settings), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
}
