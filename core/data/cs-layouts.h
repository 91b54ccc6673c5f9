/* cs-layouts.h — the dataset layouts Crowdscope recognises in a folder
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-dataset.h"

G_BEGIN_DECLS

/* The file name a folder's manifest has. */
#define CS_MANIFEST_NAME "crowdscope.ini"

gboolean   cs_labelme_layout_detect   (const char           *dir);
CsDataset *cs_labelme_layout_load     (const char           *dir,
                                       const CsLoadOptions  *options,
                                       GError              **error);
gboolean   cs_music_layout_detect     (const char           *dir);
CsDataset *cs_music_layout_load       (const char           *dir,
                                       const CsLoadOptions  *options,
                                       GError              **error);
gboolean   cs_peerannot_layout_detect (const char           *dir);
CsDataset *cs_peerannot_layout_load   (const char           *dir,
                                       const CsLoadOptions  *options,
                                       GError              **error);
CsDataset *cs_manifest_load           (const char           *path,
                                       const CsLoadOptions  *options,
                                       GError              **error);
CsDataset *cs_manifest_parse          (const char           *data,
                                       gsize                 len,
                                       const char           *path,
                                       const CsLoadOptions  *options,
                                       GError              **error);

G_END_DECLS
