/* cs-vote-bar.c — an item's crowd labels as one bar, a segment per class
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "cs-chart-theme.h"
#include "cs-vote-bar.h"

#define TEXT_PAD     3    /* between a segment's text and its ends */
#define SEGMENT_GAP  1
#define RADIUS       4
#define MIN_WIDTH    16

/* libadwaita's palette, a class a colour: the mid shades first, then the light ones for
 * datasets of more than six classes; red, the colour of a wrong prediction, and the darks, which
 * fade into a dark background, come last. The hex values are libadwaita 1.2's, used only where
 * the theme does not define the names. */
static const struct
{
  const char *name;
  const char *fallback;
} palette[] = {
  { "blue_3", "#3584e4" }, { "green_4", "#2ec27e" }, { "yellow_5", "#e5a50a" },
  { "orange_4", "#e66100" }, { "purple_3", "#9141ac" }, { "brown_3", "#986a44" },
  { "blue_1", "#99c1f1" }, { "green_2", "#8ff0a4" }, { "yellow_3", "#f6d32d" },
  { "orange_2", "#ffa348" }, { "purple_1", "#dc8add" }, { "brown_1", "#cdab8f" },
  { "light_4", "#c0bfbc" }, { "red_1", "#f66151" }, { "dark_2", "#5e5c64" },
  { "red_3", "#e01b24" },
};

#define N_COLORS G_N_ELEMENTS (palette)

typedef struct
{
  char        *name;
  int          count;
  guint        color;      /* in palette */
  PangoLayout *full;       /* "street 2"; NULL until drawn */
  PangoLayout *count_only; /* "2" */
} Segment;

struct _CsVoteBar
{
  GtkWidget  parent_instance;

  /* Owned */
  char      *votes;
  char     **classes;
  GArray    *segments;    /* of Segment, most votes first */
  int        total;

  /* Owned: from the style, looked up again when it changes */
  GdkRGBA    colors[N_COLORS];
  GdkRGBA    track;       /* the outline of a bar without votes */
  GdkRGBA    dim;         /* its words */
  PangoLayout *no_votes;  /* “no crowd labels”; NULL until drawn */
  gboolean   style_loaded;
};

enum {
  PROP_0,
  PROP_VOTES,
  PROP_CLASSES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CsVoteBar, cs_vote_bar, GTK_TYPE_WIDGET)

static void
clear_segment (gpointer data)
{
  Segment *segment = data;

  g_free (segment->name);
  g_clear_object (&segment->full);
  g_clear_object (&segment->count_only);
}

static guint
color_of (CsVoteBar  *self,
          const char *name)
{
  for (guint k = 0; self->classes != NULL && self->classes[k] != NULL; k++)
    if (strcmp (self->classes[k], name) == 0)
      return k % N_COLORS;
  return g_str_hash (name) % N_COLORS;
}

/* Reads "name:count;name:count"; a part it cannot read is left out. A class name may hold a
 * colon: the count is after the last one. */
static void
parse_votes (CsVoteBar *self)
{
  g_auto(GStrv) parts = g_strsplit (self->votes != NULL ? self->votes : "", ";", -1);

  g_array_set_size (self->segments, 0);
  self->total = 0;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *colon = strrchr (parts[i], ':'), *end;
      Segment segment = { 0 };
      long count;

      if (colon == NULL || colon == parts[i])
        continue;
      count = strtol (colon + 1, &end, 10);
      if (*end != '\0' || end == colon + 1 || count <= 0 || count > G_MAXINT - self->total)
        continue;
      segment.name = g_strndup (parts[i], colon - parts[i]);
      segment.count = (int) count;
      segment.color = color_of (self, segment.name);
      self->total += segment.count;
      g_array_append_val (self->segments, segment);
    }
}

static void
update_accessible (CsVoteBar *self)
{
  g_autofree char *words = cs_vote_bar_describe (self);
  g_autofree char *label = g_strdup_printf (_("Votes: %s"), words);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
load_style (CsVoteBar *self)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  CsChartTheme theme;

  cs_chart_theme_load (&theme, GTK_WIDGET (self));
  self->track = cs_chart_fade (&theme.fg, 0.15f);
  self->dim = cs_chart_fade (&theme.fg, 0.55f);
  for (guint c = 0; c < N_COLORS; c++)
    if (!gtk_style_context_lookup_color (context, palette[c].name, &self->colors[c]))
      gdk_rgba_parse (&self->colors[c], palette[c].fallback);
  self->style_loaded = TRUE;
}

