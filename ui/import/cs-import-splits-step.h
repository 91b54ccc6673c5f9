/* cs-import-gold-step.h — the assistant's fourth step: each split's splits given, or carved out of train
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-import-page.h"

G_BEGIN_DECLS

#define CS_TYPE_IMPORT_SPLITS_STEP (cs_import_splits_step_get_type ())

G_DECLARE_FINAL_TYPE (CsImportSplitsStep, cs_import_splits_step, CS, IMPORT_SPLITS_STEP, CsImportPage)

G_END_DECLS
