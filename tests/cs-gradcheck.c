/* cs-gradcheck.c — finite-difference gradient checking for the tests
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-gradcheck.h"

#include <math.h>

#include "cs-rng.h"

/* The perturbed values are rounded to float, so the difference quotient divides by the step
 * actually taken, not the one asked for. */
static double
central_difference (CsGradcheckFunc  f,
                    gpointer         user_data,
                    float           *xi,
                    double           step)
{
  float saved = *xi;
  float plus = (float) (saved + step);
  float minus = (float) (saved - step);
  double f_plus, f_minus;

  *xi = plus;
  f_plus = f (user_data);
  *xi = minus;
  f_minus = f (user_data);
  *xi = saved;

  return (f_plus - f_minus) / ((double) plus - (double) minus);
}

bool
cs_gradcheck (CsGradcheckFunc    f,
              gpointer           user_data,
              float             *x,
              const float       *analytic,
              int                n,
              double             step,
              double             rtol,
              double             atol,
              CsGradcheckReport *report)
{
  CsGradcheckReport r = { .worst_index = -1 };

  for (int i = 0; i < n; i++)
    {
      double num = central_difference (f, user_data, &x[i], step);
      double a = analytic[i];
      double ratio = fabs (a - num) / (atol + rtol * MAX (fabs (a), fabs (num)));

      /* A NaN anywhere must fail, and NaN compares false with everything. */
      if (isnan (ratio))
        ratio = INFINITY;
      r.max_abs_grad = MAX (r.max_abs_grad, fabs (num));
      if (r.worst_index < 0 || ratio > r.worst_ratio)
        {
          r.worst_index = i;
          r.worst_analytic = a;
          r.worst_numeric = num;
          r.worst_ratio = ratio;
        }
    }

  if (report != NULL)
    *report = r;
  return r.worst_index < 0 || r.worst_ratio <= 1.0;
}

void
cs_gradcheck_assert (const char      *what,
                     CsGradcheckFunc  f,
                     gpointer         user_data,
                     float           *x,
                     const float     *analytic,
                     int              n)
{
  CsGradcheckReport r;
  bool ok = cs_gradcheck (f, user_data, x, analytic, n, CS_GRADCHECK_STEP, CS_GRADCHECK_RTOL,
                          CS_GRADCHECK_ATOL, &r);

  g_test_message ("%s: %d entries, worst [%d] analytic %.6g numeric %.6g (%.3g of tolerance)",
                  what, n, r.worst_index, r.worst_analytic, r.worst_numeric, r.worst_ratio);
  if (!ok)
    g_test_fail_printf ("%s: gradient [%d] is %.6g analytically but %.6g numerically",
                        what, r.worst_index, r.worst_analytic, r.worst_numeric);
  else if (n > 0 && r.max_abs_grad == 0.0)
    g_test_fail_printf ("%s: every numeric derivative is 0, so the check proves nothing", what);
}

void
cs_test_fill_uniform (float   *x,
                      int      n,
                      float    lo,
                      float    hi,
                      guint64  seed)
{
  CsRng rng;

  cs_rng_init (&rng, seed);
  for (int i = 0; i < n; i++)
    x[i] = lo + (hi - lo) * cs_rng_uniform (&rng);
}

double
cs_test_weighted_sum (const float *out,
                      const float *r,
                      int          n)
{
  double acc = 0.0;

  for (int i = 0; i < n; i++)
    acc += (double) out[i] * r[i];
  return acc;
}
