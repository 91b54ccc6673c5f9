/* cs-train-page.c — choose a method and its settings, train, and watch the curves grow
 *
 * The form binds to the session's CsTrainOptions, so what a person types survives a change
 * of dataset; the curves show the session's current run, in the roles' colours, over the earlier
 * runs on the same dataset (its own, and runs reopened from the run store), each labelled with
 * its method, seed and test accuracy in a colour of its own, and shown or hidden from the
 * legend.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cs-loss-chart.h"
#include "cs-split-box.h"
#include "cs-train-page.h"

/* Earlier runs of the session drawn under the current one, the newest ones: as many as the
 * palette tells apart. */
#define MAX_EARLIER_RUNS CS_N_CATEGORIES
/* The palette's first hues are the roles' (blue, orange, green, purple): earlier runs start at
 * red, so the first few are told from the current run by their colour as well as their dashes. */
#define FIRST_EARLIER_CATEGORY 4

static const char *preset_ids[] = { CS_PRESET_DEFAULT, CS_PRESET_OFFICIAL };

/* A series a run has no data for is not added: its id is NO_SERIES. */
#define NO_SERIES G_MAXUINT

typedef struct
{
  guint loss;
  guint regulariser;
  guint train;
  guint valid;
  guint test;
} SeriesIds;

/* What the method and preset rows say under their titles, by method and by preset. */
static const char *method_summaries[CS_N_METHODS] = {
  [CS_METHOD_CONAL] = N_("A confusion common to all annotators and one per annotator"),
  [CS_METHOD_CROWD_LAYER] = N_("One confusion per annotator"),
  [CS_METHOD_DAWID_SKENE] = N_("Trained on Dawid–Skene's aggregated labels"),
  [CS_METHOD_MAJORITY] = N_("Trained on the majority vote"),
  [CS_METHOD_GOLD] = N_("Trained on the gold labels: the upper bound"),
};
static const char *preset_summaries[] = {
  N_("Chosen on validation data for this kind of dataset"),
  N_("The official CoNAL code's settings for LabelMe or Music"),
};

struct _CsTrainPage
{
  CsPage                parent_instance;

  /* Template widgets */
  AdwComboRow          *method_row;
  AdwComboRow          *preset_row;
  GtkStringList        *method_list;
  GtkStringList        *preset_list;
  GtkSpinButton        *epochs_spin;
  GtkSpinButton        *batch_spin;
  GtkSpinButton        *lr_spin;
  GtkSpinButton        *seed_spin;
  GtkSpinButton        *lambda_spin;
  GtkSpinButton        *embedding_spin;
  GtkSpinButton        *dropout_spin;
  GtkSwitch            *noise_switch;
  GtkWidget            *train_button;
  GtkWidget            *stop_button;
  GtkLabel             *status_label;
  GtkLabel             *time_label;
  GtkProgressBar       *progress_bar;
  CsLossChart          *loss_chart;
  CsLossChart          *accuracy_chart;
  GtkWidget            *results_group;
  AdwActionRow         *best_row;
  AdwActionRow         *accuracy_row;
  AdwActionRow         *speed_row;

  /* Borrowed */
  CsSession            *session;    /* the page's, while it has one */

