/* cs-chart-scale.c — a heatmap's legend: the colour map as a bar, its values, and no data
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <math.h>

#include "cs-chart-scale.h"

#define BAR_WIDTH    12   /* the colour bar, and the no-data swatch's side */
#define TICK_MARK    3    /* the marks right of the bar that its labels stand beside */
#define SWATCH_GAP   8    /* between the bar and the no-data swatch */

/* The lowest and the highest value a map shows. */
static double
map_low (CsColormap colormap)
{
  return colormap == CS_COLORMAP_DIVERGING ? -1 : 0;
}

GdkRGBA
cs_chart_scale_color (CsColormap colormap,
                      CsPalette  palette,
                      gboolean   dark,
                      double     value)
{
  CsRgb rgb = cs_colormap_lookup_in (colormap, palette, dark, value);

  return (GdkRGBA) { rgb.r, rgb.g, rgb.b, 1 };
}

/* A value as a cell shows it: two decimals, differences signed (with a real minus sign) unless
 * they round to nothing, and the exact ends of a rate, which an annotator's counts often give,
 * as “0” and “1”. */
char *
cs_chart_scale_format (CsColormap colormap,
                       double     value)
{
  if (isnan (value))
    return g_strdup ("—");
  if (value == 0)
    return g_strdup ("0");
  if (colormap == CS_COLORMAP_SEQUENTIAL)
    return value == 1 ? g_strdup ("1") : g_strdup_printf ("%.2f", value);
  if (fabs (value) < 0.005)
    return g_strdup ("0.00");
  return g_strdup_printf ("%s%.2f", value < 0 ? "−" : "+", fabs (value));
}

/* The labels along the bar: its ends and its middle, without trailing zeros. */
static char *
format_tick (CsColormap colormap,
             double     value)
{
  const char *sign = value < 0 ? "−" : colormap == CS_COLORMAP_DIVERGING && value > 0 ? "+" : "";

  return g_strdup_printf ("%s%g", sign, fabs (value));
}

void
cs_chart_scale_init (CsChartScale *scale)
{
  *scale = (CsChartScale) { .ticks = cs_chart_tick_array_new () };
}

void
cs_chart_scale_clear (CsChartScale *scale)
{
  g_clear_pointer (&scale->ticks, g_array_unref);
  g_clear_object (&scale->no_data_label);
}

/* Samples the map for the bar and lays out its labels, and a no-data key if some cell has no
 * data; returns the width the legend takes. */
int
cs_chart_scale_prepare (CsChartScale *scale,
                        GtkWidget    *widget,
                        CsColormap    colormap,
                        CsPalette     palette,
                        gboolean      dark,
                        gboolean      no_data)
{
  double low = map_low (colormap);
  int widest;

  scale->colormap = colormap;
  for (guint i = 0; i < CS_CHART_SCALE_STOPS; i++)
    {
      double offset = i / (double) (CS_CHART_SCALE_STOPS - 1);

      scale->stops[i].offset = offset;
      scale->stops[i].color = cs_chart_scale_color (colormap, palette, dark, 1 - offset * (1 - low));
    }

  g_array_set_size (scale->ticks, 0);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = format_tick (colormap, 1 - i * (1 - low) / 2);
      CsChartTick tick = { gtk_widget_create_pango_layout (widget, text), 0 };

      g_array_append_val (scale->ticks, tick);
    }
  widest = cs_chart_ticks_widest (scale->ticks);

  g_clear_object (&scale->no_data_label);
  scale->no_data = cs_chart_scale_color (colormap, palette, dark, NAN);
  if (no_data)
    {
      scale->no_data_label = gtk_widget_create_pango_layout (widget, _("no data"));
      widest = MAX (widest, cs_chart_layout_width (scale->no_data_label));
    }
  return BAR_WIDTH + TICK_MARK + CS_CHART_TICK_GAP + widest;
}

/* Puts the legend's left edge at x, spanning height down from top; the bar gives up room at its
 * foot for the no-data key. */
