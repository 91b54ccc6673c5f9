/* cs-csv.c — comma-separated values with a header row
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include "cs-csv.h"

#include <math.h>
#include <string.h>

#include "cs-error.h"
#include "cs-file.h"
#include "cs-text.h"

/* How much of a bad cell to quote in a message. */
#define EXCERPT_BYTES 40

/*
 * The table is kept as one buffer holding every cell, unquoted and
 * NUL-terminated, header first, and one offset per cell into it: a few
 * allocations for the whole file rather than one per cell. Since unquoting
 * never lengthens a cell and every cell but the last is followed by a
 * delimiter that is not copied, the buffer needs at most one byte more than
 * the file.
 */
struct _CsCsv
{
  char    *filename;
  char    *text;     /* every cell, NUL-terminated */
  guint32 *offsets;  /* [(n_rows + 1) × n_cols]: where each cell starts; row 0 is the header */
  int     *lines;    /* [n_rows + 1]: the 1-based line where each record starts */
  int      n_rows;   /* data rows, the header excluded */
  int      n_cols;
};

typedef struct
{
  const char *data;
  gsize       len;
  gsize       pos;
  int         line;
  const char *filename;
  char        separator;

  char       *text;
  gsize       text_len;
  gsize       text_size;
  guint32    *offsets;
  gsize       n_offsets;
  gsize       offsets_size;
  GArray     *lines;     /* int */
} CsvParser;

static void
csv_emit_c (CsvParser *p,
            char       c)
{
  g_assert (p->text_len < p->text_size);
  p->text[p->text_len++] = c;
}

/* An unquoted field runs to the next separator or line end. A CR is a line end
 * only before LF or at the end of the file; anywhere else it is kept. The
 * bytes are copied as they are scanned: fields are short, and a call to
 * memcpy() for each would cost more than the scan. */
static void
csv_parse_plain (CsvParser *p)
{
  const char *data = p->data;
  char separator = p->separator;
  char *out = p->text + p->text_len;
  gsize pos = p->pos;
  gsize len = p->len;

  /* See struct _CsCsv: the buffer always has room for the rest of the input. */
  g_assert (p->text_size - p->text_len >= len - pos);

  for (; pos < len; pos++)
    {
      char c = data[pos];

      if (c == separator || c == '\n' || (c == '\r' && (pos + 1 == len || data[pos + 1] == '\n')))
        break;
      *out++ = c;
    }

  p->text_len = (gsize) (out - p->text);
  p->pos = pos;
}

/* A quoted field may hold commas, doubled quotes and line breaks; a CRLF
 * inside it is kept as LF so that the cell does not depend on the platform
 * that wrote the file. */
static gboolean
csv_parse_quoted (CsvParser  *p,
                  GError    **error)
{
  int start_line = p->line;

  for (p->pos++; p->pos < p->len; p->pos++)
    {
      char c = p->data[p->pos];

      if (c == '"')
        {
          if (p->pos + 1 < p->len && p->data[p->pos + 1] == '"')
            {
              csv_emit_c (p, '"');
              p->pos++;
              continue;
            }
          p->pos++;
          return TRUE;
        }
      if (c == '\r' && p->pos + 1 < p->len && p->data[p->pos + 1] == '\n')
        continue;
      if (c == '\n' && p->line < G_MAXINT)
        p->line++;
      csv_emit_c (p, c);
    }

  g_set_error (error, CS_ERROR, CS_ERROR_PARSE,
               _("%s:%d: a quoted field is not closed: expected '\"' before the end of the file"),
               p->filename, start_line);
  return FALSE;
}

/* After a closing quote only a separator, a line end or the end of the file may come. */
static gboolean
csv_check_after_quote (CsvParser  *p,
                       GError    **error)
{
  g_autofree char *found = NULL;
  char c;

  if (p->pos >= p->len)
    return TRUE;
  c = p->data[p->pos];
  if (c == p->separator || c == '\n'
      || (c == '\r' && (p->pos + 1 == p->len || p->data[p->pos + 1] == '\n')))
    return TRUE;

  found = cs_file_excerpt (p->data + p->pos, p->len - p->pos, 10);
  g_set_error (error, CS_ERROR, CS_ERROR_PARSE,
               _("%s:%d: expected '%s' or the end of the line after a closing quote, found '%s'"),
               p->filename, p->line, p->separator == '\t' ? "\\t" : ",", found);
  return FALSE;
}

