/* test-gallery-page.c — the Gallery page in the real window: the tiles of the model's mistakes,
 * a confusion cell's items, an item's detail and the way from a label to its annotator, and an
 * item whose image has gone
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <glib/gstdio.h>

#include "cs-annotator.h"
#include "cs-explorer-page.h"
#include "cs-gallery-page.h"
#include "cs-heatmap.h"
#include "cs-item-tile.h"
#include "cs-item.h"
#include "cs-prediction-orders.h"
#include "cs-ui-test.h"
#include "cs-window-test.h"
#include "test-util.h"

static gboolean
gallery_ready (gpointer data)
{
  return cs_gallery_get_ready (data);
}

static CsGallery *
wait_for_gallery (CsWindow *window)
{
  CsGallery *gallery = cs_gallery_page_get_gallery (cs_window_get_gallery_page (window));

  cs_test_wait_for (gallery_ready, gallery, "the gallery's predictions");
  cs_test_spin (300);
  return gallery;
}

/* The page opens on the test split's mistakes, each a tile, the same items the core's list
 * names, in its order. */
static void
test_mistakes (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  CsWindow *window = cs_window_test_new_with_run (tmp, "gallery");
  CsGalleryPage *page = cs_window_get_gallery_page (window);
  CsGallery *gallery = wait_for_gallery (window);
  const CsPredictions *predictions = cs_gallery_get_predictions (gallery);
  GtkStack *stack = GTK_STACK (cs_window_test_find_id (GTK_WIDGET (page), "stack"));
  GtkGridView *grid = GTK_GRID_VIEW (cs_window_test_find_id (GTK_WIDGET (page), "grid"));
  GListModel *shown = G_LIST_MODEL (gtk_grid_view_get_model (grid));
  g_autofree int *expected = g_new (int, predictions->n);
  int n = cs_predictions_mistakes (predictions, CS_SPLIT_TEST, expected);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "gallery");
  g_assert_cmpint (cs_gallery_get_split (gallery), ==, CS_SPLIT_TEST);
  g_assert_cmpint (n, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n);
  for (int i = 0; i < n; i++)
    {
      g_autoptr(CsItem) item = g_list_model_get_item (shown, i);
      const CsPrediction *p = &predictions->items[expected[i]];
      gboolean wrong;

      g_assert_cmpstr (cs_item_get_id (item), ==, p->id);
      g_assert_cmpint (cs_item_get_predicted (item), ==, p->predicted);
      g_object_get (item, "wrong", &wrong, NULL);
      g_assert_true (wrong);
    }
  g_assert_nonnull (cs_window_test_find (GTK_WIDGET (grid), CS_TYPE_ITEM_TILE));

  gtk_window_destroy (GTK_WINDOW (window));
  cs_test_spin (50);
}

/* Opening a cell of the classifier's confusion lists its items alone and rings it; Show the
 * List goes back to the mistakes. */
static void
test_cell (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  CsWindow *window = cs_window_test_new_with_run (tmp, "gallery");
  CsGalleryPage *page = cs_window_get_gallery_page (window);
  CsGallery *gallery = wait_for_gallery (window);
  CsHeatmap *heatmap = CS_HEATMAP (cs_window_test_find_id (GTK_WIDGET (page), "confusion_heatmap"));
  GtkWidget *clear = cs_window_test_find_id (GTK_WIDGET (page), "clear_cell_button");
  GtkGridView *grid = GTK_GRID_VIEW (cs_window_test_find_id (GTK_WIDGET (page), "grid"));
  const int *counts = cs_gallery_get_confusion_counts (gallery);
  int K = cs_gallery_get_predictions (gallery)->K, gold = -1, predicted = -1;
  guint n_mistakes = g_list_model_get_n_items (cs_gallery_get_items (gallery));
  GListModel *shown;

  /* The most crowded cell off the diagonal. */
  for (int g = 0; g < K; g++)
    for (int p = 0; p < K; p++)
      if (g != p && (gold < 0 || counts[g * K + p] > counts[gold * K + predicted]))
        gold = g, predicted = p;
  g_assert_cmpint (counts[gold * K + predicted], >, 0);
  g_assert_cmpuint (cs_heatmap_get_n_classes (heatmap), ==, K);
  g_assert_false (gtk_widget_get_visible (clear));

  g_signal_emit_by_name (heatmap, "activated", (guint) (gold * K + predicted));
  cs_test_spin (200);
  shown = G_LIST_MODEL (gtk_grid_view_get_model (grid));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, counts[gold * K + predicted]);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(CsItem) item = g_list_model_get_item (shown, i);

      g_assert_cmpint (cs_item_get_gold (item), ==, gold);
      g_assert_cmpint (cs_item_get_predicted (item), ==, predicted);
    }
  g_assert_cmpuint (cs_heatmap_get_marked (heatmap), ==, gold * K + predicted);
  g_assert_true (gtk_widget_get_visible (clear));

  /* A diagonal cell: the items the model gets right. */
  g_signal_emit_by_name (heatmap, "activated", (guint) (gold * K + gold));
  cs_test_spin (200);
  shown = G_LIST_MODEL (gtk_grid_view_get_model (grid));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, counts[gold * K + gold]);

  g_signal_emit_by_name (clear, "clicked");
  cs_test_spin (200);
  shown = G_LIST_MODEL (gtk_grid_view_get_model (grid));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_mistakes);
  g_assert_cmpuint (cs_heatmap_get_marked (heatmap), ==, CS_CHART_NO_ITEM);
  g_assert_false (gtk_widget_get_visible (clear));

  gtk_window_destroy (GTK_WINDOW (window));
  cs_test_spin (50);
}

