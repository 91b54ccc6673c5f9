/* cs-train-page.h — choose a method and its settings, train, and watch the curves grow
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-ui-types.h"

G_BEGIN_DECLS

#define CS_TYPE_TRAIN_PAGE (cs_train_page_get_type ())

G_DECLARE_FINAL_TYPE (CsTrainPage, cs_train_page, CS, TRAIN_PAGE, GtkWidget)

void        cs_train_page_set_dataset  (CsTrainPage   *self,
                                        CsDataset     *dataset);
void        cs_train_page_start        (CsTrainPage   *self);
void        cs_train_page_stop         (CsTrainPage   *self);
CsTraining *cs_train_page_get_training (CsTrainPage   *self);
void        cs_train_page_get_config   (CsTrainPage   *self,
                                        CsTrainConfig *config);
void        cs_train_page_set_config   (CsTrainPage         *self,
                                        const CsTrainConfig *config);

G_END_DECLS
