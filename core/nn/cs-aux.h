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

/* The item tower's two linears have no activation between them, so they are one linear:
 *   (x · A1ᵀ + a1) · A2ᵀ + a2 = x · Mᵀ + c,   M = A2 · A1 [E,D],   c = A2 · a1 + a2 [E].
 * Training runs the product over the batch with M (E columns) instead of A1 (A columns, and
 * A = 128 > E = 20 by default), and the backward maps dM, dc back onto A1, a1, A2, a2:
 *   dA1 += A2ᵀ · dM,  da1 += A2ᵀ · dc,  dA2 += dM · A1ᵀ + dc · a1ᵀ,  da2 += dc.
 * Weights are [out, in] as everywhere: A1 [A,D], A2 [E,A]. */
void cs_aux_collapse_forward    (float              *M,
                                 float              *c,
                                 const float        *A1,
                                 const float        *a1,
                                 const float        *A2,
                                 const float        *a2,
                                 int                 D,
                                 int                 A,
                                 int                 E);
void cs_aux_collapse_backward   (float              *dA1,
                                 float              *da1,
                                 float              *dA2,
                                 float              *da2,
                                 const float        *dM,
                                 const float        *dc,
                                 const float        *A1,
                                 const float        *a1,
                                 const float        *A2,
                                 int                 D,
                                 int                 A,
                                 int                 E);

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

/* w_l = σ (⟨v_i, u_r⟩ + bias_r); bias may be NULL (no bias). The backward accumulates into
 * dv, du and dbias, any of which may be NULL when that gradient is not wanted. */
void cs_aux_w_forward           (float              *w,
                                 const float        *v,
                                 const float        *u,
                                 const float        *bias,
                                 const CsCrowdLabel *labels,
                                 int                 L,
                                 int                 E);
void cs_aux_w_backward          (float              *dv,
                                 float              *du,
                                 float              *dbias,
                                 const float        *dw,
                                 const float        *w,
                                 const float        *v,
                                 const float        *u,
                                 const CsCrowdLabel *labels,
                                 int                 L,
                                 int                 E);

/* When v is not normalised, ⟨v_i, u_r⟩ = ⟨x_i · Mᵀ + c, u_r⟩ = ⟨x_i, q_r⟩ + b_r with
 *   Q = u · M [R,D],   b = u · c [R],
 * so w needs one D-long product per label (cs_aux_w_forward over x and Q with bias b) instead
 * of E columns per row of the batch. Q and b are taken through the tower itself, without M:
 * with P = u · A2 [R,A],
 *   Q = P · A1,   b = P · a1 + u · a2,
 * R · A · (E + D) multiply-adds where collapsing and projecting take E · D · (A + R): fewer for
 * few annotators (Music: 44). P is kept for the backward, which accumulates the tower's and
 * u's gradients, with dP [R,A] as scratch:
 *   dP = dQ · A1ᵀ + db · a1ᵀ,   dA1 += Pᵀ · dQ,   da1 += Pᵀ · db,
 *   dA2 += uᵀ · dP,   da2 += uᵀ · db,   du += dP · A2ᵀ + db · a2ᵀ. */
void cs_aux_project_forward  (float              *Q,
                                    float              *b,
                                    float              *P,
                                    const float        *A1,
                                    const float        *a1,
                                    const float        *A2,
                                    const float        *a2,
                                    const float        *u,
                                    int                 R,
                                    int                 D,
                                    int                 A,
                                    int                 E);
void cs_aux_project_backward (float              *dA1,
                                    float              *da1,
                                    float              *dA2,
                                    float              *da2,
                                    float              *du,
                                    float              *dP,
                                    const float        *dQ,
                                    const float        *db,
                                    const float        *P,
                                    const float        *A1,
                                    const float        *a1,
                                    const float        *A2,
                                    const float        *a2,
                                    const float        *u,
                                    int                 R,
                                    int                 D,
                                    int                 A,
                                    int                 E);

G_END_DECLS
