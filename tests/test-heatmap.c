/* test-heatmap.c
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <math.h>

#include "cs-chart-scale.h"
#include "cs-heatmap-private.h"
#include "cs-ui-test.h"

#define WIDTH  640
#define HEIGHT 480
#define K      8

static const CsUiTestShow heatmap_window = { cs_heatmap_new, WIDTH, HEIGHT };

static const char * const labelme[K] = {
  "highway", "insidecity", "tallbuilding", "street", "forest", "coast", "mountain", "opencountry",
};

/* A LabelMe annotator's labels per true class, 100 a row: streets are mostly taken for
 * highways, and coasts for open country more than anything else is for anything else. */
static const int labelme_counts[K * K] = {
  80,  0,  0, 15,  0,  0,  0,  5,
   0, 75, 15, 10,  0,  0,  0,  0,
   0, 20, 70, 10,  0,  0,  0,  0,
  30, 15, 10, 45,  0,  0,  0,  0,
   0,  0,  0,  0, 95,  0,  5,  0,
   0,  0,  0,  0,  0, 59,  0, 41,
   0,  0,  0,  0, 10,  0, 85,  5,
   0,  0,  0,  0,  0, 20,  0, 80,
};

/* ---- Helpers ------------------------------------------------------------------------------ */

static void
set_labelme (CsHeatmap *heatmap,
             gboolean   with_counts)
{
  float values[K * K];

  for (guint i = 0; i < K * K; i++)
    values[i] = labelme_counts[i] / 100.0f;
  cs_heatmap_set_matrix (heatmap, values, with_counts ? labelme_counts : NULL, K, labelme);
}

/* k classes named c0, c1, …: each right 70 % of the time, the rest spread over the others. */
static void
set_uniform (CsHeatmap *heatmap,
             guint      k)
{
  g_autofree float *values = g_new (float, k * k);
  g_auto(GStrv) names = g_new0 (char *, k + 1);

  for (guint i = 0; i < k; i++)
    {
      names[i] = g_strdup_printf ("c%u", i);
      for (guint j = 0; j < k; j++)
        values[i * k + j] = i == j ? 0.7f : 0.3f / (k - 1);
    }
  cs_heatmap_set_matrix (heatmap, values, NULL, k, (const char * const *) names);
}

static graphene_rect_t
cell_area (CsHeatmap *heatmap,
           guint      row,
           guint      column)
{
  graphene_rect_t area;

  g_assert_true (cs_heatmap_get_cell_area (heatmap, row, column, &area));
  return area;
}

static graphene_point_t
cell_center (CsHeatmap *heatmap,
             guint      row,
             guint      column)
{
  graphene_rect_t area = cell_area (heatmap, row, column);
  graphene_point_t center;

  graphene_rect_get_center (&area, &center);
  return center;
}

/* The share of a cell's pixels painted in a colour. */
static double
share_of (GdkTexture      *texture,
          graphene_rect_t  area,
          const GdkRGBA   *color)
{
  return cs_ui_test_count_color (texture, &area, color) / (area.size.width * area.size.height);
}

static void
activated_cb (CsHeatmap *heatmap,
              guint      cell,
              GArray    *cells)
{
  g_array_append_val (cells, cell);
}

/* ---- Tests -------------------------------------------------------------------------------- */

static void
test_heatmap_empty (CsUiTestFixture *f,
                    gconstpointer    data)
{
  CsHeatmap *heatmap = CS_HEATMAP (f->widget);
  g_autoptr(GdkTexture) texture = cs_ui_test_render (f->widget);
  guint item;

  g_assert_cmpuint (cs_heatmap_get_n_classes (heatmap), ==, 0);
  g_assert_false (cs_chart_get_readout (CS_CHART (heatmap), WIDTH / 2, HEIGHT / 2, &item, NULL));
  g_assert_false (cs_ui_test_press_key (f->widget, GDK_KEY_Right));
  /* The axes' titles, and nothing else. */
  g_assert_cmpuint (cs_ui_test_count_painted (texture, NULL), >, 50);
  g_assert_cmpuint (cs_ui_test_count_painted (texture, NULL), <, 2000);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (heatmap), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (heatmap), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Confusion matrix");
  cs_ui_test_assert_description (heatmap, "No data");

  cs_heatmap_set_matrix (heatmap, NULL, NULL, 0, NULL);
  cs_ui_test_wait_for_draw (f->widget);
  cs_ui_test_assert_description (heatmap, "No data");
}

