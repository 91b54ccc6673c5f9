/* cs-window-test.h — the real window in the states the page tests start from
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-window.h"
#include "test-util.h"

G_BEGIN_DECLS

/* The first widget of `type` in the tree under `widget` (itself included), or NULL. */
GtkWidget *cs_window_test_find          (GtkWidget  *widget,
                                         GType       type);
/* The widget under `widget` that its template names `id`, or NULL. */
GtkWidget *cs_window_test_find_id       (GtkWidget  *widget,
                                         const char *id);
/* A window on the dataset at `path`, its figures in, showing the view stack's page `page`. */
CsWindow  *cs_window_test_new_with_path (const char *path,
                                         const char *page);
/* A window on the demo (written into `tmp`), its figures in, showing the view stack's page
 * `page`. */
CsWindow  *cs_window_test_new_with_demo (CsTestDir  *tmp,
                                         const char *page);
/* The same after a CoNAL run of a few epochs. */
CsWindow  *cs_window_test_new_with_run  (CsTestDir  *tmp,
                                         const char *page);
/* The message dialog the window shows, or NULL; whether it shows one (a CsTestCondition). */
GtkWidget *cs_window_test_find_dialog   (void);
gboolean   cs_window_test_dialog_shown  (gpointer    data);
/* Waits for the window's question and answers it with `response`. */
void       cs_window_test_answer        (const char *response);
/* Shows the view stack's page `page`. */
void       cs_window_test_show_page     (CsWindow   *window,
                                         const char *page);

/* Waits until the chart is laid out enough to give a read-out at the epoch (a busy machine
 * lays it out later), and returns that read-out. */
char      *cs_window_test_wait_readout  (CsLossChart *chart,
                                         double       epoch);

G_END_DECLS
