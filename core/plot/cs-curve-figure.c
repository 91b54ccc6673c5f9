/* cs-curve-figure.c — curves over epochs drawn with Cairo, for exported images
 *
 * As the heatmap figure does, the layout is measured first (the tick numbers' and the legend's
 * widths in the fonts they are drawn in), then drawn from those numbers. The plot keeps one
 * size whatever the legend holds, so that figures of different runs compare side by side.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-curve-figure.h"

#include <math.h>

#include "cs-figure-text.h"

#define MARGIN        20.0
#define GAP           6.0
#define TITLE_SIZE    15.0
#define SUBTITLE_SIZE 11.0
#define AXIS_SIZE     11.0  /* "epoch", the y axis's title */
#define TICK_SIZE     10.0
#define LEGEND_SIZE   10.5
#define LEGEND_ROW    17.0
#define SWATCH        24.0  /* the legend's sample of a line, band or reference */
#define PLOT_WIDTH    440.0
#define PLOT_HEIGHT   280.0
#define BAND_ALPHA    0.22
#define SHADE_ALPHA   0.14  /* a reference's ± std */
#define THIN_ALPHA    0.55
#define N_TICKS       5     /* about as many ticks on the y axis */

typedef enum
{
  ITEM_LINE,
  ITEM_BAND,
  ITEM_REFERENCE,
} ItemKind;

typedef struct
{
  ItemKind     kind;
  char        *label;
  guint        color;
  CsCurveLine  line;
  double      *y;             /* [n]: LINE's points, BAND's mean */
  double      *std;           /* [n]: BAND */
  int          n;
  double       value;         /* REFERENCE */
  double       value_std;
} Item;

struct _CsCurveFigure
{
  char   *title;
  char   *subtitle;           /* or NULL */
  char   *y_title;
  bool    percent;
  GArray *items;              /* of Item, in the order drawn within their kind */
};

/* Where everything goes, in points, and what the axes span. */
typedef struct
{
  double width, height;
  double x0, y0;              /* the plot's top-left corner */
  double x_lo, x_hi;          /* epochs */
  double y_lo, y_hi;
  double y_step, x_step;      /* between ticks */
  double legend_x;
  int    n_legend;
} Layout;

static void
clear_item (gpointer data)
{
  Item *item = data;

  g_free (item->label);
  g_free (item->y);
  g_free (item->std);
}

CsCurveFigure *
cs_curve_figure_new (const char *title,
                     const char *y_title,
                     bool        percent)
{
  CsCurveFigure *self;

  g_return_val_if_fail (title != NULL && y_title != NULL, NULL);

  self = g_new0 (CsCurveFigure, 1);
  self->title = g_strdup (title);
  self->y_title = g_strdup (y_title);
  self->percent = percent;
  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->items, clear_item);
  return self;
}

void
cs_curve_figure_free (CsCurveFigure *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->y_title);
  g_array_unref (self->items);
  g_free (self);
}

void
cs_curve_figure_set_subtitle (CsCurveFigure *self,
                              const char    *subtitle)
{
  g_return_if_fail (self != NULL);

  g_free (self->subtitle);
  self->subtitle = g_strdup (subtitle);
}

static void
add_item (CsCurveFigure *self,
          Item           item,
          const char    *label)
{
  item.label = g_strdup (label);
  g_array_append_val (self->items, item);
}

void
cs_curve_figure_add_line (CsCurveFigure *self,
                          const char    *label,
                          guint          color,
                          CsCurveLine    line,
                          const double  *y,
                          int            n)
{
  g_return_if_fail (self != NULL && n >= 0 && (y != NULL || n == 0));

  add_item (self, (Item) { .kind = ITEM_LINE, .color = color, .line = line,
                           .y = g_memdup2 (y, n * sizeof *y), .n = n }, label);
}

void
cs_curve_figure_add_band (CsCurveFigure *self,
                          const char    *label,
                          guint          color,
                          const double  *mean,
                          const double  *std,
                          int            n)
{
  g_return_if_fail (self != NULL && n >= 0 && ((mean != NULL && std != NULL) || n == 0));

  add_item (self, (Item) { .kind = ITEM_BAND, .color = color, .y = g_memdup2 (mean, n * sizeof *mean),
                           .std = g_memdup2 (std, n * sizeof *std), .n = n }, label);
}

