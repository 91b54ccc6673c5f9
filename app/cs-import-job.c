/* cs-import-job.c — an import assistant's state: the plan being filled, its checks, its summary
 *
 * The widgets of the assistant fill the plan and reflect the job. Each change of the plan
 * checks the current step again on a worker thread, with its own copy of the plan: a check
 * reads files, the summary loads the whole dataset. A result from a check that a later
 * change replaced is dropped.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <unistd.h>

#include "cs-import-job.h"

#define PREVIEW_ROWS 20

struct _CsImportJob
{
  GObject          parent_instance;

  /* Owned */
  CsImportPlan    *plan;
  CsImportStep     step;
  GPtrArray       *problems;       /* of CsImportProblem, the current step's */
  CsImportSummary *summary;
  CsTablePreview  *crowd_preview;
  CsTablePreview  *features_preview[CS_N_SPLITS];
  CsTablePreview  *gold_preview[CS_N_SPLITS];
  GCancellable    *check;          /* the check under way, or NULL */
  char            *crowd_read;     /* the crowd file the preview was read from */
  gboolean         checked;        /* the problems are those of the plan as it is */
  gboolean         going_on;       /* Next was pressed: go on once the check is clean */
};

enum {
  PROP_0,
  PROP_PLAN,
  PROP_STEP,
  PROP_PROBLEMS,
  PROP_CHECKING,
  PROP_CAN_GO_ON,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CsImportJob, cs_import_job, G_TYPE_OBJECT)

/* Checks ------------------------------------------------------------------------------- */

typedef struct
{
  CsImportPlan    *plan;
  CsImportStep     step;
  GPtrArray       *problems;
  CsImportSummary *summary;
} Check;

static void
check_free (Check *check)
{
  cs_import_plan_free (check->plan);
  g_clear_pointer (&check->problems, g_ptr_array_unref);
  g_clear_pointer (&check->summary, cs_import_summary_free);
  g_free (check);
}

static void
check_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  Check *check = data;

  check->problems = cs_import_plan_check (check->plan, check->step);
  if (check->step == CS_IMPORT_STEP_SUMMARY && check->problems->len == 0)
    {
      g_autoptr(GError) error = NULL;

      check->summary = cs_import_summary_new (check->plan, &error);
      if (check->summary == NULL)
        g_ptr_array_add (check->problems,
                         cs_import_problem_new (CS_IMPORT_STEP_SUMMARY, CS_SPLIT_TRAIN,
                                                error->code, NULL, 0, 0, "%s", error->message));
    }
  g_task_return_boolean (task, TRUE);
}

static void set_step (CsImportJob  *self,
                      CsImportStep  step);

static void
notify_state (CsImportJob *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_ON]);
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  CsImportJob *self = CS_IMPORT_JOB (source);
  GTask *task = G_TASK (result);
  Check *check = g_task_get_task_data (task);

  /* A check that a later change replaced says nothing about the plan as it is. */
  if (g_task_had_error (task) || g_task_get_cancellable (task) != self->check)
    return;
  g_clear_object (&self->check);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = g_steal_pointer (&check->problems);
  self->checked = TRUE;
  if (check->summary != NULL)
    {
      g_clear_pointer (&self->summary, cs_import_summary_free);
      self->summary = g_steal_pointer (&check->summary);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
    }
  notify_state (self);
  if (self->going_on)
    {
      self->going_on = FALSE;
      if (self->problems->len == 0)
        set_step (self, self->step + 1);
    }
}

static void
check_now (CsImportJob *self)
{
  g_autoptr(GTask) task = NULL;
  Check *check = g_new0 (Check, 1);

  if (self->check != NULL)
    g_cancellable_cancel (self->check);
  g_clear_object (&self->check);
  self->check = g_cancellable_new ();
  self->checked = FALSE;
  self->going_on = FALSE;
  check->plan = cs_import_plan_copy (self->plan);
  check->step = self->step;
  task = g_task_new (self, self->check, on_checked, NULL);
  g_task_set_task_data (task, check, (GDestroyNotify) check_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, check_thread);
  notify_state (self);
}

/* Previews ------------------------------------------------------------------------------ */

static CsTablePreview *
load_preview (const char *path)
{
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  /* A table that cannot be previewed is reported by the step's check, with its line. */
  return cs_table_preview_load (path, 0, PREVIEW_ROWS, NULL);
}

static gboolean
same_path (const CsTablePreview *preview,
           const char           *path)
{
  return preview != NULL ? g_strcmp0 (preview->path, path) == 0 : path == NULL;
}

