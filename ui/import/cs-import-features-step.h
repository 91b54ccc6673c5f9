/* cs-import-features-step.h — the assistant's second step: each split's features and ids
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-import-page.h"

G_BEGIN_DECLS

#define CS_TYPE_IMPORT_FEATURES_STEP (cs_import_features_step_get_type ())

G_DECLARE_FINAL_TYPE (CsImportFeaturesStep, cs_import_features_step, CS, IMPORT_FEATURES_STEP, CsImportPage)

G_END_DECLS
