/* cs-heatmap-figure.c — confusion matrices drawn with Cairo, for exported images
 *
 * The layout is measured first (every text's width with the fonts it is drawn in), then drawn
 * from those numbers, so nothing is cut off: the figure grows to hold its longest class name,
 * its title and its legend.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include "cs-heatmap-figure.h"

#include <math.h>

#include "cs-figure-text.h"

#define MARGIN        20.0
#define GAP           6.0
#define TITLE_SIZE    15.0
#define SUBTITLE_SIZE 11.0
#define LABEL_SIZE    12.0    /* class names of a single heatmap */
#define AXIS_SIZE     11.0    /* "true class", "label given" */
#define TICK_SIZE     10.0    /* the legend's numbers */
#define NAME_SIZE     10.0    /* the names under small multiples */
#define SMALL_LABEL   8.0     /* class names beside small multiples */
#define LEGEND_BAR    14.0
#define SWATCH_ROOM   22.0    /* the legend's "no data" swatch and its gap */
#define COS45         0.70710678118654752

/* Where everything goes, in points; the matrices' corners and cells on whole points, so that
 * adjacent cells meet on pixel edges without a seam. */
typedef struct
{
  double width, height;
  double header;              /* height of the title and subtitle block */
  double drop;                /* how far the turned column names reach from the matrix */
  double x0, y0;              /* top-left corner of the matrix, or of the first small multiple */
  double cell;                /* side of one cell */
  double label_size;          /* class names; 0 when small multiples are too small for them */
  double value_size;          /* values inside the cells (SINGLE) */
  double legend_x, legend_y, legend_h;
  bool   no_data;             /* some cell is NaN: the legend shows the no-data colour */
  int    cols, rows;          /* GRID */
  double pitch_x, pitch_y;    /* GRID: from one small multiple to the next */
} Layout;

static double
widest (cairo_t      *cr,
        char * const *texts,
        int           n)
{
  double w = 0;

  for (int i = 0; i < n; i++)
    w = MAX (w, cs_figure_text_width (cr, texts[i]));
  return w;
}

static bool
has_nan (const CsHeatmapFigure *figure)
{
  size_t cells = (size_t) figure->n * figure->K * figure->K;

  for (size_t i = 0; i < cells; i++)
    if (isnan (figure->matrices[i]))
      return true;
  return false;
}

/* ---- Measuring ---------------------------------------------------------------------------- */

/* Small multiples have no room for axis titles: a line under the header says it instead. */
#define GRID_NOTE N_("rows: true class · columns: label given")

/* The lines under the title: the subtitle, and the grid's note. */
static int
header_lines (const CsHeatmapFigure *figure,
              const char           **lines)
{
  int n = 0;

  if (figure->subtitle != NULL)
    lines[n++] = figure->subtitle;
  if (figure->layout == CS_FIGURE_GRID)
    lines[n++] = _(GRID_NOTE);
  return n;
}

/* Height of the title and the lines under it, and the widest of them, which the figure must
 * hold. */
static double
measure_header (cairo_t               *cr,
                const CsHeatmapFigure *figure,
                double                *width)
{
  const char *lines[2];
  int n = header_lines (figure, lines);

  cs_figure_set_font (cr, TITLE_SIZE, true);
  *width = cs_figure_text_width (cr, figure->title);
  cs_figure_set_font (cr, SUBTITLE_SIZE, false);
  for (int i = 0; i < n; i++)
    *width = MAX (*width, cs_figure_text_width (cr, lines[i]));
  return TITLE_SIZE * 1.25 + n * SUBTITLE_SIZE * 1.4 + 14;
}

/* How far below (or above) the matrix its column names reach, turned by 45°, and how far left
 * of the matrix the first ones reach: x0 must leave that much room. */
static double
measure_turned_names (cairo_t      *cr,
                      char * const *names,
                      int           K,
                      double        cell,
                      double       *left)
{
  double a = cs_figure_ascent (cr), w = widest (cr, names, K);

  *left = 0;
  for (int j = 0; j < K; j++)
    *left = MAX (*left, COS45 * (cs_figure_text_width (cr, names[j]) + a) - (j + 0.5) * cell);
  return COS45 * (w + a);
}

/* The legend's width: the bar, its numbers and the no-data swatch's words. */
static double
measure_legend (cairo_t *cr,
                bool     no_data)
{
  double w;

  cs_figure_set_font (cr, TICK_SIZE, false);
  w = MAX (cs_figure_text_width (cr, "0.75"), cs_figure_text_width (cr, "−0.5"));
  if (no_data)
    w = MAX (w, cs_figure_text_width (cr, _("no data")));
  return LEGEND_BAR + 4 + w;
}

