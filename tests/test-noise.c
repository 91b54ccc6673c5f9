/* test-noise.c — the noise adaptation layer: values by hand, gradients by finite differences
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-gradcheck.h"
#include "cs-layers.h"
#include "cs-noise-private.h"
#include "test-util.h"

#define B CS_TEST_CROWD_ITEMS
#define R CS_TEST_CROWD_ANNOTATORS
#define K CS_TEST_CROWD_CLASSES
#define L CS_TEST_CROWD_LABELS

static const CsCrowdLabel *const labels = cs_test_crowd;

typedef struct
{
  float p[B * K];
  float w_global[K * K];
  float w_local[R * K * K];
  float w[L];
  CsNoiseBuffers *buf;
  bool  global;             /* false: the Crowd Layer variant, W_g = NULL */
} NoiseCase;

static double
noise_loss (gpointer data)
{
  NoiseCase *c = data;

  return cs_noise_forward (c->buf, c->p, c->global ? c->w_global : NULL, c->w_local, c->w,
                           labels, B, L, K, R);
}

/* Classifier probabilities from random logits, confusion matrices near the 2 · I of CoNAL's
 * init, and mixing weights spread over (0, 1). */
static void
noise_case_init (NoiseCase      *c,
                 CsNoiseBuffers *buf,
                 bool            global)
{
  float logits[B * K], noise[R * K * K];

  c->buf = buf;
  c->global = global;
  cs_test_fill_uniform (logits, B * K, -2.0f, 2.0f, 61);
  cs_softmax_forward (c->p, logits, B, K);
  cs_noise_init_identity (c->w_global, 1, K, 2.0f);
  cs_noise_init_identity (c->w_local, R, K, 2.0f);
  cs_test_fill_uniform (noise, R * K * K, -1.0f, 1.0f, 62);
  for (int i = 0; i < R * K * K; i++)
    c->w_local[i] += noise[i];
  cs_test_fill_uniform (noise, K * K, -1.0f, 1.0f, 63);
  for (int i = 0; i < K * K; i++)
    c->w_global[i] += noise[i];
  cs_test_fill_uniform (c->w, L, 0.1f, 0.9f, 64);
}

/* Mean cross-entropy of softmax(p_i · M_l) computed in double, M_l = W_g or W_{r_l}. */
static double
reference_loss (const NoiseCase *c,
                bool             use_global)
{
  double total = 0.0;

  for (int l = 0; l < L; l++)
    {
      const float *m = use_global ? c->w_global : c->w_local + labels[l].annotator * K * K;
      double s[K] = { 0 }, z = 0.0;

      for (int k = 0; k < K; k++)
        for (int j = 0; j < K; j++)
          s[k] += (double) c->p[labels[l].item * K + j] * m[j * K + k];
      for (int k = 0; k < K; k++)
        z += exp (s[k]);
      total += log (z) - s[labels[l].label];
    }
  return total / L;
}

static void
test_identity_init (void)
{
  float m[2 * 3 * 3];

  memset (m, 0xff, sizeof m);    /* NaN bytes: init must overwrite everything */
  cs_noise_init_identity (m, 2, 3, 2.0f);
  for (int r = 0; r < 2; r++)
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++)
        g_assert_cmpfloat (m[(r * 3 + i) * 3 + j], ==, i == j ? 2.0f : 0.0f);
}

static void
test_forward_values (void)
{
  g_autoptr(CsTestNoiseBuffers) buf = cs_test_noise_buffers_new (B, L, K, R);
  NoiseCase c;

  noise_case_init (&c, buf, true);

  /* w = 1 is the common confusion alone, w = 0 each annotator's own. */
  for (int l = 0; l < L; l++)
    c.w[l] = 1.0f;
  g_assert_cmpfloat_with_epsilon (noise_loss (&c), reference_loss (&c, true), 1e-5);
  for (int l = 0; l < L; l++)
    c.w[l] = 0.0f;
  g_assert_cmpfloat_with_epsilon (noise_loss (&c), reference_loss (&c, false), 1e-5);

  /* The Crowd Layer variant equals w = 0 and ignores w. */
  c.global = false;
  for (int l = 0; l < L; l++)
    c.w[l] = 0.5f;
  g_assert_cmpfloat_with_epsilon (noise_loss (&c), reference_loss (&c, false), 1e-5);

  /* Crowd probabilities are the softmax of the crowd logits. */
  for (int l = 0; l < L; l++)
    {
      double sum = 0.0;

      for (int k = 0; k < K; k++)
        sum += c.buf->crowd_probs[l * K + k];
      g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-6);
    }

  /* A mix is linear in w on the logits: s = w · s_global + (1 − w) · s_local. */
  float s_mix[K], s_local[K];

  c.global = true;
  for (int l = 0; l < L; l++)
    c.w[l] = 0.0f;
  noise_loss (&c);
  memcpy (s_local, c.buf->crowd_logits, sizeof s_local);
  c.w[0] = 0.25f;
  noise_loss (&c);
  memcpy (s_mix, c.buf->crowd_logits, sizeof s_mix);
  c.w[0] = 1.0f;
  noise_loss (&c);
  for (int k = 0; k < K; k++)
    g_assert_cmpfloat_with_epsilon (s_mix[k], 0.25f * c.buf->crowd_logits[k] + 0.75f * s_local[k],
                                    1e-5);
}

