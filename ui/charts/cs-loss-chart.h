/* cs-loss-chart.h — per-epoch curves of a training run
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-chart.h"
#include "cs-curve-band.h"

G_BEGIN_DECLS

#define CS_TYPE_LOSS_CHART (cs_loss_chart_get_type ())

G_DECLARE_FINAL_TYPE (CsLossChart, cs_loss_chart, CS, LOSS_CHART, CsChart)

GtkWidget *cs_loss_chart_new               (void);

/* The value axis' title, such as “Loss” or “Accuracy”, and the accessible name, is CsChart's
 * (cs_chart_set_label); the epoch axis is titled “Epoch”. */

/* NAN leaves an end to the data; a set minimum gives way to data below it. */
void       cs_loss_chart_set_y_range       (CsLossChart       *self,
                                            double             min,
                                            double             max);
void       cs_loss_chart_fit_y_range       (CsLossChart       *self,
                                            double             lowest,
                                            double             highest);
void       cs_loss_chart_align_with        (CsLossChart       *self,
                                            CsLossChart       *other);
void       cs_loss_chart_set_percent       (CsLossChart       *self,
                                            gboolean           percent);
gboolean   cs_loss_chart_get_percent       (CsLossChart       *self);
void       cs_loss_chart_set_x_max         (CsLossChart       *self,
                                            double             epochs);
double     cs_loss_chart_get_x_max         (CsLossChart       *self);
guint      cs_loss_chart_add_series        (CsLossChart       *self,
                                            const char        *label,
                                            CsChartRole        role,
                                            gboolean           muted);
guint      cs_loss_chart_add_readout_series (CsLossChart     *self,
                                             const char      *label);
void       cs_loss_chart_append            (CsLossChart       *self,
                                            guint              series,
                                            double             x,
                                            double             y);
/* Groups: labelled curves in a colour of the palette (an earlier run, a method's runs and their
 * mean ± std band), each with a legend entry that shows or hides them. */
guint      cs_loss_chart_add_group         (CsLossChart       *self,
                                            const char        *label,
                                            guint              category);
guint      cs_loss_chart_add_group_series  (CsLossChart       *self,
                                            guint              group,
                                            const char        *label);
guint      cs_loss_chart_add_band          (CsLossChart       *self,
                                            guint              group,
                                            const char        *label,
                                            const CsCurveBand *band);
guint      cs_loss_chart_get_n_groups      (CsLossChart       *self);
void       cs_loss_chart_set_group_visible (CsLossChart       *self,
                                            guint              group,
                                            gboolean           visible);
gboolean   cs_loss_chart_get_group_visible (CsLossChart       *self,
                                            guint              group);
void       cs_loss_chart_set_reference     (CsLossChart       *self,
                                            double             value,
                                            double             std,
                                            const char        *label);
void       cs_loss_chart_clear             (CsLossChart       *self);
void       cs_loss_chart_set_marker        (CsLossChart       *self,
                                            double             x,
                                            const char        *label);
gboolean   cs_loss_chart_get_readout       (CsLossChart       *self,
                                            double             widget_x,
                                            double            *epoch,
                                            char             **text);

G_END_DECLS
