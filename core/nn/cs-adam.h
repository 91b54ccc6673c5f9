/* cs-adam.h — the Adam optimiser over a flat parameter buffer
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

/* PyTorch's torch.optim.Adam: weight_decay is L2 added to the gradient (not AdamW); PyTorch's
 * defaults are lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight_decay 0. */
typedef struct
{
  float lr;
  float beta1;
  float beta2;
  float eps;
  float weight_decay;
} CsAdamConfig;

/* One step over n parameters; m and v are the moment buffers (zero before step 1), t is the
 * step count starting at 1. */
void cs_adam_step (float              *params,
                   const float        *grads,
                   float              *m,
                   float              *v,
                   size_t              n,
                   int                 t,
                   const CsAdamConfig *cfg);

G_END_DECLS