/* Where segment i goes in a bar of the given width: its share of what the gaps leave. */
static graphene_rect_t
segment_area (CsVoteBar *self,
              guint      i,
              int        width,
              int        height)
{
  double room = MAX (0, width - SEGMENT_GAP * ((int) self->segments->len - 1));
  double x = 0;

  for (guint j = 0; j < i; j++)
    x += room * g_array_index (self->segments, Segment, j).count / self->total + SEGMENT_GAP;
  return GRAPHENE_RECT_INIT (x, 0,
                             room * g_array_index (self->segments, Segment, i).count / self->total,
                             height);
}

/* Black or white, whichever reads on the fill. */
static GdkRGBA
ink_on (const GdkRGBA *fill)
{
  double luminance = 0.2126 * fill->red + 0.7152 * fill->green + 0.0722 * fill->blue;

  return luminance > 0.5 ? (GdkRGBA) { 0, 0, 0, 0.8f } : (GdkRGBA) { 1, 1, 1, 1 };
}

/* The segment's text that fits in width, making the layouts the first time; NULL if none does. */
static PangoLayout *
fitting_text (CsVoteBar *self,
              Segment   *segment,
              double     width)
{
  if (segment->full == NULL)
    {
      g_autofree char *full = g_strdup_printf ("%s %d", segment->name, segment->count);
      g_autofree char *count = g_strdup_printf ("%d", segment->count);

      segment->full = gtk_widget_create_pango_layout (GTK_WIDGET (self), full);
      segment->count_only = gtk_widget_create_pango_layout (GTK_WIDGET (self), count);
    }
  if (cs_chart_layout_width (segment->full) + 2 * TEXT_PAD <= width)
    return segment->full;
  if (cs_chart_layout_width (segment->count_only) + 2 * TEXT_PAD <= width)
    return segment->count_only;
  return NULL;
}

static void
snapshot_segment (CsVoteBar             *self,
                  GtkSnapshot           *snapshot,
                  Segment               *segment,
                  const graphene_rect_t *area)
{
  const GdkRGBA *fill = &self->colors[segment->color];
  PangoLayout *text = fitting_text (self, segment, area->size.width);

  gtk_snapshot_append_color (snapshot, fill, area);
  if (text != NULL)
    {
      GdkRGBA ink = ink_on (fill);

      cs_chart_snapshot_centered (snapshot, text, area->origin.x + area->size.width / 2,
                                  (area->size.height - cs_chart_layout_height (text)) / 2, &ink);
    }
}

/* An outline that says so, rather than an empty bar that looks like one still to fill. */
static void
snapshot_no_votes (CsVoteBar            *self,
                   GtkSnapshot          *snapshot,
                   const GskRoundedRect *outline)
{
  const graphene_rect_t *area = &outline->bounds;

  gtk_snapshot_append_border (snapshot, outline, (float[4]) { 1, 1, 1, 1 },
                              (GdkRGBA[4]) { self->track, self->track, self->track,
                                             self->track });
  if (self->no_votes == NULL)
    self->no_votes = gtk_widget_create_pango_layout (GTK_WIDGET (self), _("no crowd labels"));
  if (cs_chart_layout_width (self->no_votes) + 2 * TEXT_PAD <= area->size.width)
    cs_chart_snapshot_centered (snapshot, self->no_votes, area->size.width / 2,
                                (area->size.height - cs_chart_layout_height (self->no_votes)) / 2,
                                &self->dim);
}

static void
cs_vote_bar_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  CsVoteBar *self = CS_VOTE_BAR (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  GskRoundedRect outline;

  if (!self->style_loaded)
    load_style (self);
  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (0, 0, width, height), RADIUS);
  if (self->segments->len == 0)
    {
      snapshot_no_votes (self, snapshot, &outline);
      return;
    }
  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  for (guint i = 0; i < self->segments->len; i++)
    {
      graphene_rect_t area = segment_area (self, i, width, height);

      snapshot_segment (self, snapshot, &g_array_index (self->segments, Segment, i), &area);
    }
  gtk_snapshot_pop (snapshot);
}

/* As tall as a line of the widget's font, as wide as it is given. */
static void
cs_vote_bar_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = MIN_WIDTH;
  else
    *minimum = *natural = cs_chart_text_height (widget) + 2;
}

static void
cs_vote_bar_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  CsVoteBar *self = CS_VOTE_BAR (widget);

  GTK_WIDGET_CLASS (cs_vote_bar_parent_class)->css_changed (widget, change);
  /* The colours, and the font the layouts were made with. */
  self->style_loaded = FALSE;
  g_clear_object (&self->no_votes);
  for (guint i = 0; i < self->segments->len; i++)
    {
      Segment *segment = &g_array_index (self->segments, Segment, i);

      g_clear_object (&segment->full);
      g_clear_object (&segment->count_only);
    }
  gtk_widget_queue_draw (widget);
}

