/* cs-chart-frame.c — the plot area the charts map their data into, and the labels around it
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-chart-frame.h"

double
cs_chart_frame_x_to_widget (const CsChartFrame *frame,
                            double              x)
{
  const graphene_rect_t *plot = &frame->plot;

  return plot->origin.x + (x - frame->x_lo) / (frame->x_hi - frame->x_lo) * plot->size.width;
}

double
cs_chart_frame_y_to_widget (const CsChartFrame *frame,
                            double              y)
{
  const graphene_rect_t *plot = &frame->plot;

  return plot->origin.y + plot->size.height -
         (y - frame->y_lo) / (frame->y_hi - frame->y_lo) * plot->size.height;
}

/* As many value ticks as fit the plot's height with room between their labels, and at least
 * three, so a short chart still shows a scale. */
guint
cs_chart_frame_max_y_ticks (const CsChartFrame *frame)
{
  return MAX (3, 1 + frame->plot.size.height / CS_CHART_Y_TICK_SPACING);
}

/* Replaces ticks with spec's, labelled and placed on the horizontal or the vertical axis. */
void
cs_chart_frame_fill_ticks (const CsChartFrame *frame,
                           GtkWidget          *widget,
                           GArray             *ticks,
                           const CsChartTicks *spec,
                           GtkOrientation      orientation)
{
  g_array_set_size (ticks, 0);
  for (guint i = 0; i < spec->n; i++)
    {
      double value = cs_chart_ticks_value (spec, i);
      g_autofree char *text = cs_chart_ticks_format (spec, value);
      CsChartTick tick = { gtk_widget_create_pango_layout (widget, text), 0 };

      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        tick.pos = cs_chart_frame_x_to_widget (frame, value);
      else
        tick.pos = cs_chart_frame_y_to_widget (frame, value);
      g_array_append_val (ticks, tick);
    }
}

/* Draws the value ticks' labels right-aligned left of the plot, each centred on its tick. */
void
cs_chart_frame_snapshot_value_labels (const CsChartFrame *frame,
                                      GtkSnapshot        *snapshot,
                                      GArray             *ticks,
                                      const GdkRGBA      *color)
{
  for (guint i = 0; i < ticks->len; i++)
    {
      CsChartTick *tick = &g_array_index (ticks, CsChartTick, i);

      cs_chart_snapshot_text (snapshot, tick->layout,
                              frame->plot.origin.x - CS_CHART_TICK_GAP -
                              cs_chart_layout_width (tick->layout),
                              tick->pos - cs_chart_layout_height (tick->layout) / 2.0, color);
    }
}

/* Draws the axis titles, either of which may be NULL: the horizontal one dimmed and centred
 * under the plot at the widget's bottom, the vertical one in the top left corner. */
void
cs_chart_frame_snapshot_titles (const CsChartFrame *frame,
                                GtkSnapshot        *snapshot,
                                int                 widget_height,
                                PangoLayout        *x_title,
                                PangoLayout        *y_title,
                                const CsChartTheme *theme)
{
  GdkRGBA dim = cs_chart_fade (&theme->fg, 0.7f);

  if (x_title != NULL)
    cs_chart_snapshot_centered (snapshot, x_title,
                                frame->plot.origin.x + frame->plot.size.width / 2,
                                widget_height - CS_CHART_PAD - cs_chart_layout_height (x_title),
                                &dim);
  if (y_title != NULL)
    cs_chart_snapshot_text (snapshot, y_title, CS_CHART_PAD, CS_CHART_PAD, &theme->fg);
}

/* Sets a string property's field; returns whether it changed, so the caller notifies only then. */
gboolean
cs_chart_set_string (char       **field,
                     const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* A NULL-terminated copy of n names (a NULL name becomes ""), or NULL when names is NULL: the
 * chart then numbers its categories. */
char **
cs_chart_copy_names (const char * const *names,
                     guint               n)
{
  char **copy;

  if (names == NULL)
    return NULL;
  copy = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    copy[i] = g_strdup (names[i] ? names[i] : "");
  return copy;
}
