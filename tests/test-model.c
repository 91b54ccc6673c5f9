/* test-model.c — the whole model's gradient against finite differences, for every method
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-gradcheck.h"
#include "cs-model.h"

enum { D = 5, K = 3, R = 4, B = 6, L = 9 };

typedef struct
{
  const char *name;
  CsMethod    method;
  bool        batchnorm;
  bool        normalize_item;
  bool        soft;
  float       dropout;
} Case;

static const Case cases[] = {
  { "conal", CS_METHOD_CONAL, false, true, false, 0.0f },
  { "conal-dropout", CS_METHOD_CONAL, false, true, false, 0.5f },
  /* Dropout before the hidden BatchNorm can leave a column of six rows nearly constant, where
   * the normalisation is too curved for a finite difference; the dropout cases above cover
   * the mask, so the BatchNorm cases run without it. */
  { "conal-music", CS_METHOD_CONAL, true, false, false, 0.0f },
  { "crowdlayer", CS_METHOD_CROWD_LAYER, false, true, false, 0.0f },
  { "gold", CS_METHOD_GOLD, false, true, false, 0.5f },
  { "gold-batchnorm", CS_METHOD_GOLD, true, true, false, 0.0f },
  { "ds-soft", CS_METHOD_DAWID_SKENE, false, true, true, 0.0f },
};

typedef struct
{
  CsModel       *model;
  CsTrainConfig  config;
  CsBatch        batch;
  CsRng          rng;   /* the same dropout masks on every evaluation */
} Fixture;

static double
loss_of (gpointer data)
{
  Fixture *f = data;
  CsRng rng = f->rng;

  return cs_model_forward_backward (f->model, &f->batch, &f->config, &rng, false);
}

static void
test_model_gradient (gconstpointer data)
{
  const Case *c = data;
  Fixture f = { 0 };
  CsModelShape shape;
  float x[B * D], soft[B * K];
  int32_t targets[B] = { 0, 2, -1, 1, 1, 0 };
  /* Items with several labels, one with none (item 4), annotator 3 with one label. */
  CsCrowdLabel labels[L] = {
    { 0, 0, 0 }, { 0, 1, 1 }, { 0, 2, 0 }, { 1, 0, 2 }, { 2, 1, 1 },
    { 2, 2, 1 }, { 3, 3, 0 }, { 5, 0, 2 }, { 5, 1, 2 },
  };
  size_t n;
  float *params, *grads;
  g_autofree float *analytic = NULL;
  CsRng rng;

  cs_train_config_init (&f.config);
  f.config.method = c->method;
  f.config.hidden = 7;
  f.config.aux_hidden = 4;
  f.config.embedding = 3;
  f.config.dropout = c->dropout;
  f.config.input_batchnorm = c->batchnorm;
  f.config.hidden_batchnorm = c->batchnorm;
  f.config.normalize_item = c->normalize_item;
  /* A larger λ than CoNAL's 1e-5, so the regulariser's share of the gradient is visible. */
  f.config.lambda = 0.05f;
  cs_model_shape_init (&shape, &f.config, D, K, R);
  f.model = cs_model_new (&shape, B, L);
  cs_rng_init (&rng, 7);
  cs_model_init_params (f.model, &f.config, &rng);
  params = cs_model_get_param_buffer (f.model, &n);
  /* Move the noise matrices off 2·I (and W_r off W_g) so every term has a gradient. */
  cs_test_fill_uniform (params, (int) n, -0.8f, 0.8f, 11);
  /* A hidden unit that is dead for every row is a constant column, which BatchNorm scales by
   * 1/sqrt(eps), and a unit a step of the check moves across ReLU's kink measures the kink:
   * with BatchNorm the first layer's biases keep every unit positive for every row (a
   * normalised column of B rows stays within sqrt (B − 1) < 2.3, so |W1 x̂| < D · 0.8 · 2.3 =
   * 9.2 here), so the BatchNorm cases check the normalisation, and the other cases ReLU's kink. */
  if (c->batchnorm)
    cs_test_fill_uniform (cs_model_get_params (f.model)->b1, shape.H, 9.5f, 10.5f, 13);
  cs_test_fill_uniform (x, B * D, -1.0f, 1.0f, 3);
  cs_test_fill_uniform (soft, B * K, 0.0f, 1.0f, 5);
  memset (soft + 2 * K, 0, sizeof (float) * K);
  cs_rng_init (&f.rng, 99);
  f.batch = (CsBatch) { x, B, labels, L, targets, c->soft ? soft : NULL };

  cs_model_zero_grads (f.model);
  {
    CsRng fixed = f.rng;

    cs_model_forward_backward (f.model, &f.batch, &f.config, &fixed, true);
  }
  grads = cs_model_get_grad_buffer (f.model);
  analytic = g_memdup2 (grads, sizeof (float) * n);
  cs_gradcheck_assert (c->name, loss_of, &f, params, analytic, (int) n);
  cs_model_free (f.model);
}

/* The model's layout: absent parts are NULL, and CoNAL starts from 2·I. */
static void
test_model_layout (void)
{
  CsTrainConfig config;
  CsModelShape shape;
  CsRng rng;
  g_autoptr(CsModel) conal = NULL;
  g_autoptr(CsModel) gold = NULL;
  size_t n_conal, n_gold;

  cs_train_config_init (&config);
  cs_model_shape_init (&shape, &config, D, K, R);
  conal = cs_model_new (&shape, B, L);
  cs_rng_init (&rng, 1);
  cs_model_init_params (conal, &config, &rng);
  g_assert_nonnull (cs_model_get_params (conal)->global);
  g_assert_cmpfloat (cs_model_get_params (conal)->global[0], ==, 2.0f);
  g_assert_cmpfloat (cs_model_get_params (conal)->global[1], ==, 0.0f);
  g_assert_cmpfloat (cs_model_get_params (conal)->local[(R - 1) * K * K + K * K - 1], ==, 2.0f);
  cs_model_get_param_buffer (conal, &n_conal);
  g_assert_cmpuint (n_conal, ==, D * 128 + 128 + 128 * K + K + K * K + R * K * K +
                                 D * 128 + 128 + 128 * 20 + 20 + R * 20 + 20);

  config.method = CS_METHOD_GOLD;
  cs_model_shape_init (&shape, &config, D, K, R);
  gold = cs_model_new (&shape, B, L);
  g_assert_null (cs_model_get_params (gold)->global);
  g_assert_null (cs_model_get_params (gold)->local);
  g_assert_null (cs_model_get_params (gold)->aux_w1);
  cs_model_get_param_buffer (gold, &n_gold);
  g_assert_cmpuint (n_gold, ==, D * 128 + 128 + 128 * K + K);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/layout", test_model_layout);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/model/gradient/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_model_gradient);
    }
  return g_test_run ();
}
