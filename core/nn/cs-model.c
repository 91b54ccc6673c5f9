/* cs-model.c — the classifier, CoNAL's noise layers and auxiliary network, in one flat buffer
 *
 * Parameters, gradients and Adam's moments share one layout (CsParams points into each), so
 * zeroing gradients is one memset, the optimiser is one loop and a checkpoint is one write.
 * Every activation buffer is allocated once, for the largest batch, when the model is made:
 * the training step allocates nothing. Weights are [out, in] as in PyTorch.
 *
 * Nearly all of an epoch's work is in the products over the input. The auxiliary network's
 * two linears compose into one, x · Mᵀ + c with M = A2 · A1 (cs_aux_collapse_forward), and
 * both the classifier's first layer and that one run as a single product over the stacked
 * [W1; M] (E rows instead of A = 128 + E for the tower). An input BatchNorm is an affine map
 * of each column, so M moves onto the normalised input too (cs_linear_fold_forward). The
 * gradients go back the same way onto A1, a1, A2, a2: same function, same parameters.
 *
 * When v is not normalised (the official Music setting, E = 80), ⟨v_i, u_r⟩ is linear in x_i
 * too: x_i · (Mᵀ u_r) + c · u_r. A batch with few labels per row then takes each annotator's
 * u_r through the tower once (Q = u · A2 · A1, [R, D]) and one D-long product per label, and
 * the first layer's product keeps its H columns (cs_model_get_aux_route says which way a batch
 * goes).
 *
 * The step's threads (cs_model_set_threads) share out work cut into parts that the sizes fix,
 * never the thread count, and partial sums are added in part order, so one thread computes what
 * sixteen do, bit for bit. The parts' own gradient buffers (the noise layers' and projected
 * w's) are laid out with the activations for CS_POOL_MAX_PARTS parts.
 *
 *   classifier  x ─[BN]─ Linear(H) ─ ReLU ─ Dropout ─[BN]─ Linear(K) ─ softmax ─ p
 *   auxiliary   x ─ Linear(A) ─ Linear(E) ─[L2]─ v ;  u_r = L2 (ann_w[r] + ann_b)
 *   noise       s_l = w_l · p_i W_g + (1 − w_l) · p_i W_r,   w_l = σ(⟨v_i, u_r⟩)
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-adam.h"
#include "cs-aux.h"
#include "cs-blas.h"
#include "cs-dataset.h"
#include "cs-layers.h"
#include "cs-model-private.h"
#include "cs-noise-private.h"
#include "cs-shared-layers.h"

#define BN_MOMENTUM 0.1f
#define BN_EPS      1e-5f

/* Activations of one batch, and their gradients. */
typedef struct
{
  float        *xn;          /* [B, D] input after BatchNorm, in training */
  float        *xn_eval;     /* [B, D] the same in evaluation, so xn outlives it */
  float        *in_batch_mean; /* [D] the training batch's statistics, kept with xn */
  float        *in_batch_rstd; /* [D] */
  float        *in_batch_var;  /* [D] unbiased */
  const float  *in_cached_x; /* the fixed rows xn normalises (CsBatch.x_fixed), or NULL */
  int           in_cached_B;
  const float  *in_mean;     /* [D] the input BatchNorm's mean, batch or running, and */
  float        *in_std;      /* [D] 1 / its rstd: what the stacked tower folds in */
  float        *stack_b;     /* [H + E] b1 over the collapsed (and folded) auxiliary c */
  float        *dstack_b;    /* [H + E] */
  float        *aux_m;       /* [E, D] the collapsed auxiliary linear, and later its gradient */
  float        *aux_c;       /* [E] */
  float        *first;       /* [B, H + E] both first layers at once: h, then vpre */
  float        *dfirst;      /* [B, H + E] their gradients */
  float        *h;           /* [B, H] the first linear, without the auxiliary tower */
  float        *mask;        /* [B, H] dropout */
  float        *hd;          /* [B, H] after dropout */
  float        *hn;          /* [B, H] after BatchNorm */
  float        *hid_mean;    /* [H] */
  float        *hid_rstd;    /* [H] */
  float        *logits;      /* [B, K] */
  float        *p;           /* [B, K] */
  float        *vpre;        /* [B, E] */
  float        *v;           /* [B, E] */
  float        *vnorm;       /* [B] */
  float        *upre;        /* [R, E] */
  float        *u;           /* [R, E] */
  float        *unorm;       /* [R] */
  float        *w;           /* [L] */
  CsNoiseBuffers noise;      /* the noise layers' buffers, per label and per row */
  CsCrowdLabel *chunk_labels; /* [L] labels of an evaluation chunk, items made chunk-local */
  float        *dh;          /* [B, H] gradient of the hidden layer's output */
  float        *dhd;         /* [B, H] gradient before the hidden BatchNorm */
  float        *dlogits;     /* [B, K] */
  float        *dp;          /* [B, K] */
  float        *dv;          /* [B, E] */
  float        *dvpre;       /* [B, E] */
  float        *du;          /* [R, E] */
  float        *dupre;       /* [R, E] */
  float        *dw;          /* [L] */
  float        *proj;        /* [R, D] Q = u · A2 · A1, when the model may project (may_project) */
  float        *proj_b;      /* [R] u · (A2 · a1 + a2) */
  float        *dproj;       /* [R, D] */
  float        *dproj_b;     /* [R] */
  float        *proj_p;      /* [R, A] u · A2 */
  float        *dproj_p;     /* [R, A] */
  float        *proj_part_grads; /* [CS_POOL_MAX_PARTS − 1, R · D + R] the other parts' dQ, db */
} CsActivations;

struct _CsModel
{
  CsModelShape     shape;
  int              max_batch;
  int              max_labels;
  size_t           n_params;
  size_t           n_state;
  float           *param_memory;
  float           *grad_memory;
  float           *state_memory;
  float           *act_memory;
  CsParams         params;
  CsParams         grads;
  CsBatchnormState state;
  CsActivations    act;
  CsAuxRoute       aux_route;
  CsPool          *pool;
};

