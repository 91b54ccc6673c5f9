/* cs-text-column.c — a column view's column of labels, each the text of its row's object
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-text-column.h"

static void
refresh_cell (GObject    *item,
              GParamSpec *pspec,
              GtkLabel   *label)
{
  CsTextColumnFunc format = g_object_get_data (G_OBJECT (label), "cs-format");
  g_autofree char *text = format (item);

  gtk_label_set_text (label, text);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  format)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  g_object_set_data (G_OBJECT (label), "cs-format", format);
  gtk_list_item_set_child (item, label);
}

/* An expanding column's text gives way to the others'. */
static void
setup_ellipsized (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  data)
{
  gtk_label_set_ellipsize (GTK_LABEL (gtk_list_item_get_child (item)), PANGO_ELLIPSIZE_END);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  format)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  GObject *object = gtk_list_item_get_item (item);

  refresh_cell (object, NULL, GTK_LABEL (label));
  g_signal_connect_object (object, "notify", G_CALLBACK (refresh_cell), label, 0);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  format)
{
  g_signal_handlers_disconnect_by_data (gtk_list_item_get_item (item), gtk_list_item_get_child (item));
}

/* Appends the column; the view holds it. */
GtkColumnViewColumn *
cs_text_column_append (GtkColumnView    *view,
                       const char       *title,
                       CsTextColumnFunc  format,
                       gboolean          expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), format);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), format);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), format);
  if (expand)
    g_signal_connect (factory, "setup", G_CALLBACK (setup_ellipsized), NULL);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_append_column (view, column);
  g_object_unref (column);
  return column;
}
