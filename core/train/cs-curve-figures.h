/* cs-curve-figures.h — the curve figures of runs, as the window shows them and the command line
 * writes them
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-curve-band.h"
#include "cs-curve-figure.h"
#include "cs-experiment.h"

G_BEGIN_DECLS

/* A finished run of a method, as far as its curves go. */
typedef struct
{
  CsMethod      method;
  const GArray *history;       /* of CsEpochMetrics, borrowed */
} CsMethodHistory;

/* Every run thin in its method's colour (cs_category_color (method)); per method the mean
 * bold, labelled "CoNAL (5 seeds)", over its ± std band; and for test accuracy the published
 * figure (cs_published_find) of each method that has one on dataset_name (which may be NULL). */
CsCurveFigure *cs_curve_figure_new_for_methods    (const CsMethodHistory *runs /* [n] */,
                                                   int                    n,
                                                   const char            *dataset_name,
                                                   CsCurveField           field);
/* The same for an experiment's finished runs; dataset_name is the one it trained on. */
CsCurveFigure *cs_curve_figure_new_for_experiment (const CsExperiment    *experiment,
                                                   const char            *dataset_name,
                                                   CsCurveField           field);
/* Runs compared: each bold, labelled, in the category colour of its position. */
CsCurveFigure *cs_curve_figure_new_for_runs       (GArray * const        *histories /* [n] */,
                                                   const char * const    *labels /* [n] */,
                                                   int                    n,
                                                   CsCurveField           field);

G_END_DECLS