static void
place_legend (Layout *l,
              double  right_of,
              double  top,
              double  height)
{
  l->legend_x = right_of + 18;
  l->legend_y = top;
  l->legend_h = MAX (height - (l->no_data ? SWATCH_ROOM : 0), 40);
}

static void
layout_single (cairo_t               *cr,
               const CsHeatmapFigure *figure,
               Layout                *l)
{
  int K = figure->K;
  double title_w, row_w, left, bottom, axis_a;

  l->header = measure_header (cr, figure, &title_w);
  l->cell = CLAMP (floor (440.0 / K), 18, 64);
  l->label_size = LABEL_SIZE;
  l->value_size = MIN (11, floor (l->cell * 0.3));
  cs_figure_set_font (cr, LABEL_SIZE, false);
  row_w = widest (cr, figure->class_names, K);
  l->drop = measure_turned_names (cr, figure->class_names, K, l->cell, &left);
  cs_figure_set_font (cr, AXIS_SIZE, false);
  axis_a = cs_figure_ascent (cr);
  l->x0 = ceil (MAX (MARGIN + AXIS_SIZE * 1.3 + GAP + row_w + GAP, MARGIN + left));
  l->y0 = ceil (MARGIN + l->header);
  bottom = l->y0 + K * l->cell + GAP + l->drop + GAP + axis_a + AXIS_SIZE * 0.3;
  place_legend (l, l->x0 + K * l->cell, l->y0, K * l->cell);
  l->width = MAX (l->legend_x + measure_legend (cr, l->no_data), MARGIN + title_w) + MARGIN;
  l->height = MAX (bottom, l->legend_y + l->legend_h + (l->no_data ? SWATCH_ROOM : 0)) + MARGIN;
}

/* Small multiples: as square a grid as the count allows, each tile as wide as its name needs,
 * class names beside the first column and above the first row while their cells are tall
 * enough to carry them. */
static void
layout_grid (cairo_t               *cr,
             const CsHeatmapFigure *figure,
             Layout                *l)
{
  int K = figure->K;
  double title_w, tile, names_w, row_w = 0, left = 0, names_right;

  l->header = measure_header (cr, figure, &title_w);
  l->cell = CLAMP (floor (112.0 / K), 3, 14);
  l->label_size = l->cell >= 9 ? SMALL_LABEL : 0;
  tile = K * l->cell;
  cs_figure_set_font (cr, NAME_SIZE, false);
  names_w = widest (cr, figure->names, figure->n);
  l->cols = (int) ceil (sqrt (figure->n));
  l->rows = (figure->n + l->cols - 1) / l->cols;
  l->pitch_x = ceil (MAX (tile, names_w) + 14);
  l->pitch_y = ceil (tile + 4 + NAME_SIZE * 1.3 + 10);
  if (l->label_size > 0)
    {
      cs_figure_set_font (cr, l->label_size, false);
      row_w = widest (cr, figure->class_names, K) + 3;
      l->drop = measure_turned_names (cr, figure->class_names, K, l->cell, &left) + 3;
    }
  l->x0 = ceil (MARGIN + row_w);
  l->y0 = ceil (MARGIN + l->header + l->drop);
  /* The last column names of the first row run up to the right, past their small multiple. */
  names_right = l->x0 + (MIN (l->cols, figure->n) - 0.5) * l->pitch_x - 7 + tile / 2 + l->drop;
  place_legend (l, l->x0 + l->cols * l->pitch_x - 14, l->y0, MIN (l->rows * l->pitch_y - 10, 240));
  l->width = MAX (MAX (l->legend_x + measure_legend (cr, l->no_data), MARGIN + title_w),
                  names_right) + MARGIN;
  l->height = MAX (l->y0 + l->rows * l->pitch_y - 10,
                   l->legend_y + l->legend_h + (l->no_data ? SWATCH_ROOM : 0)) + MARGIN;
}

static void
layout_figure (cairo_t               *cr,
               const CsHeatmapFigure *figure,
               Layout                *l)
{
  *l = (Layout) { .no_data = has_nan (figure) };
  cs_figure_prepare (cr);
  if (figure->layout == CS_FIGURE_SINGLE)
    layout_single (cr, figure, l);
  else
    layout_grid (cr, figure, l);
}

/* ---- Drawing ------------------------------------------------------------------------------ */

static CsRgb
cell_color (const CsHeatmapFigure *figure,
            float                  value)
{
  return cs_colormap_lookup_in (figure->colormap, figure->palette, false, value);
}

