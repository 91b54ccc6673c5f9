/* cs-overview-page.c — what a dataset holds: splits, classes, the crowd and its quality
 *
 * Every figure comes from the core's CsDatasetStats, the same numbers `crowdscope-cli info`
 * prints, which the session works out off the main thread; the page only lays them out. What
 * the dataset says of itself (source, splits, classes) shows at once, the figures when ready.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <math.h>

#include "cs-bar-chart.h"
#include "cs-dataset-stats.h"
#include "cs-histogram.h"
#include "cs-majority-vote.h"
#include "cs-overview-page.h"

/* Labels-per-annotator counts spread widely (3 to 368 on Music): at most this many bars. */
#define MAX_BARS 12

struct _CsOverviewPage
{
  CsPage                parent_instance;

  /* Template widgets */
  GtkWidget            *scroller;
  AdwPreferencesGroup  *warnings_group;
  AdwActionRow         *source_row;
  AdwActionRow         *splits_row;
  AdwActionRow         *features_row;
  AdwActionRow         *classes_row;
  AdwActionRow         *annotators_row;
  AdwActionRow         *labels_row;
  AdwActionRow         *per_item_row;
  AdwActionRow         *per_annotator_row;
  AdwActionRow         *crowd_accuracy_row;
  AdwActionRow         *majority_row;
  CsBarChart           *per_item_chart;
  CsBarChart           *per_annotator_chart;
  CsBarChart           *classes_chart;
  GtkWidget            *classes_group;

  /* Borrowed: rows added to warnings_group */
  GPtrArray            *warning_rows;
};

G_DEFINE_FINAL_TYPE (CsOverviewPage, cs_overview_page, CS_TYPE_PAGE)

static void
set_subtitle (AdwActionRow *row,
              const char   *format,
              ...) G_GNUC_PRINTF (2, 3);

static void
set_subtitle (AdwActionRow *row,
              const char   *format,
              ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  adw_action_row_set_subtitle (row, text);
}

static char *
format_percent (double fraction)
{
  return isnan (fraction) ? g_strdup (_("unknown (no gold labels)")) : g_strdup_printf ("%.1f %%", 100 * fraction);
}

static void
show_warnings (CsOverviewPage  *self,
               const CsDataset *dataset)
{
  for (guint i = 0; i < self->warning_rows->len; i++)
    adw_preferences_group_remove (self->warnings_group, g_ptr_array_index (self->warning_rows, i));
  g_ptr_array_set_size (self->warning_rows, 0);
  for (guint i = 0; i < dataset->warnings->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-information-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (dataset->warnings, i));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (self->warnings_group, row);
      g_ptr_array_add (self->warning_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_group), dataset->warnings->len > 0);
}

static void
show_per_item (CsOverviewPage       *self,
               const CsDatasetStats *stats)
{
  int n = stats->labels_per_item_max + 1;
  g_autofree double *values = g_new (double, n);
  g_auto(GStrv) labels = g_new0 (char *, n + 1);

  for (int k = 0; k < n; k++)
    {
      values[k] = stats->labels_per_item_histogram[k];
      labels[k] = g_strdup_printf ("%d", k);
    }
  cs_bar_chart_set_data (self->per_item_chart, values, (const char * const *) labels, n);
}

/* Equal-width bins from the fewest to the most labels an annotator gave, at most MAX_BARS. */
static void
show_per_annotator (CsOverviewPage       *self,
                    const CsDatasetStats *stats,
                    int                   R)
{
  g_autoptr(CsHistogram) bins = cs_histogram_new (stats->labels_per_annotator, R, MAX_BARS);
  g_autofree double *values = g_new0 (double, bins->n_bins);
  g_auto(GStrv) labels = g_new0 (char *, bins->n_bins + 1);

  for (int b = 0; b < bins->n_bins; b++)
    {
      int lo = bins->lo + b * bins->width;

      values[b] = bins->counts[b];
      labels[b] = bins->width == 1 ? g_strdup_printf ("%d", lo)
                                   : g_strdup_printf ("%d–%d", lo, lo + bins->width - 1);
    }
  cs_bar_chart_set_data (self->per_annotator_chart, values, (const char * const *) labels,
                         bins->n_bins);
}

