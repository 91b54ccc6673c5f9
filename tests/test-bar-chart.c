/* test-bar-chart.c
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "cs-bar-chart-private.h"
#include "cs-chart-theme.h"
#include "cs-ui-test.h"

#define WIDTH  640
#define HEIGHT 360

static const CsUiTestShow chart_window = { cs_bar_chart_new, WIDTH, HEIGHT };

static GdkRGBA
bar_color (CsBarChart *chart)
{
  CsChartTheme theme;

  cs_chart_theme_load (&theme, GTK_WIDGET (chart));
  return theme.accent_bg;
}

/* The read-out for a pointer over the middle of a bar. */
static gboolean
readout_at (CsBarChart  *chart,
            guint        bar,
            guint       *index,
            char       **text)
{
  return cs_bar_chart_get_readout (chart, cs_bar_chart_bar_center (chart, bar), index, text);
}

static void
test_bar_chart_empty (CsUiTestFixture *f,
                      gconstpointer    data)
{
  CsBarChart *chart = CS_BAR_CHART (f->widget);
  g_autoptr(GdkTexture) texture = cs_ui_test_render (GTK_WIDGET (chart));
  GdkRGBA accent = bar_color (chart);
  graphene_rect_t plot;
  char *text = (char *) "unset";

  /* The value axis is drawn, and no bar. */
  g_assert_cmpuint (cs_ui_test_count_painted (texture, NULL), >, 100);
  g_assert_cmpuint (cs_ui_test_count_color (texture, NULL, &accent), ==, 0);
  g_assert_true (cs_chart_get_plot_area (CS_CHART (chart), &plot));
  g_assert_false (cs_bar_chart_get_readout (chart, plot.origin.x + plot.size.width / 2,
                                            NULL, &text));
  g_assert_null (text);

  /* Setting no data is the same as never setting any. */
  cs_bar_chart_set_data (chart, NULL, NULL, 0);
  g_assert_cmpuint (cs_bar_chart_get_n_bars (chart), ==, 0);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "No data");
}

static void
test_bar_chart_one_bar (CsUiTestFixture *f,
                        gconstpointer    data)
{
  static const double values[] = { 5 };
  static const char * const labels[] = { "only" };
  CsBarChart *chart = CS_BAR_CHART (f->widget);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *text = NULL;
  GdkRGBA accent;
  graphene_rect_t plot;
  guint index = 99;

  cs_chart_set_label (CS_CHART (chart), GTK_ORIENTATION_VERTICAL, "Items");
  cs_bar_chart_set_data (chart, values, labels, 1);
  texture = cs_ui_test_redraw (GTK_WIDGET (chart));
  accent = bar_color (chart);
  g_assert_true (cs_chart_get_plot_area (CS_CHART (chart), &plot));

  /* The single bar fills most of the plot: all its height (5 is the top tick) and most of its
   * width. */
  g_assert_cmpuint (cs_ui_test_count_color (texture, &plot, &accent), >,
                    0.6 * plot.size.width * plot.size.height);

  g_assert_true (readout_at (chart, 0, &index, &text));
  g_assert_cmpuint (index, ==, 0);
  g_assert_cmpstr (text, ==, "only: 5");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Items");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "1 bar; the highest is only: 5");
}

static void
test_bar_chart_many_bars (CsUiTestFixture *f,
                          gconstpointer    data)
{
  CsBarChart *chart = CS_BAR_CHART (f->widget);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autofree double *values = g_new (double, 5000);
  g_autofree char *text = NULL;
  GdkRGBA accent;
  graphene_rect_t plot;
  double draw_time;
  guint index;

  for (guint i = 0; i < 5000; i++)
    values[i] = 1 + (i * 7919) % 500;
  cs_bar_chart_set_data (chart, values, NULL, 5000);
  cs_ui_test_wait_for_draw (GTK_WIDGET (chart));
  g_assert_true (cs_chart_get_plot_area (CS_CHART (chart), &plot));

  /* Labels (numbers from 0) every few bars only, so they never overlap. */
  g_assert_cmpuint (cs_bar_chart_get_label_stride (chart), >, 5000 / plot.size.width);

  draw_time = cs_ui_test_time_snapshot (GTK_WIDGET (chart), &node);
  g_test_message ("5000 bars: snapshot %.2f ms", draw_time * 1000);
  g_assert_cmpfloat (draw_time, <, 0.5);

  /* More bars than pixel columns: every column shows a bar. */
  texture = cs_ui_test_render (GTK_WIDGET (chart));
  accent = bar_color (chart);
  g_assert_cmpuint (cs_ui_test_count_color (texture, &plot, &accent), >, plot.size.width * 10);

  g_assert_true (readout_at (chart, 1234, &index, &text));
  g_assert_cmpuint (index, ==, 1234);
  g_assert_cmpstr (text, ==, "1234: 47");
}

