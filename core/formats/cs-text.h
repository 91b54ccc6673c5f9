/* cs-text.h — plain text lists, number tokens and the dense answer matrix
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

char    **cs_text_parse_lines (const char  *data,
                               gsize        len,
                               const char  *filename,
                               int         *n,
                               GError     **error);
char    **cs_text_load_lines  (const char  *path,
                               int         *n,
                               GError     **error);
void      cs_text_trim        (const char  *text,
                               gsize       *start,
                               gsize       *end);
gboolean  cs_parse_int        (const char  *text,
                               int64_t     *out);
gboolean  cs_parse_float      (const char  *text,
                               double      *out);
int32_t  *cs_answers_parse    (const char  *data,
                               gsize        len,
                               const char  *filename,
                               int         *rows,
                               int         *cols,
                               GError     **error);
int32_t  *cs_answers_load     (const char  *path,
                               int         *rows,
                               int         *cols,
                               GError     **error);

G_END_DECLS
