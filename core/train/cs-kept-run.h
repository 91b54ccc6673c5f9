/* cs-kept-run.h — a kept run brought back: its checkpoint as the run cs_train returned
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-checkpoint.h"

G_BEGIN_DECLS

/* The matrices of a run's epochs as the window drew them, kept beside its checkpoint. */
#define CS_RUN_MATRICES_FILE "matrices.safetensors"
/* The epoch number of the result's own matrices (its selected epoch's, worked out again). */
#define CS_RESULT_EPOCH 0

/* One epoch's matrices; each may be NULL. */
typedef struct
{
  int          epoch;          /* 1-based, or CS_RESULT_EPOCH */
  const float *global;         /* [K, K] logits */
  const float *local;          /* [R, K, K] logits */
  const float *effective;      /* [R, K, K] CoNAL's effective confusions */
  const float *mean_w;         /* [R] CoNAL's mean w of each annotator's train labels */
} CsEpochMatrices;

typedef struct _CsRunMatrices CsRunMatrices;

gboolean               cs_run_matrices_save      (const CsEpochMatrices *epochs,
                                                  int                    n,
                                                  int                    K,
                                                  int                    R,
                                                  const char            *path,
                                                  GError               **error);
/* The matrices of a file cs_run_matrices_save wrote, for K classes and R annotators: a tensor
 * of another shape is an error naming it. */
CsRunMatrices         *cs_run_matrices_load      (const char            *path,
                                                  int                    K,
                                                  int                    R,
                                                  GError               **error);
void                   cs_run_matrices_free      (CsRunMatrices         *self);
int                    cs_run_matrices_get_n     (const CsRunMatrices   *self);
/* In the order they were saved; the matrices stay the file's, valid as long as it is. */
const CsEpochMatrices *cs_run_matrices_get       (const CsRunMatrices   *self,
                                                  int                    index);
/* The epoch's, or NULL. */
const CsEpochMatrices *cs_run_matrices_find      (const CsRunMatrices   *self,
                                                  int                    epoch);

/* The run `checkpoint` holds, as cs_train returned it, over `dataset`: the dataset the run
 * was given, which must have the checkpoint's fingerprint (CS_ERROR_VALUE otherwise), with a
 * validation split carved out of its test split again where the run's was. Takes the
 * checkpoint's model and history; the run has no Dawid–Skene estimate. */
CsRun                 *cs_run_new_from_checkpoint (CsCheckpoint         *checkpoint,
                                                   CsDataset            *dataset,
                                                   GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsRunMatrices, cs_run_matrices_free)

G_END_DECLS
