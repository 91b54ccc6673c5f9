/* cs-test-images.h — image files for the tests of what reads them (the core only reads JPEG)
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

/* The demo's picture of shape (0 to CS_DEMO_N_SHAPES − 1, drawn from seed), size × size, written
 * to path as a JPEG when it ends with .jpg and as a PNG otherwise; folders are made. */
void    cs_test_write_shape_image (const char *path,
                                   int         shape,
                                   int         size,
                                   guint64     seed);

G_END_DECLS