static void
draw_header (cairo_t               *cr,
             const CsHeatmapFigure *figure)
{
  const char *lines[2];
  int n = header_lines (figure, lines);

  cs_figure_set_font (cr, TITLE_SIZE, true);
  cs_figure_set_color (cr, (CsRgb) { 0.1f, 0.1f, 0.1f });
  cs_figure_show_text (cr, figure->title, MARGIN, MARGIN + TITLE_SIZE, 0);
  cs_figure_set_font (cr, SUBTITLE_SIZE, false);
  cs_figure_set_color (cr, (CsRgb) { 0.35f, 0.35f, 0.35f });
  for (int i = 0; i < n; i++)
    cs_figure_show_text (cr, lines[i], MARGIN, MARGIN + TITLE_SIZE * 1.25 + SUBTITLE_SIZE * (1.4 * i + 1.2), 0);
}

/* K × K cells of side `cell` with their top-left corner at (x, y), and a hairline frame. */
static void
draw_cells (cairo_t               *cr,
            const CsHeatmapFigure *figure,
            const float           *m,
            double                 x,
            double                 y,
            double                 cell)
{
  int K = figure->K;

  for (int i = 0; i < K; i++)
    for (int j = 0; j < K; j++)
      {
        cs_figure_set_color (cr, cell_color (figure, m[i * K + j]));
        cairo_rectangle (cr, x + j * cell, y + i * cell, cell, cell);
        cairo_fill (cr);
      }
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 0.5);
  cairo_rectangle (cr, x, y, K * cell, K * cell);
  cairo_stroke (cr);
}

/* Each value in its cell, in the colour that reads on it, where it fits. */
static void
draw_values (cairo_t               *cr,
             const CsHeatmapFigure *figure,
             const Layout          *l)
{
  int K = figure->K;

  cs_figure_set_font (cr, l->value_size, false);
  for (int i = 0; i < K; i++)
    for (int j = 0; j < K; j++)
      {
        float value = figure->matrices[i * K + j];
        char text[32];

        if (isnan (value))
          continue;
        g_snprintf (text, sizeof text, "%s%.2f", value < 0 ? "−" : "", fabs (value));
        if (cs_figure_text_width (cr, text) > l->cell - 4)
          continue;
        cs_figure_set_color (cr, cs_colormap_text_color (cell_color (figure, value)));
        cs_figure_show_text (cr, text, l->x0 + (j + 0.5) * l->cell,
                             l->y0 + (i + 0.5) * l->cell + 0.35 * l->value_size, 0.5);
      }
}

/* Row names right-aligned left of x; column names turned 45°, ending at their column's
 * centre, below the matrix (above = false) or above it. */
static void
draw_class_names (cairo_t               *cr,
                  const CsHeatmapFigure *figure,
                  double                 x,
                  double                 y,
                  double                 cell,
                  double                 size,
                  bool                   rows,
                  bool                   columns,
                  bool                   above)
{
  int K = figure->K;
  double a;

  cs_figure_set_font (cr, size, false);
  cs_figure_set_color (cr, (CsRgb) { 0.15f, 0.15f, 0.15f });
  a = cs_figure_ascent (cr);
  for (int i = 0; rows && i < K; i++)
    cs_figure_show_text (cr, figure->class_names[i], x - 3, y + (i + 0.5) * cell + 0.35 * size, 1);
  for (int j = 0; columns && j < K; j++)
    {
      double cx = x + (j + 0.5) * cell;

      if (above)
        cs_figure_show_turned (cr, figure->class_names[j], cx, y - 3, 0, 0.35 * a, -G_PI / 4);
      else
        cs_figure_show_turned (cr, figure->class_names[j], cx, y + K * cell + GAP, 1, 0.35 * a, -G_PI / 4);
    }
}

static void
draw_axis_titles (cairo_t               *cr,
                  const CsHeatmapFigure *figure,
                  const Layout          *l)
{
  double side = figure->K * l->cell;

  cs_figure_set_font (cr, AXIS_SIZE, false);
  cs_figure_set_color (cr, (CsRgb) { 0.35f, 0.35f, 0.35f });
  cs_figure_show_turned (cr, _("true class"), MARGIN + AXIS_SIZE, l->y0 + side / 2, 0.5, 0, -G_PI / 2);
  cs_figure_show_text (cr, _("label given"), l->x0 + side / 2,
                       l->y0 + side + GAP + l->drop + GAP + cs_figure_ascent (cr), 0.5);
}

/* A bar of the colour map, top = its largest value, with five numbers; and the no-data
 * colour beneath when a cell has none. */
