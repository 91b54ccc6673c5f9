/* fuzz-text-lines.c — fuzzes the one-entry-a-line list reader (classes.txt, ids.txt)
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "cs-fuzz-targets.h"
#include "cs-text.h"

void
cs_fuzz_text_lines (const guint8 *data,
                    gsize         len)
{
  GError *error = NULL;
  g_auto(GStrv) lines = NULL;
  int n = -1;

  lines = cs_text_parse_lines ((const char *) data, len, "fuzz.txt", &n, &error);
  if (lines == NULL)
    {
      cs_fuzz_check_error (error);
      return;
    }

  /* Entries are trimmed, non-empty UTF-8, and there are as many as reported. */
  if (n < 1 || g_strv_length (lines) != (guint) n)
    g_error ("parsed %d lines into a list of %u", n, g_strv_length (lines));
  for (int i = 0; i < n; i++)
    {
      gsize l = strlen (lines[i]);

      if (l == 0 || g_ascii_isspace (lines[i][0]) || g_ascii_isspace (lines[i][l - 1]) ||
          !g_utf8_validate (lines[i], -1, NULL))
        g_error ("entry %d is empty, untrimmed or not UTF-8", i);
    }
}

CS_FUZZ_ENTRY_POINT (cs_fuzz_text_lines)
