/* test-colormap.c — the heatmaps' colour maps: ends, order, no data, readable text
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "cs-colormap.h"

static double
contrast (CsRgb a,
          CsRgb b)
{
  double la = cs_rgb_luminance (a), lb = cs_rgb_luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* Lightness alone carries a sequential value: it falls from 0 to 1 on the light ramp and rises
 * on the dark one, strictly, so that no two values look alike. */
static void
test_sequential_order (void)
{
  for (int dark = 0; dark <= 1; dark++)
    {
      double previous = dark ? -1 : 2;

      for (int i = 0; i <= 100; i++)
        {
          double l = cs_rgb_luminance (cs_colormap_lookup (CS_COLORMAP_SEQUENTIAL, dark, i / 100.0));

          if (dark)
            g_assert_cmpfloat (l, >, previous);
          else
            g_assert_cmpfloat (l, <, previous);
          previous = l;
        }
    }
}

/* Every palette of the sequential map orders its values by lightness too, strictly, on both
 * themes (viridis rising on either, as matplotlib draws it; the others from the background's
 * lightness away); Blues is the map's own ramp, a diverging map keeps its one ramp whatever the palette,
 * and the palettes are told apart. */
static void
test_palettes (void)
{
  for (CsPalette palette = CS_PALETTE_BLUES; palette <= CS_PALETTE_GREYS; palette++)
    for (int dark = 0; dark <= 1; dark++)
      {
        gboolean rising = dark || palette == CS_PALETTE_VIRIDIS;
        double previous = rising ? -1 : 2;

        for (int i = 0; i <= 100; i++)
          {
            double l = cs_rgb_luminance (cs_colormap_lookup_in (CS_COLORMAP_SEQUENTIAL, palette,
                                                                dark, i / 100.0));

            if (rising)
              g_assert_cmpfloat (l, >, previous);
            else
              g_assert_cmpfloat (l, <, previous);
            previous = l;
          }
      }
  for (int i = -10; i <= 10; i++)
    {
      CsRgb a = cs_colormap_lookup (CS_COLORMAP_SEQUENTIAL, false, i / 10.0);
      CsRgb b = cs_colormap_lookup_in (CS_COLORMAP_SEQUENTIAL, CS_PALETTE_BLUES, false, i / 10.0);
      CsRgb c = cs_colormap_lookup (CS_COLORMAP_DIVERGING, true, i / 10.0);
      CsRgb d = cs_colormap_lookup_in (CS_COLORMAP_DIVERGING, CS_PALETTE_VIRIDIS, true, i / 10.0);

      g_assert_true (a.r == b.r && a.g == b.g && a.b == b.b);
      g_assert_true (c.r == d.r && c.g == d.g && c.b == d.b);
    }
  {
    CsRgb blues = cs_colormap_lookup_in (CS_COLORMAP_SEQUENTIAL, CS_PALETTE_BLUES, false, 0.5);
    CsRgb viridis = cs_colormap_lookup_in (CS_COLORMAP_SEQUENTIAL, CS_PALETTE_VIRIDIS, false, 0.75);
    CsRgb greys = cs_colormap_lookup_in (CS_COLORMAP_SEQUENTIAL, CS_PALETTE_GREYS, false, 0.5);

    /* Greys has no hue; viridis is green at three quarters, Blues blue at its middle. */
    g_assert_cmpfloat (greys.r, ==, greys.g);
    g_assert_cmpfloat (greys.g, ==, greys.b);
    g_assert_cmpfloat (viridis.g, >, viridis.b);
    g_assert_cmpfloat (blues.b, >, blues.g);
  }
}

/* Zero sits near the background, whichever the theme. */
static void
test_zero_near_background (void)
{
  CsRgb light = cs_colormap_lookup (CS_COLORMAP_SEQUENTIAL, false, 0);
  CsRgb dark = cs_colormap_lookup (CS_COLORMAP_SEQUENTIAL, true, 0);
  CsRgb centre_light = cs_colormap_lookup (CS_COLORMAP_DIVERGING, false, 0);
  CsRgb centre_dark = cs_colormap_lookup (CS_COLORMAP_DIVERGING, true, 0);

  g_assert_cmpfloat (cs_rgb_luminance (light), >, 0.9);
  g_assert_cmpfloat (cs_rgb_luminance (dark), <, 0.05);
  g_assert_cmpfloat (cs_rgb_luminance (centre_light), >, 0.9);
  g_assert_cmpfloat (cs_rgb_luminance (centre_dark), <, 0.05);
}

