/* cs-model-private.h — making, training and evaluating a model, for core/ and the tests
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-adam.h"
#include "cs-model.h"
#include "cs-rng.h"
#include "cs-train-config.h"

G_BEGIN_DECLS

/* BatchNorm running statistics: state, not parameters (Adam never touches them). */
typedef struct
{
  float *in_mean;         /* [D] */
  float *in_var;          /* [D] */
  float *hid_mean;        /* [H] */
  float *hid_var;         /* [H] */
} CsBatchnormState;

/* One mini-batch: rows of features, the crowd labels of those rows (item = row), and the
 * targets of the aggregated-label methods. A batch with targets or soft ones trains the
 * classifier alone on them, even in a model with noise layers (a warm start). */
typedef struct
{
  const float        *x;        /* [B, D] */
  int                 B;
  const CsCrowdLabel *labels;   /* [L] */
  int                 L;
  const int32_t      *targets;  /* [B], -1 = none; or NULL */
  const float        *soft;     /* [B, K] target distributions; or NULL */
  bool                x_fixed;  /* x stays put through training (the dataset's own rows): a
                                 * batch at the same x and B is the same rows, whose input
                                 * BatchNorm statistics the model keeps */
} CsBatch;

CsModel          *cs_model_new             (const CsModelShape  *shape,
                                            int                  max_batch,
                                            int                  max_labels);
void              cs_model_shape_init      (CsModelShape        *shape,
                                            const CsTrainConfig *config,
                                            int                  D,
                                            int                  K,
                                            int                  R);
size_t            cs_model_shape_count_params (const CsModelShape *shape);
CsBatchnormState *cs_model_get_state       (CsModel             *self);
float            *cs_model_get_param_buffer (CsModel            *self,
                                            size_t              *n);
float            *cs_model_get_grad_buffer (CsModel             *self);
/* Runs the step, evaluations included, on n_threads threads (1, the default, starts none):
 * products, layers and per-label work shared out, each product a call to OpenBLAS, which
 * should then run one thread itself (cs_blas_set_num_threads; cs_train does so). The work is
 * cut into parts that the sizes fix and partial sums are added in part order, so any thread
 * count computes the same bits. Only the thread that set them may then use the model until
 * they are set back to 1. */
void              cs_model_set_threads     (CsModel             *self,
                                            int                  n_threads);
void              cs_model_init_params     (CsModel             *self,
                                            const CsTrainConfig *config,
                                            CsRng               *rng);
/* The noise matrices from confusions instead (cs_noise_init_log): W_g from `global` when the
 * model has one, the W_r from `local` [R, K, K]. */
void              cs_model_init_noise_log  (CsModel             *self,
                                            const float         *global,
                                            const float         *local);
void              cs_model_copy_weights    (CsModel             *dest,
                                            const CsModel       *src);
/* A model that evaluates (cs_model_predict, cs_model_label_w), sized for that: a checkpoint's,
 * and every copy that predicts, so that predictions are the same bits wherever they are made
 * (a batch's rows are one product, and another batch size rounds otherwise). */
CsModel          *cs_model_new_for_evaluation (const CsModelShape *shape);
/* Such a model with a copy of self's weights and BatchNorm statistics, on one thread, in
 * buffers of its own: evaluation writes a model's activations, so two threads may evaluate one
 * model only through copies, which read its weights alone. */
CsModel          *cs_model_dup_for_evaluation (const CsModel   *self);

/* Forward and backward of the training loss over one batch; gradients accumulate, so call
 * cs_model_zero_grads first. Returns the loss (the mean cross-entropy over the batch's labels
 * or targets, plus the regularisers) and, if regulariser is not NULL, sets it to the
 * regularisers' part of it: CoNAL's −λ · Σ‖W_r − W_g‖ and the trace penalties, 0 without them. */
void              cs_model_zero_grads      (CsModel             *self);
/* One Adam step (cs_adam_step) of the parameters from the gradients, on the model's threads,
 * which then zeroes the gradients (as cs_model_zero_grads) for the next step; m and v hold the
 * parameter buffer's count of floats each. */
void              cs_model_adam_step       (CsModel             *self,
                                            float               *m,
                                            float               *v,
                                            int                  t,
                                            const CsAdamConfig  *config);
float             cs_model_forward_backward (CsModel            *self,
                                            const CsBatch       *batch,
                                            const CsTrainConfig *config,
                                            CsRng               *rng,
                                            bool                 backward,
                                            float               *regulariser);
/* How a training step computes CoNAL's w. STACKED runs the item tower inside the first layer's
 * product (E more columns for every row of the batch); PROJECTED, possible when v is not
 * normalised, projects the raw input onto each annotator's u instead (one D-long product per
 * label, see cs_aux_project_forward). AUTO picks the cheaper one for each batch; the others
 * force a route where it is possible (tests compare the two). Both compute the same function. */
typedef enum
{
  CS_AUX_ROUTE_AUTO,
  CS_AUX_ROUTE_STACKED,
  CS_AUX_ROUTE_PROJECTED,
} CsAuxRoute;

void              cs_model_set_aux_route   (CsModel             *self,
                                            CsAuxRoute           route);
/* The route a training step over B rows and L labels takes: STACKED or PROJECTED, or AUTO for
 * a model without an auxiliary network. cs_model_shape_aux_route is the choice AUTO makes for a
 * model of that shape made for max_batch rows (what a benchmark counts without a model). */
CsAuxRoute        cs_model_shape_aux_route (const CsModelShape  *shape,
                                            int                  max_batch,
                                            int                  B,
                                            int                  L);
CsAuxRoute        cs_model_get_aux_route   (const CsModel       *self,
                                            int                  B,
                                            int                  L);

/* The batch's class probabilities [B, K] after the last forward. */
const float      *cs_model_get_probs       (const CsModel       *self);

/* Evaluation mode (no dropout, BatchNorm running statistics) over any number of rows. */
void              cs_model_predict         (CsModel             *self,
                                            float               *probs /* [n, K] */,
                                            const float         *x     /* [n, D] */,
                                            int                  n);
/* CoNAL's w for each label (item = row of x), in evaluation mode; 1 for other methods. */
void              cs_model_mixing_weights  (CsModel             *self,
                                            float               *w     /* [L] */,
                                            const float         *x     /* [n, D] */,
                                            int                  n,
                                            const CsCrowdLabel  *labels,
                                            int                  L);
/* The probability each crowd label would be given: from the noise layers where the model
 * has them, else from the classifier. Evaluation mode. probs [L]. */
void              cs_model_crowd_likelihood (CsModel            *self,
                                            float               *probs,
                                            const float         *x,
                                            int                  n,
                                            const CsCrowdLabel  *labels,
                                            int                  L);

G_END_DECLS
