/* test-chart.c — what CsChart does for every chart, through a small grid chart
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>

#include "cs-chart.h"
#include "cs-ui-test.h"

#define WIDTH  480
#define HEIGHT 360

/* ---- A k × k grid of cells, numbered row by row: the shape of a confusion heatmap ---------- */

#define TEST_TYPE_GRID_CHART (test_grid_chart_get_type ())

G_DECLARE_FINAL_TYPE (TestGridChart, test_grid_chart, TEST, GRID_CHART, CsChart)

struct _TestGridChart
{
  CsChart parent_instance;

  guint   k;
  double  cell;          /* the side of a cell, in pixels */
  guint   layouts;       /* how often layout () ran */
  guint   descriptions;  /* how often describe () ran */
  char   *name;          /* what get_name () returns */
};

G_DEFINE_FINAL_TYPE (TestGridChart, test_grid_chart, CS_TYPE_CHART)

static void
test_grid_chart_layout (CsChart *chart,
                        int      width,
                        int      height)
{
  TestGridChart *self = TEST_GRID_CHART (chart);
  CsChartFrame *frame = cs_chart_get_frame (chart);
  PangoLayout *x_title = cs_chart_get_title_layout (chart, GTK_ORIENTATION_HORIZONTAL);
  PangoLayout *y_title = cs_chart_get_title_layout (chart, GTK_ORIENTATION_VERTICAL);
  double top = CS_CHART_PAD + (y_title ? cs_chart_layout_height (y_title) + 4 : 0);
  double bottom = height - CS_CHART_PAD - (x_title ? cs_chart_layout_height (x_title) + 2 : 0);
  double side = MIN (width - 2 * CS_CHART_PAD, bottom - top);

  self->layouts++;
  self->cell = side / MAX (self->k, 1);
  frame->plot = GRAPHENE_RECT_INIT (CS_CHART_PAD, top, side, side);
}

static void
cell_rect (TestGridChart   *self,
           guint            item,
           graphene_rect_t *rect)
{
  const graphene_rect_t *plot = &cs_chart_get_frame (CS_CHART (self))->plot;

  *rect = GRAPHENE_RECT_INIT (plot->origin.x + item % self->k * self->cell,
                              plot->origin.y + item / self->k * self->cell,
                              self->cell, self->cell);
}

/* Every cell in the accent's fill, the one in the read-out in its text shade. */
static void
test_grid_chart_draw (CsChart     *chart,
                      GtkSnapshot *snapshot)
{
  TestGridChart *self = TEST_GRID_CHART (chart);
  const CsChartTheme *theme = cs_chart_get_theme (chart);
  graphene_rect_t rect;

  for (guint i = 0; i < self->k * self->k; i++)
    {
      cell_rect (self, i, &rect);
      gtk_snapshot_append_color (snapshot, i == cs_chart_get_readout_item (chart)
                                           ? &theme->accent : &theme->accent_bg, &rect);
    }
}

static guint
test_grid_chart_get_n_items (CsChart *chart)
{
  return TEST_GRID_CHART (chart)->k * TEST_GRID_CHART (chart)->k;
}

static gboolean
test_grid_chart_pick (CsChart *chart,
                      double   x,
                      double   y,
                      guint   *item)
{
  TestGridChart *self = TEST_GRID_CHART (chart);
  const graphene_rect_t *plot = &cs_chart_get_frame (chart)->plot;

  if (self->k == 0 || !graphene_rect_contains_point (plot, &GRAPHENE_POINT_INIT (x, y)))
    return FALSE;
  *item = MIN ((guint) ((y - plot->origin.y) / self->cell), self->k - 1) * self->k +
          MIN ((guint) ((x - plot->origin.x) / self->cell), self->k - 1);
  return TRUE;
}

static void
test_grid_chart_locate_item (CsChart          *chart,
                             guint             item,
                             graphene_point_t *point)
{
  graphene_rect_t rect;

  cell_rect (TEST_GRID_CHART (chart), item, &rect);
  graphene_rect_get_center (&rect, point);
}

/* Up and down go a row at a time; the base's default goes along the row. */
static guint
test_grid_chart_move_item (CsChart *chart,
                           guint    item,
                           int      dx,
                           int      dy)
{
  TestGridChart *self = TEST_GRID_CHART (chart);
  int row = CLAMP ((int) (item / self->k) + dy, 0, (int) self->k - 1);
  int column = CLAMP ((int) (item % self->k) + dx, 0, (int) self->k - 1);

  return row * self->k + column;
}

