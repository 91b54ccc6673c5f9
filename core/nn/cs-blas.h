/* cs-blas.h — matrix multiply through OpenBLAS, with a naive reference
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-pool.h"
#include "cs-types.h"

G_BEGIN_DECLS

/* C[M,N] = alpha * op(A) · op(B) + beta * C, op = transpose when trans_*; A is [M,K] (or [K,M]
 * when trans_a), B is [K,N] (or [N,K] when trans_b). All matrices are row-major and densely
 * packed. As in BLAS, C is not read when beta is 0, so it may hold garbage (even NaN). */
void cs_matmul               (float       *C,
                              const float *A,
                              const float *B,
                              int          M,
                              int          N,
                              int          K,
                              bool         trans_a,
                              bool         trans_b,
                              float        alpha,
                              float        beta);

/* The same contract as cs_matmul, as a triple loop with double accumulators; the reference the
 * tests hold cs_matmul against. */
void cs_matmul_naive         (float       *C,
                              const float *A,
                              const float *B,
                              int          M,
                              int          N,
                              int          K,
                              bool         trans_a,
                              bool         trans_b,
                              float        alpha,
                              float        beta);

/* The same with the row strides given (lda, ldb, ldc floats between rows), for blocks of
 * larger matrices: a thread's share of a product. */
void cs_matmul_strided       (float       *C,
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
                              float        beta);
void cs_matmul_naive_strided (float       *C,
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
                              float        beta);

/* Sets the pool the calling thread's products are shared out over and returns the one it
 * replaces; NULL shares out nothing. A product is cut by columns of C, or rows for a narrow C,
 * into parts that its sizes fix (cs_pool_count_parts), each a single-threaded OpenBLAS call
 * (see cs_blas_set_num_threads), with a pool or without: any pool computes the same bits. A
 * product called from inside a pool's part is that part's share, one OpenBLAS call. */
CsPool *cs_blas_set_thread_pool (CsPool *pool);

/* Sets how many threads OpenBLAS may use. The products above set it to one themselves: the
 * thread pool shares them out, so that the same products give the same bits anywhere. */
void cs_blas_set_num_threads (int          n_threads);
/* How many threads OpenBLAS uses now, and how many it chose for itself (OPENBLAS_NUM_THREADS,
 * or the cores), read before cs_blas_set_num_threads first changes it: training runs its own
 * threads instead and sets OpenBLAS's count to 1. */
int  cs_blas_get_num_threads     (void);
int  cs_blas_get_default_threads (void);

G_END_DECLS
