/* cs-text-column.h — a column view's column of labels, each the text of its row's object
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The text a cell shows for its row's object; written again whenever the object notifies. */
typedef char *(*CsTextColumnFunc) (gpointer item);

GtkColumnViewColumn *cs_text_column_append (GtkColumnView    *view,
                                            const char       *title,
                                            CsTextColumnFunc  format,
                                            gboolean          expand);

G_END_DECLS
