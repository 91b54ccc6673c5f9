/* cs-history-page.c — the runs kept in the run store: reopen, compare, rename, delete
 *
 * The page lists the session's run history. Selecting runs draws their curves (validation or
 * test accuracy, or the training loss)
 * over each other, each labelled with its name; one selected run also shows what it was and
 * its learned matrices, read from the store, so a run whose dataset is gone still shows both.
 * Open brings the run back into the session (its curves, heatmaps and gallery) without
 * training it again. Delete moves runs to the store's trash, and the toast that follows can
 * bring them back; the trash is emptied when the toast goes.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>

#include "cs-curve-figures.h"
#include "cs-figure-task.h"
#include "cs-heatmap.h"
#include "cs-history-page.h"
#include "cs-loss-chart.h"
#include "cs-text-column.h"

/* Curves drawn at once; more selected runs are listed but not drawn. */
#define MAX_COMPARED 8

struct _CsHistoryPage
{
  CsPage                parent_instance;

  /* Template widgets */
  GtkPaned             *paned;
  GtkStack             *stack;
  GtkLabel             *warnings_label;
  GtkColumnView        *runs_view;
  GtkButton            *open_button;
  GtkButton            *rename_button;
  GtkButton            *delete_button;
  GtkLabel             *selection_label;
  GtkLabel             *heading_label;
  GtkLabel             *detail_label;
  GtkWidget            *curve_box;
  GtkDropDown          *curve_dropdown;
  GtkButton            *export_button;
  CsLossChart          *curves_chart;
  GtkWidget            *matrix_box;
  GtkDropDown          *matrix_dropdown;
  CsHeatmap            *heatmap;

  /* Owned */
  GtkMultiSelection    *selection;
  GtkStringList        *matrix_names;
  GPtrArray            *shown;        /* of CsRunEntry: the selected runs drawn, watched */
  CsRunHistory         *history;      /* the session's, watched */
  guint                 pending_deletes; /* toasts whose runs wait in the trash */
  AdwToast             *undo_toast;   /* weak: the last delete's, while it shows */
  guint                 update_source;
  gboolean              opening;
};

G_DEFINE_FINAL_TYPE (CsHistoryPage, cs_history_page, CS_TYPE_PAGE)

/* Columns ------------------------------------------------------------------------------- */

static char *
format_accuracy (double accuracy)
{
  return isnan (accuracy) ? g_strdup ("—") : g_strdup_printf (_("%.2f %%"), 100 * accuracy);
}

static char *
format_name (gpointer item)
{
  return g_strdup (cs_run_entry_get_name (item));
}

static char *
format_method (gpointer item)
{
  return g_strdup (cs_method_get_title (cs_run_entry_get_info (item)->method));
}

static char *
format_seed (gpointer item)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, cs_run_entry_get_info (item)->seed);
}

static char *
format_dataset (gpointer item)
{
  const char *name = cs_run_entry_get_info (item)->dataset_name;

  /* Translators: a dataset that is no longer where the run was trained on it. */
  return cs_run_entry_get_dataset_missing (item) ? g_strdup_printf (_("%s (gone)"), name) : g_strdup (name);
}

static char *
format_created (gpointer item)
{
  char *created = NULL;

  g_object_get (item, "created", &created, NULL);
  return created;
}

static char *
format_test (gpointer item)
{
  return format_accuracy (cs_run_entry_get_info (item)->test_accuracy);
}

static char *
format_valid (gpointer item)
{
  return format_accuracy (cs_run_entry_get_info (item)->valid_accuracy);
}

static const struct
{
  const char       *title;
  CsTextColumnFunc  format;
  gboolean          expand;
} columns[] = {
  { N_("Name"), format_name, TRUE },
  { N_("Method"), format_method, FALSE },
  { N_("Seed"), format_seed, FALSE },
  { N_("Dataset"), format_dataset, FALSE },
  { N_("Kept"), format_created, FALSE },
  { N_("Test"), format_test, FALSE },
  { N_("Validation"), format_valid, FALSE },
};