/* From 2 to 20 classes the cells are square, inside the widget, in order, picked back where
 * they are drawn, and coloured by their values. */
static void
test_heatmap_sizes (CsUiTestFixture *f,
                    gconstpointer    data)
{
  CsHeatmap *heatmap = CS_HEATMAP (f->widget);
  GdkRGBA high = cs_chart_scale_color (CS_COLORMAP_SEQUENTIAL, CS_PALETTE_BLUES, FALSE, 0.7);

  for (guint k = 2; k <= 20; k++)
    {
      g_autoptr(GdkTexture) texture = NULL;
      g_autofree char *expected = NULL;
      graphene_rect_t first, last, diagonal;
      guint item;

      set_uniform (heatmap, k);
      texture = cs_ui_test_redraw (f->widget);
      first = cell_area (heatmap, 0, 0);
      last = cell_area (heatmap, k - 1, k - 1);
      g_assert_cmpfloat (first.size.width, ==, first.size.height);
      g_assert_cmpfloat (first.size.width, >=, 8);
      g_assert_cmpfloat (first.origin.x, >, 0);
      g_assert_cmpfloat (last.origin.x + last.size.width, <, WIDTH);
      g_assert_cmpfloat (last.origin.y + last.size.height, <, HEIGHT);
      g_assert_cmpfloat (last.origin.x, >, first.origin.x);

      for (guint cell = 0; cell < k * k; cell += k + 1)
        {
          graphene_point_t center = cell_center (heatmap, cell / k, cell % k);

          g_assert_true (cs_chart_get_readout (CS_CHART (heatmap), center.x, center.y, &item,
                                               NULL));
          g_assert_cmpuint (item, ==, cell);
        }
      diagonal = cell_area (heatmap, 1, 1);
      g_assert_cmpfloat (share_of (texture, diagonal, &high), >, 0.5);
      g_assert_cmpfloat (share_of (texture, cell_area (heatmap, 1, 0), &high), ==, 0);
      g_assert_nonnull (cs_heatmap_get_class_label (heatmap, GTK_ORIENTATION_VERTICAL, 0));
      g_assert_nonnull (cs_heatmap_get_class_label (heatmap, GTK_ORIENTATION_HORIZONTAL, 0));

      expected = g_strdup_printf ("%u × %u confusion matrix; diagonal mean 0.70, lowest c0 0.70; "
                                  "largest off-diagonal: c0 → c1 %.2f", k, k,
                                  (double) (0.3f / (k - 1)));
      cs_ui_test_assert_description (heatmap, expected);
    }
}

/* Cells with no value, and classes with none at all, are the no-data colour under stripes, and
 * say so in the read-out, the legend and the description. */
