/* cs-bar-chart.c — a histogram for the dataset overview
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <math.h>

#include "cs-bar-chart-private.h"

#define LABEL_GAP       8     /* the least room between two category labels */
#define ELLIPSIZE_SLOT  48    /* bars this wide shorten their labels rather than skip some */

/* The items are the bars, numbered from 0. */
struct _CsBarChart
{
  CsChart          parent_instance;

  /* Owned: what the caller set */
  double          *values;          /* [n] */
  char           **labels;          /* [n], NULL-terminated; NULL: bars are numbered from 0 */
  guint            n;

  /* Owned: the layout for the current size and data; draw () draws it */
  double           slot;            /* the width each bar has, gap included */
  guint            label_stride;    /* every label_stride-th category is labelled */
  int              widest_label;    /* in pixels; -1 until measured for the data and font */
  GArray          *bars;            /* of graphene_rect_t: one per bar, or per pixel column */
};

G_DEFINE_FINAL_TYPE (CsBarChart, cs_bar_chart, CS_TYPE_CHART)

static const graphene_rect_t *
plot_of (CsBarChart *self)
{
  return &cs_chart_get_frame (CS_CHART (self))->plot;
}

static char *
category_label (CsBarChart *self,
                guint       i)
{
  return self->labels ? g_strdup (self->labels[i]) : g_strdup_printf ("%u", i);
}

static double
bar_center (CsBarChart *self,
            guint       i)
{
  return plot_of (self)->origin.x + (i + 0.5) * self->slot;
}

/* “highway: 260”, the text of the read-out and of the accessible description. */
static char *
describe_bar (CsBarChart *self,
              guint       i)
{
  g_autofree char *label = category_label (self, i);
  g_autofree char *value = cs_chart_format_value (self->values[i], FALSE);

  return g_strdup_printf ("%s: %s", label, value);
}

/* ---- Layout ------------------------------------------------------------------------------- */

/* From 0, or the lowest negative value, to the highest value rounded up to a tick. Counts get
 * whole-number ticks. */
static void
prepare_y_axis (CsBarChart *self)
{
  CsChartFrame *frame = cs_chart_get_frame (CS_CHART (self));
  guint max_ticks = cs_chart_frame_max_y_ticks (frame);
  double lo = 0, hi = 0, min_step;
  gboolean whole = TRUE;
  CsChartTicks spec;

  for (guint i = 0; i < self->n; i++)
    if (isfinite (self->values[i]))
      {
        lo = MIN (lo, self->values[i]);
        hi = MAX (hi, self->values[i]);
        whole &= self->values[i] == floor (self->values[i]);
      }
  if (hi <= lo)
    hi = lo + 1;
  min_step = whole ? 1 : 0;
  frame->y_hi = hi > 0 ? cs_chart_round_end (lo, hi, max_ticks, min_step, FALSE) : 0;
  frame->y_lo = lo < 0 ? cs_chart_round_end (frame->y_hi, lo, max_ticks, min_step, FALSE) : 0;

  cs_chart_ticks_init (&spec, frame->y_lo, frame->y_hi, max_ticks, min_step, FALSE);
  cs_chart_frame_fill_ticks (frame, GTK_WIDGET (self),
                             cs_chart_get_ticks (CS_CHART (self), GTK_ORIENTATION_VERTICAL),
                             &spec, GTK_ORIENTATION_VERTICAL);
}

/* Labels every category if they fit; otherwise, with wide bars, shortens them to their bar's
 * width (the read-out shows the whole label), and with narrow ones labels every k-th bar only,
 * so no two labels ever overlap. */
static int
measure_widest_label (CsBarChart *self)
{
  int widest = 0;

  /* Numbers are widest at the last one; names have to be measured one by one. */
  for (guint i = self->labels ? 0 : MAX (self->n, 1) - 1; i < self->n; i++)
    {
      g_autofree char *text = category_label (self, i);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

      widest = MAX (widest, cs_chart_layout_width (layout));
    }
  return widest;
}

