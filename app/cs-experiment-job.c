/* cs-experiment-job.c — methods × seeds trained on worker threads, seen from the main thread
 *
 * The core's experiment runs in a GTask's thread and trains on its own workers; after each
 * finished run the core (one run at a time) hands its row's figures to a callback here, which
 * passes a copy to the main thread. The rows' objects change there only. When the experiment
 * has ended, every row is read once more from the experiment itself, so that the table is the
 * core's whatever order the updates arrived in. Each update also carries a copy of the finished
 * run's history, taken on the worker while the run is the core's to read.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "cs-enum-types.h"
#include "cs-error.h"
#include "cs-experiment-job.h"
#include "cs-run-store.h"

/* What the workers and the main thread share (an atomic rc box); outlives the job while a
 * worker runs. */
typedef struct
{
  gint             abort;          /* atomic */
  GWeakRef         owner;
  GMainContext    *context;
  GApplication    *application;    /* held while running, or NULL */
} Shared;

typedef struct
{
  Shared       *shared;
  CsDataset    *dataset;
  CsExperiment *experiment;
  int           jobs;
  CsRunStore   *store;        /* where each finished run is kept, or NULL */
} Work;

typedef struct
{
  Shared          *shared;
  int              row;
  int              seed_index;
  CsExperimentRow  figures;
  GArray          *history;    /* the run's, of CsEpochMetrics: a copy the main thread takes */
  char            *keep_error; /* why the run could not be kept, or NULL */
} Update;

struct _CsExperimentJob
{
  GObject            parent_instance;

  CsDataset         *dataset;
  CsTrainConfig     *configs;        /* [n_methods] */
  int                n_methods;
  int                n_seeds;
  GListStore        *results;        /* of CsExperimentResult */
  CsExperiment      *experiment;     /* once ended */
  CsExperimentState  state;
  int                n_finished;
  char              *message;
  char              *store_path;
  int                n_kept;
  char              *keep_error;     /* the first run's that could not be kept */
  Shared            *shared;
  gint64             started_at;     /* monotonic µs */
  gint64             ended_at;
};

enum {
  PROP_0,
  PROP_STATE,
  PROP_N_FINISHED,
  PROP_N_TOTAL,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CsExperimentJob, cs_experiment_job, G_TYPE_OBJECT)

static Shared *
shared_ref (Shared *shared)
{
  return g_atomic_rc_box_acquire (shared);
}

static void
shared_clear (gpointer data)
{
  Shared *shared = data;

  g_weak_ref_clear (&shared->owner);
  g_main_context_unref (shared->context);
  g_clear_object (&shared->application);
}

static void
shared_unref (Shared *shared)
{
  g_atomic_rc_box_release_full (shared, shared_clear);
}

static void
work_free (Work *work)
{
  shared_unref (work->shared);
  cs_dataset_unref (work->dataset);
  g_clear_pointer (&work->experiment, cs_experiment_free);
  g_clear_pointer (&work->store, cs_run_store_free);
  g_free (work);
}

static void
set_state (CsExperimentJob   *self,
           CsExperimentState  state)
{
  self->state = state;
  if (state == CS_EXPERIMENT_RUNNING)
    self->started_at = g_get_monotonic_time ();
  else if (state > CS_EXPERIMENT_RUNNING)
    self->ended_at = g_get_monotonic_time ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_row (CsExperimentJob       *self,
         int                    row,
         const CsExperimentRow *figures)
{
  g_autoptr(CsExperimentResult) result = g_list_model_get_item (G_LIST_MODEL (self->results), row);
  int before = cs_experiment_result_get_n_runs (result);

  cs_experiment_result_update (result, figures);
  if (figures->n_runs != before)
    {
      self->n_finished += figures->n_runs - before;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FINISHED]);
    }
}

/* Main thread. */
static gboolean
deliver (gpointer data)
{
  Update *update = data;
  g_autoptr(CsExperimentJob) self = g_weak_ref_get (&update->shared->owner);

  if (self == NULL)
    return G_SOURCE_REMOVE;
  if (update->keep_error == NULL && self->store_path != NULL)
    self->n_kept++;
  else if (update->keep_error != NULL && self->keep_error == NULL)
    self->keep_error = g_strdup (update->keep_error);
  if (self->state == CS_EXPERIMENT_RUNNING)
    {
      g_autoptr(CsExperimentResult) result = g_list_model_get_item (G_LIST_MODEL (self->results),
                                                                    update->row);

      cs_experiment_result_set_history (result, update->seed_index,
                                        g_steal_pointer (&update->history));
      set_row (self, update->row, &update->figures);
    }
  return G_SOURCE_REMOVE;
}

static void
update_free (gpointer data)
{
  Update *update = data;

  shared_unref (update->shared);
  g_clear_pointer (&update->history, g_array_unref);
  g_free (update->keep_error);
  g_free (update);
}