static void
test_no_labels (void)
{
  g_autoptr(CsTestNoiseBuffers) buf = cs_test_noise_buffers_new (B, L, K, R);
  NoiseCase c;

  noise_case_init (&c, buf, true);
  g_assert_cmpfloat (cs_noise_forward (c.buf, c.p, c.w_global, c.w_local, c.w, labels, B, 0,
                                       K, R), ==, 0.0f);
}

static void
check_noise_gradients (bool global)
{
  g_autoptr(CsTestNoiseBuffers) buf = cs_test_noise_buffers_new (B, L, K, R);
  NoiseCase c;
  float dp[B * K] = { 0 }, dwg[K * K] = { 0 }, dwl[R * K * K] = { 0 }, dw[L] = { 0 };

  noise_case_init (&c, buf, global);
  noise_loss (&c);
  cs_noise_backward (dp, global ? dwg : NULL, dwl, global ? dw : NULL, c.buf, c.p,
                     global ? c.w_global : NULL, c.w_local, c.w, labels, B, L, K, R);

  cs_gradcheck_assert ("noise dp", noise_loss, &c, c.p, dp, B * K);
  cs_gradcheck_assert ("noise dW_r", noise_loss, &c, c.w_local, dwl, R * K * K);
  if (global)
    {
      cs_gradcheck_assert ("noise dW_g", noise_loss, &c, c.w_global, dwg, K * K);
      cs_gradcheck_assert ("noise dw", noise_loss, &c, c.w, dw, L);
    }

  /* Item 2 has no labels: its probabilities get no gradient at all. */
  for (int k = 0; k < K; k++)
    g_assert_cmpfloat (dp[2 * K + k], ==, 0.0f);
}

static void
test_backward_conal (void)
{
  check_noise_gradients (true);
}

static void
test_backward_crowd_layer (void)
{
  check_noise_gradients (false);
}

/* ---- wide rows: K = 11 spans two padded blocks (summed side by side), K = 19 three (summed
 * block by block) ----------------------------------------------------------------------------- */

#define WB 3
#define WR 2
#define WK_MAX 19
#define WL 5

static const CsCrowdLabel wide_labels[WL] = {
  { 0, 0, 10 }, { 0, 1, 3 }, { 1, 1, 7 }, { 2, 0, 0 }, { 2, 1, 10 },
};

typedef struct
{
  int             n_classes;
  float           p[WB * WK_MAX];
  float           w_global[WK_MAX * WK_MAX];
  float           w_local[WR * WK_MAX * WK_MAX];
  float           w[WL];
  CsNoiseBuffers *buf;
} WideCase;

static double
wide_loss (gpointer data)
{
  WideCase *c = data;

  return cs_noise_forward (c->buf, c->p, c->w_global, c->w_local, c->w, wide_labels, WB, WL, c->n_classes,
                           WR);
}

