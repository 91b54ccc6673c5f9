/* test-loss-chart.c
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <math.h>

#include "cs-chart-theme.h"
#include "cs-loss-chart-private.h"
#include "cs-ui-test.h"

#define WIDTH  640
#define HEIGHT 400

static const CsUiTestShow chart_window = { cs_loss_chart_new, WIDTH, HEIGHT };

/* The colour a role is drawn in, as the chart looks it up. */
static GdkRGBA
role_color (CsLossChart *chart,
            CsChartRole  role)
{
  CsChartTheme theme;

  cs_chart_theme_load (&theme, GTK_WIDGET (chart));
  return theme.roles[role];
}

/* The columns of the plot strictly between two epochs, a few pixels in from each. */
static graphene_rect_t
columns_between (CsLossChart *chart,
                 double       from,
                 double       to)
{
  graphene_rect_t plot;
  double left = cs_loss_chart_x_to_widget (chart, from) + 4;
  double right = cs_loss_chart_x_to_widget (chart, to) - 4;

  g_assert_true (cs_chart_get_plot_area (CS_CHART (chart), &plot));
  g_assert_cmpfloat (left, <, right);
  return GRAPHENE_RECT_INIT (left, plot.origin.y, right - left, plot.size.height);
}

/* The read-out for a pointer right over an epoch. */
static gboolean
readout_at (CsLossChart  *chart,
            double        at,
            double       *epoch,
            char        **text)
{
  return cs_loss_chart_get_readout (chart, cs_loss_chart_x_to_widget (chart, at), epoch, text);
}

static void
test_loss_chart_empty (CsUiTestFixture *f,
                       gconstpointer    data)
{
  CsLossChart *chart = CS_LOSS_CHART (f->widget);
  g_autoptr(GdkTexture) texture = cs_ui_test_render (GTK_WIDGET (chart));
  graphene_rect_t plot;
  char *text = (char *) "unset";
  double epoch = -1;

  /* Axes, ticks and the epoch title are drawn even without data. */
  g_assert_cmpuint (cs_ui_test_count_painted (texture, NULL), >, 500);
  g_assert_true (cs_chart_get_plot_area (CS_CHART (chart), &plot));
  g_assert_cmpfloat (plot.size.width, >, WIDTH / 2);
  g_assert_cmpfloat (plot.size.height, >, HEIGHT / 2);
  g_assert_false (cs_loss_chart_get_readout (chart, plot.origin.x + plot.size.width / 2,
                                             &epoch, &text));
  g_assert_null (text);
  g_assert_cmpfloat (epoch, ==, -1);

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_ROLE_IMG);
  cs_ui_test_assert_description (chart, "No data");
}

static void
test_loss_chart_one_point (CsUiTestFixture *f,
                           gconstpointer    data)
{
  CsLossChart *chart = CS_LOSS_CHART (f->widget);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *text = NULL;
  GdkRGBA accent;
  graphene_rect_t plot;
  double epoch = 0;
  guint train;

  cs_chart_set_label (CS_CHART (chart), GTK_ORIENTATION_VERTICAL, "Loss");
  train = cs_loss_chart_add_series (chart, "train", CS_CHART_ROLE_TRAIN, FALSE);
  cs_loss_chart_append (chart, train, 1, 0.5);
  cs_ui_test_wait_for_draw (GTK_WIDGET (chart));

  /* One point has no line: it is drawn as a dot in the train colour, inside the plot. */
  texture = cs_ui_test_render (GTK_WIDGET (chart));
  accent = role_color (chart, CS_CHART_ROLE_TRAIN);
  g_assert_true (cs_chart_get_plot_area (CS_CHART (chart), &plot));
  g_assert_cmpuint (cs_ui_test_count_color (texture, &plot, &accent), >, 3);

  g_assert_true (readout_at (chart, 1, &epoch, &text));
  g_assert_cmpfloat (epoch, ==, 1);
  g_assert_cmpstr (text, ==, "Epoch 1 · train 0.5");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Loss");
  cs_ui_test_assert_description (chart, "Epoch 1 · train 0.5");
}

static void
test_loss_chart_gaps (CsUiTestFixture *f,
                      gconstpointer    data)
{
  CsLossChart *chart = CS_LOSS_CHART (f->widget);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *text = NULL;
  graphene_rect_t gap, line;
  GdkRGBA green;
  guint valid, test;

  cs_loss_chart_set_percent (chart, TRUE);
  cs_loss_chart_set_y_range (chart, 0, 1);
  cs_loss_chart_set_x_max (chart, 12);
  valid = cs_loss_chart_add_series (chart, "valid", CS_CHART_ROLE_VALID, FALSE);
  test = cs_loss_chart_add_series (chart, "test", CS_CHART_ROLE_TEST, FALSE);
  for (int e = 1; e <= 10; e++)
    {
      cs_loss_chart_append (chart, valid, e, e == 4 || e == 5 ? NAN : 0.8);
      cs_loss_chart_append (chart, test, e, 0.2);
    }
  texture = cs_ui_test_redraw (GTK_WIDGET (chart));
  green = role_color (chart, CS_CHART_ROLE_VALID);

  /* The valid curve breaks between epochs 3 and 6 and is drawn elsewhere. */
  gap = columns_between (chart, 3, 6);
  line = columns_between (chart, 7, 9);
  g_assert_cmpuint (cs_ui_test_count_color (texture, &gap, &green), ==, 0);
  g_assert_cmpuint (cs_ui_test_count_color (texture, &line, &green), >, line.size.width);

  /* At a gap the read-out lists only the series with a value. */
  g_assert_true (readout_at (chart, 4, NULL, &text));
  g_assert_cmpstr (text, ==, "Epoch 4 · test 20.0 %");
  g_clear_pointer (&text, g_free);
  g_assert_true (readout_at (chart, 6, NULL, &text));
  g_assert_cmpstr (text, ==, "Epoch 6 · valid 80.0 % · test 20.0 %");
}

