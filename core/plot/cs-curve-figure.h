/* cs-curve-figure.h — curves over epochs drawn with Cairo, for exported images
 *
 * A figure is a plot of values against the epoch: lines (one run's curve, or the mean of
 * several), bands (± std around a mean, translucent), and horizontal references (a published
 * figure, its ± std shaded, dashed), with a legend naming every one that has a label. Colours are
 * cs_category_color()'s light shades, by the index each item is given. Point i of a line or
 * band is at epoch i + 1; a NaN point leaves a gap. The y axis fits what is drawn, with a
 * margin; accuracies (percent = true) are fractions in [0, 1] shown as percentages.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "cs-colormap.h"
#include "cs-types.h"

G_BEGIN_DECLS

typedef struct _CsCurveFigure CsCurveFigure;

typedef enum
{
  CS_CURVE_LINE_THIN,   /* one run among many, half transparent */
  CS_CURVE_LINE_BOLD,   /* a mean, or a run compared with a few others */
} CsCurveLine;

CsCurveFigure *cs_curve_figure_new           (const char          *title,
                                              const char          *y_title,
                                              bool                 percent);
void           cs_curve_figure_free          (CsCurveFigure       *self);
/* A line under the title, or NULL for none. */
void           cs_curve_figure_set_subtitle  (CsCurveFigure       *self,
                                              const char          *subtitle);

/* Each copies what it is given; label may be NULL, for an item the legend does not name. */
void           cs_curve_figure_add_line      (CsCurveFigure       *self,
                                              const char          *label,
                                              guint                color,
                                              CsCurveLine          line,
                                              const double        *y /* [n] */,
                                              int                  n);
void           cs_curve_figure_add_band      (CsCurveFigure       *self,
                                              const char          *label,
                                              guint                color,
                                              const double        *mean /* [n] */,
                                              const double        *std /* [n] */,
                                              int                  n);
void           cs_curve_figure_add_reference (CsCurveFigure       *self,
                                              const char          *label,
                                              guint                color,
                                              double               value,
                                              double               std);

const char    *cs_curve_figure_get_title     (const CsCurveFigure *self);
/* What the legend names, in its order, as "a; b; c"; NULL when it names nothing. */
char          *cs_curve_figure_get_legend    (const CsCurveFigure *self);
/* The range of the y axis, which holds every finite point, band and reference. */
void           cs_curve_figure_get_y_range   (const CsCurveFigure *self,
                                              double              *lo,
                                              double              *hi);
/* Where (epoch, value) lands in the figure, in points from its top-left corner. */
void           cs_curve_figure_locate        (const CsCurveFigure *self,
                                              double               epoch,
                                              double               value,
                                              double              *x,
                                              double              *y);
/* The figure's size in points (1/72 inch), which the drawing fills. */
void           cs_curve_figure_get_size      (const CsCurveFigure *self,
                                              double              *width,
                                              double              *height);
/* Draws the figure, its white background included, at the origin of cr's user space. */
void           cs_curve_figure_draw          (const CsCurveFigure *self,
                                              cairo_t             *cr);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsCurveFigure, cs_curve_figure_free)

G_END_DECLS
