/* cs-w-map.c — CoNAL's w for every label: items × annotators, and the items it puts down
 * most to the confusion the whole crowd shares
 *
 * Each row of the map is an item of the train split that has labels, in the order of its mean
 * w (the core's cs_item_mean_w), most first; each column an annotator; a cell is one label,
 * coloured by its w on the sequential map, and empty where the annotator did not label the
 * item. Beside it, the items at the top of that order. The map shows a run's result (its
 * selected epoch), for which the worker keeps every label's w.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "cs-colormap.h"
#include "cs-effective-confusions.h"
#include "cs-w-map.h"

/* Pixels a label takes across (an annotator's column) and down (an item's row). */
#define CELL_WIDTH_MAX  12
#define CELL_HEIGHT      2
#define TOP_ITEMS       15

struct _CsWMap
{
  GtkWidget   parent_instance;

  /* Owned */
  GtkWidget   *box;
  GtkPicture  *picture;
  GtkLabel    *caption;
  GtkLabel    *top;
  CsExplorer  *explorer;
  guint        n_rows;        /* items drawn, for tests */
};

G_DEFINE_FINAL_TYPE (CsWMap, cs_w_map, GTK_TYPE_WIDGET)

static gboolean
is_dark (CsWMap *self)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
put (guint8 *pixel,
     CsRgb   color)
{
  pixel[0] = (guint8) lrintf (255 * color.r);
  pixel[1] = (guint8) lrintf (255 * color.g);
  pixel[2] = (guint8) lrintf (255 * color.b);
  pixel[3] = 255;
}

/* The map as an image: a row of CELL_HEIGHT pixels per labelled item, a column of `cw` per
 * annotator; the pixels of no label stay transparent. */
static GdkTexture *
draw_map (CsWMap        *self,
          const CsSplit *train,
          const float   *w,
          const int     *order,
          int            R,
          float          lo,
          float          hi)
{
  int cw = CLAMP (480 / MAX (R, 1), 2, CELL_WIDTH_MAX);
  int width = cw * R, height, stride = 4 * width, rows = 0;
  gboolean dark = is_dark (self);
  float span = hi > lo ? hi - lo : 1;
  g_autofree guint8 *pixels = NULL;
  g_autoptr(GBytes) bytes = NULL;

  for (int i = 0; i < train->n; i++)
    rows += train->item_offsets[i + 1] > train->item_offsets[i];
  self->n_rows = rows;
  height = MAX (rows, 1) * CELL_HEIGHT;
  pixels = g_new0 (guint8, (gsize) stride * height);
  for (int row = 0; row < rows; row++)
    {
      int item = order[row];

      for (int l = train->item_offsets[item]; l < train->item_offsets[item + 1]; l++)
        {
          CsRgb color = cs_colormap_lookup (CS_COLORMAP_SEQUENTIAL, dark, (w[l] - lo) / span);

          for (int y = 0; y < CELL_HEIGHT; y++)
            for (int x = 0; x < cw; x++)
              put (pixels + (gsize) (row * CELL_HEIGHT + y) * stride + 4 * (train->labels[l].annotator * cw + x), color);
        }
    }
  bytes = g_bytes_new_take (g_steal_pointer (&pixels), (gsize) stride * height);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8A8, bytes, stride);
}

static void
show_top (CsWMap          *self,
          const CsDataset *dataset,
          const float     *mean_w,
          const int       *order)
{
  const CsSplit *train = &dataset->splits[CS_SPLIT_TRAIN];
  g_autoptr(GString) text = g_string_new (_("The items CoNAL puts down most to the common confusion:"));

  for (int i = 0; i < MIN (TOP_ITEMS, train->n) && !isnan (mean_w[order[i]]); i++)
    {
      int item = order[i];
      int n = train->item_offsets[item + 1] - train->item_offsets[item];
      const char *id = train->item_ids ? train->item_ids[item] : NULL;
      g_autofree char *name = id ? g_strdup (id) : g_strdup_printf ("%d", item);

      if (train->gold != NULL && train->gold[item] >= 0)
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "\n%s (gold %s): mean w %.2f over %d label",
                                                   "\n%s (gold %s): mean w %.2f over %d labels", n),
                                name, dataset->class_names[train->gold[item]], mean_w[item], n);
      else
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "\n%s: mean w %.2f over %d label",
                                                   "\n%s: mean w %.2f over %d labels", n),
                                name, mean_w[item], n);
    }
  gtk_label_set_label (self->top, text->str);
}

