/* cs-dataset-resimulate.h — a dataset whose train crowd is replaced by simulated annotators
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-dataset.h"
#include "cs-simulate.h"

G_BEGIN_DECLS

/* A copy of `dataset` (every split, features, gold, images) whose train split carries the
 * labels of a crowd simulated from its gold labels, with annotators "sim-001", … The crowd's
 * planted confusions are returned in *crowd. Needs gold for every train item. */
CsDataset *cs_dataset_resimulate (const CsDataset    *dataset,
                                  const CsCrowdSpec  *spec,
                                  CsSimulatedCrowd  **crowd,
                                  GError            **error);
char      *cs_simulated_annotator_id (int             r);

G_END_DECLS
