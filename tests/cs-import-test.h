/* cs-import-test.h — driving the import assistant as a person does, for the window's tests
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-import-assistant.h"
#include "cs-window-test.h"

G_BEGIN_DECLS

/* Whether the job's check is done, and whether the window has a dataset open and loaded (each
 * a CsTestCondition). */
gboolean   cs_import_test_checked      (gpointer           job);
gboolean   cs_import_test_dataset_open (gpointer           window);
/* The widget under `under` that its template names `id`; the test fails without one. */
GtkWidget *cs_import_test_find         (GtkWidget         *under,
                                        const char        *id);
/* Presses Next once the step is checked (failing the test, with the step's problems, when Next
 * is refused), and waits for the step `expected` to be checked. */
void       cs_import_test_press_next   (CsImportAssistant *assistant,
                                        CsImportStep       expected);

G_END_DECLS
