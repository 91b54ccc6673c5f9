/* cs-png.h — reading and writing 8-bit RGB PNG files
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

/* Writes atomically: an existing file is replaced whole or not at all. */
gboolean  cs_png_write_rgb (const char    *path,
                            int            width,
                            int            height,
                            int            stride,
                            const guint8  *rgb,
                            GError       **error);
/* The PNG bytes, for callers that write many files into a fresh folder and need no
 * per-file atomic replace. */
GBytes   *cs_png_encode_rgb (int            width,
                             int            height,
                             int            stride,
                             const guint8  *rgb,
                             GError       **error);
guint8   *cs_png_read_rgb  (const char    *path,
                            int           *width,
                            int           *height,
                            GError       **error);

G_END_DECLS
