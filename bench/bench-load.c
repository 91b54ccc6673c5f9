/* bench-load.c — how long loading a dataset takes, and how much memory it needs
 *
 * Prints, for every dataset folder given, the median of several loads and the process's
 * peak resident memory after them (each dataset is measured in its own process by the
 * build-aux/bench script, so peaks do not mix).
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "bench-util.h"
#include "cs-dataset.h"

#define REPEATS 9

int
main (int   argc,
      char *argv[])
{
  for (int i = 1; i < argc; i++)
    {
      double ms[REPEATS];
      struct rusage usage;
      int labels = 0;

      for (int r = 0; r < REPEATS; r++)
        {
          g_autoptr(GError) error = NULL;
          gint64 begin = g_get_monotonic_time ();
          g_autoptr(CsDataset) dataset = cs_dataset_load (argv[i], NULL, &error);

          ms[r] = (g_get_monotonic_time () - begin) / 1000.0;
          if (dataset == NULL)
            {
              fprintf (stderr, "%s\n", error->message);
              return 1;
            }
          labels = cs_dataset_get_n_labels (dataset);
        }
      bench_sort (ms, REPEATS);
      getrusage (RUSAGE_SELF, &usage);
      printf ("load %-40s median %7.1f ms  (min %.1f, max %.1f; %d loads)  peak RSS %6.1f MiB  %d labels\n",
              argv[i], ms[REPEATS / 2], ms[0], ms[REPEATS - 1], REPEATS, usage.ru_maxrss / 1024.0, labels);
    }
  return 0;
}
