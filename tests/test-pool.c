/* test-pool.c — the training step's threads: every part runs once per run, on its own thread,
 * in the caller's floating-point mode, also after the helpers have gone to sleep
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
  g_test_add_func ("/pool/range", test_pool_range);
  return g_test_run ();
}
