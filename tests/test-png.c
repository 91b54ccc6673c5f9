/* test-png.c — PNG round trips, expansion of other pixel formats, and errors
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <png.h>
#include <stdio.h>
#include <string.h>

#include "cs-error.h"
#include "cs-png.h"
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
  g_autoptr(GError) error = NULL;
  int w = 0, h = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width * 3; x++)
      pixels[y * stride + x] = (guint8) (y * 37 + x * 11);

  g_assert_true (cs_png_write_rgb (path, width, height, stride, pixels, &error));
  g_assert_no_error (error);
  back = cs_png_read_rgb (path, &w, &h, &error);
  g_assert_no_error (error);
  g_assert_cmpint (w, ==, width);
  g_assert_cmpint (h, ==, height);
  for (int y = 0; y < height; y++)
    g_assert_cmpmem (back + y * width * 3, width * 3, pixels + y * stride, width * 3);
}

/* Writes a PNG of any colour type straight through libpng, to feed the reader formats that
 * cs_png_write_rgb never produces. */
static void
write_raw_png (const char   *path,
               int           width,
               int           height,
               int           color_type,
               int           bit_depth,
               const guint8 *rows,
               int           row_bytes,
               const png_color *palette,
               int           n_palette,
               int           interlace)
{
  g_autofree png_bytep *pointers = g_new (png_bytep, height);
  FILE *fp = g_fopen (path, "wb");
  png_structp png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  png_infop info = png_create_info_struct (png);

  g_assert_nonnull (fp);
  g_assert_nonnull (info);
  if (setjmp (png_jmpbuf (png)))
    g_assert_not_reached ();
  png_init_io (png, fp);
  png_set_IHDR (png, info, width, height, bit_depth, color_type, interlace,
                PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  if (palette != NULL)
    png_set_PLTE (png, info, palette, n_palette);
  png_write_info (png, info);
  for (int y = 0; y < height; y++)
    pointers[y] = (png_bytep) rows + y * row_bytes;
  png_write_image (png, pointers);
  png_write_end (png, NULL);
  png_destroy_write_struct (&png, &info);
  fclose (fp);
}

static guint8 *
read_ok (const char *path,
         int         width,
         int         height)
{
  g_autoptr(GError) error = NULL;
  guint8 *rgb;
  int w = 0, h = 0;

  rgb = cs_png_read_rgb (path, &w, &h, &error);
  g_assert_no_error (error);
  g_assert_cmpint (w, ==, width);
  g_assert_cmpint (h, ==, height);
  return rgb;
}

typedef struct
{
  const char      *what;
  int              color_type;
  int              bit_depth;
  int              width;        /* the height is 1 */
  const guint8    *row;
  int              row_bytes;
  const png_color *palette;
  int              n_palette;
  const guint8    *rgb;          /* what the reader must give: width × 3 bytes */
} FormatCase;

static const png_color palette[] = { { 1, 2, 3 }, { 250, 100, 50 } };

/* Transparent pixels come out as white, opaque ones as themselves. */
static const FormatCase format_cases[] = {
  { "grey", PNG_COLOR_TYPE_GRAY, 8, 4, (const guint8[]) { 0, 128, 255, 7 }, 4, NULL, 0,
    (const guint8[]) { 0, 0, 0, 128, 128, 128, 255, 255, 255, 7, 7, 7 } },
  { "grey16", PNG_COLOR_TYPE_GRAY, 16, 4,
    (const guint8[]) { 0x12, 0x34, 0xff, 0xff, 0x80, 0x00, 0x00, 0x00 }, 8, NULL, 0,
    (const guint8[]) { 0x12, 0x12, 0x12, 0xff, 0xff, 0xff, 0x80, 0x80, 0x80, 0, 0, 0 } },
  { "grey+alpha", PNG_COLOR_TYPE_GRAY_ALPHA, 8, 2, (const guint8[]) { 200, 255, 200, 0 }, 4,
    NULL, 0, (const guint8[]) { 200, 200, 200, 255, 255, 255 } },
  { "rgba", PNG_COLOR_TYPE_RGB_ALPHA, 8, 2, (const guint8[]) { 10, 20, 30, 255, 10, 20, 30, 0 },
    8, NULL, 0, (const guint8[]) { 10, 20, 30, 255, 255, 255 } },
  { "palette", PNG_COLOR_TYPE_PALETTE, 4, 2, (const guint8[]) { 0x1 << 4 | 0x0 }, 1,
    palette, G_N_ELEMENTS (palette), (const guint8[]) { 250, 100, 50, 1, 2, 3 } },
};

static void
test_png_expands_formats (TestTmpdir    *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "format.png", NULL);
  guint8 interlaced[9 * 9 * 3];
  guint8 *rgb;

  for (guint i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      const FormatCase *c = &format_cases[i];

      g_test_message ("format: %s", c->what);
      write_raw_png (path, c->width, 1, c->color_type, c->bit_depth, c->row, c->row_bytes,
                     c->palette, c->n_palette, PNG_INTERLACE_NONE);
      rgb = read_ok (path, c->width, 1);
      g_assert_cmpmem (rgb, c->width * 3, c->rgb, c->width * 3);
      g_free (rgb);
    }

  /* Adam7 interlacing: the reader must put the seven passes back together. */
  for (guint i = 0; i < sizeof interlaced; i++)
    interlaced[i] = (guint8) (i * 13);
  write_raw_png (path, 9, 9, PNG_COLOR_TYPE_RGB, 8, interlaced, 27, NULL, 0,
                 PNG_INTERLACE_ADAM7);
  rgb = read_ok (path, 9, 9);
  g_assert_cmpmem (rgb, sizeof interlaced, interlaced, sizeof interlaced);
  g_free (rgb);
}