static void
test_bar_chart_zero_values (CsUiTestFixture *f,
                            gconstpointer    data)
{
  static const double values[] = { 0, 0, 0 };
  CsBarChart *chart = CS_BAR_CHART (f->widget);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *text = NULL;
  GdkRGBA accent;

  cs_bar_chart_set_data (chart, values, NULL, G_N_ELEMENTS (values));
  texture = cs_ui_test_redraw (GTK_WIDGET (chart));
  accent = bar_color (chart);

  /* Nothing to draw but the axis and the labels; the bars can still be read out. */
  g_assert_cmpuint (cs_ui_test_count_painted (texture, NULL), >, 100);
  g_assert_cmpuint (cs_ui_test_count_color (texture, NULL, &accent), ==, 0);
  g_assert_true (readout_at (chart, 2, NULL, &text));
  g_assert_cmpstr (text, ==, "2: 0");
}

static void
test_bar_chart_readout (CsUiTestFixture *f,
                        gconstpointer    data)
{
  static const double values[] = { 3, 1, 4, 1, 5, 9, 2, 6, NAN, 5 };
  CsBarChart *chart = CS_BAR_CHART (f->widget);
  graphene_rect_t plot;
  double slot, x;
  guint index;

  cs_bar_chart_set_data (chart, values, NULL, G_N_ELEMENTS (values));
  cs_ui_test_wait_for_draw (GTK_WIDGET (chart));
  g_assert_true (cs_chart_get_plot_area (CS_CHART (chart), &plot));
  slot = plot.size.width / G_N_ELEMENTS (values);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *text = NULL;
      g_autofree char *value = isnan (values[i]) ? g_strdup ("—")
                                                 : g_strdup_printf ("%.0f", values[i]);
      g_autofree char *expected = g_strdup_printf ("%u: %s", i, value);

      g_assert_true (readout_at (chart, i, &index, &text));
      g_assert_cmpuint (index, ==, i);
      g_assert_cmpstr (text, ==, expected);
      /* The gap between bars belongs to the bar whose slot it is in. */
      x = cs_bar_chart_bar_center (chart, i) + 0.45 * slot;
      g_assert_true (cs_bar_chart_get_readout (chart, x, &index, NULL));
      g_assert_cmpuint (index, ==, i);
    }
  g_assert_false (cs_bar_chart_get_readout (chart, plot.origin.x - 1, NULL, NULL));
  g_assert_false (cs_bar_chart_get_readout (chart, plot.origin.x + plot.size.width, NULL, NULL));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "10 bars; the highest is 5: 9");
}

static void
test_bar_chart_long_labels (CsUiTestFixture *f,
                            gconstpointer    data)
{
  static const double values[] = { 260, 308, 356, 292, 328, 360, 374, 410 };
  static const char * const labels[] = {
    "highway", "insidecity", "tallbuilding", "street", "forest", "coast", "mountain", "opencountry",
  };
  CsBarChart *chart = CS_BAR_CHART (f->widget);
  CsBarChart *narrow;
  GtkWidget *window;
  g_autofree char *text = NULL;

  /* Wide bars keep a label each, shortened to fit; the read-out has the whole name. */
  cs_bar_chart_set_data (chart, values, labels, G_N_ELEMENTS (values));
  cs_ui_test_wait_for_draw (GTK_WIDGET (chart));
  g_assert_cmpuint (cs_bar_chart_get_label_stride (chart), ==, 1);
  g_assert_true (readout_at (chart, 2, NULL, &text));
  g_assert_cmpstr (text, ==, "tallbuilding: 356");

  /* Narrow ones label every other bar or fewer. */
  narrow = g_object_ref_sink (CS_BAR_CHART (cs_bar_chart_new ()));
  cs_bar_chart_set_data (narrow, values, labels, G_N_ELEMENTS (values));
  window = cs_ui_test_show (GTK_WIDGET (narrow), 240, HEIGHT);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (narrow)), <, 300);
  g_assert_cmpuint (cs_bar_chart_get_label_stride (narrow), >, 1);
  cs_ui_test_finish (window, narrow);
}

