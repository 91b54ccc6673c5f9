/* cs-train-page.c — choose a method and its settings, train, and watch the curves grow
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <math.h>

#include "cs-checkpoint.h"
#include "cs-loss-chart.h"
#include "cs-train-page.h"
#include "cs-training.h"

/* Earlier runs of the session drawn under the current one, muted. */
#define MAX_EARLIER_RUNS 4

static const char *preset_ids[] = { CS_PRESET_DEFAULT, CS_PRESET_OFFICIAL };

typedef struct
{
  guint loss;
  guint train;
  guint valid;
  guint test;
} SeriesIds;

struct _CsTrainPage
{
  GtkWidget          parent_instance;

  /* Template widgets */
  AdwComboRow       *method_row;
  AdwComboRow       *preset_row;
  GtkStringList     *method_list;
  GtkStringList     *preset_list;
  GtkSpinButton     *epochs_spin;
  GtkSpinButton     *batch_spin;
  GtkSpinButton     *lr_spin;
  GtkSpinButton     *seed_spin;
  GtkSpinButton     *lambda_spin;
  GtkSpinButton     *embedding_spin;
  GtkSpinButton     *dropout_spin;
  GtkWidget         *train_button;
  GtkWidget         *stop_button;
  GtkLabel          *status_label;
  GtkLabel          *time_label;
  GtkProgressBar    *progress_bar;
  CsLossChart       *loss_chart;
  CsLossChart       *accuracy_chart;
  GtkWidget         *results_group;
  AdwActionRow      *best_row;
  AdwActionRow      *accuracy_row;
  AdwActionRow      *speed_row;

