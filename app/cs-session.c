/* cs-session.c — what the window shows: the open dataset, the current run, the runs kept
 *
 * One object holds the state the pages show, as properties and list models they bind to:
 * the dataset and its figures, its annotators and items, the hyper-parameters for the next
 * run, the current run, and every run since the session began. A run outlives a change of
 * dataset: it stays in `runs` (finished, stopped or failed) until the session ends, so opening
 * another dataset loses nothing. Opening a dataset while a run goes on is refused unless the
 * caller says to stop the run, so that the window can ask first.
 *
 * Loading and the dataset's figures run on worker threads; a result that arrives for a load
 * or a dataset that has been replaced since is dropped.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include "cs-annotator.h"
#include "cs-boxed.h"
#include "cs-dataset-task.h"
#include "cs-enum-types.h"
#include "cs-error.h"
#include "cs-item.h"
#include "cs-lazy-list.h"
#include "cs-run-store.h"
#include "cs-session.h"

struct _CsSession
{
  GObject         parent_instance;

  /* Owned */
  CsDataset      *dataset;
  CsDatasetFigures *figures;   /* of `dataset`, once worked out */
  GListModel     *annotators;
  GListModel     *items;
  GListStore     *runs;          /* of CsTraining, oldest first */
  CsTraining     *training;      /* the current run, one of runs, or NULL */
  CsTrainOptions *options;
  char           *store_path;    /* the run store runs are kept in, or NULL */
  CsRunHistory   *history;       /* its runs, or NULL */
  GCancellable   *loading;       /* the load in progress, or NULL */
  GCancellable   *figuring;      /* the figures of `dataset` being worked out, or NULL */
  CsPalette       palette;       /* the ramp rates are drawn in, on screen and exported */
};

