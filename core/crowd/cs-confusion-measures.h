/* cs-confusion-measures.h — what a confusion matrix says about its annotator, and how far two
 * matrices are apart
 *
 * Matrices are [K, K] with rows the true class and columns the label given, each row a
 * distribution. A row that holds a NaN is a true class without data (cs-empirical-confusions.h,
 * cs-effective-confusions.h): every measure leaves it out rather than reading it as zeros.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

/* Raykar & Yu's spammer score, in [0, 1]: 0 for an annotator whose rows are all the same (its
 * label does not depend on the true class), 1 for one whose rows are distinct one-hots (a
 * perfect annotator, or one who swaps classes consistently). NaN with fewer than two rows of
 * data. */
double cs_spammer_score              (const float     *m     /* [K, K] */,
                                      int              K);

typedef enum
{
  CS_DISTANCE_TOTAL_VARIATION,  /* ½ Σ |p − q|, in [0, 1] */
  CS_DISTANCE_JENSEN_SHANNON,   /* the Jensen–Shannon divergence in bits, in [0, 1] */
} CsDistance;

/* Between two distributions; NaN when either holds a NaN. */
double cs_row_distance               (CsDistance       kind,
                                      const float     *p     /* [K] */,
                                      const float     *q     /* [K] */,
                                      int              K);
/* Between two matrices: the mean of the row distances over the rows both have data for (NaN
 * when they share none), with each row's distance in rows (NaN for a row left out). */
double cs_confusion_distance         (CsDistance       kind,
                                      double          *rows  /* [K] or NULL */,
                                      const float     *a     /* [K, K] */,
                                      const float     *b     /* [K, K] */,
                                      int              K);

/* One cell of a matrix: true class `row` taken for class `column` at rate `value`. */
typedef struct
{
  int   row;
  int   column;
  float value;
} CsConfusionCell;

/* The (at most) n largest off-diagonal cells of m, largest first (ties in row, then column,
 * order), NaN cells left out, for sentences like "coast taken for open country: 0.41".
 * Returns how many it wrote. */
int    cs_confusion_top_off_diagonal (CsConfusionCell *cells /* [n] */,
                                      int              n,
                                      const float     *m     /* [K, K] */,
                                      int              K);

G_END_DECLS
