/* cs-json-read.c — reading JSON a user may have edited: parsed with checks, typed members read
 * leniently
 *
 * json-glib's getters warn when a member is an object or an array where they expect a value,
 * and give NULL for a string that is not there; files in a user's folders are user input, so
 * these read a member of the wrong type as a missing one.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "cs-error.h"
#include "cs-json-check.h"
#include "cs-json-read.h"

/*
 * cs_json_parse:
 * @data: (array length=len): JSON text, not necessarily NUL-terminated
 * @max_depth: how many levels of objects and arrays to allow (cs_json_check_text())
 * @path: the file's name, for messages
 *
 * Checks @data as cs_json_check_text() does, then parses it into @parser. An empty text parses,
 * with no root at all.
 *
 * Returns: %TRUE on success, %FALSE with a CS_ERROR_PARSE or _LIMIT error naming @path
 */
gboolean
cs_json_parse (JsonParser  *parser,
               const char  *data,
               gsize        len,
               int          max_depth,
               const char  *path,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (len <= G_MAXSSIZE, FALSE);

  if (!cs_json_check_text (data, len, max_depth, path, "JSON", error))
    return FALSE;
  if (!json_parser_load_from_data (parser, data ? data : "", (gssize) len, &local_error))
    {
      /* json-glib quotes the string it stopped at, as decoded: a lone surrogate escape made
       * that not UTF-8. cs_json_check_text() refuses those now; this covers any other way. */
      g_autofree char *reason = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error, CS_ERROR, CS_ERROR_PARSE, "%s: %s", path, reason);
      return FALSE;
    }
  return TRUE;
}

JsonNode *
cs_json_get_value (JsonObject *object,
                   const char *key,
                   GType       type)
{
  JsonNode *node = json_object_get_member (object, key);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type ?
         node : NULL;
}

const char *
cs_json_read_string (JsonObject *object,
                     const char *key)
{
  JsonNode *node = cs_json_get_value (object, key, G_TYPE_STRING);

  return node ? json_node_get_string (node) : "";
}

/* Clamped, so that a value past int's range is refused by the caller's range checks rather than
 * wrapped into them. */
int
cs_json_read_int (JsonObject *object,
                  const char *key,
                  int         fallback)
{
  JsonNode *node = cs_json_get_value (object, key, G_TYPE_INT64);

  return node ? (int) CLAMP (json_node_get_int (node), G_MININT, G_MAXINT) : fallback;
}

gboolean
cs_json_read_bool (JsonObject *object,
                   const char *key)
{
  JsonNode *node = cs_json_get_value (object, key, G_TYPE_BOOLEAN);

  return node ? json_node_get_boolean (node) : FALSE;
}

/* Integers too; null (how cs_json_add_number() writes NaN) is NaN again. */
double
cs_json_read_number (JsonObject *object,
                     const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  return node && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_double (node) : NAN;
}

/* The strings of an array; other elements are skipped. */
char **
cs_json_read_strv (JsonObject *object,
                   const char *key)
{
  JsonNode *node = json_object_get_member (object, key);
  JsonArray *array = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  guint n = array ? json_array_get_length (array) : 0;
  char **out = g_new0 (char *, n + 1);
  guint k = 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        out[k++] = g_strdup (json_node_get_string (element));
    }
  return out;
}
