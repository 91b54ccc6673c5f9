/* cs-shared-layers.c — the layers of cs-layers.c shared out over a pool's threads
 *
 * Each function packs its arguments into a call, and the call's part function runs the plain
 * layer on its share.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-shared-layers.h"

#include "cs-blas.h"
#include "cs-layers.h"
#include "cs-simd.h"

/* ---- products ---------------------------------------------------------------------------- */

typedef struct
{
  float       *out;
  const float *inp, *weight, *bias;
  float       *dweight, *dbias;
  const float *dout;
  int          B, I, O;
  bool         trans_weight;
} LinearCall;

/* Products are cut into parts that the sizes fix (cs_pool_count_parts), each one OpenBLAS call
 * (a product inside a part is not cut again, cs-blas.h): the bits of an element depend on the
 * block OpenBLAS computes it in. A part has at least PRODUCT_MIN_ITEMS rows or output units, as
 * in cs-blas.c: each packs the other operand anew. */

#define PRODUCT_MIN_ITEMS 64

/* Rows of the batch, or for a batch of fewer rows than outputs output units, so that each part
 * packs only its share of the weights (which outweigh the few rows). */
static bool
cut_by_rows (const LinearCall *c)
{
  return c->B >= c->O;
}

static int
count_product_parts (const LinearCall *c,
                     int               n)
{
  return cs_pool_count_parts ((size_t) c->B * c->I * c->O, CS_POOL_PART_WORK, n,
                              PRODUCT_MIN_ITEMS);
}

/* out[b0, b1)[o0, o1) += bias[o0, o1). */
static void
add_bias (float       *out,
          const float *bias,
          int          O,
          int          b0,
          int          b1,
          int          o0,
          int          o1)
{
  for (int b = b0; bias != NULL && b < b1; b++)
    {
      float *out_b = out + (size_t) b * O;

      for (int o = o0; o < o1; o++)
        out_b[o] += bias[o];
    }
}

/* inp · weightᵀ + bias, or with !trans_weight inp · weight. */
static void
linear_rows_part (gpointer data,
                  int      part,
                  int      n_parts)
{
  LinearCall *c = data;
  int b0 = 0, b1 = c->B, o0 = 0, o1 = c->O;
  const float *w;

  if (cut_by_rows (c))
    cs_pool_range (c->B, part, n_parts, &b0, &b1);
  else
    cs_pool_range (c->O, part, n_parts, &o0, &o1);
  if (b1 == b0 || o1 == o0)
    return;
  w = c->trans_weight ? c->weight + (size_t) o0 * c->I : c->weight + o0;
  cs_matmul_strided (c->out + (size_t) b0 * c->O + o0, c->O, c->inp + (size_t) b0 * c->I, c->I,
                     w, c->trans_weight ? c->I : c->O, b1 - b0, o1 - o0, c->I, false,
                     c->trans_weight, 1.0f, 0.0f);
  add_bias (c->out, c->bias, c->O, b0, b1, o0, o1);
}

/* dbias[o0, o1) += Σ_b dout[b, o0, o1): restrict, so the rows' sums vectorise. */
CS_CLONES static void
bias_gradient (float       *restrict dbias,
               const float *restrict dout,
               int                   B,
               int                   O,
               int                   o0,
               int                   o1)
{
  for (int b = 0; b < B; b++)
    {
      const float *dout_b = dout + (size_t) b * O;

      for (int o = o0; o < o1; o++)
        dbias[o] += dout_b[o];
    }
}

/* Output units: their rows of dweight and entries of dbias. */
static void
linear_weights_part (gpointer data,
                     int      part,
                     int      n_parts)
{
  LinearCall *c = data;
  int o0, o1;

  cs_pool_range (c->O, part, n_parts, &o0, &o1);
  if (o1 == o0)
    return;
  cs_matmul_strided (c->dweight + (size_t) o0 * c->I, c->I, c->dout + o0, c->O, c->inp, c->I,
                     o1 - o0, c->I, c->B, true, false, 1.0f, 1.0f);
  if (c->dbias != NULL)
    bias_gradient (c->dbias, c->dout, c->B, c->O, o0, o1);
}

void
cs_shared_linear_forward (CsPool      *pool,
                          float       *out,
                          const float *inp,
                          const float *weight,
                          const float *bias,
                          int          B,
                          int          I,
                          int          O)
{
  LinearCall c = { .out = out, .inp = inp, .weight = weight, .bias = bias,
                   .B = B, .I = I, .O = O, .trans_weight = true };

  cs_pool_run_parts (pool, count_product_parts (&c, cut_by_rows (&c) ? B : O), linear_rows_part,
                     &c);
}

void
cs_shared_matmul_rows (CsPool      *pool,
                       float       *out,
                       const float *inp,
                       const float *weight,
                       int          B,
                       int          I,
                       int          O)
{
  LinearCall c = { .out = out, .inp = inp, .weight = weight, .B = B, .I = I, .O = O };

  cs_pool_run_parts (pool, count_product_parts (&c, cut_by_rows (&c) ? B : O), linear_rows_part,
                     &c);
}

void
cs_shared_linear_backward_weights (CsPool      *pool,
                                   float       *dweight,
                                   float       *dbias,
                                   const float *dout,
                                   const float *inp,
                                   int          B,
                                   int          I,
                                   int          O)
{
  LinearCall c = { .dweight = dweight, .dbias = dbias, .dout = dout, .inp = inp,
                   .B = B, .I = I, .O = O };

  cs_pool_run_parts (pool, count_product_parts (&c, O), linear_weights_part, &c);
}

