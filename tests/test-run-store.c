/* test-run-store.c — the runs that are kept: what goes in comes out, and a damaged store is
 * reported and skipped, never trusted
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>
#include <sys/resource.h>

#include "cs-error.h"
#include "cs-model-private.h"
#include "cs-run-store.h"
#include "test-tmpdir.h"
#include "test-util.h"

typedef struct
{
  CsTestDir  *tmp;
  CsDataset  *dataset;
  CsRun      *run;          /* a short CoNAL run on the small dataset */
  const char *path;         /* the store's folder, not made yet */
  CsRunStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->tmp = cs_test_dir_new ();
  f->dataset = cs_test_load_small_dataset (f->tmp);
  f->run = cs_test_train (f->dataset, CS_METHOD_CONAL, 3, NULL);
  f->path = cs_test_dir_path (f->tmp, "runs");
  f->store = cs_run_store_new (f->path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  cs_run_store_free (f->store);
  cs_run_free (f->run);
  cs_dataset_unref (f->dataset);
  g_clear_pointer (&f->tmp, cs_test_dir_free);
}

static char *
save (Fixture    *f,
      const char *name)
{
  g_autoptr(GError) error = NULL;
  char *id = cs_run_store_save (f->store, f->run, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

/* The store's runs, asserting that exactly `n_warnings` entries were reported; the warnings
 * are kept in *warnings when it is not NULL. */
static GPtrArray *
list (CsRunStore  *store,
      guint        n_warnings,
      GPtrArray  **warnings)
{
  g_autoptr(GPtrArray) reported = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GError) error = NULL;
  GPtrArray *runs = cs_run_store_list (store, reported, &error);

  g_assert_no_error (error);
  g_assert_nonnull (runs);
  for (guint i = 0; i < reported->len && reported->len != n_warnings; i++)
    g_test_message ("warning: %s", ((GError *) g_ptr_array_index (reported, i))->message);
  g_assert_cmpuint (reported->len, ==, n_warnings);
  if (warnings != NULL)
    *warnings = g_steal_pointer (&reported);
  return runs;
}

static const CsRunInfo *
info_at (GPtrArray *runs,
         guint      i)
{
  return g_ptr_array_index (runs, i);
}

/* Equal, NaN included: a kept number must come back with the same bits. */
static void
assert_same_double (double a,
                    double b)
{
  g_assert_cmpmem (&a, sizeof a, &b, sizeof b);
}

static const char *
run_file (Fixture    *f,
          const char *id,
          const char *file)
{
  g_autofree char *relative = g_build_filename ("runs", id, file, NULL);

  return cs_test_dir_path (f->tmp, relative);
}

static void
assert_same_history (GArray *a,
                     GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const CsEpochMetrics *x = &g_array_index (a, CsEpochMetrics, i);
      const CsEpochMetrics *y = &g_array_index (b, CsEpochMetrics, i);

      g_assert_cmpint (x->epoch, ==, y->epoch);
      assert_same_double (x->train_loss, y->train_loss);
      assert_same_double (x->train_accuracy, y->train_accuracy);
      assert_same_double (x->valid_accuracy, y->valid_accuracy);
      assert_same_double (x->test_accuracy, y->test_accuracy);
      assert_same_double (x->crowd_nll, y->crowd_nll);
      assert_same_double (x->seconds, y->seconds);
    }
}

