/* test-import-images.c — the import assistant on a folder of images without features
 *
 * A generated dataset as a labelling platform leaves it: a long crowd table (task, worker,
 * label) whose string ids are the images' names, a folder of PNG and JPEG images and nothing
 * else to describe them, and a gold table in another order than the folder. The test fills the
 * five steps through their rows as a person would, making a mistake at every step first (a
 * label outside the classes, an image that cannot be read, a gold id no image has, a carve
 * larger than train): each is refused inline with the file named, Next stays insensitive, and
 * nothing is written. Once imported, the window opens the dataset and crowdscope-cli info gives
 * the figures the summary promised.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cs-demo-shapes.h"
#include "cs-image-features.h"
#include "cs-layouts.h"
#include "cs-import-test.h"
#include "cs-test-images.h"
#include "cs-ui-test.h"
#include "cs-window-test.h"

#define N_IMAGES     36
#define N_ANNOTATORS 5
#define N_GOLD       30   /* the gold table leaves the last images out */
#define N_VALID      6
#define N_TEST       6
#define IMAGE_SIZE   32

/* The classes in the order the person types them: not the labels' sorted order. */
#define CLASSES      "triangle, circle, square"

static const char *shape_names[] = { "circle", "square", "triangle" };

/* The shape of image i, and the label annotator r gives it: right but for every fifth. */
static int
shape_of (int i)
{
  return i % 3;
}

static int
label_of (int i,
          int r)
{
  return (i + r) % 5 == 0 ? (shape_of (i) + 1) % 3 : shape_of (i);
}

static void
write_dataset (CsTestDir *tmp)
{
  g_autoptr(GString) crowd = g_string_new ("task,worker,label\n");
  g_autoptr(GString) gold = g_string_new ("item,label\n");

  g_assert_cmpint (CS_DEMO_N_SHAPES, >=, 3);
  for (int i = 0; i < N_IMAGES; i++)
    {
      g_autofree char *name = g_strdup_printf ("photos/photo-%03d.%s", i, i % 2 ? "jpg" : "png");

      cs_test_write_shape_image (cs_test_dir_path (tmp, name), shape_of (i), IMAGE_SIZE, i);
      for (int r = 0; r < 3; r++)
        g_string_append_printf (crowd, "photo-%03d,worker-%c,%s\n", i, 'a' + (i + r) % N_ANNOTATORS,
                                shape_names[label_of (i, (i + r) % N_ANNOTATORS)]);
    }
  /* Two labels of an item no image has: skipped, and counted in the summary. */
  g_string_append (crowd, "photo-999,worker-a,circle\nphoto-999,worker-b,circle\n");
  for (int i = N_GOLD - 1; i >= 0; i--)
    g_string_append_printf (gold, "photo-%03d,%s\n", i, shape_names[shape_of (i)]);
  cs_test_dir_write (tmp, "labels.csv", "%s", crowd->str);
  cs_test_dir_write (tmp, "gold.csv", "%s", gold->str);
  cs_test_dir_write (tmp, "gold-extra.csv", "%sphoto-777,circle\n", gold->str);
}

static void
set_text (GtkWidget  *step,
          const char *row,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (cs_import_test_find (step, row)), text);
}

static void
select_item (GtkWidget  *step,
             const char *row,
             guint       position)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (cs_import_test_find (step, row)), position);
}

static void
set_value (GtkWidget  *step,
           const char *spin,
           double      value)
{
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (cs_import_test_find (step, spin)), value);
}

/* Waits for the step's check and asserts that it refuses with a message holding both
 * fragments, that Next is insensitive and stays on the step, and that nothing was written. */
