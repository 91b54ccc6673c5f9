/* bench-util.c — what the benchmark programs share
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "bench-util.h"

#include <stdlib.h>

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

void
bench_sort (double *values,
            int     n)
{
  qsort (values, n, sizeof (double), compare_doubles);
}

double
bench_median (double *values,
              int     n)
{
  bench_sort (values, n);
  return values[n / 2];
}
