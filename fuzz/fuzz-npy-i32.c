/* fuzz-npy-i32.c — fuzzes reading a .npy array as int32
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-fuzz-targets.h"
#include "cs-npy.h"

void
cs_fuzz_npy_i32 (const guint8 *data,
                 gsize         len)
{
  GError *error = NULL;
  g_autofree int32_t *values = NULL;
  volatile int32_t sink = 0;
  int n = -1;

  values = cs_npy_parse_i32 (data, len, "fuzz.npy", &n, &error);
  if (values == NULL)
    {
      cs_fuzz_check_error (error);
      return;
    }

  if (n < 1)
    g_error ("parsed %d values", n);
  /* Reads every value, so that AddressSanitizer sees an allocation shorter than @n. */
  for (int i = 0; i < n; i++)
    sink = values[i];
  (void) sink;
}

CS_FUZZ_ENTRY_POINT (cs_fuzz_npy_i32)