static void
test_heatmap_missing (CsUiTestFixture *f,
                      gconstpointer    data)
{
  CsHeatmap *heatmap = CS_HEATMAP (f->widget);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *text = NULL;
  int counts[K * K];
  float values[K * K];
  graphene_point_t at;
  graphene_rect_t bar;
  GdkRGBA no_data = cs_chart_scale_color (CS_COLORMAP_SEQUENTIAL, CS_PALETTE_BLUES, FALSE, NAN);
  double striped;

  /* forest has no values; coast's counts add up to nothing; one cell of highway is NaN. */
  for (guint i = 0; i < K * K; i++)
    {
      values[i] = labelme_counts[i] / 100.0f;
      counts[i] = i / K == 5 ? 0 : labelme_counts[i];
    }
  for (guint j = 0; j < K; j++)
    values[4 * K + j] = NAN;
  values[0 * K + 2] = NAN;
  cs_heatmap_set_matrix (heatmap, values, counts, K, labelme);
  texture = cs_ui_test_redraw (f->widget);

  /* No data and stripes over it: neither all of the cell nor none of it. */
  striped = share_of (texture, cell_area (heatmap, 0, 2), &no_data);
  g_assert_cmpfloat (striped, >, 0.2);
  g_assert_cmpfloat (striped, <, 0.9);
  for (guint j = 0; j < K; j++)
    {
      g_assert_cmpfloat (share_of (texture, cell_area (heatmap, 4, j), &no_data), >, 0.2);
      g_assert_cmpfloat (share_of (texture, cell_area (heatmap, 5, j), &no_data), >, 0.2);
    }
  g_assert_cmpfloat (share_of (texture, cell_area (heatmap, 0, 0), &no_data), ==, 0);

  at = cell_center (heatmap, 0, 2);
  g_assert_true (cs_chart_get_readout (CS_CHART (heatmap), at.x, at.y, NULL, &text));
  g_assert_cmpstr (text, ==, "highway → tallbuilding: no data");
  g_clear_pointer (&text, g_free);
  at = cell_center (heatmap, 4, 4);
  g_assert_true (cs_chart_get_readout (CS_CHART (heatmap), at.x, at.y, NULL, &text));
  g_assert_cmpstr (text, ==, "forest → forest: no data: no labels for this class");
  g_clear_pointer (&text, g_free);
  at = cell_center (heatmap, 5, 7);
  g_assert_true (cs_chart_get_readout (CS_CHART (heatmap), at.x, at.y, NULL, &text));
  g_assert_cmpstr (text, ==, "coast → opencountry: no data: no labels for this class");

  /* The legend keys the no-data colour under its bar. */
  g_assert_true (cs_heatmap_get_legend_area (heatmap, &bar));
  bar.origin.y += bar.size.height;
  bar.size.height = 30;
  g_assert_cmpuint (cs_ui_test_count_color (texture, &bar, &no_data), >, 10);

  cs_ui_test_assert_description (heatmap, "8 × 8 confusion matrix; diagonal mean 0.73, "
                                          "lowest street 0.45; largest off-diagonal: "
                                          "street → highway 0.30; no data for forest, coast");

  /* A matrix with no data at all is still drawn, and described. */
  for (guint i = 0; i < K * K; i++)
    values[i] = NAN;
  cs_heatmap_set_matrix (heatmap, values, NULL, K, labelme);
  cs_ui_test_wait_for_draw (f->widget);
  cs_ui_test_assert_description (heatmap, "8 × 8 confusion matrix; no data for highway, "
                                          "insidecity, tallbuilding, street, forest, coast, "
                                          "mountain, opencountry");
}

/* Long names are shortened where they are drawn, never in the read-out, the tooltip or the
 * description. */
