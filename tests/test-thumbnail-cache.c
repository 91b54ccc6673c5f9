/* test-thumbnail-cache.c
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>

#include "cs-thumbnail-cache.h"
#include "cs-ui-test.h"
#include "test-util.h"

#define SIZE 64

/* LabelMe's images are 256 × 256 JPEGs, one folder a class. */
static const char * const labelme_images[] = {
  "coast/coast_bea1.jpg", "forest/forest_bost100.jpg", "highway/highway_a836030.jpg",
  "street/street_a232022.jpg",
};

/* ---- Helpers ------------------------------------------------------------------------------ */

typedef struct
{
  GdkTexture *texture;
  GError     *error;
  gboolean    done;
} Load;

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Load *load = data;

  load->texture = cs_thumbnail_cache_load_finish (CS_THUMBNAIL_CACHE (source), result,
                                                  &load->error);
  load->done = TRUE;
}

static gboolean
load_done (gpointer data)
{
  return ((Load *) data)->done;
}

static void
load_clear (Load *load)
{
  g_clear_object (&load->texture);
  g_clear_error (&load->error);
  load->done = FALSE;
}

/* Loads one image and waits for it; the caller clears the result. */
static void
load (CsThumbnailCache *cache,
      const char       *path,
      int               size,
      Load             *result)
{
  cs_thumbnail_cache_load_async (cache, path, size, NULL, load_cb, result);
  cs_test_wait_for (load_done, result, "a thumbnail");
}

/* A texture of the expected size and (in its middle) colour. */
static void
assert_texture (GdkTexture *texture,
                int         width,
                int         height,
                guint32     rgb)
{
  g_autofree guint32 *pixels = NULL;
  guint32 middle;

  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, height);
  pixels = g_new (guint32, width * height);
  gdk_texture_download (texture, (guchar *) pixels, width * 4);
  middle = pixels[height / 2 * width + width / 2];
  g_assert_cmphex (middle & 0xffffff, ==, rgb);
}

/* The images a test writes: PNGs of one colour each. */
static char *
write_png (CsTestDir  *tmp,
           const char *name,
           int         width,
           int         height,
           guint32     rgb)
{
  char *path = g_strdup (cs_test_dir_path (tmp, name));

  cs_ui_test_write_image (path, "png", width, height, rgb);
  return path;
}

/* A 40 × 40 PNG, white and half transparent. */
static const char *
write_translucent_png (CsTestDir *tmp)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 40, 40);
  const char *path = cs_test_dir_path (tmp, "translucent.png");
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, 0xffffff80);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  return path;
}

static void
assert_alpha (GdkTexture *texture,
              guint       alpha)
{
  guint32 pixels[40 * 40];

  g_assert_cmpint (gdk_texture_get_width (texture), ==, 40);
  gdk_texture_download (texture, (guchar *) pixels, 40 * 4);
  g_assert_cmphex (pixels[20 * 40 + 20] >> 24, ==, alpha);
}

/* ---- Tests -------------------------------------------------------------------------------- */

static void
test_cache_labelme (void)
{
  g_autofree char *folder = cs_test_shared_path ("labelme/images/test");
  CsThumbnailCache *cache;
  CsThumbnailStats stats;
  Load result = { 0 };

  if (folder == NULL)
    return;
  cache = cs_thumbnail_cache_new (CS_THUMBNAIL_CACHE_DEFAULT_MAX_BYTES);
  for (guint i = 0; i < G_N_ELEMENTS (labelme_images); i++)
    {
      g_autofree char *path = g_build_filename (folder, labelme_images[i], NULL);

      /* A thumbnail at the size asked for, not the whole image: JPEG's loader is there. */
      load (cache, path, 128, &result);
      g_assert_no_error (result.error);
      g_assert_cmpint (gdk_texture_get_width (result.texture), ==, 128);
      g_assert_cmpint (gdk_texture_get_height (result.texture), ==, 128);
      load_clear (&result);
      /* Never larger than the image. */
      load (cache, path, 512, &result);
      g_assert_no_error (result.error);
      g_assert_cmpint (gdk_texture_get_width (result.texture), ==, 256);
      load_clear (&result);
    }
  cs_thumbnail_cache_get_stats (cache, &stats);
  g_assert_cmpuint (stats.decoded, ==, 2 * G_N_ELEMENTS (labelme_images));
  g_assert_cmpuint (cs_thumbnail_cache_get_n_entries (cache), ==, 2 * G_N_ELEMENTS (labelme_images));
  cs_ui_test_unref_and_wait (cache);
}

