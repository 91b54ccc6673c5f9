/* cs-demo-shapes.h — the demo dataset's drawn shapes
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-rng.h"

G_BEGIN_DECLS

/* The classes of the demo. Circle/ring and square/diamond are the look-alike pairs the demo's
 * simulated crowd confuses on purpose; keep each pair adjacent. */
typedef enum
{
  CS_DEMO_SHAPE_CIRCLE,
  CS_DEMO_SHAPE_RING,
  CS_DEMO_SHAPE_SQUARE,
  CS_DEMO_SHAPE_DIAMOND,
  CS_DEMO_SHAPE_TRIANGLE,
  CS_DEMO_SHAPE_STAR,
  CS_DEMO_SHAPE_CROSS,
  CS_DEMO_SHAPE_CRESCENT,
  CS_DEMO_N_SHAPES
} CsDemoShape;

const char *cs_demo_shape_name (CsDemoShape  shape);
void        cs_demo_shape_draw (guint8      *rgb,
                                int          size,
                                CsDemoShape  shape,
                                CsRng    *rng);

G_END_DECLS
