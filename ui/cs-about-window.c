/* cs-about-window.c — the About window, from the metainfo
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-about-window.h"
#include "cs-metainfo.h"
#include "cs-settings.h"

/* The SPDX licences GTK knows by name; another is shown as its SPDX expression. */
static GtkLicense
license_type (const char *spdx)
{
  static const struct { const char *spdx; GtkLicense type; } licenses[] = {
    { "GPL-2.0-or-later", GTK_LICENSE_GPL_2_0 },
    { "GPL-2.0-only", GTK_LICENSE_GPL_2_0_ONLY },
    { "GPL-3.0-or-later", GTK_LICENSE_GPL_3_0 },
    { "GPL-3.0-only", GTK_LICENSE_GPL_3_0_ONLY },
    { "LGPL-2.1-or-later", GTK_LICENSE_LGPL_2_1 },
    { "LGPL-3.0-or-later", GTK_LICENSE_LGPL_3_0 },
    { "AGPL-3.0-or-later", GTK_LICENSE_AGPL_3_0 },
    { "MIT", GTK_LICENSE_MIT_X11 },
    { "Apache-2.0", GTK_LICENSE_APACHE_2_0 },
    { "MPL-2.0", GTK_LICENSE_MPL_2_0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (licenses); i++)
    if (g_strcmp0 (spdx, licenses[i].spdx) == 0)
      return licenses[i].type;
  return GTK_LICENSE_CUSTOM;
}

/* What the About window says comes from the metainfo in the resources, the file software
 * centres show; the version is the build's, which the newest release's should be. */
GtkWindow *
cs_about_window_new (GtkWindow *transient_for)
{
  g_autoptr(CsMetainfo) info = NULL;
  g_autoptr(GError) error = NULL;
  AdwAboutWindow *about;

  info = cs_metainfo_new_from_resource ("/io/github/crowdscope/Crowdscope/metainfo.xml", &error);
  /* Compiled in, and checked by the tests. */
  g_assert_no_error (error);
  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (about), transient_for);
  adw_about_window_set_application_name (about, info->name);
  adw_about_window_set_application_icon (about, CS_APPLICATION_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_comments (about, info->summary);
  if (info->developer != NULL)
    {
      const char *developers[] = { info->developer, NULL };

      adw_about_window_set_developer_name (about, info->developer);
      adw_about_window_set_developers (about, developers);
    }
  if (info->homepage != NULL)
    adw_about_window_set_website (about, info->homepage);
  if (info->bugtracker != NULL)
    adw_about_window_set_issue_url (about, info->bugtracker);
  adw_about_window_set_license_type (about, license_type (info->license));
  if (license_type (info->license) == GTK_LICENSE_CUSTOM)
    adw_about_window_set_license (about, info->license);
  if (info->release_notes != NULL)
    {
      adw_about_window_set_release_notes_version (about, info->release_version);
      adw_about_window_set_release_notes (about, info->release_notes);
    }
  return GTK_WINDOW (about);
}