void
cs_chart_scale_place (CsChartScale *scale,
                      double        x,
                      double        top,
                      double        height)
{
  double bar_height = height - (scale->no_data_label ? BAR_WIDTH + SWATCH_GAP : 0);

  scale->bar = GRAPHENE_RECT_INIT (x, top, BAR_WIDTH, MAX (1, bar_height));
  scale->swatch = GRAPHENE_RECT_INIT (x, top + bar_height + SWATCH_GAP, BAR_WIDTH, BAR_WIDTH);
  for (guint i = 0; i < scale->ticks->len; i++)
    g_array_index (scale->ticks, CsChartTick, i).pos =
      round (top + scale->bar.size.height * i / (scale->ticks->len - 1.0));
}

/* The no-data stripes' colour: the text's, faint, so that they read on either style's grey. */
GdkRGBA
cs_chart_scale_stripe (const CsChartTheme *theme)
{
  return cs_chart_fade (&theme->fg, 0.3f);
}

/* Stripes over a no-data cell, so that it reads as empty rather than as a low value even in
 * grey scale or to an eye that cannot tell the no-data grey from the map's light end. The
 * heatmap paints its cells' stripes itself (cs-heatmap-cells.c), the same way. */
static void
snapshot_hatch (GtkSnapshot           *snapshot,
                const graphene_rect_t *rect,
                const CsChartTheme    *theme)
{
  GdkRGBA clear = cs_chart_fade (&theme->fg, 0);
  GdkRGBA stripe = cs_chart_scale_stripe (theme);
  GskColorStop stops[4] = { { 0, clear }, { 0.5, clear }, { 0.5, stripe }, { 1, stripe } };
  graphene_point_t start = rect->origin;
  graphene_point_t end = GRAPHENE_POINT_INIT (start.x + CS_CHART_HATCH_PERIOD,
                                              start.y + CS_CHART_HATCH_PERIOD);

  gtk_snapshot_append_repeating_linear_gradient (snapshot, rect, &start, &end, stops, 4);
}

static void
snapshot_label (GtkSnapshot   *snapshot,
                PangoLayout   *layout,
                double         x,
                double         center_y,
                const GdkRGBA *color)
{
  cs_chart_snapshot_text (snapshot, layout, x, center_y - cs_chart_layout_height (layout) / 2.0,
                          color);
}

void
cs_chart_scale_snapshot (const CsChartScale *scale,
                         GtkSnapshot        *snapshot,
                         const CsChartTheme *theme)
{
  const graphene_rect_t *bar = &scale->bar;
  GdkRGBA dim = cs_chart_fade (&theme->fg, 0.7f);
  GdkRGBA edge = cs_chart_fade (&theme->fg, 0.25f);
  double right = bar->origin.x + bar->size.width;
  double label_x = right + TICK_MARK + CS_CHART_TICK_GAP;

  gtk_snapshot_append_linear_gradient (snapshot, bar,
                                       &GRAPHENE_POINT_INIT (bar->origin.x, bar->origin.y),
                                       &GRAPHENE_POINT_INIT (bar->origin.x,
                                                             bar->origin.y + bar->size.height),
                                       scale->stops, CS_CHART_SCALE_STOPS);
  /* A faint edge keeps the map's light end apart from a light background, and the dark one's
   * from a dark background. */
  cs_chart_snapshot_outline (snapshot, bar, 1, &edge);
  for (guint i = 0; i < scale->ticks->len; i++)
    {
      CsChartTick *tick = &g_array_index (scale->ticks, CsChartTick, i);
      double y = MIN (tick->pos, bar->origin.y + bar->size.height - 1);

      gtk_snapshot_append_color (snapshot, &dim, &GRAPHENE_RECT_INIT (right, y, TICK_MARK, 1));
      snapshot_label (snapshot, tick->layout, label_x, y + 0.5, &dim);
    }
  if (scale->no_data_label == NULL)
    return;
  gtk_snapshot_append_color (snapshot, &scale->no_data, &scale->swatch);
  snapshot_hatch (snapshot, &scale->swatch, theme);
  cs_chart_snapshot_outline (snapshot, &scale->swatch, 1, &edge);
  snapshot_label (snapshot, scale->no_data_label, label_x,
                  scale->swatch.origin.y + scale->swatch.size.height / 2, &dim);
}
