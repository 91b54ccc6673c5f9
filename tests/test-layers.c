/* test-layers.c — forward values and finite-difference checks of every layer's backward
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-blas.h"
#include "cs-gradcheck.h"
#include "cs-layers.h"

/* Most checks use loss = cs_test_weighted_sum (out, R) for a random R. */

/* ---- linear ------------------------------------------------------------------------------ */

#define LB 4
#define LI 5
#define LO 3

typedef struct
{
  float inp[LB * LI];
  float weight[LI * LO];
  float bias[LO];
  float out[LB * LO];
  float r[LB * LO];
} LinearCase;

static double
linear_loss (gpointer data)
{
  LinearCase *c = data;

  cs_linear_forward (c->out, c->inp, c->weight, c->bias, LB, LI, LO);
  return cs_test_weighted_sum (c->out, c->r, LB * LO);
}

static void
linear_case_init (LinearCase *c)
{
  CsRng rng;

  cs_rng_init (&rng, 11);
  cs_linear_init (c->weight, c->bias, LI, LO, &rng);
  cs_test_fill_uniform (c->inp, LB * LI, -1.0f, 1.0f, 12);
  cs_test_fill_uniform (c->r, LB * LO, -1.0f, 1.0f, 13);
}

static void
test_linear_forward (void)
{
  LinearCase c;
  float ref[LB * LO];

  linear_case_init (&c);
  linear_loss (&c);
  cs_matmul_naive (ref, c.inp, c.weight, LB, LO, LI, false, true, 1.0f, 0.0f);
  for (int b = 0; b < LB; b++)
    for (int o = 0; o < LO; o++)
      g_assert_cmpfloat_with_epsilon (c.out[b * LO + o], ref[b * LO + o] + c.bias[o], 1e-6);

  /* Without a bias the output is the plain product. */
  cs_linear_forward (c.out, c.inp, c.weight, NULL, LB, LI, LO);
  for (int i = 0; i < LB * LO; i++)
    g_assert_cmpfloat_with_epsilon (c.out[i], ref[i], 1e-6);
}

static void
test_linear_init (void)
{
  enum { I = 25, O = 40 };
  float w[I * O], b[O];
  CsRng rng;
  double sum = 0.0;

  cs_rng_init (&rng, 14);
  cs_linear_init (w, b, I, O, &rng);
  /* U(−1/5, 1/5): inside the bound, reaching near both ends, centred. */
  float lo = 1.0f, hi = -1.0f;

  for (int i = 0; i < I * O; i++)
    {
      g_assert_cmpfloat (fabsf (w[i]), <=, 0.2f);
      lo = MIN (lo, w[i]);
      hi = MAX (hi, w[i]);
      sum += w[i];
    }
  g_assert_cmpfloat (lo, <, -0.19f);
  g_assert_cmpfloat (hi, >, 0.19f);
  g_assert_cmpfloat (fabs (sum / (I * O)), <, 0.02);
  for (int o = 0; o < O; o++)
    g_assert_cmpfloat (fabsf (b[o]), <=, 0.2f);
}

static void
test_linear_backward (void)
{
  LinearCase c;
  float dinp[LB * LI] = { 0 }, dweight[LI * LO] = { 0 }, dbias[LO] = { 0 };

  linear_case_init (&c);
  cs_linear_backward (dinp, dweight, dbias, c.r, c.inp, c.weight, LB, LI, LO);

  cs_gradcheck_assert ("linear dinp", linear_loss, &c, c.inp, dinp, LB * LI);
  cs_gradcheck_assert ("linear dweight", linear_loss, &c, c.weight, dweight, LI * LO);
  cs_gradcheck_assert ("linear dbias", linear_loss, &c, c.bias, dbias, LO);
}

/* Backward adds into the gradients: running it twice doubles them, and NULL skips. */
static void
test_linear_backward_accumulates (void)
{
  LinearCase c;
  float dinp[LB * LI] = { 0 }, dweight[LI * LO] = { 0 }, dbias[LO] = { 0 };
  float dweight2[LI * LO] = { 0 };

  linear_case_init (&c);
  cs_linear_backward (dinp, dweight, dbias, c.r, c.inp, c.weight, LB, LI, LO);
  cs_linear_backward (NULL, dweight2, NULL, c.r, c.inp, c.weight, LB, LI, LO);
  cs_linear_backward (NULL, dweight2, NULL, c.r, c.inp, c.weight, LB, LI, LO);
  for (int i = 0; i < LI * LO; i++)
    g_assert_cmpfloat_with_epsilon (dweight2[i], 2.0f * dweight[i], 1e-6);
}

