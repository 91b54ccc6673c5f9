/* cs-figure-export.h — heatmap and curve figures written as PNG, SVG or PDF files that say what they show
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-curve-figure.h"
#include "cs-heatmap-figure.h"

G_BEGIN_DECLS

typedef enum
{
  CS_IMAGE_PNG,   /* two pixels a point (one for a very large figure), through cs-png.c */
  CS_IMAGE_SVG,
  CS_IMAGE_PDF,
} CsImageFormat;

/* What the file says about itself, besides the figure's title: PNG text chunks (Title,
 * Dataset, Run, Matrix, Software), the SVG's <title> and <desc>, the PDF's document
 * information (Title, Subject, Creator); the SVG's <desc> and the PDF's Subject also name what
 * a curve figure's legend does. Any may be NULL. */
typedef struct
{
  const char *dataset;   /* the dataset's name */
  const char *run;       /* method, seed and epoch: "CoNAL, seed 1, epoch 87 of 100" */
  const char *matrix;    /* which matrix: "effective confusion of annotator 12" */
} CsImageInfo;

/* The format a file name asks for, by its suffix in any case; false for another suffix. */
bool     cs_image_format_from_path (const char            *path,
                                    CsImageFormat         *format);
/* Draw the figure and write it to path atomically (cs_file_write_atomic); info may be NULL. */
gboolean cs_heatmap_figure_save    (const CsHeatmapFigure *figure,
                                    const CsImageInfo     *info,
                                    const char            *path,
                                    CsImageFormat          format,
                                    GError               **error);
gboolean cs_curve_figure_save      (const CsCurveFigure   *figure,
                                    const CsImageInfo     *info,
                                    const char            *path,
                                    CsImageFormat          format,
                                    GError               **error);

G_END_DECLS
