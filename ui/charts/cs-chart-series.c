/* cs-chart-series.c — one curve of a loss chart: its points, and the path drawn for them
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "cs-chart-series.h"

/* The rows a curve covers in one pixel column; top > bottom when it covers none. */
typedef struct
{
  float top;
  float bottom;
} Span;

CsChartSeries *
cs_chart_series_new (const char  *label,
                     CsChartRole  role,
                     gboolean     muted)
{
  CsChartSeries *series = g_new0 (CsChartSeries, 1);

  series->label = g_strdup (label);
  series->role = role;
  series->muted = !!muted;
  series->group = G_MAXUINT;
  series->points = g_array_new (FALSE, FALSE, sizeof (CsChartPoint));
  series->path = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));
  series->spans = g_array_new (FALSE, FALSE, sizeof (Span));
  return series;
}

void
cs_chart_series_free (gpointer data)
{
  CsChartSeries *series = data;

  g_free (series->label);
  g_array_unref (series->points);
  g_clear_pointer (&series->std, g_array_unref);
  g_array_unref (series->path);
  g_array_unref (series->spans);
  g_free (series);
}

/* The first index whose x is above x, in a series whose x never decreases. */
static guint
upper_bound (const CsChartSeries *series,
             double               x)
{
  guint lo = 0, hi = series->points->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (cs_chart_series_point (series, mid)->x <= x)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The index of the point whose x is nearest; the series must not be empty. */
guint
cs_chart_series_nearest (const CsChartSeries *series,
                         double               x)
{
  guint i = upper_bound (series, x);

  if (i == series->points->len)
    return i - 1;
  if (i > 0 && x - cs_chart_series_point (series, i - 1)->x <=
               cs_chart_series_point (series, i)->x - x)
    return i - 1;
  return i;
}

/* The value at exactly epoch x (the last one given, if several were), or NAN. */
double
cs_chart_series_value_at (const CsChartSeries *series,
                          double               x)
{
  guint i = upper_bound (series, x);

  if (i == 0 || fabs (cs_chart_series_point (series, i - 1)->x - x) > 1e-9 * MAX (1, fabs (x)))
    return NAN;
  return cs_chart_series_point (series, i - 1)->y;
}

/* The x of the last point with a value, or NAN. */
double
cs_chart_series_last_x (const CsChartSeries *series)
{
  for (guint i = series->points->len; i > 0; i--)
    if (isfinite (cs_chart_series_point (series, i - 1)->y))
      return cs_chart_series_point (series, i - 1)->x;
  return NAN;
}

static void
append_color_markup (GString       *markup,
                     const GdkRGBA *color)
{
  g_string_append_printf (markup, "<span foreground=\"#%02x%02x%02x\">●</span> ",
                          (int) round (color->red * 255), (int) round (color->green * 255),
                          (int) round (color->blue * 255));
}

/* A value, and a band's half-width after it (NAN for none): “87.2 %”, “87.2 ± 0.6 %”. */
static char *
format_value (double   y,
              double   std,
              gboolean percent)
{
  g_autofree char *value = cs_chart_format_value (y, percent);
  g_autofree char *spread = NULL;

  if (!isfinite (std))
    return g_steal_pointer (&value);
  if (percent)
    return g_strdup_printf ("%.1f ± %.1f %%", 100 * y, 100 * std);
  spread = cs_chart_format_value (std, FALSE);
  return g_strdup_printf ("%s ± %s", value, spread);
}

/* The band's half-width at the point of exactly epoch x, or NAN. */
static double
std_at (const CsChartSeries *series,
        double               x)
{
  guint i = upper_bound (series, x);

  if (series->std == NULL || i == 0)
    return NAN;
  return g_array_index (series->std, double, i - 1);
}

/* Appends the series' value at an epoch to a summary, if it has one there: “ · valid 87.2 %”
 * (with “± std” for a band) to text, and the same on a new line after a dot in the series'
 * colour to markup (if not NULL). */
void
cs_chart_series_describe (const CsChartSeries *series,
                          double               epoch,
                          gboolean             percent,
                          const GdkRGBA       *color,
                          GString             *text,
                          GString             *markup)
{
  double y = cs_chart_series_value_at (series, epoch);
  g_autofree char *value = NULL;
  g_autofree char *line = NULL;

  if (!isfinite (y))
    return;
  value = format_value (y, std_at (series, epoch), percent);
  g_string_append_printf (text, " · %s %s", series->label, value);
  if (markup == NULL)
    return;
  line = g_markup_printf_escaped ("%s %s", series->label, value);
  g_string_append_c (markup, '\n');
  append_color_markup (markup, color);
  g_string_append (markup, line);
}

/* ---- Layout ------------------------------------------------------------------------------- */

/* Turns the series into a polyline in widget coordinates with at most two points (the lowest
 * and the highest, in order) per pixel column, so thousands of epochs draw as fast as a few
 * hundred and a spike inside a column still shows. */
static void
prepare_path (CsChartSeries      *series,
              const CsChartFrame *frame)
{
  static const graphene_point_t run_end = { NAN, NAN };
  graphene_point_t lo = { 0 }, hi = { 0 };
  guint lo_index = 0, hi_index = 0, count = 0;
  int column = 0;

  g_array_set_size (series->path, 0);
  for (guint i = 0; i <= series->points->len; i++)
    {
      const CsChartPoint *p = i < series->points->len ? cs_chart_series_point (series, i) : NULL;
      graphene_point_t q = { 0 };
      gboolean finite = p != NULL && isfinite (p->y);

      if (finite)
        q = GRAPHENE_POINT_INIT (cs_chart_frame_x_to_widget (frame, p->x),
                                 cs_chart_frame_y_to_widget (frame, p->y));
      if (finite && count > 0 && (int) floor (q.x) == column)
        {
          if (q.y < lo.y)
            lo = q, lo_index = i;
          if (q.y > hi.y)
            hi = q, hi_index = i;
          continue;
        }
      /* Flush the column just left: one point, or its two extremes in the order they came. */
      if (count > 0)
        {
          g_array_append_vals (series->path, lo_index <= hi_index ? &lo : &hi, 1);
          if (lo_index != hi_index)
            g_array_append_vals (series->path, lo_index <= hi_index ? &hi : &lo, 1);
        }
      if (!finite && count > 0)
        g_array_append_val (series->path, run_end);
      count = finite;
      lo = hi = q;
      lo_index = hi_index = i;
      column = (int) floor (q.x);
    }
}

static inline void
span_extend (Span   *span,
             double  y)
{
  span->top = MIN (span->top, y);
  span->bottom = MAX (span->bottom, y);
}

/* Adds the rows the segment from a to b (a.x <= b.x) crosses in each column it passes. */
static void
spans_add_segment (GArray                 *spans,
                   int                     x0,
                   const graphene_point_t *a,
                   const graphene_point_t *b)
{
  int first = CLAMP ((int) floor (a->x) - x0, 0, (int) spans->len - 1);
  int last = CLAMP ((int) floor (b->x) - x0, 0, (int) spans->len - 1);
  double slope;

  if (first == last)
    {
      span_extend (&g_array_index (spans, Span, first), a->y);
      span_extend (&g_array_index (spans, Span, first), b->y);
      return;
    }
  slope = (b->y - a->y) / (b->x - a->x);
  for (int k = first; k <= last; k++)
    {
      double left = MAX (a->x, x0 + k), right = MIN (b->x, x0 + k + 1);
      Span *span = &g_array_index (spans, Span, k);

      span_extend (span, a->y + slope * (left - a->x));
      span_extend (span, a->y + slope * (MAX (left, right) - a->x));
    }
}

/* The first column the spans cover: one left of the plot, where a line along its edge spills. */
static int
spans_x0 (const CsChartFrame *frame)
{
  return (int) frame->plot.origin.x - 1;
}

/* A dense curve is drawn as one pixel-aligned rectangle per column rather than stroked: cairo
 * takes tens of milliseconds to stroke a thousand-point zigzag, and a fraction of one to fill
 * a few hundred aligned rectangles, which look the same once points are a pixel apart. */
static void
prepare_spans (CsChartSeries      *series,
               const CsChartFrame *frame)
{
  const graphene_point_t *p = (const graphene_point_t *) series->path->data;
  int x0 = spans_x0 (frame);
  guint n = series->path->len;

  g_array_set_size (series->spans, 0);
  if (n < frame->plot.size.width)
    return;
  g_array_set_size (series->spans, (guint) frame->plot.size.width + 3);
  for (guint k = 0; k < series->spans->len; k++)
    g_array_index (series->spans, Span, k) = (Span) { INFINITY, -INFINITY };

  for (guint i = 0; i < n; i++)
    {
      if (isnan (p[i].x))
        continue;
      if (i + 1 < n && !isnan (p[i + 1].x))
        spans_add_segment (series->spans, x0, &p[i], &p[i + 1]);
      else if (i == 0 || isnan (p[i - 1].x))
        spans_add_segment (series->spans, x0, &p[i], &p[i]);
    }
}

/* Lays the series out for the frame: the thinned path, and the spans when it is dense. */
void
cs_chart_series_prepare (CsChartSeries      *series,
                         const CsChartFrame *frame)
{
  prepare_path (series, frame);
  prepare_spans (series, frame);
}

/* ---- Drawing ------------------------------------------------------------------------------ */

static void
draw_path (cairo_t       *cr,
           GArray        *path,
           const GdkRGBA *color,
           double         line_width)
{
  const graphene_point_t *p = (const graphene_point_t *) path->data;
  guint n = path->len;

  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, line_width);
  for (guint start = 0, end; start < n; start = end + 1)
    {
      for (end = start; end < n && !isnan (p[end].x); end++)
        ;
      /* A point between two gaps has no line to show it: draw it as a dot. */
      if (end - start == 1)
        {
          cairo_arc (cr, p[start].x, p[start].y, line_width * 1.5, 0, 2 * G_PI);
          cairo_fill (cr);
          continue;
        }
      cairo_move_to (cr, p[start].x, p[start].y);
      for (guint i = start + 1; i < end; i++)
        cairo_line_to (cr, p[i].x, p[i].y);
      cairo_stroke (cr);
    }
}