static void
test_loss_chart_many_points (CsUiTestFixture *f,
                             gconstpointer    data)
{
  CsLossChart *chart = CS_LOSS_CHART (f->widget);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  static const CsChartRole roles[] = {
    CS_CHART_ROLE_TRAIN, CS_CHART_ROLE_VALID, CS_CHART_ROLE_TEST, CS_CHART_ROLE_LOSS,
  };
  static const char *labels[] = { "train", "valid", "test", "crowd" };
  graphene_rect_t plot;
  GtkAllocation allocation;
  double epoch, per_pixel, layout_time, draw_time, render_time;
  GskRenderer *renderer;
  graphene_rect_t bounds;

  for (guint s = 0; s < G_N_ELEMENTS (roles); s++)
    g_assert_cmpuint (cs_loss_chart_add_series (chart, labels[s], roles[s], FALSE), ==, s);
  for (int e = 1; e <= 5000; e++)
    for (guint s = 0; s < G_N_ELEMENTS (roles); s++)
      cs_loss_chart_append (chart, s, e,
                            1.0 + s + 0.5 * sin (e * 0.37 * (s + 1)) * exp (-e / 2000.0));
  cs_ui_test_wait_for_draw (GTK_WIDGET (chart));

  /* Laying out thins each curve to at most two points per pixel column. */
  g_assert_true (cs_chart_get_plot_area (CS_CHART (chart), &plot));
  for (guint s = 0; s < G_N_ELEMENTS (roles); s++)
    {
      g_assert_cmpuint (cs_loss_chart_get_path_length (chart, s), <=, 2 * (plot.size.width + 2));
      g_assert_cmpuint (cs_loss_chart_get_path_length (chart, s), >=, plot.size.width);
    }

  gtk_widget_get_allocation (GTK_WIDGET (chart), &allocation);
  cs_loss_chart_set_x_max (chart, 4000);
  g_test_timer_start ();
  gtk_widget_size_allocate (GTK_WIDGET (chart), &allocation, -1);
  layout_time = g_test_timer_elapsed ();

  draw_time = cs_ui_test_time_snapshot (GTK_WIDGET (chart), &node);

  /* The cairo node only records the drawing; rasterising it is the renderer's part. */
  renderer = gtk_native_get_renderer (gtk_widget_get_native (GTK_WIDGET (chart)));
  g_test_timer_start ();
  bounds = GRAPHENE_RECT_INIT (0, 0, allocation.width, allocation.height);
  texture = gsk_renderer_render_texture (renderer, node, &bounds);
  render_time = g_test_timer_elapsed ();
  g_clear_object (&texture);

  g_test_message ("5000 epochs × 4 series: layout %.2f ms, snapshot %.2f ms, render %.2f ms",
                  layout_time * 1000, draw_time * 1000, render_time * 1000);
  g_test_minimized_result (draw_time, "snapshot of 5000 epochs × 4 series: %.2f ms",
                           draw_time * 1000);
  /* Generous, for sanitizer builds on a shared machine; a normal build takes a few ms. */
  g_assert_cmpfloat (layout_time, <, 0.5);
  g_assert_cmpfloat (draw_time, <, 0.5);
  g_assert_cmpfloat (render_time, <, 0.5);

  texture = cs_ui_test_redraw (GTK_WIDGET (chart));
  /* Each curve is drawn right across the plot, in its own colour. */
  for (guint s = 0; s < G_N_ELEMENTS (roles); s++)
    {
      GdkRGBA color = role_color (chart, roles[s]);

      g_assert_cmpuint (cs_ui_test_count_color (texture, &plot, &color), >, plot.size.width);
    }

  /* A pointer picks an epoch within a pixel's worth of epochs. */
  per_pixel = 5000 / plot.size.width;
  g_assert_true (readout_at (chart, 2500, &epoch, NULL));
  g_assert_cmpfloat (fabs (epoch - 2500), <=, per_pixel);
}

static void
test_loss_chart_marker (CsUiTestFixture *f,
                        gconstpointer    data)
{
  CsLossChart *chart = CS_LOSS_CHART (f->widget);
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) marked = NULL;
  g_autoptr(GdkTexture) hidden = NULL;
  graphene_rect_t column;
  guint train = cs_loss_chart_add_series (chart, "train", CS_CHART_ROLE_TRAIN, FALSE);

  cs_loss_chart_set_x_max (chart, 40);
  for (int e = 1; e <= 30; e++)
    cs_loss_chart_append (chart, train, e, 2.0 / e);
  before = cs_ui_test_redraw (GTK_WIDGET (chart));

  cs_loss_chart_set_marker (chart, 20, "best valid");
  marked = cs_ui_test_redraw (GTK_WIDGET (chart));
  g_assert_false (cs_ui_test_same_pixels (before, marked));

  /* The dashed line runs down the marker's column, where the curve is only a few pixels. */
  g_assert_true (cs_chart_get_plot_area (CS_CHART (chart), &column));
  column.origin.x = floor (cs_loss_chart_x_to_widget (chart, 20));
  column.size.width = 1;
  g_assert_cmpuint (cs_ui_test_count_painted (marked, &column), >,
                    cs_ui_test_count_painted (before, &column) + column.size.height / 3);

  cs_loss_chart_set_marker (chart, NAN, NULL);
  hidden = cs_ui_test_redraw (GTK_WIDGET (chart));
  g_assert_true (cs_ui_test_same_pixels (before, hidden));
}