static void
test_heatmap_long_names (CsUiTestFixture *f,
                         gconstpointer    data)
{
  static const char * const names[] = {
    "a residential street at night", "an industrial estate by the river", "open farmland",
    "a mountain pass in winter",
  };
  CsHeatmap *heatmap = CS_HEATMAP (f->widget);
  CsHeatmap *narrow;
  GtkWidget *window;
  float values[4 * 4];
  g_autofree char *text = NULL;
  g_autofree char *tip = NULL;
  graphene_rect_t plot;
  graphene_point_t at;
  PangoLayout *label;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    values[i] = i % 5 == 0 ? 0.9f : 0.1f / 3;

  /* With room, the names are whole and the tooltip has nothing to add. */
  cs_heatmap_set_matrix (heatmap, values, NULL, 4, (const char * const[]) { "a", "b", "c", "d" });
  cs_ui_test_wait_for_draw (f->widget);
  label = cs_heatmap_get_class_label (heatmap, GTK_ORIENTATION_VERTICAL, 1);
  g_assert_false (pango_layout_is_ellipsized (label));
  g_assert_true (cs_chart_get_plot_area (CS_CHART (heatmap), &plot));
  g_assert_null (cs_heatmap_get_label_at (heatmap, plot.origin.x - 10, plot.origin.y + 5));

  narrow = g_object_ref_sink (CS_HEATMAP (cs_heatmap_new ()));
  cs_heatmap_set_matrix (narrow, values, NULL, 4, names);
  window = cs_ui_test_show (GTK_WIDGET (narrow), 300, 260);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (narrow)), <, 340);
  for (guint i = 0; i < 4; i++)
    {
      label = cs_heatmap_get_class_label (narrow, GTK_ORIENTATION_VERTICAL, i);
      g_assert_nonnull (label);
      g_assert_true (pango_layout_is_ellipsized (label));
      g_assert_cmpint (cs_chart_layout_width (label), <=, 300 * 0.3 + 1);
    }
  label = cs_heatmap_get_class_label (narrow, GTK_ORIENTATION_HORIZONTAL, 0);
  g_assert_nonnull (label);
  g_assert_true (pango_layout_is_ellipsized (label));

  at = cell_center (narrow, 1, 3);
  g_assert_true (cs_chart_get_readout (CS_CHART (narrow), at.x, at.y, NULL, &text));
  g_assert_cmpstr (text, ==,
                   "an industrial estate by the river → a mountain pass in winter: 0.03");
  g_assert_true (cs_chart_get_plot_area (CS_CHART (narrow), &plot));
  tip = cs_heatmap_get_label_at (narrow, plot.origin.x - 10, at.y);
  g_assert_cmpstr (tip, ==, names[1]);
  g_clear_pointer (&tip, g_free);
  tip = cs_heatmap_get_label_at (narrow, at.x, plot.origin.y + plot.size.height + 10);
  g_assert_cmpstr (tip, ==, names[3]);
  cs_ui_test_finish (window, narrow);
}

/* A cell of 0 and a cell of 1 take the two ends of the map, in either style. */
static void
check_ends (CsHeatmap  *heatmap,
            CsColormap  colormap,
            gboolean    dark)
{
  g_autoptr(GdkTexture) texture = cs_ui_test_redraw (GTK_WIDGET (heatmap));
  GdkRGBA zero = cs_chart_scale_color (colormap, CS_PALETTE_BLUES, dark, 0);
  GdkRGBA one = cs_chart_scale_color (colormap, CS_PALETTE_BLUES, dark, 1);

  g_assert_false (gdk_rgba_equal (&zero, &one));
  g_assert_cmpfloat (share_of (texture, cell_area (heatmap, 0, 0), &one), >, 0.6);
  g_assert_cmpfloat (share_of (texture, cell_area (heatmap, 0, 1), &zero), >, 0.6);
  /* Only the value written in the cell may come near the other end's colour. */
  g_assert_cmpfloat (share_of (texture, cell_area (heatmap, 0, 0), &zero), <, 0.05);
  g_assert_cmpfloat (share_of (texture, cell_area (heatmap, 0, 1), &one), <, 0.05);
}

