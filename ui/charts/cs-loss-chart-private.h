/* cs-loss-chart-private.h — what the tests need to know of a loss chart's layout
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-loss-chart.h"

G_BEGIN_DECLS

double   cs_loss_chart_x_to_widget      (CsLossChart *self,
                                         double       x);
double   cs_loss_chart_y_to_widget      (CsLossChart *self,
                                         double       y);
gboolean cs_loss_chart_get_hover        (CsLossChart *self,
                                         double      *epoch);
gboolean cs_loss_chart_get_readout_epoch (CsLossChart *self,
                                         double      *epoch);
GtkWidget *cs_loss_chart_get_group_toggle (CsLossChart *self,
                                         guint        group);
guint    cs_loss_chart_get_path_length  (CsLossChart *self,
                                         guint        series);

G_END_DECLS
