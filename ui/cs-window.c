/* cs-window.c — the main window: open a dataset, see it, train on it
 *
 * The window shows its CsSession: the pages bind to it, and the header names the open
 * dataset on every page. Datasets load on a worker thread while a spinner turns; one that
 * fails to load is reported in a dialog and the one already open stays. Opening a dataset or
 * closing the window while a run goes on asks first.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "cs-explorer-page.h"
#include "cs-experiments-page.h"
#include "cs-history-page.h"
#include "cs-import-assistant.h"
#include "cs-gallery-page.h"
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
  AdwViewSwitcherBar   *switcher_bar;
  AdwWindowTitle       *dataset_title;
  GtkSpinner           *spinner;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  CsOverviewPage       *overview_page;
  CsExplorerPage       *explorer_page;
  CsGalleryPage        *gallery_page;
  CsExperimentsPage    *experiments_page;
  CsHistoryPage        *history_page;
  CsTrainPage          *train_page;
  GMenu                *recent_section;

  /* Owned */
  CsSession            *session;
  GtkFileChooserNative *chooser;
  GSettings            *settings;    /* NULL when the schema is not installed */
  gboolean              closing;     /* the person agreed to stop the run and close */
  guint                 narrow_id;   /* the idle that folds the pages to the width */
  guint                 switcher_id; /* the idle that follows the view switcher title */
  gboolean              narrow;
};

/* Below this width the pages' sides go one above the other: the Annotators page's table and
 * matrices, the widest, need about this much side by side. */
#define NARROW_WIDTH 1100

enum {
  PROP_0,
  PROP_SESSION,
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

typedef void (*ConfirmFunc) (CsWindow *self,
                             gpointer  data);

typedef struct
{
  CsWindow       *self;
  ConfirmFunc     func;
  gpointer        data;
  GDestroyNotify  destroy;
} Confirm;

static void
confirm_free (Confirm *confirm)
{
  if (confirm->destroy != NULL)
    confirm->destroy (confirm->data);
  g_object_unref (confirm->self);
  g_free (confirm);
}

static gboolean
confirm_run (gpointer data)
{
  Confirm *confirm = data;

  confirm->func (confirm->self, confirm->data);
  confirm_free (confirm);
  return G_SOURCE_REMOVE;
}

/* What was agreed runs once the dialog is done with: closing the window from inside its
 * dialog's response would pull the dialog's parent away under it. */
static void
on_confirm_response (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  Confirm *confirm = user_data;

  /* One answer is all the question takes. */
  g_signal_handlers_disconnect_by_func (dialog, on_confirm_response, confirm);
  if (g_strcmp0 (response, "stop") == 0)
    g_idle_add (confirm_run, confirm);
  else
    confirm_free (confirm);
}

/* Asks whether to stop what `body` says runs, for what `heading` says; `func` runs only if the
 * person agrees. Cancel is the default, so Escape and Enter keep it running. */
static void
confirm_with (CsWindow       *self,
              const char     *heading,
              const char     *body,
              const char     *stop_label,
              ConfirmFunc     func,
              gpointer        data,
              GDestroyNotify  destroy)
{
  AdwMessageDialog *dialog;
  Confirm *confirm = g_new0 (Confirm, 1);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "stop", stop_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, "stop", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  *confirm = (Confirm) { g_object_ref (self), func, data, destroy };
  g_signal_connect (dialog, "response", G_CALLBACK (on_confirm_response), confirm);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The same for the session's run. */
static void
confirm_stop (CsWindow       *self,
              const char     *heading,
              const char     *stop_label,
              ConfirmFunc     func,
              gpointer        data,
              GDestroyNotify  destroy)
{
  CsTraining *training = cs_session_get_training (self->session);
  g_autofree char *title = cs_training_dup_title (training);
  g_autofree char *body = NULL;

  body = g_strdup_printf (_("“%s” is training (epoch %u of %d). Stopping it keeps its best "
                            "epoch so far among the session's runs."),
                          title, cs_training_get_n_epochs (training),
                          cs_training_get_config (training)->epochs);
  confirm_with (self, heading, body, stop_label, func, data, destroy);
}

static CsExperimentJob *
running_experiment (CsWindow *self)
{
  CsExperimentJob *job = cs_experiments_page_get_job (self->experiments_page);

  return job != NULL && cs_experiment_job_get_state (job) == CS_EXPERIMENT_RUNNING ? job : NULL;
}

/* A narrow window has its view switcher at the bottom instead of in the header bar, and the
 * header's title names the dataset in the place of the switcher, where it has the room the
 * dataset's own title beside the buttons lacks. Without a dataset there is nothing to switch
 * between: neither switcher shows. */
static void
update_switcher_bar (CsWindow *self)
{
  CsDataset *dataset = cs_session_get_dataset (self->session);
  gboolean narrow = adw_view_switcher_title_get_title_visible (self->switcher_title);

  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, dataset != NULL);
  adw_view_switcher_bar_set_reveal (self->switcher_bar, dataset != NULL && narrow);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), dataset != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->dataset_title), dataset != NULL && !narrow);
  adw_view_switcher_title_set_title (self->switcher_title,
                                     dataset != NULL && narrow ? dataset->name : _("Crowdscope"));
  adw_view_switcher_title_set_subtitle (self->switcher_title,
                                        dataset != NULL && narrow ? dataset->source : NULL);
}

