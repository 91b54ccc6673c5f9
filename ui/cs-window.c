/* cs-window.c — the main window: open a dataset, see it, train on it
 *
 * Datasets load on a worker thread while a spinner turns; a dataset that fails to load is
 * reported in a dialog and the one already open stays.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "cs-boxed.h"
#include "cs-dataset-task.h"
#include "cs-overview-page.h"
#include "cs-settings.h"
#include "cs-train-page.h"
#include "cs-window.h"

struct _CsWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GtkSpinner           *spinner;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  CsOverviewPage       *overview_page;
  CsTrainPage          *train_page;
  GMenu                *recent_section;

  /* Owned */
  CsDataset            *dataset;
  GCancellable         *loading;
  GtkFileChooserNative *chooser;
  GSettings            *settings;    /* NULL when the schema is not installed */
};

enum {
  PROP_0,
  PROP_DATASET,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CsWindow, cs_window, ADW_TYPE_APPLICATION_WINDOW)

static void
show_error (CsWindow   *self,
            const char *heading,
            const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_loading (CsWindow     *self,
             GCancellable *cancellable)
{
  if (self->loading)
    g_cancellable_cancel (self->loading);
  g_set_object (&self->loading, cancellable);
  gtk_spinner_set_spinning (self->spinner, cancellable != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), cancellable != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_dataset (CsWindow  *self,
             CsDataset *dataset)
{
  g_clear_pointer (&self->dataset, cs_dataset_unref);
  self->dataset = cs_dataset_ref (dataset);
  adw_view_switcher_title_set_subtitle (self->switcher_title, dataset->name);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, TRUE);
  cs_overview_page_set_dataset (self->overview_page, dataset);
  cs_train_page_set_dataset (self->train_page, dataset);
  gtk_stack_set_visible_child_name (self->main_stack, "dataset");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

/* A folder's name, or for a manifest file its folder's; underscores doubled, since menu labels
 * read a single one as a mnemonic. */
static char *
recent_label (const char *path)
{
  g_autofree char *dir = g_file_test (path, G_FILE_TEST_IS_REGULAR) ? g_path_get_dirname (path)
                                                                     : g_strdup (path);
  g_autofree char *name = g_path_get_basename (dir);
  g_auto(GStrv) parts = g_strsplit (name, "_", -1);

  return g_strjoinv ("__", parts);
}

static void
fill_recent_menu (CsWindow *self)
{
  g_auto(GStrv) paths = cs_settings_get_recent (self->settings);

  g_menu_remove_all (self->recent_section);
  for (int i = 0; paths && paths[i]; i++)
    {
      g_autofree char *label = recent_label (paths[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "win.open-recent", "s", paths[i]);
      g_menu_append_item (self->recent_section, item);
    }
}

typedef struct
{
  CsWindow     *self;
  GCancellable *cancellable;
  char         *path;   /* NULL for the demo */
} Load;

static void
load_free (Load *load)
{
  g_object_unref (load->self);
  g_object_unref (load->cancellable);
  g_free (load->path);
  g_free (load);
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  Load *load = data;
  CsWindow *self = load->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDataset) dataset = cs_dataset_load_finish (result, &error);

  /* A load replaced by a newer one, or by closing the window, is dropped. */
  if (self->loading != load->cancellable)
    {
      load_free (load);
      return;
    }
  set_loading (self, NULL);
  if (dataset == NULL)
    show_error (self, _("The Dataset Could Not Be Opened"), error->message);
  else
    {
      set_dataset (self, dataset);
      if (load->path != NULL)
        {
          cs_settings_add_recent (self->settings, load->path);
          fill_recent_menu (self);
        }
    }
  load_free (load);
}

static Load *
load_new (CsWindow   *self,
          const char *path)
{
  Load *load = g_new0 (Load, 1);

  load->self = g_object_ref (self);
  load->cancellable = g_cancellable_new ();
  load->path = g_strdup (path);
  set_loading (self, load->cancellable);
  return load;
}

void
cs_window_open_path (CsWindow   *self,
                     const char *path)
{
  Load *load;

  g_return_if_fail (CS_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  load = load_new (self, path);
  cs_dataset_load_async (path, NULL, load->cancellable, on_loaded, load);
}

void
cs_window_open_demo (CsWindow *self)
{
  Load *load;

  g_return_if_fail (CS_IS_WINDOW (self));

  load = load_new (self, NULL);
  cs_demo_load_async (load->cancellable, on_loaded, load);
}

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         data)
{
  CsWindow *self = data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    {
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        cs_window_open_path (self, path);
    }
  g_clear_object (&self->chooser);
}

/* GTK 4.8 has no GtkFileDialog. A file chooser cannot pick folders and files at once:
 * Open Dataset picks a folder (every layout is one, and a folder's crowdscope.ini is found in
 * it), Open Manifest a key file named anything. */
static void
choose (CsWindow             *self,
        const char           *title,
        GtkFileChooserAction  action)
{
  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, _("_Open"), _("_Cancel"));
  if (action == GTK_FILE_CHOOSER_ACTION_OPEN)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _("Crowdscope manifests"));
      gtk_file_filter_add_pattern (filter, "*.ini");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  choose (CS_WINDOW (widget), _("Open Dataset Folder"), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

static void
open_manifest_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  choose (CS_WINDOW (widget), _("Open Dataset Manifest"), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  cs_window_open_demo (CS_WINDOW (widget));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  cs_window_open_path (CS_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
train_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CsWindow *self = CS_WINDOW (widget);

  if (self->dataset == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "training");
  cs_train_page_start (self->train_page);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  cs_train_page_stop (CS_WINDOW (widget)->train_page);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       data)
{
  CsWindow *self = data;
  GSList *files;
  g_autofree char *path = NULL;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  if (files == NULL || (path = g_file_get_path (files->data)) == NULL)
    return FALSE;
  cs_window_open_path (self, path);
  return TRUE;
}

/* Closing the window stops a run; the application stays until the worker has let go. */
static gboolean
cs_window_close_request (GtkWindow *window)
{
  CsWindow *self = CS_WINDOW (window);

  cs_train_page_stop (self->train_page);
  set_loading (self, NULL);
  return GTK_WINDOW_CLASS (cs_window_parent_class)->close_request (window);
}

static void
cs_window_dispose (GObject *object)
{
  CsWindow *self = CS_WINDOW (object);

  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_WINDOW);
  G_OBJECT_CLASS (cs_window_parent_class)->dispose (object);
}

static void
cs_window_finalize (GObject *object)
{
  CsWindow *self = CS_WINDOW (object);

  g_clear_pointer (&self->dataset, cs_dataset_unref);
  if (self->loading)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (cs_window_parent_class)->finalize (object);
}

static void
cs_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CsWindow *self = CS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_boxed (value, self->dataset);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_window_class_init (CsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cs_window_dispose;
  object_class->finalize = cs_window_finalize;
  object_class->get_property = cs_window_get_property;
  window_class->close_request = cs_window_close_request;

  properties[PROP_DATASET] =
    g_param_spec_boxed ("dataset", NULL, NULL, CS_TYPE_DATASET,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CS_TYPE_OVERVIEW_PAGE);
  g_type_ensure (CS_TYPE_TRAIN_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/crowdscope/Crowdscope/cs-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, train_page);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, recent_section);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-manifest", NULL, open_manifest_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.train", NULL, train_action);
  gtk_widget_class_install_action (widget_class, "win.stop", NULL, stop_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "win.train", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "win.train", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.stop", NULL);
}

static void
cs_window_init (CsWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);

  self->settings = cs_settings_new ();
  fill_recent_menu (self);
  if (self->settings != NULL)
    {
      g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
    }

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

CsWindow *
cs_window_new (GtkApplication *application)
{
  return g_object_new (CS_TYPE_WINDOW, "application", application, NULL);
}

CsDataset *
cs_window_get_dataset (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);
  return self->dataset;
}

gboolean
cs_window_get_loading (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), FALSE);
  return self->loading != NULL;
}

CsTrainPage *
cs_window_get_train_page (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);
  return self->train_page;
}