static void
test_loss_chart_clear (CsUiTestFixture *f,
                       gconstpointer    data)
{
  CsLossChart *chart = CS_LOSS_CHART (f->widget);
  g_autoptr(GdkTexture) texture = NULL;
  GdkRGBA accent;
  graphene_rect_t plot;
  guint train = cs_loss_chart_add_series (chart, "train", CS_CHART_ROLE_TRAIN, FALSE);

  for (int e = 1; e <= 10; e++)
    cs_loss_chart_append (chart, train, e, 1.0 / e);
  cs_loss_chart_set_marker (chart, 5, "best");
  cs_ui_test_wait_for_draw (GTK_WIDGET (chart));
  g_assert_true (readout_at (chart, 5, NULL, NULL));

  cs_loss_chart_clear (chart);
  texture = cs_ui_test_redraw (GTK_WIDGET (chart));
  accent = role_color (chart, CS_CHART_ROLE_TRAIN);
  g_assert_true (cs_chart_get_plot_area (CS_CHART (chart), &plot));
  g_assert_cmpuint (cs_ui_test_count_color (texture, NULL, &accent), ==, 0);
  g_assert_false (cs_loss_chart_get_readout (chart, plot.origin.x + plot.size.width / 2,
                                             NULL, NULL));
  cs_ui_test_assert_description (chart, "No data");

  /* Series indexes start again from 0 after a clear. */
  g_assert_cmpuint (cs_loss_chart_add_series (chart, "train", CS_CHART_ROLE_TRAIN, FALSE), ==, 0);
}

static void
test_loss_chart_muted (CsUiTestFixture *f,
                       gconstpointer    data)
{
  CsLossChart *chart = CS_LOSS_CHART (f->widget);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *text = NULL;
  graphene_rect_t early, late;
  GdkRGBA green;
  guint earlier, valid;

  cs_loss_chart_set_percent (chart, TRUE);
  cs_loss_chart_set_y_range (chart, 0, 1);
  earlier = cs_loss_chart_add_series (chart, "run 1", CS_CHART_ROLE_VALID, TRUE);
  valid = cs_loss_chart_add_series (chart, "valid", CS_CHART_ROLE_VALID, FALSE);
  for (int e = 1; e <= 50; e++)
    cs_loss_chart_append (chart, earlier, e, 0.5);
  for (int e = 1; e <= 10; e++)
    cs_loss_chart_append (chart, valid, e, 0.9);
  texture = cs_ui_test_redraw (GTK_WIDGET (chart));
  green = role_color (chart, CS_CHART_ROLE_VALID);

  /* The earlier run is drawn, but faint: never in the full colour, unlike the current run. */
  early = columns_between (chart, 20, 45);
  late = columns_between (chart, 2, 9);
  g_assert_cmpuint (cs_ui_test_count_painted (texture, &early), >, early.size.width);
  g_assert_cmpuint (cs_ui_test_count_color (texture, &early, &green), ==, 0);
  g_assert_cmpuint (cs_ui_test_count_color (texture, &late, &green), >, late.size.width);

  /* The read-out leaves it out and ignores its epochs. */
  g_assert_true (readout_at (chart, 3, NULL, &text));
  g_assert_cmpstr (text, ==, "Epoch 3 · valid 90.0 %");
  g_clear_pointer (&text, g_free);
  g_assert_false (readout_at (chart, 40, NULL, &text));
  g_assert_null (text);
  cs_ui_test_assert_description (chart, "Epoch 10 · valid 90.0 %");
}

static void
test_loss_chart_readout (CsUiTestFixture *f,
                         gconstpointer    data)
{
  static const double epochs[] = { 1, 17, 50 };
  CsLossChart *chart = CS_LOSS_CHART (f->widget);
  graphene_rect_t plot;
  double spacing;
  guint train, valid;

  cs_loss_chart_set_x_max (chart, 100);
  train = cs_loss_chart_add_series (chart, "train", CS_CHART_ROLE_TRAIN, FALSE);
  valid = cs_loss_chart_add_series (chart, "valid", CS_CHART_ROLE_VALID, FALSE);
  for (int e = 1; e <= 50; e++)
    {
      cs_loss_chart_append (chart, train, e, 1.0 / e);
      cs_loss_chart_append (chart, valid, e, 2.0 / e);
    }
  cs_ui_test_wait_for_draw (GTK_WIDGET (chart));
  g_assert_true (cs_chart_get_plot_area (CS_CHART (chart), &plot));
  spacing = cs_loss_chart_x_to_widget (chart, 2) - cs_loss_chart_x_to_widget (chart, 1);
  g_assert_cmpfloat (spacing, >, 2);

  for (guint i = 0; i < G_N_ELEMENTS (epochs); i++)
    {
      double x = cs_loss_chart_x_to_widget (chart, epochs[i]), epoch = 0;
      g_autofree char *text = NULL;
      g_autofree char *expected = g_strdup_printf ("Epoch %.0f · train %.4g · valid %.4g",
                                                   epochs[i], 1.0 / epochs[i], 2.0 / epochs[i]);

      g_assert_true (cs_loss_chart_get_readout (chart, x, &epoch, &text));
      g_assert_cmpfloat (epoch, ==, epochs[i]);
      g_assert_cmpstr (text, ==, expected);
      /* Anywhere up to half way to the next epoch picks the same one. */
      g_assert_true (cs_loss_chart_get_readout (chart, x + 0.4 * spacing, &epoch, NULL));
      g_assert_cmpfloat (epoch, ==, epochs[i]);
      g_assert_true (cs_loss_chart_get_readout (chart, x + 0.6 * spacing, &epoch, NULL));
      g_assert_cmpfloat (epoch, ==, MIN (epochs[i] + 1, 50));
    }

  /* Outside the plot, and in the planned epochs not reached yet, nothing is picked. */
  g_assert_false (cs_loss_chart_get_readout (chart, plot.origin.x - 1, NULL, NULL));
  g_assert_false (cs_loss_chart_get_readout (chart, plot.origin.x + plot.size.width + 1,
                                             NULL, NULL));
  g_assert_false (cs_loss_chart_get_readout (chart, 0, NULL, NULL));
  g_assert_false (readout_at (chart, 80, NULL, NULL));
}

