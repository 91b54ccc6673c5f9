/* demo-gallery.h — chart-demo's gallery: a grid of item tiles over a real dataset's split, with
 * made-up predictions
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-types.h"

G_BEGIN_DECLS

GtkWidget *demo_gallery_new (const char  *path,
                             CsSplitKind  split,
                             GError     **error);

G_END_DECLS
