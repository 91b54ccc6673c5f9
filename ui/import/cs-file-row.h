/* cs-file-row.h — an entry row for a path, with a button that opens a file chooser
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CS_TYPE_FILE_ROW (cs_file_row_get_type ())

G_DECLARE_FINAL_TYPE (CsFileRow, cs_file_row, CS, FILE_ROW, AdwEntryRow)

/* Whether the chooser picks folders rather than files. */
void     cs_file_row_set_folder     (CsFileRow  *self,
                                     gboolean    folder);
/* Whether the chooser offers tables only (CSV and tab-separated), or .npy arrays only. */
void     cs_file_row_set_tables     (CsFileRow  *self,
                                     gboolean    tables);
void     cs_file_row_set_arrays     (CsFileRow  *self,
                                     gboolean    arrays);

G_END_DECLS
