/* cs-gradcheck.h — finite-difference gradient checking for the tests
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <stdbool.h>

G_BEGIN_DECLS

/* A scalar function of buffers the caller owns; the checker perturbs one of them in place. */
typedef double (*CsGradcheckFunc) (gpointer user_data);

/* The kernels compute in float, so f carries rounding noise of about 1e-7 · |f|, which the
 * difference quotient divides by 2h: at h = 1e-3 that noise (~1e-4) used up most of a 1e-4
 * absolute tolerance. At h = 1e-2 the truncation error of the central difference,
 * h² · f''' / 6, is still ~1e-5 for these smooth functions, and the noise drops tenfold, so
 * the absolute tolerance can be tighter with more margin: the worst entry of every check
 * sits below a third of its tolerance. */
#define CS_GRADCHECK_STEP 1e-2
#define CS_GRADCHECK_RTOL 1e-2
#define CS_GRADCHECK_ATOL 2e-5

typedef struct
{
  int    worst_index;     /* the entry furthest outside its tolerance; -1 when n == 0 */
  double worst_analytic;
  double worst_numeric;
  double worst_ratio;     /* |analytic − numeric| / (atol + rtol · max(|analytic|, |numeric|)) */
  double max_abs_grad;    /* the largest |numeric|, to tell a vacuous check from a real one */
} CsGradcheckReport;

/* Compares analytic[i] with the central difference (f(x + h e_i) − f(x − h e_i)) / 2h for every
 * i < n, restoring x afterwards. Passes when every entry is within atol + rtol · max(|a|, |n|). */
bool cs_gradcheck        (CsGradcheckFunc    f,
                          gpointer           user_data,
                          float             *x,
                          const float       *analytic,
                          int                n,
                          double             step,
                          double             rtol,
                          double             atol,
                          CsGradcheckReport *report);

/* cs_gradcheck with the default step and tolerances, failing the current test with a message
 * naming `what` and the worst entry. Also fails when every numeric derivative is zero, since
 * such a check could not catch anything. */
void cs_gradcheck_assert (const char        *what,
                          CsGradcheckFunc    f,
                          gpointer           user_data,
                          float             *x,
                          const float       *analytic,
                          int                n);

/* Σ out ⊙ r: with a random r, a loss whose gradient is distinct and nonzero for every output
 * (Σ out alone would have a zero gradient through batchnorm and softmax). */
double cs_test_weighted_sum (const float *out,
                             const float *r,
                             int          n);

/* Fills x[n] with uniform values in [lo, hi) from a fixed-seed stream, for reproducible tests. */
void cs_test_fill_uniform (float   *x,
                           int      n,
                           float    lo,
                           float    hi,
                           guint64  seed);

G_END_DECLS