/* ---- batchnorm --------------------------------------------------------------------------- */

typedef struct
{
  float       *out, *mean, *rstd, *var, *running_mean, *dinp;
  float       *running_var;
  const float *inp, *dout, *normalised, *batch_rstd, *eval_mean, *eval_var;
  int          B, C;
  float        momentum, eps;
} BatchnormCall;

static void
batchnorm_train_part (gpointer data,
                      int      part,
                      int      n_parts)
{
  BatchnormCall *c = data;

  cs_batchnorm_forward_train_part (c->out, c->mean, c->rstd, c->var, c->running_mean,
                                   c->running_var, c->inp, c->B, c->C, c->momentum, c->eps, part,
                                   n_parts);
}

static void
batchnorm_eval_part (gpointer data,
                     int      part,
                     int      n_parts)
{
  BatchnormCall *c = data;

  cs_batchnorm_forward_eval_part (c->out, c->inp, c->eval_mean, c->eval_var, c->B, c->C,
                                  c->eps, part, n_parts);
}

static void
batchnorm_backward_part (gpointer data,
                         int      part,
                         int      n_parts)
{
  BatchnormCall *c = data;

  cs_batchnorm_backward_part (c->dinp, c->dout, c->normalised, c->batch_rstd, c->B, c->C, part,
                              n_parts);
}

void
cs_shared_batchnorm_forward_train (CsPool      *pool,
                                   float       *out,
                                   float       *mean,
                                   float       *rstd,
                                   float       *var,
                                   float       *running_mean,
                                   float       *running_var,
                                   const float *inp,
                                   int          B,
                                   int          C,
                                   float        momentum,
                                   float        eps)
{
  BatchnormCall c = {
    .out = out, .mean = mean, .rstd = rstd, .var = var, .running_mean = running_mean,
    .running_var = running_var, .inp = inp, .B = B, .C = C, .momentum = momentum, .eps = eps,
  };

  cs_pool_run_sized (pool, (size_t) 3 * B * C, batchnorm_train_part, &c);
}

void
cs_shared_batchnorm_forward_eval (CsPool      *pool,
                                  float       *out,
                                  const float *inp,
                                  const float *running_mean,
                                  const float *running_var,
                                  int          B,
                                  int          C,
                                  float        eps)
{
  BatchnormCall c = {
    .out = out, .inp = inp, .eval_mean = running_mean, .eval_var = running_var, .B = B, .C = C,
    .eps = eps,
  };

  cs_pool_run_sized (pool, (size_t) B * C, batchnorm_eval_part, &c);
}

void
cs_shared_batchnorm_backward (CsPool      *pool,
                              float       *dinp,
                              const float *dout,
                              const float *out,
                              const float *rstd,
                              int          B,
                              int          C)
{
  BatchnormCall c = {
    .dinp = dinp, .dout = dout, .normalised = out, .batch_rstd = rstd, .B = B, .C = C,
  };

  cs_pool_run_sized (pool, (size_t) 2 * B * C, batchnorm_backward_part, &c);
}

/* ---- relu and dropout -------------------------------------------------------------------- */

typedef struct
{
  float       *out, *dinp;
  const float *inp, *dout, *mask;
  int          ld, B, H;
} ReluDropoutCall;

static void
relu_dropout_forward_part (gpointer data,
                           int      part,
                           int      n_parts)
{
  ReluDropoutCall *c = data;
  int b0, b1;

  cs_pool_range (c->B, part, n_parts, &b0, &b1);
  cs_relu_dropout_apply (c->out + (size_t) b0 * c->H,
                         c->mask ? c->mask + (size_t) b0 * c->H : NULL,
                         c->inp + (size_t) b0 * c->ld, c->ld, b1 - b0, c->H);
}

static void
relu_dropout_backward_part (gpointer data,
                            int      part,
                            int      n_parts)
{
  ReluDropoutCall *c = data;
  int b0, b1;

  cs_pool_range (c->B, part, n_parts, &b0, &b1);
  cs_relu_dropout_backward (c->dinp + (size_t) b0 * c->ld, c->ld, c->dout + (size_t) b0 * c->H,
                            c->inp + (size_t) b0 * c->ld,
                            c->mask ? c->mask + (size_t) b0 * c->H : NULL,
                            b1 - b0, c->H);
}

void
cs_shared_relu_dropout_forward (CsPool      *pool,
                                float       *out,
                                float       *mask,
                                const float *inp,
                                int          ld,
                                int          B,
                                int          H,
                                float        p,
                                CsRng       *rng)
{
  ReluDropoutCall c = { .out = out, .inp = inp, .mask = p > 0.0f ? mask : NULL,
                        .ld = ld, .B = B, .H = H };

  g_return_if_fail (rng != NULL || p == 0.0f);

  /* The mask in one stream, as one thread draws it; then its rows applied in parts. */
  if (p > 0.0f)
    cs_dropout_mask (mask, B * H, p, rng);
  cs_pool_run_sized (pool, (size_t) B * H, relu_dropout_forward_part, &c);
}

void
cs_shared_relu_dropout_backward (CsPool      *pool,
                                 float       *dinp,
                                 int          ld,
                                 const float *dout,
                                 const float *inp,
                                 const float *mask,
                                 int          B,
                                 int          H)
{
  ReluDropoutCall c = { .dinp = dinp, .dout = dout, .inp = inp, .mask = mask,
                        .ld = ld, .B = B, .H = H };

  cs_pool_run_sized (pool, (size_t) B * H, relu_dropout_backward_part, &c);
}
