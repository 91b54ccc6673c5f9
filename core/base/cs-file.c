/* cs-file.c — reading, mapping and atomically writing files, with errors that name the path
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cs-error.h"
#include "cs-file.h"

/* Long target names are cut in the temporary's name so that the prefix and suffix we add cannot
 * push it past the file system's limit on a name's length. */
#define TMP_NAME_MAX_BASE 64

/**
 * cs_file_set_error:
 * @error: return location for a CS_ERROR_IO error
 * @path: the file or folder
 * @verb: what could not be done: "read", "write", "create folder"
 * @errsv: the errno of the failure
 *
 * Sets the one wording every file error of the core has: "path: cannot verb: reason".
 *
 * Returns: %FALSE, so that a caller can `return cs_file_set_error (…)`
 */
gboolean
cs_file_set_error (GError     **error,
                   const char  *path,
                   const char  *verb,
                   int          errsv)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, CS_ERROR, CS_ERROR_IO, _("%s: cannot %s: %s"),
               display, verb, g_strerror (errsv));
  return FALSE;
}

/* Returns 0 or the errno of the failed write; retries short writes and interruptions. */
static int
write_all (int           fd,
           const guint8 *data,
           gsize         len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, MIN (len, (gsize) G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return errno;
      if (n == 0)
        return ENOSPC;
      data += n;
      len -= (gsize) n;
    }

  return 0;
}

/* Makes the rename itself durable. Errors are ignored: some file systems refuse fsync on a
 * folder, and the file's content is already safe from torn writes at this point. */
static void
sync_dir (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    return;
  (void) fsync (fd);
  close (fd);
}

/* A replaced file keeps its permissions, so that a checkpoint a user made private stays so. */
static void
copy_mode (int         fd,
           const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode))
    (void) fchmod (fd, st.st_mode & 07777);
}

/* Writes into a fresh temporary beside `path`; returns 0 or the errno of the step that failed. */
static int
write_temporary (int         fd,
                 const char *path,
                 const void *data,
                 gsize       len)
{
  int errsv;

  copy_mode (fd, path);
  errsv = write_all (fd, data, len);
  if (errsv == 0 && fsync (fd) != 0)
    errsv = errno;
  if (close (fd) != 0 && errsv == 0)
    errsv = errno;

  return errsv;
}

/**
 * cs_file_write_atomic:
 * @path: the file to create or replace
 * @data: (array length=len): the new content
 * @len: the length of @data in bytes
 * @error: return location for a CS_ERROR_IO error
 *
 * Writes @data to a temporary file in the folder of @path, syncs it and renames it over @path,
 * so that a reader sees either the old content or the new one, even across a crash. On failure
 * the temporary is removed and an existing file at @path is left untouched.
 *
 * Returns: %TRUE on success
 */
gboolean
cs_file_write_atomic (const char  *path,
                      const void  *data,
                      gsize        len,
                      GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_name = NULL;
  g_autofree char *tmp_path = NULL;
  int fd;
  int errsv;

  g_return_val_if_fail (path != NULL && *path != '\0', FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp_name = g_strdup_printf (".%.*s.XXXXXX", TMP_NAME_MAX_BASE, base);
  tmp_path = g_build_filename (dir, tmp_name, NULL);

  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    return cs_file_set_error (error, path, _("write"), errno);

  errsv = write_temporary (fd, path, data, len);
  if (errsv == 0 && g_rename (tmp_path, path) != 0)
    errsv = errno;
  if (errsv != 0)
    {
      g_unlink (tmp_path);
      return cs_file_set_error (error, path, _("write"), errsv);
    }

  sync_dir (dir);
  return TRUE;
}

/**
 * cs_file_ensure_dir:
 * @path: a folder
 * @error: return location for a CS_ERROR_IO error
 *
 * Creates @path and any missing parents, like g_mkdir_with_parents(), but reports failure as a
 * GError naming the folder.
 *
 * Returns: %TRUE if @path is a folder afterwards
 */
gboolean
cs_file_ensure_dir (const char  *path,
                    GError     **error)
{
  g_return_val_if_fail (path != NULL && *path != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_mkdir_with_parents (path, 0777) != 0)
    return cs_file_set_error (error, path, _("create folder"), errno);

  return TRUE;
}

/**
 * cs_file_rename:
 * @from: a file or folder
 * @to: its new name, in the same file system; an empty folder or a file there is replaced
 * @error: return location for a CS_ERROR_IO error naming @from
 *
 * Renames @from to @to at once, as rename(2) does, and syncs the folder of @to so that the new
 * name survives a crash.
 *
 * Returns: %TRUE on success
 */
gboolean
cs_file_rename (const char  *from,
                const char  *to,
                GError     **error)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (from != NULL && to != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_rename (from, to) != 0)
    return cs_file_set_error (error, from, _("rename"), errno);
  dir = g_path_get_dirname (to);
  sync_dir (dir);
  return TRUE;
}

/**
 * cs_file_remove_tree:
 * @path: a file, or a folder to remove with everything in it; symbolic links are removed, not
 *   followed
 * @error: return location for a CS_ERROR_IO error naming what could not be removed
 *
 * Returns: %TRUE when nothing is left at @path (also when nothing was there)
 */
