/* test-import-assistant.c — the window's import assistant, from a crowd table to a dataset open
 *
 * A generated dataset (a long crowd table with string ids, train features as CSV with an id
 * column, a gold table in another order than the features) goes through the five steps as a
 * person would fill them. A wrong column at the first step is refused inline, with the file
 * named, and Next stays insensitive; once Import is pressed, the window opens what was written.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "cs-import-test.h"
#include "cs-ui-test.h"
#include "cs-window-test.h"

#define N_ITEMS      30
#define N_ANNOTATORS 4

static const char *class_names[] = { "cat", "dog", "bird" };

static void
write_dataset (CsTestDir *tmp)
{
  g_autoptr(GString) crowd = g_string_new ("item,annotator,label\n");
  g_autoptr(GString) features = g_string_new ("id,f0,f1\n");
  g_autoptr(GString) gold = g_string_new ("item,label\n");

  for (int i = 0; i < N_ITEMS; i++)
    {
      for (int j = 0; j < 2; j++)
        g_string_append_printf (crowd, "pet-%02d,w%d,%s\n", i, (i + j) % N_ANNOTATORS,
                                class_names[(i + (j && i % 4 == 0)) % 3]);
      g_string_append_printf (features, "pet-%02d,%d,%d\n", i, i % 3, -i);
    }
  /* The gold table runs backwards: it is matched by id, not by row. */
  for (int i = N_ITEMS - 1; i >= 0; i--)
    g_string_append_printf (gold, "pet-%02d,%s\n", i, class_names[i % 3]);
  cs_test_dir_write (tmp, "data/crowd.csv", "%s", crowd->str);
  cs_test_dir_write (tmp, "data/features.csv", "%s", features->str);
  cs_test_dir_write (tmp, "data/gold.csv", "%s", gold->str);
}

static void
test_import (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  CsWindow *window = cs_window_new (NULL);
  CsImportAssistant *assistant;
  CsImportJob *job;
  CsImportPlan *plan;
  CsImportSplit *train;
  GtkWidget *next, *problems;
  const CsImportSummary *summary;
  const CsTablePreview *gold_preview;
  CsDataset *dataset;

  write_dataset (tmp);
  gtk_window_present (GTK_WINDOW (window));

  /* Opened on a crowd table, the first step has its columns guessed. */
  assistant = cs_window_import (window, cs_test_dir_path (tmp, "data/crowd.csv"));
  g_object_add_weak_pointer (G_OBJECT (assistant), (gpointer *) &assistant);
  job = cs_import_assistant_get_job (assistant);
  g_object_add_weak_pointer (G_OBJECT (job), (gpointer *) &job);
  plan = cs_import_job_get_plan (job);
  cs_test_wait_for (cs_import_test_checked, job, "the crowd step's check");
  g_assert_cmpstr (plan->item_column, ==, "item");
  g_assert_cmpstr (plan->annotator_column, ==, "annotator");
  g_assert_cmpstr (plan->label_column, ==, "label");

  /* A column the table does not have: Next is refused, and the step says why, naming the file. */
  next = cs_import_test_find (GTK_WIDGET (assistant), "next_button");
  problems = cs_import_test_find (GTK_WIDGET (assistant), "problems_label");
  cs_import_plan_set (&plan->label_column, "verdict");
  cs_import_job_plan_changed (job);
  cs_test_wait_for (cs_import_test_checked, job, "the crowd step's check");
  g_assert_false (gtk_widget_get_sensitive (next));
  g_assert_true (gtk_widget_get_visible (problems));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (problems)), "crowd.csv"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (problems)), "verdict"));
  g_signal_emit_by_name (next, "clicked");
  g_assert_cmpint (cs_import_job_get_step (job), ==, CS_IMPORT_STEP_CROWD);
  cs_import_plan_set (&plan->label_column, "label");
  cs_import_job_plan_changed (job);
  cs_import_test_press_next (assistant, CS_IMPORT_STEP_FEATURES);

  /* Features as CSV columns by pattern, ids from a column; gold from a table. */
  train = &plan->splits[CS_SPLIT_TRAIN];
  train->features_kind = CS_FEATURES_CSV;
  cs_import_plan_set (&train->features_path, cs_test_dir_path (tmp, "data/features.csv"));
  train->feature_columns = g_strsplit ("f*", " ", -1);
  train->id_source = CS_IDS_COLUMN;
  cs_import_plan_set (&train->id_column, "id");
  cs_import_job_plan_changed (job);
  cs_import_test_press_next (assistant, CS_IMPORT_STEP_GOLD);
  train->gold_source = CS_GOLD_TABLE;
  cs_import_plan_set (&train->gold_path, cs_test_dir_path (tmp, "data/gold.csv"));
  cs_import_job_plan_changed (job);
  /* The step previews the table, from its first row: the last pet. */
  gold_preview = cs_import_job_get_gold_preview (job, CS_SPLIT_TRAIN);
  g_assert_nonnull (gold_preview);
  g_assert_cmpstr (gold_preview->header[0], ==, "item");
  g_assert_cmpstr (cs_table_preview_get_cell (gold_preview, 0, 0), ==, "pet-29");
  cs_import_test_press_next (assistant, CS_IMPORT_STEP_SPLITS);
  cs_import_test_press_next (assistant, CS_IMPORT_STEP_SUMMARY);

  /* The summary counts what the manifest will give; nothing is written before Import. */
  cs_test_wait_for (cs_import_test_checked, job, "the summary");
  summary = cs_import_job_get_summary (job);
  g_assert_nonnull (summary);
  g_assert_cmpint (summary->n_items[CS_SPLIT_TRAIN], ==, N_ITEMS);
  g_assert_cmpint (summary->n_gold[CS_SPLIT_TRAIN], ==, N_ITEMS);
  g_assert_cmpint (summary->n_annotators, ==, N_ANNOTATORS);
  g_assert_cmpint (summary->n_classes, ==, 3);
  g_assert_false (g_file_test (cs_test_dir_path (tmp, "data/crowdscope.ini"), G_FILE_TEST_EXISTS));

  g_signal_emit_by_name (next, "clicked");
  cs_test_wait_for (cs_import_test_dataset_open, window, "the imported dataset");
  g_assert_true (g_file_test (cs_test_dir_path (tmp, "data/crowdscope.ini"), G_FILE_TEST_EXISTS));
  dataset = cs_window_get_dataset (window);
  g_assert_cmpint (dataset->splits[CS_SPLIT_TRAIN].n, ==, N_ITEMS);
  g_assert_cmpint (dataset->n_annotators, ==, N_ANNOTATORS);
  g_assert_cmpint (cs_dataset_get_n_labels (dataset), ==, 2 * N_ITEMS);
  /* The assistant closed, and its job went with it. */
  g_assert_null (assistant);
  cs_test_spin (100);
  g_assert_null (job);

  gtk_window_destroy (GTK_WINDOW (window));
  cs_test_spin (100);
}