static void
test_loss_chart_hover (CsUiTestFixture *f,
                       gconstpointer    data)
{
  CsLossChart *chart = CS_LOSS_CHART (f->widget);
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) hovered = NULL;
  g_autoptr(GdkTexture) left = NULL;
  graphene_rect_t plot;
  double epoch = 0;
  guint valid = cs_loss_chart_add_series (chart, "valid", CS_CHART_ROLE_VALID, FALSE);

  for (int e = 1; e <= 20; e++)
    cs_loss_chart_append (chart, valid, e, 0.5 + 0.02 * e);
  before = cs_ui_test_redraw (GTK_WIDGET (chart));
  g_assert_true (cs_chart_get_plot_area (CS_CHART (chart), &plot));

  cs_ui_test_motion (GTK_WIDGET (chart), cs_loss_chart_x_to_widget (chart, 12),
                     plot.origin.y + plot.size.height / 2);
  g_assert_true (cs_loss_chart_get_hover (chart, &epoch));
  g_assert_cmpfloat (epoch, ==, 12);
  hovered = cs_ui_test_redraw (GTK_WIDGET (chart));
  g_assert_false (cs_ui_test_same_pixels (before, hovered));

  /* Moving off the plot, then leaving the widget, hides the read-out. */
  cs_ui_test_motion (GTK_WIDGET (chart), 1, 1);
  g_assert_false (cs_loss_chart_get_hover (chart, &epoch));
  cs_ui_test_motion (GTK_WIDGET (chart), cs_loss_chart_x_to_widget (chart, 3), plot.origin.y + 10);
  g_assert_true (cs_loss_chart_get_hover (chart, &epoch));
  cs_ui_test_leave (GTK_WIDGET (chart));
  g_assert_false (cs_loss_chart_get_hover (chart, &epoch));
  left = cs_ui_test_redraw (GTK_WIDGET (chart));
  g_assert_true (cs_ui_test_same_pixels (before, left));
}

/* When the axis moves under a still pointer, the read-out is of the epoch now under it. */
static void
test_loss_chart_hover_after_layout (CsUiTestFixture *f,
                                    gconstpointer    data)
{
  CsLossChart *chart = CS_LOSS_CHART (f->widget);
  g_autofree char *text = NULL;
  graphene_rect_t plot;
  double epoch = 0, x;
  guint valid = cs_loss_chart_add_series (chart, "valid", CS_CHART_ROLE_VALID, FALSE);

  for (int e = 1; e <= 20; e++)
    cs_loss_chart_append (chart, valid, e, 0.5);
  cs_ui_test_wait_for_draw (GTK_WIDGET (chart));
  g_assert_true (cs_chart_get_plot_area (CS_CHART (chart), &plot));
  x = cs_loss_chart_x_to_widget (chart, 6);
  cs_ui_test_motion (GTK_WIDGET (chart), x, plot.origin.y + plot.size.height / 2);
  g_assert_true (cs_loss_chart_get_hover (chart, &epoch));
  g_assert_cmpfloat (epoch, ==, 6);

  /* Epochs 1 to 40 across the plot instead of 1 to 20 put epoch 11.26 there. */
  cs_loss_chart_set_x_max (chart, 40);
  cs_ui_test_wait_for_draw (GTK_WIDGET (chart));
  g_assert_true (cs_loss_chart_get_hover (chart, &epoch));
  g_assert_cmpfloat (epoch, ==, 11);
  g_assert_true (cs_loss_chart_get_readout (chart, x, NULL, &text));
  g_assert_cmpstr (text, ==, "Epoch 11 · valid 0.5");
}

static void
test_loss_chart_y_range (CsUiTestFixture *f,
                         gconstpointer    data)
{
  CsLossChart *chart = CS_LOSS_CHART (f->widget);
  graphene_rect_t plot;
  guint train = cs_loss_chart_add_series (chart, "train", CS_CHART_ROLE_TRAIN, FALSE);

  /* An open top is rounded up to a tick above the data: 2.3 ends the axis at 2.5. */
  cs_loss_chart_append (chart, train, 1, 2.3);
  cs_loss_chart_append (chart, train, 2, 0.7);
  cs_ui_test_wait_for_draw (GTK_WIDGET (chart));
  g_assert_true (cs_chart_get_plot_area (CS_CHART (chart), &plot));
  g_assert_cmpfloat_with_epsilon (cs_loss_chart_y_to_widget (chart, 0),
                                  plot.origin.y + plot.size.height, 1e-6);
  g_assert_cmpfloat_with_epsilon (cs_loss_chart_y_to_widget (chart, 2.5), plot.origin.y, 1e-6);

  /* A fixed range stays fixed whatever the data. */
  cs_loss_chart_set_y_range (chart, 0, 1);
  cs_ui_test_wait_for_draw (GTK_WIDGET (chart));
  g_assert_true (cs_chart_get_plot_area (CS_CHART (chart), &plot));
  g_assert_cmpfloat_with_epsilon (cs_loss_chart_y_to_widget (chart, 1), plot.origin.y, 1e-6);

  /* A set minimum gives way to data below it (CoNAL's regularised loss goes negative). */
  cs_loss_chart_set_y_range (chart, 0, NAN);
  cs_loss_chart_append (chart, train, 3, -0.4);
  cs_ui_test_wait_for_draw (GTK_WIDGET (chart));
  g_assert_true (cs_chart_get_plot_area (CS_CHART (chart), &plot));
  g_assert_cmpfloat (cs_loss_chart_y_to_widget (chart, -0.4), <=, plot.origin.y + plot.size.height + 1e-6);
  g_assert_cmpfloat (cs_loss_chart_y_to_widget (chart, 0), <, plot.origin.y + plot.size.height);

  /* The planned epochs set the axis before the run reaches them. */
  cs_loss_chart_set_x_max (chart, 60);
  cs_ui_test_wait_for_draw (GTK_WIDGET (chart));
  g_assert_true (cs_chart_get_plot_area (CS_CHART (chart), &plot));
  g_assert_cmpfloat_with_epsilon (cs_loss_chart_x_to_widget (chart, 1), plot.origin.x, 1e-6);
  g_assert_cmpfloat_with_epsilon (cs_loss_chart_x_to_widget (chart, 60),
                                  plot.origin.x + plot.size.width, 1e-6);
}