void
cs_model_shape_init (CsModelShape        *shape,
                     const CsTrainConfig *config,
                     int                  D,
                     int                  K,
                     int                  R)
{
  bool noise = config->method == CS_METHOD_CONAL || config->method == CS_METHOD_CROWD_LAYER;

  *shape = (CsModelShape) {
    .D = D, .H = config->hidden, .K = K, .R = R,
    .A = config->aux_hidden, .E = config->embedding,
    .has_global = config->method == CS_METHOD_CONAL,
    .has_local = noise,
    .has_aux = config->method == CS_METHOD_CONAL,
    .input_batchnorm = config->input_batchnorm,
    .hidden_batchnorm = config->hidden_batchnorm,
    .normalize_item = config->normalize_item,
  };
}

/* Points the fields of `p` into `base` (or only counts, when base is NULL). */
static size_t
layout_params (CsParams           *p,
               float              *base,
               const CsModelShape *s)
{
  size_t off = 0;

#define TAKE(field, count, present) \
  G_STMT_START { p->field = (present) && base ? base + off : NULL; off += (present) ? (size_t) (count) : 0; } G_STMT_END

  TAKE (aux_w1, (size_t) s->D * s->A, s->has_aux);
  TAKE (b1, s->H, true);
  TAKE (aux_b1, s->A, s->has_aux);
  TAKE (w2, (size_t) s->H * s->K, true);
  TAKE (b2, s->K, true);
  TAKE (global, (size_t) s->K * s->K, s->has_global);
  TAKE (local, (size_t) s->R * s->K * s->K, s->has_local);
  TAKE (aux_w2, (size_t) s->A * s->E, s->has_aux);
  TAKE (aux_b2, s->E, s->has_aux);
  TAKE (ann_w, (size_t) s->R * s->E, s->has_aux);
  TAKE (ann_b, s->E, s->has_aux);
  /* Last, so that the E × D floats past the end (see stack_rows) extend it to [W1; M]. */
  TAKE (w1, (size_t) s->D * s->H, true);
#undef TAKE
  return off;
}

/* With the auxiliary tower, the parameter and gradient buffers run E × D floats past the
 * parameters: the rows of M (and of dM) under W1 (dW1), so [W1; M] is one matrix for the
 * first layer's product without copying W1. Adam, checkpoints and copies see n_params only. */
static size_t
stack_rows (const CsModelShape *s)
{
  return s->has_aux ? (size_t) s->E * s->D : 0;
}

static size_t
layout_state (CsBatchnormState   *st,
              float              *base,
              const CsModelShape *s)
{
  size_t off = 0;

  /* A NULL base only measures; even NULL + 0 is undefined, so it is never offset. */
#define TAKE(field, count, present) \
  G_STMT_START { st->field = (present) && base ? base + off : NULL; off += (present) ? (size_t) (count) : 0; } G_STMT_END
  TAKE (in_mean, s->D, s->input_batchnorm);
  TAKE (in_var, s->D, s->input_batchnorm);
  TAKE (hid_mean, s->H, s->hidden_batchnorm);
  TAKE (hid_var, s->H, s->hidden_batchnorm);
#undef TAKE
  return off;
}

/* Whether w may be computed by projecting onto the annotators: v unnormalised, and Q no larger
 * than a batch of input rows. */
static bool
may_project (const CsModelShape *s,
             size_t              B)
{
  return s->has_aux && !s->normalize_item && (size_t) s->R <= B;
}

static size_t
layout_activations (CsActivations      *a,
                    float              *base,
                    const CsModelShape *s,
                    size_t              B,
                    size_t              L)
{
  size_t off = 0;

#define TAKE(field, count) G_STMT_START { a->field = base ? base + off : NULL; off += (count); } G_STMT_END
  TAKE (xn, s->input_batchnorm ? B * s->D : 0);
  TAKE (xn_eval, s->input_batchnorm ? B * s->D : 0);
  TAKE (in_batch_mean, s->D);
  TAKE (in_batch_rstd, s->D);
  TAKE (in_batch_var, s->D);
  TAKE (in_std, s->D);
  TAKE (stack_b, s->has_aux ? s->H + s->E : 0);
  TAKE (dstack_b, s->has_aux ? s->H + s->E : 0);
  TAKE (aux_m, s->has_aux ? (size_t) s->E * s->D : 0);
  TAKE (aux_c, s->has_aux ? s->E : 0);
  TAKE (first, s->has_aux ? B * (s->H + s->E) : 0);
  TAKE (dfirst, s->has_aux ? B * (s->H + s->E) : 0);
  TAKE (h, B * s->H);
  TAKE (mask, B * s->H);
  TAKE (hd, B * s->H);
  TAKE (hn, s->hidden_batchnorm ? B * s->H : 0);
  TAKE (hid_mean, s->H);
  TAKE (hid_rstd, s->H);
  TAKE (logits, B * s->K);
  TAKE (p, B * s->K);
  TAKE (vpre, B * s->E);
  TAKE (v, B * s->E);
  TAKE (vnorm, B);
  TAKE (upre, (size_t) s->R * s->E);
  TAKE (u, (size_t) s->R * s->E);
  TAKE (unorm, s->R);
  TAKE (w, L);
  off += cs_noise_buffers_layout (&a->noise, base ? base + off : NULL, B, L, s->K, s->R,
                                  s->has_local, s->has_global);
  TAKE (dh, B * s->H);
  TAKE (dhd, s->hidden_batchnorm ? B * s->H : 0);
  TAKE (dlogits, B * s->K);
  TAKE (dp, B * s->K);
  TAKE (dv, B * s->E);
  TAKE (dvpre, B * s->E);
  TAKE (du, (size_t) s->R * s->E);
  TAKE (dupre, (size_t) s->R * s->E);
  TAKE (dw, L);
  TAKE (proj, may_project (s, B) ? (size_t) s->R * s->D : 0);
  TAKE (proj_b, may_project (s, B) ? (size_t) s->R : 0);
  TAKE (dproj, may_project (s, B) ? (size_t) s->R * s->D : 0);
  TAKE (dproj_b, may_project (s, B) ? (size_t) s->R : 0);
  TAKE (proj_p, may_project (s, B) ? (size_t) s->R * s->A : 0);
  TAKE (dproj_p, may_project (s, B) ? (size_t) s->R * s->A : 0);
  TAKE (proj_part_grads,
        may_project (s, B) ? (size_t) (CS_POOL_MAX_PARTS - 1) * s->R * (s->D + 1) : 0);
#undef TAKE
  return off;
}

