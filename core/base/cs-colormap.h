/* cs-colormap.h — the colour maps the heatmaps use, on screen and in exported images
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <stdbool.h>

G_BEGIN_DECLS

typedef enum
{
  CS_COLORMAP_SEQUENTIAL,   /* probabilities and rates: 0 … 1 */
  CS_COLORMAP_DIVERGING,    /* differences: −1 … 0 … 1 */
} CsColormap;

/* The ramp a SEQUENTIAL map is drawn with: a person's choice (Preferences). */
typedef enum
{
  CS_PALETTE_BLUES,         /* ColorBrewer Blues: one hue, lightness carries the value */
  CS_PALETTE_VIRIDIS,       /* viridis: hue and lightness, perceptually even */
  CS_PALETTE_GREYS,         /* lightness alone, for print in black and white */
} CsPalette;

/* sRGB, each channel in [0, 1]. */
typedef struct
{
  float r, g, b;
} CsRgb;

/* The colour of `value` (clamped to the map's range); NaN, a cell with no data, gets the map's
 * "no data" colour. `dark` picks the ramp made for a dark background, whose low end sits near
 * the background as the light ramp's does on a light one. */
CsRgb  cs_colormap_lookup     (CsColormap  map,
                               bool        dark,
                               double      value);
/* The same with a SEQUENTIAL map drawn in `palette` (a DIVERGING map has one ramp only). */
CsRgb  cs_colormap_lookup_in  (CsColormap  map,
                               CsPalette   palette,
                               bool        dark,
                               double      value);
/* The n-th colour of the categorical palette that tells series apart (a method, a run): eight
 * hues of the GNOME palette, in an order whose neighbours differ most, repeating after the
 * eighth. `dark` picks their lighter shades, made to read on a dark background. */
#define CS_N_CATEGORIES 8
CsRgb  cs_category_color      (guint       index,
                               bool        dark);
/* Black or white, whichever reads better on `background`. */
CsRgb  cs_colormap_text_color (CsRgb       background);
/* The relative luminance of an sRGB colour (WCAG 2), 0 for black to 1 for white. */
double cs_rgb_luminance       (CsRgb       color);

G_END_DECLS
