/* bench-util.h — what the benchmark programs share
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Sorts n values into ascending order. */
void   bench_sort   (double *values,
                     int     n);

/* The middle of n values (the upper one of the two for an even n), sorting them. */
double bench_median (double *values,
                     int     n);
