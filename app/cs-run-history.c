/* cs-run-history.c — the runs of a run store as a list model, kept up to date
 *
 * Listing reads every run.json on a worker thread; the list is replaced in one change when it
 * is done, a listing that a newer one overtook is dropped. Entries keep their objects across
 * listings (matched by id), so that a list view keeps its selection. Renaming and trashing are
 * small writes, done at once.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-run-history.h"
#include "cs-run-store.h"

struct _CsRunHistory
{
  GObject       parent_instance;

  CsRunStore   *store;
  GListStore   *runs;          /* of CsRunEntry */
  GString      *warnings;
  GCancellable *listing;       /* the listing in progress, or NULL */
};

enum {
  PROP_0,
  PROP_RUNS,
  PROP_LOADING,
  PROP_WARNINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CsRunHistory, cs_run_history, G_TYPE_OBJECT)

typedef struct
{
  GPtrArray *infos;            /* of CsRunInfo */
  GPtrArray *missing;          /* of gboolean (GINT_TO_POINTER): dataset gone, per info */
  GPtrArray *warnings;         /* of GError */
} Listing;

static void
listing_free (Listing *listing)
{
  g_clear_pointer (&listing->infos, g_ptr_array_unref);
  g_clear_pointer (&listing->missing, g_ptr_array_unref);
  g_clear_pointer (&listing->warnings, g_ptr_array_unref);
  g_free (listing);
}

/* Worker thread: the store is shared, and its own lock guards what it remembers. */
static void
list_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CsRunStore *store = task_data;
  Listing *listing = g_new0 (Listing, 1);
  GError *error = NULL;

  listing->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  if (!(listing->infos = cs_run_store_list (store, listing->warnings, &error)))
    {
      listing_free (listing);
      g_task_return_error (task, error);
      return;
    }
  listing->missing = g_ptr_array_new ();
  for (guint i = 0; i < listing->infos->len; i++)
    {
      const CsRunInfo *info = g_ptr_array_index (listing->infos, i);

      g_ptr_array_add (listing->missing,
                       GINT_TO_POINTER (!g_file_test (info->dataset_path, G_FILE_TEST_EXISTS)));
    }
  g_task_return_pointer (task, listing, (GDestroyNotify) listing_free);
}

static void
add_warning (CsRunHistory *self,
             const char   *message)
{
  if (self->warnings->len > 0)
    g_string_append_c (self->warnings, '\n');
  g_string_append (self->warnings, message);
}