/* A header that declares 20,000 × 20,000 pixels, followed by the start of the image data only:
 * the reader must refuse the size before allocating for it. */
static void
write_huge_header (const char *path)
{
  FILE *fp = g_fopen (path, "wb");
  png_structp png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  png_infop info = png_create_info_struct (png);
  const guint8 idat[] = { 0, 0, 0, 16, 'I', 'D', 'A', 'T' };
  const guint8 data[20] = { 0 };

  g_assert_nonnull (fp);
  if (setjmp (png_jmpbuf (png)))
    g_assert_not_reached ();
  png_init_io (png, fp);
  png_set_IHDR (png, info, 20000, 20000, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info (png, info);
  png_destroy_write_struct (&png, &info);
  g_assert_cmpuint (fwrite (idat, 1, sizeof idat, fp), ==, sizeof idat);
  g_assert_cmpuint (fwrite (data, 1, sizeof data, fp), ==, sizeof data);
  fclose (fp);
}

static void
assert_read_fails (const char *path,
                   int         code)
{
  g_autoptr(GError) error = NULL;
  int w = -1, h = -1;

  g_assert_null (cs_png_read_rgb (path, &w, &h, &error));
  g_assert_error (error, CS_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpint (w, ==, -1);
  g_test_message ("%s", error->message);
}

static void
test_png_errors (TestTmpdir    *f,
                 gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "missing.png", NULL);
  g_autofree char *text = g_build_filename (f->dir, "text.png", NULL);
  g_autofree char *cut = g_build_filename (f->dir, "cut.png", NULL);
  g_autofree char *huge = g_build_filename (f->dir, "huge.png", NULL);
  g_autofree char *nowhere = g_build_filename (f->dir, "no-such-dir", "x.png", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 pixel[3] = { 1, 2, 3 };
  guint8 big[64 * 64 * 3] = { 0 };
  gsize length;

  assert_read_fails (missing, CS_ERROR_IO);

  g_assert_true (g_file_set_contents (text, "id,label\n1,cat\n", -1, NULL));
  assert_read_fails (text, CS_ERROR_FORMAT);

  /* A real PNG cut short: the signature passes, libpng's error must come back as a GError. */
  for (gsize i = 0; i < sizeof big; i++)
    big[i] = (guint8) (i * 7919 % 251);
  g_assert_true (cs_png_write_rgb (cut, 64, 64, 64 * 3, big, NULL));
  g_assert_true (g_file_get_contents (cut, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (cut, contents, length / 2, NULL));
  assert_read_fails (cut, CS_ERROR_FORMAT);

  write_huge_header (huge);
  assert_read_fails (huge, CS_ERROR_LIMIT);

  g_assert_false (cs_png_write_rgb (nowhere, 1, 1, 3, pixel, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_IO);
  g_assert_nonnull (strstr (error->message, nowhere));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  test_tmpdir_add ("/png/round-trip", test_png_round_trip);
  test_tmpdir_add ("/png/expands-formats", test_png_expands_formats);
  test_tmpdir_add ("/png/errors", test_png_errors);
  return g_test_run ();
}
