/* cs-effective-confusions.h — how each annotator labels under CoNAL, its w taken into account
 *
 * CoNAL gives annotator r's label of item i the crowd logits (cs-noise.h)
 *   s = w · (p_i · W_g) + (1 − w) · (p_i · W_r),
 * mixed in logit space, before the softmax. For an item the classifier is sure is of class k
 * (p_i = e_k) the label is drawn from softmax (w · W_g[k, :] + (1 − w) · W_r[k, :]). Neither
 * softmax (W_g) (the noise the crowd shares) nor softmax (W_r) (the annotator's own) is what
 * the annotator does: the effective confusion averages that distribution over the w of the
 * labels the annotator gave. Crowd Layer has no W_g and no w: its effective confusion is
 * softmax (W_r). Rows are the true class, columns the label given; every row is a
 * distribution, and an annotator without labels in the split has NaN rows.
 *
 * Everything here reads plain arrays, so the window can run it on a worker thread from
 * snapshots of a live model's matrices (and cs_model_label_w's w).
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-dataset.h"

G_BEGIN_DECLS

/* The mean of w over each annotator's labels in `split`, NaN for an annotator without any. */
void cs_annotator_mean_w      (float         *mean_w    /* [R] */,
                               const float   *w         /* [split->n_labels] */,
                               const CsSplit *split,
                               int            R);

/* The mean of w over each item's labels in `split`, NaN for an item without any; and the items
 * in order of it, most first (items without labels last, ties by index): the items CoNAL puts
 * down most to the confusion the whole crowd shares. */
void cs_item_mean_w           (float         *mean_w    /* [split->n] */,
                               int           *order     /* [split->n] or NULL */,
                               const float   *w         /* [split->n_labels] */,
                               const CsSplit *split);

/* What the model expects one annotator to answer for one item: the noise layer's distribution
 * softmax (w · (p · W_g) + (1 − w) · (p · W_r)) for the item's class distribution p, with W_g
 * and w absent (NULL, any w) for Crowd Layer. */
void cs_label_distribution    (float         *out       /* [K] */,
                               const float   *p         /* [K] */,
                               const float   *global    /* [K, K] or NULL */,
                               const float   *local_r   /* [K, K]: this annotator's W_r */,
                               float          w,
                               int            K);

/* global and w are NULL together (Crowd Layer). global and local are logit weights, as the
 * model holds them (CsParams.global, .local). */
void cs_effective_confusions  (float         *effective /* [R, K, K] */,
                               const float   *global    /* [K, K] or NULL */,
                               const float   *local     /* [R, K, K] */,
                               const float   *w         /* [split->n_labels] or NULL */,
                               const CsSplit *split,
                               int            K,
                               int            R);

G_END_DECLS
