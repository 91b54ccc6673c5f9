/* fuzz-npy-f32.c — fuzzes reading a .npy array as float32
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "cs-fuzz-targets.h"
#include "cs-npy.h"

void
cs_fuzz_npy_f32 (const guint8 *data,
                 gsize         len)
{
  GError *error = NULL;
  g_autofree float *values = NULL;
  int rows = -1, cols = -1;

  values = cs_npy_parse_f32 (data, len, "fuzz.npy", &rows, &cols, &error);
  if (values == NULL)
    {
      cs_fuzz_check_error (error);
      return;
    }

  /* Every value is read, so a short allocation shows, and must be finite as promised. */
  if (rows < 1 || cols < 1)
    g_error ("parsed a %d × %d array", rows, cols);
  for (gsize i = 0; i < (gsize) rows * (gsize) cols; i++)
    if (!isfinite (values[i]))
      g_error ("value %" G_GSIZE_FORMAT " is not finite", i);
}

CS_FUZZ_ENTRY_POINT (cs_fuzz_npy_f32)
