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

/* The window on the demo after a CoNAL run, on the Gallery page once its predictions are in. */
typedef struct
{
  CsTestDir     *tmp;
  CsWindow      *window;
  CsGalleryPage *page;
  CsGallery     *gallery;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->tmp = cs_test_dir_new ();
  f->window = cs_window_test_new_with_run (f->tmp, "gallery");
  f->page = cs_window_get_gallery_page (f->window);
  f->gallery = cs_gallery_page_get_gallery (f->page);
  cs_test_wait_for (gallery_ready, f->gallery, "the gallery's predictions");
  cs_test_spin (300);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  cs_test_spin (50);
  cs_test_dir_free (f->tmp);
}

/* The page's widget its template names `id`. */
static gpointer
child (Fixture    *f,
       const char *id)
{
  GtkWidget *widget = cs_window_test_find_id (GTK_WIDGET (f->page), id);

  g_assert_nonnull (widget);
  return widget;
}

/* The page opens on the test split's mistakes, each a tile, the same items the core's list
 * names, in its order. */
static void
test_mistakes (Fixture       *f,
               gconstpointer  data)
{
  const CsPredictions *predictions = cs_gallery_get_predictions (f->gallery);
  GtkStack *stack = GTK_STACK (child (f, "stack"));
  GtkGridView *grid = GTK_GRID_VIEW (child (f, "grid"));
  GListModel *shown = G_LIST_MODEL (gtk_grid_view_get_model (grid));
  g_autofree int *expected = g_new (int, predictions->n);
  int n = cs_predictions_mistakes (predictions, CS_SPLIT_TEST, expected);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "gallery");
  g_assert_cmpint (cs_gallery_get_split (f->gallery), ==, CS_SPLIT_TEST);
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

}

/* Opening a cell of the classifier's confusion lists its items alone and rings it; Show the
 * List goes back to the mistakes. */
static void
test_cell (Fixture       *f,
           gconstpointer  data)
{
  CsHeatmap *heatmap = CS_HEATMAP (child (f, "confusion_heatmap"));
  GtkWidget *clear = child (f, "clear_cell_button");
  GtkGridView *grid = GTK_GRID_VIEW (child (f, "grid"));
  const int *counts = cs_gallery_get_confusion_counts (f->gallery);
  int K = cs_gallery_get_predictions (f->gallery)->K, gold = -1, predicted = -1;
  guint n_mistakes = g_list_model_get_n_items (cs_gallery_get_items (f->gallery));
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

}

/* A train item's detail has a row for each of its crowd labels, with what the model expected
 * that annotator to answer; a row's button opens the annotator on the Annotators page. */
static void
test_detail (Fixture       *f,
             gconstpointer  data)
{
  CsDataset *dataset = cs_window_get_dataset (f->window);
  GtkListBox *labels = GTK_LIST_BOX (child (f, "labels_list"));
  GtkLabel *title = GTK_LABEL (child (f, "detail_title"));
  g_autoptr(CsGalleryDetail) detail = NULL;
  g_autoptr(CsItem) item = NULL;
  GtkWidget *row, *button;
  GtkStack *modes;
  CsAnnotator *selected;
  int n_rows = 0;

  cs_gallery_set_list (f->gallery, CS_GALLERY_CONTESTED);
  cs_gallery_page_select (f->page, 0);
  cs_test_spin (200);
  item = g_list_model_get_item (cs_gallery_get_items (f->gallery), 0);
  detail = cs_gallery_dup_detail (f->gallery, 0);
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
  modes = GTK_STACK (cs_window_test_find_id (GTK_WIDGET (cs_window_get_explorer_page (f->window)), "mode_stack"));
  g_assert_nonnull (modes);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (modes), ==, "annotator");
  selected = gtk_single_selection_get_selected_item (cs_explorer_page_get_selection (cs_window_get_explorer_page (f->window)));
  g_assert_cmpuint (cs_annotator_get_index (selected), ==, detail->labels[0].annotator);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (cs_window_get_explorer_page (f->window))));
}

static gboolean
has_tooltip (gpointer data)
{
  return gtk_widget_get_tooltip_text (data) != NULL;
}

/* The tile under `widget` that shows `item`, or NULL. */
static CsItemTile *
find_tile (GtkWidget *widget,
           CsItem    *item)
{
  if (CS_IS_ITEM_TILE (widget) && cs_item_tile_get_item (CS_ITEM_TILE (widget)) == item)
    return CS_ITEM_TILE (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      CsItemTile *found = find_tile (c, item);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  GtkWidget *grid;
  CsItem    *item;
} TileWanted;

static gboolean
tile_failed (gpointer data)
{
  TileWanted *wanted = data;
  CsItemTile *tile = find_tile (wanted->grid, wanted->item);

  return tile != NULL && cs_item_tile_get_failure (tile) != NULL;
}

/* An item whose image file has gone still has its detail, the picture's place saying why, and
 * its tile, scrolled to, is a placeholder with the reason. */
static void
test_missing_image (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *picture = child (f, "detail_picture");
  GListModel *items;
  g_autoptr(CsItem) item = NULL;
  g_autofree char *name = NULL;
  guint last;

  cs_gallery_set_list (f->gallery, CS_GALLERY_ALL);
  items = cs_gallery_get_items (f->gallery);
  last = g_list_model_get_n_items (items) - 1;
  item = g_list_model_get_item (items, last);
  g_assert_nonnull (cs_item_get_image_path (item));
  g_assert_cmpint (g_unlink (cs_item_get_image_path (item)), ==, 0);
  name = g_path_get_basename (cs_item_get_image_path (item));

  cs_gallery_page_select (f->page, last);
  cs_test_wait_for (has_tooltip, picture, "the picture's error");
  cs_test_assert_contains (gtk_widget_get_tooltip_text (picture), name);
  g_assert_true (gtk_widget_get_visible (child (f, "detail_box")));
  {
    TileWanted wanted = { child (f, "grid"), item };
    CsItemTile *tile;

    cs_test_wait_for (tile_failed, &wanted, "the tile's placeholder");
    tile = find_tile (wanted.grid, item);
    cs_test_assert_contains (cs_item_tile_get_failure (tile), name);
    g_assert_null (cs_item_tile_get_thumbnail (tile));
  }
}

int
main (int   argc,
      char *argv[])
{
  if (!cs_ui_test_init (&argc, &argv))
    return 0;
  g_test_add ("/gallery-page/mistakes", Fixture, NULL, fixture_set_up, test_mistakes, fixture_tear_down);
  g_test_add ("/gallery-page/cell", Fixture, NULL, fixture_set_up, test_cell, fixture_tear_down);
  g_test_add ("/gallery-page/detail", Fixture, NULL, fixture_set_up, test_detail, fixture_tear_down);
  g_test_add ("/gallery-page/missing-image", Fixture, NULL, fixture_set_up, test_missing_image, fixture_tear_down);
  return g_test_run ();
}
