/* test-pool.c — the training step's threads: every part runs once per run, on its own thread,
 * in the caller's floating-point mode, also after the helpers have gone to sleep; a run of a
 * given number of parts runs each of them once, whatever the number of threads
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-denormals.h"
#include "cs-pool.h"

enum { N = 1000 };

typedef struct
{
  int          counts[N];
  GThread     *threads[CS_POOL_MAX_THREADS];
  unsigned int modes[CS_POOL_MAX_THREADS];
  int          parts_seen;   /* atomic */
} Job;

static void
count_part (gpointer data,
            int      part,
            int      n_parts)
{
  Job *job = data;
  int begin, end;

  cs_pool_range (N, part, n_parts, &begin, &end);
  for (int i = begin; i < end; i++)
    job->counts[i]++;
  job->threads[part] = g_thread_self ();
  job->modes[part] = cs_denormals_mode ();
  g_atomic_int_inc (&job->parts_seen);
}

static void
test_pool_runs (gconstpointer data)
{
  int n_threads = GPOINTER_TO_INT (data);
  g_autoptr(CsPool) pool = cs_pool_new (n_threads);
  g_autofree Job *job = g_new0 (Job, 1);
  int runs = 0;

  g_assert_cmpint (cs_pool_get_n_threads (pool), ==, n_threads);
  for (int round = 0; round < 3; round++)
    {
      unsigned int saved = cs_denormals_flush_begin ();

      /* Back to back, then after a pause long enough for the helpers to sleep. */
      for (int r = 0; r < 500; r++, runs++)
        cs_pool_run (pool, count_part, job);
      cs_denormals_flush_end (saved);
      for (int t = 1; t < n_threads; t++)
        {
          g_assert_true (job->threads[t] != g_thread_self ());
          g_assert_true (job->threads[t] != job->threads[0]);
          g_assert_cmpuint (job->modes[t], ==, job->modes[0]);
        }
      g_usleep (20000);
    }
  for (int i = 0; i < N; i++)
    g_assert_cmpint (job->counts[i], ==, runs);
  g_assert_cmpint (job->parts_seen, ==, runs * n_threads);
  g_assert_true (job->threads[0] == g_thread_self ());
}

/* A NULL pool runs the whole range on the caller. */
static void
test_pool_null (void)
{
  g_autofree Job *job = g_new0 (Job, 1);

  g_assert_cmpint (cs_pool_get_n_threads (NULL), ==, 1);
  cs_pool_run (NULL, count_part, job);
  for (int i = 0; i < N; i++)
    g_assert_cmpint (job->counts[i], ==, 1);
}

/* Each part of a run of n_parts once, with n_parts passed along, a thread's parts in order. */
typedef struct
{
  int      counts[CS_POOL_MAX_PARTS + 9];
  GThread *threads[CS_POOL_MAX_PARTS + 9];
  int      n_parts_seen[CS_POOL_MAX_PARTS + 9];
} PartsJob;

static void
count_parts_part (gpointer data,
                  int      part,
                  int      n_parts)
{
  PartsJob *job = data;

  job->counts[part]++;
  job->threads[part] = g_thread_self ();
  job->n_parts_seen[part] = n_parts;
}

static void
test_pool_run_parts (gconstpointer data)
{
  int n_threads = GPOINTER_TO_INT (data);
  g_autoptr(CsPool) pool = n_threads > 0 ? cs_pool_new (n_threads) : NULL;

  for (int n_parts = 1; n_parts <= CS_POOL_MAX_PARTS + 8; n_parts++)
    {
      g_autofree PartsJob *job = g_new0 (PartsJob, 1);

      for (int r = 0; r < 50; r++)
        g_assert_cmpint (cs_pool_run_parts (pool, n_parts, count_parts_part, job), ==, n_parts);
      for (int part = 0; part < n_parts; part++)
        {
          g_assert_cmpint (job->counts[part], ==, 50);
          g_assert_cmpint (job->n_parts_seen[part], ==, n_parts);
        }
      g_assert_cmpint (job->counts[n_parts], ==, 0);
      /* The caller runs the first run of parts; each thread's parts are consecutive. */
      g_assert_true (job->threads[0] == g_thread_self ());
      for (int part = 1, switches = 0; part < n_parts; part++)
        {
          switches += job->threads[part] != job->threads[part - 1];
          g_assert_cmpint (switches, <, MAX (n_threads, 1));
        }
    }
}

