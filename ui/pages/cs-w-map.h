/* cs-w-map.h — CoNAL's w for every label: items × annotators, and the items it puts down
 * most to the confusion the whole crowd shares
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-explorer.h"

G_BEGIN_DECLS

#define CS_TYPE_W_MAP (cs_w_map_get_type ())

G_DECLARE_FINAL_TYPE (CsWMap, cs_w_map, CS, W_MAP, GtkWidget)

GtkWidget *cs_w_map_new          (void);
void       cs_w_map_set_explorer (CsWMap     *self,
                                  CsExplorer *explorer);
/* The items the map draws a row for: the train items with labels; 0 without a result. */
guint      cs_w_map_get_n_rows   (CsWMap     *self);

G_END_DECLS
