/* fuzz-answers.c — fuzzes the dense answer matrix reader (answers.txt)
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-fuzz-targets.h"
#include "cs-text.h"

void
cs_fuzz_answers (const guint8 *data,
                 gsize         len)
{
  GError *error = NULL;
  g_autofree int32_t *answers = NULL;
  int rows = -1, cols = -1;

  answers = cs_answers_parse ((const char *) data, len, "fuzz.txt", &rows, &cols, &error);
  if (answers == NULL)
    {
      cs_fuzz_check_error (error);
      return;
    }

  if (rows < 1 || cols < 1)
    g_error ("parsed a %d × %d matrix", rows, cols);
  for (gsize i = 0; i < (gsize) rows * (gsize) cols; i++)
    if (answers[i] < -1)
      g_error ("answer %" G_GSIZE_FORMAT " is %d, below -1", i, answers[i]);
}

CS_FUZZ_ENTRY_POINT (cs_fuzz_answers)
