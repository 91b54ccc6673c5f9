/* cs-item-tile.h — one item in the gallery: its thumbnail, gold label, the model's prediction
 * and the crowd's votes
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-item.h"
#include "cs-thumbnail-cache.h"

G_BEGIN_DECLS

#define CS_TYPE_ITEM_TILE (cs_item_tile_get_type ())

G_DECLARE_FINAL_TYPE (CsItemTile, cs_item_tile, CS, ITEM_TILE, GtkWidget)

#define CS_ITEM_TILE_DEFAULT_SIZE 160

GtkWidget          *cs_item_tile_new             (CsThumbnailCache   *cache);
void                cs_item_tile_set_item        (CsItemTile         *self,
                                                  CsItem             *item);
CsItem             *cs_item_tile_get_item        (CsItemTile         *self);
void                cs_item_tile_set_prediction  (CsItemTile         *self,
                                                  const char         *prediction,
                                                  double              probability);
const char         *cs_item_tile_get_prediction  (CsItemTile         *self);
double              cs_item_tile_get_probability (CsItemTile         *self);
gboolean            cs_item_tile_get_wrong       (CsItemTile         *self);
void                cs_item_tile_set_classes     (CsItemTile         *self,
                                                  const char * const *classes);
void                cs_item_tile_set_tile_size   (CsItemTile         *self,
                                                  int                 size);
int                 cs_item_tile_get_tile_size   (CsItemTile         *self);
CsThumbnailCache   *cs_item_tile_get_cache       (CsItemTile         *self);
GdkTexture         *cs_item_tile_get_thumbnail   (CsItemTile         *self);
const char         *cs_item_tile_get_failure     (CsItemTile         *self);
gboolean            cs_item_tile_get_loading     (CsItemTile         *self);
char               *cs_item_tile_describe        (CsItemTile         *self);
char               *cs_item_tile_get_tooltip     (CsItemTile         *self);

/* The tile shows CsItemTile:item; the caller sets the model's prediction for it (the class's
 * name, NULL for none, and its probability, NaN when not known) and the dataset's class names
 * (CsItemTile:classes), which give every class its colour in the votes bar. An item with an
 * image shows its thumbnail at CsItemTile:tile-size (logical pixels), loaded from the cache
 * (NULL: cs_thumbnail_cache_get_default ()) only while the tile is mapped; a load still on its
 * way when the item changes or the tile is unmapped is cancelled. A file that cannot be shown
 * gives a placeholder with the reason (CsItemTile:failure). An item without an image is a
 * compact card headed by its id. CsItemTile:wrong is set, and the tile highlighted, when the
 * prediction is not the gold label; the tooltip and the accessible description say all of it
 * in words (cs_item_tile_describe). */

G_END_DECLS
