/* cs-empirical-confusions.h — each annotator's labels counted against a reference class per item
 *
 * The reference is the gold class where it is known, or a model's predicted class where it is
 * not (a user's own data seldom has gold); a caller may also take gold item by item and the
 * prediction for the rest. Rows are the reference class, columns the label given, both in the
 * dataset's class order.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-dataset.h"

G_BEGIN_DECLS

typedef struct
{
  int    K, R;
  int   *counts;      /* [R, K, K]: labels annotator r gave as class j to items of reference i */
  int   *row_labels;  /* [R, K]: the labels of each row, Σ_j counts[r, i, j] */
  float *rates;       /* [R, K, K]: counts / row_labels, so each row sums to 1; a row with no
                       * labels (row_labels 0) is NaN throughout, never a made-up distribution */
  int    n_counted;   /* labels whose item has a reference class */
  int    n_skipped;   /* labels on items without one (reference −1), left out of every count */
} CsEmpiricalConfusions;

/* reference [n] or NULL. */
CsEmpiricalConfusions *cs_empirical_confusions_new  (const CsSplit         *split,
                                                     const int32_t         *reference,
                                                     int                    K,
                                                     int                    R);
void                   cs_empirical_confusions_free (CsEmpiricalConfusions *self);

/* classes [n]: the most probable class of each row of probs [n, K] (cs_model_predict's output),
 * the lowest index on a tie; a reference for items without gold. */
void                   cs_predicted_classes         (int32_t               *classes,
                                                     const float           *probs,
                                                     int                    n,
                                                     int                    K);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsEmpiricalConfusions, cs_empirical_confusions_free)

G_END_DECLS
