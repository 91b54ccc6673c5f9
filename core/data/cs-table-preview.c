/* cs-table-preview.c — the first rows of a CSV or tab-separated table, for a preview grid
 *
 * Only the header and the rows shown are parsed, by cs_csv_parse_separated() on the bytes
 * they span, so a preview of a table of millions of labels costs as much as one of ten.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "cs-table-preview.h"

#include "cs-csv.h"
#include "cs-file.h"

char
cs_table_guess_separator (const char *line,
                          gsize       len)
{
  gboolean quoted = FALSE, tab = FALSE;

  for (gsize i = 0; i < len && (quoted || (line[i] != '\n' && line[i] != '\r')); i++)
    {
      if (line[i] == '"')
        quoted = !quoted;
      else if (!quoted && line[i] == ',')
        return ',';
      else if (!quoted && line[i] == '\t')
        tab = TRUE;
    }
  return tab ? '\t' : ',';
}

/* The length of the first n_records records of data: a line end inside quotes does not end
 * a record. */
static gsize
records_span (const char *data,
              gsize       len,
              int         n_records)
{
  gboolean quoted = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (data[i] == '"')
        quoted = !quoted;
      else if (!quoted && data[i] == '\n' && --n_records == 0)
        return i + 1;
    }
  return len;
}

/* Whether the rest of a file is blank lines, which cs_csv_parse() ignores. */
static gboolean
only_blanks (const char *data,
             gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (strchr (" \t\r\n", data[i]) == NULL || data[i] == '\0')
      return FALSE;
  return TRUE;
}

CsTablePreview *
cs_table_preview_load (const char  *path,
                       char         separator,
                       int          n_rows,
                       GError     **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(CsCsv) table = NULL;
  const char *data;
  gsize len, start, span;
  CsTablePreview *self;
  int n_cols;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (separator == 0 || separator == ',' || separator == '\t', NULL);
  g_return_val_if_fail (n_rows > 0 && n_rows < G_MAXINT, NULL);

  if (!(mapped = cs_file_map (path, error)))
    return NULL;
  data = g_mapped_file_get_contents (mapped);
  len = g_mapped_file_get_length (mapped);
  start = cs_file_skip_bom (data, len);
  if (separator == 0)
    separator = cs_table_guess_separator (data + start, len - start);
  span = records_span (data, len, n_rows + 1);
  if (!(table = cs_csv_parse_separated (data, span, path, separator, error)))
    return NULL;

  n_cols = cs_csv_get_n_cols (table);
  self = g_new0 (CsTablePreview, 1);
  self->path = g_strdup (path);
  self->separator = separator;
  self->n_cols = n_cols;
  self->n_rows = cs_csv_get_n_rows (table);
  self->truncated = !only_blanks (data + span, len - span);
  self->header = g_new0 (char *, n_cols + 1);
  self->cells = g_new0 (char *, (gsize) self->n_rows * n_cols + 1);
  self->lines = g_new (int, self->n_rows);
  for (int c = 0; c < n_cols; c++)
    self->header[c] = g_strdup (cs_csv_get_header (table, c));
  for (int r = 0; r < self->n_rows; r++)
    {
      self->lines[r] = cs_csv_get_line (table, r);
      for (int c = 0; c < n_cols; c++)
        self->cells[(gsize) r * n_cols + c] = g_strdup (cs_csv_get_cell (table, r, c));
    }
  return self;
}

void
cs_table_preview_free (CsTablePreview *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_strfreev (self->header);
  g_strfreev (self->cells);
  g_free (self->lines);
  g_free (self);
}

const char *
cs_table_preview_get_cell (const CsTablePreview *self,
                           int                   row,
                           int                   col)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (row >= 0 && row < self->n_rows, NULL);
  g_return_val_if_fail (col >= 0 && col < self->n_cols, NULL);

  return self->cells[(gsize) row * self->n_cols + col];
}

int
cs_table_preview_find_column (const CsTablePreview *self,
                              const char * const   *names)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (names != NULL, -1);

  for (int i = 0; names[i] != NULL; i++)
    for (int c = 0; c < self->n_cols; c++)
      if (g_ascii_strcasecmp (self->header[c], names[i]) == 0)
        return c;
  return -1;
}
