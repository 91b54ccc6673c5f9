/* cs-thumbnail.h — a square that shows a thumbnail whole, at a size of its own
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CS_TYPE_THUMBNAIL (cs_thumbnail_get_type ())

G_DECLARE_FINAL_TYPE (CsThumbnail, cs_thumbnail, CS, THUMBNAIL, GtkWidget)

GtkWidget  *cs_thumbnail_new         (void);
void        cs_thumbnail_set_texture (CsThumbnail *self,
                                      GdkTexture  *texture);
GdkTexture *cs_thumbnail_get_texture (CsThumbnail *self);
void        cs_thumbnail_set_size    (CsThumbnail *self,
                                      int          size);
int         cs_thumbnail_get_size    (CsThumbnail *self);

/* The widget is size × size logical pixels whatever the texture's size, which is in device
 * pixels: a texture of size × scale factor pixels draws sharp on a high-resolution screen. The
 * texture keeps its shape, centred; without one only the style's background shows. */

G_END_DECLS
