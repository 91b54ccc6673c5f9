/* cs-run-history.h — the runs of a run store as a list model, kept up to date
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-run-entry.h"

G_BEGIN_DECLS

#define CS_TYPE_RUN_HISTORY (cs_run_history_get_type ())

G_DECLARE_FINAL_TYPE (CsRunHistory, cs_run_history, CS, RUN_HISTORY, GObject)

/* Empty until refreshed. */
CsRunHistory *cs_run_history_new           (const char      *store_path);
const char   *cs_run_history_get_path      (CsRunHistory    *self);
/* A GListModel of CsRunEntry, newest first. */
GListModel   *cs_run_history_get_runs      (CsRunHistory    *self);
gboolean      cs_run_history_get_loading   (CsRunHistory    *self);
/* What the last listings reported about entries left out (each once), one per line, or NULL;
 * the "warnings" property notifies when there is more. */
const char   *cs_run_history_get_warnings  (CsRunHistory    *self);
/* Lists the store again on a worker thread; the list changes once, when that is done. */
void          cs_run_history_refresh       (CsRunHistory    *self);
CsRunEntry   *cs_run_history_find          (CsRunHistory    *self,
                                            const char      *id);

/* Reads the run's history and learned matrices on a worker thread, unless they are read or
 * being read; the entry's "loaded" notifies when they are. */
void          cs_run_history_load          (CsRunHistory    *self,
                                            CsRunEntry      *entry);
gboolean      cs_run_history_rename        (CsRunHistory    *self,
                                            CsRunEntry      *entry,
                                            const char      *name,
                                            GError         **error);
/* Moves the run to the store's trash and out of the list, until it is restored or the trash
 * is emptied. */
gboolean      cs_run_history_trash         (CsRunHistory    *self,
                                            CsRunEntry      *entry,
                                            GError         **error);
gboolean      cs_run_history_restore       (CsRunHistory    *self,
                                            const char      *id,
                                            GError         **error);
gboolean      cs_run_history_empty_trash   (CsRunHistory    *self,
                                            GError         **error);

G_END_DECLS