/* Values past the range take its ends; the two signs of a difference take two hues. */
static void
test_clamp_and_sign (void)
{
  for (int dark = 0; dark <= 1; dark++)
    {
      CsRgb lo = cs_colormap_lookup (CS_COLORMAP_DIVERGING, dark, -1);
      CsRgb hi = cs_colormap_lookup (CS_COLORMAP_DIVERGING, dark, 1);
      CsRgb below = cs_colormap_lookup (CS_COLORMAP_DIVERGING, dark, -7);
      CsRgb above = cs_colormap_lookup (CS_COLORMAP_SEQUENTIAL, dark, 3);
      CsRgb one = cs_colormap_lookup (CS_COLORMAP_SEQUENTIAL, dark, 1);

      g_assert_cmpmem (&below, sizeof below, &lo, sizeof lo);
      g_assert_cmpmem (&above, sizeof above, &one, sizeof one);
      /* Purple below (more blue than red… than green), orange above (more red than blue). */
      g_assert_cmpfloat (lo.b, >, lo.g);
      g_assert_cmpfloat (hi.r, >, hi.b);
    }
}

/* A cell without data has a colour of its own, unlike any value's. */
static void
test_no_data (void)
{
  for (int dark = 0; dark <= 1; dark++)
    {
      CsRgb none = cs_colormap_lookup (CS_COLORMAP_SEQUENTIAL, dark, NAN);

      for (int i = 0; i <= 100; i++)
        {
          CsRgb c = cs_colormap_lookup (CS_COLORMAP_SEQUENTIAL, dark, i / 100.0);

          g_assert_false (c.r == none.r && c.g == none.g && c.b == none.b);
        }
    }
}

/* The value written in a cell reads at WCAG's 4.5 : 1 or better on every colour of every map. */
static void
test_text_contrast (void)
{
  for (int map = CS_COLORMAP_SEQUENTIAL; map <= CS_COLORMAP_DIVERGING; map++)
    for (int dark = 0; dark <= 1; dark++)
      for (int i = 0; i <= 200; i++)
        {
          double v = map == CS_COLORMAP_SEQUENTIAL ? i / 200.0 : i / 100.0 - 1;
          CsRgb cell = cs_colormap_lookup (map, dark, v);

          g_assert_cmpfloat (contrast (cell, cs_colormap_text_color (cell)), >=, 4.5);
        }
}

/* The categories differ from each other, repeat after the last, and their dark-background
 * shades are the lighter ones. */
static void
test_categories (void)
{
  for (guint i = 0; i < CS_N_CATEGORIES; i++)
    {
      CsRgb light = cs_category_color (i, false), dark = cs_category_color (i, true);
      CsRgb again = cs_category_color (i + CS_N_CATEGORIES, false);

      g_assert_cmpfloat (cs_rgb_luminance (dark), >, cs_rgb_luminance (light));
      g_assert_true (light.r == again.r && light.g == again.g && light.b == again.b);
      for (guint j = 0; j < i; j++)
        {
          CsRgb other = cs_category_color (j, false);

          g_assert_cmpfloat (fabsf (light.r - other.r) + fabsf (light.g - other.g) +
                             fabsf (light.b - other.b), >, 0.2);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/colormap/sequential-order", test_sequential_order);
  g_test_add_func ("/colormap/zero-near-background", test_zero_near_background);
  g_test_add_func ("/colormap/clamp-and-sign", test_clamp_and_sign);
  g_test_add_func ("/colormap/no-data", test_no_data);
  g_test_add_func ("/colormap/text-contrast", test_text_contrast);
  g_test_add_func ("/colormap/categories", test_categories);
  g_test_add_func ("/colormap/palettes", test_palettes);
  return g_test_run ();
}
