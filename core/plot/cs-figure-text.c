/* cs-figure-text.c — what every exported figure draws its text and colours with
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-figure-text.h"

#define FONT "sans-serif"

void
cs_figure_prepare (cairo_t *cr)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_set_font_options (cr, options);
  cairo_font_options_destroy (options);
}

void
cs_figure_set_font (cairo_t *cr,
                    double   size,
                    bool     bold)
{
  cairo_select_font_face (cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                          bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size);
}

void
cs_figure_set_color (cairo_t *cr,
                     CsRgb    color)
{
  cairo_set_source_rgb (cr, color.r, color.g, color.b);
}

double
cs_figure_text_width (cairo_t    *cr,
                      const char *text)
{
  cairo_text_extents_t extents;

  cairo_text_extents (cr, text, &extents);
  return extents.x_advance;
}

double
cs_figure_ascent (cairo_t *cr)
{
  cairo_font_extents_t extents;

  cairo_font_extents (cr, &extents);
  return extents.ascent;
}

void
cs_figure_show_text (cairo_t    *cr,
                     const char *text,
                     double      x,
                     double      y,
                     double      align)
{
  cairo_move_to (cr, x - align * cs_figure_text_width (cr, text), y);
  cairo_show_text (cr, text);
}

void
cs_figure_show_turned (cairo_t    *cr,
                       const char *text,
                       double      x,
                       double      y,
                       double      align,
                       double      dy,
                       double      angle)
{
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rotate (cr, angle);
  cs_figure_show_text (cr, text, 0, dy, align);
  cairo_restore (cr);
}
