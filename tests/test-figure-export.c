/* test-figure-export.c — heatmap figures as PNG, SVG and PDF, each read back by another reader
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <stdlib.h>

#include "cs-error.h"
#include "cs-figure-export.h"
#include "cs-figure-readers.h"
#include "cs-png-reader.h"
#include "test-util.h"

#define K 3

static char *classes[] = { "coast", "opencountry", "street", NULL };
/* A perfect row, a confused one, and one without data. */
static const float matrix[K * K] = { 1, 0, 0, 0.41f, 0.59f, 0, NAN, NAN, NAN };
static const CsImageInfo info = { "LabelMe", "CoNAL, seed 1, epoch 20 of 20", "common confusion" };

static CsHeatmapFigure
single_figure (void)
{
  return (CsHeatmapFigure) { CS_FIGURE_SINGLE, 1, K, matrix, classes, NULL,
                             CS_COLORMAP_SEQUENTIAL, "Common confusion", "LabelMe · CoNAL" };
}

/* Whether any pixel of rgb [w · h · 3] is `color`, give or take one level of rounding. */
static bool
has_color (const guint8 *rgb,
           int           w,
           int           h,
           CsRgb         color)
{
  int want[3] = { (int) lround (color.r * 255), (int) lround (color.g * 255), (int) lround (color.b * 255) };

  for (gsize i = 0; i < (gsize) w * h; i++)
    if (abs (rgb[3 * i] - want[0]) <= 1 && abs (rgb[3 * i + 1] - want[1]) <= 1 &&
        abs (rgb[3 * i + 2] - want[2]) <= 1)
      return true;
  return false;
}

static void
test_png (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  const char *path = cs_test_dir_path (tmp, "common.png");
  CsHeatmapFigure figure = single_figure ();
  g_autoptr(GHashTable) text = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *rgb = NULL;
  double width, height;
  int w, h;

  g_assert_true (cs_heatmap_figure_save (&figure, &info, path, CS_IMAGE_PNG, &error));
  g_assert_no_error (error);
  rgb = cs_test_png_read (path, &w, &h);
  cs_heatmap_figure_get_size (&figure, &width, &height);
  g_assert_cmpint (w, ==, 2 * (int) width);
  g_assert_cmpint (h, ==, 2 * (int) height);
  /* The full cell, the empty ones and the row without data, in the light ramp. */
  g_assert_true (has_color (rgb, w, h, cs_colormap_lookup (CS_COLORMAP_SEQUENTIAL, false, 1)));
  g_assert_true (has_color (rgb, w, h, cs_colormap_lookup (CS_COLORMAP_SEQUENTIAL, false, 0)));
  g_assert_true (has_color (rgb, w, h, cs_colormap_lookup (CS_COLORMAP_SEQUENTIAL, false, NAN)));
  g_assert_false (has_color (rgb, w, h, cs_colormap_lookup (CS_COLORMAP_DIVERGING, false, -1)));

  text = cs_test_png_read_text (path);
  g_assert_cmpstr (g_hash_table_lookup (text, "Title"), ==, "Common confusion");
  g_assert_cmpstr (g_hash_table_lookup (text, "Dataset"), ==, "LabelMe");
  g_assert_cmpstr (g_hash_table_lookup (text, "Run"), ==, info.run);
  g_assert_cmpstr (g_hash_table_lookup (text, "Matrix"), ==, "common confusion");
  cs_test_assert_contains (g_hash_table_lookup (text, "Software"), "Crowdscope");
}

/* A grid of differences, in the diverging map, written as SVG: well-formed XML of the figure's
 * size, with the title and what it shows. */
static void
test_svg_grid (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  const char *path = cs_test_dir_path (tmp, "grid.svg");
  char *names[] = { "a1", "a2", "a3", "a4", "a5" };
  float matrices[5 * K * K];
  CsHeatmapFigure figure = { CS_FIGURE_GRID, 5, K, matrices, classes, names,
                             CS_COLORMAP_DIVERGING, "Effective minus empirical", NULL };
  g_autoptr(GError) error = NULL;
  g_auto(CsTestSvg) svg = { 0 };
  double width, height;

  for (int i = 0; i < 5 * K * K; i++)
    matrices[i] = (float) sin (i);
  g_assert_true (cs_heatmap_figure_save (&figure, &info, path, CS_IMAGE_SVG, &error));
  g_assert_no_error (error);
  cs_test_svg_read (&svg, path);
  cs_heatmap_figure_get_size (&figure, &width, &height);
  g_assert_cmpstr (svg.root, ==, "svg");
  g_assert_cmpfloat (svg.width, ==, width);
  g_assert_cmpfloat (svg.height, ==, height);
  g_assert_cmpstr (svg.title, ==, "Effective minus empirical");
  cs_test_assert_contains (svg.desc, "Dataset: LabelMe");
  cs_test_assert_contains (svg.desc, "Matrix: common confusion");
  g_assert_cmpint (svg.elements, >, 5 * K * K);
}

