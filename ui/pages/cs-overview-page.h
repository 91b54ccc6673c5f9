/* cs-overview-page.h — what a dataset holds: splits, classes, the crowd and its quality
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-page.h"
#include "cs-ui-types.h"

G_BEGIN_DECLS

#define CS_TYPE_OVERVIEW_PAGE (cs_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (CsOverviewPage, cs_overview_page, CS, OVERVIEW_PAGE, CsPage)

G_END_DECLS
