/* cs-figure-text.h — what every exported figure draws its text and colours with
 *
 * Text uses Cairo's toy API and the fontconfig "sans-serif" face, so that a figure needs
 * neither Pango nor a toolkit; metrics are taken without hinting, so that a PNG, an SVG and a
 * PDF of the same figure lay out the same.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "cs-colormap.h"

G_BEGIN_DECLS

/* Metrics without hinting, the same on every surface: call it before measuring anything. */
void   cs_figure_prepare     (cairo_t    *cr);
void   cs_figure_set_font    (cairo_t    *cr,
                              double      size,
                              bool        bold);
void   cs_figure_set_color   (cairo_t    *cr,
                              CsRgb       color);
double cs_figure_text_width  (cairo_t    *cr,
                              const char *text);
double cs_figure_ascent      (cairo_t    *cr);
/* Text with its left end (align 0), middle (0.5) or right end (1) at x, baseline at y. */
void   cs_figure_show_text   (cairo_t    *cr,
                              const char *text,
                              double      x,
                              double      y,
                              double      align);
/* The same, turned by `angle` around (x, y), the baseline moved by dy. */
void   cs_figure_show_turned (cairo_t    *cr,
                              const char *text,
                              double      x,
                              double      y,
                              double      align,
                              double      dy,
                              double      angle);

G_END_DECLS
