/* cs-import-gold-step.h — the assistant's last step: each split's what the import would give, and its name
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-import-page.h"

G_BEGIN_DECLS

#define CS_TYPE_IMPORT_SUMMARY_STEP (cs_import_summary_step_get_type ())

G_DECLARE_FINAL_TYPE (CsImportSummaryStep, cs_import_summary_step, CS, IMPORT_SUMMARY_STEP, CsImportPage)

G_END_DECLS