static void
show_classes (CsOverviewPage       *self,
              const CsDataset      *dataset,
              const CsDatasetStats *stats)
{
  const int *counts = stats->class_counts[CS_SPLIT_TRAIN];
  g_autofree double *values = g_new (double, dataset->n_classes);

  gtk_widget_set_visible (self->classes_group, counts != NULL);
  if (counts == NULL)
    return;
  for (int k = 0; k < dataset->n_classes; k++)
    values[k] = counts[k];
  cs_bar_chart_set_data (self->classes_chart, values, (const char * const *) dataset->class_names,
                         dataset->n_classes);
}

/* What the dataset says of itself. */
static void
show_dataset (CsOverviewPage  *self,
              const CsDataset *dataset)
{
  g_autoptr(GString) splits = g_string_new (NULL);
  g_autofree char *classes = g_strjoinv (", ", dataset->class_names);
  guint dropped = g_strv_length (dataset->dropped_annotators);

  for (int s = 0; s < CS_N_SPLITS; s++)
    if (dataset->splits[s].present)
      g_string_append_printf (splits, "%s%s %d", splits->len ? " · " : "",
                              cs_split_kind_to_string (s), dataset->splits[s].n);
  set_subtitle (self->source_row, "%s", dataset->source);
  set_subtitle (self->splits_row, "%s", splits->str);
  set_subtitle (self->features_row, dataset->standardized ? _("%d, standardised with the train split's statistics") : "%d",
                dataset->d);
  set_subtitle (self->classes_row, "%d: %s", dataset->n_classes, classes);
  if (dropped > 0)
    set_subtitle (self->annotators_row, _("%d with labels (%u without labels left out)"), dataset->n_annotators, dropped);
  else
    set_subtitle (self->annotators_row, _("%d with labels"), dataset->n_annotators);
  show_warnings (self, dataset);
}

/* The figures, once the session has worked them out; until then the rows say so. */
static void
show_stats (CsOverviewPage       *self,
            const CsDataset      *dataset,
            const CsDatasetStats *stats)
{
  AdwActionRow *rows[] = { self->labels_row, self->per_item_row, self->per_annotator_row,
                           self->crowd_accuracy_row, self->majority_row };
  g_autofree char *crowd = NULL;
  g_autofree char *majority = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->per_item_chart), stats != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->per_annotator_chart), stats != NULL);
  if (stats == NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        adw_action_row_set_subtitle (rows[i], _("Counting…"));
      gtk_widget_set_visible (self->classes_group, FALSE);
      return;
    }
  crowd = format_percent (stats->crowd_accuracy);
  majority = format_percent (stats->majority_vote_accuracy);
  set_subtitle (self->labels_row, "%d", stats->n_labels);
  set_subtitle (self->per_item_row, _("mean %.2f, min %d, max %d"), stats->labels_per_item_mean,
                stats->labels_per_item_min, stats->labels_per_item_max);
  set_subtitle (self->per_annotator_row, _("median %g, min %d, max %d"), stats->labels_per_annotator_median,
                stats->labels_per_annotator_min, stats->labels_per_annotator_max);
  set_subtitle (self->crowd_accuracy_row, _("%s of %d labels with gold"), crowd, stats->n_labels_with_gold);
  set_subtitle (self->majority_row, _("%s of %d items (%s)"), majority, stats->n_majority_items,
                CS_MAJORITY_VOTE_TIE_RULE);
  show_per_item (self, stats);
  show_per_annotator (self, stats, dataset->n_annotators);
  show_classes (self, dataset, stats);
}

static void
on_dataset_changed (CsOverviewPage *self,
                    GParamSpec     *pspec,
                    CsSession      *session)
{
  CsDataset *dataset = cs_session_get_dataset (session);

  if (dataset != NULL)
    show_dataset (self, dataset);
}