/* A train item's detail has a row for each of its crowd labels, with what the model expected
 * that annotator to answer; a row's button opens the annotator on the Annotators page. */
static void
test_detail (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  CsWindow *window = cs_window_test_new_with_run (tmp, "gallery");
  CsGalleryPage *page = cs_window_get_gallery_page (window);
  CsGallery *gallery = wait_for_gallery (window);
  CsDataset *dataset = cs_window_get_dataset (window);
  GtkListBox *labels = GTK_LIST_BOX (cs_window_test_find_id (GTK_WIDGET (page), "labels_list"));
  GtkLabel *title = GTK_LABEL (cs_window_test_find_id (GTK_WIDGET (page), "detail_title"));
  g_autoptr(CsGalleryDetail) detail = NULL;
  g_autoptr(CsItem) item = NULL;
  GtkWidget *row, *button;
  GtkStack *modes;
  CsAnnotator *selected;
  int n_rows = 0;

  cs_gallery_set_list (gallery, CS_GALLERY_CONTESTED);
  cs_gallery_page_select (page, 0);
  cs_test_spin (200);
  item = g_list_model_get_item (cs_gallery_get_items (gallery), 0);
  detail = cs_gallery_dup_detail (gallery, 0);
  g_assert_cmpint (detail->n_labels, >=, 2);
  cs_test_assert_contains (gtk_label_get_label (title), cs_item_get_id (item));
  for (row = gtk_widget_get_first_child (GTK_WIDGET (labels)); row; row = gtk_widget_get_next_sibling (row))
    {
      const CsGalleryLabel *label = &detail->labels[n_rows++];

      cs_test_assert_contains (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                               dataset->annotator_ids[label->annotator]);
      cs_test_assert_contains (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "The model expected");
    }
  g_assert_cmpint (n_rows, ==, detail->n_labels);

  row = gtk_widget_get_first_child (GTK_WIDGET (labels));
  button = cs_window_test_find (row, GTK_TYPE_BUTTON);
  g_signal_emit_by_name (button, "clicked");
  cs_test_spin (300);
  modes = GTK_STACK (cs_window_test_find_id (GTK_WIDGET (cs_window_get_explorer_page (window)), "mode_stack"));
  g_assert_nonnull (modes);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (modes), ==, "annotator");
  selected = gtk_single_selection_get_selected_item (cs_explorer_page_get_selection (cs_window_get_explorer_page (window)));
  g_assert_cmpuint (cs_annotator_get_index (selected), ==, detail->labels[0].annotator);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (cs_window_get_explorer_page (window))));

  gtk_window_destroy (GTK_WINDOW (window));
  cs_test_spin (50);
}

static gboolean
has_tooltip (gpointer data)
{
  return gtk_widget_get_tooltip_text (data) != NULL;
}

/* An item whose image file has gone still has its detail, the picture's place saying why. */
static void
test_missing_image (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  CsWindow *window = cs_window_test_new_with_run (tmp, "gallery");
  CsGalleryPage *page = cs_window_get_gallery_page (window);
  CsGallery *gallery = wait_for_gallery (window);
  GtkWidget *picture = cs_window_test_find_id (GTK_WIDGET (page), "detail_picture");
  GListModel *items;
  g_autoptr(CsItem) item = NULL;
  g_autofree char *name = NULL;
  guint last;

  cs_gallery_set_list (gallery, CS_GALLERY_ALL);
  items = cs_gallery_get_items (gallery);
  last = g_list_model_get_n_items (items) - 1;
  item = g_list_model_get_item (items, last);
  g_assert_nonnull (cs_item_get_image_path (item));
  g_assert_cmpint (g_unlink (cs_item_get_image_path (item)), ==, 0);
  name = g_path_get_basename (cs_item_get_image_path (item));

  cs_gallery_page_select (page, last);
  cs_test_wait_for (has_tooltip, picture, "the picture's error");
  cs_test_assert_contains (gtk_widget_get_tooltip_text (picture), name);
  g_assert_true (gtk_widget_get_visible (cs_window_test_find_id (GTK_WIDGET (page), "detail_box")));
  cs_test_spin (300);   /* the tile scrolled to draws its placeholder */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  gtk_window_destroy (GTK_WINDOW (window));
  cs_test_spin (50);
}

int
main (int   argc,
      char *argv[])
{
  if (!cs_ui_test_init (&argc, &argv))
    return 0;
  g_test_add_func ("/gallery-page/mistakes", test_mistakes);
  g_test_add_func ("/gallery-page/cell", test_cell);
  g_test_add_func ("/gallery-page/detail", test_detail);
  g_test_add_func ("/gallery-page/missing-image", test_missing_image);
  return g_test_run ();
}
