/* cs-experiment-result.h — one method's row of an experiment's table, as it fills in
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "cs-experiment.h"

G_BEGIN_DECLS

#define CS_TYPE_EXPERIMENT_RESULT (cs_experiment_result_get_type ())

G_DECLARE_FINAL_TYPE (CsExperimentResult, cs_experiment_result, CS, EXPERIMENT_RESULT, GObject)

CsExperimentResult *cs_experiment_result_new    (CsMethod                method,
                                                 int                     n_seeds);
/* The row's figures so far (main thread): notifies the properties that changed. */
void                cs_experiment_result_update (CsExperimentResult     *self,
                                                 const CsExperimentRow  *row);
CsMethod            cs_experiment_result_get_method (CsExperimentResult *self);
/* Runs finished of the row's seeds. */
int                 cs_experiment_result_get_n_runs (CsExperimentResult *self);
/* Test accuracy in [0, 1] (NaN before the first run): mean and population std. */
double              cs_experiment_result_get_test_mean (CsExperimentResult *self);
double              cs_experiment_result_get_test_std  (CsExperimentResult *self);
int                 cs_experiment_result_get_n_seeds   (CsExperimentResult *self);
/* Each finished run's epochs (GArray of CsEpochMetrics), handed over from the worker that
 * trained it; CsExperimentResult:n-histories is notified as each arrives. */
void                cs_experiment_result_set_history   (CsExperimentResult *self,
                                                        int                 seed_index,
                                                        GArray             *history);
GArray * const     *cs_experiment_result_get_histories (CsExperimentResult *self,
                                                        int                *n);
GArray             *cs_experiment_result_get_history   (CsExperimentResult *self,
                                                        int                 seed_index);

G_END_DECLS
