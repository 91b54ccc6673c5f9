/* cs-import-private.h — what the import plan's files share
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-dataset.h"
#include "cs-import-plan.h"

G_BEGIN_DECLS

/* The parts of a plan a manifest text holds; the features, ids and images always. A step's
 * check loads only what the steps before it chose. */
typedef enum
{
  CS_IMPORT_PART_CROWD = 1 << 0,
  CS_IMPORT_PART_GOLD  = 1 << 1,
  CS_IMPORT_PART_CARVE = 1 << 2,
  CS_IMPORT_PART_ALL   = 0x7,
} CsImportParts;

/* The usual names of a gold table's columns, as cs_dataset_builder_set_gold_table() tries them. */
extern const char * const cs_import_gold_id_names[];
extern const char * const cs_import_gold_label_names[];

/* The first problem of every step, as an error; TRUE when there is none. */
gboolean    cs_import_plan_check_all      (const CsImportPlan  *self,
                                           GError             **error);
/* Whether a split's features are a table: images may come with .npy features and a list. */
gboolean    cs_import_split_is_table      (const CsImportSplit *split);
char       *cs_import_plan_get_dir        (const CsImportPlan  *self);
char        cs_import_plan_get_separator  (const CsImportPlan  *self);
char      **cs_import_plan_get_classes    (const CsImportPlan  *self);
char       *cs_import_plan_manifest_text  (const CsImportPlan  *self,
                                           const char          *manifest_dir,
                                           CsImportParts        parts,
                                           gboolean             absolute);
CsDataset  *cs_import_plan_load           (const CsImportPlan  *self,
                                           CsImportParts        parts,
                                           GError             **error);
/* The path of a plan's file as a manifest written in the current directory would resolve it. */
char       *cs_import_absolute_path       (const char          *path);

G_END_DECLS
