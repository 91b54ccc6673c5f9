/* cs-heatmap.c — a K × K matrix, such as an annotator's confusion matrix, as coloured cells
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <math.h>

#include "cs-chart-scale.h"
#include "cs-enum-types.h"
#include "cs-heatmap-cells.h"
#include "cs-heatmap-private.h"

#define MAX_CLASSES     1024  /* K × K cells stay well within a guint */
#define CELL_GAP_FROM   8     /* cells at least this wide have a 1 px gap between them */
#define VALUE_PAD       3     /* the least room around a value inside its cell */
#define LABEL_GAP       4     /* the least room between two column labels */
#define LEGEND_GAP      16    /* between the plot and the legend */
#define TITLE_GAP       6     /* between the title's line and the plot */
#define ROW_LABEL_SHARE 0.3   /* of the widget's width the row labels may take */
#define RING_WIDTH      2     /* the hover and focus rings */
#define COMPACT_PAD     4

/* A value drawn in its cell. */
typedef struct
{
  PangoLayout      *layout;
  graphene_point_t  at;       /* the text's top left corner */
  guint             cell;
} ValueLabel;

/* The items are the cells, row by row; rows are the true class, columns the label given. */
struct _CsHeatmap
{
  CsChart          parent_instance;

  /* Owned: what the caller set */
  float           *values;          /* [k, k]: each row a distribution over the labels given */
  int             *counts;          /* [k, k]: the labels behind each cell; NULL: not known */
  char           **class_names;     /* [k], NULL-terminated; NULL: classes are numbered from 0 */
  guint            k;
  CsColormap       colormap;
  CsPalette        palette;
  char            *title;
  gboolean         compact;
  guint            marked;          /* CS_CHART_NO_ITEM: none */

  /* Owned: what the values say, worked out when they are set */
  gboolean        *empty_rows;      /* [k]: classes with no data at all */
  guint8          *missing;         /* [k, k]: cells with no data, empty rows' included */
  guint            n_missing;
  int              text_height;     /* a line in the widget's font; 0 until measured */

  /* Owned: the layout for the current size, data and style; draw () draws it */
  double           cell;            /* the side of a cell's slot, gap included */
  double           gap;             /* between two cells */
  GdkRGBA         *fills;           /* [k, k] */
  GdkRGBA         *inks;            /* [k, k]: the text colour that reads on each fill */
  cairo_surface_t *cells;           /* the fills, painted at the plot's size */
  GArray          *value_labels;    /* of ValueLabel; empty when the values do not fit */
  PangoLayout     *title_layout;    /* the title above, or the caption below when compact */
  graphene_point_t title_at;
  PangoLayout     *axis_titles[2];  /* by GtkOrientation; NULL: none, or compact */
  graphene_point_t axis_title_at[2];/* the rows' top left corner; the columns' top middle */
  GArray          *column_labels;   /* of CsChartTick: every label_stride[0]-th class's */
  gboolean         columns_upright; /* the column labels read upwards, for want of width */
  double           columns_top;     /* where the column labels start under the plot */
  CsChartScale     scale;           /* the legend; unused when compact */
  guint            label_stride[2]; /* by GtkOrientation: every n-th class is labelled */
};

G_DEFINE_FINAL_TYPE (CsHeatmap, cs_heatmap, CS_TYPE_CHART)

enum {
  PROP_0,
  PROP_COLORMAP,
  PROP_PALETTE,
  PROP_COMPACT,
  PROP_TITLE,
  N_PROPS
};