static gboolean
csv_parse_field (CsvParser  *p,
                 GError    **error)
{
  /* One append per cell: a GArray's call and checks would show in the profile. */
  if (G_UNLIKELY (p->n_offsets == p->offsets_size))
    {
      p->offsets_size = MAX (p->offsets_size * 2, 256);
      p->offsets = g_renew (guint32, p->offsets, p->offsets_size);
    }
  p->offsets[p->n_offsets++] = (guint32) p->text_len;

  if (p->pos < p->len && p->data[p->pos] == '"')
    {
      if (!csv_parse_quoted (p, error) || !csv_check_after_quote (p, error))
        return FALSE;
    }
  else
    csv_parse_plain (p);

  csv_emit_c (p, '\0');
  return TRUE;
}

/* Parses one record, leaving the cursor at the start of the next line. */
static gboolean
csv_parse_record (CsvParser  *p,
                  int        *n_fields,
                  GError    **error)
{
  int n = 0;

  g_array_append_val (p->lines, p->line);

  for (;;)
    {
      if (n == G_MAXINT)
        {
          g_set_error (error, CS_ERROR, CS_ERROR_LIMIT, _("%s:%d: too many fields"),
                       p->filename, p->line);
          return FALSE;
        }
      if (!csv_parse_field (p, error))
        return FALSE;
      n++;

      if (p->pos >= p->len)
        break;
      if (p->data[p->pos] == p->separator)
        {
          p->pos++;
          continue;
        }

      /* A line end: CRLF, LF, or a CR at the very end. */
      if (p->data[p->pos] == '\r')
        p->pos++;
      if (p->pos < p->len && p->data[p->pos] == '\n')
        {
          p->pos++;
          if (p->line < G_MAXINT)
            p->line++;
        }
      break;
    }

  *n_fields = n;
  return TRUE;
}

/* Whether only blank lines are left, which are ignored rather than read as
 * records with one empty field. */
static gboolean
csv_at_trailing_blank (const CsvParser *p)
{
  for (gsize i = p->pos; i < p->len; i++)
    {
      char c = p->data[i];

      if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
        return FALSE;
    }

  return TRUE;
}

static gboolean
csv_check_fields (const CsvParser  *p,
                  int               line,
                  int               expected,
                  int               found,
                  GError          **error)
{
  if (found == expected)
    return TRUE;

  g_set_error (error, CS_ERROR, CS_ERROR_PARSE,
               _("%s:%d: expected %d fields as in the header, found %d"),
               p->filename, line, expected, found);
  return FALSE;
}

static gboolean
csv_parse_records (CsvParser  *p,
                   int        *n_rows,
                   int        *n_cols,
                   GError    **error)
{
  int rows = -1, cols = 0;

  while (p->pos < p->len && !csv_at_trailing_blank (p))
    {
      int line = p->line, found;

      if (rows == G_MAXINT)
        {
          g_set_error (error, CS_ERROR, CS_ERROR_LIMIT, _("%s:%d: too many rows"),
                       p->filename, line);
          return FALSE;
        }
      if (!csv_parse_record (p, &found, error))
        return FALSE;
      if (rows < 0)
        cols = found;
      else if (!csv_check_fields (p, line, cols, found, error))
        return FALSE;
      rows++;
    }

  if (rows < 0)
    g_set_error (error, CS_ERROR, CS_ERROR_PARSE, _("%s: no rows: the file is empty"), p->filename);
  else if (rows == 0)
    g_set_error (error, CS_ERROR, CS_ERROR_PARSE, _("%s: no rows: the file only has a header"),
                 p->filename);

  *n_rows = rows;
  *n_cols = cols;
  return rows > 0;
}

