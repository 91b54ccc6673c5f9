/* cs-metainfo.c — what the application's AppStream metainfo says about it
 *
 * The About window shows the metainfo's name, developer, addresses, licence and the newest
 * release's notes, so that they are written once, in the file software centres read too.
 * Translations (elements with xml:lang) are skipped: the untranslated text is the one kept.
 * A release's description keeps the markup the About window's release notes understand
 * (p, ul, ol, li, em, code), with its text's runs of white space made single spaces.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "cs-metainfo.h"

typedef struct
{
  CsMetainfo *info;
  GPtrArray  *path;          /* of const char *: the open elements, the outermost first */
  guint       skip_depth;    /* inside a translation from this depth on; 0: not */
  GString    *text;          /* of the element being read */
  char       *url_type;      /* of the <url> being read */
  char       *release_date;  /* of the newest release so far */
  char       *date;          /* of the <release> being read */
  char       *version;
  GString    *notes;         /* its description */
} Parser;

static const char *notes_tags[] = { "p", "ul", "ol", "li", "em", "code", NULL };

static gboolean
at (Parser     *parser,
    const char *a,
    const char *b,
    const char *c)
{
  const char *want[] = { "component", a, b, c };
  guint depth = c != NULL ? 4 : b != NULL ? 3 : 2;

  if (parser->path->len != depth)
    return FALSE;
  for (guint i = 0; i < depth; i++)
    if (strcmp (g_ptr_array_index (parser->path, i), want[i]) != 0)
      return FALSE;
  return TRUE;
}

/* Inside a release's <description>, below it. */
static gboolean
in_notes (Parser *parser)
{
  return parser->notes != NULL && parser->path->len > 4 &&
         strcmp (g_ptr_array_index (parser->path, 2), "release") == 0 &&
         strcmp (g_ptr_array_index (parser->path, 3), "description") == 0;
}

static void
set_str (char       **field,
         const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

static void
clear_notes (Parser *parser)
{
  if (parser->notes != NULL)
    g_string_free (g_steal_pointer (&parser->notes), TRUE);
}

static void
append_text (GString    *string,
             const char *text,
             gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      gboolean space = g_ascii_isspace (text[i]);

      /* A single space, and none at the start of a paragraph or an item, nor between them;
       * after the end of an inline tag, a space is the text's. */
      if (space && (string->len == 0 || string->str[string->len - 1] == ' ' ||
                    (string->str[string->len - 1] == '>' && !g_str_has_suffix (string->str, "</em>") &&
                     !g_str_has_suffix (string->str, "</code>"))))
        continue;
      if (space)
        g_string_append_c (string, ' ');
      else if (text[i] == '<')
        g_string_append (string, "&lt;");
      else if (text[i] == '>')
        g_string_append (string, "&gt;");
      else if (text[i] == '&')
        g_string_append (string, "&amp;");
      else
        g_string_append_c (string, text[i]);
    }
}

static void
trim_end (GString *string)
{
  while (string->len > 0 && string->str[string->len - 1] == ' ')
    g_string_truncate (string, string->len - 1);
}

static void
start_element (GMarkupParseContext  *context,
               const char           *element,
               const char          **names,
               const char          **values,
               gpointer              data,
               GError              **error)
{
  Parser *parser = data;

  g_ptr_array_add (parser->path, (gpointer) element);
  if (parser->skip_depth != 0)
    return;
  for (guint i = 0; names[i]; i++)
    if (strcmp (names[i], "xml:lang") == 0)
      {
        parser->skip_depth = parser->path->len;
        return;
      }
  g_string_truncate (parser->text, 0);
  if (at (parser, "url", NULL, NULL))
    for (guint i = 0; names[i]; i++)
      if (strcmp (names[i], "type") == 0)
        set_str (&parser->url_type, values[i]);
  if (at (parser, "releases", "release", NULL))
    {
      g_clear_pointer (&parser->date, g_free);
      g_clear_pointer (&parser->version, g_free);
      clear_notes (parser);
      for (guint i = 0; names[i]; i++)
        if (strcmp (names[i], "date") == 0)
          parser->date = g_strdup (values[i]);
        else if (strcmp (names[i], "version") == 0)
          parser->version = g_strdup (values[i]);
    }
  if (at (parser, "releases", "release", "description"))
    {
      clear_notes (parser);
      parser->notes = g_string_new (NULL);
    }
  if (in_notes (parser) && g_strv_contains (notes_tags, element))
    g_string_append_printf (parser->notes, "<%s>", element);
}

