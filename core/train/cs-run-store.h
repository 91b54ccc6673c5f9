/* cs-run-store.h — the runs that are kept: a folder of checkpoints with a run.json each
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-checkpoint.h"
#include "cs-run-info.h"

G_BEGIN_DECLS

/* Names the store's folder instead of the user's data folder: for tests and scripts. */
#define CS_RUN_STORE_ENV "CROWDSCOPE_RUNS_DIR"

typedef struct _CsRunStore CsRunStore;

char         *cs_run_store_default_path (void);
CsRunStore   *cs_run_store_new          (const char    *path);
void          cs_run_store_free         (CsRunStore    *self);
const char   *cs_run_store_get_path     (CsRunStore    *self);

char         *cs_run_store_save         (CsRunStore    *self,
                                         const CsRun   *run,
                                         const char    *name,
                                         GError       **error);
GPtrArray    *cs_run_store_list         (CsRunStore    *self,
                                         GPtrArray     *warnings,
                                         GError       **error);
CsRunInfo    *cs_run_store_get_info     (CsRunStore    *self,
                                         const char    *id,
                                         GError       **error);
CsCheckpoint *cs_run_store_load         (CsRunStore    *self,
                                         const char    *id,
                                         CsRunInfo    **info,
                                         GError       **error);
/* The folder of run `id`, or NULL with a CS_ERROR_INVALID error when there is no such run. */
char         *cs_run_store_dup_run_dir  (CsRunStore    *self,
                                         const char    *id,
                                         GError       **error);
gboolean      cs_run_store_rename       (CsRunStore    *self,
                                         const char    *id,
                                         const char    *name,
                                         GError       **error);

/* Deleting in two steps, so that a window can undo: the run goes to the trash, from which it
 * can be restored until the trash is emptied. cs_run_store_delete() does both steps at once. */
gboolean      cs_run_store_trash        (CsRunStore    *self,
                                         const char    *id,
                                         GError       **error);
gboolean      cs_run_store_restore      (CsRunStore    *self,
                                         const char    *id,
                                         GError       **error);
gboolean      cs_run_store_empty_trash  (CsRunStore    *self,
                                         GError       **error);
gboolean      cs_run_store_delete       (CsRunStore    *self,
                                         const char    *id,
                                         GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsRunStore, cs_run_store_free)

G_END_DECLS
