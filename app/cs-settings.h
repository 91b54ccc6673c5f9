/* cs-settings.h — Crowdscope's GSettings, when its schema is installed
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-session.h"

G_BEGIN_DECLS

#define CS_APPLICATION_ID "io.github.crowdscope.Crowdscope"
#define CS_RECENT_MAX     8

GSettings  *cs_settings_new        (void);
void        cs_settings_add_recent (GSettings  *settings,
                                    const char *path);
char      **cs_settings_get_recent (GSettings  *settings);
void        cs_settings_bind_session (GSettings *settings,
                                      CsSession *session);

G_END_DECLS
