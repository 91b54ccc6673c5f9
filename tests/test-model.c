/* test-model.c — the whole model's gradient against finite differences, for every method
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-blas.h"
#include "cs-gradcheck.h"
#include "cs-model-private.h"

enum { D = 5, K = 3, R = 4, B = 6, L = 9 };

typedef struct
{
  const char *name;
  CsMethod    method;
  bool        input_batchnorm;
  bool        hidden_batchnorm;
  bool        normalize_item;
  bool        soft;
  float       dropout;
  CsAuxRoute  route;
  float       trace;
} Case;

static const Case cases[] = {
  { "conal", CS_METHOD_CONAL, false, false, true, false, 0.0f },
  { "conal-dropout", CS_METHOD_CONAL, false, false, true, false, 0.5f },
  /* Dropout before the hidden BatchNorm can leave a column of six rows nearly constant, where
   * the normalisation is too curved for a finite difference; the dropout cases above cover
   * the mask, so the BatchNorm cases run without it. */
  { "conal-music", CS_METHOD_CONAL, true, true, false, false, 0.0f, CS_AUX_ROUTE_STACKED },
  /* w from the raw input projected onto the annotators (cs_aux_project_forward). */
  { "conal-music-projected", CS_METHOD_CONAL, true, true, false, false, 0.0f,
    CS_AUX_ROUTE_PROJECTED },
  { "conal-unnormalised-projected", CS_METHOD_CONAL, false, false, false, false, 0.5f,
    CS_AUX_ROUTE_PROJECTED },
  /* The auxiliary tower folded onto the normalised input, with ReLU's kinks in play. */
  { "conal-input-batchnorm", CS_METHOD_CONAL, true, false, true, false, 0.0f },
  { "crowdlayer", CS_METHOD_CROWD_LAYER, false, false, true, false, 0.0f },
  /* The trace penalty on W_g and every W_r, large enough to weigh in the gradient. */
  { "conal-trace", CS_METHOD_CONAL, false, false, true, false, 0.0f, CS_AUX_ROUTE_AUTO, 0.3f },
  { "crowdlayer-trace", CS_METHOD_CROWD_LAYER, false, false, true, false, 0.0f, CS_AUX_ROUTE_AUTO,
    0.3f },
  { "gold", CS_METHOD_GOLD, false, false, true, false, 0.5f },
  { "gold-batchnorm", CS_METHOD_GOLD, true, true, true, false, 0.0f },
  { "ds-soft", CS_METHOD_DAWID_SKENE, false, false, true, true, 0.0f },
  /* A warm start: CoNAL's and Crowd Layer's models trained on soft targets, their crowd
   * labels in the batch but unused, the noise layers and the auxiliary network without a
   * gradient. */
  { "conal-warm-start", CS_METHOD_CONAL, false, false, true, true, 0.5f, CS_AUX_ROUTE_STACKED },
  { "conal-music-warm-start", CS_METHOD_CONAL, true, true, false, true, 0.0f,
    CS_AUX_ROUTE_PROJECTED },
  { "crowdlayer-warm-start", CS_METHOD_CROWD_LAYER, false, false, true, true, 0.0f },
};

static bool
has_crowd_layers (CsMethod method)
{
  return method == CS_METHOD_CONAL || method == CS_METHOD_CROWD_LAYER;
}

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

  return cs_model_forward_backward (f->model, &f->batch, &f->config, &rng, false, NULL);
}

/* The regularisers' part the step reports is what the loss loses without them: the rest is
 * the cross-entropy. CoNAL's term is negative (it rewards W_r apart from W_g); methods without
 * noise layers, or trained on targets, have none. */
