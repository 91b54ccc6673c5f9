/* cs-json-check.h — checks on JSON text that json-glib does not make
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

gboolean cs_json_check_text (const char  *text,
                             gsize        len,
                             int          max_depth,
                             const char  *filename,
                             const char  *what,
                             GError     **error);

G_END_DECLS