static void
test_cache_written (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autofree char *wide = write_png (tmp, "wide.png", 200, 100, 0x3584e4);
  g_autofree char *small = write_png (tmp, "small.png", 20, 30, 0x2ec27e);
  CsThumbnailCache *cache = cs_thumbnail_cache_new (CS_THUMBNAIL_CACHE_DEFAULT_MAX_BYTES);
  g_autoptr(GdkTexture) cached = NULL;
  g_autoptr(GError) error = NULL;
  CsThumbnailStats stats;
  Load result = { 0 };

  /* The image's shape is kept. */
  g_assert_false (cs_thumbnail_cache_lookup (cache, wide, SIZE, &cached, &error));
  load (cache, wide, SIZE, &result);
  g_assert_no_error (result.error);
  assert_texture (result.texture, SIZE, SIZE / 2, 0x3584e4);

  /* Once loaded, the lookup answers at once with the same texture, and so does a load. */
  g_assert_true (cs_thumbnail_cache_lookup (cache, wide, SIZE, &cached, &error));
  g_assert_no_error (error);
  g_assert_true (cached == result.texture);
  load_clear (&result);
  cs_thumbnail_cache_load_async (cache, wide, SIZE, NULL, load_cb, &result);
  cs_test_wait_for (load_done, &result, "a cached thumbnail");
  g_assert_true (result.texture == cached);
  load_clear (&result);

  load (cache, small, SIZE, &result);
  assert_texture (result.texture, 20, 30, 0x2ec27e);
  load_clear (&result);

  /* Transparency is kept. */
  load (cache, write_translucent_png (tmp), SIZE, &result);
  g_assert_no_error (result.error);
  assert_alpha (result.texture, 0x80);
  load_clear (&result);

  cs_thumbnail_cache_get_stats (cache, &stats);
  g_assert_cmpuint (stats.decoded, ==, 3);
  g_assert_cmpuint (stats.hits, ==, 2);
  cs_ui_test_unref_and_wait (cache);
}

/* What one 32 × 32 thumbnail counts against the bound, bookkeeping included. */
static gsize
entry_bytes (const char *path)
{
  CsThumbnailCache *cache = cs_thumbnail_cache_new (CS_THUMBNAIL_CACHE_DEFAULT_MAX_BYTES);
  Load result = { 0 };
  gsize bytes;

  load (cache, path, 32, &result);
  load_clear (&result);
  bytes = cs_thumbnail_cache_get_bytes (cache);
  cs_ui_test_unref_and_wait (cache);
  /* The pixels, at least, and not much more. */
  g_assert_cmpuint (bytes, >=, 32 * 32 * 3);
  g_assert_cmpuint (bytes, <, 32 * 32 * 3 + 1024);
  return bytes;
}

static gboolean
is_cached (CsThumbnailCache *cache,
           const char       *path)
{
  g_autoptr(GdkTexture) texture = NULL;

  return cs_thumbnail_cache_lookup (cache, path, 32, &texture, NULL);
}

