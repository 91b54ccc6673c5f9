/* cs-pool.h — a few threads that run one function together: the training step's threads
 *
 * OpenBLAS's own threads spread only the products over the cores; the rest of a step (the
 * noise layers, the BatchNorms, dropout, w) ran on one while the other waited. A model's pool
 * shares out all of it, products included (cs_blas_set_thread_pool, cs-shared-layers.h), with
 * OpenBLAS kept to one thread. cs_pool_run hands each thread one part of the work and returns
 * when every part is done. Between runs the helpers spin for a short while, yielding the core
 * now and then, and then sleep.
 *
 * Work whose result depends on where it is cut (a sum gathered in parts, a product whose
 * OpenBLAS kernels round differently for other block shapes) runs with cs_pool_run_parts
 * instead: a number of parts that the problem's sizes fix (cs_pool_count_parts), spread over
 * however many threads there are, so that 1, 2 or 16 threads compute the same bits.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

#define CS_POOL_MAX_THREADS 16
/* The most parts cs_pool_count_parts cuts work into: per-part buffers are sized for it. */
#define CS_POOL_MAX_PARTS   16

typedef struct _CsPool CsPool;

/* Does part `part` of `n_parts` of the work. */
typedef void (*CsPoolFunc) (gpointer data,
                            int      part,
                            int      n_parts);

/* n_threads counts the caller: 1 starts no thread. */
CsPool *cs_pool_new           (int           n_threads);
void    cs_pool_free          (CsPool       *pool);
/* 1 for a NULL pool. */
int     cs_pool_get_n_threads (const CsPool *pool);
/* Runs func on every thread (part 0 on the caller) and waits for all; a NULL pool runs
 * func (data, 0, 1), and so does a run from inside a part on the caller's thread (a part's
 * product that would share itself out). Only the thread that made the pool may run it.
 * Returns the number of parts that ran. */
int     cs_pool_run           (CsPool       *pool,
                               CsPoolFunc    func,
                               gpointer      data);

/* The same, for work of about `work` multiply-adds (or element updates): below
 * CS_POOL_MIN_WORK it runs as one part on the caller, where handing parts out would cost more
 * than it saves (a small batch's layers). */
#define CS_POOL_MIN_WORK (64 * 1024)

int     cs_pool_run_sized     (CsPool       *pool,
                               size_t        work,
                               CsPoolFunc    func,
                               gpointer      data);

/* Runs func (data, part, n_parts) once for each of the n_parts parts, spread over the pool's
 * threads (each a run of consecutive parts, the first on the caller), and waits for all. The
 * parts are the same whatever the number of threads: a NULL pool, a pool of one thread, or a
 * run from inside a part runs them all in order on the caller. Returns n_parts. */
int     cs_pool_run_parts     (CsPool       *pool,
                               int           n_parts,
                               CsPoolFunc    func,
                               gpointer      data);

/* Whether the calling thread runs a part of cs_pool_run_parts or cs_pool_run (on any pool, or
 * none): a product there is that part's share, computed whole (cs-blas.h). */
bool    cs_pool_in_part       (void);

/* The least work a part of cs_pool_count_parts is given: half of CS_POOL_MIN_WORK, so that
 * work worth sharing out goes into two parts or more. */
#define CS_POOL_PART_WORK (CS_POOL_MIN_WORK / 2)

/* How many parts work of about `work` operations over n items (rows, columns, labels) is cut
 * into: the largest power of two up to CS_POOL_MAX_PARTS that leaves each part at least
 * part_work operations and min_items items, or 1. The sizes alone decide it, never the
 * threads; a power of two shares out evenly over two or four threads. */
int     cs_pool_count_parts   (size_t        work,
                               size_t        part_work,
                               int           n,
                               int           min_items);

/* [*begin, *end): part `part` of n items cut into n_parts nearly equal ranges. */
void    cs_pool_range         (int           n,
                               int           part,
                               int           n_parts,
                               int          *begin,
                               int          *end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsPool, cs_pool_free)

G_END_DECLS