static void
test_loss_chart_dark (CsUiTestFixture *f,
                      gconstpointer    data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  CsLossChart *chart = CS_LOSS_CHART (f->widget);
  g_autoptr(GdkTexture) light = NULL;
  g_autoptr(GdkTexture) dark = NULL;
  CsChartTheme theme;
  GdkRGBA green3;
  guint valid = cs_loss_chart_add_series (chart, "valid", CS_CHART_ROLE_VALID, FALSE);

  for (int e = 1; e <= 10; e++)
    cs_loss_chart_append (chart, valid, e, 0.1 * e);
  light = cs_ui_test_redraw (GTK_WIDGET (chart));
  cs_chart_theme_load (&theme, GTK_WIDGET (chart));
  g_assert_false (theme.dark);

  /* The dark style lightens the text and picks the palette's lighter shades. */
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  cs_ui_test_wait_for_draw (GTK_WIDGET (chart));
  cs_chart_theme_load (&theme, GTK_WIDGET (chart));
  g_assert_true (theme.dark);
  g_assert_true (gdk_rgba_parse (&green3, "#33d17a"));
  g_assert_true (gdk_rgba_equal (&theme.roles[CS_CHART_ROLE_VALID], &green3));
  dark = cs_ui_test_render (GTK_WIDGET (chart));
  g_assert_false (cs_ui_test_same_pixels (light, dark));
  g_assert_cmpuint (cs_ui_test_count_color (dark, NULL, &green3), >, 0);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

/* The colour of a group of a category, as the chart looks it up. */
static GdkRGBA
category_color (CsLossChart *chart,
                guint        category)
{
  CsChartTheme theme;

  cs_chart_theme_load (&theme, GTK_WIDGET (chart));
  return theme.categories[category];
}

/* The current run's validation curve, and two earlier runs as groups in their colours. */
static void
add_two_groups (CsLossChart *chart)
{
  guint valid, first, second;

  cs_loss_chart_set_percent (chart, TRUE);
  cs_loss_chart_set_y_range (chart, 0, 1);
  valid = cs_loss_chart_add_series (chart, "valid", CS_CHART_ROLE_VALID, FALSE);
  first = cs_loss_chart_add_group_series (chart,
                                          cs_loss_chart_add_group (chart, "CoNAL, seed 1 · 81.2 %", 3),
                                          "CoNAL, seed 1");
  second = cs_loss_chart_add_group_series (chart,
                                           cs_loss_chart_add_group (chart,
                                                                    "Crowd Layer, seed 2 · 79.4 %", 5),
                                           "Crowd Layer, seed 2");
  for (int e = 1; e <= 10; e++)
    {
      cs_loss_chart_append (chart, valid, e, 0.9);
      cs_loss_chart_append (chart, first, e, 0.5);
      cs_loss_chart_append (chart, second, e, 0.3);
    }
}

static void
test_loss_chart_groups (CsUiTestFixture *f,
                        gconstpointer    data)
{
  CsLossChart *chart = CS_LOSS_CHART (f->widget);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) hidden = NULL;
  g_autofree char *text = NULL;
  const char *first_label;
  graphene_rect_t plot;
  GdkRGBA first;

  add_two_groups (chart);
  texture = cs_ui_test_redraw (GTK_WIDGET (chart));
  first = category_color (chart, 3);
  first_label = "CoNAL, seed 1 · 81.2 %";
  g_assert_true (cs_chart_get_plot_area (CS_CHART (chart), &plot));

  /* Each group is drawn in its category's colour and named in the legend and the read-out,
   * after the current run. */
  g_assert_cmpuint (cs_loss_chart_get_n_groups (chart), ==, 2);
  g_assert_cmpuint (cs_ui_test_count_color (texture, &plot, &first), >, plot.size.width / 2);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (cs_loss_chart_get_group_toggle (chart, 0)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, first_label);
  g_assert_true (readout_at (chart, 3, NULL, &text));
  g_assert_cmpstr (text, ==,
                   "Epoch 3 · valid 90.0 % · CoNAL, seed 1 50.0 % · Crowd Layer, seed 2 30.0 %");
  g_clear_pointer (&text, g_free);

  /* A hidden group is neither drawn nor read out; its legend button says so. */
  cs_loss_chart_set_group_visible (chart, 0, FALSE);
  hidden = cs_ui_test_redraw (GTK_WIDGET (chart));
  g_assert_false (cs_loss_chart_get_group_visible (chart, 0));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (cs_loss_chart_get_group_toggle (chart, 0))));
  g_assert_cmpuint (cs_ui_test_count_color (hidden, &plot, &first), ==, 0);
  g_assert_true (readout_at (chart, 3, NULL, &text));
  g_assert_cmpstr (text, ==, "Epoch 3 · valid 90.0 % · Crowd Layer, seed 2 30.0 %");
  g_clear_pointer (&text, g_free);

  /* It stays hidden when the chart is built again with the same groups. */
  cs_loss_chart_clear (chart);
  add_two_groups (chart);
  g_assert_false (cs_loss_chart_get_group_visible (chart, 0));
  g_assert_true (cs_loss_chart_get_group_visible (chart, 1));
}

