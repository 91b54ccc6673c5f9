/* cs-aux.c — kernels of CoNAL's auxiliary network, which decides w per (item, annotator)
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-aux.h"

#include <math.h>

#include "cs-blas.h"
#include "cs-simd.h"

/* torch.nn.functional.normalize's default floor on the norm. */
#define L2NORM_EPS 1e-12f

/* <a, b> over E floats, summed in double so that long rows lose no precision. */
static double
dot (const float *a,
     const float *b,
     int          E)
{
  double acc = 0.0;

  for (int e = 0; e < E; e++)
    acc += (double) a[e] * b[e];
  return acc;
}

/* <a, b> over E floats in eight float partial sums, which vectorise (one sum in order would
 * not): for w, which takes one such product per label. */
CS_CLONES static float
dot_lanes (const float *a,
           const float *b,
           int          E)
{
  float acc[8] = { 0 };
  float sum = 0.0f;
  int e = 0;

  for (; e + 8 <= E; e += 8)
    for (int j = 0; j < 8; j++)
      acc[j] += a[e + j] * b[e + j];
  for (; e < E; e++)
    acc[e % 8] += a[e] * b[e];
  for (int j = 0; j < 8; j++)
    sum += acc[j];
  return sum;
}

void
cs_aux_collapse_forward (float       *M,   /* [E,D] */
                         float       *c,   /* [E] */
                         const float *A1,  /* [A,D] */
                         const float *a1,  /* [A] */
                         const float *A2,  /* [E,A] */
                         const float *a2,  /* [E] */
                         int          D,
                         int          A,
                         int          E)
{
  g_return_if_fail (D > 0 && A > 0 && E > 0);

  cs_matmul (M, A2, A1, E, D, A, false, false, 1.0f, 0.0f);
  for (int e = 0; e < E; e++)
    c[e] = (float) dot (A2 + (size_t) e * A, a1, A) + a2[e];
}

void
cs_aux_collapse_backward (float       *dA1,  /* [A,D] */
                          float       *da1,  /* [A] */
                          float       *dA2,  /* [E,A] */
                          float       *da2,  /* [E] */
                          const float *dM,   /* [E,D] */
                          const float *dc,   /* [E] */
                          const float *A1,   /* [A,D] */
                          const float *a1,   /* [A] */
                          const float *A2,   /* [E,A] */
                          int          D,
                          int          A,
                          int          E)
{
  g_return_if_fail (D > 0 && A > 0 && E > 0);

  cs_matmul (dA1, A2, dM, A, D, E, true, false, 1.0f, 1.0f);
  cs_matmul (dA2, dM, A1, E, A, D, false, true, 1.0f, 1.0f);
  for (int e = 0; e < E; e++)
    {
      const float *A2_e = A2 + (size_t) e * A;
      float *dA2_e = dA2 + (size_t) e * A;

      for (int j = 0; j < A; j++)
        {
          da1[j] += A2_e[j] * dc[e];
          dA2_e[j] += dc[e] * a1[j];
        }
      da2[e] += dc[e];
    }
}

void
cs_l2norm_forward (float       *out,    /* [N,E] */
                   float       *norms,  /* [N] */
                   const float *inp,    /* [N,E] */
                   int          N,
                   int          E)
{
  g_return_if_fail (N >= 0 && E > 0);

  for (int n = 0; n < N; n++)
    {
      const float *x = inp + (size_t) n * E;
      float *y = out + (size_t) n * E;

      norms[n] = (float) sqrt (dot (x, x, E));

      float denom = MAX (norms[n], L2NORM_EPS);

      for (int e = 0; e < E; e++)
        y[e] = x[e] / denom;
    }
}

/* For y = x / ‖x‖: dx = (dy − y · <y, dy>) / ‖x‖. Below the floor the denominator is a
 * constant, so dx = dy / eps, as PyTorch's clamp_min gives. */
void
cs_l2norm_backward (float       *dinp,   /* [N,E] */
                    const float *dout,   /* [N,E] */
                    const float *out,    /* [N,E] */
                    const float *norms,  /* [N] */
                    int          N,
                    int          E)
{
  g_return_if_fail (N >= 0 && E > 0);

  for (int n = 0; n < N; n++)
    {
      const float *dy = dout + (size_t) n * E;
      const float *y = out + (size_t) n * E;
      float *dx = dinp + (size_t) n * E;

      if (norms[n] <= L2NORM_EPS)
        {
          for (int e = 0; e < E; e++)
            dx[e] += dy[e] / L2NORM_EPS;
          continue;
        }

      float y_dy = (float) dot (y, dy, E);

      for (int e = 0; e < E; e++)
        dx[e] += (dy[e] - y[e] * y_dy) / norms[n];
    }
}

void
cs_aux_annotator_forward (float       *u_pre,  /* [R,E] */
                          const float *U,      /* [R,E] */
                          const float *u_b,    /* [E] */
                          int          R,
                          int          E)
{
  g_return_if_fail (R >= 0 && E > 0);

  for (int r = 0; r < R; r++)
    for (int e = 0; e < E; e++)
      u_pre[(size_t) r * E + e] = U[(size_t) r * E + e] + u_b[e];
}

