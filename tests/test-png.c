/* test-png.c — the PNG encoder: what it encodes decodes to the same pixels
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE  /* memmem */
#include <string.h>

#include "cs-file.h"
#include "cs-png.h"
#include "cs-png-reader.h"
#include "test-tmpdir.h"

/* A padded stride checks that rows are read from the stride, not from width × 3. */
static void
test_png_round_trip (TestTmpdir    *f,
                     gconstpointer  data)
{
  const int width = 13, height = 7, stride = 13 * 3 + 5;
  g_autofree guint8 *pixels = g_new0 (guint8, stride * height);
  g_autofree char *path = g_build_filename (f->dir, "round.png", NULL);
  g_autofree guint8 *back = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;
  int w = 0, h = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width * 3; x++)
      pixels[y * stride + x] = (guint8) (y * 37 + x * 11);

  png = cs_png_encode_rgb (width, height, stride, pixels, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cs_file_write_atomic (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png),
                                       &error));
  back = cs_test_png_read (path, &w, &h);
  g_assert_cmpint (w, ==, width);
  g_assert_cmpint (h, ==, height);
  for (int y = 0; y < height; y++)
    g_assert_cmpmem (back + y * width * 3, width * 3, pixels + y * stride, width * 3);
}

/* Latin-1 values go into tEXt, anything else into iTXt; both read back as the UTF-8 given. */
static void
test_png_text (TestTmpdir    *f,
               gconstpointer  data)
{
  const guint8 pixels[2 * 3] = { 0, 128, 255, 255, 128, 0 };
  const char * const text[] = { "Title", "Confusion of café", "Run", "Dawid–Skene, seed 3", NULL };
  g_autofree char *path = g_build_filename (f->dir, "text.png", NULL);
  g_autoptr(GHashTable) back = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;
  const char *bytes;
  gsize len;

  png = cs_png_encode_rgb (2, 1, 6, pixels, text, &error);
  g_assert_no_error (error);
  bytes = g_bytes_get_data (png, &len);
  g_assert_nonnull (memmem (bytes, len, "tEXtTitle", 9));
  g_assert_nonnull (memmem (bytes, len, "iTXtRun", 7));
  g_assert_true (cs_file_write_atomic (path, bytes, len, &error));
  back = cs_test_png_read_text (path);
  g_assert_cmpuint (g_hash_table_size (back), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (back, "Title"), ==, "Confusion of café");
  g_assert_cmpstr (g_hash_table_lookup (back, "Run"), ==, "Dawid–Skene, seed 3");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  test_tmpdir_add ("/png/round-trip", test_png_round_trip);
  test_tmpdir_add ("/png/text", test_png_text);
  return g_test_run ();
}