/* Activates a button as Space or Enter does, and waits for its click, which comes once the
 * press has shown. */
static void
activate_and_wait (GtkWidget *button)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  gboolean active = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button));

  g_assert_true (gtk_widget_activate (button));
  while (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)) == active &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_loss_chart_group_keyboard (CsUiTestFixture *f,
                                gconstpointer    data)
{
  CsLossChart *chart = CS_LOSS_CHART (f->widget);
  GtkWidget *toggle;
  g_autofree char *text = NULL;

  add_two_groups (chart);
  cs_ui_test_wait_for_draw (GTK_WIDGET (chart));
  toggle = cs_loss_chart_get_group_toggle (chart, 1);

  /* Tab goes to the chart itself (its arrow keys move the read-out), then to the legend
   * entries, in order; each is a toggle button over its entry. */
  gtk_window_set_focus (GTK_WINDOW (f->window), NULL);
  g_assert_true (gtk_widget_child_focus (f->window, GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (chart)));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (chart), GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_has_focus (cs_loss_chart_get_group_toggle (chart, 0)));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (chart), GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_has_focus (toggle));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_ROLE_BUTTON);
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_STATE_PRESSED, TRUE);
  g_assert_cmpint (gtk_widget_get_width (toggle), >, 40);

  /* Space or Enter activates it: the group goes, and comes back. */
  activate_and_wait (toggle);
  g_assert_false (cs_loss_chart_get_group_visible (chart, 1));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_STATE_PRESSED, FALSE);
  g_assert_true (readout_at (chart, 3, NULL, &text));
  g_assert_cmpstr (text, ==, "Epoch 3 · valid 90.0 % · CoNAL, seed 1 50.0 %");
  activate_and_wait (toggle);
  g_assert_true (cs_loss_chart_get_group_visible (chart, 1));
}

static void
test_loss_chart_band (CsUiTestFixture *f,
                      gconstpointer    data)
{
  double mean[] = { 0.5, 0.6, NAN, 0.7 }, std[] = { 0.1, 0.05, NAN, 0.2 };
  int n_runs[] = { 3, 3, 0, 2 };
  CsCurveBand band = { 4, mean, std, n_runs };
  CsLossChart *chart = CS_LOSS_CHART (f->widget);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *text = NULL;
  graphene_rect_t plot;
  GdkRGBA color;
  guint group, run;

  cs_loss_chart_set_percent (chart, TRUE);
  cs_loss_chart_set_y_range (chart, NAN, NAN);
  group = cs_loss_chart_add_group (chart, "CoNAL", 0);
  run = cs_loss_chart_add_group_series (chart, group, "CoNAL, seed 1");
  for (int e = 1; e <= 4; e++)
    cs_loss_chart_append (chart, run, e, 0.55);
  cs_loss_chart_add_band (chart, group, "CoNAL mean", &band);
  texture = cs_ui_test_redraw (GTK_WIDGET (chart));
  g_assert_true (cs_chart_get_plot_area (CS_CHART (chart), &plot));

  /* The band's ± std is inside the value range, and its mean line is in the group's colour. */
  g_assert_cmpfloat (cs_loss_chart_y_to_widget (chart, 0.9), >=, plot.origin.y);
  g_assert_cmpfloat (cs_loss_chart_y_to_widget (chart, 0.4), <=,
                     plot.origin.y + plot.size.height);
  color = category_color (chart, 0);
  g_assert_cmpuint (cs_ui_test_count_color (texture, &plot, &color), >, 10);

  /* The read-out gives the mean ± std, not the runs behind it; an epoch no run has is out. */
  g_assert_true (readout_at (chart, 2, NULL, &text));
  g_assert_cmpstr (text, ==, "Epoch 2 · CoNAL mean 60.0 ± 5.0 %");
  g_clear_pointer (&text, g_free);
  g_assert_true (readout_at (chart, 3, NULL, &text));
  g_assert_cmpstr (text, ==, "Epoch 3");
}

static void
test_loss_chart_reference (CsUiTestFixture *f,
                           gconstpointer    data)
{
  CsLossChart *chart = CS_LOSS_CHART (f->widget);
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) after = NULL;
  graphene_rect_t plot;
  guint test;

  cs_loss_chart_set_percent (chart, TRUE);
  cs_loss_chart_set_y_range (chart, 0, NAN);
  test = cs_loss_chart_add_series (chart, "test", CS_CHART_ROLE_TEST, FALSE);
  for (int e = 1; e <= 5; e++)
    cs_loss_chart_append (chart, test, e, 0.1 * e);
  before = cs_ui_test_redraw (GTK_WIDGET (chart));

  /* The reference and its ± std stretch the value range, and are drawn and described. */
  cs_loss_chart_set_reference (chart, 0.8712, 0.0055, "CoNAL (Chu et al., 2021): 87.12 ± 0.55 %");
  after = cs_ui_test_redraw (GTK_WIDGET (chart));
  g_assert_true (cs_chart_get_plot_area (CS_CHART (chart), &plot));
  g_assert_cmpfloat (cs_loss_chart_y_to_widget (chart, 0.8767), >=, plot.origin.y);
  g_assert_false (cs_ui_test_same_pixels (before, after));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  cs_ui_test_assert_description (chart, "Epoch 5 · test 50.0 % · "
                                        "CoNAL (Chu et al., 2021): 87.12 ± 0.55 %");

  cs_loss_chart_set_reference (chart, NAN, 0, NULL);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  cs_ui_test_assert_description (chart, "Epoch 5 · test 50.0 %");
}

