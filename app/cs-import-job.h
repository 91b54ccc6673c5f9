/* cs-import-job.h — an import assistant's state: the plan being filled, its checks, its summary
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-import.h"

G_BEGIN_DECLS

#define CS_TYPE_IMPORT_JOB (cs_import_job_get_type ())

G_DECLARE_FINAL_TYPE (CsImportJob, cs_import_job, CS, IMPORT_JOB, GObject)

CsImportJob           *cs_import_job_new               (void);
/* The plan the steps fill; call cs_import_job_plan_changed() after changing it. */
CsImportPlan          *cs_import_job_get_plan          (CsImportJob   *self);
/* Rereads the previews of the files the plan names, guesses the crowd columns of a new crowd
 * table, notifies "plan" and checks the current step again (on a worker thread). */
void                   cs_import_job_plan_changed      (CsImportJob   *self);
void                   cs_import_job_set_crowd_path    (CsImportJob   *self,
                                                        const char    *path);
CsImportStep           cs_import_job_get_step          (CsImportJob   *self);
/* The current step's problems (CsImportProblem), as the last check found them. */
GPtrArray             *cs_import_job_get_problems      (CsImportJob   *self);
/* Their messages, joined by new lines, of those that concern `split` (−1: all); NULL when
 * there are none. */
char                  *cs_import_job_dup_messages      (CsImportJob   *self,
                                                        int            split);
gboolean               cs_import_job_get_checking      (CsImportJob   *self);
gboolean               cs_import_job_get_can_go_on     (CsImportJob   *self);
/* When the current step had no problems, checks it once more and moves to the next step if it
 * still has none; returns whether it checks. */
gboolean               cs_import_job_go_on             (CsImportJob   *self);
void                   cs_import_job_go_back           (CsImportJob   *self);
/* The first rows of the crowd table, or of a split's features table; NULL when none is read. */
const CsTablePreview  *cs_import_job_get_crowd_preview (CsImportJob   *self);
const CsTablePreview  *cs_import_job_get_features_preview (CsImportJob *self,
                                                        CsSplitKind    split);
/* The first rows of a split's gold table, when its gold is one; NULL otherwise. */
const CsTablePreview  *cs_import_job_get_gold_preview  (CsImportJob   *self,
                                                        CsSplitKind    split);
/* The summary step's figures, once its worker is done; NULL before. */
const CsImportSummary *cs_import_job_get_summary       (CsImportJob   *self);
/* The folder the manifest goes to; *fallback set when the data's folder is not writable. */
char                  *cs_import_job_dup_manifest_dir  (CsImportJob   *self,
                                                        gboolean      *fallback);
/* Writes the manifest on a worker thread; the path written comes from _finish. */
void                   cs_import_job_write_async       (CsImportJob        *self,
                                                        GCancellable       *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer            user_data);
char                  *cs_import_job_write_finish      (CsImportJob        *self,
                                                        GAsyncResult       *result,
                                                        GError            **error);

G_END_DECLS
