/* cs-vote-bar.h — an item's crowd labels as one bar, a segment per class
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CS_TYPE_VOTE_BAR (cs_vote_bar_get_type ())

G_DECLARE_FINAL_TYPE (CsVoteBar, cs_vote_bar, CS, VOTE_BAR, GtkWidget)

GtkWidget          *cs_vote_bar_new             (void);
void                cs_vote_bar_set_votes       (CsVoteBar          *self,
                                                 const char         *votes);
const char         *cs_vote_bar_get_votes       (CsVoteBar          *self);
void                cs_vote_bar_set_classes     (CsVoteBar          *self,
                                                 const char * const *classes);
const char * const *cs_vote_bar_get_classes     (CsVoteBar          *self);
guint               cs_vote_bar_get_n_segments  (CsVoteBar          *self);
const char         *cs_vote_bar_get_segment     (CsVoteBar          *self,
                                                 guint               i,
                                                 int                *count,
                                                 graphene_rect_t    *area);
char               *cs_vote_bar_describe        (CsVoteBar          *self);

/* The votes are CsItem:votes, "street:2;insidecity:1": each class with labels and how many,
 * most first; the segments keep that order, each as wide as its share. A segment's colour is
 * its class's place in CsVoteBar:classes (the dataset's class names), so that a class has the
 * same colour on every item; without them, a class is coloured by its name. A segment shows its
 * class and count when they fit, else the count alone, else nothing; cs_vote_bar_describe ()
 * says all of it in words (“street 2, insidecity 1”), as the accessible label does. */

G_END_DECLS
