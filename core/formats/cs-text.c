/* cs-text.c — plain text lists, number tokens and the dense answer matrix
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include "cs-text.h"

#include <string.h>

#include "cs-error.h"
#include "cs-file.h"

/* How much of a bad token to quote in a message. */
#define EXCERPT_BYTES 40

/* Whitespace that separates tokens on a line; '\r' is here so that CRLF files
 * need no special case. */
static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Finds the end of the line that starts at @pos: the offset of its '\n', or @len. */
static gsize
line_end (const char *data,
          gsize       pos,
          gsize       len)
{
  const char *nl = memchr (data + pos, '\n', len - pos);

  return nl != NULL ? (gsize) (nl - data) : len;
}

/*
 * cs_text_trim:
 * @start: (inout): where the span of @text starts
 * @end: (inout): where it ends, exclusive
 *
 * Narrows [@start, @end) to leave out the ASCII whitespace around it.
 */
void
cs_text_trim (const char *text,
              gsize      *start,
              gsize      *end)
{
  g_return_if_fail (text != NULL && start != NULL && end != NULL);

  while (*start < *end && g_ascii_isspace (text[*start]))
    (*start)++;
  while (*end > *start && g_ascii_isspace (text[*end - 1]))
    (*end)--;
}

/* Parses an optional sign and decimal digits filling all of [p, p + n). */
static gboolean
parse_int_span (const char *p,
                gsize       n,
                int64_t    *out)
{
  gboolean negative = FALSE;
  guint64 limit, value = 0;
  gsize i = 0;

  if (n > 0 && (p[0] == '-' || p[0] == '+'))
    {
      negative = p[0] == '-';
      i++;
    }
  if (i == n)
    return FALSE;

  limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;
  for (; i < n; i++)
    {
      guint64 digit;

      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      digit = (guint64) (p[i] - '0');
      if (value > (limit - digit) / 10)
        return FALSE;
      value = value * 10 + digit;
    }

  /* -2^63 has no positive counterpart, so negate in unsigned arithmetic. */
  *out = negative ? (int64_t) (0 - value) : (int64_t) value;
  return TRUE;
}

/*
 * cs_parse_int:
 * @text: a NUL-terminated string
 *
 * Parses @text as a decimal integer that fits in int64; surrounding spaces
 * are allowed, anything else (a fraction, an exponent, trailing text) is not.
 *
 * Returns: whether @text was an integer; @out is only set when it was
 */
gboolean
cs_parse_int (const char *text,
              int64_t    *out)
{
  gsize start = 0, end;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  end = strlen (text);
  cs_text_trim (text, &start, &end);
  return parse_int_span (text + start, end - start, out);
}

/*
 * cs_parse_float:
 * @text: a NUL-terminated string
 *
 * Parses @text as a number whatever the locale; surrounding spaces are
 * allowed, trailing text is not. NaN and ±Inf are accepted (as is a value too
 * large for a double, which gives ±Inf): the caller decides about them.
 *
 * Returns: whether @text was a number; @out is only set when it was
 */
gboolean
cs_parse_float (const char *text,
                double     *out)
{
  const char *p = text;
  char *end = NULL;
  double value;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  while (g_ascii_isspace (*p))
    p++;
  if (*p == '\0')
    return FALSE;

  value = g_ascii_strtod (p, &end);
  if (end == p)
    return FALSE;
  while (g_ascii_isspace (*end))
    end++;
  if (*end != '\0')
    return FALSE;

  *out = value;
  return TRUE;
}

static gboolean
lines_add (GPtrArray   *lines,
           const char  *text,
           gsize        n,
           const char  *filename,
           int          line,
           int          empty_line,
           GError     **error)
{
  if (empty_line != 0)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_PARSE,
                   _("%s:%d: expected an entry, found an empty line"), filename, empty_line);
      return FALSE;
    }
  if (lines->len >= G_MAXINT)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_LIMIT, _("%s:%d: too many lines"), filename, line);
      return FALSE;
    }

  g_ptr_array_add (lines, g_strndup (text, n));
  return TRUE;
}

/*
 * cs_text_parse_lines:
 * @n: (out): the number of entries
 *
 * Reads a list with one entry a line, such as classes.txt. Each line is
 * trimmed of surrounding whitespace (so a CR is dropped); empty lines at the
 * end are ignored, one in the middle is an error, and so is a file with no
 * entry at all. The text must be UTF-8, without NUL bytes.
 *
 * Returns: (transfer full): a NULL-terminated array of @n entries, or NULL
 *   with @error set
 */
char **
cs_text_parse_lines (const char  *data,
                     gsize        len,
                     const char  *filename,
                     int         *n,
                     GError     **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  gsize pos;
  int line = 1, empty_line = 0;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (n != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    data = "";
  if (filename == NULL)
    filename = CS_FILE_NO_NAME;

  pos = cs_file_skip_bom (data, len);
  if (!cs_file_check_utf8 (data + pos, len - pos, filename, error))
    return NULL;

  for (; pos < len; line++)
    {
      gsize end = line_end (data, pos, len);
      gsize start = pos;
      gsize stop = end;

      pos = end < len ? end + 1 : len;
      cs_text_trim (data, &start, &stop);
      if (start == stop)
        empty_line = empty_line != 0 ? empty_line : line;
      else if (!lines_add (lines, data + start, stop - start, filename, line, empty_line, error))
        return NULL;
    }

  if (lines->len == 0)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_PARSE,
                   _("%s: the file is empty, expected one entry a line"), filename);
      return NULL;
    }

  *n = (int) lines->len;
  g_ptr_array_add (lines, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&lines), FALSE);
}

