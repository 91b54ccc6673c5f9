/* cs-import-crowd-step.h — the assistant's first step: the crowd labels file and its columns
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-import-page.h"

G_BEGIN_DECLS

#define CS_TYPE_IMPORT_CROWD_STEP (cs_import_crowd_step_get_type ())

G_DECLARE_FINAL_TYPE (CsImportCrowdStep, cs_import_crowd_step, CS, IMPORT_CROWD_STEP, CsImportPage)

G_END_DECLS
