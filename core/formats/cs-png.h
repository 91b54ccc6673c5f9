/* cs-png.h — 8-bit RGB images encoded as PNG, with text chunks that say what they show
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

/* The PNG file of rgb [height, stride bytes a row], to write with cs_file_write_atomic(). text
 * holds UTF-8 keyword and value pairs ("Title", "…", "Dataset", "…", NULL), each written as a
 * tEXt chunk when its value is Latin-1, as PNG's tEXt must be, and as an iTXt chunk (UTF-8)
 * when it is not; keywords are 1 to 79 printable ASCII characters. */
GBytes *cs_png_encode_rgb (int                 width,
                           int                 height,
                           int                 stride,
                           const guint8       *rgb,
                           const char * const *text /* [2n + 1], or NULL */,
                           GError            **error);

G_END_DECLS
