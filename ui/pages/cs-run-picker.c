/* cs-run-picker.c — a drop-down of the session's runs on the open dataset
 *
 * It lists the runs that have something to show: a result, or (when asked) a run still
 * training, by title ("CoNAL, seed 1 (training)"), and follows the runs' states and the open
 * dataset. `training` is the chosen run: set it to show one, and watch it for the person's
 * choice.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "cs-run-picker.h"

struct _CsRunPicker
{
  GtkWidget           parent_instance;

  /* Owned */
  GtkDropDown        *dropdown;
  GtkFilterListModel *runs;
  CsSession          *session;
  CsTraining         *training;
  gboolean            running;    /* list runs still training too */
  gboolean            syncing;
};

enum {
  PROP_0,
  PROP_TRAINING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CsRunPicker, cs_run_picker, GTK_TYPE_WIDGET)

static gboolean
shows_run (gpointer item,
           gpointer data)
{
  CsRunPicker *self = data;
  CsTraining *training = item;
  CsDataset *open = self->session ? cs_session_get_dataset (self->session) : NULL;

  return open != NULL && g_strcmp0 (cs_training_get_dataset (training)->source, open->source) == 0 &&
         (cs_training_get_has_result (training) ||
          (self->running && cs_training_get_state (training) == CS_TRAINING_RUNNING));
}

static char *
run_title (CsTraining *training)
{
  g_autofree char *title = cs_training_dup_title (training);

  if (cs_training_get_state (training) == CS_TRAINING_RUNNING)
    return g_strdup_printf (_("%s (training)"), title);
  return g_steal_pointer (&title);
}

/* The drop-down shows the chosen run. */
static void
show_training (CsRunPicker *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->runs));

  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->dropdown, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsTraining) run = g_list_model_get_item (G_LIST_MODEL (self->runs), i);

      if (run == self->training)
        gtk_drop_down_set_selected (self->dropdown, i);
    }
  self->syncing = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->dropdown), n > 0);
}

static void
on_chosen (CsRunPicker *self)
{
  CsTraining *training = gtk_drop_down_get_selected_item (self->dropdown);

  if (!self->syncing && training != NULL)
    cs_run_picker_set_training (self, training);
}

/* Which runs show changes with their states and with the dataset. */
static void
refilter (CsRunPicker *self)
{
  gtk_filter_changed (gtk_filter_list_model_get_filter (self->runs), GTK_FILTER_CHANGE_DIFFERENT);
  show_training (self);
}

void
cs_run_picker_set_session (CsRunPicker *self,
                           CsSession   *session,
                           gboolean     running)
{
  g_return_if_fail (CS_IS_RUN_PICKER (self));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  self->running = running;
  gtk_filter_list_model_set_model (self->runs, session ? cs_session_get_runs (session) : NULL);
  if (session != NULL)
    {
      g_signal_connect_swapped (session, "notify::dataset", G_CALLBACK (refilter), self);
      g_signal_connect_swapped (session, "notify::running", G_CALLBACK (refilter), self);
    }
  refilter (self);
}

CsTraining *
cs_run_picker_get_training (CsRunPicker *self)
{
  g_return_val_if_fail (CS_IS_RUN_PICKER (self), NULL);
  return self->training;
}

void
cs_run_picker_set_training (CsRunPicker *self,
                            CsTraining  *training)
{
  g_return_if_fail (CS_IS_RUN_PICKER (self));

  if (g_set_object (&self->training, training))
    {
      refilter (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRAINING]);
    }
}

static void
cs_run_picker_dispose (GObject *object)
{
  CsRunPicker *self = CS_RUN_PICKER (object);

  cs_run_picker_set_session (self, NULL, FALSE);
  g_clear_object (&self->training);
  g_clear_pointer ((GtkWidget **) &self->dropdown, gtk_widget_unparent);
  g_clear_object (&self->runs);
  G_OBJECT_CLASS (cs_run_picker_parent_class)->dispose (object);
}

static void
cs_run_picker_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_TRAINING:
      g_value_set_object (value, CS_RUN_PICKER (object)->training);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_run_picker_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_TRAINING:
      cs_run_picker_set_training (CS_RUN_PICKER (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_run_picker_class_init (CsRunPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cs_run_picker_dispose;
  object_class->get_property = cs_run_picker_get_property;
  object_class->set_property = cs_run_picker_set_property;

  properties[PROP_TRAINING] =
    g_param_spec_object ("training", NULL, NULL, CS_TYPE_TRAINING,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
cs_run_picker_init (CsRunPicker *self)
{
  GtkExpression *title = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                      G_CALLBACK (run_title), NULL, NULL);

  self->runs = gtk_filter_list_model_new (NULL, GTK_FILTER (gtk_custom_filter_new (shows_run, self, NULL)));
  self->dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->runs)), title));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->dropdown), _("The run whose results are shown"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Run"), -1);
  g_signal_connect_swapped (self->dropdown, "notify::selected", G_CALLBACK (on_chosen), self);
  gtk_widget_set_parent (GTK_WIDGET (self->dropdown), GTK_WIDGET (self));
}

GtkWidget *
cs_run_picker_new (void)
{
  return g_object_new (CS_TYPE_RUN_PICKER, NULL);
}