static void
draw_spans (cairo_t       *cr,
            double         x0,
            GArray        *spans,
            const GdkRGBA *color,
            double         line_width)
{
  const Span *span = (const Span *) spans->data;
  double half = line_width / 2;

  gdk_cairo_set_source_rgba (cr, color);
  for (guint k = 0; k < spans->len; k++)
    {
      double top = span[k].top, bottom = span[k].bottom;

      /* A line two pixels wide also covers its left neighbour's rows. */
      if (line_width >= 2 && k > 0)
        top = MIN (top, span[k - 1].top), bottom = MAX (bottom, span[k - 1].bottom);
      if (top > bottom)
        continue;
      top = floor (top - half + 0.5);
      bottom = MAX (top + 1, ceil (bottom + half - 0.5));
      cairo_rectangle (cr, x0 + k, top, 1, bottom - top);
    }
  cairo_fill (cr);
}

/* Draws the series as laid out by cs_chart_series_prepare() for the same frame. */
void
cs_chart_series_draw (const CsChartSeries *series,
                      cairo_t             *cr,
                      const CsChartFrame  *frame,
                      const GdkRGBA       *color,
                      double               line_width)
{
  if (series->spans->len > 0)
    draw_spans (cr, spans_x0 (frame), series->spans, color, line_width);
  else
    draw_path (cr, series->path, color, line_width);
}