static void
test_heatmap_colormaps (CsUiTestFixture *f,
                        gconstpointer    data)
{
  static const float values[] = { 1, 0, 0.5f, 0.5f };
  AdwStyleManager *manager = adw_style_manager_get_default ();
  CsHeatmap *heatmap = CS_HEATMAP (f->widget);
  guint notified = 0;
  CsColormap colormap;

  cs_heatmap_set_matrix (heatmap, values, NULL, 2, NULL);
  g_assert_cmpint (cs_heatmap_get_colormap (heatmap), ==, CS_COLORMAP_SEQUENTIAL);
  check_ends (heatmap, CS_COLORMAP_SEQUENTIAL, FALSE);

  g_signal_connect (heatmap, "notify::colormap", G_CALLBACK (cs_ui_test_count_notify), &notified);
  g_object_set (heatmap, "colormap", CS_COLORMAP_DIVERGING, NULL);
  cs_heatmap_set_colormap (heatmap, CS_COLORMAP_DIVERGING);
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (heatmap, "colormap", &colormap, NULL);
  g_assert_cmpint (colormap, ==, CS_COLORMAP_DIVERGING);
  check_ends (heatmap, CS_COLORMAP_DIVERGING, FALSE);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  check_ends (heatmap, CS_COLORMAP_DIVERGING, TRUE);
  cs_heatmap_set_colormap (heatmap, CS_COLORMAP_SEQUENTIAL);
  check_ends (heatmap, CS_COLORMAP_SEQUENTIAL, TRUE);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

/* Values are written in the cells when they fit, in the text colour that reads on each. */
static void
test_heatmap_values (CsUiTestFixture *f,
                     gconstpointer    data)
{
  CsHeatmap *heatmap = CS_HEATMAP (f->widget);
  g_autoptr(GdkTexture) texture = NULL;
  GdkRGBA fill = cs_chart_scale_color (CS_COLORMAP_SEQUENTIAL, CS_PALETTE_BLUES, FALSE, 0.95);
  CsRgb text = cs_colormap_text_color (cs_colormap_lookup (CS_COLORMAP_SEQUENTIAL, FALSE, 0.95));
  GdkRGBA ink = { text.r, text.g, text.b, 1 };
  graphene_rect_t forest;

  set_labelme (heatmap, TRUE);
  texture = cs_ui_test_redraw (f->widget);
  g_assert_true (cs_heatmap_get_values_shown (heatmap));
  /* White on forest's dark diagonal cell. */
  forest = cell_area (heatmap, 4, 4);
  g_assert_true (gdk_rgba_equal (&ink, &(GdkRGBA) { 1, 1, 1, 1 }));
  g_assert_cmpfloat (share_of (texture, forest, &ink), >, 0.01);
  g_assert_cmpfloat (share_of (texture, forest, &fill), >, 0.5);

  /* Twenty classes leave no room for them. */
  set_uniform (heatmap, 20);
  cs_ui_test_wait_for_draw (f->widget);
  g_assert_false (cs_heatmap_get_values_shown (heatmap));
}

static void
test_heatmap_readout (CsUiTestFixture *f,
                      gconstpointer    data)
{
  CsHeatmap *heatmap = CS_HEATMAP (f->widget);
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) hovered = NULL;
  g_autofree char *text = NULL;
  graphene_point_t at;
  guint item;

  set_labelme (heatmap, TRUE);
  before = cs_ui_test_redraw (f->widget);
  at = cell_center (heatmap, 5, 7);
  g_assert_true (cs_chart_get_readout (CS_CHART (heatmap), at.x, at.y, &item, &text));
  g_assert_cmpuint (item, ==, 5 * K + 7);
  g_assert_cmpstr (text, ==, "coast → opencountry: 0.41 (41 of 100 labels)");
  g_clear_pointer (&text, g_free);

  /* The pointer over the cell: it is ringed, and the read-out box shows. */
  cs_ui_test_motion (f->widget, at.x, at.y);
  g_assert_true (cs_chart_get_hover (CS_CHART (heatmap), &item));
  g_assert_cmpuint (item, ==, 5 * K + 7);
  hovered = cs_ui_test_redraw (f->widget);
  g_assert_false (cs_ui_test_same_pixels (before, hovered));
  cs_ui_test_leave (f->widget);

  /* Without counts, the value alone; with a diverging map, signed. */
  set_labelme (heatmap, FALSE);
  g_assert_true (cs_chart_get_readout (CS_CHART (heatmap), at.x, at.y, NULL, &text));
  g_assert_cmpstr (text, ==, "coast → opencountry: 0.41");
  g_clear_pointer (&text, g_free);
  cs_heatmap_set_colormap (heatmap, CS_COLORMAP_DIVERGING);
  g_assert_true (cs_chart_get_readout (CS_CHART (heatmap), at.x, at.y, NULL, &text));
  g_assert_cmpstr (text, ==, "coast → opencountry: +0.41");
  g_clear_pointer (&text, g_free);

  /* Beside the cells there is nothing to read out. */
  g_assert_false (cs_chart_get_readout (CS_CHART (heatmap), 1, 1, NULL, &text));
  g_assert_null (text);
}

