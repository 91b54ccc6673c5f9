/* cs-experiments-page.c — several methods over several seeds on the open dataset: the table
 *
 * A person picks methods, a number of seeds and a preset; the page makes each method's
 * configuration as crowdscope-cli experiment would for the same dataset (the preset for that
 * method, then the seeds 1…N), or from the Training page's settings, and hands them to a
 * CsExperimentJob, whose rows the table binds to as they fill in. Under the table, a chart
 * shows every finished run's test accuracy epoch by epoch and each method's mean ± std band,
 * with the published figure where there is one. Stop keeps what finished; Export Table writes
 * the CLI's Markdown.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cs-curve-figures.h"
#include "cs-experiments-page.h"
#include "cs-figure-task.h"
#include "cs-text-column.h"
#include "cs-loss-chart.h"
#include "cs-published.h"

struct _CsExperimentsPage
{
  CsPage                parent_instance;

  /* Template */
  AdwPreferencesGroup  *methods_group;
  AdwComboRow          *preset_row;
  GtkSpinButton        *seeds_spin;
  GtkButton            *run_button;
  GtkButton            *stop_button;
  GtkProgressBar       *progress_bar;
  GtkLabel             *status_label;
  GtkButton            *export_button;
  GtkButton            *export_curves_button;
  GtkColumnView        *results_view;
  GtkLabel             *selection_label;
  GtkLabel             *reference_label;
  CsLossChart          *curves_chart;

  GtkCheckButton       *method_checks[CS_N_METHODS];
  CsExperimentJob      *job;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (CsExperimentsPage, cs_experiments_page, CS_TYPE_PAGE)

/* The preset drop-down's entries; the one after them is the Training page's settings. */
static const char * const preset_ids[] = { CS_PRESET_DEFAULT, CS_PRESET_OFFICIAL };
#define CURRENT_SETTINGS G_N_ELEMENTS (preset_ids)

/* The table's columns ---------------------------------------------------------------------- */

static char *
accuracy_text (double mean,
               double std)
{
  if (isnan (mean))
    return g_strdup ("—");
  return g_strdup_printf ("%.1f ± %.1f %%", 100 * mean, 100 * std);
}

static char *
format_method (gpointer r)
{
  char *title = NULL;

  g_object_get (r, "title", &title, NULL);
  return title;
}

static char *
format_runs (gpointer r)
{
  int n_runs, n_seeds;

  g_object_get (r, "n-runs", &n_runs, "n-seeds", &n_seeds, NULL);
  /* Translators: runs finished of a method's seeds, as in "3 of 5". */
  return g_strdup_printf (_("%d of %d"), n_runs, n_seeds);
}

static char *
format_test (gpointer r)
{
  double mean, std;

  g_object_get (r, "test-mean", &mean, "test-std", &std, NULL);
  return accuracy_text (mean, std);
}

static char *
format_valid (gpointer r)
{
  double mean, std;

  g_object_get (r, "valid-mean", &mean, "valid-std", &std, NULL);
  return accuracy_text (mean, std);
}

static char *
format_epoch (gpointer r)
{
  double epoch;

  g_object_get (r, "best-epoch", &epoch, NULL);
  return isnan (epoch) ? g_strdup ("—") : g_strdup_printf ("%.0f", epoch);
}

static char *
format_time (gpointer r)
{
  double seconds;

  g_object_get (r, "seconds-per-run", &seconds, NULL);
  /* Translators: seconds a run took. */
  return isnan (seconds) ? g_strdup ("—") : g_strdup_printf (_("%.1f s"), seconds);
}

static const struct
{
  const char *title;
  CsTextColumnFunc format;
  gboolean    expand;
} columns[] = {
  { N_("Method"), format_method, TRUE },
  { N_("Runs"), format_runs, FALSE },
  { N_("Test Accuracy"), format_test, FALSE },
  { N_("Validation"), format_valid, FALSE },
  { N_("Selected Epoch"), format_epoch, FALSE },
  { N_("Time per Run"), format_time, FALSE },
};

static void
add_columns (CsExperimentsPage *self)
{
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    cs_text_column_append (self->results_view, _(columns[c].title), columns[c].format, columns[c].expand);
}

/* The state ------------------------------------------------------------------------------- */

