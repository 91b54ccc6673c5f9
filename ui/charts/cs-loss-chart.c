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

struct _CsLossChart
{
  GtkWidget        parent_instance;

  /* Owned: what the caller set */
  GPtrArray       *series;          /* of CsChartSeries */
  char            *y_label;
  char            *marker_label;
  double           y_min;           /* NAN: from the data */
  double           y_max;           /* NAN: from the data */
  double           x_max;           /* the planned epochs; 0 when unknown */
  double           marker_x;        /* NAN: no marker */
  gboolean         percent;
  guint            accessible_update_id;

  /* Owned: the layout prepare () computes for the current size and data; snapshot () draws it */
  gboolean         prepared;
  CsChartTheme     theme;
  CsChartFrame     frame;           /* the plot, and the epochs and values it spans */
  GArray          *x_ticks;         /* of CsChartTick */
  GArray          *y_ticks;         /* of CsChartTick */
  GArray          *legend;          /* of CsChartLegendEntry */
  PangoLayout     *y_label_layout;
  PangoLayout     *x_label_layout;
  PangoLayout     *marker_layout;
  gboolean         marker_at_bottom;

  /* Owned: the hover read-out */
  double           hover_epoch;     /* NAN: none */
  double           pointer_x;
  double           pointer_y;
  PangoLayout     *hover_layout;
};

