/* cs-noise.h — CoNAL's noise adaptation layer over the observed crowd labels
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-pool.h"
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
 * With a pool, the batch's rows are cut into one range per thread, each with its rows' labels
 * (labels sorted by item; unsorted labels run as one part). Each part gathers the matrices'
 * gradients in rows of its own, added up in part order: the same thread count gives the same
 * sums. */
typedef struct
{
  float *crowd_logits;   /* [L,K] s_l */
  float *crowd_probs;    /* [L,K] softmax (s_l), kept for the backward */
  float *lse;            /* [L] log Σ exp (s_l) */
  float *local_logits;   /* [L,K] p_i · W_r, kept for the backward; with W_g only */
  float *global_logits;  /* [B,W] p · W_g, kept for the backward; with W_g only */
  float *row_grads;      /* [B,W] the backward's scratch; with W_g only */
  float *local_pad;      /* [R,K,W] every W_r (forward) or W_rᵀ (backward) in padded rows */
  float *global_pad;     /* [K,W] the same for W_g; with W_g only */
  float *dlocal_pad;     /* [R + 1,K,W] the backward's gradients of the matrices (W_g's last),
                          * padded; part 0's */
  CsPool *pool;          /* NULL: one part */
  float  *part_pads;     /* [threads − 1, R + 1, K, W] the other parts' dlocal_pad */
  double  part_loss[CS_POOL_MAX_THREADS];
} CsNoiseBuffers;

/* Whether labels are sorted by item, as sharing them out needs; and the rows [*b0, *b1) of part
 * `part` of n_parts of a batch of B rows, with their labels [*l0, *l1) when sorted.
 * cs_noise_run_parts runs per-label work of about `work` operations over the pool, as one
 * part for unsorted labels or little work, and returns the number of parts that ran. */
bool  cs_noise_labels_sorted (const CsCrowdLabel *labels,
                              int                 L);
int   cs_noise_run_parts     (CsPool             *pool,
                              const CsCrowdLabel *labels,
                              int                 L,
                              size_t              work,
                              CsPoolFunc          func,
                              gpointer            data);
void  cs_noise_part_ranges   (const CsCrowdLabel *labels,
                              int                 B,
                              int                 L,
                              int                 part,
                              int                 n_parts,
                              int                *b0,
                              int                *b1,
                              int                *l0,
                              int                *l1);

/* W, the padded width of a row of K logits (a multiple of 8), sizes some of the buffers. */
int   cs_noise_padded_width  (int                 K);

/* Points the buffers' float arrays into `base` one after the other, crowd_logits first (or
 * only counts, when base is NULL), sized for B rows and L labels of K classes and R annotators,
 * with the annotators' matrices (`local`) and the common one (`global`) or without; returns
 * how many floats they take. The pool, part_pads and part_loss are the caller's. */
size_t cs_noise_buffers_layout (CsNoiseBuffers   *buf,
                                float            *base,
                                int               B,
                                int               L,
                                int               K,
                                int               R,
                                bool              local,
                                bool              global);

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

/* n K×K matrices set to scale · I (CoNAL: 2 · I; Crowd Layer: 1 · I). */
void  cs_noise_init_identity (float              *m,
                              int                 n,
                              int                 K,
                              float               scale);

G_END_DECLS