/* The number of parameters a model of this shape has, without making it. */
size_t
cs_model_shape_count_params (const CsModelShape *shape)
{
  CsParams unused;

  return layout_params (&unused, NULL, shape);
}

CsModel *
cs_model_new (const CsModelShape *shape,
              int                 max_batch,
              int                 max_labels)
{
  CsModel *self;
  size_t n_act;

  g_return_val_if_fail (shape != NULL, NULL);
  g_return_val_if_fail (max_batch > 0 && max_labels >= 0, NULL);
  g_return_val_if_fail (shape->D > 0 && shape->K > 1 && shape->H > 0, NULL);

  self = g_new0 (CsModel, 1);
  self->shape = *shape;
  self->max_batch = max_batch;
  self->max_labels = MAX (max_labels, 1);
  self->n_params = layout_params (&self->params, NULL, shape);
  self->param_memory = g_new0 (float, self->n_params + stack_rows (shape));
  self->grad_memory = g_new0 (float, self->n_params + stack_rows (shape));
  layout_params (&self->params, self->param_memory, shape);
  layout_params (&self->grads, self->grad_memory, shape);
  self->state_memory = g_new0 (float, MAX (layout_state (&self->state, NULL, shape), 1));
  self->n_state = layout_state (&self->state, self->state_memory, shape);
  n_act = layout_activations (&self->act, NULL, shape, max_batch, self->max_labels);
  self->act_memory = g_new0 (float, n_act);
  layout_activations (&self->act, self->act_memory, shape, max_batch, self->max_labels);
  self->act.chunk_labels = g_new0 (CsCrowdLabel, self->max_labels);
  return self;
}

void
cs_model_set_threads (CsModel *self,
                      int      n_threads)
{
  g_return_if_fail (n_threads >= 1);

  g_clear_pointer (&self->pool, cs_pool_free);
  if (n_threads > 1)
    self->pool = cs_pool_new (n_threads);
  self->act.noise.pool = self->pool;
}

void
cs_model_free (CsModel *self)
{
  cs_pool_free (self->pool);
  g_free (self->param_memory);
  g_free (self->grad_memory);
  g_free (self->state_memory);
  g_free (self->act_memory);
  g_free (self->act.chunk_labels);
  g_free (self);
}

const CsModelShape *cs_model_get_shape (const CsModel *self) { return &self->shape; }
CsParams *cs_model_get_params (CsModel *self) { return &self->params; }
CsBatchnormState *cs_model_get_state (CsModel *self) { return &self->state; }
float *cs_model_get_grad_buffer (CsModel *self) { return self->grad_memory; }
const float *cs_model_get_probs (const CsModel *self) { return self->act.p; }

float *
cs_model_get_param_buffer (CsModel *self,
                           size_t  *n)
{
  *n = self->n_params;
  return self->param_memory;
}


/* PyTorch's defaults for the linears, CoNAL's confusion_init · I for the noise layers, and
 * running statistics of a fresh BatchNorm (mean 0, variance 1). */
void
cs_model_init_params (CsModel             *self,
                      const CsTrainConfig *config,
                      CsRng               *rng)
{
  const CsModelShape *s = &self->shape;
  CsParams *p = &self->params;

  cs_linear_init (p->w1, p->b1, s->D, s->H, rng);
  cs_linear_init (p->w2, p->b2, s->H, s->K, rng);
  if (p->global)
    cs_noise_init_identity (p->global, 1, s->K, config->confusion_init);
  if (p->local)
    cs_noise_init_identity (p->local, s->R, s->K, config->confusion_init);
  if (s->has_aux)
    {
      cs_linear_init (p->aux_w1, p->aux_b1, s->D, s->A, rng);
      cs_linear_init (p->aux_w2, p->aux_b2, s->A, s->E, rng);
      /* A Linear over a one-hot vector of length R: fan-in R. */
      cs_linear_init (p->ann_w, p->ann_b, s->R, s->E, rng);
    }
  for (int j = 0; s->input_batchnorm && j < s->D; j++)
    {
      self->state.in_mean[j] = 0.0f;
      self->state.in_var[j] = 1.0f;
    }
  for (int j = 0; s->hidden_batchnorm && j < s->H; j++)
    {
      self->state.hid_mean[j] = 0.0f;
      self->state.hid_var[j] = 1.0f;
    }
}

void
cs_model_init_noise_log (CsModel     *self,
                         const float *global,
                         const float *local)
{
  const CsModelShape *s = &self->shape;
  CsParams *p = &self->params;

  if (p->global)
    cs_noise_init_log (p->global, global, 1, s->K);
  if (p->local)
    cs_noise_init_log (p->local, local, s->R, s->K);
}

void
cs_model_copy_weights (CsModel       *dest,
                       const CsModel *src)
{
  g_assert (dest->n_params == src->n_params && dest->n_state == src->n_state);

  memcpy (dest->param_memory, src->param_memory, sizeof (float) * src->n_params);
  memcpy (dest->state_memory, src->state_memory, sizeof (float) * src->n_state);
}

/* Rows evaluated at once: fewer when a wide model's activations would be large. */
#define PREDICT_BATCH      256
#define MAX_PREDICT_FLOATS ((size_t) 1 << 26)   /* 256 MiB of activations at most */

/* The rows of one chunk of an evaluation (predictions, mixing weights). The shape alone fixes
 * it, never the model's largest batch: OpenBLAS rounds a row differently in a product of
 * another height, so a model trained with batches of 512 and the same weights loaded from a
 * checkpoint must cut the rows alike to give the same bits. */
static int
eval_rows (const CsModelShape *shape)
{
  size_t per_row = (size_t) shape->D + 8 * (size_t) shape->H + 4 * (size_t) shape->A +
                   6 * (size_t) shape->E + 6 * (size_t) shape->K;

  return (int) CLAMP (MAX_PREDICT_FLOATS / per_row, 1, PREDICT_BATCH);
}