  /* Owned */
  CsTraining           *training;   /* the session's current run, followed */
  GPtrArray            *bindings;   /* of GBinding, to the session's options */
  SeriesIds             series;
  guint                 clock_id;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (CsTrainPage, cs_train_page, CS_TYPE_PAGE)

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

/* The train loss drawn: the cross-entropy, without CoNAL's regulariser, whose negative term
 * would take the curve below zero. Runs kept before the loss was reported in its parts have
 * only the total. */
static double
drawn_loss (const CsEpochMetrics *m)
{
  return isfinite (m->train_cross_entropy) ? m->train_cross_entropy : m->train_loss;
}

/* The current run's curves, in the roles' colours: the validation curve only when the run has
 * a validation split of its own (else it would be the test curve again), the regulariser in
 * the read-out only for a method that has one. */
static void
add_series (CsTrainPage *self,
            CsTraining  *training,
            SeriesIds   *ids)
{
  const CsTrainConfig *config = cs_training_get_config (training);
  CsDataset *dataset = cs_training_get_dataset (training);

  ids->loss = cs_loss_chart_add_series (self->loss_chart, _("train loss"), CS_CHART_ROLE_TRAIN, FALSE);
  ids->regulariser = config->method == CS_METHOD_CONAL || config->trace > 0 ?
    cs_loss_chart_add_readout_series (self->loss_chart, _("regulariser")) : NO_SERIES;
  ids->train = cs_loss_chart_add_series (self->accuracy_chart, _("train"), CS_CHART_ROLE_TRAIN, FALSE);
  ids->valid = dataset == NULL || cs_train_has_validation (dataset, config) ?
    cs_loss_chart_add_series (self->accuracy_chart, _("validation"), CS_CHART_ROLE_VALID, FALSE) :
    NO_SERIES;
  ids->test = dataset == NULL || cs_dataset_get_split (dataset, CS_SPLIT_TEST) != NULL ?
    cs_loss_chart_add_series (self->accuracy_chart, _("test"), CS_CHART_ROLE_TEST, FALSE) :
    NO_SERIES;
}

static void
append_value (CsLossChart *chart,
              guint        series,
              int          epoch,
              double       value)
{
  if (series != NO_SERIES)
    cs_loss_chart_append (chart, series, epoch, value);
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

      append_value (self->loss_chart, ids->loss, m->epoch, drawn_loss (m));
      append_value (self->loss_chart, ids->regulariser, m->epoch, m->train_regulariser);
      append_value (self->accuracy_chart, ids->train, m->epoch, m->train_accuracy);
      append_value (self->accuracy_chart, ids->valid, m->epoch, m->valid_accuracy);
      append_value (self->accuracy_chart, ids->test, m->epoch, m->test_accuracy);
    }
}

static void
set_marker (CsTrainPage          *self,
            const CsEpochMetrics *last)
{
  g_autofree char *marker = g_strdup_printf (_("best: epoch %d"), last->best_epoch);

  if (isnan (last->valid_accuracy))
    return;
  cs_loss_chart_set_marker (self->accuracy_chart, last->best_epoch, marker);
  cs_loss_chart_set_marker (self->loss_chart, last->best_epoch, NULL);
}

/* Runs on the same data (the same source) as the open dataset, the current one left out. */
static gboolean
is_earlier_run (CsTrainPage *self,
                CsTraining  *training)
{
  CsDataset *open = cs_session_get_dataset (self->session);

  return training != self->training && open != NULL &&
         g_strcmp0 (cs_training_get_dataset (training)->source, open->source) == 0 &&
         cs_training_get_n_epochs (training) > 0;
}

/* “CoNAL, seed 2”: an earlier run's name in the read-out. */
static char *
earlier_run_name (CsTraining *run)
{
  const CsTrainConfig *config = cs_training_get_config (run);

  return g_strdup_printf (_("%s, seed %u"), cs_method_get_title (config->method),
                          (guint) config->seed);
}

/* “CoNAL, seed 2 · 81.2 %”: its legend entry, with the test accuracy of the epoch it selected
 * once it has a result. */
static char *
earlier_run_label (CsTraining *run)
{
  g_autofree char *name = earlier_run_name (run);
  const CsRun *result = cs_training_get_run (run);

  if (result == NULL)
    return g_steal_pointer (&name);
  /* Translators: an earlier run in the charts' legend: its name, then its test accuracy */
  return g_strdup_printf (_("%s · %.1f %%"), name, 100 * cs_run_get_best (result)->test_accuracy);
}

