/* cs-heatmap-figure.h — confusion matrices drawn with Cairo, for exported images
 *
 * A figure is one K × K heatmap, with the class names on both axes and the value in each cell
 * when it fits, or a grid of small multiples of n matrices (every annotator's), each named
 * underneath; either way with a title and a colour legend. Colours come from cs-colormap.h
 * with its light ramp: the sequential map for probabilities, the diverging one for
 * differences. Text uses Cairo's toy API and the fontconfig "sans-serif" face, so the figure
 * needs neither Pango nor a toolkit.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "cs-colormap.h"
#include "cs-types.h"

G_BEGIN_DECLS

typedef enum
{
  CS_FIGURE_SINGLE,   /* one matrix, class names on both axes, values in the cells */
  CS_FIGURE_GRID,     /* small multiples of n matrices, a name under each */
} CsFigureLayout;

typedef struct
{
  CsFigureLayout  layout;
  int             n;            /* matrices: 1 for SINGLE */
  int             K;
  const float    *matrices;     /* [n, K, K]: rows the true class, columns the label given;
                                 * NaN for a cell without data */
  char * const   *class_names;  /* [K] */
  char * const   *names;        /* [n] under each small multiple; ignored for SINGLE */
  CsColormap      colormap;     /* SEQUENTIAL for values in [0, 1], DIVERGING for [−1, 1] */
  const char     *title;
  const char     *subtitle;     /* a line under the title, or NULL */
  CsPalette       palette;      /* the ramp of a SEQUENTIAL map; 0 is Blues */
} CsHeatmapFigure;

/* The figure's size in points (1/72 inch), which the drawing fills. */
void cs_heatmap_figure_get_size (const CsHeatmapFigure *figure,
                                 double                *width,
                                 double                *height);
/* Draws the figure, its white background included, at the origin of cr's user space. */
void cs_heatmap_figure_draw     (const CsHeatmapFigure *figure,
                                 cairo_t               *cr);

G_END_DECLS
