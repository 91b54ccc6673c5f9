/* cs-curve-band.h — several runs' curves summed up epoch by epoch: a mean and a band of ± std
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-trainer.h"

G_BEGIN_DECLS

/* Which of an epoch's metrics a curve follows. */
typedef enum
{
  CS_CURVE_TEST_ACCURACY,
  CS_CURVE_VALID_ACCURACY,     /* of the split epochs were selected on */
  CS_CURVE_TRAIN_ACCURACY,
  CS_CURVE_TRAIN_LOSS,
} CsCurveField;

double      cs_epoch_metrics_get     (const CsEpochMetrics *metrics,
                                      CsCurveField          field);
/* What the field is, in lower case for an axis: "test accuracy", "training loss". */
const char *cs_curve_field_get_title (CsCurveField          field);
/* Accuracies are fractions in [0, 1], which figures show as percentages. */
bool        cs_curve_field_is_accuracy (CsCurveField        field);

/* Epoch e (1-based, at index e − 1) over the runs whose histories have a finite value there:
 * runs stopped early, or a metric not measured (NaN), leave it; an epoch no run has is NaN in
 * mean and std and 0 in n_runs. std is the population's (ddof 0), as cs_mean_std's. */
typedef struct
{
  int     n_epochs;            /* the longest history's */
  double *mean;                /* [n_epochs] */
  double *std;                 /* [n_epochs] */
  int    *n_runs;              /* [n_epochs] */
} CsCurveBand;

CsCurveBand *cs_curve_band_new  (GArray * const *histories /* [n] of CsEpochMetrics */,
                                 int             n,
                                 CsCurveField    field);
void         cs_curve_band_free (CsCurveBand    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsCurveBand, cs_curve_band_free)

G_END_DECLS