enum {
  ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static inline const graphene_rect_t *
plot_of (CsHeatmap *self)
{
  return &cs_chart_get_frame (CS_CHART (self))->plot;
}

static char *
class_name (CsHeatmap *self,
            guint      i)
{
  return self->class_names ? g_strdup (self->class_names[i]) : g_strdup_printf ("%u", i);
}

static inline gboolean
is_missing (CsHeatmap *self,
            guint      cell)
{
  return self->missing[cell];
}

/* Where a cell is drawn: its slot less the gap on its right and below. */
static void
cell_rect (CsHeatmap       *self,
           guint            cell,
           graphene_rect_t *rect)
{
  const graphene_rect_t *plot = plot_of (self);
  double side = MAX (1, self->cell - self->gap);

  *rect = GRAPHENE_RECT_INIT (plot->origin.x + cell % self->k * self->cell,
                              plot->origin.y + cell / self->k * self->cell, side, side);
}

/* The labels behind a row, from the counts. */
static int
row_labels (CsHeatmap *self,
            guint      row)
{
  gint64 labels = 0;

  for (guint j = 0; j < self->k; j++)
    labels += self->counts[row * self->k + j];
  return (int) CLAMP (labels, 0, G_MAXINT);
}

/* The classes with no data, and how many cells have none; a row whose counts add up to nothing
 * is empty whatever its values say. */
static void
find_missing (CsHeatmap *self)
{
  g_free (self->empty_rows);
  g_free (self->missing);
  self->empty_rows = g_new0 (gboolean, self->k);
  self->missing = g_new0 (guint8, self->k * self->k);
  self->n_missing = 0;
  for (guint i = 0; i < self->k; i++)
    {
      guint nans = 0;

      for (guint j = 0; j < self->k; j++)
        nans += isnan (self->values[i * self->k + j]);
      self->empty_rows[i] = nans == self->k || (self->counts != NULL && row_labels (self, i) == 0);
      for (guint j = 0; j < self->k; j++)
        self->missing[i * self->k + j] = self->empty_rows[i] ||
                                         isnan (self->values[i * self->k + j]);
      self->n_missing += self->empty_rows[i] ? self->k : nans;
    }
}

/* ---- Text summaries: the read-out and the accessible description share them ---------------- */

/* “0.41 (37 of 90 labels)”, “no data”, or why a whole row has none. */
static char *
describe_value (CsHeatmap *self,
                guint      cell)
{
  g_autofree char *value = NULL;
  int total;

  if (self->empty_rows[cell / self->k])
    return g_strdup (_("no data: no labels for this class"));
  if (isnan (self->values[cell]))
    return g_strdup (_("no data"));
  value = cs_chart_scale_format (self->colormap, self->values[cell]);
  if (self->counts == NULL)
    return g_steal_pointer (&value);
  total = row_labels (self, cell / self->k);
  return g_strdup_printf (g_dngettext (NULL, "%s (%d of %d label)", "%s (%d of %d labels)",
                                       total),
                          value, self->counts[cell], total);
}

/* “coast → opencountry 0.41”, the way the description names a cell. */
static char *
describe_cell (CsHeatmap *self,
               guint      cell)
{
  g_autofree char *truth = class_name (self, cell / self->k);
  g_autofree char *given = class_name (self, cell % self->k);
  g_autofree char *value = cs_chart_scale_format (self->colormap, self->values[cell]);

  return g_strdup_printf ("%s → %s %s", truth, given, value);
}

static const char *
axis_title (CsHeatmap      *self,
            GtkOrientation  axis)
{
  const char *label = cs_chart_get_label (CS_CHART (self), axis);

  if (label != NULL)
    return label;
  return axis == GTK_ORIENTATION_VERTICAL ? _("Row") : _("Column");
}

static void
cs_heatmap_describe_item (CsChart *chart,
                          guint    item,
                          GString *text,
                          GString *markup)
{
  CsHeatmap *self = CS_HEATMAP (chart);
  g_autofree char *truth = class_name (self, item / self->k);
  g_autofree char *given = class_name (self, item % self->k);
  g_autofree char *value = describe_value (self, item);
  g_autofree char *readout = NULL;

  g_string_append_printf (text, "%s → %s: %s", truth, given, value);
  if (markup == NULL)
    return;
  readout = g_markup_printf_escaped ("%s: <b>%s</b>\n%s: <b>%s</b>\n%s",
                                     axis_title (self, GTK_ORIENTATION_VERTICAL), truth,
                                     axis_title (self, GTK_ORIENTATION_HORIZONTAL), given, value);
  g_string_append (markup, readout);
}

typedef enum
{
  ON_DIAGONAL,
  OFF_DIAGONAL,
  ANYWHERE,
} CellSet;

/* The cell with data whose value times sign is highest among a set of cells, if any is. */
static gboolean
find_extreme (CsHeatmap *self,
              CellSet    set,
              double     sign,
              guint     *found)
{
  double best = -INFINITY;

  for (guint cell = 0; cell < self->k * self->k; cell++)
    {
      gboolean diagonal = cell / self->k == cell % self->k;

      if (is_missing (self, cell) || (set == ON_DIAGONAL && !diagonal) ||
          (set == OFF_DIAGONAL && diagonal) || sign * self->values[cell] <= best)
        continue;
      best = sign * self->values[cell];
      *found = cell;
    }
  return isfinite (best);
}

/* “diagonal mean 0.78, lowest street 0.45”: how often each class got its own label. */
static void
describe_diagonal (CsHeatmap *self,
                   GString   *description)
{
  g_autofree char *mean_text = NULL;
  g_autofree char *lowest_name = NULL;
  g_autofree char *lowest_text = NULL;
  double sum = 0;
  guint n = 0, lowest = 0;

  if (!find_extreme (self, ON_DIAGONAL, -1, &lowest))
    return;
  for (guint i = 0; i < self->k; i++)
    if (!is_missing (self, i * self->k + i))
      {
        sum += self->values[i * self->k + i];
        n++;
      }
  mean_text = cs_chart_scale_format (self->colormap, sum / n);
  lowest_name = class_name (self, lowest / self->k);
  lowest_text = cs_chart_scale_format (self->colormap, self->values[lowest]);
  g_string_append_printf (description, _("; diagonal mean %s, lowest %s %s"),
                          mean_text, lowest_name, lowest_text);
}

/* Appends “; what: cell” for the most extreme cell of a set, if it has a value of sign's sign. */
static void
describe_extreme (CsHeatmap  *self,
                  GString    *description,
                  const char *what,
                  CellSet     set,
                  double      sign)
{
  g_autofree char *cell_text = NULL;
  guint cell = 0;

  if (!find_extreme (self, set, sign, &cell) || sign * self->values[cell] <= 0)
    return;
  cell_text = describe_cell (self, cell);
  g_string_append_printf (description, "; %s: %s", what, cell_text);
}

static void
describe_empty_rows (CsHeatmap *self,
                     GString   *description)
{
  const char *separator = _("; no data for ");

  for (guint i = 0; i < self->k; i++)
    if (self->empty_rows[i])
      {
        g_autofree char *name = class_name (self, i);

        g_string_append_printf (description, "%s%s", separator, name);
        separator = ", ";
      }
}

/* “8 × 8 confusion matrix; diagonal mean 0.78, lowest street 0.45; largest off-diagonal:
 * coast → opencountry 0.41; no data for forest” */
static void
cs_heatmap_describe (CsChart *chart,
                     GString *description)
{
  CsHeatmap *self = CS_HEATMAP (chart);

  if (self->k == 0)
    return;
  if (self->colormap == CS_COLORMAP_SEQUENTIAL)
    {
      g_string_append_printf (description, _("%u × %u confusion matrix"), self->k, self->k);
      describe_diagonal (self, description);
      describe_extreme (self, description, _("largest off-diagonal"), OFF_DIAGONAL, 1);
    }
  else
    {
      g_string_append_printf (description, _("%u × %u difference matrix"), self->k, self->k);
      describe_extreme (self, description, _("largest increase"), ANYWHERE, 1);
      describe_extreme (self, description, _("largest decrease"), ANYWHERE, -1);
    }
  describe_empty_rows (self, description);
}

static const char *
cs_heatmap_get_name (CsChart *chart)
{
  CsHeatmap *self = CS_HEATMAP (chart);

  if (self->title != NULL)
    return self->title;
  return self->colormap == CS_COLORMAP_DIVERGING ? _("Difference matrix") : _("Confusion matrix");
}

/* ---- Layout ------------------------------------------------------------------------------- */

/* Each cell's colour from the map, and the text colour that reads on it, for the style's
 * background: worked out once here so that drawing only looks them up. */
static void
prepare_colors (CsHeatmap *self)
{
  gboolean dark = cs_chart_get_theme (CS_CHART (self))->dark;
  guint n = self->k * self->k;

  self->fills = g_renew (GdkRGBA, self->fills, n);
  self->inks = g_renew (GdkRGBA, self->inks, n);
  for (guint cell = 0; cell < n; cell++)
    {
      CsRgb fill = cs_colormap_lookup_in (self->colormap, self->palette, dark,
                                       is_missing (self, cell) ? NAN : self->values[cell]);
      CsRgb ink = cs_colormap_text_color (fill);

      self->fills[cell] = (GdkRGBA) { fill.r, fill.g, fill.b, 1 };
      self->inks[cell] = (GdkRGBA) { ink.r, ink.g, ink.b, 1 };
    }
}

/* Shortens a one-line layout with an ellipsis to width, if it is wider. */
static void
fit_layout (PangoLayout *layout,
            double       width)
{
  if (cs_chart_layout_width (layout) <= width)
    return;
  pango_layout_set_width (layout, (int) MAX (1, width) * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
}

static PangoLayout *
create_fitted_layout (CsHeatmap  *self,
                      const char *text,
                      double      width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  fit_layout (layout, width);
  return layout;
}

static void
set_attribute (PangoLayout    *layout,
               PangoAttribute *attribute)
{
  PangoAttrList *attributes = pango_attr_list_new ();

  pango_attr_list_insert (attributes, attribute);
  pango_layout_set_attributes (layout, attributes);
  pango_attr_list_unref (attributes);
}

/* A line of text in the widget's font, measured once per style. */
static int
text_height (CsHeatmap *self)
{
  if (self->text_height == 0)
    self->text_height = cs_chart_text_height (GTK_WIDGET (self));
  return self->text_height;
}

static int
optional_height (PangoLayout *layout)
{
  return layout != NULL ? cs_chart_layout_height (layout) : 0;
}

/* The title in bold above the plot, or the caption below it when compact. */
static void
prepare_title (CsHeatmap *self,
               double     width)
{
  g_clear_object (&self->title_layout);
  if (self->title == NULL || *self->title == '\0')
    return;
  self->title_layout = create_fitted_layout (self, self->title, width);
  if (!self->compact)
    set_attribute (self->title_layout, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
}

/* The heatmap places the axes' titles itself: the rows' in the corner above their labels, the
 * columns' right under theirs rather than at the foot of the widget, which square cells seldom
 * reach. */
static void
prepare_axis_titles (CsHeatmap *self)
{
  for (guint axis = 0; axis < G_N_ELEMENTS (self->axis_titles); axis++)
    {
      g_clear_object (&self->axis_titles[axis]);
      if (!self->compact)
        self->axis_titles[axis] = cs_chart_title_layout (GTK_WIDGET (self),
                                                         cs_chart_get_label (CS_CHART (self),
                                                                             axis));
    }
}

/* The rows' labels are the base's value ticks, drawn left of the plot; the columns' are the
 * heatmap's own, as they may stand upright. */
static GArray *
labels_of (CsHeatmap      *self,
           GtkOrientation  axis)
{
  if (axis == GTK_ORIENTATION_HORIZONTAL)
    return self->column_labels;
  return cs_chart_get_ticks (CS_CHART (self), GTK_ORIENTATION_VERTICAL);
}

/* Lays out every class's name on an axis, at most max_width wide; returns the widest. */
static int
prepare_names (CsHeatmap      *self,
               GtkOrientation  axis,
               double          max_width)
{
  GArray *labels = labels_of (self, axis);
  int widest = 0;

  for (guint i = 0; i < self->k; i++)
    {
      g_autofree char *name = class_name (self, i);
      CsChartTick tick = { create_fitted_layout (self, name, max_width), 0 };

      widest = MAX (widest, cs_chart_layout_width (tick.layout));
      g_array_append_val (labels, tick);
    }
  return widest;
}

/* Empty rows' labels are in italics, as their cells are striped. */
static double
prepare_row_labels (CsHeatmap *self,
                    double     max_width)
{
  GArray *labels = labels_of (self, GTK_ORIENTATION_VERTICAL);
  int widest = prepare_names (self, GTK_ORIENTATION_VERTICAL, max_width);

  for (guint i = 0; i < self->k; i++)
    if (self->empty_rows[i])
      set_attribute (g_array_index (labels, CsChartTick, i).layout,
                     pango_attr_style_new (PANGO_STYLE_ITALIC));
  return widest;
}

/* Keeps the labels of every few classes only where rows or columns are narrower than the room
 * a label takes along the axis, so that no two overlap, and puts each at the middle of its row
 * or column. */
static void
place_labels (CsHeatmap      *self,
              GtkOrientation  axis,
              double          room)
{
  GArray *labels = labels_of (self, axis);
  const graphene_rect_t *plot = plot_of (self);
  double start = axis == GTK_ORIENTATION_HORIZONTAL ? plot->origin.x : plot->origin.y;
  guint stride = self->cell >= room ? 1 : (guint) ceil (room / self->cell);

  for (guint i = labels->len; i-- > 0;)
    if (i % stride != 0)
      g_array_remove_index (labels, i);
  self->label_stride[axis] = stride;
  for (guint i = 0; i < labels->len; i++)
    g_array_index (labels, CsChartTick, i).pos = start + (i * stride + 0.5) * self->cell -
                                                 self->gap / 2;
}

/* The values, when the widest one fits a cell with room around it; all or none, so that a
 * missing number never reads as a small one. */
static void
prepare_value_labels (CsHeatmap *self,
                      int        text_height)
{
  const char *widest = self->colormap == CS_COLORMAP_DIVERGING ? "−0.00" : "0.00";
  g_autoptr(PangoLayout) probe = gtk_widget_create_pango_layout (GTK_WIDGET (self), widest);
  double inner = self->cell - self->gap - 2 * VALUE_PAD;
  graphene_rect_t rect;

  if (cs_chart_layout_width (probe) > inner || text_height > inner + VALUE_PAD)
    return;
  for (guint cell = 0; cell < self->k * self->k; cell++)
    {
      g_autofree char *text = NULL;
      ValueLabel label;

      if (is_missing (self, cell))
        continue;
      text = cs_chart_scale_format (self->colormap, self->values[cell]);
      label.layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
      label.cell = cell;
      cell_rect (self, cell, &rect);
      label.at = GRAPHENE_POINT_INIT (
        round (rect.origin.x + (rect.size.width - cs_chart_layout_width (label.layout)) / 2),
        round (rect.origin.y + (rect.size.height - cs_chart_layout_height (label.layout)) / 2));
      g_array_append_val (self->value_labels, label);
    }
}

/* The largest whole-pixel cells that fit side, from (x, y). */
static void
set_cells (CsHeatmap *self,
           double     x,
           double     y,
           double     side)
{
  graphene_rect_t *plot = &cs_chart_get_frame (CS_CHART (self))->plot;

  self->cell = MAX (1, floor (side / MAX (self->k, 1)));
  self->gap = self->cell >= CELL_GAP_FROM ? 1 : 0;
  *plot = GRAPHENE_RECT_INIT (round (x), round (y), self->cell * self->k,
                              self->cell * self->k);
}

/* Names too wide for their columns stand upright, reading upwards, shortened to a quarter of
 * the height at most; returns how far below the plot they reach. */
static double
prepare_upright_columns (CsHeatmap *self,
                         double     widest,
                         int        height,
                         int        text_height)
{
  double length = MIN (widest, MAX (3 * text_height, height / 4));

  for (guint i = 0; i < self->column_labels->len; i++)
    fit_layout (g_array_index (self->column_labels, CsChartTick, i).layout, length);
  return length;
}

/* The title's line at the top, with the rows' title in its corner; the row labels on the left,
 * the legend on the right; under the cells the column labels and the columns' title. The cells
 * are square, from the top left of what is left. */
static void
layout_full (CsHeatmap *self,
             int        width,
             int        height)
{
  PangoLayout *x_title = self->axis_titles[GTK_ORIENTATION_HORIZONTAL];
  PangoLayout *y_title = self->axis_titles[GTK_ORIENTATION_VERTICAL];
  int line = text_height (self);
  const graphene_rect_t *plot = plot_of (self);
  double top, below, left, right, columns, widest_column;

  prepare_title (self, width - 2 * CS_CHART_PAD);
  top = CS_CHART_PAD + MAX (optional_height (y_title), optional_height (self->title_layout));
  if (top > CS_CHART_PAD)
    top += TITLE_GAP;
  below = CS_CHART_TICK_GAP + (x_title ? cs_chart_layout_height (x_title) + 2 : 0) + CS_CHART_PAD;
  right = width - CS_CHART_PAD - LEGEND_GAP -
          cs_chart_scale_prepare (&self->scale, GTK_WIDGET (self), self->colormap, self->palette,
                                  cs_chart_get_theme (CS_CHART (self))->dark, self->n_missing > 0);
  left = CS_CHART_PAD + CS_CHART_TICK_GAP + prepare_row_labels (self, width * ROW_LABEL_SHARE);
  widest_column = prepare_names (self, GTK_ORIENTATION_HORIZONTAL, G_MAXINT);

  columns = line;
  set_cells (self, left, top, MIN (right - left, height - top - below - columns));
  self->columns_upright = widest_column + LABEL_GAP > self->cell;
  if (self->columns_upright)
    {
      columns = prepare_upright_columns (self, widest_column, height, line);
      set_cells (self, left, top, MIN (right - left, height - top - below - columns));
    }
  place_labels (self, GTK_ORIENTATION_VERTICAL, line);
  /* Names across their columns fit them: that is why they are across. */
  place_labels (self, GTK_ORIENTATION_HORIZONTAL, self->columns_upright ? line : 0);
  self->columns_top = plot->origin.y + plot->size.height - self->gap + CS_CHART_TICK_GAP / 2.0;

  prepare_value_labels (self, line);
  cs_chart_scale_place (&self->scale, plot->origin.x + plot->size.width - self->gap + LEGEND_GAP,
                        plot->origin.y, plot->size.height - self->gap);
  self->axis_title_at[GTK_ORIENTATION_VERTICAL] = GRAPHENE_POINT_INIT (CS_CHART_PAD, CS_CHART_PAD);
  self->axis_title_at[GTK_ORIENTATION_HORIZONTAL] = GRAPHENE_POINT_INIT (
    plot->origin.x + (plot->size.width - self->gap) / 2, self->columns_top + columns + 2);

  /* The title is centred over the cells, clear of the rows' title in the corner. */
  if (self->title_layout != NULL)
    {
      double title_width = cs_chart_layout_width (self->title_layout);
      double x = plot->origin.x + (plot->size.width - title_width) / 2;
      double title_left = CS_CHART_PAD + (y_title ? cs_chart_layout_width (y_title) + 24 : 0);

      x = MAX (MIN (x, width - CS_CHART_PAD - title_width), title_left);
      self->title_at = GRAPHENE_POINT_INIT (x, CS_CHART_PAD);
      fit_layout (self->title_layout, width - CS_CHART_PAD - x);
    }
}

/* Only the cells, as large as they go, and the caption under them; a grid of hundreds of these
 * makes no text but the captions. */
static void
layout_compact (CsHeatmap *self,
                int        width,
                int        height)
{
  graphene_rect_t *plot = &cs_chart_get_frame (CS_CHART (self))->plot;
  double caption = 0, side;

  prepare_title (self, width - 2 * COMPACT_PAD);
  if (self->title_layout != NULL)
    caption = cs_chart_layout_height (self->title_layout) + 2;
  side = MIN (width, height - caption) - 2 * COMPACT_PAD;
  set_cells (self, 0, COMPACT_PAD, side);
  plot->origin.x = round ((width - plot->size.width + self->gap) / 2);
  if (self->title_layout != NULL)
    self->title_at = GRAPHENE_POINT_INIT (
      round ((width - cs_chart_layout_width (self->title_layout)) / 2),
      plot->origin.y + plot->size.height - self->gap + 2);
}

static void
paint_cells (CsHeatmap *self)
{
  GdkRGBA stripe = cs_chart_scale_stripe (cs_chart_get_theme (CS_CHART (self)));

  g_clear_pointer (&self->cells, cairo_surface_destroy);
  if (self->k > 0)
    self->cells = cs_heatmap_cells_paint (self->k, self->cell, self->gap,
                                          gtk_widget_get_scale_factor (GTK_WIDGET (self)),
                                          self->fills, self->missing, &stripe);
}

static void
cs_heatmap_layout (CsChart *chart,
                   int      width,
                   int      height)
{
  CsHeatmap *self = CS_HEATMAP (chart);

  g_array_set_size (self->column_labels, 0);
  g_array_set_size (self->value_labels, 0);
  prepare_colors (self);
  prepare_axis_titles (self);
  if (self->compact)
    layout_compact (self, width, height);
  else
    layout_full (self, width, height);
  paint_cells (self);
}

/* ---- Items -------------------------------------------------------------------------------- */

/* A compact heatmap has no cells to point at or select: it is one item of its grid. */
static guint
cs_heatmap_get_n_items (CsChart *chart)
{
  CsHeatmap *self = CS_HEATMAP (chart);

  return self->compact ? 0 : self->k * self->k;
}

/* The cell whose slot, gap included, is at (x, y). */
static gboolean
cs_heatmap_pick (CsChart *chart,
                 double   x,
                 double   y,
                 guint   *item)
{
  CsHeatmap *self = CS_HEATMAP (chart);
  const graphene_rect_t *plot = plot_of (self);
  guint row, column;

  if (self->compact || self->k == 0 ||
      !graphene_rect_contains_point (plot, &GRAPHENE_POINT_INIT (x, y)))
    return FALSE;
  row = MIN ((guint) ((y - plot->origin.y) / self->cell), self->k - 1);
  column = MIN ((guint) ((x - plot->origin.x) / self->cell), self->k - 1);
  *item = row * self->k + column;
  return TRUE;
}

static void
cs_heatmap_locate_item (CsChart          *chart,
                        guint             item,
                        graphene_point_t *point)
{
  graphene_rect_t rect;

  cell_rect (CS_HEATMAP (chart), item, &rect);
  graphene_rect_get_center (&rect, point);
}

/* Left and right go along a row, up and down along a column. */
static guint
cs_heatmap_move_item (CsChart *chart,
                      guint    item,
                      int      dx,
                      int      dy)
{
  CsHeatmap *self = CS_HEATMAP (chart);
  int row = CLAMP ((int) (item / self->k) + dy, 0, (int) self->k - 1);
  int column = CLAMP ((int) (item % self->k) + dx, 0, (int) self->k - 1);

  return row * self->k + column;
}

/* ---- Drawing ------------------------------------------------------------------------------ */

static void
snapshot_cells (CsHeatmap   *self,
                GtkSnapshot *snapshot)
{
  const graphene_rect_t *plot = plot_of (self);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot,
                                           &GRAPHENE_RECT_INIT (plot->origin.x, plot->origin.y,
                                                                self->k * self->cell,
                                                                self->k * self->cell));

  cairo_set_source_surface (cr, self->cells, plot->origin.x, plot->origin.y);
  cairo_paint (cr);
  cairo_destroy (cr);
  for (guint i = 0; i < self->value_labels->len; i++)
    {
      ValueLabel *label = &g_array_index (self->value_labels, ValueLabel, i);

      cs_chart_snapshot_text (snapshot, label->layout, label->at.x, label->at.y,
                              &self->inks[label->cell]);
    }
}

/* The cell in the read-out has a ring in its own text colour, which reads on its fill; with the
 * keyboard focus, the selected cell (or the whole matrix, before any is) has the accent's ring
 * around it as well, as has the marked cell always. */
static void
snapshot_rings (CsHeatmap   *self,
                GtkSnapshot *snapshot)
{
  CsChart *chart = CS_CHART (self);
  guint shown = cs_chart_get_readout_item (chart);
  guint selected = cs_chart_get_selected (chart);
  graphene_rect_t rect;

  if (shown != CS_CHART_NO_ITEM)
    {
      cell_rect (self, shown, &rect);
      cs_chart_snapshot_outline (snapshot, &rect, RING_WIDTH, &self->inks[shown]);
    }
  if (self->marked != CS_CHART_NO_ITEM && self->marked < self->k * self->k)
    {
      cell_rect (self, self->marked, &rect);
      graphene_rect_inset (&rect, -RING_WIDTH, -RING_WIDTH);
      cs_chart_snapshot_outline (snapshot, &rect, RING_WIDTH, &cs_chart_get_theme (chart)->accent);
    }
  if (!gtk_widget_has_visible_focus (GTK_WIDGET (self)) || self->compact)
    return;
  if (selected != CS_CHART_NO_ITEM)
    cell_rect (self, selected, &rect);
  else
    rect = *plot_of (self);
  graphene_rect_inset (&rect, -RING_WIDTH, -RING_WIDTH);
  cs_chart_snapshot_outline (snapshot, &rect, RING_WIDTH, &cs_chart_get_theme (chart)->accent);
}

/* Under the plot, centred on their columns: across, or upright with their ends at the top. */
static void
snapshot_column_labels (CsHeatmap     *self,
                        GtkSnapshot   *snapshot,
                        const GdkRGBA *color)
{
  if (!self->columns_upright)
    {
      cs_chart_snapshot_ticks_below (snapshot, self->column_labels, self->columns_top, color);
      return;
    }
  for (guint i = 0; i < self->column_labels->len; i++)
    {
      CsChartTick *label = &g_array_index (self->column_labels, CsChartTick, i);
      int width = cs_chart_layout_width (label->layout);
      int height = cs_chart_layout_height (label->layout);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (label->pos - height / 2.0),
                                                              round (self->columns_top + width)));
      gtk_snapshot_rotate (snapshot, -90);
      gtk_snapshot_append_layout (snapshot, label->layout, color);
      gtk_snapshot_restore (snapshot);
    }
}

