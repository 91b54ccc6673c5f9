/* test-explorer-page.c — the Annotators page in the real window: the table, its filter and
 * sorting, the grid of small multiples, one annotator large, the comparison, Copy
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>

#include "cs-annotator.h"
#include "cs-confusion-compare.h"
#include "cs-confusion-grid.h"
#include "cs-explorer-page.h"
#include "cs-heatmap.h"
#include "cs-w-map.h"
#include "cs-ui-test.h"
#include "cs-window-test.h"
#include "test-util.h"

/* The table lists every annotator, narrows to the ones whose id holds the search text, and
 * carries the run's figures. */
static void
test_table (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  CsWindow *window = cs_window_test_new_with_run (tmp, "annotators");
  CsExplorerPage *page = cs_window_get_explorer_page (window);
  GListModel *shown = G_LIST_MODEL (cs_explorer_page_get_selection (page));
  GtkEditable *search = GTK_EDITABLE (cs_window_test_find (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY));
  int R = cs_window_get_dataset (window)->n_annotators;
  g_autoptr(CsAnnotator) first = NULL;
  double mean_w;

  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, R);
  first = g_list_model_get_item (shown, 0);
  g_object_get (first, "mean-w", &mean_w, NULL);
  g_assert_cmpfloat (mean_w, >, 0);
  g_assert_cmpfloat (mean_w, <, 1);

  gtk_editable_set_text (search, "-1");
  cs_test_spin (400);
  g_assert_cmpuint (g_list_model_get_n_items (shown), <, R);
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(CsAnnotator) annotator = g_list_model_get_item (shown, i);

      cs_test_assert_contains (cs_annotator_get_id (annotator), "-1");
    }
  gtk_editable_set_text (search, "");
  cs_test_spin (400);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, R);

  gtk_window_destroy (GTK_WINDOW (window));
  cs_test_spin (50);
}

/* The grid draws a small multiple for each annotator in view; opening one shows it large,
 * with the compare view set to it against the common confusion. */
static void
test_grid_and_compare (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  CsWindow *window = cs_window_test_new_with_run (tmp, "annotators");
  CsExplorerPage *page = cs_window_get_explorer_page (window);
  CsConfusionGrid *grid = CS_CONFUSION_GRID (cs_window_test_find (GTK_WIDGET (page), CS_TYPE_CONFUSION_GRID));
  CsConfusionCompare *compare = CS_CONFUSION_COMPARE (cs_window_test_find (GTK_WIDGET (page), CS_TYPE_CONFUSION_COMPARE));
  GtkStack *modes;

  g_assert_cmpuint (cs_confusion_grid_get_n_shown (grid), >, 0);
  g_signal_emit_by_name (grid, "activated", 3);
  cs_test_spin (200);
  modes = GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (grid), GTK_TYPE_STACK));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (modes), ==, "annotator");
  {
    CsAnnotator *selected = gtk_single_selection_get_selected_item (cs_explorer_page_get_selection (page));

    g_assert_nonnull (selected);
    g_assert_cmpuint (cs_annotator_get_index (selected), ==, 3);
  }
  cs_explorer_page_set_mode (page, "compare");
  cs_test_spin (200);
  cs_test_assert_contains (cs_confusion_compare_get_summary (compare), "Total variation");

  /* Against itself a matrix is at distance 0. */
  cs_confusion_compare_set_side (compare, 1, 3, CS_MATRIX_EFFECTIVE);
  cs_test_assert_contains (cs_confusion_compare_get_summary (compare), "Total variation 0.00");

  /* The w map: a row for every train item with labels (every one, on the demo). */
  {
    CsWMap *map = CS_W_MAP (cs_window_test_find (GTK_WIDGET (page), CS_TYPE_W_MAP));

    g_assert_cmpuint (cs_w_map_get_n_rows (map), ==, cs_window_get_dataset (window)->splits[CS_SPLIT_TRAIN].n);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  cs_test_spin (50);
}

/* Copy puts the heatmap on the clipboard as an image. */
static void
test_copy (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  CsWindow *window = cs_window_test_new_with_run (tmp, "annotators");
  CsExplorerPage *page = cs_window_get_explorer_page (window);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (page));
  GdkContentFormats *formats;

  cs_explorer_page_select (page, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "explorer.copy", NULL));
  cs_test_spin (100);
  formats = gdk_clipboard_get_formats (clipboard);
  g_assert_true (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE));

  gtk_window_destroy (GTK_WINDOW (window));
  cs_test_spin (50);
}

int
main (int   argc,
      char *argv[])
{
  if (!cs_ui_test_init (&argc, &argv))
    return 0;
  g_test_add_func ("/explorer-page/table", test_table);
  g_test_add_func ("/explorer-page/grid-and-compare", test_grid_and_compare);
  g_test_add_func ("/explorer-page/copy", test_copy);
  return g_test_run ();
}
