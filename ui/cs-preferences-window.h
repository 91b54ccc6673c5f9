/* cs-preferences-window.h — the application's preferences
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CS_TYPE_PREFERENCES_WINDOW (cs_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (CsPreferencesWindow, cs_preferences_window, CS, PREFERENCES_WINDOW, AdwPreferencesWindow)

CsPreferencesWindow *cs_preferences_window_new (GSettings *settings);

G_END_DECLS
