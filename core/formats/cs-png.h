/* cs-png.h — 8-bit RGB images encoded as PNG
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

/* The PNG file of rgb [height, stride bytes a row], to write with cs_file_write_atomic(). */
GBytes *cs_png_encode_rgb (int            width,
                           int            height,
                           int            stride,
                           const guint8  *rgb,
                           GError       **error);

G_END_DECLS
