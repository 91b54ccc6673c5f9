/* cs-import-test.c — driving the import assistant as a person does, for the window's tests
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-import-test.h"

gboolean
cs_import_test_checked (gpointer job)
{
  return !cs_import_job_get_checking (job);
}

gboolean
cs_import_test_dataset_open (gpointer window)
{
  return cs_window_get_dataset (window) != NULL && !cs_window_get_loading (window);
}

GtkWidget *
cs_import_test_find (GtkWidget  *under,
                     const char *id)
{
  GtkWidget *widget = cs_window_test_find_id (under, id);

  if (widget == NULL)
    g_error ("no widget '%s'", id);
  return widget;
}

static gboolean
at_expected_step (gpointer job)
{
  return !cs_import_job_get_checking (job) &&
         (int) cs_import_job_get_step (job) ==
         GPOINTER_TO_INT (g_object_get_data (job, "cs-expected"));
}

void
cs_import_test_press_next (CsImportAssistant *assistant,
                           CsImportStep       expected)
{
  CsImportJob *job = cs_import_assistant_get_job (assistant);
  GtkWidget *next = cs_import_test_find (GTK_WIDGET (assistant), "next_button");

  cs_test_wait_for (cs_import_test_checked, job, "the step's check");
  if (!gtk_widget_get_sensitive (next))
    g_error ("step %d refused: %s", cs_import_job_get_step (job),
             cs_import_job_dup_messages (job, -1));
  g_signal_emit_by_name (next, "clicked");
  g_object_set_data (G_OBJECT (job), "cs-expected", GINT_TO_POINTER (expected));
  cs_test_wait_for (at_expected_step, job, "the next step");
}