/* Header names are matched by name, so surrounding spaces are dropped. */
static void
csv_trim_header (CsCsv *self)
{
  for (int c = 0; c < self->n_cols; c++)
    {
      char *cell = self->text + self->offsets[c];
      gsize start = 0, n = strlen (cell);

      cs_text_trim (cell, &start, &n);
      cell[n] = '\0';
      self->offsets[c] += (guint32) start;
    }
}

/*
 * cs_csv_parse:
 * @data: (array length=len): the file's bytes, not necessarily NUL-terminated
 * @filename: (nullable): the name to put in messages
 *
 * Parses RFC 4180 CSV: a header row, then records with as many fields as
 * it. Fields are separated by commas and may be quoted with '"' (a doubled
 * quote inside stands for one; commas and line breaks inside are kept). Lines
 * end with LF or CRLF; a UTF-8 byte order mark, a missing final newline and
 * blank lines at the end are all fine. The text must be UTF-8.
 *
 * Errors are CS_ERROR_PARSE naming the line: a record with the wrong number
 * of fields, a quote not closed, text after a closing quote, an empty file or
 * one with only a header ("no rows"); CS_ERROR_LIMIT for a file of 4 GiB or more.
 *
 * Returns: (transfer full): the table, or NULL with @error set
 */
CsCsv *
cs_csv_parse (const char  *data,
              gsize        len,
              const char  *filename,
              GError     **error)
{
  return cs_csv_parse_separated (data, len, filename, ',', error);
}

/* As cs_csv_parse(), with fields separated by @separator: ',' or '\t'. */
CsCsv *
cs_csv_parse_separated (const char  *data,
                        gsize        len,
                        const char  *filename,
                        char         separator,
                        GError     **error)
{
  g_autoptr(GArray) lines = NULL;
  g_autofree char *text = NULL;
  CsvParser p = { 0 };
  CsCsv *self;
  int n_rows, n_cols;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (separator == ',' || separator == '\t', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    data = "";
  if (filename == NULL)
    filename = CS_FILE_NO_NAME;

  if (len >= G_MAXUINT32)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_LIMIT, _("%s: the file is too large (4 GiB or more)"),
                   filename);
      return NULL;
    }

  p.data = data;
  p.len = len;
  p.pos = cs_file_skip_bom (data, len);
  p.line = 1;
  p.filename = filename;
  p.separator = separator;
  if (!cs_file_check_utf8 (data + p.pos, len - p.pos, filename, error))
    return NULL;

  p.text_size = len + 1;
  p.text = text = g_malloc (p.text_size);
  p.lines = lines = g_array_sized_new (FALSE, FALSE, sizeof (int), len / 256 + 16);
  if (!csv_parse_records (&p, &n_rows, &n_cols, error))
    {
      g_free (p.offsets);
      return NULL;
    }

  self = g_new0 (CsCsv, 1);
  self->filename = g_strdup (filename);
  self->text = g_realloc (g_steal_pointer (&text), MAX (p.text_len, 1));
  self->offsets = g_renew (guint32, p.offsets, p.n_offsets);
  self->lines = (int *) g_array_free (g_steal_pointer (&lines), FALSE);
  self->n_rows = n_rows;
  self->n_cols = n_cols;
  csv_trim_header (self);

  return self;
}

CsCsv *
cs_csv_load (const char  *path,
             GError     **error)
{
  return cs_csv_load_separated (path, ',', error);
}

CsCsv *
cs_csv_load_separated (const char  *path,
                       char         separator,
                       GError     **error)
{
  g_autoptr(GMappedFile) mapped = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  mapped = cs_file_map (path, error);
  if (mapped == NULL)
    return NULL;

  return cs_csv_parse_separated (g_mapped_file_get_contents (mapped),
                                 g_mapped_file_get_length (mapped), path, separator, error);
}

void
cs_csv_free (CsCsv *self)
{
  if (self == NULL)
    return;

  g_free (self->filename);
  g_free (self->text);
  g_free (self->offsets);
  g_free (self->lines);
  g_free (self);
}

int
cs_csv_get_n_rows (const CsCsv *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_rows;
}