/* The selection ---------------------------------------------------------------------------- */

/* The selected entries, in the list's order, at most `max`. */
static GPtrArray *
selected_entries (CsHistoryPage *self,
                  guint          max)
{
  g_autoptr(GtkBitset) bits = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GPtrArray *entries = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint position;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, bits, &position);
       ok && entries->len < max; ok = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (entries, g_list_model_get_item (G_LIST_MODEL (self->selection), position));
  return entries;
}

static guint
n_selected (CsHistoryPage *self)
{
  g_autoptr(GtkBitset) bits = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  return (guint) gtk_bitset_get_size (bits);
}

static void
update_buttons (CsHistoryPage *self)
{
  CsSession *session = cs_page_get_session (CS_PAGE (self));
  g_autoptr(GPtrArray) one = selected_entries (self, 2);
  guint n = n_selected (self);
  gboolean single = n == 1;
  gboolean can_open = single && !cs_run_entry_get_dataset_missing (g_ptr_array_index (one, 0)) &&
                      session != NULL && !cs_session_get_running (session) && !self->opening;
  g_autofree char *selected = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->open_button), can_open);
  gtk_widget_set_sensitive (GTK_WIDGET (self->rename_button), single);
  gtk_widget_set_sensitive (GTK_WIDGET (self->delete_button), n > 0);
  if (single && cs_run_entry_get_dataset_missing (g_ptr_array_index (one, 0)))
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->open_button),
                                 _("The run's dataset is no longer where it was trained"));
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->open_button),
                                 _("Show the run on the Training, Annotators and Gallery pages, "
                                   "without training it again"));
  if (n > 1)
    selected = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u run selected", "%u runs selected", n), n);
  gtk_label_set_text (self->selection_label, selected ? selected : "");
}

/* One run: what it was, where its data is, and what it reached. */
static char *
describe_run (CsRunEntry *entry)
{
  const CsRunInfo *info = cs_run_entry_get_info (entry);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *created = format_created (entry);
  g_autofree char *test = format_accuracy (info->test_accuracy);
  g_autofree char *valid = format_accuracy (info->valid_accuracy);

  g_string_append_printf (text, _("%s, seed %" PRIu64 ", on %s, kept %s"),
                          cs_method_get_title (info->method), info->seed, info->dataset_name, created);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Selected epoch %d: test %s · validation %s"), info->best_epoch, test, valid);
  g_string_append_c (text, '\n');
  if (cs_run_entry_get_dataset_missing (entry))
    g_string_append_printf (text, _("The dataset is no longer at %s: the run's curves and "
                                    "matrices are shown from the store, its items cannot be."),
                            info->dataset_path);
  else
    g_string_append_printf (text, _("Dataset: %s"), info->dataset_path);
  if (cs_run_entry_get_load_error (entry) != NULL)
    g_string_append_printf (text, "\n%s", cs_run_entry_get_load_error (entry));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
show_matrix (CsHistoryPage *self)
{
  g_autoptr(GPtrArray) one = selected_entries (self, 2);
  const CsLearnedConfusions *confusions;
  guint m = gtk_drop_down_get_selected (self->matrix_dropdown);

  if (one->len != 1 || !(confusions = cs_run_entry_get_confusions (g_ptr_array_index (one, 0))) ||
      m == GTK_INVALID_LIST_POSITION || m >= (guint) confusions->M)
    return;
  cs_heatmap_set_matrix (self->heatmap, confusions->matrices + (size_t) m * confusions->K * confusions->K,
                         NULL, confusions->K,
                         (const char * const *) cs_run_entry_get_class_names (g_ptr_array_index (one, 0)));
}

/* The matrices of one loaded run: the common one (CoNAL's) first, then each annotator's. */
static void
update_matrices (CsHistoryPage *self,
                 CsRunEntry    *entry)
{
  const CsLearnedConfusions *confusions = entry ? cs_run_entry_get_confusions (entry) : NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_set_visible (self->matrix_box, confusions != NULL);
  if (confusions == NULL)
    return;
  for (int m = 0; m < confusions->M; m++)
    g_ptr_array_add (names, g_strcmp0 (confusions->names[m], "global") == 0
                            ? g_strdup (_("Common confusion"))
                            : g_strdup_printf (_("Annotator %s"), confusions->names[m]));
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->matrix_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->matrix_names)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->matrix_dropdown, 0);
  show_matrix (self);
}