static void
test_pdf (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  const char *path = cs_test_dir_path (tmp, "common.pdf");
  CsHeatmapFigure figure = single_figure ();
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_heatmap_figure_save (&figure, &info, path, CS_IMAGE_PDF, &error));
  g_assert_no_error (error);
  if (!(fields = cs_test_pdf_info (path)))
    {
      g_test_skip ("pdfinfo (poppler-utils) is not installed: the PDF is written but not read back");
      return;
    }
  g_assert_cmpstr (g_hash_table_lookup (fields, "Title"), ==, "Common confusion");
  g_assert_cmpstr (g_hash_table_lookup (fields, "Pages"), ==, "1");
  cs_test_assert_contains (g_hash_table_lookup (fields, "Subject"), "Run: CoNAL, seed 1");
  cs_test_assert_contains (g_hash_table_lookup (fields, "Creator"), "Crowdscope");
}

/* The figure grows to hold its longest class name and its title, so neither is cut off. */
static void
test_size_follows_text (void)
{
  char *long_names[] = { "coast", "a very long class name indeed", "street", NULL };
  CsHeatmapFigure figure = single_figure ();
  double w0, h0, w1, h1, w2, h2;

  cs_heatmap_figure_get_size (&figure, &w0, &h0);
  figure.class_names = long_names;
  cs_heatmap_figure_get_size (&figure, &w1, &h1);
  g_assert_cmpfloat (w1, >, w0 + 50);
  g_assert_cmpfloat (h1, >, h0 + 50);
  figure.class_names = classes;
  figure.title = "A title far longer than the matrix under it is wide, which the figure must hold";
  cs_heatmap_figure_get_size (&figure, &w2, &h2);
  g_assert_cmpfloat (w2, >, w0);
  g_assert_cmpfloat (h2, ==, h0);
}

static void
test_formats_and_errors (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  const char *missing = cs_test_dir_path (tmp, "no/such/folder/m.png");
  CsHeatmapFigure figure = single_figure ();
  g_autofree float *many = g_new0 (float, 20000 * K * K);
  g_autofree char **names = g_new0 (char *, 20000);
  g_autoptr(GError) error = NULL;
  CsImageFormat format;

  g_assert_true (cs_image_format_from_path ("a/B.PNG", &format) && format == CS_IMAGE_PNG);
  g_assert_true (cs_image_format_from_path ("b.svg", &format) && format == CS_IMAGE_SVG);
  g_assert_true (cs_image_format_from_path ("c.Pdf", &format) && format == CS_IMAGE_PDF);
  g_assert_false (cs_image_format_from_path ("d.jpg", &format));

  g_assert_false (cs_heatmap_figure_save (&figure, &info, missing, CS_IMAGE_PNG, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_IO);
  cs_test_assert_contains (error->message, missing);
  g_clear_error (&error);

  /* Thousands of small multiples are too many pixels for a PNG: SVG or PDF then. */
  for (int i = 0; i < 20000; i++)
    names[i] = "annotator";
  figure = (CsHeatmapFigure) { CS_FIGURE_GRID, 20000, K, many, classes, names,
                               CS_COLORMAP_SEQUENTIAL, "Every annotator", NULL };
  g_assert_false (cs_heatmap_figure_save (&figure, &info, cs_test_dir_path (tmp, "big.png"),
                                          CS_IMAGE_PNG, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_LIMIT);
  cs_test_assert_contains (error->message, ".svg");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/figure-export/png", test_png);
  g_test_add_func ("/figure-export/svg-grid", test_svg_grid);
  g_test_add_func ("/figure-export/pdf", test_pdf);
  g_test_add_func ("/figure-export/size-follows-text", test_size_follows_text);
  g_test_add_func ("/figure-export/formats-and-errors", test_formats_and_errors);
  return g_test_run ();
}
