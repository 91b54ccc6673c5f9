/* test-curve-figure.c — curve figures drawn, written as PNG, SVG and PDF and read back; the
 * figures of an experiment's methods and of kept runs built from histories
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <stdlib.h>

#include "cs-curve-figures.h"
#include "cs-figure-export.h"
#include "cs-figure-readers.h"
#include "cs-published.h"
#include "cs-png-reader.h"
#include "test-util.h"

#define N_EPOCHS 10
#define REFERENCE_LABEL "CoNAL (Chu et al., 2021): 50.00 ± 2.00 %"

static const CsImageInfo info = { "LabelMe", "2 methods × 3 seeds", NULL };

/* A mean rising from 60 % to 78 % with a std of 5 %, as a method's band and bold line, and a
 * reference of 50 ± 2 % in another colour. */
static CsCurveFigure *
experiment_like (void)
{
  CsCurveFigure *figure = cs_curve_figure_new ("Test accuracy by epoch", "test accuracy", true);
  double mean[N_EPOCHS], std[N_EPOCHS];

  for (int e = 0; e < N_EPOCHS; e++)
    {
      mean[e] = 0.6 + 0.02 * e;
      std[e] = 0.05;
    }
  cs_curve_figure_add_band (figure, NULL, CS_METHOD_CONAL, mean, std, N_EPOCHS);
  cs_curve_figure_add_line (figure, "CoNAL (3 seeds)", CS_METHOD_CONAL, CS_CURVE_LINE_BOLD, mean,
                            N_EPOCHS);
  cs_curve_figure_add_reference (figure, REFERENCE_LABEL, CS_METHOD_MAJORITY, 0.5, 0.02);
  return figure;
}

/* The pixel of a PNG written at two pixels a point, under (epoch, value). */
static const guint8 *
pixel_at (const CsCurveFigure *figure,
          const guint8        *rgb,
          int                  w,
          double               epoch,
          double               value)
{
  double x, y;

  cs_curve_figure_locate (figure, epoch, value, &x, &y);
  return rgb + ((gsize) lround (2 * y) * w + (gsize) lround (2 * x)) * 3;
}

/* color at `alpha` over the white background. */
static void
assert_blend (const guint8 *px,
              guint         color,
              double        alpha)
{
  CsRgb c = cs_category_color (color, false);
  double want[3] = { c.r, c.g, c.b };

  for (int i = 0; i < 3; i++)
    g_assert_cmpint (abs (px[i] - (int) lround (255 * (1 - alpha + alpha * want[i]))), <=, 3);
}

static bool
is_white (const guint8 *px)
{
  return px[0] == 255 && px[1] == 255 && px[2] == 255;
}

static bool
is_grey (const guint8 *px)
{
  return px[0] == px[1] && px[1] == px[2];
}

static void
test_png (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  const char *path = cs_test_dir_path (tmp, "curves.png");
  g_autoptr(CsCurveFigure) figure = experiment_like ();
  g_autoptr(GHashTable) text = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *rgb = NULL;
  const guint8 *inside, *shade;
  double width, height;
  int w, h;

  g_assert_true (cs_curve_figure_save (figure, &info, path, CS_IMAGE_PNG, &error));
  g_assert_no_error (error);
  rgb = cs_test_png_read (path, &w, &h);
  cs_curve_figure_get_size (figure, &width, &height);
  g_assert_cmpint (w, ==, 2 * (int) width);
  g_assert_cmpint (h, ==, 2 * (int) height);

  /* At epoch 5 the band spans 63 … 73 %, its mean line at 68 %. */
  inside = pixel_at (figure, rgb, w, 5, 0.68 + 0.035);
  assert_blend (inside, CS_METHOD_CONAL, 0.22);
  assert_blend (pixel_at (figure, rgb, w, 5, 0.68 - 0.035), CS_METHOD_CONAL, 0.22);
  /* Just outside it, above and below: the background (or a grid line, never both pixels). */
  for (int side = -1; side <= 1; side += 2)
    {
      const guint8 *a = pixel_at (figure, rgb, w, 5, 0.68 + side * 0.065);
      const guint8 *b = pixel_at (figure, rgb, w, 5, 0.68 + side * 0.07);

      g_assert_true (is_grey (a) && is_grey (b));
      g_assert_true (is_white (a) || is_white (b));
    }
  /* The reference's ± std, shaded in its own colour, off its dashed line. */
  shade = pixel_at (figure, rgb, w, 3, 0.5 + 0.012);
  assert_blend (shade, CS_METHOD_MAJORITY, 0.14);

  text = cs_test_png_read_text (path);
  g_assert_cmpstr (g_hash_table_lookup (text, "Title"), ==, "Test accuracy by epoch");
  g_assert_cmpstr (g_hash_table_lookup (text, "Dataset"), ==, "LabelMe");
  g_assert_cmpstr (g_hash_table_lookup (text, "Run"), ==, info.run);
  g_assert_null (g_hash_table_lookup (text, "Matrix"));
  cs_test_assert_contains (g_hash_table_lookup (text, "Software"), "Crowdscope");
}

