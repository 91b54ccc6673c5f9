/* cs-majority-vote.h — the crowd's most frequent answer per item
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-dataset.h"

G_BEGIN_DECLS

/* Ties go to the lowest class index, so the vote is deterministic. N_() comes from the
 * including file's gettext header: --json writes the rule as it is, human output through _(). */
#define CS_MAJORITY_VOTE_TIE_RULE N_("ties go to the lowest class index")

/* counts[K]: how many of item `item`'s labels name each class; returns the item's labels. */
int  cs_votes_count   (int           *counts,
                       const CsSplit *split,
                       int            item,
                       int            K);
/* The winning class of counts[K] under the tie rule, -1 when there is no vote. */
int  cs_votes_winner  (const int     *counts,
                       int            K);

/* The entropy of the classes of counts[K], in bits: 0 when the labels agree, log2 (K) at
 * most; NaN when there is no label. */
double cs_votes_entropy (const int     *counts,
                         int            K);

/* "street:2;insidecity:1": the classes with votes, most first (ties by class index). */
char *cs_votes_format  (const int     *counts,
                        int            K,
                        char * const  *class_names);

/* hard [n]: the winning class of every item, -1 for items without labels.
 * soft [n, K] (or NULL): the share of each class among the item's labels (0 rows for none). */
void cs_majority_vote (int32_t       *hard,
                       float         *soft,
                       const CsSplit *split,
                       int            K);

G_END_DECLS
