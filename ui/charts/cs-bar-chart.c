/* cs-bar-chart.c — a histogram for the dataset overview
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <math.h>

#include "cs-bar-chart-private.h"
#include "cs-chart-frame.h"

#define LABEL_GAP       8     /* the least room between two category labels */
#define ELLIPSIZE_SLOT  48    /* bars this wide shorten their labels rather than skip some */

struct _CsBarChart
{
  GtkWidget        parent_instance;

  /* Owned: what the caller set */
  double          *values;          /* [n] */
  char           **labels;          /* [n], NULL-terminated; NULL: bars are numbered from 0 */
  guint            n;
  char            *x_label;
  char            *y_label;

  /* Owned: the layout prepare () computes for the current size and data; snapshot () draws it */
  gboolean         prepared;
  CsChartTheme     theme;
  CsChartFrame     frame;           /* the plot, and the values it spans */
  double           slot;            /* the width each bar has, gap included */
  GArray          *y_ticks;         /* of CsChartTick */
  GArray          *category_ticks;  /* of CsChartTick, the labels shown under the bars */
  guint            label_stride;    /* every label_stride-th category is labelled */
  int              widest_label;    /* in pixels; -1 until measured for the data and font */
  GArray          *bars;            /* of graphene_rect_t: one per bar, or per pixel column */
  PangoLayout     *x_label_layout;
  PangoLayout     *y_label_layout;

  /* Owned: the hover read-out */
  int              hover_index;     /* -1: none */
  double           pointer_x;
  double           pointer_y;
  PangoLayout     *hover_layout;
};

