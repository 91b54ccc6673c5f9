/* test-aux.c — the auxiliary network's kernels, and a composed CoNAL gradient check
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-aux.h"
#include "cs-blas.h"
#include "cs-gradcheck.h"
#include "cs-layers.h"
#include "cs-noise-private.h"
#include "test-util.h"

#define B CS_TEST_CROWD_ITEMS
#define R CS_TEST_CROWD_ANNOTATORS
#define K CS_TEST_CROWD_CLASSES
#define L CS_TEST_CROWD_LABELS
#define E 3
#define D 6

static const CsCrowdLabel *const labels = cs_test_crowd;

/* ---- l2norm ------------------------------------------------------------------------------ */

typedef struct
{
  float inp[B * E];
  float out[B * E];
  float norms[B];
  float r[B * E];
} L2Case;

static double
l2_loss (gpointer data)
{
  L2Case *c = data;

  cs_l2norm_forward (c->out, c->norms, c->inp, B, E);
  return cs_test_weighted_sum (c->out, c->r, B * E);
}

static void
test_l2norm (void)
{
  L2Case c;
  float dinp[B * E] = { 0 };

  cs_test_fill_uniform (c.inp, B * E, -2.0f, 2.0f, 81);
  cs_test_fill_uniform (c.r, B * E, -1.0f, 1.0f, 82);
  l2_loss (&c);
  for (int b = 0; b < B; b++)
    {
      double sq_in = 0.0, sq_out = 0.0;

      for (int e = 0; e < E; e++)
        {
          sq_in += pow (c.inp[b * E + e], 2);
          sq_out += pow (c.out[b * E + e], 2);
        }
      g_assert_cmpfloat_with_epsilon (c.norms[b], sqrt (sq_in), 1e-6);
      g_assert_cmpfloat_with_epsilon (sq_out, 1.0, 1e-6);
    }

  cs_l2norm_backward (dinp, c.r, c.out, c.norms, B, E);
  cs_gradcheck_assert ("l2norm dinp", l2_loss, &c, c.inp, dinp, B * E);

  /* Scaling a row leaves its direction alone, so the gradient is orthogonal to the row. */
  for (int b = 0; b < B; b++)
    {
      double d = 0.0;

      for (int e = 0; e < E; e++)
        d += (double) dinp[b * E + e] * c.inp[b * E + e];
      g_assert_cmpfloat (fabs (d), <, 1e-5);
    }
}

