/* cs-import-assistant.c — a person's own data, step by step, into a manifest the window opens
 *
 * The assistant shows its job's steps one at a time. Next is sensitive only once the job has
 * checked the current step and found nothing wrong; on the last step it reads Import, which
 * writes the manifest (the only file the assistant writes), hands it to the window to open,
 * and closes.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "cs-import-assistant.h"
#include "cs-import-crowd-step.h"
#include "cs-import-features-step.h"
#include "cs-import-gold-step.h"
#include "cs-import-splits-step.h"
#include "cs-import-summary-step.h"

struct _CsImportAssistant
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwWindowTitle       *title_widget;
  GtkButton            *back_button;
  GtkButton            *next_button;
  GtkStack             *stack;
  CsImportCrowdStep    *crowd_step;
  CsImportFeaturesStep *features_step;
  CsImportGoldStep     *gold_step;
  CsImportSplitsStep   *splits_step;
  CsImportSummaryStep  *summary_step;

  /* Owned */
  CsImportJob          *job;
  GCancellable         *writing;    /* the write under way, or NULL */

  /* Borrowed */
  CsWindow             *window;     /* weak */
};

G_DEFINE_FINAL_TYPE (CsImportAssistant, cs_import_assistant, ADW_TYPE_WINDOW)

static const char *
step_title (CsImportStep step)
{
  switch (step)
    {
    case CS_IMPORT_STEP_CROWD:
      return _("Crowd Labels");
    case CS_IMPORT_STEP_FEATURES:
      return _("Features");
    case CS_IMPORT_STEP_GOLD:
      return _("Gold Labels");
    case CS_IMPORT_STEP_SPLITS:
      return _("Splits");
    case CS_IMPORT_STEP_SUMMARY:
    case CS_IMPORT_N_STEPS:
    default:
      return _("Summary");
    }
}

static void
update_buttons (CsImportAssistant *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button),
                            self->writing == NULL && cs_import_job_get_can_go_on (self->job));
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button),
                            self->writing == NULL && cs_import_job_get_step (self->job) > 0);
}

static void
on_step_changed (CsImportAssistant *self)
{
  CsImportStep step = cs_import_job_get_step (self->job);
  GtkWidget *steps[CS_IMPORT_N_STEPS] = {
    GTK_WIDGET (self->crowd_step), GTK_WIDGET (self->features_step), GTK_WIDGET (self->gold_step),
    GTK_WIDGET (self->splits_step), GTK_WIDGET (self->summary_step),
  };
  g_autofree char *subtitle = NULL;

  /* Translators: "Step 2 of 5: Features" */
  subtitle = g_strdup_printf (_("Step %d of %d: %s"), step + 1, CS_IMPORT_N_STEPS, step_title (step));
  adw_window_title_set_subtitle (self->title_widget, subtitle);
  gtk_stack_set_visible_child (self->stack, steps[step]);
  gtk_button_set_label (self->next_button, step == CS_IMPORT_STEP_SUMMARY ? _("_Import") : _("_Next"));
  update_buttons (self);
}

