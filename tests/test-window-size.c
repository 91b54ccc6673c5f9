/* test-window-size.c — the window fits a small screen: on every page but Training (whose
 * layout is its own), with a dataset open and a run done, it asks for at most 360 pixels of
 * width and 600 of height, and once narrow it moves the view switcher to the bottom bar
 *
 * The import assistant, a window of its own, fits too. A page that asks for more names the widgets that do (the deepest ones asking for more than
 * the limit), so that the failure says where to look.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>

#include "cs-explorer-page.h"
#include "cs-gallery-page.h"
#include "cs-ui-test.h"
#include "cs-window-test.h"

#define MAX_WIDTH  360
#define MAX_HEIGHT 600

static int
minimum (GtkWidget      *widget,
         GtkOrientation  orientation,
         int             for_size)
{
  int min;

  gtk_widget_measure (widget, orientation, for_size, &min, NULL, NULL, NULL);
  return min;
}

/* The deepest widgets under `widget` that ask for more than `limit`, one per line. */
static void
find_culprits (GtkWidget      *widget,
               GtkOrientation  orientation,
               int             limit,
               GString        *culprits)
{
  gboolean child_too_big = FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_mapped (child) && minimum (child, orientation, -1) > limit)
      {
        child_too_big = TRUE;
        find_culprits (child, orientation, limit, culprits);
      }
  if (!child_too_big)
    {
      const char *id = GTK_IS_BUILDABLE (widget) ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)) : NULL;

      g_string_append_printf (culprits, "  %s%s%s%s: %d\n", G_OBJECT_TYPE_NAME (widget),
                              id ? " “" : "", id ? id : "", id ? "”" : "",
                              minimum (widget, orientation, -1));
    }
}

/* What does not fit on the page, added to `failures`. */
static void
check_fits (CsWindow   *window,
            const char *page,
            GString    *failures)
{
  GtkWidget *content = gtk_window_get_child (GTK_WINDOW (window));
  int width = minimum (content, GTK_ORIENTATION_HORIZONTAL, -1);
  int height = minimum (content, GTK_ORIENTATION_VERTICAL, MAX_WIDTH);
  int height_wide = minimum (content, GTK_ORIENTATION_VERTICAL, 800);

  GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (cs_window_get_train_page (window)), ADW_TYPE_VIEW_STACK);
  GtkWidget *shown = adw_view_stack_get_visible_child (ADW_VIEW_STACK (stack));
  int page_width;

  /* The page itself, inside the window's scroller: narrow, it should need no sideways
   * scrolling either. */
  gtk_window_set_default_size (GTK_WINDOW (window), MAX_WIDTH, 700);
  cs_test_spin (300);
  page_width = minimum (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (shown)),
                        GTK_ORIENTATION_HORIZONTAL, -1);
  g_test_message ("%s: at least %d wide, %d high at %d wide, %d at 800; the page alone %d wide",
                  page, width, height, MAX_WIDTH, height_wide, page_width);
  if (page_width > MAX_WIDTH)
    {
      g_autoptr(GString) culprits = g_string_new (NULL);

      find_culprits (shown, GTK_ORIENTATION_HORIZONTAL, MAX_WIDTH, culprits);
      g_string_append_printf (failures, "the %s page itself asks for %d pixels of width in a narrow window, because of:\n%s",
                              page, page_width, culprits->str);
    }
  if (width > MAX_WIDTH)
    {
      g_autoptr(GString) culprits = g_string_new (NULL);

      find_culprits (content, GTK_ORIENTATION_HORIZONTAL, MAX_WIDTH, culprits);
      g_string_append_printf (failures, "the %s page asks for %d pixels of width, more than %d, because of:\n%s",
                              page, width, MAX_WIDTH, culprits->str);
    }
  if (MAX (height, height_wide) > MAX_HEIGHT)
    {
      g_autoptr(GString) culprits = g_string_new (NULL);

      find_culprits (content, GTK_ORIENTATION_VERTICAL, MAX_HEIGHT, culprits);
      g_string_append_printf (failures, "the %s page asks for %d pixels of height, more than %d, because of:\n%s",
                              page, MAX (height, height_wide), MAX_HEIGHT, culprits->str);
    }
}

static gboolean
gallery_listed (gpointer data)
{
  CsGallery *gallery = cs_gallery_page_get_gallery (data);

  return gallery != NULL && g_list_model_get_n_items (cs_gallery_get_items (gallery)) > 0;
}

