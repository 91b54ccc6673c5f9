/* cs-heatmap-cells.c — a heatmap's cells painted as pixels, one image rather than a node each
 *
 * A grid of small multiples shows a hundred heatmaps of 64 cells at once. Drawn as a colour node
 * each, every frame of a scroll asks the renderer for thousands of rectangles, more than the
 * cairo renderer fills in 16 ms; painted once per layout, a heatmap is one image however many
 * cells it has. The image is a cairo surface drawn from a cairo node rather than a GdkTexture:
 * GTK 4.8's cairo renderer converts a texture pixel by pixel every time it draws one, and its GL
 * renderer keeps what a cairo node drew. Cells are written pixel by pixel, which for rectangles
 * of one colour is quicker than a cairo context.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "cs-chart-scale.h"
#include "cs-heatmap-cells.h"

/* An opaque colour as a cairo ARGB32 pixel. */
static guint32
to_pixel (const GdkRGBA *color)
{
  guint32 r = (guint32) round (CLAMP (color->red, 0, 1) * 255);
  guint32 g = (guint32) round (CLAMP (color->green, 0, 1) * 255);
  guint32 b = (guint32) round (CLAMP (color->blue, 0, 1) * 255);

  return 0xff000000u | r << 16 | g << 8 | b;
}

/* over, with its alpha, on the opaque under. */
static GdkRGBA
blend (const GdkRGBA *over,
       const GdkRGBA *under)
{
  double a = over->alpha;

  return (GdkRGBA) { over->red * a + under->red * (1 - a), over->green * a + under->green * (1 - a),
                     over->blue * a + under->blue * (1 - a), 1 };
}

/* A cell's pixels, x0 ≤ x < x1 and y0 ≤ y < y1; with stripes, where x + y falls in the second
 * half of a period, as the legend's key has them. */
static void
paint_cell (guchar  *data,
            int      stride,
            int      x0,
            int      y0,
            int      x1,
            int      y1,
            guint32  plain,
            guint32  stripe,
            int      period)
{
  for (int y = y0; y < y1; y++)
    {
      guint32 *row = (guint32 *) (data + (gsize) y * stride);

      for (int x = x0; x < x1; x++)
        row[x] = period > 0 && (x + y) % period >= period / 2 ? stripe : plain;
    }
}

/**
 * cs_heatmap_cells_paint:
 * @k: the number of rows and of columns
 * @cell: the side of a cell's slot, in the widget's pixels
 * @gap: the part of the slot, on its right and below, left clear between cells
 * @scale: device pixels per widget pixel
 * @fills: [k, k]: each cell's opaque colour
 * @striped: [k, k]: cells with no data, striped over their fill as the legend's key is
 * @stripe: the stripes' colour, with its alpha
 *
 * Returns: (transfer full): the cells, @k × @cell widget pixels square at @scale, transparent in
 *   the gaps
 */
cairo_surface_t *
cs_heatmap_cells_paint (guint          k,
                        double         cell,
                        double         gap,
                        int            scale,
                        const GdkRGBA *fills,
                        const guint8  *striped,
                        const GdkRGBA *stripe)
{
  int side = MAX (1, (int) round (k * cell * scale));
  int period = (int) round (2 * CS_CHART_HATCH_PERIOD * scale);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, side, side);
  guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  /* A new image surface is cleared, so the gaps are transparent already. */
  cairo_surface_flush (surface);
  for (guint i = 0; i < k * k; i++)
    {
      int x0 = (int) round (i % k * cell * scale), y0 = (int) round (i / k * cell * scale);
      int x1 = MIN (side, (int) round ((i % k * cell + cell - gap) * scale));
      int y1 = MIN (side, (int) round ((i / k * cell + cell - gap) * scale));
      GdkRGBA mixed = blend (stripe, &fills[i]);

      paint_cell (data, stride, x0, y0, x1, y1, to_pixel (&fills[i]), to_pixel (&mixed),
                  striped[i] ? period : 0);
    }
  cairo_surface_mark_dirty (surface);
  cairo_surface_set_device_scale (surface, scale, scale);
  return surface;
}
