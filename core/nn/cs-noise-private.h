/* cs-noise-private.h — the noise layers' buffers and how they cut a batch into parts
 *
 * For the model (cs-model.c) and the tests: nothing outside core/nn sees these.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-noise.h"
#include "cs-pool.h"

G_BEGIN_DECLS

struct _CsNoiseBuffers
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
  float *part_pads;      /* [CS_POOL_MAX_PARTS − 1, R + 1, K, W] the other parts' dlocal_pad */
  CsPool *pool;          /* NULL: every part on the caller */
  double  part_loss[CS_POOL_MAX_PARTS];
};

/* Whether labels are sorted by item, as cutting them into parts needs; and the rows [*b0, *b1)
 * of part `part` of n_parts of a batch of B rows, with their labels [*l0, *l1) when sorted.
 * cs_noise_run_parts runs per-label work of about `work` operations over the pool in parts of
 * at least part_work (cs_pool_count_parts over the rows; one part for unsorted labels), and
 * returns the number of parts that ran: the sizes alone fix it. */
bool   cs_noise_labels_sorted  (const CsCrowdLabel *labels,
                                int                 L);
int    cs_noise_run_parts      (CsPool             *pool,
                                const CsCrowdLabel *labels,
                                int                 B,
                                int                 L,
                                size_t              work,
                                size_t              part_work,
                                CsPoolFunc          func,
                                gpointer            data);
void   cs_noise_part_ranges    (const CsCrowdLabel *labels,
                                int                 B,
                                int                 L,
                                int                 part,
                                int                 n_parts,
                                int                *b0,
                                int                *b1,
                                int                *l0,
                                int                *l1);

/* A part that gathers gradients in buffers of its own (n floats, zeroed and then added up in
 * part order) is given at least CS_NOISE_PAD_SHARE · n operations of work, so that they cost
 * little beside it. */
#define CS_NOISE_PAD_SHARE 16

/* W, the padded width of a row of K logits (a multiple of 8), sizes some of the buffers. */
int    cs_noise_padded_width   (int                 K);

/* Points the buffers' float arrays into `base` one after the other, crowd_logits first (or
 * only counts, when base is NULL), sized for B rows and L labels of K classes and R annotators,
 * with the annotators' matrices (`local`) and the common one (`global`) or without; returns
 * how many floats they take. The pool is the caller's. */
size_t cs_noise_buffers_layout (CsNoiseBuffers     *buf,
                                float              *base,
                                int                 B,
                                int                 L,
                                int                 K,
                                int                 R,
                                bool                local,
                                bool                global);

G_END_DECLS
