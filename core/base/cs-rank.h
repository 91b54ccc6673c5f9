/* cs-rank.h — positions ranked by a value, the same way wherever a list is ranked
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

/* Sorts items [n], positions into keys, by keys[items[i]], highest first; NaN keys come last,
 * and ties keep the lower position first, so that a ranking is the same on every run. */
void cs_rank_descending (int         *items,
                         int          n,
                         const float *keys);

G_END_DECLS
