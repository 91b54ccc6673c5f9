/* cs-loss-chart.c — per-epoch curves: a training run, the runs beside it, several runs' bands
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
#define GROUP_LINE_WIDTH 1.5   /* a group's curves, such as an earlier run's */
#define BAND_RUN_ALPHA   0.45f /* the runs behind a band, thin and faint */
#define BAND_AREA_ALPHA  0.18f
#define REFERENCE_ALPHA  0.08f /* the ± std area around a reference line */
#define FIT_MARGIN       0.05  /* a fitted value axis' room beyond the data, of the data's span */

/* A labelled set of curves in one colour, such as a run or a method's runs and their band,
 * with one legend entry that shows or hides them all. */
typedef struct
{
  char      *label;
  guint      category;  /* its colour in the theme's palette */
  gboolean   visible;
  gboolean   has_band;  /* then its plain curves are drawn faint and left out of the read-out */
  GtkWidget *toggle;    /* the legend entry's button, a child of the chart */
  guint      entry;     /* its legend entry, once laid out */
} Group;

/* The items are the epochs of the shown series (the current run's and the shown groups'), in
 * order. */
struct _CsLossChart
{
  CsChart          parent_instance;

  /* Owned: what the caller set */
  GPtrArray       *series;          /* of CsChartSeries */
  GPtrArray       *groups;          /* of Group */
  GHashTable      *hidden;          /* the labels of the groups hidden, kept across clearing */
  char            *marker_label;
  char            *reference_label;
  double           reference;       /* NAN: no reference line */
  double           reference_std;
  double           y_min;           /* NAN: from the data */
  double           y_max;           /* NAN: from the data */
  double           y_floor;         /* a fitted axis' limits, such as 0 and 1 for accuracies; */
  double           y_ceiling;       /* NAN: none. Set, the axis fits the data with a margin */
  CsLossChart     *aligned;         /* (weak): the chart whose value labels' column it matches */
  double           labels_width;    /* the value labels' column, as its own labels need it */
  double           x_max;           /* the planned epochs; 0 when unknown */
  double           marker_x;        /* NAN: no marker */
  gboolean         percent;