void
cs_curve_figure_add_reference (CsCurveFigure *self,
                               const char    *label,
                               guint          color,
                               double         value,
                               double         std)
{
  g_return_if_fail (self != NULL && isfinite (value));

  add_item (self, (Item) { .kind = ITEM_REFERENCE, .color = color, .value = value,
                           .value_std = isfinite (std) ? fabs (std) : 0 }, label);
}

const char *
cs_curve_figure_get_title (const CsCurveFigure *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->title;
}

static const Item *
item_at (const CsCurveFigure *self,
         guint                i)
{
  return &g_array_index (self->items, Item, i);
}

char *
cs_curve_figure_get_legend (const CsCurveFigure *self)
{
  GString *legend = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      const char *label = item_at (self, i)->label;

      if (label == NULL)
        continue;
      if (legend == NULL)
        legend = g_string_new (label);
      else
        g_string_append_printf (legend, "; %s", label);
    }
  return legend ? g_string_free (legend, FALSE) : NULL;
}

/* ---- The axes ----------------------------------------------------------------------------- */

/* 1, 2 or 5 times a power of ten, near span / n. */
static double
nice_step (double span,
           int    n)
{
  double raw = span / n, magnitude = pow (10, floor (log10 (raw))), f = raw / magnitude;

  return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * magnitude;
}

static void
widen (double *lo,
       double *hi,
       double  value)
{
  if (isfinite (value))
    {
      *lo = MIN (*lo, value);
      *hi = MAX (*hi, value);
    }
}

/* The lowest and highest value drawn: points, bands' edges, references' shades. */
static void
data_range (const CsCurveFigure *self,
            double              *lo,
            double              *hi)
{
  *lo = INFINITY;
  *hi = -INFINITY;
  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = item_at (self, i);

      if (item->kind == ITEM_REFERENCE)
        {
          widen (lo, hi, item->value - item->value_std);
          widen (lo, hi, item->value + item->value_std);
        }
      for (int e = 0; e < item->n; e++)
        {
          double s = item->kind == ITEM_BAND && isfinite (item->std[e]) ? item->std[e] : 0;

          widen (lo, hi, item->y[e] - s);
          widen (lo, hi, item->y[e] + s);
        }
    }
}

/* The data's range and a twentieth of it on either side; accuracies stay within 0 … 100 %. */
static void
y_range (const CsCurveFigure *self,
         double              *lo,
         double              *hi)
{
  double margin;

  data_range (self, lo, hi);
  if (!isfinite (*lo))
    {
      *lo = 0;
      *hi = 1;
      return;
    }
  margin = *hi > *lo ? (*hi - *lo) / 20 : MAX (fabs (*lo) * 0.05, 0.01);
  *lo -= margin;
  *hi += margin;
  if (self->percent)
    {
      *lo = MAX (*lo, 0);
      *hi = MIN (*hi, 1);
    }
}

static int
n_epochs (const CsCurveFigure *self)
{
  int n = 0;

  for (guint i = 0; i < self->items->len; i++)
    n = MAX (n, item_at (self, i)->n);
  return n;
}

/* "85 %", "87.5 %" or "0.25": as many decimals as the step between ticks needs. */
static void
format_tick (const CsCurveFigure *self,
             double               value,
             double               step,
             char                *text,
             gsize                size)
{
  double scale = self->percent ? 100 : 1;
  int decimals = MAX (0, (int) -floor (log10 (step * scale) + 1e-9));

  if (fabs (value) < step / 1000)
    value = 0;
  g_snprintf (text, size, self->percent ? "%.*f %%" : "%.*f", decimals, value * scale);
}

/* ---- Measuring ---------------------------------------------------------------------------- */

static double
widest_tick (cairo_t             *cr,
             const CsCurveFigure *self,
             const Layout        *l)
{
  double w = 0;

  cs_figure_set_font (cr, TICK_SIZE, false);
  for (double v = ceil (l->y_lo / l->y_step) * l->y_step; v <= l->y_hi + 1e-12; v += l->y_step)
    {
      char text[32];

      format_tick (self, v, l->y_step, text, sizeof text);
      w = MAX (w, cs_figure_text_width (cr, text));
    }
  return w;
}

/* The legend's width, and how many rows it has. */
static double
measure_legend (cairo_t             *cr,
                const CsCurveFigure *self,
                int                 *rows)
{
  double w = 0;

  *rows = 0;
  cs_figure_set_font (cr, LEGEND_SIZE, false);
  for (guint i = 0; i < self->items->len; i++)
    if (item_at (self, i)->label != NULL)
      {
        w = MAX (w, cs_figure_text_width (cr, item_at (self, i)->label));
        (*rows)++;
      }
  return *rows > 0 ? SWATCH + GAP + w : 0;
}