char **
cs_text_load_lines (const char  *path,
                    int         *n,
                    GError     **error)
{
  g_autoptr(GMappedFile) mapped = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  mapped = cs_file_map (path, error);
  if (mapped == NULL)
    return NULL;

  return cs_text_parse_lines (g_mapped_file_get_contents (mapped),
                              g_mapped_file_get_length (mapped), path, n, error);
}

/* Whether [p, p + n) is an optional sign and one or more digits. */
static gboolean
is_int_syntax (const char *p,
               gsize       n)
{
  gsize i = n > 0 && (p[0] == '-' || p[0] == '+') ? 1 : 0;

  if (i == n)
    return FALSE;
  for (; i < n; i++)
    if (!g_ascii_isdigit (p[i]))
      return FALSE;

  return TRUE;
}

/* Parses one answer token: a class index, or -1 for "no label". */
static gboolean
answers_parse_token (const char  *p,
                     gsize        n,
                     const char  *filename,
                     int          line,
                     int          column,
                     int32_t     *out,
                     GError     **error)
{
  g_autofree char *found = NULL;
  int64_t value;

  if (parse_int_span (p, n, &value) && value >= -1 && value <= G_MAXINT32)
    {
      *out = (int32_t) value;
      return TRUE;
    }

  /* Digits that overflow int64 are still an integer, just out of range. */
  found = cs_file_excerpt (p, n, EXCERPT_BYTES);
  if (!is_int_syntax (p, n))
    g_set_error (error, CS_ERROR, CS_ERROR_PARSE,
                 _("%s:%d: column %d: expected an integer, found '%s'"),
                 filename, line, column, found);
  else
    g_set_error (error, CS_ERROR, CS_ERROR_VALUE,
                 _("%s:%d: column %d: expected a class index (0 or more) or -1, found %s"),
                 filename, line, column, found);
  return FALSE;
}

/* Parses the tokens of one line onto @values; sets @found to their count. */
static gboolean
answers_parse_line (const char  *data,
                    gsize        start,
                    gsize        end,
                    const char  *filename,
                    int          line,
                    GArray      *values,
                    int         *found,
                    GError     **error)
{
  gsize pos = start;
  int column = 0;

  for (;;)
    {
      gsize token;
      int32_t value;

      while (pos < end && is_blank (data[pos]))
        pos++;
      if (pos == end)
        break;

      token = pos;
      while (pos < end && !is_blank (data[pos]))
        pos++;
      if (column == G_MAXINT || values->len >= G_MAXINT32)
        {
          g_set_error (error, CS_ERROR, CS_ERROR_LIMIT, _("%s:%d: too many answers"), filename, line);
          return FALSE;
        }
      column++;
      if (!answers_parse_token (data + token, pos - token, filename, line, column, &value, error))
        return FALSE;
      g_array_append_val (values, value);
    }

  *found = column;
  return TRUE;
}

static gboolean
answers_check_columns (const char  *filename,
                       int          line,
                       int          expected,
                       int          found,
                       GError     **error)
{
  if (found == expected)
    return TRUE;

  g_set_error (error, CS_ERROR, CS_ERROR_PARSE, _("%s:%d: expected %d columns, found %d"),
               filename, line, expected, found);
  return FALSE;
}

/*
 * cs_answers_parse:
 * @rows: (out): the number of items
 * @cols: (out): the number of annotators
 *
 * Reads a dense answer matrix as in Rodrigues' answers.txt: one line per
 * item, whitespace-separated integers, one column per annotator, -1 where an
 * annotator gave no label. Every row must have as many columns as the first;
 * empty lines at the end are ignored.
 *
 * Returns: (transfer full): rows × cols values, row-major, or NULL with
 *   @error set
 */
int32_t *
cs_answers_parse (const char  *data,
                  gsize        len,
                  const char  *filename,
                  int         *rows,
                  int         *cols,
                  GError     **error)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (int32_t));
  int n_rows = 0, n_cols = 0, line = 1, empty_line = 0;
  gsize pos;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (rows != NULL && cols != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    data = "";
  if (filename == NULL)
    filename = CS_FILE_NO_NAME;

  for (pos = cs_file_skip_bom (data, len); pos < len; line++)
    {
      gsize end = line_end (data, pos, len);
      int found = 0;

      if (!answers_parse_line (data, pos, end, filename, line, values, &found, error))
        return NULL;
      pos = end < len ? end + 1 : len;

      /* An empty line only counts as a row if a row follows it. */
      if (found == 0)
        {
          empty_line = empty_line != 0 ? empty_line : line;
          continue;
        }
      if (n_rows == 0)
        n_cols = found;
      if ((empty_line != 0 && !answers_check_columns (filename, empty_line, n_cols, 0, error))
          || !answers_check_columns (filename, line, n_cols, found, error))
        return NULL;
      n_rows++;
    }

  if (n_rows == 0)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_PARSE,
                   _("%s: the file is empty, expected a matrix of answers"), filename);
      return NULL;
    }

  *rows = n_rows;
  *cols = n_cols;
  return (int32_t *) g_array_free (g_steal_pointer (&values), FALSE);
}

int32_t *
cs_answers_load (const char  *path,
                 int         *rows,
                 int         *cols,
                 GError     **error)
{
  g_autoptr(GMappedFile) mapped = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  mapped = cs_file_map (path, error);
  if (mapped == NULL)
    return NULL;

  return cs_answers_parse (g_mapped_file_get_contents (mapped),
                           g_mapped_file_get_length (mapped), path, rows, cols, error);
}
