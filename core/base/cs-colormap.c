/* cs-colormap.c — the colour maps the heatmaps use, on screen and in exported images
 *
 * Both maps come from ColorBrewer's colour-blind-safe schemes: the sequential one is "Blues"
 * (one hue, lightness alone carries the value, so it reads the same to every eye and in grey
 * scale); the diverging one is "PuOr", purple for negative and orange for positive, which stay
 * apart under every common colour-vision deficiency. A person may draw the sequential map in
 * viridis instead (hue and lightness both rising, perceptually even) or in greys (for print in
 * black and white). For a dark background the ramps run from
 * near the background to full colour, so that a zero cell sits back on either theme.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "cs-colormap.h"

#define N_STOPS 9

typedef struct
{
  CsRgb stops[N_STOPS];   /* evenly spaced over the map's range */
  CsRgb no_data;
} Ramp;

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0f, ((hex) >> 8 & 0xff) / 255.0f, ((hex) & 0xff) / 255.0f }

static const Ramp ramps[2][2] = {
  [CS_COLORMAP_SEQUENTIAL] = {
    /* Light: ColorBrewer Blues 9. */
    { { RGB (0xf7fbff), RGB (0xdeebf7), RGB (0xc6dbef), RGB (0x9ecae1), RGB (0x6baed6),
        RGB (0x4292c6), RGB (0x2171b5), RGB (0x08519c), RGB (0x08306b) }, RGB (0xd8d8d8) },
    /* Dark: the same hue from near the dark background up to its light end. */
    { { RGB (0x1f2a38), RGB (0x1d3b5c), RGB (0x184e80), RGB (0x1c62a3), RGB (0x2f79c0),
        RGB (0x4f93d2), RGB (0x76afe0), RGB (0xa3cbec), RGB (0xd3e6f7) }, RGB (0x3a3a3a) },
  },
  [CS_COLORMAP_DIVERGING] = {
    /* Light: ColorBrewer PuOr 9, reversed so that negative is purple. */
    { { RGB (0x542788), RGB (0x8073ac), RGB (0xb2abd2), RGB (0xd8daeb), RGB (0xf7f7f7),
        RGB (0xfee0b6), RGB (0xfdb863), RGB (0xe08214), RGB (0xb35806) }, RGB (0xd8d8d8) },
    /* Dark: the same hues around a centre near the dark background. */
    { { RGB (0xb2abd2), RGB (0x8f83c0), RGB (0x6a5a9e), RGB (0x453a66), RGB (0x2a2a2e),
        RGB (0x6b4a22), RGB (0xa86b22), RGB (0xe08214), RGB (0xfdb863) }, RGB (0x3a3a3a) },
  },
};

/* The sequential map's other palettes, light and dark; Blues is ramps[SEQUENTIAL] above. */
static const Ramp palettes[][2] = {
  [CS_PALETTE_VIRIDIS] = {
    /* viridis at nine even steps, as matplotlib draws it on either theme: dark purple for 0,
     * yellow for 1. */
    { { RGB (0x440154), RGB (0x482878), RGB (0x3e4989), RGB (0x31688e), RGB (0x26828e),
        RGB (0x1f9e89), RGB (0x35b779), RGB (0x6ece58), RGB (0xfde725) }, RGB (0xd8d8d8) },
    { { RGB (0x440154), RGB (0x482878), RGB (0x3e4989), RGB (0x31688e), RGB (0x26828e),
        RGB (0x1f9e89), RGB (0x35b779), RGB (0x6ece58), RGB (0xfde725) }, RGB (0x3a3a3a) },
  },
  [CS_PALETTE_GREYS] = {
    /* ColorBrewer Greys 9. */
    { { RGB (0xffffff), RGB (0xf0f0f0), RGB (0xd9d9d9), RGB (0xbdbdbd), RGB (0x969696),
        RGB (0x737373), RGB (0x525252), RGB (0x252525), RGB (0x000000) }, RGB (0xe8d8c8) },
    { { RGB (0x242424), RGB (0x383838), RGB (0x4f4f4f), RGB (0x676767), RGB (0x808080),
        RGB (0x9a9a9a), RGB (0xb6b6b6), RGB (0xd3d3d3), RGB (0xf2f2f2) }, RGB (0x4a3a2a) },
  },
};

CsRgb
cs_colormap_lookup (CsColormap map,
                    bool       dark,
                    double     value)
{
  return cs_colormap_lookup_in (map, CS_PALETTE_BLUES, dark, value);
}

CsRgb
cs_colormap_lookup_in (CsColormap map,
                       CsPalette  palette,
                       bool       dark,
                       double     value)
{
  static const CsRgb black = { 0, 0, 0 };
  const Ramp *ramp;
  double t, at;
  int i;

  g_return_val_if_fail (map == CS_COLORMAP_SEQUENTIAL || map == CS_COLORMAP_DIVERGING, black);
  g_return_val_if_fail (palette <= CS_PALETTE_GREYS, black);

  if (map == CS_COLORMAP_SEQUENTIAL && palette != CS_PALETTE_BLUES)
    ramp = &palettes[palette][dark ? 1 : 0];
  else
    ramp = &ramps[map][dark ? 1 : 0];
  if (isnan (value))
    return ramp->no_data;
  /* t in [0, 1] along the ramp. */
  t = map == CS_COLORMAP_SEQUENTIAL ? value : 0.5 * (value + 1);
  t = CLAMP (t, 0.0, 1.0);
  at = t * (N_STOPS - 1);
  i = MIN ((int) at, N_STOPS - 2);
  at -= i;
  return (CsRgb) {
    (float) (ramp->stops[i].r + at * (ramp->stops[i + 1].r - ramp->stops[i].r)),
    (float) (ramp->stops[i].g + at * (ramp->stops[i + 1].g - ramp->stops[i].g)),
    (float) (ramp->stops[i].b + at * (ramp->stops[i + 1].b - ramp->stops[i].b)),
  };
}

/* GNOME's palette: blue, orange, green, purple, red, brown, yellow, dark grey; shade 3 for a
 * light background, shade 2 (lighter) for a dark one. */
static const CsRgb categories[2][CS_N_CATEGORIES] = {
  { RGB (0x3584e4), RGB (0xff7800), RGB (0x2ec27e), RGB (0x9141ac), RGB (0xe01b24),
    RGB (0x986a44), RGB (0xe5a50a), RGB (0x5e5c64) },
  { RGB (0x62a0ea), RGB (0xffa348), RGB (0x57e389), RGB (0xc061cb), RGB (0xf66151),
    RGB (0xb5835a), RGB (0xf8e45c), RGB (0x9a9996) },
};

CsRgb
cs_category_color (guint index,
                   bool  dark)
{
  return categories[dark ? 1 : 0][index % CS_N_CATEGORIES];
}

static double
linear (float channel)
{
  return channel <= 0.04045 ? channel / 12.92 : pow ((channel + 0.055) / 1.055, 2.4);
}

double
cs_rgb_luminance (CsRgb color)
{
  return 0.2126 * linear (color.r) + 0.7152 * linear (color.g) + 0.0722 * linear (color.b);
}

/* The text colour with the higher WCAG contrast ratio against the background. */
CsRgb
cs_colormap_text_color (CsRgb background)
{
  double l = cs_rgb_luminance (background);
  double on_black = (l + 0.05) / 0.05, on_white = 1.05 / (l + 0.05);

  return on_black >= on_white ? (CsRgb) { 0, 0, 0 } : (CsRgb) { 1, 1, 1 };
}