static void
assert_refused (CsImportAssistant *assistant,
                GtkWidget         *step,
                CsTestDir         *tmp,
                const char        *file,
                const char        *reason)
{
  CsImportJob *job = cs_import_assistant_get_job (assistant);
  GtkWidget *next = cs_import_test_find (GTK_WIDGET (assistant), "next_button");
  GtkWidget *problems = cs_import_test_find (step, "problems_label");
  CsImportStep at = cs_import_job_get_step (job);
  const char *text;

  cs_test_wait_for (cs_import_test_checked, job, "the step's check");
  g_assert_false (gtk_widget_get_sensitive (next));
  g_assert_true (gtk_widget_get_visible (problems));
  text = gtk_label_get_text (GTK_LABEL (problems));
  cs_test_assert_contains (text, file);
  cs_test_assert_contains (text, reason);
  g_signal_emit_by_name (next, "clicked");
  g_assert_cmpint (cs_import_job_get_step (job), ==, at);
  g_assert_false (g_file_test (cs_test_dir_path (tmp, "photos/" CS_MANIFEST_NAME),
                               G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (cs_test_dir_path (tmp, CS_MANIFEST_NAME), G_FILE_TEST_EXISTS));
}

static JsonObject *
run_info (CsTestDir  *tmp,
          JsonParser *parser)
{
  CsTestCliResult r = { 0 };
  g_autoptr(GError) error = NULL;

  cs_test_run_cli (&r, "info", "--json", cs_test_dir_path (tmp, "crowdscope.ini"), NULL);
  if (r.status != 0)
    g_error ("crowdscope-cli info failed: %s", r.err);
  json_parser_load_from_data (parser, r.out, -1, &error);
  g_assert_no_error (error);
  cs_test_cli_result_clear (&r);
  return json_node_get_object (json_parser_get_root (parser));
}

static gint64
split_member (JsonObject *info,
              const char *split,
              const char *member)
{
  JsonObject *splits = json_object_get_object_member (info, "splits");

  return json_object_get_int_member (json_object_get_object_member (splits, split), member);
}

static void
test_images (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *manifest = NULL;
  g_autofree char *warnings = NULL;
  CsWindow *window = cs_window_new (NULL);
  CsImportAssistant *assistant;
  GtkWidget *crowd_step, *features_step, *gold_step, *splits_step, *notices;
  const CsImportSummary *summary;
  const char *broken;
  CsImportJob *job;
  CsImportPlan *plan;
  JsonObject *info;
  JsonArray *classes;
  int n_train, n_labels;

  write_dataset (tmp);
  gtk_window_present (GTK_WINDOW (window));
  assistant = cs_window_import (window, cs_test_dir_path (tmp, "labels.csv"));
  job = cs_import_assistant_get_job (assistant);
  plan = cs_import_job_get_plan (job);
  crowd_step = cs_import_test_find (GTK_WIDGET (assistant), "crowd_step");
  features_step = cs_import_test_find (GTK_WIDGET (assistant), "features_step");
  gold_step = cs_import_test_find (GTK_WIDGET (assistant), "gold_step");
  splits_step = cs_import_test_find (GTK_WIDGET (assistant), "splits_step");

  /* 1. The crowd table: its columns found by their usual names; classes that leave one label
   * out are refused at the line and column of its first use. */
  cs_test_wait_for (cs_import_test_checked, job, "the crowd step's check");
  g_assert_cmpstr (plan->item_column, ==, "task");
  g_assert_cmpstr (plan->annotator_column, ==, "worker");
  g_assert_cmpstr (plan->label_column, ==, "label");
  set_text (crowd_step, "classes_row", "circle, square");
  assert_refused (assistant, crowd_step, tmp, "labels.csv:8:3",
                  "expected a class name (circle, square) or an index 0–1, found 'triangle'");
  set_text (crowd_step, "classes_row", CLASSES);
  cs_import_test_press_next (assistant, CS_IMPORT_STEP_FEATURES);

  /* 2. Images alone: the folder's PNG and JPEG files, named by their files. One that is no
   * image is refused by name; once it is gone, the step goes on. */
  broken = cs_test_dir_write (tmp, "photos/photo-500.jpg", "not a JPEG\n");
  select_item (features_step, "kind_row", CS_FEATURES_IMAGES);
  set_text (features_step, "folder_row", cs_test_dir_path (tmp, "photos"));
  g_assert_true (gtk_widget_get_visible (cs_import_test_find (features_step, "descriptor_label")));
  g_assert_cmpint (plan->splits[CS_SPLIT_TRAIN].id_source, ==, CS_IDS_IMAGE_NAMES);
  assert_refused (assistant, features_step, tmp, "photo-500.jpg", "expected a PNG or JPEG image");
  g_assert_cmpint (g_unlink (broken), ==, 0);
  set_text (features_step, "folder_row", cs_test_dir_path (tmp, "photos/"));
  cs_import_test_press_next (assistant, CS_IMPORT_STEP_GOLD);

  /* 3. A gold table in another order; one with an id no image has is refused at its line. */
  select_item (gold_step, "source_row", CS_GOLD_TABLE);
  set_text (gold_step, "gold_path_row", cs_test_dir_path (tmp, "gold-extra.csv"));
  assert_refused (assistant, gold_step, tmp, "gold-extra.csv:32",
                  "expected an id of the train split, found 'photo-777', which it lacks");
  set_text (gold_step, "gold_path_row", cs_test_dir_path (tmp, "gold.csv"));
  cs_import_test_press_next (assistant, CS_IMPORT_STEP_SPLITS);

  /* 4. Validation and test carved out of train; sizes that leave nothing are refused. */
  select_item (splits_step, "mode_row", 1);
  set_value (splits_step, "valid_spin", 20);
  set_value (splits_step, "test_spin", 20);
  assert_refused (assistant, splits_step, tmp, "train, which has 36",
                  "expected valid and test sizes that leave items in train");
  set_value (splits_step, "valid_spin", N_VALID);
  set_value (splits_step, "test_spin", N_TEST);
  cs_import_test_press_next (assistant, CS_IMPORT_STEP_SUMMARY);

  /* 5. The summary, before anything is written. */
  summary = cs_import_job_get_summary (job);
  g_assert_nonnull (summary);
  g_assert_cmpint (summary->n_items[CS_SPLIT_TRAIN], ==, N_IMAGES - N_VALID - N_TEST);
  g_assert_cmpint (summary->n_items[CS_SPLIT_VALID], ==, N_VALID);
  g_assert_cmpint (summary->n_items[CS_SPLIT_TEST], ==, N_TEST);
  g_assert_cmpint (summary->n_labels_total, ==, 3 * N_IMAGES);
  g_assert_cmpint (summary->n_annotators, ==, N_ANNOTATORS);
  g_assert_cmpint (summary->n_classes, ==, 3);
  g_assert_cmpstr (summary->class_names[0], ==, "triangle");
  g_assert_cmpint (summary->n_items_without_features, ==, 1);
  g_assert_cmpint (summary->n_labels_for_unknown_items, ==, 2);
  g_assert_cmpint (summary->d, ==, CS_IMAGE_FEATURES_DIM);
  notices = cs_import_test_find (cs_import_test_find (GTK_WIDGET (assistant), "summary_step"),
                                 "notices_label");
  g_assert_true (gtk_widget_get_visible (notices));
  cs_test_assert_contains (gtk_label_get_text (GTK_LABEL (notices)), "pretrained network");
  g_assert_false (g_file_test (cs_test_dir_path (tmp, "crowdscope.ini"), G_FILE_TEST_EXISTS));
  /* The summary goes with the assistant. */
  n_train = summary->n_items[CS_SPLIT_TRAIN];
  n_labels = summary->n_labels_total;

  /* Import: the manifest goes beside the crowd table, and the window opens it. */
  g_signal_emit_by_name (cs_import_test_find (GTK_WIDGET (assistant), "next_button"), "clicked");
  cs_test_wait_for (cs_import_test_dataset_open, window, "the imported dataset");
  g_file_get_contents (cs_test_dir_path (tmp, "crowdscope.ini"), &manifest, NULL, NULL);
  g_assert_nonnull (manifest);
  cs_test_assert_contains (manifest, "images=photos");
  g_assert_null (strstr (manifest, "features="));
  g_assert_cmpint (cs_window_get_dataset (window)->d, ==, CS_IMAGE_FEATURES_DIM);

  /* The command line reads the same figures from the manifest. */
  info = run_info (tmp, parser);
  g_assert_cmpint (json_object_get_int_member (info, "features"), ==, CS_IMAGE_FEATURES_DIM);
  g_assert_cmpint (json_object_get_int_member (info, "annotators"), ==, N_ANNOTATORS);
  g_assert_cmpint (json_object_get_int_member (info, "labels"), ==, n_labels);
  g_assert_cmpint (split_member (info, "train", "items"), ==, n_train);
  g_assert_cmpint (split_member (info, "valid", "items"), ==, N_VALID);
  g_assert_cmpint (split_member (info, "test", "items"), ==, N_TEST);
  g_assert_true (json_object_get_boolean_member (
    json_object_get_object_member (json_object_get_object_member (info, "splits"), "train"),
    "images"));
  classes = json_object_get_array_member (info, "classes");
  g_assert_cmpstr (json_array_get_string_element (classes, 0), ==, "triangle");
  g_assert_cmpstr (json_array_get_string_element (classes, 1), ==, "circle");
  warnings = json_to_string (json_object_get_member (info, "warnings"), FALSE);
  cs_test_assert_contains (warnings, "pretrained network");

  gtk_window_destroy (GTK_WINDOW (window));
  cs_test_spin (100);
}

int
main (int   argc,
      char *argv[])
{
  cs_ui_test_init (&argc, &argv);
  g_test_add_func ("/import-images/assistant", test_images);
  return g_test_run ();
}
