/* test-gallery.c — the gallery's lists for a run's predictions: the mistakes, a confusion
 * cell, a class, the crowd's disputes; an item's detail; the exports, the same bytes as
 * crowdscope-cli predict
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "cs-demo.h"
#include "cs-gallery.h"
#include "cs-item.h"
#include "test-util.h"

static gboolean
ready (gpointer data)
{
  return cs_gallery_get_ready (data);
}

/* The demo trained with CoNAL for a few epochs, and a gallery of its predictions. */
static CsGallery *
gallery_after_run (CsTestDir  *tmp,
                   CsSession **session_out)
{
  g_autoptr(CsSession) session = cs_session_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;
  CsGallery *gallery = cs_gallery_new (session);

  g_assert_true (cs_demo_write (cs_test_dir_path (tmp, "demo"), 1, &error));
  cs_session_open_async (session, cs_test_dir_path (tmp, "demo"), 0, NULL, cs_test_keep_result,
                         &pending);
  result = cs_test_wait_result (&pending, "the demo to open");
  g_assert_true (cs_session_open_finish (session, result, &error));
  g_object_set (cs_session_get_options (session), "epochs", 6, "batch-size", 128, NULL);
  g_assert_nonnull (cs_session_train (session, &error));
  cs_test_wait_for (ready, gallery, "the gallery's predictions");
  *session_out = g_steal_pointer (&session);
  return gallery;
}

static CsItem *
item_at (CsGallery *gallery,
         guint      position)
{
  return g_list_model_get_item (cs_gallery_get_items (gallery), position);
}

/* The test split's mistakes, the most confident first: every listed item has gold and another
 * prediction, and there are as many as the confusion matrix has off its diagonal. */
static void
test_mistakes (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsSession) session = NULL;
  g_autoptr(CsGallery) gallery = gallery_after_run (tmp, &session);
  GListModel *items = cs_gallery_get_items (gallery);
  const int *counts = cs_gallery_get_confusion_counts (gallery);
  int K = cs_session_get_dataset (session)->n_classes, off = 0;
  double previous = 2;

  for (int i = 0; i < K; i++)
    for (int j = 0; j < K; j++)
      off += i != j ? counts[i * K + j] : 0;
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, off);
  g_assert_cmpint (off, >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(CsItem) item = item_at (gallery, i);
      gboolean wrong;

      g_object_get (item, "wrong", &wrong, NULL);
      g_assert_true (wrong);
      g_assert_cmpint (cs_item_get_split (item), ==, CS_SPLIT_TEST);
      g_assert_cmpint (cs_item_get_predicted (item), !=, cs_item_get_gold (item));
      g_assert_cmpfloat (cs_item_get_probability (item), <=, previous);
      previous = cs_item_get_probability (item);
    }
}

/* A cell of the classifier's confusion lists just its items; another list clears it. */
static void
test_cell_and_class (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsSession) session = NULL;
  g_autoptr(CsGallery) gallery = gallery_after_run (tmp, &session);
  const int *counts = cs_gallery_get_confusion_counts (gallery);
  int K = cs_session_get_dataset (session)->n_classes, gold = -1, predicted = -1;

  /* The fullest off-diagonal cell. */
  for (int i = 0; i < K; i++)
    for (int j = 0; j < K; j++)
      if (i != j && (gold < 0 || counts[i * K + j] > counts[gold * K + predicted]))
        gold = i, predicted = j;
  cs_gallery_set_cell (gallery, gold, predicted);
  g_assert_cmpuint (g_list_model_get_n_items (cs_gallery_get_items (gallery)), ==, counts[gold * K + predicted]);
  for (guint i = 0; i < g_list_model_get_n_items (cs_gallery_get_items (gallery)); i++)
    {
      g_autoptr(CsItem) item = item_at (gallery, i);

      g_assert_cmpint (cs_item_get_gold (item), ==, gold);
      g_assert_cmpint (cs_item_get_predicted (item), ==, predicted);
    }
  /* The diagonal: the items it gets right. */
  cs_gallery_set_cell (gallery, gold, gold);
  g_assert_cmpuint (g_list_model_get_n_items (cs_gallery_get_items (gallery)), ==, counts[gold * K + gold]);

  cs_gallery_set_list (gallery, CS_GALLERY_MISTAKES);
  cs_gallery_set_class (gallery, gold);
  for (guint i = 0; i < g_list_model_get_n_items (cs_gallery_get_items (gallery)); i++)
    {
      g_autoptr(CsItem) item = item_at (gallery, i);

      g_assert_cmpint (cs_item_get_gold (item), ==, gold);
      g_assert_cmpint (cs_item_get_predicted (item), !=, gold);
    }
}

