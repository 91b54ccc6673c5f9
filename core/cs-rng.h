/* cs-rng.h — a small deterministic random number generator
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

/* xoshiro128** state. A plain struct so it can live on the stack or inside a model and be
 * copied to fork a stream; only the cs_rng_* functions should touch the state. */
typedef struct
{
  uint32_t s[4];
} CsRng;

void     cs_rng_init    (CsRng   *rng,
                         uint64_t seed);
uint32_t cs_rng_next    (CsRng   *rng);
float    cs_rng_uniform (CsRng   *rng);
float    cs_rng_normal  (CsRng   *rng);
float    cs_rng_range   (CsRng   *rng,
                         float    lo,
                         float    hi);
int      cs_rng_below   (CsRng   *rng,
                         int      n);
void     cs_rng_shuffle (CsRng   *rng,
                         int32_t *a,
                         int      n);

G_END_DECLS
