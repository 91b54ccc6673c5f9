/* cs-noise.c — CoNAL's noise adaptation layer over the observed crowd labels
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-noise.h"

#include <math.h>
#include <string.h>

#include "cs-layers.h"

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

/* Rows of K logits are worked on in blocks of NOISE_LANES floats, a width the compiler keeps in
 * vector registers across a whole row-times-matrix; matrices are copied once per batch into
 * rows padded with zeros to a multiple of it (K = 8 is one block, K = 10 two). */
#define NOISE_LANES 8

/* The on-stack rows hold a padded row of the largest K. */
G_STATIC_ASSERT (CS_NOISE_MAX_K % NOISE_LANES == 0);

int
cs_noise_padded_width (int K)
{
  return (K + NOISE_LANES - 1) / NOISE_LANES * NOISE_LANES;
}

typedef float NoiseVector __attribute__ ((vector_size (16)));

/* out[W] = x[K] · M[K, W], M's rows padded to W: in each block the sum over j runs in order,
 * in two SSE registers (written with the vector extension: left to itself the compiler
 * unrolls the block into scalar sums). */
static inline void
row_times_padded (float       *out,
                  const float *x,
                  const float *m,
                  int          K,
                  int          W)
{
  enum { N = NOISE_LANES / 4 };

  for (int c = 0; c < W; c += NOISE_LANES)
    {
      NoiseVector acc[N] = { { 0 } };

      for (int j = 0; j < K; j++)
        {
          const float *m_j = m + (size_t) j * W + c;

          for (int v = 0; v < N; v++)
            {
              NoiseVector row;

              memcpy (&row, m_j + 4 * v, sizeof row);
              acc[v] += x[j] * row;
            }
        }
      memcpy (out + c, acc, sizeof acc);
    }
}

/* y[W] += a · x[W], W a multiple of NOISE_LANES. */
static inline void
axpy_padded (float       *y,
             float        a,
             const float *x,
             int          W)
{
  for (int c = 0; c < W; c += 4)
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

/* dm[j, k] += the first K of each padded row. */
static void
unpad_add (float       *dm,   /* [n,K,K] */
           const float *pad,  /* [n,K,W] */
           int          n,
           int          K,
           int          W)
{
  for (size_t row = 0; row < (size_t) n * K; row++)
    for (int k = 0; k < K; k++)
      dm[row * K + k] += pad[row * W + k];
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

  int W = cs_noise_padded_width (K);
  float t[CS_NOISE_MAX_K];
  double loss = 0.0;

  if (L == 0)
    return 0.0f;
  pad_matrices (buf->local_pad, w_local, R, K, W, false);
  if (w_global != NULL)
    {
      pad_matrices (buf->global_pad, w_global, 1, K, W, false);
      for (int i = 0; i < B; i++)
        row_times_padded (buf->global_logits + (size_t) i * W, p + (size_t) i * K,
                          buf->global_pad, K, W);
    }

  for (int l = 0; l < L; l++)
    {
      const CsCrowdLabel *c = &labels[l];
      float *s = buf->crowd_logits + (size_t) l * K;

      row_times_padded (t, p + (size_t) c->item * K, buf->local_pad + (size_t) c->annotator * K * W,
                        K, W);
      if (w_global != NULL)
        {
          const float *g_i = buf->global_logits + (size_t) c->item * W;
          float *t_l = buf->local_logits + (size_t) l * K;
          float wl = w[l];

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
  cs_softmax_rows (buf->crowd_probs, buf->lse, buf->crowd_logits, L, K);
  for (int l = 0; l < L; l++)
    loss += buf->lse[l] - buf->crowd_logits[(size_t) l * K + labels[l].label];

  return (float) (loss / L);
}

/* Per label, with ds = ∂loss/∂s_l and W_r entering s_l with weight a = 1 − w_l:
 *   dp_i += a · W_r · ds   (as ds times the rows of W_rᵀ),   dW_r += a · p_iᵀ · ds,
 * and with W_g, dw_l = ds · (p_i · W_g − p_i · W_r), both kept by the forward, and the row's
 * share of W_g's gradient, G_i += w_l · ds. Then once per row
 *   dp_i += W_g · G_i,   dW_g += p_iᵀ · G_i.
 * The matrices' gradients gather in padded rows, added to dw_local and dw_global at the end. */
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

  int W = cs_noise_padded_width (K);
  float ds[CS_NOISE_MAX_K], acc[CS_NOISE_MAX_K];

  if (L == 0)
    return;
  memset (ds, 0, sizeof ds);
  pad_matrices (buf->local_pad, w_local, R, K, W, true);
  memset (buf->dlocal_pad, 0, sizeof (float) * R * K * W);
  if (w_global != NULL)
    memset (buf->row_grads, 0, sizeof (float) * B * W);

  for (int l = 0; l < L; l++)
    {
      const CsCrowdLabel *c = &labels[l];
      const float *probs = buf->crowd_probs + (size_t) l * K;
      const float *p_i = p + (size_t) c->item * K;
      float *dp_i = dp + (size_t) c->item * K;
      float *dpad_r = buf->dlocal_pad + (size_t) c->annotator * K * W;
      float wl = w_global != NULL ? w[l] : 0.0f;
      float a = 1.0f - wl;

      /* The mean's 1/L folds into ds, the gradient of cross-entropy on the logits. */
      for (int k = 0; k < K; k++)
        ds[k] = (probs[k] - (k == c->label ? 1.0f : 0.0f)) / L;

      if (w_global != NULL)
        {
          const float *g_i = buf->global_logits + (size_t) c->item * W;
          const float *t = buf->local_logits + (size_t) l * K;
          float *G_i = buf->row_grads + (size_t) c->item * W;
          double mix = 0.0;

          for (int k = 0; k < K; k++)
            mix += (double) (g_i[k] - t[k]) * ds[k];
          if (dw != NULL)
            dw[l] += (float) mix;
          axpy_padded (G_i, wl, ds, W);
        }
      row_times_padded (acc, ds, buf->local_pad + (size_t) c->annotator * K * W, K, W);
      for (int j = 0; j < K; j++)
        dp_i[j] += a * acc[j];
      for (int j = 0; j < K; j++)
        axpy_padded (dpad_r + (size_t) j * W, a * p_i[j], ds, W);
    }
  unpad_add (dw_local, buf->dlocal_pad, R, K, W);

  if (w_global == NULL)
    return;
  pad_matrices (buf->global_pad, w_global, 1, K, W, true);
  memset (buf->dlocal_pad, 0, sizeof (float) * K * W);
  for (int i = 0; i < B; i++)
    {
      const float *G_i = buf->row_grads + (size_t) i * W;
      const float *p_i = p + (size_t) i * K;
      float *dp_i = dp + (size_t) i * K;

      row_times_padded (acc, G_i, buf->global_pad, K, W);
      for (int j = 0; j < K; j++)
        {
          dp_i[j] += acc[j];
          axpy_padded (buf->dlocal_pad + (size_t) j * W, p_i[j], G_i, W);
        }
    }
  if (dw_global != NULL)
    unpad_add (dw_global, buf->dlocal_pad, 1, K, W);
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