/* ---- linear, folded onto a normalised input ---------------------------------------------- */

typedef struct
{
  LinearCase lin;
  float      sigma[LI];
  float      mu[LI];
  float      w_folded[LI * LO];
  float      b_folded[LO];
} FoldCase;

/* The same loss as linear_loss, computed the folded way: over xn = (x − μ) / σ with W', b'. */
static double
fold_loss (gpointer data)
{
  FoldCase *c = data;
  float xn[LB * LI];

  for (int b = 0; b < LB; b++)
    for (int i = 0; i < LI; i++)
      xn[b * LI + i] = (c->lin.inp[b * LI + i] - c->mu[i]) / c->sigma[i];
  cs_linear_fold_forward (c->w_folded, c->b_folded, c->lin.weight, c->lin.bias, c->sigma, c->mu,
                          LI, LO);
  cs_linear_forward (c->lin.out, xn, c->w_folded, c->b_folded, LB, LI, LO);
  return cs_test_weighted_sum (c->lin.out, c->lin.r, LB * LO);
}

static void
test_linear_fold (void)
{
  FoldCase c;
  float direct[LB * LO];
  float dw_folded[LI * LO] = { 0 }, db_folded[LO] = { 0 };
  float xn[LB * LI];
  float dweight[LI * LO] = { 0 }, dbias[LO] = { 0 };

  linear_case_init (&c.lin);
  cs_test_fill_uniform (c.sigma, LI, 0.2f, 3.0f, 14);
  cs_test_fill_uniform (c.mu, LI, -4.0f, 4.0f, 15);
  linear_loss (&c.lin);
  memcpy (direct, c.lin.out, sizeof direct);
  fold_loss (&c);
  for (int i = 0; i < LB * LO; i++)
    g_assert_cmpfloat_with_epsilon (c.lin.out[i], direct[i], 1e-5);

  /* The folded layer's own gradients, mapped back onto W and b. */
  for (int b = 0; b < LB; b++)
    for (int i = 0; i < LI; i++)
      xn[b * LI + i] = (c.lin.inp[b * LI + i] - c.mu[i]) / c.sigma[i];
  cs_linear_backward (NULL, dw_folded, db_folded, c.lin.r, xn, c.w_folded, LB, LI, LO);
  cs_linear_fold_backward (dweight, dbias, dw_folded, db_folded, c.sigma, c.mu, LI, LO);
  cs_gradcheck_assert ("fold dweight", fold_loss, &c, c.lin.weight, dweight, LI * LO);
  cs_gradcheck_assert ("fold dbias", fold_loss, &c, c.lin.bias, dbias, LO);
}

/* ---- relu and dropout -------------------------------------------------------------------- */

/* Three rows of four units inside rows of six floats (the other two columns belong to another
 * layer and must be left alone). */
#define FB 3
#define FH 4
#define FLD 6

typedef struct
{
  float inp[FB * FLD];
  float out[FB * FH];
  float mask[FB * FH];
  float r[FB * FH];
  float p;
} FusedCase;

/* Reseeding on every evaluation keeps the mask fixed while the checker moves the input. */
static double
fused_loss (gpointer data)
{
  FusedCase *c = data;
  CsRng rng;

  cs_rng_init (&rng, 41);
  cs_relu_dropout_forward (c->out, c->mask, c->inp, FLD, FB, FH, c->p, &rng);
  return cs_test_weighted_sum (c->out, c->r, FB * FH);
}

/* ReLU alone (p = 0) and with dropout (p = 0.5): values, masks, and gradients by finite
 * differences, in and out of the strided layout. */