/* The rows' title as the base would draw a value axis' title, the columns' dimmed as the base
 * draws the other. */
static void
snapshot_axis_titles (CsHeatmap          *self,
                      GtkSnapshot        *snapshot,
                      const CsChartTheme *theme)
{
  PangoLayout *x_title = self->axis_titles[GTK_ORIENTATION_HORIZONTAL];
  PangoLayout *y_title = self->axis_titles[GTK_ORIENTATION_VERTICAL];
  GdkRGBA dim = cs_chart_fade (&theme->fg, 0.7f);

  if (y_title != NULL)
    cs_chart_snapshot_text (snapshot, y_title, self->axis_title_at[GTK_ORIENTATION_VERTICAL].x,
                            self->axis_title_at[GTK_ORIENTATION_VERTICAL].y, &theme->fg);
  if (x_title != NULL)
    cs_chart_snapshot_centered (snapshot, x_title,
                                self->axis_title_at[GTK_ORIENTATION_HORIZONTAL].x,
                                self->axis_title_at[GTK_ORIENTATION_HORIZONTAL].y, &dim);
}

static void
cs_heatmap_draw (CsChart     *chart,
                 GtkSnapshot *snapshot)
{
  CsHeatmap *self = CS_HEATMAP (chart);
  const CsChartTheme *theme = cs_chart_get_theme (chart);
  GdkRGBA dim = cs_chart_fade (&theme->fg, 0.7f);

  snapshot_axis_titles (self, snapshot, theme);
  if (self->k == 0)
    return;
  snapshot_cells (self, snapshot);
  snapshot_rings (self, snapshot);
  snapshot_column_labels (self, snapshot, &dim);
  if (!self->compact)
    cs_chart_scale_snapshot (&self->scale, snapshot, theme);
  if (self->title_layout != NULL)
    cs_chart_snapshot_text (snapshot, self->title_layout, self->title_at.x, self->title_at.y,
                            &theme->fg);
}

