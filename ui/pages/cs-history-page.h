/* cs-history-page.h — the runs kept in the run store: reopen, compare, rename, delete
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-page.h"

G_BEGIN_DECLS

#define CS_TYPE_HISTORY_PAGE (cs_history_page_get_type ())

G_DECLARE_FINAL_TYPE (CsHistoryPage, cs_history_page, CS, HISTORY_PAGE, CsPage)

/* The runs the page lists, selected for comparing: a GtkSelectionModel of CsRunEntry. */
GtkSelectionModel *cs_history_page_get_selection (CsHistoryPage *self);
/* Reopens the one selected run, as Open does. */
void               cs_history_page_open_selected (CsHistoryPage *self);
/* Deletes the selected runs, as Delete does: undoable until the toast goes. */
void               cs_history_page_delete_selected (CsHistoryPage *self);
gboolean           cs_history_page_undo_delete     (CsHistoryPage *self);

void               cs_history_page_export_curves (CsHistoryPage *self,
                                       GFile *file);

G_END_DECLS
