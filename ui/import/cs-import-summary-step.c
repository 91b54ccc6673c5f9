/* cs-import-summary-step.c — the assistant's last step: what the import would give, and its name
 *
 * The job loads the plan on a worker thread when the step is reached; the rows show its
 * figures once it is done, and where the manifest will be written.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "cs-import-rows.h"
#include "cs-import-summary-step.h"

struct _CsImportSummaryStep
{
  CsImportPage         parent_instance;

  /* Template widgets */
  AdwEntryRow         *name_row;
  AdwActionRow        *manifest_row;
  AdwPreferencesGroup *figures_group;
  GtkSpinner          *spinner;
  AdwActionRow        *items_row;
  AdwActionRow        *annotators_row;
  AdwActionRow        *labels_row;
  AdwActionRow        *classes_row;
  AdwActionRow        *features_row;
  GtkLabel            *notices_label;
  AdwActionRow        *without_features_row;
  AdwActionRow        *unknown_labels_row;
  AdwActionRow        *without_labels_row;
  GtkLabel            *problems_label;
};

G_DEFINE_FINAL_TYPE (CsImportSummaryStep, cs_import_summary_step, CS_TYPE_IMPORT_PAGE)

static void
set_count (AdwActionRow *row,
           int           n)
{
  g_autofree char *text = g_strdup_printf ("%d", n);

  adw_action_row_set_subtitle (row, text);
}

static char *
format_items (const CsImportSummary *summary)
{
  /* The split names as the rest of the window shows them. */
  const char *names[CS_N_SPLITS] = { _("train"), _("validation"), _("test") };
  g_autoptr(GString) text = g_string_new (NULL);

  for (int s = 0; s < CS_N_SPLITS; s++)
    {
      if (summary->n_items[s] == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append_printf (text, _("%d %s (%d with gold)"), summary->n_items[s], names[s],
                              summary->n_gold[s]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
reflect_summary (CsImportSummaryStep   *self,
                 const CsImportSummary *summary)
{
  g_autofree char *items = format_items (summary);
  g_autofree char *names = g_strjoinv (", ", summary->class_names);
  g_autofree char *classes = NULL;
  g_autofree char *features = g_strdup_printf (g_dngettext (NULL, "%d value per item", "%d values per item",
                                                            summary->d), summary->d);
  g_autofree char *notices = g_strjoinv ("\n", summary->notices);

  gtk_label_set_text (self->notices_label, notices);
  gtk_widget_set_visible (GTK_WIDGET (self->notices_label), notices[0] != '\0');
  adw_action_row_set_subtitle (self->features_row, features);
  classes = g_strdup_printf (summary->classes_found ? _("%d found in the labels: %s") : _("%d: %s"),
                             summary->n_classes, names);
  adw_action_row_set_subtitle (self->items_row, items);
  set_count (self->annotators_row, summary->n_annotators);
  set_count (self->labels_row, summary->n_labels_total);
  adw_action_row_set_subtitle (self->classes_row, classes);
  set_count (self->without_features_row, summary->n_items_without_features);
  set_count (self->unknown_labels_row, summary->n_labels_for_unknown_items);
  set_count (self->without_labels_row, summary->n_items_without_labels);
}

/* Where the manifest goes, and why when it is not the data's folder. */
static void
reflect_manifest (CsImportSummaryStep *self,
                  CsImportJob         *job)
{
  gboolean fallback = FALSE;
  g_autofree char *dir = cs_import_job_dup_manifest_dir (job, &fallback);
  g_autofree char *manifest = g_build_filename (dir, "crowdscope.ini", NULL);
  g_autofree char *text = NULL;

  text = fallback ? g_strdup_printf (_("%s — the data’s folder cannot be written, so the manifest "
                                       "goes to your own data folder, with absolute paths"), manifest)
                  : g_strdup (manifest);
  adw_action_row_set_subtitle (self->manifest_row, text);
}

static void
cs_import_summary_step_reflect (CsImportPage *page,
                                CsImportJob  *job)
{
  CsImportSummaryStep *self = CS_IMPORT_SUMMARY_STEP (page);
  const CsImportSummary *summary = cs_import_job_get_summary (job);
  const char *name = cs_import_job_get_plan (job)->name;
  gboolean checking = cs_import_job_get_checking (job);

  gtk_spinner_set_spinning (self->spinner, checking);
  gtk_widget_set_visible (GTK_WIDGET (self->figures_group), summary != NULL || checking);
  if (summary != NULL)
    reflect_summary (self, summary);
  if (name != NULL || summary != NULL)
    cs_import_rows_set_text (self->name_row, name ? name : summary->name);
  reflect_manifest (self, job);
}

static void
on_name_changed (CsImportSummaryStep *self)
{
  CsImportJob *job = cs_import_page_get_editing_job (CS_IMPORT_PAGE (self));

  if (job == NULL)
    return;
  cs_import_plan_set (&cs_import_job_get_plan (job)->name, cs_import_rows_get_text (self->name_row));
  cs_import_job_plan_changed (job);
}

static void
cs_import_summary_step_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CS_TYPE_IMPORT_SUMMARY_STEP);
  G_OBJECT_CLASS (cs_import_summary_step_parent_class)->dispose (object);
}

static void
cs_import_summary_step_class_init (CsImportSummaryStepClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cs_import_summary_step_dispose;
  CS_IMPORT_PAGE_CLASS (klass)->reflect = cs_import_summary_step_reflect;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/crowdscope/Crowdscope/cs-import-summary-step.ui");
  gtk_widget_class_bind_template_child (widget_class, CsImportSummaryStep, name_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportSummaryStep, manifest_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportSummaryStep, figures_group);
  gtk_widget_class_bind_template_child (widget_class, CsImportSummaryStep, spinner);
  gtk_widget_class_bind_template_child (widget_class, CsImportSummaryStep, items_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportSummaryStep, annotators_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportSummaryStep, labels_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportSummaryStep, classes_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportSummaryStep, features_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportSummaryStep, notices_label);
  gtk_widget_class_bind_template_child (widget_class, CsImportSummaryStep, without_features_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportSummaryStep, unknown_labels_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportSummaryStep, without_labels_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportSummaryStep, problems_label);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
}

static void
cs_import_summary_step_init (CsImportSummaryStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cs_import_page_set_problems_label (CS_IMPORT_PAGE (self), self->problems_label);
}
