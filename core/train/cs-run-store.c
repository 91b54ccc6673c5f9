/* cs-run-store.c — the runs that are kept: a folder of checkpoints with a run.json each
 *
 * A run is a folder named by its id (the time it was kept, in UTC, and a random suffix:
 * 20260314-153012-a1b2) holding the checkpoint (cs_checkpoint_save) and run.json. It is written
 * under a temporary name, .tmp-ID, and renamed into place once whole, so a write that is killed
 * leaves every earlier run as it was and at most one clearly marked folder, which listings skip
 * and report. Deleted runs wait in .trash until it is emptied. Listing reads run.json alone.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cs-error.h"
#include "cs-file.h"
#include "cs-run-store.h"

#define TMP_PREFIX  ".tmp-"
#define TRASH       ".trash"
/* Ids are unique but for a random suffix within a second; a clash is tried again. */
#define MAX_ID_ATTEMPTS 16

struct _CsRunStore
{
  char       *path;
  /* Owned */
  GMutex      lock;
  GHashTable *reported;     /* names of entries whose problem a listing has reported */
};

/* $CROWDSCOPE_RUNS_DIR, else crowdscope/runs in the user's data folder. */
char *
cs_run_store_default_path (void)
{
  const char *path = g_getenv (CS_RUN_STORE_ENV);

  if (path != NULL && *path != '\0')
    return g_strdup (path);
  return g_build_filename (g_get_user_data_dir (), "crowdscope", "runs", NULL);
}

/* Nothing is read or made until the store is used; a store that does not exist is empty. */
CsRunStore *
cs_run_store_new (const char *path)
{
  CsRunStore *self = g_new0 (CsRunStore, 1);

  g_return_val_if_fail (path != NULL && *path != '\0', NULL);

  self->path = g_strdup (path);
  g_mutex_init (&self->lock);
  self->reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

void
cs_run_store_free (CsRunStore *self)
{
  g_free (self->path);
  g_mutex_clear (&self->lock);
  g_hash_table_unref (self->reported);
  g_free (self);
}

const char *
cs_run_store_get_path (CsRunStore *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

/* The folder of run `id`, which must exist; NULL with a CS_ERROR_INVALID otherwise. Ids never
 * start with a dot or hold a separator, so that one cannot name the trash, a temporary or a
 * folder outside the store. */
static char *
run_dir (const char  *parent,
         const char  *id,
         GError     **error)
{
  g_autofree char *dir = NULL;

  if (*id == '\0' || *id == '.' || strchr (id, G_DIR_SEPARATOR) != NULL)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID, _("“%s” is not a run id"), id);
      return NULL;
    }
  dir = g_build_filename (parent, id, NULL);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID, _("%s: no run “%s”"), parent, id);
      return NULL;
    }
  return g_steal_pointer (&dir);
}

char *
cs_run_store_dup_run_dir (CsRunStore  *self,
                          const char  *id,
                          GError     **error)
{
  g_return_val_if_fail (self != NULL && id != NULL, NULL);

  return run_dir (self->path, id, error);
}

/* `name` stripped of surrounding white space, or NULL with a CS_ERROR_INVALID when nothing
 * is left or it is not UTF-8. */
static char *
clean_name (const char  *name,
            GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));

  if (*stripped == '\0' || !g_utf8_validate (stripped, -1, NULL))
    {
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID,
                   _("a run's name must be UTF-8 text that is not empty"));
      return NULL;
    }
  return g_steal_pointer (&stripped);
}

/* Saving ----------------------------------------------------------------------------------- */

/* A fresh temporary folder for a new run, and the run's id. */
static char *
make_temporary (CsRunStore  *self,
                GDateTime   *now,
                char       **id,
                GError     **error)
{
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  for (int attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s-%04x", stamp, g_random_int () & 0xffff);
      g_autofree char *final = g_build_filename (self->path, candidate, NULL);
      g_autofree char *tmp = g_strconcat (self->path, G_DIR_SEPARATOR_S TMP_PREFIX, candidate, NULL);

      if (g_file_test (final, G_FILE_TEST_EXISTS))
        continue;
      if (g_mkdir (tmp, 0777) == 0)
        {
          *id = g_steal_pointer (&candidate);
          return g_steal_pointer (&tmp);
        }
      if (errno != EEXIST)
        {
          cs_file_set_error (error, tmp, _("create folder"), errno);
          return NULL;
        }
    }
  g_set_error (error, CS_ERROR, CS_ERROR_IO, _("%s: cannot find a free run id"), self->path);
  return NULL;
}