static void
test_relu_dropout (void)
{
  for (int with_dropout = 0; with_dropout < 2; with_dropout++)
    {
      FusedCase c = { .p = with_dropout ? 0.5f : 0.0f };
      float dinp[FB * FLD], first_mask[FB * FH];
      int n_negative = 0, n_dropped = 0;

      /* At least 0.1 from 0, where ReLU has its kink, so no difference straddles it. */
      cs_test_fill_uniform (c.inp, FB * FLD, 0.1f, 1.0f, 42);
      for (int i = 0; i < FB * FLD; i += 2)
        c.inp[i] = -c.inp[i];
      cs_test_fill_uniform (c.r, FB * FH, -1.0f, 1.0f, 43);
      fused_loss (&c);
      memcpy (first_mask, c.mask, sizeof first_mask);

      for (int b = 0; b < FB; b++)
        for (int j = 0; j < FH; j++)
          {
            float in = c.inp[b * FLD + j], m = c.p > 0 ? c.mask[b * FH + j] : 1.0f;

            if (c.p > 0)
              g_assert_true (m == 0.0f || m == 2.0f);
            g_assert_cmpfloat (c.out[b * FH + j], ==, MAX (in, 0.0f) * m);
            n_negative += in < 0.0f;
            n_dropped += m == 0.0f;
          }
      g_assert_cmpint (n_negative, >, 0);
      g_assert_cmpint (n_negative, <, FB * FH);
      if (c.p > 0)
        {
          g_assert_cmpint (n_dropped, >, 0);
          g_assert_cmpint (n_dropped, <, FB * FH);
        }

      /* Written into the strided layout; the columns past FH keep what they held. */
      for (int i = 0; i < FB * FLD; i++)
        dinp[i] = 7.0f;
      cs_relu_dropout_backward (dinp, FLD, c.r, c.inp, c.p > 0 ? c.mask : NULL, FB, FH);
      for (int b = 0; b < FB; b++)
        for (int j = FH; j < FLD; j++)
          g_assert_cmpfloat (dinp[b * FLD + j], ==, 7.0f);
      for (int b = 0; b < FB; b++)
        for (int j = FH; j < FLD; j++)
          dinp[b * FLD + j] = 0.0f;
      cs_gradcheck_assert ("relu-dropout dinp", fused_loss, &c, c.inp, dinp, FB * FLD);

      /* The same stream draws the same mask. */
      fused_loss (&c);
      for (int i = 0; c.p > 0 && i < FB * FH; i++)
        g_assert_cmpfloat (c.mask[i], ==, first_mask[i]);
    }
}

static void
test_dropout_rate (void)
{
  enum { N = 20000 };
  g_autofree float *inp = g_new (float, N);
  g_autofree float *out = g_new (float, N);
  g_autofree float *mask = g_new (float, N);
  CsRng rng;
  int kept = 0;
  double sum = 0.0;

  for (int i = 0; i < N; i++)
    inp[i] = 1.0f;
  cs_rng_init (&rng, 34);
  cs_relu_dropout_forward (out, mask, inp, N, 1, N, 0.2f, &rng);
  for (int i = 0; i < N; i++)
    {
      kept += mask[i] != 0.0f;
      sum += out[i];
    }
  /* 80 % kept, each scaled by 1/0.8, so the expected sum is unchanged (σ of kept ≈ 57). */
  g_assert_cmpint (ABS (kept - 16000), <, 300);
  g_assert_cmpfloat (fabs (sum / N - 1.0), <, 0.02);

  /* p = 0 copies what ReLU passes, draws nothing and leaves the mask alone. */
  for (int i = 0; i < N; i++)
    mask[i] = -1.0f;
  cs_relu_dropout_forward (out, mask, inp, N, 1, N, 0.0f, NULL);
  for (int i = 0; i < N; i++)
    {
      g_assert_cmpfloat (out[i], ==, inp[i]);
      g_assert_cmpfloat (mask[i], ==, -1.0f);
    }
}

/* ---- batchnorm --------------------------------------------------------------------------- */

#define BB 6
#define BC 3

typedef struct
{
  float inp[BB * BC];
  float out[BB * BC];
  float r[BB * BC];
  float mean[BC], rstd[BC], running_mean[BC], running_var[BC];
} BatchnormCase;

static double
batchnorm_loss (gpointer data)
{
  BatchnormCase *c = data;

  cs_batchnorm_forward_train (c->out, c->mean, c->rstd, c->running_mean, c->running_var,
                              c->inp, BB, BC, 0.1f, 1e-5f);
  return cs_test_weighted_sum (c->out, c->r, BB * BC);
}

static void
batchnorm_case_init (BatchnormCase *c)
{
  cs_test_fill_uniform (c->inp, BB * BC, -2.0f, 3.0f, 41);
  cs_test_fill_uniform (c->r, BB * BC, -1.0f, 1.0f, 42);
  /* Give the columns different scales, so eps and the per-column stats both matter. */
  for (int b = 0; b < BB; b++)
    c->inp[b * BC + 2] *= 10.0f;
  for (int k = 0; k < BC; k++)
    {
      c->running_mean[k] = 0.0f;
      c->running_var[k] = 1.0f;
    }
}

