/* cs-thumbnail-cache.c — images decoded at thumbnail size off the main thread, kept in a
 * least-recently-used cache of bounded size
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "cs-thumbnail-cache.h"

#define READ_CHUNK  (16 * 1024)

/* One image at one size: its texture, or why it cannot be shown. */
typedef struct
{
  char       *key;      /* "SIZE PATH" */
  GdkTexture *texture;  /* NULL when the image failed */
  GError     *error;    /* NULL when it loaded */
  gsize       bytes;    /* what the entry counts against the bound */
  GList       link;     /* in the cache's lru queue */
} Entry;

/* A request on its way through the worker. The worker reads only the inputs and writes only
 * the outputs; the task stays on the main thread, where it was made, and is touched there only. */
typedef struct
{
  /* The worker's own copy of its inputs */
  char         *path;
  int           size;
  guint64       serial;       /* later requests go first */
  GCancellable *cancellable;

  /* What the worker found */
  GdkPixbuf    *pixbuf;
  GError       *error;

  /* Main thread only */
  GTask        *task;
  GMainContext *context;
} Job;

struct _CsThumbnailCache
{
  GObject           parent_instance;

  /* Owned */
  GHashTable       *entries;    /* key → Entry *; the entry owns its key */
  GQueue            lru;        /* of Entry *, the most recently used at the head */
  GThreadPool      *pool;
  gsize             max_bytes;
  gsize             bytes;
  guint64           serial;
  CsThumbnailStats  stats;
};

enum {
  PROP_0,
  PROP_MAX_BYTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CsThumbnailCache, cs_thumbnail_cache, G_TYPE_OBJECT)

/* ---- Entries ------------------------------------------------------------------------------ */

static char *
make_key (const char *path,
          int         size)
{
  return g_strdup_printf ("%d %s", size, path);
}

static void
entry_free (Entry *entry)
{
  g_free (entry->key);
  g_clear_object (&entry->texture);
  g_clear_error (&entry->error);
  g_free (entry);
}

static void
remove_entry (CsThumbnailCache *self,
              Entry            *entry)
{
  g_queue_unlink (&self->lru, &entry->link);
  self->bytes -= entry->bytes;
  g_hash_table_remove (self->entries, entry->key);
}

/* Lets the least recently used entries go until the cache is within its bound. */
static void
evict (CsThumbnailCache *self)
{
  while (self->bytes > self->max_bytes && self->lru.tail != NULL)
    {
      remove_entry (self, self->lru.tail->data);
      self->stats.evicted++;
    }
}

/* Takes texture or error. An entry larger than the whole bound is not kept. */
static void
insert_entry (CsThumbnailCache *self,
              const char       *path,
              int               size,
              GdkTexture       *texture,
              GError           *error,
              gsize             pixel_bytes)
{
  Entry *entry = g_new0 (Entry, 1), *old;

  entry->key = make_key (path, size);
  entry->texture = texture;
  entry->error = error;
  entry->bytes = sizeof (Entry) + strlen (entry->key) + 1 + pixel_bytes +
                 (error != NULL ? sizeof (GError) + strlen (error->message) + 1 : 0);
  entry->link.data = entry;
  if ((old = g_hash_table_lookup (self->entries, entry->key)) != NULL)
    remove_entry (self, old);
  if (entry->bytes > self->max_bytes)
    {
      entry_free (entry);
      return;
    }
  g_hash_table_insert (self->entries, entry->key, entry);
  g_queue_push_head_link (&self->lru, &entry->link);
  self->bytes += entry->bytes;
  evict (self);
}

/* ---- The worker --------------------------------------------------------------------------- */

/* Decodes at the size that fits the thumbnail, never larger than the image: JPEG's loader then
 * decodes at a fraction of the full size, which is most of the saving. */
static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         data)
{
  int size = GPOINTER_TO_INT (data);
  double scale = MIN (1.0, (double) size / MAX (1, MAX (width, height)));

  gdk_pixbuf_loader_set_size (loader, MAX (1, (int) round (width * scale)),
                              MAX (1, (int) round (height * scale)));
}

