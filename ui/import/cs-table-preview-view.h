/* cs-table-preview-view.h — the first rows of a table, in a column view
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-table-preview.h"

G_BEGIN_DECLS

#define CS_TYPE_TABLE_PREVIEW_VIEW (cs_table_preview_view_get_type ())

G_DECLARE_FINAL_TYPE (CsTablePreviewView, cs_table_preview_view, CS, TABLE_PREVIEW_VIEW, AdwBin)

/* Shows a copy of the preview's cells (NULL: nothing); the same path again changes nothing. */
void      cs_table_preview_view_set_preview (CsTablePreviewView   *self,
                                             const CsTablePreview *preview);
guint     cs_table_preview_view_get_n_rows  (CsTablePreviewView   *self);

G_END_DECLS
