/* cs-loss-chart.c — per-epoch curves of a training run
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <math.h>

#include "cs-chart-legend.h"
#include "cs-chart-series.h"
#include "cs-loss-chart-private.h"

#define TICK_LENGTH      4
#define X_TICK_GAP       24    /* the least room between two epoch labels */
#define LINE_WIDTH       2.0
#define MUTED_LINE_WIDTH 1.0
#define MUTED_ALPHA      0.35f
#define HOVER_SNAP       16    /* how far (pixels) beyond the data a pointer still picks an epoch */

/* The items are the epochs of the series in the legend, in order. */
struct _CsLossChart
{
  CsChart          parent_instance;

  /* Owned: what the caller set */
  GPtrArray       *series;          /* of CsChartSeries */
  char            *marker_label;
  double           y_min;           /* NAN: from the data */
  double           y_max;           /* NAN: from the data */
  double           x_max;           /* the planned epochs; 0 when unknown */
  double           marker_x;        /* NAN: no marker */
  gboolean         percent;

  /* Owned: the layout for the current size and data; draw () draws it */
  GArray          *epochs;          /* of double: the items, each epoch once */
  GArray          *legend;          /* of CsChartLegendEntry */
  PangoLayout     *marker_layout;
  gboolean         marker_at_bottom;
};

G_DEFINE_FINAL_TYPE (CsLossChart, cs_loss_chart, CS_TYPE_CHART)

