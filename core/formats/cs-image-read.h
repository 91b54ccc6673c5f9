/* cs-image-read.h — decodes a PNG or JPEG file into 8-bit RGB pixels
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

/* The pixels of the PNG or JPEG file at path (told apart by their first bytes, whatever the
 * name says) as rgb [height, width, 3], composed onto black where PNG pixels are transparent.
 * An image smaller than 3 × 3 or larger than max_pixels, a file of another kind, or one that
 * cannot be decoded is an error that names the file. */
guint8 *cs_image_read_rgb (const char  *path,
                           guint64      max_pixels,
                           int         *width,
                           int         *height,
                           GError     **error);

G_END_DECLS
