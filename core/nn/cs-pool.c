/* cs-pool.c — a few threads that run one function together
 *
 * A run publishes func and data, then bumps `generation`; each helper waits for the bump, does
 * its part and bumps `done`. A training step runs the pool a dozen times, tens of microseconds
 * apart, so helpers first spin on the generation (yielding now and then, so another thread that
 * wants the core gets it) and only after SPIN_US without work go to sleep on the condition.
 *
 * A run of n_parts parts gives each of the T threads a run of about n_parts / T consecutive
 * parts (run_share); cs_pool_run is the run of one part per thread.
 *
 * Helpers take on the caller's floating-point mode (subnormals flushed or not) for each run, so
 * every part computes as the caller would.
 *
 * Sleeping and waking cannot cross: a helper counts itself in `sleepers` before it checks the
 * generation under the mutex, and the caller bumps the generation before it checks
 * `sleepers`; with sequentially consistent atomics one of them sees the other's write.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-pool.h"

#include <sched.h>
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define cpu_relax() _mm_pause ()
#else
#define cpu_relax() ((void) 0)
#endif

#include "cs-denormals.h"

/* How long an idle helper spins before it sleeps: longer than the gaps between runs within a
 * step, much shorter than the evaluation between epochs. */
#define SPIN_US 5000

/* Waiting threads check this many times, a pause apart, between sched_yield calls: a yield is
 * a system call, slower than most hand-offs, but it lets another thread (the window's) have
 * the core at once. */
#define SPINS_PER_YIELD 64

typedef struct
{
  CsPool *pool;
  int     part;
} Helper;

struct _CsPool
{
  int          n_threads;
  GThread     *threads[CS_POOL_MAX_THREADS];
  Helper       helpers[CS_POOL_MAX_THREADS];
  CsPoolFunc   func;
  gpointer     data;
  int          n_parts;
  unsigned int fp_mode;      /* the caller's, see cs_denormals_mode */
  int          generation;   /* atomic */
  int          done;         /* atomic: helpers finished with the current generation */
  int          sleepers;     /* atomic */
  int          quit;         /* atomic */
  bool         running;      /* the caller's: a run from inside a part runs inline */
  GMutex       mutex;
  GCond        cond;
};

/* How many parts the calling thread is inside (cs_pool_in_part). */
static __thread int part_depth;

static void
run_part (CsPoolFunc func,
          gpointer   data,
          int        part,
          int        n_parts)
{
  part_depth++;
  func (data, part, n_parts);
  part_depth--;
}

bool
cs_pool_in_part (void)
{
  return part_depth > 0;
}

/* The parts of thread `thread`, in order: cs_pool_range's shares rounded up, so that with
 * fewer parts than threads the caller still runs one and the last helpers none. */
static void
run_share (CsPool *pool,
           int     thread)
{
  int n = pool->n_parts, T = pool->n_threads;
  int begin = (int) (((gint64) n * thread + T - 1) / T);
  int end = (int) (((gint64) n * (thread + 1) + T - 1) / T);

  for (int part = begin; part < end; part++)
    run_part (pool->func, pool->data, part, pool->n_parts);
}

/* Waits until the generation moves past `seen` (or the pool quits); returns the new one. */
static int
wait_for_work (CsPool *pool,
               int     seen)
{
  gint64 start = g_get_monotonic_time ();
  int gen;

  for (;;)
    {
      for (int i = 0; i < SPINS_PER_YIELD; i++)
        {
          gen = g_atomic_int_get (&pool->generation);
          if (gen != seen || g_atomic_int_get (&pool->quit))
            return gen;
          cpu_relax ();
        }
      if (g_get_monotonic_time () - start > SPIN_US)
        break;
      sched_yield ();
    }
  g_mutex_lock (&pool->mutex);
  g_atomic_int_inc (&pool->sleepers);
  while ((gen = g_atomic_int_get (&pool->generation)) == seen && !g_atomic_int_get (&pool->quit))
    g_cond_wait (&pool->cond, &pool->mutex);
  g_atomic_int_dec_and_test (&pool->sleepers);
  g_mutex_unlock (&pool->mutex);
  return gen;
}