static void on_entry_loaded (CsHistoryPage *self);

static void
forget_shown (CsHistoryPage *self)
{
  for (guint i = 0; i < self->shown->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->shown, i), self);
  g_ptr_array_set_size (self->shown, 0);
}

/* The curve the drop-down names, in its order. */
static const CsCurveField curve_fields[] = {
  CS_CURVE_VALID_ACCURACY, CS_CURVE_TEST_ACCURACY, CS_CURVE_TRAIN_LOSS,
};

static CsCurveField
shown_field (CsHistoryPage *self)
{
  guint i = gtk_drop_down_get_selected (self->curve_dropdown);

  return curve_fields[i < G_N_ELEMENTS (curve_fields) ? i : 0];
}

/* The curves of the selected runs over each other, and one run's details and matrices. */
static void
update_detail (CsHistoryPage *self)
{
  g_autoptr(GPtrArray) entries = selected_entries (self, MAX_COMPARED);
  CsCurveField field = shown_field (self);
  gboolean accuracy = cs_curve_field_is_accuracy (field);
  double x_max = 1;
  guint n = n_selected (self);
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;

  forget_shown (self);
  cs_loss_chart_clear (self->curves_chart);
  cs_loss_chart_set_percent (self->curves_chart, accuracy);
  cs_loss_chart_set_y_range (self->curves_chart, 0, accuracy ? 1 : NAN);
  cs_chart_set_label (CS_CHART (self->curves_chart), GTK_ORIENTATION_VERTICAL,
                      gtk_string_object_get_string (gtk_drop_down_get_selected_item (self->curve_dropdown)));
  for (guint i = 0; i < entries->len; i++)
    {
      CsRunEntry *entry = g_ptr_array_index (entries, i);
      GArray *history;
      guint series;

      g_ptr_array_add (self->shown, g_object_ref (entry));
      g_signal_connect_swapped (entry, "notify::loaded", G_CALLBACK (on_entry_loaded), self);
      if (self->history != NULL)
        cs_run_history_load (self->history, entry);
      if (!(history = cs_run_entry_get_history (entry)))
        continue;
      /* Each run its colour of the palette, by its place in the selection. */
      series = cs_loss_chart_add_group_series (self->curves_chart,
                                               cs_loss_chart_add_group (self->curves_chart,
                                                                        cs_run_entry_get_name (entry), i),
                                               cs_run_entry_get_name (entry));
      for (guint e = 0; e < history->len; e++)
        {
          const CsEpochMetrics *m = &g_array_index (history, CsEpochMetrics, e);

          cs_loss_chart_append (self->curves_chart, series, m->epoch, cs_epoch_metrics_get (m, field));
        }
      x_max = MAX (x_max, cs_run_entry_get_info (entry)->best_epoch);
      x_max = MAX (x_max, history->len);
    }
  cs_loss_chart_set_x_max (self->curves_chart, x_max);
  gtk_widget_set_visible (GTK_WIDGET (self->curves_chart), entries->len > 0);
  gtk_widget_set_visible (self->curve_box, entries->len > 0);
  if (entries->len == 1)
    {
      title = g_strdup (cs_run_entry_get_name (g_ptr_array_index (entries, 0)));
      detail = describe_run (g_ptr_array_index (entries, 0));
    }
  else if (n > MAX_COMPARED)
    title = g_strdup_printf (_("%u runs compared (the first %d drawn)"), n, MAX_COMPARED);
  else if (n > 1)
    title = g_strdup_printf (_("%u runs compared"), n);
  else
    title = g_strdup (_("Select runs to compare their curves"));
  gtk_label_set_text (self->heading_label, title);
  gtk_label_set_text (self->detail_label, detail ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail != NULL);
  update_matrices (self, entries->len == 1 ? g_ptr_array_index (entries, 0) : NULL);
  update_buttons (self);
}

