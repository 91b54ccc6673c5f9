/* cs-png.h — reading and writing 8-bit RGB PNG files
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

gboolean  cs_png_write_rgb (const char    *path,
                            int            width,
                            int            height,
                            int            stride,
                            const guint8  *rgb,
                            GError       **error);
guint8   *cs_png_read_rgb  (const char    *path,
                            int           *width,
                            int           *height,
                            GError       **error);

G_END_DECLS
