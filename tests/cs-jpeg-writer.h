/* cs-jpeg-writer.h — JPEG files for the tests of what reads them (the core only reads JPEG)
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* rgb [height, width, 3] encoded as a baseline JPEG at quality 1–100. */
GBytes *cs_test_jpeg_encode (const guint8 *rgb,
                             int           width,
                             int           height,
                             int           quality);

G_END_DECLS
