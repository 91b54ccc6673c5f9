/* cs-bar-chart.h — a histogram for the dataset overview
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-ui-types.h"

G_BEGIN_DECLS

#define CS_TYPE_BAR_CHART (cs_bar_chart_get_type ())

G_DECLARE_FINAL_TYPE (CsBarChart, cs_bar_chart, CS, BAR_CHART, GtkWidget)

GtkWidget  *cs_bar_chart_new           (void);
void        cs_bar_chart_set_data      (CsBarChart         *self,
                                        const double       *values,
                                        const char * const *labels,
                                        guint               n);
guint       cs_bar_chart_get_n_bars    (CsBarChart         *self);
void        cs_bar_chart_set_x_label   (CsBarChart         *self,
                                        const char         *label);
const char *cs_bar_chart_get_x_label   (CsBarChart         *self);
void        cs_bar_chart_set_y_label   (CsBarChart         *self,
                                        const char         *label);
const char *cs_bar_chart_get_y_label   (CsBarChart         *self);
gboolean    cs_bar_chart_get_readout   (CsBarChart         *self,
                                        double              widget_x,
                                        guint              *index,
                                        char              **text);

G_END_DECLS