static void
on_entry_loaded (CsHistoryPage *self)
{
  update_detail (self);
}

static void
on_selection_changed (CsHistoryPage *self)
{
  update_detail (self);
}

static gboolean
update_detail_idle (gpointer data)
{
  CsHistoryPage *self = data;

  self->update_source = 0;
  update_detail (self);
  return G_SOURCE_REMOVE;
}

/* Runs deleted or listed again leave the selection without a selection-changed: the detail
 * follows once the list has settled. */
static void
on_runs_changed (CsHistoryPage *self)
{
  if (self->update_source == 0)
    self->update_source = g_idle_add (update_detail_idle, self);
}

/* Exporting the curves ---------------------------------------------------------------------- */

static void
save_curves (GtkWidget *widget,
             GFile     *file)
{
  cs_history_page_export_curves (CS_HISTORY_PAGE (widget), file);
}

/* Writes the curves shown to `file` (PNG, SVG or PDF by its suffix) on a worker thread, as
 * Export Curves does, and as crowdscope-cli runs curves draws them; a toast says how it went. */
void
cs_history_page_export_curves (CsHistoryPage *self,
                               GFile         *file)
{
  g_autoptr(GPtrArray) histories = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree char *path = g_file_get_path (file);
  CsImageInfo info = { NULL };

  for (guint i = 0; i < self->shown->len; i++)
    {
      CsRunEntry *entry = g_ptr_array_index (self->shown, i);

      if (cs_run_entry_get_history (entry) == NULL)
        continue;
      g_ptr_array_add (histories, cs_run_entry_get_history (entry));
      g_ptr_array_add (labels, (gpointer) cs_run_entry_get_name (entry));
      info.dataset = cs_run_entry_get_info (entry)->dataset_name;
    }
  if (histories->len == 0 || path == NULL)
    return;
  info.run = histories->len == 1 ? g_ptr_array_index (labels, 0) : NULL;
  cs_curve_figure_save_async (cs_curve_figure_new_for_runs ((GArray * const *) histories->pdata,
                                                            (const char * const *) labels->pdata,
                                                            (int) histories->len, shown_field (self)),
                              &info, path, NULL, cs_page_figure_saved, g_object_ref (self));
}

static void
on_export_clicked (CsHistoryPage *self)
{
  cs_page_ask_save (GTK_WIDGET (self), _("Export Curves"), "runs.png", save_curves);
}

/* The history ----------------------------------------------------------------------------- */

static void
update_stack (CsHistoryPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "runs" : "empty");
}

static void
update_warnings (CsHistoryPage *self)
{
  const char *warnings = self->history ? cs_run_history_get_warnings (self->history) : NULL;

  gtk_label_set_text (self->warnings_label, warnings ? warnings : "");
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), warnings != NULL);
}

static void
set_history (CsHistoryPage *self,
             CsRunHistory  *history)
{
  if (self->history != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->history, self);
      g_signal_handlers_disconnect_by_data (cs_run_history_get_runs (self->history), self);
    }
  g_set_object (&self->history, history);
  gtk_multi_selection_set_model (self->selection, history ? cs_run_history_get_runs (history) : NULL);
  if (history != NULL)
    {
      g_signal_connect_swapped (history, "notify::warnings", G_CALLBACK (update_warnings), self);
      g_signal_connect_swapped (cs_run_history_get_runs (history), "items-changed",
                                G_CALLBACK (update_stack), self);
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        cs_run_history_refresh (history);
    }
  update_stack (self);
  update_warnings (self);
  update_detail (self);
}

