/* cs-blas.c — matrix multiply through OpenBLAS, with a naive reference
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-blas.h"

#include <cblas.h>

#include "cs-pool.h"

static __thread CsPool *thread_pool;

typedef struct
{
  float       *C;
  const float *A, *B;
  int          ldc, lda, ldb, M, N, K;
  bool         trans_a, trans_b;
  float        alpha, beta;
} Product;

static void
sgemm (const Product *p,
       float         *C,
       const float   *A,
       const float   *B,
       int            M,
       int            N)
{
  cblas_sgemm (CblasRowMajor,
               p->trans_a ? CblasTrans : CblasNoTrans,
               p->trans_b ? CblasTrans : CblasNoTrans,
               M, N, p->K,
               p->alpha,
               A, p->lda,
               B, p->ldb,
               p->beta,
               C, p->ldc);
}

/* Products are cut along C's columns, or for a narrow C its rows, into parts that the sizes
 * fix: OpenBLAS rounds an element differently in another block shape (its edge kernels and
 * small-matrix kernels sum in another order), so a cut that followed the thread count would
 * change the bits with it. Each part packs the other operand anew, memory-bound work that costs
 * many multiply-adds per float, so a part has at least PRODUCT_MIN_ITEMS columns or rows (16
 * cost LabelMe's epochs 30–90 % on two threads). A product called from inside a part
 * (cs_pool_in_part) is not cut again. */
#define PRODUCT_MIN_ITEMS 64

static bool
cut_by_columns (const Product *p)
{
  return p->N >= p->M || p->N >= 64;
}

static void
product_part (gpointer data,
              int      part,
              int      n_parts)
{
  const Product *p = data;
  int begin, end;

  if (cut_by_columns (p))
    {
      cs_pool_range (p->N, part, n_parts, &begin, &end);
      if (end > begin)
        sgemm (p, p->C + begin, p->A,
               p->trans_b ? p->B + (size_t) begin * p->ldb : p->B + begin, p->M, end - begin);
      return;
    }
  cs_pool_range (p->M, part, n_parts, &begin, &end);
  if (end > begin)
    sgemm (p, p->C + (size_t) begin * p->ldc,
           p->trans_a ? p->A + begin : p->A + (size_t) begin * p->lda, p->B, end - begin, p->N);
}

CsPool *
cs_blas_set_thread_pool (CsPool *pool)
{
  CsPool *previous = thread_pool;

  thread_pool = pool;
  return previous;
}

/* BLAS leaves C alone when alpha·op(A)·op(B) is empty (K == 0) except for the beta scaling;
 * doing that here keeps both implementations identical and spares OpenBLAS degenerate
 * leading dimensions. */
static void
scale_c (float *C,
         int    ldc,
         int    M,
         int    N,
         float  beta)
{
  for (int i = 0; i < M; i++)
    for (int j = 0; j < N; j++)
      {
        float *c = &C[(size_t) i * ldc + j];

        *c = beta == 0.0f ? 0.0f : beta * *c;
      }
}

void
cs_matmul (float       *C,  /* [M,N] */
           const float *A,  /* [M,K] or [K,M] when trans_a */
           const float *B,  /* [K,N] or [N,K] when trans_b */
           int          M,
           int          N,
           int          K,
           bool         trans_a,
           bool         trans_b,
           float        alpha,
           float        beta)
{
  cs_matmul_strided (C, N, A, trans_a ? M : K, B, trans_b ? K : N, M, N, K, trans_a, trans_b,
                     alpha, beta);
}

void
cs_matmul_strided (float       *C,
                   int          ldc,
                   const float *A,
                   int          lda,
                   const float *B,
                   int          ldb,
                   int          M,
                   int          N,
                   int          K,
                   bool         trans_a,
                   bool         trans_b,
                   float        alpha,
                   float        beta)
{
  g_return_if_fail (M >= 0 && N >= 0 && K >= 0);
  g_return_if_fail (C != NULL || M == 0 || N == 0);

  if (M == 0 || N == 0)
    return;
  g_return_if_fail (ldc >= N);
  if (K == 0)
    {
      scale_c (C, ldc, M, N, beta);
      return;
    }

  g_return_if_fail (A != NULL && B != NULL);
  g_return_if_fail (lda >= (trans_a ? M : K) && ldb >= (trans_b ? K : N));

  Product p = { C, A, B, ldc, lda, ldb, M, N, K, trans_a, trans_b, alpha, beta };
  /* Every part is one single-threaded OpenBLAS call: OpenBLAS's own threads would cut it by
   * the machine's cores, and another cut rounds otherwise. Programs set this before OpenBLAS's
   * first product (cs_blas_set_num_threads in main), since OpenBLAS also rounds otherwise when
   * its count changes after one; this keeps any other caller to one thread. */
  if (!cs_pool_in_part () && G_UNLIKELY (openblas_get_num_threads () != 1))
    cs_blas_set_num_threads (1);
  /* Inside a part the product is the part's share, cut by its caller already. */
  int n_parts = cs_pool_in_part () ? 1 : cs_pool_count_parts ((size_t) M * N * K,
                                                               CS_POOL_PART_WORK,
                                                               cut_by_columns (&p) ? N : M,
                                                               PRODUCT_MIN_ITEMS);

  cs_pool_run_parts (thread_pool, n_parts, product_part, &p);
}

void
cs_matmul_naive (float       *C,  /* [M,N] */
                 const float *A,  /* [M,K] or [K,M] when trans_a */
                 const float *B,  /* [K,N] or [N,K] when trans_b */
                 int          M,
                 int          N,
                 int          K,
                 bool         trans_a,
                 bool         trans_b,
                 float        alpha,
                 float        beta)
{
  cs_matmul_naive_strided (C, N, A, trans_a ? M : K, B, trans_b ? K : N, M, N, K, trans_a,
                           trans_b, alpha, beta);
}

void
cs_matmul_naive_strided (float       *C,
                         int          ldc,
                         const float *A,
                         int          lda,
                         const float *B,
                         int          ldb,
                         int          M,
                         int          N,
                         int          K,
                         bool         trans_a,
                         bool         trans_b,
                         float        alpha,
                         float        beta)
{
  g_return_if_fail (M >= 0 && N >= 0 && K >= 0);
  g_return_if_fail (C != NULL || M == 0 || N == 0);
  g_return_if_fail ((A != NULL && B != NULL) || M == 0 || N == 0 || K == 0);

  for (int i = 0; i < M; i++)
    for (int j = 0; j < N; j++)
      {
        double acc = 0.0;

        for (int k = 0; k < K; k++)
          {
            float a = trans_a ? A[(size_t) k * lda + i] : A[(size_t) i * lda + k];
            float b = trans_b ? B[(size_t) j * ldb + k] : B[(size_t) k * ldb + j];

            acc += (double) a * b;
          }

        float *c = &C[(size_t) i * ldc + j];
        double prev = beta == 0.0f ? 0.0 : (double) beta * *c;

        *c = (float) (alpha * acc + prev);
      }
}

void
cs_blas_set_num_threads (int n_threads)
{
  g_return_if_fail (n_threads >= 1);

  /* OpenBLAS's own choice is read before anything changes it. */
  cs_blas_get_default_threads ();
  openblas_set_num_threads (n_threads);
}

int
cs_blas_get_num_threads (void)
{
  return MAX (openblas_get_num_threads (), 1);
}

int
cs_blas_get_default_threads (void)
{
  static gsize threads = 0;

  if (g_once_init_enter (&threads))
    g_once_init_leave (&threads, (gsize) cs_blas_get_num_threads ());
  return (int) threads;
}