static void
test_batchnorm_forward (void)
{
  BatchnormCase c;

  batchnorm_case_init (&c);
  batchnorm_loss (&c);

  for (int k = 0; k < BC; k++)
    {
      double m = 0.0, var = 0.0, out_m = 0.0, out_var = 0.0;

      for (int b = 0; b < BB; b++)
        {
          m += c.inp[b * BC + k] / (double) BB;
          out_m += c.out[b * BC + k] / (double) BB;
        }
      for (int b = 0; b < BB; b++)
        {
          var += pow (c.inp[b * BC + k] - m, 2) / BB;
          out_var += pow (c.out[b * BC + k] - out_m, 2) / BB;
        }

      /* Zero mean and unit biased variance, up to eps: var / (var + eps). */
      g_assert_cmpfloat (fabs (out_m), <, 1e-6);
      g_assert_cmpfloat_with_epsilon (out_var, var / (var + 1e-5), 1e-5);
      g_assert_cmpfloat_with_epsilon (c.mean[k], m, 1e-6);
      g_assert_cmpfloat_with_epsilon (c.rstd[k], 1.0 / sqrt (var + 1e-5), 1e-4 * c.rstd[k]);

      /* Running stats move 10 % of the way, the variance towards the UNBIASED estimate. */
      double unbiased = var * BB / (BB - 1);

      g_assert_cmpfloat_with_epsilon (c.running_mean[k], 0.1 * m, 1e-6);
      g_assert_cmpfloat_with_epsilon (c.running_var[k], 0.9 + 0.1 * unbiased,
                                      1e-5 * (1.0 + unbiased));
      g_assert_cmpfloat (fabs (c.running_var[k] - (0.9 + 0.1 * var)), >, 1e-3);
    }
}

static void
test_batchnorm_eval (void)
{
  const float inp[4] = { 1.0f, 2.0f, 3.0f, -4.0f };     /* [2,2] */
  const float rm[2] = { 0.5f, -1.0f };
  const float rv[2] = { 4.0f, 0.25f };
  float out[4];

  cs_batchnorm_forward_eval (out, inp, rm, rv, 2, 2, 1e-5f);
  g_assert_cmpfloat_with_epsilon (out[0], 0.5 / sqrt (4.0 + 1e-5), 1e-6);
  g_assert_cmpfloat_with_epsilon (out[1], 3.0 / sqrt (0.25 + 1e-5), 1e-5);
  g_assert_cmpfloat_with_epsilon (out[2], 2.5 / sqrt (4.0 + 1e-5), 1e-6);
  g_assert_cmpfloat_with_epsilon (out[3], -3.0 / sqrt (0.25 + 1e-5), 1e-5);
}

static void
test_batchnorm_backward (void)
{
  BatchnormCase c;
  float dinp[BB * BC] = { 0 };

  batchnorm_case_init (&c);
  batchnorm_loss (&c);
  cs_batchnorm_backward (dinp, c.r, c.out, c.rstd, BB, BC);
  cs_gradcheck_assert ("batchnorm dinp", batchnorm_loss, &c, c.inp, dinp, BB * BC);
}

/* ---- softmax ----------------------------------------------------------------------------- */

#define SB 5
#define SK 4

typedef struct
{
  float logits[SB * SK];
  float probs[SB * SK];
  float r[SB * SK];
  int32_t targets[SB];
} SoftmaxCase;

static double
softmax_loss (gpointer data)
{
  SoftmaxCase *c = data;

  cs_softmax_forward (c->probs, c->logits, SB, SK);
  return cs_test_weighted_sum (c->probs, c->r, SB * SK);
}

static void
softmax_case_init (SoftmaxCase *c)
{
  const int32_t targets[SB] = { 2, -1, 0, 3, -1 };

  cs_test_fill_uniform (c->logits, SB * SK, -2.0f, 2.0f, 51);
  cs_test_fill_uniform (c->r, SB * SK, -1.0f, 1.0f, 52);
  memcpy (c->targets, targets, sizeof targets);
}