static void
test_cache_bound (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  char *paths[6];
  CsThumbnailCache *cache;
  CsThumbnailStats stats;
  Load result = { 0 };
  gsize unit, bound;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *name = g_strdup_printf ("image-%u.png", i);

      paths[i] = write_png (tmp, name, 64, 64, 0x101010 * (i + 1));
    }
  /* Room for three entries and a half: the fourth evicts one. */
  unit = entry_bytes (paths[0]);
  bound = 3 * unit + unit / 2;
  cache = cs_thumbnail_cache_new (bound);
  for (guint i = 0; i < 3; i++)
    {
      load (cache, paths[i], 32, &result);
      load_clear (&result);
      g_assert_cmpuint (cs_thumbnail_cache_get_bytes (cache), <=, bound);
    }
  g_assert_cmpuint (cs_thumbnail_cache_get_n_entries (cache), ==, 3);

  /* Looking image 0 up makes it the most recent: image 1 is the least recently used. */
  g_assert_true (is_cached (cache, paths[0]));
  load (cache, paths[3], 32, &result);
  load_clear (&result);
  g_assert_cmpuint (cs_thumbnail_cache_get_bytes (cache), <=, bound);
  g_assert_cmpuint (cs_thumbnail_cache_get_n_entries (cache), ==, 3);
  g_assert_false (is_cached (cache, paths[1]));
  g_assert_true (is_cached (cache, paths[0]));

  for (guint i = 4; i < G_N_ELEMENTS (paths); i++)
    {
      load (cache, paths[i], 32, &result);
      load_clear (&result);
      g_assert_cmpuint (cs_thumbnail_cache_get_bytes (cache), <=, bound);
    }
  /* 0 was looked up after 2 and 3 were loaded, so those went before it. */
  g_assert_false (is_cached (cache, paths[2]));
  g_assert_false (is_cached (cache, paths[3]));
  g_assert_true (is_cached (cache, paths[0]));
  g_assert_true (is_cached (cache, paths[5]));
  cs_thumbnail_cache_get_stats (cache, &stats);
  g_assert_cmpuint (stats.evicted, ==, 3);

  /* A smaller bound lets the oldest go at once; one below any entry keeps nothing, not even
   * what is loaded next. */
  cs_thumbnail_cache_set_max_bytes (cache, unit);
  g_assert_cmpuint (cs_thumbnail_cache_get_n_entries (cache), ==, 1);
  g_assert_true (is_cached (cache, paths[5]));
  cs_thumbnail_cache_set_max_bytes (cache, unit / 2);
  g_assert_cmpuint (cs_thumbnail_cache_get_bytes (cache), ==, 0);
  load (cache, paths[1], 32, &result);
  g_assert_nonnull (result.texture);
  load_clear (&result);
  g_assert_cmpuint (cs_thumbnail_cache_get_n_entries (cache), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    g_free (paths[i]);
  cs_ui_test_unref_and_wait (cache);
}

static gboolean
all_done (gpointer data)
{
  GArray *loads = data;

  for (guint i = 0; i < loads->len; i++)
    if (!g_array_index (loads, Load, i).done)
      return FALSE;
  return TRUE;
}

/* Requests cancelled before they come back end cancelled, whether the worker had started on
 * them or not, and leave nothing behind. */
