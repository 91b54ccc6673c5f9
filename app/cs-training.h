/* cs-training.h — one training run on a worker thread, seen from the main thread
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-epoch-snapshot.h"

G_BEGIN_DECLS

/* A run that was stopped keeps its result when it had finished an epoch. */
typedef enum
{
  CS_TRAINING_READY,
  CS_TRAINING_RUNNING,
  CS_TRAINING_FINISHED,
  CS_TRAINING_STOPPED,
  CS_TRAINING_FAILED,
} CsTrainingState;

#define CS_TYPE_TRAINING (cs_training_get_type ())

G_DECLARE_FINAL_TYPE (CsTraining, cs_training, CS, TRAINING, GObject)

CsTraining            *cs_training_new            (CsDataset           *dataset,
                                                   const CsTrainConfig *config);
/* Reopens the run `id` kept in the run store at `store_path`, without retraining, over
 * `dataset`, the dataset it was trained on (its fingerprint is checked). A worker thread loads
 * the checkpoint and the matrices kept with it and works out the result's matrices as those of
 * a run that has just ended. The training comes back ended (FINISHED, or STOPPED for a run
 * stopped early) with its kept id; it is not kept again. */
void                   cs_training_reopen_async   (CsDataset           *dataset,
                                                   const char          *store_path,
                                                   const char          *id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
CsTraining            *cs_training_reopen_finish  (GAsyncResult        *result,
                                                   GError             **error);
/* "CoNAL, seed 1": what a list of runs calls this one. */
char                  *cs_training_dup_title      (CsTraining          *self);
void                   cs_training_start          (CsTraining          *self);
void                   cs_training_stop           (CsTraining          *self);
/* Whether a stop was asked for: the run may still be finishing its mini-batch. */
gboolean               cs_training_get_stopping   (CsTraining          *self);
CsTrainingState        cs_training_get_state      (CsTraining          *self);
CsDataset             *cs_training_get_dataset    (CsTraining          *self);
const CsTrainConfig   *cs_training_get_config     (CsTraining          *self);
guint                  cs_training_get_n_epochs   (CsTraining          *self);
const CsEpochSnapshot *cs_training_get_epoch      (CsTraining          *self,
                                                   guint                index);
/* The result's matrices (its selected epoch's), as an epoch's snapshot holds them; NULL until
 * the run has a result. */
const CsEpochSnapshot *cs_training_get_result_matrices (CsTraining     *self);
double                 cs_training_get_fraction   (CsTraining          *self);
double                 cs_training_get_elapsed    (CsTraining          *self);
double                 cs_training_get_remaining  (CsTraining          *self);
const CsRun           *cs_training_get_run        (CsTraining          *self);
const char            *cs_training_get_message    (CsTraining          *self);
gboolean               cs_training_get_has_result (CsTraining          *self);
const char            *cs_training_get_saved_path (CsTraining          *self);
/* Before the start: keep the result, finished or stopped with an epoch, in the run store at
 * `path` (written by the worker once the run ends; NULL keeps nothing). Then its id there, or
 * why it could not be kept. */
void                   cs_training_set_store_path (CsTraining          *self,
                                                   const char          *path);
const char            *cs_training_get_kept_id    (CsTraining          *self);
const char            *cs_training_get_keep_error (CsTraining          *self);

/* Saves the result (finished, or stopped with its best epoch so far) as a checkpoint folder on
 * a worker thread; the training remembers the folder. */
void                   cs_training_save_async     (CsTraining          *self,
                                                   const char          *folder,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean               cs_training_save_finish    (CsTraining          *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
