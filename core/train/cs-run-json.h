/* cs-run-json.h — a training run as the JSON objects config.json and scripts read
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "cs-trainer.h"

G_BEGIN_DECLS

void      cs_history_to_json (JsonBuilder *builder,
                              GArray      *history);
JsonNode *cs_run_to_json     (const CsRun *run,
                              gboolean     with_history);

G_END_DECLS