enum {
  PROP_0,
  PROP_DATASET,
  PROP_TITLE,
  PROP_LOADING,
  PROP_FIGURES,
  PROP_ANNOTATORS,
  PROP_ITEMS,
  PROP_RUNS,
  PROP_TRAINING,
  PROP_RUNNING,
  PROP_OPTIONS,
  PROP_HISTORY,
  PROP_PALETTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (cs-session-error-quark, cs_session_error)
G_DEFINE_FINAL_TYPE (CsSession, cs_session, G_TYPE_OBJECT)

static void
notify (CsSession *self,
        guint      prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* List models ------------------------------------------------------------------------- */

/* Items of every split, train first, then valid and test. */
static GObject *
make_item (gpointer data,
           guint    position)
{
  CsDataset *dataset = data;

  for (int s = 0; s < CS_N_SPLITS; s++)
    {
      const CsSplit *split = &dataset->splits[s];

      if (!split->present)
        continue;
      if (position < (guint) split->n)
        return G_OBJECT (cs_item_new (dataset, s, position));
      position -= split->n;
    }
  g_return_val_if_reached (NULL);
}

static guint
count_items (const CsDataset *dataset)
{
  guint n = 0;

  for (int s = 0; dataset != NULL && s < CS_N_SPLITS; s++)
    n += dataset->splits[s].present ? dataset->splits[s].n : 0;
  return n;
}

/* The annotators once the figures are known (the list is empty until then): a few thousand
 * at most, each made now from the figures, so that nothing refers to them later. */
static void
set_annotators (CsSession *self)
{
  g_autoptr(GListStore) annotators = g_list_store_new (CS_TYPE_ANNOTATOR);

  for (int r = 0; self->figures != NULL && r < self->dataset->n_annotators; r++)
    {
      g_autoptr(CsAnnotator) annotator = cs_annotator_new (self->dataset, self->figures, r);

      g_list_store_append (annotators, annotator);
    }
  g_set_object (&self->annotators, G_LIST_MODEL (annotators));
  notify (self, PROP_ANNOTATORS);
}

/* The items are many (100,000 in a large crowd): each is made when a view first asks. */
static void
set_items (CsSession *self)
{
  g_autoptr(CsLazyList) items = NULL;

  items = cs_lazy_list_new (CS_TYPE_ITEM, count_items (self->dataset), make_item,
                            self->dataset ? cs_dataset_ref (self->dataset) : NULL,
                            (GDestroyNotify) cs_dataset_unref);
  g_set_object (&self->items, G_LIST_MODEL (items));
  notify (self, PROP_ITEMS);
}

/* The dataset's figures ---------------------------------------------------------------- */

static void
on_figures (GObject      *object,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(CsSession) self = data;
  g_autoptr(GError) error = NULL;
  CsDatasetFigures *figures = cs_dataset_figures_finish (result, &error);

  /* Replaced by another dataset, or the session ended: the figures go nowhere. */
  if (figures == NULL)
    return;
  g_clear_object (&self->figuring);
  self->figures = figures;
  set_annotators (self);
  notify (self, PROP_FIGURES);
}

static void
set_dataset (CsSession *self,
             CsDataset *dataset)
{
  if (self->figuring)
    g_cancellable_cancel (self->figuring);
  g_clear_object (&self->figuring);
  g_clear_pointer (&self->dataset, cs_dataset_unref);
  self->dataset = cs_dataset_ref (dataset);
  g_clear_pointer (&self->figures, cs_dataset_figures_free);
  set_annotators (self);
  set_items (self);
  cs_train_options_set_dataset (self->options, dataset->name);
  /* The run of the previous dataset stays in the runs; the next one starts afresh. */
  if (g_set_object (&self->training, NULL))
    notify (self, PROP_TRAINING);
  notify (self, PROP_DATASET);
  notify (self, PROP_TITLE);
  notify (self, PROP_FIGURES);

  self->figuring = g_cancellable_new ();
  cs_dataset_figures_async (dataset, self->figuring, on_figures, g_object_ref (self));
}

/* Opening ------------------------------------------------------------------------------ */

static void
set_loading (CsSession    *self,
             GCancellable *cancellable)
{
  gboolean was = self->loading != NULL;

  if (self->loading)
    g_cancellable_cancel (self->loading);
  g_set_object (&self->loading, cancellable);
  if (was != (cancellable != NULL))
    notify (self, PROP_LOADING);
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GTask) task = data;
  CsSession *self = g_task_get_source_object (task);
  GCancellable *mine = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(CsDataset) dataset = cs_dataset_load_finish (result, &error);

  if (self->loading != mine)
    {
      g_clear_error (&error);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("another dataset was opened meanwhile"));
      return;
    }
  set_loading (self, NULL);
  if (dataset == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  set_dataset (self, dataset);
  g_task_return_boolean (task, TRUE);
}

void
cs_session_open_async (CsSession           *self,
                       const char          *path,
                       CsSessionOpenFlags   flags,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GCancellable) loading = NULL;

  g_return_if_fail (CS_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_session_open_async);
  if (cs_session_get_busy (self))
    {
      if (!(flags & CS_SESSION_OPEN_STOP_RUN))
        {
          g_task_return_new_error (task, CS_SESSION_ERROR, CS_SESSION_ERROR_BUSY,
                                   _("a run is in progress"));
          return;
        }
      cs_session_stop (self);
    }
  loading = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();
  set_loading (self, loading);
  g_task_set_task_data (task, g_object_ref (loading), g_object_unref);
  if (path != NULL)
    cs_dataset_load_async (path, NULL, loading, on_loaded, g_steal_pointer (&task));
  else
    cs_demo_load_async (loading, on_loaded, g_steal_pointer (&task));
}