/* Against the layer's definition, computed in double, and by finite differences. */
static void
test_wide_rows (gconstpointer data)
{
  const int WK = GPOINTER_TO_INT (data);
  g_autoptr(CsTestNoiseBuffers) buf = cs_test_noise_buffers_new (WB, WL, WK, WR);
  WideCase c = { .n_classes = WK, .buf = buf };
  float logits[WB * WK_MAX];
  float dp[WB * WK_MAX] = { 0 }, dwg[WK_MAX * WK_MAX] = { 0 };
  float dwl[WR * WK_MAX * WK_MAX] = { 0 }, dw[WL] = { 0 };
  double want = 0.0;

  g_assert_cmpint (cs_noise_padded_width (WK), ==, (WK + 7) / 8 * 8);
  cs_test_fill_uniform (logits, WB * WK, -2.0f, 2.0f, 71);
  cs_softmax_forward (c.p, logits, WB, WK);
  cs_test_fill_uniform (c.w_global, WK * WK, -1.0f, 3.0f, 72);
  cs_test_fill_uniform (c.w_local, WR * WK * WK, -1.0f, 3.0f, 73);
  cs_test_fill_uniform (c.w, WL, 0.1f, 0.9f, 74);
  for (int l = 0; l < WL; l++)
    {
      const CsCrowdLabel *x = &wide_labels[l];
      double s[WK_MAX], max = -INFINITY, z = 0.0;

      for (int k = 0; k < WK; k++)
        {
          double g = 0.0, r = 0.0;

          for (int j = 0; j < WK; j++)
            {
              g += (double) c.p[x->item * WK + j] * c.w_global[j * WK + k];
              r += (double) c.p[x->item * WK + j] * c.w_local[(x->annotator * WK + j) * WK + k];
            }
          s[k] = c.w[l] * g + (1.0 - c.w[l]) * r;
          max = fmax (max, s[k]);
        }
      for (int k = 0; k < WK; k++)
        z += exp (s[k] - max);
      want += max + log (z) - s[x->label];
    }
  g_assert_cmpfloat_with_epsilon (wide_loss (&c), want / WL, 1e-5);

  cs_noise_backward (dp, dwg, dwl, dw, c.buf, c.p, c.w_global, c.w_local, c.w, wide_labels, WB,
                     WL, WK, WR);
  cs_gradcheck_assert ("wide dp", wide_loss, &c, c.p, dp, WB * WK);
  cs_gradcheck_assert ("wide dw", wide_loss, &c, c.w, dw, WL);
  /* With eleven classes or more most of a matrix's entries meet a probability near 1/K, and
   * their gradients (~1e-4) come close to the float rounding of a loss near log K divided by the
   * default step; five times the step divides that noise by five, and the loss is a smooth
   * function of the matrices, so truncation stays far below the tolerance. */
  for (int m = 0; m < 2; m++)
    {
      CsGradcheckReport r;
      float *x = m == 0 ? c.w_global : c.w_local;
      const float *analytic = m == 0 ? dwg : dwl;
      int n = m == 0 ? WK * WK : WR * WK * WK;

      g_assert_true (cs_gradcheck (wide_loss, &c, x, analytic, n, 5 * CS_GRADCHECK_STEP,
                                   CS_GRADCHECK_RTOL, CS_GRADCHECK_ATOL, &r));
      g_test_message ("wide %s: %d entries, worst [%d] analytic %.6g numeric %.6g (%.3g of "
                      "tolerance)", m == 0 ? "dW_g" : "dW_r", n, r.worst_index,
                      r.worst_analytic, r.worst_numeric, r.worst_ratio);
      g_assert_cmpfloat (r.max_abs_grad, >, 0.0);
    }
}

/* ---- regulariser ------------------------------------------------------------------------- */

typedef struct
{
  float w_global[K * K];
  float w_local[R * K * K];
  float lambda;
} RegCase;

static double
reg_loss (gpointer data)
{
  RegCase *c = data;

  return cs_noise_regulariser (NULL, NULL, c->w_global, c->w_local, K, R, c->lambda);
}

static void
reg_case_init (RegCase *c,
               float    lambda)
{
  cs_test_fill_uniform (c->w_global, K * K, -1.0f, 1.0f, 71);
  cs_test_fill_uniform (c->w_local, R * K * K, -1.0f, 1.0f, 72);
  /* Annotator 1 agrees with the common confusion exactly: a zero norm. */
  memcpy (c->w_local + 1 * K * K, c->w_global, sizeof c->w_global);
  c->lambda = lambda;
}

static void
test_regulariser_value (void)
{
  RegCase c;
  double expect = 0.0;

  reg_case_init (&c, -1e-5f);
  for (int r = 0; r < R; r++)
    {
      double sq = 0.0;

      for (int i = 0; i < K * K; i++)
        sq += pow ((double) c.w_local[r * K * K + i] - c.w_global[i], 2);
      expect += sqrt (sq);
    }
  g_assert_cmpfloat (expect, >, 1.0);
  g_assert_cmpfloat_with_epsilon (reg_loss (&c), -1e-5 * expect, 1e-10);
}