enum {
  PROP_0,
  PROP_PERCENT,
  PROP_X_MAX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static inline CsChartSeries *
get_series (CsLossChart *self,
            guint        i)
{
  return g_ptr_array_index (self->series, i);
}

static inline CsChartFrame *
frame_of (CsLossChart *self)
{
  return cs_chart_get_frame (CS_CHART (self));
}

static inline const CsChartTheme *
theme_of (CsLossChart *self)
{
  return cs_chart_get_theme (CS_CHART (self));
}

static double
x_to_widget (CsLossChart *self,
             double       x)
{
  return cs_chart_frame_x_to_widget (frame_of (self), x);
}

static double
y_to_widget (CsLossChart *self,
             double       y)
{
  return cs_chart_frame_y_to_widget (frame_of (self), y);
}

static double
epoch_at (CsLossChart *self,
          guint        item)
{
  return g_array_index (self->epochs, double, item);
}

static PangoLayout *
create_layout (CsLossChart *self,
               const char  *text)
{
  return gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
}

/* ---- Text summaries: the read-out and the accessible description share them ---------------- */

static char *
format_epoch (double epoch)
{
  g_autofree char *number = NULL;

  if (epoch == floor (epoch))
    number = g_strdup_printf ("%.0f", epoch);
  else
    number = g_strdup_printf ("%.2f", epoch);
  return g_strdup_printf (_("Epoch %s"), number);
}

/* Lists every series shown in the legend with its value at an epoch: “Epoch 42 · valid 87.2 % ·
 * test 86.9 %” as plain text, and one line per series with a coloured dot as markup (if not
 * NULL). Series without a value there (a gap, or not measured) are left out. */
static void
describe_epoch (CsLossChart *self,
                double       epoch,
                GString     *text,
                GString     *markup)
{
  g_autofree char *title = format_epoch (epoch);

  g_string_append (text, title);
  if (markup != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (title, -1);

      g_string_append_printf (markup, "<b>%s</b>", escaped);
    }

  for (guint s = 0; s < self->series->len; s++)
    {
      CsChartSeries *series = get_series (self, s);

      if (!series->muted)
        cs_chart_series_describe (series, epoch, self->percent,
                                  &theme_of (self)->roles[series->role], text, markup);
    }
}

/* The last epoch with a value in a series shown in the legend, or NAN. */
static double
last_epoch (CsLossChart *self)
{
  double last = NAN;

  for (guint s = 0; s < self->series->len; s++)
    {
      CsChartSeries *series = get_series (self, s);
      double x = series->muted ? NAN : cs_chart_series_last_x (series);

      if (!isnan (x))
        last = isnan (last) ? x : MAX (last, x);
    }
  return last;
}

static void
cs_loss_chart_describe_item (CsChart *chart,
                             guint    item,
                             GString *text,
                             GString *markup)
{
  CsLossChart *self = CS_LOSS_CHART (chart);

  describe_epoch (self, epoch_at (self, item), text, markup);
}

/* The last epoch's values. */
static void
cs_loss_chart_describe (CsChart *chart,
                        GString *description)
{
  CsLossChart *self = CS_LOSS_CHART (chart);
  double epoch = last_epoch (self);

  if (!isnan (epoch))
    describe_epoch (self, epoch, description, NULL);
}

/* ---- Layout ------------------------------------------------------------------------------- */

/* The legend names the series of the current run in their colours, and the earlier runs, which
 * it does not tell apart, with one faint entry. */
static double
prepare_legend (CsLossChart *self,
                int          width)
{
  const CsChartTheme *theme = theme_of (self);
  gboolean any_muted = FALSE;

  g_array_set_size (self->legend, 0);
  for (guint s = 0; s < self->series->len; s++)
    {
      CsChartSeries *series = get_series (self, s);

      any_muted |= series->muted;
      if (!series->muted)
        cs_chart_legend_add (self->legend, GTK_WIDGET (self), series->label,
                             &theme->roles[series->role], LINE_WIDTH);
    }
  if (any_muted)
    {
      GdkRGBA muted = cs_chart_fade (&theme->fg, MUTED_ALPHA + 0.2f);

      cs_chart_legend_add (self->legend, GTK_WIDGET (self), _("earlier runs"), &muted,
                           MUTED_LINE_WIDTH);
    }
  return cs_chart_legend_place (self->legend,
                                cs_chart_get_title_layout (CS_CHART (self),
                                                           GTK_ORIENTATION_VERTICAL),
                                width);
}

/* The epochs the plot spans: from 1 (or an earlier epoch given) to the planned epochs, or to the
 * last epoch given once the run goes past its plan. */
static void
prepare_x_range (CsLossChart *self)
{
  CsChartFrame *frame = frame_of (self);

  frame->x_lo = 1;
  frame->x_hi = self->x_max > 0 ? self->x_max : 1;
  for (guint s = 0; s < self->series->len; s++)
    {
      CsChartSeries *series = get_series (self, s);

      if (series->points->len == 0)
        continue;
      frame->x_lo = MIN (frame->x_lo, cs_chart_series_point (series, 0)->x);
      frame->x_hi = MAX (frame->x_hi,
                         cs_chart_series_point (series, series->points->len - 1)->x);
    }
  if (frame->x_hi <= frame->x_lo)
    frame->x_hi = frame->x_lo + (self->x_max > 0 ? 1 : 9);
}

/* The values the plot spans: the range set, an open end rounded out from the data's range so
 * the top curve does not run along the frame. */
static void
prepare_y_range (CsLossChart *self,
                 guint        max_ticks)
{
  CsChartFrame *frame = frame_of (self);
  double lo = INFINITY, hi = -INFINITY;
  bool below;

  for (guint s = 0; s < self->series->len; s++)
    for (guint i = 0; i < get_series (self, s)->points->len; i++)
      {
        double y = cs_chart_series_point (get_series (self, s), i)->y;

        if (isfinite (y))
          lo = MIN (lo, y), hi = MAX (hi, y);
      }
  if (!isfinite (lo))
    lo = 0, hi = 1;

  /* A set minimum holds unless the data goes lower, as CoNAL's loss does once the
   * regulariser's negative term outweighs the cross-entropy. */
  below = isfinite (self->y_min) && lo < self->y_min;
  frame->y_lo = isfinite (self->y_min) && !below ? self->y_min : lo;
  frame->y_hi = isfinite (self->y_max) ? self->y_max : MAX (hi, frame->y_lo);
  if (frame->y_hi <= frame->y_lo && isfinite (self->y_max))
    frame->y_lo = frame->y_hi - 1;
  else if (frame->y_hi <= frame->y_lo)
    frame->y_hi = frame->y_lo + 1;

  if (!isfinite (self->y_min) || below)
    frame->y_lo = cs_chart_round_end (frame->y_hi, frame->y_lo, max_ticks, 0, self->percent);
  if (!isfinite (self->y_max))
    frame->y_hi = cs_chart_round_end (frame->y_lo, frame->y_hi, max_ticks, 0, self->percent);
}

/* Ticks laid out on the plot's horizontal or vertical axis, with the labels the base draws. */
static void
fill_ticks (CsLossChart        *self,
            const CsChartTicks *spec,
            GtkOrientation      orientation)
{
  cs_chart_frame_fill_ticks (frame_of (self), GTK_WIDGET (self),
                             cs_chart_get_ticks (CS_CHART (self), orientation), spec, orientation);
}

/* Epoch ticks: as many whole-epoch, 1-2-5 steps as fit with room between their labels. */
static void
prepare_x_ticks (CsLossChart *self)
{
  const CsChartFrame *frame = frame_of (self);
  CsChartTicks spec;
  g_autofree char *widest = g_strdup_printf ("%.0f", frame->x_hi);
  g_autoptr(PangoLayout) probe = create_layout (self, widest);
  guint max_ticks = frame->plot.size.width / (cs_chart_layout_width (probe) + X_TICK_GAP);

  cs_chart_ticks_init (&spec, frame->x_lo, frame->x_hi, MAX (max_ticks, 2), 1, FALSE);
  fill_ticks (self, &spec, GTK_ORIENTATION_HORIZONTAL);
}

/* The marker's label goes to the top of the plot unless the curves are there at its epoch, as
 * accuracies are once training is under way. */
static void
prepare_marker (CsLossChart *self)
{
  const CsChartFrame *frame = frame_of (self);
  double sum = 0;
  guint count = 0;

  g_clear_object (&self->marker_layout);
  if (!isfinite (self->marker_x) || self->marker_label == NULL || *self->marker_label == '\0')
    return;
  self->marker_layout = create_layout (self, self->marker_label);
  for (guint s = 0; s < self->series->len; s++)
    {
      CsChartSeries *series = get_series (self, s);
      double y;

      if (series->muted || series->points->len == 0)
        continue;
      y = cs_chart_series_point (series, cs_chart_series_nearest (series, self->marker_x))->y;
      if (isfinite (y))
        sum += CLAMP (y, frame->y_lo, frame->y_hi), count++;
    }
  self->marker_at_bottom = count > 0 && sum / count > (frame->y_lo + frame->y_hi) / 2;
}

static int
compare_epochs (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The items: each epoch of a series in the legend once, in order, which the read-out and the
 * arrow keys go through whichever series has a value there. */
static void
prepare_epochs (CsLossChart *self)
{
  guint kept = 0;

  g_array_set_size (self->epochs, 0);
  for (guint s = 0; s < self->series->len; s++)
    {
      CsChartSeries *series = get_series (self, s);

      for (guint i = 0; i < series->points->len && !series->muted; i++)
        g_array_append_val (self->epochs, cs_chart_series_point (series, i)->x);
    }
  g_array_sort (self->epochs, compare_epochs);
  for (guint i = 0; i < self->epochs->len; i++)
    if (kept == 0 || epoch_at (self, i) != epoch_at (self, kept - 1))
      g_array_index (self->epochs, double, kept++) = epoch_at (self, i);
  g_array_set_size (self->epochs, kept);
}

static int
optional_height (PangoLayout *layout)
{
  return layout != NULL ? cs_chart_layout_height (layout) : 0;
}

/* The plot's rows: below the axis title and the legend, above the epoch labels and title. Half
 * a line of room at the top keeps the highest value label inside the widget. */
static void
prepare_plot_rows (CsLossChart *self,
                   int          width,
                   int          height)
{
  CsChartFrame *frame = frame_of (self);
  PangoLayout *x_title = cs_chart_get_title_layout (CS_CHART (self), GTK_ORIENTATION_HORIZONTAL);
  PangoLayout *y_title = cs_chart_get_title_layout (CS_CHART (self), GTK_ORIENTATION_VERTICAL);
  double line = cs_chart_text_height (GTK_WIDGET (self));
  double title_row = MAX (prepare_legend (self, width), optional_height (y_title) + 4);
  double top = CS_CHART_PAD + title_row + line / 2;
  double bottom = height - CS_CHART_PAD - optional_height (x_title) - 2 - line -
                  CS_CHART_TICK_GAP / 2 - TICK_LENGTH;

  frame->plot = GRAPHENE_RECT_INIT (0, round (top), 1, MAX (1, round (bottom - top)));
  frame->tick_length = TICK_LENGTH;
}

/* The plot's columns: right of the widest value label, and far enough from the right edge for
 * half of the last epoch's label. */
static void
prepare_plot_columns (CsLossChart *self,
                      int          width)
{
  CsChartFrame *frame = frame_of (self);
  GArray *y_ticks = cs_chart_get_ticks (CS_CHART (self), GTK_ORIENTATION_VERTICAL);
  g_autofree char *last = g_strdup_printf ("%.0f", frame->x_hi);
  g_autoptr(PangoLayout) last_layout = create_layout (self, last);
  double left = CS_CHART_PAD + cs_chart_ticks_widest (y_ticks) + CS_CHART_TICK_GAP;
  double right = width - CS_CHART_PAD - cs_chart_layout_width (last_layout) / 2.0;

  frame->plot.origin.x = round (left);
  frame->plot.size.width = MAX (1, round (right - left));
}

static void
prepare_y_ticks (CsLossChart *self)
{
  const CsChartFrame *frame = frame_of (self);
  guint max_ticks = cs_chart_frame_max_y_ticks (frame);
  CsChartTicks spec;

  prepare_y_range (self, max_ticks);
  cs_chart_ticks_init (&spec, frame->y_lo, frame->y_hi, max_ticks, 0, self->percent);
  fill_ticks (self, &spec, GTK_ORIENTATION_VERTICAL);
}

/* Lays the chart out for a size: the rows first, since the number of value ticks depends on
 * the plot's height, then the columns, which start after the widest value label. */
static void
cs_loss_chart_layout (CsChart *chart,
                      int      width,
                      int      height)
{
  CsLossChart *self = CS_LOSS_CHART (chart);

  prepare_plot_rows (self, width, height);
  prepare_y_ticks (self);
  prepare_x_range (self);
  prepare_plot_columns (self, width);
  prepare_x_ticks (self);
  for (guint s = 0; s < self->series->len; s++)
    cs_chart_series_prepare (get_series (self, s), frame_of (self));
  prepare_marker (self);
  prepare_epochs (self);
}

/* ---- Items -------------------------------------------------------------------------------- */

static guint
cs_loss_chart_get_n_items (CsChart *chart)
{
  return CS_LOSS_CHART (chart)->epochs->len;
}

/* The epoch of a shown series nearest to a widget x inside the plot, if the pointer is within
 * reach of the data (half the spacing of the epochs, or a few pixels). */
static gboolean
pick_epoch (CsLossChart *self,
            double       widget_x,
            double      *epoch)
{
  const CsChartFrame *frame = frame_of (self);
  const graphene_rect_t *plot = &frame->plot;
  double x, best = NAN, best_distance = INFINITY, reach = HOVER_SNAP;

  if (widget_x < plot->origin.x || widget_x > plot->origin.x + plot->size.width)
    return FALSE;

  x = frame->x_lo + (widget_x - plot->origin.x) / plot->size.width * (frame->x_hi - frame->x_lo);
  for (guint s = 0; s < self->series->len; s++)
    {
      CsChartSeries *series = get_series (self, s);
      guint n = series->points->len, i;

      if (series->muted || n == 0)
        continue;
      i = cs_chart_series_nearest (series, x);
      if (fabs (cs_chart_series_point (series, i)->x - x) < best_distance)
        {
          best = cs_chart_series_point (series, i)->x;
          best_distance = fabs (best - x);
          if (n > 1)
            reach = MAX (HOVER_SNAP,
                         0.5 * (x_to_widget (self, cs_chart_series_point (series, n - 1)->x) -
                                x_to_widget (self, cs_chart_series_point (series, 0)->x)) /
                         (n - 1));
        }
    }
  if (isnan (best) || fabs (x_to_widget (self, best) - widget_x) > reach)
    return FALSE;
  *epoch = best;
  return TRUE;
}

/* The item of an epoch, which is one of the items' epochs. */
static guint
epoch_item (CsLossChart *self,
            double       epoch)
{
  guint lo = 0, hi = self->epochs->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (epoch_at (self, mid) < epoch)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_assert (lo < self->epochs->len && epoch_at (self, lo) == epoch);
  return lo;
}

/* The loss chart picks by x alone. */
static gboolean
cs_loss_chart_pick (CsChart *chart,
                    double   x,
                    double   y,
                    guint   *item)
{
  CsLossChart *self = CS_LOSS_CHART (chart);
  double epoch;

  if (!pick_epoch (self, x, &epoch))
    return FALSE;
  *item = epoch_item (self, epoch);
  return TRUE;
}

/* The read-out box sits beside the hover line, on the side with room, level with the pointer
 * and inside the plot. */
static void
cs_loss_chart_place_readout (CsChart                *chart,
                             guint                   item,
                             const graphene_point_t *anchor,
                             graphene_rect_t        *box)
{
  CsLossChart *self = CS_LOSS_CHART (chart);
  const graphene_rect_t *plot = &frame_of (self)->plot;

  cs_chart_place_beside (chart, box, x_to_widget (self, epoch_at (self, item)));
  box->origin.y = MIN (anchor->y - box->size.height / 2,
                       plot->origin.y + plot->size.height - box->size.height);
  box->origin.y = MAX (box->origin.y, plot->origin.y);
}

/* An epoch's read-out points to the middle of its hover line. */
static void
cs_loss_chart_locate_item (CsChart          *chart,
                           guint             item,
                           graphene_point_t *point)
{
  CsLossChart *self = CS_LOSS_CHART (chart);

  graphene_rect_get_center (&frame_of (self)->plot, point);
  point->x = x_to_widget (self, epoch_at (self, item));
}

/* ---- Drawing ------------------------------------------------------------------------------ */

static void
draw_grid (CsLossChart *self,
           cairo_t     *cr)
{
  const graphene_rect_t *plot = &frame_of (self)->plot;
  GArray *x_ticks = cs_chart_get_ticks (CS_CHART (self), GTK_ORIENTATION_HORIZONTAL);
  GArray *y_ticks = cs_chart_get_ticks (CS_CHART (self), GTK_ORIENTATION_VERTICAL);
  double left = plot->origin.x + 0.5, bottom = plot->origin.y + plot->size.height + 0.5;
  GdkRGBA grid = cs_chart_fade (&theme_of (self)->fg, 0.1f);
  GdkRGBA axis = cs_chart_fade (&theme_of (self)->fg, 0.4f);

  cairo_set_line_width (cr, 1);
  gdk_cairo_set_source_rgba (cr, &grid);
  for (guint i = 0; i < y_ticks->len; i++)
    {
      double y = round (g_array_index (y_ticks, CsChartTick, i).pos) + 0.5;

      cairo_move_to (cr, left, y);
      cairo_line_to (cr, plot->origin.x + plot->size.width, y);
    }
  cairo_stroke (cr);

  gdk_cairo_set_source_rgba (cr, &axis);
  cairo_move_to (cr, left, plot->origin.y);
  cairo_line_to (cr, left, bottom);
  cairo_line_to (cr, plot->origin.x + plot->size.width, bottom);
  for (guint i = 0; i < x_ticks->len; i++)
    {
      double x = round (g_array_index (x_ticks, CsChartTick, i).pos) + 0.5;

      cairo_move_to (cr, x, bottom);
      cairo_line_to (cr, x, bottom + TICK_LENGTH);
    }
  cairo_stroke (cr);
}

static void
draw_series (CsLossChart *self,
             cairo_t     *cr)
{
  const CsChartFrame *frame = frame_of (self);
  const graphene_rect_t *plot = &frame->plot;

  cairo_save (cr);
  /* A little room around the plot so a curve along an edge keeps its full width. */
  cairo_rectangle (cr, plot->origin.x - LINE_WIDTH, plot->origin.y - LINE_WIDTH,
                   plot->size.width + 2 * LINE_WIDTH, plot->size.height + 2 * LINE_WIDTH);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* Earlier runs first, so the current one is drawn over them. */
  for (int pass = 0; pass < 2; pass++)
    for (guint s = 0; s < self->series->len; s++)
      {
        CsChartSeries *series = get_series (self, s);
        GdkRGBA color = theme_of (self)->roles[series->role];

        if (series->muted != (pass == 0))
          continue;
        if (series->muted)
          color.alpha *= MUTED_ALPHA;
        cs_chart_series_draw (series, cr, frame, &color,
                              series->muted ? MUTED_LINE_WIDTH : LINE_WIDTH);
      }
  cairo_restore (cr);
}

/* Whether the marker's epoch is on the epoch axis; a NAN epoch is not. */
static gboolean
marker_shown (CsLossChart *self)
{
  return self->marker_x >= frame_of (self)->x_lo && self->marker_x <= frame_of (self)->x_hi;
}

static void
draw_marker_line (CsLossChart *self,
                  cairo_t     *cr)
{
  static const double dashes[] = { 4, 3 };
  const graphene_rect_t *plot = &frame_of (self)->plot;
  double x = round (x_to_widget (self, self->marker_x)) + 0.5;
  GdkRGBA color = cs_chart_fade (&theme_of (self)->fg, 0.6f);

  if (!marker_shown (self))
    return;
  cairo_save (cr);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_set_line_width (cr, 1);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_move_to (cr, x, plot->origin.y);
  cairo_line_to (cr, x, plot->origin.y + plot->size.height);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The read-out's epoch: a line down the plot and a ring on each curve. */
static void
draw_hover_line (CsLossChart *self,
                 cairo_t     *cr,
                 double       epoch)
{
  const CsChartTheme *theme = theme_of (self);
  const CsChartFrame *frame = frame_of (self);
  const graphene_rect_t *plot = &frame->plot;
  double x = x_to_widget (self, epoch);
  GdkRGBA line = cs_chart_fade (&theme->fg, 0.3f);

  gdk_cairo_set_source_rgba (cr, &line);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, round (x) + 0.5, plot->origin.y);
  cairo_line_to (cr, round (x) + 0.5, plot->origin.y + plot->size.height);
  cairo_stroke (cr);

  for (guint s = 0; s < self->series->len; s++)
    {
      CsChartSeries *series = get_series (self, s);
      double y = series->muted ? NAN : cs_chart_series_value_at (series, epoch);

      if (!isfinite (y) || y < frame->y_lo || y > frame->y_hi)
        continue;
      cairo_arc (cr, x, y_to_widget (self, y), 4, 0, 2 * G_PI);
      gdk_cairo_set_source_rgba (cr, &theme->bubble_bg);
      cairo_fill_preserve (cr);
      gdk_cairo_set_source_rgba (cr, &theme->roles[series->role]);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }
}

/* The marker's label sits on a small box beside its line, so it stays readable over a curve. */
static void
snapshot_marker_label (CsLossChart *self,
                       GtkSnapshot *snapshot)
{
  const graphene_rect_t *plot = &frame_of (self)->plot;
  double x = x_to_widget (self, self->marker_x), width, height;
  graphene_rect_t box;

  if (self->marker_layout == NULL || !marker_shown (self))
    return;
  width = cs_chart_layout_width (self->marker_layout) + 8;
  height = cs_chart_layout_height (self->marker_layout) + 2;
  box = GRAPHENE_RECT_INIT (x + 4, plot->origin.y + 2, width, height);
  if (self->marker_at_bottom)
    box.origin.y = plot->origin.y + plot->size.height - height - 2;
  if (box.origin.x + width > plot->origin.x + plot->size.width)
    box.origin.x = x - 4 - width;
  cs_chart_snapshot_bubble (snapshot, &box, theme_of (self));
  cs_chart_snapshot_text (snapshot, self->marker_layout, box.origin.x + 4, box.origin.y + 1,
                          &theme_of (self)->fg);
}

static void
cs_loss_chart_draw (CsChart     *chart,
                    GtkSnapshot *snapshot)
{
  CsLossChart *self = CS_LOSS_CHART (chart);
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  guint shown = cs_chart_get_readout_item (chart);
  cairo_t *cr;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_grid (self, cr);
  draw_series (self, cr);
  draw_marker_line (self, cr);
  cs_chart_legend_draw_swatches (self->legend, cr);
  if (shown != CS_CHART_NO_ITEM)
    draw_hover_line (self, cr, epoch_at (self, shown));
  cairo_destroy (cr);

  cs_chart_legend_snapshot_labels (self->legend, snapshot, &theme_of (self)->fg);
  snapshot_marker_label (self, snapshot);
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
cs_loss_chart_finalize (GObject *object)
{
  CsLossChart *self = CS_LOSS_CHART (object);

  g_ptr_array_unref (self->series);
  g_free (self->marker_label);
  g_array_unref (self->epochs);
  g_array_unref (self->legend);
  g_clear_object (&self->marker_layout);
  G_OBJECT_CLASS (cs_loss_chart_parent_class)->finalize (object);
}

static void
cs_loss_chart_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CsLossChart *self = CS_LOSS_CHART (object);

  switch (prop_id)
    {
    case PROP_PERCENT:
      g_value_set_boolean (value, self->percent);
      break;
    case PROP_X_MAX:
      g_value_set_double (value, self->x_max);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_loss_chart_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_PERCENT:
      cs_loss_chart_set_percent (CS_LOSS_CHART (object), g_value_get_boolean (value));
      break;
    case PROP_X_MAX:
      cs_loss_chart_set_x_max (CS_LOSS_CHART (object), g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_loss_chart_class_init (CsLossChartClass *klass)
{
  CsChartClass *chart_class = CS_CHART_CLASS (klass);

  /**
   * CsLossChart:percent:
   *
   * Whether values are fractions shown as percentages.
   */
  properties[PROP_PERCENT] =
    g_param_spec_boolean ("percent", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CsLossChart:x-max:
   *
   * The epochs the run plans, so the axis spans them from the start; 0 when unknown.
   */
  properties[PROP_X_MAX] =
    g_param_spec_double ("x-max", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  G_OBJECT_CLASS (klass)->finalize = cs_loss_chart_finalize;
  G_OBJECT_CLASS (klass)->get_property = cs_loss_chart_get_property;
  G_OBJECT_CLASS (klass)->set_property = cs_loss_chart_set_property;

  chart_class->layout = cs_loss_chart_layout;
  chart_class->draw = cs_loss_chart_draw;
  chart_class->get_n_items = cs_loss_chart_get_n_items;
  chart_class->pick = cs_loss_chart_pick;
  chart_class->locate_item = cs_loss_chart_locate_item;
  chart_class->place_readout = cs_loss_chart_place_readout;
  chart_class->describe_item = cs_loss_chart_describe_item;
  chart_class->describe = cs_loss_chart_describe;

  g_object_class_install_properties (G_OBJECT_CLASS (klass), N_PROPS, properties);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "cs-loss-chart");
}

static void
cs_loss_chart_init (CsLossChart *self)
{
  self->series = g_ptr_array_new_with_free_func (cs_chart_series_free);
  self->epochs = g_array_new (FALSE, FALSE, sizeof (double));
  self->legend = cs_chart_legend_new ();
  self->y_min = 0;
  self->y_max = NAN;
  self->marker_x = NAN;

  cs_chart_set_label (CS_CHART (self), GTK_ORIENTATION_HORIZONTAL, _("Epoch"));
  cs_chart_set_natural_size (CS_CHART (self), 480, 280);
}

/* ---- Public API --------------------------------------------------------------------------- */

/**
 * cs_loss_chart_new:
 *
 * Creates a chart with no series, values from 0 to the largest value given, and an epoch axis
 * that grows with the data.
 *
 * Returns: (transfer floating): a new #CsLossChart
 */
GtkWidget *
cs_loss_chart_new (void)
{
  return g_object_new (CS_TYPE_LOSS_CHART, NULL);
}

/**
 * cs_loss_chart_set_y_range:
 * @min: the lowest value shown, or NAN to start at the data's lowest
 * @max: the highest value shown, or NAN to end at the data's highest
 *
 * Values outside a fixed range are clipped. An open end is rounded out to a tick.
 */
void
cs_loss_chart_set_y_range (CsLossChart *self,
                           double       min,
                           double       max)
{
  g_return_if_fail (CS_IS_LOSS_CHART (self));
  g_return_if_fail (!isinf (min) && !isinf (max));
  g_return_if_fail (!(min >= max));

  self->y_min = min;
  self->y_max = max;
  cs_chart_invalidate (CS_CHART (self));
}

/**
 * cs_loss_chart_set_percent:
 *
 * Shows values, which stay fractions in [0, 1], as percentages on the axis and the read-out.
 */
void
cs_loss_chart_set_percent (CsLossChart *self,
                           gboolean     percent)
{
  g_return_if_fail (CS_IS_LOSS_CHART (self));

  percent = !!percent;
  if (self->percent == percent)
    return;
  self->percent = percent;
  cs_chart_data_changed (CS_CHART (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERCENT]);
}

gboolean
cs_loss_chart_get_percent (CsLossChart *self)
{
  g_return_val_if_fail (CS_IS_LOSS_CHART (self), FALSE);

  return self->percent;
}

/**
 * cs_loss_chart_set_x_max:
 * @epochs: the planned number of epochs, or 0 (or NAN) when unknown
 *
 * Makes the epoch axis span 1 to @epochs before the run gets there, so the curves grow into a
 * fixed frame rather than stretching with every epoch.
 */
void
cs_loss_chart_set_x_max (CsLossChart *self,
                         double       epochs)
{
  g_return_if_fail (CS_IS_LOSS_CHART (self));
  g_return_if_fail (!isinf (epochs));

  epochs = epochs > 0 ? epochs : 0;
  if (epochs != self->x_max)
    {
      self->x_max = epochs;
      cs_chart_invalidate (CS_CHART (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X_MAX]);
    }
}

double
cs_loss_chart_get_x_max (CsLossChart *self)
{
  g_return_val_if_fail (CS_IS_LOSS_CHART (self), 0);

  return self->x_max;
}

/**
 * cs_loss_chart_add_series:
 * @label: the name in the legend and the read-out, such as “valid”
 * @role: what it measures, which picks its colour
 * @muted: whether it is an earlier run shown for comparison: thin, faint, out of the legend
 *   and the read-out
 *
 * Returns: the index to append the series' points with
 */
guint
cs_loss_chart_add_series (CsLossChart *self,
                          const char  *label,
                          CsChartRole  role,
                          gboolean     muted)
{
  g_return_val_if_fail (CS_IS_LOSS_CHART (self), 0);
  g_return_val_if_fail (label != NULL, 0);
  g_return_val_if_fail (role < CS_CHART_N_ROLES, 0);

  g_ptr_array_add (self->series, cs_chart_series_new (label, role, muted));
  cs_chart_data_changed (CS_CHART (self));
  return self->series->len - 1;
}

/**
 * cs_loss_chart_append:
 * @series: an index from cs_loss_chart_add_series()
 * @x: the epoch, not below the series' previous one
 * @y: the value, or NAN for a gap in the curve
 */
void
cs_loss_chart_append (CsLossChart *self,
                      guint        series,
                      double       x,
                      double       y)
{
  CsChartSeries *target;
  CsChartPoint point = { x, y };

  g_return_if_fail (CS_IS_LOSS_CHART (self));
  g_return_if_fail (series < self->series->len);
  g_return_if_fail (isfinite (x));

  target = get_series (self, series);
  g_return_if_fail (target->points->len == 0 ||
                    x >= cs_chart_series_point (target, target->points->len - 1)->x);

  g_array_append_val (target->points, point);
  cs_chart_data_changed (CS_CHART (self));
}

/**
 * cs_loss_chart_clear:
 *
 * Removes every series and the marker, for a new run; the axes' settings stay.
 */
void
cs_loss_chart_clear (CsLossChart *self)
{
  g_return_if_fail (CS_IS_LOSS_CHART (self));

  g_ptr_array_set_size (self->series, 0);
  cs_loss_chart_set_marker (self, NAN, NULL);
  cs_chart_data_changed (CS_CHART (self));
}

/**
 * cs_loss_chart_set_marker:
 * @x: the epoch to mark, such as the best one on validation, or NAN to hide the marker
 * @label: (nullable): the marker's label
 */
void
cs_loss_chart_set_marker (CsLossChart *self,
                          double       x,
                          const char  *label)
{
  g_return_if_fail (CS_IS_LOSS_CHART (self));
  g_return_if_fail (!isinf (x));

  self->marker_x = x;
  cs_chart_set_string (&self->marker_label, label);
  cs_chart_invalidate (CS_CHART (self));
}

/**
 * cs_loss_chart_get_readout:
 * @widget_x: a horizontal position in the chart's coordinates
 * @epoch: (out) (optional): the epoch picked
 * @text: (out) (optional) (transfer full): a one-line summary, such as
 *   “Epoch 42 · valid 87.2 % · test 86.9 %”; NULL when nothing is picked
 *
 * Picks the epoch the hover read-out shows for a pointer at @widget_x: the one nearest to it
 * among the series in the legend, if @widget_x is over the plot and near that data.
 *
 * Returns: whether an epoch was picked
 */
gboolean
cs_loss_chart_get_readout (CsLossChart *self,
                           double       widget_x,
                           double      *epoch,
                           char       **text)
{
  guint item;

  g_return_val_if_fail (CS_IS_LOSS_CHART (self), FALSE);

  if (!cs_chart_get_readout (CS_CHART (self), widget_x, NAN, &item, text))
    return FALSE;
  if (epoch != NULL)
    *epoch = epoch_at (self, item);
  return TRUE;
}

/* ---- For the tests ------------------------------------------------------------------------ */

double
cs_loss_chart_x_to_widget (CsLossChart *self,
                           double       x)
{
  g_return_val_if_fail (CS_IS_LOSS_CHART (self), NAN);

  return cs_chart_ensure_layout (CS_CHART (self)) ? x_to_widget (self, x) : NAN;
}

double
cs_loss_chart_y_to_widget (CsLossChart *self,
                           double       y)
{
  g_return_val_if_fail (CS_IS_LOSS_CHART (self), NAN);

  return cs_chart_ensure_layout (CS_CHART (self)) ? y_to_widget (self, y) : NAN;
}

gboolean
cs_loss_chart_get_hover (CsLossChart *self,
                         double      *epoch)
{
  guint item;

  g_return_val_if_fail (CS_IS_LOSS_CHART (self), FALSE);

  *epoch = NAN;
  if (!cs_chart_get_hover (CS_CHART (self), &item))
    return FALSE;
  *epoch = epoch_at (self, item);
  return TRUE;
}

/* The number of points drawn for a series, gaps included, after thinning to the pixel columns. */
guint
cs_loss_chart_get_path_length (CsLossChart *self,
                               guint        series)
{
  g_return_val_if_fail (CS_IS_LOSS_CHART (self), 0);
  g_return_val_if_fail (series < self->series->len, 0);

  return cs_chart_ensure_layout (CS_CHART (self)) ? get_series (self, series)->path->len : 0;
}
