/* test-figure-task.c — the window's exports, saved off the main thread and read back
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "cs-figure-task.h"
#include "cs-png-reader.h"
#include "test-util.h"

static gboolean
save_and_wait (const CsHeatmapFigure *figure,
               const CsImageInfo     *info,
               const char            *path,
               gboolean               csv,
               GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;

  cs_figure_save_async (figure, info, path, csv, NULL, cs_test_keep_result, &pending);
  result = cs_test_wait_result (&pending, "the figure to be saved");
  return cs_figure_save_finish (result, error);
}

/* The figure is the task's own copy: the caller's matrices change right after the call. */
static void
test_png_and_csv (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  float matrices[2 * 2 * 2] = { 0.9f, 0.1f, 0.2f, 0.8f, 0.5f, 0.5f, 0.5f, 0.5f };
  char *classes[] = { "cat", "dog", NULL };
  char *names[] = { "w1", "w2", NULL };
  CsHeatmapFigure figure = { CS_FIGURE_GRID, 2, 2, matrices, classes, names,
                             CS_COLORMAP_SEQUENTIAL, "Effective confusion", NULL };
  CsImageInfo info = { "Pets", "CoNAL, seed 1, epoch 3 of 3", "the grid of effective confusions" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) text = NULL;
  g_autofree guint8 *pixels = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;
  int width, height;

  cs_figure_save_async (&figure, &info, cs_test_dir_path (tmp, "grid.png"), FALSE, NULL,
                        cs_test_keep_result, &pending);
  memset (matrices, 0, sizeof matrices);
  names[0] = "changed";
  result = cs_test_wait_result (&pending, "the grid to be saved");
  g_assert_true (cs_figure_save_finish (result, &error));
  g_assert_no_error (error);
  pixels = cs_test_png_read (cs_test_dir_path (tmp, "grid.png"), &width, &height);
  g_assert_cmpint (width, >, 100);
  g_assert_cmpint (height, >, 50);
  text = cs_test_png_read_text (cs_test_dir_path (tmp, "grid.png"));
  g_assert_cmpstr (g_hash_table_lookup (text, "Dataset"), ==, "Pets");
  g_assert_cmpstr (g_hash_table_lookup (text, "Run"), ==, info.run);
  g_assert_cmpstr (g_hash_table_lookup (text, "Matrix"), ==, info.matrix);

  matrices[0] = 0.25f;
  g_assert_true (save_and_wait (&figure, &info, cs_test_dir_path (tmp, "grid.csv"), TRUE, &error));
  g_assert_true (g_file_get_contents (cs_test_dir_path (tmp, "grid.csv"), &csv, NULL, &error));
  cs_test_assert_contains (csv, "changed,cat,cat,0.25");
  cs_test_assert_contains (csv, "w2,dog,dog,0");
}

/* A name the format cannot be told from, and a folder that is not there, fail with the path. */
static void
test_errors (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  float matrix[4] = { 1, 0, 0, 1 };
  char *classes[] = { "cat", "dog", NULL };
  CsHeatmapFigure figure = { CS_FIGURE_SINGLE, 1, 2, matrix, classes, NULL,
                             CS_COLORMAP_SEQUENTIAL, "Common confusion", NULL };
  g_autoptr(GError) error = NULL;
  const char *missing = cs_test_dir_path (tmp, "no/such/folder/common.svg");

  g_assert_false (save_and_wait (&figure, NULL, cs_test_dir_path (tmp, "common.bmp"), FALSE, &error));
  cs_test_assert_contains (error->message, "common.bmp");
  cs_test_assert_contains (error->message, ".png, .svg or .pdf");
  g_clear_error (&error);
  g_assert_false (save_and_wait (&figure, NULL, missing, FALSE, &error));
  cs_test_assert_contains (error->message, missing);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/figure-task/png-and-csv", test_png_and_csv);
  g_test_add_func ("/figure-task/errors", test_errors);
  return g_test_run ();
}