static void
test_softmax_forward (void)
{
  SoftmaxCase c;
  const float big[2] = { 1000.0f, 1001.0f };
  float p[2];

  softmax_case_init (&c);
  softmax_loss (&c);
  for (int b = 0; b < SB; b++)
    {
      double sum = 0.0, z = 0.0;

      for (int k = 0; k < SK; k++)
        z += exp (c.logits[b * SK + k]);
      for (int k = 0; k < SK; k++)
        {
          sum += c.probs[b * SK + k];
          g_assert_cmpfloat_with_epsilon (c.probs[b * SK + k], exp (c.logits[b * SK + k]) / z,
                                          1e-6);
        }
      g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-6);
    }

  /* exp(1000) overflows a float; the max-subtracted form does not care. */
  cs_softmax_forward (p, big, 1, 2);
  g_assert_cmpfloat_with_epsilon (p[0], 1.0 / (1.0 + M_E), 1e-6);
  g_assert_cmpfloat_with_epsilon (p[1], M_E / (1.0 + M_E), 1e-6);
}

/* The vectorised exponential against double precision, over every spread of logits a softmax
 * meets: each probability within 4e-7 relative (a few float ulps), each row's log-partition
 * within 1e-6, and a row of equal logits exactly uniform. */
static void
test_softmax_accuracy (void)
{
  enum { N = 4000, KK = 5 };
  g_autofree float *logits = g_new (float, N * KK);
  g_autofree float *probs = g_new (float, N * KK);
  float lse[N], flat[KK] = { 3.0f, 3.0f, 3.0f, 3.0f, 3.0f }, uniform[KK], flat_lse;
  double worst = 0.0;

  /* Row b spreads its logits over a width growing to 120: the smallest exponentials go far
   * below a float's normal range. */
  cs_test_fill_uniform (logits, N * KK, -1.0f, 1.0f, 51);
  for (int b = 0; b < N; b++)
    for (int k = 0; k < KK; k++)
      logits[b * KK + k] *= 60.0f * b / N;
  cs_softmax_rows (probs, lse, logits, N, KK);
  for (int b = 0; b < N; b++)
    {
      const float *l = logits + b * KK;
      float max = -INFINITY;
      double z = 0.0;

      /* The differences rounded to float, as the kernel and libm's expf both see them. */
      for (int k = 0; k < KK; k++)
        max = fmaxf (max, l[k]);
      for (int k = 0; k < KK; k++)
        z += exp ((double) (l[k] - max));
      for (int k = 0; k < KK; k++)
        {
          double want = exp ((double) (l[k] - max)) / z;

          if (want > 1e-30)
            worst = fmax (worst, fabs (probs[b * KK + k] - want) / want);
          else
            g_assert_cmpfloat (probs[b * KK + k], <, 1e-30);
        }
      g_assert_cmpfloat_with_epsilon (lse[b], max + log (z), 1e-6 * fmax (1.0, fabs (max)));
    }
  g_test_message ("worst relative error of a probability: %.3g", worst);
  g_assert_cmpfloat (worst, <, 4e-7);

  /* A NaN logit (a diverging run) makes its row NaN, which the trainer reports. */
  {
    float bad[KK] = { 0.0f, NAN, 1.0f, -1.0f, 2.0f }, p[KK], l;

    cs_softmax_rows (p, &l, bad, 1, KK);
    g_assert_true (isnan (l));
    for (int k = 0; k < KK; k++)
      g_assert_true (isnan (p[k]));
  }

  cs_softmax_rows (uniform, &flat_lse, flat, 1, KK);
  for (int k = 0; k < KK; k++)
    g_assert_cmpfloat (uniform[k], ==, 0.2f);
  g_assert_cmpfloat_with_epsilon (flat_lse, 3.0 + log (5.0), 1e-6);
}

static void
test_softmax_backward (void)
{
  SoftmaxCase c;
  float dlogits[SB * SK] = { 0 };

  softmax_case_init (&c);
  softmax_loss (&c);
  cs_softmax_backward (dlogits, c.r, c.probs, SB, SK);
  cs_gradcheck_assert ("softmax dlogits", softmax_loss, &c, c.logits, dlogits, SB * SK);
}

static double
xent_loss (gpointer data)
{
  SoftmaxCase *c = data;

  return cs_softmax_xent_forward_backward (NULL, c->probs, c->logits, c->targets, SB, SK);
}

static void
test_xent_value (void)
{
  SoftmaxCase c;
  double expect = 0.0;
  int n = 0;

  softmax_case_init (&c);
  for (int b = 0; b < SB; b++)
    {
      double z = 0.0;

      if (c.targets[b] < 0)
        continue;
      for (int k = 0; k < SK; k++)
        z += exp (c.logits[b * SK + k]);
      expect += log (z) - c.logits[b * SK + c.targets[b]];
      n++;
    }
  g_assert_cmpint (n, ==, 3);
  g_assert_cmpfloat_with_epsilon (xent_loss (&c), expect / n, 1e-6);

  /* Ignored rows still get their probabilities, for prediction. */
  for (int k = 0; k < SK; k++)
    g_assert_cmpfloat (c.probs[1 * SK + k], >, 0.0f);
}