int
cs_csv_get_n_cols (const CsCsv *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_cols;
}

const char *
cs_csv_get_header (const CsCsv *self,
                   int          col)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (col >= 0 && col < self->n_cols, NULL);

  return self->text + self->offsets[col];
}

/*
 * cs_csv_find_column:
 *
 * Returns: the first column whose (trimmed) header is exactly @name, or -1
 */
int
cs_csv_find_column (const CsCsv *self,
                    const char  *name)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  for (int c = 0; c < self->n_cols; c++)
    if (strcmp (self->text + self->offsets[c], name) == 0)
      return c;

  return -1;
}

/* The column named by the first of names (NULL-terminated) the header has, in any case: the
 * usual names a loader guesses a column by. −1 when it has none. */
int
cs_csv_find_usual_column (const CsCsv        *self,
                          const char * const *names)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (names != NULL, -1);

  for (int i = 0; names[i] != NULL; i++)
    for (int c = 0; c < self->n_cols; c++)
      if (g_ascii_strcasecmp (self->text + self->offsets[c], names[i]) == 0)
        return c;
  return -1;
}

const char *
cs_csv_get_cell (const CsCsv *self,
                 int          row,
                 int          col)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (row >= 0 && row < self->n_rows, NULL);
  g_return_val_if_fail (col >= 0 && col < self->n_cols, NULL);

  return self->text + self->offsets[(gsize) (row + 1) * (gsize) self->n_cols + (gsize) col];
}

int
cs_csv_get_line (const CsCsv *self,
                 int          row)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (row >= 0 && row < self->n_rows, 0);

  return self->lines[row + 1];
}

const char *
cs_csv_get_filename (const CsCsv *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->filename;
}

static gboolean
csv_float_error (const CsCsv  *self,
                 int           row,
                 int           col,
                 int           code,
                 const char   *expected,
                 GError      **error)
{
  const char *cell = cs_csv_get_cell (self, row, col);
  g_autofree char *found = NULL;

  if (cell[0] == '\0')
    found = g_strdup (_("an empty field"));
  else
    {
      g_autofree char *excerpt = cs_file_excerpt (cell, strlen (cell), EXCERPT_BYTES);

      found = g_strdup_printf ("'%s'", excerpt);
    }

  g_set_error (error, CS_ERROR, code, _("%s:%d: column '%s': expected %s, found %s"),
               self->filename, cs_csv_get_line (self, row), cs_csv_get_header (self, col),
               expected, found);
  return FALSE;
}

/*
 * cs_csv_get_floats:
 * @col: the column to read
 * @out: (array): receives row r's value at out[r * stride]
 * @stride: the distance between two rows' values in @out, 1 or more
 *
 * Parses every cell of @col as a float, whatever the locale. Surrounding
 * spaces are allowed. An empty cell or trailing text is CS_ERROR_PARSE; NaN,
 * ±Inf or a value outside the float range is CS_ERROR_VALUE. Messages name
 * file:line, the column and the text found.
 */
gboolean
cs_csv_get_floats (const CsCsv  *self,
                   int           col,
                   float        *out,
                   gsize         stride,
                   GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (col >= 0 && col < self->n_cols, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (stride >= 1, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (int r = 0; r < self->n_rows; r++)
    {
      double value;

      if (!cs_parse_float (cs_csv_get_cell (self, r, col), &value))
        return csv_float_error (self, r, col, CS_ERROR_PARSE, _("a number"), error);
      if (!isfinite (value) || fabs (value) > G_MAXFLOAT)
        return csv_float_error (self, r, col, CS_ERROR_VALUE, _("a finite float32 number"), error);
      out[(gsize) r * stride] = (float) value;
    }

  return TRUE;
}

/* A CSV field, quoted when it holds a comma, a quote or a line break. */
void
cs_csv_append_field (GString    *out,
                     const char *field)
{
  if (strpbrk (field, ",\"\r\n") == NULL)
    {
      g_string_append (out, field);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *c = field; *c; c++)
    {
      if (*c == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '"');
}