/* Arrows move the selected cell along the row, up and down along the column; the focus shows
 * as the accent's ring. */
static void
test_heatmap_keyboard (CsUiTestFixture *f,
                       gconstpointer    data)
{
  CsChart *chart = CS_CHART (f->widget);
  g_autoptr(GdkTexture) unfocused = NULL;
  g_autoptr(GdkTexture) focused = NULL;
  const CsChartTheme *theme;
  graphene_rect_t around;

  set_labelme (CS_HEATMAP (chart), TRUE);
  cs_ui_test_wait_for_draw (f->widget);
  g_assert_true (gtk_widget_get_focusable (f->widget));

  g_assert_true (cs_ui_test_press_key (f->widget, GDK_KEY_Right));
  g_assert_cmpuint (cs_chart_get_selected (chart), ==, 0);
  g_assert_true (cs_ui_test_press_key (f->widget, GDK_KEY_Down));
  g_assert_true (cs_ui_test_press_key (f->widget, GDK_KEY_Down));
  g_assert_cmpuint (cs_chart_get_selected (chart), ==, 2 * K);
  g_assert_true (cs_ui_test_press_key (f->widget, GDK_KEY_Right));
  g_assert_cmpuint (cs_chart_get_selected (chart), ==, 2 * K + 1);
  g_assert_true (cs_ui_test_press_key (f->widget, GDK_KEY_Up));
  g_assert_cmpuint (cs_chart_get_selected (chart), ==, K + 1);
  g_assert_true (cs_ui_test_press_key (f->widget, GDK_KEY_End));
  g_assert_cmpuint (cs_chart_get_selected (chart), ==, K * K - 1);
  /* At the edge, the keys go on to move the focus. */
  g_assert_false (cs_ui_test_press_key (f->widget, GDK_KEY_Down));
  g_assert_false (cs_ui_test_press_key (f->widget, GDK_KEY_Right));
  g_assert_true (cs_ui_test_press_key (f->widget, GDK_KEY_Home));
  g_assert_false (cs_ui_test_press_key (f->widget, GDK_KEY_Up));
  g_assert_cmpuint (cs_chart_get_selected (chart), ==, 0);

  cs_chart_set_selected (chart, 3 * K + 4);
  unfocused = cs_ui_test_redraw (f->widget);
  gtk_window_set_focus_visible (GTK_WINDOW (f->window), TRUE);
  g_assert_true (gtk_widget_grab_focus (f->widget));
  focused = cs_ui_test_redraw (f->widget);
  theme = cs_chart_get_theme (chart);
  around = cell_area (CS_HEATMAP (chart), 3, 4);
  graphene_rect_inset (&around, -3, -3);
  g_assert_cmpuint (cs_ui_test_count_color (unfocused, &around, &theme->accent), ==, 0);
  g_assert_cmpuint (cs_ui_test_count_color (focused, &around, &theme->accent), >, 40);
  g_assert_cmpuint (cs_chart_get_readout_item (chart), ==, 3 * K + 4);
}

