/* cs-layers.h — forward/backward pairs of the classifier's layers
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-rng.h"

G_BEGIN_DECLS

/* Conventions (as in llm.c): matrices are row-major float32; sizes are explicit; every
 * backward ACCUMULATES into its gradients with +=, so clearing all gradients is one memset;
 * nothing here allocates, so callers pass every scratch buffer. */

/* PyTorch nn.Linear default init: weight and bias ~ U(-1/sqrt(I), 1/sqrt(I)). The weight is
 * stored [O,I] as in PyTorch, so layers that read the same input can stack their weights
 * into one [O1 + O2, I] block and run as one product. */
void  cs_linear_init                   (float         *weight,
                                        float         *bias,
                                        int            I,
                                        int            O,
                                        CsRng         *rng);
void  cs_linear_forward                (float         *out,
                                        const float   *inp,
                                        const float   *weight,
                                        const float   *bias,
                                        int            B,
                                        int            I,
                                        int            O);
void  cs_linear_backward               (float         *dinp,
                                        float         *dweight,
                                        float         *dbias,
                                        const float   *dout,
                                        const float   *inp,
                                        const float   *weight,
                                        int            B,
                                        int            I,
                                        int            O);

/* ReLU then inverted dropout in one pass: out[b,j] = max (inp[b,j], 0) · mask[b,j], where
 * mask = (uniform >= p) ? 1/(1-p) : 0, the uniforms drawn from lanes seeded by rng
 * (cs_rng_lanes_init); p = 0 is ReLU alone, and leaves mask alone. The inputs are rows of a
 * wider matrix, ld floats apart, so the pre-activations can stay inside a product that
 * computed more columns. The backward WRITES (not adds) dinp[b,j] = inp[b,j] > 0 ?
 * dout[b,j] · mask[b,j] : 0 into the same layout, mask NULL meaning no dropout; the other
 * columns of dinp's rows are left alone. (ReLU's subgradient at 0 is 0, as in PyTorch.) */
void  cs_relu_dropout_forward          (float         *out,
                                        float         *mask,
                                        const float   *inp,
                                        int            ld,
                                        int            B,
                                        int            H,
                                        float          p,
                                        CsRng         *rng);
/* The forward's two halves, for threads that share a batch: the mask of N entries drawn in
 * order (0 < p < 1), then any rows of it applied (mask NULL: ReLU alone). */
void  cs_dropout_mask                  (float         *mask,
                                        int            N,
                                        float          p,
                                        CsRng         *rng);
void  cs_relu_dropout_apply            (float         *out,
                                        const float   *mask,
                                        const float   *inp,
                                        int            ld,
                                        int            B,
                                        int            H);
void  cs_relu_dropout_backward         (float         *dinp,
                                        int            ld,
                                        const float   *dout,
                                        const float   *inp,
                                        const float   *mask,
                                        int            B,
                                        int            H);

/* A linear layer over x moved onto xn, where x = xn ∘ σ + μ column by column (an input
 * BatchNorm's inverse): x · Wᵀ + b = xn · W'ᵀ + b' with W' = W ∘ σ (each row scaled) and
 * b' = b + W · μ. The backward maps the folded layer's gradients back:
 * dW += dW' ∘ σ + db' · μᵀ, db += db'. Weights [O,I]. */
void  cs_linear_fold_forward           (float         *w_folded,
                                        float         *b_folded,
                                        const float   *weight,
                                        const float   *bias,
                                        const float   *sigma,
                                        const float   *mu,
                                        int            I,
                                        int            O);
void  cs_linear_fold_backward          (float         *dweight,
                                        float         *dbias,
                                        const float   *dw_folded,
                                        const float   *db_folded,
                                        const float   *sigma,
                                        const float   *mu,
                                        int            I,
                                        int            O);

/* BatchNorm1d without affine (PyTorch semantics). Training normalises with the batch mean and
 * biased variance, saves mean/rstd for backward, and moves running_mean/running_var towards
 * the batch mean and UNBIASED batch variance by `momentum` (PyTorch: 0.1, eps 1e-5). Training
 * needs B > 1, as in PyTorch, since the unbiased variance of one row is undefined. Eval
 * normalises with the running statistics. */
void  cs_batchnorm_forward_train       (float         *out,
                                        float         *mean,
                                        float         *rstd,
                                        float         *running_mean,
                                        float         *running_var,
                                        const float   *inp,
                                        int            B,
                                        int            C,
                                        float          momentum,
                                        float          eps);
void  cs_batchnorm_forward_eval        (float         *out,
                                        const float   *inp,
                                        const float   *running_mean,
                                        const float   *running_var,
                                        int            B,
                                        int            C,
                                        float          eps);
void  cs_batchnorm_backward            (float         *dinp,
                                        const float   *dout,
                                        const float   *out,
                                        const float   *rstd,
                                        int            B,
                                        int            C);
/* The same over part `part` of n_parts of the columns, for threads that share a batch: whole
 * blocks of columns, each column computed exactly as by the functions above. The training
 * forward also gives the unbiased batch variance (var, may be NULL), what moves running_var. */
void  cs_batchnorm_forward_train_part  (float         *out,
                                        float         *mean,
                                        float         *rstd,
                                        float         *var,
                                        float         *running_mean,
                                        float         *running_var,
                                        const float   *inp,
                                        int            B,
                                        int            C,
                                        float          momentum,
                                        float          eps,
                                        int            part,
                                        int            n_parts);
void  cs_batchnorm_forward_eval_part   (float         *out,
                                        const float   *inp,
                                        const float   *running_mean,
                                        const float   *running_var,
                                        int            B,
                                        int            C,
                                        float          eps,
                                        int            part,
                                        int            n_parts);
/* The running statistics' move towards a batch's mean and unbiased variance, over C columns:
 * what the training forward does, for a caller that kept the batch's statistics. */
void  cs_batchnorm_update_running      (float         *running_mean,
                                        float         *running_var,
                                        const float   *mean,
                                        const float   *var,
                                        int            C,
                                        float          momentum);
void  cs_batchnorm_backward_part       (float         *dinp,
                                        const float   *dout,
                                        const float   *out,
                                        const float   *rstd,
                                        int            B,
                                        int            C,
                                        int            part,
                                        int            n_parts);

/* Row-wise softmax, max-subtracted so large logits cannot overflow. */
void  cs_softmax_forward               (float         *probs,
                                        const float   *logits,
                                        int            B,
                                        int            K);
void  cs_softmax_backward              (float         *dlogits,
                                        const float   *dprobs,
                                        const float   *probs,
                                        int            B,
                                        int            K);

/* Mean cross-entropy of softmax(logits) against targets; rows with target -1 are ignored and
 * the mean is over the others. Every row's softmax is left in probs_scratch. Accumulates
 * dlogits (already divided by the count) when dlogits != NULL. Returns the mean loss, 0 when
 * no row has a target. */
float cs_softmax_xent_forward_backward (float         *dlogits,
                                        float         *probs_scratch,
                                        const float   *logits,
                                        const int32_t *targets,
                                        int            B,
                                        int            K);

/* Softmax of N rows at once (the exponentials vectorise across rows), with each row's
 * log-partition max + log Σ exp(x − max) in lse when it is not NULL, so that a cross-entropy
 * never takes the log of a rounded probability. cs_softmax_row is one row. */
void  cs_softmax_rows                  (float         *probs,
                                        float         *lse,
                                        const float   *logits,
                                        int            N,
                                        int            K);
float cs_softmax_row                   (float         *probs,
                                        const float   *logits,
                                        int            K);

G_END_DECLS
