/* cs-published.h — the test accuracies papers report, for the datasets Crowdscope knows
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-train-config.h"

G_BEGIN_DECLS

typedef struct
{
  CsMethod    method;
  double      test_mean;      /* in [0, 1] */
  double      test_std;       /* population std over the paper's seeds */
  const char *source;         /* "CoNAL (Chu et al., 2021)" */
  const char *differences;    /* how the paper's data differ from the shared copy, a sentence */
} CsPublished;

/* The published figure for a method on a dataset named like LabelMe or Music (any case, as a
 * part of the name), or NULL. */
const CsPublished *cs_published_find (const char *dataset_name,
                                      CsMethod    method);

G_END_DECLS