static void
check_regulariser (Fixture    *f,
                   const Case *c)
{
  CsTrainConfig plain = f->config;
  CsRng rng = f->rng;
  float regulariser = NAN, loss, cross_entropy;

  loss = cs_model_forward_backward (f->model, &f->batch, &f->config, &rng, false, &regulariser);
  plain.lambda = 0;
  plain.trace = 0;
  rng = f->rng;
  cross_entropy = cs_model_forward_backward (f->model, &f->batch, &plain, &rng, false, NULL);
  g_assert_cmpfloat_with_epsilon (loss - regulariser, cross_entropy, 1e-5);
  if (!has_crowd_layers (c->method) || c->soft)
    g_assert_cmpfloat (regulariser, ==, 0);
  else if (c->method == CS_METHOD_CONAL && c->trace == 0)
    g_assert_cmpfloat (regulariser, <, 0);
  else if (c->trace > 0)
    g_assert_cmpfloat (regulariser, !=, 0);
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
  f.config.input_batchnorm = c->input_batchnorm;
  f.config.hidden_batchnorm = c->hidden_batchnorm;
  f.config.normalize_item = c->normalize_item;
  f.config.trace = c->trace;
  /* A larger λ than CoNAL's 1e-5, so the regulariser's share of the gradient is visible. */
  f.config.lambda = 0.05f;
  cs_model_shape_init (&shape, &f.config, D, K, R);
  f.model = cs_model_new (&shape, B, L);
  cs_model_set_aux_route (f.model, c->route);
  if (c->route != CS_AUX_ROUTE_AUTO)
    g_assert_cmpint (cs_model_get_aux_route (f.model, B, L), ==, c->route);
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
  if (c->hidden_batchnorm)
    cs_test_fill_uniform (cs_model_get_params (f.model)->b1, shape.H, 9.5f, 10.5f, 13);
  cs_test_fill_uniform (x, B * D, -1.0f, 1.0f, 3);
  cs_test_fill_uniform (soft, B * K, 0.0f, 1.0f, 5);
  memset (soft + 2 * K, 0, sizeof (float) * K);
  cs_rng_init (&f.rng, 99);
  /* The crowd methods' batches have no hard targets; the others' have them beside any soft ones. */
  f.batch = (CsBatch) { x, B, labels, L, has_crowd_layers (c->method) ? NULL : targets,
                        c->soft ? soft : NULL };

  cs_model_zero_grads (f.model);
  {
    CsRng fixed = f.rng;

    cs_model_forward_backward (f.model, &f.batch, &f.config, &fixed, true, NULL);
  }
  grads = cs_model_get_grad_buffer (f.model);
  analytic = g_memdup2 (grads, sizeof (float) * n);
  cs_gradcheck_assert (c->name, loss_of, &f, params, analytic, (int) n);
  check_regulariser (&f, c);
  if (has_crowd_layers (c->method) && c->soft)
    {
      /* Nothing but the classifier learns from targets. */
      const CsParams *p = cs_model_get_params (f.model);
      const struct { const float *at; size_t n; } untouched[] = {
        { p->global, (size_t) K * K }, { p->local, (size_t) R * K * K },
        { p->aux_w1, (size_t) shape.A * D }, { p->aux_b1, shape.A },
        { p->aux_w2, (size_t) shape.E * shape.A }, { p->aux_b2, shape.E },
        { p->ann_w, (size_t) R * shape.E }, { p->ann_b, shape.E },
      };
      double classifier = 0;

      for (guint u = 0; u < G_N_ELEMENTS (untouched); u++)
        for (size_t j = 0; untouched[u].at != NULL && j < untouched[u].n; j++)
          g_assert_cmpfloat (analytic[untouched[u].at - params + j], ==, 0.0f);
      for (int j = 0; j < shape.K * shape.H; j++)
        classifier += fabs (analytic[p->w2 - params + j]);
      g_assert_cmpfloat (classifier, >, 0);
    }
  cs_model_free (f.model);
}

static double
sigmoid (double z)
{
  return 1.0 / (1.0 + exp (-z));
}

/* x / ‖x‖ for a row of E doubles, when `normalize`. */
static void
normalize_row (double *x,
               int     E,
               bool    normalize)
{
  double sq = 0.0;

  for (int e = 0; e < E && normalize; e++)
    sq += x[e] * x[e];
  for (int e = 0; e < E && normalize; e++)
    x[e] /= sqrt (sq);
}