static void
cs_vote_bar_finalize (GObject *object)
{
  CsVoteBar *self = CS_VOTE_BAR (object);

  g_free (self->votes);
  g_strfreev (self->classes);
  g_array_unref (self->segments);
  g_clear_object (&self->no_votes);
  G_OBJECT_CLASS (cs_vote_bar_parent_class)->finalize (object);
}

static void
cs_vote_bar_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CsVoteBar *self = CS_VOTE_BAR (object);

  switch (prop_id)
    {
    case PROP_VOTES:
      g_value_set_string (value, self->votes);
      break;
    case PROP_CLASSES:
      g_value_set_boxed (value, self->classes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_vote_bar_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CsVoteBar *self = CS_VOTE_BAR (object);

  switch (prop_id)
    {
    case PROP_VOTES:
      cs_vote_bar_set_votes (self, g_value_get_string (value));
      break;
    case PROP_CLASSES:
      cs_vote_bar_set_classes (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_vote_bar_class_init (CsVoteBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cs_vote_bar_finalize;
  object_class->get_property = cs_vote_bar_get_property;
  object_class->set_property = cs_vote_bar_set_property;
  widget_class->snapshot = cs_vote_bar_snapshot;
  widget_class->measure = cs_vote_bar_measure;
  widget_class->css_changed = cs_vote_bar_css_changed;

  properties[PROP_VOTES] = g_param_spec_string ("votes", NULL, NULL, NULL, flags);
  properties[PROP_CLASSES] = g_param_spec_boxed ("classes", NULL, NULL, G_TYPE_STRV, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "votebar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cs_vote_bar_init (CsVoteBar *self)
{
  self->segments = g_array_new (FALSE, TRUE, sizeof (Segment));
  g_array_set_clear_func (self->segments, clear_segment);
  update_accessible (self);
}

GtkWidget *
cs_vote_bar_new (void)
{
  return g_object_new (CS_TYPE_VOTE_BAR, NULL);
}

void
cs_vote_bar_set_votes (CsVoteBar  *self,
                       const char *votes)
{
  g_return_if_fail (CS_IS_VOTE_BAR (self));

  if (g_strcmp0 (self->votes, votes) == 0)
    return;
  g_free (self->votes);
  self->votes = g_strdup (votes);
  parse_votes (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOTES]);
}

const char *
cs_vote_bar_get_votes (CsVoteBar *self)
{
  g_return_val_if_fail (CS_IS_VOTE_BAR (self), NULL);

  return self->votes;
}

void
cs_vote_bar_set_classes (CsVoteBar          *self,
                         const char * const *classes)
{
  g_return_if_fail (CS_IS_VOTE_BAR (self));

  if (self->classes == (char **) classes ||
      (self->classes != NULL && classes != NULL &&
       g_strv_equal ((const char * const *) self->classes, classes)))
    return;
  g_strfreev (self->classes);
  self->classes = g_strdupv ((char **) classes);
  for (guint i = 0; i < self->segments->len; i++)
    {
      Segment *segment = &g_array_index (self->segments, Segment, i);

      segment->color = color_of (self, segment->name);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLASSES]);
}

const char * const *
cs_vote_bar_get_classes (CsVoteBar *self)
{
  g_return_val_if_fail (CS_IS_VOTE_BAR (self), NULL);

  return (const char * const *) self->classes;
}

guint
cs_vote_bar_get_n_segments (CsVoteBar *self)
{
  g_return_val_if_fail (CS_IS_VOTE_BAR (self), 0);

  return self->segments->len;
}

/* Segment i's class, and its count and where it is drawn, if asked. */
const char *
cs_vote_bar_get_segment (CsVoteBar       *self,
                         guint            i,
                         int             *count,
                         graphene_rect_t *area)
{
  g_return_val_if_fail (CS_IS_VOTE_BAR (self), NULL);
  g_return_val_if_fail (i < self->segments->len, NULL);

  if (count != NULL)
    *count = g_array_index (self->segments, Segment, i).count;
  if (area != NULL)
    *area = segment_area (self, i, gtk_widget_get_width (GTK_WIDGET (self)),
                          gtk_widget_get_height (GTK_WIDGET (self)));
  return g_array_index (self->segments, Segment, i).name;
}

/* “street 2, insidecity 1”, or “no crowd labels”. */
char *
cs_vote_bar_describe (CsVoteBar *self)
{
  GString *words;

  g_return_val_if_fail (CS_IS_VOTE_BAR (self), NULL);

  if (self->segments->len == 0)
    return g_strdup (_("no crowd labels"));
  words = g_string_new (NULL);
  for (guint i = 0; i < self->segments->len; i++)
    {
      Segment *segment = &g_array_index (self->segments, Segment, i);

      g_string_append_printf (words, "%s%s %d", i > 0 ? ", " : "", segment->name, segment->count);
    }
  return g_string_free (words, FALSE);
}
