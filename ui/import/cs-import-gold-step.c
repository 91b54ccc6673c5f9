/* cs-import-gold-step.c — the assistant's third step: each split's gold labels, if any
 *
 * One set of rows edits the split chosen at the top; the rows a source does not use are hidden.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-file-row.h"
#include "cs-import-gold-step.h"
#include "cs-import-rows.h"
#include "cs-table-preview-view.h"

struct _CsImportGoldStep
{
  CsImportPage        parent_instance;

  /* Template widgets */
  AdwComboRow        *split_row;
  AdwComboRow        *source_row;
  AdwEntryRow        *gold_column_row;
  CsFileRow          *gold_path_row;
  AdwEntryRow        *gold_id_column_row;
  AdwEntryRow        *gold_label_column_row;
  GtkLabel           *problems_label;
  CsTablePreviewView *preview_view;
};

G_DEFINE_FINAL_TYPE (CsImportGoldStep, cs_import_gold_step, CS_TYPE_IMPORT_PAGE)

static CsSplitKind
current_kind (CsImportGoldStep *self)
{
  guint selected = adw_combo_row_get_selected (self->split_row);

  return selected < CS_N_SPLITS ? selected : CS_SPLIT_TRAIN;
}

static CsImportSplit *
current_split (CsImportGoldStep *self,
               CsImportJob      *job)
{
  return &cs_import_job_get_plan (job)->splits[current_kind (self)];
}

static void
cs_import_gold_step_reflect (CsImportPage *page,
                             CsImportJob  *job)
{
  CsImportGoldStep *self = CS_IMPORT_GOLD_STEP (page);
  CsImportSplit *split = current_split (self, job);
  CsGoldSource source = split->gold_source;

  cs_import_rows_select (self->source_row, source);
  cs_import_rows_set_text (self->gold_column_row, split->gold_column);
  cs_import_rows_set_text (self->gold_path_row, split->gold_path);
  cs_import_rows_set_text (self->gold_id_column_row, split->gold_id_column);
  cs_import_rows_set_text (self->gold_label_column_row, split->gold_label_column);
  gtk_widget_set_visible (GTK_WIDGET (self->gold_column_row), source == CS_GOLD_COLUMN);
  gtk_widget_set_visible (GTK_WIDGET (self->gold_path_row), source >= CS_GOLD_TABLE);
  gtk_widget_set_visible (GTK_WIDGET (self->gold_id_column_row), source == CS_GOLD_TABLE);
  gtk_widget_set_visible (GTK_WIDGET (self->gold_label_column_row), source == CS_GOLD_TABLE);
  cs_table_preview_view_set_preview (self->preview_view,
                                     cs_import_job_get_gold_preview (job, current_kind (self)));
}

static void
on_changed (CsImportGoldStep *self)
{
  CsImportJob *job = cs_import_page_get_editing_job (CS_IMPORT_PAGE (self));
  CsImportSplit *split;

  if (job == NULL)
    return;
  split = current_split (self, job);
  split->gold_source = MIN (adw_combo_row_get_selected (self->source_row), CS_GOLD_LIST);
  cs_import_plan_set (&split->gold_column, cs_import_rows_get_text (self->gold_column_row));
  cs_import_plan_set (&split->gold_path, cs_import_rows_get_text (self->gold_path_row));
  cs_import_plan_set (&split->gold_id_column, cs_import_rows_get_text (self->gold_id_column_row));
  cs_import_plan_set (&split->gold_label_column, cs_import_rows_get_text (self->gold_label_column_row));
  cs_import_job_plan_changed (job);
}

static void
cs_import_gold_step_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CS_TYPE_IMPORT_GOLD_STEP);
  G_OBJECT_CLASS (cs_import_gold_step_parent_class)->dispose (object);
}

static void
cs_import_gold_step_class_init (CsImportGoldStepClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cs_import_gold_step_dispose;
  CS_IMPORT_PAGE_CLASS (klass)->reflect = cs_import_gold_step_reflect;

  g_type_ensure (CS_TYPE_FILE_ROW);
  g_type_ensure (CS_TYPE_TABLE_PREVIEW_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/crowdscope/Crowdscope/cs-import-gold-step.ui");
  gtk_widget_class_bind_template_child (widget_class, CsImportGoldStep, split_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportGoldStep, source_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportGoldStep, gold_column_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportGoldStep, gold_path_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportGoldStep, gold_id_column_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportGoldStep, gold_label_column_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportGoldStep, problems_label);
  gtk_widget_class_bind_template_child (widget_class, CsImportGoldStep, preview_view);
  gtk_widget_class_bind_template_callback (widget_class, cs_import_page_reflect);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
}

static void
cs_import_gold_step_init (CsImportGoldStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cs_import_page_set_problems_label (CS_IMPORT_PAGE (self), self->problems_label);
}