/* Rereads *preview when the file it should show is another one (NULL: none). */
static void
update_preview (CsTablePreview **preview,
                const char      *path)
{
  if (same_path (*preview, path))
    return;
  g_clear_pointer (preview, cs_table_preview_free);
  *preview = load_preview (path);
}

static void
read_previews (CsImportJob *self)
{
  if (g_strcmp0 (self->crowd_read, self->plan->crowd_path) != 0)
    {
      g_clear_pointer (&self->crowd_preview, cs_table_preview_free);
      g_free (self->crowd_read);
      self->crowd_read = g_strdup (self->plan->crowd_path);
      self->crowd_preview = load_preview (self->plan->crowd_path);
      if (self->crowd_preview != NULL && self->plan->crowd_format == CS_CROWD_LONG_TABLE)
        cs_import_plan_guess_crowd_columns (self->plan,
                                            (const char * const *) self->crowd_preview->header);
    }
  for (int s = 0; s < CS_N_SPLITS; s++)
    {
      const CsImportSplit *split = &self->plan->splits[s];
      const char *path = split->features_kind == CS_FEATURES_CSV ||
                         split->features_kind == CS_FEATURES_IMAGES ? split->features_path : NULL;

      update_preview (&self->features_preview[s], path);
      update_preview (&self->gold_preview[s],
                      split->gold_source == CS_GOLD_TABLE ? split->gold_path : NULL);
    }
}


/* The object ----------------------------------------------------------------------------- */

static void
cs_import_job_dispose (GObject *object)
{
  CsImportJob *self = CS_IMPORT_JOB (object);

  if (self->check != NULL)
    g_cancellable_cancel (self->check);
  g_clear_object (&self->check);
  G_OBJECT_CLASS (cs_import_job_parent_class)->dispose (object);
}

static void
cs_import_job_finalize (GObject *object)
{
  CsImportJob *self = CS_IMPORT_JOB (object);

  g_clear_pointer (&self->plan, cs_import_plan_free);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->summary, cs_import_summary_free);
  g_clear_pointer (&self->crowd_preview, cs_table_preview_free);
  for (int s = 0; s < CS_N_SPLITS; s++)
    {
      g_clear_pointer (&self->features_preview[s], cs_table_preview_free);
      g_clear_pointer (&self->gold_preview[s], cs_table_preview_free);
    }
  g_free (self->crowd_read);
  G_OBJECT_CLASS (cs_import_job_parent_class)->finalize (object);
}

