/* cs-dawid-skene.h — Dawid & Skene's EM estimate of true classes and annotator confusions
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-dataset.h"

G_BEGIN_DECLS

typedef struct
{
  int     n, K, R;
  float  *posteriors;   /* [n, K]: P(true class | labels); the prior for items without labels */
  float  *confusions;   /* [R, K, K]: row = true class, column = the label given */
  float  *priors;       /* [K] */
  int     iterations;
  double  log_likelihood;
} CsDawidSkene;

CsDawidSkene *cs_dawid_skene_run  (const CsSplit *split,
                                   int            K,
                                   int            R,
                                   int            max_iterations);
void          cs_dawid_skene_free (CsDawidSkene  *self);
/* Annotator r's accuracy as the estimate has it: Σ_k prior_k · confusion_r[k, k]. */
double        cs_dawid_skene_accuracy (const CsDawidSkene *self,
                                       int                 r);

/* The crowd's pooled confusion and each annotator's, from the estimate's posteriors over the
 * items of `split` (the one it was run on): the pooled one counts every label against its
 * item's posterior; an annotator's rows are their own counts with `prior_labels` labels'
 * worth of the pooled row added, so that a class they labelled once or never reads as the
 * crowd's rather than as a certainty or a guess. Rows are true classes and sum to 1. */
void          cs_dawid_skene_shrunk_confusions (const CsDawidSkene *self,
                                                const CsSplit      *split,
                                                double              prior_labels,
                                                float              *pooled /* [K, K] */,
                                                float              *local  /* [R, K, K] */);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsDawidSkene, cs_dawid_skene_free)

G_END_DECLS