static gboolean
update_switcher_bar_in_idle (gpointer data)
{
  CsWindow *self = data;

  self->switcher_id = 0;
  update_switcher_bar (self);
  return G_SOURCE_REMOVE;
}

/* The switcher title finds out whether the wide switcher fits while it is allocated, when the
 * header bar's children cannot be shown or hidden: they follow just after. */
static void
on_title_visible (CsWindow *self)
{
  if (self->switcher_id == 0)
    self->switcher_id = g_idle_add (update_switcher_bar_in_idle, self);
}

/* The open dataset: in the header on every page, and in the window's title. */
static void
on_dataset_changed (CsWindow *self)
{
  CsDataset *dataset = cs_session_get_dataset (self->session);
  g_autofree char *title = NULL;

  if (dataset == NULL)
    return;
  title = g_strdup_printf (_("%s — Crowdscope"), dataset->name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->dataset_title, dataset->name);
  adw_window_title_set_subtitle (self->dataset_title, dataset->source);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->dataset_title), dataset->source);
  gtk_stack_set_visible_child_name (self->main_stack, "dataset");
  update_switcher_bar (self);
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

/* Opening -------------------------------------------------------------------------------- */

typedef struct
{
  CsWindow *self;
  char     *path;   /* NULL for the demo */
} Open;

static void
open_free (gpointer data)
{
  Open *open = data;

  g_clear_object (&open->self);
  g_free (open->path);
  g_free (open);
}

static void
on_opened (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  Open *open = data;
  CsWindow *self = open->self;
  g_autoptr(GError) error = NULL;

  if (cs_session_open_finish (CS_SESSION (object), result, &error))
    {
      if (open->path != NULL)
        {
          cs_settings_add_recent (self->settings, open->path);
          fill_recent_menu (self);
        }
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, _("The Dataset Could Not Be Opened"), error->message);
  open_free (open);
}

static void
open_now (CsWindow *self,
          gpointer  data)
{
  Open *open = g_new0 (Open, 1);

  open->self = g_object_ref (self);
  open->path = g_strdup (data);
  cs_session_open_async (self->session, open->path, CS_SESSION_OPEN_STOP_RUN, NULL, on_opened, open);
}

void
cs_window_open_path (CsWindow   *self,
                     const char *path)
{
  g_return_if_fail (CS_IS_WINDOW (self));

  if (cs_session_get_busy (self->session))
    confirm_stop (self, _("Stop the Training and Open Another Dataset?"), _("_Stop and Open"),
                  open_now, g_strdup (path), g_free);
  else
    open_now (self, (gpointer) path);
}

void
cs_window_open_demo (CsWindow *self)
{
  cs_window_open_path (self, NULL);
}

