/* cs-bar-chart.h — a histogram for the dataset overview
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-chart.h"

G_BEGIN_DECLS

#define CS_TYPE_BAR_CHART (cs_bar_chart_get_type ())

G_DECLARE_FINAL_TYPE (CsBarChart, cs_bar_chart, CS, BAR_CHART, CsChart)

GtkWidget  *cs_bar_chart_new           (void);
void        cs_bar_chart_set_data      (CsBarChart         *self,
                                        const double       *values,
                                        const char * const *labels,
                                        guint               n);
guint       cs_bar_chart_get_n_bars    (CsBarChart         *self);
gboolean    cs_bar_chart_get_readout   (CsBarChart         *self,
                                        double              widget_x,
                                        guint              *index,
                                        char              **text);

/* The titles are CsChart's (cs_chart_set_label): what the categories are, such as “Labels per
 * item”, under the bars, and what the bars count, such as “Items”, above them and as the
 * accessible name. */

G_END_DECLS