static gpointer
helper_main (gpointer data)
{
  Helper *h = data;
  CsPool *pool = h->pool;
  int seen = 0;

  for (;;)
    {
      seen = wait_for_work (pool, seen);
      if (g_atomic_int_get (&pool->quit))
        return NULL;
      cs_denormals_flush_end (pool->fp_mode);
      run_share (pool, h->part);
      g_atomic_int_inc (&pool->done);
    }
}

CsPool *
cs_pool_new (int n_threads)
{
  CsPool *pool;

  g_return_val_if_fail (n_threads >= 1, NULL);

  pool = g_new0 (CsPool, 1);
  pool->n_threads = MIN (n_threads, CS_POOL_MAX_THREADS);
  g_mutex_init (&pool->mutex);
  g_cond_init (&pool->cond);
  for (int t = 1; t < pool->n_threads; t++)
    {
      pool->helpers[t] = (Helper) { pool, t };
      pool->threads[t] = g_thread_new ("cs-pool", helper_main, &pool->helpers[t]);
    }
  return pool;
}

void
cs_pool_free (CsPool *pool)
{
  if (pool == NULL)
    return;
  g_atomic_int_set (&pool->quit, 1);
  g_mutex_lock (&pool->mutex);
  g_cond_broadcast (&pool->cond);
  g_mutex_unlock (&pool->mutex);
  for (int t = 1; t < pool->n_threads; t++)
    g_thread_join (pool->threads[t]);
  g_mutex_clear (&pool->mutex);
  g_cond_clear (&pool->cond);
  g_free (pool);
}

int
cs_pool_get_n_threads (const CsPool *pool)
{
  return pool != NULL ? pool->n_threads : 1;
}

int
cs_pool_run_parts (CsPool     *pool,
                   int         n_parts,
                   CsPoolFunc  func,
                   gpointer    data)
{
  g_return_val_if_fail (n_parts >= 1, 0);

  if (pool == NULL || pool->n_threads == 1 || pool->running || n_parts == 1)
    {
      for (int part = 0; part < n_parts; part++)
        run_part (func, data, part, n_parts);
      return n_parts;
    }
  pool->running = true;
  pool->func = func;
  pool->data = data;
  pool->n_parts = n_parts;
  pool->fp_mode = cs_denormals_mode ();
  g_atomic_int_set (&pool->done, 0);
  g_atomic_int_inc (&pool->generation);
  if (g_atomic_int_get (&pool->sleepers) > 0)
    {
      g_mutex_lock (&pool->mutex);
      g_cond_broadcast (&pool->cond);
      g_mutex_unlock (&pool->mutex);
    }
  run_share (pool, 0);
  for (int i = 1; g_atomic_int_get (&pool->done) < pool->n_threads - 1; i++)
    {
      cpu_relax ();
      if (i % SPINS_PER_YIELD == 0)
        sched_yield ();
    }
  pool->running = false;
  return n_parts;
}

int
cs_pool_run (CsPool     *pool,
             CsPoolFunc  func,
             gpointer    data)
{
  bool shared = pool != NULL && !pool->running;

  return cs_pool_run_parts (pool, shared ? pool->n_threads : 1, func, data);
}

int
cs_pool_count_parts (size_t work,
                     size_t part_work,
                     int    n,
                     int    min_items)
{
  int n_parts = 1;

  g_return_val_if_fail (part_work > 0 && min_items > 0, 1);

  while (n_parts * 2 <= CS_POOL_MAX_PARTS && work / (n_parts * 2) >= part_work
         && n / (n_parts * 2) >= min_items)
    n_parts *= 2;
  return n_parts;
}

int
cs_pool_run_sized (CsPool     *pool,
                   size_t      work,
                   CsPoolFunc  func,
                   gpointer    data)
{
  return cs_pool_run (work >= CS_POOL_MIN_WORK ? pool : NULL, func, data);
}

void
cs_pool_range (int  n,
               int  part,
               int  n_parts,
               int *begin,
               int *end)
{
  *begin = (int) ((gint64) n * part / n_parts);
  *end = (int) ((gint64) n * (part + 1) / n_parts);
}
