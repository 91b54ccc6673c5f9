/* cs-file.c — helpers shared by the file readers
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cs-error.h"

/*
 * cs_file_map:
 * @path: the file to map
 * @error: set to a CS_ERROR_IO naming @path on failure
 *
 * Maps @path read-only. We open the file ourselves rather than call
 * g_mapped_file_new() so that the message names the path once and gives the
 * plain system reason; an empty file maps to a GMappedFile whose contents are
 * NULL with length 0.
 *
 * Returns: (transfer full): the mapping, or NULL with @error set
 */
GMappedFile *
cs_file_map (const char  *path,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GMappedFile *mapped;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, CS_ERROR, CS_ERROR_IO, "%s: could not open the file: %s",
                   path, g_strerror (saved_errno));
      return NULL;
    }

  if (fstat (fd, &st) == 0 && S_ISDIR (st.st_mode))
    {
      g_set_error (error, CS_ERROR, CS_ERROR_IO, "%s: is a folder, expected a file", path);
      close (fd);
      return NULL;
    }

  mapped = g_mapped_file_new_from_fd (fd, FALSE, &local_error);
  close (fd);
  if (mapped == NULL)
    g_set_error (error, CS_ERROR, CS_ERROR_IO, "%s: could not read the file: %s",
                 path, local_error->message);

  return mapped;
}

/*
 * cs_file_skip_bom:
 *
 * Returns: 3 when @data starts with a UTF-8 byte order mark, else 0
 */
gsize
cs_file_skip_bom (const char *data,
                  gsize       len)
{
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    return 3;
  return 0;
}

/*
 * cs_file_line_at:
 *
 * Returns: the 1-based line number of byte @offset of @data
 */
int
cs_file_line_at (const char *data,
                 gsize       offset)
{
  int line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n' && line < G_MAXINT)
      line++;

  return line;
}

/*
 * cs_file_ascii_prefix:
 *
 * Most data files are plain ASCII, which can be checked several times faster
 * than g_utf8_validate_len() does: the loop over each block has no branch, so
 * the compiler vectorises it.
 *
 * Returns: the length of a prefix of @data, a whole number of blocks, that
 *   has neither NUL nor non-ASCII bytes
 */
static gsize
cs_file_ascii_prefix (const char *data,
                      gsize       len)
{
  enum { BLOCK = 256 };
  gsize start = 0;

  for (; len - start >= BLOCK; start += BLOCK)
    {
      const guint8 *b = (const guint8 *) data + start;
      guint8 special = 0;

      /* c - 1 wraps NUL to 0xFF, so one compare finds both NUL and bytes >= 0x80. */
      for (int i = 0; i < BLOCK; i++)
        special |= (guint8) (b[i] - 1) >= 0x7F;
      if (special)
        break;
    }

  return start;
}

/*
 * cs_file_check_utf8:
 *
 * Text files end up in labels and tooltips, where invalid UTF-8 is a
 * programming error, so the readers refuse it up front with the line of the
 * first bad byte. A NUL byte is refused too: a NUL-terminated cell could not
 * hold it, and it usually means a binary file was given by mistake.
 */
gboolean
cs_file_check_utf8 (const char  *data,
                    gsize        len,
                    const char  *filename,
                    GError     **error)
{
  const char *end = NULL;
  gsize offset;
  gsize start = cs_file_ascii_prefix (data, len);

  if (start == len || g_utf8_validate_len (data + start, len - start, &end))
    return TRUE;

  offset = (gsize) (end - data);
  if (data[offset] == '\0')
    g_set_error (error, CS_ERROR, CS_ERROR_PARSE,
                 "%s:%d: expected text, found a NUL byte (is this a binary file?)",
                 filename, cs_file_line_at (data, offset));
  else
    g_set_error (error, CS_ERROR, CS_ERROR_PARSE,
                 "%s:%d: expected UTF-8 text, found the byte 0x%02X; save the file as UTF-8",
                 filename, cs_file_line_at (data, offset), (guint8) data[offset]);
  return FALSE;
}

/*
 * cs_file_excerpt:
 * @data: bytes from a file, not necessarily text
 * @len: how many bytes of @data there are
 * @max_bytes: how many of them to show at most
 *
 * Makes a short printable rendering of @data for an error message: printable
 * text as it is, other bytes as \xNN, and "…" when @data was cut.
 *
 * Returns: (transfer full): the excerpt
 */
char *
cs_file_excerpt (const char *data,
                 gsize       len,
                 gsize       max_bytes)
{
  GString *out = g_string_new (NULL);
  gsize n = MIN (len, max_bytes);

  for (gsize i = 0; i < n; i++)
    {
      guint8 c = (guint8) data[i];
      gunichar u;

      if (c >= 0x20 && c < 0x7F)
        {
          g_string_append_c (out, (char) c);
          continue;
        }

      /* Keep readable non-ASCII text (a name with an accent) as it is. */
      u = c < 0x80 ? (gunichar) -1 : g_utf8_get_char_validated (data + i, (gssize) (n - i));
      if (u < 0xFFFE && g_unichar_isprint (u))
        {
          gsize width = (gsize) g_unichar_to_utf8 (u, NULL);

          g_string_append_len (out, data + i, (gssize) width);
          i += width - 1;
        }
      else
        g_string_append_printf (out, "\\x%02X", c);
    }
  if (len > max_bytes)
    g_string_append (out, "…");

  return g_string_free (out, FALSE);
}
