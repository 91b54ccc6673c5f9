/* cs-error.h — the core's error domain
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

#define CS_ERROR (cs_error_quark ())

typedef enum
{
  CS_ERROR_IO,          /* a file could not be read or written */
  CS_ERROR_PARSE,       /* a file's syntax is wrong */
  CS_ERROR_FORMAT,      /* a well-formed file holds something unsupported */
  CS_ERROR_SHAPE,       /* sizes of two inputs disagree */
  CS_ERROR_VALUE,       /* a value is out of range: NaN, a class outside the set, … */
  CS_ERROR_LIMIT,       /* a declared size would need more memory than is sensible */
  CS_ERROR_LAYOUT,      /* a folder matches no known dataset layout */
  CS_ERROR_DIVERGED,    /* training produced a non-finite loss */
  CS_ERROR_CANCELLED,   /* the caller asked to stop */
  CS_ERROR_INVALID,     /* an option or argument is invalid */
} CsError;

GQuark cs_error_quark (void);

G_END_DECLS