gboolean
cs_file_remove_tree (const char  *path,
                     GError     **error)
{
  struct dirent *entry;
  gboolean ok = TRUE;
  GStatBuf st;
  DIR *dir;

  g_return_val_if_fail (path != NULL && *path != '\0', FALSE);

  if (g_lstat (path, &st) != 0)
    return errno == ENOENT || cs_file_set_error (error, path, _("remove"), errno);
  if (!S_ISDIR (st.st_mode))
    return g_unlink (path) == 0 || cs_file_set_error (error, path, _("remove"), errno);
  /* opendir() rather than g_dir_open(), whose error has lost the errno that the wording of
   * cs_file_set_error() needs. */
  if (!(dir = opendir (path)))
    return cs_file_set_error (error, path, _("remove"), errno);
  while (ok && (entry = readdir (dir)) != NULL)
    if (strcmp (entry->d_name, ".") != 0 && strcmp (entry->d_name, "..") != 0)
      {
        g_autofree char *child = g_build_filename (path, entry->d_name, NULL);

        ok = cs_file_remove_tree (child, error);
      }
  closedir (dir);
  return ok && (g_rmdir (path) == 0 || cs_file_set_error (error, path, _("remove"), errno));
}

static gboolean
read_fd (int          fd,
         const char  *path,
         guint8      *buf,
         gsize        capacity,
         gsize       *len,
         GError     **error)
{
  gsize done = 0;

  while (done < capacity)
    {
      gssize n = read (fd, buf + done, MIN (capacity - done, (gsize) G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return cs_file_set_error (error, path, _("read"), errno);
      if (n == 0)
        break;
      done += (gsize) n;
    }

  *len = done;
  return TRUE;
}

static gboolean
check_regular (int          fd,
               const char  *path,
               gsize       *size,
               GError     **error)
{
  struct stat st;

  if (fstat (fd, &st) != 0)
    return cs_file_set_error (error, path, _("read"), errno);
  if (S_ISDIR (st.st_mode))
    return cs_file_set_error (error, path, _("read"), EISDIR);
  if (!S_ISREG (st.st_mode))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, CS_ERROR, CS_ERROR_IO, _("%s: cannot read: not a regular file"), display);
      return FALSE;
    }

  *size = (gsize) st.st_size;
  return TRUE;
}

/**
 * cs_file_read:
 * @path: a regular file
 * @contents: (out) (transfer full): the file's bytes, followed by a NUL that @len does not count
 * @len: (out): the number of bytes read
 * @error: return location for a CS_ERROR_IO or CS_ERROR_LIMIT error
 *
 * Reads a whole file into memory. Unlike g_file_get_contents(), the error names the path in the
 * same form as the rest of the core ("path: cannot read: reason"), and a file too large for
 * memory is an error rather than an abort. The file is opened without blocking, so that a named
 * pipe given by mistake is refused as "not a regular file" instead of waiting for a writer.
 *
 * Returns: %TRUE on success
 */
gboolean
cs_file_read (const char  *path,
              guint8     **contents,
              gsize       *len,
              GError     **error)
{
  g_autofree guint8 *buf = NULL;
  gsize size = 0;
  gboolean ok;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL && len != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
  if (fd < 0)
    return cs_file_set_error (error, path, _("read"), errno);

  ok = check_regular (fd, path, &size, error);
  if (ok && (size == G_MAXSIZE || (buf = g_try_malloc (size + 1)) == NULL))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, CS_ERROR, CS_ERROR_LIMIT,
                   _("%s: cannot read: %zu bytes do not fit in memory"),
                   display, size);
      ok = FALSE;
    }
  if (ok)
    ok = read_fd (fd, path, buf, size, len, error);
  close (fd);
  if (!ok)
    return FALSE;

  buf[*len] = '\0';
  *contents = g_steal_pointer (&buf);
  return TRUE;
}

/*
 * cs_file_map:
 * @path: the file to map
 * @error: set to a CS_ERROR_IO naming @path on failure
 *
 * Maps @path read-only. We open the file ourselves rather than call
 * g_mapped_file_new() so that the message is worded as every other file error
 * ("path: cannot read: reason"); an empty file maps to a GMappedFile whose
 * contents are NULL with length 0.
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

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
  if (fd < 0)
    {
      cs_file_set_error (error, path, _("read"), errno);
      return NULL;
    }

  if (fstat (fd, &st) == 0 && S_ISDIR (st.st_mode))
    {
      cs_file_set_error (error, path, _("read"), EISDIR);
      close (fd);
      return NULL;
    }

  mapped = g_mapped_file_new_from_fd (fd, FALSE, &local_error);
  close (fd);
  if (mapped == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, CS_ERROR, CS_ERROR_IO, _("%s: cannot read: %s"), display,
                   local_error->message);
    }

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
                 _("%s:%d: expected text, found a NUL byte (is this a binary file?)"),
                 filename, cs_file_line_at (data, offset));
  else
    g_set_error (error, CS_ERROR, CS_ERROR_PARSE,
                 _("%s:%d: expected UTF-8 text, found the byte 0x%02X; save the file as UTF-8"),
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

int
cs_file_find_extension (const char         *path,
                        const char * const *extensions)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL && extensions != NULL, -1);

  lower = g_ascii_strdown (path, -1);
  for (int i = 0; extensions[i] != NULL; i++)
    if (g_str_has_suffix (lower, extensions[i]))
      return i;
  return -1;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

GPtrArray *
cs_file_list_folder (const char         *folder,
                     const char * const *extensions,
                     GError            **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (folder != NULL, NULL);

  if (!(dir = g_dir_open (folder, 0, NULL)))
    {
      cs_file_set_error (error, folder, _("read folder"), errno);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (name[0] == '.')
        continue;
      if (extensions == NULL ? g_file_test (path, G_FILE_TEST_IS_DIR)
                             : cs_file_find_extension (name, extensions) >= 0 &&
                               g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);
  return g_steal_pointer (&names);
}