static int
eval_step (const CsModel *self)
{
  return MIN (self->max_batch, eval_rows (&self->shape));
}

CsModel *
cs_model_new_for_evaluation (const CsModelShape *shape)
{
  return cs_model_new (shape, eval_rows (shape), 1);
}

CsModel *
cs_model_dup_for_evaluation (const CsModel *self)
{
  CsModel *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = cs_model_new_for_evaluation (&self->shape);
  cs_model_copy_weights (copy, self);
  return copy;
}

typedef struct
{
  CsModel            *self;
  float              *m, *v;
  int                 t;
  const CsAdamConfig *config;
} AdamCall;

static void
adam_part (gpointer data,
           int      part,
           int      n_parts)
{
  AdamCall *c = data;
  int i0, i1;

  /* Ranges of 16-float blocks, so each part's loop starts aligned as the whole one does. */
  cs_pool_range ((int) ((c->self->n_params + 15) / 16), part, n_parts, &i0, &i1);
  i0 *= 16;
  i1 = (int) MIN ((size_t) i1 * 16, c->self->n_params);
  if (i1 <= i0)
    return;
  cs_adam_step (c->self->param_memory + i0, c->self->grad_memory + i0, c->m + i0, c->v + i0,
                i1 - i0, c->t, c->config);
  /* While they are in this core's cache: the next step accumulates from zero. */
  memset (c->self->grad_memory + i0, 0, sizeof (float) * (i1 - i0));
}

void
cs_model_adam_step (CsModel            *self,
                    float              *m,
                    float              *v,
                    int                 t,
                    const CsAdamConfig *config)
{
  AdamCall c = { self, m, v, t, config };

  /* A parameter costs two divisions and a square root, a few multiply-adds' worth. */
  cs_pool_run_sized (self->pool, 4 * self->n_params, adam_part, &c);
}

void
cs_model_zero_grads (CsModel *self)
{
  memset (self->grad_memory, 0, sizeof (float) * self->n_params);
}

void
cs_model_set_aux_route (CsModel    *self,
                        CsAuxRoute  route)
{
  self->aux_route = route;
}

/* Multiply-adds of each route's own work. Projecting: R · A · (E + D) three times (Q and its
 * two gradients, through the tower) and D twice per label. Stacking: E · D twice per row (the
 * product's extra columns, forward and backward), E · A · D three times (collapsing the tower,
 * and mapping dM back onto it), E three times per label (w and its two gradients), and with an
 * input BatchNorm E · D twice more (folding M onto the normalised input and back). */
CsAuxRoute
cs_model_shape_aux_route (const CsModelShape *s,
                          int                 max_batch,
                          int                 B,
                          int                 L)
{
  size_t D = s->D, E = s->E, A = s->A, R = s->R;
  size_t project_cost = 3 * R * A * (E + D) + 2 * (size_t) L * D;
  size_t stack_cost = 2 * (size_t) B * E * D + 3 * E * A * D + 3 * (size_t) L * E
                      + (s->input_batchnorm ? 2 * E * D : 0);

  if (!s->has_aux)
    return CS_AUX_ROUTE_AUTO;
  if (may_project (s, max_batch) && project_cost < stack_cost)
    return CS_AUX_ROUTE_PROJECTED;
  return CS_AUX_ROUTE_STACKED;
}

CsAuxRoute
cs_model_get_aux_route (const CsModel *self,
                        int            B,
                        int            L)
{
  const CsModelShape *s = &self->shape;

  if (!s->has_aux || self->aux_route == CS_AUX_ROUTE_AUTO)
    return cs_model_shape_aux_route (s, self->max_batch, B, L);
  if (self->aux_route == CS_AUX_ROUTE_PROJECTED && may_project (s, self->max_batch))
    return CS_AUX_ROUTE_PROJECTED;
  return CS_AUX_ROUTE_STACKED;
}

/* Copies columns [c0, c0 + n) of the rows of a [B, ld] matrix into a [B, n] one, or back. */
static void
copy_columns (float       *dest,
              int          dest_ld,
              const float *src,
              int          src_ld,
              int          B,
              int          n)
{
  for (int b = 0; b < B; b++)
    memcpy (dest + (size_t) b * dest_ld, src + (size_t) b * src_ld, sizeof (float) * n);
}

/* The rows of M under W1 (past the parameters, see stack_rows) and [b1; c] into stack_b,
 * where x · Mᵀ + c is the auxiliary tower as one linear, moved onto the normalised input when
 * the classifier reads one (a->in_mean and a->in_std describe that normalisation). */
static void
stack_first_layers (CsModel *self)
{
  const CsModelShape *s = &self->shape;
  CsActivations *a = &self->act;
  CsParams *p = &self->params;
  float *m_rows = p->w1 + (size_t) s->H * s->D;

  memcpy (a->stack_b, p->b1, sizeof (float) * s->H);
  if (!s->input_batchnorm)
    {
      cs_aux_collapse_forward (m_rows, a->stack_b + s->H, p->aux_w1, p->aux_b1, p->aux_w2,
                               p->aux_b2, s->D, s->A, s->E);
      return;
    }
  cs_aux_collapse_forward (a->aux_m, a->aux_c, p->aux_w1, p->aux_b1, p->aux_w2, p->aux_b2,
                           s->D, s->A, s->E);
  cs_linear_fold_forward (m_rows, a->stack_b + s->H, a->aux_m, a->aux_c, a->in_std, a->in_mean,
                          s->D, s->E);
}

/* The first layer's pre-activations, rows `*ld` floats apart: h = in · W1ᵀ + b1 alone, or
 * with `aux` in one product with the auxiliary tower, whose vpre is copied out. */
static const float *
first_layer_forward (CsModel     *self,
                     const float *in,
                     int          B,
                     bool         aux,
                     int         *ld)
{
  const CsModelShape *s = &self->shape;
  CsActivations *a = &self->act;
  CsParams *p = &self->params;

  if (!aux)
    {
      cs_shared_linear_forward (self->pool, a->h, in, p->w1, p->b1, B, s->D, s->H);
      *ld = s->H;
      return a->h;
    }
  stack_first_layers (self);
  cs_shared_linear_forward (self->pool, a->first, in, p->w1, a->stack_b, B, s->D, s->H + s->E);
  copy_columns (a->vpre, s->E, a->first + s->H, s->H + s->E, B, s->E);
  *ld = s->H + s->E;
  return a->first;
}

