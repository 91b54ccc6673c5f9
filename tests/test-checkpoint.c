/* test-checkpoint.c — tests of reading a checkpoint's config.json
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-checkpoint.h"
#include "cs-demo.h"
#include "cs-error.h"
#include "test-util.h"

/* Parses a heap copy of exactly @len bytes, without a NUL after them, so that
 * AddressSanitizer reports any read past the end. */
static gboolean
parse_exact (const char    *text,
             gsize          len,
             CsCheckpoint  *checkpoint,
             GError       **error)
{
  g_autofree char *copy = g_memdup2 (text, len);

  return cs_checkpoint_parse_config (copy, len, "run/config.json", checkpoint, error);
}

/* Asserts that @text is refused with @code and a UTF-8 message naming the file and @needle. */
static void
assert_config_error (const char *text,
                     gsize       len,
                     int         code,
                     const char *needle)
{
  g_autoptr(CsCheckpoint) checkpoint = g_new0 (CsCheckpoint, 1);
  g_autoptr(GError) error = NULL;

  g_assert_false (parse_exact (text, len, checkpoint, &error));
  g_assert_error (error, CS_ERROR, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (!g_str_has_prefix (error->message, "run/config.json") || strstr (error->message, needle) == NULL)
    g_error ("message '%s' lacks 'run/config.json' or '%s'", error->message, needle);
}

static void
test_config_minimal (void)
{
  static const char text[] =
    "{\"format\": \"crowdscope-checkpoint\", \"version\": 1,"
    " \"dataset\": {\"name\": \"toy\", \"features\": 3, \"classes\": [\"a\", \"b\"],"
    "               \"annotators\": [\"w1\"]},"
    " \"config\": {\"method\": \"ds\", \"epochs\": 7},"
    " \"best_epoch\": 2, \"notices\": [\"n\"],"
    " \"history\": [{\"epoch\": 1, \"train_loss\": 0.5}, {\"train_loss\": null}]}";
  g_autoptr(CsCheckpoint) checkpoint = g_new0 (CsCheckpoint, 1);
  g_autoptr(GError) error = NULL;
  const CsEpochMetrics *second;

  g_assert_true (parse_exact (text, strlen (text), checkpoint, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (checkpoint->dataset_name, ==, "toy");
  g_assert_cmpint (checkpoint->d, ==, 3);
  g_assert_cmpint (checkpoint->K, ==, 2);
  g_assert_cmpint (checkpoint->R, ==, 1);
  g_assert_cmpstr (checkpoint->class_names[1], ==, "b");
  g_assert_cmpint (checkpoint->config.method, ==, CS_METHOD_DAWID_SKENE);
  g_assert_cmpint (checkpoint->config.epochs, ==, 7);
  g_assert_cmpint (checkpoint->best_epoch, ==, 2);
  g_assert_cmpstr (checkpoint->notices[0], ==, "n");
  g_assert_cmpuint (checkpoint->history->len, ==, 2);
  second = &g_array_index (checkpoint->history, CsEpochMetrics, 1);
  g_assert_cmpint (second->epoch, ==, 2);
  g_assert_true (isnan (second->train_loss));
  /* Checkpoints from before the loss was split into its parts. */
  g_assert_true (isnan (g_array_index (checkpoint->history, CsEpochMetrics, 0).train_cross_entropy));
}

static void
test_config_not_json (void)
{
  assert_config_error ("{\"format\": ", 11, CS_ERROR_PARSE, "run/config.json: ");
}

/* Found by fuzzing: json-glib parses an empty file without error but with no root node, and
 * checking its type was a critical warning instead of an error. */
static void
test_config_empty (void)
{
  assert_config_error ("", 0, CS_ERROR_FORMAT, "expected an object");
  assert_config_error ("  \n", 3, CS_ERROR_FORMAT, "expected an object");
}

/* Found by fuzzing: a config.json without "history" made json-glib warn, since
 * json_object_get_array_member() wants the member to be there. It is optional. */
static void
test_config_no_history (void)
{
  static const char text[] =
    "{\"format\": \"crowdscope-checkpoint\","
    " \"dataset\": {\"features\": 2, \"classes\": [\"a\", \"b\"], \"annotators\": []},"
    " \"config\": {}}";
  g_autoptr(CsCheckpoint) checkpoint = g_new0 (CsCheckpoint, 1);
  g_autoptr(GError) error = NULL;

  g_assert_true (parse_exact (text, strlen (text), checkpoint, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (checkpoint->history->len, ==, 0);
  g_assert_cmpint (checkpoint->R, ==, 0);
}

/* Found by fuzzing: json-glib 1.6 reads a second value after the first and leaks the first. */
static void
test_config_two_values (void)
{
  static const char text[] = "\"valid_from_test\"{\"fat\":\"other\"}";

  assert_config_error (text, strlen (text), CS_ERROR_PARSE,
                       "JSON: expected one JSON value, found a second at byte 18");
  assert_config_error ("{} {}", 5, CS_ERROR_PARSE, "found a second at byte 4");
  assert_config_error ("1 2", 3, CS_ERROR_PARSE, "found a second at byte 3");
}

/* json-glib 1.6 recurses once per level: a million '[' overflowed the stack. Comments and
 * single-quoted strings, which it also reads, are refused so they cannot hide the nesting from
 * the count. */
static void
test_config_deep_nesting (void)
{
  g_autoptr(GString) text = g_string_new ("{\"format\": ");

  for (int i = 0; i < 1000000; i++)
    g_string_append_c (text, '[');
  assert_config_error (text->str, text->len, CS_ERROR_LIMIT, "JSON nests deeper than 32 levels");

  g_string_assign (text, "{\"format\": /* \" */ [");
  assert_config_error (text->str, text->len, CS_ERROR_PARSE,
                       "expected JSON, found a comment or a single-quoted string at byte 12");
  g_string_assign (text, "{'\"': [");
  assert_config_error (text->str, text->len, CS_ERROR_PARSE,
                       "found a comment or a single-quoted string at byte 2");

  /* Found by fuzzing: json-glib ends a short \u escape by swallowing the next character, here
   * the closing quote, so the next '"' opened a string for the depth count but closed one for
   * json-glib, and the '[' after it went uncounted. */
  g_string_assign (text, "[[\"\\uda\"]\", ");
  for (int i = 0; i < 1000000; i++)
    g_string_append_c (text, '[');
  assert_config_error (text->str, text->len, CS_ERROR_PARSE,
                       "JSON: expected four hex digits after \\u at byte 4");
}

/* Found by fuzzing: json-glib quoted a string holding a lone surrogate escape in its message as
 * the bytes it decoded, which are not UTF-8, and leaked the string of a broken pair. Half a pair
 * is now refused before json-glib sees it; a whole one is a character like any other. */
static void
test_config_surrogates (void)
{
  static const char lone[] = "{\"format\": \"crowdscope-checkpoint\" \"\\ud800\"}";
  static const char broken[] = " \"\\ud800\\ud800\"";
  static const char low_first[] = "[\"\\udc00\\ud800\"]";
  static const char pair[] =
    "{\"format\": \"crowdscope-checkpoint\","
    " \"dataset\": {\"name\": \"\\ud83d\\ude00\\u00e9\", \"features\": 1,"
    "               \"classes\": [\"a\", \"b\"], \"annotators\": []}, \"config\": {}}";
  g_autoptr(CsCheckpoint) checkpoint = g_new0 (CsCheckpoint, 1);
  g_autoptr(GError) error = NULL;

  assert_config_error (lone, strlen (lone), CS_ERROR_PARSE,
                       "JSON: expected a UTF-16 surrogate pair, found half of one at byte 37");
  assert_config_error (broken, strlen (broken), CS_ERROR_PARSE, "found half of one at byte 3");
  assert_config_error (low_first, strlen (low_first), CS_ERROR_PARSE, "found half of one at byte 3");

  g_assert_true (parse_exact (pair, strlen (pair), checkpoint, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (checkpoint->dataset_name, ==, "\xF0\x9F\x98\x80\xC3\xA9");
}

/* Found by fuzzing: json-glib's get_*_member_with_default() warn when the member is an object
 * or an array, as "format" is here; such members now read as missing. */
static void
test_config_wrong_types (void)
{
  static const char format_object[] =
    "{\"format\": {\"features\": 1}, \"dataset\": {\"classes\": [], \"annotators\": []},"
    " \"config\": {}}";
  static const char members[] =
    "{\"format\": \"crowdscope-checkpoint\","
    " \"dataset\": {\"name\": [1], \"source\": 2, \"fingerprint\": {}, \"features\": 4,"
    "               \"standardized\": [], \"classes\": [\"a\", \"b\"], \"annotators\": []},"
    " \"config\": {}, \"best_epoch\": {}, \"test_used_for_selection\": \"yes\","
    " \"notices\": [1, \"kept\", {}, \"too\"], \"history\": [{\"epoch\": [2]}]}";
  g_autoptr(CsCheckpoint) checkpoint = g_new0 (CsCheckpoint, 1);
  g_autoptr(GError) error = NULL;

  assert_config_error (format_object, strlen (format_object), CS_ERROR_FORMAT,
                       "expected \"format\": \"crowdscope-checkpoint\"");

  g_assert_true (parse_exact (members, strlen (members), checkpoint, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (checkpoint->dataset_name, ==, "");
  g_assert_cmpstr (checkpoint->dataset_source, ==, "");
  g_assert_cmpstr (checkpoint->fingerprint, ==, "");
  g_assert_false (checkpoint->standardized);
  g_assert_cmpint (checkpoint->best_epoch, ==, 0);
  g_assert_false (checkpoint->test_used_for_selection);
  /* A notice that is not a string is skipped, not a hole that hid (and leaked) the rest. */
  g_assert_cmpuint (g_strv_length (checkpoint->notices), ==, 2);
  g_assert_cmpstr (checkpoint->notices[1], ==, "too");
  g_assert_cmpint (g_array_index (checkpoint->history, CsEpochMetrics, 0).epoch, ==, 1);
}

/* Sizes past int's range were cast and wrapped into the range the checks accept: 2^32 + 1
 * features read as 1, and 2^32 + 1 epochs as 1. */
static void
test_config_int_range (void)
{
  static const char features[] =
    "{\"format\": \"crowdscope-checkpoint\","
    " \"dataset\": {\"features\": 4294967297, \"classes\": [\"a\", \"b\"], \"annotators\": []},"
    " \"config\": {}}";
  static const char epochs[] =
    "{\"format\": \"crowdscope-checkpoint\","
    " \"dataset\": {\"features\": 2, \"classes\": [\"a\", \"b\"], \"annotators\": []},"
    " \"config\": {\"epochs\": 4294967297}}";
  static const char fraction[] =
    "{\"format\": \"crowdscope-checkpoint\","
    " \"dataset\": {\"features\": 2, \"classes\": [\"a\", \"b\"], \"annotators\": []},"
    " \"config\": {\"hidden\": 1e300}}";

  assert_config_error (features, strlen (features), CS_ERROR_FORMAT, "found 2147483647 and 2");
  assert_config_error (epochs, strlen (epochs), CS_ERROR_FORMAT, "'epochs' has an unexpected value");
  assert_config_error (fraction, strlen (fraction), CS_ERROR_FORMAT, "'hidden' has an unexpected value");
}

/* A real checkpoint of the demo, trained for one epoch, in tmp/run. */
static const char *
save_demo_run (CsTestDir *tmp,
               CsMethod   method)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDataset) dataset = NULL;
  g_autoptr(CsRun) run = NULL;
  CsTrainConfig config;

  g_assert_true (cs_demo_write (cs_test_dir_path (tmp, "demo"), 1, &error));
  dataset = cs_dataset_load (cs_test_dir_path (tmp, "demo"), NULL, &error);
  g_assert_no_error (error);
  cs_train_config_init (&config);
  config.method = method;
  config.epochs = 1;
  config.threads = 1;
  run = cs_train (dataset, &config, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cs_checkpoint_save (run, cs_test_dir_path (tmp, "run"), &error));
  return cs_test_dir_path (tmp, "run");
}

/* Replaces `from` by `to` in the run's config.json. */
static void
edit_config (CsTestDir  *tmp,
             const char *from,
             const char *to)
{
  const char *path = cs_test_dir_path (tmp, "run/config.json");
  g_autofree char *text = NULL;
  g_autoptr(GString) edited = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  edited = g_string_new (text);
  g_assert_cmpuint (g_string_replace (edited, from, to, 1), ==, 1);
  g_assert_true (g_file_set_contents (path, edited->str, -1, NULL));
}

static void
test_round_trip (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCheckpoint) checkpoint = cs_checkpoint_load (save_demo_run (tmp, CS_METHOD_CONAL), &error);
  const CsEpochMetrics *first;

  g_assert_no_error (error);
  g_assert_cmpint (checkpoint->K, ==, 8);
  g_assert_cmpint (checkpoint->R, ==, CS_DEMO_N_ANNOTATORS);
  g_assert_nonnull (cs_model_get_params (checkpoint->model)->global);
  g_assert_nonnull (checkpoint->annotator_w);
  g_assert_cmpuint (checkpoint->history->len, ==, 1);
  first = &g_array_index (checkpoint->history, CsEpochMetrics, 0);
  g_assert_true (isfinite (first->train_cross_entropy) && isfinite (first->train_regulariser));
  g_assert_cmpfloat (first->train_regulariser, <=, 0);
  g_assert_cmpfloat_with_epsilon (first->train_cross_entropy + first->train_regulariser,
                                  first->train_loss, 1e-6);
}

/* A config.json claiming a model far larger than model.safetensors is refused before anything
 * that size is allocated. */
static void
test_config_larger_than_model (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCheckpoint) checkpoint = NULL;
  const char *dir = save_demo_run (tmp, CS_METHOD_CONAL);

  edit_config (tmp, "\"hidden\": 128", "\"hidden\": 65536");
  checkpoint = cs_checkpoint_load (dir, &error);
  g_assert_null (checkpoint);
  g_assert_error (error, CS_ERROR, CS_ERROR_SHAPE);
  g_assert_nonnull (strstr (error->message, "model.safetensors"));
  g_assert_nonnull (strstr (error->message, "parameters"));
}

/* A tensor of the wrong shape is one error, not one error per tensor. */
static void
test_wrong_optional_shape (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCheckpoint) checkpoint = NULL;
  const char *dir = save_demo_run (tmp, CS_METHOD_DAWID_SKENE);

  /* One annotator fewer in config.json: ds.confusions no longer fits. */
  edit_config (tmp, "\"worker-30\"", "\"worker-30\", \"worker-31\"");
  checkpoint = cs_checkpoint_load (dir, &error);
  g_assert_null (checkpoint);
  g_assert_error (error, CS_ERROR, CS_ERROR_SHAPE);
  g_assert_nonnull (strstr (error->message, "ds.confusions"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/checkpoint/round-trip", test_round_trip);
  g_test_add_func ("/checkpoint/config-larger-than-model", test_config_larger_than_model);
  g_test_add_func ("/checkpoint/wrong-optional-shape", test_wrong_optional_shape);
  g_test_add_func ("/checkpoint/config/minimal", test_config_minimal);
  g_test_add_func ("/checkpoint/config/not-json", test_config_not_json);
  g_test_add_func ("/checkpoint/config/empty", test_config_empty);
  g_test_add_func ("/checkpoint/config/no-history", test_config_no_history);
  g_test_add_func ("/checkpoint/config/two-values", test_config_two_values);
  g_test_add_func ("/checkpoint/config/deep-nesting", test_config_deep_nesting);
  g_test_add_func ("/checkpoint/config/surrogates", test_config_surrogates);
  g_test_add_func ("/checkpoint/config/wrong-types", test_config_wrong_types);
  g_test_add_func ("/checkpoint/config/int-range", test_config_int_range);
  return g_test_run ();
}