static void
test_xent_backward (void)
{
  SoftmaxCase c;
  float dlogits[SB * SK] = { 0 };

  softmax_case_init (&c);
  cs_softmax_xent_forward_backward (dlogits, c.probs, c.logits, c.targets, SB, SK);
  cs_gradcheck_assert ("softmax-xent dlogits", xent_loss, &c, c.logits, dlogits, SB * SK);

  /* Ignored rows receive exactly nothing. */
  for (int k = 0; k < SK; k++)
    {
      g_assert_cmpfloat (dlogits[1 * SK + k], ==, 0.0f);
      g_assert_cmpfloat (dlogits[4 * SK + k], ==, 0.0f);
    }
}

static void
test_xent_no_targets (void)
{
  SoftmaxCase c;
  float dlogits[SB * SK] = { 0 };

  softmax_case_init (&c);
  for (int b = 0; b < SB; b++)
    c.targets[b] = -1;
  g_assert_cmpfloat (cs_softmax_xent_forward_backward (dlogits, c.probs, c.logits, c.targets,
                                                       SB, SK), ==, 0.0f);
  for (int i = 0; i < SB * SK; i++)
    g_assert_cmpfloat (dlogits[i], ==, 0.0f);
}

/* The forward's halves, as threads use them: the mask drawn in one stream, then applied a few
 * rows at a time, give the forward's bits and leave rng where the forward does. */
static void
test_dropout_parts (void)
{
  enum { PB = 203, PH = 37, PLD = 41 };
  g_autofree float *inp = g_new (float, PB * PLD);
  g_autofree float *out = g_new (float, PB * PH);
  g_autofree float *mask = g_new (float, PB * PH);
  g_autofree float *part_out = g_new (float, PB * PH);
  g_autofree float *part_mask = g_new (float, PB * PH);
  CsRng rng, copy;

  cs_test_fill_uniform (inp, PB * PLD, -1.0f, 1.0f, 61);
  cs_rng_init (&rng, 62);
  copy = rng;
  cs_relu_dropout_forward (out, mask, inp, PLD, PB, PH, 0.5f, &rng);
  cs_dropout_mask (part_mask, PB * PH, 0.5f, &copy);
  g_assert_true (memcmp (&rng, &copy, sizeof rng) == 0);
  g_assert_cmpmem (part_mask, sizeof (float) * PB * PH, mask, sizeof (float) * PB * PH);
  for (int b0 = 0; b0 < PB; b0 += 50)
    {
      int rows = MIN (50, PB - b0);

      cs_relu_dropout_apply (part_out + b0 * PH, part_mask + b0 * PH, inp + b0 * PLD, PLD, rows,
                             PH);
    }
  g_assert_cmpmem (part_out, sizeof (float) * PB * PH, out, sizeof (float) * PB * PH);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  cs_blas_set_num_threads (1);
  g_test_add_func ("/layers/linear/forward", test_linear_forward);
  g_test_add_func ("/layers/linear/init", test_linear_init);
  g_test_add_func ("/layers/linear/backward", test_linear_backward);
  g_test_add_func ("/layers/linear/backward-accumulates", test_linear_backward_accumulates);
  g_test_add_func ("/layers/linear/fold", test_linear_fold);
  g_test_add_func ("/layers/dropout/rate", test_dropout_rate);
  g_test_add_func ("/layers/dropout/parts", test_dropout_parts);
  g_test_add_func ("/layers/relu-dropout", test_relu_dropout);
  g_test_add_func ("/layers/batchnorm/forward", test_batchnorm_forward);
  g_test_add_func ("/layers/batchnorm/eval", test_batchnorm_eval);
  g_test_add_func ("/layers/batchnorm/backward", test_batchnorm_backward);
  g_test_add_func ("/layers/softmax/forward", test_softmax_forward);
  g_test_add_func ("/layers/softmax/backward", test_softmax_backward);
  g_test_add_func ("/layers/softmax/accuracy", test_softmax_accuracy);
  g_test_add_func ("/layers/xent/value", test_xent_value);
  g_test_add_func ("/layers/xent/backward", test_xent_backward);
  g_test_add_func ("/layers/xent/no-targets", test_xent_no_targets);
  return g_test_run ();
}
