/* cs-dataset-carve.h — validation and test splits taken out of another split
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-dataset.h"

G_BEGIN_DECLS

/* A copy of `dataset` whose test split is divided into a validation split of n_valid items,
 * stratified by gold class, and a test split of the rest. The division is the same every
 * time (a fixed seed), so methods and seeds are compared on the same items. */
CsDataset *cs_dataset_carve_validation (const CsDataset  *dataset,
                                        int               n_valid,
                                        GError          **error);
/* A copy of `dataset`, which has only a train split, whose train split is divided into
 * n_valid validation items, n_test test items (either may be 0) and train items of the rest,
 * each stratified by gold class where gold is known. The same seed gives the same division. */
CsDataset *cs_dataset_carve_train      (const CsDataset  *dataset,
                                        int               n_valid,
                                        int               n_test,
                                        guint64           seed,
                                        GError          **error);

G_END_DECLS