static void
test_grid_chart_describe_item (CsChart *chart,
                               guint    item,
                               GString *text,
                               GString *markup)
{
  guint k = TEST_GRID_CHART (chart)->k;

  g_string_append_printf (text, "row %u, column %u", item / k, item % k);
  if (markup != NULL)
    g_string_append_printf (markup, "<b>row %u</b>\ncolumn %u", item / k, item % k);
}

static void
test_grid_chart_describe (CsChart *chart,
                          GString *description)
{
  TestGridChart *self = TEST_GRID_CHART (chart);

  self->descriptions++;
  if (self->k > 0)
    g_string_append_printf (description, "%u × %u cells", self->k, self->k);
}

static const char *
test_grid_chart_get_name (CsChart *chart)
{
  return TEST_GRID_CHART (chart)->name;
}

static void
test_grid_chart_finalize (GObject *object)
{
  g_free (TEST_GRID_CHART (object)->name);
  G_OBJECT_CLASS (test_grid_chart_parent_class)->finalize (object);
}

static void
test_grid_chart_init (TestGridChart *self)
{
}

static void
test_grid_chart_class_init (TestGridChartClass *klass)
{
  CS_CHART_CLASS (klass)->layout = test_grid_chart_layout;
  CS_CHART_CLASS (klass)->draw = test_grid_chart_draw;
  CS_CHART_CLASS (klass)->get_n_items = test_grid_chart_get_n_items;
  CS_CHART_CLASS (klass)->pick = test_grid_chart_pick;
  CS_CHART_CLASS (klass)->locate_item = test_grid_chart_locate_item;
  CS_CHART_CLASS (klass)->move_item = test_grid_chart_move_item;
  CS_CHART_CLASS (klass)->describe_item = test_grid_chart_describe_item;
  CS_CHART_CLASS (klass)->describe = test_grid_chart_describe;
  CS_CHART_CLASS (klass)->get_name = test_grid_chart_get_name;
  G_OBJECT_CLASS (klass)->finalize = test_grid_chart_finalize;
}

static GtkWidget *
test_grid_chart_new (void)
{
  return g_object_new (TEST_TYPE_GRID_CHART, NULL);
}

static void
set_k (TestGridChart *self,
       guint          k)
{
  self->k = k;
  cs_chart_data_changed (CS_CHART (self));
}

/* ---- Helpers ------------------------------------------------------------------------------ */

static const CsUiTestShow chart_window = { test_grid_chart_new, WIDTH, HEIGHT };

/* The middle of a cell, in the chart's coordinates. */
static graphene_point_t
cell_center (TestGridChart *chart,
             guint          item)
{
  graphene_rect_t rect;
  graphene_point_t point;

  cell_rect (chart, item, &rect);
  graphene_rect_get_center (&rect, &point);
  return point;
}

/* ---- Tests -------------------------------------------------------------------------------- */

