/* cs-chart-scale.h — a heatmap's legend: the colour map as a bar, its values, and no data
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-chart-frame.h"
#include "cs-colormap.h"

G_BEGIN_DECLS

#define CS_CHART_SCALE_STOPS  17   /* samples of the map along the bar */
#define CS_CHART_HATCH_PERIOD 4.0  /* no-data stripes repeat every 4 px across and every 4 down */

typedef struct
{
  GskColorStop     stops[CS_CHART_SCALE_STOPS];  /* from the bar's top (the highest value) down */
  GArray          *ticks;            /* of CsChartTick, at heights on the bar */
  PangoLayout     *no_data_label;    /* NULL when every cell has data */
  GdkRGBA          no_data;
  CsColormap       colormap;
  graphene_rect_t  bar;
  graphene_rect_t  swatch;           /* the no-data key under the bar */
} CsChartScale;

void    cs_chart_scale_init     (CsChartScale       *scale);
void    cs_chart_scale_clear    (CsChartScale       *scale);
int     cs_chart_scale_prepare  (CsChartScale       *scale,
                                 GtkWidget          *widget,
                                 CsColormap          colormap,
                                 CsPalette           palette,
                                 gboolean            dark,
                                 gboolean            no_data);
void    cs_chart_scale_place    (CsChartScale       *scale,
                                 double              x,
                                 double              top,
                                 double              height);
void    cs_chart_scale_snapshot (const CsChartScale *scale,
                                 GtkSnapshot        *snapshot,
                                 const CsChartTheme *theme);
GdkRGBA cs_chart_scale_color    (CsColormap          colormap,
                                 CsPalette           palette,
                                 gboolean            dark,
                                 double              value);
char   *cs_chart_scale_format   (CsColormap          colormap,
                                 double              value);
GdkRGBA cs_chart_scale_stripe   (const CsChartTheme *theme);

G_END_DECLS