static void
show_write_error (CsImportAssistant *self,
                  const char        *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Manifest Could Not Be Written"),
                                              message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_written (GObject      *object,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(CsImportAssistant) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cs_import_job_write_finish (CS_IMPORT_JOB (object), result, &error);

  g_clear_object (&self->writing);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  update_buttons (self);
  if (path == NULL)
    {
      show_write_error (self, error->message);
      return;
    }
  if (self->window != NULL)
    {
      g_autofree char *toast = g_strdup_printf (_("Manifest written to %s"), path);

      cs_window_open_path (self->window, path);
      cs_window_show_toast (self->window, toast);
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

void
cs_import_assistant_next (CsImportAssistant *self)
{
  g_return_if_fail (CS_IS_IMPORT_ASSISTANT (self));

  if (!cs_import_job_get_can_go_on (self->job) || self->writing != NULL)
    return;
  if (cs_import_job_get_step (self->job) < CS_IMPORT_STEP_SUMMARY)
    {
      cs_import_job_go_on (self->job);
      return;
    }
  self->writing = g_cancellable_new ();
  update_buttons (self);
  cs_import_job_write_async (self->job, self->writing, on_written, g_object_ref (self));
}

static void
on_next_clicked (CsImportAssistant *self)
{
  cs_import_assistant_next (self);
}

static void
on_back_clicked (CsImportAssistant *self)
{
  cs_import_job_go_back (self->job);
}

static void
cs_import_assistant_dispose (GObject *object)
{
  CsImportAssistant *self = CS_IMPORT_ASSISTANT (object);

  if (self->writing != NULL)
    g_cancellable_cancel (self->writing);
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_weak_pointer (&self->window);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_IMPORT_ASSISTANT);
  G_OBJECT_CLASS (cs_import_assistant_parent_class)->dispose (object);
}

static void
cs_import_assistant_finalize (GObject *object)
{
  CsImportAssistant *self = CS_IMPORT_ASSISTANT (object);

  g_clear_object (&self->job);
  g_clear_object (&self->writing);
  G_OBJECT_CLASS (cs_import_assistant_parent_class)->finalize (object);
}

static void
cs_import_assistant_class_init (CsImportAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_import_assistant_dispose;
  object_class->finalize = cs_import_assistant_finalize;

  g_type_ensure (CS_TYPE_IMPORT_CROWD_STEP);
  g_type_ensure (CS_TYPE_IMPORT_FEATURES_STEP);
  g_type_ensure (CS_TYPE_IMPORT_GOLD_STEP);
  g_type_ensure (CS_TYPE_IMPORT_SPLITS_STEP);
  g_type_ensure (CS_TYPE_IMPORT_SUMMARY_STEP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/crowdscope/Crowdscope/cs-import-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, CsImportAssistant, title_widget);
  gtk_widget_class_bind_template_child (widget_class, CsImportAssistant, back_button);
  gtk_widget_class_bind_template_child (widget_class, CsImportAssistant, next_button);
  gtk_widget_class_bind_template_child (widget_class, CsImportAssistant, stack);
  gtk_widget_class_bind_template_child (widget_class, CsImportAssistant, crowd_step);
  gtk_widget_class_bind_template_child (widget_class, CsImportAssistant, features_step);
  gtk_widget_class_bind_template_child (widget_class, CsImportAssistant, gold_step);
  gtk_widget_class_bind_template_child (widget_class, CsImportAssistant, splits_step);
  gtk_widget_class_bind_template_child (widget_class, CsImportAssistant, summary_step);
  gtk_widget_class_bind_template_callback (widget_class, gtk_window_close);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cs_import_assistant_init (CsImportAssistant *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->job = cs_import_job_new ();
  /* The train split's features are required: start from the commonest kind. */
  cs_import_job_get_plan (self->job)->splits[CS_SPLIT_TRAIN].features_kind = CS_FEATURES_CSV;
  cs_import_page_set_job (CS_IMPORT_PAGE (self->crowd_step), self->job);
  cs_import_page_set_job (CS_IMPORT_PAGE (self->features_step), self->job);
  cs_import_page_set_job (CS_IMPORT_PAGE (self->gold_step), self->job);
  cs_import_page_set_job (CS_IMPORT_PAGE (self->splits_step), self->job);
  cs_import_page_set_job (CS_IMPORT_PAGE (self->summary_step), self->job);
  g_signal_connect_swapped (self->job, "notify::step", G_CALLBACK (on_step_changed), self);
  g_signal_connect_swapped (self->job, "notify::can-go-on", G_CALLBACK (update_buttons), self);
  cs_import_job_plan_changed (self->job);
  on_step_changed (self);
}

CsImportAssistant *
cs_import_assistant_new (CsWindow *window)
{
  CsImportAssistant *self;

  g_return_val_if_fail (CS_IS_WINDOW (window), NULL);

  self = g_object_new (CS_TYPE_IMPORT_ASSISTANT, "transient-for", window, NULL);
  g_set_weak_pointer (&self->window, window);
  return self;
}

CsImportAssistant *
cs_import_assistant_new_for_file (CsWindow   *window,
                                  const char *crowd_path)
{
  CsImportAssistant *self = cs_import_assistant_new (window);

  cs_import_job_set_crowd_path (self->job, crowd_path);
  return self;
}

CsImportJob *
cs_import_assistant_get_job (CsImportAssistant *self)
{
  g_return_val_if_fail (CS_IS_IMPORT_ASSISTANT (self), NULL);
  return self->job;
}