  /* Owned */
  CsDataset         *dataset;
  CsTraining        *training;
  GPtrArray         *earlier;     /* of CsTraining, oldest first */
  SeriesIds          series;
  guint              clock_id;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (CsTrainPage, cs_train_page, GTK_TYPE_WIDGET)

static void
fill_form (CsTrainPage         *self,
           const CsTrainConfig *config)
{
  gtk_spin_button_set_value (self->epochs_spin, config->epochs);
  gtk_spin_button_set_value (self->batch_spin, config->batch_size);
  gtk_spin_button_set_value (self->lr_spin, config->lr);
  gtk_spin_button_set_value (self->seed_spin, (double) config->seed);
  gtk_spin_button_set_value (self->lambda_spin, config->lambda);
  gtk_spin_button_set_value (self->embedding_spin, config->embedding);
  gtk_spin_button_set_value (self->dropout_spin, config->dropout);
}

static const char *
selected_preset (CsTrainPage *self)
{
  guint i = adw_combo_row_get_selected (self->preset_row);

  return preset_ids[MIN (i, G_N_ELEMENTS (preset_ids) - 1)];
}

static const char *
dataset_name (CsTrainPage *self)
{
  return self->dataset ? self->dataset->name : NULL;
}

/* The method and preset first, then every value of the form. */
void
cs_train_page_get_config (CsTrainPage   *self,
                          CsTrainConfig *config)
{
  g_return_if_fail (CS_IS_TRAIN_PAGE (self));

  cs_train_config_init (config);
  config->method = MIN (adw_combo_row_get_selected (self->method_row), CS_N_METHODS - 1);
  cs_train_config_apply_preset (config, selected_preset (self), dataset_name (self), NULL);
  config->epochs = gtk_spin_button_get_value_as_int (self->epochs_spin);
  config->batch_size = gtk_spin_button_get_value_as_int (self->batch_spin);
  config->lr = (float) gtk_spin_button_get_value (self->lr_spin);
  config->seed = (uint64_t) gtk_spin_button_get_value (self->seed_spin);
  config->lambda = (float) gtk_spin_button_get_value (self->lambda_spin);
  config->embedding = gtk_spin_button_get_value_as_int (self->embedding_spin);
  config->dropout = (float) gtk_spin_button_get_value (self->dropout_spin);
  /* One core for training, one for the window. */
  config->threads = 1;
}

/* Shows `config`'s method and values in the form (the preset stays as it is). */
void
cs_train_page_set_config (CsTrainPage         *self,
                          const CsTrainConfig *config)
{
  g_return_if_fail (CS_IS_TRAIN_PAGE (self));
  g_return_if_fail (config != NULL);

  adw_combo_row_set_selected (self->method_row, config->method);
  fill_form (self, config);
}

static void
on_preset_changed (CsTrainPage *self)
{
  CsTrainConfig config;

  cs_train_config_init (&config);
  cs_train_config_apply_preset (&config, selected_preset (self), dataset_name (self), NULL);
  config.seed = (uint64_t) gtk_spin_button_get_value (self->seed_spin);
  fill_form (self, &config);
}

static void
on_method_changed (CsTrainPage *self)
{
  gboolean conal = adw_combo_row_get_selected (self->method_row) == CS_METHOD_CONAL;

  gtk_widget_set_sensitive (gtk_widget_get_ancestor (GTK_WIDGET (self->lambda_spin), ADW_TYPE_ACTION_ROW), conal);
  gtk_widget_set_sensitive (gtk_widget_get_ancestor (GTK_WIDGET (self->embedding_spin), ADW_TYPE_ACTION_ROW), conal);
}

static char *
format_duration (double seconds)
{
  int s = (int) (seconds + 0.5);

  if (s >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  return g_strdup_printf ("%d:%02d", s / 60, s % 60);
}

static void
update_clock (CsTrainPage *self)
{
  g_autofree char *elapsed = NULL;
  g_autofree char *remaining = NULL;
  g_autofree char *text = NULL;
  double left;

  if (self->training == NULL)
    {
      gtk_label_set_label (self->time_label, "");
      return;
    }
  elapsed = format_duration (cs_training_get_elapsed (self->training));
  left = cs_training_get_remaining (self->training);
  if (cs_training_get_state (self->training) == CS_TRAINING_RUNNING && isfinite (left))
    {
      remaining = format_duration (left);
      text = g_strdup_printf (_("%s elapsed · about %s left"), elapsed, remaining);
    }
  else
    text = g_strdup_printf (_("%s elapsed"), elapsed);
  gtk_label_set_label (self->time_label, text);
}

static gboolean
on_clock (gpointer data)
{
  update_clock (data);
  return G_SOURCE_CONTINUE;
}

static void
add_series (CsTrainPage *self,
            SeriesIds   *ids,
            gboolean     muted)
{
  ids->loss = cs_loss_chart_add_series (self->loss_chart, _("train loss"), CS_CHART_ROLE_TRAIN, muted);
  ids->train = cs_loss_chart_add_series (self->accuracy_chart, _("train"), CS_CHART_ROLE_TRAIN, muted);
  ids->valid = cs_loss_chart_add_series (self->accuracy_chart, _("validation"), CS_CHART_ROLE_VALID, muted);
  ids->test = cs_loss_chart_add_series (self->accuracy_chart, _("test"), CS_CHART_ROLE_TEST, muted);
}

static void
append_epochs (CsTrainPage     *self,
               CsTraining      *training,
               const SeriesIds *ids,
               guint            first,
               guint            n)
{
  for (guint i = first; i < first + n; i++)
    {
      const CsEpochMetrics *m = &cs_training_get_epoch (training, i)->metrics;

      cs_loss_chart_append (self->loss_chart, ids->loss, m->epoch, m->train_loss);
      cs_loss_chart_append (self->accuracy_chart, ids->train, m->epoch, m->train_accuracy);
      cs_loss_chart_append (self->accuracy_chart, ids->valid, m->epoch, m->valid_accuracy);
      cs_loss_chart_append (self->accuracy_chart, ids->test, m->epoch, m->test_accuracy);
    }
}

/* Earlier runs muted, then the current one on top. */
static void
rebuild_charts (CsTrainPage *self)
{
  double x_max = self->training ? cs_training_get_config (self->training)->epochs : 100;

  cs_loss_chart_clear (self->loss_chart);
  cs_loss_chart_clear (self->accuracy_chart);
  cs_loss_chart_set_marker (self->loss_chart, NAN, NULL);
  cs_loss_chart_set_marker (self->accuracy_chart, NAN, NULL);
  for (guint r = 0; r < self->earlier->len; r++)
    {
      CsTraining *earlier = g_ptr_array_index (self->earlier, r);
      SeriesIds ids;

      add_series (self, &ids, TRUE);
      append_epochs (self, earlier, &ids, 0, cs_training_get_n_epochs (earlier));
      x_max = MAX (x_max, cs_training_get_config (earlier)->epochs);
    }
  cs_loss_chart_set_x_max (self->loss_chart, x_max);
  cs_loss_chart_set_x_max (self->accuracy_chart, x_max);
  if (self->training != NULL)
    add_series (self, &self->series, FALSE);
}

static void
on_epochs_added (CsTraining  *training,
                 guint        first,
                 guint        n,
                 CsTrainPage *self)
{
  const CsEpochMetrics *last = &cs_training_get_epoch (training, first + n - 1)->metrics;
  int epochs = cs_training_get_config (training)->epochs;
  g_autofree char *status = NULL;
  g_autofree char *marker = g_strdup_printf (_("best: epoch %d"), last->best_epoch);

  append_epochs (self, training, &self->series, first, n);
  if (!isnan (last->valid_accuracy))
    {
      cs_loss_chart_set_marker (self->accuracy_chart, last->best_epoch, marker);
      cs_loss_chart_set_marker (self->loss_chart, last->best_epoch, NULL);
    }
  gtk_progress_bar_set_fraction (self->progress_bar, cs_training_get_fraction (training));
  status = g_strdup_printf (_("%s: epoch %d of %d"),
                            cs_method_get_title (cs_training_get_config (training)->method),
                            last->epoch, epochs);
  gtk_label_set_label (self->status_label, status);
  update_clock (self);
}

static void
show_result (CsTrainPage *self,
             const CsRun *run)
{
  const CsEpochMetrics *best = cs_run_get_best (run);
  g_autoptr(GString) accuracy = g_string_new (NULL);
  g_autofree char *epoch = NULL;
  g_autofree char *speed = NULL;

  epoch = g_strdup_printf (_("%d of %d, chosen on the %s split"), run->best_epoch, run->config.epochs,
                           cs_split_kind_to_string (run->selection_split));
  g_string_printf (accuracy, _("validation %.2f %% · test %.2f %%"),
                   100 * best->valid_accuracy, 100 * best->test_accuracy);
  for (guint i = 0; i < run->notices->len; i++)
    g_string_append_printf (accuracy, "\n%s", (const char *) g_ptr_array_index (run->notices, i));
  speed = g_strdup_printf (_("%.2f ms per epoch (training only), %.1f s in all"),
                           1000 * run->seconds_per_epoch,
                           cs_training_get_elapsed (self->training));
  adw_action_row_set_subtitle (self->best_row, epoch);
  adw_action_row_set_subtitle (self->accuracy_row, accuracy->str);
  adw_action_row_set_subtitle (self->speed_row, speed);
  gtk_widget_set_visible (self->results_group, TRUE);
}

static void
update_controls (CsTrainPage *self)
{
  gboolean running = self->training && cs_training_get_state (self->training) == CS_TRAINING_RUNNING;
  gboolean finished = self->training && cs_training_get_state (self->training) == CS_TRAINING_FINISHED;

  gtk_widget_set_sensitive (self->train_button, self->dataset != NULL && !running);
  gtk_widget_set_sensitive (self->stop_button, running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "train.save", finished);
}

static void
on_state_changed (CsTraining  *training,
                  GParamSpec  *pspec,
                  CsTrainPage *self)
{
  CsTrainingState state = cs_training_get_state (training);
  g_autofree char *status = NULL;

  update_controls (self);
  if (state == CS_TRAINING_RUNNING)
    return;
  g_clear_handle_id (&self->clock_id, g_source_remove);
  update_clock (self);
  switch (state)
    {
    case CS_TRAINING_FINISHED:
      status = g_strdup_printf (_("%s: finished"), cs_method_get_title (cs_training_get_config (training)->method));
      show_result (self, cs_training_get_run (training));
      break;
    case CS_TRAINING_STOPPED:
      status = g_strdup_printf (_("Stopped after %u epochs"), cs_training_get_n_epochs (training));
      break;
    case CS_TRAINING_FAILED:
      status = g_strdup_printf (_("Training failed: %s"), cs_training_get_message (training));
      break;
    case CS_TRAINING_READY:
    case CS_TRAINING_RUNNING:
    default:
      return;
    }
  gtk_label_set_label (self->status_label, status);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), status);
}

