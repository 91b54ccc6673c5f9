/* cs-import-features-step.c — the assistant's second step: each split's features and ids
 *
 * One set of rows edits the split chosen at the top; the rows a kind does not use are hidden.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "cs-file-row.h"
#include "cs-import-features-step.h"
#include "cs-import-rows.h"
#include "cs-table-preview-view.h"

struct _CsImportFeaturesStep
{
  CsImportPage         parent_instance;

  /* Template widgets */
  AdwComboRow         *split_row;
  AdwComboRow         *kind_row;
  CsFileRow           *path_row;
  AdwEntryRow         *columns_row;
  CsFileRow           *folder_row;
  AdwEntryRow         *image_column_row;
  GtkLabel            *descriptor_label;
  AdwPreferencesGroup *ids_group;
  AdwComboRow         *id_source_row;
  AdwEntryRow         *id_column_row;
  CsFileRow           *ids_path_row;
  CsFileRow           *gold_table_row;
  GtkLabel            *problems_label;
  CsTablePreviewView  *preview_view;
};

G_DEFINE_FINAL_TYPE (CsImportFeaturesStep, cs_import_features_step, CS_TYPE_IMPORT_PAGE)

static CsSplitKind
current_split (CsImportFeaturesStep *self)
{
  guint selected = adw_combo_row_get_selected (self->split_row);

  return selected < CS_N_SPLITS ? selected : CS_SPLIT_TRAIN;
}

static void
cs_import_features_step_reflect (CsImportPage *page,
                                 CsImportJob  *job)
{
  CsImportFeaturesStep *self = CS_IMPORT_FEATURES_STEP (page);
  CsSplitKind s = current_split (self);
  CsImportSplit *split = &cs_import_job_get_plan (job)->splits[s];
  CsFeaturesKind kind = split->features_kind;
  gboolean images = kind == CS_FEATURES_IMAGES;
  gboolean images_only = cs_import_split_is_images_only (split);
  g_autofree char *columns = split->feature_columns ? g_strjoinv (" ", split->feature_columns) : NULL;

  cs_import_rows_select (self->kind_row, kind);
  cs_import_rows_set_text (self->path_row, split->features_path);
  cs_file_row_set_tables (self->path_row, kind == CS_FEATURES_CSV || kind == CS_FEATURES_IMAGES);
  cs_file_row_set_arrays (self->path_row, kind == CS_FEATURES_NPY);
  cs_import_rows_set_text (self->columns_row, columns);
  cs_import_rows_set_text (self->folder_row, split->images_folder);
  cs_import_rows_set_text (self->image_column_row, split->image_column);
  cs_import_rows_select (self->id_source_row, split->id_source);
  cs_import_rows_set_text (self->id_column_row, split->id_column);
  cs_import_rows_set_text (self->ids_path_row, split->ids_path);
  if (split->id_source == CS_IDS_GOLD_ORDER)
    cs_import_rows_set_text (self->gold_table_row, split->gold_path);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->path_row),
                                 images ? _("Table naming the images (optional)")
                                        : _("Features file"));
  gtk_widget_set_visible (GTK_WIDGET (self->path_row), kind != CS_FEATURES_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->columns_row), kind == CS_FEATURES_CSV);
  gtk_widget_set_visible (GTK_WIDGET (self->folder_row), images);
  gtk_widget_set_visible (GTK_WIDGET (self->image_column_row), images && !images_only);
  gtk_widget_set_visible (GTK_WIDGET (self->descriptor_label), images_only);
  gtk_widget_set_visible (GTK_WIDGET (self->ids_group), kind != CS_FEATURES_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->id_column_row), split->id_source == CS_IDS_COLUMN);
  gtk_widget_set_visible (GTK_WIDGET (self->ids_path_row), split->id_source == CS_IDS_FILE);
  gtk_widget_set_visible (GTK_WIDGET (self->gold_table_row), split->id_source == CS_IDS_GOLD_ORDER);
  cs_table_preview_view_set_preview (self->preview_view, cs_import_job_get_features_preview (job, s));
}

static void
on_changed (CsImportFeaturesStep *self)
{
  CsImportJob *job = cs_import_page_get_editing_job (CS_IMPORT_PAGE (self));
  CsImportSplit *split;

  if (job == NULL)
    return;
  split = &cs_import_job_get_plan (job)->splits[current_split (self)];
  split->features_kind = MIN (adw_combo_row_get_selected (self->kind_row), CS_FEATURES_IMAGES);
  cs_import_plan_set (&split->features_path, cs_import_rows_get_text (self->path_row));
  g_strfreev (split->feature_columns);
  split->feature_columns = cs_import_rows_get_names (self->columns_row, " ,");
  cs_import_plan_set (&split->images_folder, cs_import_rows_get_text (self->folder_row));
  cs_import_plan_set (&split->image_column, cs_import_rows_get_text (self->image_column_row));
  split->id_source = MIN (adw_combo_row_get_selected (self->id_source_row), CS_IDS_IMAGE_NAMES);
  cs_import_split_settle_ids (split);
  cs_import_plan_set (&split->id_column, cs_import_rows_get_text (self->id_column_row));
  cs_import_plan_set (&split->ids_path, cs_import_rows_get_text (self->ids_path_row));
  if (split->id_source == CS_IDS_GOLD_ORDER)
    {
      /* The table that orders the items is their gold too, as the gold step then shows. */
      cs_import_plan_set (&split->gold_path, cs_import_rows_get_text (self->gold_table_row));
      split->gold_source = CS_GOLD_TABLE;
    }
  cs_import_job_plan_changed (job);
}

static void
cs_import_features_step_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CS_TYPE_IMPORT_FEATURES_STEP);
  G_OBJECT_CLASS (cs_import_features_step_parent_class)->dispose (object);
}

static void
cs_import_features_step_class_init (CsImportFeaturesStepClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cs_import_features_step_dispose;
  CS_IMPORT_PAGE_CLASS (klass)->reflect = cs_import_features_step_reflect;

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
  gtk_widget_class_bind_template_child (widget_class, CsImportFeaturesStep, gold_table_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportFeaturesStep, descriptor_label);
  gtk_widget_class_bind_template_child (widget_class, CsImportFeaturesStep, problems_label);
  gtk_widget_class_bind_template_child (widget_class, CsImportFeaturesStep, preview_view);
  gtk_widget_class_bind_template_callback (widget_class, cs_import_page_reflect);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
}

static void
cs_import_features_step_init (CsImportFeaturesStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cs_import_page_set_problems_label (CS_IMPORT_PAGE (self), self->problems_label);
}
