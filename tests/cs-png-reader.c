/* cs-png-reader.c — decodes PNG files for the tests, which check what the core encodes
 *
 * The core only writes PNG files (the demo's images); the window decodes them with GdkTexture.
 * libpng's simplified API is reader enough to check them.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <png.h>
#include <string.h>

#include "cs-png-reader.h"

guint8 *
cs_test_png_read (const char *path,
                  int        *width,
                  int        *height)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  guint8 *rgb;
  png_image image;
  gsize len;

  g_file_get_contents (path, &bytes, &len, &error);
  g_assert_no_error (error);
  memset (&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory (&image, bytes, len))
    g_error ("%s: %s", path, image.message);
  image.format = PNG_FORMAT_RGB;
  rgb = g_malloc (PNG_IMAGE_SIZE (image));
  if (!png_image_finish_read (&image, NULL, rgb, 0, NULL))
    g_error ("%s: %s", path, image.message);
  *width = (int) image.width;
  *height = (int) image.height;
  return rgb;
}
