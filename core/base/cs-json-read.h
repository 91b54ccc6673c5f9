/* cs-json-read.h — reading JSON a user may have edited: parsed with checks, typed members read
 * leniently
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

gboolean    cs_json_parse       (JsonParser  *parser,
                                 const char  *data,
                                 gsize        len,
                                 int          max_depth,
                                 const char  *path,
                                 GError     **error);

/* A member of the wrong type reads as a missing one: "" for a string, `fallback` for an int
 * (clamped to int's range), FALSE, NaN, an empty vector (of the array's strings only). */
JsonNode   *cs_json_get_value   (JsonObject  *object,
                                 const char  *key,
                                 GType        type);
const char *cs_json_read_string (JsonObject  *object,
                                 const char  *key);
int         cs_json_read_int    (JsonObject  *object,
                                 const char  *key,
                                 int          fallback);
gboolean    cs_json_read_bool   (JsonObject  *object,
                                 const char  *key);
double      cs_json_read_number (JsonObject  *object,
                                 const char  *key);
char      **cs_json_read_strv   (JsonObject  *object,
                                 const char  *key);

G_END_DECLS
