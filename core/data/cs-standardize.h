/* cs-standardize.h — rescaling features with train-split statistics
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-dataset.h"

G_BEGIN_DECLS

/* Columns whose standard deviations differ by more than this factor count as wildly
 * different scales. */
#define CS_STANDARDIZE_SCALE_RATIO 1000.0

void cs_feature_moments     (float       *mean /* [d] */,
                             float       *std  /* [d] */,
                             const float *x    /* [n, d] */,
                             int          n,
                             int          d);
void cs_standardize_dataset (CsDataset   *dataset,
                             CsStandardize mode);

G_END_DECLS
