/* cs-run-picker.h — a drop-down of the session's runs on the open dataset
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-session.h"

G_BEGIN_DECLS

#define CS_TYPE_RUN_PICKER (cs_run_picker_get_type ())

G_DECLARE_FINAL_TYPE (CsRunPicker, cs_run_picker, CS, RUN_PICKER, GtkWidget)

GtkWidget  *cs_run_picker_new          (void);
/* The runs to list: those of `session` with a result, and with `running` those still
 * training too. */
void        cs_run_picker_set_session  (CsRunPicker *self,
                                        CsSession   *session,
                                        gboolean     running);
CsTraining *cs_run_picker_get_training (CsRunPicker *self);
void        cs_run_picker_set_training (CsRunPicker *self,
                                        CsTraining  *training);

G_END_DECLS
