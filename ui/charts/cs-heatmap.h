/* cs-heatmap.h — a K × K matrix, such as an annotator's confusion matrix, as coloured cells
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-chart.h"
#include "cs-colormap.h"

G_BEGIN_DECLS

#define CS_TYPE_HEATMAP  (cs_heatmap_get_type ())

G_DECLARE_FINAL_TYPE (CsHeatmap, cs_heatmap, CS, HEATMAP, CsChart)


GtkWidget  *cs_heatmap_new             (void);
void        cs_heatmap_set_matrix      (CsHeatmap          *self,
                                        const float        *values,
                                        const int          *counts,
                                        guint               k,
                                        const char * const *class_names);
guint       cs_heatmap_get_n_classes   (CsHeatmap          *self);
float       cs_heatmap_get_value       (CsHeatmap          *self,
                                        guint               row,
                                        guint               column);
void        cs_heatmap_set_colormap    (CsHeatmap          *self,
                                        CsColormap          colormap);
CsColormap  cs_heatmap_get_colormap    (CsHeatmap          *self);
/* The ramp a SEQUENTIAL map is drawn in. */
void        cs_heatmap_set_palette     (CsHeatmap          *self,
                                        CsPalette           palette);
CsPalette   cs_heatmap_get_palette     (CsHeatmap          *self);
void        cs_heatmap_set_title       (CsHeatmap          *self,
                                        const char         *title);
const char *cs_heatmap_get_title       (CsHeatmap          *self);
void        cs_heatmap_set_compact     (CsHeatmap          *self,
                                        gboolean            compact);
gboolean    cs_heatmap_get_compact     (CsHeatmap          *self);
/* A cell ringed in the accent colour whatever has the focus: the one whose items the caller
 * shows (CS_CHART_NO_ITEM: none). */
void        cs_heatmap_set_marked      (CsHeatmap          *self,
                                        guint               cell);
guint       cs_heatmap_get_marked      (CsHeatmap          *self);

/* The cells are CsChart's items, row by row: cell = row × K + column. The selected cell is
 * CsChart:selected (cs_chart_get_selected); CsHeatmap::activated says which cell was opened,
 * or CS_CHART_NO_ITEM for the heatmap as a whole. The axis titles are CsChart's
 * (cs_chart_set_label): “True class” down the rows and “Label given” across the columns unless
 * set otherwise. */

G_END_DECLS
