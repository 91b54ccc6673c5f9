/* cs-figure-readers.c — reads back the SVG and PDF files the core writes, for the tests
 *
 * An SVG is checked as XML by GMarkup, which refuses anything that is not well-formed; a PDF
 * by poppler's pdfinfo, an independent reader.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "cs-figure-readers.h"

typedef struct
{
  CsTestSvg *svg;
  GString   *text;      /* of the <title> or <desc> being read */
  char     **target;
} SvgReader;

/* "658pt" or "658" as points. */
static double
length_of (const char *value)
{
  return value ? g_ascii_strtod (value, NULL) : 0;
}

static void
on_start (GMarkupParseContext  *context,
          const char           *name,
          const char          **attribute_names,
          const char          **attribute_values,
          gpointer              data,
          GError              **error)
{
  SvgReader *reader = data;

  reader->svg->elements++;
  if (reader->svg->root == NULL)
    {
      reader->svg->root = g_strdup (name);
      for (int i = 0; attribute_names[i]; i++)
        if (strcmp (attribute_names[i], "width") == 0)
          reader->svg->width = length_of (attribute_values[i]);
        else if (strcmp (attribute_names[i], "height") == 0)
          reader->svg->height = length_of (attribute_values[i]);
    }
  if (strcmp (name, "title") == 0 && reader->svg->title == NULL)
    reader->target = &reader->svg->title;
  else if (strcmp (name, "desc") == 0 && reader->svg->desc == NULL)
    reader->target = &reader->svg->desc;
  else
    return;
  g_string_truncate (reader->text, 0);
}

static void
on_end (GMarkupParseContext  *context,
        const char           *name,
        gpointer              data,
        GError              **error)
{
  SvgReader *reader = data;

  if (reader->target == NULL)
    return;
  *reader->target = g_strdup (reader->text->str);
  reader->target = NULL;
}

static void
on_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 len,
         gpointer              data,
         GError              **error)
{
  SvgReader *reader = data;

  if (reader->target != NULL)
    g_string_append_len (reader->text, text, len);
}

void
cs_test_svg_read (CsTestSvg  *svg,
                  const char *path)
{
  static const GMarkupParser parser = { on_start, on_end, on_text, NULL, NULL };
  g_autoptr(GString) text = g_string_new (NULL);
  SvgReader reader = { svg, text, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  memset (svg, 0, sizeof *svg);
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &reader, NULL);
  /* GMarkup reads elements only: the <?xml …?> declaration goes first. */
  if (g_str_has_prefix (contents, "<?xml"))
    {
      const char *end = strstr (contents, "?>");

      g_assert_nonnull (end);
      g_markup_parse_context_parse (context, end + 2, len - (end + 2 - contents), &error);
    }
  else
    g_markup_parse_context_parse (context, contents, len, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
}

void
cs_test_svg_clear (CsTestSvg *svg)
{
  g_free (svg->root);
  g_free (svg->title);
  g_free (svg->desc);
}

GHashTable *
cs_test_pdf_info (const char *path)
{
  g_autofree char *program = g_find_program_in_path ("pdfinfo");
  const char *argv[] = { program, "-enc", "UTF-8", path, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *fields;
  int status;

  if (program == NULL)
    return NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("pdfinfo %s: %s", path, err);
  fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  lines = g_strsplit (out, "\n", -1);
  for (int i = 0; lines[i]; i++)
    {
      const char *colon = strchr (lines[i], ':');

      if (colon != NULL)
        g_hash_table_insert (fields, g_strndup (lines[i], colon - lines[i]),
                             g_strstrip (g_strdup (colon + 1)));
    }
  return fields;
}