static void
on_history_changed (CsSession     *session,
                    GParamSpec    *pspec,
                    CsHistoryPage *self)
{
  set_history (self, cs_session_get_history (session));
}

/* Opening --------------------------------------------------------------------------------- */

static void
on_reopened (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(CsHistoryPage) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsTraining) training = cs_session_reopen_finish (CS_SESSION (object), result, &error);

  self->opening = FALSE;
  update_buttons (self);
  if (training == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The run could not be opened: %s"), error->message);

      cs_page_toast (GTK_WIDGET (self), text);
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s", "training");
}

void
cs_history_page_open_selected (CsHistoryPage *self)
{
  CsSession *session = cs_page_get_session (CS_PAGE (self));
  g_autoptr(GPtrArray) one = selected_entries (self, 2);

  g_return_if_fail (CS_IS_HISTORY_PAGE (self));

  if (session == NULL || one->len != 1 || self->opening)
    return;
  self->opening = TRUE;
  update_buttons (self);
  cs_session_reopen_async (session, cs_run_entry_get_id (g_ptr_array_index (one, 0)), NULL,
                           on_reopened, g_object_ref (self));
}

static void
on_row_activated (CsHistoryPage *self,
                  guint          position)
{
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  cs_history_page_open_selected (self);
}

/* Renaming --------------------------------------------------------------------------------- */

static void
on_rename_response (AdwMessageDialog *dialog,
                    const char       *response,
                    CsHistoryPage    *self)
{
  CsRunEntry *entry = g_object_get_data (G_OBJECT (dialog), "cs-entry");
  GtkEditable *name = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "rename") != 0 || self->history == NULL)
    return;
  if (!cs_run_history_rename (self->history, entry, gtk_editable_get_text (name), &error))
    {
      g_autofree char *text = g_strdup_printf (_("The run could not be renamed: %s"), error->message);

      cs_page_toast (GTK_WIDGET (self), text);
      return;
    }
  update_detail (self);
}

static void
on_rename_clicked (CsHistoryPage *self)
{
  g_autoptr(GPtrArray) one = selected_entries (self, 2);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog, *entry;

  if (one->len != 1)
    return;
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Rename Run"), NULL);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), cs_run_entry_get_name (g_ptr_array_index (one, 0)));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "rename", _("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "cs-entry", g_object_ref (g_ptr_array_index (one, 0)), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rename_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Deleting --------------------------------------------------------------------------------- */

typedef struct
{
  CsHistoryPage *page;        /* weak */
  CsRunHistory  *history;
  GPtrArray     *ids;         /* of char *: the runs the toast can bring back */
  gboolean       undone;
} Deleted;

static void
deleted_free (gpointer data)
{
  Deleted *deleted = data;

  g_clear_weak_pointer (&deleted->page);
  g_object_unref (deleted->history);
  g_ptr_array_unref (deleted->ids);
  g_free (deleted);
}

static void
on_undo (AdwToast *toast,
         Deleted  *deleted)
{
  g_autoptr(GError) error = NULL;

  if (deleted->undone)
    return;
  deleted->undone = TRUE;
  for (guint i = 0; i < deleted->ids->len; i++)
    if (!cs_run_history_restore (deleted->history, g_ptr_array_index (deleted->ids, i), &error))
      {
        if (deleted->page != NULL)
          {
            g_autofree char *text = g_strdup_printf (_("The run could not be restored: %s"), error->message);

            cs_page_toast (GTK_WIDGET (deleted->page), text);
          }
        g_clear_error (&error);
      }
}

/* The toast went: its runs are deleted for good, once no other toast can bring its own back
 * (the trash is emptied as a whole). */
static void
on_dismissed (AdwToast *toast,
              Deleted  *deleted)
{
  CsHistoryPage *self = deleted->page;

  /* The page is gone: no other toast of its can bring runs back. */
  if (self == NULL || --self->pending_deletes == 0)
    cs_run_history_empty_trash (deleted->history, NULL);
}

void
cs_history_page_delete_selected (CsHistoryPage *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  Deleted *deleted;
  AdwToast *toast;
  g_autofree char *title = NULL;

  g_return_if_fail (CS_IS_HISTORY_PAGE (self));

  if (self->history == NULL || n_selected (self) == 0)
    return;
  entries = selected_entries (self, G_MAXUINT);
  deleted = g_new0 (Deleted, 1);
  g_set_weak_pointer (&deleted->page, self);
  deleted->history = g_object_ref (self->history);
  deleted->ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < entries->len; i++)
    {
      CsRunEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *id = g_strdup (cs_run_entry_get_id (entry));

      if (!cs_run_history_trash (self->history, entry, &error))
        break;
      g_ptr_array_add (deleted->ids, g_steal_pointer (&id));
    }
  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The run could not be deleted: %s"), error->message);

      cs_page_toast (GTK_WIDGET (self), text);
    }
  if (deleted->ids->len == 0)
    {
      deleted_free (deleted);
      return;
    }
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u run deleted", "%u runs deleted",
                                        deleted->ids->len), deleted->ids->len);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo), deleted, NULL, 0);
  g_signal_connect_data (toast, "dismissed", G_CALLBACK (on_dismissed), deleted,
                         (GClosureNotify) (void (*) (void)) deleted_free, 0);
  self->pending_deletes++;
  g_set_weak_pointer (&self->undo_toast, toast);
  /* Without a window to show it, the toast is gone at once: nothing can undo. */
  if (!cs_page_add_toast (GTK_WIDGET (self), toast) && --self->pending_deletes == 0)
    cs_run_history_empty_trash (self->history, NULL);
}

