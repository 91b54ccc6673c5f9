/* cs-chart-legend.c — a loss chart's legend: a line swatch and a name for each curve
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-chart-legend.h"

#define SWATCH_WIDTH 16    /* the line before a label */
#define SWATCH_GAP   6     /* between the line and its label */
#define LEGEND_GAP   14    /* between two entries */
#define DIMMED_ALPHA 0.35f

GArray *
cs_chart_legend_new (void)
{
  G_STATIC_ASSERT (G_STRUCT_OFFSET (CsChartLegendEntry, layout) == 0);

  return cs_chart_layout_array_new (sizeof (CsChartLegendEntry));
}

void
cs_chart_legend_add (GArray        *legend,
                     GtkWidget     *widget,
                     const char    *label,
                     const GdkRGBA *color,
                     double         line_width)
{
  CsChartLegendEntry entry = {
    gtk_widget_create_pango_layout (widget, label), *color, line_width, FALSE, FALSE, FALSE, 0, 0
  };

  g_array_append_val (legend, entry);
}

static double
entry_width (const CsChartLegendEntry *entry)
{
  return SWATCH_WIDTH + SWATCH_GAP + cs_chart_layout_width (entry->layout);
}

static void
place_row (GArray *legend,
           guint   first,
           guint   end,
           double  x,
           double  y)
{
  for (guint i = first; i < end; i++)
    {
      CsChartLegendEntry *entry = &g_array_index (legend, CsChartLegendEntry, i);

      entry->x = x;
      entry->y = y;
      x += entry_width (entry) + LEGEND_GAP;
    }
}

/* Where an entry is, once placed: its swatch and its name. */
void
cs_chart_legend_get_bounds (GArray          *legend,
                            guint            i,
                            graphene_rect_t *bounds)
{
  const CsChartLegendEntry *entry = &g_array_index (legend, CsChartLegendEntry, i);

  g_return_if_fail (i < legend->len);

  *bounds = GRAPHENE_RECT_INIT (entry->x, entry->y, entry_width (entry),
                                cs_chart_layout_height (entry->layout));
}

/* Places the entries in right-aligned rows at the top of a widget width wide, the first row
 * sharing its line with the value axis' title (NULL if none); returns the height the rows take.
 * Keeping the legend out of the plot means it can never hide a curve. */
double
cs_chart_legend_place (GArray      *legend,
                       PangoLayout *title,
                       int          width)
{
  double row_left = CS_CHART_PAD, row_width = 0, row_y = CS_CHART_PAD, line_height = 0;
  guint row_start = 0;

  if (legend->len == 0)
    return 0;
  if (title != NULL)
    row_left += cs_chart_layout_width (title) + LEGEND_GAP;
  for (guint i = 0; i < legend->len; i++)
    {
      CsChartLegendEntry *entry = &g_array_index (legend, CsChartLegendEntry, i);
      double width_i = entry_width (entry);

      line_height = MAX (line_height, cs_chart_layout_height (entry->layout));
      /* A row that does not fit goes below; so does the first, when beside the title it
       * would run over the edge. */
      if ((i > row_start || row_left > CS_CHART_PAD) &&
          row_left + row_width + (i > row_start ? LEGEND_GAP : 0) + width_i > width - CS_CHART_PAD)
        {
          place_row (legend, row_start, i, width - CS_CHART_PAD - row_width, row_y);
          row_start = i;
          row_width = 0;
          row_y += line_height + 2;
          row_left = CS_CHART_PAD;
        }
      row_width += (i > row_start ? LEGEND_GAP : 0) + width_i;
    }
  place_row (legend, row_start, legend->len, width - CS_CHART_PAD - row_width, row_y);
  return row_y + line_height - CS_CHART_PAD;
}

/* Draws each entry's swatch, a short line in its curve's colour and width. */
void
cs_chart_legend_draw_swatches (GArray  *legend,
                               cairo_t *cr)
{
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint i = 0; i < legend->len; i++)
    {
      CsChartLegendEntry *entry = &g_array_index (legend, CsChartLegendEntry, i);
      double y = entry->y + cs_chart_layout_height (entry->layout) / 2.0;
      GdkRGBA color = cs_chart_fade (&entry->color, entry->dimmed ? DIMMED_ALPHA : 1);

      if (entry->band)
        {
          GdkRGBA area = cs_chart_fade (&color, 0.25f);

          gdk_cairo_set_source_rgba (cr, &area);
          cairo_rectangle (cr, entry->x, y - 5, SWATCH_WIDTH, 10);
          cairo_fill (cr);
        }
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_set_line_width (cr, entry->line_width + 1);
      cairo_set_dash (cr, CS_CHART_DASHES, entry->dashed ? G_N_ELEMENTS (CS_CHART_DASHES) : 0, 0);
      cairo_move_to (cr, entry->x + 1, y);
      cairo_line_to (cr, entry->x + SWATCH_WIDTH - 1, y);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

void
cs_chart_legend_snapshot_labels (GArray        *legend,
                                 GtkSnapshot   *snapshot,
                                 const GdkRGBA *color)
{
  for (guint i = 0; i < legend->len; i++)
    {
      CsChartLegendEntry *entry = &g_array_index (legend, CsChartLegendEntry, i);
      GdkRGBA faded = cs_chart_fade (color, entry->dimmed ? DIMMED_ALPHA + 0.15f : 1);

      cs_chart_snapshot_text (snapshot, entry->layout, entry->x + SWATCH_WIDTH + SWATCH_GAP,
                              entry->y, &faded);
    }
}
