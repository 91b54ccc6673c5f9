/* cs-experiments-page.h — several methods over several seeds on the open dataset: the table
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-experiment-job.h"
#include "cs-page.h"

G_BEGIN_DECLS

#define CS_TYPE_EXPERIMENTS_PAGE (cs_experiments_page_get_type ())

G_DECLARE_FINAL_TYPE (CsExperimentsPage, cs_experiments_page, CS, EXPERIMENTS_PAGE, CsPage)

/* Whether `method` is among those the next experiment trains. */
void             cs_experiments_page_set_method (CsExperimentsPage *self,
                                                 CsMethod           method,
                                                 gboolean           chosen);
/* How many seeds each method is trained with: 1, 2, …, seeds. */
void             cs_experiments_page_set_seeds  (CsExperimentsPage *self,
                                                 int                seeds);
/* Starts an experiment of the chosen methods and seeds with the chosen preset; FALSE without
 * a dataset, while one runs, or with no method chosen. */
gboolean         cs_experiments_page_run        (CsExperimentsPage *self);
/* The experiment shown (running or ended), or NULL. */
CsExperimentJob *cs_experiments_page_get_job    (CsExperimentsPage *self);

void               cs_experiments_page_export_curves (CsExperimentsPage *self,
                                       GFile *file);

G_END_DECLS