/* The plot's top and bottom edges, as values. */
static void
value_range (CsLossChart *chart,
             double      *lo,
             double      *hi)
{
  graphene_rect_t plot;
  double y0 = cs_loss_chart_y_to_widget (chart, 0), y1 = cs_loss_chart_y_to_widget (chart, 1);

  g_assert_true (cs_chart_get_plot_area (CS_CHART (chart), &plot));
  *hi = (plot.origin.y - y0) / (y1 - y0);
  *lo = (plot.origin.y + plot.size.height - y0) / (y1 - y0);
}

/* A fitted value axis spans the data with a margin, on ticks, and never beyond its limits. */
static void
test_loss_chart_fit (CsUiTestFixture *f,
                     gconstpointer    data)
{
  CsLossChart *chart = CS_LOSS_CHART (f->widget);
  double lo, hi;
  guint test;

  cs_loss_chart_set_percent (chart, TRUE);
  cs_loss_chart_fit_y_range (chart, 0, 1);
  g_object_unref (cs_ui_test_redraw (f->widget));
  value_range (chart, &lo, &hi);
  g_assert_cmpfloat_with_epsilon (lo, 0, 1e-6);
  g_assert_cmpfloat_with_epsilon (hi, 1, 1e-6);

  /* Accuracies between 60 and 80 %: the axis starts above 0 and ends below 100 %. */
  test = cs_loss_chart_add_series (chart, "test", CS_CHART_ROLE_TEST, FALSE);
  for (int e = 1; e <= 10; e++)
    cs_loss_chart_append (chart, test, e, 0.6 + 0.02 * (e - 1) + (e == 10 ? 0.02 : 0));
  g_object_unref (cs_ui_test_redraw (f->widget));
  value_range (chart, &lo, &hi);
  g_test_message ("fitted %.3f – %.3f", lo, hi);
  g_assert_cmpfloat (lo, >, 0.4);
  g_assert_cmpfloat (lo, <, 0.6);
  g_assert_cmpfloat (hi, >, 0.8);
  g_assert_cmpfloat (hi, <, 0.95);

  /* Near 100 %, the margin stops at the limit. */
  cs_loss_chart_append (chart, test, 11, 0.995);
  g_object_unref (cs_ui_test_redraw (f->widget));
  value_range (chart, &lo, &hi);
  g_assert_cmpfloat_with_epsilon (hi, 1, 1e-6);

  /* A set range ends the fitting. */
  cs_loss_chart_set_y_range (chart, 0, 1);
  g_object_unref (cs_ui_test_redraw (f->widget));
  value_range (chart, &lo, &hi);
  g_assert_cmpfloat_with_epsilon (lo, 0, 1e-6);
}

/* Two charts over one epoch axis start their plots at the same x once aligned, whatever their
 * value labels' widths. */
static void
test_loss_chart_align (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  CsLossChart *loss = CS_LOSS_CHART (cs_loss_chart_new ());
  CsLossChart *accuracy = CS_LOSS_CHART (cs_loss_chart_new ());
  GtkWidget *window;
  graphene_rect_t a, b;
  guint s, t;

  g_object_ref_sink (loss);
  g_object_ref_sink (accuracy);
  gtk_widget_set_vexpand (GTK_WIDGET (loss), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (accuracy), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (loss));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (accuracy));
  cs_loss_chart_set_percent (accuracy, TRUE);
  s = cs_loss_chart_add_series (loss, "train loss", CS_CHART_ROLE_TRAIN, FALSE);
  t = cs_loss_chart_add_series (accuracy, "test", CS_CHART_ROLE_TEST, FALSE);
  for (int e = 1; e <= 5; e++)
    {
      cs_loss_chart_append (loss, s, e, 0.5 / e);
      cs_loss_chart_append (accuracy, t, e, 0.5 + 0.1 * e);
    }
  window = cs_ui_test_show (box, WIDTH, 2 * HEIGHT);
  g_object_unref (cs_ui_test_redraw (GTK_WIDGET (loss)));
  g_assert_true (cs_chart_get_plot_area (CS_CHART (loss), &a));
  g_assert_true (cs_chart_get_plot_area (CS_CHART (accuracy), &b));
  /* “0.5” is narrower than “100 %”: apart, the plots start at different x. */
  g_assert_cmpfloat (a.origin.x, <, b.origin.x);

  cs_loss_chart_align_with (loss, accuracy);
  g_object_unref (cs_ui_test_redraw (GTK_WIDGET (loss)));
  g_object_unref (cs_ui_test_redraw (GTK_WIDGET (accuracy)));
  g_assert_true (cs_chart_get_plot_area (CS_CHART (loss), &a));
  g_assert_true (cs_chart_get_plot_area (CS_CHART (accuracy), &b));
  g_assert_cmpfloat (a.origin.x, ==, b.origin.x);
  g_assert_cmpfloat (a.size.width, ==, b.size.width);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (loss);
  g_assert_finalize_object (accuracy);
}

/* The chart takes the focus; Right, Left, Home and End move the read-out along the epochs, as
 * the pointer does; the focus ring shows. */