CsImportAssistant *
cs_window_import (CsWindow   *self,
                  const char *crowd_path)
{
  CsImportAssistant *assistant;

  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);

  assistant = crowd_path != NULL ? cs_import_assistant_new_for_file (self, crowd_path)
                                 : cs_import_assistant_new (self);
  gtk_window_present (GTK_WINDOW (assistant));
  return assistant;
}

void
cs_window_show_toast (CsWindow   *self,
                      const char *text)
{
  g_return_if_fail (CS_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* A crowd table alone is not a dataset yet: it starts the import assistant. */
static gboolean
is_crowd_table (const char *path)
{
  return g_str_has_suffix (path, ".csv") || g_str_has_suffix (path, ".tsv") ||
         g_str_has_suffix (path, ".CSV") || g_str_has_suffix (path, ".TSV");
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

      if (path != NULL && is_crowd_table (path))
        cs_window_import (self, path);
      else if (path != NULL)
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

      g_autoptr(GtkFileFilter) tables = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _("Crowdscope manifests"));
      gtk_file_filter_add_pattern (filter, "*.ini");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
      /* A crowd table opens the import assistant on it. */
      gtk_file_filter_set_name (tables, _("Crowd label tables (CSV, TSV)"));
      gtk_file_filter_add_pattern (tables, "*.[cC][sS][vV]");
      gtk_file_filter_add_pattern (tables, "*.[tT][sS][vV]");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), tables);
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
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  cs_window_import (CS_WINDOW (widget), NULL);
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
  if (is_crowd_table (path))
    cs_window_import (self, path);
  else
    cs_window_open_path (self, path);
  return TRUE;
}

/* Training ------------------------------------------------------------------------------- */

static void
train_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CsWindow *self = CS_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (cs_session_get_dataset (self->session) == NULL || cs_session_get_running (self->session))
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "training");
  if (cs_session_train (self->session, &error) == NULL)
    show_error (self, _("Training Could Not Start"), error->message);
}

/* From an item's label in the gallery: that annotator, large, on the Annotators page. */
static void
show_annotator_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CsWindow *self = CS_WINDOW (widget);

  cs_explorer_page_select (self->explorer_page, g_variant_get_uint32 (parameter));
  cs_explorer_page_set_mode (self->explorer_page, "annotator");
  adw_view_stack_set_visible_child_name (self->view_stack, "annotators");
}

/* Shows the page of that name: "overview", "annotators", "gallery", "training", "experiments"
 * or "runs". */
static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CsWindow *self = CS_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (parameter, NULL));
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  cs_session_stop (CS_WINDOW (widget)->session);
}

/* Closing -------------------------------------------------------------------------------- */

static void
close_now (CsWindow *self,
           gpointer  data)
{
  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* Closing the window while a run goes on asks first; the application then stays until the
 * worker has let go. */
static gboolean
cs_window_close_request (GtkWindow *window)
{
  CsWindow *self = CS_WINDOW (window);

  CsExperimentJob *experiment = running_experiment (self);

  if (cs_session_get_busy (self->session) && !self->closing)
    {
      confirm_stop (self, _("Stop the Training and Close?"), _("_Stop and Close"), close_now,
                    NULL, NULL);
      return TRUE;
    }
  if (experiment != NULL && !self->closing)
    {
      g_autofree char *body = g_strdup_printf (_("%d of %d runs of the experiment have finished. "
                                                 "Closing stops the others, and the table goes "
                                                 "with the window."),
                                               cs_experiment_job_get_n_finished (experiment),
                                               cs_experiment_job_get_n_total (experiment));

      confirm_with (self, _("Stop the Experiment and Close?"), body, _("_Stop and Close"),
                    close_now, NULL, NULL);
      return TRUE;
    }
  cs_session_stop (self->session);
  return GTK_WINDOW_CLASS (cs_window_parent_class)->close_request (window);
}

/* Adaptivity ----------------------------------------------------------------------------- */

static gboolean
update_narrow (gpointer data)
{
  CsWindow *self = data;
  CsPage *pages[] = { CS_PAGE (self->overview_page), CS_PAGE (self->explorer_page),
                      CS_PAGE (self->gallery_page), CS_PAGE (self->train_page),
                      CS_PAGE (self->experiments_page), CS_PAGE (self->history_page) };

  self->narrow_id = 0;
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    cs_page_set_narrow (pages[i], self->narrow);
  return G_SOURCE_REMOVE;
}

/* The layout cannot change while it is being allocated: the pages fold just after. */
static void
cs_window_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  CsWindow *self = CS_WINDOW (widget);
  gboolean narrow = width < NARROW_WIDTH;

  GTK_WIDGET_CLASS (cs_window_parent_class)->size_allocate (widget, width, height, baseline);
  if (narrow != self->narrow)
    {
      self->narrow = narrow;
      if (self->narrow_id == 0)
        self->narrow_id = g_idle_add (update_narrow, self);
    }
}

