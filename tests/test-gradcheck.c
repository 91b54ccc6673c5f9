/* test-gradcheck.c — the gradient checker must accept right gradients and flag wrong ones
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-gradcheck.h"

#define N 6

/* f(x) = Σ x_i³ + x_0 x_1, with ∂f/∂x_i = 3 x_i² (+ x_1 or x_0). */
static double
cubic (gpointer user_data)
{
  const float *x = user_data;
  double f = (double) x[0] * x[1];

  for (int i = 0; i < N; i++)
    f += (double) x[i] * x[i] * x[i];
  return f;
}

static void
cubic_grad (const float *x,
            float       *g)
{
  for (int i = 0; i < N; i++)
    g[i] = 3.0f * x[i] * x[i];
  g[0] += x[1];
  g[1] += x[0];
}

static bool
check (float             *x,
       const float       *g,
       CsGradcheckReport *r)
{
  return cs_gradcheck (cubic, x, x, g, N, CS_GRADCHECK_STEP, CS_GRADCHECK_RTOL,
                       CS_GRADCHECK_ATOL, r);
}

static void
test_accepts_right_gradient (void)
{
  float x[N], x0[N], g[N];
  CsGradcheckReport r;

  cs_test_fill_uniform (x, N, -1.5f, 1.5f, 1);
  memcpy (x0, x, sizeof x);
  cubic_grad (x, g);

  g_assert_true (check (x, g, &r));
  g_assert_cmpfloat (r.worst_ratio, <, 0.1);
  g_assert_cmpfloat (r.max_abs_grad, >, 0.1);
  /* The buffer comes back exactly as it was. */
  g_assert_cmpmem (x, sizeof x, x0, sizeof x0);
}

static void
test_flags_wrong_entry (void)
{
  float x[N], g[N];
  CsGradcheckReport r;

  cs_test_fill_uniform (x, N, 0.5f, 1.5f, 2);
  cubic_grad (x, g);
  g[3] *= 1.05f;                 /* five percent off, in one entry */

  g_assert_false (check (x, g, &r));
  g_assert_cmpint (r.worst_index, ==, 3);
  g_assert_cmpfloat (r.worst_ratio, >, 1.0);
}

static void
test_flags_wrong_sign_and_scale (void)
{
  float x[N], g[N];

  cs_test_fill_uniform (x, N, 0.5f, 1.5f, 3);

  cubic_grad (x, g);
  for (int i = 0; i < N; i++)
    g[i] = -g[i];
  g_assert_false (check (x, g, NULL));

  cubic_grad (x, g);
  for (int i = 0; i < N; i++)
    g[i] *= 2.0f;                /* a doubled gradient, as a missing 1/count would give */
  g_assert_false (check (x, g, NULL));
}

/* A gradient that is zero where the truth is small but clearly above atol is flagged. */
static void
test_flags_missing_small_gradient (void)
{
  float x[N] = { 0.02f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f };
  float g[N] = { 0 };
  CsGradcheckReport r;

  /* ∂f/∂x_0 = 3·0.0004 + 0 = 1.2e-3, ∂f/∂x_1 = x_0 = 0.02: both far above atol = 1e-4. */
  g_assert_false (check (x, g, &r));
  g_assert_cmpint (r.worst_index, ==, 1);
}

static void
test_flags_nan (void)
{
  float x[N], g[N];

  cs_test_fill_uniform (x, N, -1.0f, 1.0f, 4);
  cubic_grad (x, g);
  g[2] = NAN;
  g_assert_false (check (x, g, NULL));
}

/* cs_gradcheck_assert must turn a wrong gradient into a failed test, and refuse a check in
 * which every derivative is zero; run both in subprocesses so their failures stay there. */
static void
test_assert_fails_test (void)
{
  if (g_test_subprocess ())
    {
      float x[N], g[N];

      cs_test_fill_uniform (x, N, 0.5f, 1.5f, 5);
      cubic_grad (x, g);
      g[0] += 0.5f;
      cs_gradcheck_assert ("deliberately wrong", cubic, x, x, g, N);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
}

static double
constant (gpointer user_data)
{
  return 1.0;
}

static void
test_assert_refuses_vacuous (void)
{
  if (g_test_subprocess ())
    {
      float x[N] = { 1, 2, 3, 4, 5, 6 };
      float g[N] = { 0 };

      cs_gradcheck_assert ("constant", constant, NULL, x, g, N);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gradcheck/accepts-right-gradient", test_accepts_right_gradient);
  g_test_add_func ("/gradcheck/flags-wrong-entry", test_flags_wrong_entry);
  g_test_add_func ("/gradcheck/flags-wrong-sign-and-scale", test_flags_wrong_sign_and_scale);
  g_test_add_func ("/gradcheck/flags-missing-small-gradient", test_flags_missing_small_gradient);
  g_test_add_func ("/gradcheck/flags-nan", test_flags_nan);
  g_test_add_func ("/gradcheck/assert-fails-test", test_assert_fails_test);
  g_test_add_func ("/gradcheck/assert-refuses-vacuous", test_assert_refuses_vacuous);
  return g_test_run ();
}
