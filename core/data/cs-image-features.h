/* cs-image-features.h — a fixed-length description of a small RGB image
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gi18n-lib.h>
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
/* What a dataset whose features were computed by cs_image_features() says about them. */
#define CS_IMAGE_FEATURES_NOTICE N_( \
  "The features were computed from the images by Crowdscope's own image descriptor; features " \
  "from a pretrained network (such as ResNet or VGG) classify better: see \"Features from a " \
  "pretrained network\" in the README")

/* The features of the PNG or JPEG file at path, written to out [CS_IMAGE_FEATURES_DIM]. An
 * image that cannot be read, or is too large to describe, is an error that names the file. */
gboolean cs_image_features_read (float        *out,
                                 const char   *path,
                                 GError      **error);
/* The features [n, CS_IMAGE_FEATURES_DIM] of the images names [n] (relative to folder), or
 * NULL with error set at the first that cannot be read; free with g_free(). The features of
 * a file are remembered for the process, until the file changes. */
float   *cs_image_features_read_files (const char         *folder,
                                       const char * const *names,
                                       int                 n,
                                       GError            **error);

G_END_DECLS