/* The object ----------------------------------------------------------------------------- */

static void
cs_window_dispose (GObject *object)
{
  CsWindow *self = CS_WINDOW (object);

  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_handle_id (&self->narrow_id, g_source_remove);
  g_clear_handle_id (&self->switcher_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_WINDOW);
  G_OBJECT_CLASS (cs_window_parent_class)->dispose (object);
}

static void
cs_window_finalize (GObject *object)
{
  CsWindow *self = CS_WINDOW (object);

  g_clear_object (&self->session);
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
    case PROP_SESSION:
      g_value_set_object (value, self->session);
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
  widget_class->size_allocate = cs_window_size_allocate;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CS_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CS_TYPE_OVERVIEW_PAGE);
  g_type_ensure (CS_TYPE_EXPLORER_PAGE);
  g_type_ensure (CS_TYPE_GALLERY_PAGE);
  g_type_ensure (CS_TYPE_TRAIN_PAGE);
  g_type_ensure (CS_TYPE_EXPERIMENTS_PAGE);
  g_type_ensure (CS_TYPE_HISTORY_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/crowdscope/Crowdscope/cs-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, dataset_title);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, explorer_page);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, gallery_page);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, experiments_page);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, history_page);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, train_page);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, recent_section);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-manifest", NULL, open_manifest_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.train", NULL, train_action);
  gtk_widget_class_install_action (widget_class, "win.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "win.show-annotator", "u", show_annotator_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
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

  self->session = cs_session_new ();
  g_object_bind_property (self->session, "loading", self->spinner, "spinning", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->session, "loading", self->spinner, "visible", G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->session, "notify::dataset", G_CALLBACK (on_dataset_changed), self);
  g_signal_connect_swapped (self->switcher_title, "notify::title-visible", G_CALLBACK (on_title_visible), self);

  cs_page_set_session (CS_PAGE (self->overview_page), self->session);
  cs_page_set_session (CS_PAGE (self->explorer_page), self->session);
  cs_page_set_session (CS_PAGE (self->gallery_page), self->session);
  cs_page_set_session (CS_PAGE (self->train_page), self->session);
  cs_page_set_session (CS_PAGE (self->experiments_page), self->session);
  cs_page_set_session (CS_PAGE (self->history_page), self->session);

  self->settings = cs_settings_new ();
  cs_settings_bind_session (self->settings, self->session);
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

CsSession *
cs_window_get_session (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);
  return self->session;
}

CsDataset *
cs_window_get_dataset (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);
  return cs_session_get_dataset (self->session);
}

gboolean
cs_window_get_loading (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), FALSE);
  return cs_session_get_loading (self->session);
}

CsTrainPage *
cs_window_get_train_page (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);
  return self->train_page;
}

CsExplorerPage *
cs_window_get_explorer_page (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);
  return self->explorer_page;
}

CsExperimentsPage *
cs_window_get_experiments_page (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);
  return self->experiments_page;
}

CsHistoryPage *
cs_window_get_history_page (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);
  return self->history_page;
}

CsGalleryPage *
cs_window_get_gallery_page (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);
  return self->gallery_page;
}