/* From the pre-activations' gradient (a->dfirst with the auxiliary tower's a->dvpre copied in,
 * or a->dh) to the first layers' weights; the input needs no gradient. */
static void
first_layer_backward (CsModel     *self,
                      const float *in,
                      int          B,
                      bool         aux)
{
  const CsModelShape *s = &self->shape;
  CsActivations *a = &self->act;
  CsParams *p = &self->params;
  CsParams *g = &self->grads;
  float *dm_rows, *dc;

  if (!aux)
    {
      cs_shared_linear_backward_weights (self->pool, g->w1, g->b1, a->dh, in, B, s->D, s->H);
      return;
    }
  dm_rows = g->w1 + (size_t) s->H * s->D;
  dc = a->dstack_b + s->H;
  copy_columns (a->dfirst + s->H, s->H + s->E, a->dvpre, s->E, B, s->E);
  /* dW1 accumulates in place, as every gradient does; dM starts from zero. */
  memset (dm_rows, 0, sizeof (float) * s->E * s->D);
  memset (a->dstack_b, 0, sizeof (float) * (s->H + s->E));
  cs_shared_linear_backward_weights (self->pool, g->w1, a->dstack_b, a->dfirst, in, B, s->D,
                                     s->H + s->E);
  for (int o = 0; o < s->H; o++)
    g->b1[o] += a->dstack_b[o];
  if (s->input_batchnorm)
    {
      memset (a->aux_m, 0, sizeof (float) * s->E * s->D);
      memset (a->aux_c, 0, sizeof (float) * s->E);
      cs_linear_fold_backward (a->aux_m, a->aux_c, dm_rows, dc, a->in_std, a->in_mean, s->D,
                               s->E);
      dm_rows = a->aux_m;
      dc = a->aux_c;
    }
  cs_aux_collapse_backward (g->aux_w1, g->aux_b1, g->aux_w2, g->aux_b2, dm_rows, dc, p->aux_w1,
                            p->aux_b1, p->aux_w2, s->D, s->A, s->E);
}

/* The input BatchNorm of a training batch into a->xn. Rows that stay put (CsBatch.x_fixed) and
 * were normalised last time are not again: their statistics are the same, and only the running
 * ones move. */
static void
input_batchnorm_train (CsModel     *self,
                       const float *x,
                       int          B,
                       bool         x_fixed)
{
  const CsModelShape *s = &self->shape;
  CsActivations *a = &self->act;
  CsBatchnormState *st = &self->state;

  if (x_fixed && a->in_cached_x == x && a->in_cached_B == B)
    cs_batchnorm_update_running (st->in_mean, st->in_var, a->in_batch_mean, a->in_batch_var,
                                 s->D, BN_MOMENTUM);
  else
    cs_shared_batchnorm_forward_train (self->pool, a->xn, a->in_batch_mean, a->in_batch_rstd,
                                       a->in_batch_var, st->in_mean, st->in_var, x, B, s->D,
                                       BN_MOMENTUM, BN_EPS);
  a->in_cached_x = x_fixed ? x : NULL;
  a->in_cached_B = B;
}

/* The input BatchNorm's mean and 1 / rstd, for folding it into the collapsed tower: the
 * training batch's, or in evaluation the running ones. */
static void
input_fold_statistics (CsModel *self,
                       bool     train)
{
  const CsModelShape *s = &self->shape;
  CsActivations *a = &self->act;
  CsBatchnormState *st = &self->state;

  a->in_mean = train ? a->in_batch_mean : st->in_mean;
  for (int j = 0; j < s->D; j++)
    {
      float rstd = train ? a->in_batch_rstd[j] : 1.0f / sqrtf (st->in_var[j] + BN_EPS);

      a->in_std[j] = 1.0f / rstd;
    }
}

/* The classifier over B rows; `train` turns on dropout and batch statistics, `aux` (for a model
 * with the auxiliary network) stacks its collapsed tower into the first layer's product, as
 * the evaluations that need w and the training steps on that route do; x_fixed says the rows
 * stay put (CsBatch). */
static void
classifier_forward (CsModel     *self,
                    const float *x,
                    bool         x_fixed,
                    int          B,
                    bool         train,
                    float        dropout,
                    CsRng       *rng,
                    bool         aux)
{
  const CsModelShape *s = &self->shape;
  CsActivations *a = &self->act;
  CsParams *p = &self->params;
  CsBatchnormState *st = &self->state;
  const float *in = x;
  const float *pre, *hidden;
  int ld;

  g_assert (!aux || s->has_aux);
  if (s->input_batchnorm && train)
    {
      input_batchnorm_train (self, x, B, x_fixed);
      in = a->xn;
    }
  else if (s->input_batchnorm)
    {
      cs_shared_batchnorm_forward_eval (self->pool, a->xn_eval, x, st->in_mean, st->in_var, B,
                                        s->D, BN_EPS);
      in = a->xn_eval;
    }
  if (s->input_batchnorm && aux)
    input_fold_statistics (self, train);
  pre = first_layer_forward (self, in, B, aux, &ld);
  cs_shared_relu_dropout_forward (self->pool, a->hd, a->mask, pre, ld, B, s->H,
                                  train ? dropout : 0.0f, rng);
  hidden = a->hd;
  if (s->hidden_batchnorm)
    {
      if (train)
        cs_shared_batchnorm_forward_train (self->pool, a->hn, a->hid_mean, a->hid_rstd, NULL,
                                           st->hid_mean, st->hid_var, a->hd, B, s->H,
                                           BN_MOMENTUM, BN_EPS);
      else
        cs_shared_batchnorm_forward_eval (self->pool, a->hn, a->hd, st->hid_mean, st->hid_var, B,
                                          s->H, BN_EPS);
      hidden = a->hn;
    }
  cs_shared_linear_forward (self->pool, a->logits, hidden, p->w2, p->b2, B, s->H, s->K);
  cs_softmax_forward (a->p, a->logits, B, s->K);
}

