/* cs-checkpoint-dataset.h — the dataset a checkpoint is evaluated on, prepared as it saw its own
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-checkpoint.h"

G_BEGIN_DECLS

typedef struct
{
  CsDataset *dataset;  /* with the checkpoint's classes and features; its validation split
                        * carved out of test when the run's was */
  bool       same;     /* the dataset trained on: the fingerprints match */
  bool       raw;      /* features left unstandardised, for the checkpoint's own statistics
                        * (cs_checkpoint_evaluate applies them): another dataset's would differ */
} CsCheckpointDataset;

CsCheckpointDataset *cs_checkpoint_dataset_load     (const CsCheckpoint         *checkpoint,
                                                     const char                 *path,
                                                     GError                    **error);
void                 cs_checkpoint_dataset_free     (CsCheckpointDataset        *self);
/* The split as the checkpoint's model reads it: a copy of the dataset's, pointing to
 * standardised features in *features (free them after) when the dataset's are raw. Returns
 * false when the dataset has no such split. */
bool                 cs_checkpoint_dataset_split    (const CsCheckpoint         *checkpoint,
                                                     const CsCheckpointDataset  *data,
                                                     CsSplitKind                 kind,
                                                     CsSplit                    *split,
                                                     float                     **features);
/* Whether the dataset's annotators are the checkpoint's, in its order (the model's W_r and
 * embeddings are indexed by position); the error says which differs. */
gboolean             cs_checkpoint_check_annotators (const CsCheckpoint         *checkpoint,
                                                     const CsDataset            *dataset,
                                                     GError                    **error);
double               cs_checkpoint_evaluate         (CsCheckpoint               *checkpoint,
                                                     const CsCheckpointDataset  *data,
                                                     CsSplitKind                 kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsCheckpointDataset, cs_checkpoint_dataset_free)

G_END_DECLS
