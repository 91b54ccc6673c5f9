/* cs-model.h — the classifier, CoNAL's noise layers and auxiliary network, in one flat buffer
 *
 * What the app, the CLI and the window read of a trained model; training and evaluation
 * (cs-model-private.h) stay inside core/.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

typedef struct
{
  int  D;                 /* input features */
  int  H;                 /* classifier hidden units */
  int  K;                 /* classes */
  int  R;                 /* annotators */
  int  A;                 /* auxiliary network hidden units */
  int  E;                 /* embedding size */
  bool has_global;        /* CoNAL's common matrix W_g */
  bool has_local;         /* per-annotator matrices W_r (CoNAL, Crowd Layer) */
  bool has_aux;           /* CoNAL's auxiliary network */
  bool input_batchnorm;
  bool hidden_batchnorm;
  bool normalize_item;
} CsModelShape;

/* Named views into a flat buffer; absent parts are NULL. Weights are [out, in] row-major, as
 * in PyTorch. */
typedef struct
{
  float *w1;              /* [H, D] */
  float *b1;              /* [H] */
  float *w2;              /* [K, H] */
  float *b2;              /* [K] */
  float *global;          /* [K, K] */
  float *local;           /* [R, K, K] */
  float *aux_w1;          /* [A, D] */
  float *aux_b1;          /* [A] */
  float *aux_w2;          /* [E, A] */
  float *aux_b2;          /* [E] */
  float *ann_w;           /* [R, E]: the annotator embeddings (the official code's Linear over
                           * a one-hot annotator vector, transposed) */
  float *ann_b;           /* [E] */
} CsParams;

typedef struct _CsModel CsModel;

void                cs_model_free       (CsModel       *self);
const CsModelShape *cs_model_get_shape  (const CsModel *self);
CsParams           *cs_model_get_params (CsModel       *self);

/* CoNAL's w for every crowd label of `split` (label l's item is a row of split->features
 * [split->n, D], as the model reads them): how much the auxiliary network puts that label
 * down to the common confusion (1) rather than the annotator's own (0). Evaluation mode, in
 * the model's own buffers: nothing is allocated, so the training thread may call it on the
 * live model from its progress callback, with a w it allocated once. Returns false, leaving w
 * alone, for a model without an auxiliary network (every method but CoNAL). */
bool                cs_model_label_w    (CsModel       *self,
                                         const CsSplit *split,
                                         float         *w /* [split->n_labels] */);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsModel, cs_model_free)

G_END_DECLS
