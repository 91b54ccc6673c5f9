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

struct _CsImportGoldStep
{
  AdwBin        parent_instance;

  /* Template widgets */
  AdwComboRow  *split_row;
  AdwComboRow  *source_row;
  AdwEntryRow  *gold_column_row;
  CsFileRow    *gold_path_row;
  AdwEntryRow  *gold_id_column_row;
  AdwEntryRow  *gold_label_column_row;
  GtkLabel     *problems_label;

  /* Owned */
  CsImportJob  *job;
  gboolean      reflecting;
};

G_DEFINE_FINAL_TYPE (CsImportGoldStep, cs_import_gold_step, ADW_TYPE_BIN)

static CsImportSplit *
current_split (CsImportGoldStep *self)
{
  guint selected = adw_combo_row_get_selected (self->split_row);

  return &cs_import_job_get_plan (self->job)->splits[selected < CS_N_SPLITS ? selected : 0];
}

static void
reflect_plan (CsImportGoldStep *self)
{
  CsImportSplit *split;

  if (self->job == NULL)
    return;
  split = current_split (self);
  self->reflecting = TRUE;
  cs_import_rows_select (self->source_row, split->gold_source);
  cs_import_rows_set_text (self->gold_column_row, split->gold_column);
  cs_import_rows_set_text (self->gold_path_row, split->gold_path);
  cs_import_rows_set_text (self->gold_id_column_row, split->gold_id_column);
  cs_import_rows_set_text (self->gold_label_column_row, split->gold_label_column);
  gtk_widget_set_visible (GTK_WIDGET (self->gold_column_row), split->gold_source == CS_GOLD_COLUMN);
  gtk_widget_set_visible (GTK_WIDGET (self->gold_path_row), split->gold_source >= CS_GOLD_TABLE);
  gtk_widget_set_visible (GTK_WIDGET (self->gold_id_column_row), split->gold_source == CS_GOLD_TABLE);
  gtk_widget_set_visible (GTK_WIDGET (self->gold_label_column_row), split->gold_source == CS_GOLD_TABLE);
  self->reflecting = FALSE;
}

static void
reflect_problems (CsImportGoldStep *self)
{
  cs_import_rows_show_problems (self->problems_label, cs_import_job_dup_messages (self->job, -1));
}

static void
on_changed (CsImportGoldStep *self)
{
  CsImportSplit *split;

  if (self->reflecting || self->job == NULL)
    return;
  split = current_split (self);
  split->gold_source = MIN (adw_combo_row_get_selected (self->source_row), CS_GOLD_LIST);
  cs_import_plan_set (&split->gold_column, cs_import_rows_get_text (self->gold_column_row));
  cs_import_plan_set (&split->gold_path, cs_import_rows_get_text (self->gold_path_row));
  cs_import_plan_set (&split->gold_id_column, cs_import_rows_get_text (self->gold_id_column_row));
  cs_import_plan_set (&split->gold_label_column, cs_import_rows_get_text (self->gold_label_column_row));
  cs_import_job_plan_changed (self->job);
}

static void
cs_import_gold_step_dispose (GObject *object)
{
  CsImportGoldStep *self = CS_IMPORT_GOLD_STEP (object);

  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_IMPORT_GOLD_STEP);
  G_OBJECT_CLASS (cs_import_gold_step_parent_class)->dispose (object);
}

static void
cs_import_gold_step_class_init (CsImportGoldStepClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cs_import_gold_step_dispose;

  g_type_ensure (CS_TYPE_FILE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/crowdscope/Crowdscope/cs-import-gold-step.ui");
  gtk_widget_class_bind_template_child (widget_class, CsImportGoldStep, split_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportGoldStep, source_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportGoldStep, gold_column_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportGoldStep, gold_path_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportGoldStep, gold_id_column_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportGoldStep, gold_label_column_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportGoldStep, problems_label);
  gtk_widget_class_bind_template_callback (widget_class, reflect_plan);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
}

static void
cs_import_gold_step_init (CsImportGoldStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
cs_import_gold_step_set_job (CsImportGoldStep *self,
                             CsImportJob      *job)
{
  g_return_if_fail (CS_IS_IMPORT_GOLD_STEP (self));
  g_return_if_fail (self->job == NULL);

  self->job = g_object_ref (job);
  g_signal_connect_swapped (job, "notify::plan", G_CALLBACK (reflect_plan), self);
  g_signal_connect_swapped (job, "notify::problems", G_CALLBACK (reflect_problems), self);
  reflect_plan (self);
  reflect_problems (self);
}