  /* Owned: the layout for the current size and data; draw () draws it */
  GArray          *epochs;          /* of double: the items, each epoch once */
  GArray          *legend;          /* of CsChartLegendEntry */
  PangoLayout     *marker_layout;
  PangoLayout     *reference_layout;
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

static inline Group *
get_group (CsLossChart *self,
           guint        i)
{
  return g_ptr_array_index (self->groups, i);
}

static Group *
group_of (CsLossChart         *self,
          const CsChartSeries *series)
{
  return series->group != G_MAXUINT ? get_group (self, series->group) : NULL;
}

/* Whether a series is drawn as more than a faint earlier curve: not muted, and not in a group
 * hidden for now. Such series make the epochs the read-out goes through. */
static gboolean
series_shown (CsLossChart         *self,
              const CsChartSeries *series)
{
  Group *group = group_of (self, series);

  return !series->muted && !series->readout_only && (group == NULL || group->visible);
}

/* Whether the read-out lists a series: a shown one, except the runs a band sums up. */
static gboolean
series_in_readout (CsLossChart         *self,
                   const CsChartSeries *series)
{
  Group *group = group_of (self, series);

  if (series->readout_only)
    return TRUE;
  return series_shown (self, series) &&
         (group == NULL || !group->has_band || series->std != NULL);
}

/* Whether a series has a curve, and so a ring on the read-out's line. */
static gboolean
series_on_hover_line (CsLossChart         *self,
                      const CsChartSeries *series)
{
  return !series->readout_only && series_in_readout (self, series);
}

static const GdkRGBA *
category_color (CsLossChart *self,
                guint        category)
{
  return &theme_of (self)->categories[category % CS_N_CATEGORIES];
}

/* A group's colour from the palette, or the role's for the current run's curves. */
static const GdkRGBA *
series_color (CsLossChart         *self,
              const CsChartSeries *series)
{
  Group *group = group_of (self, series);

  return group != NULL ? category_color (self, group->category)
                       : &theme_of (self)->roles[series->role];
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

/* Lists every series shown in the legend, and every shown group's, with its value at an epoch:
 * “Epoch 42 · valid 87.2 % · test 86.9 % · CoNAL, seed 2 85.1 %” as plain text, and one line
 * per series with a coloured dot as markup (if not NULL). Series without a value there (a gap,
 * or not measured) are left out, and so are the runs a band sums up. */
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

  /* The current run first, then the groups, whichever was added first. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint s = 0; s < self->series->len; s++)
      {
        CsChartSeries *series = get_series (self, s);

        if (series_in_readout (self, series) && (series->group != G_MAXUINT) == (pass == 1))
          cs_chart_series_describe (series, epoch, self->percent, series_color (self, series),
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
      double x = series_shown (self, series) ? cs_chart_series_last_x (series) : NAN;

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
  if (isfinite (self->reference) && self->reference_label != NULL)
    g_string_append_printf (description, "%s%s", description->len > 0 ? " · " : "",
                            self->reference_label);
}

/* ---- Layout ------------------------------------------------------------------------------- */

/* Whether the chart has curves of the current run, in the roles' colours. The palette shares
 * their hues, so the groups' curves are dashed beside them. */
static gboolean
has_current_run (CsLossChart *self)
{
  for (guint s = 0; s < self->series->len; s++)
    if (series_shown (self, get_series (self, s)) && get_series (self, s)->group == G_MAXUINT)
      return TRUE;
  return FALSE;
}

/* Each group's legend entry, faded while it is hidden; its button is put over it. */
static void
add_group_entries (CsLossChart *self)
{
  gboolean dashed = has_current_run (self);

  for (guint g = 0; g < self->groups->len; g++)
    {
      Group *group = get_group (self, g);
      CsChartLegendEntry *entry;

      cs_chart_legend_add (self->legend, GTK_WIDGET (self), group->label,
                           category_color (self, group->category), LINE_WIDTH);
      group->entry = self->legend->len - 1;
      entry = &g_array_index (self->legend, CsChartLegendEntry, group->entry);
      entry->dimmed = !group->visible;
      entry->band = group->has_band;
      entry->dashed = dashed && !group->has_band;
    }
}

/* The legend names the series of the current run in their colours, the earlier runs it does
 * not tell apart with one faint entry, and each group in its colour. */
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
      if (series_shown (self, series) && series->group == G_MAXUINT)
        cs_chart_legend_add (self->legend, GTK_WIDGET (self), series->label,
                             &theme->roles[series->role], LINE_WIDTH);
    }
  if (any_muted)
    {
      GdkRGBA muted = cs_chart_fade (&theme->fg, MUTED_ALPHA + 0.2f);

      cs_chart_legend_add (self->legend, GTK_WIDGET (self), _("earlier runs"), &muted,
                           MUTED_LINE_WIDTH);
    }
  add_group_entries (self);
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

static gboolean
fits_data (CsLossChart *self)
{
  return !isnan (self->y_floor) || !isnan (self->y_ceiling);
}

static double
clamp_to_limits (CsLossChart *self,
                 double       y)
{
  if (isfinite (self->y_floor))
    y = MAX (y, self->y_floor);
  if (isfinite (self->y_ceiling))
    y = MIN (y, self->y_ceiling);
  return y;
}

/* A fitted axis: the data's range and a margin of its span beyond each end, rounded out to
 * ticks, within the limits. Without data it spans the limits, or 0 to 1. */
static void
prepare_fitted_range (CsLossChart *self,
                      double       lo,
                      double       hi,
                      guint        max_ticks)
{
  CsChartFrame *frame = frame_of (self);
  double margin;

  if (!isfinite (lo))
    {
      frame->y_lo = isfinite (self->y_floor) ? self->y_floor : 0;
      frame->y_hi = isfinite (self->y_ceiling) ? self->y_ceiling : frame->y_lo + 1;
      return;
    }
  margin = hi > lo ? FIT_MARGIN * (hi - lo) : MAX (FIT_MARGIN * fabs (hi), 0.01);
  frame->y_lo = clamp_to_limits (self, lo - margin);
  frame->y_hi = clamp_to_limits (self, hi + margin);
  if (frame->y_hi <= frame->y_lo)
    frame->y_hi = frame->y_lo + 1;
  frame->y_lo = clamp_to_limits (self, cs_chart_round_end (frame->y_hi, frame->y_lo, max_ticks,
                                                           0, self->percent));
  frame->y_hi = clamp_to_limits (self, cs_chart_round_end (frame->y_lo, frame->y_hi, max_ticks,
                                                           0, self->percent));
}

/* The values the plot spans: the range set, an open end rounded out from the data's range so
 * the top curve does not run along the frame; or, with limits, the data's range fitted. */
static void
prepare_y_range (CsLossChart *self,
                 guint        max_ticks)
{
  CsChartFrame *frame = frame_of (self);
  double lo = INFINITY, hi = -INFINITY;
  bool below;

  for (guint s = 0; s < self->series->len; s++)
    {
      CsChartSeries *series = get_series (self, s);

      if (!series->muted && !series_shown (self, series))
        continue;
      for (guint i = 0; i < series->points->len; i++)
        {
          double y = cs_chart_series_point (series, i)->y;
          double std = series->std != NULL ? g_array_index (series->std, double, i) : 0;

          if (!isfinite (y))
            continue;
          std = isfinite (std) ? std : 0;
          lo = MIN (lo, y - std), hi = MAX (hi, y + std);
        }
    }
  if (isfinite (self->reference))
    {
      lo = MIN (lo, self->reference - self->reference_std);
      hi = MAX (hi, self->reference + self->reference_std);
    }
  if (fits_data (self))
    {
      prepare_fitted_range (self, lo, hi, max_ticks);
      return;
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

      if (!series_on_hover_line (self, series) || series->points->len == 0)
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

      for (guint i = 0; i < series->points->len && series_shown (self, series); i++)
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

/* The value labels' column: as wide as the widest label, or as the aligned chart's if that
 * is wider. A change of its own width lays the aligned chart out again, which then follows. */
static double
labels_column (CsLossChart *self)
{
  double own = cs_chart_ticks_widest (cs_chart_get_ticks (CS_CHART (self),
                                                          GTK_ORIENTATION_VERTICAL));

  if (own != self->labels_width)
    {
      self->labels_width = own;
      if (self->aligned != NULL)
        cs_chart_redo_layout (CS_CHART (self->aligned));
    }
  return self->aligned != NULL ? MAX (own, self->aligned->labels_width) : own;
}

/* The plot's columns: right of the value labels' column, and far enough from the right edge
 * for half of the last epoch's label. */
static void
prepare_plot_columns (CsLossChart *self,
                      int          width)
{
  CsChartFrame *frame = frame_of (self);
  g_autofree char *last = g_strdup_printf ("%.0f", frame->x_hi);
  g_autoptr(PangoLayout) last_layout = create_layout (self, last);
  double left = CS_CHART_PAD + labels_column (self) + CS_CHART_TICK_GAP;
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
  g_clear_object (&self->reference_layout);
  if (isfinite (self->reference) && self->reference_label != NULL)
    self->reference_layout = create_layout (self, self->reference_label);
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

      if (!series_shown (self, series) || n == 0)
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

/* What is drawn over what. */
enum {
  LAYER_MUTED,
  LAYER_BAND_AREAS,
  LAYER_GROUPS,
  LAYER_CURRENT,
  N_LAYERS,
  LAYER_HIDDEN = N_LAYERS,
};

static int
layer_of (CsLossChart         *self,
          const CsChartSeries *series)
{
  if (series->readout_only)
    return LAYER_HIDDEN;
  if (series->muted)
    return LAYER_MUTED;
  if (series->group == G_MAXUINT)
    return LAYER_CURRENT;
  return series_shown (self, series) ? LAYER_GROUPS : LAYER_HIDDEN;
}

/* A series in a layer: a band's area under every group's curves, its mean line among them;
 * the runs behind a band thin and faint, a group's own curves a little thinner than the
 * current run's. */
static void
draw_one_series (CsLossChart         *self,
                 cairo_t             *cr,
                 const CsChartSeries *series,
                 int                  layer)
{
  const CsChartFrame *frame = frame_of (self);
  GdkRGBA color = *series_color (self, series);
  Group *group = group_of (self, series);
  double width = LINE_WIDTH;

  if (layer == LAYER_BAND_AREAS)
    {
      GdkRGBA area = cs_chart_fade (&color, BAND_AREA_ALPHA);

      cs_chart_series_draw_band (series, cr, frame, &area);
      return;
    }
  if (layer == LAYER_MUTED)
    {
      color.alpha *= MUTED_ALPHA;
      width = MUTED_LINE_WIDTH;
    }
  else if (group != NULL && group->has_band && series->std == NULL)
    {
      color.alpha *= BAND_RUN_ALPHA;
      width = MUTED_LINE_WIDTH;
    }
  else if (group != NULL && series->std == NULL)
    width = GROUP_LINE_WIDTH;
  if (group != NULL && series->std == NULL && has_current_run (self))
    cairo_set_dash (cr, CS_CHART_DASHES, G_N_ELEMENTS (CS_CHART_DASHES), 0);
  cs_chart_series_draw (series, cr, frame, &color, width);
  cairo_set_dash (cr, NULL, 0, 0);
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

  /* Earlier runs first, then the groups' bands and curves, so the current run is on top. */
  for (int layer = 0; layer < N_LAYERS; layer++)
    for (guint s = 0; s < self->series->len; s++)
      {
        CsChartSeries *series = get_series (self, s);
        int own = layer_of (self, series);

        if (own == layer || (layer == LAYER_BAND_AREAS && own == LAYER_GROUPS))
          draw_one_series (self, cr, series, layer);
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

/* A published figure: a dashed line at its value over a faint ± std area across the plot. The
 * area goes under the curves, the line (over) over them, where it stays visible in a crowd of
 * runs. */
static void
draw_reference (CsLossChart *self,
                cairo_t     *cr,
                gboolean     over)
{
  static const double dashes[] = { 6, 4 };
  const graphene_rect_t *plot = &frame_of (self)->plot;
  GdkRGBA area = cs_chart_fade (&theme_of (self)->fg, REFERENCE_ALPHA);
  GdkRGBA line = cs_chart_fade (&theme_of (self)->fg, 0.7f);
  double top, bottom, y;

  if (self->reference_layout == NULL)
    return;
  top = y_to_widget (self, self->reference + self->reference_std);
  bottom = y_to_widget (self, self->reference - self->reference_std);
  y = round (y_to_widget (self, self->reference)) + 0.5;
  cairo_save (cr);
  cairo_rectangle (cr, plot->origin.x, plot->origin.y, plot->size.width, plot->size.height);
  cairo_clip (cr);
  if (!over)
    {
      gdk_cairo_set_source_rgba (cr, &area);
      cairo_rectangle (cr, plot->origin.x, top, plot->size.width, bottom - top);
      cairo_fill (cr);
      cairo_restore (cr);
      return;
    }
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_set_line_width (cr, 1.5);
  gdk_cairo_set_source_rgba (cr, &line);
  cairo_move_to (cr, plot->origin.x, y);
  cairo_line_to (cr, plot->origin.x + plot->size.width, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The reference's label sits on a small box at the plot's left, above its line if there is
 * room there, else below it. */
static void
snapshot_reference_label (CsLossChart *self,
                          GtkSnapshot *snapshot)
{
  const graphene_rect_t *plot = &frame_of (self)->plot;
  double width, height, y;
  graphene_rect_t box;

  if (self->reference_layout == NULL)
    return;
  width = cs_chart_layout_width (self->reference_layout) + 8;
  height = cs_chart_layout_height (self->reference_layout) + 2;
  y = y_to_widget (self, self->reference);
  box = GRAPHENE_RECT_INIT (plot->origin.x + 6, y - height - 3, width, height);
  if (box.origin.y < plot->origin.y)
    box.origin.y = MIN (y + 3, plot->origin.y + plot->size.height - height);
  cs_chart_snapshot_bubble (snapshot, &box, theme_of (self));
  cs_chart_snapshot_text (snapshot, self->reference_layout, box.origin.x + 4, box.origin.y + 1,
                          &theme_of (self)->fg);
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
      double y = series_on_hover_line (self, series) ? cs_chart_series_value_at (series, epoch)
                                                     : NAN;

      if (!isfinite (y) || y < frame->y_lo || y > frame->y_hi)
        continue;
      cairo_arc (cr, x, y_to_widget (self, y), 4, 0, 2 * G_PI);
      gdk_cairo_set_source_rgba (cr, &theme->bubble_bg);
      cairo_fill_preserve (cr);
      gdk_cairo_set_source_rgba (cr, series_color (self, series));
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
  draw_reference (self, cr, FALSE);
  draw_series (self, cr);
  draw_reference (self, cr, TRUE);
  draw_marker_line (self, cr);
  cs_chart_legend_draw_swatches (self->legend, cr);
  if (shown != CS_CHART_NO_ITEM)
    draw_hover_line (self, cr, epoch_at (self, shown));
  cairo_destroy (cr);

  cs_chart_legend_snapshot_labels (self->legend, snapshot, &theme_of (self)->fg);
  snapshot_marker_label (self, snapshot);
  snapshot_reference_label (self, snapshot);
  for (guint g = 0; g < self->groups->len; g++)
    gtk_widget_snapshot_child (GTK_WIDGET (self), get_group (self, g)->toggle, snapshot);
}

/* ---- Groups' legend buttons --------------------------------------------------------------- */

static void
group_free (gpointer data)
{
  Group *group = data;

  g_free (group->label);
  gtk_widget_unparent (group->toggle);
  g_free (group);
}

static void
on_toggled (GtkToggleButton *toggle,
            CsLossChart     *self)
{
  for (guint g = 0; g < self->groups->len; g++)
    if (get_group (self, g)->toggle == GTK_WIDGET (toggle))
      cs_loss_chart_set_group_visible (self, g, gtk_toggle_button_get_active (toggle));
}

/* A group's legend entry is a toggle button, so it takes clicks, the keyboard focus and a
 * name for assistive technologies; the chart draws its swatch and label under it. */
static GtkWidget *
create_toggle (CsLossChart *self,
               const char  *label,
               gboolean     active)
{
  GtkWidget *toggle = gtk_toggle_button_new ();

  gtk_widget_add_css_class (toggle, "legend-toggle");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), active);
  gtk_widget_set_tooltip_text (toggle, _("Show or hide these curves"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_signal_connect_object (toggle, "toggled", G_CALLBACK (on_toggled), self, 0);
  gtk_widget_set_parent (toggle, GTK_WIDGET (self));
  return toggle;
}

/* Each button covers its legend entry, with a little room around it for the focus ring. */
static void
allocate_toggles (CsLossChart *self)
{
  for (guint g = 0; g < self->groups->len; g++)
    {
      Group *group = get_group (self, g);
      graphene_rect_t bounds;
      int min_width, min_height;

      if (group->entry >= self->legend->len)
        continue;
      cs_chart_legend_get_bounds (self->legend, group->entry, &bounds);
      gtk_widget_measure (group->toggle, GTK_ORIENTATION_HORIZONTAL, -1,
                          &min_width, NULL, NULL, NULL);
      gtk_widget_measure (group->toggle, GTK_ORIENTATION_VERTICAL, -1,
                          &min_height, NULL, NULL, NULL);
      gtk_widget_size_allocate (group->toggle,
                                &(GtkAllocation) {
                                  floor (bounds.origin.x) - 3, floor (bounds.origin.y) - 1,
                                  MAX (min_width, ceil (bounds.size.width) + 6),
                                  MAX (min_height, ceil (bounds.size.height) + 2)
                                }, -1);
    }
}

static void
cs_loss_chart_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  GTK_WIDGET_CLASS (cs_loss_chart_parent_class)->size_allocate (widget, width, height, baseline);
  allocate_toggles (CS_LOSS_CHART (widget));
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
cs_loss_chart_dispose (GObject *object)
{
  CsLossChart *self = CS_LOSS_CHART (object);

  g_ptr_array_set_size (self->groups, 0);
  cs_loss_chart_align_with (self, NULL);
  G_OBJECT_CLASS (cs_loss_chart_parent_class)->dispose (object);
}

static void
cs_loss_chart_finalize (GObject *object)
{
  CsLossChart *self = CS_LOSS_CHART (object);

  g_ptr_array_unref (self->series);
  g_ptr_array_unref (self->groups);
  g_hash_table_unref (self->hidden);
  g_free (self->reference_label);
  g_clear_object (&self->reference_layout);
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

  G_OBJECT_CLASS (klass)->dispose = cs_loss_chart_dispose;
  G_OBJECT_CLASS (klass)->finalize = cs_loss_chart_finalize;
  GTK_WIDGET_CLASS (klass)->size_allocate = cs_loss_chart_size_allocate;
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
  self->groups = g_ptr_array_new_with_free_func (group_free);
  self->hidden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->reference = NAN;
  self->epochs = g_array_new (FALSE, FALSE, sizeof (double));
  self->legend = cs_chart_legend_new ();
  self->y_min = 0;
  self->y_max = NAN;
  self->y_floor = NAN;
  self->y_ceiling = NAN;
  self->marker_x = NAN;

  /* The arrow keys, Home and End move the read-out along the epochs (CsChart). */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

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
  self->y_floor = NAN;
  self->y_ceiling = NAN;
  cs_chart_invalidate (CS_CHART (self));
}

/**
 * cs_loss_chart_fit_y_range:
 * @lowest: the lowest value the axis may show, such as 0, or NAN for no limit
 * @highest: the highest, such as 1 for accuracies, or NAN for no limit
 *
 * Fits the value axis to the data shown: its range with a little room beyond each end,
 * rounded out to ticks, and kept within the limits, so accuracies between 60 and 80 % fill
 * the plot rather than sit in a fifth of it. Without data it spans the limits. Setting a
 * range (cs_loss_chart_set_y_range()) ends the fitting.
 */
void
cs_loss_chart_fit_y_range (CsLossChart *self,
                           double       lowest,
                           double       highest)
{
  g_return_if_fail (CS_IS_LOSS_CHART (self));
  g_return_if_fail (!isinf (lowest) && !isinf (highest));
  g_return_if_fail (!(lowest >= highest));

  self->y_min = NAN;
  self->y_max = NAN;
  /* Either limit set turns fitting on; an infinite one stands for “none” inside. */
  self->y_floor = isnan (lowest) && isnan (highest) ? -INFINITY : lowest;
  self->y_ceiling = highest;
  cs_chart_invalidate (CS_CHART (self));
}

/**
 * cs_loss_chart_align_with:
 * @other: (nullable): another loss chart, or NULL to stop aligning
 *
 * Gives both charts the wider of their value labels' columns, so charts stacked over one
 * epoch axis, such as a loss and an accuracy, start their plots at the same x whatever their
 * labels (“0.25” or “100 %”).
 */
void
cs_loss_chart_align_with (CsLossChart *self,
                          CsLossChart *other)
{
  g_return_if_fail (CS_IS_LOSS_CHART (self));
  g_return_if_fail (other == NULL || CS_IS_LOSS_CHART (other));

  if (self->aligned == other)
    return;
  if (self->aligned != NULL)
    {
      CsLossChart *old = self->aligned;

      g_clear_weak_pointer (&self->aligned);
      cs_loss_chart_align_with (old, NULL);
    }
  g_set_weak_pointer (&self->aligned, other);
  if (other != NULL)
    cs_loss_chart_align_with (other, self);
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
 * cs_loss_chart_add_readout_series:
 * @label: the name in the read-out, such as “regulariser”
 *
 * Adds values the read-out and the accessible description give beside the curves' at each
 * epoch, without a curve, a legend entry or a place in the value range: a part of a loss
 * shown in numbers alone.
 *
 * Returns: the index to append the values with
 */
guint
cs_loss_chart_add_readout_series (CsLossChart *self,
                                  const char  *label)
{
  guint index;

  g_return_val_if_fail (CS_IS_LOSS_CHART (self), 0);

  index = cs_loss_chart_add_series (self, label, CS_CHART_ROLE_TRAIN, FALSE);
  get_series (self, index)->readout_only = TRUE;
  return index;
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
 * cs_loss_chart_add_group:
 * @label: the group's legend entry, such as “CoNAL, seed 2 · 81.2 %”
 * @category: its colour: the n-th of the palette's (see cs_category_color())
 *
 * Adds a set of curves drawn in one colour, such as a run's or a method's, under one legend
 * entry that shows or hides them (a click, or the keyboard: the entry is a toggle button). A
 * group hidden before the chart was last cleared comes back hidden if its label is the same.
 *
 * Returns: the index to add the group's series with
 */
guint
cs_loss_chart_add_group (CsLossChart *self,
                         const char  *label,
                         guint        category)
{
  Group *group;

  g_return_val_if_fail (CS_IS_LOSS_CHART (self), 0);
  g_return_val_if_fail (label != NULL, 0);

  group = g_new0 (Group, 1);
  group->label = g_strdup (label);
  group->category = category;
  group->visible = !g_hash_table_contains (self->hidden, label);
  group->entry = G_MAXUINT;
  group->toggle = create_toggle (self, label, group->visible);
  g_ptr_array_add (self->groups, group);
  cs_chart_data_changed (CS_CHART (self));
  return self->groups->len - 1;
}

/**
 * cs_loss_chart_add_group_series:
 * @group: an index from cs_loss_chart_add_group()
 * @label: the series' name in the read-out, such as “Crowd Layer, seed 3”
 *
 * Adds a curve in the group's colour. In a group with a band it is one of the runs the band
 * sums up: thin, faint and left out of the read-out.
 *
 * Returns: the index to append the series' points with
 */
guint
cs_loss_chart_add_group_series (CsLossChart *self,
                                guint        group,
                                const char  *label)
{
  CsChartSeries *series;

  g_return_val_if_fail (CS_IS_LOSS_CHART (self), 0);
  g_return_val_if_fail (group < self->groups->len, 0);
  g_return_val_if_fail (label != NULL, 0);

  series = cs_chart_series_new (label, CS_CHART_ROLE_TRAIN, FALSE);
  series->group = group;
  g_ptr_array_add (self->series, series);
  cs_chart_data_changed (CS_CHART (self));
  return self->series->len - 1;
}

/**
 * cs_loss_chart_add_band:
 * @group: an index from cs_loss_chart_add_group()
 * @label: the band's name in the read-out, such as “CoNAL mean”
 * @band: the mean and std of several runs' curves, epoch e at index e − 1
 *
 * Adds a mean line over a translucent ± std area in the group's colour; the read-out shows
 * the mean ± std, and the group's other series become the runs behind it. An epoch no run
 * has leaves a gap.
 *
 * Returns: the index of the band's mean, as a series
 */
guint
cs_loss_chart_add_band (CsLossChart       *self,
                        guint              group,
                        const char        *label,
                        const CsCurveBand *band)
{
  CsChartSeries *series;

  g_return_val_if_fail (CS_IS_LOSS_CHART (self), 0);
  g_return_val_if_fail (group < self->groups->len, 0);
  g_return_val_if_fail (label != NULL, 0);
  g_return_val_if_fail (band != NULL, 0);

  series = cs_chart_series_new (label, CS_CHART_ROLE_TRAIN, FALSE);
  series->group = group;
  series->std = g_array_sized_new (FALSE, FALSE, sizeof (double), band->n_epochs);
  for (int e = 0; e < band->n_epochs; e++)
    {
      CsChartPoint point = { e + 1, band->mean[e] };

      g_array_append_val (series->points, point);
      g_array_append_val (series->std, band->std[e]);
    }
  get_group (self, group)->has_band = TRUE;
  g_ptr_array_add (self->series, series);
  cs_chart_data_changed (CS_CHART (self));
  return self->series->len - 1;
}

guint
cs_loss_chart_get_n_groups (CsLossChart *self)
{
  g_return_val_if_fail (CS_IS_LOSS_CHART (self), 0);

  return self->groups->len;
}

/**
 * cs_loss_chart_set_group_visible:
 * @group: an index from cs_loss_chart_add_group()
 *
 * Shows or hides a group's curves, as its legend entry does: a hidden group is not drawn, not
 * in the read-out and not in the value range, and its legend entry is faded.
 */
void
cs_loss_chart_set_group_visible (CsLossChart *self,
                                 guint        group,
                                 gboolean     visible)
{
  Group *target;

  g_return_if_fail (CS_IS_LOSS_CHART (self));
  g_return_if_fail (group < self->groups->len);

  target = get_group (self, group);
  visible = !!visible;
  if (target->visible == visible)
    return;
  target->visible = visible;
  if (visible)
    g_hash_table_remove (self->hidden, target->label);
  else
    g_hash_table_add (self->hidden, g_strdup (target->label));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (target->toggle), visible);
  cs_chart_data_changed (CS_CHART (self));
}

gboolean
cs_loss_chart_get_group_visible (CsLossChart *self,
                                 guint        group)
{
  g_return_val_if_fail (CS_IS_LOSS_CHART (self), FALSE);
  g_return_val_if_fail (group < self->groups->len, FALSE);

  return get_group (self, group)->visible;
}

/**
 * cs_loss_chart_set_reference:
 * @value: the value of a horizontal reference line, such as a published accuracy, or NAN for
 *   none
 * @std: its spread, shaded ± around the line; 0 for none
 * @label: (nullable): the line's label, such as “CoNAL (Chu et al., 2021): 87.12 ± 0.55 %”
 *
 * The line and its area are in the value range, like the data.
 */
void
cs_loss_chart_set_reference (CsLossChart *self,
                             double       value,
                             double       std,
                             const char  *label)
{
  g_return_if_fail (CS_IS_LOSS_CHART (self));
  g_return_if_fail (!isinf (value));

  self->reference = value;
  self->reference_std = isfinite (std) && std > 0 ? std : 0;
  cs_chart_set_string (&self->reference_label, isfinite (value) ? label : NULL);
  cs_chart_data_changed (CS_CHART (self));
}

/**
 * cs_loss_chart_clear:
 *
 * Removes every series, every group and the marker, for a new run; the axes' settings and the
 * reference line stay.
 */
void
cs_loss_chart_clear (CsLossChart *self)
{
  g_return_if_fail (CS_IS_LOSS_CHART (self));

  g_ptr_array_set_size (self->series, 0);
  g_ptr_array_set_size (self->groups, 0);
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

/* The epoch the read-out shows, under the pointer or selected with the keyboard. */
gboolean
cs_loss_chart_get_readout_epoch (CsLossChart *self,
                                 double      *epoch)
{
  guint item;

  g_return_val_if_fail (CS_IS_LOSS_CHART (self), FALSE);

  *epoch = NAN;
  item = cs_chart_get_readout_item (CS_CHART (self));
  if (item == CS_CHART_NO_ITEM)
    return FALSE;
  *epoch = epoch_at (self, item);
  return TRUE;
}

/* The button of a group's legend entry. */
GtkWidget *
cs_loss_chart_get_group_toggle (CsLossChart *self,
                                guint        group)
{
  g_return_val_if_fail (CS_IS_LOSS_CHART (self), NULL);
  g_return_val_if_fail (group < self->groups->len, NULL);

  return get_group (self, group)->toggle;
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
