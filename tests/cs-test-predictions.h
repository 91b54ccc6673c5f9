/* cs-test-predictions.h — predictions made by hand, for tests that need to know every value
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-predictions.h"

G_BEGIN_DECLS

#define CS_TEST_PREDICTION_MAX_K 4

/* One item as a test writes it; the votes' text, majority, share and entropy follow from
 * `votes` through cs-majority-vote.h, and the distribution puts `probability` on `predicted`
 * and shares the rest evenly. */
typedef struct
{
  CsSplitKind  split;
  const char  *id;
  const char  *image_path;   /* or NULL */
  int          gold;         /* −1: unknown */
  int          predicted;
  float        probability;
  int          votes[CS_TEST_PREDICTION_MAX_K];
  float        mean_w;       /* NaN: none */
} CsTestPrediction;

/* Predictions of dataset's classes (K ≤ CS_TEST_PREDICTION_MAX_K) holding rows [n] in their
 * order; an item's index is its position among the rows of its split. */
CsPredictions *cs_test_predictions_new (CsDataset              *dataset,
                                        const CsTestPrediction *rows,
                                        int                     n);

G_END_DECLS