static void
prepare_category_labels (CsBarChart *self,
                         int         widget_width)
{
  GArray *ticks = cs_chart_get_ticks (CS_CHART (self), GTK_ORIENTATION_HORIZONTAL);
  int widest;

  self->label_stride = 1;
  if (self->n == 0)
    return;
  /* Kept across resizes: a thousand annotators' names take a while to measure. */
  if (self->widest_label < 0)
    self->widest_label = measure_widest_label (self);
  widest = self->widest_label;
  if (widest + LABEL_GAP > self->slot && self->slot < ELLIPSIZE_SLOT)
    self->label_stride = (guint) ceil ((widest + LABEL_GAP) / self->slot);

  for (guint i = 0; i < self->n; i += self->label_stride)
    {
      g_autofree char *text = category_label (self, i);
      CsChartTick tick = { gtk_widget_create_pango_layout (GTK_WIDGET (self), text),
                           bar_center (self, i) };
      int width;

      if (self->label_stride == 1 && widest + LABEL_GAP > self->slot)
        {
          pango_layout_set_width (tick.layout, (int) (self->slot - LABEL_GAP) * PANGO_SCALE);
          pango_layout_set_ellipsize (tick.layout, PANGO_ELLIPSIZE_END);
        }
      width = cs_chart_layout_width (tick.layout);
      /* A label that would stick out of the widget is left out rather than cut. */
      if (tick.pos - width / 2.0 < 0 || tick.pos + width / 2.0 > widget_width)
        {
          g_object_unref (tick.layout);
          continue;
        }
      g_array_append_val (ticks, tick);
    }
}

/* One rectangle per bar, or, with more bars than pixel columns, one per column spanning the
 * extremes of the bars that fall in it, so a thousand annotators draw as fast as ten. */
static void
prepare_bars (CsBarChart *self)
{
  const CsChartFrame *frame = cs_chart_get_frame (CS_CHART (self));
  const graphene_rect_t *plot = &frame->plot;
  guint columns = (guint) plot->size.width;
  gboolean per_column = self->n > columns;
  guint count = per_column ? columns : self->n;

  g_array_set_size (self->bars, 0);
  for (guint c = 0; c < count; c++)
    {
      guint first = per_column ? (guint) ((guint64) c * self->n / columns) : c;
      guint end = per_column ? (guint) ((guint64) (c + 1) * self->n / columns) : c + 1;
      double lo = 0, hi = 0, left, right;
      graphene_rect_t rect;

      for (guint i = first; i < end; i++)
        if (isfinite (self->values[i]))
          lo = MIN (lo, self->values[i]), hi = MAX (hi, self->values[i]);
      if (lo == 0 && hi == 0)
        continue;
      if (per_column)
        left = plot->origin.x + c, right = left + 1;
      else
        {
          /* A gap between bars once there is room for one; snapped to whole pixels. */
          double inset = self->slot >= 4 ? MAX (1, round (self->slot * 0.12)) : 0;

          left = round (plot->origin.x + c * self->slot + inset);
          right = MAX (left + 1, round (plot->origin.x + (c + 1) * self->slot - inset));
        }
      rect = GRAPHENE_RECT_INIT (left, round (cs_chart_frame_y_to_widget (frame, hi)),
                                 right - left, 0);
      rect.size.height = MAX (1, round (cs_chart_frame_y_to_widget (frame, lo)) - rect.origin.y);
      g_array_append_val (self->bars, rect);
    }
}

/* The plot's rows leave room for the value axis' title above and the labels and the
 * categories' title below; its columns start right of the widest value label. */
static void
cs_bar_chart_layout (CsChart *chart,
                     int      width,
                     int      height)
{
  CsBarChart *self = CS_BAR_CHART (chart);
  graphene_rect_t *plot = &cs_chart_get_frame (chart)->plot;
  PangoLayout *x_title = cs_chart_get_title_layout (chart, GTK_ORIENTATION_HORIZONTAL);
  PangoLayout *y_title = cs_chart_get_title_layout (chart, GTK_ORIENTATION_VERTICAL);
  GArray *y_ticks = cs_chart_get_ticks (chart, GTK_ORIENTATION_VERTICAL);
  double text_height = cs_chart_text_height (GTK_WIDGET (self)), top, bottom;

  top = CS_CHART_PAD + text_height / 2;
  if (y_title != NULL)
    top += cs_chart_layout_height (y_title) + 4;
  bottom = height - CS_CHART_PAD - text_height - CS_CHART_TICK_GAP -
           (x_title ? cs_chart_layout_height (x_title) + 2 : 0);
  *plot = GRAPHENE_RECT_INIT (0, round (top), 1, MAX (1, round (bottom - top)));
  prepare_y_axis (self);

  plot->origin.x = round (CS_CHART_PAD + CS_CHART_TICK_GAP + cs_chart_ticks_widest (y_ticks));
  plot->size.width = MAX (1, width - CS_CHART_PAD - plot->origin.x);
  self->slot = plot->size.width / MAX (self->n, 1);

  prepare_category_labels (self, width);
  prepare_bars (self);
}

/* ---- Items -------------------------------------------------------------------------------- */

static guint
cs_bar_chart_get_n_items (CsChart *chart)
{
  return CS_BAR_CHART (chart)->n;
}

