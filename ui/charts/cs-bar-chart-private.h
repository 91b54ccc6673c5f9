/* cs-bar-chart-private.h — what the tests need to know of a bar chart's layout
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-bar-chart.h"

G_BEGIN_DECLS

double cs_bar_chart_bar_center       (CsBarChart *self,
                                      guint       index);
guint  cs_bar_chart_get_label_stride (CsBarChart *self);

G_END_DECLS