void
cs_aux_annotator_backward (float       *dU,      /* [R,E] */
                           float       *du_b,    /* [E] */
                           const float *du_pre,  /* [R,E] */
                           int          R,
                           int          E)
{
  g_return_if_fail (R >= 0 && E > 0);

  for (int r = 0; r < R; r++)
    for (int e = 0; e < E; e++)
      {
        float g = du_pre[(size_t) r * E + e];

        dU[(size_t) r * E + e] += g;
        du_b[e] += g;
      }
}

static float
sigmoid (float z)
{
  /* Written so that exp never overflows: for very negative z it is exp(z) / (1 + exp(z)). */
  if (z >= 0.0f)
    return 1.0f / (1.0f + expf (-z));

  float e = expf (z);

  return e / (1.0f + e);
}

CS_CLONES void
cs_aux_w_forward (float              *w,       /* [L] */
                  const float        *v,       /* [B,E] */
                  const float        *u,       /* [R,E] */
                  const float        *bias,    /* [R] or NULL */
                  const CsCrowdLabel *labels,  /* [L] */
                  int                 L,
                  int                 E)
{
  g_return_if_fail (L >= 0 && E > 0);

  for (int l = 0; l < L; l++)
    {
      const float *v_i = v + (size_t) labels[l].item * E;
      const float *u_r = u + (size_t) labels[l].annotator * E;
      float z = dot_lanes (v_i, u_r, E);

      w[l] = sigmoid (bias != NULL ? z + bias[labels[l].annotator] : z);
    }
}

/* σ' = σ (1 − σ), so the forward's w is all the backward needs of the dot product. */
CS_CLONES void
cs_aux_w_backward (float              *dv,      /* [B,E] or NULL */
                   float              *du,      /* [R,E] or NULL */
                   float              *dbias,   /* [R] or NULL */
                   const float        *dw,      /* [L] */
                   const float        *w,       /* [L] */
                   const float        *v,       /* [B,E] */
                   const float        *u,       /* [R,E] */
                   const CsCrowdLabel *labels,  /* [L] */
                   int                 L,
                   int                 E)
{
  g_return_if_fail (L >= 0 && E > 0);

  for (int l = 0; l < L; l++)
    {
      size_t vi = (size_t) labels[l].item * E;
      size_t ur = (size_t) labels[l].annotator * E;
      float dz = dw[l] * w[l] * (1.0f - w[l]);

      for (int e = 0; dv != NULL && e < E; e++)
        dv[vi + e] += dz * u[ur + e];
      for (int e = 0; du != NULL && e < E; e++)
        du[ur + e] += dz * v[vi + e];
      if (dbias != NULL)
        dbias[labels[l].annotator] += dz;
    }
}

void
cs_aux_project_forward (float       *Q,   /* [R,D] */
                        float       *b,   /* [R] */
                        float       *P,   /* [R,A] */
                        const float *A1,  /* [A,D] */
                        const float *a1,  /* [A] */
                        const float *A2,  /* [E,A] */
                        const float *a2,  /* [E] */
                        const float *u,   /* [R,E] */
                        int          R,
                        int          D,
                        int          A,
                        int          E)
{
  g_return_if_fail (R > 0 && D > 0 && A > 0 && E > 0);

  cs_matmul (P, u, A2, R, A, E, false, false, 1.0f, 0.0f);
  cs_matmul (Q, P, A1, R, D, A, false, false, 1.0f, 0.0f);
  for (int r = 0; r < R; r++)
    b[r] = (float) (dot (P + (size_t) r * A, a1, A) + dot (u + (size_t) r * E, a2, E));
}

void
cs_aux_project_backward (float       *dA1,  /* [A,D] */
                         float       *da1,  /* [A] */
                         float       *dA2,  /* [E,A] */
                         float       *da2,  /* [E] */
                         float       *du,   /* [R,E] */
                         float       *dP,   /* [R,A] scratch */
                         const float *dQ,   /* [R,D] */
                         const float *db,   /* [R] */
                         const float *P,    /* [R,A] */
                         const float *A1,   /* [A,D] */
                         const float *a1,   /* [A] */
                         const float *A2,   /* [E,A] */
                         const float *a2,   /* [E] */
                         const float *u,    /* [R,E] */
                         int          R,
                         int          D,
                         int          A,
                         int          E)
{
  g_return_if_fail (R > 0 && D > 0 && A > 0 && E > 0);

  cs_matmul (dP, dQ, A1, R, A, D, false, true, 1.0f, 0.0f);
  for (int r = 0; r < R; r++)
    {
      float *dP_r = dP + (size_t) r * A;
      const float *P_r = P + (size_t) r * A, *u_r = u + (size_t) r * E;
      float *du_r = du + (size_t) r * E;

      for (int j = 0; j < A; j++)
        {
          dP_r[j] += db[r] * a1[j];
          da1[j] += P_r[j] * db[r];
        }
      for (int e = 0; e < E; e++)
        {
          da2[e] += u_r[e] * db[r];
          du_r[e] += db[r] * a2[e];
        }
    }
  cs_matmul (dA1, P, dQ, A, D, R, true, false, 1.0f, 1.0f);
  cs_matmul (dA2, u, dP, E, A, R, true, false, 1.0f, 1.0f);
  cs_matmul (du, dP, A2, R, E, A, false, true, 1.0f, 1.0f);
}