static void
test_svg (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  const char *path = cs_test_dir_path (tmp, "curves.svg");
  g_autoptr(CsCurveFigure) figure = experiment_like ();
  g_autoptr(GError) error = NULL;
  g_auto(CsTestSvg) svg = { 0 };
  double width, height;

  g_assert_true (cs_curve_figure_save (figure, &info, path, CS_IMAGE_SVG, &error));
  g_assert_no_error (error);
  cs_test_svg_read (&svg, path);
  cs_curve_figure_get_size (figure, &width, &height);
  g_assert_cmpstr (svg.root, ==, "svg");
  g_assert_cmpfloat (svg.width, ==, width);
  g_assert_cmpfloat (svg.height, ==, height);
  g_assert_cmpstr (svg.title, ==, "Test accuracy by epoch");
  cs_test_assert_contains (svg.desc, "Dataset: LabelMe");
  cs_test_assert_contains (svg.desc, "Legend: CoNAL (3 seeds); " REFERENCE_LABEL);
}

static void
test_pdf (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  const char *path = cs_test_dir_path (tmp, "curves.pdf");
  g_autoptr(CsCurveFigure) figure = experiment_like ();
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;

  g_assert_true (cs_curve_figure_save (figure, &info, path, CS_IMAGE_PDF, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &bytes, NULL, NULL));
  g_assert_true (g_str_has_prefix (bytes, "%PDF-"));
  if (!(fields = cs_test_pdf_info (path)))
    {
      g_test_skip ("pdfinfo (poppler-utils) is not installed: the PDF is written but not read back");
      return;
    }
  g_assert_cmpstr (g_hash_table_lookup (fields, "Title"), ==, "Test accuracy by epoch");
  g_assert_cmpstr (g_hash_table_lookup (fields, "Pages"), ==, "1");
  cs_test_assert_contains (g_hash_table_lookup (fields, "Subject"), "Legend: CoNAL (3 seeds)");
}

typedef enum
{
  MIDDLE_NAN,                /* epochs 4–6 NaN */
  MIDDLE_FILLED,             /* epochs 4–6 at 55 % */
  MIDDLE_ALONE,              /* epoch 5 alone at 55 %, 4 and 6 NaN */
} Middle;

/* A line 20 % for epochs 1–3 and 90 % for 7–10, the epochs between NaN or 55 %: the line's
 * colour is under (5, 55 %) only when that epoch has a value. A point alone between gaps is a
 * dot. */