/* An earlier run in both charts: its training loss and its test accuracy, in its colour. */
static void
add_earlier_run (CsTrainPage *self,
                 CsTraining  *run,
                 guint        category)
{
  g_autofree char *name = earlier_run_name (run);
  g_autofree char *label = earlier_run_label (run);
  guint loss = cs_loss_chart_add_group_series (self->loss_chart,
                                               cs_loss_chart_add_group (self->loss_chart, label,
                                                                        category),
                                               name);
  guint test = cs_loss_chart_add_group_series (self->accuracy_chart,
                                               cs_loss_chart_add_group (self->accuracy_chart,
                                                                        label, category),
                                               name);

  for (guint i = 0; i < cs_training_get_n_epochs (run); i++)
    {
      const CsEpochMetrics *m = &cs_training_get_epoch (run, i)->metrics;

      cs_loss_chart_append (self->loss_chart, loss, m->epoch, drawn_loss (m));
      cs_loss_chart_append (self->accuracy_chart, test, m->epoch, m->test_accuracy);
    }
}

/* The newest earlier runs, each with its colour: its place in the session's runs, so a run
 * keeps its colour as others come. */
static void
add_earlier_runs (CsTrainPage *self,
                  double      *x_max)
{
  GListModel *runs = self->session ? cs_session_get_runs (self->session) : NULL;
  g_autoptr(GArray) earlier = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = runs ? g_list_model_get_n_items (runs) : 0; i > 0 && earlier->len < MAX_EARLIER_RUNS; i--)
    {
      g_autoptr(CsTraining) run = g_list_model_get_item (runs, i - 1);
      guint index = i - 1;

      if (is_earlier_run (self, run))
        g_array_prepend_val (earlier, index);
    }
  for (guint r = 0; r < earlier->len; r++)
    {
      guint index = g_array_index (earlier, guint, r);
      g_autoptr(CsTraining) run = g_list_model_get_item (runs, index);

      add_earlier_run (self, run, (FIRST_EARLIER_CATEGORY + index) % CS_N_CATEGORIES);
      *x_max = MAX (*x_max, cs_training_get_config (run)->epochs);
    }
}

/* The epochs the charts span before a run: the form's. */
static double
planned_epochs (CsTrainPage *self)
{
  int epochs = 0;

  if (self->session != NULL)
    g_object_get (cs_session_get_options (self->session), "epochs", &epochs, NULL);
  return epochs > 0 ? epochs : gtk_spin_button_get_value (self->epochs_spin);
}

/* The earlier runs, then the current one on top. */
static void
rebuild_charts (CsTrainPage *self)
{
  double x_max = self->training ? cs_training_get_config (self->training)->epochs
                                : planned_epochs (self);
  guint n = self->training ? cs_training_get_n_epochs (self->training) : 0;

  cs_loss_chart_clear (self->loss_chart);
  cs_loss_chart_clear (self->accuracy_chart);
  cs_loss_chart_set_marker (self->loss_chart, NAN, NULL);
  cs_loss_chart_set_marker (self->accuracy_chart, NAN, NULL);
  add_earlier_runs (self, &x_max);
  cs_loss_chart_set_x_max (self->loss_chart, x_max);
  cs_loss_chart_set_x_max (self->accuracy_chart, x_max);
  if (self->training == NULL)
    return;
  add_series (self, self->training, &self->series);
  append_epochs (self, self->training, &self->series, 0, n);
  if (n > 0)
    set_marker (self, &cs_training_get_epoch (self->training, n - 1)->metrics);
}

static void
show_progress (CsTrainPage *self)
{
  guint n = cs_training_get_n_epochs (self->training);
  const CsTrainConfig *config = cs_training_get_config (self->training);
  g_autofree char *status = NULL;

  gtk_progress_bar_set_fraction (self->progress_bar, cs_training_get_fraction (self->training));
  if (n == 0)
    status = g_strdup (_("Starting…"));
  else
    status = g_strdup_printf (_("%s: epoch %u of %d"), cs_method_get_title (config->method), n,
                              config->epochs);
  gtk_label_set_label (self->status_label, status);
  update_clock (self);
}

