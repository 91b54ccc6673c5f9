/* cs-simd.h — hot loops built for AVX2 as well as for the baseline x86-64
 *
 * The library is built for the baseline x86-64 (SSE2), which every machine it runs on has.
 * CS_CLONES on a function makes GCC build it twice and pick the AVX2 build at load time where
 * the CPU has AVX2 (target_clones). AVX2 without FMA: the same operations on wider registers,
 * in the same order, so every machine computes the same bits.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Defined empty on the command line, it builds the baseline alone (to compare the two). Under
 * ThreadSanitizer the clones' resolvers would run instrumented before its runtime is up. */
#ifndef CS_CLONES
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_THREAD__)
#define CS_CLONES __attribute__ ((target_clones ("avx2", "default")))
#else
#define CS_CLONES
#endif
#endif