/* Features in a .npy, whose rows follow the gold table's: the ids row of the features step takes
 * that table, which the gold step then shows as the split's gold. */
static void
test_ids_from_gold (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  CsWindow *window = cs_window_new (NULL);
  CsImportAssistant *assistant;
  GtkWidget *features_step, *gold_step, *gold_table;
  AdwComboRow *kind, *ids, *source;
  CsImportSplit *train;
  CsImportJob *job;

  write_dataset (tmp);
  cs_test_write_npy_f32 (cs_test_dir_path (tmp, "data/features.npy"), N_ITEMS, 3);
  gtk_window_present (GTK_WINDOW (window));
  assistant = cs_window_import (window, cs_test_dir_path (tmp, "data/crowd.csv"));
  job = cs_import_assistant_get_job (assistant);
  train = &cs_import_job_get_plan (job)->splits[CS_SPLIT_TRAIN];
  cs_import_test_press_next (assistant, CS_IMPORT_STEP_FEATURES);

  features_step = cs_import_test_find (GTK_WIDGET (assistant), "features_step");
  kind = ADW_COMBO_ROW (cs_import_test_find (features_step, "kind_row"));
  ids = ADW_COMBO_ROW (cs_import_test_find (features_step, "id_source_row"));
  gold_table = cs_import_test_find (features_step, "gold_table_row");
  adw_combo_row_set_selected (kind, CS_FEATURES_NPY);
  gtk_editable_set_text (GTK_EDITABLE (cs_import_test_find (features_step, "path_row")),
                         cs_test_dir_path (tmp, "data/features.npy"));
  adw_combo_row_set_selected (ids, CS_IDS_GOLD_ORDER);
  g_assert_true (gtk_widget_get_visible (gold_table));
  gtk_editable_set_text (GTK_EDITABLE (gold_table), cs_test_dir_path (tmp, "data/gold.csv"));
  g_assert_cmpint (train->id_source, ==, CS_IDS_GOLD_ORDER);
  g_assert_cmpint (train->gold_source, ==, CS_GOLD_TABLE);
  cs_import_test_press_next (assistant, CS_IMPORT_STEP_GOLD);

  gold_step = cs_import_test_find (GTK_WIDGET (assistant), "gold_step");
  source = ADW_COMBO_ROW (cs_import_test_find (gold_step, "source_row"));
  g_assert_cmpuint (adw_combo_row_get_selected (source), ==, CS_GOLD_TABLE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cs_import_test_find (gold_step,
                                                                            "gold_path_row"))),
                   ==, cs_test_dir_path (tmp, "data/gold.csv"));
  cs_import_test_press_next (assistant, CS_IMPORT_STEP_SPLITS);
  cs_import_test_press_next (assistant, CS_IMPORT_STEP_SUMMARY);
  g_assert_cmpint (cs_import_job_get_summary (job)->n_gold[CS_SPLIT_TRAIN], ==, N_ITEMS);

  gtk_window_destroy (GTK_WINDOW (window));
  cs_test_spin (100);
}

int
main (int   argc,
      char *argv[])
{
  cs_ui_test_init (&argc, &argv);
  g_test_add_func ("/import-assistant/import", test_import);
  g_test_add_func ("/import-assistant/ids-from-gold", test_ids_from_gold);
  return g_test_run ();
}