static void
on_epochs_added (CsTraining  *training,
                 guint        first,
                 guint        n,
                 CsTrainPage *self)
{
  append_epochs (self, training, &self->series, first, n);
  set_marker (self, &cs_training_get_epoch (training, first + n - 1)->metrics);
  if (cs_training_get_state (training) == CS_TRAINING_RUNNING)
    show_progress (self);
}

/* “validation 81.20 % · test 80.91 %”, each split once: a run that selected on the test split
 * measured no validation accuracy of its own. */
static void
append_accuracies (GString              *text,
                   const CsRun          *run,
                   const CsEpochMetrics *best)
{
  if (run->selection_split == CS_SPLIT_VALID && isfinite (best->valid_accuracy))
    g_string_append_printf (text, _("validation %.2f %%"), 100 * best->valid_accuracy);
  if (isfinite (best->test_accuracy))
    g_string_append_printf (text, text->len > 0 ? _(" · test %.2f %%") : _("test %.2f %%"),
                            100 * best->test_accuracy);
  if (text->len == 0)
    g_string_append (text, _("not measured: the dataset has no gold labels to score"));
}

static void
show_result (CsTrainPage *self)
{
  const CsRun *run = cs_training_get_run (self->training);
  const CsEpochMetrics *best = cs_run_get_best (run);
  int threads = run->threads;
  g_autoptr(GString) accuracy = g_string_new (NULL);
  g_autofree char *epoch = NULL;
  g_autofree char *speed = NULL;

  epoch = g_strdup_printf (run->selection_split == CS_SPLIT_TEST ?
                           _("%d of %d, chosen on the test split") :
                           _("%d of %d, chosen on the validation split"),
                           run->best_epoch, run->epochs_run);
  append_accuracies (accuracy, run, best);
  for (guint i = 0; i < run->notices->len; i++)
    g_string_append_printf (accuracy, "\n%s", (const char *) g_ptr_array_index (run->notices, i));
  if (cs_training_get_kept_id (self->training) != NULL)
    g_string_append_printf (accuracy, _("\nKept in the run store as %s"),
                            cs_training_get_kept_id (self->training));
  else if (cs_training_get_keep_error (self->training) != NULL)
    g_string_append_printf (accuracy, _("\nNot kept in the run store: %s"),
                            cs_training_get_keep_error (self->training));
  speed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%.2f ms per epoch (training only) on %d thread, %.1f s in all",
                                        "%.2f ms per epoch (training only) on %d threads, %.1f s in all",
                                        threads),
                           1000 * run->seconds_per_epoch, threads,
                           cs_training_get_elapsed (self->training));
  adw_action_row_set_subtitle (self->best_row, epoch);
  adw_action_row_set_subtitle (self->accuracy_row, accuracy->str);
  adw_action_row_set_subtitle (self->speed_row, speed);
}

static void
update_controls (CsTrainPage *self)
{
  gboolean open = self->session && cs_session_get_dataset (self->session) != NULL;
  gboolean running = self->session && cs_session_get_running (self->session);
  gboolean result = self->training && cs_training_get_has_result (self->training);

  gtk_widget_set_sensitive (self->train_button, open && !running);
  gtk_widget_set_sensitive (self->stop_button, running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "train.save", result && !running);
  gtk_widget_set_visible (self->results_group, result && !running);
  if (result && !running)
    show_result (self);
}

static char *
ended_status (CsTraining *training)
{
  const char *method = cs_method_get_title (cs_training_get_config (training)->method);
  const CsRun *run = cs_training_get_run (training);

  switch (cs_training_get_state (training))
    {
    case CS_TRAINING_FINISHED:
      return g_strdup_printf (_("%s: finished"), method);
    case CS_TRAINING_STOPPED:
      if (run != NULL)
        return g_strdup_printf (_("%s: stopped after %d epochs; the result is the best epoch so far"),
                                method, run->epochs_run);
      return g_strdup_printf (_("%s: stopped before the first epoch ended"), method);
    case CS_TRAINING_FAILED:
      return g_strdup_printf (_("Training failed: %s"), cs_training_get_message (training));
    case CS_TRAINING_READY:
    case CS_TRAINING_RUNNING:
    default:
      return NULL;
    }
}

