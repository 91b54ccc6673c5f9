/* cs-aux.h — kernels of CoNAL's auxiliary network, which decides w per (item, annotator)
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

/* The network, composed by the caller from these kernels and cs_linear_*:
 *   v_i = L2normalise ((x_i · A1 + a1) · A2 + a2)       item embeddings [B,E]
 *   u_r = L2normalise (U[r] + u_b)                      annotator embeddings [R,E]
 *   w_l = sigmoid (<v_{item_l}, u_{annotator_l}>)       one weight per observed label
 * U[r] + u_b is what the official code's nn.Linear over a one-hot annotator vector computes:
 * U here is the transpose of that layer's weight. */

/* Row-wise x / max (‖x‖, 1e-12), as torch.nn.functional.normalize. norms keeps the raw ‖x‖
 * for the backward. */
void cs_l2norm_forward          (float              *out,
                                 float              *norms,
                                 const float        *inp,
                                 int                 N,
                                 int                 E);
void cs_l2norm_backward         (float              *dinp,
                                 const float        *dout,
                                 const float        *out,
                                 const float        *norms,
                                 int                 N,
                                 int                 E);

/* u_pre[r] = U[r] + u_b for every annotator: the one-hot linear layer, without the one-hots. */
void cs_aux_annotator_forward   (float              *u_pre,
                                 const float        *U,
                                 const float        *u_b,
                                 int                 R,
                                 int                 E);
void cs_aux_annotator_backward  (float              *dU,
                                 float              *du_b,
                                 const float        *du_pre,
                                 int                 R,
                                 int                 E);

void cs_aux_w_forward           (float              *w,
                                 const float        *v,
                                 const float        *u,
                                 const CsCrowdLabel *labels,
                                 int                 L,
                                 int                 E);
void cs_aux_w_backward          (float              *dv,
                                 float              *du,
                                 const float        *dw,
                                 const float        *w,
                                 const float        *v,
                                 const float        *u,
                                 const CsCrowdLabel *labels,
                                 int                 L,
                                 int                 E);

G_END_DECLS
