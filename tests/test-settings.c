/* test-settings.c — the settings the session's training options follow: the threads, the
 * default method and preset, and the last run's choices remembered for the next session
 *
 * Each test has settings of its own, on a memory backend of its own.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "cs-demo.h"
#include "cs-settings.h"
#include "test-util.h"

static GSettings *
settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();

  g_assert_nonnull (source);
  schema = g_settings_schema_source_lookup (source, CS_APPLICATION_ID, TRUE);
  g_assert_nonnull (schema);
  return g_settings_new_full (schema, backend, NULL);
}

static CsMethod
method_of (CsSession *session)
{
  CsMethod method;

  g_object_get (cs_session_get_options (session), "method", &method, NULL);
  return method;
}

static gboolean
not_running (gpointer data)
{
  return cs_training_get_state (data) != CS_TRAINING_RUNNING;
}

static CsSession *
session_on_demo (CsTestDir *tmp,
                 GSettings *settings)
{
  CsSession *session = cs_session_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *pending = NULL;

  cs_settings_bind_session (settings, session);
  g_assert_true (cs_demo_write (cs_test_dir_path (tmp, "demo"), 1, &error));
  cs_session_open_async (session, cs_test_dir_path (tmp, "demo"), 0, NULL, cs_test_keep_result, &pending);
  result = cs_test_wait_result (&pending, "the dataset to open");
  g_assert_true (cs_session_open_finish (session, result, &error));
  g_assert_no_error (error);
  return session;
}

/* 0 is the options' automatic choice, every core but one; another number is taken as it is,
 * also when it changes while the session is open. */
static void
test_threads (void)
{
  g_autoptr(GSettings) settings = settings_new ();
  g_autoptr(CsSession) session = cs_session_new ();
  CsTrainOptions *options = cs_session_get_options (session);
  CsTrainConfig config;
  int threads;

  cs_settings_bind_session (settings, session);
  g_object_get (options, "threads", &threads, NULL);
  g_assert_cmpint (threads, ==, 0);
  cs_train_options_get_config (options, &config);
  g_assert_cmpint (config.threads, ==, MAX (1, (int) g_get_num_processors () - 1));

  g_settings_set_int (settings, "training-threads", 3);
  cs_train_options_get_config (options, &config);
  g_assert_cmpint (config.threads, ==, 3);
  cs_train_options_get_config_for (options, CS_METHOD_GOLD, &config);
  g_assert_cmpint (config.threads, ==, 3);
}

/* Without a run remembered, the form starts with the default method and preset, and follows
 * them when they change. */
static void
test_default_method (void)
{
  g_autoptr(GSettings) settings = settings_new ();
  g_autoptr(CsSession) session = cs_session_new ();
  CsTrainOptions *options = cs_session_get_options (session);

  g_settings_set_string (settings, "default-method", "dawid-skene");
  g_settings_set_string (settings, "default-preset", "official");
  cs_settings_bind_session (settings, session);
  g_assert_cmpint (method_of (session), ==, CS_METHOD_DAWID_SKENE);
  g_assert_cmpstr (cs_train_options_get_preset (options), ==, CS_PRESET_OFFICIAL);

  g_settings_set_string (settings, "default-method", "gold");
  g_settings_set_string (settings, "default-preset", "default");
  g_assert_cmpint (method_of (session), ==, CS_METHOD_GOLD);
  g_assert_cmpstr (cs_train_options_get_preset (options), ==, CS_PRESET_DEFAULT);
}

/* A run started is remembered: its method, its preset and the fields set by hand, not those
 * the preset set. The next session starts from it, unless the person asked for the defaults. */
