/* cs-table-preview-view.c — the first rows of a table, in a column view
 *
 * Each row of the model is a GtkStringList of the row's cells, copied from the preview, so the
 * view keeps nothing the job may free. One column per header cell, rebuilt when the table
 * changes.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-table-preview-view.h"

#define MAX_COLUMNS 64

struct _CsTablePreviewView
{
  AdwBin          parent_instance;

  /* Owned */
  GListStore     *rows;      /* of GtkStringList */
  char           *path;      /* the table shown, or NULL */
  int             n_cols;

  /* Borrowed */
  GtkColumnView  *view;
};

G_DEFINE_FINAL_TYPE (CsTablePreviewView, cs_table_preview_view, ADW_TYPE_BIN)

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  GtkStringList *row = gtk_list_item_get_item (item);
  const char *cell = gtk_string_list_get_string (row, GPOINTER_TO_UINT (data));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), cell ? cell : "");
}

static void
remove_columns (CsTablePreviewView *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->view, column);
    }
}

static void
add_column (CsTablePreviewView *self,
            const char         *title,
            guint               col)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GUINT_TO_POINTER (col));
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->view, column);
}

void
cs_table_preview_view_set_preview (CsTablePreviewView   *self,
                                   const CsTablePreview *preview)
{
  int n_cols;

  g_return_if_fail (CS_IS_TABLE_PREVIEW_VIEW (self));

  if (g_strcmp0 (self->path, preview ? preview->path : NULL) == 0)
    return;
  g_free (self->path);
  self->path = g_strdup (preview ? preview->path : NULL);
  g_list_store_remove_all (self->rows);
  remove_columns (self);
  gtk_widget_set_visible (GTK_WIDGET (self), preview != NULL);
  if (preview == NULL)
    return;
  n_cols = MIN (preview->n_cols, MAX_COLUMNS);
  for (int c = 0; c < n_cols; c++)
    add_column (self, preview->header[c], c);
  for (int r = 0; r < preview->n_rows; r++)
    {
      g_autoptr(GtkStringList) row = gtk_string_list_new (NULL);

      for (int c = 0; c < n_cols; c++)
        gtk_string_list_append (row, cs_table_preview_get_cell (preview, r, c));
      g_list_store_append (self->rows, row);
    }
}

guint
cs_table_preview_view_get_n_rows (CsTablePreviewView *self)
{
  g_return_val_if_fail (CS_IS_TABLE_PREVIEW_VIEW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->rows));
}

static void
cs_table_preview_view_finalize (GObject *object)
{
  CsTablePreviewView *self = CS_TABLE_PREVIEW_VIEW (object);

  g_clear_object (&self->rows);
  g_free (self->path);
  G_OBJECT_CLASS (cs_table_preview_view_parent_class)->finalize (object);
}

static void
cs_table_preview_view_class_init (CsTablePreviewViewClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cs_table_preview_view_finalize;
}

static void
cs_table_preview_view_init (CsTablePreviewView *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkNoSelection *selection;

  self->rows = g_list_store_new (GTK_TYPE_STRING_LIST);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  self->view = GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (selection)));
  gtk_column_view_set_show_column_separators (self->view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "data-table");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->view));
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 160);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_widget_set_overflow (scrolled, GTK_OVERFLOW_HIDDEN);
  adw_bin_set_child (ADW_BIN (self), scrolled);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
