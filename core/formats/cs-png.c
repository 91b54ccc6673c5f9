/* cs-png.c — reading and writing 8-bit RGB PNG files
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-file.h"
#include "cs-png.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>

#include "cs-error.h"

/* Images beyond this many pixels are refused before any allocation: a corrupt or hostile
 * header must not make us ask for gigabytes. */
#define MAX_PIXELS ((gsize) 1 << 26)

/* libpng reports an error by calling our handler, which must not return; it keeps libpng's
 * message for the GError and jumps back to the setjmp in the caller. */
typedef struct
{
  char    message[256];
  CsError code;          /* CS_ERROR_FORMAT, or CS_ERROR_LIMIT for sizes we refuse */
} PngContext;

static void
on_png_error (png_structp      png,
              png_const_charp  message)
{
  PngContext *ctx = png_get_error_ptr (png);

  g_strlcpy (ctx->message, message, sizeof ctx->message);
  png_longjmp (png, 1);
}

static void
on_png_warning (png_structp      png,
                png_const_charp  message)
{
  /* The core never prints, and a warning does not stop a read or write from succeeding. */
}

static void
on_png_write (png_structp png,
              png_bytep   data,
              png_size_t  length)
{
  g_byte_array_append (png_get_io_ptr (png), data, length);
}

static void
on_png_flush (png_structp png)
{
}

/* libpng's own reader reports a short file as a bare "Read Error"; say what happened. */
static void
on_png_read (png_structp png,
             png_bytep   data,
             png_size_t  length)
{
  FILE *fp = png_get_io_ptr (png);

  if (fread (data, 1, length, fp) != length)
    png_error (png, ferror (fp) ? "the file could not be read to its end"
                                : "the file ends before the image does; it may be truncated");
}

/* Encodes into memory so the file can be replaced atomically in one call. */
static gboolean
encode_rgb (GByteArray    *out,
            int            width,
            int            height,
            int            stride,
            const guint8  *rgb,
            PngContext    *ctx)
{
  png_structp png;
  png_infop info;

  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, ctx, on_png_error, on_png_warning);
  if (png == NULL)
    return FALSE;
  info = png_create_info_struct (png);
  if (info == NULL || setjmp (png_jmpbuf (png)))
    {
      png_destroy_write_struct (&png, &info);
      return FALSE;
    }

  png_set_write_fn (png, out, on_png_write, on_png_flush);
  /* Fast over small: level 1 and the one Sub filter instead of libpng's per-row filter search,
   * which together halve the encoding time for a few percent more bytes. */
  png_set_compression_level (png, 1);
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
  png_set_IHDR (png, info, (png_uint_32) width, (png_uint_32) height, 8, PNG_COLOR_TYPE_RGB,
                PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info (png, info);
  for (int y = 0; y < height; y++)
    png_write_row (png, rgb + (gsize) y * stride);
  png_write_end (png, NULL);
  png_destroy_write_struct (&png, &info);
  return TRUE;
}

GBytes *
cs_png_encode_rgb (int            width,
                   int            height,
                   int            stride,
                   const guint8  *rgb,
                   GError       **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  PngContext ctx = { "out of memory", CS_ERROR_IO };

  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (stride >= 3 * width, NULL);
  g_return_val_if_fail (rgb != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!encode_rgb (bytes, width, height, stride, rgb, &ctx))
    {
      g_set_error (error, CS_ERROR, CS_ERROR_IO, "cannot encode the PNG image: %s", ctx.message);
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

gboolean
cs_png_write_rgb (const char    *path,
                  int            width,
                  int            height,
                  int            stride,
                  const guint8  *rgb,
                  GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize len;
  const void *data;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!(bytes = cs_png_encode_rgb (width, height, stride, rgb, error)))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  data = g_bytes_get_data (bytes, &len);
  return cs_file_write_atomic (path, data, len, error);
}

/* Composites RGBA over white, so transparent pixels read as the background a viewer shows. */
static void
flatten_rgba (guint8       *rgb,
              const guint8 *rgba,
              gsize         pixels)
{
  for (gsize p = 0; p < pixels; p++)
    {
      guint a = rgba[4 * p + 3];

      for (int c = 0; c < 3; c++)
        rgb[3 * p + c] = (guint8) ((rgba[4 * p + c] * a + 255 * (255 - a) + 127) / 255);
    }
}

static gboolean
check_signature (FILE        *fp,
                 const char  *path,
                 GError     **error)
{
  png_byte sig[8];
  size_t got = fread (sig, 1, sizeof sig, fp);

  if (got == sizeof sig && png_sig_cmp (sig, 0, sizeof sig) == 0)
    return TRUE;
  if (ferror (fp))
    g_set_error (error, CS_ERROR, CS_ERROR_IO, "Could not read “%s”: %s", path,
                 g_strerror (errno));
  else
    g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
                 "“%s” is not a PNG image: its first bytes are not the PNG signature", path);
  return FALSE;
}

