/* cs-test-images.c — image files for the tests of what reads them
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-test-images.h"

#include <stdio.h>
#include <stdlib.h>

#include <jpeglib.h>

#include "cs-demo-shapes.h"
#include "cs-file.h"
#include "cs-png.h"
#include "cs-rng.h"

GBytes *
cs_test_jpeg_encode (const guint8 *rgb,
                     int           width,
                     int           height,
                     int           quality)
{
  struct jpeg_compress_struct info;
  struct jpeg_error_mgr errors;
  unsigned char *out = NULL;
  unsigned long len = 0;
  GBytes *bytes;

  info.err = jpeg_std_error (&errors);
  jpeg_create_compress (&info);
  jpeg_mem_dest (&info, &out, &len);
  info.image_width = (JDIMENSION) width;
  info.image_height = (JDIMENSION) height;
  info.input_components = 3;
  info.in_color_space = JCS_RGB;
  jpeg_set_defaults (&info);
  jpeg_set_quality (&info, quality, TRUE);
  jpeg_start_compress (&info, TRUE);
  while (info.next_scanline < info.image_height)
    {
      JSAMPROW row = (JSAMPROW) rgb + (gsize) info.next_scanline * width * 3;

      jpeg_write_scanlines (&info, &row, 1);
    }
  jpeg_finish_compress (&info);
  jpeg_destroy_compress (&info);
  bytes = g_bytes_new (out, len);
  free (out);
  return bytes;
}

void
cs_test_write_shape_image (const char *path,
                           int         shape,
                           int         size,
                           guint64     seed)
{
  g_autofree guint8 *rgb = g_new (guint8, (gsize) size * size * 3);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  CsRng rng;

  cs_rng_init (&rng, seed);
  cs_demo_shape_draw (rgb, size, shape, &rng);
  if (g_str_has_suffix (path, ".jpg"))
    bytes = cs_test_jpeg_encode (rgb, size, size, 90);
  else
    bytes = cs_png_encode_rgb (size, size, size * 3, rgb, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  cs_file_write_atomic (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}