G_DEFINE_FINAL_TYPE (CsBarChart, cs_bar_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_X_LABEL,
  PROP_Y_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
  return self->frame.plot.origin.x + (i + 0.5) * self->slot;
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

static void
update_accessible (CsBarChart *self)
{
  g_autofree char *description = NULL;
  guint highest = 0;

  for (guint i = 1; i < self->n; i++)
    if (self->values[i] > self->values[highest] || isnan (self->values[highest]))
      highest = i;
  if (self->n == 0)
    description = g_strdup (_("No data"));
  else
    {
      g_autofree char *top = describe_bar (self, highest);

      description = g_strdup_printf (g_dngettext (NULL, "%u bar; the highest is %s",
                                                  "%u bars; the highest is %s", self->n),
                                     self->n, top);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->y_label ? self->y_label :
                                  self->x_label ? self->x_label : _("Chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* ---- Layout ------------------------------------------------------------------------------- */

static void
invalidate (CsBarChart *self)
{
  self->prepared = FALSE;
  self->widest_label = -1;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* From 0, or the lowest negative value, to the highest value rounded up to a tick. Counts get
 * whole-number ticks. */
static void
prepare_y_axis (CsBarChart *self)
{
  CsChartFrame *frame = &self->frame;
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
  cs_chart_frame_fill_ticks (frame, GTK_WIDGET (self), self->y_ticks, &spec,
                             GTK_ORIENTATION_VERTICAL);
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
  int widest;

  g_array_set_size (self->category_ticks, 0);
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
      g_array_append_val (self->category_ticks, tick);
    }
}

/* One rectangle per bar, or, with more bars than pixel columns, one per column spanning the
 * extremes of the bars that fall in it, so a thousand annotators draw as fast as ten. */
static void
prepare_bars (CsBarChart *self)
{
  const graphene_rect_t *plot = &self->frame.plot;
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
      rect = GRAPHENE_RECT_INIT (left, round (cs_chart_frame_y_to_widget (&self->frame, hi)),
                                 right - left, 0);
      rect.size.height = MAX (1, round (cs_chart_frame_y_to_widget (&self->frame, lo)) -
                                 rect.origin.y);
      g_array_append_val (self->bars, rect);
    }
}

static void update_hover (CsBarChart *self);

static void
prepare (CsBarChart *self,
         int         width,
         int         height)
{
  graphene_rect_t *plot = &self->frame.plot;
  double text_height = cs_chart_text_height (GTK_WIDGET (self)), top, bottom;

  cs_chart_theme_load (&self->theme, GTK_WIDGET (self));
  g_clear_object (&self->x_label_layout);
  g_clear_object (&self->y_label_layout);
  self->x_label_layout = cs_chart_title_layout (GTK_WIDGET (self), self->x_label);
  self->y_label_layout = cs_chart_title_layout (GTK_WIDGET (self), self->y_label);

  top = CS_CHART_PAD + text_height / 2;
  if (self->y_label_layout != NULL)
    top += cs_chart_layout_height (self->y_label_layout) + 4;
  bottom = height - CS_CHART_PAD - text_height - CS_CHART_TICK_GAP -
           (self->x_label_layout ? cs_chart_layout_height (self->x_label_layout) + 2 : 0);
  *plot = GRAPHENE_RECT_INIT (0, round (top), 1, MAX (1, round (bottom - top)));
  prepare_y_axis (self);

  plot->origin.x = round (CS_CHART_PAD + CS_CHART_TICK_GAP + cs_chart_ticks_widest (self->y_ticks));
  plot->size.width = MAX (1, width - CS_CHART_PAD - plot->origin.x);
  self->slot = plot->size.width / MAX (self->n, 1);

  prepare_category_labels (self, width);
  prepare_bars (self);
  self->prepared = TRUE;
  update_hover (self);
}

static gboolean
ensure_prepared (CsBarChart *self)
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

static gboolean
pick_bar (CsBarChart *self,
          double      widget_x,
          guint      *index)
{
  double offset = widget_x - self->frame.plot.origin.x;

  if (self->n == 0 || offset < 0 || offset >= self->frame.plot.size.width)
    return FALSE;
  *index = MIN ((guint) (offset / self->slot), self->n - 1);
  return TRUE;
}

static void
update_hover (CsBarChart *self)
{
  g_autofree char *label = NULL;
  g_autofree char *value = NULL;
  g_autofree char *markup = NULL;

  g_clear_object (&self->hover_layout);
  if (self->hover_index < 0 || !self->prepared)
    return;
  label = category_label (self, self->hover_index);
  value = cs_chart_format_value (self->values[self->hover_index], FALSE);
  if (self->y_label != NULL)
    markup = g_markup_printf_escaped ("<b>%s</b>\n%s: %s", label, self->y_label, value);
  else
    markup = g_markup_printf_escaped ("<b>%s</b>\n%s", label, value);
  self->hover_layout = cs_chart_markup_layout (GTK_WIDGET (self), markup);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           CsBarChart               *self)
{
  guint index;
  int hover = -1;

  self->pointer_x = x;
  self->pointer_y = y;
  if (ensure_prepared (self) && pick_bar (self, x, &index))
    hover = (int) index;
  if (hover != self->hover_index)
    {
      self->hover_index = hover;
      update_hover (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
leave_cb (GtkEventControllerMotion *controller,
          CsBarChart               *self)
{
  self->hover_index = -1;
  update_hover (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- Drawing ------------------------------------------------------------------------------ */

static void
snapshot_axes (CsBarChart  *self,
               GtkSnapshot *snapshot)
{
  GdkRGBA grid = cs_chart_fade (&self->theme.fg, 0.1f);
  GdkRGBA axis = cs_chart_fade (&self->theme.fg, 0.4f);
  GdkRGBA dim = cs_chart_fade (&self->theme.fg, 0.7f);
  const graphene_rect_t *plot = &self->frame.plot;
  double zero = round (cs_chart_frame_y_to_widget (&self->frame, 0));

  for (guint i = 0; i < self->y_ticks->len; i++)
    {
      double y = round (g_array_index (self->y_ticks, CsChartTick, i).pos);

      gtk_snapshot_append_color (snapshot, &grid,
                                 &GRAPHENE_RECT_INIT (plot->origin.x, y, plot->size.width, 1));
    }
  cs_chart_frame_snapshot_value_labels (&self->frame, snapshot, self->y_ticks, &dim);
  gtk_snapshot_append_color (snapshot, &axis,
                             &GRAPHENE_RECT_INIT (plot->origin.x, zero, plot->size.width, 1));
}

static void
snapshot_bars (CsBarChart  *self,
               GtkSnapshot *snapshot)
{
  for (guint i = 0; i < self->bars->len; i++)
    gtk_snapshot_append_color (snapshot, &self->theme.accent_bg,
                               &g_array_index (self->bars, graphene_rect_t, i));

  /* The hovered bar in the accent's text shade, which stands out from the fill in both styles. */
  if (self->hover_index >= 0 && self->n <= self->frame.plot.size.width)
    for (guint i = 0; i < self->bars->len; i++)
      {
        const graphene_rect_t *bar = &g_array_index (self->bars, graphene_rect_t, i);

        if (bar->origin.x <= bar_center (self, self->hover_index) &&
            bar_center (self, self->hover_index) < bar->origin.x + bar->size.width)
          gtk_snapshot_append_color (snapshot, &self->theme.accent, bar);
      }
}

static void
snapshot_labels (CsBarChart  *self,
                 GtkSnapshot *snapshot)
{
  const graphene_rect_t *plot = &self->frame.plot;
  GdkRGBA dim = cs_chart_fade (&self->theme.fg, 0.7f);
  double below = plot->origin.y + plot->size.height + CS_CHART_TICK_GAP / 2.0;

  cs_chart_snapshot_ticks_below (snapshot, self->category_ticks, below, &dim);
  cs_chart_frame_snapshot_titles (&self->frame, snapshot, gtk_widget_get_height (GTK_WIDGET (self)),
                                  self->x_label_layout, self->y_label_layout, &self->theme);
}

static void
snapshot_hover_box (CsBarChart  *self,
                    GtkSnapshot *snapshot)
{
  graphene_rect_t box = cs_chart_readout_box (self->hover_layout, self->pointer_x,
                                              gtk_widget_get_width (GTK_WIDGET (self)));

  box.origin.y = MAX (2, self->pointer_y - box.size.height - 4);
  cs_chart_snapshot_readout (snapshot, self->hover_layout, &box, &self->theme);
}

static void
cs_bar_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  CsBarChart *self = CS_BAR_CHART (widget);

  if (!ensure_prepared (self))
    return;
  snapshot_axes (self, snapshot);
  snapshot_bars (self, snapshot);
  snapshot_labels (self, snapshot);
  if (self->hover_layout != NULL)
    snapshot_hover_box (self, snapshot);
}

/* ---- GtkWidget ---------------------------------------------------------------------------- */

static void
cs_bar_chart_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 160;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 400 : 240;
}

static void
cs_bar_chart_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  prepare (CS_BAR_CHART (widget), width, height);
}

static void
cs_bar_chart_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (cs_bar_chart_parent_class)->css_changed (widget, change);
  /* Colours and fonts both live in the layout. */
  invalidate (CS_BAR_CHART (widget));
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
cs_bar_chart_finalize (GObject *object)
{
  CsBarChart *self = CS_BAR_CHART (object);

  g_free (self->values);
  g_strfreev (self->labels);
  g_free (self->x_label);
  g_free (self->y_label);
  g_array_unref (self->y_ticks);
  g_array_unref (self->category_ticks);
  g_array_unref (self->bars);
  g_clear_object (&self->x_label_layout);
  g_clear_object (&self->y_label_layout);
  g_clear_object (&self->hover_layout);
  G_OBJECT_CLASS (cs_bar_chart_parent_class)->finalize (object);
}

static void
cs_bar_chart_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CsBarChart *self = CS_BAR_CHART (object);

  switch (prop_id)
    {
    case PROP_X_LABEL:
      g_value_set_string (value, self->x_label);
      break;
    case PROP_Y_LABEL:
      g_value_set_string (value, self->y_label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_bar_chart_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CsBarChart *self = CS_BAR_CHART (object);

  switch (prop_id)
    {
    case PROP_X_LABEL:
      cs_bar_chart_set_x_label (self, g_value_get_string (value));
      break;
    case PROP_Y_LABEL:
      cs_bar_chart_set_y_label (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_bar_chart_class_init (CsBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cs_bar_chart_finalize;
  object_class->get_property = cs_bar_chart_get_property;
  object_class->set_property = cs_bar_chart_set_property;

  widget_class->measure = cs_bar_chart_measure;
  widget_class->size_allocate = cs_bar_chart_size_allocate;
  widget_class->snapshot = cs_bar_chart_snapshot;
  widget_class->css_changed = cs_bar_chart_css_changed;

  /**
   * CsBarChart:x-label:
   *
   * What the categories are, shown under their labels, such as “Labels per item”.
   */
  properties[PROP_X_LABEL] =
    g_param_spec_string ("x-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CsBarChart:y-label:
   *
   * What the bars count, shown above the value axis, such as “Items”.
   */
  properties[PROP_Y_LABEL] =
    g_param_spec_string ("y-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "cs-bar-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cs_bar_chart_init (CsBarChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->y_ticks = cs_chart_tick_array_new ();
  self->category_ticks = cs_chart_tick_array_new ();
  self->bars = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  self->hover_index = -1;
  self->widest_label = -1;

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  update_accessible (self);
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
  self->labels = NULL;
  if (labels != NULL)
    {
      self->labels = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        self->labels[i] = g_strdup (labels[i] ? labels[i] : "");
    }
  self->n = n;
  self->hover_index = -1;
  update_accessible (self);
  invalidate (self);
}

guint
cs_bar_chart_get_n_bars (CsBarChart *self)
{
  g_return_val_if_fail (CS_IS_BAR_CHART (self), 0);

  return self->n;
}

/**
 * cs_bar_chart_set_x_label:
 * @label: (nullable): what the categories are
 */
void
cs_bar_chart_set_x_label (CsBarChart *self,
                          const char *label)
{
  g_return_if_fail (CS_IS_BAR_CHART (self));

  if (!cs_chart_set_string (&self->x_label, label))
    return;
  update_accessible (self);
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X_LABEL]);
}

const char *
cs_bar_chart_get_x_label (CsBarChart *self)
{
  g_return_val_if_fail (CS_IS_BAR_CHART (self), NULL);

  return self->x_label;
}

/**
 * cs_bar_chart_set_y_label:
 * @label: (nullable): what the bars count; also the chart's accessible name
 */
void
cs_bar_chart_set_y_label (CsBarChart *self,
                          const char *label)
{
  g_return_if_fail (CS_IS_BAR_CHART (self));

  if (!cs_chart_set_string (&self->y_label, label))
    return;
  update_accessible (self);
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y_LABEL]);
}

const char *
cs_bar_chart_get_y_label (CsBarChart *self)
{
  g_return_val_if_fail (CS_IS_BAR_CHART (self), NULL);

  return self->y_label;
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
  guint picked;

  g_return_val_if_fail (CS_IS_BAR_CHART (self), FALSE);

  if (text != NULL)
    *text = NULL;
  if (!ensure_prepared (self) || !pick_bar (self, widget_x, &picked))
    return FALSE;
  if (index != NULL)
    *index = picked;
  if (text != NULL)
    *text = describe_bar (self, picked);
  return TRUE;
}

/* ---- For the tests ------------------------------------------------------------------------ */

gboolean
cs_bar_chart_get_plot_area (CsBarChart      *self,
                            graphene_rect_t *area)
{
  g_return_val_if_fail (CS_IS_BAR_CHART (self), FALSE);

  if (!ensure_prepared (self))
    return FALSE;
  *area = self->frame.plot;
  return TRUE;
}

double
cs_bar_chart_bar_center (CsBarChart *self,
                         guint       index)
{
  g_return_val_if_fail (CS_IS_BAR_CHART (self), NAN);

  return ensure_prepared (self) ? bar_center (self, index) : NAN;
}

guint
cs_bar_chart_get_label_stride (CsBarChart *self)
{
  g_return_val_if_fail (CS_IS_BAR_CHART (self), 0);

  return ensure_prepared (self) ? self->label_stride : 0;
}

gboolean
cs_bar_chart_get_hover (CsBarChart *self,
                        guint      *index)
{
  g_return_val_if_fail (CS_IS_BAR_CHART (self), FALSE);

  *index = self->hover_index;
  return self->hover_index >= 0;
}
