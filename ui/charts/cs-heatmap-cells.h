/* cs-heatmap-cells.h — a heatmap's cells painted as pixels, one image rather than a node each
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

cairo_surface_t *cs_heatmap_cells_paint (guint          k,
                                         double         cell,
                                         double         gap,
                                         int            scale,
                                         const GdkRGBA *fills,
                                         const guint8  *striped,
                                         const GdkRGBA *stripe);

G_END_DECLS