/* Only cells and a caption, small, with nothing to point at or focus. */
static void
test_heatmap_compact (CsUiTestFixture *f,
                      gconstpointer    data)
{
  CsHeatmap *heatmap = CS_HEATMAP (f->widget);
  CsHeatmap *tile;
  GtkWidget *window;
  g_autoptr(GdkTexture) texture = NULL;
  graphene_rect_t last, below, bar;
  graphene_point_t at;
  int minimum, natural;
  guint notified = 0;
  gboolean compact;

  g_signal_connect (heatmap, "notify::compact", G_CALLBACK (cs_ui_test_count_notify), &notified);
  set_labelme (heatmap, TRUE);
  cs_heatmap_set_compact (heatmap, TRUE);
  g_object_set (heatmap, "compact", TRUE, "title", "a17", NULL);
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (heatmap, "compact", &compact, NULL);
  g_assert_true (compact);
  cs_ui_test_wait_for_draw (f->widget);
  g_assert_false (gtk_widget_get_focusable (f->widget));
  g_assert_false (cs_heatmap_get_values_shown (heatmap));
  g_assert_false (cs_heatmap_get_legend_area (heatmap, &bar));
  g_assert_null (cs_heatmap_get_class_label (heatmap, GTK_ORIENTATION_VERTICAL, 0));
  at = cell_center (heatmap, 2, 2);
  g_assert_false (cs_chart_get_readout (CS_CHART (heatmap), at.x, at.y, NULL, NULL));
  g_assert_false (cs_ui_test_press_key (f->widget, GDK_KEY_Right));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (heatmap), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "a17");
  cs_ui_test_assert_description (heatmap, "8 × 8 confusion matrix; diagonal mean 0.74, "
                                          "lowest street 0.45; largest off-diagonal: "
                                          "coast → opencountry 0.41");

  gtk_widget_measure (f->widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, <, 100);
  g_assert_cmpint (natural, <=, 160);

  /* At a grid's size: the cells fill the tile, the caption is under them. */
  tile = g_object_ref_sink (CS_HEATMAP (cs_heatmap_new ()));
  set_labelme (tile, TRUE);
  cs_heatmap_set_compact (tile, TRUE);
  cs_heatmap_set_title (tile, "annotator a17");
  window = cs_ui_test_show (GTK_WIDGET (tile), 120, 140);
  texture = cs_ui_test_render (GTK_WIDGET (tile));
  last = cell_area (tile, K - 1, K - 1);
  g_assert_cmpfloat (last.origin.x + last.size.width, >, 100);
  g_assert_cmpfloat (last.origin.x + last.size.width, <=, gtk_widget_get_width (GTK_WIDGET (tile)));
  below = GRAPHENE_RECT_INIT (0, last.origin.y + last.size.height + 1,
                              gtk_widget_get_width (GTK_WIDGET (tile)), 40);
  g_assert_cmpuint (cs_ui_test_count_painted (texture, &below), >, 30);
  cs_ui_test_finish (window, tile);
}

/* A compact heatmap opens on a click; a large one on a cell's double click, or Enter on the
 * selected cell. */
static void
test_heatmap_activation (CsUiTestFixture *f,
                         gconstpointer    data)
{
  CsHeatmap *heatmap = CS_HEATMAP (f->widget);
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (guint));
  graphene_point_t at;

  g_signal_connect (heatmap, "activated", G_CALLBACK (activated_cb), cells);
  set_labelme (heatmap, TRUE);
  cs_ui_test_wait_for_draw (f->widget);
  at = cell_center (heatmap, 5, 7);

  cs_ui_test_click (f->widget, at.x, at.y, 1);
  g_assert_cmpuint (cells->len, ==, 0);
  g_assert_cmpuint (cs_chart_get_selected (CS_CHART (heatmap)), ==, 5 * K + 7);
  cs_ui_test_click (f->widget, at.x, at.y, 2);
  g_assert_cmpuint (cells->len, ==, 1);
  g_assert_cmpuint (g_array_index (cells, guint, 0), ==, 5 * K + 7);

  cs_chart_set_selected (CS_CHART (heatmap), 3);
  g_assert_true (cs_ui_test_press_key (f->widget, GDK_KEY_Return));
  g_assert_cmpuint (cells->len, ==, 2);
  g_assert_cmpuint (g_array_index (cells, guint, 1), ==, 3);
  cs_chart_set_selected (CS_CHART (heatmap), CS_CHART_NO_ITEM);
  g_assert_false (cs_ui_test_press_key (f->widget, GDK_KEY_Return));
  g_assert_false (cs_ui_test_press_key (f->widget, GDK_KEY_a));

  cs_heatmap_set_compact (heatmap, TRUE);
  cs_ui_test_wait_for_draw (f->widget);
  at = cell_center (heatmap, 0, 0);
  cs_ui_test_click (f->widget, at.x, at.y, 1);
  g_assert_cmpuint (cells->len, ==, 3);
  g_assert_cmpuint (g_array_index (cells, guint, 2), ==, CS_CHART_NO_ITEM);
  g_assert_true (cs_ui_test_press_key (f->widget, GDK_KEY_KP_Enter));
  g_assert_cmpuint (cells->len, ==, 4);
}

