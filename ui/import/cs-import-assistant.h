/* cs-import-assistant.h — a person's own data, step by step, into a manifest the window opens
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-import-job.h"
#include "cs-window.h"

G_BEGIN_DECLS

#define CS_TYPE_IMPORT_ASSISTANT (cs_import_assistant_get_type ())

G_DECLARE_FINAL_TYPE (CsImportAssistant, cs_import_assistant, CS, IMPORT_ASSISTANT, AdwWindow)

/* A modal assistant over `window`, which opens the manifest once it is written. */
CsImportAssistant *cs_import_assistant_new          (CsWindow          *window);
/* The same with step 1 filled in from a crowd table. */
CsImportAssistant *cs_import_assistant_new_for_file (CsWindow          *window,
                                                     const char        *crowd_path);
CsImportJob       *cs_import_assistant_get_job      (CsImportAssistant *self);
/* Presses Next (Import on the last step), as the header's button does. */
void               cs_import_assistant_next         (CsImportAssistant *self);

G_END_DECLS
