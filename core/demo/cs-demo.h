/* cs-demo.h — the demo dataset a new user can open without downloading anything
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

/* What cs_demo_write produces: square RGB images of drawn shapes in 8 classes, features
 * computed from their pixels, and a simulated crowd on the train split. */
#define CS_DEMO_IMAGE_SIZE    48
#define CS_DEMO_N_TRAIN      600
#define CS_DEMO_N_VALID      200
#define CS_DEMO_N_TEST       200
#define CS_DEMO_N_ANNOTATORS  30
#define CS_DEMO_MANIFEST     "crowdscope.ini"

gboolean cs_demo_write (const char  *dir,
                        uint64_t     seed,
                        GError     **error);

G_END_DECLS
