/* cs-confusion-grid.c — every annotator's matrix as a small multiple, in a scrolling grid
 *
 * A GtkGridView over the page's annotators (the table's order and selection): each tile is a
 * compact CsHeatmap with the annotator's id under it. Only the tiles in view exist; they draw
 * the explorer's matrices and follow them when they change (live, during training).
 * Activating a tile (a click, or Enter on it) emits ::activated with the annotator's index.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "cs-annotator.h"
#include "cs-confusion-grid.h"
#include "cs-enum-types.h"
#include "cs-heatmap.h"

struct _CsConfusionGrid
{
  GtkWidget    parent_instance;

  /* Owned */
  GtkWidget   *scroller;
  GtkGridView *view;
  CsExplorer  *explorer;
  GHashTable  *bound;      /* GtkListItem → the tiles in view, redrawn when the matrices change */
  CsPalette    palette;    /* the tiles' */
};

enum {
  PROP_0,
  PROP_PALETTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CsConfusionGrid, cs_confusion_grid, GTK_TYPE_WIDGET)

static void
show_tile (CsConfusionGrid *self,
           GtkListItem     *item)
{
  CsHeatmap *heatmap = CS_HEATMAP (gtk_list_item_get_child (item));
  CsAnnotator *annotator = gtk_list_item_get_item (item);
  guint index = cs_annotator_get_index (annotator);
  CsDataset *dataset = cs_session_get_dataset (cs_explorer_get_session (self->explorer));
  const float *matrix = cs_explorer_get_matrix (self->explorer, index);

  cs_heatmap_set_title (heatmap, cs_annotator_get_id (annotator));
  if (matrix != NULL && dataset != NULL)
    cs_heatmap_set_matrix (heatmap, matrix, cs_explorer_get_counts (self->explorer, index),
                           cs_explorer_get_n_classes (self->explorer),
                           (const char * const *) dataset->class_names);
  else
    cs_heatmap_set_matrix (heatmap, NULL, NULL, 0, NULL);
}

static void
on_revision (CsConfusionGrid *self)
{
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    show_tile (self, item);
}

static void
on_tile_activated (CsHeatmap       *heatmap,
                   guint            cell,
                   CsConfusionGrid *self)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (heatmap), "list-item");
  CsAnnotator *annotator = item ? gtk_list_item_get_item (item) : NULL;

  if (annotator != NULL)
    g_signal_emit (self, signals[ACTIVATED], 0, cs_annotator_get_index (annotator));
}

static void
setup_tile (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            CsConfusionGrid          *self)
{
  GtkWidget *heatmap = cs_heatmap_new ();

  cs_heatmap_set_compact (CS_HEATMAP (heatmap), TRUE);
  g_object_bind_property (self, "palette", heatmap, "palette", G_BINDING_SYNC_CREATE);
  g_object_set_data (G_OBJECT (heatmap), "list-item", item);
  g_signal_connect (heatmap, "activated", G_CALLBACK (on_tile_activated), self);
  gtk_list_item_set_child (item, heatmap);
}

static void
bind_tile (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           CsConfusionGrid          *self)
{
  g_hash_table_add (self->bound, item);
  if (self->explorer != NULL)
    show_tile (self, item);
}

static void
unbind_tile (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             CsConfusionGrid          *self)
{
  g_hash_table_remove (self->bound, item);
}

static void
on_grid_activate (GtkGridView     *view,
                  guint            position,
                  CsConfusionGrid *self)
{
  g_autoptr(CsAnnotator) annotator = g_list_model_get_item (G_LIST_MODEL (gtk_grid_view_get_model (view)), position);

  if (annotator != NULL)
    g_signal_emit (self, signals[ACTIVATED], 0, cs_annotator_get_index (annotator));
}

void
cs_confusion_grid_set_explorer (CsConfusionGrid *self,
                                CsExplorer      *explorer)
{
  g_return_if_fail (CS_IS_CONFUSION_GRID (self));

  if (self->explorer != NULL)
    g_signal_handlers_disconnect_by_data (self->explorer, self);
  g_set_object (&self->explorer, explorer);
  if (explorer != NULL)
    {
      g_signal_connect_swapped (explorer, "notify::revision", G_CALLBACK (on_revision), self);
      on_revision (self);
    }
}

void
cs_confusion_grid_set_model (CsConfusionGrid   *self,
                             GtkSelectionModel *model)
{
  g_return_if_fail (CS_IS_CONFUSION_GRID (self));

  gtk_grid_view_set_model (self->view, model);
}

guint
cs_confusion_grid_get_n_shown (CsConfusionGrid *self)
{
  g_return_val_if_fail (CS_IS_CONFUSION_GRID (self), 0);
  return g_hash_table_size (self->bound);
}

static void
cs_confusion_grid_dispose (GObject *object)
{
  CsConfusionGrid *self = CS_CONFUSION_GRID (object);

  cs_confusion_grid_set_explorer (self, NULL);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  G_OBJECT_CLASS (cs_confusion_grid_parent_class)->dispose (object);
}

static void
cs_confusion_grid_finalize (GObject *object)
{
  g_clear_pointer (&CS_CONFUSION_GRID (object)->bound, g_hash_table_unref);
  G_OBJECT_CLASS (cs_confusion_grid_parent_class)->finalize (object);
}

static void
cs_confusion_grid_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_PALETTE:
      g_value_set_enum (value, CS_CONFUSION_GRID (object)->palette);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_confusion_grid_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CsConfusionGrid *self = CS_CONFUSION_GRID (object);

  switch (prop_id)
    {
    case PROP_PALETTE:
      if (self->palette != (CsPalette) g_value_get_enum (value))
        {
          self->palette = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_confusion_grid_class_init (CsConfusionGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cs_confusion_grid_dispose;
  object_class->finalize = cs_confusion_grid_finalize;
  object_class->get_property = cs_confusion_grid_get_property;
  object_class->set_property = cs_confusion_grid_set_property;

  /* The ramp the tiles draw in. */
  properties[PROP_PALETTE] =
    g_param_spec_enum ("palette", NULL, NULL, CS_TYPE_PALETTE, CS_PALETTE_BLUES,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);

  /**
   * CsConfusionGrid::activated:
   * @index: the annotator's index in the dataset
   *
   * A tile was clicked or activated with the keyboard: open that annotator large.
   */
  signals[ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
cs_confusion_grid_init (CsConfusionGrid *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->bound = g_hash_table_new (NULL, NULL);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_tile), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_tile), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_tile), self);
  self->view = GTK_GRID_VIEW (gtk_grid_view_new (NULL, factory));
  gtk_grid_view_set_min_columns (self->view, 2);
  gtk_grid_view_set_max_columns (self->view, 12);
  gtk_grid_view_set_single_click_activate (self->view, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Every annotator's matrix"), -1);
  g_signal_connect (self->view, "activate", G_CALLBACK (on_grid_activate), self);
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->view));
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
}

GtkWidget *
cs_confusion_grid_new (void)
{
  return g_object_new (CS_TYPE_CONFUSION_GRID, NULL);
}