gboolean
cs_session_open_finish (CsSession     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Training ----------------------------------------------------------------------------- */

static void
on_training_state (CsTraining *training,
                   GParamSpec *pspec,
                   CsSession  *self)
{
  if (training == self->training)
    notify (self, PROP_RUNNING);
}

static void
on_training_kept (CsTraining *training,
                  GParamSpec *pspec,
                  CsSession  *self)
{
  if (self->history != NULL && cs_training_get_kept_id (training) != NULL)
    cs_run_history_refresh (self->history);
}

/* The run joins the runs as the current one. */
static void
add_run (CsSession  *self,
         CsTraining *training)
{
  g_signal_connect_object (training, "notify::state", G_CALLBACK (on_training_state), self, 0);
  g_signal_connect_object (training, "notify::kept-id", G_CALLBACK (on_training_kept), self, 0);
  g_list_store_append (self->runs, training);
  g_set_object (&self->training, training);
  notify (self, PROP_TRAINING);
}

CsTraining *
cs_session_train (CsSession  *self,
                  GError    **error)
{
  g_autoptr(CsTraining) training = NULL;
  CsTrainConfig config;

  g_return_val_if_fail (CS_IS_SESSION (self), NULL);

  if (self->dataset == NULL)
    {
      g_set_error (error, CS_SESSION_ERROR, CS_SESSION_ERROR_NO_DATASET, _("no dataset is open"));
      return NULL;
    }
  if (cs_session_get_running (self))
    {
      g_set_error (error, CS_SESSION_ERROR, CS_SESSION_ERROR_BUSY, _("a run is in progress"));
      return NULL;
    }
  cs_train_options_get_config (self->options, &config);
  if (!cs_train_config_validate (&config, error))
    return NULL;
  training = cs_training_new (self->dataset, &config);
  cs_training_set_store_path (training, self->store_path);
  add_run (self, training);
  cs_training_start (training);
  return training;
}

/* Reopening ----------------------------------------------------------------------------- */

static void
on_reopened (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GTask) task = data;
  CsSession *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr(CsTraining) training = cs_training_reopen_finish (result, &error);

  if (training == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* A run started meanwhile stays the current one. */
  if (cs_session_get_running (self))
    {
      g_task_return_new_error (task, CS_SESSION_ERROR, CS_SESSION_ERROR_BUSY, _("a run is in progress"));
      return;
    }
  /* Another dataset was opened meanwhile: the run would not be on it. */
  if (self->dataset == NULL || cs_training_get_dataset (training) != self->dataset)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("another dataset was opened meanwhile"));
      return;
    }
  add_run (self, training);
  g_task_return_pointer (task, g_steal_pointer (&training), g_object_unref);
}

static void
reopen_on_dataset (GTask *task)
{
  CsSession *self = g_task_get_source_object (task);

  cs_training_reopen_async (self->dataset, self->store_path, g_task_get_task_data (task),
                            g_task_get_cancellable (task), on_reopened, task);
}

static void
on_reopen_opened (GObject      *object,
                  GAsyncResult *result,
                  gpointer      data)
{
  GTask *task = data;
  GError *error = NULL;

  if (!cs_session_open_finish (CS_SESSION (object), result, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  reopen_on_dataset (task);
}

/* The run among the session's that was kept as `id`, or NULL. */
static CsTraining *
find_kept (CsSession  *self,
           const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->runs)); i++)
    {
      g_autoptr(CsTraining) training = g_list_model_get_item (G_LIST_MODEL (self->runs), i);

      if (g_strcmp0 (cs_training_get_kept_id (training), id) == 0)
        return g_steal_pointer (&training);
    }
  return NULL;
}

