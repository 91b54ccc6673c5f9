/* cs-import-page.h — one step of the import assistant: rows that fill the job's plan and reflect it
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-import-job.h"

G_BEGIN_DECLS

#define CS_TYPE_IMPORT_PAGE (cs_import_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (CsImportPage, cs_import_page, CS, IMPORT_PAGE, AdwBin)

struct _CsImportPageClass
{
  AdwBinClass parent_class;

  /* Sets the rows from the job's plan and results; what the rows change meanwhile is not
   * written back. */
  void (*reflect) (CsImportPage *self,
                   CsImportJob  *job);
};

void         cs_import_page_set_job            (CsImportPage *self,
                                                CsImportJob  *job);
CsImportJob *cs_import_page_get_job            (CsImportPage *self);
/* Reflects the job again, as its changes do (a row that picks what the others show). */
void         cs_import_page_reflect            (CsImportPage *self);
/* The job, when a row's change is the person's and goes to the plan; NULL while reflecting. */
CsImportJob *cs_import_page_get_editing_job    (CsImportPage *self);
/* The label under the page's rows that shows the step's problems. */
void         cs_import_page_set_problems_label (CsImportPage *self,
                                                GtkLabel     *label);

G_END_DECLS
