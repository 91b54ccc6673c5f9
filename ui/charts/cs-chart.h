/* cs-chart.h — the widget every chart derives from: layout, hover, focus and read-out
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-chart-frame.h"

G_BEGIN_DECLS

#define CS_TYPE_CHART (cs_chart_get_type ())

G_DECLARE_DERIVABLE_TYPE (CsChart, cs_chart, CS, CHART, GtkWidget)

/* No item: nothing under the pointer, nothing selected. */
#define CS_CHART_NO_ITEM G_MAXUINT

/* A chart shows items (a bar, an epoch, a cell) numbered from 0. The base lays the chart out
 * when its size, data or style changes, draws the axes' labels, their titles and the read-out
 * of the item under the pointer (or, with the keyboard focus, of the selected one), and keeps
 * the accessible description; a subclass says where things are and draws the plot. */
struct _CsChartClass
{
  GtkWidgetClass parent_class;

  /* Required. Fills the frame and the ticks for a size, with the theme and the titles' layouts
   * already made for the current style; everything draw () needs is worked out here. */
  void     (*layout)         (CsChart                *chart,
                              int                     width,
                              int                     height);
  /* Required. Draws the plot and anything else of the chart's own; the base then draws the
   * ticks' labels, the titles and the read-out over it. */
  void     (*draw)           (CsChart                *chart,
                              GtkSnapshot            *snapshot);
  /* Required. The number of items; valid item numbers are below it. */
  guint    (*get_n_items)    (CsChart                *chart);
  /* Required. The item at a point of the laid-out chart, if any. */
  gboolean (*pick)           (CsChart                *chart,
                              double                  x,
                              double                  y,
                              guint                  *item);
  /* Required. Appends an item's plain-text summary to text, and its read-out (Pango markup)
   * to markup unless that is NULL. */
  void     (*describe_item)  (CsChart                *chart,
                              guint                   item,
                              GString                *text,
                              GString                *markup);
  /* Required. Appends a summary of the whole chart; nothing appended means “No data”. */
  void     (*describe)       (CsChart                *chart,
                              GString                *description);
  /* Sets the origin of the read-out box, whose size is set, for an item and an anchor: the
   * pointer, or the item's own point. Default: beside the anchor and above it. */
  void     (*place_readout)  (CsChart                *chart,
                              guint                   item,
                              const graphene_point_t *anchor,
                              graphene_rect_t        *box);
  /* Where an item's read-out points to when the keyboard selected it. Default: the plot's
   * centre. */
  void     (*locate_item)    (CsChart                *chart,
                              guint                   item,
                              graphene_point_t       *point);
  /* The item an arrow key moves to from item, by dx columns and dy rows. Default: the items
   * in one row, item + dx within them. */
  guint    (*move_item)      (CsChart                *chart,
                              guint                   item,
                              int                     dx,
                              int                     dy);
  /* The chart's accessible name, or NULL for the default: the value axis' title, or else the
   * other one's. Asked again whenever the chart is described again. */
  const char *(*get_name)    (CsChart                *chart);
};

/* For users of any chart. */
void                cs_chart_set_label         (CsChart          *self,
                                                GtkOrientation    axis,
                                                const char       *label);
const char         *cs_chart_get_label         (CsChart          *self,
                                                GtkOrientation    axis);
guint               cs_chart_get_selected      (CsChart          *self);
void                cs_chart_set_selected      (CsChart          *self,
                                                guint             item);
gboolean            cs_chart_get_hover         (CsChart          *self,
                                                guint            *item);
gboolean            cs_chart_get_readout       (CsChart          *self,
                                                double            x,
                                                double            y,
                                                guint            *item,
                                                char            **text);
gboolean            cs_chart_get_plot_area     (CsChart          *self,
                                                graphene_rect_t  *area);

/* For subclasses. */
void                cs_chart_invalidate        (CsChart          *self);
void                cs_chart_redo_layout       (CsChart          *self);
void                cs_chart_data_changed      (CsChart          *self);
gboolean            cs_chart_ensure_layout     (CsChart          *self);
void                cs_chart_set_natural_size  (CsChart          *self,
                                                int               width,
                                                int               height);
void                cs_chart_set_minimum_size  (CsChart          *self,
                                                int               width,
                                                int               height);
void                cs_chart_set_titles_shown  (CsChart          *self,
                                                gboolean          shown);
const CsChartTheme *cs_chart_get_theme         (CsChart          *self);
CsChartFrame       *cs_chart_get_frame         (CsChart          *self);
GArray             *cs_chart_get_ticks         (CsChart          *self,
                                                GtkOrientation    orientation);
PangoLayout        *cs_chart_get_title_layout  (CsChart          *self,
                                                GtkOrientation    orientation);
guint               cs_chart_get_readout_item  (CsChart          *self);
void                cs_chart_place_beside      (CsChart          *self,
                                                graphene_rect_t  *box,
                                                double            x);

G_END_DECLS
