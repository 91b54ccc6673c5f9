/* cs-confusion-compare.h — two matrices side by side, their difference, and how far apart
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-explorer.h"

G_BEGIN_DECLS

#define CS_TYPE_CONFUSION_COMPARE (cs_confusion_compare_get_type ())

G_DECLARE_FINAL_TYPE (CsConfusionCompare, cs_confusion_compare, CS, CONFUSION_COMPARE, GtkWidget)

GtkWidget  *cs_confusion_compare_new          (void);
void        cs_confusion_compare_set_explorer (CsConfusionCompare *self,
                                               CsExplorer         *explorer);
/* A side: an annotator's index, or CS_EXPLORER_COMMON, and the kind of its matrix (ignored for
 * the common one). side is 0 (left) or 1 (right). */
void        cs_confusion_compare_set_side     (CsConfusionCompare *self,
                                               guint               side,
                                               guint               subject,
                                               CsMatrixKind        kind);
/* The difference shown, left less right [K, K], and its title; NULL when one side has no
 * matrix. */
const float *cs_confusion_compare_get_difference (CsConfusionCompare *self,
                                                  char              **title);
/* "total variation 0.21, Jensen–Shannon 0.12 bits": what the view says of the two, for tests. */
const char *cs_confusion_compare_get_summary  (CsConfusionCompare *self);

G_END_DECLS