/* Evaluation mode over more rows than a batch holds and more labels than a run of them: w and
 * the crowd likelihoods against the network as written (the auxiliary tower's two linears on
 * the raw input), computed here in double. The classifier's probabilities come from
 * cs_model_predict; BatchNorm uses non-trivial running statistics. */
static void
test_model_evaluation (gconstpointer data)
{
  enum { N = 7, NL = 12, MAX_BATCH = 3, MAX_LABELS = 2, H = 6, A = 4, E = 3 };
  bool normalize = GPOINTER_TO_INT (data);
  CsTrainConfig config;
  CsModelShape shape;
  CsCrowdLabel labels[NL];
  float x[N * D], probs[N * K], w[NL], likelihood[NL];
  g_autoptr(CsModel) model = NULL;
  CsParams *p;
  CsBatchnormState *st;
  CsRng rng;
  float *params;
  size_t n;

  cs_train_config_init (&config);
  config.hidden = H;
  config.aux_hidden = A;
  config.embedding = E;
  config.input_batchnorm = true;
  config.hidden_batchnorm = true;
  config.normalize_item = normalize;
  cs_model_shape_init (&shape, &config, D, K, R);
  model = cs_model_new (&shape, MAX_BATCH, MAX_LABELS);
  cs_rng_init (&rng, 5);
  cs_model_init_params (model, &config, &rng);
  params = cs_model_get_param_buffer (model, &n);
  cs_test_fill_uniform (params, (int) n, -0.8f, 0.8f, 21);
  p = cs_model_get_params (model);
  st = cs_model_get_state (model);
  cs_test_fill_uniform (st->in_mean, D, -0.5f, 0.5f, 22);
  cs_test_fill_uniform (st->in_var, D, 0.5f, 2.0f, 23);
  cs_test_fill_uniform (st->hid_mean, H, -0.5f, 0.5f, 24);
  cs_test_fill_uniform (st->hid_var, H, 0.5f, 2.0f, 25);
  cs_test_fill_uniform (x, N * D, -2.0f, 2.0f, 26);
  /* Sorted by item, two or three labels on some items, none on others. */
  for (int l = 0; l < NL; l++)
    labels[l] = (CsCrowdLabel) { l * N / NL, (l * 3) % R, (l * 7) % K };

  cs_model_predict (model, probs, x, N);
  cs_model_mixing_weights (model, w, x, N, labels, NL);
  cs_model_crowd_likelihood (model, likelihood, x, N, labels, NL);
  for (int l = 0; l < NL; l++)
    {
      const float *x_i = x + labels[l].item * D, *p_i = probs + labels[l].item * K;
      const float *W_r = p->local + labels[l].annotator * K * K;
      double hidden[A], v[E], u[E], dot = 0.0, want_w, s[K], max = -INFINITY, z = 0.0;

      for (int j = 0; j < A; j++)
        {
          hidden[j] = p->aux_b1[j];
          for (int d = 0; d < D; d++)
            hidden[j] += (double) p->aux_w1[j * D + d] * x_i[d];
        }
      for (int e = 0; e < E; e++)
        {
          v[e] = p->aux_b2[e];
          for (int j = 0; j < A; j++)
            v[e] += (double) p->aux_w2[e * A + j] * hidden[j];
          u[e] = (double) p->ann_w[labels[l].annotator * E + e] + p->ann_b[e];
        }
      normalize_row (v, E, normalize);
      normalize_row (u, E, true);
      for (int e = 0; e < E; e++)
        dot += v[e] * u[e];
      want_w = sigmoid (dot);
      g_assert_cmpfloat_with_epsilon (w[l], want_w, 1e-5);

      for (int k = 0; k < K; k++)
        {
          double g = 0.0, r = 0.0;

          for (int j = 0; j < K; j++)
            {
              g += (double) p_i[j] * p->global[j * K + k];
              r += (double) p_i[j] * W_r[j * K + k];
            }
          s[k] = want_w * g + (1.0 - want_w) * r;
          max = fmax (max, s[k]);
        }
      for (int k = 0; k < K; k++)
        z += exp (s[k] - max);
      g_assert_cmpfloat_with_epsilon (likelihood[l], exp (s[labels[l].label] - max) / z, 1e-5);
    }
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

/* A Music-like step (both BatchNorms, w unnormalised, dropout) over a batch large enough to
 * share out, run by variants of one model: each variant a fresh copy of the same weights and
 * BatchNorm statistics, with the same dropout masks. */
enum { RD = 48, RR = 5, RB = 600, RL = 2400, RE = 16 };

typedef struct
{
  CsTrainConfig config;
  CsModelShape  shape;
  CsModel      *model;
  CsCrowdLabel  labels[RL];
  float         x[RB * RD];
  size_t        n;
} StepFixture;

static void
step_fixture_init (StepFixture *f)
{
  CsRng rng;

  cs_train_config_init (&f->config);
  f->config.input_batchnorm = true;
  f->config.hidden_batchnorm = true;
  f->config.normalize_item = false;
  f->config.embedding = RE;
  f->config.dropout = 0.5f;
  cs_model_shape_init (&f->shape, &f->config, RD, K, RR);
  f->model = cs_model_new (&f->shape, RB, RL);
  cs_rng_init (&rng, 3);
  cs_model_init_params (f->model, &f->config, &rng);
  /* W_r off W_g, or w would not matter. */
  cs_test_fill_uniform (cs_model_get_params (f->model)->local, RR * K * K, -1.0f, 1.0f, 19);
  cs_test_fill_uniform (f->x, RB * RD, -1.0f, 1.0f, 17);
  for (int l = 0; l < RL; l++)
    f->labels[l] = (CsCrowdLabel) { l * RB / RL, (l * 7) % RR, (l * 5) % K };
  cs_model_get_param_buffer (f->model, &f->n);
}

/* One step of a variant; returns the loss and a copy of the gradients in *grads. */
static float
step_fixture_run (StepFixture *f,
                  CsAuxRoute   route,
                  int          threads,
                  float      **grads)
{
  CsBatch batch = { f->x, RB, f->labels, RL, NULL, NULL };
  CsRng dropout;
  g_autoptr(CsModel) copy = cs_model_new (&f->shape, RB, RL);
  float loss;

  cs_model_copy_weights (copy, f->model);
  cs_model_set_aux_route (copy, route);
  cs_model_set_threads (copy, threads);
  cs_rng_init (&dropout, 5);
  cs_model_zero_grads (copy);
  loss = cs_model_forward_backward (copy, &batch, &f->config, &dropout, true, NULL);
  *grads = g_memdup2 (cs_model_get_grad_buffer (copy), sizeof (float) * f->n);
  return loss;
}

/* Two variants' losses and gradients agree to rounding (relative to the largest gradient). */
static void
assert_steps_agree (float        loss_a,
                    const float *a,
                    float        loss_b,
                    const float *b,
                    size_t       n)
{
  float scale = 0.0f;

  g_assert_cmpfloat_with_epsilon (loss_a, loss_b, 1e-5 * fabsf (loss_a));
  for (size_t i = 0; i < n; i++)
    scale = fmaxf (scale, fabsf (a[i]));
  g_assert_cmpfloat (scale, >, 0.0f);
  for (size_t i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (a[i], b[i], 1e-5 * scale);
}

/* A training step's loss and gradients are the same whichever way w is computed, and AUTO
 * picks by cost: projecting for a batch with few labels per row, as on Music. */
static void
test_model_aux_routes (void)
{
  StepFixture f;
  g_autofree float *stacked_grads = NULL;
  g_autofree float *projected_grads = NULL;
  float stacked_loss, projected_loss;

  step_fixture_init (&f);
  g_assert_cmpint (cs_model_get_aux_route (f.model, RB, RL), ==, CS_AUX_ROUTE_PROJECTED);
  /* Many labels per row: a D-long product each costs more than E columns per row. */
  g_assert_cmpint (cs_model_get_aux_route (f.model, 4, 5000), ==, CS_AUX_ROUTE_STACKED);
  stacked_loss = step_fixture_run (&f, CS_AUX_ROUTE_STACKED, 1, &stacked_grads);
  projected_loss = step_fixture_run (&f, CS_AUX_ROUTE_PROJECTED, 1, &projected_grads);
  assert_steps_agree (stacked_loss, stacked_grads, projected_loss, projected_grads, f.n);
  cs_model_free (f.model);

  /* Normalised item embeddings cannot be projected: the route stays stacked. */
  f.config.normalize_item = true;
  cs_model_shape_init (&f.shape, &f.config, RD, K, RR);
  {
    g_autoptr(CsModel) normalised = cs_model_new (&f.shape, RB, RL);

    cs_model_set_aux_route (normalised, CS_AUX_ROUTE_PROJECTED);
    g_assert_cmpint (cs_model_get_aux_route (normalised, RB, RL), ==, CS_AUX_ROUTE_STACKED);
  }
}

/* The step's threads share out its rows, labels, columns and products in parts that the sizes
 * fix: any thread count computes the one-thread step bit for bit, by either route. So do the
 * evaluations (class probabilities and crowd-label likelihoods). */
static void
test_model_threads (void)
{
  StepFixture f;
  g_autofree float *probs_one = g_new (float, RB * K);
  g_autofree float *probs_many = g_new (float, RB * K);
  float like_one[RL], like_many[RL];

  step_fixture_init (&f);
  for (int route = CS_AUX_ROUTE_STACKED; route <= CS_AUX_ROUTE_PROJECTED; route++)
    {
      g_autofree float *one = NULL;
      float loss_one = step_fixture_run (&f, route, 1, &one);

      for (int threads = 2; threads <= 3; threads++)
        {
          g_autofree float *many = NULL;
          float loss_many = step_fixture_run (&f, route, threads, &many);

          g_assert_true (loss_one == loss_many);
          g_assert_cmpmem (one, sizeof (float) * f.n, many, sizeof (float) * f.n);
        }
    }

  /* A second model, so nothing of the first evaluation's buffers stands in for the second's. */
  for (int threads = 2; threads <= 3; threads++)
    {
      g_autoptr(CsModel) shared = cs_model_new (&f.shape, RB, RL);

      cs_model_copy_weights (shared, f.model);
      cs_model_set_threads (shared, threads);
      cs_model_predict (f.model, probs_one, f.x, RB);
      cs_model_crowd_likelihood (f.model, like_one, f.x, RB, f.labels, RL);
      cs_model_predict (shared, probs_many, f.x, RB);
      cs_model_crowd_likelihood (shared, like_many, f.x, RB, f.labels, RL);
      g_assert_cmpmem (probs_one, sizeof (float) * RB * K, probs_many, sizeof (float) * RB * K);
      g_assert_cmpmem (like_one, sizeof like_one, like_many, sizeof like_many);
    }
  cs_model_free (f.model);
}

/* Rows that stay put (CsBatch.x_fixed) keep their input BatchNorm between steps: the same
 * losses, gradients and running statistics, bit for bit, as normalising them every step, with
 * evaluations in between; another batch at other rows is normalised afresh. */
static void
test_model_fixed_rows (gconstpointer data)
{
  int threads = GPOINTER_TO_INT (data);
  StepFixture f;
  g_autoptr(CsModel) kept = NULL;
  g_autoptr(CsModel) afresh = NULL;
  float probs[RB * K];
  int half_labels = 0;

  step_fixture_init (&f);
  kept = cs_model_new (&f.shape, RB, RL);
  afresh = cs_model_new (&f.shape, RB, RL);
  cs_model_copy_weights (kept, f.model);
  cs_model_copy_weights (afresh, f.model);
  cs_model_set_threads (kept, threads);
  cs_model_set_threads (afresh, threads);
  while (half_labels < RL && f.labels[half_labels].item < RB / 2)
    half_labels++;
  for (int step = 0; step < 4; step++)
    {
      /* Batches of the first half of the rows, but step 2 reads the second half. */
      const float *x = step == 2 ? f.x + (RB / 2) * RD : f.x;
      CsBatch batch = { x, RB / 2, f.labels, half_labels, NULL, NULL, true };
      CsBatch plain = { x, RB / 2, f.labels, half_labels, NULL, NULL, false };
      CsRng r1, r2;
      float loss_kept, loss_afresh;
      size_t n;

      cs_rng_init (&r1, 40 + step);
      r2 = r1;
      cs_model_zero_grads (kept);
      cs_model_zero_grads (afresh);
      loss_kept = cs_model_forward_backward (kept, &batch, &f.config, &r1, true, NULL);
      loss_afresh = cs_model_forward_backward (afresh, &plain, &f.config, &r2, true, NULL);
      g_assert_true (loss_kept == loss_afresh);
      g_assert_cmpmem (cs_model_get_grad_buffer (kept), sizeof (float) * f.n,
                       cs_model_get_grad_buffer (afresh), sizeof (float) * f.n);
      g_assert_cmpmem (cs_model_get_state (kept)->in_var, sizeof (float) * RD,
                       cs_model_get_state (afresh)->in_var, sizeof (float) * RD);
      g_assert_cmpmem (cs_model_get_state (kept)->in_mean, sizeof (float) * RD,
                       cs_model_get_state (afresh)->in_mean, sizeof (float) * RD);
      /* Move the weights as training would, and evaluate in between. */
      for (int m = 0; m < 2; m++)
        {
          CsModel *model = m == 0 ? kept : afresh;
          float *params = cs_model_get_param_buffer (model, &n);

          for (size_t i = 0; i < n; i++)
            params[i] -= 0.1f * cs_model_get_grad_buffer (model)[i];
        }
      cs_model_predict (kept, probs, f.x + RD, RB - 1);
      cs_model_predict (afresh, probs, f.x + RD, RB - 1);
    }
  cs_model_free (f.model);
}

/* The same weights in a model allocated for batches of another size (as trained, and as loaded
 * from a checkpoint) evaluate to the same bits: predictions and mixing weights. */
static void
test_model_evaluation_geometry (void)
{
  StepFixture f;
  g_autoptr(CsModel) trained = NULL;
  g_autoptr(CsModel) loaded = NULL;
  g_autofree float *probs_a = g_new (float, RB * K);
  g_autofree float *probs_b = g_new (float, RB * K);
  g_autofree float *w_a = g_new (float, RL);
  g_autofree float *w_b = g_new (float, RL);

  step_fixture_init (&f);
  trained = cs_model_new (&f.shape, RB / 2 + 7, RL);
  loaded = cs_model_new_for_evaluation (&f.shape);
  cs_model_copy_weights (trained, f.model);
  cs_model_copy_weights (loaded, f.model);
  cs_model_predict (trained, probs_a, f.x, RB);
  cs_model_predict (loaded, probs_b, f.x, RB);
  g_assert_cmpmem (probs_a, sizeof (float) * RB * K, probs_b, sizeof (float) * RB * K);
  cs_model_mixing_weights (trained, w_a, f.x, RB, f.labels, RL);
  cs_model_mixing_weights (loaded, w_b, f.x, RB, f.labels, RL);
  g_assert_cmpmem (w_a, sizeof (float) * RL, w_b, sizeof (float) * RL);
  cs_model_free (f.model);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* As in training: the model's own threads share the work out, OpenBLAS runs one. */
  cs_blas_set_num_threads (1);
  g_test_add_func ("/model/layout", test_model_layout);
  g_test_add_func ("/model/aux-routes", test_model_aux_routes);
  g_test_add_func ("/model/threads", test_model_threads);
  g_test_add_func ("/model/evaluation-geometry", test_model_evaluation_geometry);
  g_test_add_data_func ("/model/fixed-rows/1-thread", GINT_TO_POINTER (1), test_model_fixed_rows);
  g_test_add_data_func ("/model/fixed-rows/2-threads", GINT_TO_POINTER (2),
                        test_model_fixed_rows);
  g_test_add_data_func ("/model/evaluation/normalised", GINT_TO_POINTER (TRUE),
                        test_model_evaluation);
  g_test_add_data_func ("/model/evaluation/unnormalised", GINT_TO_POINTER (FALSE),
                        test_model_evaluation);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/model/gradient/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_model_gradient);
    }
  return g_test_run ();
}
