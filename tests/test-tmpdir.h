/* test-tmpdir.h — scratch folders for tests that write files
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

G_BEGIN_DECLS

/* Creates a fresh folder under the system's temporary folder; remove it with
 * test_tmpdir_remove(). */
static inline char *
test_tmpdir_new (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("crowdscope-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes a folder and everything under it, restoring permissions a test took away. */
static inline void
test_tmpdir_remove (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          test_tmpdir_remove (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

/* A g_test_add () fixture: a fresh folder for each test, removed after it with everything the
 * test left in it. */
typedef struct
{
  char *dir;
} TestTmpdir;

static inline void
test_tmpdir_set_up (TestTmpdir    *fixture,
                    gconstpointer  data)
{
  fixture->dir = test_tmpdir_new ();
}

static inline void
test_tmpdir_tear_down (TestTmpdir    *fixture,
                       gconstpointer  data)
{
  test_tmpdir_remove (fixture->dir);
  g_assert_false (g_file_test (fixture->dir, G_FILE_TEST_EXISTS));
  g_free (fixture->dir);
}

/* Adds a test that takes a TestTmpdir. */
#define test_tmpdir_add(path, func) \
  g_test_add ((path), TestTmpdir, NULL, test_tmpdir_set_up, (func), test_tmpdir_tear_down)

static inline int
test_tmpdir_compare_names (gconstpointer a,
                           gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* Returns the sorted names in a folder, to check that nothing was left behind. */
static inline char *
test_tmpdir_list (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, test_tmpdir_compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

G_END_DECLS