static void
on_listed (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(CsRunHistory) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  Listing *listing = g_task_propagate_pointer (G_TASK (result), &error);
  guint warned;

  /* Overtaken by a newer listing, or the history is going away. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      g_clear_pointer (&listing, listing_free);
      return;
    }
  g_clear_object (&self->listing);
  warned = self->warnings->len;
  if (listing == NULL)
    add_warning (self, error->message);
  else
    {
      for (guint i = 0; i < listing->warnings->len; i++)
        add_warning (self, ((GError *) g_ptr_array_index (listing->warnings, i))->message);
      for (guint i = 0; i < listing->infos->len; i++)
        {
          CsRunInfo *info = g_ptr_array_index (listing->infos, i);
          gboolean missing = GPOINTER_TO_INT (g_ptr_array_index (listing->missing, i));
          CsRunEntry *known = cs_run_history_find (self, info->id);

          if (known != NULL && cs_run_entry_get_dataset_missing (known) == missing)
            {
              cs_run_entry_set_name (known, info->name);
              g_ptr_array_add (entries, known);
            }
          else
            {
              g_clear_object (&known);
              g_ptr_array_add (entries, cs_run_entry_new (g_steal_pointer (&g_ptr_array_index (listing->infos, i)),
                                                          missing));
            }
        }
      listing_free (listing);
    }
  g_list_store_splice (self->runs, 0, g_list_model_get_n_items (G_LIST_MODEL (self->runs)),
                       entries->pdata, entries->len);
  if (self->warnings->len != warned)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WARNINGS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
cs_run_history_refresh (CsRunHistory *self)
{
  g_autoptr(GTask) task = NULL;
  gboolean was_loading;

  g_return_if_fail (CS_IS_RUN_HISTORY (self));

  was_loading = self->listing != NULL;
  if (self->listing != NULL)
    g_cancellable_cancel (self->listing);
  g_set_object (&self->listing, g_cancellable_new ());
  task = g_task_new (NULL, self->listing, on_listed, g_object_ref (self));
  g_task_set_source_tag (task, cs_run_history_refresh);
  g_task_set_task_data (task, self->store, NULL);
  g_task_run_in_thread (task, list_in_thread);
  if (!was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

CsRunEntry *
cs_run_history_find (CsRunHistory *self,
                     const char   *id)
{
  GListModel *runs = G_LIST_MODEL (self->runs);

  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(CsRunEntry) entry = g_list_model_get_item (runs, i);

      if (g_strcmp0 (cs_run_entry_get_id (entry), id) == 0)
        return g_steal_pointer (&entry);
    }
  return NULL;
}

/* Loading ------------------------------------------------------------------------------- */

typedef struct
{
  CsRunStore          *store;
  char                *id;
  CsCheckpoint        *checkpoint;
  CsLearnedConfusions *confusions;
} Load;

static void
load_free (Load *load)
{
  g_free (load->id);
  g_clear_pointer (&load->checkpoint, cs_checkpoint_free);
  g_clear_pointer (&load->confusions, cs_learned_confusions_free);
  g_free (load);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Load *load = task_data;
  GError *error = NULL;

  if (!(load->checkpoint = cs_run_store_load (load->store, load->id, NULL, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  /* A method without noise layers has no matrices: not a failure. */
  load->confusions = cs_learned_confusions_from_checkpoint (load->checkpoint, true, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(CsRunEntry) entry = data;
  g_autoptr(GError) error = NULL;
  Load *load = g_task_get_task_data (G_TASK (result));

  if (g_task_propagate_boolean (G_TASK (result), &error))
    cs_run_entry_set_loaded (entry, load->checkpoint, g_steal_pointer (&load->confusions), NULL);
  else
    cs_run_entry_set_loaded (entry, NULL, NULL, error->message);
}

void
cs_run_history_load (CsRunHistory *self,
                     CsRunEntry   *entry)
{
  g_autoptr(GTask) task = NULL;
  Load *load;

  g_return_if_fail (CS_IS_RUN_HISTORY (self));
  g_return_if_fail (CS_IS_RUN_ENTRY (entry));

  if (cs_run_entry_get_loaded (entry) || g_object_get_data (G_OBJECT (entry), "cs-loading"))
    return;
  g_object_set_data (G_OBJECT (entry), "cs-loading", GINT_TO_POINTER (TRUE));
  load = g_new0 (Load, 1);
  load->store = self->store;
  load->id = g_strdup (cs_run_entry_get_id (entry));
  /* The history is held while the load goes on: the store is its. */
  task = g_task_new (self, NULL, on_loaded, g_object_ref (entry));
  g_task_set_source_tag (task, cs_run_history_load);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  g_task_run_in_thread (task, load_in_thread);
}

gboolean
cs_run_history_rename (CsRunHistory  *self,
                       CsRunEntry    *entry,
                       const char    *name,
                       GError       **error)
{
  g_autoptr(CsRunInfo) info = NULL;

  g_return_val_if_fail (CS_IS_RUN_HISTORY (self), FALSE);
  g_return_val_if_fail (CS_IS_RUN_ENTRY (entry), FALSE);

  if (!cs_run_store_rename (self->store, cs_run_entry_get_id (entry), name, error) ||
      !(info = cs_run_store_get_info (self->store, cs_run_entry_get_id (entry), error)))
    return FALSE;
  cs_run_entry_set_name (entry, info->name);
  return TRUE;
}

gboolean
cs_run_history_trash (CsRunHistory  *self,
                      CsRunEntry    *entry,
                      GError       **error)
{
  guint position;

  g_return_val_if_fail (CS_IS_RUN_HISTORY (self), FALSE);
  g_return_val_if_fail (CS_IS_RUN_ENTRY (entry), FALSE);

  if (!cs_run_store_trash (self->store, cs_run_entry_get_id (entry), error))
    return FALSE;
  if (g_list_store_find (self->runs, entry, &position))
    g_list_store_remove (self->runs, position);
  return TRUE;
}

gboolean
cs_run_history_restore (CsRunHistory  *self,
                        const char    *id,
                        GError       **error)
{
  g_return_val_if_fail (CS_IS_RUN_HISTORY (self), FALSE);

  if (!cs_run_store_restore (self->store, id, error))
    return FALSE;
  cs_run_history_refresh (self);
  return TRUE;
}

gboolean
cs_run_history_empty_trash (CsRunHistory  *self,
                            GError       **error)
{
  g_return_val_if_fail (CS_IS_RUN_HISTORY (self), FALSE);

  return cs_run_store_empty_trash (self->store, error);
}

const char *cs_run_history_get_path (CsRunHistory *self) { return cs_run_store_get_path (self->store); }
GListModel *cs_run_history_get_runs (CsRunHistory *self) { return G_LIST_MODEL (self->runs); }
gboolean cs_run_history_get_loading (CsRunHistory *self) { return self->listing != NULL; }

const char *
cs_run_history_get_warnings (CsRunHistory *self)
{
  return self->warnings->len > 0 ? self->warnings->str : NULL;
}

static void
cs_run_history_dispose (GObject *object)
{
  CsRunHistory *self = CS_RUN_HISTORY (object);

  if (self->listing != NULL)
    g_cancellable_cancel (self->listing);
  g_clear_object (&self->listing);
  G_OBJECT_CLASS (cs_run_history_parent_class)->dispose (object);
}

static void
cs_run_history_finalize (GObject *object)
{
  CsRunHistory *self = CS_RUN_HISTORY (object);

  g_clear_object (&self->runs);
  g_string_free (self->warnings, TRUE);
  g_clear_pointer (&self->store, cs_run_store_free);
  G_OBJECT_CLASS (cs_run_history_parent_class)->finalize (object);
}

static void
cs_run_history_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CsRunHistory *self = CS_RUN_HISTORY (object);

  switch (prop_id)
    {
    case PROP_RUNS:
      g_value_set_object (value, self->runs);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->listing != NULL);
      break;
    case PROP_WARNINGS:
      g_value_set_string (value, cs_run_history_get_warnings (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_run_history_class_init (CsRunHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = cs_run_history_dispose;
  object_class->finalize = cs_run_history_finalize;
  object_class->get_property = cs_run_history_get_property;

  properties[PROP_RUNS] = g_param_spec_object ("runs", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, flags);
  properties[PROP_WARNINGS] = g_param_spec_string ("warnings", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cs_run_history_init (CsRunHistory *self)
{
  self->runs = g_list_store_new (CS_TYPE_RUN_ENTRY);
  self->warnings = g_string_new (NULL);
}

CsRunHistory *
cs_run_history_new (const char *store_path)
{
  CsRunHistory *self;

  g_return_val_if_fail (store_path != NULL, NULL);

  self = g_object_new (CS_TYPE_RUN_HISTORY, NULL);
  self->store = cs_run_store_new (store_path);
  return self;
}
