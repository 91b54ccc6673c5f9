/* cs-explorer-page.h — the annotator explorer: every annotator's confusion, the crowd's common
 * one, side by side, live during training
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-explorer.h"
#include "cs-page.h"

G_BEGIN_DECLS

#define CS_TYPE_EXPLORER_PAGE (cs_explorer_page_get_type ())

G_DECLARE_FINAL_TYPE (CsExplorerPage, cs_explorer_page, CS, EXPLORER_PAGE, CsPage)

/* What the page shows, and the annotators as its table lists them (filtered and sorted). */
CsExplorer         *cs_explorer_page_get_explorer  (CsExplorerPage *self);
GtkSingleSelection *cs_explorer_page_get_selection (CsExplorerPage *self);

/* Shows "grid" (every annotator), "annotator" (the selected one large, beside the common
 * confusion) or "compare"; selects the annotator at `index` in the dataset. */
void                cs_explorer_page_set_mode      (CsExplorerPage *self,
                                                    const char     *mode);
void                cs_explorer_page_select        (CsExplorerPage *self,
                                                    guint           index);

G_END_DECLS
