/* cs-noise.c — CoNAL's noise adaptation layer over the observed crowd labels
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-noise.h"

#include <math.h>
#include <string.h>

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

/* out[K] (+)= scale · x[K] · M[K,K], a row vector times a matrix. */
static void
row_times_matrix (float       *out,
                  const float *x,
                  const float *m,
                  int          K,
                  float        scale)
{
  for (int j = 0; j < K; j++)
    {
      float xj = scale * x[j];
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
cs_noise_forward (float              *crowd_logits,  /* [L,K] */
                  float              *crowd_probs,   /* [L,K] */
                  const float        *p,             /* [B,K] */
                  const float        *w_global,      /* [K,K] or NULL */
                  const float        *w_local,       /* [R,K,K] */
                  const float        *w,             /* [L] or NULL */
                  const CsCrowdLabel *labels,        /* [L] */
                  int                 B,
                  int                 L,
                  int                 K,
                  int                 R)
{
  g_return_val_if_fail (B >= 0 && L >= 0 && K > 0 && K <= CS_NOISE_MAX_K && R > 0, 0.0f);
  g_return_val_if_fail (w_global == NULL || w != NULL, 0.0f);
  g_return_val_if_fail (labels_valid (labels, B, L, K, R), 0.0f);

  double loss = 0.0;

  for (int l = 0; l < L; l++)
    {
      const CsCrowdLabel *c = &labels[l];
      const float *p_i = p + (size_t) c->item * K;
      float *s = crowd_logits + (size_t) l * K;
      float wl = w_global != NULL ? w[l] : 0.0f;

      memset (s, 0, sizeof (float) * K);
      if (w_global != NULL)
        row_times_matrix (s, p_i, w_global, K, wl);
      row_times_matrix (s, p_i, local_matrix (w_local, c->annotator, K), K, 1.0f - wl);

      float lse = cs_softmax_row (crowd_probs + (size_t) l * K, s, K);

      loss += lse - s[c->label];
    }

  return L > 0 ? (float) (loss / L) : 0.0f;
}

/* For one label, with ds = ∂loss/∂s_l and matrix M entering s_l with weight a:
 *   dp_i += a · M · ds,   dM += a · p_iᵀ · ds. */
static void
matrix_backward (float       *dp_i,  /* [K] */
                 float       *dm,    /* [K,K] or NULL */
                 const float *ds,    /* [K] */
                 const float *p_i,   /* [K] */
                 const float *m,     /* [K,K] */
                 int          K,
                 float        a)
{
  for (int j = 0; j < K; j++)
    {
      const float *m_j = m + (size_t) j * K;
      float acc = 0.0f;

      for (int k = 0; k < K; k++)
        acc += m_j[k] * ds[k];
      dp_i[j] += a * acc;
      if (dm != NULL)
        {
          float *dm_j = dm + (size_t) j * K;
          float ap = a * p_i[j];

          for (int k = 0; k < K; k++)
            dm_j[k] += ap * ds[k];
        }
    }
}

/* ∂s_l/∂w_l = p_i · W_g − p_i · W_r, so dw_l = ds · (p_i · (W_g − W_r)). */
static float
mix_weight_grad (const float *ds,
                 const float *p_i,
                 const float *w_global,
                 const float *w_r,
                 int          K)
{
  double acc = 0.0;

  for (int j = 0; j < K; j++)
    {
      const float *g_j = w_global + (size_t) j * K;
      const float *r_j = w_r + (size_t) j * K;
      double row = 0.0;

      for (int k = 0; k < K; k++)
        row += (double) (g_j[k] - r_j[k]) * ds[k];
      acc += p_i[j] * row;
    }
  return (float) acc;
}

void
cs_noise_backward (float              *dp,           /* [B,K] */
                   float              *dw_global,    /* [K,K] or NULL */
                   float              *dw_local,     /* [R,K,K] */
                   float              *dw,           /* [L] or NULL */
                   const float        *crowd_probs,  /* [L,K], from the forward */
                   const float        *p,            /* [B,K] */
                   const float        *w_global,     /* [K,K] or NULL */
                   const float        *w_local,      /* [R,K,K] */
                   const float        *w,            /* [L] or NULL */
                   const CsCrowdLabel *labels,       /* [L] */
                   int                 B,
                   int                 L,
                   int                 K,
                   int                 R)
{
  g_return_if_fail (B >= 0 && L >= 0 && K > 0 && K <= CS_NOISE_MAX_K && R > 0);
  g_return_if_fail (w_global == NULL || w != NULL);
  g_return_if_fail (w_global != NULL || dw_global == NULL);
  g_return_if_fail (labels_valid (labels, B, L, K, R));

  float ds[CS_NOISE_MAX_K];

  for (int l = 0; l < L; l++)
    {
      const CsCrowdLabel *c = &labels[l];
      const float *probs = crowd_probs + (size_t) l * K;
      const float *p_i = p + (size_t) c->item * K;
      float *dp_i = dp + (size_t) c->item * K;
      const float *w_r = local_matrix (w_local, c->annotator, K);
      float *dw_r = dw_local + (size_t) c->annotator * K * K;
      float wl = w_global != NULL ? w[l] : 0.0f;

      /* The mean's 1/L folds into ds, the gradient of cross-entropy on the logits. */
      for (int k = 0; k < K; k++)
        ds[k] = (probs[k] - (k == c->label ? 1.0f : 0.0f)) / L;

      if (w_global != NULL)
        {
          matrix_backward (dp_i, dw_global, ds, p_i, w_global, K, wl);
          if (dw != NULL)
            dw[l] += mix_weight_grad (ds, p_i, w_global, w_r, K);
        }
      matrix_backward (dp_i, dw_r, ds, p_i, w_r, K, 1.0f - wl);
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
