/* cs-image-features.h — a fixed-length description of a small RGB image
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

/* Hand-made features for images of one object on a plainer background, as in the demo:
 * where the object is (an 8×8 map), which way its edges run (orientation histograms, whole
 * image and 3×3 cells), its colours (a 2×2×2 histogram) and its outline (area, radial
 * profile, angular harmonics, fill, perimeter, elongation). Every value lies in [−1, 1]. */
#define CS_IMAGE_FEATURES_DIM 159

void     cs_image_features      (float        *out,
                                 const guint8 *rgb,
                                 int           width,
                                 int           height);
/* The features of the PNG file at path, in any of PNG's pixel formats, written to out
 * [CS_IMAGE_FEATURES_DIM]. An image that cannot be read, or is too large to describe, is an
 * error that names the file. */
gboolean cs_image_features_read (float        *out,
                                 const char   *path,
                                 GError      **error);

G_END_DECLS