static void
on_state_changed (CsTraining  *training,
                  GParamSpec  *pspec,
                  CsTrainPage *self)
{
  g_autofree char *status = ended_status (training);

  update_controls (self);
  if (status == NULL)
    return;
  g_clear_handle_id (&self->clock_id, g_source_remove);
  update_clock (self);
  gtk_label_set_label (self->status_label, status);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), status);
}

/* Follows the session's current run: its epochs, its state, its clock. */
static void
follow_training (CsTrainPage *self)
{
  CsTraining *training = cs_session_get_training (self->session);

  g_clear_handle_id (&self->clock_id, g_source_remove);
  if (self->training != NULL)
    g_signal_handlers_disconnect_by_data (self->training, self);
  g_set_object (&self->training, training);
  rebuild_charts (self);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), NULL);
  if (training == NULL)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_label_set_label (self->status_label, _("Choose a method and press Train."));
      update_clock (self);
      update_controls (self);
      return;
    }
  g_signal_connect (training, "epochs-added", G_CALLBACK (on_epochs_added), self);
  g_signal_connect (training, "notify::state", G_CALLBACK (on_state_changed), self);
  show_progress (self);
  if (cs_training_get_state (training) == CS_TRAINING_RUNNING)
    self->clock_id = g_timeout_add_seconds (1, on_clock, self);
  on_state_changed (training, NULL, self);
}

/* Bindings between the form and the options ---------------------------------------------- */

static gboolean
method_to_row (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      data)
{
  g_value_set_uint (to, g_value_get_enum (from));
  return TRUE;
}

static gboolean
row_to_method (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      data)
{
  guint selected = g_value_get_uint (from);

  if (selected >= CS_N_METHODS)
    return FALSE;
  g_value_set_enum (to, selected);
  return TRUE;
}

static gboolean
preset_to_row (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      data)
{
  for (guint i = 0; i < G_N_ELEMENTS (preset_ids); i++)
    if (g_strcmp0 (g_value_get_string (from), preset_ids[i]) == 0)
      {
        g_value_set_uint (to, i);
        return TRUE;
      }
  return FALSE;
}

static gboolean
row_to_preset (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      data)
{
  guint selected = g_value_get_uint (from);

  if (selected >= G_N_ELEMENTS (preset_ids))
    return FALSE;
  g_value_set_string (to, preset_ids[selected]);
  return TRUE;
}

/* λ and the embedding size are CoNAL's alone. */
static gboolean
method_is_conal (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      data)
{
  g_value_set_boolean (to, g_value_get_enum (from) == CS_METHOD_CONAL);
  return TRUE;
}

/* The noise layers' start is CoNAL's and Crowd Layer's. */
static gboolean
method_has_noise_layers (GBinding     *binding,
                         const GValue *from,
                         GValue       *to,
                         gpointer      data)
{
  CsMethod method = g_value_get_enum (from);

  g_value_set_boolean (to, method == CS_METHOD_CONAL || method == CS_METHOD_CROWD_LAYER);
  return TRUE;
}

static void
bind (CsTrainPage          *self,
      const char           *option,
      gpointer              target,
      const char           *property,
      GBindingFlags         flags,
      GBindingTransformFunc to,
      GBindingTransformFunc from)
{
  GBinding *binding = g_object_bind_property_full (cs_session_get_options (self->session), option,
                                                   target, property, flags | G_BINDING_SYNC_CREATE,
                                                   to, from, NULL, NULL);

  g_ptr_array_add (self->bindings, g_object_ref (binding));
}