static gboolean
is_running (CsExperimentsPage *self)
{
  return self->job != NULL && cs_experiment_job_get_state (self->job) == CS_EXPERIMENT_RUNNING;
}

static CsDataset *
page_dataset (CsExperimentsPage *self)
{
  CsSession *session = cs_page_get_session (CS_PAGE (self));

  return session != NULL ? cs_session_get_dataset (session) : NULL;
}

static void
update_buttons (CsExperimentsPage *self)
{
  gboolean running = is_running (self);
  gboolean chosen = FALSE;

  for (int m = 0; m < CS_N_METHODS; m++)
    chosen |= gtk_check_button_get_active (self->method_checks[m]);
  gtk_widget_set_sensitive (GTK_WIDGET (self->run_button), !running && chosen && page_dataset (self) != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stop_button), running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button),
                            self->job != NULL && cs_experiment_job_get_experiment (self->job) != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_curves_button),
                            self->job != NULL && cs_experiment_job_get_n_finished (self->job) > 0);
}

static void
update_progress (CsExperimentsPage *self)
{
  int finished = cs_experiment_job_get_n_finished (self->job);
  int total = cs_experiment_job_get_n_total (self->job);
  /* Translators: runs of an experiment, as in "3 of 25 runs". */
  g_autofree char *text = g_strdup_printf (_("%d of %d runs"), finished, total);
  const CsExperiment *experiment = cs_experiment_job_get_experiment (self->job);
  g_autofree char *keep_failed = NULL;
  g_autofree char *finished_in = NULL;
  const char *status;

  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) finished / total : 0);
  gtk_progress_bar_set_text (self->progress_bar, text);
  switch (cs_experiment_job_get_state (self->job))
    {
    case CS_EXPERIMENT_RUNNING:
      status = _("Training; each row fills in as its runs finish.");
      break;
    case CS_EXPERIMENT_FINISHED:
      /* Translators: how long a whole experiment took. */
      status = finished_in = g_strdup_printf (_("Finished in %.0f s."), cs_experiment_job_get_elapsed (self->job));
      break;
    case CS_EXPERIMENT_STOPPED:
      status = _("Stopped: the table holds the runs that had finished.");
      break;
    case CS_EXPERIMENT_FAILED:
      status = cs_experiment_job_get_message (self->job);
      break;
    case CS_EXPERIMENT_READY:
    default:
      status = "";
    }
  if (cs_experiment_job_get_keep_error (self->job) != NULL)
    status = keep_failed = g_strdup_printf (_("%s Some runs could not be kept: %s"), status,
                                            cs_experiment_job_get_keep_error (self->job));
  gtk_label_set_text (self->status_label, status);
  gtk_widget_set_visible (GTK_WIDGET (self->selection_label),
                          experiment != NULL && cs_experiment_test_used_for_selection (experiment));
  update_buttons (self);
}

/* The first published figure for a method on the open dataset, or NULL. */
static const CsPublished *
find_published (CsExperimentsPage *self)
{
  CsDataset *dataset = page_dataset (self);
  const CsPublished *published = NULL;

  for (int m = 0; m < CS_N_METHODS && dataset != NULL && published == NULL; m++)
    published = cs_published_find (dataset->name, m);
  return published;
}

/* The chart's reference line: “CoNAL (Chu et al., 2021): 87.12 ± 0.55 %”. */
static void
update_reference_line (CsExperimentsPage *self)
{
  const CsPublished *published = find_published (self);
  g_autofree char *label = NULL;

  if (published == NULL)
    {
      cs_loss_chart_set_reference (self->curves_chart, NAN, 0, NULL);
      return;
    }
  /* Translators: a published accuracy in the chart: its source, then its mean ± std */
  label = g_strdup_printf (_("%s: %.2f ± %.2f %%"), published->source,
                           100 * published->test_mean, 100 * published->test_std);
  cs_loss_chart_set_reference (self->curves_chart, published->test_mean, published->test_std,
                               label);
}