/* The crowd's lists are the train split's; the contested come with two labels or more. */
static void
test_crowd_lists (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsSession) session = NULL;
  g_autoptr(CsGallery) gallery = gallery_after_run (tmp, &session);

  cs_gallery_set_list (gallery, CS_GALLERY_AGAINST_MAJORITY);
  for (guint i = 0; i < g_list_model_get_n_items (cs_gallery_get_items (gallery)); i++)
    {
      g_autoptr(CsItem) item = item_at (gallery, i);

      g_assert_cmpint (cs_item_get_split (item), ==, CS_SPLIT_TRAIN);
      g_assert_cmpint (cs_item_get_predicted (item), !=, cs_item_get_majority (item));
    }
  cs_gallery_set_list (gallery, CS_GALLERY_CONTESTED);
  g_assert_cmpuint (g_list_model_get_n_items (cs_gallery_get_items (gallery)), >, 0);
  {
    g_autoptr(CsItem) first = item_at (gallery, 0);

    g_assert_cmpint (cs_item_get_n_labels (first), >=, 2);
    g_assert_cmpfloat (cs_item_get_majority_share (first), <, 1);
  }
  /* CoNAL's w: every labelled train item. */
  cs_gallery_set_list (gallery, CS_GALLERY_COMMON_CONFUSION);
  g_assert_cmpuint (g_list_model_get_n_items (cs_gallery_get_items (gallery)), ==,
                    cs_session_get_dataset (session)->splits[CS_SPLIT_TRAIN].n);
}

/* An item's detail: the model's distribution and, for each of its labels, what the model
 * expected the annotator to answer, with w. */
static void
test_detail (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsSession) session = NULL;
  g_autoptr(CsGallery) gallery = gallery_after_run (tmp, &session);
  g_autoptr(CsGalleryDetail) detail = NULL;
  g_autoptr(CsItem) item = NULL;
  double sum = 0;

  cs_gallery_set_list (gallery, CS_GALLERY_CONTESTED);
  item = item_at (gallery, 0);
  detail = cs_gallery_dup_detail (gallery, 0);
  g_assert_nonnull (detail);
  for (int k = 0; k < detail->K; k++)
    sum += detail->probs[k];
  g_assert_cmpfloat_with_epsilon (sum, 1, 1e-5);
  g_assert_cmpfloat (detail->probs[cs_item_get_predicted (item)], ==, (float) cs_item_get_probability (item));
  g_assert_cmpint (detail->n_labels, ==, cs_item_get_n_labels (item));
  for (int l = 0; l < detail->n_labels; l++)
    {
      double total = 0;

      g_assert_cmpfloat (detail->labels[l].w, >, 0);
      g_assert_cmpfloat (detail->labels[l].w, <, 1);
      g_assert_nonnull (detail->labels[l].expected);
      for (int k = 0; k < detail->K; k++)
        total += detail->labels[l].expected[k];
      g_assert_cmpfloat_with_epsilon (total, 1, 1e-5);
    }
  g_assert_null (cs_gallery_dup_detail (gallery, g_list_model_get_n_items (cs_gallery_get_items (gallery))));
}

static gboolean
save_and_wait (CsGallery   *gallery,
               const char  *path,
               gboolean     all,
               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;

  cs_gallery_save_async (gallery, path, all, NULL, cs_test_keep_result, &pending);
  result = cs_test_wait_result (&pending, "the gallery's file");
  return cs_gallery_save_finish (gallery, result, error);
}

/* Export Labels writes what crowdscope-cli predict writes for the saved run, byte for byte;
 * the list's export holds the listed rows, in order. */
static void
test_exports (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsSession) session = NULL;
  g_autoptr(CsGallery) gallery = gallery_after_run (tmp, &session);
  CsTraining *training = cs_gallery_get_training (gallery);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;
  g_autofree char *window = NULL, *cli = NULL, *list = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(CsItem) first = NULL;
  const char *argv[] = { g_getenv ("CS_CLI"), "predict", cs_test_dir_path (tmp, "run"), "--split",
                         "all", "--probabilities", "--out", cs_test_dir_path (tmp, "cli.csv"), NULL };
  int status;

  cs_training_save_async (training, cs_test_dir_path (tmp, "run"), NULL, cs_test_keep_result, &pending);
  result = cs_test_wait_result (&pending, "the checkpoint");
  g_assert_true (cs_training_save_finish (training, result, &error));
  g_assert_true (save_and_wait (gallery, cs_test_dir_path (tmp, "window.csv"), TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_true (g_file_get_contents (cs_test_dir_path (tmp, "window.csv"), &window, NULL, NULL));
  g_assert_true (g_file_get_contents (cs_test_dir_path (tmp, "cli.csv"), &cli, NULL, NULL));
  {
    g_auto(GStrv) a = g_strsplit (window, "\n", -1);
    g_auto(GStrv) b = g_strsplit (cli, "\n", -1);

    for (guint i = 0; a[i] != NULL && b[i] != NULL; i++)
      g_assert_cmpstr (a[i], ==, b[i]);
    g_assert_cmpuint (g_strv_length (a), ==, g_strv_length (b));
  }

  g_assert_true (save_and_wait (gallery, cs_test_dir_path (tmp, "list.csv"), FALSE, &error));
  g_assert_true (g_file_get_contents (cs_test_dir_path (tmp, "list.csv"), &list, NULL, NULL));
  lines = g_strsplit (list, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, g_list_model_get_n_items (cs_gallery_get_items (gallery)) + 2);
  first = item_at (gallery, 0);
  g_assert_true (g_str_has_prefix (lines[1], cs_item_get_id (first)));
  cs_test_assert_contains (lines[0], "id,split,image,gold,predicted,probability,votes,majority,majority_share");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gallery/mistakes", test_mistakes);
  g_test_add_func ("/gallery/cell-and-class", test_cell_and_class);
  g_test_add_func ("/gallery/crowd-lists", test_crowd_lists);
  g_test_add_func ("/gallery/detail", test_detail);
  g_test_add_func ("/gallery/exports", test_exports);
  return g_test_run ();
}
