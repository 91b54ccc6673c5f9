/* test-metainfo.c — reading the AppStream metainfo the About window shows: the untranslated
 * strings, the newest release's notes in the About window's markup, and errors
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "cs-metainfo.h"

static CsMetainfo *
parse (const char  *xml,
       GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (xml, strlen (xml));

  return cs_metainfo_new_from_bytes (bytes, error);
}

static const char component[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<component type=\"desktop-application\">\n"
  "  <id>org.example.Thing</id>\n"
  "  <name>Thing</name>\n"
  "  <name xml:lang=\"de\">Ding</name>\n"
  "  <summary>Does   a\n     thing</summary>\n"
  "  <description><p>Not the release notes.</p></description>\n"
  "  <developer id=\"org.example\"><name>Example People</name></developer>\n"
  "  <project_license>GPL-3.0-or-later</project_license>\n"
  "  <url type=\"bugtracker\">https://example.org/issues</url>\n"
  "  <url type=\"homepage\">https://example.org</url>\n"
  "  <releases>\n"
  "    <release version=\"1.0\" date=\"2026-01-01\">\n"
  "      <description><p>Old.</p></description>\n"
  "    </release>\n"
  "    <release version=\"1.1\" date=\"2026-06-01\">\n"
  "      <description>\n"
  "        <p>\n          New <em>things</em> &amp; fixes:\n        </p>\n"
  "        <p xml:lang=\"de\">Neues.</p>\n"
  "        <ul>\n          <li>One</li>\n          <li>Two <code>x&lt;y</code></li>\n        </ul>\n"
  "      </description>\n"
  "      <url>https://example.org/1.1</url>\n"
  "    </release>\n"
  "    <release version=\"0.9\" date=\"2025-01-01\">\n"
  "      <description><p>Older.</p></description>\n"
  "    </release>\n"
  "  </releases>\n"
  "</component>\n";

static void
test_fields (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsMetainfo) info = parse (component, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (info->name, ==, "Thing");
  g_assert_cmpstr (info->summary, ==, "Does a thing");
  g_assert_cmpstr (info->developer, ==, "Example People");
  g_assert_cmpstr (info->license, ==, "GPL-3.0-or-later");
  g_assert_cmpstr (info->homepage, ==, "https://example.org");
  g_assert_cmpstr (info->bugtracker, ==, "https://example.org/issues");
}

/* The newest by date, wherever it stands in the list, with its translations left out. */
static void
test_newest_release (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsMetainfo) info = parse (component, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (info->release_version, ==, "1.1");
  g_assert_cmpstr (info->release_notes, ==,
                   "<p>New <em>things</em> &amp; fixes:</p>"
                   "<ul><li>One</li><li>Two <code>x&lt;y</code></li></ul>");
}

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsMetainfo) broken = parse ("<component><name>Thing</component>", &error);
  g_autoptr(CsMetainfo) nameless = NULL;

  g_assert_null (broken);
  g_assert_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_PARSE);
  g_clear_error (&error);
  nameless = parse ("<component><id>x</id></component>", &error);
  g_assert_null (nameless);
  g_assert_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT);
}

/* The project's own metainfo, as data/ installs it. */
static void
test_project_metainfo (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "..", "data",
                                                 "io.github.crowdscope.Crowdscope.metainfo.xml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsMetainfo) info = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  info = parse (contents, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->name, ==, "Crowdscope");
  g_assert_nonnull (info->release_version);
  g_assert_true (g_str_has_prefix (info->release_notes, "<p>"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/metainfo/fields", test_fields);
  g_test_add_func ("/metainfo/newest-release", test_newest_release);
  g_test_add_func ("/metainfo/errors", test_errors);
  g_test_add_func ("/metainfo/project", test_project_metainfo);
  return g_test_run ();
}
