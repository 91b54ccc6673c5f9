/* cs-file-row.c — an entry row for a path, with a button that opens a file chooser
 *
 * The path can be typed or chosen; either way the row's text changes, and whoever listens to
 * GtkEditable::changed sees it. GTK 4.8 has no GtkFileDialog: the chooser is native.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "cs-file-row.h"

struct _CsFileRow
{
  AdwEntryRow           parent_instance;

  /* Owned */
  GtkFileChooserNative *chooser;
  gboolean              folder;
  gboolean              tables;
  gboolean              arrays;
};

enum {
  PROP_0,
  PROP_FOLDER,
  PROP_TABLES,
  PROP_ARRAYS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CsFileRow, cs_file_row, ADW_TYPE_ENTRY_ROW)

static void
on_response (GtkNativeDialog *dialog,
             int              response,
             gpointer         data)
{
  CsFileRow *self = data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL &&
      g_file_peek_path (file) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self), g_file_peek_path (file));
  g_clear_object (&self->chooser);
}

static void
add_filter (CsFileRow  *self,
            const char *name,
            const char *pattern,
            const char *other)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  if (other != NULL)
    gtk_file_filter_add_pattern (filter, other);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
}

static void
on_choose (CsFileRow *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserAction action = self->folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                             : GTK_FILE_CHOOSER_ACTION_OPEN;

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               action, _("_Choose"), _("_Cancel"));
  if (self->tables)
    add_filter (self, _("Tables (CSV, TSV)"), "*.[ct]sv", "*.txt");
  if (self->arrays)
    add_filter (self, _("NumPy arrays"), "*.npy", NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
cs_file_row_dispose (GObject *object)
{
  CsFileRow *self = CS_FILE_ROW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  G_OBJECT_CLASS (cs_file_row_parent_class)->dispose (object);
}

static void
cs_file_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CsFileRow *self = CS_FILE_ROW (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_boolean (value, self->folder);
      break;
    case PROP_TABLES:
      g_value_set_boolean (value, self->tables);
      break;
    case PROP_ARRAYS:
      g_value_set_boolean (value, self->arrays);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_file_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CsFileRow *self = CS_FILE_ROW (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      cs_file_row_set_folder (self, g_value_get_boolean (value));
      break;
    case PROP_TABLES:
      cs_file_row_set_tables (self, g_value_get_boolean (value));
      break;
    case PROP_ARRAYS:
      cs_file_row_set_arrays (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_file_row_class_init (CsFileRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cs_file_row_dispose;
  object_class->get_property = cs_file_row_get_property;
  object_class->set_property = cs_file_row_set_property;

  properties[PROP_FOLDER] =
    g_param_spec_boolean ("folder", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TABLES] =
    g_param_spec_boolean ("tables", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARRAYS] =
    g_param_spec_boolean ("arrays", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cs_file_row_init (CsFileRow *self)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("document-open-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Choose…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose"), -1);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_choose), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), button);
}

void
cs_file_row_set_folder (CsFileRow *self,
                        gboolean   folder)
{
  g_return_if_fail (CS_IS_FILE_ROW (self));
  self->folder = folder;
}

void
cs_file_row_set_tables (CsFileRow *self,
                        gboolean   tables)
{
  g_return_if_fail (CS_IS_FILE_ROW (self));
  self->tables = tables;
}

void
cs_file_row_set_arrays (CsFileRow *self,
                        gboolean   arrays)
{
  g_return_if_fail (CS_IS_FILE_ROW (self));
  self->arrays = arrays;
}