static void
refresh (CsWMap *self)
{
  CsDataset *dataset = self->explorer ? cs_session_get_dataset (cs_explorer_get_session (self->explorer)) : NULL;
  const float *w = self->explorer ? cs_explorer_get_label_w (self->explorer) : NULL;
  const CsSplit *train;
  g_autofree float *mean_w = NULL;
  g_autofree int *order = NULL;
  g_autofree char *caption = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  float lo = 0, hi = 1;

  self->n_rows = 0;
  if (dataset == NULL || w == NULL)
    {
      gtk_picture_set_paintable (self->picture, NULL);
      gtk_label_set_label (self->caption, _("The w map shows a CoNAL run's result: train with CoNAL, or choose a run that has finished, and its selected epoch."));
      gtk_label_set_label (self->top, "");
      return;
    }
  train = &dataset->splits[CS_SPLIT_TRAIN];
  mean_w = g_new (float, MAX (train->n, 1));
  order = g_new (int, MAX (train->n, 1));
  cs_item_mean_w (mean_w, order, w, train);
  /* CoNAL's w is a sigmoid of a cosine, so it keeps to about 0.27–0.73: the colours span the
   * labels' own range, which the caption states. */
  for (int l = 0; l < train->n_labels; l++)
    {
      lo = l == 0 ? w[l] : MIN (lo, w[l]);
      hi = l == 0 ? w[l] : MAX (hi, w[l]);
    }
  texture = draw_map (self, train, w, order, dataset->n_annotators, lo, hi);
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  caption = g_strdup_printf (_("Each row is an item of the train split, by its mean w, most first; each column an annotator; each cell a label, from light (w %.2f) to dark (w %.2f): how much CoNAL puts that label down to the confusion the whole crowd shares rather than to the annotator's own."),
                             lo, hi);
  gtk_label_set_label (self->caption, caption);
  show_top (self, dataset, mean_w, order);
}

void
cs_w_map_set_explorer (CsWMap     *self,
                       CsExplorer *explorer)
{
  g_return_if_fail (CS_IS_W_MAP (self));

  if (self->explorer != NULL)
    g_signal_handlers_disconnect_by_data (self->explorer, self);
  g_set_object (&self->explorer, explorer);
  if (explorer != NULL)
    g_signal_connect_swapped (explorer, "notify::revision", G_CALLBACK (refresh), self);
  refresh (self);
}

guint
cs_w_map_get_n_rows (CsWMap *self)
{
  g_return_val_if_fail (CS_IS_W_MAP (self), 0);
  return self->n_rows;
}

static void
cs_w_map_dispose (GObject *object)
{
  CsWMap *self = CS_W_MAP (object);

  if (self->explorer != NULL)
    g_signal_handlers_disconnect_by_data (self->explorer, self);
  g_clear_object (&self->explorer);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (cs_w_map_parent_class)->dispose (object);
}

static void
cs_w_map_class_init (CsWMapClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cs_w_map_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
cs_w_map_init (CsWMap *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  self->caption = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->caption, TRUE);
  gtk_label_set_xalign (self->caption, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->caption), "dim-label");
  self->picture = GTK_PICTURE (gtk_picture_new ());
  gtk_picture_set_can_shrink (self->picture, FALSE);
  gtk_widget_set_halign (GTK_WIDGET (self->picture), GTK_ALIGN_START);
  gtk_widget_set_valign (GTK_WIDGET (self->picture), GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->picture), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("w of every label, items by annotators"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->picture));
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_set_hexpand (scroller, TRUE);
  self->top = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->top, 0);
  gtk_label_set_yalign (self->top, 0);
  gtk_label_set_selectable (self->top, TRUE);
  gtk_label_set_wrap (self->top, TRUE);
  gtk_label_set_width_chars (self->top, 30);
  gtk_label_set_max_width_chars (self->top, 44);
  gtk_box_append (GTK_BOX (columns), scroller);
  gtk_box_append (GTK_BOX (columns), GTK_WIDGET (self->top));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->caption));
  gtk_box_append (GTK_BOX (self->box), columns);
  gtk_widget_set_vexpand (columns, TRUE);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  /* The map's colours are the theme's ramp: redrawn when the style turns light or dark. */
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (refresh), self);
}

GtkWidget *
cs_w_map_new (void)
{
  return g_object_new (CS_TYPE_W_MAP, NULL);
}