static void
test_cache_cancel (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  CsThumbnailCache *cache = cs_thumbnail_cache_new (CS_THUMBNAIL_CACHE_DEFAULT_MAX_BYTES);
  g_autoptr(GArray) loads = g_array_new (FALSE, TRUE, sizeof (Load));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CsThumbnailStats stats;
  const guint n = 20;

  g_array_set_size (loads, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("image-%u.png", i);
      g_autofree char *path = write_png (tmp, name, 256, 256, 0x808080);

      cs_thumbnail_cache_load_async (cache, path, SIZE, cancellable, load_cb,
                                     &g_array_index (loads, Load, i));
    }
  g_cancellable_cancel (cancellable);
  cs_test_wait_for (all_done, loads, "the cancelled requests");
  for (guint i = 0; i < n; i++)
    {
      Load *result = &g_array_index (loads, Load, i);

      g_assert_error (result->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_null (result->texture);
      load_clear (result);
    }
  cs_thumbnail_cache_get_stats (cache, &stats);
  g_assert_cmpuint (stats.dropped, ==, n);
  g_assert_cmpuint (stats.decoded, ==, 0);
  g_assert_cmpuint (cs_thumbnail_cache_get_n_entries (cache), ==, 0);
  g_assert_cmpuint (cs_thumbnail_cache_get_bytes (cache), ==, 0);
  cs_ui_test_unref_and_wait (cache);
}

/* The reason comes back from the load, and again from the cache without reading the file. */
static void
assert_failure (CsThumbnailCache *cache,
                const char       *path,
                int               code,
                const char       *reason)
{
  g_autofree char *expected = g_strdup_printf ("%s: %s", reason, path);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  Load result = { 0 };

  load (cache, path, SIZE, &result);
  g_assert_error (result.error, G_IO_ERROR, code);
  g_assert_cmpstr (result.error->message, ==, expected);
  g_assert_null (result.texture);
  load_clear (&result);
  g_assert_true (cs_thumbnail_cache_lookup (cache, path, SIZE, &texture, &error));
  g_assert_null (texture);
  g_assert_error (error, G_IO_ERROR, code);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_cache_failures (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  CsThumbnailCache *cache = cs_thumbnail_cache_new (CS_THUMBNAIL_CACHE_DEFAULT_MAX_BYTES);
  g_autofree char *png = write_png (tmp, "whole.png", 64, 64, 0xffffff);
  g_autofree char *contents = NULL;
  gsize length;
  CsThumbnailStats stats;
  Load result = { 0 };

  assert_failure (cache, cs_test_dir_path (tmp, "missing.jpg"), G_IO_ERROR_NOT_FOUND,
                  "file not found");
  assert_failure (cache, cs_test_dir_write (tmp, "notes.jpg", "not a picture\n"),
                  G_IO_ERROR_INVALID_DATA, "not an image");
  assert_failure (cache, cs_test_dir_write (tmp, "empty.jpg", "%s", ""),
                  G_IO_ERROR_INVALID_DATA, "not an image");

  /* A PNG cut off in its header, and a folder, fail with the loader's or the system's own
   * words; one cut off later shows what there is of it. */
  g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (cs_test_dir_path (tmp, "cut.png"), contents, 20, NULL));
  load (cache, cs_test_dir_path (tmp, "cut.png"), SIZE, &result);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_test_message ("%s", result.error->message);
  cs_test_assert_contains (result.error->message, "cannot decode");
  cs_test_assert_contains (result.error->message, cs_test_dir_path (tmp, "cut.png"));
  load_clear (&result);
  g_assert_true (g_file_set_contents (cs_test_dir_path (tmp, "half.png"), contents, length / 2,
                                      NULL));
  load (cache, cs_test_dir_path (tmp, "half.png"), SIZE, &result);
  g_assert_true (result.texture != NULL || result.error != NULL);
  load_clear (&result);
  load (cache, cs_test_dir_path (tmp, NULL), SIZE, &result);
  g_assert_nonnull (result.error);
  cs_test_assert_contains (result.error->message, "cannot read");
  load_clear (&result);

  cs_thumbnail_cache_get_stats (cache, &stats);
  g_assert_cmpuint (stats.failed + stats.decoded, ==, 6);
  g_assert_cmpuint (stats.failed, >=, 5);
  cs_ui_test_unref_and_wait (cache);
}

int
main (int   argc,
      char *argv[])
{
  if (!cs_ui_test_init (&argc, &argv))
    return 0;

  g_test_add_func ("/thumbnail-cache/labelme", test_cache_labelme);
  g_test_add_func ("/thumbnail-cache/written", test_cache_written);
  g_test_add_func ("/thumbnail-cache/bound", test_cache_bound);
  g_test_add_func ("/thumbnail-cache/cancel", test_cache_cancel);
  g_test_add_func ("/thumbnail-cache/failures", test_cache_failures);
  return g_test_run ();
}
