/* test-run-history.c — the runs of a store as a list model: listed, renamed, trashed and
 * restored, with damaged entries reported once and runs whose dataset is gone marked
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-file.h"
#include "cs-run-history.h"
#include "cs-run-store.h"
#include "test-util.h"

static gboolean
not_loading (gpointer data)
{
  return !cs_run_history_get_loading (data);
}

static void
refresh_and_wait (CsRunHistory *history)
{
  cs_run_history_refresh (history);
  g_assert_true (cs_run_history_get_loading (history));
  cs_test_wait_for (not_loading, history, "the store to be listed");
}

static CsRunEntry *
entry_at (CsRunHistory *history,
          guint         i)
{
  return g_list_model_get_item (cs_run_history_get_runs (history), i);
}

static void
test_history (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsDataset) dataset = cs_test_load_small_dataset (tmp);
  g_autoptr(CsRun) run = cs_test_train (dataset, CS_METHOD_CROWD_LAYER, 2, NULL);
  const char *path = cs_test_dir_path (tmp, "runs");
  g_autoptr(CsRunStore) store = cs_run_store_new (path);
  g_autoptr(CsRunHistory) history = cs_run_history_new (path);
  g_autoptr(CsRunEntry) first = NULL;
  g_autoptr(CsRunEntry) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *older = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *name = NULL;
  double test_accuracy;
  guint changes = 0;

  older = cs_run_store_save (store, run, "older", &error);
  g_assert_no_error (error);
  g_usleep (2000);
  newer = cs_run_store_save (store, run, NULL, &error);
  g_assert_no_error (error);
  cs_test_dir_write (tmp, "runs/garbage/run.json", "{ not json");

  g_assert_cmpuint (g_list_model_get_n_items (cs_run_history_get_runs (history)), ==, 0);
  g_signal_connect_swapped (cs_run_history_get_runs (history), "items-changed",
                            G_CALLBACK (g_atomic_int_inc), &changes);
  refresh_and_wait (history);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (cs_run_history_get_runs (history)), ==, 2);
  first = entry_at (history, 0);
  g_assert_cmpstr (cs_run_entry_get_id (first), ==, newer);
  g_object_get (first, "test-accuracy", &test_accuracy, "name", &name, NULL);
  g_assert_cmpfloat (test_accuracy, ==, cs_run_get_best (run)->test_accuracy);
  g_assert_cmpstr (name, ==, "Crowd Layer on small, seed 1");
  g_assert_false (cs_run_entry_get_dataset_missing (first));
  g_assert_nonnull (cs_run_history_get_warnings (history));
  g_assert_nonnull (strstr (cs_run_history_get_warnings (history), "garbage"));

  /* Loaded, an entry has the run's history and learned matrices. */
  cs_run_history_load (history, first);
  cs_test_wait_for ((CsTestCondition) cs_run_entry_get_loaded, first, "the run to load");
  g_assert_null (cs_run_entry_get_load_error (first));
  g_assert_cmpuint (cs_run_entry_get_history (first)->len, ==, 2);
  g_assert_cmpfloat (g_array_index (cs_run_entry_get_history (first), CsEpochMetrics, 1).train_loss, ==,
                     g_array_index (run->history, CsEpochMetrics, 1).train_loss);
  g_assert_nonnull (cs_run_entry_get_confusions (first));
  g_assert_cmpint (cs_run_entry_get_confusions (first)->M, ==, dataset->n_annotators);
  g_assert_cmpstr (cs_run_entry_get_class_names (first)[2], ==, "c");

  /* Listed again, the entries are the same objects; the garbage is not reported twice. */
  refresh_and_wait (history);
  again = entry_at (history, 0);
  g_assert_true (again == first);
  g_assert_null (strstr (strstr (cs_run_history_get_warnings (history), "garbage") + 1, "garbage"));

  /* Renamed in the store and in the list; an empty name is refused and changes nothing. */
  g_assert_true (cs_run_history_rename (history, first, "  best so far ", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cs_run_entry_get_name (first), ==, "best so far");
  g_assert_false (cs_run_history_rename (history, first, "   ", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpstr (cs_run_entry_get_name (first), ==, "best so far");
  {
    g_autoptr(CsRunInfo) info = cs_run_store_get_info (store, newer, &error);

    g_assert_cmpstr (info->name, ==, "best so far");
  }

  /* Trashed, it leaves the list and the listing; restored, it comes back. */
  g_assert_true (cs_run_history_trash (history, first, &error));
  g_assert_cmpuint (g_list_model_get_n_items (cs_run_history_get_runs (history)), ==, 1);
  refresh_and_wait (history);
  g_assert_cmpuint (g_list_model_get_n_items (cs_run_history_get_runs (history)), ==, 1);
  g_assert_true (cs_run_history_restore (history, newer, &error));
  g_assert_no_error (error);
  cs_test_wait_for (not_loading, history, "the store to be listed");
  g_assert_cmpuint (g_list_model_get_n_items (cs_run_history_get_runs (history)), ==, 2);
  g_assert_nonnull (cs_run_history_find (history, newer));
  g_object_unref (cs_run_history_find (history, newer));

  /* Its dataset gone, a run is marked so. */
  g_assert_true (cs_file_remove_tree (dataset->source, &error));
  refresh_and_wait (history);
  g_clear_object (&first);
  first = entry_at (history, 1);
  g_assert_cmpstr (cs_run_entry_get_id (first), ==, older);
  g_assert_true (cs_run_entry_get_dataset_missing (first));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/run-history/history", test_history);
  return g_test_run ();
}
