/* test-history-page.c — runs kept by the window come back after it is closed: listed with the
 * same numbers as the experiment that made them and as `crowdscope-cli runs --json`, reopened
 * without training, compared, renamed, deleted and brought back
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-experiments-page.h"
#include "cs-history-page.h"
#include "cs-run-store.h"
#include "cs-ui-test.h"
#include "cs-window-test.h"

static gboolean
ended (gpointer data)
{
  return cs_experiment_job_get_state (data) > CS_EXPERIMENT_RUNNING;
}

static gboolean
n_listed (gpointer data)
{
  GtkSelectionModel *runs = cs_history_page_get_selection (data);
  guint expected = GPOINTER_TO_UINT (g_object_get_data (data, "cs-expected"));

  return g_list_model_get_n_items (G_LIST_MODEL (runs)) == expected;
}

static void
wait_listed (CsHistoryPage *page,
             guint          n)
{
  g_object_set_data (G_OBJECT (page), "cs-expected", GUINT_TO_POINTER (n));
  cs_test_wait_for (n_listed, page, "the runs to be listed");
}

static CsRunEntry *
entry_for (CsHistoryPage *page,
           CsMethod       method,
           guint64        seed)
{
  GListModel *runs = G_LIST_MODEL (cs_history_page_get_selection (page));

  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(CsRunEntry) entry = g_list_model_get_item (runs, i);
      const CsRunInfo *info = cs_run_entry_get_info (entry);

      if (info->method == method && info->seed == seed)
        return g_steal_pointer (&entry);
    }
  return NULL;
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
is_current (gpointer data)
{
  CsSession *session = g_object_get_data (data, "cs-session");

  return cs_session_get_training (session) != NULL &&
         g_strcmp0 (cs_training_get_kept_id (cs_session_get_training (session)),
                    cs_run_entry_get_id (data)) == 0;
}

static void
test_runs_come_back (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsTestDir) store_dir = cs_test_dir_new ();
  const char *store = cs_test_dir_path (store_dir, "runs");
  static const CsMethod methods[] = { CS_METHOD_DAWID_SKENE, CS_METHOD_MAJORITY };
  double accuracy[2][2];
  g_auto(CsTestCliResult) cli = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  CsWindow *window;
  CsExperimentsPage *experiments;
  CsExperimentJob *job;
  CsHistoryPage *page;
  CsSession *session;
  JsonArray *listed;

  g_setenv (CS_RUN_STORE_ENV, store, TRUE);

  /* An experiment of 2 methods × 2 seeds in the window, kept as it goes; then the window
   * closes. */
  window = cs_window_test_new_with_demo (tmp, "experiments");
  experiments = cs_window_get_experiments_page (window);
  for (int m = 0; m < CS_N_METHODS; m++)
    cs_experiments_page_set_method (experiments, m, m == (int) methods[0] || m == (int) methods[1]);
  cs_experiments_page_set_seeds (experiments, 2);
  g_assert_true (cs_experiments_page_run (experiments));
  job = cs_experiments_page_get_job (experiments);
  cs_test_wait_for (ended, job, "the experiment");
  g_assert_cmpint (cs_experiment_job_get_n_kept (job), ==, 4);
  /* Rows in the methods' order: Dawid–Skene, majority vote. */
  for (int row = 0; row < 2; row++)
    for (int seed = 0; seed < 2; seed++)
      accuracy[row][seed] = cs_run_get_best (cs_experiment_get_run (cs_experiment_job_get_experiment (job),
                                                                    row, seed))->test_accuracy;
  gtk_window_destroy (GTK_WINDOW (window));
  cs_test_spin (200);

  /* A new window lists them, with the same numbers. */
  window = cs_window_test_new_with_demo (tmp, "runs");
  session = cs_window_get_session (window);
  page = cs_window_get_history_page (window);
  wait_listed (page, 4);
  for (int row = 0; row < 2; row++)
    for (guint64 seed = 1; seed <= 2; seed++)
      {
        g_autoptr(CsRunEntry) entry = entry_for (page, methods[row], seed);

        g_assert_nonnull (entry);
        g_assert_cmpfloat (cs_run_entry_get_info (entry)->test_accuracy, ==, accuracy[row][seed - 1]);
        g_assert_false (cs_run_entry_get_dataset_missing (entry));
      }

  /* `runs --json` lists the same runs with the same numbers. */
  cs_test_run_cli (&cli, "runs", "--json", NULL);
  g_assert_cmpint (cli.status, ==, 0);
  listed = json_object_get_array_member (cs_test_parse_object (parser, cli.out), "runs");
  g_assert_cmpuint (json_array_get_length (listed), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      JsonObject *run = json_array_get_object_element (listed, i);
      CsMethod method;
      g_autoptr(CsRunEntry) entry = NULL;

      g_assert_true (cs_method_from_string (json_object_get_string_member (run, "method"), &method));
      entry = entry_for (page, method, (guint64) json_object_get_int_member (run, "seed"));
      g_assert_nonnull (entry);
      g_assert_cmpstr (json_object_get_string_member (run, "id"), ==, cs_run_entry_get_id (entry));
      g_assert_cmpfloat (json_object_get_double_member (run, "test_accuracy"), ==,
                         cs_run_entry_get_info (entry)->test_accuracy);
    }

  /* Two selected are compared; one selected reopens without training, as the current run. */
  gtk_selection_model_select_range (cs_history_page_get_selection (page), 0, 2, TRUE);
  cs_test_spin (300);
  {
    GtkWidget *title = cs_window_test_find_id (GTK_WIDGET (page), "heading_label");

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (title)), ==, "2 runs compared");
  }
  /* Exported, the compared curves are labelled with the runs' names. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (cs_test_dir_path (store_dir, "compared.svg"));
    g_autofree char *svg = NULL;
    g_autoptr(CsRunEntry) first = g_list_model_get_item (G_LIST_MODEL (cs_history_page_get_selection (page)), 0);
    g_autoptr(CsRunEntry) second = g_list_model_get_item (G_LIST_MODEL (cs_history_page_get_selection (page)), 1);

    cs_history_page_export_curves (page, file);
    cs_test_wait_for (file_exists, (gpointer) g_file_peek_path (file), "the curves to be exported");
    g_assert_true (g_file_get_contents (g_file_peek_path (file), &svg, NULL, NULL));
    g_assert_nonnull (strstr (svg, cs_run_entry_get_name (first)));
    g_assert_nonnull (strstr (svg, cs_run_entry_get_name (second)));
  }
  {
    g_autoptr(CsRunEntry) entry = entry_for (page, CS_METHOD_MAJORITY, 2);
    GListModel *runs = G_LIST_MODEL (cs_history_page_get_selection (page));
    guint position = 0;

    for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
      {
        g_autoptr(CsRunEntry) at = g_list_model_get_item (runs, i);

        if (at == entry)
          position = i;
      }
    gtk_selection_model_select_item (cs_history_page_get_selection (page), position, TRUE);
    g_object_set_data (G_OBJECT (entry), "cs-session", session);
    cs_history_page_open_selected (page);
    cs_test_wait_for (is_current, entry, "the run to reopen");
    g_assert_cmpfloat (cs_run_get_best (cs_training_get_run (cs_session_get_training (session)))->test_accuracy,
                       ==, accuracy[1][1]);
    g_assert_cmpint (cs_training_get_state (cs_session_get_training (session)), ==, CS_TRAINING_FINISHED);
    g_assert_cmpuint (cs_training_get_n_epochs (cs_session_get_training (session)), >, 0);
  }

  /* Deleted, a run leaves the list and the store; undone, it comes back. */
  cs_window_test_show_page (window, "runs");
  gtk_selection_model_select_item (cs_history_page_get_selection (page), 0, TRUE);
  cs_history_page_delete_selected (page);
  wait_listed (page, 3);
  g_assert_true (cs_history_page_undo_delete (page));
  wait_listed (page, 4);
  g_assert_false (cs_history_page_undo_delete (page));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unsetenv (CS_RUN_STORE_ENV);
}

int
main (int   argc,
      char *argv[])
{
  cs_ui_test_init (&argc, &argv);
  g_test_add_func ("/history-page/runs-come-back", test_runs_come_back);
  return g_test_run ();
}
