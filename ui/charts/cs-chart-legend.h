/* cs-chart-legend.h — a loss chart's legend: a line swatch and a name for each curve
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-chart-frame.h"

G_BEGIN_DECLS

/* The dashes of a curve told from the current run's by more than its colour. */
static const double CS_CHART_DASHES[] = { 5, 3 };

typedef struct
{
  PangoLayout *layout;
  GdkRGBA      color;
  double       line_width;
  gboolean     dimmed;  /* a curve hidden for now: swatch and name faded */
  gboolean     band;    /* a mean ± std band: a faint box behind the swatch */
  gboolean     dashed;  /* a dashed curve: a dashed swatch */
  double       x;       /* the swatch's left end */
  double       y;       /* the top of the text */
} CsChartLegendEntry;

GArray *cs_chart_legend_new             (void);
void    cs_chart_legend_add             (GArray        *legend,
                                         GtkWidget     *widget,
                                         const char    *label,
                                         const GdkRGBA *color,
                                         double         line_width);
void    cs_chart_legend_get_bounds      (GArray          *legend,
                                         guint            i,
                                         graphene_rect_t *bounds);
double  cs_chart_legend_place           (GArray        *legend,
                                         PangoLayout   *title,
                                         int            width);
void    cs_chart_legend_draw_swatches   (GArray        *legend,
                                         cairo_t       *cr);
void    cs_chart_legend_snapshot_labels (GArray        *legend,
                                         GtkSnapshot   *snapshot,
                                         const GdkRGBA *color);

G_END_DECLS
