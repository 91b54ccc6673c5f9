/* cs-dataset-carve.h — a validation split taken out of the test split
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

G_END_DECLS
