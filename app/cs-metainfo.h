/* cs-metainfo.h — what the application's AppStream metainfo says about it
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Each string NULL when the metainfo does not give it. */
typedef struct
{
  char *name;
  char *summary;
  char *developer;
  char *homepage;         /* <url type="homepage"> */
  char *bugtracker;       /* <url type="bugtracker"> */
  char *license;          /* <project_license>, an SPDX expression */
  char *release_version;  /* the newest <release> */
  char *release_notes;    /* its description, in the markup AdwAboutWindow's release notes take */
} CsMetainfo;

CsMetainfo *cs_metainfo_new_from_bytes    (GBytes      *bytes,
                                           GError     **error);
CsMetainfo *cs_metainfo_new_from_resource (const char  *path,
                                           GError     **error);
void        cs_metainfo_free              (CsMetainfo  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsMetainfo, cs_metainfo_free)

G_END_DECLS
