/* cs-json.h — JSON text from json-glib nodes, with numbers written as they should be
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* json-glib 1.6's generator writes 1e-08 as "1e-08.0", which no parser accepts, and 0.9 as
 * 0.90000000000000002. This writes the shortest text that reads back as the same double,
 * non-finite numbers as null, and keeps members in the order they were added. */
char *cs_json_to_string (JsonNode *node,
                         gboolean  pretty);

/* A JSON string literal for `text`, quoted and escaped, for hand-laid-out JSON. */
void  cs_json_append_string (GString     *out,
                             const char  *text);

/* Members of the object being built; non-finite numbers become null. */
void  cs_json_add_number (JsonBuilder  *builder,
                          const char   *key,
                          double        value);
void  cs_json_add_int    (JsonBuilder  *builder,
                          const char   *key,
                          gint64        value);
void  cs_json_add_bool   (JsonBuilder  *builder,
                          const char   *key,
                          gboolean      value);
void  cs_json_add_string (JsonBuilder  *builder,
                          const char   *key,
                          const char   *value);
void  cs_json_add_strv   (JsonBuilder  *builder,
                          const char   *key,
                          char * const *strv);

G_END_DECLS