static void
test_chart_invalidation (CsUiTestFixture *f,
                         gconstpointer    data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  CsChart *chart = CS_CHART (f->widget);
  TestGridChart *grid = TEST_GRID_CHART (f->widget);
  GtkAllocation small = { 0, 0, 300, 200 };
  graphene_rect_t plot;
  guint before;

  /* Drawing again, with nothing changed, only draws. */
  before = grid->layouts;
  g_assert_cmpuint (before, >, 0);
  cs_ui_test_wait_for_draw (f->widget);
  g_assert_cmpuint (grid->layouts, ==, before);

  /* A data change lays the chart out once, however often the layout is asked for. */
  set_k (grid, 3);
  g_assert_cmpuint (grid->layouts, ==, before);
  g_assert_true (cs_chart_get_plot_area (chart, &plot));
  g_assert_true (cs_chart_get_plot_area (chart, &plot));
  cs_ui_test_wait_for_draw (f->widget);
  g_assert_cmpuint (grid->layouts, ==, before + 1);
  g_assert_cmpfloat_with_epsilon (grid->cell, plot.size.width / 3, 1e-3);

  /* So does a new size. */
  gtk_widget_size_allocate (f->widget, &small, -1);
  g_assert_cmpuint (grid->layouts, ==, before + 2);
  g_assert_true (cs_chart_get_plot_area (chart, &plot));
  g_assert_cmpfloat (plot.size.width, ==, 200 - 2 * CS_CHART_PAD);

  /* And a new style, whose colours the layout loads. */
  cs_ui_test_wait_for_draw (f->widget);
  before = grid->layouts;
  g_assert_false (cs_chart_get_theme (chart)->dark);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  cs_ui_test_wait_for_draw (f->widget);
  g_assert_cmpuint (grid->layouts, >, before);
  g_assert_true (cs_chart_get_theme (chart)->dark);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_chart_natural_size (CsUiTestFixture *f,
                         gconstpointer    data)
{
  int minimum, natural;

  gtk_widget_measure (f->widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, 240);
  g_assert_cmpint (natural, ==, 400);
  cs_chart_set_natural_size (CS_CHART (f->widget), 520, 100);
  gtk_widget_measure (f->widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (natural, ==, 520);
  /* Never below the minimum. */
  gtk_widget_measure (f->widget, GTK_ORIENTATION_VERTICAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, 160);
  g_assert_cmpint (natural, ==, 160);

  /* A subclass drawn small lowers the minimum. */
  cs_chart_set_minimum_size (CS_CHART (f->widget), 60, 50);
  gtk_widget_measure (f->widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, 60);
  g_assert_cmpint (natural, ==, 520);
  gtk_widget_measure (f->widget, GTK_ORIENTATION_VERTICAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, 50);
  g_assert_cmpint (natural, ==, 100);
}

static void
test_chart_readout (CsUiTestFixture *f,
                    gconstpointer    data)
{
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) hovered = NULL;
  g_autoptr(GdkTexture) left = NULL;
  CsChart *chart = CS_CHART (f->widget);
  TestGridChart *grid = TEST_GRID_CHART (f->widget);
  g_autofree char *text = NULL;
  graphene_point_t point;
  GdkRGBA accent, bubble;
  guint item = 99;

  set_k (grid, 4);
  before = cs_ui_test_redraw (f->widget);
  accent = cs_chart_get_theme (chart)->accent;
  bubble = cs_chart_get_theme (chart)->bubble_bg;
  g_assert_false (cs_chart_get_hover (chart, &item));
  g_assert_cmpuint (item, ==, CS_CHART_NO_ITEM);
  g_assert_cmpuint (cs_chart_get_readout_item (chart), ==, CS_CHART_NO_ITEM);
  g_assert_cmpuint (cs_ui_test_count_color (before, NULL, &accent), ==, 0);
  g_assert_cmpuint (cs_ui_test_count_color (before, NULL, &bubble), ==, 0);

  /* The item under the pointer is picked by the subclass; the base keeps it, has it marked
   * and draws its read-out box. */
  point = cell_center (grid, 6);
  cs_ui_test_motion (f->widget, point.x, point.y);
  g_assert_true (cs_chart_get_hover (chart, &item));
  g_assert_cmpuint (item, ==, 6);
  g_assert_cmpuint (cs_chart_get_readout_item (chart), ==, 6);
  hovered = cs_ui_test_redraw (f->widget);
  g_assert_cmpuint (cs_ui_test_count_color (hovered, NULL, &accent), >, 0);
  g_assert_cmpuint (cs_ui_test_count_color (hovered, NULL, &bubble), >, 500);

  /* The read-out's text, for a point. */
  g_assert_true (cs_chart_get_readout (chart, point.x, point.y, &item, &text));
  g_assert_cmpuint (item, ==, 6);
  g_assert_cmpstr (text, ==, "row 1, column 2");
  g_clear_pointer (&text, g_free);
  g_assert_false (cs_chart_get_readout (chart, 1, 1, NULL, &text));
  g_assert_null (text);

  cs_ui_test_leave (f->widget);
  g_assert_false (cs_chart_get_hover (chart, &item));
  left = cs_ui_test_redraw (f->widget);
  g_assert_true (cs_ui_test_same_pixels (before, left));
}

static void
test_chart_description (CsUiTestFixture *f,
                        gconstpointer    data)
{
  CsChart *chart = CS_CHART (f->widget);
  TestGridChart *grid = TEST_GRID_CHART (f->widget);
  guint before = grid->descriptions;

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Chart");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "No data");

  /* Changes in a row are described once, when they come to a pause. */
  for (guint k = 1; k <= 5; k++)
    set_k (grid, k);
  cs_ui_test_wait_for_draw (f->widget);
  g_assert_cmpuint (grid->descriptions, ==, before + 1);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "5 × 5 cells");
  set_k (grid, 0);
  cs_ui_test_wait_for_draw (f->widget);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "No data");

  /* The name is the value axis' title, or else the other one's. */
  cs_chart_set_label (chart, GTK_ORIENTATION_HORIZONTAL, "Predicted");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Predicted");
  g_object_set (chart, "y-label", "True class", NULL);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "True class");
  g_assert_cmpstr (cs_chart_get_label (chart, GTK_ORIENTATION_VERTICAL), ==,
                   "True class");

  /* A name the subclass gives comes first, from the next description on. */
  grid->name = g_strdup ("Annotator 7");
  cs_chart_data_changed (chart);
  cs_ui_test_wait_for_draw (f->widget);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Annotator 7");
}

