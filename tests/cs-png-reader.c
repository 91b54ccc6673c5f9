/* cs-png-reader.c — decodes PNG files for the tests, which check what the core encodes
 *
 * The core only writes PNG files (the demo's images, the exported heatmaps); the window decodes
 * them with GdkTexture. libpng's simplified API is reader enough for the pixels; the text
 * chunks need the full one.
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

typedef struct
{
  const guint8 *data;
  gsize         len;
  gsize         at;
} MemoryReader;

static void
on_read (png_structp png,
         png_bytep   out,
         png_size_t  length)
{
  MemoryReader *reader = png_get_io_ptr (png);

  if (length > reader->len - reader->at)
    png_error (png, "read past the end of the file");
  memcpy (out, reader->data + reader->at, length);
  reader->at += length;
}

static void
on_error (png_structp      png,
          png_const_charp  message)
{
  g_error ("%s: %s", (const char *) png_get_error_ptr (png), message);
}

GHashTable *
cs_test_png_read_text (const char *path)
{
  GHashTable *text = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  MemoryReader reader = { 0 };
  png_structp png;
  png_infop info;
  png_textp chunks;
  int n = 0;

  g_file_get_contents (path, &bytes, &reader.len, &error);
  g_assert_no_error (error);
  reader.data = (const guint8 *) bytes;
  png = png_create_read_struct (PNG_LIBPNG_VER_STRING, (char *) path, on_error, NULL);
  info = png_create_info_struct (png);
  g_assert_nonnull (png);
  g_assert_nonnull (info);
  png_set_read_fn (png, &reader, on_read);
  /* Reads every chunk, those after the image data too. */
  png_read_png (png, info, PNG_TRANSFORM_IDENTITY, NULL);
  png_get_text (png, info, &chunks, &n);
  for (int i = 0; i < n; i++)
    {
      char *value = chunks[i].compression == PNG_ITXT_COMPRESSION_NONE ||
                    chunks[i].compression == PNG_ITXT_COMPRESSION_zTXt ?
        g_strdup (chunks[i].text) :
        g_convert (chunks[i].text, -1, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);

      g_assert_nonnull (value);
      g_hash_table_insert (text, g_strdup (chunks[i].key), value);
    }
  png_destroy_read_struct (&png, &info, NULL);
  return text;
}