/* run.json first, marked incomplete, then the checkpoint, then run.json marked complete. */
static gboolean
write_run (CsRunInfo    *info,
           const CsRun  *run,
           const char   *dir,
           GError      **error)
{
  g_autofree char *info_path = g_build_filename (dir, CS_RUN_INFO_FILE, NULL);

  info->state = CS_RUN_STATE_INCOMPLETE;
  if (!cs_run_info_write (info, info_path, error) || !cs_checkpoint_save (run, dir, error))
    return FALSE;
  info->state = CS_RUN_STATE_COMPLETE;
  return cs_run_info_write (info, info_path, error);
}

/*
 * cs_run_store_save:
 * @name: (nullable): the run's name; NULL for "CoNAL on labelme, seed 1"
 *
 * Keeps @run: its checkpoint and run.json, in a new folder of the store, which is created if
 * needed. The store is left as it was on failure.
 *
 * Returns: (transfer full): the run's id, or NULL with a CS_ERROR_IO error (CS_ERROR_INVALID
 *   for a name that is empty or not UTF-8)
 */
char *
cs_run_store_save (CsRunStore   *self,
                   const CsRun  *run,
                   const char   *name,
                   GError      **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(CsRunInfo) info = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *final = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (self != NULL && run != NULL, NULL);

  if ((name != NULL && !(stripped = clean_name (name, error))) ||
      !cs_file_ensure_dir (self->path, error) ||
      !(tmp = make_temporary (self, now, &id, error)))
    return NULL;
  info = cs_run_info_new_for_run (run, id, stripped, now);
  final = g_build_filename (self->path, id, NULL);
  if (!write_run (info, run, tmp, error) || !cs_file_rename (tmp, final, error))
    {
      cs_file_remove_tree (tmp, NULL);
      return NULL;
    }
  return g_steal_pointer (&id);
}

/* Listing ---------------------------------------------------------------------------------- */

/* Adds `error` to `warnings` unless the entry's problem was reported already. */
static void
report (CsRunStore *self,
        const char *name,
        GError     *error,
        GPtrArray  *warnings)
{
  gboolean first = FALSE;

  if (warnings != NULL)
    {
      g_mutex_lock (&self->lock);
      first = g_hash_table_add (self->reported, g_strdup (name));
      g_mutex_unlock (&self->lock);
    }
  if (first)
    g_ptr_array_add (warnings, error);
  else
    g_error_free (error);
}

static void
forget (CsRunStore *self,
        const char *name)
{
  g_mutex_lock (&self->lock);
  g_hash_table_remove (self->reported, name);
  g_mutex_unlock (&self->lock);
}

/* The info of entry `name`, or NULL with why it is not a run. */
static CsRunInfo *
read_entry (CsRunStore  *self,
            const char  *name,
            GError     **error)
{
  g_autofree char *dir = g_build_filename (self->path, name, NULL);
  g_autofree char *path = g_build_filename (dir, CS_RUN_INFO_FILE, NULL);
  g_autoptr(GError) local_error = NULL;
  CsRunInfo *info = cs_run_info_read (path, &local_error);

  if (info != NULL)
    {
      g_free (info->id);
      info->id = g_strdup (name);
      return info;
    }
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
                 _("%s: not a run (a run is a folder with %s); left out"), dir, CS_RUN_INFO_FILE);
  else
    g_set_error (error, CS_ERROR, local_error->code, _("%s; the run is left out"), local_error->message);
  return NULL;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const CsRunInfo *x = *(CsRunInfo * const *) a, *y = *(CsRunInfo * const *) b;

  if (x->created_us != y->created_us)
    return x->created_us > y->created_us ? -1 : 1;
  return -g_strcmp0 (x->id, y->id);
}

static void
add_entry (CsRunStore *self,
           const char *name,
           GPtrArray  *runs,
           GPtrArray  *warnings)
{
  GError *error = NULL;
  CsRunInfo *info;

  if (g_str_has_prefix (name, TMP_PREFIX))
    {
      g_set_error (&error, CS_ERROR, CS_ERROR_FORMAT,
                   _("%s%s%s: an unfinished run (its write was interrupted, or is still going on); left out"),
                   self->path, G_DIR_SEPARATOR_S, name);
      report (self, name, error, warnings);
    }
  else if (*name == '.')
    return;   /* the trash, and hidden files a file manager leaves */
  else if ((info = read_entry (self, name, &error)) != NULL)
    {
      forget (self, name);
      g_ptr_array_add (runs, info);
    }
  else
    report (self, name, error, warnings);
}

/*
 * cs_run_store_list:
 * @warnings: (nullable) (element-type GError): receives why an entry was left out: a folder
 *   without a readable run.json (missing, truncated, garbage, of a newer format version), a
 *   file that is not a run, an unfinished write. Each entry is reported once in the store's
 *   life, not at every listing.
 *
 * Reads every run's run.json, and nothing else.
 *
 * Returns: (transfer full) (element-type CsRunInfo): the runs, newest first; a store that does
 *   not exist is empty. NULL with a CS_ERROR_IO error when the store's folder cannot be read.
 */