static void
cs_import_job_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CsImportJob *self = CS_IMPORT_JOB (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_pointer (value, self->plan);
      break;
    case PROP_STEP:
      g_value_set_int (value, self->step);
      break;
    case PROP_PROBLEMS:
      g_value_take_string (value, cs_import_job_dup_messages (self, -1));
      break;
    case PROP_CHECKING:
      g_value_set_boolean (value, cs_import_job_get_checking (self));
      break;
    case PROP_CAN_GO_ON:
      g_value_set_boolean (value, cs_import_job_get_can_go_on (self));
      break;
    case PROP_SUMMARY:
      g_value_set_pointer (value, self->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_import_job_class_init (CsImportJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cs_import_job_dispose;
  object_class->finalize = cs_import_job_finalize;
  object_class->get_property = cs_import_job_get_property;

  properties[PROP_PLAN] =
    g_param_spec_pointer ("plan", NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STEP] =
    g_param_spec_int ("step", NULL, NULL, 0, CS_IMPORT_N_STEPS - 1, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBLEMS] =
    g_param_spec_string ("problems", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHECKING] =
    g_param_spec_boolean ("checking", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_GO_ON] =
    g_param_spec_boolean ("can-go-on", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_pointer ("summary", NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cs_import_job_init (CsImportJob *self)
{
  self->plan = cs_import_plan_new ();
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_import_problem_free);
}

CsImportJob *
cs_import_job_new (void)
{
  return g_object_new (CS_TYPE_IMPORT_JOB, NULL);
}

CsImportPlan *
cs_import_job_get_plan (CsImportJob *self)
{
  g_return_val_if_fail (CS_IS_IMPORT_JOB (self), NULL);
  return self->plan;
}

void
cs_import_job_plan_changed (CsImportJob *self)
{
  g_return_if_fail (CS_IS_IMPORT_JOB (self));

  read_previews (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
  check_now (self);
}

void
cs_import_job_set_crowd_path (CsImportJob *self,
                              const char  *path)
{
  g_return_if_fail (CS_IS_IMPORT_JOB (self));

  cs_import_plan_set (&self->plan->crowd_path, path);
  /* Columns guessed from another file's header do not belong to this one. */
  cs_import_plan_set (&self->plan->item_column, NULL);
  cs_import_plan_set (&self->plan->annotator_column, NULL);
  cs_import_plan_set (&self->plan->label_column, NULL);
  cs_import_job_plan_changed (self);
}

CsImportStep
cs_import_job_get_step (CsImportJob *self)
{
  g_return_val_if_fail (CS_IS_IMPORT_JOB (self), 0);
  return self->step;
}

GPtrArray *
cs_import_job_get_problems (CsImportJob *self)
{
  g_return_val_if_fail (CS_IS_IMPORT_JOB (self), NULL);
  return self->problems;
}

char *
cs_import_job_dup_messages (CsImportJob *self,
                            int          split)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (CS_IS_IMPORT_JOB (self), NULL);

  for (guint i = 0; i < self->problems->len; i++)
    {
      const CsImportProblem *problem = g_ptr_array_index (self->problems, i);

      if (split >= 0 && (int) problem->split != split)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, problem->message);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

gboolean
cs_import_job_get_checking (CsImportJob *self)
{
  g_return_val_if_fail (CS_IS_IMPORT_JOB (self), FALSE);
  return self->check != NULL;
}

gboolean
cs_import_job_get_can_go_on (CsImportJob *self)
{
  g_return_val_if_fail (CS_IS_IMPORT_JOB (self), FALSE);
  return self->checked && self->problems->len == 0;
}

static void
set_step (CsImportJob  *self,
          CsImportStep  step)
{
  self->step = step;
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_import_problem_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
  check_now (self);
}

/* The files may have changed since the step was last checked: it is checked once more. */
gboolean
cs_import_job_go_on (CsImportJob *self)
{
  g_return_val_if_fail (CS_IS_IMPORT_JOB (self), FALSE);

  if (!cs_import_job_get_can_go_on (self) || self->step + 1 >= CS_IMPORT_N_STEPS)
    return FALSE;
  check_now (self);
  self->going_on = TRUE;
  return TRUE;
}

void
cs_import_job_go_back (CsImportJob *self)
{
  g_return_if_fail (CS_IS_IMPORT_JOB (self));

  if (self->step > 0)
    set_step (self, self->step - 1);
}

const CsTablePreview *
cs_import_job_get_crowd_preview (CsImportJob *self)
{
  g_return_val_if_fail (CS_IS_IMPORT_JOB (self), NULL);
  return self->crowd_preview;
}

const CsTablePreview *
cs_import_job_get_features_preview (CsImportJob *self,
                                    CsSplitKind  split)
{
  g_return_val_if_fail (CS_IS_IMPORT_JOB (self), NULL);
  g_return_val_if_fail (split < CS_N_SPLITS, NULL);
  return self->features_preview[split];
}

const CsTablePreview *
cs_import_job_get_gold_preview (CsImportJob *self,
                                CsSplitKind  split)
{
  g_return_val_if_fail (CS_IS_IMPORT_JOB (self), NULL);
  g_return_val_if_fail (split < CS_N_SPLITS, NULL);
  return self->gold_preview[split];
}

const CsImportSummary *
cs_import_job_get_summary (CsImportJob *self)
{
  g_return_val_if_fail (CS_IS_IMPORT_JOB (self), NULL);
  return self->summary;
}

char *
cs_import_job_dup_manifest_dir (CsImportJob *self,
                                gboolean    *fallback)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (CS_IS_IMPORT_JOB (self), NULL);

  if (self->plan->folder != NULL)
    dir = g_strdup (self->plan->folder);
  else if (self->plan->crowd_path != NULL)
    dir = g_path_get_dirname (self->plan->crowd_path);
  *fallback = dir == NULL || g_access (dir, W_OK) != 0;
  if (*fallback)
    return cs_import_plan_fallback_dir (self->plan, NULL);
  return g_steal_pointer (&dir);
}

/* Writing ------------------------------------------------------------------------------- */

static void
write_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  char *path = cs_import_plan_write (data, NULL, &error);

  if (path == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, path, g_free);
}

void
cs_import_job_write_async (CsImportJob         *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CS_IS_IMPORT_JOB (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_import_job_write_async);
  g_task_set_task_data (task, cs_import_plan_copy (self->plan), (GDestroyNotify) cs_import_plan_free);
  g_task_run_in_thread (task, write_thread);
}

char *
cs_import_job_write_finish (CsImportJob   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
