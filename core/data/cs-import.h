/* cs-import.h — everything an import assistant needs from the core
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-import-plan.h"
#include "cs-import-problem.h"
#include "cs-import-summary.h"
#include "cs-table-preview.h"
