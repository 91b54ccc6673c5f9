/* cs-epoch-snapshot.h — an epoch's metrics and learned matrices as the window keeps them
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "cs-empirical-confusions.h"
#include "cs-kept-run.h"

G_BEGIN_DECLS

/* What the worker hands back after every epoch: the metrics and a copy of the learned noise
 * matrices as they were then (for a long run with many annotators, only every n-th epoch's:
 * NULL for the others). */
typedef struct
{
  CsEpochMetrics  metrics;
  float          *global;     /* [K, K] logits or NULL */
  float          *local;      /* [R, K, K] logits or NULL */
  float          *effective;  /* [R, K, K] CoNAL's effective confusions, or NULL */
  float          *mean_w;     /* [R] CoNAL's mean w of each annotator's labels, or NULL */
  float          *label_w;    /* [train n_labels] CoNAL's w of every train label: the result's
                               * only, NULL otherwise */
  CsEmpiricalConfusions *empirical; /* the train labels against gold where it is known and the
                                     * model's most probable class elsewhere: the result's only */
} CsEpochSnapshot;

void             cs_epoch_snapshot_clear       (gpointer               snapshot);
void             cs_epoch_snapshot_free        (CsEpochSnapshot       *snapshot);
/* A GArray of CsEpochSnapshot that clears what it drops. */
GArray          *cs_epoch_snapshot_array_new   (void);

/* Copies the model's noise matrices (which its next epoch overwrites) and, when `effective`,
 * for CoNAL works out the effective confusions from them and the w of the train labels,
 * left in label_w [train n_labels]. */
void             cs_epoch_snapshot_fill        (CsEpochSnapshot       *snapshot,
                                                const CsDataset       *dataset,
                                                CsModel               *model,
                                                float                 *label_w,
                                                gboolean               effective);
/* The matrices of a run's result: its selected epoch's, with the w of every train label and
 * the empirical confusions. */
CsEpochSnapshot *cs_epoch_snapshot_new_result  (const CsRun           *run);

/* Writes the matrices of the epochs that have them, and the result's, as
 * cs_run_matrices_save does. */
gboolean         cs_epoch_snapshots_save       (GArray                *epochs,
                                                const CsEpochSnapshot *result,
                                                int                    K,
                                                int                    R,
                                                const char            *path,
                                                GError               **error);
/* The epochs of a kept run's history, with the matrices of those `matrices` has (copied;
 * NULL: none). */
GArray          *cs_epoch_snapshots_new_kept   (GArray                *history,
                                                const CsRunMatrices   *matrices,
                                                int                    K,
                                                int                    R);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsEpochSnapshot, cs_epoch_snapshot_free)

G_END_DECLS