/* Fills a run of a band's points, first to end - 1 (all with a value), from mean + std along
 * the top and back along mean - std. */
static void
fill_band_run (const CsChartSeries *series,
               cairo_t             *cr,
               const CsChartFrame  *frame,
               guint                first,
               guint                end)
{
  for (guint i = first; i < end; i++)
    {
      const CsChartPoint *p = cs_chart_series_point (series, i);
      double std = g_array_index (series->std, double, i);

      cairo_line_to (cr, cs_chart_frame_x_to_widget (frame, p->x),
                     cs_chart_frame_y_to_widget (frame, p->y + std));
    }
  for (guint i = end; i > first; i--)
    {
      const CsChartPoint *p = cs_chart_series_point (series, i - 1);
      double std = g_array_index (series->std, double, i - 1);

      cairo_line_to (cr, cs_chart_frame_x_to_widget (frame, p->x),
                     cs_chart_frame_y_to_widget (frame, p->y - std));
    }
  cairo_close_path (cr);
}

/* Fills a band's mean ± std area; an epoch without a value (or a std) leaves a gap. A band has
 * one point an epoch, few enough to draw as they are. */
void
cs_chart_series_draw_band (const CsChartSeries *series,
                           cairo_t             *cr,
                           const CsChartFrame  *frame,
                           const GdkRGBA       *color)
{
  guint n = series->points->len;

  if (series->std == NULL)
    return;
  gdk_cairo_set_source_rgba (cr, color);
  for (guint start = 0, end; start < n; start = end + 1)
    {
      for (end = start; end < n && isfinite (cs_chart_series_point (series, end)->y) &&
                        isfinite (g_array_index (series->std, double, end)); end++)
        ;
      if (end > start)
        {
          cairo_new_sub_path (cr);
          fill_band_run (series, cr, frame, start, end);
        }
    }
  cairo_fill (cr);
}