static void
layout_figure (cairo_t             *cr,
               const CsCurveFigure *self,
               Layout              *l)
{
  double title_w, legend_w;

  *l = (Layout) { .x_lo = 1, .x_hi = MAX (n_epochs (self), 2) };
  cs_figure_prepare (cr);
  y_range (self, &l->y_lo, &l->y_hi);
  l->y_step = nice_step (l->y_hi - l->y_lo, N_TICKS);
  l->x_step = MAX (1, nice_step (l->x_hi - l->x_lo, 6));
  cs_figure_set_font (cr, TITLE_SIZE, true);
  title_w = cs_figure_text_width (cr, self->title);
  cs_figure_set_font (cr, SUBTITLE_SIZE, false);
  if (self->subtitle != NULL)
    title_w = MAX (title_w, cs_figure_text_width (cr, self->subtitle));
  l->x0 = ceil (MARGIN + AXIS_SIZE * 1.3 + GAP + widest_tick (cr, self, l) + GAP);
  l->y0 = ceil (MARGIN + TITLE_SIZE * 1.25 + (self->subtitle ? SUBTITLE_SIZE * 1.4 : 0) + 14);
  legend_w = measure_legend (cr, self, &l->n_legend);
  l->legend_x = l->x0 + PLOT_WIDTH + 18;
  l->width = ceil (MAX (l->n_legend > 0 ? l->legend_x + legend_w : l->x0 + PLOT_WIDTH,
                        MARGIN + title_w) + MARGIN);
  l->height = ceil (MAX (l->y0 + PLOT_HEIGHT + GAP + TICK_SIZE * 1.2 + GAP + AXIS_SIZE * 1.2,
                         l->y0 + l->n_legend * LEGEND_ROW) + MARGIN);
}

/* The layout, measured on a scratch surface, for those who do not draw. */
static void
layout_scratch (const CsCurveFigure *self,
                Layout              *l)
{
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (scratch);

  layout_figure (cr, self, l);
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
}

static double
to_x (const Layout *l,
      double        epoch)
{
  return l->x0 + (epoch - l->x_lo) / (l->x_hi - l->x_lo) * PLOT_WIDTH;
}

static double
to_y (const Layout *l,
      double        value)
{
  return l->y0 + (l->y_hi - value) / (l->y_hi - l->y_lo) * PLOT_HEIGHT;
}

/* ---- Drawing ------------------------------------------------------------------------------ */

static void
set_category (cairo_t *cr,
              guint    color,
              double   alpha)
{
  CsRgb c = cs_category_color (color, false);

  cairo_set_source_rgba (cr, c.r, c.g, c.b, alpha);
}

static void
draw_axes (cairo_t             *cr,
           const CsCurveFigure *self,
           const Layout        *l)
{
  double bottom = l->y0 + PLOT_HEIGHT;

  cairo_set_line_width (cr, 0.5);
  cs_figure_set_font (cr, TICK_SIZE, false);
  for (double v = ceil (l->y_lo / l->y_step) * l->y_step; v <= l->y_hi + 1e-12; v += l->y_step)
    {
      double y = round (to_y (l, v) * 2) / 2;
      char text[32];

      cairo_set_source_rgb (cr, 0.88, 0.88, 0.88);
      cairo_move_to (cr, l->x0, y);
      cairo_line_to (cr, l->x0 + PLOT_WIDTH, y);
      cairo_stroke (cr);
      format_tick (self, v, l->y_step, text, sizeof text);
      cs_figure_set_color (cr, (CsRgb) { 0.2f, 0.2f, 0.2f });
      cs_figure_show_text (cr, text, l->x0 - GAP, y + 0.35 * TICK_SIZE, 1);
    }
  for (double e = ceil (l->x_lo / l->x_step) * l->x_step; e <= l->x_hi + 1e-9; e += l->x_step)
    {
      char text[32];

      g_snprintf (text, sizeof text, "%.0f", e);
      cs_figure_show_text (cr, text, to_x (l, e), bottom + GAP + TICK_SIZE, 0.5);
    }
  cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, l->x0, l->y0);
  cairo_line_to (cr, l->x0, bottom);
  cairo_line_to (cr, l->x0 + PLOT_WIDTH, bottom);
  cairo_stroke (cr);

  cs_figure_set_font (cr, AXIS_SIZE, false);
  cs_figure_set_color (cr, (CsRgb) { 0.35f, 0.35f, 0.35f });
  cs_figure_show_text (cr, "epoch", l->x0 + PLOT_WIDTH / 2,
                       bottom + GAP + TICK_SIZE * 1.2 + GAP + AXIS_SIZE, 0.5);
  cs_figure_show_turned (cr, self->y_title, MARGIN + AXIS_SIZE, l->y0 + PLOT_HEIGHT / 2, 0.5, 0,
                         -G_PI / 2);
}