static void
text (GMarkupParseContext  *context,
      const char           *text,
      gsize                 length,
      gpointer              data,
      GError              **error)
{
  Parser *parser = data;

  if (parser->skip_depth != 0)
    return;
  if (in_notes (parser))
    append_text (parser->notes, text, length);
  else
    append_text (parser->text, text, length);
}

static void
take_text (Parser  *parser,
           char   **field)
{
  trim_end (parser->text);
  if (*field == NULL)
    *field = g_strdup (parser->text->str);
}

/* The release just read, if it is newer than the one kept (a release without a date is newer
 * only than none). */
static void
end_release (Parser *parser)
{
  CsMetainfo *info = parser->info;

  if (info->release_version != NULL &&
      (parser->date == NULL || g_strcmp0 (parser->date, parser->release_date) <= 0))
    return;
  set_str (&info->release_version, parser->version);
  set_str (&info->release_notes, NULL);
  set_str (&parser->release_date, parser->date);
  if (parser->notes != NULL)
    info->release_notes = g_string_free (g_steal_pointer (&parser->notes), FALSE);
}

static void
end_element (GMarkupParseContext  *context,
             const char           *element,
             gpointer              data,
             GError              **error)
{
  Parser *parser = data;
  CsMetainfo *info = parser->info;

  if (parser->skip_depth == 0)
    {
      if (in_notes (parser) && g_strv_contains (notes_tags, element))
        {
          trim_end (parser->notes);
          g_string_append_printf (parser->notes, "</%s>", element);
        }
      else if (at (parser, "name", NULL, NULL))
        take_text (parser, &info->name);
      else if (at (parser, "summary", NULL, NULL))
        take_text (parser, &info->summary);
      else if (at (parser, "developer_name", NULL, NULL) || at (parser, "developer", "name", NULL))
        take_text (parser, &info->developer);
      else if (at (parser, "project_license", NULL, NULL))
        take_text (parser, &info->license);
      else if (at (parser, "url", NULL, NULL) && g_strcmp0 (parser->url_type, "homepage") == 0)
        take_text (parser, &info->homepage);
      else if (at (parser, "url", NULL, NULL) && g_strcmp0 (parser->url_type, "bugtracker") == 0)
        take_text (parser, &info->bugtracker);
      else if (at (parser, "releases", "release", NULL))
        end_release (parser);
    }
  if (parser->skip_depth == parser->path->len)
    parser->skip_depth = 0;
  g_ptr_array_remove_index (parser->path, parser->path->len - 1);
}

/**
 * cs_metainfo_new_from_bytes:
 * @bytes: an AppStream metainfo file
 *
 * Returns: (transfer full): what it says, or NULL with @error set when it is not well-formed
 *   XML or not a <component>
 */
CsMetainfo *
cs_metainfo_new_from_bytes (GBytes  *bytes,
                            GError **error)
{
  static const GMarkupParser markup = { start_element, end_element, text, NULL, NULL };
  g_autoptr(CsMetainfo) info = g_new0 (CsMetainfo, 1);
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GPtrArray) path = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  Parser parser = { info, path, 0, text, NULL, NULL, NULL, NULL, NULL };
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  gboolean parsed;

  g_return_val_if_fail (bytes != NULL, NULL);

  context = g_markup_parse_context_new (&markup, G_MARKUP_PREFIX_ERROR_POSITION, &parser, NULL);
  parsed = g_markup_parse_context_parse (context, data, size, error) &&
           g_markup_parse_context_end_parse (context, error);
  g_free (parser.url_type);
  g_free (parser.release_date);
  g_free (parser.date);
  g_free (parser.version);
  clear_notes (&parser);
  if (!parsed)
    return NULL;
  if (info->name == NULL)
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   "not an AppStream component: no <component> with a <name>");
      return NULL;
    }
  return g_steal_pointer (&info);
}

CsMetainfo *
cs_metainfo_new_from_resource (const char  *path,
                               GError     **error)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, error);

  return bytes != NULL ? cs_metainfo_new_from_bytes (bytes, error) : NULL;
}

void
cs_metainfo_free (CsMetainfo *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->summary);
  g_free (self->developer);
  g_free (self->homepage);
  g_free (self->bugtracker);
  g_free (self->license);
  g_free (self->release_version);
  g_free (self->release_notes);
  g_free (self);
}
