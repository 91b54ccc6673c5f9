/* test-blas.c — cs_matmul against its naive reference, and the reference against hand values
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-blas.h"
#include "cs-gradcheck.h"

/* The naive reference itself, on products worked out by hand:
 * A = [1 2 3; 4 5 6] (2×3), B = [7 8; 9 10; 11 12] (3×2), A·B = [58 64; 139 154]. */
static void
test_naive_by_hand (void)
{
  const float A[] = { 1, 2, 3, 4, 5, 6 };
  const float At[] = { 1, 4, 2, 5, 3, 6 };           /* Aᵀ stored, 3×2 */
  const float B[] = { 7, 8, 9, 10, 11, 12 };
  const float Bt[] = { 7, 9, 11, 8, 10, 12 };        /* Bᵀ stored, 2×3 */
  const float expect[] = { 58, 64, 139, 154 };
  const float *as[] = { A, At };
  const float *bs[] = { B, Bt };

  for (int ta = 0; ta < 2; ta++)
    for (int tb = 0; tb < 2; tb++)
      {
        float C[4] = { 1, 1, 1, 1 };

        cs_matmul_naive (C, as[ta], bs[tb], 2, 2, 3, ta, tb, 1.0f, 0.0f);
        for (int i = 0; i < 4; i++)
          g_assert_cmpfloat (C[i], ==, expect[i]);

        /* alpha = 0.5 and beta = 1 on C = 1: 0.5 · A·B + 1. */
        cs_matmul_naive (C, as[ta], bs[tb], 2, 2, 3, ta, tb, 0.5f, 1.0f);
        for (int i = 0; i < 4; i++)
          g_assert_cmpfloat (C[i], ==, expect[i] + 0.5f * expect[i]);
      }
}

static void
assert_close (const float *c,
              const float *ref,
              int          n,
              const char  *what)
{
  for (int i = 0; i < n; i++)
    {
      /* Relative error, with a floor of 1 on the magnitude so entries that cancel to nearly
       * zero are held to an absolute 1e-4 instead of an impossible relative one. */
      double tol = 1e-4 * MAX (fabs (ref[i]), 1.0);

      if (!(fabs (c[i] - ref[i]) <= tol))
        {
          g_test_fail_printf ("%s: C[%d] = %.8g, reference %.8g", what, i, c[i], ref[i]);
          return;
        }
    }
}

static void
test_against_naive (void)
{
  const int sizes[] = { 1, 7, 33, 130 };
  const int max = 130;
  g_autofree float *A = g_new (float, max * max);
  g_autofree float *B = g_new (float, max * max);
  g_autofree float *C = g_new (float, max * max);
  g_autofree float *ref = g_new (float, max * max);
  g_autofree float *C0 = g_new (float, max * max);
  int n_checked = 0;

  cs_test_fill_uniform (A, max * max, -1.0f, 1.0f, 1);
  cs_test_fill_uniform (B, max * max, -1.0f, 1.0f, 2);
  cs_test_fill_uniform (C0, max * max, -1.0f, 1.0f, 3);

  for (int mi = 0; mi < 4; mi++)
    for (int ni = 0; ni < 4; ni++)
      for (int ki = 0; ki < 4; ki++)
        for (int variant = 0; variant < 8; variant++)
          {
            int M = sizes[mi], N = sizes[ni], K = sizes[ki];
            bool ta = variant & 1, tb = variant & 2;
            float beta = (variant & 4) ? 1.0f : 0.0f;
            g_autofree char *what = g_strdup_printf ("M=%d N=%d K=%d ta=%d tb=%d beta=%g",
                                                     M, N, K, ta, tb, beta);

            memcpy (C, C0, sizeof (float) * M * N);
            memcpy (ref, C0, sizeof (float) * M * N);
            cs_matmul (C, A, B, M, N, K, ta, tb, 0.75f, beta);
            cs_matmul_naive (ref, A, B, M, N, K, ta, tb, 0.75f, beta);
            assert_close (C, ref, M * N, what);
            n_checked++;
          }

  g_assert_cmpint (n_checked, ==, 4 * 4 * 4 * 8);
}

/* Blocks of larger matrices (row strides wider than the block): the product of the blocks, and
 * nothing outside C's block is written. The naive reference agrees with the dense one on the
 * copied-out blocks. */
static void
test_strided (void)
{
  enum { M = 9, N = 6, K = 11, LD = 17 };
  float A[LD * LD], B[LD * LD], C[M * LD], ref[M * LD], C0[M * LD];
  float a[K * M], b[K * N], dense[M * N];

  cs_test_fill_uniform (A, LD * LD, -1.0f, 1.0f, 21);
  cs_test_fill_uniform (B, LD * LD, -1.0f, 1.0f, 22);
  cs_test_fill_uniform (C0, M * LD, -1.0f, 1.0f, 23);
  for (int variant = 0; variant < 4; variant++)
    {
      bool ta = variant & 1, tb = variant & 2;
      int a_rows = ta ? K : M, a_cols = ta ? M : K, b_rows = tb ? N : K, b_cols = tb ? K : N;
      g_autofree char *what = g_strdup_printf ("strided ta=%d tb=%d", ta, tb);

      memcpy (C, C0, sizeof C);
      memcpy (ref, C0, sizeof C);
      cs_matmul_strided (C + 2, LD, A + 3, LD, B + 1, LD, M, N, K, ta, tb, 0.5f, 1.0f);
      cs_matmul_naive_strided (ref + 2, LD, A + 3, LD, B + 1, LD, M, N, K, ta, tb, 0.5f, 1.0f);
      assert_close (C, ref, M * LD, what);

      for (int i = 0; i < M; i++)
        for (int j = 0; j < LD; j++)
          if (j < 2 || j >= 2 + N)
            g_assert_cmpfloat (C[i * LD + j], ==, C0[i * LD + j]);

      for (int i = 0; i < a_rows; i++)
        memcpy (a + i * a_cols, A + 3 + i * LD, sizeof (float) * a_cols);
      for (int i = 0; i < b_rows; i++)
        memcpy (b + i * b_cols, B + 1 + i * LD, sizeof (float) * b_cols);
      for (int i = 0; i < M; i++)
        memcpy (dense + i * N, C0 + 2 + i * LD, sizeof (float) * N);
      cs_matmul_naive (dense, a, b, M, N, K, ta, tb, 0.5f, 1.0f);
      for (int i = 0; i < M; i++)
        for (int j = 0; j < N; j++)
          g_assert_cmpfloat (dense[i * N + j], ==, ref[i * LD + 2 + j]);
    }
}

