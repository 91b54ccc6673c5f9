/* cs-train-page.h — choose a method and its settings, train, and watch the curves grow
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-page.h"

G_BEGIN_DECLS

#define CS_TYPE_TRAIN_PAGE (cs_train_page_get_type ())

G_DECLARE_FINAL_TYPE (CsTrainPage, cs_train_page, CS, TRAIN_PAGE, CsPage)

G_END_DECLS
