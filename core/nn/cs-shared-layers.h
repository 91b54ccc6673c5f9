/* cs-shared-layers.h — the layers of cs-layers.h shared out over a pool's threads
 *
 * Each call cuts its work where the parts stay independent: products by rows of the batch or by
 * output units, BatchNorm by blocks of columns, ReLU–dropout by rows. Products are cut into
 * parts that their sizes fix, with a pool or without (OpenBLAS rounds an element by the block
 * it computes it in); the other layers compute each output alone, so that any cut gives the
 * same bits, and they are cut one part per thread (a NULL pool runs the plain layer). Any
 * thread count computes the same bits.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-pool.h"
#include "cs-rng.h"

G_BEGIN_DECLS

/* out[B,O] = inp[B,I] · weightᵀ + bias, as cs_linear_forward. */
void cs_shared_linear_forward          (CsPool      *pool,
                                        float       *out,
                                        const float *inp,
                                        const float *weight,
                                        const float *bias,
                                        int          B,
                                        int          I,
                                        int          O);
/* out[B,O] = inp[B,I] · weight[I,O], written. */
void cs_shared_matmul_rows             (CsPool      *pool,
                                        float       *out,
                                        const float *inp,
                                        const float *weight,
                                        int          B,
                                        int          I,
                                        int          O);
/* dweight[O,I] += doutᵀ · inp and dbias[O] += Σ_b dout (dbias may be NULL): the weights' half
 * of cs_linear_backward. */
void cs_shared_linear_backward_weights (CsPool      *pool,
                                        float       *dweight,
                                        float       *dbias,
                                        const float *dout,
                                        const float *inp,
                                        int          B,
                                        int          I,
                                        int          O);
/* cs_batchnorm_forward_train_part and the others, over all the parts. */
void cs_shared_batchnorm_forward_train (CsPool      *pool,
                                        float       *out,
                                        float       *mean,
                                        float       *rstd,
                                        float       *var,
                                        float       *running_mean,
                                        float       *running_var,
                                        const float *inp,
                                        int          B,
                                        int          C,
                                        float        momentum,
                                        float        eps);
void cs_shared_batchnorm_forward_eval  (CsPool      *pool,
                                        float       *out,
                                        const float *inp,
                                        const float *running_mean,
                                        const float *running_var,
                                        int          B,
                                        int          C,
                                        float        eps);
void cs_shared_batchnorm_backward      (CsPool      *pool,
                                        float       *dinp,
                                        const float *dout,
                                        const float *out,
                                        const float *rstd,
                                        int          B,
                                        int          C);
/* cs_relu_dropout_forward and its backward: the mask drawn in one stream, as cs_relu_dropout_forward
 * draws it, and applied by rows. */
void cs_shared_relu_dropout_forward    (CsPool      *pool,
                                        float       *out,
                                        float       *mask,
                                        const float *inp,
                                        int          ld,
                                        int          B,
                                        int          H,
                                        float        p,
                                        CsRng       *rng);
void cs_shared_relu_dropout_backward   (CsPool      *pool,
                                        float       *dinp,
                                        int          ld,
                                        const float *dout,
                                        const float *inp,
                                        const float *mask,
                                        int          B,
                                        int          H);

G_END_DECLS
