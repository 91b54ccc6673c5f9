/* test-image-features.c — the image descriptor's ranges and invariances
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-demo-shapes.h"
#include "cs-error.h"
#include "cs-file.h"
#include "cs-image-features.h"
#include "cs-test-images.h"
#include "cs-png.h"
#include "test-util.h"

#define SIZE        48
#define COLOUR_AT  130  /* where the 8 colour-histogram bins sit in the output */

/* A flat image has no object and no edges: everything but the colour histogram is zero, and
 * the histogram puts all pixels in one bin. */
static void
test_features_flat (void)
{
  g_autofree guint8 *rgb = g_new (guint8, SIZE * SIZE * 3);
  float f[CS_IMAGE_FEATURES_DIM];

  for (int p = 0; p < SIZE * SIZE; p++)
    {
      rgb[3 * p] = 200;
      rgb[3 * p + 1] = 40;
      rgb[3 * p + 2] = 90;
    }
  cs_image_features (f, rgb, SIZE, SIZE);
  for (int j = 0; j < CS_IMAGE_FEATURES_DIM; j++)
    if (j < COLOUR_AT || j >= COLOUR_AT + 8)
      g_assert_cmpfloat (f[j], ==, 0.0f);
  /* Red high, green and blue low: octant (1, 0, 0). */
  g_assert_cmpfloat (f[COLOUR_AT + 4], ==, 1.0f);
}

/* Every value is finite and in [−1, 1], for every kind of shape. */
static void
test_features_range (void)
{
  g_autofree guint8 *rgb = g_new (guint8, SIZE * SIZE * 3);
  float f[CS_IMAGE_FEATURES_DIM];
  CsRng rng;

  cs_rng_init (&rng, 5);
  for (int i = 0; i < 160; i++)
    {
      cs_demo_shape_draw (rgb, SIZE, i % CS_DEMO_N_SHAPES, &rng);
      cs_image_features (f, rgb, SIZE, SIZE);
      for (int j = 0; j < CS_IMAGE_FEATURES_DIM; j++)
        {
          g_assert_true (isfinite (f[j]));
          g_assert_cmpfloat (f[j], >=, -1.0f);
          g_assert_cmpfloat (f[j], <=, 1.0f);
        }
    }
}

/* Swapping light and dark (and hues) changes only the colour histogram: the rest works on
 * distances from the background colour, which inversion keeps. */
static void
test_features_inversion (void)
{
  g_autofree guint8 *rgb = g_new (guint8, SIZE * SIZE * 3);
  g_autofree guint8 *inverted = g_new (guint8, SIZE * SIZE * 3);
  float a[CS_IMAGE_FEATURES_DIM], b[CS_IMAGE_FEATURES_DIM];
  CsRng rng;

  cs_rng_init (&rng, 9);
  for (int i = 0; i < CS_DEMO_N_SHAPES; i++)
    {
      cs_demo_shape_draw (rgb, SIZE, i, &rng);
      for (int p = 0; p < SIZE * SIZE * 3; p++)
        inverted[p] = 255 - rgb[p];
      cs_image_features (a, rgb, SIZE, SIZE);
      cs_image_features (b, inverted, SIZE, SIZE);
      for (int j = 0; j < CS_IMAGE_FEATURES_DIM; j++)
        if (j < COLOUR_AT || j >= COLOUR_AT + 8)
          g_assert_cmpfloat_with_epsilon (a[j], b[j], 1e-5);
    }
}

/* Sizes other than the demo's work, including ones the 8 × 8 and 3 × 3 grids do not divide. */
static void
test_features_odd_size (void)
{
  const int w = 37, h = 29;
  g_autofree guint8 *rgb = g_new0 (guint8, w * h * 3);
  float f[CS_IMAGE_FEATURES_DIM];
  double mass = 0.0;

  for (int y = 10; y < 20; y++)
    for (int x = 12; x < 25; x++)
      rgb[(y * w + x) * 3 + 1] = 255;
  cs_image_features (f, rgb, w, h);
  for (int j = 0; j < 64; j++)
    mass += f[j];
  g_assert_cmpfloat (mass, >, 0.0);
  for (int j = 0; j < CS_IMAGE_FEATURES_DIM; j++)
    g_assert_true (isfinite (f[j]));
}

static void
write_bytes (const char *path,
             GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  const void *data = g_bytes_get_data (bytes, &len);

  g_assert_true (cs_file_write_atomic (path, data, len, &error));
  g_assert_no_error (error);
}

/* The descriptor of a PNG file is that of its pixels; of a JPEG file (lossy), close to it; the
 * format is told by the file's first bytes, not its name. */