/* A worker thread; the core calls it one run at a time. */
static void
on_run (const CsExperimentRun *finished,
        const CsExperimentRow *row,
        gpointer               data)
{
  Work *work = data;
  Update *update = g_new (Update, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  *update = (Update) { shared_ref (work->shared), finished->row, finished->seed_index, *row,
                       g_array_copy (finished->run->history), NULL };
  if (work->store != NULL && (id = cs_run_store_save (work->store, finished->run, NULL, &error)) == NULL)
    update->keep_error = g_strdup (error->message);
  g_main_context_invoke_full (work->shared->context, G_PRIORITY_DEFAULT_IDLE, deliver, update,
                              update_free);
}

/* Any worker thread. */
static bool
should_stop (gpointer data)
{
  Work *work = data;

  return g_atomic_int_get (&work->shared->abort) != 0;
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Work *work = task_data;
  CsExperimentCallbacks callbacks = { on_run, should_stop, work };
  GError *error = NULL;

  if (cs_experiment_run (work->experiment, work->jobs, &callbacks, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* The histories of a row's finished runs whose update has not come yet, from the experiment
 * itself once it has ended. */
static void
fill_histories (CsExperimentJob *self,
                int              row)
{
  g_autoptr(CsExperimentResult) result = g_list_model_get_item (G_LIST_MODEL (self->results), row);

  for (int s = 0; s < self->n_seeds; s++)
    {
      const CsRun *run = cs_experiment_get_run (self->experiment, row, s);

      if (run != NULL && cs_experiment_result_get_history (result, s) == NULL)
        cs_experiment_result_set_history (result, s, g_array_copy (run->history));
    }
}

static void
on_finished (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  Shared *shared = data;
  g_autoptr(CsExperimentJob) self = g_weak_ref_get (&shared->owner);
  g_autoptr(GError) error = NULL;
  Work *work = g_task_get_task_data (G_TASK (result));
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (shared->application != NULL)
    g_application_release (shared->application);
  g_clear_object (&shared->application);
  shared_unref (shared);
  if (self == NULL)
    return;
  self->experiment = g_steal_pointer (&work->experiment);
  for (int m = 0; m < self->n_methods; m++)
    {
      CsExperimentRow row;

      fill_histories (self, m);
      cs_experiment_get_row (self->experiment, m, &row);
      set_row (self, m, &row);
    }
  if (!ok)
    {
      self->message = g_strdup (error->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
  set_state (self, ok ? CS_EXPERIMENT_FINISHED
                      : g_error_matches (error, CS_ERROR, CS_ERROR_CANCELLED) ? CS_EXPERIMENT_STOPPED
                                                                              : CS_EXPERIMENT_FAILED);
}

void
cs_experiment_job_start (CsExperimentJob *self,
                         int              jobs)
{
  g_autoptr(GTask) task = NULL;
  Work *work;

  g_return_if_fail (CS_IS_EXPERIMENT_JOB (self));
  g_return_if_fail (self->state == CS_EXPERIMENT_READY);
  g_return_if_fail (jobs >= 1);

  work = g_new0 (Work, 1);
  work->shared = shared_ref (self->shared);
  work->dataset = cs_dataset_ref (self->dataset);
  work->experiment = cs_experiment_new (self->dataset, self->configs, self->n_methods, self->n_seeds);
  /* The window draws every run's test accuracy epoch by epoch. */
  cs_experiment_set_test_every_epoch (work->experiment, true);
  work->jobs = jobs;
  work->store = self->store_path != NULL ? cs_run_store_new (self->store_path) : NULL;
  /* No source object: the task must not keep the job alive. */
  task = g_task_new (NULL, NULL, on_finished, shared_ref (self->shared));
  g_task_set_source_tag (task, cs_experiment_job_start);
  g_task_set_task_data (task, work, (GDestroyNotify) work_free);
  if (g_application_get_default ())
    {
      self->shared->application = g_object_ref (g_application_get_default ());
      g_application_hold (self->shared->application);
    }
  set_state (self, CS_EXPERIMENT_RUNNING);
  g_task_run_in_thread (task, run_in_thread);
}

void
cs_experiment_job_stop (CsExperimentJob *self)
{
  g_return_if_fail (CS_IS_EXPERIMENT_JOB (self));
  g_atomic_int_set (&self->shared->abort, 1);
}

CsExperimentState
cs_experiment_job_get_state (CsExperimentJob *self)
{
  g_return_val_if_fail (CS_IS_EXPERIMENT_JOB (self), CS_EXPERIMENT_READY);
  return self->state;
}

GListModel *
cs_experiment_job_get_results (CsExperimentJob *self)
{
  g_return_val_if_fail (CS_IS_EXPERIMENT_JOB (self), NULL);
  return G_LIST_MODEL (self->results);
}

int
cs_experiment_job_get_n_finished (CsExperimentJob *self)
{
  g_return_val_if_fail (CS_IS_EXPERIMENT_JOB (self), 0);
  return self->n_finished;
}

int
cs_experiment_job_get_n_total (CsExperimentJob *self)
{
  g_return_val_if_fail (CS_IS_EXPERIMENT_JOB (self), 0);
  return self->n_methods * self->n_seeds;
}

const char *
cs_experiment_job_get_message (CsExperimentJob *self)
{
  g_return_val_if_fail (CS_IS_EXPERIMENT_JOB (self), NULL);
  return self->message;
}

const CsExperiment *
cs_experiment_job_get_experiment (CsExperimentJob *self)
{
  g_return_val_if_fail (CS_IS_EXPERIMENT_JOB (self), NULL);
  return self->experiment;
}

void
cs_experiment_job_set_store_path (CsExperimentJob *self,
                                  const char      *path)
{
  g_return_if_fail (CS_IS_EXPERIMENT_JOB (self));
  g_return_if_fail (self->state == CS_EXPERIMENT_READY);

  g_free (self->store_path);
  self->store_path = g_strdup (path);
}

int
cs_experiment_job_get_n_kept (CsExperimentJob *self)
{
  g_return_val_if_fail (CS_IS_EXPERIMENT_JOB (self), 0);
  return self->n_kept;
}

const char *
cs_experiment_job_get_keep_error (CsExperimentJob *self)
{
  g_return_val_if_fail (CS_IS_EXPERIMENT_JOB (self), NULL);
  return self->keep_error;
}

char *
cs_experiment_job_format_table (CsExperimentJob *self,
                                CsTableFormat    format)
{
  GString *table;

  g_return_val_if_fail (CS_IS_EXPERIMENT_JOB (self), NULL);
  if (self->experiment == NULL)
    return NULL;
  table = g_string_new (NULL);
  cs_experiment_format_table (self->experiment, format, table);
  return g_string_free (table, FALSE);
}

static void
cs_experiment_job_dispose (GObject *object)
{
  CsExperimentJob *self = CS_EXPERIMENT_JOB (object);

  /* A worker still running stops at its next mini-batch and finds no job to report to. */
  g_atomic_int_set (&self->shared->abort, 1);
  G_OBJECT_CLASS (cs_experiment_job_parent_class)->dispose (object);
}

static void
cs_experiment_job_finalize (GObject *object)
{
  CsExperimentJob *self = CS_EXPERIMENT_JOB (object);

  g_clear_pointer (&self->experiment, cs_experiment_free);
  g_clear_pointer (&self->dataset, cs_dataset_unref);
  g_clear_object (&self->results);
  g_free (self->configs);
  g_free (self->message);
  g_free (self->store_path);
  g_free (self->keep_error);
  shared_unref (self->shared);
  G_OBJECT_CLASS (cs_experiment_job_parent_class)->finalize (object);
}

static void
cs_experiment_job_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CsExperimentJob *self = CS_EXPERIMENT_JOB (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_N_FINISHED:
      g_value_set_int (value, self->n_finished);
      break;
    case PROP_N_TOTAL:
      g_value_set_int (value, cs_experiment_job_get_n_total (self));
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_experiment_job_class_init (CsExperimentJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = cs_experiment_job_dispose;
  object_class->finalize = cs_experiment_job_finalize;
  object_class->get_property = cs_experiment_job_get_property;
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, CS_TYPE_EXPERIMENT_STATE,
                                              CS_EXPERIMENT_READY, flags);
  properties[PROP_N_FINISHED] = g_param_spec_int ("n-finished", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_N_TOTAL] = g_param_spec_int ("n-total", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cs_experiment_job_init (CsExperimentJob *self)
{
  self->results = g_list_store_new (CS_TYPE_EXPERIMENT_RESULT);
  self->shared = g_atomic_rc_box_new0 (Shared);
  g_weak_ref_init (&self->shared->owner, self);
  self->shared->context = g_main_context_ref_thread_default ();
}

CsExperimentJob *
cs_experiment_job_new (CsDataset           *dataset,
                       const CsTrainConfig *configs,
                       int                  n_methods,
                       int                  n_seeds)
{
  CsExperimentJob *self;

  g_return_val_if_fail (dataset != NULL && configs != NULL, NULL);
  g_return_val_if_fail (n_methods >= 1 && n_seeds >= 1, NULL);

  self = g_object_new (CS_TYPE_EXPERIMENT_JOB, NULL);
  self->dataset = cs_dataset_ref (dataset);
  self->configs = g_memdup2 (configs, sizeof (CsTrainConfig) * n_methods);
  self->n_methods = n_methods;
  self->n_seeds = n_seeds;
  for (int m = 0; m < n_methods; m++)
    {
      g_autoptr(CsExperimentResult) result = cs_experiment_result_new (configs[m].method, n_seeds);

      g_list_store_append (self->results, result);
    }
  return self;
}

/* Seconds from the start to the end, or to now while it runs; 0 before the start. */
double
cs_experiment_job_get_elapsed (CsExperimentJob *self)
{
  gint64 end;

  g_return_val_if_fail (CS_IS_EXPERIMENT_JOB (self), 0);

  if (self->started_at == 0)
    return 0;
  end = self->state == CS_EXPERIMENT_RUNNING ? g_get_monotonic_time () : self->ended_at;
  return (end - self->started_at) / 1e6;
}
