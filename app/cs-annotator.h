/* cs-annotator.h — one annotator of the open dataset, as the views list it
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "cs-dataset-figures.h"

G_BEGIN_DECLS

#define CS_TYPE_ANNOTATOR (cs_annotator_get_type ())

G_DECLARE_FINAL_TYPE (CsAnnotator, cs_annotator, CS, ANNOTATOR, GObject)

CsAnnotator *cs_annotator_new           (const CsDataset        *dataset,
                                         const CsDatasetFigures *figures,
                                         guint                   index);
guint        cs_annotator_get_index     (CsAnnotator          *self);
const char  *cs_annotator_get_id        (CsAnnotator          *self);
int          cs_annotator_get_n_labels  (CsAnnotator          *self);
double       cs_annotator_get_accuracy  (CsAnnotator          *self);
double       cs_annotator_get_agreement (CsAnnotator          *self);
double       cs_annotator_get_ds_accuracy (CsAnnotator        *self);

/* What a run says of the annotator, as the explorer shows it (NaN where there is none): CoNAL's
 * mean w, the spammer score of the matrix shown, and the total variation between the
 * effective and the empirical matrix. */
void         cs_annotator_set_run_figures (CsAnnotator        *self,
                                           double              mean_w,
                                           double              spammer_score,
                                           double              distance);

G_END_DECLS
