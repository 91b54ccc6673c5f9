/* cs-train-page.h — choose a method and its settings, train, and watch the curves grow
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-session.h"

G_BEGIN_DECLS

#define CS_TYPE_TRAIN_PAGE (cs_train_page_get_type ())

G_DECLARE_FINAL_TYPE (CsTrainPage, cs_train_page, CS, TRAIN_PAGE, GtkWidget)

CsSession *cs_train_page_get_session (CsTrainPage *self);
void       cs_train_page_set_session (CsTrainPage *self,
                                      CsSession   *session);

G_END_DECLS
