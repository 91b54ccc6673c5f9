/* cs-window-test.c — the real window in the states the page tests start from
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-window-test.h"

#include "cs-demo.h"
#include "cs-loss-chart-private.h"
#include "cs-train-page.h"
#include "cs-training.h"

static gboolean
loaded (gpointer data)
{
  return !cs_window_get_loading (data) && cs_session_get_figures (cs_window_get_session (data));
}

static gboolean
not_running (gpointer data)
{
  return cs_training_get_state (data) != CS_TRAINING_RUNNING;
}

GtkWidget *
cs_window_test_find (GtkWidget *widget,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cs_window_test_find (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
cs_window_test_find_id (GtkWidget  *widget,
                        const char *id)
{
  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), id) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cs_window_test_find_id (child, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
cs_window_test_find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}

gboolean
cs_window_test_dialog_shown (gpointer data)
{
  return cs_window_test_find_dialog () != NULL;
}

void
cs_window_test_answer (const char *response)
{
  GtkWidget *dialog;

  cs_test_wait_for (cs_window_test_dialog_shown, NULL, "the window to ask");
  dialog = cs_window_test_find_dialog ();
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  cs_test_spin (50);
}

void
cs_window_test_show_page (CsWindow   *window,
                          const char *page)
{
  GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (cs_window_get_train_page (window)), ADW_TYPE_VIEW_STACK);

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), page);
  cs_test_spin (300);
}

CsWindow *
cs_window_test_new_with_path (const char *path,
                              const char *page)
{
  CsWindow *window = cs_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1300, 900);
  gtk_window_present (GTK_WINDOW (window));
  cs_window_open_path (window, path);
  cs_test_wait_for (loaded, window, "the dataset and its figures");
  cs_window_test_show_page (window, page);
  return window;
}

CsWindow *
cs_window_test_new_with_demo (CsTestDir  *tmp,
                              const char *page)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_demo_write (cs_test_dir_path (tmp, NULL), 1, &error));
  return cs_window_test_new_with_path (cs_test_dir_path (tmp, NULL), page);
}

CsWindow *
cs_window_test_new_with_run (CsTestDir  *tmp,
                             const char *page)
{
  CsWindow *window = cs_window_test_new_with_demo (tmp, "overview");
  CsSession *session = cs_window_get_session (window);

  g_object_set (cs_session_get_options (session), "epochs", 8, "batch-size", 128, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.train", NULL));
  cs_test_wait_for (not_running, cs_session_get_training (session), "the run to finish");
  cs_window_test_show_page (window, page);
  return window;
}

typedef struct
{
  CsLossChart *chart;
  double       epoch;
  char        *text;
} Readout;

static gboolean
has_readout (gpointer data)
{
  Readout *r = data;

  g_clear_pointer (&r->text, g_free);
  return cs_loss_chart_get_readout (r->chart, cs_loss_chart_x_to_widget (r->chart, r->epoch),
                                    NULL, &r->text);
}

char *
cs_window_test_wait_readout (CsLossChart *chart,
                             double       epoch)
{
  Readout r = { chart, epoch, NULL };

  cs_test_wait_for (has_readout, &r, "the chart to be laid out");
  return r.text;
}
