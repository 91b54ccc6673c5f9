/* cs-chart-theme.h — the theme colours and drawing helpers the charts share
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-colormap.h"
#include "cs-ui-types.h"

G_BEGIN_DECLS

/* Colours a chart draws with, looked up in the widget's style when the style changes. */
typedef struct
{
  GdkRGBA  fg;                        /* text, axes and grid (faded) */
  GdkRGBA  bubble_bg;                 /* the hover read-out's box */
  GdkRGBA  accent;                    /* the accent colour for lines and text */
  GdkRGBA  accent_bg;                 /* the accent colour for filled areas */
  GdkRGBA  roles[CS_CHART_N_ROLES];
  GdkRGBA  categories[CS_N_CATEGORIES];  /* series told apart by colour: a method, a run */
  gboolean dark;                      /* light text on a dark background */
} CsChartTheme;

/* An axis tick's label and where it goes: widget x on a horizontal axis, y on a vertical one. */
typedef struct
{
  PangoLayout *layout;
  double       pos;
} CsChartTick;

void            cs_chart_theme_load           (CsChartTheme          *theme,
                                               GtkWidget             *widget);
GdkRGBA         cs_chart_fade                 (const GdkRGBA         *color,
                                               float                  alpha);
void            cs_chart_snapshot_text        (GtkSnapshot           *snapshot,
                                               PangoLayout           *layout,
                                               double                 x,
                                               double                 y,
                                               const GdkRGBA         *color);
void            cs_chart_snapshot_centered    (GtkSnapshot           *snapshot,
                                               PangoLayout           *layout,
                                               double                 center_x,
                                               double                 y,
                                               const GdkRGBA         *color);
void            cs_chart_snapshot_ticks_below (GtkSnapshot           *snapshot,
                                               GArray                *ticks,
                                               double                 y,
                                               const GdkRGBA         *color);
void            cs_chart_snapshot_outline     (GtkSnapshot           *snapshot,
                                               const graphene_rect_t *rect,
                                               float                  width,
                                               const GdkRGBA         *color);
void            cs_chart_snapshot_bubble      (GtkSnapshot           *snapshot,
                                               const graphene_rect_t *rect,
                                               const CsChartTheme    *theme);
GArray         *cs_chart_layout_array_new     (guint                  element_size);
GArray         *cs_chart_tick_array_new       (void);
int             cs_chart_ticks_widest         (GArray                *ticks);
PangoLayout    *cs_chart_title_layout         (GtkWidget             *widget,
                                               const char            *title);
PangoLayout    *cs_chart_markup_layout        (GtkWidget             *widget,
                                               const char            *markup);
int             cs_chart_text_height          (GtkWidget             *widget);
int             cs_chart_layout_width         (PangoLayout           *layout);
int             cs_chart_layout_height        (PangoLayout           *layout);

G_END_DECLS
