/* cs-confusion-grid.h — every annotator's matrix as a small multiple, in a scrolling grid
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-explorer.h"

G_BEGIN_DECLS

#define CS_TYPE_CONFUSION_GRID (cs_confusion_grid_get_type ())

G_DECLARE_FINAL_TYPE (CsConfusionGrid, cs_confusion_grid, CS, CONFUSION_GRID, GtkWidget)

GtkWidget *cs_confusion_grid_new          (void);
/* What the small multiples show, and which annotators in which order (of CsAnnotator). */
void       cs_confusion_grid_set_explorer (CsConfusionGrid   *self,
                                           CsExplorer        *explorer);
void       cs_confusion_grid_set_model    (CsConfusionGrid   *self,
                                           GtkSelectionModel *model);
/* The heatmaps in view, for tests. */
guint      cs_confusion_grid_get_n_shown  (CsConfusionGrid   *self);

G_END_DECLS
