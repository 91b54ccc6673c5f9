/* cs-annotator-table.h — the annotators' report as JSON and CSV, for scripts
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "cs-annotator-report.h"

G_BEGIN_DECLS

/* {"annotators": [{"id", "labels", "accuracy", "agreement_mv", "mean_w", "spammer_score",
 * "effective": [[K]…K], "empirical": [[K]…K] (counts), "distance": {"total_variation",
 * "jensen_shannon"}}, …], "common": [[K]…K], "method", "effective_source", "classes",
 * "common_confusions": [{"true_class", "given_class", "value"}, …]}. Fractions are in [0, 1],
 * rows the true class; what cannot be measured is null (accuracy without gold, mean_w and
 * common but for CoNAL, empirical for an annotator without counted labels, a NaN cell). */
JsonNode *cs_annotator_report_to_json (const CsAnnotatorReport *self);
/* One line per annotator: id, labels, accuracy, agreement_mv, mean_w, spammer_score,
 * distance_tv, distance_js; an empty field where the JSON has null. */
GString  *cs_annotator_report_to_csv  (const CsAnnotatorReport *self);

/* How many of the common matrix's largest confusions the JSON lists. */
#define CS_ANNOTATOR_TABLE_TOP_CONFUSIONS 5

G_END_DECLS
