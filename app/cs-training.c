/* cs-training.c — one training run on a worker thread, seen from the main thread
 *
 * The worker gets its own copy of the configuration, a reference to the (immutable) dataset
 * and the run's GCancellable; it never touches this object. After every epoch it queues a
 * snapshot on a shared channel and, unless one is pending already, attaches one source to the
 * main context, so however fast epochs come the main loop handles them in one batch, at least
 * DELIVERY_INTERVAL_MS apart: a LabelMe epoch takes a few milliseconds, and redrawing the
 * curves for every one would cost the main thread more than the training thread spends.
 * The channel and the task hold only a weak reference to this object: a training the window
 * lets go of is finalized, which stops its run, and the run's late results go nowhere.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "cs-checkpoint.h"
#include "cs-enum-types.h"
#include "cs-error.h"
#include "cs-run-store.h"
#include "cs-training.h"

/* The annotator explorer draws every epoch's matrices; they are kept within this budget by
 * keeping every n-th epoch's when a long run with many annotators would exceed it. */
#define SNAPSHOT_BUDGET ((size_t) 64 << 20)

/* Ten deliveries a second: curves still grow smoothly, and the main loop stays mostly idle. */
#define DELIVERY_INTERVAL_MS 100

typedef struct
{
  gatomicrefcount  ref;
  GMutex           mutex;
  GArray          *pending;     /* of CsEpochSnapshot, filled by the worker */
  gboolean         scheduled;   /* a source is attached and has not run yet */
  gint64           delivered_at; /* monotonic µs of the last delivery */
  GMainContext    *context;
  GWeakRef         owner;
  GApplication    *application; /* held while the run goes on, or NULL */
} Channel;

typedef struct
{
  CsDataset     *dataset;
  CsTrainConfig  config;
  GCancellable  *cancellable;
  Channel       *channel;
  int            matrix_stride; /* keep the matrices of every n-th epoch */
  float         *label_w;       /* [train n_labels]: CoNAL's w, worked out for a kept epoch */
  gint64         started_at;    /* monotonic µs, when the worker began */
  gint64         effective_us;  /* spent working out effective confusions so far */
  CsEpochSnapshot *result;      /* the result's matrices, made by the worker once it ends */
  char          *store_path;    /* where the worker keeps the result (a run store), or NULL */
  char          *kept_id;       /* its id there, once kept */
  char          *keep_error;    /* or why it was not */
} Work;

struct _CsTraining
{
  GObject          parent_instance;

  /* Owned */
  CsDataset       *dataset;
  CsTrainConfig    config;
  GArray          *epochs;      /* of CsEpochSnapshot */
  GCancellable    *cancellable;
  Channel         *channel;
  CsRun           *run;
  CsEpochSnapshot *result;      /* the run's selected epoch's matrices, with the run */
  char            *message;
  char            *saved_path;
  char            *store_path;
  char            *kept_id;
  char            *keep_error;

  CsTrainingState  state;
  gint64           started_at;
  gint64           ended_at;
};

enum {
  PROP_0,
  PROP_STATE,
  PROP_N_EPOCHS,
  PROP_MESSAGE,
  PROP_HAS_RESULT,
  PROP_SAVED_PATH,
  PROP_KEPT_ID,
  N_PROPS
};

enum {
  EPOCHS_ADDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CsTraining, cs_training, G_TYPE_OBJECT)

static Channel *
channel_new (CsTraining *owner)
{
  Channel *channel = g_new0 (Channel, 1);

  g_atomic_ref_count_init (&channel->ref);
  g_mutex_init (&channel->mutex);
  channel->pending = cs_epoch_snapshot_array_new ();
  channel->context = g_main_context_ref_thread_default ();
  g_weak_ref_init (&channel->owner, owner);
  return channel;
}

static Channel *
channel_ref (Channel *channel)
{
  g_atomic_ref_count_inc (&channel->ref);
  return channel;
}

static void
channel_unref (Channel *channel)
{
  if (!g_atomic_ref_count_dec (&channel->ref))
    return;
  g_array_unref (channel->pending);
  g_main_context_unref (channel->context);
  g_clear_object (&channel->application);
  g_weak_ref_clear (&channel->owner);
  g_mutex_clear (&channel->mutex);
  g_free (channel);
}