static void
test_last_training (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GSettings) settings = settings_new ();
  g_autoptr(CsSession) session = session_on_demo (tmp, settings);
  g_autoptr(CsSession) next = NULL;
  g_autoptr(CsSession) fresh = NULL;
  g_autoptr(GVariant) last = NULL;
  g_autoptr(GError) error = NULL;
  CsTrainOptions *options;
  CsTraining *training;
  const char *text;
  int epochs;
  double lr;

  g_object_set (cs_session_get_options (session), "method", CS_METHOD_CROWD_LAYER,
                "epochs", 3, "lr", 0.01, NULL);
  last = g_settings_get_value (settings, "last-training");
  g_assert_cmpuint (g_variant_n_children (last), ==, 0);
  g_clear_pointer (&last, g_variant_unref);
  training = cs_session_train (session, &error);
  g_assert_no_error (error);
  cs_test_wait_for (not_running, training, "the run to finish");

  last = g_settings_get_value (settings, "last-training");
  g_assert_true (g_variant_lookup (last, "method", "&s", &text));
  g_assert_cmpstr (text, ==, "crowd-layer");
  g_assert_true (g_variant_lookup (last, "preset", "&s", &text));
  g_assert_cmpstr (text, ==, CS_PRESET_DEFAULT);
  g_assert_true (g_variant_lookup (last, "epochs", "i", &epochs));
  g_assert_cmpint (epochs, ==, 3);
  g_assert_true (g_variant_lookup (last, "lr", "d", &lr));
  g_assert_cmpfloat_with_epsilon (lr, 0.01, 1e-6);
  g_assert_false (g_variant_lookup (last, "batch-size", "i", &epochs));

  /* The next session, on the same settings. */
  next = cs_session_new ();
  cs_settings_bind_session (settings, next);
  options = cs_session_get_options (next);
  g_assert_cmpint (method_of (next), ==, CS_METHOD_CROWD_LAYER);
  g_object_get (options, "epochs", &epochs, "lr", &lr, NULL);
  g_assert_cmpint (epochs, ==, 3);
  g_assert_cmpfloat_with_epsilon (lr, 0.01, 1e-6);
  g_assert_true (cs_train_options_get_edited (options, "epochs"));
  g_assert_false (cs_train_options_get_edited (options, "batch-size"));

  g_settings_set_boolean (settings, "remember-last-training", FALSE);
  fresh = cs_session_new ();
  cs_settings_bind_session (settings, fresh);
  g_assert_cmpint (method_of (fresh), ==, CS_METHOD_CONAL);
  g_assert_false (cs_train_options_get_edited (cs_session_get_options (fresh), "epochs"));
}

/* Settings edited by hand: an unknown method or preset and a value of the wrong type are
 * ignored, a number out of range is clamped, and nothing warns (G_DEBUG=fatal-warnings). */
static void
test_last_training_edited_by_hand (void)
{
  g_autoptr(GSettings) settings = settings_new ();
  g_autoptr(CsSession) session = cs_session_new ();
  CsTrainOptions *options = cs_session_get_options (session);
  GVariantBuilder builder;
  int epochs;
  double lr;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "method", g_variant_new_string ("telepathy"));
  g_variant_builder_add (&builder, "{sv}", "preset", g_variant_new_string ("nonsense"));
  g_variant_builder_add (&builder, "{sv}", "epochs", g_variant_new_string ("many"));
  g_variant_builder_add (&builder, "{sv}", "lr", g_variant_new_double (1e9));
  g_settings_set_value (settings, "last-training", g_variant_builder_end (&builder));
  cs_settings_bind_session (settings, session);

  g_assert_cmpint (method_of (session), ==, CS_METHOD_CONAL);
  g_assert_cmpstr (cs_train_options_get_preset (options), ==, CS_PRESET_DEFAULT);
  g_assert_false (cs_train_options_get_edited (options, "epochs"));
  g_object_get (options, "epochs", &epochs, "lr", &lr, NULL);
  g_assert_cmpint (epochs, >, 0);
  g_assert_cmpfloat (lr, ==, 10);
  g_assert_true (cs_train_options_get_edited (options, "lr"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *schemas = NULL;

  g_test_init (&argc, &argv, NULL);
  /* The schema compiled into the build folder, before the first settings object is made. */
  schemas = g_test_build_filename (G_TEST_BUILT, "..", "data", NULL);
  g_setenv ("GSETTINGS_SCHEMA_DIR", schemas, TRUE);
  g_test_add_func ("/settings/threads", test_threads);
  g_test_add_func ("/settings/default-method", test_default_method);
  g_test_add_func ("/settings/last-training", test_last_training);
  g_test_add_func ("/settings/last-training-edited-by-hand", test_last_training_edited_by_hand);
  return g_test_run ();
}
