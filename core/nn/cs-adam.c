/* cs-adam.c — the Adam optimiser over a flat parameter buffer
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-adam.h"

#include <math.h>

#include "cs-simd.h"

/* The arithmetic follows PyTorch's single-tensor Adam step by step: m moves by lerp, the bias
 * corrections are computed in double once per step, eps is added after dividing sqrt(v) by
 * sqrt(1 − β2^t), and the step size lr / (1 − β1^t) multiplies m / denom. Matching the order
 * keeps our trajectories within float rounding of PyTorch's. */
CS_CLONES void
cs_adam_step (float              *params,  /* [n] */
              const float        *grads,   /* [n] */
              float              *m,       /* [n] */
              float              *v,       /* [n] */
              size_t              n,
              int                 t,
              const CsAdamConfig *cfg)
{
  g_return_if_fail (cfg != NULL);
  g_return_if_fail (t >= 1);

  /* Locals, not cfg->…: a store to params could alias *cfg as far as the compiler knows,
   * which would reload them every iteration and keep the loop from vectorising. */
  float b1 = cfg->beta1;
  float b2 = cfg->beta2;
  float eps = cfg->eps;
  float weight_decay = cfg->weight_decay;
  float step_size = (float) (cfg->lr / (1.0 - pow (b1, t)));
  float bc2_sqrt = (float) sqrt (1.0 - pow (b2, t));

  for (size_t i = 0; i < n; i++)
    {
      float g = grads[i] + weight_decay * params[i];

      m[i] += (1.0f - b1) * (g - m[i]);  /* PyTorch's lerp_ */
      v[i] = b2 * v[i] + (1.0f - b2) * g * g;

      float denom = sqrtf (v[i]) / bc2_sqrt + eps;

      params[i] -= step_size * (m[i] / denom);
    }
}