/* From dlogits back to the first layer's pre-activations: a->dfirst's first H columns with
 * the auxiliary tower, else a->dh. */
static void
classifier_backward (CsModel *self,
                     int      B,
                     bool     dropout,
                     bool     aux)
{
  const CsModelShape *s = &self->shape;
  CsActivations *a = &self->act;
  CsParams *p = &self->params;
  CsParams *g = &self->grads;
  const float *pre = a->h, *dhidden = a->dh;
  float *dpre = a->dh;
  int ld = s->H;

  /* dL/d(the hidden layer's output), written rather than accumulated. */
  cs_shared_matmul_rows (self->pool, a->dh, a->dlogits, p->w2, B, s->K, s->H);
  cs_shared_linear_backward_weights (self->pool, g->w2, g->b2, a->dlogits,
                                     s->hidden_batchnorm ? a->hn : a->hd, B, s->H, s->K);
  if (s->hidden_batchnorm)
    {
      memset (a->dhd, 0, sizeof (float) * B * s->H);
      cs_shared_batchnorm_backward (self->pool, a->dhd, a->dh, a->hn, a->hid_rstd, B, s->H);
      dhidden = a->dhd;
    }
  if (aux)
    {
      pre = a->first;
      dpre = a->dfirst;
      ld = s->H + s->E;
    }
  cs_shared_relu_dropout_backward (self->pool, dpre, ld, dhidden, pre, dropout ? a->mask : NULL,
                                   B, s->H);
}

/* u for every annotator (u needs no rows). */
static void
annotators_forward (CsModel *self)
{
  const CsModelShape *s = &self->shape;
  CsActivations *a = &self->act;
  CsParams *p = &self->params;

  cs_aux_annotator_forward (a->upre, p->ann_w, p->ann_b, s->R, s->E);
  cs_l2norm_forward (a->u, a->unorm, a->upre, s->R, s->E);
}

/* v from the first layer's a->vpre, and u. */
static void
aux_forward (CsModel *self,
             int      B)
{
  const CsModelShape *s = &self->shape;
  CsActivations *a = &self->act;

  if (s->normalize_item)
    cs_l2norm_forward (a->v, a->vnorm, a->vpre, B, s->E);
  else
    memcpy (a->v, a->vpre, sizeof (float) * B * s->E);
  annotators_forward (self);
}

/* w over the raw input and Q, b (cs_aux_project_forward) for a batch's labels, shared out by
 * rows with their labels; the backward's dQ and db gather per part and are added in order. */
typedef struct
{
  CsModel            *self;
  const float        *x;
  const CsCrowdLabel *labels;
  int                 B, L;
} ProjectedCall;

static void
projected_w_forward_part (gpointer data,
                          int      part,
                          int      n_parts)
{
  ProjectedCall *c = data;
  CsActivations *a = &c->self->act;
  int b0, b1, l0, l1;

  cs_noise_part_ranges (c->labels, c->B, c->L, part, n_parts, &b0, &b1, &l0, &l1);
  cs_aux_w_forward (a->w + l0, c->x, a->proj, a->proj_b, c->labels + l0, l1 - l0,
                    c->self->shape.D);
}

/* Part `part`'s dQ [R, D] and db [R]: part 0's in place, the others' in proj_part_grads. */
static float *
projected_part_grads (CsModel *self,
                      int      part)
{
  const CsModelShape *s = &self->shape;

  if (part == 0)
    return self->act.dproj;
  return self->act.proj_part_grads + (size_t) (part - 1) * s->R * (s->D + 1);
}

static void
projected_w_backward_part (gpointer data,
                           int      part,
                           int      n_parts)
{
  ProjectedCall *c = data;
  const CsModelShape *s = &c->self->shape;
  CsActivations *a = &c->self->act;
  float *dq = projected_part_grads (c->self, part);
  float *db = part == 0 ? a->dproj_b : dq + (size_t) s->R * s->D;
  int b0, b1, l0, l1;

  cs_noise_part_ranges (c->labels, c->B, c->L, part, n_parts, &b0, &b1, &l0, &l1);
  memset (dq, 0, sizeof (float) * s->R * s->D);
  memset (db, 0, sizeof (float) * s->R);
  cs_aux_w_backward (NULL, dq, db, a->dw + l0, a->w + l0, c->x, a->proj, c->labels + l0,
                     l1 - l0, s->D);
}

/* Runs a ProjectedCall's part function: one D-long product per label. A part of the backward
 * gathers R · (D + 1) floats of gradients (CS_NOISE_PAD_SHARE); the forward writes each label's
 * w alone and may be cut finer. */
static int
run_projected (CsModel       *self,
               ProjectedCall *c,
               CsPoolFunc     func,
               bool           backward)
{
  const CsModelShape *s = &self->shape;
  size_t pad = backward ? (size_t) CS_NOISE_PAD_SHARE * s->R * (s->D + 1) : 0;

  return cs_noise_run_parts (self->pool, c->labels, c->B, c->L, (size_t) c->L * s->D,
                             MAX (CS_POOL_PART_WORK, pad), func, c);
}

/* Adds the other parts' dQ and db onto part 0's in part order, shared out by ranges of their
 * R · (D + 1) floats: each float's sum runs over the parts alone, so the ranges can be cut
 * anywhere. */
typedef struct
{
  CsModel *self;
  int      n_parts;
} GatherCall;

static void
gather_projected_part (gpointer data,
                       int      part,
                       int      n_parts)
{
  GatherCall *c = data;
  const CsModelShape *s = &c->self->shape;
  CsActivations *a = &c->self->act;
  int RD = s->R * s->D, i0, i1;

  cs_pool_range (RD + s->R, part, n_parts, &i0, &i1);
  for (int p = 1; p < c->n_parts; p++)
    {
      const float *grads = projected_part_grads (c->self, p);

      for (int i = i0; i < MIN (i1, RD); i++)
        a->dproj[i] += grads[i];
      for (int i = MAX (i0, RD); i < i1; i++)
        a->dproj_b[i - RD] += grads[i];
    }
}

