/* cs-rank.c — positions ranked by a value, the same way wherever a list is ranked
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-rank.h"

#include <math.h>

static int
compare_keys (const void *a,
              const void *b,
              void       *data)
{
  const float *keys = data;
  int i = *(const int *) a, j = *(const int *) b;
  bool ni = isnan (keys[i]), nj = isnan (keys[j]);

  if (ni != nj)
    return ni ? 1 : -1;
  if (!ni && keys[i] != keys[j])
    return keys[i] > keys[j] ? -1 : 1;
  return (i > j) - (i < j);
}

void
cs_rank_descending (int         *items,
                    int          n,
                    const float *keys)
{
  g_return_if_fail ((items != NULL && keys != NULL) || n == 0);

  g_qsort_with_data (items, n, sizeof (int), compare_keys, (gpointer) keys);
}
