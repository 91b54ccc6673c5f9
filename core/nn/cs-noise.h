/* cs-noise.h — CoNAL's noise adaptation layer over the observed crowd labels
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

/* For each observed label l (item i = labels[l].item, a row of the batch; annotator
 * r = labels[l].annotator) the crowd logits are
 *   s_l = w_l · (p_i · W_g) + (1 − w_l) · (p_i · W_r)
 * with p the classifier's probabilities, W_g the common confusion and W_r the annotator's own;
 * w_l = 1 means "only global", 0 "only individual". The loss is the mean over the L labels of
 * cross-entropy(softmax(s_l), labels[l].label). Passing w_global = NULL gives the Crowd Layer
 * (MW) variant s_l = p_i · W_r, where w is ignored.
 *
 * p · W_g is taken once per row of the batch, not once per label, and the backward sums each
 * row's share of W_g's gradient and applies it once per row as well: per label, only the
 * annotator's own matrix costs K² (forward) and 2·K² (backward). The matrices are copied into
 * rows padded to W floats (cs_noise_padded_width), blocks the compiler keeps in registers.
 *
 * The batch's rows are cut into parts with their labels (labels sorted by item; unsorted labels
 * run as one part), as many as the sizes fix, and each part gathers the matrices' gradients in
 * rows of its own, added up in part order: any number of threads, one included, computes the
 * same bits (cs-noise-private.h holds the buffers and the cut). */
typedef struct _CsNoiseBuffers CsNoiseBuffers;

/* Returns the mean loss (0 when L == 0). Backward accumulates dp, dw_global (NULL when
 * w_global is), dw_local and dw (may be NULL). */
float cs_noise_forward       (CsNoiseBuffers     *buf,
                              const float        *p,
                              const float        *w_global,
                              const float        *w_local,
                              const float        *w,
                              const CsCrowdLabel *labels,
                              int                 B,
                              int                 L,
                              int                 K,
                              int                 R);
void  cs_noise_backward      (float              *dp,
                              float              *dw_global,
                              float              *dw_local,
                              float              *dw,
                              CsNoiseBuffers     *buf,
                              const float        *p,
                              const float        *w_global,
                              const float        *w_local,
                              const float        *w,
                              const CsCrowdLabel *labels,
                              int                 B,
                              int                 L,
                              int                 K,
                              int                 R);

/* The term lambda · Σ_r ‖W_r − W_g‖_F added to the loss (CoNAL subtracts it: the caller passes
 * lambda = −1e-5). Returns the term and accumulates its gradients into dw_global and dw_local
 * (either may be NULL); the gradient of a zero norm is taken as 0. */
float cs_noise_regulariser   (float              *dw_global,
                              float              *dw_local,
                              const float        *w_global,
                              const float        *w_local,
                              int                 K,
                              int                 R,
                              float               lambda);

/* The trace penalty of Tanno et al. (CVPR 2019) on n noise matrices: mu times the mean over
 * them of Σ_k softmax (W[k, :])_k, the trace of the confusion each stands for (the labels a
 * one-hot p of class k gives). Small traces say the crowd is noisy, so that the classifier
 * is the cleanest explanation of the labels. Returns the term and accumulates its gradient,
 * mu / n · s_k (δ_kj − s_j) for row k, into dw (when not NULL). */
float cs_noise_trace_penalty (float              *dw,
                              const float        *w,
                              int                 n,
                              int                 K,
                              float               mu);

/* n K×K matrices set to scale · I (CoNAL: 2 · I; Crowd Layer: 1 · I). */
void  cs_noise_init_identity (float              *m,
                              int                 n,
                              int                 K,
                              float               scale);
/* n K×K matrices set to the log of n confusions (rows true classes, summing to 1), each
 * probability at least CS_NOISE_LOG_FLOOR: then a one-hot p gives that confusion's row. */
#define CS_NOISE_LOG_FLOOR 1e-4f
void  cs_noise_init_log      (float              *m,
                              const float        *confusions,
                              int                 n,
                              int                 K);

G_END_DECLS
