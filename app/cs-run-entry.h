/* cs-run-entry.h — one kept run as a list of runs shows it
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "cs-learned-confusions.h"
#include "cs-run-info.h"

G_BEGIN_DECLS

#define CS_TYPE_RUN_ENTRY (cs_run_entry_get_type ())

G_DECLARE_FINAL_TYPE (CsRunEntry, cs_run_entry, CS, RUN_ENTRY, GObject)

/* Takes `info`; `dataset_missing`: its dataset is no longer where it was trained. */
CsRunEntry      *cs_run_entry_new                 (CsRunInfo   *info,
                                                   gboolean     dataset_missing);
const CsRunInfo *cs_run_entry_get_info            (CsRunEntry  *self);
const char      *cs_run_entry_get_id              (CsRunEntry  *self);
const char      *cs_run_entry_get_name            (CsRunEntry  *self);
gboolean         cs_run_entry_get_dataset_missing (CsRunEntry  *self);
/* The name as the store now has it (after a rename): notifies "name". */
void             cs_run_entry_set_name            (CsRunEntry  *self,
                                                   const char  *name);
/* "CoNAL · seed 1 · labelme": what the list says under the name. */
char            *cs_run_entry_dup_summary         (CsRunEntry  *self);

/* What cs_run_history_load() reads of the run beyond run.json, once "loaded" is true: its
 * metric history (of CsEpochMetrics), its learned confusions as rates (NULL for a method
 * without noise layers) and the class names; or why it could not be read. */
gboolean         cs_run_entry_get_loaded          (CsRunEntry  *self);
GArray          *cs_run_entry_get_history         (CsRunEntry  *self);
const CsLearnedConfusions *cs_run_entry_get_confusions (CsRunEntry *self);
char           **cs_run_entry_get_class_names     (CsRunEntry  *self);
const char      *cs_run_entry_get_load_error      (CsRunEntry  *self);
/* For CsRunHistory: takes the checkpoint's history and class names, and `confusions`. */
void             cs_run_entry_set_loaded          (CsRunEntry  *self,
                                                   CsCheckpoint *checkpoint,
                                                   CsLearnedConfusions *confusions,
                                                   const char  *error);

G_END_DECLS