/* Brings back the runs of the last delete while its toast shows (Ctrl+Z); FALSE when there is
 * nothing to undo. */
gboolean
cs_history_page_undo_delete (CsHistoryPage *self)
{
  g_autoptr(AdwToast) toast = NULL;

  g_return_val_if_fail (CS_IS_HISTORY_PAGE (self), FALSE);

  if (self->undo_toast == NULL)
    return FALSE;
  toast = g_object_ref (self->undo_toast);
  g_clear_weak_pointer (&self->undo_toast);
  g_signal_emit_by_name (toast, "button-clicked");
  adw_toast_dismiss (toast);
  return TRUE;
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  cs_history_page_undo_delete (CS_HISTORY_PAGE (widget));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  cs_history_page_delete_selected (CS_HISTORY_PAGE (widget));
}

/* The page ------------------------------------------------------------------------------- */

GtkSelectionModel *
cs_history_page_get_selection (CsHistoryPage *self)
{
  g_return_val_if_fail (CS_IS_HISTORY_PAGE (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}

static void
cs_history_page_map (GtkWidget *widget)
{
  CsHistoryPage *self = CS_HISTORY_PAGE (widget);

  GTK_WIDGET_CLASS (cs_history_page_parent_class)->map (widget);
  if (self->history != NULL)
    cs_run_history_refresh (self->history);
}

static void
cs_history_page_bind (CsPage    *page,
                      CsSession *session)
{
  CsHistoryPage *self = CS_HISTORY_PAGE (page);

  g_signal_connect (session, "notify::history", G_CALLBACK (on_history_changed), self);
  g_signal_connect_swapped (session, "notify::running", G_CALLBACK (update_buttons), self);
  set_history (self, cs_session_get_history (session));
}

static void
cs_history_page_unbind (CsPage    *page,
                        CsSession *session)
{
  g_signal_handlers_disconnect_by_data (session, page);
  set_history (CS_HISTORY_PAGE (page), NULL);
}

static void
cs_history_page_dispose (GObject *object)
{
  CsHistoryPage *self = CS_HISTORY_PAGE (object);

  cs_page_set_session (CS_PAGE (self), NULL);
  g_clear_weak_pointer (&self->undo_toast);
  g_clear_handle_id (&self->update_source, g_source_remove);
  if (self->shown != NULL)
    forget_shown (self);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->matrix_names);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_HISTORY_PAGE);
  G_OBJECT_CLASS (cs_history_page_parent_class)->dispose (object);
}

