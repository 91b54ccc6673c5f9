/* cs-file.c — atomic file writes and whole-file reads with errors that name the path
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cs-error.h"
#include "cs-file.h"

/* Long target names are cut in the temporary's name so that the prefix and suffix we add cannot
 * push it past the file system's limit on a name's length. */
#define TMP_NAME_MAX_BASE 64

static gboolean
set_io_error (GError     **error,
              const char  *path,
              const char  *verb,
              int          errsv)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, CS_ERROR, CS_ERROR_IO, "%s: cannot %s: %s",
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
    return set_io_error (error, path, "write", errno);

  errsv = write_temporary (fd, path, data, len);
  if (errsv == 0 && g_rename (tmp_path, path) != 0)
    errsv = errno;
  if (errsv != 0)
    {
      g_unlink (tmp_path);
      return set_io_error (error, path, "write", errsv);
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
    return set_io_error (error, path, "create folder", errno);

  return TRUE;
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
        return set_io_error (error, path, "read", errno);
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
    return set_io_error (error, path, "read", errno);
  if (S_ISDIR (st.st_mode))
    return set_io_error (error, path, "read", EISDIR);
  if (!S_ISREG (st.st_mode))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, CS_ERROR, CS_ERROR_IO, "%s: cannot read: not a regular file", display);
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
 * memory is an error rather than an abort.
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

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return set_io_error (error, path, "read", errno);

  ok = check_regular (fd, path, &size, error);
  if (ok && (size == G_MAXSIZE || (buf = g_try_malloc (size + 1)) == NULL))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, CS_ERROR, CS_ERROR_LIMIT,
                   "%s: cannot read: %" G_GSIZE_FORMAT " bytes do not fit in memory",
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