/* w of a training step's labels, in a->w: from v and u (after a stacked first layer), or with
 * `project` from the raw input x and Q, b (cs_aux_project_forward). */
static void
aux_w_forward (CsModel            *self,
               const float        *x,
               int                 B,
               const CsCrowdLabel *labels,
               int                 L,
               bool                project)
{
  const CsModelShape *s = &self->shape;
  CsActivations *a = &self->act;
  CsParams *p = &self->params;

  if (!project)
    {
      aux_forward (self, B);
      cs_aux_w_forward (a->w, a->v, a->u, NULL, labels, L, s->E);
      return;
    }
  annotators_forward (self);
  cs_aux_project_forward (a->proj, a->proj_b, a->proj_p, p->aux_w1, p->aux_b1, p->aux_w2,
                          p->aux_b2, a->u, s->R, s->D, s->A, s->E);
  run_projected (self, &(ProjectedCall) { self, x, labels, B, L }, projected_w_forward_part,
                 false);
}

/* From dw to the annotator embeddings' gradients, and either to dL/dvpre in a->dvpre (for the
 * stacked first layer's backward) or, with `project`, all the way to the item tower's. */
static void
aux_backward (CsModel            *self,
              const float        *x,
              int                 B,
              const CsCrowdLabel *labels,
              int                 L,
              bool                project)
{
  const CsModelShape *s = &self->shape;
  CsActivations *a = &self->act;
  CsParams *p = &self->params;
  CsParams *g = &self->grads;

  memset (a->du, 0, sizeof (float) * s->R * s->E);
  if (project)
    {
      GatherCall gather = { self, 0 };

      gather.n_parts = run_projected (self, &(ProjectedCall) { self, x, labels, B, L },
                                      projected_w_backward_part, true);
      cs_pool_run_sized (gather.n_parts > 1 ? self->pool : NULL,
                         (size_t) gather.n_parts * s->R * (s->D + 1), gather_projected_part,
                         &gather);
      cs_aux_project_backward (g->aux_w1, g->aux_b1, g->aux_w2, g->aux_b2, a->du, a->dproj_p,
                               a->dproj, a->dproj_b, a->proj_p, p->aux_w1, p->aux_b1,
                               p->aux_w2, p->aux_b2, a->u, s->R, s->D, s->A, s->E);
    }
  else
    {
      memset (a->dv, 0, sizeof (float) * B * s->E);
      cs_aux_w_backward (a->dv, a->du, NULL, a->dw, a->w, a->v, a->u, labels, L, s->E);
    }
  memset (a->dupre, 0, sizeof (float) * s->R * s->E);
  cs_l2norm_backward (a->dupre, a->du, a->u, a->unorm, s->R, s->E);
  cs_aux_annotator_backward (g->ann_w, g->ann_b, a->dupre, s->R, s->E);
  if (project)
    return;
  if (s->normalize_item)
    {
      memset (a->dvpre, 0, sizeof (float) * B * s->E);
      cs_l2norm_backward (a->dvpre, a->dv, a->v, a->vnorm, B, s->E);
    }
  else
    memcpy (a->dvpre, a->dv, sizeof (float) * B * s->E);
}

/* Cross-entropy against target distributions q: mean over rows with any target mass of
 * −Σ_k q_k log p_k, whose gradient in the logits is (p − q) / rows. */
static float
soft_xent_forward_backward (float       *dlogits,
                            const float *p,
                            const float *q,
                            int          B,
                            int          K)
{
  double loss = 0;
  int rows = 0;

  for (int i = 0; i < B; i++)
    {
      float mass = 0;

      for (int k = 0; k < K; k++)
        mass += q[i * K + k];
      rows += mass > 0;
    }
  for (int i = 0; i < B && rows > 0; i++)
    {
      const float *pi = p + i * K, *qi = q + i * K;
      float mass = 0;

      for (int k = 0; k < K; k++)
        {
          mass += qi[k];
          if (qi[k] > 0)
            loss -= qi[k] * log (fmax (pi[k], 1e-30));
        }
      for (int k = 0; dlogits != NULL && mass > 0 && k < K; k++)
        dlogits[i * K + k] += (pi[k] * mass - qi[k]) / rows;
    }
  return rows > 0 ? (float) (loss / rows) : 0.0f;
}

/* A regulariser's term, into the loss and into the sum of such terms. */
static inline void
add_penalty (float *loss,
             float *penalty,
             float  term)
{
  *loss += term;
  *penalty += term;
}

