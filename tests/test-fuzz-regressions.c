/* test-fuzz-regressions.c — replays the fuzzers' seed corpora and saved crashes
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs every file in fuzz/corpus/<target>/ and fuzz/regressions/<target>/ through the same
 * cs_fuzz_<target>() the libFuzzer programs call, so the normal test suite (and its ASan build)
 * keeps each bug the fuzzers found fixed, without clang. A target aborts on a broken contract,
 * which fails the test.
 */

#include <string.h>

#include "cs-fuzz-targets.h"

/* Feeds one file to the target from a heap copy of exactly its size, without the NUL that
 * g_file_get_contents() adds, so that AddressSanitizer sees a read past the end. */
static void
replay_file (const CsFuzzTarget *target,
             const char         *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree guint8 *copy = NULL;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  copy = g_memdup2 (contents, len);
  g_test_message ("%s: %s (%" G_GSIZE_FORMAT " bytes)", target->name, path, len);
  target->func (copy, len);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Replays the files of one folder in name order; returns how many there were. */
static guint
replay_dir (const CsFuzzTarget *target,
            const char         *kind)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "..", "fuzz", kind,
                                                     target->name, NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    replay_file (target, g_ptr_array_index (names, i));
  return names->len;
}

static void
test_replay (gconstpointer data)
{
  const CsFuzzTarget *target = data;
  guint n_seeds = replay_dir (target, "corpus");

  replay_dir (target, "regressions");
  /* Every target has seeds; a missing folder would silently test nothing. */
  g_assert_cmpuint (n_seeds, >, 0);
}

int
main (int    argc,
      char **argv)
{
  const CsFuzzTarget *targets;
  guint n;

  g_test_init (&argc, &argv, NULL);
  cs_fuzz_init ();

  targets = cs_fuzz_get_targets (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("/fuzz-regressions/%s", targets[i].name);

      g_test_add_data_func (path, &targets[i], test_replay);
    }
  return g_test_run ();
}