/* A zero row stays zero (x / 1e-12, as torch.nn.functional.normalize) instead of NaN. */
static void
test_l2norm_zero_row (void)
{
  const float inp[E] = { 0 };
  float out[E], norm, dinp[E] = { 0 };
  const float dout[E] = { 1e-12f, 0.0f, -2e-12f };

  cs_l2norm_forward (out, &norm, inp, 1, E);
  g_assert_cmpfloat (norm, ==, 0.0f);
  for (int e = 0; e < E; e++)
    g_assert_cmpfloat (out[e], ==, 0.0f);
  cs_l2norm_backward (dinp, dout, out, &norm, 1, E);
  g_assert_cmpfloat_with_epsilon (dinp[0], 1.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (dinp[2], -2.0, 1e-6);
}

/* ---- the collapsed item tower ----------------------------------------------------------- */

#define CA 4

typedef struct
{
  float A1[CA * D], a1[CA], A2[E * CA], a2[E];
  float M[E * D], c[E];
  float rM[E * D], rc[E];
} CollapseCase;

static double
collapse_loss (gpointer data)
{
  CollapseCase *k = data;

  cs_aux_collapse_forward (k->M, k->c, k->A1, k->a1, k->A2, k->a2, D, CA, E);
  return cs_test_weighted_sum (k->M, k->rM, E * D) + cs_test_weighted_sum (k->c, k->rc, E);
}

static void
test_collapse (void)
{
  CollapseCase k;
  float x[B * D], hidden[B * CA], two[B * E], one[B * E];
  float dA1[CA * D] = { 0 }, da1[CA] = { 0 }, dA2[E * CA] = { 0 }, da2[E] = { 0 };

  cs_test_fill_uniform (k.A1, CA * D, -1.0f, 1.0f, 111);
  cs_test_fill_uniform (k.a1, CA, -1.0f, 1.0f, 112);
  cs_test_fill_uniform (k.A2, E * CA, -1.0f, 1.0f, 113);
  cs_test_fill_uniform (k.a2, E, -1.0f, 1.0f, 114);
  cs_test_fill_uniform (k.rM, E * D, -1.0f, 1.0f, 115);
  cs_test_fill_uniform (k.rc, E, -1.0f, 1.0f, 116);
  cs_test_fill_uniform (x, B * D, -2.0f, 2.0f, 117);

  /* One linear computes what the two did. */
  collapse_loss (&k);
  cs_linear_forward (hidden, x, k.A1, k.a1, B, D, CA);
  cs_linear_forward (two, hidden, k.A2, k.a2, B, CA, E);
  cs_linear_forward (one, x, k.M, k.c, B, D, E);
  for (int i = 0; i < B * E; i++)
    g_assert_cmpfloat_with_epsilon (one[i], two[i], 1e-5);

  cs_aux_collapse_backward (dA1, da1, dA2, da2, k.rM, k.rc, k.A1, k.a1, k.A2, D, CA, E);
  cs_gradcheck_assert ("collapse dA1", collapse_loss, &k, k.A1, dA1, CA * D);
  cs_gradcheck_assert ("collapse da1", collapse_loss, &k, k.a1, da1, CA);
  cs_gradcheck_assert ("collapse dA2", collapse_loss, &k, k.A2, dA2, E * CA);
  cs_gradcheck_assert ("collapse da2", collapse_loss, &k, k.a2, da2, E);
}

/* ---- annotator embedding and w ----------------------------------------------------------- */

typedef struct
{
  float v[B * E];
  float u[R * E];
  float bias[R];
  float w[L];
  float r[L];
} AuxWCase;

static double
aux_w_loss (gpointer data)
{
  AuxWCase *c = data;

  cs_aux_w_forward (c->w, c->v, c->u, c->bias, labels, L, E);
  return cs_test_weighted_sum (c->w, c->r, L);
}

static void
test_aux_w (void)
{
  AuxWCase c;
  float dv[B * E] = { 0 }, du[R * E] = { 0 }, dbias[R] = { 0 };

  cs_test_fill_uniform (c.v, B * E, -1.5f, 1.5f, 91);
  cs_test_fill_uniform (c.u, R * E, -1.5f, 1.5f, 92);
  cs_test_fill_uniform (c.bias, R, -1.0f, 1.0f, 94);
  cs_test_fill_uniform (c.r, L, -1.0f, 1.0f, 93);
  aux_w_loss (&c);
  for (int l = 0; l < L; l++)
    {
      double z = c.bias[labels[l].annotator];

      for (int e = 0; e < E; e++)
        z += (double) c.v[labels[l].item * E + e] * c.u[labels[l].annotator * E + e];
      g_assert_cmpfloat_with_epsilon (c.w[l], 1.0 / (1.0 + exp (-z)), 1e-6);
    }

  cs_aux_w_backward (dv, du, dbias, c.r, c.w, c.v, c.u, labels, L, E);
  cs_gradcheck_assert ("aux w dv", aux_w_loss, &c, c.v, dv, B * E);
  cs_gradcheck_assert ("aux w du", aux_w_loss, &c, c.u, du, R * E);
  cs_gradcheck_assert ("aux w dbias", aux_w_loss, &c, c.bias, dbias, R);
  for (int e = 0; e < E; e++)
    g_assert_cmpfloat (dv[2 * E + e], ==, 0.0f);   /* item 2 has no labels */

  /* Without a bias, w is σ of the product alone; a NULL gradient is skipped and changes
   * none of the others. */
  {
    float w[L], dv_only[B * E] = { 0 }, dv_both[B * E] = { 0 }, du_both[R * E] = { 0 };

    cs_aux_w_forward (w, c.v, c.u, NULL, labels, L, E);
    for (int l = 0; l < L; l++)
      {
        double z = 0.0;

        for (int e = 0; e < E; e++)
          z += (double) c.v[labels[l].item * E + e] * c.u[labels[l].annotator * E + e];
        g_assert_cmpfloat_with_epsilon (w[l], 1.0 / (1.0 + exp (-z)), 1e-6);
      }
    cs_aux_w_backward (dv_only, NULL, NULL, c.r, w, c.v, c.u, labels, L, E);
    cs_aux_w_backward (dv_both, du_both, NULL, c.r, w, c.v, c.u, labels, L, E);
    g_assert_cmpmem (dv_only, sizeof dv_only, dv_both, sizeof dv_both);
  }
}

/* ---- w projected onto the annotators ------------------------------------------------------- */

typedef struct
{
  float A1[CA * D], a1[CA], A2[E * CA], a2[E], u[R * E];
  float x[B * D];
  float Q[R * D], b[R], P[R * CA];
  float w[L], r[L];
} ProjectCase;

static double
project_loss (gpointer data)
{
  ProjectCase *k = data;

  cs_aux_project_forward (k->Q, k->b, k->P, k->A1, k->a1, k->A2, k->a2, k->u, R, D, CA, E);
  cs_aux_w_forward (k->w, k->x, k->Q, k->b, labels, L, D);
  return cs_test_weighted_sum (k->w, k->r, L);
}

/* w over x and the projected Q, b is w over v = (x · A1ᵀ + a1) · A2ᵀ + a2 and u, and its
 * gradients in the tower and in u match finite differences. */
static void
test_aux_project (void)
{
  ProjectCase k;
  float M[E * D], c[E], v[B * E], direct[L];
  float dQ[R * D] = { 0 }, db[R] = { 0 }, dP[R * CA];
  float dA1[CA * D] = { 0 }, da1[CA] = { 0 }, dA2[E * CA] = { 0 }, da2[E] = { 0 };
  float du[R * E] = { 0 };

  cs_test_fill_uniform (k.A1, CA * D, -1.0f, 1.0f, 131);
  cs_test_fill_uniform (k.a1, CA, -1.0f, 1.0f, 132);
  cs_test_fill_uniform (k.A2, E * CA, -1.0f, 1.0f, 133);
  cs_test_fill_uniform (k.a2, E, -1.0f, 1.0f, 134);
  cs_test_fill_uniform (k.u, R * E, -1.0f, 1.0f, 135);
  cs_test_fill_uniform (k.x, B * D, -1.0f, 1.0f, 136);
  cs_test_fill_uniform (k.r, L, -1.0f, 1.0f, 137);

  project_loss (&k);
  cs_aux_collapse_forward (M, c, k.A1, k.a1, k.A2, k.a2, D, CA, E);
  cs_linear_forward (v, k.x, M, c, B, D, E);
  cs_aux_w_forward (direct, v, k.u, NULL, labels, L, E);
  for (int l = 0; l < L; l++)
    g_assert_cmpfloat_with_epsilon (k.w[l], direct[l], 1e-6);

  cs_aux_w_backward (NULL, dQ, db, k.r, k.w, k.x, k.Q, labels, L, D);
  cs_aux_project_backward (dA1, da1, dA2, da2, du, dP, dQ, db, k.P, k.A1, k.a1, k.A2, k.a2,
                           k.u, R, D, CA, E);
  cs_gradcheck_assert ("project dA1", project_loss, &k, k.A1, dA1, CA * D);
  cs_gradcheck_assert ("project da1", project_loss, &k, k.a1, da1, CA);
  cs_gradcheck_assert ("project dA2", project_loss, &k, k.A2, dA2, E * CA);
  cs_gradcheck_assert ("project da2", project_loss, &k, k.a2, da2, E);
  cs_gradcheck_assert ("project du", project_loss, &k, k.u, du, R * E);
}

/* The sigmoid saturates without overflow at both ends. */
static void
test_aux_w_extremes (void)
{
  const float v[2] = { 100.0f, -100.0f };
  const float u[1] = { 1.0f };
  const CsCrowdLabel two[2] = { { 0, 0, 0 }, { 1, 0, 0 } };
  float w[2];

  cs_aux_w_forward (w, v, u, NULL, two, 2, 1);
  g_assert_cmpfloat (w[0], ==, 1.0f);
  g_assert_cmpfloat (w[1], >=, 0.0f);
  g_assert_cmpfloat (w[1], <, 1e-40f);
}

typedef struct
{
  float U[R * E];
  float u_b[E];
  float u_pre[R * E];
  float r[R * E];
} AnnotatorCase;

static double
annotator_loss (gpointer data)
{
  AnnotatorCase *c = data;

  cs_aux_annotator_forward (c->u_pre, c->U, c->u_b, R, E);
  return cs_test_weighted_sum (c->u_pre, c->r, R * E);
}

static void
test_annotator (void)
{
  AnnotatorCase c;
  float dU[R * E] = { 0 }, du_b[E] = { 0 };

  cs_test_fill_uniform (c.U, R * E, -1.0f, 1.0f, 101);
  cs_test_fill_uniform (c.u_b, E, -1.0f, 1.0f, 102);
  cs_test_fill_uniform (c.r, R * E, -1.0f, 1.0f, 103);
  annotator_loss (&c);
  for (int r = 0; r < R; r++)
    for (int e = 0; e < E; e++)
      g_assert_cmpfloat (c.u_pre[r * E + e], ==, c.U[r * E + e] + c.u_b[e]);

  cs_aux_annotator_backward (dU, du_b, c.r, R, E);
  cs_gradcheck_assert ("annotator dU", annotator_loss, &c, c.U, dU, R * E);
  cs_gradcheck_assert ("annotator du_b", annotator_loss, &c, c.u_b, du_b, E);
}

/* ---- composed: a miniature CoNAL --------------------------------------------------------- */

/* x → linear → softmax → p (the classifier)
 * x → linear → l2norm → v;  U + u_b → l2norm → u;  w = aux_w (v, u)
 * loss = noise (p, W_g, W_r, w) + regulariser (W_g, W_r)
 * Each kernel's gradient was checked alone; this checks that their conventions (layouts,
 * accumulation, what each backward expects from its forward) compose. */
typedef struct
{
  float x[B * D];
  /* Parameters */
  float wc[D * K], bc[K];
  float wa[D * E], ba[E];
  float U[R * E], u_b[E];
  float w_global[K * K], w_local[R * K * K];
  /* Activations */
  float logits[B * K], p[B * K];
  float v_pre[B * E], v[B * E], v_norms[B];
  float u_pre[R * E], u[R * E], u_norms[R];
  float w[L];
  CsNoiseBuffers *buf;
} Conal;

typedef struct
{
  float wc[D * K], bc[K];
  float wa[D * E], ba[E];
  float U[R * E], u_b[E];
  float w_global[K * K], w_local[R * K * K];
} ConalGrads;

#define REG_LAMBDA (-0.05f)

static double
conal_loss (gpointer data)
{
  Conal *m = data;
  float loss;

  cs_linear_forward (m->logits, m->x, m->wc, m->bc, B, D, K);
  cs_softmax_forward (m->p, m->logits, B, K);
  cs_linear_forward (m->v_pre, m->x, m->wa, m->ba, B, D, E);
  cs_l2norm_forward (m->v, m->v_norms, m->v_pre, B, E);
  cs_aux_annotator_forward (m->u_pre, m->U, m->u_b, R, E);
  cs_l2norm_forward (m->u, m->u_norms, m->u_pre, R, E);
  cs_aux_w_forward (m->w, m->v, m->u, NULL, labels, L, E);
  loss = cs_noise_forward (m->buf, m->p, m->w_global, m->w_local, m->w, labels, B, L, K, R);
  loss += cs_noise_regulariser (NULL, NULL, m->w_global, m->w_local, K, R, REG_LAMBDA);
  return loss;
}

static void
conal_backward (Conal      *m,
                ConalGrads *g)
{
  float dp[B * K] = { 0 }, dlogits[B * K] = { 0 }, dw[L] = { 0 };
  float dv[B * E] = { 0 }, dv_pre[B * E] = { 0 };
  float du[R * E] = { 0 }, du_pre[R * E] = { 0 };

  memset (g, 0, sizeof *g);
  cs_noise_regulariser (g->w_global, g->w_local, m->w_global, m->w_local, K, R, REG_LAMBDA);
  cs_noise_backward (dp, g->w_global, g->w_local, dw, m->buf, m->p, m->w_global,
                     m->w_local, m->w, labels, B, L, K, R);
  cs_aux_w_backward (dv, du, NULL, dw, m->w, m->v, m->u, labels, L, E);
  cs_l2norm_backward (du_pre, du, m->u, m->u_norms, R, E);
  cs_aux_annotator_backward (g->U, g->u_b, du_pre, R, E);
  cs_l2norm_backward (dv_pre, dv, m->v, m->v_norms, B, E);
  cs_linear_backward (NULL, g->wa, g->ba, dv_pre, m->x, m->wa, B, D, E);
  cs_softmax_backward (dlogits, dp, m->p, B, K);
  cs_linear_backward (NULL, g->wc, g->bc, dlogits, m->x, m->wc, B, D, K);
}

static void
conal_init (Conal          *m,
            CsNoiseBuffers *buf)
{
  CsRng rng;
  float noise[R * K * K];

  m->buf = buf;
  cs_rng_init (&rng, 111);
  cs_test_fill_uniform (m->x, B * D, -1.0f, 1.0f, 112);
  cs_linear_init (m->wc, m->bc, D, K, &rng);
  cs_linear_init (m->wa, m->ba, D, E, &rng);
  cs_test_fill_uniform (m->U, R * E, -1.0f, 1.0f, 113);
  cs_test_fill_uniform (m->u_b, E, -1.0f, 1.0f, 115);
  cs_noise_init_identity (m->w_global, 1, K, 2.0f);
  cs_noise_init_identity (m->w_local, R, K, 2.0f);
  cs_test_fill_uniform (noise, R * K * K, -0.5f, 0.5f, 114);
  for (int i = 0; i < R * K * K; i++)
    m->w_local[i] += noise[i];
}

static void
test_composed (void)
{
  g_autoptr(CsTestNoiseBuffers) buf = cs_test_noise_buffers_new (B, L, K, R);
  Conal m;
  ConalGrads g;

  conal_init (&m, buf);
  conal_loss (&m);
  conal_backward (&m, &g);

  cs_gradcheck_assert ("composed aux linear weight", conal_loss, &m, m.wa, g.wa, D * E);
  cs_gradcheck_assert ("composed aux linear bias", conal_loss, &m, m.ba, g.ba, E);
  cs_gradcheck_assert ("composed annotator U", conal_loss, &m, m.U, g.U, R * E);
  cs_gradcheck_assert ("composed annotator bias", conal_loss, &m, m.u_b, g.u_b, E);
  cs_gradcheck_assert ("composed classifier weight", conal_loss, &m, m.wc, g.wc, D * K);
  cs_gradcheck_assert ("composed classifier bias", conal_loss, &m, m.bc, g.bc, K);
  cs_gradcheck_assert ("composed W_g", conal_loss, &m, m.w_global, g.w_global, K * K);
  cs_gradcheck_assert ("composed W_r", conal_loss, &m, m.w_local, g.w_local, R * K * K);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  cs_blas_set_num_threads (1);
  g_test_add_func ("/aux/l2norm", test_l2norm);
  g_test_add_func ("/aux/l2norm-zero-row", test_l2norm_zero_row);
  g_test_add_func ("/aux/collapse", test_collapse);
  g_test_add_func ("/aux/w", test_aux_w);
  g_test_add_func ("/aux/w-extremes", test_aux_w_extremes);
  g_test_add_func ("/aux/project", test_aux_project);
  g_test_add_func ("/aux/annotator", test_annotator);
  g_test_add_func ("/aux/composed", test_composed);
  return g_test_run ();
}
