/* cs-dataset-figures.h — what the window shows of a dataset before any run: its statistics, and
 * each annotator's confusion as Dawid–Skene estimates it and as gold shows it
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-dataset-stats.h"
#include "cs-dawid-skene.h"
#include "cs-empirical-confusions.h"

G_BEGIN_DECLS

typedef struct
{
  CsDatasetStats        *stats;
  CsDawidSkene          *dawid_skene;   /* on the train split's crowd labels */
  CsEmpiricalConfusions *against_gold;  /* the train split's labels against its gold; NULL
                                         * without gold */
  double                *ds_accuracy;   /* [R] Dawid–Skene's estimate of each annotator's
                                         * accuracy: Σ_k prior_k · confusion_kk */
} CsDatasetFigures;

/* Works them all out; takes a while on a large crowd, so the session calls it off the main
 * thread. */
CsDatasetFigures *cs_dataset_figures_new  (const CsDataset  *dataset);
void              cs_dataset_figures_free (CsDatasetFigures *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsDatasetFigures, cs_dataset_figures_free)

G_END_DECLS
