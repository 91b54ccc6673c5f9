/* cs-import-summary.h — what an import plan would give, computed before anything is written
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-import-plan.h"

G_BEGIN_DECLS

/* The figures of the dataset the plan describes, as cs_dataset_load() will give them once
 * the manifest is written (carved splits included). */
typedef struct
{
  char   *name;
  int     n_items[CS_N_SPLITS];         /* 0 for a split not given */
  int     n_gold[CS_N_SPLITS];          /* items whose gold is known */
  int     n_labels[CS_N_SPLITS];        /* crowd labels kept, per split */
  int     n_labels_total;
  int     n_annotators;                 /* annotators with at least one label kept */
  int     n_classes;
  char  **class_names;                  /* [n_classes], NULL-terminated */
  bool    classes_found;                /* found in the labels rather than given */
  int     n_items_without_features;     /* crowd item ids no split holds */
  int     n_labels_for_unknown_items;   /* their labels, which are skipped */
  int     n_items_without_labels;       /* items of the splits no label names */
  int     d;                            /* feature dimension */
  char  **notices;                      /* what the dataset says of itself (features computed
                                         * from images, labels skipped), NULL-terminated */
} CsImportSummary;

/* Loads the plan as the manifest would, in memory, and counts. NULL with error set (the
 * first problem of the plan) when it could not be loaded. */
CsImportSummary *cs_import_summary_new  (const CsImportPlan  *plan,
                                         GError             **error);
void             cs_import_summary_free (CsImportSummary     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsImportSummary, cs_import_summary_free)

G_END_DECLS
