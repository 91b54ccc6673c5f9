/* test-file.c — atomic writes leave either the old file or the new one, never a mix
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "cs-error.h"
#include "cs-file.h"
#include "test-tmpdir.h"
#include "test-util.h"

static void
assert_contents (const char *path,
                 const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, len, expected, strlen (expected));
}

static void
assert_listing (const char *dir,
                const char *expected)
{
  g_autofree char *names = test_tmpdir_list (dir);

  g_assert_cmpstr (names, ==, expected);
}

static void
test_write_replaces (TestTmpdir    *f,
                     gconstpointer  data)
{
  const char *dir = f->dir;
  g_autofree char *path = g_build_filename (dir, "model.bin", NULL);
  g_autoptr(GError) error = NULL;
  const char *old_text = "old content that is longer than the new one";

  g_assert_true (cs_file_write_atomic (path, old_text, strlen (old_text), &error));
  g_assert_no_error (error);
  assert_contents (path, old_text);

  g_assert_true (cs_file_write_atomic (path, "new", 3, &error));
  g_assert_no_error (error);
  assert_contents (path, "new");
  assert_listing (dir, "model.bin");
}

static void
test_write_empty (TestTmpdir    *f,
                  gconstpointer  data)
{
  const char *dir = f->dir;
  g_autofree char *path = g_build_filename (dir, "empty", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_file_write_atomic (path, "x", 1, &error));
  g_assert_true (cs_file_write_atomic (path, NULL, 0, &error));
  g_assert_no_error (error);
  assert_contents (path, "");
  assert_listing (dir, "empty");
}

static void
test_write_keeps_mode (TestTmpdir    *f,
                       gconstpointer  data)
{
  const char *dir = f->dir;
  g_autofree char *path = g_build_filename (dir, "private", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (cs_file_write_atomic (path, "a", 1, &error));
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  g_assert_true (cs_file_write_atomic (path, "b", 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* Runs as root too: a regular file cannot hold entries whatever the permissions. */
static void
test_write_parent_is_file (TestTmpdir    *f,
                           gconstpointer  data)
{
  const char *dir = f->dir;
  g_autofree char *parent = g_build_filename (dir, "regular", NULL);
  g_autofree char *path = g_build_filename (parent, "model.safetensors", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (parent, "keep", -1, NULL));
  g_assert_false (cs_file_write_atomic (path, "data", 4, &error));
  cs_test_assert_io_error (error, path, "write", ENOTDIR);
  assert_contents (parent, "keep");
  assert_listing (dir, "regular");
}

/* Fails at the last step, the rename, after the temporary has been written: it must go. */
static void
test_write_target_is_dir (TestTmpdir    *f,
                          gconstpointer  data)
{
  const char *dir = f->dir;
  g_autofree char *path = g_build_filename (dir, "out", NULL);
  g_autofree char *inside = g_build_filename (path, "keep", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_assert_true (g_file_set_contents (inside, "keep", -1, NULL));
  g_assert_false (cs_file_write_atomic (path, "data", 4, &error));
  cs_test_assert_io_error (error, path, "write", EISDIR);
  assert_listing (dir, "out");
  assert_contents (inside, "keep");
}

static void
test_write_read_only_dir (TestTmpdir    *f,
                          gconstpointer  data)
{
  const char *dir = f->dir;
  g_autofree char *path = g_build_filename (dir, "model.safetensors", NULL);
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root may write into any folder; test_write_parent_is_file covers this");
      return;
    }

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
  g_assert_false (cs_file_write_atomic (path, "new", 3, &error));
  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
  cs_test_assert_io_error (error, path, "write", EACCES);
  assert_contents (path, "old");
  assert_listing (dir, "model.safetensors");
}

/* A file size limit makes write() fail part way, the way a full disk does, even for root. It is
 * set in a subprocess so that the rest of the tests keep their limits. */
static void
test_write_fails_midway (TestTmpdir    *f,
                         gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *big = NULL;
  g_autoptr(GError) error = NULL;
  struct rlimit limit = { 1024, 1024 };

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  path = g_build_filename (f->dir, "model.safetensors", NULL);
  big = g_malloc0 (8192);
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));

  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  g_assert_false (cs_file_write_atomic (path, big, 8192, &error));
  cs_test_assert_io_error (error, path, "write", EFBIG);
  assert_contents (path, "old");
  assert_listing (f->dir, "model.safetensors");
}

