/* cs-png-reader.h — decodes PNG files for the tests, which check what the core encodes
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

/* The image at path as 8-bit RGB [height, width × 3], whatever its pixel format; the test fails
 * when libpng cannot read it. */
guint8 *cs_test_png_read (const char *path,
                          int        *width,
                          int        *height);
/* The text chunks of the PNG file at path (tEXt, zTXt and iTXt, wherever they sit), keyword to
 * value in UTF-8 (tEXt's Latin-1 converted). */
GHashTable *cs_test_png_read_text (const char *path);

G_END_DECLS