static void
test_nan_breaks_line (void)
{
  static const char * const names[] = { "gap.png", "filled.png", "alone.png" };
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();

  for (Middle middle = MIDDLE_NAN; middle <= MIDDLE_ALONE; middle++)
    {
      g_autoptr(CsCurveFigure) figure = cs_curve_figure_new ("Gaps", "test accuracy", true);
      const char *path = cs_test_dir_path (tmp, names[middle]);
      g_autoptr(GError) error = NULL;
      g_autofree guint8 *rgb = NULL;
      double y[N_EPOCHS];
      int w, h;

      for (int e = 0; e < N_EPOCHS; e++)
        y[e] = e < 3 ? 0.2 : e >= 6 ? 0.9 : NAN;
      for (int e = 3; e < 6 && middle != MIDDLE_NAN; e++)
        y[e] = middle == MIDDLE_FILLED || e == 4 ? 0.55 : NAN;
      cs_curve_figure_add_line (figure, "a run", 0, CS_CURVE_LINE_BOLD, y, N_EPOCHS);
      g_assert_true (cs_curve_figure_save (figure, NULL, path, CS_IMAGE_PNG, &error));
      g_assert_no_error (error);
      rgb = cs_test_png_read (path, &w, &h);
      if (middle == MIDDLE_NAN)
        g_assert_true (is_grey (pixel_at (figure, rgb, w, 5, 0.55)));
      else
        assert_blend (pixel_at (figure, rgb, w, 5, 0.55), 0, 1);
      /* Around a point alone, nothing joins it to its neighbours. */
      if (middle == MIDDLE_ALONE)
        g_assert_true (is_grey (pixel_at (figure, rgb, w, 4, 0.55)));
      /* Either way the ends are drawn. */
      assert_blend (pixel_at (figure, rgb, w, 2, 0.2), 0, 1);
      assert_blend (pixel_at (figure, rgb, w, 8, 0.9), 0, 1);
    }
}

/* The y axis holds the points, the bands' edges and the references, with a margin, and not
 * much more: not 0 … 100 % for accuracies between 69 and 90 %. */
static void
test_y_range (void)
{
  g_autoptr(CsCurveFigure) accuracies = cs_curve_figure_new ("A", "test accuracy", true);
  g_autoptr(CsCurveFigure) band = cs_curve_figure_new ("B", "test accuracy", true);
  g_autoptr(CsCurveFigure) loss = cs_curve_figure_new ("L", "training loss", false);
  g_autoptr(CsCurveFigure) empty = cs_curve_figure_new ("E", "test accuracy", true);
  double y[] = { 0.8, NAN, 0.9, 0.85 }, mean[] = { 0.5, 0.5 }, std[] = { 0.2, 0.1 };
  double losses[] = { 2.0, 1.2, 0.5 };
  double lo, hi;

  cs_curve_figure_add_line (accuracies, NULL, 0, CS_CURVE_LINE_THIN, y, G_N_ELEMENTS (y));
  cs_curve_figure_add_reference (accuracies, "ref", 1, 0.7, 0.01);
  cs_curve_figure_get_y_range (accuracies, &lo, &hi);
  g_assert_cmpfloat (lo, <, 0.69);
  g_assert_cmpfloat (lo, >, 0.6);
  g_assert_cmpfloat (hi, >, 0.9);
  g_assert_cmpfloat (hi, <, 0.95);

  cs_curve_figure_add_band (band, NULL, 0, mean, std, G_N_ELEMENTS (mean));
  cs_curve_figure_get_y_range (band, &lo, &hi);
  g_assert_cmpfloat (lo, <, 0.3);
  g_assert_cmpfloat (lo, >, 0.25);
  g_assert_cmpfloat (hi, >, 0.7);
  g_assert_cmpfloat (hi, <, 0.75);

  cs_curve_figure_add_line (loss, NULL, 0, CS_CURVE_LINE_BOLD, losses, G_N_ELEMENTS (losses));
  cs_curve_figure_get_y_range (loss, &lo, &hi);
  g_assert_cmpfloat (lo, <, 0.5);
  g_assert_cmpfloat (lo, >, 0.4);
  g_assert_cmpfloat (hi, >, 2.0);
  g_assert_cmpfloat (hi, <, 2.1);

  cs_curve_figure_get_y_range (empty, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 1);
  g_assert_null (cs_curve_figure_get_legend (empty));
}

