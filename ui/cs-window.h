/* cs-window.h — the main window: open a dataset, see it, train on it
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-session.h"
#include "cs-ui-types.h"

G_BEGIN_DECLS

#define CS_TYPE_WINDOW (cs_window_get_type ())

G_DECLARE_FINAL_TYPE (CsWindow, cs_window, CS, WINDOW, AdwApplicationWindow)

CsWindow     *cs_window_new           (GtkApplication *application);
CsSession    *cs_window_get_session   (CsWindow       *self);
/* Opens a dataset (path NULL: the demo); while a run goes on, asks first. */
void          cs_window_open_path     (CsWindow       *self,
                                       const char     *path);
void          cs_window_open_demo     (CsWindow       *self);
/* Opens the import assistant over the window; with crowd_path, its first step is filled in. */
CsImportAssistant *cs_window_import   (CsWindow       *self,
                                       const char     *crowd_path);
void          cs_window_show_toast    (CsWindow       *self,
                                       const char     *text);
CsDataset    *cs_window_get_dataset   (CsWindow       *self);
gboolean      cs_window_get_loading   (CsWindow       *self);
CsTrainPage  *cs_window_get_train_page (CsWindow      *self);
CsExplorerPage *cs_window_get_explorer_page (CsWindow  *self);
CsGalleryPage *cs_window_get_gallery_page (CsWindow   *self);
CsExperimentsPage *cs_window_get_experiments_page (CsWindow *self);
CsHistoryPage     *cs_window_get_history_page     (CsWindow *self);

G_END_DECLS
