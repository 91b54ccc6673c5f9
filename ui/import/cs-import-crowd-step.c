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
  CsImportPage         parent_instance;

  /* Template widgets */
  CsFileRow           *file_row;
  AdwComboRow         *format_row;
  CsTablePreviewView  *preview_view;
  AdwPreferencesGroup *columns_group;
  AdwComboRow         *item_row;
  AdwComboRow         *annotator_row;
  AdwComboRow         *label_row;
  AdwEntryRow         *classes_row;
  GtkLabel            *problems_label;
};

G_DEFINE_FINAL_TYPE (CsImportCrowdStep, cs_import_crowd_step, CS_TYPE_IMPORT_PAGE)

static void
cs_import_crowd_step_reflect (CsImportPage *page,
                              CsImportJob  *job)
{
  CsImportCrowdStep *self = CS_IMPORT_CROWD_STEP (page);
  CsImportPlan *plan = cs_import_job_get_plan (job);
  const CsTablePreview *preview = cs_import_job_get_crowd_preview (job);
  const char * const *header = preview ? (const char * const *) preview->header : NULL;

  cs_import_rows_set_text (self->file_row, plan->crowd_path);
  cs_import_rows_select (self->format_row, plan->crowd_format);
  cs_table_preview_view_set_preview (self->preview_view, preview);
  cs_import_rows_set_choices (self->item_row, header, plan->item_column);
  cs_import_rows_set_choices (self->annotator_row, header, plan->annotator_column);
  cs_import_rows_set_choices (self->label_row, header, plan->label_column);
  if (!cs_import_rows_names_equal (self->classes_row, ",", plan->classes))
    {
      g_autofree char *classes = plan->classes ? g_strjoinv (", ", plan->classes) : NULL;

      cs_import_rows_set_text (self->classes_row, classes);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->columns_group),
                          plan->crowd_format == CS_CROWD_LONG_TABLE && header != NULL);
}

static void
on_file_changed (CsImportCrowdStep *self)
{
  CsImportJob *job = cs_import_page_get_editing_job (CS_IMPORT_PAGE (self));

  if (job != NULL)
    cs_import_job_set_crowd_path (job, cs_import_rows_get_text (self->file_row));
}

static void
on_format_changed (CsImportCrowdStep *self)
{
  CsImportJob *job = cs_import_page_get_editing_job (CS_IMPORT_PAGE (self));
  guint selected = adw_combo_row_get_selected (self->format_row);

  if (job == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  cs_import_job_get_plan (job)->crowd_format = selected;
  cs_import_job_plan_changed (job);
}

static void
on_column_changed (CsImportCrowdStep *self)
{
  CsImportJob *job = cs_import_page_get_editing_job (CS_IMPORT_PAGE (self));
  CsImportPlan *plan;

  if (job == NULL)
    return;
  plan = cs_import_job_get_plan (job);
  cs_import_plan_set (&plan->item_column, cs_import_rows_get_choice (self->item_row));
  cs_import_plan_set (&plan->annotator_column, cs_import_rows_get_choice (self->annotator_row));
  cs_import_plan_set (&plan->label_column, cs_import_rows_get_choice (self->label_row));
  cs_import_job_plan_changed (job);
}

static void
on_classes_changed (CsImportCrowdStep *self)
{
  CsImportJob *job = cs_import_page_get_editing_job (CS_IMPORT_PAGE (self));
  CsImportPlan *plan;

  if (job == NULL || cs_import_rows_names_equal (self->classes_row, ",",
                                                 cs_import_job_get_plan (job)->classes))
    return;
  plan = cs_import_job_get_plan (job);
  g_strfreev (plan->classes);
  plan->classes = cs_import_rows_get_names (self->classes_row, ",");
  cs_import_job_plan_changed (job);
}

static void
cs_import_crowd_step_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CS_TYPE_IMPORT_CROWD_STEP);
  G_OBJECT_CLASS (cs_import_crowd_step_parent_class)->dispose (object);
}

static void
cs_import_crowd_step_class_init (CsImportCrowdStepClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cs_import_crowd_step_dispose;
  CS_IMPORT_PAGE_CLASS (klass)->reflect = cs_import_crowd_step_reflect;

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
  gtk_widget_class_bind_template_child (widget_class, CsImportCrowdStep, classes_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportCrowdStep, problems_label);
  gtk_widget_class_bind_template_callback (widget_class, on_file_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_format_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_column_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_classes_changed);
}

static void
cs_import_crowd_step_init (CsImportCrowdStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cs_import_page_set_problems_label (CS_IMPORT_PAGE (self), self->problems_label);
}
