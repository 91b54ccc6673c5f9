/* cs-noise.c — CoNAL's noise adaptation layer over the observed crowd labels
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-noise-private.h"

#include <math.h>
#include <string.h>

#include "cs-layers.h"
#include "cs-simd.h"

/* A label's rows of logits live on the stack, padded (see NOISE_LANES below); a larger K is
 * refused rather than allocated for. */
#define CS_NOISE_MAX_K 256

static bool
labels_valid (const CsCrowdLabel *labels,
              int                 B,
              int                 L,
              int                 K,
              int                 R)
{
  for (int l = 0; l < L; l++)
    {
      const CsCrowdLabel *c = &labels[l];

      if (c->item < 0 || c->item >= B || c->annotator < 0 || c->annotator >= R
          || c->label < 0 || c->label >= K)
        return false;
    }
  return true;
}

bool
cs_noise_labels_sorted (const CsCrowdLabel *labels,
                        int                 L)
{
  for (int l = 1; l < L; l++)
    if (labels[l].item < labels[l - 1].item)
      return false;
  return true;
}

/* The first label of item `item` or later, in labels sorted by item. */
static int
first_label_from (const CsCrowdLabel *labels,
                  int                 L,
                  int                 item)
{
  int lo = 0, hi = L;

  while (lo < hi)
    {
      int mid = lo + (hi - lo) / 2;

      if (labels[mid].item < item)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* A forward or backward over the batch, cut into parts. */
typedef struct
{
  CsNoiseBuffers     *buf;
  float              *dp;
  float              *dw;
  const float        *p;
  const float        *w;
  const CsCrowdLabel *labels;
  bool                global;
  int                 B, L, K, R, W;
} NoiseJob;

void
cs_noise_part_ranges (const CsCrowdLabel *labels,
                      int                 B,
                      int                 L,
                      int                 part,
                      int                 n_parts,
                      int                *b0,
                      int                *b1,
                      int                *l0,
                      int                *l1)
{
  cs_pool_range (B, part, n_parts, b0, b1);
  *l0 = part == 0 ? 0 : first_label_from (labels, L, *b0);
  *l1 = part == n_parts - 1 ? L : first_label_from (labels, L, *b1);
}

int
cs_noise_run_parts (CsPool             *pool,
                    const CsCrowdLabel *labels,
                    int                 B,
                    int                 L,
                    size_t              work,
                    size_t              part_work,
                    CsPoolFunc          func,
                    gpointer            data)
{
  int n_parts = 1;

  if (cs_noise_labels_sorted (labels, L))
    n_parts = cs_pool_count_parts (work, part_work, B, 1);
  return cs_pool_run_parts (pool, n_parts, func, data);
}

/* A label costs about 3 · K · W multiply-adds each way. The forward and the backward cut the
 * batch alike, for the backward's (R + 1) · K · W floats of gradients per part. */
static int
run_parts (NoiseJob   *job,
           CsPoolFunc  func)
{
  size_t pad = (size_t) (job->R + 1) * job->K * job->W;

  return cs_noise_run_parts (job->buf->pool, job->labels, job->B, job->L,
                             (size_t) job->L * 3 * job->K * job->W,
                             MAX (CS_POOL_PART_WORK, CS_NOISE_PAD_SHARE * pad), func, job);
}

#define NOISE_LANES 8

/* The on-stack rows hold a padded row of the largest K. */
G_STATIC_ASSERT (CS_NOISE_MAX_K % NOISE_LANES == 0);

int
cs_noise_padded_width (int K)
{
  return (K + NOISE_LANES - 1) / NOISE_LANES * NOISE_LANES;
}

size_t
cs_noise_buffers_layout (CsNoiseBuffers *buf,
                         float          *base,
                         int             B,
                         int             L,
                         int             K,
                         int             R,
                         bool            local,
                         bool            global)
{
  size_t off = 0, W = cs_noise_padded_width (K);

#define TAKE(field, count, present) \
  G_STMT_START { size_t n_ = (present) ? (size_t) (count) : 0; buf->field = base && n_ ? base + off : NULL; off += n_; } G_STMT_END
  TAKE (crowd_logits, (size_t) L * K, true);
  TAKE (crowd_probs, (size_t) L * K, true);
  TAKE (lse, L, true);
  TAKE (local_logits, (size_t) L * K, global);
  TAKE (global_logits, B * W, global);
  TAKE (row_grads, B * W, global);
  TAKE (local_pad, R * K * W, local);
  TAKE (global_pad, K * W, global);
  TAKE (dlocal_pad, (R + 1) * K * W, local);
  TAKE (part_pads, (size_t) (CS_POOL_MAX_PARTS - 1) * (R + 1) * K * W, local);
#undef TAKE
  return off;
}

typedef float NoiseVector __attribute__ ((vector_size (4 * NOISE_LANES)));

/* acc[c] += Σ_j x[j] · M[j, c·NOISE_LANES …] for the first `n_blocks` blocks of M's padded
 * rows: in each block the sum over j runs in order, in one register of NOISE_LANES floats (an
 * AVX register, or two SSE ones in the baseline build; written with the vector extension: left
 * to itself the compiler unrolls the block into scalar sums). */
static inline void
blocks_times (NoiseVector *acc,
              const float *x,
              const float *m,
              int          K,
              int          W,
              int          n_blocks)
{
  for (int j = 0; j < K; j++)
    for (int c = 0; c < n_blocks; c++)
      {
        NoiseVector row;

        memcpy (&row, m + (size_t) j * W + c * NOISE_LANES, sizeof row);
        acc[c] += x[j] * row;
      }
}

/* out[W] = x[K] · M[K, W], M's rows padded to W. With one or two blocks (K up to 16) their
 * sums advance side by side in registers, so neither waits on the other's additions; wider
 * rows go block by block. Every lane adds its terms in the same order either way. */
static inline void
row_times_padded (float       *out,
                  const float *x,
                  const float *m,
                  int          K,
                  int          W)
{
  if (W <= 2 * NOISE_LANES)
    {
      NoiseVector acc[2] = { { 0 }, { 0 } };

      if (W == NOISE_LANES)
        blocks_times (acc, x, m, K, W, 1);
      else
        blocks_times (acc, x, m, K, W, 2);
      memcpy (out, acc, sizeof (float) * W);
      return;
    }
  for (int c = 0; c < W; c += NOISE_LANES)
    {
      NoiseVector acc = { 0 };

      blocks_times (&acc, x, m + c, K, W, 1);
      memcpy (out + c, &acc, sizeof acc);
    }
}

/* y[W] += a · x[W], W a multiple of NOISE_LANES. */
static inline void
axpy_padded (float       *y,
             float        a,
             const float *x,
             int          W)
{
  for (int c = 0; c < W; c += NOISE_LANES)
    {
      NoiseVector vx, vy;

      memcpy (&vx, x + c, sizeof vx);
      memcpy (&vy, y + c, sizeof vy);
      vy += a * vx;
      memcpy (y + c, &vy, sizeof vy);
    }
}

/* n K×K matrices into rows padded to W, transposed or not. */
static void
pad_matrices (float       *out,  /* [n,K,W] */
              const float *m,    /* [n,K,K] */
              int          n,
              int          K,
              int          W,
              bool         transpose)
{
  memset (out, 0, sizeof (float) * n * K * W);
  for (int r = 0; r < n; r++)
    for (int j = 0; j < K; j++)
      for (int k = 0; k < K; k++)
        {
          float v = m[((size_t) r * K + j) * K + k];

          if (transpose)
            out[((size_t) r * K + k) * W + j] = v;
          else
            out[((size_t) r * K + j) * W + k] = v;
        }
}

CS_CLONES static void
forward_part (gpointer data,
              int      part,
              int      n_parts)
{
  NoiseJob *job = data;
  CsNoiseBuffers *buf = job->buf;
  int K = job->K, W = job->W;
  int b0, b1, l0, l1;
  float t[CS_NOISE_MAX_K];
  double loss = 0.0;

  cs_noise_part_ranges (job->labels, job->B, job->L, part, n_parts, &b0, &b1, &l0, &l1);
  for (int i = b0; job->global && i < b1; i++)
    row_times_padded (buf->global_logits + (size_t) i * W, job->p + (size_t) i * K,
                      buf->global_pad, K, W);

  for (int l = l0; l < l1; l++)
    {
      const CsCrowdLabel *c = &job->labels[l];
      float *s = buf->crowd_logits + (size_t) l * K;

      row_times_padded (t, job->p + (size_t) c->item * K,
                        buf->local_pad + (size_t) c->annotator * K * W, K, W);
      if (job->global)
        {
          const float *g_i = buf->global_logits + (size_t) c->item * W;
          float *t_l = buf->local_logits + (size_t) l * K;
          float wl = job->w[l];

          /* Loops, not memcpy: for ten floats the compiler's block copy costs more. */
          for (int k = 0; k < K; k++)
            {
              t_l[k] = t[k];
              s[k] = wl * g_i[k] + (1.0f - wl) * t[k];
            }
        }
      else
        for (int k = 0; k < K; k++)
          s[k] = t[k];
    }
  cs_softmax_rows (buf->crowd_probs + (size_t) l0 * K, buf->lse + l0,
                   buf->crowd_logits + (size_t) l0 * K, l1 - l0, K);
  for (int l = l0; l < l1; l++)
    loss += buf->lse[l] - buf->crowd_logits[(size_t) l * K + job->labels[l].label];
  buf->part_loss[part] = loss;
}

float
cs_noise_forward (CsNoiseBuffers     *buf,
                  const float        *p,         /* [B,K] */
                  const float        *w_global,  /* [K,K] or NULL */
                  const float        *w_local,   /* [R,K,K] */
                  const float        *w,         /* [L] or NULL */
                  const CsCrowdLabel *labels,    /* [L] */
                  int                 B,
                  int                 L,
                  int                 K,
                  int                 R)
{
  g_return_val_if_fail (buf != NULL, 0.0f);
  g_return_val_if_fail (B >= 0 && L >= 0 && K > 0 && K <= CS_NOISE_MAX_K && R > 0, 0.0f);
  g_return_val_if_fail (w_global == NULL || w != NULL, 0.0f);
  g_return_val_if_fail (labels_valid (labels, B, L, K, R), 0.0f);

  NoiseJob job = {
    buf, NULL, NULL, p, w, labels, w_global != NULL, B, L, K, R, cs_noise_padded_width (K),
  };
  double loss = 0.0;
  int n_parts;

  if (L == 0)
    return 0.0f;
  pad_matrices (buf->local_pad, w_local, R, K, job.W, false);
  if (w_global != NULL)
    pad_matrices (buf->global_pad, w_global, 1, K, job.W, false);
  n_parts = run_parts (&job, forward_part);
  for (int part = 0; part < n_parts; part++)
    loss += buf->part_loss[part];

  return (float) (loss / L);
}

/* Part `part`'s padded gradient rows: R annotators' and then W_g's. */
static float *
part_pad (CsNoiseBuffers *buf,
          int             part,
          int             R,
          int             K,
          int             W)
{
  if (part == 0)
    return buf->dlocal_pad;
  return buf->part_pads + (size_t) (part - 1) * (R + 1) * K * W;
}

/* Per label, with ds = ∂loss/∂s_l and W_r entering s_l with weight a = 1 − w_l:
 *   dp_i += a · W_r · ds   (as ds times the rows of W_rᵀ),   dW_r += a · p_iᵀ · ds,
 * and with W_g, dw_l = ds · (p_i · W_g − p_i · W_r), both kept by the forward, and the row's
 * share of W_g's gradient, G_i += w_l · ds. Then once per row
 *   dp_i += W_g · G_i,   dW_g += p_iᵀ · G_i.
 * The matrices' gradients gather in the part's padded rows. */
CS_CLONES static void
backward_part (gpointer data,
               int      part,
               int      n_parts)
{
  NoiseJob *job = data;
  CsNoiseBuffers *buf = job->buf;
  int K = job->K, W = job->W, L = job->L;
  float *dpad = part_pad (buf, part, job->R, K, W);
  float *dglobal = dpad + (size_t) job->R * K * W;
  float ds[CS_NOISE_MAX_K] = { 0 }, acc[CS_NOISE_MAX_K];
  int b0, b1, l0, l1;

  cs_noise_part_ranges (job->labels, job->B, job->L, part, n_parts, &b0, &b1, &l0, &l1);
  memset (dpad, 0, sizeof (float) * (job->R + 1) * K * W);
  if (job->global)
    memset (buf->row_grads + (size_t) b0 * W, 0, sizeof (float) * (b1 - b0) * W);

  for (int l = l0; l < l1; l++)
    {
      const CsCrowdLabel *c = &job->labels[l];
      const float *probs = buf->crowd_probs + (size_t) l * K;
      const float *p_i = job->p + (size_t) c->item * K;
      float *dp_i = job->dp + (size_t) c->item * K;
      float *dpad_r = dpad + (size_t) c->annotator * K * W;
      float wl = job->global ? job->w[l] : 0.0f;
      float a = 1.0f - wl;

      /* The mean's 1/L folds into ds, the gradient of cross-entropy on the logits. */
      for (int k = 0; k < K; k++)
        ds[k] = (probs[k] - (k == c->label ? 1.0f : 0.0f)) / L;

      if (job->global)
        {
          const float *g_i = buf->global_logits + (size_t) c->item * W;
          const float *t = buf->local_logits + (size_t) l * K;
          float *G_i = buf->row_grads + (size_t) c->item * W;
          double mix = 0.0;

          for (int k = 0; k < K; k++)
            mix += (double) (g_i[k] - t[k]) * ds[k];
          if (job->dw != NULL)
            job->dw[l] += (float) mix;
          axpy_padded (G_i, wl, ds, W);
        }
      row_times_padded (acc, ds, buf->local_pad + (size_t) c->annotator * K * W, K, W);
      for (int j = 0; j < K; j++)
        dp_i[j] += a * acc[j];
      for (int j = 0; j < K; j++)
        axpy_padded (dpad_r + (size_t) j * W, a * p_i[j], ds, W);
    }

  for (int i = b0; job->global && i < b1; i++)
    {
      const float *G_i = buf->row_grads + (size_t) i * W;
      const float *p_i = job->p + (size_t) i * K;
      float *dp_i = job->dp + (size_t) i * K;

      row_times_padded (acc, G_i, buf->global_pad, K, W);
      for (int j = 0; j < K; j++)
        {
          dp_i[j] += acc[j];
          axpy_padded (dglobal + (size_t) j * W, p_i[j], G_i, W);
        }
    }
}

/* Adds the parts' padded gradients in part order, shared out by rows of the matrices: each
 * row's sum runs over the parts alone, so the rows can be cut anywhere. */
typedef struct
{
  CsNoiseBuffers *buf;
  float          *dw_global, *dw_local;
  int             n_parts, K, R, W;
} GatherCall;

static void
gather_part (gpointer data,
             int      part,
             int      n_parts)
{
  GatherCall *c = data;
  int K = c->K, W = c->W, n_rows = (c->R + (c->dw_global != NULL)) * K;
  int row0, row1;

  cs_pool_range (n_rows, part, n_parts, &row0, &row1);
  for (int p = 0; p < c->n_parts; p++)
    {
      const float *pad = part_pad (c->buf, p, c->R, K, W);

      for (int row = row0; row < row1; row++)
        {
          float *dm = row < c->R * K ? c->dw_local + (size_t) row * K
                                     : c->dw_global + (size_t) (row - c->R * K) * K;

          for (int k = 0; k < K; k++)
            dm[k] += pad[(size_t) row * W + k];
        }
    }
}

static void
add_part_gradients (CsNoiseBuffers *buf,
                    float          *dw_global,
                    float          *dw_local,
                    int             n_parts,
                    int             K,
                    int             R,
                    int             W)
{
  GatherCall c = { buf, dw_global, dw_local, n_parts, K, R, W };

  cs_pool_run_sized (buf->pool, (size_t) n_parts * (R + 1) * K * K, gather_part, &c);
}

void
cs_noise_backward (float              *dp,         /* [B,K] */
                   float              *dw_global,  /* [K,K] or NULL */
                   float              *dw_local,   /* [R,K,K] */
                   float              *dw,         /* [L] or NULL */
                   CsNoiseBuffers     *buf,        /* from the forward */
                   const float        *p,          /* [B,K] */
                   const float        *w_global,   /* [K,K] or NULL */
                   const float        *w_local,    /* [R,K,K] */
                   const float        *w,          /* [L] or NULL */
                   const CsCrowdLabel *labels,     /* [L] */
                   int                 B,
                   int                 L,
                   int                 K,
                   int                 R)
{
  g_return_if_fail (buf != NULL);
  g_return_if_fail (B >= 0 && L >= 0 && K > 0 && K <= CS_NOISE_MAX_K && R > 0);
  g_return_if_fail (w_global == NULL || w != NULL);
  g_return_if_fail (w_global != NULL || dw_global == NULL);
  g_return_if_fail (labels_valid (labels, B, L, K, R));

  NoiseJob job = {
    buf, dp, dw, p, w, labels, w_global != NULL, B, L, K, R, cs_noise_padded_width (K),
  };
  int n_parts;

  if (L == 0)
    return;
  pad_matrices (buf->local_pad, w_local, R, K, job.W, true);
  if (w_global != NULL)
    pad_matrices (buf->global_pad, w_global, 1, K, job.W, true);
  n_parts = run_parts (&job, backward_part);
  add_part_gradients (buf, dw_global, dw_local, n_parts, K, R, job.W);
}

float
cs_noise_regulariser (float       *dw_global,  /* [K,K] or NULL */
                      float       *dw_local,   /* [R,K,K] or NULL */
                      const float *w_global,   /* [K,K] */
                      const float *w_local,    /* [R,K,K] */
                      int          K,
                      int          R,
                      float        lambda)
{
  g_return_val_if_fail (K > 0 && R >= 0, 0.0f);
  g_return_val_if_fail (w_global != NULL && (w_local != NULL || R == 0), 0.0f);

  size_t kk = (size_t) K * K;
  double total = 0.0;

  for (int r = 0; r < R; r++)
    {
      const float *w_r = w_local + r * kk;
      double sq = 0.0;

      for (size_t i = 0; i < kk; i++)
        {
          double d = (double) w_r[i] - w_global[i];

          sq += d * d;
        }

      double norm = sqrt (sq);

      total += norm;
      if (norm == 0.0)
        continue;

      /* ∂‖D‖/∂D = D / ‖D‖, with D = W_r − W_g entering W_r positively and W_g negatively. */
      float scale = (float) (lambda / norm);

      for (size_t i = 0; i < kk; i++)
        {
          float g = scale * (w_r[i] - w_global[i]);

          if (dw_local != NULL)
            dw_local[r * kk + i] += g;
          if (dw_global != NULL)
            dw_global[i] -= g;
        }
    }

  return (float) (lambda * total);
}

float
cs_noise_trace_penalty (float       *dw,
                        const float *w,
                        int          n,
                        int          K,
                        float        mu)
{
  double total = 0;
  double scale = n > 0 ? (double) mu / n : 0;

  g_return_val_if_fail (n >= 0 && K > 0 && K <= CS_NOISE_MAX_K, 0.0f);

  for (size_t row = 0; row < (size_t) n * K; row++)
    {
      const float *wr = w + row * K;
      int k = (int) (row % K);
      double top = -INFINITY, sum = 0, s[CS_NOISE_MAX_K];

      for (int j = 0; j < K; j++)
        top = fmax (top, wr[j]);
      for (int j = 0; j < K; j++)
        sum += s[j] = exp (wr[j] - top);
      for (int j = 0; j < K; j++)
        s[j] /= sum;
      total += s[k];
      for (int j = 0; dw != NULL && j < K; j++)
        dw[row * K + j] += (float) (scale * s[k] * ((j == k) - s[j]));
    }
  return (float) (scale * total);
}

void
cs_noise_init_identity (float *m,  /* [n,K,K] */
                        int    n,
                        int    K,
                        float  scale)
{
  g_return_if_fail (n >= 0 && K > 0);

  memset (m, 0, sizeof (float) * n * K * K);
  for (int r = 0; r < n; r++)
    for (int k = 0; k < K; k++)
      m[((size_t) r * K + k) * K + k] = scale;
}

void
cs_noise_init_log (float       *m,
                   const float *confusions,
                   int          n,
                   int          K)
{
  g_return_if_fail (n >= 0 && K > 0);

  for (size_t j = 0; j < (size_t) n * K * K; j++)
    m[j] = logf (fmaxf (confusions[j], CS_NOISE_LOG_FLOOR));
}
