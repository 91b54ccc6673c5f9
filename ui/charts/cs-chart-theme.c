/* cs-chart-theme.c — the theme colours and drawing helpers the charts share
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "cs-chart-theme.h"

/* Each role's libadwaita palette colour. Light backgrounds get a darker shade than dark ones so
 * that a 2 px line keeps its contrast in both. The hex values are libadwaita 1.2's, used only
 * when the theme does not define the name (plain GTK without libadwaita, another theme). */
static const struct
{
  const char *light_name;
  const char *dark_name;
  const char *light_fallback;
  const char *dark_fallback;
} role_colors[CS_CHART_N_ROLES] = {
  [CS_CHART_ROLE_TRAIN] = { "accent_color", "accent_color", "#1c71d8", "#78aeed" },
  [CS_CHART_ROLE_VALID] = { "green_5", "green_3", "#26a269", "#33d17a" },
  [CS_CHART_ROLE_TEST] = { "orange_4", "orange_3", "#e66100", "#ff7800" },
  [CS_CHART_ROLE_LOSS] = { "purple_3", "purple_2", "#9141ac", "#c061cb" },
};

static void
lookup_color (GtkStyleContext *context,
              const char      *name,
              const char      *fallback,
              GdkRGBA         *color)
{
  if (!gtk_style_context_lookup_color (context, name, color))
    gdk_rgba_parse (color, fallback);
}

static gboolean
is_light (const GdkRGBA *color)
{
  return 0.2126 * color->red + 0.7152 * color->green + 0.0722 * color->blue > 0.5;
}

void
cs_chart_theme_load (CsChartTheme *theme,
                     GtkWidget    *widget)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  gtk_style_context_get_color (context, &theme->fg);
  theme->dark = is_light (&theme->fg);

  lookup_color (context, "accent_color", theme->dark ? "#78aeed" : "#1c71d8", &theme->accent);
  lookup_color (context, "accent_bg_color", "#3584e4", &theme->accent_bg);
  if (!gtk_style_context_lookup_color (context, "popover_bg_color", &theme->bubble_bg))
    lookup_color (context, "theme_base_color", theme->dark ? "#383838" : "#ffffff",
                  &theme->bubble_bg);

  for (guint r = 0; r < CS_CHART_N_ROLES; r++)
    lookup_color (context,
                  theme->dark ? role_colors[r].dark_name : role_colors[r].light_name,
                  theme->dark ? role_colors[r].dark_fallback : role_colors[r].light_fallback,
                  &theme->roles[r]);

  /* The core's palette is the GNOME one's hues, which the exported figures share. */
  for (guint c = 0; c < CS_N_CATEGORIES; c++)
    {
      CsRgb rgb = cs_category_color (c, theme->dark);

      theme->categories[c] = (GdkRGBA) { rgb.r, rgb.g, rgb.b, 1 };
    }
}

GdkRGBA
cs_chart_fade (const GdkRGBA *color,
               float          alpha)
{
  GdkRGBA faded = *color;

  faded.alpha *= alpha;
  return faded;
}

void
cs_chart_snapshot_text (GtkSnapshot   *snapshot,
                        PangoLayout   *layout,
                        double         x,
                        double         y,
                        const GdkRGBA *color)
{
  /* Whole pixels keep the glyphs as sharp as the rest of the window's text. */
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x), round (y)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* Draws a label centred on center_x, its top at y: tick labels and axis titles. */
void
cs_chart_snapshot_centered (GtkSnapshot   *snapshot,
                            PangoLayout   *layout,
                            double         center_x,
                            double         y,
                            const GdkRGBA *color)
{
  double left = center_x - cs_chart_layout_width (layout) / 2.0;

  cs_chart_snapshot_text (snapshot, layout, left, y, color);
}

/* Draws each tick's label centred under it, its top at y. */
void
cs_chart_snapshot_ticks_below (GtkSnapshot   *snapshot,
                               GArray        *ticks,
                               double         y,
                               const GdkRGBA *color)
{
  for (guint i = 0; i < ticks->len; i++)
    {
      CsChartTick *tick = &g_array_index (ticks, CsChartTick, i);

      cs_chart_snapshot_centered (snapshot, tick->layout, tick->pos, y, color);
    }
}

/* A line of the given width along the inside of rect's edge. */
void
cs_chart_snapshot_outline (GtkSnapshot           *snapshot,
                           const graphene_rect_t *rect,
                           float                  width,
                           const GdkRGBA         *color)
{
  GskRoundedRect outline;
  float widths[4] = { width, width, width, width };
  GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&outline, rect, 0);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

/* The box behind a hover read-out: the popover colour with a faint border, so it reads as
 * floating over the plot in both styles. */
void
cs_chart_snapshot_bubble (GtkSnapshot           *snapshot,
                          const graphene_rect_t *rect,
                          const CsChartTheme    *theme)
{
  GskRoundedRect outline;
  GdkRGBA border = cs_chart_fade (&theme->fg, 0.2f);
  GdkRGBA background = cs_chart_fade (&theme->bubble_bg, 0.95f);
  float widths[4] = { 1, 1, 1, 1 };
  GdkRGBA colors[4] = { border, border, border, border };

  gsk_rounded_rect_init_from_rect (&outline, rect, 6);
  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  gtk_snapshot_append_color (snapshot, &background, rect);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

static void
clear_first_layout (gpointer data)
{
  g_clear_object ((PangoLayout **) data);
}

/* An array of structs whose first member is a PangoLayout *, such as CsChartTick, that drops
 * the layouts with the elements. */
GArray *
cs_chart_layout_array_new (guint element_size)
{
  GArray *array = g_array_new (FALSE, TRUE, element_size);

  g_assert (element_size >= sizeof (PangoLayout *));
  g_array_set_clear_func (array, clear_first_layout);
  return array;
}

GArray *
cs_chart_tick_array_new (void)
{
  G_STATIC_ASSERT (G_STRUCT_OFFSET (CsChartTick, layout) == 0);

  return cs_chart_layout_array_new (sizeof (CsChartTick));
}

int
cs_chart_ticks_widest (GArray *ticks)
{
  int widest = 0;

  for (guint i = 0; i < ticks->len; i++)
    widest = MAX (widest, cs_chart_layout_width (g_array_index (ticks, CsChartTick, i).layout));
  return widest;
}

/* A layout for an axis title, or NULL when there is none to show. */
PangoLayout *
cs_chart_title_layout (GtkWidget  *widget,
                       const char *title)
{
  if (title == NULL || *title == '\0')
    return NULL;
  return gtk_widget_create_pango_layout (widget, title);
}

PangoLayout *
cs_chart_markup_layout (GtkWidget  *widget,
                        const char *markup)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, NULL);

  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

/* The height of a line of text in the widget's font. */
int
cs_chart_text_height (GtkWidget *widget)
{
  g_autoptr(PangoLayout) probe = gtk_widget_create_pango_layout (widget, "0");

  return cs_chart_layout_height (probe);
}

int
cs_chart_layout_width (PangoLayout *layout)
{
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

int
cs_chart_layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}
