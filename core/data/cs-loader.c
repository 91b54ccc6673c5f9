/* cs-loader.c — opens a dataset from whatever a person points at
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "cs-error.h"
#include "cs-file.h"
#include "cs-layouts.h"

static CsDataset *
load_folder (const char           *dir,
             const CsLoadOptions  *options,
             GError              **error)
{
  g_autofree char *manifest = g_build_filename (dir, CS_MANIFEST_NAME, NULL);

  if (g_file_test (manifest, G_FILE_TEST_IS_REGULAR))
    return cs_manifest_load (manifest, options, error);
  if (cs_labelme_layout_detect (dir))
    return cs_labelme_layout_load (dir, options, error);
  if (cs_music_layout_detect (dir))
    return cs_music_layout_load (dir, options, error);
  if (cs_peerannot_layout_detect (dir))
    return cs_peerannot_layout_load (dir, options, error);
  g_set_error (error, CS_ERROR, CS_ERROR_LAYOUT,
               _("%s: expected a dataset folder — a manifest (%s), the LabelMe "
               "layout (classes.txt, answers.txt, train/), the Music layout "
               "(music_genre_gold.csv, music_genre_mturk.csv) or peerannot's layout "
               "(metadata.json, answers.json, train/) — found none of them"), dir, CS_MANIFEST_NAME);
  return NULL;
}

/* A folder in one of the known layouts, or a manifest file. */
CsDataset *
cs_dataset_load (const char           *path,
                 const CsLoadOptions  *options,
                 GError              **error)
{
  g_autofree char *canonical = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Messages and the dataset's source name the file as a person would: without "..". */
  canonical = g_canonicalize_filename (path, NULL);
  if (g_stat (canonical, &st) != 0)
    {
      cs_file_set_error (error, path, _("read"), errno);
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    return load_folder (canonical, options, error);
  /* A manifest file: cs_file_read() refuses anything else, a named pipe included. */
  return cs_manifest_load (canonical, options, error);
}