static void
on_stats_changed (CsOverviewPage *self,
                  GParamSpec     *pspec,
                  CsSession      *session)
{
  CsDataset *dataset = cs_session_get_dataset (session);

  if (dataset != NULL)
    show_stats (self, dataset, cs_session_get_stats (session));
}

static void
cs_overview_page_bind (CsPage    *page,
                       CsSession *session)
{
  g_signal_connect_swapped (session, "notify::dataset", G_CALLBACK (on_dataset_changed), page);
  g_signal_connect_swapped (session, "notify::figures", G_CALLBACK (on_stats_changed), page);
  on_dataset_changed (CS_OVERVIEW_PAGE (page), NULL, session);
  on_stats_changed (CS_OVERVIEW_PAGE (page), NULL, session);
}

static void
cs_overview_page_unbind (CsPage    *page,
                         CsSession *session)
{
  g_signal_handlers_disconnect_by_data (session, page);
}

static void
cs_overview_page_dispose (GObject *object)
{
  CsOverviewPage *self = CS_OVERVIEW_PAGE (object);

  cs_page_set_session (CS_PAGE (self), NULL);
  g_clear_pointer (&self->warning_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_OVERVIEW_PAGE);
  G_OBJECT_CLASS (cs_overview_page_parent_class)->dispose (object);
}

static void
cs_overview_page_class_init (CsOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CsPageClass *page_class = CS_PAGE_CLASS (klass);

  object_class->dispose = cs_overview_page_dispose;
  page_class->bind = cs_overview_page_bind;
  page_class->unbind = cs_overview_page_unbind;

  g_type_ensure (CS_TYPE_BAR_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/crowdscope/Crowdscope/cs-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsOverviewPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, CsOverviewPage, warnings_group);
  gtk_widget_class_bind_template_child (widget_class, CsOverviewPage, source_row);
  gtk_widget_class_bind_template_child (widget_class, CsOverviewPage, splits_row);
  gtk_widget_class_bind_template_child (widget_class, CsOverviewPage, features_row);
  gtk_widget_class_bind_template_child (widget_class, CsOverviewPage, classes_row);
  gtk_widget_class_bind_template_child (widget_class, CsOverviewPage, annotators_row);
  gtk_widget_class_bind_template_child (widget_class, CsOverviewPage, labels_row);
  gtk_widget_class_bind_template_child (widget_class, CsOverviewPage, per_item_row);
  gtk_widget_class_bind_template_child (widget_class, CsOverviewPage, per_annotator_row);
  gtk_widget_class_bind_template_child (widget_class, CsOverviewPage, crowd_accuracy_row);
  gtk_widget_class_bind_template_child (widget_class, CsOverviewPage, majority_row);
  gtk_widget_class_bind_template_child (widget_class, CsOverviewPage, per_item_chart);
  gtk_widget_class_bind_template_child (widget_class, CsOverviewPage, per_annotator_chart);
  gtk_widget_class_bind_template_child (widget_class, CsOverviewPage, classes_chart);
  gtk_widget_class_bind_template_child (widget_class, CsOverviewPage, classes_group);
}

static void
cs_overview_page_init (CsOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->warning_rows = g_ptr_array_new ();
  cs_chart_set_label (CS_CHART (self->per_item_chart), GTK_ORIENTATION_HORIZONTAL, _("labels"));
  cs_chart_set_label (CS_CHART (self->per_item_chart), GTK_ORIENTATION_VERTICAL, _("items"));
  cs_chart_set_label (CS_CHART (self->per_annotator_chart), GTK_ORIENTATION_HORIZONTAL, _("labels"));
  cs_chart_set_label (CS_CHART (self->per_annotator_chart), GTK_ORIENTATION_VERTICAL, _("annotators"));
  cs_chart_set_label (CS_CHART (self->classes_chart), GTK_ORIENTATION_VERTICAL, _("items"));
}
