/* cs-lazy-list.h — a list model whose items are made when first asked for
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Returns a new reference to item `position` of the list, an object of its item type. */
typedef GObject *(*CsLazyListCreateFunc) (gpointer data,
                                          guint    position);

#define CS_TYPE_LAZY_LIST (cs_lazy_list_get_type ())

G_DECLARE_FINAL_TYPE (CsLazyList, cs_lazy_list, CS, LAZY_LIST, GObject)

CsLazyList *cs_lazy_list_new (GType                 item_type,
                              guint                 n_items,
                              CsLazyListCreateFunc  create,
                              gpointer              data,
                              GDestroyNotify        destroy);

G_END_DECLS