/* Main thread: moves what the worker queued into the training's history: every epoch the
 * worker finished, those after a stop was asked for too, since a stopped run's result may be
 * one of them. */
static void
channel_deliver (Channel *channel)
{
  g_autoptr(CsTraining) self = g_weak_ref_get (&channel->owner);
  g_autoptr(GArray) batch = NULL;
  guint first;

  g_mutex_lock (&channel->mutex);
  batch = g_steal_pointer (&channel->pending);
  channel->pending = cs_epoch_snapshot_array_new ();
  channel->scheduled = FALSE;
  channel->delivered_at = g_get_monotonic_time ();
  g_mutex_unlock (&channel->mutex);

  if (self == NULL || batch->len == 0)
    return;
  first = self->epochs->len;
  g_array_append_vals (self->epochs, batch->data, batch->len);
  /* The snapshots' matrices now belong to self->epochs. */
  g_array_set_clear_func (batch, NULL);
  g_signal_emit (self, signals[EPOCHS_ADDED], 0, first, batch->len);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_EPOCHS]);
}

static gboolean
channel_idle (gpointer data)
{
  channel_deliver (data);
  return G_SOURCE_REMOVE;
}

/* Worker thread. */
static void
channel_push (Channel         *channel,
              CsEpochSnapshot *snapshot)
{
  g_mutex_lock (&channel->mutex);
  g_array_append_vals (channel->pending, snapshot, 1);
  if (!channel->scheduled)
    {
      gint64 since = (g_get_monotonic_time () - channel->delivered_at) / 1000;
      g_autoptr(GSource) source = since >= DELIVERY_INTERVAL_MS
                                  ? g_idle_source_new ()
                                  : g_timeout_source_new ((guint) (DELIVERY_INTERVAL_MS - since));

      channel->scheduled = TRUE;
      /* Behind input and redraws, as an idle would be. */
      g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
      g_source_set_callback (source, channel_idle, channel_ref (channel), (GDestroyNotify) channel_unref);
      g_source_set_static_name (source, "[crowdscope] training progress");
      g_source_attach (source, channel->context);
    }
  g_mutex_unlock (&channel->mutex);
}

static void
work_free (Work *work)
{
  cs_dataset_unref (work->dataset);
  g_object_unref (work->cancellable);
  channel_unref (work->channel);
  g_free (work->label_w);
  g_free (work->store_path);
  g_free (work->kept_id);
  g_free (work->keep_error);
  g_clear_pointer (&work->result, cs_epoch_snapshot_free);
  g_free (work);
}

/* Working out CoNAL's effective confusions takes a forward pass over the train split (its w),
 * about as long as a LabelMe epoch: the worker does it for a kept epoch only while that keeps
 * within EFFECTIVE_SHARE of its time, and always for the last epoch and the result. */
#define EFFECTIVE_SHARE 0.05

static void
on_epoch (const CsEpochMetrics *metrics,
          CsModel              *model,
          gpointer              data)
{
  Work *work = data;
  CsEpochSnapshot snapshot = { *metrics };
  gboolean last = metrics->epoch == work->config.epochs;
  double spent = (double) (g_get_monotonic_time () - work->started_at);

  if (metrics->epoch % work->matrix_stride == 0 || last)
    {
      gboolean effective = last || work->effective_us <= EFFECTIVE_SHARE * spent;
      gint64 begin = g_get_monotonic_time ();

      cs_epoch_snapshot_fill (&snapshot, work->dataset, model, work->label_w, effective);
      if (snapshot.effective != NULL)
        work->effective_us += g_get_monotonic_time () - begin;
    }
  channel_push (work->channel, &snapshot);
}

static bool
should_stop (gpointer data)
{
  Work *work = data;

  return g_cancellable_is_cancelled (work->cancellable);
}

