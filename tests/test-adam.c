/* test-adam.c — cs_adam_step against trajectories computed by hand
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-adam.h"

/* Three steps from params (0.5, −1, 2, 0.25) with lr 0.01, betas (0.9, 0.999), eps 1e-8 and the
 * gradients below; the expected values were computed in double precision straight from the
 * textbook formulas (m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t), p −= lr · m̂ / (sqrt(v̂) + eps)),
 * which PyTorch's rearranged arithmetic equals up to rounding. */
static const float grads[3][4] = {
  { 0.1f, -0.2f, 0.3f, 0.0f },
  { 0.05f, 0.1f, -0.3f, 0.0f },
  { -0.2f, 0.0f, 0.3f, 0.0f },
};

static void
run_trajectory (float        weight_decay,
                const double expect[3][4])
{
  CsAdamConfig cfg = { .lr = 0.01f, .beta1 = 0.9f, .beta2 = 0.999f, .eps = 1e-8f,
                       .weight_decay = weight_decay };
  float params[4] = { 0.5f, -1.0f, 2.0f, 0.25f };
  float m[4] = { 0 }, v[4] = { 0 };

  for (int t = 1; t <= 3; t++)
    {
      cs_adam_step (params, grads[t - 1], m, v, 4, t, &cfg);
      for (int i = 0; i < 4; i++)
        {
          g_test_message ("t=%d params[%d] = %.9g, expected %.9g", t, i, params[i],
                          expect[t - 1][i]);
          g_assert_cmpfloat_with_epsilon (params[i], expect[t - 1][i], 2e-6);
        }
    }
}

static void
test_trajectory (void)
{
  const double expect[3][4] = {
    { 0.490000001, -0.99, 1.99, 0.25 },
    { 0.480678206, -0.98733663, 1.99052632, 0.25 },
    { 0.482741776, -0.985277837, 1.98716838, 0.25 },
  };

  run_trajectory (0.0f, expect);
}

/* L2 weight decay adds wd · p to the gradient, so even the parameter whose gradient is always
 * zero moves towards 0. */
static void
test_trajectory_weight_decay (void)
{
  const double expect[3][4] = {
    { 0.490000001, -0.99, 1.99, 0.240000004 },
    { 0.480308033, -0.983324272, 1.98490631, 0.230012727 },
    { 0.478715909, -0.976429585, 1.97762457, 0.220047406 },
  };

  run_trajectory (0.1f, expect);
}

/* With bias correction the first step is lr · sign(g) whatever the gradient's size; without it
 * the step would be (1 − β1)/sqrt(1 − β2) ≈ 3.16 times as large. */
static void
test_first_step_is_lr (void)
{
  CsAdamConfig cfg = { .lr = 0.1f, .beta1 = 0.9f, .beta2 = 0.999f, .eps = 1e-8f };
  float params[3] = { 0, 0, 0 };
  const float g[3] = { 1e-3f, -50.0f, 7.0f };
  float m[3] = { 0 }, v[3] = { 0 };

  cs_adam_step (params, g, m, v, 3, 1, &cfg);
  g_assert_cmpfloat_with_epsilon (params[0], -0.1f, 1e-5);
  g_assert_cmpfloat_with_epsilon (params[1], 0.1f, 1e-6);
  g_assert_cmpfloat_with_epsilon (params[2], -0.1f, 1e-6);
  g_assert_cmpfloat_with_epsilon (m[1], -5.0f, 1e-6);
  g_assert_cmpfloat_with_epsilon (v[1], 2.5f, 1e-4);  /* (1 − β2) rounds in float */
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/adam/trajectory", test_trajectory);
  g_test_add_func ("/adam/trajectory-weight-decay", test_trajectory_weight_decay);
  g_test_add_func ("/adam/first-step-is-lr", test_first_step_is_lr);
  return g_test_run ();
}
