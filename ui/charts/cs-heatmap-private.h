/* cs-heatmap-private.h — what the tests need to know of a heatmap's layout
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-heatmap.h"

G_BEGIN_DECLS

gboolean     cs_heatmap_get_cell_area    (CsHeatmap       *self,
                                          guint            row,
                                          guint            column,
                                          graphene_rect_t *area);
gboolean     cs_heatmap_get_values_shown (CsHeatmap       *self);
PangoLayout *cs_heatmap_get_class_label  (CsHeatmap       *self,
                                          GtkOrientation   axis,
                                          guint            index);
char        *cs_heatmap_get_label_at     (CsHeatmap       *self,
                                          double           x,
                                          double           y);
gboolean     cs_heatmap_get_legend_area  (CsHeatmap       *self,
                                          graphene_rect_t *bar);

G_END_DECLS
