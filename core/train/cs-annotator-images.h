/* cs-annotator-images.h — the matrices of an annotators' report, as images and matrix files
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-annotator-report.h"
#include "cs-figure-export.h"
#include "cs-learned-confusions.h"

G_BEGIN_DECLS

/* Which matrix an image shows: "common" (CoNAL's W_g as rows of softmax, whatever the kind),
 * "grid" (small multiples of every annotator's matrix of that kind), or an annotator's id. */
#define CS_IMAGE_MATRIX_COMMON "common"
#define CS_IMAGE_MATRIX_GRID   "grid"

/* Draws the matrix and writes it to path in its format (by the name's suffix); info names the
 * dataset and the run (its matrix field is filled in here). Fails with CS_ERROR_INVALID for a
 * method without such a matrix, an unknown annotator id or an unknown suffix, and with the
 * writer's errors. */
gboolean             cs_annotator_report_save_image  (const CsAnnotatorReport *self,
                                                      const char              *matrix,
                                                      CsMatrixKind             kind,
                                                      const CsImageInfo       *info,
                                                      const char              *path,
                                                      GError                 **error);
/* The effective or empirical matrices (rates) of every annotator, named by id, to save as
 * .npy or .csv like the learned ones; NULL with CS_ERROR_INVALID (naming path) for a method
 * without effective matrices. Learned matrices come from cs_learned_confusions_new(), which
 * keeps CoNAL's W_g and the raw weights. */
CsLearnedConfusions *cs_annotator_report_confusions  (const CsAnnotatorReport *self,
                                                      CsMatrixKind             kind,
                                                      const char              *path,
                                                      GError                 **error);

G_END_DECLS