static void
bind_form (CsTrainPage *self)
{
  GBindingFlags both = G_BINDING_BIDIRECTIONAL;
  GtkWidget *lambda_row = gtk_widget_get_ancestor (GTK_WIDGET (self->lambda_spin), ADW_TYPE_ACTION_ROW);
  GtkWidget *embedding_row = gtk_widget_get_ancestor (GTK_WIDGET (self->embedding_spin), ADW_TYPE_ACTION_ROW);
  GtkWidget *noise_row = gtk_widget_get_ancestor (GTK_WIDGET (self->noise_switch), ADW_TYPE_ACTION_ROW);

  bind (self, "method", self->method_row, "selected", both, method_to_row, row_to_method);
  bind (self, "preset", self->preset_row, "selected", both, preset_to_row, row_to_preset);
  bind (self, "epochs", self->epochs_spin, "value", both, NULL, NULL);
  bind (self, "batch-size", self->batch_spin, "value", both, NULL, NULL);
  bind (self, "lr", self->lr_spin, "value", both, NULL, NULL);
  bind (self, "seed", self->seed_spin, "value", both, NULL, NULL);
  bind (self, "lambda", self->lambda_spin, "value", both, NULL, NULL);
  bind (self, "embedding", self->embedding_spin, "value", both, NULL, NULL);
  bind (self, "dropout", self->dropout_spin, "value", both, NULL, NULL);
  bind (self, "method", lambda_row, "sensitive", 0, method_is_conal, NULL);
  bind (self, "method", embedding_row, "sensitive", 0, method_is_conal, NULL);
  bind (self, "noise-from-ds", self->noise_switch, "active", both, NULL, NULL);
  bind (self, "method", noise_row, "sensitive", 0, method_has_noise_layers, NULL);
}

static void
unbind_form (CsTrainPage *self)
{
  for (guint i = 0; i < self->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->bindings, i));
  g_ptr_array_set_size (self->bindings, 0);
}

/* Before a run, the charts span the epochs the form plans, as they change. */
static void
on_planned_epochs (CsTrainPage *self)
{
  if (self->training == NULL)
    rebuild_charts (self);
}

static void
cs_train_page_bind (CsPage    *page,
                    CsSession *session)
{
  CsTrainPage *self = CS_TRAIN_PAGE (page);

  self->session = session;
  bind_form (self);
  g_signal_connect_swapped (session, "notify::training", G_CALLBACK (follow_training), self);
  g_signal_connect_swapped (session, "notify::dataset", G_CALLBACK (rebuild_charts), self);
  g_signal_connect_swapped (session, "notify::dataset", G_CALLBACK (update_controls), self);
  g_signal_connect_object (cs_session_get_options (session), "notify::epochs",
                           G_CALLBACK (on_planned_epochs), self, G_CONNECT_SWAPPED);
  follow_training (self);
}

static void
cs_train_page_unbind (CsPage    *page,
                      CsSession *session)
{
  CsTrainPage *self = CS_TRAIN_PAGE (page);

  unbind_form (self);
  g_signal_handlers_disconnect_by_data (session, self);
  g_signal_handlers_disconnect_by_data (cs_session_get_options (session), self);
  self->session = NULL;
}