static void
test_loss_chart_keyboard (CsUiTestFixture *f,
                          gconstpointer    data)
{
  CsLossChart *chart = CS_LOSS_CHART (f->widget);
  g_autoptr(GdkTexture) unfocused = NULL;
  g_autoptr(GdkTexture) focused = NULL;
  g_autoptr(GdkTexture) ringed = NULL;
  double epoch;
  guint s = cs_loss_chart_add_series (chart, "train loss", CS_CHART_ROLE_TRAIN, FALSE);

  for (int e = 1; e <= 6; e++)
    cs_loss_chart_append (chart, s, e, 1.0 / e);
  unfocused = cs_ui_test_redraw (f->widget);
  g_assert_true (gtk_widget_get_focusable (f->widget));
  g_assert_true (gtk_widget_grab_focus (f->widget));
  g_assert_false (cs_loss_chart_get_readout_epoch (chart, &epoch));
  /* Focused from the keyboard, with no epoch selected yet, only the focus ring differs. */
  gtk_window_set_focus_visible (GTK_WINDOW (f->window), TRUE);
  ringed = cs_ui_test_redraw (f->widget);
  g_assert_false (cs_ui_test_same_pixels (unfocused, ringed));

  g_assert_true (cs_ui_test_press_key (f->widget, GDK_KEY_Right));
  g_assert_true (cs_loss_chart_get_readout_epoch (chart, &epoch));
  g_assert_cmpfloat (epoch, ==, 1);
  g_assert_true (cs_ui_test_press_key (f->widget, GDK_KEY_Right));
  g_assert_true (cs_ui_test_press_key (f->widget, GDK_KEY_Right));
  g_assert_true (cs_loss_chart_get_readout_epoch (chart, &epoch));
  g_assert_cmpfloat (epoch, ==, 3);
  g_assert_true (cs_ui_test_press_key (f->widget, GDK_KEY_Left));
  g_assert_true (cs_loss_chart_get_readout_epoch (chart, &epoch));
  g_assert_cmpfloat (epoch, ==, 2);
  g_assert_true (cs_ui_test_press_key (f->widget, GDK_KEY_End));
  g_assert_true (cs_loss_chart_get_readout_epoch (chart, &epoch));
  g_assert_cmpfloat (epoch, ==, 6);
  g_assert_true (cs_ui_test_press_key (f->widget, GDK_KEY_Home));
  g_assert_true (cs_loss_chart_get_readout_epoch (chart, &epoch));
  g_assert_cmpfloat (epoch, ==, 1);
  focused = cs_ui_test_redraw (f->widget);
  g_assert_false (cs_ui_test_same_pixels (unfocused, focused));

  /* Without the focus the read-out goes. */
  gtk_widget_set_focusable (f->widget, FALSE);
  gtk_window_set_focus (GTK_WINDOW (f->window), NULL);
  g_assert_false (cs_loss_chart_get_readout_epoch (chart, &epoch));
}

/* A read-out series adds its values to the read-out, with no curve, legend entry or room in
 * the value range. */
static void
test_loss_chart_readout_series (CsUiTestFixture *f,
                                gconstpointer    data)
{
  CsLossChart *chart = CS_LOSS_CHART (f->widget);
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) after = NULL;
  g_autofree char *text = NULL;
  double lo, hi;
  guint loss, regulariser;

  cs_loss_chart_fit_y_range (chart, 0, NAN);
  loss = cs_loss_chart_add_series (chart, "train loss", CS_CHART_ROLE_TRAIN, FALSE);
  for (int e = 1; e <= 4; e++)
    cs_loss_chart_append (chart, loss, e, 1.0 + 0.1 * e);
  before = cs_ui_test_redraw (f->widget);
  regulariser = cs_loss_chart_add_readout_series (chart, "regulariser");
  for (int e = 1; e <= 4; e++)
    cs_loss_chart_append (chart, regulariser, e, -0.25);
  after = cs_ui_test_redraw (f->widget);
  g_assert_true (cs_ui_test_same_pixels (before, after));
  value_range (chart, &lo, &hi);
  g_assert_cmpfloat (lo, >=, 0);
  g_assert_true (readout_at (chart, 2, NULL, &text));
  g_assert_cmpstr (text, ==, "Epoch 2 · train loss 1.2 · regulariser -0.25");
}

int
main (int   argc,
      char *argv[])
{
  if (!cs_ui_test_init (&argc, &argv))
    return 0;
  cs_ui_test_load_style ();

  cs_ui_test_add ("/loss-chart/empty", &chart_window, test_loss_chart_empty);
  cs_ui_test_add ("/loss-chart/one-point", &chart_window, test_loss_chart_one_point);
  cs_ui_test_add ("/loss-chart/gaps", &chart_window, test_loss_chart_gaps);
  cs_ui_test_add ("/loss-chart/many-points", &chart_window, test_loss_chart_many_points);
  cs_ui_test_add ("/loss-chart/marker", &chart_window, test_loss_chart_marker);
  cs_ui_test_add ("/loss-chart/clear", &chart_window, test_loss_chart_clear);
  cs_ui_test_add ("/loss-chart/muted", &chart_window, test_loss_chart_muted);
  cs_ui_test_add ("/loss-chart/readout", &chart_window, test_loss_chart_readout);
  cs_ui_test_add ("/loss-chart/hover", &chart_window, test_loss_chart_hover);
  cs_ui_test_add ("/loss-chart/hover-after-layout", &chart_window,
                  test_loss_chart_hover_after_layout);
  cs_ui_test_add ("/loss-chart/y-range", &chart_window, test_loss_chart_y_range);
  cs_ui_test_add ("/loss-chart/dark", &chart_window, test_loss_chart_dark);
  cs_ui_test_add ("/loss-chart/groups", &chart_window, test_loss_chart_groups);
  cs_ui_test_add ("/loss-chart/group-keyboard", &chart_window, test_loss_chart_group_keyboard);
  cs_ui_test_add ("/loss-chart/band", &chart_window, test_loss_chart_band);
  cs_ui_test_add ("/loss-chart/reference", &chart_window, test_loss_chart_reference);
  cs_ui_test_add ("/loss-chart/fit", &chart_window, test_loss_chart_fit);
  g_test_add_func ("/loss-chart/align", test_loss_chart_align);
  cs_ui_test_add ("/loss-chart/keyboard", &chart_window, test_loss_chart_keyboard);
  cs_ui_test_add ("/loss-chart/readout-series", &chart_window, test_loss_chart_readout_series);
  return g_test_run ();
}
