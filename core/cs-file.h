/* cs-file.h — atomic file writes and whole-file reads with errors that name the path
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

gboolean cs_file_write_atomic (const char  *path,
                               const void  *data,
                               gsize        len,
                               GError     **error);
gboolean cs_file_ensure_dir   (const char  *path,
                               GError     **error);
gboolean cs_file_read         (const char  *path,
                               guint8     **contents,
                               gsize       *len,
                               GError     **error);

G_END_DECLS
