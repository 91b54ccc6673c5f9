/* cs-chart-frame.h — the plot area the charts map their data into, and the labels around it
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-chart-axis.h"
#include "cs-chart-theme.h"

G_BEGIN_DECLS

#define CS_CHART_PAD            8   /* around the chart */
#define CS_CHART_TICK_GAP       6   /* between a tick label and its axis */
#define CS_CHART_Y_TICK_SPACING 36  /* the least room between two value ticks */

/* Where a chart's plot is in the widget and which data it spans. */
typedef struct
{
  graphene_rect_t plot;         /* in widget coordinates */
  double          x_lo, x_hi;   /* the data the plot spans across; unused by the bar chart */
  double          y_lo, y_hi;   /* the values the plot spans upwards */
  double          tick_length;  /* of the marks under the plot, which its labels go below */
} CsChartFrame;

double   cs_chart_frame_x_to_widget           (const CsChartFrame *frame,
                                               double              x);
double   cs_chart_frame_y_to_widget           (const CsChartFrame *frame,
                                               double              y);
guint    cs_chart_frame_max_y_ticks           (const CsChartFrame *frame);
void     cs_chart_frame_fill_ticks            (const CsChartFrame *frame,
                                               GtkWidget          *widget,
                                               GArray             *ticks,
                                               const CsChartTicks *spec,
                                               GtkOrientation      orientation);
void     cs_chart_frame_snapshot_value_labels (const CsChartFrame *frame,
                                               GtkSnapshot        *snapshot,
                                               GArray             *ticks,
                                               const GdkRGBA      *color);
void     cs_chart_frame_snapshot_titles       (const CsChartFrame *frame,
                                               GtkSnapshot        *snapshot,
                                               int                 widget_height,
                                               PangoLayout        *x_title,
                                               PangoLayout        *y_title,
                                               const CsChartTheme *theme);
gboolean cs_chart_set_string                  (char              **field,
                                               const char         *value);
char   **cs_chart_copy_names                  (const char * const *names,
                                               guint               n);

G_END_DECLS
