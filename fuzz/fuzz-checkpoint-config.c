/* fuzz-checkpoint-config.c — fuzzes reading a checkpoint's config.json
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-checkpoint.h"
#include "cs-fuzz-targets.h"

/* What the model loader relies on once the config has been read. */
static void
check_checkpoint (const CsCheckpoint *checkpoint)
{
  GError *error = NULL;

  if (checkpoint->K < 2 || g_strv_length (checkpoint->class_names) != (guint) checkpoint->K)
    g_error ("%d classes do not match the class names", checkpoint->K);
  if (checkpoint->R < 0 || g_strv_length (checkpoint->annotator_ids) != (guint) checkpoint->R)
    g_error ("%d annotators do not match the annotator ids", checkpoint->R);
  if (checkpoint->d < 1 || checkpoint->history == NULL || checkpoint->notices == NULL)
    g_error ("the checkpoint has %d features, or no history or notices", checkpoint->d);
  if (checkpoint->dataset_name == NULL || checkpoint->dataset_source == NULL ||
      checkpoint->fingerprint == NULL)
    g_error ("the checkpoint lacks a dataset name, source or fingerprint");
  if (!cs_train_config_validate (&checkpoint->config, &error))
    g_error ("the checkpoint's config does not validate: %s", error->message);
}

void
cs_fuzz_checkpoint_config (const guint8 *data,
                           gsize         len)
{
  g_autoptr(CsCheckpoint) checkpoint = g_new0 (CsCheckpoint, 1);
  GError *error = NULL;

  if (!cs_checkpoint_parse_config ((const char *) data, len, "config.json", checkpoint, &error))
    {
      cs_fuzz_check_error (error);
      return;
    }
  check_checkpoint (checkpoint);
}

CS_FUZZ_ENTRY_POINT (cs_fuzz_checkpoint_config)