/* Parts are powers of two, no more than the work, the items and CS_POOL_MAX_PARTS allow. */
static void
test_pool_count_parts (void)
{
  g_assert_cmpint (cs_pool_count_parts (0, CS_POOL_PART_WORK, 1000, 1), ==, 1);
  g_assert_cmpint (cs_pool_count_parts (CS_POOL_MIN_WORK - 1, CS_POOL_PART_WORK, 1000, 1), ==, 1);
  g_assert_cmpint (cs_pool_count_parts (CS_POOL_MIN_WORK, CS_POOL_PART_WORK, 1000, 1), ==, 2);
  g_assert_cmpint (cs_pool_count_parts (G_MAXSIZE / 2, CS_POOL_PART_WORK, 1 << 20, 1), ==,
                   CS_POOL_MAX_PARTS);
  g_assert_cmpint (cs_pool_count_parts (G_MAXSIZE / 2, CS_POOL_PART_WORK, 100, 16), ==, 4);
  g_assert_cmpint (cs_pool_count_parts (G_MAXSIZE / 2, CS_POOL_PART_WORK, 15, 16), ==, 1);
  for (size_t work = 1; work < ((size_t) 1 << 30); work = work * 3 + 1)
    for (int n = 1; n < 5000; n = n * 2 + 3)
      {
        int parts = cs_pool_count_parts (work, 1000, n, 8);

        g_assert_cmpint (parts & (parts - 1), ==, 0);
        g_assert_cmpint (parts, <=, CS_POOL_MAX_PARTS);
        g_assert_true (parts == 1 || (work / parts >= 1000 && n / parts >= 8));
        g_assert_true (parts == CS_POOL_MAX_PARTS || work / (2 * parts) < 1000
                       || n / (2 * parts) < 8);
      }
}

/* The ranges cover 0 … n once, in order, as evenly as they can. */
static void
test_pool_range (void)
{
  for (int n = 0; n < 40; n++)
    for (int parts = 1; parts <= 5; parts++)
      {
        int expected = 0;

        for (int p = 0; p < parts; p++)
          {
            int begin, end;

            cs_pool_range (n, p, parts, &begin, &end);
            g_assert_cmpint (begin, ==, expected);
            g_assert_cmpint (end - begin, >=, n / parts);
            g_assert_cmpint (end - begin, <=, n / parts + 1);
            expected = end;
          }
        g_assert_cmpint (expected, ==, n);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/pool/runs/1", GINT_TO_POINTER (1), test_pool_runs);
  g_test_add_data_func ("/pool/runs/2", GINT_TO_POINTER (2), test_pool_runs);
  g_test_add_data_func ("/pool/runs/4", GINT_TO_POINTER (4), test_pool_runs);
  g_test_add_func ("/pool/null", test_pool_null);
  g_test_add_data_func ("/pool/run-parts/null", GINT_TO_POINTER (0), test_pool_run_parts);
  g_test_add_data_func ("/pool/run-parts/1", GINT_TO_POINTER (1), test_pool_run_parts);
  g_test_add_data_func ("/pool/run-parts/2", GINT_TO_POINTER (2), test_pool_run_parts);
  g_test_add_data_func ("/pool/run-parts/3", GINT_TO_POINTER (3), test_pool_run_parts);
  g_test_add_data_func ("/pool/run-parts/16", GINT_TO_POINTER (16), test_pool_run_parts);
  g_test_add_func ("/pool/count-parts", test_pool_count_parts);
  g_test_add_func ("/pool/range", test_pool_range);
  return g_test_run ();
}