float
cs_model_forward_backward (CsModel             *self,
                           const CsBatch       *batch,
                           const CsTrainConfig *config,
                           CsRng               *rng,
                           bool                 backward,
                           float               *regulariser)
{
  const CsModelShape *s = &self->shape;
  CsActivations *a = &self->act;
  CsParams *p = &self->params;
  CsParams *g = &self->grads;
  int B = batch->B, L = batch->L, K = s->K;
  bool dropout = config->dropout > 0;
  /* Targets train the classifier alone, whatever layers the model has (a warm start). */
  bool crowd = s->has_local && batch->targets == NULL && batch->soft == NULL;
  bool project = crowd && cs_model_get_aux_route (self, B, L) == CS_AUX_ROUTE_PROJECTED;
  bool stack = crowd && s->has_aux && !project;
  CsPool *saved_pool;
  float loss, penalty = 0;

  g_assert (B <= self->max_batch && L <= self->max_labels);

  /* Every product of the step, the auxiliary network's small ones too, on the model's threads. */
  saved_pool = cs_blas_set_thread_pool (self->pool);
  classifier_forward (self, batch->x, batch->x_fixed, B, true, config->dropout, rng, stack);
  if (backward)
    memset (a->dlogits, 0, sizeof (float) * B * K);

  if (crowd)
    {
      if (s->has_aux)
        aux_w_forward (self, batch->x, B, batch->labels, L, project);
      loss = cs_noise_forward (&a->noise, a->p, p->global, p->local,
                               s->has_aux ? a->w : NULL, batch->labels, B, L, K, s->R);
      /* The loss adds each term as it comes, as it always has: the total reported keeps its
       * last bits. */
      if (s->has_global)
        add_penalty (&loss, &penalty,
                     cs_noise_regulariser (backward ? g->global : NULL, backward ? g->local : NULL,
                                           p->global, p->local, K, s->R, -config->lambda));
      if (config->trace > 0)
        {
          add_penalty (&loss, &penalty,
                       cs_noise_trace_penalty (backward ? g->local : NULL, p->local, s->R, K,
                                               config->trace));
          if (s->has_global)
            add_penalty (&loss, &penalty,
                         cs_noise_trace_penalty (backward ? g->global : NULL, p->global, 1, K,
                                                 config->trace));
        }
      if (backward)
        {
          memset (a->dp, 0, sizeof (float) * B * K);
          if (s->has_aux)
            memset (a->dw, 0, sizeof (float) * L);
          cs_noise_backward (a->dp, g->global, g->local, s->has_aux ? a->dw : NULL,
                             &a->noise, a->p, p->global, p->local,
                             s->has_aux ? a->w : NULL, batch->labels, B, L, K, s->R);
          cs_softmax_backward (a->dlogits, a->dp, a->p, B, K);
          if (s->has_aux)
            aux_backward (self, batch->x, B, batch->labels, L, project);
        }
    }
  else if (batch->soft != NULL)
    loss = soft_xent_forward_backward (backward ? a->dlogits : NULL, a->p, batch->soft, B, K);
  else
    loss = cs_softmax_xent_forward_backward (backward ? a->dlogits : NULL, a->dp, a->logits,
                                             batch->targets, B, K);

  if (backward)
    {
      classifier_backward (self, B, dropout, stack);
      first_layer_backward (self, s->input_batchnorm ? a->xn : batch->x, B, stack);
    }
  cs_blas_set_thread_pool (saved_pool);
  if (regulariser != NULL)
    *regulariser = penalty;
  return loss;
}

void
cs_model_predict (CsModel     *self,
                  float       *probs,
                  const float *x,
                  int          n)
{
  const CsModelShape *s = &self->shape;
  CsPool *saved_pool = cs_blas_set_thread_pool (self->pool);

  int step = eval_step (self);

  for (int i0 = 0; i0 < n; i0 += step)
    {
      int B = MIN (step, n - i0);

      classifier_forward (self, x + (size_t) i0 * s->D, false, B, false, 0.0f, NULL, false);
      memcpy (probs + (size_t) i0 * s->K, self->act.p, sizeof (float) * B * s->K);
    }
  cs_blas_set_thread_pool (saved_pool);
}

/* Walks rows in chunks of eval_step(), and each chunk's labels in runs of at most
 * max_labels, handing `func` a run with chunk-local items and where its first label sits in
 * the caller's array. Labels are sorted by item. */
typedef void (*LabelRunFunc) (CsModel *self, const CsCrowdLabel *run, int n, int B, float *out);

static void
for_each_label_run (CsModel            *self,
                    const float        *x,
                    int                 n,
                    const CsCrowdLabel *labels,
                    int                 L,
                    LabelRunFunc        func,
                    float              *out)
{
  const CsModelShape *s = &self->shape;
  CsCrowdLabel *run = self->act.chunk_labels;
  CsPool *saved_pool = cs_blas_set_thread_pool (self->pool);
  int step = eval_step (self);
  int l = 0;

  for (int i0 = 0; i0 < n && l < L; i0 += step)
    {
      int B = MIN (step, n - i0);

      classifier_forward (self, x + (size_t) i0 * s->D, false, B, false, 0.0f, NULL, s->has_aux);
      if (s->has_aux)
        aux_forward (self, B);
      while (l < L && labels[l].item < i0 + B)
        {
          int first = l, count = 0;

          for (; l < L && labels[l].item < i0 + B && count < self->max_labels; l++, count++)
            {
              g_assert (labels[l].item >= i0);
              run[count] = labels[l];
              run[count].item -= i0;
            }
          func (self, run, count, B, out + first);
        }
    }
  cs_blas_set_thread_pool (saved_pool);
}

static void
mixing_weights_of (CsModel            *self,
                   const CsCrowdLabel *run,
                   int                 n,
                   int                 B,
                   float              *out)
{
  if (self->shape.has_aux)
    cs_aux_w_forward (out, self->act.v, self->act.u, NULL, run, n, self->shape.E);
  else
    for (int l = 0; l < n; l++)
      out[l] = 1.0f;
}

void
cs_model_mixing_weights (CsModel            *self,
                         float              *w,
                         const float        *x,
                         int                 n,
                         const CsCrowdLabel *labels,
                         int                 L)
{
  for_each_label_run (self, x, n, labels, L, mixing_weights_of, w);
}

bool
cs_model_label_w (CsModel       *self,
                  const CsSplit *split,
                  float         *w)
{
  g_return_val_if_fail (self != NULL && split != NULL, false);
  g_return_val_if_fail (w != NULL || split->n_labels == 0, false);

  if (!self->shape.has_aux)
    return false;
  cs_model_mixing_weights (self, w, split->features, split->n, split->labels, split->n_labels);
  return true;
}

static void
likelihoods_of (CsModel            *self,
                const CsCrowdLabel *run,
                int                 n,
                int                 B,
                float              *out)
{
  const CsModelShape *s = &self->shape;
  CsActivations *a = &self->act;

  if (!s->has_local)
    {
      for (int l = 0; l < n; l++)
        out[l] = a->p[run[l].item * s->K + run[l].label];
      return;
    }
  mixing_weights_of (self, run, n, B, a->w);
  cs_noise_forward (&a->noise, a->p, self->params.global, self->params.local,
                    s->has_aux ? a->w : NULL, run, B, n, s->K, s->R);
  for (int l = 0; l < n; l++)
    out[l] = a->noise.crowd_probs[(size_t) l * s->K + run[l].label];
}

void
cs_model_crowd_likelihood (CsModel            *self,
                           float              *probs,
                           const float        *x,
                           int                 n,
                           const CsCrowdLabel *labels,
                           int                 L)
{
  for_each_label_run (self, x, n, labels, L, likelihoods_of, probs);
}
