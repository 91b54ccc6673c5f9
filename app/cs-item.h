/* cs-item.h — one item of the open dataset, as the views list it
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "cs-dataset.h"

G_BEGIN_DECLS

#define CS_TYPE_ITEM (cs_item_get_type ())

G_DECLARE_FINAL_TYPE (CsItem, cs_item, CS, ITEM, GObject)

CsItem      *cs_item_new               (const CsDataset *dataset,
                                        CsSplitKind      split,
                                        guint            index);
CsSplitKind  cs_item_get_split         (CsItem          *self);
guint        cs_item_get_index         (CsItem          *self);
const char  *cs_item_get_id            (CsItem          *self);
int          cs_item_get_gold          (CsItem          *self);
const char  *cs_item_get_image_path    (CsItem          *self);
int          cs_item_get_n_labels      (CsItem          *self);
const char  *cs_item_get_votes         (CsItem          *self);
int          cs_item_get_majority      (CsItem          *self);
double       cs_item_get_majority_share (CsItem         *self);

/* A run's prediction for the item, as a gallery lists it: the class (−1: none), its name and
 * its probability. */
void         cs_item_set_prediction    (CsItem          *self,
                                        int              predicted,
                                        const char      *name,
                                        double           probability);
int          cs_item_get_predicted     (CsItem          *self);
double       cs_item_get_probability   (CsItem          *self);

G_END_DECLS