/* Whether point e of the line has a value and neither neighbour has one. */
static bool
is_alone (const Item *item,
          int         e)
{
  return isfinite (item->y[e]) && (e == 0 || !isfinite (item->y[e - 1])) &&
         (e + 1 == item->n || !isfinite (item->y[e + 1]));
}

/* Each run of finite points as one path, without the points alone. */
static void
trace_line (cairo_t      *cr,
            const Layout *l,
            const Item   *item)
{
  for (int e = 0; e < item->n; e++)
    {
      double x = to_x (l, e + 1), y = to_y (l, item->y[e]);

      if (!isfinite (item->y[e]) || is_alone (item, e))
        continue;
      if (e > 0 && isfinite (item->y[e - 1]))
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
    }
}

/* The points alone, between gaps, as dots: an experiment scores the test split at one epoch. */
static void
trace_points (cairo_t      *cr,
              const Layout *l,
              const Item   *item)
{
  for (int e = 0; e < item->n; e++)
    if (is_alone (item, e))
      {
        cairo_new_sub_path (cr);
        cairo_arc (cr, to_x (l, e + 1), to_y (l, item->y[e]),
                   item->line == CS_CURVE_LINE_BOLD ? 3.5 : 2.5, 0, 2 * G_PI);
        cairo_close_path (cr);
      }
}

/* The area between mean − std and mean + std, over each run of epochs that have both. */
static void
trace_band (cairo_t      *cr,
            const Layout *l,
            const Item   *item)
{
  for (int start = 0; start < item->n;)
    {
      int end = start;

      if (!isfinite (item->y[start]) || !isfinite (item->std[start]))
        {
          start++;
          continue;
        }
      while (end + 1 < item->n && isfinite (item->y[end + 1]) && isfinite (item->std[end + 1]))
        end++;
      for (int e = start; e <= end; e++)
        cairo_line_to (cr, to_x (l, e + 1), to_y (l, item->y[e] + item->std[e]));
      for (int e = end; e >= start; e--)
        cairo_line_to (cr, to_x (l, e + 1), to_y (l, item->y[e] - item->std[e]));
      cairo_close_path (cr);
      cairo_new_sub_path (cr);
      start = end + 1;
    }
}

static double
line_width (CsCurveLine line)
{
  return line == CS_CURVE_LINE_BOLD ? 2.2 : 1;
}

static void
stroke_line (cairo_t     *cr,
             guint        color,
             CsCurveLine  line)
{
  set_category (cr, color, line == CS_CURVE_LINE_BOLD ? 1 : THIN_ALPHA);
  cairo_set_line_width (cr, line_width (line));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_stroke (cr);
}

