/* cs-table-preview.h — the first rows of a CSV or tab-separated table, for a preview grid
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

/* The header and the first rows of a table as text, read without loading the whole file. */
typedef struct
{
  char   *path;
  char    separator;   /* ',' or '\t' */
  int     n_cols;
  char  **header;      /* [n_cols], NULL-terminated */
  int     n_rows;      /* data rows shown, at most the number asked for */
  char  **cells;       /* [n_rows × n_cols] row-major */
  int    *lines;       /* [n_rows]: the 1-based line where each row starts */
  bool    truncated;   /* the file has more rows than shown */
} CsTablePreview;

/* The first n_rows data rows of the table at path. separator is ',' or '\t', or 0 to guess it
 * from the first line. A ragged row, a bad quote, an empty table or an unreadable file among
 * the rows shown is an error naming the file and the line. */
CsTablePreview *cs_table_preview_load       (const char            *path,
                                             char                   separator,
                                             int                    n_rows,
                                             GError               **error);
void            cs_table_preview_free       (CsTablePreview        *self);
const char     *cs_table_preview_get_cell   (const CsTablePreview  *self,
                                             int                    row,
                                             int                    col);
/* The column named by the first of names (NULL-terminated) that the header has, in any case
 * and with surrounding spaces ignored, as the loaders guess columns; −1 when it has none. */
int             cs_table_preview_find_column (const CsTablePreview *self,
                                              const char * const   *names);

/* The separator of a table whose first line is given: a tab when the line has a tab outside
 * quotes and no comma, else a comma. */
char            cs_table_guess_separator    (const char            *line,
                                             gsize                  len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsTablePreview, cs_table_preview_free)

G_END_DECLS
