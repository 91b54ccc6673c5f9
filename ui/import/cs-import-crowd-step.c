/* cs-import-crowd-step.c — the assistant's first step: the crowd labels file and its columns
 *
 * The rows fill the job's plan and reflect it: a new file shows its first rows and the columns
 * the job guessed from its header; the problems the job found are shown under the columns.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-file-row.h"
#include "cs-import-crowd-step.h"
#include "cs-import-rows.h"
#include "cs-table-preview-view.h"

struct _CsImportCrowdStep
{
  AdwBin              parent_instance;

  /* Template widgets */
  CsFileRow          *file_row;
  AdwComboRow        *format_row;
  CsTablePreviewView *preview_view;
  AdwPreferencesGroup *columns_group;
  AdwComboRow        *item_row;
  AdwComboRow        *annotator_row;
  AdwComboRow        *label_row;
  GtkLabel           *problems_label;

  /* Owned */
  CsImportJob        *job;
  gboolean            reflecting;   /* the rows are being set from the plan */
};

G_DEFINE_FINAL_TYPE (CsImportCrowdStep, cs_import_crowd_step, ADW_TYPE_BIN)

static void
reflect_plan (CsImportCrowdStep *self)
{
  CsImportPlan *plan = cs_import_job_get_plan (self->job);
  const CsTablePreview *preview = cs_import_job_get_crowd_preview (self->job);
  const char * const *header = preview ? (const char * const *) preview->header : NULL;
  gboolean long_table = plan->crowd_format == CS_CROWD_LONG_TABLE;

  self->reflecting = TRUE;
  cs_import_rows_set_text (self->file_row, plan->crowd_path);
  cs_import_rows_select (self->format_row, plan->crowd_format);
  cs_table_preview_view_set_preview (self->preview_view, preview);
  cs_import_rows_set_choices (self->item_row, header, plan->item_column);
  cs_import_rows_set_choices (self->annotator_row, header, plan->annotator_column);
  cs_import_rows_set_choices (self->label_row, header, plan->label_column);
  gtk_widget_set_visible (GTK_WIDGET (self->columns_group), long_table && header != NULL);
  self->reflecting = FALSE;
}

static void
reflect_problems (CsImportCrowdStep *self)
{
  cs_import_rows_show_problems (self->problems_label, cs_import_job_dup_messages (self->job, -1));
}

static void
on_file_changed (CsImportCrowdStep *self)
{
  if (!self->reflecting && self->job != NULL)
    cs_import_job_set_crowd_path (self->job, cs_import_rows_get_text (self->file_row));
}

static void
on_format_changed (CsImportCrowdStep *self)
{
  guint selected = adw_combo_row_get_selected (self->format_row);

  if (self->reflecting || self->job == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  cs_import_job_get_plan (self->job)->crowd_format = selected;
  cs_import_job_plan_changed (self->job);
}

static void
on_column_changed (CsImportCrowdStep *self)
{
  CsImportPlan *plan;

  if (self->reflecting || self->job == NULL)
    return;
  plan = cs_import_job_get_plan (self->job);
  cs_import_plan_set (&plan->item_column, cs_import_rows_get_choice (self->item_row));
  cs_import_plan_set (&plan->annotator_column, cs_import_rows_get_choice (self->annotator_row));
  cs_import_plan_set (&plan->label_column, cs_import_rows_get_choice (self->label_row));
  cs_import_job_plan_changed (self->job);
}

static void
cs_import_crowd_step_dispose (GObject *object)
{
  CsImportCrowdStep *self = CS_IMPORT_CROWD_STEP (object);

  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_IMPORT_CROWD_STEP);
  G_OBJECT_CLASS (cs_import_crowd_step_parent_class)->dispose (object);
}

static void
cs_import_crowd_step_class_init (CsImportCrowdStepClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cs_import_crowd_step_dispose;

  g_type_ensure (CS_TYPE_FILE_ROW);
  g_type_ensure (CS_TYPE_TABLE_PREVIEW_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/crowdscope/Crowdscope/cs-import-crowd-step.ui");
  gtk_widget_class_bind_template_child (widget_class, CsImportCrowdStep, file_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportCrowdStep, format_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportCrowdStep, preview_view);
  gtk_widget_class_bind_template_child (widget_class, CsImportCrowdStep, columns_group);
  gtk_widget_class_bind_template_child (widget_class, CsImportCrowdStep, item_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportCrowdStep, annotator_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportCrowdStep, label_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportCrowdStep, problems_label);
  gtk_widget_class_bind_template_callback (widget_class, on_file_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_format_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_column_changed);
}

static void
cs_import_crowd_step_init (CsImportCrowdStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
cs_import_crowd_step_set_job (CsImportCrowdStep *self,
                              CsImportJob       *job)
{
  g_return_if_fail (CS_IS_IMPORT_CROWD_STEP (self));
  g_return_if_fail (self->job == NULL);

  self->job = g_object_ref (job);
  g_signal_connect_swapped (job, "notify::plan", G_CALLBACK (reflect_plan), self);
  g_signal_connect_swapped (job, "notify::problems", G_CALLBACK (reflect_problems), self);
  reflect_plan (self);
  reflect_problems (self);
}