void
cs_session_reopen_async (CsSession           *self,
                         const char          *id,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(CsRunStore) store = NULL;
  g_autoptr(CsRunInfo) info = NULL;
  g_autoptr(CsTraining) training = NULL;
  GError *error = NULL;

  g_return_if_fail (CS_IS_SESSION (self));
  g_return_if_fail (id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_session_reopen_async);
  g_task_set_task_data (task, g_strdup (id), g_free);
  if (cs_session_get_running (self))
    {
      g_task_return_new_error (task, CS_SESSION_ERROR, CS_SESSION_ERROR_BUSY, _("a run is in progress"));
      return;
    }
  if (self->store_path == NULL)
    {
      g_task_return_new_error (task, CS_SESSION_ERROR, CS_SESSION_ERROR_NO_STORE, _("no run store is set"));
      return;
    }
  store = cs_run_store_new (self->store_path);
  if (!(info = cs_run_store_get_info (store, id, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  if (self->dataset != NULL && g_strcmp0 (self->dataset->source, info->dataset_path) == 0)
    {
      if ((training = find_kept (self, id)) != NULL)
        {
          g_set_object (&self->training, training);
          notify (self, PROP_TRAINING);
          g_task_return_pointer (task, g_steal_pointer (&training), g_object_unref);
          return;
        }
      reopen_on_dataset (g_steal_pointer (&task));
      return;
    }
  if (!g_file_test (info->dataset_path, G_FILE_TEST_EXISTS))
    {
      g_task_return_new_error (task, CS_SESSION_ERROR, CS_SESSION_ERROR_DATASET_GONE,
                               _("%s: the dataset “%s” the run was trained on is no longer there"),
                               info->dataset_path, info->dataset_name);
      return;
    }
  cs_session_open_async (self, info->dataset_path, CS_SESSION_OPEN_NONE, cancellable,
                         on_reopen_opened, g_steal_pointer (&task));
}

CsTraining *
cs_session_reopen_finish (CsSession     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
cs_session_stop (CsSession *self)
{
  g_return_if_fail (CS_IS_SESSION (self));

  if (self->training != NULL)
    cs_training_stop (self->training);
}

/* The object ----------------------------------------------------------------------------- */

static void
cs_session_dispose (GObject *object)
{
  CsSession *self = CS_SESSION (object);
  guint n = self->runs ? g_list_model_get_n_items (G_LIST_MODEL (self->runs)) : 0;

  /* Every run stops with the session; a worker still busy lets go of its results. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsTraining) training = g_list_model_get_item (G_LIST_MODEL (self->runs), i);

      cs_training_stop (training);
    }
  if (self->loading)
    g_cancellable_cancel (self->loading);
  if (self->figuring)
    g_cancellable_cancel (self->figuring);
  g_clear_object (&self->loading);
  g_clear_object (&self->figuring);
  g_clear_object (&self->training);
  g_clear_object (&self->runs);
  g_clear_object (&self->annotators);
  g_clear_object (&self->items);
  G_OBJECT_CLASS (cs_session_parent_class)->dispose (object);
}

static void
cs_session_finalize (GObject *object)
{
  CsSession *self = CS_SESSION (object);

  g_clear_pointer (&self->figures, cs_dataset_figures_free);
  g_clear_pointer (&self->dataset, cs_dataset_unref);
  g_clear_object (&self->options);
  g_free (self->store_path);
  g_clear_object (&self->history);
  G_OBJECT_CLASS (cs_session_parent_class)->finalize (object);
}

static void
cs_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CsSession *self = CS_SESSION (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_boxed (value, self->dataset);
      break;
    case PROP_TITLE:
      g_value_set_string (value, cs_session_get_title (self));
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading != NULL);
      break;
    case PROP_FIGURES:
      g_value_set_pointer (value, self->figures);
      break;
    case PROP_ANNOTATORS:
      g_value_set_object (value, self->annotators);
      break;
    case PROP_ITEMS:
      g_value_set_object (value, self->items);
      break;
    case PROP_RUNS:
      g_value_set_object (value, self->runs);
      break;
    case PROP_TRAINING:
      g_value_set_object (value, self->training);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, cs_session_get_running (self));
      break;
    case PROP_OPTIONS:
      g_value_set_object (value, self->options);
      break;
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_PALETTE:
      g_value_set_enum (value, self->palette);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CsSession *self = CS_SESSION (object);

  switch (prop_id)
    {
    case PROP_PALETTE:
      cs_session_set_palette (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_session_class_init (CsSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = cs_session_dispose;
  object_class->finalize = cs_session_finalize;
  object_class->get_property = cs_session_get_property;
  object_class->set_property = cs_session_set_property;

  properties[PROP_DATASET] = g_param_spec_boxed ("dataset", NULL, NULL, CS_TYPE_DATASET, flags);
  /* The open dataset's name, or NULL. */
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, flags);
  /* The open dataset's CsDatasetFigures once worked out, NULL before. */
  properties[PROP_FIGURES] = g_param_spec_pointer ("figures", NULL, NULL, flags);
  /* Of CsAnnotator, empty until the figures are known. */
  properties[PROP_ANNOTATORS] =
    g_param_spec_object ("annotators", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  /* Of CsItem: the train split's items, then valid's and test's. */
  properties[PROP_ITEMS] = g_param_spec_object ("items", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  /* Of CsTraining: every run of the session, oldest first, the current one too. */
  properties[PROP_RUNS] = g_param_spec_object ("runs", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_TRAINING] =
    g_param_spec_object ("training", NULL, NULL, CS_TYPE_TRAINING, flags);
  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, flags);
  properties[PROP_OPTIONS] =
    g_param_spec_object ("options", NULL, NULL, CS_TYPE_TRAIN_OPTIONS, flags);
  /* The runs of the run store (NULL when there is none), refreshed as runs are kept. */
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, CS_TYPE_RUN_HISTORY, flags);
  /* The ramp the pages draw rates in (matrices, their exports), a person's choice. */
  properties[PROP_PALETTE] =
    g_param_spec_enum ("palette", NULL, NULL, CS_TYPE_PALETTE, CS_PALETTE_BLUES,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cs_session_init (CsSession *self)
{
  self->runs = g_list_store_new (CS_TYPE_TRAINING);
  self->options = cs_train_options_new ();
  self->store_path = cs_run_store_default_path ();
  self->history = cs_run_history_new (self->store_path);
  set_annotators (self);
  set_items (self);
}

CsSession *
cs_session_new (void)
{
  return g_object_new (CS_TYPE_SESSION, NULL);
}

const char *
cs_session_get_store_path (CsSession *self)
{
  g_return_val_if_fail (CS_IS_SESSION (self), NULL);
  return self->store_path;
}

void
cs_session_set_store_path (CsSession  *self,
                           const char *path)
{
  g_return_if_fail (CS_IS_SESSION (self));

  g_free (self->store_path);
  self->store_path = g_strdup (path);
  g_clear_object (&self->history);
  if (path != NULL)
    self->history = cs_run_history_new (path);
  notify (self, PROP_HISTORY);
}

CsRunHistory *
cs_session_get_history (CsSession *self)
{
  g_return_val_if_fail (CS_IS_SESSION (self), NULL);
  return self->history;
}

CsDataset *
cs_session_get_dataset (CsSession *self)
{
  g_return_val_if_fail (CS_IS_SESSION (self), NULL);
  return self->dataset;
}

const char *
cs_session_get_title (CsSession *self)
{
  g_return_val_if_fail (CS_IS_SESSION (self), NULL);
  return self->dataset ? self->dataset->name : NULL;
}

gboolean
cs_session_get_loading (CsSession *self)
{
  g_return_val_if_fail (CS_IS_SESSION (self), FALSE);
  return self->loading != NULL;
}

const CsDatasetFigures *
cs_session_get_figures (CsSession *self)
{
  g_return_val_if_fail (CS_IS_SESSION (self), NULL);
  return self->figures;
}

const CsDatasetStats *
cs_session_get_stats (CsSession *self)
{
  g_return_val_if_fail (CS_IS_SESSION (self), NULL);
  return self->figures ? self->figures->stats : NULL;
}

GListModel *
cs_session_get_annotators (CsSession *self)
{
  g_return_val_if_fail (CS_IS_SESSION (self), NULL);
  return self->annotators;
}

GListModel *
cs_session_get_items (CsSession *self)
{
  g_return_val_if_fail (CS_IS_SESSION (self), NULL);
  return self->items;
}

GListModel *
cs_session_get_runs (CsSession *self)
{
  g_return_val_if_fail (CS_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->runs);
}

CsTraining *
cs_session_get_training (CsSession *self)
{
  g_return_val_if_fail (CS_IS_SESSION (self), NULL);
  return self->training;
}

gboolean
cs_session_get_running (CsSession *self)
{
  g_return_val_if_fail (CS_IS_SESSION (self), FALSE);
  return self->training != NULL && cs_training_get_state (self->training) == CS_TRAINING_RUNNING;
}

CsPalette
cs_session_get_palette (CsSession *self)
{
  g_return_val_if_fail (CS_IS_SESSION (self), CS_PALETTE_BLUES);
  return self->palette;
}

void
cs_session_set_palette (CsSession *self,
                        CsPalette  palette)
{
  g_return_if_fail (CS_IS_SESSION (self));
  g_return_if_fail (palette <= CS_PALETTE_GREYS);

  if (self->palette == palette)
    return;
  self->palette = palette;
  notify (self, PROP_PALETTE);
}

gboolean
cs_session_get_busy (CsSession *self)
{
  return cs_session_get_running (self) && !cs_training_get_stopping (self->training);
}

CsTrainOptions *
cs_session_get_options (CsSession *self)
{
  g_return_val_if_fail (CS_IS_SESSION (self), NULL);
  return self->options;
}