/* ---- Events ------------------------------------------------------------------------------- */

static void
activate_cell (CsHeatmap *self,
               guint      cell)
{
  g_signal_emit (self, signals[ACTIVATED], 0, cell);
}

/* A compact heatmap opens on a click, a large one on a cell's double click. */
static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            CsHeatmap       *self)
{
  guint cell;

  if (self->compact && n_press == 1)
    activate_cell (self, CS_CHART_NO_ITEM);
  else if (!self->compact && n_press == 2 && cs_chart_ensure_layout (CS_CHART (self)) &&
           cs_heatmap_pick (CS_CHART (self), x, y, &cell))
    activate_cell (self, cell);
}

/* Enter opens the selected cell, or a compact heatmap as a whole. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                CsHeatmap             *self)
{
  guint selected = cs_chart_get_selected (CS_CHART (self));

  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter &&
      keyval != GDK_KEY_space)
    return FALSE;
  if (!self->compact && selected == CS_CHART_NO_ITEM)
    return FALSE;
  activate_cell (self, self->compact ? CS_CHART_NO_ITEM : selected);
  return TRUE;
}

/* The tooltip names a class whose label is shortened, or left out for want of room. */
static gboolean
cs_heatmap_query_tooltip (GtkWidget  *widget,
                          int         x,
                          int         y,
                          gboolean    keyboard,
                          GtkTooltip *tooltip)
{
  g_autofree char *name = NULL;

  if (keyboard)
    return FALSE;
  name = cs_heatmap_get_label_at (CS_HEATMAP (widget), x, y);
  if (name == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, name);
  return TRUE;
}