static void
test_features_files (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autofree guint8 *rgb = g_new (guint8, SIZE * SIZE * 3);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree float *read = NULL;
  const char *names[] = { "shape.png", "shape.jpg", "named-wrongly.png" };
  float f[CS_IMAGE_FEATURES_DIM];
  CsRng rng;

  cs_rng_init (&rng, 3);
  cs_demo_shape_draw (rgb, SIZE, 1, &rng);
  cs_image_features (f, rgb, SIZE, SIZE);
  png = cs_png_encode_rgb (SIZE, SIZE, SIZE * 3, rgb, NULL, &error);
  g_assert_no_error (error);
  jpeg = cs_test_jpeg_encode (rgb, SIZE, SIZE, 95);
  write_bytes (cs_test_dir_path (tmp, names[0]), png);
  write_bytes (cs_test_dir_path (tmp, names[1]), jpeg);
  write_bytes (cs_test_dir_path (tmp, names[2]), jpeg);

  read = cs_image_features_read_files (cs_test_dir_path (tmp, "."), names, 3, &error);
  g_assert_no_error (error);
  g_assert_nonnull (read);
  for (int j = 0; j < CS_IMAGE_FEATURES_DIM; j++)
    {
      g_assert_cmpfloat (read[j], ==, f[j]);
      g_assert_cmpfloat_with_epsilon (read[CS_IMAGE_FEATURES_DIM + j], f[j], 0.15);
      g_assert_cmpfloat (read[2 * CS_IMAGE_FEATURES_DIM + j], ==,
                         read[CS_IMAGE_FEATURES_DIM + j]);
    }
}

/* Files described once are remembered, and described again once they change. */
static void
test_features_files_changed (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autofree guint8 *rgb = g_new (guint8, SIZE * SIZE * 3);
  g_autoptr(GError) error = NULL;
  const char *names[] = { "shape.png" };
  float f[2][CS_IMAGE_FEATURES_DIM];
  CsRng rng;

  cs_rng_init (&rng, 4);
  for (int round = 0; round < 2; round++)
    {
      g_autoptr(GBytes) png = NULL;

      for (int again = 0; again < 2; again++)
        {
          g_autofree float *read = NULL;

          if (again == 0)
            {
              cs_demo_shape_draw (rgb, SIZE, round, &rng);
              cs_image_features (f[round], rgb, SIZE, SIZE);
              png = cs_png_encode_rgb (SIZE, SIZE, SIZE * 3, rgb, NULL, &error);
              g_assert_no_error (error);
              write_bytes (cs_test_dir_path (tmp, names[0]), png);
            }
          read = cs_image_features_read_files (cs_test_dir_path (tmp, "."), names, 1, &error);
          g_assert_no_error (error);
          g_assert_cmpmem (read, sizeof f[round], f[round], sizeof f[round]);
        }
    }
  g_assert_true (memcmp (f[0], f[1], sizeof f[0]) != 0);
}

/* A file of another kind, a truncated JPEG, a missing file and a 2 × 2 image are errors that
 * name the file. */
static void
test_features_bad_files (void)
{
  static const struct { const char *name; const char *contents; int code; const char *says; } cases[] = {
    { "a.png", "GIF89a, not a PNG", CS_ERROR_FORMAT, "expected a PNG or JPEG image" },
    { "b.jpg", "\xff\xd8\xff\xe0 JFIF", CS_ERROR_PARSE, "cannot decode the JPEG image" },
    { "c.jpg", NULL, CS_ERROR_IO, "cannot read" },
  };
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  guint8 tiny[2 * 2 * 3] = { 0 };
  float f[CS_IMAGE_FEATURES_DIM];

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      const char *path = cs_test_dir_path (tmp, cases[i].name);

      if (cases[i].contents != NULL)
        cs_test_dir_write (tmp, cases[i].name, "%s", cases[i].contents);
      g_assert_false (cs_image_features_read (f, path, &error));
      g_assert_error (error, CS_ERROR, cases[i].code);
      cs_test_assert_contains (error->message, path);
      cs_test_assert_contains (error->message, cases[i].says);
    }
  {
    g_autoptr(GBytes) jpeg = cs_test_jpeg_encode (tiny, 2, 2, 90);
    g_autoptr(GError) error = NULL;
    const char *path = cs_test_dir_path (tmp, "tiny.jpg");

    write_bytes (path, jpeg);
    g_assert_false (cs_image_features_read (f, path, &error));
    g_assert_error (error, CS_ERROR, CS_ERROR_LIMIT);
    cs_test_assert_contains (error->message, "found 2 × 2");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/image-features/flat", test_features_flat);
  g_test_add_func ("/image-features/range", test_features_range);
  g_test_add_func ("/image-features/inversion", test_features_inversion);
  g_test_add_func ("/image-features/odd-size", test_features_odd_size);
  g_test_add_func ("/image-features/files", test_features_files);
  g_test_add_func ("/image-features/bad-files", test_features_bad_files);
  g_test_add_func ("/image-features/files-changed", test_features_files_changed);
  return g_test_run ();
}