static void
stroke_dashed (cairo_t *cr,
               guint    color)
{
  static const double dashes[] = { 6, 4 };

  set_category (cr, color, 1);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* A reference's ± std across the plot, or its dashed line. */
static void
draw_reference (cairo_t      *cr,
                const Layout *l,
                const Item   *item,
                bool          shade)
{
  if (shade)
    {
      double top = to_y (l, item->value + item->value_std);

      cairo_rectangle (cr, l->x0, top, PLOT_WIDTH, to_y (l, item->value - item->value_std) - top);
      set_category (cr, item->color, SHADE_ALPHA);
      cairo_fill (cr);
      return;
    }
  cairo_move_to (cr, l->x0, to_y (l, item->value));
  cairo_line_to (cr, l->x0 + PLOT_WIDTH, to_y (l, item->value));
  stroke_dashed (cr, item->color);
}

/* What lies beneath first: shades and bands, then thin lines, bold ones, references' lines. */
static void
draw_items (cairo_t             *cr,
            const CsCurveFigure *self,
            const Layout        *l)
{
  cairo_save (cr);
  cairo_rectangle (cr, l->x0, l->y0, PLOT_WIDTH, PLOT_HEIGHT);
  cairo_clip (cr);
  for (int layer = 0; layer < 4; layer++)
    for (guint i = 0; i < self->items->len; i++)
      {
        const Item *item = item_at (self, i);

        if (layer == 0 && item->kind == ITEM_REFERENCE)
          draw_reference (cr, l, item, true);
        else if (layer == 0 && item->kind == ITEM_BAND)
          {
            trace_band (cr, l, item);
            set_category (cr, item->color, BAND_ALPHA);
            cairo_fill (cr);
          }
        else if (item->kind == ITEM_LINE && layer == (item->line == CS_CURVE_LINE_BOLD ? 2 : 1))
          {
            trace_line (cr, l, item);
            stroke_line (cr, item->color, item->line);
            trace_points (cr, l, item);
            set_category (cr, item->color, item->line == CS_CURVE_LINE_BOLD ? 1 : 0.8);
            cairo_fill (cr);
          }
        else if (layer == 3 && item->kind == ITEM_REFERENCE)
          draw_reference (cr, l, item, false);
      }
  cairo_restore (cr);
}

/* The sample of an item in the legend, SWATCH wide, centred on y. */
static void
draw_swatch (cairo_t    *cr,
             const Item *item,
             double      x,
             double      y)
{
  if (item->kind != ITEM_LINE)
    {
      cairo_rectangle (cr, x, y - 5, SWATCH, 10);
      set_category (cr, item->color, item->kind == ITEM_BAND ? BAND_ALPHA : SHADE_ALPHA);
      cairo_fill (cr);
    }
  if (item->kind == ITEM_BAND)
    return;
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + SWATCH, y);
  if (item->kind == ITEM_LINE)
    stroke_line (cr, item->color, item->line);
  else
    stroke_dashed (cr, item->color);
}

static void
draw_legend (cairo_t             *cr,
             const CsCurveFigure *self,
             const Layout        *l)
{
  double y = l->y0 + LEGEND_ROW / 2;

  cs_figure_set_font (cr, LEGEND_SIZE, false);
  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = item_at (self, i);

      if (item->label == NULL)
        continue;
      draw_swatch (cr, item, l->legend_x, y);
      cs_figure_set_color (cr, (CsRgb) { 0.15f, 0.15f, 0.15f });
      cs_figure_show_text (cr, item->label, l->legend_x + SWATCH + GAP, y + 0.35 * LEGEND_SIZE, 0);
      y += LEGEND_ROW;
    }
}

void
cs_curve_figure_get_y_range (const CsCurveFigure *self,
                             double              *lo,
                             double              *hi)
{
  g_return_if_fail (self != NULL && lo != NULL && hi != NULL);

  y_range (self, lo, hi);
}

void
cs_curve_figure_locate (const CsCurveFigure *self,
                        double               epoch,
                        double               value,
                        double              *x,
                        double              *y)
{
  Layout l;

  g_return_if_fail (self != NULL && x != NULL && y != NULL);

  layout_scratch (self, &l);
  *x = to_x (&l, epoch);
  *y = to_y (&l, value);
}

void
cs_curve_figure_get_size (const CsCurveFigure *self,
                          double              *width,
                          double              *height)
{
  Layout l;

  g_return_if_fail (self != NULL && width != NULL && height != NULL);

  layout_scratch (self, &l);
  *width = l.width;
  *height = l.height;
}

void
cs_curve_figure_draw (const CsCurveFigure *self,
                      cairo_t             *cr)
{
  Layout l;

  g_return_if_fail (self != NULL && cr != NULL);

  cairo_save (cr);
  layout_figure (cr, self, &l);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, l.width, l.height);
  cairo_fill (cr);
  cs_figure_set_font (cr, TITLE_SIZE, true);
  cs_figure_set_color (cr, (CsRgb) { 0.1f, 0.1f, 0.1f });
  cs_figure_show_text (cr, self->title, MARGIN, MARGIN + TITLE_SIZE, 0);
  if (self->subtitle != NULL)
    {
      cs_figure_set_font (cr, SUBTITLE_SIZE, false);
      cs_figure_set_color (cr, (CsRgb) { 0.35f, 0.35f, 0.35f });
      cs_figure_show_text (cr, self->subtitle, MARGIN,
                           MARGIN + TITLE_SIZE * 1.25 + SUBTITLE_SIZE * 1.2, 0);
    }
  draw_axes (cr, self, &l);
  draw_items (cr, self, &l);
  draw_legend (cr, self, &l);
  cairo_restore (cr);
}