/* The bar whose slot, gap included, is at x; the bar chart picks by x alone. */
static gboolean
cs_bar_chart_pick (CsChart *chart,
                   double   x,
                   double   y,
                   guint   *item)
{
  CsBarChart *self = CS_BAR_CHART (chart);
  double offset = x - plot_of (self)->origin.x;

  if (self->n == 0 || offset < 0 || offset >= plot_of (self)->size.width)
    return FALSE;
  *item = MIN ((guint) (offset / self->slot), self->n - 1);
  return TRUE;
}

/* The top of a bar, or the middle of the plot for a bar with no value. */
static void
cs_bar_chart_locate_item (CsChart          *chart,
                          guint             item,
                          graphene_point_t *point)
{
  CsBarChart *self = CS_BAR_CHART (chart);
  const CsChartFrame *frame = cs_chart_get_frame (chart);
  double value = self->values[item];

  graphene_rect_get_center (&frame->plot, point);
  point->x = bar_center (self, item);
  if (isfinite (value))
    point->y = cs_chart_frame_y_to_widget (frame, MAX (value, 0));
}

static void
cs_bar_chart_describe_item (CsChart *chart,
                            guint    item,
                            GString *text,
                            GString *markup)
{
  CsBarChart *self = CS_BAR_CHART (chart);
  const char *y_label = cs_chart_get_label (chart, GTK_ORIENTATION_VERTICAL);
  g_autofree char *summary = describe_bar (self, item);
  g_autofree char *label = NULL;
  g_autofree char *value = NULL;
  g_autofree char *readout = NULL;

  g_string_append (text, summary);
  if (markup == NULL)
    return;
  label = category_label (self, item);
  value = cs_chart_format_value (self->values[item], FALSE);
  if (y_label != NULL)
    readout = g_markup_printf_escaped ("<b>%s</b>\n%s: %s", label, y_label, value);
  else
    readout = g_markup_printf_escaped ("<b>%s</b>\n%s", label, value);
  g_string_append (markup, readout);
}

/* “8 bars; the highest is coast: 360” */
static void
cs_bar_chart_describe (CsChart *chart,
                       GString *description)
{
  CsBarChart *self = CS_BAR_CHART (chart);
  g_autofree char *top = NULL;
  guint highest = 0;

  if (self->n == 0)
    return;
  for (guint i = 1; i < self->n; i++)
    if (self->values[i] > self->values[highest] || isnan (self->values[highest]))
      highest = i;
  top = describe_bar (self, highest);
  g_string_append_printf (description,
                          g_dngettext (NULL, "%u bar; the highest is %s",
                                       "%u bars; the highest is %s", self->n),
                          self->n, top);
}

/* ---- Drawing ------------------------------------------------------------------------------ */

static void
snapshot_grid (CsBarChart  *self,
               GtkSnapshot *snapshot)
{
  const CsChartTheme *theme = cs_chart_get_theme (CS_CHART (self));
  const CsChartFrame *frame = cs_chart_get_frame (CS_CHART (self));
  GArray *y_ticks = cs_chart_get_ticks (CS_CHART (self), GTK_ORIENTATION_VERTICAL);
  GdkRGBA grid = cs_chart_fade (&theme->fg, 0.1f);
  GdkRGBA axis = cs_chart_fade (&theme->fg, 0.4f);
  const graphene_rect_t *plot = &frame->plot;
  double zero = round (cs_chart_frame_y_to_widget (frame, 0));

  for (guint i = 0; i < y_ticks->len; i++)
    {
      double y = round (g_array_index (y_ticks, CsChartTick, i).pos);

      gtk_snapshot_append_color (snapshot, &grid,
                                 &GRAPHENE_RECT_INIT (plot->origin.x, y, plot->size.width, 1));
    }
  gtk_snapshot_append_color (snapshot, &axis,
                             &GRAPHENE_RECT_INIT (plot->origin.x, zero, plot->size.width, 1));
}

static void
cs_bar_chart_draw (CsChart     *chart,
                   GtkSnapshot *snapshot)
{
  CsBarChart *self = CS_BAR_CHART (chart);
  const CsChartTheme *theme = cs_chart_get_theme (chart);
  guint shown = cs_chart_get_readout_item (chart);

  snapshot_grid (self, snapshot);
  for (guint i = 0; i < self->bars->len; i++)
    gtk_snapshot_append_color (snapshot, &theme->accent_bg,
                               &g_array_index (self->bars, graphene_rect_t, i));

  /* The bar in the read-out in the accent's text shade, which stands out from the fill in both
   * styles; with a bar per pixel column or less, there is none to tell apart. */
  if (shown == CS_CHART_NO_ITEM || self->n > plot_of (self)->size.width)
    return;
  for (guint i = 0; i < self->bars->len; i++)
    {
      const graphene_rect_t *bar = &g_array_index (self->bars, graphene_rect_t, i);

      if (bar->origin.x <= bar_center (self, shown) &&
          bar_center (self, shown) < bar->origin.x + bar->size.width)
        gtk_snapshot_append_color (snapshot, &theme->accent, bar);
    }
}