static void
cs_history_page_class_init (CsHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CsPageClass *page_class = CS_PAGE_CLASS (klass);

  object_class->dispose = cs_history_page_dispose;
  widget_class->map = cs_history_page_map;
  page_class->bind = cs_history_page_bind;
  page_class->unbind = cs_history_page_unbind;

  gtk_widget_class_install_action (widget_class, "history.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "history.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "history.delete", NULL);
  gtk_widget_class_install_action (widget_class, "history.delete", NULL, delete_action);
  g_type_ensure (CS_TYPE_LOSS_CHART);
  g_type_ensure (CS_TYPE_HEATMAP);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/crowdscope/Crowdscope/cs-history-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsHistoryPage, paned);
  gtk_widget_class_bind_template_child (widget_class, CsHistoryPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CsHistoryPage, warnings_label);
  gtk_widget_class_bind_template_child (widget_class, CsHistoryPage, runs_view);
  gtk_widget_class_bind_template_child (widget_class, CsHistoryPage, open_button);
  gtk_widget_class_bind_template_child (widget_class, CsHistoryPage, rename_button);
  gtk_widget_class_bind_template_child (widget_class, CsHistoryPage, delete_button);
  gtk_widget_class_bind_template_child (widget_class, CsHistoryPage, selection_label);
  gtk_widget_class_bind_template_child (widget_class, CsHistoryPage, heading_label);
  gtk_widget_class_bind_template_child (widget_class, CsHistoryPage, detail_label);
  gtk_widget_class_bind_template_child (widget_class, CsHistoryPage, curve_box);
  gtk_widget_class_bind_template_child (widget_class, CsHistoryPage, curve_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsHistoryPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, CsHistoryPage, curves_chart);
  gtk_widget_class_bind_template_child (widget_class, CsHistoryPage, matrix_box);
  gtk_widget_class_bind_template_child (widget_class, CsHistoryPage, matrix_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsHistoryPage, heatmap);
}

static void
cs_history_page_init (CsHistoryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cs_page_add_fold (CS_PAGE (self), self->paned);

  self->shown = g_ptr_array_new_with_free_func (g_object_unref);
  self->selection = gtk_multi_selection_new (NULL);
  gtk_column_view_set_model (self->runs_view, GTK_SELECTION_MODEL (self->selection));
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      GtkColumnViewColumn *column = cs_text_column_append (self->runs_view, _(columns[c].title),
                                                           columns[c].format, columns[c].expand);

      /* A name stays readable in a narrow window; the list scrolls sideways instead. */
      if (columns[c].expand)
        gtk_column_view_column_set_fixed_width (column, 220);
    }
  self->matrix_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->matrix_dropdown, G_LIST_MODEL (self->matrix_names));
  cs_chart_set_label (CS_CHART (self->curves_chart), GTK_ORIENTATION_HORIZONTAL, _("Epoch"));
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->selection, "items-changed", G_CALLBACK (on_runs_changed), self);
  g_signal_connect_swapped (self->runs_view, "activate", G_CALLBACK (on_row_activated), self);
  g_signal_connect_swapped (self->matrix_dropdown, "notify::selected", G_CALLBACK (show_matrix), self);
  g_signal_connect_swapped (self->curve_dropdown, "notify::selected", G_CALLBACK (update_detail), self);
  g_signal_connect_swapped (self->open_button, "clicked", G_CALLBACK (cs_history_page_open_selected), self);
  g_signal_connect_swapped (self->rename_button, "clicked", G_CALLBACK (on_rename_clicked), self);
  g_signal_connect_swapped (self->delete_button, "clicked", G_CALLBACK (cs_history_page_delete_selected), self);
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (on_export_clicked), self);
}
