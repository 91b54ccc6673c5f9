/* cs-jpeg-writer.c — JPEG files for the tests of what reads them
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-jpeg-writer.h"

#include <stdio.h>
#include <stdlib.h>

#include <jpeglib.h>

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
