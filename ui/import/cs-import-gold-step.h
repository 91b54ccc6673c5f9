/* cs-import-gold-step.h — the assistant's third step: each split's gold labels, if any
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-import-page.h"

G_BEGIN_DECLS

#define CS_TYPE_IMPORT_GOLD_STEP (cs_import_gold_step_get_type ())

G_DECLARE_FINAL_TYPE (CsImportGoldStep, cs_import_gold_step, CS, IMPORT_GOLD_STEP, CsImportPage)

G_END_DECLS
