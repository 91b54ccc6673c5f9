/* cs-json.c — JSON text from json-glib nodes, with numbers written as they should be
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "cs-json.h"

static void write_node (GString *out, JsonNode *node, gboolean pretty, int depth);

static void
newline (GString  *out,
         gboolean  pretty,
         int       depth)
{
  if (!pretty)
    return;
  g_string_append_c (out, '\n');
  for (int i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

void
cs_json_append_string (GString    *out,
                       const char *text)
{
  g_string_append_c (out, '"');
  for (const unsigned char *c = (const unsigned char *) text; *c; c++)
    {
      switch (*c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*c < 0x20)
            g_string_append_printf (out, "\\u%04x", *c);
          else
            g_string_append_c (out, (char) *c);
        }
    }
  g_string_append_c (out, '"');
}

static void
write_double (GString *out,
              double   value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  static const char *formats[] = { "%.15g", "%.16g", "%.17g" };

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (text, sizeof text, formats[i], value);
      if (g_ascii_strtod (text, NULL) == value)
        break;
    }
  g_string_append (out, text);
}

static void
write_value (GString  *out,
             JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    write_double (out, json_node_get_double (node));
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else if (type == G_TYPE_STRING)
    cs_json_append_string (out, json_node_get_string (node));
  else
    g_string_append (out, "null");
}

static void
write_object (GString    *out,
              JsonObject *object,
              gboolean    pretty,
              int         depth)
{
  g_autoptr(GList) members = json_object_get_members (object);

  g_string_append_c (out, '{');
  for (GList *l = members; l; l = l->next)
    {
      newline (out, pretty, depth + 1);
      cs_json_append_string (out, l->data);
      g_string_append (out, pretty ? ": " : ":");
      write_node (out, json_object_get_member (object, l->data), pretty, depth + 1);
      if (l->next)
        g_string_append_c (out, ',');
    }
  if (members)
    newline (out, pretty, depth);
  g_string_append_c (out, '}');
}

static void
write_array (GString   *out,
             JsonArray *array,
             gboolean   pretty,
             int        depth)
{
  guint n = json_array_get_length (array);

  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      newline (out, pretty, depth + 1);
      write_node (out, json_array_get_element (array, i), pretty, depth + 1);
      if (i + 1 < n)
        g_string_append_c (out, ',');
    }
  if (n > 0)
    newline (out, pretty, depth);
  g_string_append_c (out, ']');
}

static void
write_node (GString  *out,
            JsonNode *node,
            gboolean  pretty,
            int       depth)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT: write_object (out, json_node_get_object (node), pretty, depth); break;
    case JSON_NODE_ARRAY: write_array (out, json_node_get_array (node), pretty, depth); break;
    case JSON_NODE_VALUE: write_value (out, node); break;
    case JSON_NODE_NULL:
    default: g_string_append (out, "null"); break;
    }
}

char *
cs_json_to_string (JsonNode *node,
                   gboolean  pretty)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (node != NULL, NULL);

  write_node (out, node, pretty, 0);
  if (pretty)
    g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

void
cs_json_add_number (JsonBuilder *builder,
                    const char  *key,
                    double       value)
{
  json_builder_set_member_name (builder, key);
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
cs_json_add_int (JsonBuilder *builder,
                 const char  *key,
                 gint64       value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_int_value (builder, value);
}

void
cs_json_add_bool (JsonBuilder *builder,
                  const char  *key,
                  gboolean     value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_boolean_value (builder, value);
}

void
cs_json_add_string (JsonBuilder *builder,
                    const char  *key,
                    const char  *value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_string_value (builder, value);
}

void
cs_json_add_strv (JsonBuilder  *builder,
                  const char   *key,
                  char * const *strv)
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_array (builder);
  for (int i = 0; strv && strv[i]; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}
