/* bench-run-store.c — how long listing a store of 1,000 kept runs, and reopening one, take
 *
 * Keeps one short CoNAL run on the Shapes demo 1,000 times in a temporary store (under the
 * folder given, else the system's temporary folder), then prints the median of several
 * listings, each by a store opened afresh as the window and `runs` open it, and of several
 * loads of one run's checkpoint. The page cache is warm: the files were just written.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>

#include "bench-util.h"
#include "cs-demo.h"
#include "cs-file.h"
#include "cs-run-store.h"

#define N_RUNS  1000
#define REPEATS 9

static CsRun *
train_demo (const char  *dir,
            GError     **error)
{
  g_autofree char *demo = g_build_filename (dir, "demo", NULL);
  g_autoptr(CsDataset) dataset = NULL;
  CsTrainConfig config;

  if (!cs_demo_write (demo, 1, error) || !(dataset = cs_dataset_load (demo, NULL, error)))
    return NULL;
  cs_train_config_init (&config);
  config.method = CS_METHOD_CONAL;
  config.epochs = 2;
  config.threads = 1;
  return cs_train (dataset, &config, NULL, error);
}

/* Milliseconds since `begin` (a g_get_monotonic_time()). */
static double
elapsed_ms (gint64 begin)
{
  return (g_get_monotonic_time () - begin) / 1000.0;
}

static double
time_listing (const char  *path,
              guint       *n,
              GError     **error)
{
  gint64 begin = g_get_monotonic_time ();
  g_autoptr(CsRunStore) store = cs_run_store_new (path);
  g_autoptr(GPtrArray) runs = cs_run_store_list (store, NULL, error);

  *n = runs ? runs->len : 0;
  return runs ? elapsed_ms (begin) : -1;
}

static double
time_load (const char  *path,
           const char  *id,
           GError     **error)
{
  gint64 begin = g_get_monotonic_time ();
  g_autoptr(CsRunStore) store = cs_run_store_new (path);
  g_autoptr(CsCheckpoint) checkpoint = cs_run_store_load (store, id, NULL, error);

  return checkpoint ? elapsed_ms (begin) : -1;
}

static gboolean
fill_store (const char  *path,
            const CsRun *run,
            char       **last_id,
            GError     **error)
{
  g_autoptr(CsRunStore) store = cs_run_store_new (path);
  gint64 begin = g_get_monotonic_time ();

  for (int i = 0; i < N_RUNS; i++)
    {
      g_free (*last_id);
      if (!(*last_id = cs_run_store_save (store, run, NULL, error)))
        return FALSE;
    }
  printf ("kept %d runs in %.1f s (%.1f ms each, every file synced)\n", N_RUNS,
          elapsed_ms (begin) / 1000, elapsed_ms (begin) / N_RUNS);
  return TRUE;
}

static gboolean
measure (const char  *dir,
         GError     **error)
{
  g_autofree char *path = g_build_filename (dir, "runs", NULL);
  g_autoptr(CsRun) run = train_demo (dir, error);
  g_autofree char *id = NULL;
  double list_ms[REPEATS], load_ms[REPEATS];
  guint n = 0;

  if (run == NULL || !fill_store (path, run, &id, error))
    return FALSE;
  for (int r = 0; r < REPEATS; r++)
    if ((list_ms[r] = time_listing (path, &n, error)) < 0 ||
        (load_ms[r] = time_load (path, id, error)) < 0)
      return FALSE;
  bench_sort (list_ms, REPEATS);
  bench_sort (load_ms, REPEATS);
  printf ("list %u runs: median %.1f ms (min %.1f, max %.1f; %d listings)  target: under 200 ms\n",
          n, list_ms[REPEATS / 2], list_ms[0], list_ms[REPEATS - 1], REPEATS);
  printf ("load one run: median %.2f ms (min %.2f, max %.2f; %d loads)  target: under 200 ms\n",
          load_ms[REPEATS / 2], load_ms[0], load_ms[REPEATS - 1], REPEATS);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *template = g_build_filename (argc > 1 ? argv[1] : g_get_tmp_dir (),
                                                "crowdscope-bench-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_mkdtemp (template) == NULL)
    {
      perror (template);
      return 1;
    }
  ok = measure (template, &error);
  cs_file_remove_tree (template, NULL);
  if (!ok)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  return 0;
}
