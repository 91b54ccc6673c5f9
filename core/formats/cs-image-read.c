/* cs-image-read.c — decodes a PNG or JPEG file into 8-bit RGB pixels
 *
 * PNG goes through libpng's simplified API, JPEG through libjpeg (libjpeg-turbo on Debian),
 * whose errors arrive by longjmp from inside the decoder: everything it allocates is its own
 * and jpeg_destroy_decompress() frees it on either path.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include "cs-image-read.h"

#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>

#include "cs-error.h"
#include "cs-file.h"

static const guint8 png_magic[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
static const guint8 jpeg_magic[] = { 0xff, 0xd8, 0xff };

static gboolean
check_size (const char  *path,
            guint64      width,
            guint64      height,
            guint64      max_pixels,
            GError     **error)
{
  if (width >= 3 && height >= 3 && width * height <= max_pixels)
    return TRUE;
  g_set_error (error, CS_ERROR, CS_ERROR_LIMIT,
               _("%s: expected an image of 3 × 3 to %" PRIu64 " pixels, found %"
               PRIu64 " × %" PRIu64), path, max_pixels, width, height);
  return FALSE;
}

static guint8 *
read_png (const char  *path,
          guint64      max_pixels,
          int         *width,
          int         *height,
          GError     **error)
{
  static const png_color black = { 0, 0, 0 };
  png_image image = { .version = PNG_IMAGE_VERSION };
  g_autofree guint8 *rgb = NULL;

  if (!png_image_begin_read_from_file (&image, path))
    {
      g_set_error (error, CS_ERROR, CS_ERROR_PARSE, _("%s: cannot read the PNG image: %s"),
                   path, image.message);
      return NULL;
    }
  if (!check_size (path, image.width, image.height, max_pixels, error))
    {
      png_image_free (&image);
      return NULL;
    }
  image.format = PNG_FORMAT_RGB;
  rgb = g_malloc (PNG_IMAGE_SIZE (image));
  if (!png_image_finish_read (&image, &black, rgb, 0, NULL))
    {
      g_set_error (error, CS_ERROR, CS_ERROR_PARSE, _("%s: cannot decode the PNG image: %s"),
                   path, image.message);
      return NULL;
    }
  *width = (int) image.width;
  *height = (int) image.height;
  return g_steal_pointer (&rgb);
}

typedef struct
{
  struct jpeg_error_mgr  manager;
  jmp_buf                escape;
  char                   message[JMSG_LENGTH_MAX];
} JpegErrors;

static void
jpeg_fail (j_common_ptr info)
{
  JpegErrors *errors = (JpegErrors *) info->err;

  info->err->format_message (info, errors->message);
  longjmp (errors->escape, 1);
}

/* Warnings (a corrupt but decodable stream) are not errors: the image is still described. */
static void
jpeg_quiet (j_common_ptr info G_GNUC_UNUSED,
            int          level G_GNUC_UNUSED)
{
}

static guint8 *
read_jpeg (const char  *path,
           FILE        *file,
           guint64      max_pixels,
           int         *width,
           int         *height,
           GError     **error)
{
  struct jpeg_decompress_struct info;
  JpegErrors errors;
  guint8 *volatile rgb = NULL;

  info.err = jpeg_std_error (&errors.manager);
  errors.manager.error_exit = jpeg_fail;
  errors.manager.emit_message = jpeg_quiet;
  errors.message[0] = '\0';
  if (setjmp (errors.escape))
    {
      g_set_error (error, CS_ERROR, CS_ERROR_PARSE, _("%s: cannot decode the JPEG image: %s"),
                   path, errors.message);
      jpeg_destroy_decompress (&info);
      g_free (rgb);
      return NULL;
    }
  jpeg_create_decompress (&info);
  jpeg_stdio_src (&info, file);
  jpeg_read_header (&info, TRUE);
  if (!check_size (path, info.image_width, info.image_height, max_pixels, error))
    {
      jpeg_destroy_decompress (&info);
      return NULL;
    }
  info.out_color_space = JCS_RGB;
  jpeg_start_decompress (&info);
  rgb = g_malloc ((gsize) info.output_width * info.output_height * 3);
  while (info.output_scanline < info.output_height)
    {
      JSAMPROW row = rgb + (gsize) info.output_scanline * info.output_width * 3;

      jpeg_read_scanlines (&info, &row, 1);
    }
  jpeg_finish_decompress (&info);
  *width = (int) info.output_width;
  *height = (int) info.output_height;
  jpeg_destroy_decompress (&info);
  return rgb;
}

guint8 *
cs_image_read_rgb (const char  *path,
                   guint64      max_pixels,
                   int         *width,
                   int         *height,
                   GError     **error)
{
  guint8 head[sizeof png_magic] = { 0 };
  FILE *file;
  guint8 *rgb;
  size_t got;

  g_return_val_if_fail (path != NULL && width != NULL && height != NULL, NULL);

  if (!(file = fopen (path, "rb")))
    {
      cs_file_set_error (error, path, _("read"), errno);
      return NULL;
    }
  got = fread (head, 1, sizeof head, file);
  if (got == sizeof png_magic && memcmp (head, png_magic, sizeof png_magic) == 0)
    {
      fclose (file);
      return read_png (path, max_pixels, width, height, error);
    }
  if (got >= sizeof jpeg_magic && memcmp (head, jpeg_magic, sizeof jpeg_magic) == 0)
    {
      rewind (file);
      rgb = read_jpeg (path, file, max_pixels, width, height, error);
      fclose (file);
      return rgb;
    }
  fclose (file);
  g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
               _("%s: expected a PNG or JPEG image, found another kind of file; Crowdscope computes "
               "image features from PNG and JPEG files"), path);
  return NULL;
}
