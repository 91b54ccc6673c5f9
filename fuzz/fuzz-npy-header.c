/* fuzz-npy-header.c — fuzzes the .npy header parser and the data-size check
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-fuzz-targets.h"
#include "cs-npy.h"

void
cs_fuzz_npy_header (const guint8 *data,
                    gsize         len)
{
  GError *error = NULL;
  CsNpyHeader header;
  gsize count = 1;
  gboolean ok;

  if (!cs_npy_parse_header (data, len, "fuzz.npy", &header, &error))
    {
      cs_fuzz_check_error (error);
      return;
    }

  /* The header must describe itself consistently before the data check relies on it. */
  if (header.data_offset > len || header.ndim < 0 || header.ndim > CS_NPY_MAX_DIMS)
    g_error ("header: data offset %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT ", %d dimensions",
             header.data_offset, len, header.ndim);
  for (int i = 0; i < header.ndim; i++)
    count *= header.shape[i];
  if (count != header.count || count > CS_NPY_MAX_ELEMENTS)
    g_error ("header: count %" G_GSIZE_FORMAT " does not match the shape", header.count);

  ok = cs_npy_check_data (&header, len, "fuzz.npy", &error);
  cs_fuzz_check_result (ok, error);
}

CS_FUZZ_ENTRY_POINT (cs_fuzz_npy_header)
