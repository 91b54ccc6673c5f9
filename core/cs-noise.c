/* cs-noise.c — CoNAL's noise adaptation layer over the observed crowd labels
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-noise.h"

#include <math.h>
#include <string.h>

#include "cs-blas.h"
#include "cs-layers.h"

/* The whole layer works one label at a time with K ≤ ~16, so small on-stack rows are enough;
 * larger K is refused rather than allocated for. */
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

/* out[K] = x[K] · M[K,K], a row vector times a matrix. */
static void
row_times_matrix (float       *out,
                  const float *x,
                  const float *m,
                  int          K)
{
  for (int k = 0; k < K; k++)
    out[k] = 0.0f;
  for (int j = 0; j < K; j++)
    {
      float xj = x[j];
      const float *m_j = m + (size_t) j * K;

      for (int k = 0; k < K; k++)
        out[k] += xj * m_j[k];
    }
}

static inline const float *
local_matrix (const float *w_local,
              int          r,
              int          K)
{
  return w_local + (size_t) r * K * K;
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

  double loss = 0.0;

  if (w_global != NULL && L > 0)
    cs_matmul (buf->global_logits, p, w_global, B, K, K, false, false, 1.0f, 0.0f);

  for (int l = 0; l < L; l++)
    {
      const CsCrowdLabel *c = &labels[l];
      const float *p_i = p + (size_t) c->item * K;
      float *s = buf->crowd_logits + (size_t) l * K;

      if (w_global != NULL)
        {
          const float *g_i = buf->global_logits + (size_t) c->item * K;
          float *t = buf->local_logits + (size_t) l * K;
          float wl = w[l];

          row_times_matrix (t, p_i, local_matrix (w_local, c->annotator, K), K);
          for (int k = 0; k < K; k++)
            s[k] = wl * g_i[k] + (1.0f - wl) * t[k];
        }
      else
        row_times_matrix (s, p_i, local_matrix (w_local, c->annotator, K), K);
    }
  cs_softmax_rows (buf->crowd_probs, buf->lse, buf->crowd_logits, L, K);
  for (int l = 0; l < L; l++)
    loss += buf->lse[l] - buf->crowd_logits[(size_t) l * K + labels[l].label];

  return L > 0 ? (float) (loss / L) : 0.0f;
}

/* For one label, with ds = ∂loss/∂s_l and W_r entering s_l with weight a:
 *   dp_i += a · W_r · ds,   dW_r += a · p_iᵀ · ds.
 * W_r · ds is taken as Σ_k ds_k · (row k of W_rᵀ), so that both loops run along contiguous
 * rows and vectorise; as dot products of W_r's rows they would be K float reductions. */
static void
local_backward (float       *dp_i,  /* [K] */
                float       *dm,    /* [K,K] */
                const float *ds,    /* [K] */
                const float *p_i,   /* [K] */
                const float *m_t,   /* [K,K] W_r transposed */
                int          K,
                float        a)
{
  for (int k = 0; k < K; k++)
    {
      const float *mt_k = m_t + (size_t) k * K;
      float ads = a * ds[k];

      for (int j = 0; j < K; j++)
        dp_i[j] += ads * mt_k[j];
    }
  for (int j = 0; j < K; j++)
    {
      float *dm_j = dm + (size_t) j * K;
      float ap = a * p_i[j];

      for (int k = 0; k < K; k++)
        dm_j[k] += ap * ds[k];
    }
}

/* With W_g, per label: dw_l = ds · (p_i · W_g − p_i · W_r), both kept by the forward, and the
 * row's share of W_g's gradient, G_i += w_l · ds. Then for the whole batch
 *   dp += G · W_gᵀ,   dW_g += pᵀ · G. */
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

  float ds[CS_NOISE_MAX_K];

  if (L == 0)
    return;
  if (w_global != NULL)
    memset (buf->row_grads, 0, sizeof (float) * B * K);
  for (int r = 0; r < R; r++)
    for (int j = 0; j < K; j++)
      for (int k = 0; k < K; k++)
        buf->local_t[((size_t) r * K + k) * K + j] = w_local[((size_t) r * K + j) * K + k];

  for (int l = 0; l < L; l++)
    {
      const CsCrowdLabel *c = &labels[l];
      const float *probs = buf->crowd_probs + (size_t) l * K;
      const float *p_i = p + (size_t) c->item * K;
      float *dp_i = dp + (size_t) c->item * K;
      float *dw_r = dw_local + (size_t) c->annotator * K * K;
      float wl = w_global != NULL ? w[l] : 0.0f;

      /* The mean's 1/L folds into ds, the gradient of cross-entropy on the logits. */
      for (int k = 0; k < K; k++)
        ds[k] = (probs[k] - (k == c->label ? 1.0f : 0.0f)) / L;

      if (w_global != NULL)
        {
          const float *g_i = buf->global_logits + (size_t) c->item * K;
          const float *t = buf->local_logits + (size_t) l * K;
          float *G_i = buf->row_grads + (size_t) c->item * K;
          double acc = 0.0;

          for (int k = 0; k < K; k++)
            {
              acc += (double) (g_i[k] - t[k]) * ds[k];
              G_i[k] += wl * ds[k];
            }
          if (dw != NULL)
            dw[l] += (float) acc;
        }
      local_backward (dp_i, dw_r, ds, p_i, local_matrix (buf->local_t, c->annotator, K), K,
                      1.0f - wl);
    }

  if (w_global != NULL)
    {
      cs_matmul (dp, buf->row_grads, w_global, B, K, K, false, true, 1.0f, 1.0f);
      if (dw_global != NULL)
        cs_matmul (dw_global, p, buf->row_grads, K, K, B, true, false, 1.0f, 1.0f);
    }
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
