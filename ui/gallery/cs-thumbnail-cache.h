/* cs-thumbnail-cache.h — images decoded at thumbnail size off the main thread, kept in a
 * least-recently-used cache of bounded size
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CS_TYPE_THUMBNAIL_CACHE (cs_thumbnail_cache_get_type ())

G_DECLARE_FINAL_TYPE (CsThumbnailCache, cs_thumbnail_cache, CS, THUMBNAIL_CACHE, GObject)

/* What a cache holds by default: about 680 LabelMe thumbnails of 128 × 128 pixels. */
#define CS_THUMBNAIL_CACHE_DEFAULT_MAX_BYTES ((gsize) 32 * 1024 * 1024)

/* What the cache has done since it was made, for tests and benchmarks. */
typedef struct
{
  guint hits;           /* lookups answered from the cache */
  guint misses;         /* lookups that were not */
  guint requested;      /* loads handed to the worker */
  guint decoded;        /* images decoded and handed back */
  guint failed;         /* files that could not be decoded */
  guint dropped;        /* requests cancelled before their result came back */
  guint evicted;        /* entries let go to stay within the bound */
} CsThumbnailStats;

CsThumbnailCache *cs_thumbnail_cache_new           (gsize               max_bytes);
CsThumbnailCache *cs_thumbnail_cache_get_default   (void);
gsize             cs_thumbnail_cache_get_max_bytes (CsThumbnailCache   *self);
void              cs_thumbnail_cache_set_max_bytes (CsThumbnailCache   *self,
                                                    gsize               max_bytes);
gsize             cs_thumbnail_cache_get_bytes     (CsThumbnailCache   *self);
guint             cs_thumbnail_cache_get_n_entries (CsThumbnailCache   *self);
void              cs_thumbnail_cache_get_stats     (CsThumbnailCache   *self,
                                                    CsThumbnailStats   *stats);
gboolean          cs_thumbnail_cache_lookup        (CsThumbnailCache   *self,
                                                    const char         *path,
                                                    int                 size,
                                                    GdkTexture        **texture,
                                                    GError            **error);
void              cs_thumbnail_cache_load_async    (CsThumbnailCache   *self,
                                                    const char         *path,
                                                    int                 size,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
GdkTexture       *cs_thumbnail_cache_load_finish   (CsThumbnailCache   *self,
                                                    GAsyncResult       *result,
                                                    GError            **error);

/* A thumbnail fits in size × size device pixels, keeping the image's shape, and is never larger
 * than the image. cs_thumbnail_cache_lookup () answers at once from what the cache holds: TRUE
 * with the texture, or TRUE with the reason the file could not be shown (set in error), or FALSE
 * when the image has not been loaded yet. cs_thumbnail_cache_load_async () decodes it on a
 * worker thread and keeps the result; the reasons are G_IO_ERROR_NOT_FOUND (“file not found:
 * PATH”), G_IO_ERROR_INVALID_DATA (“not an image: PATH”), and others for files that cannot be
 * read or decoded. A request cancelled before its result comes back is dropped: it ends with
 * G_IO_ERROR_CANCELLED and leaves nothing in the cache.
 *
 * The bound counts each entry's decoded pixels and bookkeeping; the entries used least recently
 * are let go first, and the bytes counted never exceed it. A texture let go stays valid for as
 * long as a widget holds it. */

G_END_DECLS
