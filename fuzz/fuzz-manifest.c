/* fuzz-manifest.c — fuzzes the dataset manifest (crowdscope.ini)
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is the key file's text. Its relative paths resolve against a small dataset made
 * once in a temporary folder (cs_fuzz_get_dataset_dir()), so the fuzzer can name real files of
 * every kind, or files that do not exist.
 */

#include <string.h>

#include "cs-fuzz-targets.h"
#include "cs-layouts.h"

/* Whether any value could lead out of the dataset folder: an absolute path, "..", or a '/'
 * next to an escape that might hide either. Outside the folder the fuzzer could name a FIFO or
 * a device, whose reads block or never end; what the manifest does with such a path is the same
 * as with any other, so nothing is lost by skipping them. Raw values are read, since GLib itself
 * warns on some escapes, which the manifest reader must catch first. */
static gboolean
leaves_dataset_dir (const char *data,
                    gsize       len)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_auto(GStrv) groups = NULL;

  if (!g_key_file_load_from_data (keys, data, len, G_KEY_FILE_NONE, NULL))
    return FALSE;
  groups = g_key_file_get_groups (keys, NULL);
  for (int g = 0; groups[g] != NULL; g++)
    {
      g_auto(GStrv) names = g_key_file_get_keys (keys, groups[g], NULL, NULL);

      for (int k = 0; names != NULL && names[k] != NULL; k++)
        {
          g_autofree char *value = g_key_file_get_value (keys, groups[g], names[k], NULL);

          if (value != NULL && (strstr (value, "..") != NULL ||
                                g_path_is_absolute (g_strstrip (value)) ||
                                (strchr (value, '\\') != NULL && strchr (value, '/') != NULL)))
            return TRUE;
        }
    }
  return FALSE;
}

void
cs_fuzz_manifest (const guint8 *data,
                  gsize         len)
{
  g_autofree char *path = g_build_filename (cs_fuzz_get_dataset_dir (), CS_MANIFEST_NAME, NULL);
  g_autoptr(CsDataset) dataset = NULL;
  GError *error = NULL;

  if (leaves_dataset_dir ((const char *) data, len))
    return;
  dataset = cs_manifest_parse ((const char *) data, len, path, NULL, &error);
  if (dataset == NULL)
    {
      cs_fuzz_check_error (error);
      return;
    }
  cs_fuzz_check_dataset (dataset);
}

CS_FUZZ_ENTRY_POINT (cs_fuzz_manifest)