/* A new layout picks the item under the pointer again: the data moved, the pointer did not. */
static void
test_chart_hover_after_layout (CsUiTestFixture *f,
                               gconstpointer    data)
{
  CsChart *chart = CS_CHART (f->widget);
  TestGridChart *grid = TEST_GRID_CHART (f->widget);
  guint item = CS_CHART_NO_ITEM;
  graphene_point_t point;

  set_k (grid, 4);
  cs_ui_test_wait_for_draw (f->widget);
  point = cell_center (grid, 15);
  cs_ui_test_motion (f->widget, point.x, point.y);
  g_assert_true (cs_chart_get_hover (chart, &item));
  g_assert_cmpuint (item, ==, 15);

  set_k (grid, 2);
  cs_ui_test_wait_for_draw (f->widget);
  g_assert_true (cs_chart_get_hover (chart, &item));
  g_assert_cmpuint (item, ==, 3);

  set_k (grid, 0);
  cs_ui_test_wait_for_draw (f->widget);
  g_assert_false (cs_chart_get_hover (chart, &item));
}

static void
test_chart_titles (CsUiTestFixture *f,
                   gconstpointer    data)
{
  CsChart *chart = CS_CHART (f->widget);
  TestGridChart *grid = TEST_GRID_CHART (f->widget);
  g_autoptr(GdkTexture) titled = NULL;
  g_autoptr(GdkTexture) untitled = NULL;
  g_autofree char *label = NULL;
  graphene_rect_t plain, plot, below;
  guint notified = 0;

  set_k (grid, 1);
  g_assert_true (cs_chart_get_plot_area (chart, &plain));

  /* The base lays out the titles for the subclass to make room, and draws them. */
  g_signal_connect (chart, "notify::x-label", G_CALLBACK (cs_ui_test_count_notify), &notified);
  cs_chart_set_label (chart, GTK_ORIENTATION_HORIZONTAL, "Predicted");
  cs_chart_set_label (chart, GTK_ORIENTATION_HORIZONTAL, "Predicted");
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (chart, "x-label", &label, NULL);
  g_assert_cmpstr (label, ==, "Predicted");
  titled = cs_ui_test_redraw (f->widget);
  g_assert_nonnull (cs_chart_get_title_layout (chart, GTK_ORIENTATION_HORIZONTAL));
  g_assert_null (cs_chart_get_title_layout (chart, GTK_ORIENTATION_VERTICAL));
  g_assert_true (cs_chart_get_plot_area (chart, &plot));
  g_assert_cmpfloat (plot.size.height, <, plain.size.height);
  below = GRAPHENE_RECT_INIT (0, plot.origin.y + plot.size.height + 1, WIDTH, HEIGHT);
  g_assert_cmpuint (cs_ui_test_count_painted (titled, &below), >, 20);

  /* A chart drawn small can do without them; the label stays. */
  cs_chart_set_titles_shown (chart, FALSE);
  untitled = cs_ui_test_redraw (f->widget);
  g_assert_null (cs_chart_get_title_layout (chart, GTK_ORIENTATION_HORIZONTAL));
  g_assert_cmpstr (cs_chart_get_label (chart, GTK_ORIENTATION_HORIZONTAL), ==, "Predicted");
  g_assert_true (cs_chart_get_plot_area (chart, &plot));
  g_assert_cmpfloat (plot.size.height, ==, plain.size.height);
  below = GRAPHENE_RECT_INIT (0, plain.origin.y + plain.size.height + 1, WIDTH, HEIGHT);
  g_assert_cmpuint (cs_ui_test_count_painted (untitled, &below), ==, 0);
  cs_chart_set_titles_shown (chart, TRUE);
  g_assert_true (cs_chart_get_plot_area (chart, &plot));
  g_assert_nonnull (cs_chart_get_title_layout (chart, GTK_ORIENTATION_HORIZONTAL));
}

