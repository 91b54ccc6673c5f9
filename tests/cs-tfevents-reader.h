/* cs-tfevents-reader.h — reads back the scalars of TensorBoard event files, for the tests
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

/* One scalar read back from an event file. */
typedef struct
{
  int64_t  step;
  float    value;
  char    *tag;
} CsTestScalar;

/* Every simple_value summary of the event file at path, in file order (an array of
 * CsTestScalar that frees the tags). The test fails at a bad CRC or a malformed Event. */
GArray    *cs_test_events_read  (const char *path);

/* The event files in a log folder, by name; cs_test_event_file asserts there is exactly one. */
GPtrArray *cs_test_event_files  (const char *log_dir);
char      *cs_test_event_file   (const char *log_dir);

G_END_DECLS