/* Feeds the file to the loader a chunk at a time, so that a request cancelled in the middle of
 * a large file stops there. */
static gboolean
feed_loader (GdkPixbufLoader *loader,
             const char      *path,
             GCancellable    *cancellable,
             GError         **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, error);
  guchar buffer[READ_CHUNK];
  gssize n;

  if (stream == NULL)
    return FALSE;
  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer, cancellable,
                                   error)) > 0)
    if (!gdk_pixbuf_loader_write (loader, buffer, n, error))
      return FALSE;
  return n == 0;
}

/* Says why a file cannot be shown in words a person can act on. */
static GError *
describe_failure (const char *path,
                  GError     *error)
{
  g_autofree char *name = g_filename_display_name (path);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("file not found: %s"), name);
  if (g_error_matches (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_UNKNOWN_TYPE))
    return g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("not an image: %s"), name);
  if (error->domain == GDK_PIXBUF_ERROR)
    return g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, _("cannot decode %s: %s"), name,
                        error->message);
  if (error->domain == G_IO_ERROR)
    return g_error_new (G_IO_ERROR, error->code, _("cannot read %s: %s"), name, error->message);
  return g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, _("cannot read %s: %s"), name,
                      error->message);
}

static GdkPixbuf *
decode (const char   *path,
        int           size,
        GCancellable *cancellable,
        GError      **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) local_error = NULL;
  GdkPixbuf *pixbuf;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb),
                    GINT_TO_POINTER (size));
  if (!feed_loader (loader, path, cancellable, &local_error))
    {
      /* Closed all the same: a loader finalized open warns. */
      gdk_pixbuf_loader_close (loader, NULL);
    }
  else if (gdk_pixbuf_loader_close (loader, &local_error) &&
           (pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)) != NULL)
    {
      return g_object_ref (pixbuf);
    }
  if (local_error == NULL)
    g_set_error_literal (&local_error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_UNKNOWN_TYPE,
                         "no image");
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_propagate_error (error, describe_failure (path, local_error));
  return NULL;
}

static void
job_free (Job *job)
{
  g_free (job->path);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->pixbuf);
  g_clear_error (&job->error);
  g_clear_object (&job->task);
  g_main_context_unref (job->context);
  g_free (job);
}

static gboolean job_done_cb (gpointer data);

/* A decoding thread yields its core to the main thread, which draws while the view scrolls:
 * on two cores, with the display server on one, a decode at the same priority as the main
 * thread now and then pushed a frame past 16 ms. Once per pool thread. */
static void
yield_to_main_thread (void)
{
#ifdef __linux__
  static GPrivate lowered;

  if (g_private_get (&lowered) == NULL)
    {
      setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 10);
      g_private_set (&lowered, GINT_TO_POINTER (1));
    }
#endif
}

/* Runs on a pool thread. A request already cancelled is not decoded at all. */
static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;
  g_autoptr(GSource) source = g_idle_source_new ();

  yield_to_main_thread ();
  if (!g_cancellable_set_error_if_cancelled (job->cancellable, &job->error))
    job->pixbuf = decode (job->path, job->size, job->cancellable, &job->error);

  /* Back to the context the request came from; after this the main thread owns the job. */
  g_source_set_callback (source, job_done_cb, job, NULL);
  g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
  g_source_attach (source, job->context);
}

/* Later requests first: while the view scrolls, the tiles in view now matter more than those
 * that asked on the way, most of which have scrolled out and been cancelled by then. */
static int
compare_jobs (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  guint64 serial_a = ((const Job *) a)->serial, serial_b = ((const Job *) b)->serial;

  return (serial_b > serial_a) - (serial_b < serial_a);
}

/* The pixels copied on the main thread, so that what the cache keeps is allocated there. Kept in
 * the pixbuf the worker allocated, they would hold on to the worker thread's malloc arena, which
 * the cache's churn leaves as large again as the cache itself (LabelMe scrolled to the end and
 * back with a 32 MiB cache: a peak of 139 MiB against 110 MiB with the copy). */