/* Products shared out over a pool (by columns of C, or by rows when C is narrow) against the
 * reference; without a pool, the same bits: the sizes cut a product, not the threads. */
static void
test_shared (gconstpointer data)
{
  int n_threads = GPOINTER_TO_INT (data);
  const int shapes[][3] = { { 300, 130, 70 }, { 700, 10, 128 }, { 33, 257, 129 } };
  g_autoptr(CsPool) pool = cs_pool_new (n_threads);
  CsPool *previous = cs_blas_set_thread_pool (pool);

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    for (int variant = 0; variant < 4; variant++)
      {
        int M = shapes[s][0], N = shapes[s][1], K = shapes[s][2];
        bool ta = variant & 1, tb = variant & 2;
        g_autofree float *A = g_new (float, M * K);
        g_autofree float *B = g_new (float, K * N);
        g_autofree float *C = g_new (float, M * N);
        g_autofree float *again = g_new (float, M * N);
        g_autofree float *ref = g_new (float, M * N);
        g_autofree char *what = g_strdup_printf ("shared over %d: M=%d N=%d K=%d ta=%d tb=%d",
                                                 n_threads, M, N, K, ta, tb);

        cs_test_fill_uniform (A, M * K, -1.0f, 1.0f, 31);
        cs_test_fill_uniform (B, K * N, -1.0f, 1.0f, 32);
        cs_test_fill_uniform (C, M * N, -1.0f, 1.0f, 33);
        memcpy (ref, C, sizeof (float) * M * N);
        memcpy (again, C, sizeof (float) * M * N);
        cs_matmul (C, A, B, M, N, K, ta, tb, 0.5f, 1.0f);
        cs_blas_set_thread_pool (NULL);
        cs_matmul (again, A, B, M, N, K, ta, tb, 0.5f, 1.0f);
        cs_blas_set_thread_pool (pool);
        cs_matmul_naive (ref, A, B, M, N, K, ta, tb, 0.5f, 1.0f);
        assert_close (C, ref, M * N, what);
        g_assert_cmpmem (C, sizeof (float) * M * N, again, sizeof (float) * M * N);
      }
  g_assert_true (cs_blas_set_thread_pool (previous) == pool);
}

/* BLAS does not read C when beta is 0; gradient buffers may hold anything before a product
 * overwrites them, so neither implementation may let a NaN through. */
static void
test_beta_zero_ignores_c (void)
{
  float A[6], B[6], C[4], ref[4];

  cs_test_fill_uniform (A, 6, -1.0f, 1.0f, 4);
  cs_test_fill_uniform (B, 6, -1.0f, 1.0f, 5);
  for (int i = 0; i < 4; i++)
    C[i] = ref[i] = NAN;

  cs_matmul (C, A, B, 2, 2, 3, false, false, 1.0f, 0.0f);
  cs_matmul_naive (ref, A, B, 2, 2, 3, false, false, 1.0f, 0.0f);
  for (int i = 0; i < 4; i++)
    {
      g_assert_false (isnan (C[i]));
      g_assert_false (isnan (ref[i]));
    }
  assert_close (C, ref, 4, "beta = 0 over NaN");
}

/* K = 0 is an empty sum: C = beta · C. */
static void
test_empty_inner (void)
{
  float C[4] = { 1, 2, 3, 4 };
  float ref[4] = { 1, 2, 3, 4 };
  float dummy = 0.0f;

  cs_matmul (C, &dummy, &dummy, 2, 2, 0, false, false, 1.0f, 0.5f);
  cs_matmul_naive (ref, &dummy, &dummy, 2, 2, 0, false, false, 1.0f, 0.5f);
  for (int i = 0; i < 4; i++)
    {
      g_assert_cmpfloat (C[i], ==, 0.5f * (i + 1));
      g_assert_cmpfloat (ref[i], ==, 0.5f * (i + 1));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  cs_blas_set_num_threads (1);
  g_test_add_func ("/blas/naive-by-hand", test_naive_by_hand);
  g_test_add_func ("/blas/strided", test_strided);
  g_test_add_data_func ("/blas/shared/2", GINT_TO_POINTER (2), test_shared);
  g_test_add_data_func ("/blas/shared/3", GINT_TO_POINTER (3), test_shared);
  g_test_add_func ("/blas/against-naive", test_against_naive);
  g_test_add_func ("/blas/beta-zero-ignores-c", test_beta_zero_ignores_c);
  g_test_add_func ("/blas/empty-inner", test_empty_inner);
  return g_test_run ();
}