/* A history whose epoch e has test accuracy base + e / 100 and valid accuracy base. */
static GArray *
history_new (double base,
             int    n)
{
  GArray *history = g_array_new (FALSE, TRUE, sizeof (CsEpochMetrics));

  for (int e = 0; e < n; e++)
    {
      CsEpochMetrics m = { .epoch = e + 1, .train_loss = 1.0 / (e + 1), .train_accuracy = base,
                           .valid_accuracy = base, .test_accuracy = base + e / 100.0 };

      g_array_append_val (history, m);
    }
  return history;
}

/* Three CoNAL runs and two of majority vote: a bold mean each, labelled with its seeds, and on
 * LabelMe's test accuracy the paper's CoNAL figure; validation curves have no reference. */
static void
test_for_methods (void)
{
  g_autoptr(GPtrArray) histories = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  const CsMethod methods[] = { CS_METHOD_CONAL, CS_METHOD_MAJORITY, CS_METHOD_CONAL,
                               CS_METHOD_MAJORITY, CS_METHOD_CONAL };
  const CsPublished *published = cs_published_find ("LabelMe", CS_METHOD_CONAL);
  CsMethodHistory runs[G_N_ELEMENTS (methods)];
  g_autofree char *reference = NULL;
  g_autofree char *want = NULL;

  g_assert_nonnull (published);
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_ptr_array_add (histories, history_new (0.6 + 0.01 * i, N_EPOCHS));
      runs[i] = (CsMethodHistory) { methods[i], g_ptr_array_index (histories, i) };
    }
  reference = g_strdup_printf ("%s: %.2f ± %.2f %%", published->source,
                               100 * published->test_mean, 100 * published->test_std);
  want = g_strdup_printf ("CoNAL (3 seeds); Majority vote (2 seeds); %s", reference);
  for (int field = CS_CURVE_TEST_ACCURACY; field <= CS_CURVE_VALID_ACCURACY; field++)
    {
      g_autoptr(CsCurveFigure) figure =
        cs_curve_figure_new_for_methods (runs, G_N_ELEMENTS (runs), "LabelMe", field);
      g_autofree char *legend = cs_curve_figure_get_legend (figure);
      double lo, hi;

      if (field == CS_CURVE_TEST_ACCURACY)
        g_assert_cmpstr (legend, ==, want);
      else
        g_assert_cmpstr (legend, ==, "CoNAL (3 seeds); Majority vote (2 seeds)");
      cs_test_assert_contains (cs_curve_figure_get_title (figure), "on LabelMe");
      cs_curve_figure_get_y_range (figure, &lo, &hi);
      g_assert_cmpfloat (hi, <=, 1);
      g_assert_cmpfloat (lo, <, 0.6);
    }
}

/* Runs compared: each labelled, in order. */
static void
test_for_runs (void)
{
  g_autoptr(GArray) a = history_new (0.5, 4);
  g_autoptr(GArray) b = history_new (0.7, 6);
  GArray *histories[] = { a, b };
  const char *labels[] = { "first run", "second run" };
  g_autoptr(CsCurveFigure) figure = cs_curve_figure_new_for_runs (histories, labels, 2,
                                                                  CS_CURVE_TRAIN_LOSS);
  g_autofree char *legend = cs_curve_figure_get_legend (figure);
  double lo, hi;

  g_assert_cmpstr (legend, ==, "first run; second run");
  g_assert_cmpstr (cs_curve_figure_get_title (figure), ==, "Training loss by epoch, 2 runs compared");
  /* Losses from 1 down to 1/6, not percentages. */
  cs_curve_figure_get_y_range (figure, &lo, &hi);
  g_assert_cmpfloat (hi, >, 1);
  g_assert_cmpfloat (lo, <, 1.0 / 6);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/curve-figure/png", test_png);
  g_test_add_func ("/curve-figure/svg", test_svg);
  g_test_add_func ("/curve-figure/pdf", test_pdf);
  g_test_add_func ("/curve-figure/nan-breaks-line", test_nan_breaks_line);
  g_test_add_func ("/curve-figure/y-range", test_y_range);
  g_test_add_func ("/curve-figure/for-methods", test_for_methods);
  g_test_add_func ("/curve-figure/for-runs", test_for_runs);
  return g_test_run ();
}