static void
assert_info_of_run (const CsRunInfo *info,
                    const CsRun     *run)
{
  const CsEpochMetrics *best = cs_run_get_best (run);
  g_autoptr(GDateTime) created = g_date_time_new_from_iso8601 (info->created, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_assert_cmpstr (info->name, ==, "CoNAL on small, seed 1");
  g_assert_cmpint (info->state, ==, CS_RUN_STATE_COMPLETE);
  g_assert_cmpint (info->method, ==, CS_METHOD_CONAL);
  g_assert_cmpuint (info->seed, ==, run->config.seed);
  g_assert_cmpstr (info->dataset_name, ==, "small");
  g_assert_cmpstr (info->dataset_path, ==, run->dataset->source);
  g_assert_cmpstr (info->fingerprint, ==, run->fingerprint);
  g_assert_cmpint (info->best_epoch, ==, run->best_epoch);
  assert_same_double (info->valid_accuracy, best->valid_accuracy);
  assert_same_double (info->test_accuracy, best->test_accuracy);
  g_assert_nonnull (created);
  g_assert_cmpint (g_date_time_difference (now, created), >=, 0);
  g_assert_cmpint (g_date_time_difference (now, created), <, 60 * G_USEC_PER_SEC);
}

/* Save, list, load: the same fields, numbers and parameters, bit for bit, and nothing left
 * beside the run's folder. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *id = save (f, NULL);
  g_autoptr(GPtrArray) runs = list (f->store, 0, NULL);
  g_autoptr(CsCheckpoint) checkpoint = NULL;
  g_autoptr(CsRunInfo) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  g_autofree char *files = NULL;
  size_t n_saved, n_loaded;
  const float *saved_params;

  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpstr (info_at (runs, 0)->id, ==, id);
  assert_info_of_run (info_at (runs, 0), f->run);
  names = test_tmpdir_list (f->path);
  g_assert_cmpstr (names, ==, id);
  files = test_tmpdir_list (run_file (f, id, NULL));
  g_assert_cmpstr (files, ==, "config.json metrics.csv model.safetensors run.json");

  checkpoint = cs_run_store_load (f->store, id, &loaded, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->id, ==, id);
  assert_info_of_run (loaded, f->run);
  g_assert_cmpint (checkpoint->best_epoch, ==, f->run->best_epoch);
  g_assert_cmpint (checkpoint->config.epochs, ==, 3);
  g_assert_cmpint (checkpoint->config.method, ==, CS_METHOD_CONAL);
  g_assert_cmpstr (checkpoint->fingerprint, ==, f->run->fingerprint);
  assert_same_history (checkpoint->history, f->run->history);
  saved_params = cs_model_get_param_buffer (f->run->model, &n_saved);
  g_assert_cmpmem (saved_params, n_saved * sizeof (float),
                   cs_model_get_param_buffer (checkpoint->model, &n_loaded),
                   n_loaded * sizeof (float));
}

/* A store that is not there yet is empty; saving makes it. A file where the folder should be is
 * an error naming it. */
static void
test_missing_store (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) empty = list (f->store, 0, NULL);
  const char *file = cs_test_dir_write (f->tmp, "not-a-folder", "x");
  g_autoptr(CsRunStore) bad = cs_run_store_new (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = NULL;

  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  none = cs_run_store_list (bad, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, CS_ERROR, CS_ERROR_IO);
  cs_test_assert_contains (error->message, "not-a-folder");
}

static guint
count_runs (CsRunStore *store)
{
  g_autoptr(GPtrArray) runs = list (store, 0, NULL);

  return runs->len;
}

static void
test_rename (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *id = save (f, NULL);
  g_autofree char *other = save (f, " other ");
  g_autoptr(CsRunStore) reopened = cs_run_store_new (f->path);
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(CsRunInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_run_store_rename (f->store, id, "  Baseline, lr 0.01 ", &error));
  g_assert_no_error (error);
  info = cs_run_store_get_info (reopened, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->name, ==, "Baseline, lr 0.01");
  assert_same_double (info->test_accuracy, cs_run_get_best (f->run)->test_accuracy);
  runs = list (reopened, 0, NULL);
  g_assert_cmpuint (runs->len, ==, 2);
  g_assert_cmpstr (info_at (runs, 0)->name, ==, "other");

  g_assert_false (cs_run_store_rename (f->store, id, " \t", &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (cs_run_store_save (f->store, f->run, "\n", &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (count_runs (f->store), ==, 2);
  g_assert_false (cs_run_store_rename (f->store, "20000101-000000-0000", "x", &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_INVALID);
  cs_test_assert_contains (error->message, "no run “20000101-000000-0000”");
  g_clear_error (&error);
  g_assert_false (cs_run_store_rename (f->store, "../runs", "x", &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_INVALID);
}

/* Trashed runs are out of the list until restored; emptying the trash, or deleting at once,
 * removes them for good. */
static void
test_delete_undelete (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *a = save (f, "a");
  g_autofree char *b = save (f, "b");
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  CsCheckpoint *checkpoint;

  g_assert_true (cs_run_store_trash (f->store, a, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_runs (f->store), ==, 1);
  checkpoint = cs_run_store_load (f->store, a, NULL, &error);
  g_assert_null (checkpoint);
  g_assert_error (error, CS_ERROR, CS_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (cs_run_store_restore (f->store, a, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_runs (f->store), ==, 2);
  checkpoint = cs_run_store_load (f->store, a, NULL, &error);
  g_assert_no_error (error);
  cs_checkpoint_free (checkpoint);

  g_assert_true (cs_run_store_trash (f->store, a, &error));
  g_assert_true (cs_run_store_empty_trash (f->store, &error));
  g_assert_no_error (error);
  g_assert_false (cs_run_store_restore (f->store, a, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (cs_run_store_delete (f->store, b, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_runs (f->store), ==, 0);
  names = test_tmpdir_list (f->path);
  g_assert_cmpstr (names, ==, ".trash");
  g_assert_false (cs_run_store_delete (f->store, b, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_INVALID);
}

/* Newest first by the date in run.json, not by the folders' names or their order on disk. */
static void
test_order (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *first = save (f, "first");
  g_autofree char *second = save (f, "second");
  g_autofree char *third = save (f, "third");
  g_autoptr(GPtrArray) runs = list (f->store, 0, NULL);
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(CsRunInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (runs->len, ==, 3);
  g_assert_cmpstr (info_at (runs, 0)->name, ==, "third");
  g_assert_cmpstr (info_at (runs, 1)->name, ==, "second");
  g_assert_cmpstr (info_at (runs, 2)->name, ==, "first");

  info = cs_run_info_read (run_file (f, first, CS_RUN_INFO_FILE), &error);
  g_assert_no_error (error);
  g_free (info->created);
  info->created = g_strdup ("2099-01-01T00:00:00+02:00");
  g_assert_true (cs_run_info_write (info, run_file (f, first, CS_RUN_INFO_FILE), &error));
  again = list (f->store, 0, NULL);
  g_assert_cmpstr (info_at (again, 0)->name, ==, "first");
  g_assert_cmpstr (info_at (again, 1)->name, ==, "third");
  g_assert_cmpstr (info_at (again, 2)->name, ==, "second");
}

/* Replaces run `id`'s run.json with `len` bytes of `text`. */
static void
damage (Fixture    *f,
        const char *id,
        const char *text,
        gssize      len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (run_file (f, id, CS_RUN_INFO_FILE), text, len, &error);
  g_assert_no_error (error);
}

/* Damages run b's run.json with `text` and checks that a listing keeps run a, reports b once
 * with a message naming its run.json and holding `needle`, and that b cannot be opened. */
static void
assert_damage_reported (Fixture    *f,
                        const char *text,
                        gssize      len,
                        int         code,
                        const char *needle)
{
  g_autofree char *a = save (f, "a");
  g_autofree char *b = save (f, "b");
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(CsRunStore) reopened = cs_run_store_new (f->path);
  g_autoptr(GPtrArray) reported_again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCheckpoint) checkpoint = NULL;
  const GError *warning;

  damage (f, b, text, len);
  runs = list (f->store, 1, &warnings);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpstr (info_at (runs, 0)->id, ==, a);
  warning = g_ptr_array_index (warnings, 0);
  g_assert_error (warning, CS_ERROR, code);
  g_assert_true (g_str_has_prefix (warning->message, run_file (f, b, CS_RUN_INFO_FILE)));
  cs_test_assert_contains (warning->message, needle);
  g_assert_true (g_utf8_validate (warning->message, -1, NULL));

  /* Reported once by a store, again by a store opened afresh. */
  again = list (f->store, 0, NULL);
  g_assert_cmpuint (again->len, ==, 1);
  g_clear_pointer (&again, g_ptr_array_unref);
  again = list (reopened, 1, &reported_again);

  checkpoint = cs_run_store_load (f->store, b, NULL, &error);
  g_assert_null (checkpoint);
  g_assert_error (error, CS_ERROR, code);
  cs_test_assert_contains (error->message, needle);
  g_clear_error (&error);
  checkpoint = cs_run_store_load (f->store, a, NULL, &error);
  g_assert_no_error (error);
}

static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  static const char text[] = "{\n  \"format\": \"crowdscope-run\",\n  \"version\": 1,\n  \"na";

  assert_damage_reported (f, text, -1, CS_ERROR_PARSE, CS_RUN_INFO_FILE ": ");
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  assert_damage_reported (f, "", 0, CS_ERROR_FORMAT, "expected a JSON object, found nothing");
}

static void
test_garbage_text (Fixture       *f,
                   gconstpointer  data)
{
  assert_damage_reported (f, "Dear diary, today I trained a model.\n", -1, CS_ERROR_PARSE,
                          CS_RUN_INFO_FILE ": ");
}

static void
test_garbage_binary (Fixture       *f,
                     gconstpointer  data)
{
  static const char bytes[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

  assert_damage_reported (f, bytes, sizeof bytes - 1, CS_ERROR_PARSE, "expected UTF-8 text");
}

static void
test_foreign_json (Fixture       *f,
                   gconstpointer  data)
{
  assert_damage_reported (f, "{\"format\": \"crowdscope-checkpoint\", \"version\": 1}", -1,
                          CS_ERROR_FORMAT, "expected \"format\": \"crowdscope-run\"");
}

/* A run.json of format version 2 is refused, saying why, by listing, loading and renaming. */
static void
test_newer_version (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *id = save (f, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  char *version;

  g_file_get_contents (run_file (f, id, CS_RUN_INFO_FILE), &text, NULL, &error);
  g_assert_no_error (error);
  version = strstr (text, "\"version\": 1,");
  g_assert_nonnull (version);
  version[strlen ("\"version\": ")] = '2';
  damage (f, id, text, -1);

  runs = list (f->store, 1, &warnings);
  g_assert_cmpuint (runs->len, ==, 0);
  g_assert_error ((GError *) g_ptr_array_index (warnings, 0), CS_ERROR, CS_ERROR_FORMAT);
  cs_test_assert_contains (((GError *) g_ptr_array_index (warnings, 0))->message,
                           "the run store is from a newer Crowdscope (run format version 2");
  g_assert_false (cs_run_store_rename (f->store, id, "x", &error));
  cs_test_assert_contains (error->message, "newer Crowdscope");
  g_clear_error (&error);
  g_assert_null (cs_run_store_load (f->store, id, NULL, &error));
  cs_test_assert_contains (error->message, "newer Crowdscope");
}

/* A file that is not a run, and a folder without run.json, are reported; hidden files and the
 * trash are not. */
static void
test_foreign_entries (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = save (f, NULL);
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autofree char *joined = NULL;
  GString *messages = g_string_new (NULL);

  cs_test_dir_write (f->tmp, "runs/notes.txt", "my runs\n");
  cs_test_dir_write (f->tmp, "runs/.hidden", "x");
  cs_test_dir_write (f->tmp, "runs/no-info/model.safetensors", "x");
  g_assert_cmpint (g_mkdir (cs_test_dir_path (f->tmp, "runs/.trash"), 0700), ==, 0);
  runs = list (f->store, 2, &warnings);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpstr (info_at (runs, 0)->id, ==, id);
  for (guint i = 0; i < warnings->len; i++)
    g_string_append_printf (messages, "%s\n", ((GError *) g_ptr_array_index (warnings, i))->message);
  joined = g_string_free (messages, FALSE);
  cs_test_assert_contains (joined, "notes.txt: not a run");
  cs_test_assert_contains (joined, "no-info/run.json: cannot read");
}

/* In a subprocess: keeps the fixture's run in $CROWDSCOPE_RUNS_DIR with a file size limit
 * that kills the process (SIGXFSZ) part way through writing the model. */
static void
killed_write (Fixture *f)
{
  g_autofree char *path = cs_run_store_default_path ();
  g_autoptr(CsRunStore) store = cs_run_store_new (path);
  struct rlimit no_core = { 0, 0 };
  struct rlimit limit = { 2048, 2048 };

  /* The process dies below: its own folder goes first, as nothing would remove it after. */
  g_clear_pointer (&f->tmp, cs_test_dir_free);
  g_assert_cmpint (setrlimit (RLIMIT_CORE, &no_core), ==, 0);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  cs_run_store_save (store, f->run, NULL, NULL);
}

/* The one temporary folder in the store, which holds a run.json marked incomplete and a part of
 * the model's temporary. */
static char *
find_unfinished (Fixture *f)
{
  g_auto(GStrv) names = NULL;
  g_autofree char *listing = test_tmpdir_list (f->path);
  g_autofree char *dir = NULL;
  g_autofree char *files = NULL;
  g_autoptr(CsRunInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  names = g_strsplit (listing, " ", -1);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_true (g_str_has_prefix (names[0], ".tmp-"));
  dir = g_build_filename (f->path, names[0], NULL);
  files = test_tmpdir_list (dir);
  g_assert_true (g_str_has_prefix (files, ".model.safetensors."));
  g_assert_true (g_str_has_suffix (files, " run.json"));
  info = cs_run_info_read (run_file (f, names[0], CS_RUN_INFO_FILE), &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->state, ==, CS_RUN_STATE_INCOMPLETE);
  return g_strdup (names[1]);
}

/* A write killed part way leaves the earlier runs intact and one unfinished folder, which
 * listings skip and report. */
static void
test_killed_write (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *other = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(CsCheckpoint) checkpoint = NULL;
  g_autoptr(GError) error = NULL;
  const GError *warning;

  if (g_test_subprocess ())
    {
      killed_write (f);
      return;
    }
  id = save (f, NULL);
  g_setenv (CS_RUN_STORE_ENV, f->path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv (CS_RUN_STORE_ENV);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("");

  other = find_unfinished (f);
  g_assert_cmpstr (other, ==, id);
  runs = list (f->store, 1, &warnings);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpstr (info_at (runs, 0)->id, ==, id);
  warning = g_ptr_array_index (warnings, 0);
  cs_test_assert_contains (warning->message, "/.tmp-");
  cs_test_assert_contains (warning->message, "an unfinished run");
  checkpoint = cs_run_store_load (f->store, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (checkpoint);
}

#define add_test(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  add_test ("/run-store/round-trip", test_round_trip);
  add_test ("/run-store/missing-store", test_missing_store);
  add_test ("/run-store/rename", test_rename);
  add_test ("/run-store/delete-undelete", test_delete_undelete);
  add_test ("/run-store/order", test_order);
  add_test ("/run-store/bad/truncated", test_truncated);
  add_test ("/run-store/bad/empty", test_empty);
  add_test ("/run-store/bad/garbage-text", test_garbage_text);
  add_test ("/run-store/bad/garbage-binary", test_garbage_binary);
  add_test ("/run-store/bad/foreign-json", test_foreign_json);
  add_test ("/run-store/bad/newer-version", test_newer_version);
  add_test ("/run-store/bad/foreign-entries", test_foreign_entries);
  add_test ("/run-store/bad/killed-write", test_killed_write);
  return g_test_run ();
}
