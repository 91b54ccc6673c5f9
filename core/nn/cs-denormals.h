/* cs-denormals.h — flushing subnormal floats to zero while training
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

/* Sets flush-to-zero and denormals-are-zero for the calling thread and returns the previous
 * state for cs_denormals_flush_end. No effect where the CPU has no such mode. */
unsigned int cs_denormals_flush_begin (void);
void         cs_denormals_flush_end   (unsigned int saved);
/* The calling thread's current state, for another thread to take on with
 * cs_denormals_flush_end: a pool's helpers compute in the mode of the thread that runs them. */
unsigned int cs_denormals_mode        (void);

G_END_DECLS