/* Saving ------------------------------------------------------------------------------ */

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(CsTrainPage) self = data;
  CsTraining *training = CS_TRAINING (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (cs_training_save_finish (training, result, &error))
    {
      const char *folder = cs_training_get_saved_path (training);

      text = g_strdup_printf (_("Checkpoint saved in %s"), folder);
      cs_page_toast_folder (GTK_WIDGET (self), text, folder);
      return;
    }
  text = g_strdup_printf (_("The checkpoint could not be saved: %s"), error->message);
  cs_page_toast (GTK_WIDGET (self), text);
}

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         data)
{
  CsTrainPage *self = data;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->training != NULL &&
      (folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL &&
      (path = g_file_get_path (folder)) != NULL)
    cs_training_save_async (self->training, path, NULL, on_saved, g_object_ref (self));
  g_clear_object (&self->chooser);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CsTrainPage *self = CS_TRAIN_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->chooser != NULL || self->training == NULL || !cs_training_get_has_result (self->training))
    return;
  self->chooser = gtk_file_chooser_native_new (_("Save Checkpoint in Folder"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_save_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* The form ------------------------------------------------------------------------------- */

/* “2.50000” → “2.5”, “1.00000” → “1”, in the C locale's notation. */
static void
trim_zeros (char *number)
{
  char *end;

  if (strchr (number, '.') == NULL)
    return;
  for (end = number + strlen (number) - 1; *end == '0'; end--)
    *end = '\0';
  if (*end == '.')
    *end = '\0';
}

/* The decimal separator of the locale numbers are shown in (LC_NUMERIC), as the other spin
 * buttons write it. */
static const char *
decimal_point (void)
{
  const char *point = localeconv ()->decimal_point;

  return point != NULL && *point != '\0' ? point : ".";
}

/* A number in the C locale's notation written with the locale's decimal separator. */
static char *
localize (const char *number)
{
  g_auto(GStrv) parts = g_strsplit (number, ".", 2);

  return g_strjoinv (decimal_point (), parts);
}

/* Small rates read better in scientific notation: “1e-4” rather than “0.000100”, while
 * “0.01” stays as it is (“0,01” where the locale writes a decimal comma). Six significant
 * digits, as the spin's steps need no more. */
char *
cs_train_page_format_rate (double value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *mantissa = NULL;
  char *e;

  if (value == 0 || fabs (value) >= 1e-3)
    return localize (g_ascii_formatd (text, sizeof text, "%g", value));
  g_ascii_formatd (text, sizeof text, "%.5e", value);
  e = strchr (text, 'e');
  *e = '\0';
  trim_zeros (text);
  mantissa = localize (text);
  return g_strdup_printf ("%se%d", mantissa, atoi (e + 1));
}

/* Reads what cs_train_page_format_rate() writes, and plain decimals: “1e-4”, “0.0001”,
 * “1E-4”, with the locale's decimal separator or a point. Returns FALSE for anything else. */
gboolean
cs_train_page_parse_rate (const char *text,
                          double     *value)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_auto(GStrv) parts = NULL;
  g_autofree char *c_number = NULL;
  char *end = NULL;
  double parsed;

  if (*trimmed == '\0')
    return FALSE;
  parts = g_strsplit (trimmed, decimal_point (), -1);
  c_number = g_strjoinv (".", parts);
  parsed = g_ascii_strtod (c_number, &end);
  if (end == c_number || *end != '\0' || !isfinite (parsed))
    return FALSE;
  *value = parsed;
  return TRUE;
}

static gboolean
on_rate_output (GtkSpinButton *spin,
                gpointer       data)
{
  g_autofree char *text = cs_train_page_format_rate (gtk_spin_button_get_value (spin));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
on_rate_input (GtkSpinButton *spin,
               double        *value,
               gpointer       data)
{
  return cs_train_page_parse_rate (gtk_editable_get_text (GTK_EDITABLE (spin)), value) ?
         TRUE : GTK_INPUT_ERROR;
}

static void
show_rate_as_text (GtkSpinButton *spin)
{
  g_signal_connect (spin, "output", G_CALLBACK (on_rate_output), NULL);
  g_signal_connect (spin, "input", G_CALLBACK (on_rate_input), NULL);
  on_rate_output (spin, NULL);
}

/* The method and preset rows say what the selected one is under their titles; a tooltip over
 * a drop-down would cover the list it opens. */
static void
update_summaries (CsTrainPage *self)
{
  guint method = adw_combo_row_get_selected (self->method_row);
  guint preset = adw_combo_row_get_selected (self->preset_row);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->method_row),
                               method < CS_N_METHODS ? _(method_summaries[method]) : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->preset_row),
                               preset < G_N_ELEMENTS (preset_summaries) ?
                               _(preset_summaries[preset]) : "");
}

