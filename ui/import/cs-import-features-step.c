/* cs-import-features-step.c — the assistant's second step: each split's features and ids
 *
 * One set of rows edits the split chosen at the top; the rows a kind does not use are hidden.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-file-row.h"
#include "cs-import-features-step.h"
#include "cs-import-rows.h"
#include "cs-table-preview-view.h"

struct _CsImportFeaturesStep
{
  AdwBin              parent_instance;

  /* Template widgets */
  AdwComboRow        *split_row;
  AdwComboRow        *kind_row;
  CsFileRow          *path_row;
  AdwEntryRow        *columns_row;
  CsFileRow          *folder_row;
  AdwEntryRow        *image_column_row;
  AdwPreferencesGroup *ids_group;
  AdwComboRow        *id_source_row;
  AdwEntryRow        *id_column_row;
  CsFileRow          *ids_path_row;
  GtkLabel           *problems_label;
  CsTablePreviewView *preview_view;

  /* Owned */
  CsImportJob        *job;
  gboolean            reflecting;
};

G_DEFINE_FINAL_TYPE (CsImportFeaturesStep, cs_import_features_step, ADW_TYPE_BIN)

static CsSplitKind
current_split (CsImportFeaturesStep *self)
{
  guint selected = adw_combo_row_get_selected (self->split_row);

  return selected < CS_N_SPLITS ? selected : CS_SPLIT_TRAIN;
}

static void
reflect_plan (CsImportFeaturesStep *self)
{
  CsSplitKind s = current_split (self);
  CsImportSplit *split;
  g_autofree char *columns = NULL;
  gboolean table, images, given;

  if (self->job == NULL)
    return;
  split = &cs_import_job_get_plan (self->job)->splits[s];
  table = split->features_kind == CS_FEATURES_CSV || split->features_kind == CS_FEATURES_IMAGES;
  images = split->features_kind == CS_FEATURES_IMAGES;
  given = split->features_kind != CS_FEATURES_NONE;
  columns = split->feature_columns ? g_strjoinv (" ", split->feature_columns) : NULL;

  self->reflecting = TRUE;
  cs_import_rows_select (self->kind_row, split->features_kind);
  cs_import_rows_set_text (self->path_row, split->features_path);
  cs_file_row_set_tables (self->path_row, table);
  cs_file_row_set_arrays (self->path_row, split->features_kind == CS_FEATURES_NPY);
  cs_import_rows_set_text (self->columns_row, columns);
  cs_import_rows_set_text (self->folder_row, split->images_folder);
  cs_import_rows_set_text (self->image_column_row, split->image_column);
  cs_import_rows_select (self->id_source_row, split->id_source);
  cs_import_rows_set_text (self->id_column_row, split->id_column);
  cs_import_rows_set_text (self->ids_path_row, split->ids_path);
  gtk_widget_set_visible (GTK_WIDGET (self->path_row), given);
  gtk_widget_set_visible (GTK_WIDGET (self->columns_row), split->features_kind == CS_FEATURES_CSV);
  gtk_widget_set_visible (GTK_WIDGET (self->folder_row), images);
  gtk_widget_set_visible (GTK_WIDGET (self->image_column_row), images);
  gtk_widget_set_visible (GTK_WIDGET (self->ids_group), given);
  gtk_widget_set_visible (GTK_WIDGET (self->id_column_row), split->id_source == CS_IDS_COLUMN);
  gtk_widget_set_visible (GTK_WIDGET (self->ids_path_row), split->id_source == CS_IDS_FILE);
  cs_table_preview_view_set_preview (self->preview_view,
                                     cs_import_job_get_features_preview (self->job, s));
  self->reflecting = FALSE;
}

static void
reflect_problems (CsImportFeaturesStep *self)
{
  cs_import_rows_show_problems (self->problems_label, cs_import_job_dup_messages (self->job, -1));
}

/* Names or patterns as typed, separated by spaces or commas. */
static char **
split_names (const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text, " ,", -1);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (int i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_strv_builder_add (names, parts[i]);
  return g_strv_builder_end (names);
}

static void
on_changed (CsImportFeaturesStep *self)
{
  CsImportSplit *split;
  const char *columns;

  if (self->reflecting || self->job == NULL)
    return;
  split = &cs_import_job_get_plan (self->job)->splits[current_split (self)];
  split->features_kind = MIN (adw_combo_row_get_selected (self->kind_row), CS_FEATURES_IMAGES);
  cs_import_plan_set (&split->features_path, cs_import_rows_get_text (self->path_row));
  columns = cs_import_rows_get_text (self->columns_row);
  g_strfreev (split->feature_columns);
  split->feature_columns = columns ? split_names (columns) : NULL;
  cs_import_plan_set (&split->images_folder, cs_import_rows_get_text (self->folder_row));
  cs_import_plan_set (&split->image_column, cs_import_rows_get_text (self->image_column_row));
  split->id_source = MIN (adw_combo_row_get_selected (self->id_source_row), CS_IDS_FILE);
  cs_import_plan_set (&split->id_column, cs_import_rows_get_text (self->id_column_row));
  cs_import_plan_set (&split->ids_path, cs_import_rows_get_text (self->ids_path_row));
  cs_import_job_plan_changed (self->job);
}

static void
cs_import_features_step_dispose (GObject *object)
{
  CsImportFeaturesStep *self = CS_IMPORT_FEATURES_STEP (object);

  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_IMPORT_FEATURES_STEP);
  G_OBJECT_CLASS (cs_import_features_step_parent_class)->dispose (object);
}

static void
cs_import_features_step_class_init (CsImportFeaturesStepClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cs_import_features_step_dispose;

  g_type_ensure (CS_TYPE_FILE_ROW);
  g_type_ensure (CS_TYPE_TABLE_PREVIEW_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/crowdscope/Crowdscope/cs-import-features-step.ui");
  gtk_widget_class_bind_template_child (widget_class, CsImportFeaturesStep, split_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportFeaturesStep, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportFeaturesStep, path_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportFeaturesStep, columns_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportFeaturesStep, folder_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportFeaturesStep, image_column_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportFeaturesStep, ids_group);
  gtk_widget_class_bind_template_child (widget_class, CsImportFeaturesStep, id_source_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportFeaturesStep, id_column_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportFeaturesStep, ids_path_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportFeaturesStep, problems_label);
  gtk_widget_class_bind_template_child (widget_class, CsImportFeaturesStep, preview_view);
  gtk_widget_class_bind_template_callback (widget_class, reflect_plan);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
}

static void
cs_import_features_step_init (CsImportFeaturesStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
cs_import_features_step_set_job (CsImportFeaturesStep *self,
                                 CsImportJob          *job)
{
  g_return_if_fail (CS_IS_IMPORT_FEATURES_STEP (self));
  g_return_if_fail (self->job == NULL);

  self->job = g_object_ref (job);
  g_signal_connect_swapped (job, "notify::plan", G_CALLBACK (reflect_plan), self);
  g_signal_connect_swapped (job, "notify::problems", G_CALLBACK (reflect_problems), self);
  reflect_plan (self);
  reflect_problems (self);
}