static void
test_ensure_dir (TestTmpdir    *f,
                 gconstpointer  data)
{
  const char *dir = f->dir;
  g_autofree char *nested = g_build_filename (dir, "a", "b", "c", NULL);
  g_autofree char *file = g_build_filename (dir, "file", NULL);
  g_autofree char *under_file = g_build_filename (file, "logs", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_file_ensure_dir (nested, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (nested, G_FILE_TEST_IS_DIR));
  g_assert_true (cs_file_ensure_dir (nested, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_set_contents (file, "", -1, NULL));
  g_assert_false (cs_file_ensure_dir (under_file, &error));
  cs_test_assert_io_error (error, under_file, "create folder", ENOTDIR);
}

static void
test_read (TestTmpdir    *f,
           gconstpointer  data)
{
  const char *dir = f->dir;
  g_autofree char *path = g_build_filename (dir, "data", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  g_autofree guint8 *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  g_assert_true (cs_file_write_atomic (path, "a\0b", 3, &error));
  g_assert_true (cs_file_read (path, &contents, &len, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (contents, len, "a\0b", 3);
  g_assert_cmpint (contents[len], ==, '\0');

  g_assert_false (cs_file_read (missing, &contents, &len, &error));
  cs_test_assert_io_error (error, missing, "read", ENOENT);
  g_clear_error (&error);

  g_assert_false (cs_file_read (dir, &contents, &len, &error));
  cs_test_assert_io_error (error, dir, "read", EISDIR);
}

static void
test_rename (TestTmpdir    *f,
             gconstpointer  data)
{
  g_autofree char *from = g_build_filename (f->dir, "a", NULL);
  g_autofree char *to = g_build_filename (f->dir, "b", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_file_write_atomic (from, "x", 1, &error));
  g_assert_true (cs_file_rename (from, to, &error));
  g_assert_no_error (error);
  assert_listing (f->dir, "b");
  assert_contents (to, "x");

  g_assert_false (cs_file_rename (from, to, &error));
  cs_test_assert_io_error (error, from, "rename", ENOENT);
}

/* A tree with files, an empty folder and a link to a folder outside it: the link goes, what it
 * points to stays. */
static void
test_remove_tree (TestTmpdir    *f,
                  gconstpointer  data)
{
  g_autofree char *tree = g_build_filename (f->dir, "tree", NULL);
  g_autofree char *deep = g_build_filename (tree, "a", "b", NULL);
  g_autofree char *empty = g_build_filename (tree, "empty", NULL);
  g_autofree char *file = g_build_filename (deep, "file", NULL);
  g_autofree char *outside = g_build_filename (f->dir, "outside", NULL);
  g_autofree char *kept = g_build_filename (outside, "kept", NULL);
  g_autofree char *link = g_build_filename (tree, "link", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_file_ensure_dir (deep, &error) && cs_file_ensure_dir (empty, &error) &&
                 cs_file_ensure_dir (outside, &error));
  g_assert_true (cs_file_write_atomic (file, "x", 1, &error));
  g_assert_true (cs_file_write_atomic (kept, "y", 1, &error));
  g_assert_cmpint (symlink (outside, link), ==, 0);

  g_assert_true (cs_file_remove_tree (tree, &error));
  g_assert_no_error (error);
  assert_listing (f->dir, "outside");
  assert_contents (kept, "y");
  /* Nothing there is nothing to do. */
  g_assert_true (cs_file_remove_tree (tree, &error));
  g_assert_no_error (error);
}

/* A folder whose entries cannot be removed: an error naming it, and the rest left. */
static void
test_remove_tree_refused (TestTmpdir    *f,
                          gconstpointer  data)
{
  g_autofree char *locked = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *file = g_build_filename (locked, "file", NULL);
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root ignores folder permissions");
      return;
    }
  g_assert_true (cs_file_ensure_dir (locked, &error));
  g_assert_true (cs_file_write_atomic (file, "x", 1, &error));
  g_assert_cmpint (g_chmod (locked, 0500), ==, 0);
  g_assert_false (cs_file_remove_tree (locked, &error));
  cs_test_assert_io_error (error, file, "remove", EACCES);
  g_assert_cmpint (g_chmod (locked, 0700), ==, 0);
  assert_contents (file, "x");
}

/* In any case, the first that matches; a name that merely contains one matches none. */
static void
test_find_extension (void)
{
  static const char * const extensions[] = { ".csv", ".json", NULL };

  g_assert_cmpint (cs_file_find_extension ("labels.csv", extensions), ==, 0);
  g_assert_cmpint (cs_file_find_extension ("/a/b/Labels.JSON", extensions), ==, 1);
  g_assert_cmpint (cs_file_find_extension ("labels.csv.txt", extensions), ==, -1);
  g_assert_cmpint (cs_file_find_extension ("json", extensions), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  test_tmpdir_add ("/file/write/replaces", test_write_replaces);
  test_tmpdir_add ("/file/write/empty", test_write_empty);
  test_tmpdir_add ("/file/write/keeps-mode", test_write_keeps_mode);
  test_tmpdir_add ("/file/write/parent-is-file", test_write_parent_is_file);
  test_tmpdir_add ("/file/write/target-is-dir", test_write_target_is_dir);
  test_tmpdir_add ("/file/write/read-only-dir", test_write_read_only_dir);
  test_tmpdir_add ("/file/write/fails-midway", test_write_fails_midway);
  test_tmpdir_add ("/file/ensure-dir", test_ensure_dir);
  test_tmpdir_add ("/file/read", test_read);
  test_tmpdir_add ("/file/rename", test_rename);
  test_tmpdir_add ("/file/remove-tree", test_remove_tree);
  test_tmpdir_add ("/file/remove-tree/refused", test_remove_tree_refused);
  g_test_add_func ("/file/find-extension", test_find_extension);
  return g_test_run ();
}
