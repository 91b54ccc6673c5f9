/* cs-import-problem.c — what is wrong with one step of an import, and where
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs-import-problem.h"

static char *
where (const char *file,
       int         line,
       int         column)
{
  if (file == NULL)
    return g_strdup ("");
  if (line <= 0)
    return g_strdup_printf ("%s: ", file);
  if (column <= 0)
    return g_strdup_printf ("%s:%d: ", file, line);
  return g_strdup_printf ("%s:%d:%d: ", file, line, column);
}

static CsImportProblem *
problem_new_take (CsImportStep  step,
                  CsSplitKind   split,
                  CsError       code,
                  const char   *file,
                  int           line,
                  int           column,
                  const char   *reason)
{
  CsImportProblem *self = g_new0 (CsImportProblem, 1);
  g_autofree char *prefix = where (file, line, column);

  self->step = step;
  self->split = split;
  self->code = code;
  self->file = g_strdup (file);
  self->line = MAX (line, 0);
  self->column = self->line > 0 ? MAX (column, 0) : 0;
  self->message = g_strconcat (prefix, reason, NULL);
  return self;
}

CsImportProblem *
cs_import_problem_new (CsImportStep  step,
                       CsSplitKind   split,
                       CsError       code,
                       const char   *file,
                       int           line,
                       int           column,
                       const char   *format,
                       ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  g_return_val_if_fail (format != NULL, NULL);

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  return problem_new_take (step, split, code, file, line, column, reason);
}

/* The readers' messages start "FILE:LINE: " or "FILE: "; the position is taken from there, and
 * a ragged row's column is the first field that the row or the header lacks. */
CsImportProblem *
cs_import_problem_new_from_error (CsImportStep   step,
                                  CsSplitKind    split,
                                  const char    *file,
                                  const GError  *error)
{
  const char *reason;
  int line = 0, column = 0, expected, found;
  gsize n = file ? strlen (file) : 0;

  g_return_val_if_fail (error != NULL, NULL);

  reason = error->message;
  if (file != NULL && strncmp (reason, file, n) == 0 && reason[n] == ':')
    {
      const char *rest = reason + n + 1;
      char *end;
      long value = strtol (rest, &end, 10);

      if (end != rest && *end == ':' && value > 0 && value <= G_MAXINT)
        {
          line = (int) value;
          rest = end + 1;
        }
      reason = rest[0] == ' ' ? rest + 1 : rest;
    }
  if (sscanf (reason, "expected %d fields as in the header, found %d", &expected, &found) == 2)
    column = MIN (expected, found) + 1;
  return problem_new_take (step, split, error->domain == CS_ERROR ? error->code : CS_ERROR_IO,
                           file, line, column, reason);
}

void
cs_import_problem_free (CsImportProblem *self)
{
  if (self == NULL)
    return;
  g_free (self->file);
  g_free (self->message);
  g_free (self);
}

gboolean
cs_import_problem_to_error (const CsImportProblem  *self,
                            GError                **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  g_set_error_literal (error, CS_ERROR, self->code, self->message);
  return FALSE;
}