/* ---- GtkWidget ---------------------------------------------------------------------------- */

static void
cs_bar_chart_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (cs_bar_chart_parent_class)->css_changed (widget, change);
  /* The labels are measured again in the new font. */
  CS_BAR_CHART (widget)->widest_label = -1;
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
cs_bar_chart_finalize (GObject *object)
{
  CsBarChart *self = CS_BAR_CHART (object);

  g_free (self->values);
  g_strfreev (self->labels);
  g_clear_pointer (&self->bars, g_array_unref);
  G_OBJECT_CLASS (cs_bar_chart_parent_class)->finalize (object);
}

static void
cs_bar_chart_class_init (CsBarChartClass *klass)
{
  CsChartClass *chart_class = CS_CHART_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = cs_bar_chart_finalize;
  GTK_WIDGET_CLASS (klass)->css_changed = cs_bar_chart_css_changed;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "cs-bar-chart");

  chart_class->layout = cs_bar_chart_layout;
  chart_class->draw = cs_bar_chart_draw;
  chart_class->get_n_items = cs_bar_chart_get_n_items;
  chart_class->pick = cs_bar_chart_pick;
  chart_class->locate_item = cs_bar_chart_locate_item;
  chart_class->describe_item = cs_bar_chart_describe_item;
  chart_class->describe = cs_bar_chart_describe;
}

static void
cs_bar_chart_init (CsBarChart *self)
{
  self->bars = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  self->widest_label = -1;
}

/* ---- Public API --------------------------------------------------------------------------- */

/**
 * cs_bar_chart_new:
 *
 * Returns: (transfer floating): a new #CsBarChart with no bars
 */
GtkWidget *
cs_bar_chart_new (void)
{
  return g_object_new (CS_TYPE_BAR_CHART, NULL);
}

/**
 * cs_bar_chart_set_data:
 * @values: (array length=n): the bars' heights; NAN draws no bar
 * @labels: (array length=n) (nullable): the categories' names, or NULL to number them from 0
 * @n: the number of bars
 *
 * Replaces the bars with copies of @values and @labels.
 */
void
cs_bar_chart_set_data (CsBarChart         *self,
                       const double       *values,
                       const char * const *labels,
                       guint               n)
{
  g_return_if_fail (CS_IS_BAR_CHART (self));
  g_return_if_fail (values != NULL || n == 0);

  g_free (self->values);
  g_strfreev (self->labels);
  self->values = g_memdup2 (values, sizeof (double) * n);
  self->labels = cs_chart_copy_names (labels, n);
  self->n = n;
  self->widest_label = -1;
  cs_chart_data_changed (CS_CHART (self));
}

guint
cs_bar_chart_get_n_bars (CsBarChart *self)
{
  g_return_val_if_fail (CS_IS_BAR_CHART (self), 0);

  return self->n;
}

/**
 * cs_bar_chart_get_readout:
 * @widget_x: a horizontal position in the chart's coordinates
 * @index: (out) (optional): the bar under it
 * @text: (out) (optional) (transfer full): “label: value”; NULL when no bar is there
 *
 * Returns: whether @widget_x is over a bar's slot in the plot
 */
gboolean
cs_bar_chart_get_readout (CsBarChart  *self,
                          double       widget_x,
                          guint       *index,
                          char       **text)
{
  g_return_val_if_fail (CS_IS_BAR_CHART (self), FALSE);

  return cs_chart_get_readout (CS_CHART (self), widget_x, NAN, index, text);
}

/* ---- For the tests ------------------------------------------------------------------------ */

double
cs_bar_chart_bar_center (CsBarChart *self,
                         guint       index)
{
  g_return_val_if_fail (CS_IS_BAR_CHART (self), NAN);
  g_return_val_if_fail (index < self->n, NAN);

  if (!cs_chart_ensure_layout (CS_CHART (self)))
    return NAN;
  return bar_center (self, index);
}

guint
cs_bar_chart_get_label_stride (CsBarChart *self)
{
  g_return_val_if_fail (CS_IS_BAR_CHART (self), 0);

  return cs_chart_ensure_layout (CS_CHART (self)) ? self->label_stride : 0;
}
