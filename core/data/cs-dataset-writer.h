/* cs-dataset-writer.h — writes a dataset as a manifest folder Crowdscope can open again
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-dataset.h"

G_BEGIN_DECLS

/* Writes crowdscope.ini, classes.txt and per split <split>.npy, <split>-ids.txt,
 * <split>-gold.txt, <split>-images.txt and <split>-crowd.csv (those that apply) into `dir`,
 * each file atomically. Features are written as they are in memory (standardised or not), and
 * the manifest says not to standardise them again. */
gboolean cs_dataset_write (const CsDataset  *dataset,
                           const char       *dir,
                           GError          **error);

G_END_DECLS