/* The published numbers, and how their data differ from the open copy. */
static void
update_reference (CsExperimentsPage *self)
{
  const CsPublished *published = find_published (self);
  g_autofree char *text = NULL;

  if (published != NULL)
    /* Translators: the source, its test accuracy (mean ± std), and how the paper's data
     * differ from this copy (an English sentence from the core) */
    text = g_strdup_printf (_("%s reports %.2f ± %.2f %% test accuracy on this dataset; %s."),
                            published->source, 100 * published->test_mean,
                            100 * published->test_std, published->differences);
  gtk_label_set_text (self->reference_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reference_label), text != NULL);
  update_reference_line (self);
  update_buttons (self);
}

/* The curves ------------------------------------------------------------------------------ */

/* A method's finished runs, thin in its colour, and their mean ± std band (the core's). */
static void
add_method_curves (CsExperimentsPage  *self,
                   CsExperimentResult *result)
{
  CsMethod method = cs_experiment_result_get_method (result);
  const char *title = cs_method_get_title (method);
  g_autofree char *mean = g_strdup_printf (_("%s mean"), title);
  g_autoptr(CsCurveBand) band = NULL;
  GArray * const *histories;
  guint group;
  int n;

  histories = cs_experiment_result_get_histories (result, &n);
  if (n == 0)
    return;
  group = cs_loss_chart_add_group (self->curves_chart, title, method);
  for (int s = 0; s < cs_experiment_result_get_n_seeds (result); s++)
    {
      GArray *history = cs_experiment_result_get_history (result, s);
      /* Translators: a run of an experiment: its method and its seed */
      g_autofree char *name = g_strdup_printf (_("%s, seed %d"), title, s + 1);
      guint series;

      if (history == NULL)
        continue;
      series = cs_loss_chart_add_group_series (self->curves_chart, group, name);
      for (guint e = 0; e < history->len; e++)
        {
          const CsEpochMetrics *m = &g_array_index (history, CsEpochMetrics, e);

          cs_loss_chart_append (self->curves_chart, series, m->epoch, m->test_accuracy);
        }
    }
  band = cs_curve_band_new (histories, n, CS_CURVE_TEST_ACCURACY);
  cs_loss_chart_add_band (self->curves_chart, group, mean, band);
}

/* Every method's curves again, as a run finishes. */
static void
update_curves (CsExperimentsPage *self)
{
  GListModel *results = self->job != NULL ? cs_experiment_job_get_results (self->job) : NULL;

  cs_loss_chart_clear (self->curves_chart);
  for (guint i = 0; results != NULL && i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(CsExperimentResult) result = g_list_model_get_item (results, i);

      add_method_curves (self, result);
    }
}

static void
follow_results (CsExperimentsPage *self,
                gboolean           follow)
{
  GListModel *results = cs_experiment_job_get_results (self->job);

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(CsExperimentResult) result = g_list_model_get_item (results, i);

      if (follow)
        g_signal_connect_swapped (result, "notify::n-histories", G_CALLBACK (update_curves), self);
      else
        g_signal_handlers_disconnect_by_data (result, self);
    }
}

/* Drops the job, and the page's handlers on it and its rows. */
static void
clear_job (CsExperimentsPage *self)
{
  if (self->job == NULL)
    return;
  follow_results (self, FALSE);
  g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
}

/* Running -------------------------------------------------------------------------------- */

gboolean
cs_experiments_page_run (CsExperimentsPage *self)
{
  CsDataset *dataset;
  CsTrainConfig configs[CS_N_METHODS];
  CsTrainOptions *options;
  const char *preset;
  guint selected;
  int n = 0, seeds, x_max = 0;
  g_autoptr(GtkNoSelection) model = NULL;

  g_return_val_if_fail (CS_IS_EXPERIMENTS_PAGE (self), FALSE);

  dataset = page_dataset (self);
  if (dataset == NULL || is_running (self))
    return FALSE;
  selected = adw_combo_row_get_selected (self->preset_row);
  preset = preset_ids[MIN (selected, G_N_ELEMENTS (preset_ids) - 1)];
  options = cs_session_get_options (cs_page_get_session (CS_PAGE (self)));
  for (int m = 0; m < CS_N_METHODS; m++)
    {
      if (!gtk_check_button_get_active (self->method_checks[m]))
        continue;
      if (selected == CURRENT_SETTINGS)
        cs_train_options_get_config_for (options, m, &configs[n++]);
      else
        cs_train_config_init_for (&configs[n++], m, preset, dataset->name, NULL);
      x_max = MAX (x_max, configs[n - 1].epochs);
    }
  if (n == 0)
    return FALSE;
  seeds = gtk_spin_button_get_value_as_int (self->seeds_spin);

  clear_job (self);
  self->job = cs_experiment_job_new (dataset, configs, n, seeds);
  follow_results (self, TRUE);
  update_curves (self);
  cs_loss_chart_set_x_max (self->curves_chart, x_max);
  cs_experiment_job_set_store_path (self->job, cs_session_get_store_path (cs_page_get_session (CS_PAGE (self))));
  g_signal_connect_swapped (self->job, "notify::n-finished", G_CALLBACK (update_progress), self);
  g_signal_connect_swapped (self->job, "notify::state", G_CALLBACK (update_progress), self);
  model = gtk_no_selection_new (g_object_ref (cs_experiment_job_get_results (self->job)));
  gtk_column_view_set_model (self->results_view, GTK_SELECTION_MODEL (model));
  /* Runs side by side, one thread each, on every core but one, which the window keeps. */
  cs_experiment_job_start (self->job, MAX (1, (int) g_get_num_processors () - 1));
  return TRUE;
}