GPtrArray *
cs_run_store_list (CsRunStore  *self,
                   GPtrArray   *warnings,
                   GError     **error)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_run_info_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (self != NULL, NULL);

  if (!(dir = g_dir_open (self->path, 0, &local_error)))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&runs);
      g_set_error (error, CS_ERROR, CS_ERROR_IO, "%s", local_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    add_entry (self, name, runs, warnings);
  g_ptr_array_sort (runs, compare_newest_first);
  return g_steal_pointer (&runs);
}

/* One run --------------------------------------------------------------------------------- */

CsRunInfo *
cs_run_store_get_info (CsRunStore  *self,
                       const char  *id,
                       GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  CsRunInfo *info;

  g_return_val_if_fail (self != NULL && id != NULL, NULL);

  if (!(dir = run_dir (self->path, id, error)))
    return NULL;
  path = g_build_filename (dir, CS_RUN_INFO_FILE, NULL);
  if ((info = cs_run_info_read (path, error)) != NULL)
    {
      g_free (info->id);
      info->id = g_strdup (id);
    }
  return info;
}

/*
 * cs_run_store_load:
 * @info: (out) (optional) (transfer full): the run's run.json
 *
 * Returns: (transfer full): the run's checkpoint, or NULL with an error naming the file
 */
CsCheckpoint *
cs_run_store_load (CsRunStore   *self,
                   const char   *id,
                   CsRunInfo   **info,
                   GError      **error)
{
  g_autoptr(CsRunInfo) found = NULL;
  g_autofree char *dir = NULL;
  CsCheckpoint *checkpoint;

  g_return_val_if_fail (self != NULL && id != NULL, NULL);

  if (!(found = cs_run_store_get_info (self, id, error)))
    return NULL;
  dir = g_build_filename (self->path, id, NULL);
  if ((checkpoint = cs_checkpoint_load (dir, error)) != NULL && info != NULL)
    *info = g_steal_pointer (&found);
  return checkpoint;
}

/* Rewrites the run's run.json with `name`, stripped of surrounding white space. */
gboolean
cs_run_store_rename (CsRunStore  *self,
                     const char  *id,
                     const char  *name,
                     GError     **error)
{
  g_autoptr(CsRunInfo) info = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (self != NULL && id != NULL && name != NULL, FALSE);

  if (!(stripped = clean_name (name, error)) ||
      !(info = cs_run_store_get_info (self, id, error)))
    return FALSE;
  g_free (info->name);
  info->name = g_steal_pointer (&stripped);
  path = g_build_filename (self->path, id, CS_RUN_INFO_FILE, NULL);
  return cs_run_info_write (info, path, error);
}

/* Deleting --------------------------------------------------------------------------------- */

/* Moves run `id` from the folder `from` into the folder `to`, which is made if needed. */
static gboolean
move_run (const char  *from,
          const char  *to,
          const char  *id,
          GError     **error)
{
  g_autofree char *dir = run_dir (from, id, error);
  g_autofree char *moved = NULL;

  if (dir == NULL)
    return FALSE;
  moved = g_build_filename (to, id, NULL);
  return cs_file_ensure_dir (to, error) && cs_file_rename (dir, moved, error);
}

gboolean
cs_run_store_trash (CsRunStore  *self,
                    const char  *id,
                    GError     **error)
{
  g_autofree char *trash = NULL;

  g_return_val_if_fail (self != NULL && id != NULL, FALSE);

  trash = g_build_filename (self->path, TRASH, NULL);
  return move_run (self->path, trash, id, error);
}

/* Puts a run cs_run_store_trash() took back where it was. */
gboolean
cs_run_store_restore (CsRunStore  *self,
                      const char  *id,
                      GError     **error)
{
  g_autofree char *trash = NULL;

  g_return_val_if_fail (self != NULL && id != NULL, FALSE);

  trash = g_build_filename (self->path, TRASH, NULL);
  return move_run (trash, self->path, id, error);
}

gboolean
cs_run_store_empty_trash (CsRunStore  *self,
                          GError     **error)
{
  g_autofree char *trash = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  trash = g_build_filename (self->path, TRASH, NULL);
  return cs_file_remove_tree (trash, error);
}

/* Deletes a run for good, at once: through the trash, so that what a failure part way through
 * leaves is not a broken run in the list. */
gboolean
cs_run_store_delete (CsRunStore  *self,
                     const char  *id,
                     GError     **error)
{
  g_autofree char *trashed = NULL;

  g_return_val_if_fail (self != NULL && id != NULL, FALSE);

  if (!cs_run_store_trash (self, id, error))
    return FALSE;
  trashed = g_build_filename (self->path, TRASH, id, NULL);
  return cs_file_remove_tree (trashed, error);
}