static void
test_regulariser_backward (void)
{
  RegCase c;
  float dwg[K * K] = { 0 }, dwl[R * K * K] = { 0 };

  /* A large lambda: with CoNAL's −1e-5 every gradient would sit below the checker's atol. */
  reg_case_init (&c, -0.7f);
  cs_noise_regulariser (dwg, dwl, c.w_global, c.w_local, K, R, c.lambda);

  cs_gradcheck_assert ("regulariser dW_g", reg_loss, &c, c.w_global, dwg, K * K);
  cs_gradcheck_assert ("regulariser dW_r", reg_loss, &c, c.w_local, dwl, R * K * K);

  /* W_1 == W_g: its gradient is taken as 0, not NaN from 0/0. */
  for (int i = 0; i < K * K; i++)
    g_assert_cmpfloat (dwl[1 * K * K + i], ==, 0.0f);

  /* Every term pulls W_r and W_g with equal and opposite force. */
  for (int i = 0; i < K * K; i++)
    {
      float sum = dwg[i];

      for (int r = 0; r < R; r++)
        sum += dwl[r * K * K + i];
      g_assert_cmpfloat (fabsf (sum), <, 1e-6f);
    }
}

static void
test_regulariser_all_equal (void)
{
  float wg[K * K], wl[R * K * K], dwg[K * K] = { 0 }, dwl[R * K * K] = { 0 };

  cs_noise_init_identity (wg, 1, K, 2.0f);
  cs_noise_init_identity (wl, R, K, 2.0f);
  g_assert_cmpfloat (cs_noise_regulariser (dwg, dwl, wg, wl, K, R, -1e-5f), ==, 0.0f);
  for (int i = 0; i < K * K; i++)
    g_assert_cmpfloat (dwg[i], ==, 0.0f);
  for (int i = 0; i < R * K * K; i++)
    g_assert_cmpfloat (dwl[i], ==, 0.0f);
}

/* ---- the trace penalty -------------------------------------------------------------------- */

static double
trace_loss (gpointer data)
{
  RegCase *c = data;

  return cs_noise_trace_penalty (NULL, c->w_local, R, K, c->lambda);
}

/* At 2 · I every row's softmax puts e² / (e² + K − 1) on its class: the mean trace is K times
 * that, whatever the number of matrices. */
static void
test_trace_value (void)
{
  float w[R * K * K];
  double on_class = exp (2.0) / (exp (2.0) + K - 1);

  cs_noise_init_identity (w, R, K, 2.0f);
  g_assert_cmpfloat_with_epsilon (cs_noise_trace_penalty (NULL, w, R, K, 0.5f), 0.5 * K * on_class, 1e-6);
  g_assert_cmpfloat_with_epsilon (cs_noise_trace_penalty (NULL, w, 1, K, 0.5f), 0.5 * K * on_class, 1e-6);
  g_assert_cmpfloat (cs_noise_trace_penalty (NULL, w, 0, K, 0.5f), ==, 0.0f);
}

static void
test_trace_backward (void)
{
  RegCase c;
  float dw[R * K * K];
  double row_sum = 0;

  reg_case_init (&c, 0.8f);
  /* Added to what is there: start from a known gradient. */
  for (int i = 0; i < R * K * K; i++)
    dw[i] = 0.25f;
  cs_noise_trace_penalty (dw, c.w_local, R, K, c.lambda);
  for (int i = 0; i < R * K * K; i++)
    dw[i] -= 0.25f;
  cs_gradcheck_assert ("trace dW_r", trace_loss, &c, c.w_local, dw, R * K * K);
  /* A row's softmax is unchanged by adding a constant to the row: its gradient sums to 0. */
  for (int j = 0; j < K; j++)
    row_sum += dw[j];
  g_assert_cmpfloat (fabs (row_sum), <, 1e-6);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/noise/identity-init", test_identity_init);
  g_test_add_func ("/noise/forward-values", test_forward_values);
  g_test_add_func ("/noise/no-labels", test_no_labels);
  g_test_add_func ("/noise/backward-conal", test_backward_conal);
  g_test_add_func ("/noise/backward-crowd-layer", test_backward_crowd_layer);
  g_test_add_data_func ("/noise/wide-rows/11", GINT_TO_POINTER (11), test_wide_rows);
  g_test_add_data_func ("/noise/wide-rows/19", GINT_TO_POINTER (19), test_wide_rows);
  g_test_add_func ("/noise/regulariser/value", test_regulariser_value);
  g_test_add_func ("/noise/regulariser/backward", test_regulariser_backward);
  g_test_add_func ("/noise/regulariser/all-equal", test_regulariser_all_equal);
  g_test_add_func ("/noise/trace/value", test_trace_value);
  g_test_add_func ("/noise/trace/backward", test_trace_backward);
  return g_test_run ();
}