/* Each hyper-parameter is one Tab stop, its spin button or switch (the rows do not take the
 * focus), named by its row's title for assistive technologies, and reached by the title's
 * mnemonic. */
static void
label_parameter (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);
  g_autofree char *title = NULL;

  g_assert (row != NULL);
  title = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  /* “_Batch Size” is named “Batch Size”. */
  for (char *from = title, *to = title;; from++)
    if (*from != '_' && (*to++ = *from) == '\0')
      break;
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
}

static void
setup_form (CsTrainPage *self)
{
  GtkWidget *parameters[] = {
    GTK_WIDGET (self->epochs_spin), GTK_WIDGET (self->batch_spin), GTK_WIDGET (self->lr_spin),
    GTK_WIDGET (self->seed_spin), GTK_WIDGET (self->lambda_spin),
    GTK_WIDGET (self->embedding_spin), GTK_WIDGET (self->dropout_spin),
    GTK_WIDGET (self->noise_switch),
  };

  show_rate_as_text (self->lr_spin);
  show_rate_as_text (self->lambda_spin);
  for (guint i = 0; i < G_N_ELEMENTS (parameters); i++)
    label_parameter (parameters[i]);
  g_signal_connect_swapped (self->method_row, "notify::selected", G_CALLBACK (update_summaries), self);
  g_signal_connect_swapped (self->preset_row, "notify::selected", G_CALLBACK (update_summaries), self);
  update_summaries (self);
}

/* The object ----------------------------------------------------------------------------- */

static void
cs_train_page_dispose (GObject *object)
{
  CsTrainPage *self = CS_TRAIN_PAGE (object);

  cs_page_set_session (CS_PAGE (self), NULL);
  if (self->training != NULL)
    g_signal_handlers_disconnect_by_data (self->training, self);
  g_clear_object (&self->training);
  g_clear_handle_id (&self->clock_id, g_source_remove);
  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_TRAIN_PAGE);
  G_OBJECT_CLASS (cs_train_page_parent_class)->dispose (object);
}

static void
cs_train_page_finalize (GObject *object)
{
  CsTrainPage *self = CS_TRAIN_PAGE (object);

  g_clear_pointer (&self->bindings, g_ptr_array_unref);
  G_OBJECT_CLASS (cs_train_page_parent_class)->finalize (object);
}

static void
cs_train_page_class_init (CsTrainPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CsPageClass *page_class = CS_PAGE_CLASS (klass);

  object_class->dispose = cs_train_page_dispose;
  object_class->finalize = cs_train_page_finalize;
  page_class->bind = cs_train_page_bind;
  page_class->unbind = cs_train_page_unbind;

  g_type_ensure (CS_TYPE_LOSS_CHART);
  g_type_ensure (CS_TYPE_SPLIT_BOX);
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
  gtk_widget_class_bind_template_child (widget_class, CsTrainPage, noise_switch);
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
  self->bindings = g_ptr_array_new_with_free_func (g_object_unref);

  for (int m = 0; m < CS_N_METHODS; m++)
    gtk_string_list_append (self->method_list, cs_method_get_title (m));
  gtk_string_list_append (self->preset_list, _("Default"));
  gtk_string_list_append (self->preset_list, _("Official CoNAL code"));

  /* Each value axis fits its curves; both plots start at the same x over their shared epochs. */
  cs_chart_set_label (CS_CHART (self->loss_chart), GTK_ORIENTATION_VERTICAL, _("Loss"));
  cs_loss_chart_fit_y_range (self->loss_chart, 0, NAN);
  cs_chart_set_label (CS_CHART (self->accuracy_chart), GTK_ORIENTATION_VERTICAL, _("Accuracy"));
  cs_loss_chart_set_percent (self->accuracy_chart, TRUE);
  cs_loss_chart_fit_y_range (self->accuracy_chart, 0, 1);
  cs_loss_chart_align_with (self->loss_chart, self->accuracy_chart);
  setup_form (self);
  rebuild_charts (self);
  update_controls (self);
}