/* Reads the whole image as RGBA into a new buffer; on failure returns NULL with ctx->message
 * set. The buffer pointers are volatile because they change between setjmp and a longjmp. */
static guint8 *
decode_rgba (FILE       *fp,
             int        *width,
             int        *height,
             PngContext *ctx)
{
  png_structp png;
  png_infop info;
  guint8 *volatile rgba = NULL;
  png_bytep *volatile rows = NULL;
  png_uint_32 w, h;

  png = png_create_read_struct (PNG_LIBPNG_VER_STRING, ctx, on_png_error, on_png_warning);
  if (png == NULL)
    return NULL;
  info = png_create_info_struct (png);
  if (info == NULL || setjmp (png_jmpbuf (png)))
    {
      g_free (rows);
      g_free (rgba);
      png_destroy_read_struct (&png, &info, NULL);
      return NULL;
    }

  png_set_read_fn (png, fp, on_png_read);
  png_set_sig_bytes (png, 8);
  png_read_info (png, info);
  w = png_get_image_width (png, info);
  h = png_get_image_height (png, info);
  if (w == 0 || h == 0 || (gsize) w * h > MAX_PIXELS)
    {
      g_snprintf (ctx->message, sizeof ctx->message,
                  "its size %u × %u is beyond the %zu pixels supported", w, h, MAX_PIXELS);
      ctx->code = CS_ERROR_LIMIT;
      png_destroy_read_struct (&png, &info, NULL);
      return NULL;
    }
  /* Whatever the file holds, ask for 8-bit RGBA: palettes and low-bit grey expanded,
   * transparency turned into alpha, 16-bit scaled down, grey copied to RGB, and an opaque
   * alpha added where the file has none. */
  png_set_expand (png);
  png_set_scale_16 (png);
  png_set_gray_to_rgb (png);
  png_set_add_alpha (png, 0xff, PNG_FILLER_AFTER);
  png_set_interlace_handling (png);
  png_read_update_info (png, info);
  if (png_get_rowbytes (png, info) != (gsize) w * 4)
    png_error (png, "its pixels could not be converted to 8-bit RGBA");

  rgba = g_try_malloc ((gsize) w * h * 4);
  rows = g_try_new (png_bytep, h);
  if (rgba == NULL || rows == NULL)
    {
      ctx->code = CS_ERROR_LIMIT;
      png_error (png, "not enough memory for its pixels");
    }
  for (png_uint_32 y = 0; y < h; y++)
    rows[y] = rgba + (gsize) y * w * 4;
  png_read_image (png, rows);
  png_read_end (png, NULL);

  png_destroy_read_struct (&png, &info, NULL);
  g_free (rows);
  *width = (int) w;
  *height = (int) h;
  return rgba;
}

guint8 *
cs_png_read_rgb (const char  *path,
                 int         *width,
                 int         *height,
                 GError     **error)
{
  g_autofree guint8 *rgba = NULL;
  PngContext ctx = { "out of memory", CS_ERROR_FORMAT };
  guint8 *rgb;
  FILE *fp;
  int w = 0, h = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (width != NULL && height != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fp = g_fopen (path, "rb");
  if (fp == NULL)
    {
      int saved = errno;

      g_set_error (error, CS_ERROR, CS_ERROR_IO, "Could not open “%s”: %s", path,
                   g_strerror (saved));
      return NULL;
    }
  if (check_signature (fp, path, error))
    {
      rgba = decode_rgba (fp, &w, &h, &ctx);
      if (rgba == NULL)
        g_set_error (error, CS_ERROR, ctx.code, "Could not read the PNG image “%s”: %s", path,
                     ctx.message);
    }
  fclose (fp);
  if (rgba == NULL)
    return NULL;

  rgb = g_malloc ((gsize) w * h * 3);
  flatten_rgba (rgb, rgba, (gsize) w * h);
  *width = w;
  *height = h;
  return rgb;
}
