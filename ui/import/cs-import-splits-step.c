/* cs-import-splits-step.c — the assistant's fourth step: splits given, or carved out of train
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-import-rows.h"
#include "cs-import-splits-step.h"

struct _CsImportSplitsStep
{
  CsImportPage   parent_instance;

  /* Template widgets */
  AdwComboRow   *mode_row;
  AdwActionRow  *valid_spin_row;
  AdwActionRow  *test_spin_row;
  AdwActionRow  *seed_spin_row;
  GtkSpinButton *valid_spin;
  GtkSpinButton *test_spin;
  GtkSpinButton *seed_spin;
  GtkLabel      *train_only_label;
  GtkLabel      *problems_label;
};

G_DEFINE_FINAL_TYPE (CsImportSplitsStep, cs_import_splits_step, CS_TYPE_IMPORT_PAGE)

static void
set_value (GtkSpinButton *spin,
           double         value)
{
  if (gtk_spin_button_get_value (spin) != value)
    gtk_spin_button_set_value (spin, value);
}

static void
cs_import_splits_step_reflect (CsImportPage *page,
                               CsImportJob  *job)
{
  CsImportSplitsStep *self = CS_IMPORT_SPLITS_STEP (page);
  CsImportPlan *plan = cs_import_job_get_plan (job);

  cs_import_rows_select (self->mode_row, plan->carve ? 1 : 0);
  set_value (self->valid_spin, plan->carve_valid);
  set_value (self->test_spin, plan->carve_test);
  set_value (self->seed_spin, plan->carve_seed);
  gtk_widget_set_visible (GTK_WIDGET (self->valid_spin_row), plan->carve);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spin_row), plan->carve);
  gtk_widget_set_visible (GTK_WIDGET (self->seed_spin_row), plan->carve);
  gtk_widget_set_visible (GTK_WIDGET (self->train_only_label),
                          !plan->carve &&
                          plan->splits[CS_SPLIT_VALID].features_kind == CS_FEATURES_NONE &&
                          plan->splits[CS_SPLIT_TEST].features_kind == CS_FEATURES_NONE);
}

static void
on_changed (CsImportSplitsStep *self)
{
  CsImportJob *job = cs_import_page_get_editing_job (CS_IMPORT_PAGE (self));
  CsImportPlan *plan;

  if (job == NULL)
    return;
  plan = cs_import_job_get_plan (job);
  plan->carve = adw_combo_row_get_selected (self->mode_row) == 1;
  plan->carve_valid = gtk_spin_button_get_value_as_int (self->valid_spin);
  plan->carve_test = gtk_spin_button_get_value_as_int (self->test_spin);
  plan->carve_seed = (guint64) gtk_spin_button_get_value (self->seed_spin);
  cs_import_job_plan_changed (job);
}

static void
cs_import_splits_step_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CS_TYPE_IMPORT_SPLITS_STEP);
  G_OBJECT_CLASS (cs_import_splits_step_parent_class)->dispose (object);
}

static void
cs_import_splits_step_class_init (CsImportSplitsStepClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cs_import_splits_step_dispose;
  CS_IMPORT_PAGE_CLASS (klass)->reflect = cs_import_splits_step_reflect;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/crowdscope/Crowdscope/cs-import-splits-step.ui");
  gtk_widget_class_bind_template_child (widget_class, CsImportSplitsStep, mode_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportSplitsStep, valid_spin_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportSplitsStep, test_spin_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportSplitsStep, seed_spin_row);
  gtk_widget_class_bind_template_child (widget_class, CsImportSplitsStep, valid_spin);
  gtk_widget_class_bind_template_child (widget_class, CsImportSplitsStep, test_spin);
  gtk_widget_class_bind_template_child (widget_class, CsImportSplitsStep, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, CsImportSplitsStep, train_only_label);
  gtk_widget_class_bind_template_child (widget_class, CsImportSplitsStep, problems_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
}

static void
cs_import_splits_step_init (CsImportSplitsStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cs_import_page_set_problems_label (CS_IMPORT_PAGE (self), self->problems_label);
}
