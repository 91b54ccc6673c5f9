/* cs-denormals.c — flushing subnormal floats to zero while training
 *
 * Values smaller than FLT_MIN (1.2e-38) carry no meaning for training, but an x86 core computes
 * with them in microcode, tens of times slower than with normal floats. Training turns on the
 * SSE flush-to-zero (results) and denormals-are-zero (inputs) bits for its thread only, and
 * restores them after, so a caller's own arithmetic is left as it was. NaN and infinities are
 * unaffected, so the divergence checks still see them.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-denormals.h"

#if defined(__SSE__) || defined(__x86_64__)
#include <xmmintrin.h>

#define FTZ_DAZ 0x8040u

unsigned int
cs_denormals_flush_begin (void)
{
  unsigned int saved = _mm_getcsr ();

  _mm_setcsr (saved | FTZ_DAZ);
  return saved;
}

void
cs_denormals_flush_end (unsigned int saved)
{
  _mm_setcsr (saved);
}

unsigned int
cs_denormals_mode (void)
{
  return _mm_getcsr ();
}

#else

unsigned int
cs_denormals_flush_begin (void)
{
  return 0;
}

void
cs_denormals_flush_end (unsigned int saved)
{
}

unsigned int
cs_denormals_mode (void)
{
  return 0;
}

#endif