CsExperimentJob *
cs_experiments_page_get_job (CsExperimentsPage *self)
{
  g_return_val_if_fail (CS_IS_EXPERIMENTS_PAGE (self), NULL);
  return self->job;
}

void
cs_experiments_page_set_method (CsExperimentsPage *self,
                                CsMethod           method,
                                gboolean           chosen)
{
  g_return_if_fail (CS_IS_EXPERIMENTS_PAGE (self));
  g_return_if_fail (method < CS_N_METHODS);
  gtk_check_button_set_active (self->method_checks[method], chosen);
}

void
cs_experiments_page_set_seeds (CsExperimentsPage *self,
                               int                seeds)
{
  g_return_if_fail (CS_IS_EXPERIMENTS_PAGE (self));
  gtk_spin_button_set_value (self->seeds_spin, seeds);
}

static void
on_run_clicked (CsExperimentsPage *self)
{
  cs_experiments_page_run (self);
}

static void
on_stop_clicked (CsExperimentsPage *self)
{
  if (self->job != NULL)
    cs_experiment_job_stop (self->job);
}

/* Export --------------------------------------------------------------------------------- */

static void
on_written (GObject      *object,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(CsExperimentsPage) self = data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *path = g_file_get_parse_name (G_FILE (object));
      g_autofree char *text = g_strdup_printf (_("Could not write %s: %s"), path, error->message);

      gtk_label_set_text (self->status_label, text);
      return;
    }
  {
    g_autofree char *name = g_file_get_basename (G_FILE (object));
    g_autofree char *text = g_strdup_printf (_("The table was written to %s."), name);

    gtk_label_set_text (self->status_label, text);
  }
}

static void
on_export_response (GtkNativeDialog   *chooser,
                    int                response,
                    CsExperimentsPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *table = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  if (response != GTK_RESPONSE_ACCEPT || self->job == NULL)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  name = g_file_get_basename (file);
  /* A .csv name gets the spreadsheet's table, any other the Markdown one. */
  if ((table = cs_experiment_job_format_table (self->job, g_str_has_suffix (name, ".csv") ? CS_TABLE_CSV
                                                                                      : CS_TABLE_MARKDOWN)) == NULL)
    return;
  bytes = g_bytes_new_take (table, strlen (table));
  table = NULL;
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, on_written, g_object_ref (self));
}

