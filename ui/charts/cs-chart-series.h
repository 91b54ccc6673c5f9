/* cs-chart-series.h — one curve of a loss chart: its points, and the path drawn for them
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-chart-frame.h"

G_BEGIN_DECLS

typedef struct
{
  double x;
  double y;
} CsChartPoint;

typedef struct
{
  char        *label;
  CsChartRole  role;
  gboolean     muted;
  gboolean     readout_only;  /* not drawn, in no legend or range: a value the read-out adds */
  guint        group;   /* the loss chart's group it belongs to, or G_MAXUINT */
  GArray      *points;  /* of CsChartPoint, x never decreasing */
  GArray      *std;     /* of double, one per point: a band's half-width; NULL for a plain curve */
  GArray      *path;    /* of graphene_point_t in widget coordinates; x = NAN ends a run */
  GArray      *spans;   /* one per column from the plot's left edge - 1; empty when the curve
                         * is sparse enough to be stroked */
} CsChartSeries;

CsChartSeries *cs_chart_series_new        (const char          *label,
                                           CsChartRole          role,
                                           gboolean             muted);
void           cs_chart_series_free       (gpointer             series);
double         cs_chart_series_last_x     (const CsChartSeries *series);
guint          cs_chart_series_nearest    (const CsChartSeries *series,
                                           double               x);
double         cs_chart_series_value_at   (const CsChartSeries *series,
                                           double               x);
void           cs_chart_series_describe   (const CsChartSeries *series,
                                           double               epoch,
                                           gboolean             percent,
                                           const GdkRGBA       *color,
                                           GString             *text,
                                           GString             *markup);
void           cs_chart_series_prepare    (CsChartSeries       *series,
                                           const CsChartFrame  *frame);
void           cs_chart_series_draw       (const CsChartSeries *series,
                                           cairo_t             *cr,
                                           const CsChartFrame  *frame,
                                           const GdkRGBA       *color,
                                           double               line_width);
void           cs_chart_series_draw_band  (const CsChartSeries *series,
                                           cairo_t             *cr,
                                           const CsChartFrame  *frame,
                                           const GdkRGBA       *color);

static inline const CsChartPoint *
cs_chart_series_point (const CsChartSeries *series,
                       guint                i)
{
  return &g_array_index (series->points, CsChartPoint, i);
}

G_END_DECLS