static GdkTexture *
texture_from_pixbuf (GdkPixbuf *pixbuf)
{
  gsize stride = gdk_pixbuf_get_rowstride (pixbuf);
  int width = gdk_pixbuf_get_width (pixbuf), height = gdk_pixbuf_get_height (pixbuf);
  g_autoptr(GBytes) pixels = g_bytes_new (gdk_pixbuf_read_pixels (pixbuf),
                                          gdk_pixbuf_get_byte_length (pixbuf));

  g_assert (gdk_pixbuf_get_bits_per_sample (pixbuf) == 8);
  return gdk_memory_texture_new (width, height,
                                 gdk_pixbuf_get_has_alpha (pixbuf) ? GDK_MEMORY_R8G8B8A8
                                                                   : GDK_MEMORY_R8G8B8,
                                 pixels, stride);
}

/* On the main thread: keeps the worker's result and hands it on. */
static gboolean
job_done_cb (gpointer data)
{
  Job *job = data;
  CsThumbnailCache *self = g_task_get_source_object (job->task);

  if (g_task_return_error_if_cancelled (job->task))
    {
      self->stats.dropped++;
    }
  else if (job->error != NULL)
    {
      self->stats.failed++;
      insert_entry (self, job->path, job->size, NULL, g_error_copy (job->error), 0);
      g_task_return_error (job->task, g_steal_pointer (&job->error));
    }
  else
    {
      GdkTexture *texture = texture_from_pixbuf (job->pixbuf);

      self->stats.decoded++;
      insert_entry (self, job->path, job->size, g_object_ref (texture), NULL,
                    gdk_pixbuf_get_byte_length (job->pixbuf));
      g_task_return_pointer (job->task, texture, g_object_unref);
    }
  job_free (job);
  return G_SOURCE_REMOVE;
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
cs_thumbnail_cache_finalize (GObject *object)
{
  CsThumbnailCache *self = CS_THUMBNAIL_CACHE (object);

  /* Every request holds the cache through its task, so none is left by now. */
  g_thread_pool_free (self->pool, FALSE, TRUE);
  /* The queue's links live in the entries, which the table frees. */
  g_queue_init (&self->lru);
  g_hash_table_unref (self->entries);
  G_OBJECT_CLASS (cs_thumbnail_cache_parent_class)->finalize (object);
}

static void
cs_thumbnail_cache_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CsThumbnailCache *self = CS_THUMBNAIL_CACHE (object);

  switch (prop_id)
    {
    case PROP_MAX_BYTES:
      g_value_set_uint64 (value, self->max_bytes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_thumbnail_cache_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CsThumbnailCache *self = CS_THUMBNAIL_CACHE (object);

  switch (prop_id)
    {
    case PROP_MAX_BYTES:
      cs_thumbnail_cache_set_max_bytes (self, g_value_get_uint64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_thumbnail_cache_class_init (CsThumbnailCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cs_thumbnail_cache_finalize;
  object_class->get_property = cs_thumbnail_cache_get_property;
  object_class->set_property = cs_thumbnail_cache_set_property;

  properties[PROP_MAX_BYTES] =
    g_param_spec_uint64 ("max-bytes", NULL, NULL, 0, G_MAXSIZE,
                         CS_THUMBNAIL_CACHE_DEFAULT_MAX_BYTES,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cs_thumbnail_cache_init (CsThumbnailCache *self)
{
  /* Half the cores decode: the other half are the main loop's and the training's, and a
   * thumbnail takes about a millisecond, so one thread keeps up with scrolling on two cores. */
  int threads = CLAMP ((int) g_get_num_processors () / 2, 1, 4);

  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) entry_free);
  g_queue_init (&self->lru);
  self->pool = g_thread_pool_new (run_job, NULL, threads, FALSE, NULL);
  g_thread_pool_set_sort_function (self->pool, compare_jobs, NULL);
}

/* ---- API ---------------------------------------------------------------------------------- */

CsThumbnailCache *
cs_thumbnail_cache_new (gsize max_bytes)
{
  return g_object_new (CS_TYPE_THUMBNAIL_CACHE, "max-bytes", (guint64) max_bytes, NULL);
}

/* One cache for the whole process, so that every gallery shares one bound. */
CsThumbnailCache *
cs_thumbnail_cache_get_default (void)
{
  static CsThumbnailCache *default_cache;

  /* Widgets ask for it, so only ever from the main thread. */
  if (default_cache == NULL)
    default_cache = cs_thumbnail_cache_new (CS_THUMBNAIL_CACHE_DEFAULT_MAX_BYTES);
  return default_cache;
}

gsize
cs_thumbnail_cache_get_max_bytes (CsThumbnailCache *self)
{
  g_return_val_if_fail (CS_IS_THUMBNAIL_CACHE (self), 0);

  return self->max_bytes;
}

void
cs_thumbnail_cache_set_max_bytes (CsThumbnailCache *self,
                                  gsize             max_bytes)
{
  g_return_if_fail (CS_IS_THUMBNAIL_CACHE (self));

  if (self->max_bytes == max_bytes)
    return;
  self->max_bytes = max_bytes;
  evict (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_BYTES]);
}

gsize
cs_thumbnail_cache_get_bytes (CsThumbnailCache *self)
{
  g_return_val_if_fail (CS_IS_THUMBNAIL_CACHE (self), 0);

  return self->bytes;
}

guint
cs_thumbnail_cache_get_n_entries (CsThumbnailCache *self)
{
  g_return_val_if_fail (CS_IS_THUMBNAIL_CACHE (self), 0);

  return g_hash_table_size (self->entries);
}

void
cs_thumbnail_cache_get_stats (CsThumbnailCache *self,
                              CsThumbnailStats *stats)
{
  g_return_if_fail (CS_IS_THUMBNAIL_CACHE (self));
  g_return_if_fail (stats != NULL);

  *stats = self->stats;
}

/* Returns whether the cache knows the image at this size: TRUE with the texture in *texture,
 * or TRUE with error set to the reason it cannot be shown; FALSE when it is not loaded. A hit
 * makes the entry the most recently used. */
gboolean
cs_thumbnail_cache_lookup (CsThumbnailCache  *self,
                           const char        *path,
                           int                size,
                           GdkTexture       **texture,
                           GError           **error)
{
  g_autofree char *key = NULL;
  Entry *entry;

  g_return_val_if_fail (CS_IS_THUMBNAIL_CACHE (self), FALSE);
  g_return_val_if_fail (path != NULL && size > 0, FALSE);
  g_return_val_if_fail (texture != NULL && *texture == NULL, FALSE);

  key = make_key (path, size);
  if ((entry = g_hash_table_lookup (self->entries, key)) == NULL)
    {
      self->stats.misses++;
      return FALSE;
    }
  self->stats.hits++;
  g_queue_unlink (&self->lru, &entry->link);
  g_queue_push_head_link (&self->lru, &entry->link);
  if (entry->texture != NULL)
    *texture = g_object_ref (entry->texture);
  else
    g_propagate_error (error, g_error_copy (entry->error));
  return TRUE;
}

/* Gives the thumbnail from the cache when it holds it, else decodes it on a worker thread;
 * callback runs on the thread-default main context of the caller. */
void
cs_thumbnail_cache_load_async (CsThumbnailCache    *self,
                               const char          *path,
                               int                  size,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  Job *job;

  g_return_if_fail (CS_IS_THUMBNAIL_CACHE (self));
  g_return_if_fail (path != NULL && size > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_thumbnail_cache_load_async);
  if (cs_thumbnail_cache_lookup (self, path, size, &texture, &error))
    {
      if (texture != NULL)
        g_task_return_pointer (task, g_steal_pointer (&texture), g_object_unref);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  self->stats.requested++;
  job = g_new0 (Job, 1);
  job->path = g_strdup (path);
  job->size = size;
  job->serial = ++self->serial;
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  job->task = g_steal_pointer (&task);
  job->context = g_main_context_ref_thread_default ();
  g_thread_pool_push (self->pool, job, NULL);
}

GdkTexture *
cs_thumbnail_cache_load_finish (CsThumbnailCache  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (CS_IS_THUMBNAIL_CACHE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cs_thumbnail_cache_load_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