/* The description sums up the matrix from its values; the title names it. */
static void
test_heatmap_description (CsUiTestFixture *f,
                          gconstpointer    data)
{
  CsHeatmap *heatmap = CS_HEATMAP (f->widget);
  float differences[K * K] = { 0 };
  g_autofree char *title = NULL;
  guint notified = 0;

  set_labelme (heatmap, TRUE);
  cs_ui_test_wait_for_draw (f->widget);
  cs_ui_test_assert_description (heatmap, "8 × 8 confusion matrix; diagonal mean 0.74, "
                                          "lowest street 0.45; largest off-diagonal: "
                                          "coast → opencountry 0.41");

  g_signal_connect (heatmap, "notify::title", G_CALLBACK (cs_ui_test_count_notify), &notified);
  cs_heatmap_set_title (heatmap, "Annotator a03");
  cs_heatmap_set_title (heatmap, "Annotator a03");
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (heatmap, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "Annotator a03");
  cs_ui_test_wait_for_draw (f->widget);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (heatmap), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Annotator a03");

  differences[5 * K + 7] = 0.3f;
  differences[3 * K + 3] = -0.25f;
  cs_heatmap_set_matrix (heatmap, differences, NULL, K, labelme);
  cs_heatmap_set_colormap (heatmap, CS_COLORMAP_DIVERGING);
  cs_heatmap_set_title (heatmap, NULL);
  cs_ui_test_wait_for_draw (f->widget);
  cs_ui_test_assert_description (heatmap, "8 × 8 difference matrix; largest increase: "
                                          "coast → opencountry +0.30; largest decrease: "
                                          "street → street −0.25");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (heatmap), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Difference matrix");
  g_assert_cmpfloat (cs_heatmap_get_value (heatmap, 3, 3), ==, -0.25f);
}

int
main (int   argc,
      char *argv[])
{
  if (!cs_ui_test_init (&argc, &argv))
    return 0;

  cs_ui_test_add ("/heatmap/empty", &heatmap_window, test_heatmap_empty);
  cs_ui_test_add ("/heatmap/sizes", &heatmap_window, test_heatmap_sizes);
  cs_ui_test_add ("/heatmap/missing", &heatmap_window, test_heatmap_missing);
  cs_ui_test_add ("/heatmap/long-names", &heatmap_window, test_heatmap_long_names);
  cs_ui_test_add ("/heatmap/colormaps", &heatmap_window, test_heatmap_colormaps);
  cs_ui_test_add ("/heatmap/values", &heatmap_window, test_heatmap_values);
  cs_ui_test_add ("/heatmap/readout", &heatmap_window, test_heatmap_readout);
  cs_ui_test_add ("/heatmap/keyboard", &heatmap_window, test_heatmap_keyboard);
  cs_ui_test_add ("/heatmap/compact", &heatmap_window, test_heatmap_compact);
  cs_ui_test_add ("/heatmap/activation", &heatmap_window, test_heatmap_activation);
  cs_ui_test_add ("/heatmap/description", &heatmap_window, test_heatmap_description);
  return g_test_run ();
}
