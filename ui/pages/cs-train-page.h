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

/* How the learning rate and λ read in the form: “0.01”, “1e-4”; and back. */
char     *cs_train_page_format_rate (double      value);
gboolean  cs_train_page_parse_rate  (const char *text,
                                     double     *value);

G_END_DECLS