static void
on_export_clicked (CsExperimentsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export Table"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "experiment.md");
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
save_curves (GtkWidget *widget,
             GFile     *file)
{
  cs_experiments_page_export_curves (CS_EXPERIMENTS_PAGE (widget), file);
}

/* Writes the curves shown to `file` (PNG, SVG or PDF by its suffix) on a worker thread, as
 * Export Curves does, and as crowdscope-cli experiment --curves draws them; a toast says how it went. */
void
cs_experiments_page_export_curves (CsExperimentsPage *self,
                                   GFile             *file)
{
  GListModel *results = self->job ? cs_experiment_job_get_results (self->job) : NULL;
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (CsMethodHistory));
  g_autofree char *path = g_file_get_path (file);
  CsDataset *dataset = page_dataset (self);
  CsImageInfo info = { dataset ? dataset->name : NULL };

  for (guint i = 0; results != NULL && i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(CsExperimentResult) result = g_list_model_get_item (results, i);

      for (int s = 0; s < cs_experiment_result_get_n_seeds (result); s++)
        {
          CsMethodHistory run = { cs_experiment_result_get_method (result),
                                  cs_experiment_result_get_history (result, s) };

          if (run.history != NULL)
            g_array_append_val (runs, run);
        }
    }
  if (runs->len == 0 || path == NULL)
    return;
  cs_curve_figure_save_async (cs_curve_figure_new_for_methods ((CsMethodHistory *) runs->data, (int) runs->len,
                                                               info.dataset, CS_CURVE_TEST_ACCURACY),
                              &info, path, NULL, cs_page_figure_saved, g_object_ref (self));
}

static void
on_export_curves_clicked (CsExperimentsPage *self)
{
  cs_page_ask_save (GTK_WIDGET (self), _("Export Curves"), "experiment.png", save_curves);
}

/* The page ------------------------------------------------------------------------------- */

static void
cs_experiments_page_bind (CsPage    *page,
                          CsSession *session)
{
  CsExperimentsPage *self = CS_EXPERIMENTS_PAGE (page);

  g_signal_connect_swapped (session, "notify::dataset", G_CALLBACK (update_reference), self);
  update_reference (self);
}

static void
cs_experiments_page_unbind (CsPage    *page,
                            CsSession *session)
{
  g_signal_handlers_disconnect_by_data (session, page);
}

static void
cs_experiments_page_dispose (GObject *object)
{
  CsExperimentsPage *self = CS_EXPERIMENTS_PAGE (object);

  cs_page_set_session (CS_PAGE (self), NULL);
  clear_job (self);
  if (self->chooser != NULL)
    g_signal_handlers_disconnect_by_data (self->chooser, self);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_EXPERIMENTS_PAGE);
  G_OBJECT_CLASS (cs_experiments_page_parent_class)->dispose (object);
}

static void
cs_experiments_page_class_init (CsExperimentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CsPageClass *page_class = CS_PAGE_CLASS (klass);

  object_class->dispose = cs_experiments_page_dispose;
  page_class->bind = cs_experiments_page_bind;
  page_class->unbind = cs_experiments_page_unbind;

  g_type_ensure (CS_TYPE_LOSS_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/crowdscope/Crowdscope/cs-experiments-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsExperimentsPage, methods_group);
  gtk_widget_class_bind_template_child (widget_class, CsExperimentsPage, preset_row);
  gtk_widget_class_bind_template_child (widget_class, CsExperimentsPage, seeds_spin);
  gtk_widget_class_bind_template_child (widget_class, CsExperimentsPage, run_button);
  gtk_widget_class_bind_template_child (widget_class, CsExperimentsPage, stop_button);
  gtk_widget_class_bind_template_child (widget_class, CsExperimentsPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CsExperimentsPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, CsExperimentsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, CsExperimentsPage, export_curves_button);
  gtk_widget_class_bind_template_child (widget_class, CsExperimentsPage, results_view);
  gtk_widget_class_bind_template_child (widget_class, CsExperimentsPage, selection_label);
  gtk_widget_class_bind_template_child (widget_class, CsExperimentsPage, reference_label);
  gtk_widget_class_bind_template_child (widget_class, CsExperimentsPage, curves_chart);
}

static void
cs_experiments_page_init (CsExperimentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (int m = 0; m < CS_N_METHODS; m++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cs_method_get_title (m));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_buttons), self);
      adw_preferences_group_add (self->methods_group, row);
      self->method_checks[m] = GTK_CHECK_BUTTON (check);
    }
  add_columns (self);
  cs_loss_chart_set_y_range (self->curves_chart, NAN, NAN);
  g_signal_connect_swapped (self->run_button, "clicked", G_CALLBACK (on_run_clicked), self);
  g_signal_connect_swapped (self->stop_button, "clicked", G_CALLBACK (on_stop_clicked), self);
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (on_export_clicked), self);
  g_signal_connect_swapped (self->export_curves_button, "clicked", G_CALLBACK (on_export_curves_clicked), self);
  update_buttons (self);
}