G_DEFINE_FINAL_TYPE (CsLossChart, cs_loss_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_Y_LABEL,
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

static double
x_to_widget (CsLossChart *self,
             double       x)
{
  return cs_chart_frame_x_to_widget (&self->frame, x);
}

static double
y_to_widget (CsLossChart *self,
             double       y)
{
  return cs_chart_frame_y_to_widget (&self->frame, y);
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
 * test 86.9 %” as plain text, and one line per series with a coloured dot as markup. Series
 * without a value there (a gap, or not measured) are left out. */
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
        cs_chart_series_describe (series, epoch, self->percent, &self->theme.roles[series->role],
                                  text, markup);
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

static gboolean
update_accessible_cb (gpointer data)
{
  CsLossChart *self = data;
  double epoch = last_epoch (self);
  g_autoptr(GString) text = g_string_new (NULL);

  self->accessible_update_id = 0;
  if (isnan (epoch))
    g_string_append (text, _("No data"));
  else
    describe_epoch (self, epoch, text, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str,
                                  -1);
  return G_SOURCE_REMOVE;
}

/* Training appends a point per series per epoch; describing the chart once per batch of changes
 * keeps assistive technologies from hearing every one of them. */
static void
schedule_accessible_update (CsLossChart *self)
{
  if (self->accessible_update_id == 0)
    self->accessible_update_id = g_idle_add_full (G_PRIORITY_LOW, update_accessible_cb, self, NULL);
}

/* ---- Layout ------------------------------------------------------------------------------- */

static void
invalidate (CsLossChart *self)
{
  self->prepared = FALSE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
data_changed (CsLossChart *self)
{
  invalidate (self);
  schedule_accessible_update (self);
}

/* The legend names the series of the current run in their colours, and the earlier runs, which
 * it does not tell apart, with one faint entry. */
static double
prepare_legend (CsLossChart *self,
                int          width)
{
  gboolean any_muted = FALSE;

  g_array_set_size (self->legend, 0);
  for (guint s = 0; s < self->series->len; s++)
    {
      CsChartSeries *series = get_series (self, s);

      any_muted |= series->muted;
      if (!series->muted)
        cs_chart_legend_add (self->legend, GTK_WIDGET (self), series->label,
                             &self->theme.roles[series->role], LINE_WIDTH);
    }
  if (any_muted)
    {
      GdkRGBA muted = cs_chart_fade (&self->theme.fg, MUTED_ALPHA + 0.2f);

      cs_chart_legend_add (self->legend, GTK_WIDGET (self), _("earlier runs"), &muted,
                           MUTED_LINE_WIDTH);
    }
  return cs_chart_legend_place (self->legend, self->y_label_layout, width);
}

/* The epochs the plot spans: from 1 (or an earlier epoch given) to the planned epochs, or to the
 * last epoch given once the run goes past its plan. */
static void
prepare_x_range (CsLossChart *self)
{
  CsChartFrame *frame = &self->frame;

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
  CsChartFrame *frame = &self->frame;
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

/* Epoch ticks: as many whole-epoch, 1-2-5 steps as fit with room between their labels. */
static void
prepare_x_ticks (CsLossChart *self)
{
  CsChartTicks spec;
  g_autofree char *widest = g_strdup_printf ("%.0f", self->frame.x_hi);
  g_autoptr(PangoLayout) probe = create_layout (self, widest);
  guint max_ticks = self->frame.plot.size.width / (cs_chart_layout_width (probe) + X_TICK_GAP);

  cs_chart_ticks_init (&spec, self->frame.x_lo, self->frame.x_hi, MAX (max_ticks, 2), 1, FALSE);
  cs_chart_frame_fill_ticks (&self->frame, GTK_WIDGET (self), self->x_ticks, &spec,
                             GTK_ORIENTATION_HORIZONTAL);
}

/* The marker's label goes to the top of the plot unless the curves are there at its epoch, as
 * accuracies are once training is under way. */
static void
prepare_marker (CsLossChart *self)
{
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
        sum += CLAMP (y, self->frame.y_lo, self->frame.y_hi), count++;
    }
  self->marker_at_bottom = count > 0 && sum / count > (self->frame.y_lo + self->frame.y_hi) / 2;
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
  double line = cs_chart_text_height (GTK_WIDGET (self));
  double title_row = MAX (prepare_legend (self, width), optional_height (self->y_label_layout) + 4);
  double top = CS_CHART_PAD + title_row + line / 2;
  double bottom = height - CS_CHART_PAD - optional_height (self->x_label_layout) - 2 - line -
                  CS_CHART_TICK_GAP / 2 - TICK_LENGTH;

  self->frame.plot = GRAPHENE_RECT_INIT (0, round (top), 1, MAX (1, round (bottom - top)));
}

/* The plot's columns: right of the widest value label, and far enough from the right edge for
 * half of the last epoch's label. */
static void
prepare_plot_columns (CsLossChart *self,
                      int          width)
{
  g_autofree char *last = g_strdup_printf ("%.0f", self->frame.x_hi);
  g_autoptr(PangoLayout) last_layout = create_layout (self, last);
  double left = CS_CHART_PAD + cs_chart_ticks_widest (self->y_ticks) + CS_CHART_TICK_GAP;
  double right = width - CS_CHART_PAD - cs_chart_layout_width (last_layout) / 2.0;

  self->frame.plot.origin.x = round (left);
  self->frame.plot.size.width = MAX (1, round (right - left));
}

static void
prepare_y_ticks (CsLossChart *self)
{
  guint max_ticks = cs_chart_frame_max_y_ticks (&self->frame);
  CsChartTicks spec;

  prepare_y_range (self, max_ticks);
  cs_chart_ticks_init (&spec, self->frame.y_lo, self->frame.y_hi, max_ticks, 0, self->percent);
  cs_chart_frame_fill_ticks (&self->frame, GTK_WIDGET (self), self->y_ticks, &spec,
                             GTK_ORIENTATION_VERTICAL);
}

static void update_hover (CsLossChart *self);

/* Lays the chart out for a size: the rows first, since the number of value ticks depends on
 * the plot's height, then the columns, which start after the widest value label. */
static void
prepare (CsLossChart *self,
         int          width,
         int          height)
{
  cs_chart_theme_load (&self->theme, GTK_WIDGET (self));
  g_clear_object (&self->y_label_layout);
  self->y_label_layout = cs_chart_title_layout (GTK_WIDGET (self), self->y_label);
  g_clear_object (&self->x_label_layout);
  self->x_label_layout = cs_chart_title_layout (GTK_WIDGET (self), _("Epoch"));

  prepare_plot_rows (self, width, height);
  prepare_y_ticks (self);
  prepare_x_range (self);
  prepare_plot_columns (self, width);
  prepare_x_ticks (self);
  for (guint s = 0; s < self->series->len; s++)
    cs_chart_series_prepare (get_series (self, s), &self->frame);
  prepare_marker (self);
  self->prepared = TRUE;
  update_hover (self);
}

static gboolean
ensure_prepared (CsLossChart *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (width <= 0 || height <= 0)
    return FALSE;
  if (!self->prepared)
    prepare (self, width, height);
  return TRUE;
}

/* ---- Hover read-out ----------------------------------------------------------------------- */

/* The epoch of a shown series nearest to a widget x inside the plot, if the pointer is within
 * reach of the data (half the spacing of the epochs, or a few pixels). */
static gboolean
pick_epoch (CsLossChart *self,
            double       widget_x,
            double      *epoch)
{
  const graphene_rect_t *plot = &self->frame.plot;
  double x, best = NAN, best_distance = INFINITY, reach = HOVER_SNAP;

  if (widget_x < plot->origin.x || widget_x > plot->origin.x + plot->size.width)
    return FALSE;

  x = self->frame.x_lo + (widget_x - plot->origin.x) / plot->size.width *
                         (self->frame.x_hi - self->frame.x_lo);
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

static void
update_hover (CsLossChart *self)
{
  g_autoptr(GString) text = NULL;
  g_autoptr(GString) markup = NULL;

  g_clear_object (&self->hover_layout);
  if (isnan (self->hover_epoch) || !self->prepared)
    return;
  text = g_string_new (NULL);
  markup = g_string_new (NULL);
  describe_epoch (self, self->hover_epoch, text, markup);
  self->hover_layout = cs_chart_markup_layout (GTK_WIDGET (self), markup->str);
}

static void
set_hover (CsLossChart *self,
           double       epoch)
{
  if (epoch == self->hover_epoch || (isnan (epoch) && isnan (self->hover_epoch)))
    return;
  self->hover_epoch = epoch;
  update_hover (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           CsLossChart              *self)
{
  double epoch = NAN;

  self->pointer_x = x;
  self->pointer_y = y;
  if (!ensure_prepared (self) || !pick_epoch (self, x, &epoch))
    epoch = NAN;
  set_hover (self, epoch);
  /* The box follows the pointer even while the epoch stays the same. */
  if (!isnan (epoch))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
leave_cb (GtkEventControllerMotion *controller,
          CsLossChart              *self)
{
  set_hover (self, NAN);
}

/* ---- Drawing ------------------------------------------------------------------------------ */

static void
draw_grid (CsLossChart *self,
           cairo_t     *cr)
{
  const graphene_rect_t *plot = &self->frame.plot;
  double left = plot->origin.x + 0.5, bottom = plot->origin.y + plot->size.height + 0.5;
  GdkRGBA grid = cs_chart_fade (&self->theme.fg, 0.1f);
  GdkRGBA axis = cs_chart_fade (&self->theme.fg, 0.4f);

  cairo_set_line_width (cr, 1);
  gdk_cairo_set_source_rgba (cr, &grid);
  for (guint i = 0; i < self->y_ticks->len; i++)
    {
      double y = round (g_array_index (self->y_ticks, CsChartTick, i).pos) + 0.5;

      cairo_move_to (cr, left, y);
      cairo_line_to (cr, plot->origin.x + plot->size.width, y);
    }
  cairo_stroke (cr);

  gdk_cairo_set_source_rgba (cr, &axis);
  cairo_move_to (cr, left, plot->origin.y);
  cairo_line_to (cr, left, bottom);
  cairo_line_to (cr, plot->origin.x + plot->size.width, bottom);
  for (guint i = 0; i < self->x_ticks->len; i++)
    {
      double x = round (g_array_index (self->x_ticks, CsChartTick, i).pos) + 0.5;

      cairo_move_to (cr, x, bottom);
      cairo_line_to (cr, x, bottom + TICK_LENGTH);
    }
  cairo_stroke (cr);
}

static void
draw_series (CsLossChart *self,
             cairo_t     *cr)
{
  const graphene_rect_t *plot = &self->frame.plot;

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
        GdkRGBA color = self->theme.roles[series->role];

        if (series->muted != (pass == 0))
          continue;
        if (series->muted)
          color.alpha *= MUTED_ALPHA;
        cs_chart_series_draw (series, cr, &self->frame, &color,
                              series->muted ? MUTED_LINE_WIDTH : LINE_WIDTH);
      }
  cairo_restore (cr);
}

/* Whether the marker's epoch is on the epoch axis; a NAN epoch is not. */
static gboolean
marker_shown (CsLossChart *self)
{
  return self->marker_x >= self->frame.x_lo && self->marker_x <= self->frame.x_hi;
}

static void
draw_marker_line (CsLossChart *self,
                  cairo_t     *cr)
{
  static const double dashes[] = { 4, 3 };
  const graphene_rect_t *plot = &self->frame.plot;
  double x = round (x_to_widget (self, self->marker_x)) + 0.5;
  GdkRGBA color = cs_chart_fade (&self->theme.fg, 0.6f);

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

static void
draw_hover_line (CsLossChart *self,
                 cairo_t     *cr)
{
  const graphene_rect_t *plot = &self->frame.plot;
  double x = x_to_widget (self, self->hover_epoch);
  GdkRGBA line = cs_chart_fade (&self->theme.fg, 0.3f);

  gdk_cairo_set_source_rgba (cr, &line);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, round (x) + 0.5, plot->origin.y);
  cairo_line_to (cr, round (x) + 0.5, plot->origin.y + plot->size.height);
  cairo_stroke (cr);

  for (guint s = 0; s < self->series->len; s++)
    {
      CsChartSeries *series = get_series (self, s);
      double y = series->muted ? NAN : cs_chart_series_value_at (series, self->hover_epoch);

      if (!isfinite (y) || y < self->frame.y_lo || y > self->frame.y_hi)
        continue;
      cairo_arc (cr, x, y_to_widget (self, y), 4, 0, 2 * G_PI);
      gdk_cairo_set_source_rgba (cr, &self->theme.bubble_bg);
      cairo_fill_preserve (cr);
      gdk_cairo_set_source_rgba (cr, &self->theme.roles[series->role]);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }
}

static void
snapshot_labels (CsLossChart *self,
                 GtkSnapshot *snapshot)
{
  const graphene_rect_t *plot = &self->frame.plot;
  GdkRGBA dim = cs_chart_fade (&self->theme.fg, 0.7f);
  double below = plot->origin.y + plot->size.height + TICK_LENGTH + CS_CHART_TICK_GAP / 2;

  cs_chart_frame_snapshot_value_labels (&self->frame, snapshot, self->y_ticks, &dim);
  cs_chart_snapshot_ticks_below (snapshot, self->x_ticks, below, &dim);
  cs_chart_frame_snapshot_titles (&self->frame, snapshot, gtk_widget_get_height (GTK_WIDGET (self)),
                                  self->x_label_layout, self->y_label_layout, &self->theme);
  cs_chart_legend_snapshot_labels (self->legend, snapshot, &self->theme.fg);
}

/* The marker's label sits on a small box beside its line, so it stays readable over a curve. */
static void
snapshot_marker_label (CsLossChart *self,
                       GtkSnapshot *snapshot)
{
  const graphene_rect_t *plot = &self->frame.plot;
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
  cs_chart_snapshot_bubble (snapshot, &box, &self->theme);
  cs_chart_snapshot_text (snapshot, self->marker_layout, box.origin.x + 4, box.origin.y + 1,
                          &self->theme.fg);
}

/* The read-out box sits beside the hover line, on the side with room, next to the pointer. */
static void
snapshot_hover_box (CsLossChart *self,
                    GtkSnapshot *snapshot)
{
  const graphene_rect_t *plot = &self->frame.plot;
  graphene_rect_t box = cs_chart_readout_box (self->hover_layout,
                                              x_to_widget (self, self->hover_epoch),
                                              gtk_widget_get_width (GTK_WIDGET (self)));

  box.origin.y = MIN (self->pointer_y - box.size.height / 2,
                      plot->origin.y + plot->size.height - box.size.height);
  box.origin.y = MAX (box.origin.y, plot->origin.y);
  cs_chart_snapshot_readout (snapshot, self->hover_layout, &box, &self->theme);
}

static void
cs_loss_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  CsLossChart *self = CS_LOSS_CHART (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  gboolean hovering = !isnan (self->hover_epoch) && self->hover_layout != NULL;
  cairo_t *cr;

  if (!ensure_prepared (self))
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_grid (self, cr);
  draw_series (self, cr);
  draw_marker_line (self, cr);
  cs_chart_legend_draw_swatches (self->legend, cr);
  if (hovering)
    draw_hover_line (self, cr);
  cairo_destroy (cr);

  snapshot_labels (self, snapshot);
  snapshot_marker_label (self, snapshot);
  if (hovering)
    snapshot_hover_box (self, snapshot);
}

/* ---- GtkWidget ---------------------------------------------------------------------------- */

static void
cs_loss_chart_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 160;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 280;
}

static void
cs_loss_chart_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  prepare (CS_LOSS_CHART (widget), width, height);
}

static void
cs_loss_chart_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (cs_loss_chart_parent_class)->css_changed (widget, change);
  /* Colours and fonts both live in the layout. */
  invalidate (CS_LOSS_CHART (widget));
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
cs_loss_chart_dispose (GObject *object)
{
  CsLossChart *self = CS_LOSS_CHART (object);

  g_clear_handle_id (&self->accessible_update_id, g_source_remove);
  G_OBJECT_CLASS (cs_loss_chart_parent_class)->dispose (object);
}

static void
cs_loss_chart_finalize (GObject *object)
{
  CsLossChart *self = CS_LOSS_CHART (object);

  g_ptr_array_unref (self->series);
  g_free (self->y_label);
  g_free (self->marker_label);
  g_array_unref (self->x_ticks);
  g_array_unref (self->y_ticks);
  g_array_unref (self->legend);
  g_clear_object (&self->y_label_layout);
  g_clear_object (&self->x_label_layout);
  g_clear_object (&self->marker_layout);
  g_clear_object (&self->hover_layout);
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
    case PROP_Y_LABEL:
      g_value_set_string (value, self->y_label);
      break;
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
  CsLossChart *self = CS_LOSS_CHART (object);

  switch (prop_id)
    {
    case PROP_Y_LABEL:
      cs_loss_chart_set_y_label (self, g_value_get_string (value));
      break;
    case PROP_PERCENT:
      cs_loss_chart_set_percent (self, g_value_get_boolean (value));
      break;
    case PROP_X_MAX:
      cs_loss_chart_set_x_max (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_loss_chart_class_init (CsLossChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_loss_chart_dispose;
  object_class->finalize = cs_loss_chart_finalize;
  object_class->get_property = cs_loss_chart_get_property;
  object_class->set_property = cs_loss_chart_set_property;

  widget_class->measure = cs_loss_chart_measure;
  widget_class->size_allocate = cs_loss_chart_size_allocate;
  widget_class->snapshot = cs_loss_chart_snapshot;
  widget_class->css_changed = cs_loss_chart_css_changed;

  /**
   * CsLossChart:y-label:
   *
   * The title of the value axis, such as “Loss” or “Accuracy”.
   */
  properties[PROP_Y_LABEL] =
    g_param_spec_string ("y-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

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

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "cs-loss-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cs_loss_chart_init (CsLossChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->series = g_ptr_array_new_with_free_func (cs_chart_series_free);
  self->x_ticks = cs_chart_tick_array_new ();
  self->y_ticks = cs_chart_tick_array_new ();
  self->legend = cs_chart_legend_new ();
  self->y_min = 0;
  self->y_max = NAN;
  self->marker_x = NAN;
  self->hover_epoch = NAN;

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("No data"),
                                  -1);
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
 * cs_loss_chart_set_y_label:
 * @label: (nullable): the value axis' title, also the chart's accessible name
 */
void
cs_loss_chart_set_y_label (CsLossChart *self,
                           const char  *label)
{
  g_return_if_fail (CS_IS_LOSS_CHART (self));

  if (!cs_chart_set_string (&self->y_label, label))
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label ? label : _("Chart"),
                                  -1);
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y_LABEL]);
}

const char *
cs_loss_chart_get_y_label (CsLossChart *self)
{
  g_return_val_if_fail (CS_IS_LOSS_CHART (self), NULL);

  return self->y_label;
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
  invalidate (self);
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
  data_changed (self);
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

  if (!(epochs > 0))
    epochs = 0;
  if (epochs == self->x_max)
    return;
  self->x_max = epochs;
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X_MAX]);
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
  data_changed (self);
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
  data_changed (self);
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
  self->marker_x = NAN;
  g_clear_pointer (&self->marker_label, g_free);
  self->hover_epoch = NAN;
  data_changed (self);
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
  invalidate (self);
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
  double picked;
  GString *summary;

  g_return_val_if_fail (CS_IS_LOSS_CHART (self), FALSE);

  if (text != NULL)
    *text = NULL;
  if (!ensure_prepared (self) || !pick_epoch (self, widget_x, &picked))
    return FALSE;
  if (epoch != NULL)
    *epoch = picked;
  if (text != NULL)
    {
      summary = g_string_new (NULL);
      describe_epoch (self, picked, summary, NULL);
      *text = g_string_free (summary, FALSE);
    }
  return TRUE;
}

/* ---- For the tests ------------------------------------------------------------------------ */

gboolean
cs_loss_chart_get_plot_area (CsLossChart     *self,
                             graphene_rect_t *area)
{
  g_return_val_if_fail (CS_IS_LOSS_CHART (self), FALSE);

  if (!ensure_prepared (self))
    return FALSE;
  *area = self->frame.plot;
  return TRUE;
}

double
cs_loss_chart_x_to_widget (CsLossChart *self,
                           double       x)
{
  g_return_val_if_fail (CS_IS_LOSS_CHART (self), NAN);

  return ensure_prepared (self) ? x_to_widget (self, x) : NAN;
}

double
cs_loss_chart_y_to_widget (CsLossChart *self,
                           double       y)
{
  g_return_val_if_fail (CS_IS_LOSS_CHART (self), NAN);

  return ensure_prepared (self) ? y_to_widget (self, y) : NAN;
}

gboolean
cs_loss_chart_get_hover (CsLossChart *self,
                         double      *epoch)
{
  g_return_val_if_fail (CS_IS_LOSS_CHART (self), FALSE);

  *epoch = self->hover_epoch;
  return !isnan (self->hover_epoch);
}

/* The number of points drawn for a series, gaps included, after thinning to the pixel columns. */
guint
cs_loss_chart_get_path_length (CsLossChart *self,
                               guint        series)
{
  g_return_val_if_fail (CS_IS_LOSS_CHART (self), 0);
  g_return_val_if_fail (series < self->series->len, 0);

  return ensure_prepared (self) ? get_series (self, series)->path->len : 0;
}
