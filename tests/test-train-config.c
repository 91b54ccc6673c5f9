/* test-train-config.c — presets, validation and the config.json round trip
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-error.h"
#include "cs-json.h"
#include "cs-train-config.h"

static void
test_presets (void)
{
  CsTrainConfig c;
  g_autoptr(GError) error = NULL;

  cs_train_config_init (&c);
  g_assert_true (cs_train_config_apply_preset (&c, CS_PRESET_OFFICIAL, "labelme", NULL));
  g_assert_cmpint (c.batch_size, ==, 1024);
  g_assert_cmpint (c.epochs, ==, 100);
  g_assert_cmpfloat (c.lr, ==, 1e-2f);
  g_assert_cmpfloat (c.lambda, ==, 1e-5f);
  g_assert_true (c.adam_reset_each_epoch);
  g_assert_false (c.input_batchnorm);
  /* The official code starts its noise layers at 2 · I, and the classifier with them. */
  g_assert_cmpint (c.warm_start, ==, 0);
  g_assert_false (c.noise_from_ds);
  g_assert_cmpfloat (c.trace, ==, 0.0f);
  g_assert_cmpfloat (c.confusion_init, ==, 2.0f);

  g_assert_true (cs_train_config_apply_preset (&c, CS_PRESET_OFFICIAL, "Music", NULL));
  g_assert_true (c.input_batchnorm && c.hidden_batchnorm);
  g_assert_false (c.normalize_item);
  g_assert_cmpint (c.embedding, ==, 80);
  g_assert_cmpint (c.epochs, ==, 200);

  g_assert_true (cs_train_config_apply_preset (&c, CS_PRESET_DEFAULT, "labelme", NULL));
  g_assert_cmpint (c.batch_size, ==, 256);
  g_assert_cmpint (c.epochs, ==, 300);
  g_assert_cmpfloat (c.lambda, ==, 1e-4f);
  /* CoNAL's noise layers start from Dawid–Skene by default; Crowd Layer's do not. */
  g_assert_true (c.noise_from_ds);
  c.method = CS_METHOD_CROWD_LAYER;
  g_assert_true (cs_train_config_apply_preset (&c, CS_PRESET_DEFAULT, "labelme", NULL));
  g_assert_false (c.noise_from_ds);
  c.method = CS_METHOD_CONAL;
  g_assert_true (cs_train_config_apply_preset (&c, CS_PRESET_DEFAULT, "music", NULL));
  g_assert_true (c.noise_from_ds);
  g_assert_true (cs_train_config_apply_preset (&c, CS_PRESET_OFFICIAL, "music", NULL));
  g_assert_false (c.noise_from_ds);
  /* init_for sets the method before the preset. */
  g_assert_true (cs_train_config_init_for (&c, CS_METHOD_CROWD_LAYER, CS_PRESET_DEFAULT, "labelme", NULL));
  g_assert_cmpint (c.method, ==, CS_METHOD_CROWD_LAYER);
  g_assert_false (c.noise_from_ds);
  g_assert_cmpint (c.batch_size, ==, 256);
  g_assert_true (cs_train_config_init_for (&c, CS_METHOD_CONAL, CS_PRESET_DEFAULT, "labelme", NULL));
  g_assert_true (c.noise_from_ds);
  g_assert_false (cs_train_config_init_for (&c, CS_METHOD_CONAL, "fastest", "labelme", NULL));

  g_assert_true (cs_train_config_apply_preset (&c, CS_PRESET_DEFAULT, "music", NULL));
  g_assert_cmpint (c.batch_size, ==, 128);
  g_assert_true (c.input_batchnorm);

  g_assert_true (cs_train_config_apply_preset (&c, "tuned-music", "labelme", NULL));
  g_assert_cmpint (c.batch_size, ==, 128);

  g_assert_false (cs_train_config_apply_preset (&c, "fastest", "labelme", &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "'fastest'"));
  g_assert_nonnull (strstr (error->message, "tuned-labelme"));
}

static void
test_validate (void)
{
  CsTrainConfig c;
  g_autoptr(GError) error = NULL;

  cs_train_config_init (&c);
  g_assert_true (cs_train_config_validate (&c, NULL));
  c.lr = -1;
  g_assert_false (cs_train_config_validate (&c, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_INVALID);
  g_clear_error (&error);
  cs_train_config_init (&c);
  c.dropout = 1.0f;
  g_assert_false (cs_train_config_validate (&c, &error));
  g_clear_error (&error);
  /* A warm start of every epoch is allowed (the classifier alone), of more is not. */
  cs_train_config_init (&c);
  c.warm_start = c.epochs;
  g_assert_true (cs_train_config_validate (&c, NULL));
  c.warm_start = c.epochs + 1;
  g_assert_false (cs_train_config_validate (&c, &error));
  g_assert_nonnull (strstr (error->message, "warm-start"));
  g_clear_error (&error);
  c.warm_start = -1;
  g_assert_false (cs_train_config_validate (&c, NULL));
  cs_train_config_init (&c);
  c.trace = -0.1f;
  g_assert_false (cs_train_config_validate (&c, NULL));
  c.trace = NAN;
  g_assert_false (cs_train_config_validate (&c, NULL));
}

/* Every field survives config.json: written with cs_json, read back bit for bit. */
static void
test_json_round_trip (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  CsTrainConfig a, b;

  cs_train_config_init (&a);
  cs_train_config_apply_preset (&a, CS_PRESET_DEFAULT, "music", NULL);
  a.method = CS_METHOD_DAWID_SKENE;
  a.seed = 12345678901ULL;
  a.lr = 0.0123f;
  a.eps = 1e-8f;
  a.selection = CS_SELECT_CROWD_NLL;
  a.soft_targets = true;
  a.valid_from_test = 100;
  a.warm_start = 7;
  a.noise_from_ds = true;
  a.trace = 0.05f;
  cs_train_config_to_json (&a, builder);
  root = json_builder_get_root (builder);
  text = cs_json_to_string (root, FALSE);
  g_assert_nonnull (strstr (text, "\"lr\":0.0123"));
  g_assert_nonnull (strstr (text, "\"warm_start\":7"));
  g_assert_nonnull (strstr (text, "\"noise_from_ds\":true"));
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  cs_train_config_init (&b);
  g_assert_true (cs_train_config_from_json (&b, json_node_get_object (json_parser_get_root (parser)), NULL));
  g_assert_cmpint (memcmp (&a, &b, sizeof a), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/train-config/presets", test_presets);
  g_test_add_func ("/train-config/validate", test_validate);
  g_test_add_func ("/train-config/json-round-trip", test_json_round_trip);
  return g_test_run ();
}