static void
train_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Work *work = task_data;
  CsTrainCallbacks callbacks = { on_epoch, should_stop, work };
  GError *error = NULL;
  CsRun *run;

  work->started_at = g_get_monotonic_time ();
  if ((run = cs_train (work->dataset, &work->config, &callbacks, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The result's own: its model holds the selected epoch's weights. */
  work->result = cs_epoch_snapshot_new_result (run);
  if (work->store_path != NULL)
    {
      g_autoptr(CsRunStore) store = cs_run_store_new (work->store_path);
      g_autoptr(GError) keep_error = NULL;

      if ((work->kept_id = cs_run_store_save (store, run, NULL, &keep_error)) == NULL)
        work->keep_error = g_strdup (keep_error->message);
    }
  g_task_return_pointer (task, run, (GDestroyNotify) cs_run_free);
}

static void
set_state (CsTraining      *self,
           CsTrainingState  state)
{
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}


/* Keeping the matrices --------------------------------------------------------------------- */

/* Worker thread: a run that has ended is not changed, so its epochs are read here safely. */
static void
keep_matrices_in_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  CsTraining *self = CS_TRAINING (source_object);
  GError *error = NULL;

  if (cs_epoch_snapshots_save (self->epochs, self->result, self->dataset->n_classes,
                               self->dataset->n_annotators, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_matrices_kept (GObject      *object,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(GApplication) application = data;
  g_autoptr(GError) error = NULL;

  /* The run is kept without them: a reopened run then shows its result's matrices alone. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_debug ("the run's matrices were not kept: %s", error->message);
  if (application != NULL)
    g_application_release (application);
}

/* Writes the epochs' matrices beside the kept run, on a worker thread; the application is held
 * until they are written. */
static void
keep_matrices (CsTraining *self)
{
  g_autoptr(CsRunStore) store = cs_run_store_new (self->store_path);
  g_autofree char *dir = cs_run_store_dup_run_dir (store, self->kept_id, NULL);
  GApplication *application = g_application_get_default ();
  g_autoptr(GTask) task = NULL;

  if (dir == NULL)
    return;
  if (application != NULL)
    g_application_hold (application);
  task = g_task_new (self, NULL, on_matrices_kept, application ? g_object_ref (application) : NULL);
  g_task_set_source_tag (task, keep_matrices);
  g_task_set_task_data (task, g_build_filename (dir, CS_RUN_MATRICES_FILE, NULL), g_free);
  g_task_run_in_thread (task, keep_matrices_in_thread);
}

static void
on_finished (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  Channel *channel = data;
  g_autoptr(CsTraining) self = g_weak_ref_get (&channel->owner);
  g_autoptr(GError) error = NULL;
  CsRun *run = g_task_propagate_pointer (G_TASK (result), &error);

  if (channel->application != NULL)
    g_application_release (channel->application);
  g_clear_object (&channel->application);
  if (self == NULL)
    {
      g_clear_pointer (&run, cs_run_free);
      channel_unref (channel);
      return;
    }
  /* Epochs still queued arrive before the end does. */
  channel_deliver (channel);
  channel_unref (channel);
  self->ended_at = g_get_monotonic_time ();
  if (run != NULL)
    {
      Work *work = g_task_get_task_data (G_TASK (result));

      self->run = run;
      self->result = g_steal_pointer (&work->result);
      self->kept_id = g_steal_pointer (&work->kept_id);
      self->keep_error = g_steal_pointer (&work->keep_error);
      if (self->kept_id != NULL)
        {
          keep_matrices (self);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEPT_ID]);
        }
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_RESULT]);
      set_state (self, run->stopped ? CS_TRAINING_STOPPED : CS_TRAINING_FINISHED);
      return;
    }
  g_free (self->message);
  self->message = g_strdup (error->message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
  set_state (self, g_error_matches (error, CS_ERROR, CS_ERROR_CANCELLED) ? CS_TRAINING_STOPPED
                                                                          : CS_TRAINING_FAILED);
}

/* Every n-th epoch's matrices stay, n the smallest that keeps the run within the budget. */
static int
matrix_stride (CsTraining *self)
{
  size_t K = self->dataset->n_classes, R = self->dataset->n_annotators;
  /* W_g, W_r and CoNAL's effective confusions, with its mean w. */
  size_t per_epoch = sizeof (float) * (K * K * (2 * R + 1) + R);
  size_t total = per_epoch * (size_t) self->config.epochs;

  return (int) MAX (1, (total + SNAPSHOT_BUDGET - 1) / SNAPSHOT_BUDGET);
}

/**
 * cs_training_start:
 *
 * Starts the run on a worker thread. While it runs the application is held, so closing the
 * last window stops the run and the process ends only once the worker has.
 */
void
cs_training_start (CsTraining *self)
{
  g_autoptr(GTask) task = NULL;
  Work *work;

  g_return_if_fail (CS_IS_TRAINING (self));
  g_return_if_fail (self->state == CS_TRAINING_READY);

  work = g_new0 (Work, 1);
  work->dataset = cs_dataset_ref (self->dataset);
  work->config = self->config;
  work->cancellable = g_object_ref (self->cancellable);
  work->channel = channel_ref (self->channel);
  work->matrix_stride = matrix_stride (self);
  work->label_w = g_new (float, MAX (self->dataset->splits[CS_SPLIT_TRAIN].n_labels, 1));
  work->store_path = g_strdup (self->store_path);

  /* No source object: the task must not keep the training alive. */
  task = g_task_new (NULL, NULL, on_finished, channel_ref (self->channel));
  g_task_set_source_tag (task, cs_training_start);
  g_task_set_task_data (task, work, (GDestroyNotify) work_free);
  if (g_application_get_default ())
    {
      self->channel->application = g_object_ref (g_application_get_default ());
      g_application_hold (self->channel->application);
    }
  self->started_at = g_get_monotonic_time ();
  set_state (self, CS_TRAINING_RUNNING);
  g_task_run_in_thread (task, train_in_thread);
}

/* Asks the worker to stop after its current mini-batch; the state turns to STOPPED when it
 * has. Safe at any time. */
void
cs_training_stop (CsTraining *self)
{
  g_return_if_fail (CS_IS_TRAINING (self));

  g_cancellable_cancel (self->cancellable);
}

static void
cs_training_dispose (GObject *object)
{
  CsTraining *self = CS_TRAINING (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (cs_training_parent_class)->dispose (object);
}

static void
cs_training_finalize (GObject *object)
{
  CsTraining *self = CS_TRAINING (object);

  g_clear_pointer (&self->dataset, cs_dataset_unref);
  g_clear_pointer (&self->epochs, g_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->channel, channel_unref);
  g_clear_pointer (&self->run, cs_run_free);
  g_clear_pointer (&self->result, cs_epoch_snapshot_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->saved_path, g_free);
  g_clear_pointer (&self->store_path, g_free);
  g_clear_pointer (&self->kept_id, g_free);
  g_clear_pointer (&self->keep_error, g_free);
  G_OBJECT_CLASS (cs_training_parent_class)->finalize (object);
}

static void
cs_training_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CsTraining *self = CS_TRAINING (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_N_EPOCHS:
      g_value_set_uint (value, self->epochs->len);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_HAS_RESULT:
      g_value_set_boolean (value, self->run != NULL);
      break;
    case PROP_SAVED_PATH:
      g_value_set_string (value, self->saved_path);
      break;
    case PROP_KEPT_ID:
      g_value_set_string (value, self->kept_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_training_class_init (CsTrainingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cs_training_dispose;
  object_class->finalize = cs_training_finalize;
  object_class->get_property = cs_training_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CS_TYPE_TRAINING_STATE, CS_TRAINING_READY,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_EPOCHS] =
    g_param_spec_uint ("n-epochs", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the run has a result to show and save: it finished, or was stopped after an
   * epoch or more. */
  properties[PROP_HAS_RESULT] =
    g_param_spec_boolean ("has-result", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The run's id in the run store it was kept in (cs_training_set_store_path), once it is. */
  properties[PROP_KEPT_ID] =
    g_param_spec_string ("kept-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The folder the result was last saved in, or NULL. */
  properties[PROP_SAVED_PATH] =
    g_param_spec_string ("saved-path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CsTraining::epochs-added:
   * @first: the index of the first new epoch
   * @n: how many epochs arrived
   *
   * Emitted on the main thread when the worker has finished epochs; several epochs arrive
   * together when the main loop was busy.
   */
  signals[EPOCHS_ADDED] =
    g_signal_new ("epochs-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
cs_training_init (CsTraining *self)
{
  self->epochs = cs_epoch_snapshot_array_new ();
  self->cancellable = g_cancellable_new ();
  self->channel = channel_new (self);
}

CsTraining *
cs_training_new (CsDataset           *dataset,
                 const CsTrainConfig *config)
{
  CsTraining *self;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (config != NULL, NULL);

  self = g_object_new (CS_TYPE_TRAINING, NULL);
  self->dataset = cs_dataset_ref (dataset);
  self->config = *config;
  return self;
}

CsTrainingState cs_training_get_state (CsTraining *self) { return self->state; }
CsDataset *cs_training_get_dataset (CsTraining *self) { return self->dataset; }
const CsTrainConfig *cs_training_get_config (CsTraining *self) { return &self->config; }
guint cs_training_get_n_epochs (CsTraining *self) { return self->epochs->len; }
const CsRun *cs_training_get_run (CsTraining *self) { return self->run; }
const char *cs_training_get_message (CsTraining *self) { return self->message; }
gboolean cs_training_get_has_result (CsTraining *self) { return self->run != NULL; }
gboolean cs_training_get_stopping (CsTraining *self) { return g_cancellable_is_cancelled (self->cancellable); }
const char *cs_training_get_saved_path (CsTraining *self) { return self->saved_path; }
const char *cs_training_get_kept_id (CsTraining *self) { return self->kept_id; }
const char *cs_training_get_keep_error (CsTraining *self) { return self->keep_error; }

void
cs_training_set_store_path (CsTraining *self,
                            const char *path)
{
  g_return_if_fail (CS_IS_TRAINING (self));
  g_return_if_fail (self->state == CS_TRAINING_READY);

  g_free (self->store_path);
  self->store_path = g_strdup (path);
}

char *
cs_training_dup_title (CsTraining *self)
{
  g_return_val_if_fail (CS_IS_TRAINING (self), NULL);

  return g_strdup_printf (_("%s, seed %" PRIu64), cs_method_get_title (self->config.method),
                          self->config.seed);
}

const CsEpochSnapshot *
cs_training_get_result_matrices (CsTraining *self)
{
  g_return_val_if_fail (CS_IS_TRAINING (self), NULL);
  return self->result;
}

const CsEpochSnapshot *
cs_training_get_epoch (CsTraining *self,
                       guint       index)
{
  g_return_val_if_fail (CS_IS_TRAINING (self), NULL);
  g_return_val_if_fail (index < self->epochs->len, NULL);

  return &g_array_index (self->epochs, CsEpochSnapshot, index);
}

double
cs_training_get_fraction (CsTraining *self)
{
  return (double) self->epochs->len / self->config.epochs;
}

double
cs_training_get_elapsed (CsTraining *self)
{
  gint64 end = self->state == CS_TRAINING_RUNNING ? g_get_monotonic_time () : self->ended_at;

  return self->started_at ? (end - self->started_at) / 1e6 : 0.0;
}

/* From the pace so far; NaN before the first epoch. */
double
cs_training_get_remaining (CsTraining *self)
{
  guint done = self->epochs->len;

  if (self->state != CS_TRAINING_RUNNING)
    return 0.0;
  if (done == 0)
    return NAN;
  return cs_training_get_elapsed (self) / done * (self->config.epochs - done);
}

/* Saving -------------------------------------------------------------------------------- */

/* Worker thread: the run is not changed once it has ended, so reading it here is safe. */
static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CsTraining *self = CS_TRAINING (source_object);
  GError *error = NULL;

  if (cs_checkpoint_save (self->run, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
cs_training_save_async (CsTraining          *self,
                        const char          *folder,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CS_IS_TRAINING (self));
  g_return_if_fail (folder != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_training_save_async);
  g_task_set_task_data (task, g_strdup (folder), g_free);
  if (self->run == NULL)
    {
      g_task_return_new_error (task, CS_ERROR, CS_ERROR_INVALID,
                               _("the run has no result to save yet"));
      return;
    }
  g_task_run_in_thread (task, save_in_thread);
}

gboolean
cs_training_save_finish (CsTraining    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  g_free (self->saved_path);
  self->saved_path = g_strdup (g_task_get_task_data (G_TASK (result)));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVED_PATH]);
  return TRUE;
}

/* Reopening ------------------------------------------------------------------------------ */

typedef struct
{
  CsDataset       *dataset;
  char            *store_path;
  char            *id;
  CsRun           *run;        /* what the worker made */
  GArray          *epochs;
  CsEpochSnapshot *result;
} Reopen;

static void
reopen_free (Reopen *reopen)
{
  cs_dataset_unref (reopen->dataset);
  g_free (reopen->store_path);
  g_free (reopen->id);
  g_clear_pointer (&reopen->run, cs_run_free);
  g_clear_pointer (&reopen->epochs, g_array_unref);
  g_clear_pointer (&reopen->result, cs_epoch_snapshot_free);
  g_free (reopen);
}

/* The matrices kept with the run, or NULL: a run kept without them (by an experiment, or
 * whose matrices could not be written or read) shows its result's alone. */
static CsRunMatrices *
load_matrices (CsRunStore *store,
               const char *id,
               int         K,
               int         R)
{
  g_autofree char *dir = cs_run_store_dup_run_dir (store, id, NULL);
  g_autofree char *path = dir ? g_build_filename (dir, CS_RUN_MATRICES_FILE, NULL) : NULL;
  g_autoptr(GError) error = NULL;
  CsRunMatrices *matrices;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  if (!(matrices = cs_run_matrices_load (path, K, R, &error)))
    g_debug ("%s", error->message);
  return matrices;
}

static void
reopen_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Reopen *reopen = task_data;
  g_autoptr(CsRunStore) store = cs_run_store_new (reopen->store_path);
  g_autoptr(CsCheckpoint) checkpoint = NULL;
  g_autoptr(CsRunMatrices) matrices = NULL;
  GError *error = NULL;
  int K = reopen->dataset->n_classes, R = reopen->dataset->n_annotators;

  if (!(checkpoint = cs_run_store_load (store, reopen->id, NULL, &error)) ||
      !(reopen->run = cs_run_new_from_checkpoint (checkpoint, reopen->dataset, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  matrices = load_matrices (store, reopen->id, K, R);
  reopen->epochs = cs_epoch_snapshots_new_kept (reopen->run->history, matrices, K, R);
  reopen->result = cs_epoch_snapshot_new_result (reopen->run);
  g_task_return_boolean (task, TRUE);
}

void
cs_training_reopen_async (CsDataset           *dataset,
                          const char          *store_path,
                          const char          *id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Reopen *reopen;

  g_return_if_fail (dataset != NULL && store_path != NULL && id != NULL);

  reopen = g_new0 (Reopen, 1);
  reopen->dataset = cs_dataset_ref (dataset);
  reopen->store_path = g_strdup (store_path);
  reopen->id = g_strdup (id);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_training_reopen_async);
  g_task_set_task_data (task, reopen, (GDestroyNotify) reopen_free);
  g_task_run_in_thread (task, reopen_in_thread);
}

CsTraining *
cs_training_reopen_finish (GAsyncResult  *result,
                           GError       **error)
{
  Reopen *reopen;
  CsTraining *self;
  double seconds = 0;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  reopen = g_task_get_task_data (G_TASK (result));
  self = cs_training_new (reopen->dataset, &reopen->run->config);
  g_array_unref (self->epochs);
  self->epochs = g_steal_pointer (&reopen->epochs);
  self->run = g_steal_pointer (&reopen->run);
  self->result = g_steal_pointer (&reopen->result);
  self->store_path = g_strdup (reopen->store_path);
  self->kept_id = g_strdup (reopen->id);
  /* Its time is the training's, as the history has it: evaluation is not counted. */
  for (guint i = 0; i < self->run->history->len; i++)
    seconds += g_array_index (self->run->history, CsEpochMetrics, i).seconds;
  self->ended_at = g_get_monotonic_time ();
  self->started_at = self->ended_at - (gint64) (seconds * 1e6) - 1;
  self->state = self->run->stopped ? CS_TRAINING_STOPPED : CS_TRAINING_FINISHED;
  return self;
}