/* The current run joins the earlier ones; its signals no longer reach the page. */
static void
retire_training (CsTrainPage *self)
{
  g_clear_handle_id (&self->clock_id, g_source_remove);
  if (self->training == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->training, self);
  cs_training_stop (self->training);
  if (cs_training_get_n_epochs (self->training) > 0)
    {
      g_ptr_array_add (self->earlier, g_steal_pointer (&self->training));
      if (self->earlier->len > MAX_EARLIER_RUNS)
        g_ptr_array_remove_index (self->earlier, 0);
    }
  g_clear_object (&self->training);
}

void
cs_train_page_start (CsTrainPage *self)
{
  CsTrainConfig config;

  g_return_if_fail (CS_IS_TRAIN_PAGE (self));

  if (self->dataset == NULL ||
      (self->training && cs_training_get_state (self->training) == CS_TRAINING_RUNNING))
    return;
  cs_train_page_get_config (self, &config);
  retire_training (self);
  self->training = cs_training_new (self->dataset, &config);
  g_signal_connect (self->training, "epochs-added", G_CALLBACK (on_epochs_added), self);
  g_signal_connect (self->training, "notify::state", G_CALLBACK (on_state_changed), self);
  rebuild_charts (self);
  gtk_widget_set_visible (self->results_group, FALSE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_label (self->status_label, _("Starting…"));
  self->clock_id = g_timeout_add_seconds (1, on_clock, self);
  cs_training_start (self->training);
}

void
cs_train_page_stop (CsTrainPage *self)
{
  g_return_if_fail (CS_IS_TRAIN_PAGE (self));

  if (self->training != NULL)
    cs_training_stop (self->training);
}

void
cs_train_page_set_dataset (CsTrainPage *self,
                           CsDataset   *dataset)
{
  g_return_if_fail (CS_IS_TRAIN_PAGE (self));

  retire_training (self);
  g_ptr_array_set_size (self->earlier, 0);
  g_clear_pointer (&self->dataset, cs_dataset_unref);
  self->dataset = cs_dataset_ref (dataset);
  on_preset_changed (self);
  rebuild_charts (self);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_label (self->status_label, _("Choose a method and press Train."));
  gtk_widget_set_visible (self->results_group, FALSE);
  update_clock (self);
  update_controls (self);
}

CsTraining *
cs_train_page_get_training (CsTrainPage *self)
{
  g_return_val_if_fail (CS_IS_TRAIN_PAGE (self), NULL);
  return self->training;
}

/* Saving ------------------------------------------------------------------------------ */

typedef struct
{
  CsTrainPage *self;
  char        *dir;
} Save;

static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CsTraining *training = CS_TRAINING (source_object);
  GError *error = NULL;

  if (cs_checkpoint_save (cs_training_get_run (training), task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
toast (GtkWidget  *widget,
       const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(CsTrainPage) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    text = g_strdup_printf (_("Checkpoint saved in %s"), (const char *) g_task_get_task_data (G_TASK (result)));
  else
    text = g_strdup_printf (_("The checkpoint could not be saved: %s"), error->message);
  toast (GTK_WIDGET (self), text);
}

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         data)
{
  CsTrainPage *self = data;
  g_autoptr(GFile) folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->training != NULL &&
      (folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    {
      g_autoptr(GTask) task = g_task_new (self->training, NULL, on_saved, g_object_ref (self));

      g_task_set_task_data (task, g_file_get_path (folder), g_free);
      g_task_run_in_thread (task, save_in_thread);
    }
  g_clear_object (&self->chooser);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CsTrainPage *self = CS_TRAIN_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->chooser != NULL || self->training == NULL || cs_training_get_run (self->training) == NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Save Checkpoint in Folder"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_save_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
cs_train_page_dispose (GObject *object)
{
  CsTrainPage *self = CS_TRAIN_PAGE (object);
  GtkWidget *child;

  retire_training (self);
  g_clear_pointer (&self->earlier, g_ptr_array_unref);
  g_clear_handle_id (&self->clock_id, g_source_remove);
  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_TRAIN_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (cs_train_page_parent_class)->dispose (object);
}

static void
cs_train_page_finalize (GObject *object)
{
  CsTrainPage *self = CS_TRAIN_PAGE (object);

  g_clear_pointer (&self->dataset, cs_dataset_unref);
  G_OBJECT_CLASS (cs_train_page_parent_class)->finalize (object);
}

static void
cs_train_page_class_init (CsTrainPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_train_page_dispose;
  object_class->finalize = cs_train_page_finalize;

  g_type_ensure (CS_TYPE_LOSS_CHART);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/crowdscope/Crowdscope/cs-train-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsTrainPage, method_row);
  gtk_widget_class_bind_template_child (widget_class, CsTrainPage, preset_row);
  gtk_widget_class_bind_template_child (widget_class, CsTrainPage, method_list);
  gtk_widget_class_bind_template_child (widget_class, CsTrainPage, preset_list);
  gtk_widget_class_bind_template_child (widget_class, CsTrainPage, epochs_spin);
  gtk_widget_class_bind_template_child (widget_class, CsTrainPage, batch_spin);
  gtk_widget_class_bind_template_child (widget_class, CsTrainPage, lr_spin);
  gtk_widget_class_bind_template_child (widget_class, CsTrainPage, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, CsTrainPage, lambda_spin);
  gtk_widget_class_bind_template_child (widget_class, CsTrainPage, embedding_spin);
  gtk_widget_class_bind_template_child (widget_class, CsTrainPage, dropout_spin);
  gtk_widget_class_bind_template_child (widget_class, CsTrainPage, train_button);
  gtk_widget_class_bind_template_child (widget_class, CsTrainPage, stop_button);
  gtk_widget_class_bind_template_child (widget_class, CsTrainPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, CsTrainPage, time_label);
  gtk_widget_class_bind_template_child (widget_class, CsTrainPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CsTrainPage, loss_chart);
  gtk_widget_class_bind_template_child (widget_class, CsTrainPage, accuracy_chart);
  gtk_widget_class_bind_template_child (widget_class, CsTrainPage, results_group);
  gtk_widget_class_bind_template_child (widget_class, CsTrainPage, best_row);
  gtk_widget_class_bind_template_child (widget_class, CsTrainPage, accuracy_row);
  gtk_widget_class_bind_template_child (widget_class, CsTrainPage, speed_row);
  gtk_widget_class_install_action (widget_class, "train.save", NULL, save_action);
}

static void
cs_train_page_init (CsTrainPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->earlier = g_ptr_array_new_with_free_func (g_object_unref);

  for (int m = 0; m < CS_N_METHODS; m++)
    gtk_string_list_append (self->method_list, cs_method_get_title (m));
  gtk_string_list_append (self->preset_list, _("Default"));
  gtk_string_list_append (self->preset_list, _("Official CoNAL code"));
  g_signal_connect_swapped (self->preset_row, "notify::selected", G_CALLBACK (on_preset_changed), self);
  g_signal_connect_swapped (self->method_row, "notify::selected", G_CALLBACK (on_method_changed), self);

  cs_loss_chart_set_y_label (self->loss_chart, _("Loss"));
  cs_loss_chart_set_y_range (self->loss_chart, 0, NAN);
  cs_loss_chart_set_y_label (self->accuracy_chart, _("Accuracy"));
  cs_loss_chart_set_percent (self->accuracy_chart, TRUE);
  cs_loss_chart_set_y_range (self->accuracy_chart, 0, 1);
  {
    CsTrainConfig defaults;

    cs_train_config_init (&defaults);
    fill_form (self, &defaults);
  }
  on_preset_changed (self);
  rebuild_charts (self);
  update_controls (self);
}
