/* cs-experiment-job.h — methods × seeds trained on worker threads, seen from the main thread
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-experiment-result.h"

G_BEGIN_DECLS

/* A stopped experiment keeps the runs that had finished. */
typedef enum
{
  CS_EXPERIMENT_READY,
  CS_EXPERIMENT_RUNNING,
  CS_EXPERIMENT_FINISHED,
  CS_EXPERIMENT_STOPPED,
  CS_EXPERIMENT_FAILED,
} CsExperimentState;

#define CS_TYPE_EXPERIMENT_JOB (cs_experiment_job_get_type ())

G_DECLARE_FINAL_TYPE (CsExperimentJob, cs_experiment_job, CS, EXPERIMENT_JOB, GObject)

/* One row per config (a method each), seeds 1…n_seeds. */
CsExperimentJob    *cs_experiment_job_new         (CsDataset           *dataset,
                                                   const CsTrainConfig *configs,
                                                   int                  n_methods,
                                                   int                  n_seeds);
/* Before the start: keep every finished run in the run store at `path` (its workers write them
 * as they finish); NULL keeps none. Then how many were kept, and the first reason one was not. */
void                cs_experiment_job_set_store_path (CsExperimentJob *self,
                                                      const char      *path);
int                 cs_experiment_job_get_n_kept  (CsExperimentJob     *self);
const char         *cs_experiment_job_get_keep_error (CsExperimentJob  *self);
/* Trains on `jobs` worker threads, runs side by side, one thread each (crowdscope-cli
 * experiment --jobs); the application is held meanwhile. */
void                cs_experiment_job_start       (CsExperimentJob     *self,
                                                   int                  jobs);
/* Asks the workers to stop after their current mini-batch; finished runs are kept. */
void                cs_experiment_job_stop        (CsExperimentJob     *self);
CsExperimentState   cs_experiment_job_get_state   (CsExperimentJob     *self);
/* A GListModel of CsExperimentResult, a row per method, filling in as runs finish. */
GListModel         *cs_experiment_job_get_results (CsExperimentJob     *self);
int                 cs_experiment_job_get_n_finished (CsExperimentJob  *self);
int                 cs_experiment_job_get_n_total (CsExperimentJob     *self);
double              cs_experiment_job_get_elapsed (CsExperimentJob    *self);
/* The failure's or the stop's message, or NULL. */
const char         *cs_experiment_job_get_message (CsExperimentJob     *self);
/* Once it has ended: the experiment itself, and its table as crowdscope-cli experiment prints
 * it (CS_TABLE_MARKDOWN: the same as --markdown). NULL while running. */
const CsExperiment *cs_experiment_job_get_experiment (CsExperimentJob  *self);
char               *cs_experiment_job_format_table (CsExperimentJob    *self,
                                                    CsTableFormat       format);

G_END_DECLS