static void
test_chart_keyboard (CsUiTestFixture *f,
                     gconstpointer    data)
{
  CsChart *chart = CS_CHART (f->widget);
  TestGridChart *grid = TEST_GRID_CHART (f->widget);
  guint notified = 0;
  g_autoptr(GdkTexture) unfocused = NULL;
  g_autoptr(GdkTexture) focused = NULL;

  set_k (grid, 3);
  cs_ui_test_wait_for_draw (f->widget);
  g_signal_connect (chart, "notify::selected", G_CALLBACK (cs_ui_test_count_notify), &notified);

  /* The first arrow selects the first item; then they move in the row, and in the column as the
   * subclass says. */
  g_assert_cmpuint (cs_chart_get_selected (chart), ==, CS_CHART_NO_ITEM);
  g_assert_true (cs_ui_test_press_key (f->widget, GDK_KEY_Right));
  g_assert_cmpuint (cs_chart_get_selected (chart), ==, 0);
  g_assert_true (cs_ui_test_press_key (f->widget, GDK_KEY_Right));
  g_assert_true (cs_ui_test_press_key (f->widget, GDK_KEY_Down));
  g_assert_cmpuint (cs_chart_get_selected (chart), ==, 4);
  g_assert_true (cs_ui_test_press_key (f->widget, GDK_KEY_End));
  g_assert_cmpuint (cs_chart_get_selected (chart), ==, 8);
  g_assert_true (cs_ui_test_press_key (f->widget, GDK_KEY_Home));
  g_assert_cmpuint (cs_chart_get_selected (chart), ==, 0);
  g_assert_cmpuint (notified, ==, 5);

  /* A key that moves nothing is left for focus navigation. */
  g_assert_false (cs_ui_test_press_key (f->widget, GDK_KEY_Left));
  g_assert_false (cs_ui_test_press_key (f->widget, GDK_KEY_Up));
  g_assert_false (cs_ui_test_press_key (f->widget, GDK_KEY_a));
  g_assert_cmpuint (notified, ==, 5);

  /* The selected item's read-out shows while the chart has the focus. */
  cs_chart_set_selected (chart, 7);
  unfocused = cs_ui_test_redraw (f->widget);
  g_assert_cmpuint (cs_chart_get_readout_item (chart), ==, CS_CHART_NO_ITEM);
  gtk_widget_set_focusable (f->widget, TRUE);
  g_assert_true (gtk_widget_grab_focus (f->widget));
  focused = cs_ui_test_redraw (f->widget);
  g_assert_false (cs_ui_test_same_pixels (unfocused, focused));
  g_assert_cmpuint (cs_chart_get_readout_item (chart), ==, 7);
}

static void
test_chart_selection (CsUiTestFixture *f,
                      gconstpointer    data)
{
  CsChart *chart = CS_CHART (f->widget);
  TestGridChart *grid = TEST_GRID_CHART (f->widget);
  graphene_point_t point;
  guint selected = 0;

  set_k (grid, 3);
  cs_ui_test_wait_for_draw (f->widget);
  point = cell_center (grid, 5);

  /* A click selects only in a chart that takes the focus. */
  cs_ui_test_click (f->widget, point.x, point.y, 1);
  g_assert_cmpuint (cs_chart_get_selected (chart), ==, CS_CHART_NO_ITEM);
  gtk_widget_set_focusable (f->widget, TRUE);
  cs_ui_test_click (f->widget, point.x, point.y, 1);
  g_object_get (chart, "selected", &selected, NULL);
  g_assert_cmpuint (selected, ==, 5);
  g_assert_true (gtk_widget_is_focus (f->widget));
  cs_ui_test_click (f->widget, 1, 1, 1);
  g_assert_cmpuint (cs_chart_get_selected (chart), ==, CS_CHART_NO_ITEM);

  /* A selection goes with the data it was in. */
  cs_chart_set_selected (chart, 8);
  set_k (grid, 2);
  cs_ui_test_wait_for_draw (f->widget);
  g_assert_cmpuint (cs_chart_get_selected (chart), ==, CS_CHART_NO_ITEM);
}

static const struct
{
  const char *path;
  void      (*func) (CsUiTestFixture *fixture,
                     gconstpointer    data);
} tests[] = {
  { "/chart/invalidation", test_chart_invalidation },
  { "/chart/natural-size", test_chart_natural_size },
  { "/chart/readout", test_chart_readout },
  { "/chart/description", test_chart_description },
  { "/chart/hover-after-layout", test_chart_hover_after_layout },
  { "/chart/titles", test_chart_titles },
  { "/chart/keyboard", test_chart_keyboard },
  { "/chart/selection", test_chart_selection },
};

int
main (int   argc,
      char *argv[])
{
  if (!cs_ui_test_init (&argc, &argv))
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    cs_ui_test_add (tests[i].path, &chart_window, tests[i].func);
  return g_test_run ();
}