static void
test_bar_chart_hover (CsUiTestFixture *f,
                      gconstpointer    data)
{
  static const double values[] = { 10, 20, 30 };
  CsBarChart *chart = CS_BAR_CHART (f->widget);
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) hovered = NULL;
  graphene_rect_t plot;
  guint index;

  cs_bar_chart_set_data (chart, values, NULL, G_N_ELEMENTS (values));
  before = cs_ui_test_redraw (GTK_WIDGET (chart));
  g_assert_true (cs_chart_get_plot_area (CS_CHART (chart), &plot));

  cs_ui_test_motion (GTK_WIDGET (chart), cs_bar_chart_bar_center (chart, 1),
                     plot.origin.y + plot.size.height / 2);
  g_assert_true (cs_chart_get_hover (CS_CHART (chart), &index));
  g_assert_cmpuint (index, ==, 1);
  hovered = cs_ui_test_redraw (GTK_WIDGET (chart));
  g_assert_false (cs_ui_test_same_pixels (before, hovered));

  cs_ui_test_leave (GTK_WIDGET (chart));
  g_assert_false (cs_chart_get_hover (CS_CHART (chart), &index));
}

/* A chart that takes the focus shows the selected bar, marked, with its read-out above it. */
static void
test_bar_chart_selected (CsUiTestFixture *f,
                         gconstpointer    data)
{
  static const char * const labels[] = { "cat", "dog", "bird", "fish" };
  static const double values[] = { 10, 20, 30, 15 };
  CsBarChart *chart = CS_BAR_CHART (f->widget);
  CsChartTheme theme;
  graphene_rect_t column;
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) selected = NULL;

  cs_bar_chart_set_data (chart, values, labels, G_N_ELEMENTS (values));
  gtk_widget_set_focusable (GTK_WIDGET (chart), TRUE);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (chart)));
  before = cs_ui_test_redraw (GTK_WIDGET (chart));
  cs_chart_theme_load (&theme, GTK_WIDGET (chart));

  cs_chart_set_selected (CS_CHART (chart), 1);
  selected = cs_ui_test_redraw (GTK_WIDGET (chart));
  g_assert_cmpuint (cs_chart_get_readout_item (CS_CHART (chart)), ==, 1);
  g_assert_true (cs_chart_get_plot_area (CS_CHART (chart), &column));
  column.origin.x = cs_bar_chart_bar_center (chart, 1) - 2;
  column.size.width = 4;
  g_assert_cmpuint (cs_ui_test_count_color (before, &column, &theme.accent), ==, 0);
  g_assert_cmpuint (cs_ui_test_count_color (selected, &column, &theme.accent), >, 10);
  g_assert_cmpuint (cs_ui_test_count_color (before, NULL, &theme.bubble_bg), ==, 0);
  g_assert_cmpuint (cs_ui_test_count_color (selected, NULL, &theme.bubble_bg), >, 100);
}

int
main (int   argc,
      char *argv[])
{
  if (!cs_ui_test_init (&argc, &argv))
    return 0;

  cs_ui_test_add ("/bar-chart/empty", &chart_window, test_bar_chart_empty);
  cs_ui_test_add ("/bar-chart/one-bar", &chart_window, test_bar_chart_one_bar);
  cs_ui_test_add ("/bar-chart/many-bars", &chart_window, test_bar_chart_many_bars);
  cs_ui_test_add ("/bar-chart/zero-values", &chart_window, test_bar_chart_zero_values);
  cs_ui_test_add ("/bar-chart/readout", &chart_window, test_bar_chart_readout);
  cs_ui_test_add ("/bar-chart/long-labels", &chart_window, test_bar_chart_long_labels);
  cs_ui_test_add ("/bar-chart/hover", &chart_window, test_bar_chart_hover);
  cs_ui_test_add ("/bar-chart/selected", &chart_window, test_bar_chart_selected);
  return g_test_run ();
}