static void
test_pages_fit (void)
{
  static const char *pages[] = { "overview", "annotators", "gallery", "experiments", "runs" };
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  CsWindow *window = cs_window_test_new_with_run (tmp, "overview");
  g_autoptr(GString) failures = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      cs_window_test_show_page (window, pages[i]);
      check_fits (window, pages[i], failures);
    }
  /* The Gallery with an item's details, the Annotators page on one annotator. */
  cs_window_test_show_page (window, "gallery");
  cs_test_wait_for (gallery_listed, cs_window_get_gallery_page (window), "the gallery's items");
  cs_gallery_page_select (cs_window_get_gallery_page (window), 0);
  check_fits (window, "gallery, an item selected", failures);
  cs_window_test_show_page (window, "annotators");
  cs_explorer_page_set_mode (cs_window_get_explorer_page (window), "annotator");
  check_fits (window, "annotators, one annotator", failures);
  cs_explorer_page_set_mode (cs_window_get_explorer_page (window), "compare");
  check_fits (window, "annotators, compare", failures);
  cs_explorer_page_set_mode (cs_window_get_explorer_page (window), "w");
  check_fits (window, "annotators, w map", failures);
  /* Training is laid out on its own terms; what it asks for is only reported. */
  cs_window_test_show_page (window, "training");
  g_test_message ("training: at least %d wide, %d high at 800",
                  minimum (gtk_window_get_child (GTK_WINDOW (window)), GTK_ORIENTATION_HORIZONTAL, -1),
                  minimum (gtk_window_get_child (GTK_WINDOW (window)), GTK_ORIENTATION_VERTICAL, 800));
  /* The import assistant is a window of its own, over this one. */
  {
    GtkWidget *assistant = GTK_WIDGET (cs_window_import (window, NULL));
    GtkWidget *child;
    int width, height;

    cs_ui_test_wait_for_draw (assistant);
    child = gtk_window_get_child (GTK_WINDOW (assistant));
    width = minimum (child, GTK_ORIENTATION_HORIZONTAL, -1);
    height = minimum (child, GTK_ORIENTATION_VERTICAL, MAX_WIDTH);
    g_test_message ("import assistant: at least %d wide, %d high at %d wide", width, height, MAX_WIDTH);
    if (width > MAX_WIDTH || height > MAX_HEIGHT)
      g_string_append_printf (failures, "the import assistant asks for %d × %d pixels\n", width, height);
    gtk_window_destroy (GTK_WINDOW (assistant));
  }
  gtk_window_destroy (GTK_WINDOW (window));
  if (failures->len > 0)
    g_error ("%s", failures->str);
}

/* Without a dataset there is nothing to switch between: no view switcher, at any width. */
static void
test_empty_has_no_switcher (void)
{
  CsWindow *window = cs_window_new (NULL);
  AdwViewSwitcherTitle *title = ADW_VIEW_SWITCHER_TITLE (cs_window_test_find (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE));
  AdwViewSwitcherBar *bar = ADW_VIEW_SWITCHER_BAR (cs_window_test_find (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR));

  gtk_window_set_default_size (GTK_WINDOW (window), MAX_WIDTH, 700);
  gtk_window_present (GTK_WINDOW (window));
  cs_ui_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_false (adw_view_switcher_title_get_view_switcher_enabled (title));
  g_assert_false (adw_view_switcher_bar_get_reveal (bar));
  g_assert_false (gtk_widget_get_child_visible (GTK_WIDGET (bar)) &&
                  gtk_widget_get_visible (GTK_WIDGET (bar)) &&
                  gtk_widget_get_height (GTK_WIDGET (bar)) > 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
switcher_at_bottom (gpointer data)
{
  AdwViewSwitcherBar *bar = data;

  return adw_view_switcher_bar_get_reveal (bar) && gtk_widget_get_height (GTK_WIDGET (bar)) > 0;
}

static gboolean
switcher_at_top (gpointer data)
{
  return !adw_view_switcher_bar_get_reveal (data);
}

/* The labels under `widget` that do not show their whole text. */
static guint
count_ellipsized (GtkWidget *widget)
{
  guint n = 0;

  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    {
      g_test_message ("ellipsized: %s", gtk_label_get_text (GTK_LABEL (widget)));
      n++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_ellipsized (child);
  return n;
}

/* Wide, the pages are switched in the header bar; narrow, in the bar at the bottom, where
 * every page's name fits (the application's style makes them a size smaller). */
static void
test_switcher_moves_when_narrow (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  CsWindow *window = cs_window_test_new_with_demo (tmp, "overview");
  AdwViewSwitcherTitle *title = ADW_VIEW_SWITCHER_TITLE (cs_window_test_find (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE));
  AdwViewSwitcherBar *bar = ADW_VIEW_SWITCHER_BAR (cs_window_test_find (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR));

  g_assert_true (adw_view_switcher_title_get_view_switcher_enabled (title));
  cs_test_wait_for (switcher_at_top, bar, "the view switcher in the header bar");
  g_assert_false (adw_view_switcher_title_get_title_visible (title));

  gtk_window_set_default_size (GTK_WINDOW (window), MAX_WIDTH, 700);
  cs_test_wait_for (switcher_at_bottom, bar, "the view switcher at the bottom");
  g_assert_true (adw_view_switcher_title_get_title_visible (title));
  cs_ui_test_wait_for_draw (GTK_WIDGET (bar));
  g_assert_cmpuint (count_ellipsized (GTK_WIDGET (bar)), ==, 0);

  gtk_window_set_default_size (GTK_WINDOW (window), 1300, 900);
  cs_test_wait_for (switcher_at_top, bar, "the view switcher back in the header bar");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (!cs_ui_test_init (&argc, &argv))
    return 0;
  cs_ui_test_load_style ();
  g_test_add_func ("/window-size/pages-fit", test_pages_fit);
  g_test_add_func ("/window-size/empty-has-no-switcher", test_empty_has_no_switcher);
  g_test_add_func ("/window-size/switcher-moves-when-narrow", test_switcher_moves_when_narrow);
  return g_test_run ();
}