/* ---- GtkWidget ---------------------------------------------------------------------------- */

/* A compact heatmap, as one of a grid's items, is as tall as its width makes it: square cells
 * and the caption under them. */
static GtkSizeRequestMode
cs_heatmap_get_request_mode (GtkWidget *widget)
{
  return CS_HEATMAP (widget)->compact ? GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH
                                      : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
cs_heatmap_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  CsHeatmap *self = CS_HEATMAP (widget);
  int caption;

  GTK_WIDGET_CLASS (cs_heatmap_parent_class)->measure (widget, orientation, for_size, minimum,
                                                       natural, minimum_baseline,
                                                       natural_baseline);
  if (!self->compact || orientation != GTK_ORIENTATION_VERTICAL || for_size < 0)
    return;
  caption = self->title != NULL && *self->title != '\0' ? text_height (self) + 2 : 0;
  *minimum = *natural = MAX (*minimum, for_size + caption);
}

static void
cs_heatmap_css_changed (GtkWidget         *widget,
                        GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (cs_heatmap_parent_class)->css_changed (widget, change);
  /* The font may be another. */
  CS_HEATMAP (widget)->text_height = 0;
}

/* The cells are painted in device pixels. */
static void
scale_factor_cb (CsHeatmap  *self,
                 GParamSpec *pspec)
{
  cs_chart_invalidate (CS_CHART (self));
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
cs_heatmap_finalize (GObject *object)
{
  CsHeatmap *self = CS_HEATMAP (object);

  g_free (self->values);
  g_free (self->counts);
  g_strfreev (self->class_names);
  g_free (self->title);
  g_free (self->empty_rows);
  g_free (self->missing);
  g_free (self->fills);
  g_free (self->inks);
  g_array_unref (self->value_labels);
  g_array_unref (self->column_labels);
  g_clear_object (&self->title_layout);
  g_clear_pointer (&self->cells, cairo_surface_destroy);
  g_clear_object (&self->axis_titles[0]);
  g_clear_object (&self->axis_titles[1]);
  cs_chart_scale_clear (&self->scale);
  G_OBJECT_CLASS (cs_heatmap_parent_class)->finalize (object);
}

static void
cs_heatmap_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CsHeatmap *self = CS_HEATMAP (object);

  switch (prop_id)
    {
    case PROP_COLORMAP:
      g_value_set_enum (value, self->colormap);
      break;
    case PROP_PALETTE:
      g_value_set_enum (value, self->palette);
      break;
    case PROP_COMPACT:
      g_value_set_boolean (value, self->compact);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_heatmap_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CsHeatmap *self = CS_HEATMAP (object);

  switch (prop_id)
    {
    case PROP_COLORMAP:
      cs_heatmap_set_colormap (self, g_value_get_enum (value));
      break;
    case PROP_PALETTE:
      cs_heatmap_set_palette (self, g_value_get_enum (value));
      break;
    case PROP_COMPACT:
      cs_heatmap_set_compact (self, g_value_get_boolean (value));
      break;
    case PROP_TITLE:
      cs_heatmap_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_heatmap_class_init (CsHeatmapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  CsChartClass *chart_class = CS_CHART_CLASS (klass);

  /**
   * CsHeatmap:colormap:
   *
   * How values become colours: sequential for rates from 0 to 1, diverging for differences
   * from −1 to 1.
   */
  properties[PROP_COLORMAP] =
    g_param_spec_enum ("colormap", NULL, NULL, CS_TYPE_COLORMAP, CS_COLORMAP_SEQUENTIAL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CsHeatmap:palette:
   *
   * The ramp a sequential map is drawn in (Preferences), for the heatmap and its legend.
   */
  properties[PROP_PALETTE] =
    g_param_spec_enum ("palette", NULL, NULL, CS_TYPE_PALETTE, CS_PALETTE_BLUES,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CsHeatmap:compact:
   *
   * Whether the heatmap is one of many side by side: only its cells and its title as a
   * caption under them, no labels, values, legend or read-out, and no focus of its own (its
   * grid's item takes it). It activates on a single click.
   */
  properties[PROP_COMPACT] =
    g_param_spec_boolean ("compact", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CsHeatmap:title:
   *
   * What the matrix is of, such as an annotator's id: above the cells, or under them when
   * compact; also the accessible name.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CsHeatmap::activated:
   * @cell: the cell opened, row × K + column, or %CS_CHART_NO_ITEM for the whole heatmap
   *
   * A compact heatmap was clicked, or a large one's cell double-clicked, or Enter was pressed
   * on the selected cell: whoever shows the heatmap opens what was activated.
   */
  signals[ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  object_class->finalize = cs_heatmap_finalize;
  object_class->get_property = cs_heatmap_get_property;
  object_class->set_property = cs_heatmap_set_property;
  GTK_WIDGET_CLASS (klass)->query_tooltip = cs_heatmap_query_tooltip;
  GTK_WIDGET_CLASS (klass)->get_request_mode = cs_heatmap_get_request_mode;
  GTK_WIDGET_CLASS (klass)->measure = cs_heatmap_measure;
  GTK_WIDGET_CLASS (klass)->css_changed = cs_heatmap_css_changed;

  chart_class->layout = cs_heatmap_layout;
  chart_class->draw = cs_heatmap_draw;
  chart_class->get_n_items = cs_heatmap_get_n_items;
  chart_class->pick = cs_heatmap_pick;
  chart_class->locate_item = cs_heatmap_locate_item;
  chart_class->move_item = cs_heatmap_move_item;
  chart_class->describe_item = cs_heatmap_describe_item;
  chart_class->describe = cs_heatmap_describe;
  chart_class->get_name = cs_heatmap_get_name;

  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "cs-heatmap");
}

static void
add_controllers (CsHeatmap *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *key = gtk_event_controller_key_new ();

  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
}

/* Sizes, focus and tooltips for the mode. */
static void
apply_mode (CsHeatmap *self)
{
  CsChart *chart = CS_CHART (self);

  gtk_widget_set_focusable (GTK_WIDGET (self), !self->compact);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), !self->compact);
  if (self->compact)
    {
      cs_chart_set_minimum_size (chart, 48, 60);
      cs_chart_set_natural_size (chart, 120, 140);
    }
  else
    {
      cs_chart_set_minimum_size (chart, 240, 200);
      cs_chart_set_natural_size (chart, 520, 440);
    }
}

static void
cs_heatmap_init (CsHeatmap *self)
{
  self->colormap = CS_COLORMAP_SEQUENTIAL;
  self->marked = CS_CHART_NO_ITEM;
  self->empty_rows = g_new0 (gboolean, 0);
  self->value_labels = cs_chart_layout_array_new (sizeof (ValueLabel));
  self->column_labels = cs_chart_tick_array_new ();
  self->label_stride[0] = self->label_stride[1] = 1;
  cs_chart_scale_init (&self->scale);
  cs_chart_set_titles_shown (CS_CHART (self), FALSE);
  cs_chart_set_label (CS_CHART (self), GTK_ORIENTATION_HORIZONTAL, _("Label given"));
  cs_chart_set_label (CS_CHART (self), GTK_ORIENTATION_VERTICAL, _("True class"));
  add_controllers (self);
  apply_mode (self);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (scale_factor_cb), NULL);
}

/* ---- Public API --------------------------------------------------------------------------- */

/**
 * cs_heatmap_new:
 *
 * Returns: (transfer floating): a new #CsHeatmap with no cells
 */
GtkWidget *
cs_heatmap_new (void)
{
  return g_object_new (CS_TYPE_HEATMAP, NULL);
}

/**
 * cs_heatmap_set_matrix:
 * @values: (array) (nullable): [k, k] row by row: row i the true class, column j the label
 *   given; NAN for a cell with no data, and a row of NANs for a class with none
 * @counts: (array) (nullable): [k, k]: the labels behind each cell, for the read-out; a row
 *   adding up to 0 has no data whatever its values
 * @k: the number of classes
 * @class_names: (array length=k) (nullable): the classes' names, or NULL to number them from 0
 *
 * Replaces the matrix with copies of @values, @counts and @class_names.
 */
void
cs_heatmap_set_matrix (CsHeatmap          *self,
                       const float        *values,
                       const int          *counts,
                       guint               k,
                       const char * const *class_names)
{
  g_return_if_fail (CS_IS_HEATMAP (self));
  g_return_if_fail (values != NULL || k == 0);
  g_return_if_fail (k <= MAX_CLASSES);

  g_free (self->values);
  g_free (self->counts);
  g_strfreev (self->class_names);
  self->values = g_memdup2 (values, sizeof (float) * k * k);
  self->counts = counts ? g_memdup2 (counts, sizeof (int) * k * k) : NULL;
  self->class_names = cs_chart_copy_names (class_names, k);
  self->k = k;
  find_missing (self);
  cs_chart_data_changed (CS_CHART (self));
}

guint
cs_heatmap_get_n_classes (CsHeatmap *self)
{
  g_return_val_if_fail (CS_IS_HEATMAP (self), 0);

  return self->k;
}

float
cs_heatmap_get_value (CsHeatmap *self,
                      guint      row,
                      guint      column)
{
  g_return_val_if_fail (CS_IS_HEATMAP (self), NAN);
  g_return_val_if_fail (row < self->k && column < self->k, NAN);

  return self->values[row * self->k + column];
}

void
cs_heatmap_set_colormap (CsHeatmap  *self,
                         CsColormap  colormap)
{
  g_return_if_fail (CS_IS_HEATMAP (self));
  g_return_if_fail (colormap == CS_COLORMAP_SEQUENTIAL || colormap == CS_COLORMAP_DIVERGING);

  if (self->colormap == colormap)
    return;
  self->colormap = colormap;
  cs_chart_data_changed (CS_CHART (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLORMAP]);
}

void
cs_heatmap_set_palette (CsHeatmap *self,
                        CsPalette  palette)
{
  g_return_if_fail (CS_IS_HEATMAP (self));
  g_return_if_fail (palette <= CS_PALETTE_GREYS);

  if (self->palette == palette)
    return;
  self->palette = palette;
  cs_chart_data_changed (CS_CHART (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PALETTE]);
}

CsPalette
cs_heatmap_get_palette (CsHeatmap *self)
{
  g_return_val_if_fail (CS_IS_HEATMAP (self), CS_PALETTE_BLUES);

  return self->palette;
}

CsColormap
cs_heatmap_get_colormap (CsHeatmap *self)
{
  g_return_val_if_fail (CS_IS_HEATMAP (self), CS_COLORMAP_SEQUENTIAL);

  return self->colormap;
}

void
cs_heatmap_set_title (CsHeatmap  *self,
                      const char *title)
{
  g_return_if_fail (CS_IS_HEATMAP (self));

  if (!cs_chart_set_string (&self->title, title))
    return;
  cs_chart_data_changed (CS_CHART (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
cs_heatmap_get_title (CsHeatmap *self)
{
  g_return_val_if_fail (CS_IS_HEATMAP (self), NULL);

  return self->title;
}

void
cs_heatmap_set_compact (CsHeatmap *self,
                        gboolean   compact)
{
  g_return_if_fail (CS_IS_HEATMAP (self));

  compact = !!compact;
  if (self->compact == compact)
    return;
  self->compact = compact;
  apply_mode (self);
  cs_chart_invalidate (CS_CHART (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPACT]);
}

gboolean
cs_heatmap_get_compact (CsHeatmap *self)
{
  g_return_val_if_fail (CS_IS_HEATMAP (self), FALSE);

  return self->compact;
}

void
cs_heatmap_set_marked (CsHeatmap *self,
                       guint      cell)
{
  g_return_if_fail (CS_IS_HEATMAP (self));

  if (self->marked == cell)
    return;
  self->marked = cell;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
cs_heatmap_get_marked (CsHeatmap *self)
{
  g_return_val_if_fail (CS_IS_HEATMAP (self), CS_CHART_NO_ITEM);

  return self->marked;
}

/* ---- For the tests ------------------------------------------------------------------------ */

gboolean
cs_heatmap_get_cell_area (CsHeatmap       *self,
                          guint            row,
                          guint            column,
                          graphene_rect_t *area)
{
  g_return_val_if_fail (CS_IS_HEATMAP (self), FALSE);
  g_return_val_if_fail (row < self->k && column < self->k, FALSE);

  if (!cs_chart_ensure_layout (CS_CHART (self)))
    return FALSE;
  cell_rect (self, row * self->k + column, area);
  return TRUE;
}

gboolean
cs_heatmap_get_values_shown (CsHeatmap *self)
{
  g_return_val_if_fail (CS_IS_HEATMAP (self), FALSE);

  return cs_chart_ensure_layout (CS_CHART (self)) && self->value_labels->len > 0;
}

/* The label a class has on an axis (borrowed), or NULL when it has none for want of room. */
PangoLayout *
cs_heatmap_get_class_label (CsHeatmap      *self,
                            GtkOrientation  axis,
                            guint           index)
{
  GArray *ticks;
  guint stride;

  g_return_val_if_fail (CS_IS_HEATMAP (self), NULL);
  g_return_val_if_fail (index < self->k, NULL);

  if (!cs_chart_ensure_layout (CS_CHART (self)) || self->compact)
    return NULL;
  ticks = labels_of (self, axis);
  stride = self->label_stride[axis];
  if (index % stride != 0 || index / stride >= ticks->len)
    return NULL;
  return g_array_index (ticks, CsChartTick, index / stride).layout;
}

/* The class whose row or column label is at (x, y); NULL unless the label is shortened or left
 * out, so that the tooltip adds something. */
char *
cs_heatmap_get_label_at (CsHeatmap *self,
                         double     x,
                         double     y)
{
  const graphene_rect_t *plot;
  GtkOrientation axis;
  PangoLayout *label;
  guint index;

  g_return_val_if_fail (CS_IS_HEATMAP (self), NULL);

  if (!cs_chart_ensure_layout (CS_CHART (self)) || self->compact || self->k == 0)
    return NULL;
  plot = plot_of (self);
  /* Left of a row, or under a column down to the columns' title. */
  if (x < plot->origin.x && y >= plot->origin.y && y < plot->origin.y + plot->size.height)
    {
      axis = GTK_ORIENTATION_VERTICAL;
      index = (guint) ((y - plot->origin.y) / self->cell);
    }
  else if (x >= plot->origin.x && x < plot->origin.x + plot->size.width &&
           y >= plot->origin.y + plot->size.height &&
           y < self->axis_title_at[GTK_ORIENTATION_HORIZONTAL].y)
    {
      axis = GTK_ORIENTATION_HORIZONTAL;
      index = (guint) ((x - plot->origin.x) / self->cell);
    }
  else
    return NULL;
  index = MIN (index, self->k - 1);
  label = cs_heatmap_get_class_label (self, axis, index);
  if (label != NULL && !pango_layout_is_ellipsized (label))
    return NULL;
  return class_name (self, index);
}

gboolean
cs_heatmap_get_legend_area (CsHeatmap       *self,
                            graphene_rect_t *bar)
{
  g_return_val_if_fail (CS_IS_HEATMAP (self), FALSE);

  if (!cs_chart_ensure_layout (CS_CHART (self)) || self->compact)
    return FALSE;
  *bar = self->scale.bar;
  return TRUE;
}
