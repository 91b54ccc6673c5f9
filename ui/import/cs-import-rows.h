/* cs-import-rows.h — what the assistant's steps do alike with their rows
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Sets an editable's text when it differs, so that reflecting the plan does not change it. */
void        cs_import_rows_set_text      (gpointer             editable,
                                          const char          *text);
/* The text of an editable, NULL when empty. */
const char *cs_import_rows_get_text      (gpointer             editable);
/* The names typed in an editable, split at any of separators and stripped; NULL when there
 * are none. */
char      **cs_import_rows_get_names     (gpointer             editable,
                                          const char          *separators);
/* Whether an editable's names are `names` (NULL: none). */
gboolean    cs_import_rows_names_equal   (gpointer             editable,
                                          const char          *separators,
                                          char * const        *names);
/* Offers `names` (a table's header) in a combo row, `current` selected. */
void        cs_import_rows_set_choices   (AdwComboRow         *row,
                                          const char * const  *names,
                                          const char          *current);
/* The name selected, or NULL. */
const char *cs_import_rows_get_choice    (AdwComboRow         *row);
/* Selects `position` when it differs. */
void        cs_import_rows_select        (AdwComboRow         *row,
                                          guint                position);

G_END_DECLS
