/* cs-json-check.c — checks on JSON text that json-glib does not make
 *
 * json-glib 1.6 parses recursively, so text nesting a few hundred thousand levels deep
 * overflows the stack. It also reads a second value after the first, dropping (and leaking)
 * the first; accepts comments, single-quoted strings and \u escapes of fewer than four digits,
 * after which a depth count that only knows JSON would lose track of what is a string; and leaks
 * on a broken UTF-16 surrogate pair. Readers of files a user may hand us check the text with
 * cs_json_check_text() before they parse it.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include "cs-error.h"
#include "cs-file.h"
#include "cs-json-check.h"

static gboolean
is_json_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The value of the four hex digits at text[i], or -1 if they are not all there. */
static int
read_hex4 (const char *text,
           gsize       len,
           gsize       i)
{
  int value = 0;

  if (i > len || len - i < 4)
    return -1;
  for (gsize k = i; k < i + 4; k++)
    {
      int digit = g_ascii_xdigit_value (text[k]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* Moves *i from the backslash of an escape in a string to its last character, or returns what
 * is wrong with it. json-glib 1.6 reads a \u escape's digits up to the first that is not hex and
 * swallows that character too, a closing quote included; it leaks its string on a broken UTF-16
 * surrogate pair and decodes a lone half into bytes that are not UTF-8. So a \u escape must
 * have four hex digits, and a surrogate must be the high half of a pair with the low half next:
 * then json-glib reads the text as this does. */
static const char *
skip_escape (const char *text,
             gsize       len,
             gsize      *i)
{
  gsize at = *i;
  int high, low;

  if (at + 1 >= len || text[at + 1] != 'u')
    {
      *i = at + 1;
      return NULL;
    }
  if ((high = read_hex4 (text, len, at + 2)) < 0)
    return _("expected four hex digits after \\u");
  if (high < 0xD800 || high > 0xDFFF)
    {
      *i = at + 5;
      return NULL;
    }
  low = at + 7 < len && text[at + 6] == '\\' && text[at + 7] == 'u' ? read_hex4 (text, len, at + 8) : -1;
  if (high > 0xDBFF || low < 0xDC00 || low > 0xDFFF)
    return _("expected a UTF-16 surrogate pair, found half of one");
  *i = at + 11;
  return NULL;
}

static gboolean
json_text_error (GError     **error,
                 int          code,
                 const char  *filename,
                 const char  *what,
                 const char  *problem,
                 gsize        offset)
{
  g_set_error (error, CS_ERROR, code, _("%s: %s: %s at byte %zu"),
               filename, what, problem, offset + 1);
  return FALSE;
}

/*
 * cs_json_check_text:
 * @text: (array length=len): the text to parse next
 * @max_depth: how many levels of objects and arrays to allow
 * @filename: the file, for messages
 * @what: what the text is, for messages ("header", "JSON")
 *
 * Checks, without parsing, that @text holds one JSON value nesting at most @max_depth levels,
 * with no comments or single-quoted strings, and with \u escapes of four hex digits that do not
 * split a UTF-16 surrogate pair. What is not JSON otherwise is left for the parser to report.
 *
 * Returns: %TRUE if @text may be parsed, %FALSE with a CS_ERROR_PARSE or _LIMIT error
 */
gboolean
cs_json_check_text (const char  *text,
                    gsize        len,
                    int          max_depth,
                    const char  *filename,
                    const char  *what,
                    GError     **error)
{
  gboolean in_string = FALSE, started = FALSE, ended = FALSE;
  const char *problem;
  int depth = 0;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);

  for (gsize i = cs_file_skip_bom (text, len); i < len; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '"')
            {
              in_string = FALSE;
              ended = depth == 0;
            }
          else if (c == '\\' && (problem = skip_escape (text, len, &i)) != NULL)
            return json_text_error (error, CS_ERROR_PARSE, filename, what, problem, i);
          continue;
        }
      if (is_json_space (c))
        {
          /* A space ends a number or a literal at the top level. */
          ended = ended || (started && depth == 0);
          continue;
        }
      if (c == '/' || c == '\'')
        return json_text_error (error, CS_ERROR_PARSE, filename, what,
                                _("expected JSON, found a comment or a single-quoted string"), i);
      if (ended || (depth == 0 && started && (c == '"' || c == '{' || c == '[')))
        return json_text_error (error, CS_ERROR_PARSE, filename, what,
                                _("expected one JSON value, found a second"), i);
      started = TRUE;
      if (c == '"')
        in_string = TRUE;
      else if ((c == '{' || c == '[') && ++depth > max_depth)
        {
          g_set_error (error, CS_ERROR, CS_ERROR_LIMIT, _("%s: %s nests deeper than %d levels"),
                       filename, what, max_depth);
          return FALSE;
        }
      else if ((c == '}' || c == ']') && depth > 0)
        ended = --depth == 0;
    }

  return TRUE;
}