static void
draw_legend (cairo_t               *cr,
             const CsHeatmapFigure *figure,
             const Layout          *l)
{
  bool diverging = figure->colormap == CS_COLORMAP_DIVERGING;
  double lo = diverging ? -1 : 0, x = l->legend_x, y = l->legend_y, h = l->legend_h;
  cairo_pattern_t *ramp = cairo_pattern_create_linear (0, y + h, 0, y);

  for (int s = 0; s <= 16; s++)
    {
      CsRgb c = cell_color (figure, (float) (lo + (1 - lo) * s / 16.0));

      cairo_pattern_add_color_stop_rgb (ramp, s / 16.0, c.r, c.g, c.b);
    }
  cairo_set_source (cr, ramp);
  cairo_rectangle (cr, x, y, LEGEND_BAR, h);
  cairo_fill_preserve (cr);
  cairo_pattern_destroy (ramp);
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 0.5);
  cairo_stroke (cr);

  cs_figure_set_font (cr, TICK_SIZE, false);
  cs_figure_set_color (cr, (CsRgb) { 0.2f, 0.2f, 0.2f });
  for (int t = 0; t <= 4; t++)
    {
      double value = lo + (1 - lo) * t / 4.0, ty = y + h - h * t / 4.0;
      char text[16];

      if (diverging)
        g_snprintf (text, sizeof text, "%s%g", value < 0 ? "−" : "", fabs (value));
      else
        g_snprintf (text, sizeof text, "%g", value);
      cs_figure_show_text (cr, text, x + LEGEND_BAR + 4, ty + 0.35 * TICK_SIZE, 0);
    }
  if (!l->no_data)
    return;
  cs_figure_set_color (cr, cell_color (figure, NAN));
  cairo_rectangle (cr, x, y + h + SWATCH_ROOM - 12, LEGEND_BAR, 12);
  cairo_fill (cr);
  cs_figure_set_color (cr, (CsRgb) { 0.2f, 0.2f, 0.2f });
  cs_figure_show_text (cr, _("no data"), x + LEGEND_BAR + 4, y + h + SWATCH_ROOM - 6 + 0.35 * TICK_SIZE, 0);
}

static void
draw_single (cairo_t               *cr,
             const CsHeatmapFigure *figure,
             const Layout          *l)
{
  draw_cells (cr, figure, figure->matrices, l->x0, l->y0, l->cell);
  draw_values (cr, figure, l);
  draw_class_names (cr, figure, l->x0 - GAP + 3, l->y0, l->cell, LABEL_SIZE, true, false, false);
  draw_class_names (cr, figure, l->x0, l->y0, l->cell, LABEL_SIZE, false, true, false);
  draw_axis_titles (cr, figure, l);
}

static void
draw_grid (cairo_t               *cr,
           const CsHeatmapFigure *figure,
           const Layout          *l)
{
  size_t KK = (size_t) figure->K * figure->K;
  double tile = figure->K * l->cell;

  for (int m = 0; m < figure->n; m++)
    {
      int row = m / l->cols, col = m % l->cols;
      double x = l->x0 + col * l->pitch_x, y = l->y0 + row * l->pitch_y;
      double slot = l->pitch_x - 14, tile_x = x + floor ((slot - tile) / 2);

      draw_cells (cr, figure, figure->matrices + m * KK, tile_x, y, l->cell);
      if (l->label_size > 0 && (col == 0 || row == 0))
        draw_class_names (cr, figure, tile_x, y, l->cell, l->label_size, col == 0, row == 0, true);
      cs_figure_set_font (cr, NAME_SIZE, false);
      cs_figure_set_color (cr, (CsRgb) { 0.15f, 0.15f, 0.15f });
      cs_figure_show_text (cr, figure->names[m], x + slot / 2, y + tile + 4 + NAME_SIZE, 0.5);
    }
}

static bool
figure_is_valid (const CsHeatmapFigure *figure)
{
  return figure != NULL && figure->K >= 1 && figure->n >= 1 && figure->matrices != NULL &&
         figure->class_names != NULL && figure->title != NULL &&
         (figure->layout == CS_FIGURE_SINGLE ? figure->n == 1 : figure->names != NULL);
}

void
cs_heatmap_figure_get_size (const CsHeatmapFigure *figure,
                            double                *width,
                            double                *height)
{
  cairo_surface_t *scratch;
  cairo_t *cr;
  Layout l;

  g_return_if_fail (figure_is_valid (figure));
  g_return_if_fail (width != NULL && height != NULL);

  scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (scratch);
  layout_figure (cr, figure, &l);
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
  *width = ceil (l.width);
  *height = ceil (l.height);
}

void
cs_heatmap_figure_draw (const CsHeatmapFigure *figure,
                        cairo_t               *cr)
{
  Layout l;

  g_return_if_fail (figure_is_valid (figure));
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  layout_figure (cr, figure, &l);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, ceil (l.width), ceil (l.height));
  cairo_fill (cr);
  draw_header (cr, figure);
  if (figure->layout == CS_FIGURE_SINGLE)
    draw_single (cr, figure, &l);
  else
    draw_grid (cr, figure, &l);
  draw_legend (cr, figure, &l);
  cairo_restore (cr);
}
