/* cs-split-box.h — children side by side, or one over the other when the box is narrow
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CS_TYPE_SPLIT_BOX (cs_split_box_get_type ())

G_DECLARE_FINAL_TYPE (CsSplitBox, cs_split_box, CS, SPLIT_BOX, GtkWidget)

GtkWidget *cs_split_box_new              (void);
void       cs_split_box_set_start_width  (CsSplitBox *self,
                                          int         width);
int        cs_split_box_get_start_width  (CsSplitBox *self);
void       cs_split_box_set_fold_width   (CsSplitBox *self,
                                          int         width);
int        cs_split_box_get_fold_width   (CsSplitBox *self);
gboolean   cs_split_box_get_folded       (CsSplitBox *self);

G_END_DECLS
