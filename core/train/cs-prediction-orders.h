/* cs-prediction-orders.h — which items of a model's predictions the gallery lists, in which order
 *
 * Every function here fills items [self->n] with positions in self->items (not indexes within a
 * split) and returns how many it wrote. Ties keep the predictions' own order (split, then index),
 * so a list is the same every time; the window shows the lists as they come, computing nothing.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-predictions.h"

G_BEGIN_DECLS

/* A filter's class that lets every class through (−1 is "no gold"). */
#define CS_ANY_CLASS (-2)

typedef enum
{
  CS_ITEMS_ALL,                /* every item */
  CS_ITEMS_MISTAKES,           /* gold known, predicted ≠ gold */
  CS_ITEMS_CORRECT,            /* gold known, predicted = gold */
  CS_ITEMS_LABELLED,           /* with a crowd label or more */
  CS_ITEMS_AGAINST_MAJORITY,   /* with crowd labels, the prediction fewer votes than the
                                * majority's: not one of the classes tied at the top */
  CS_ITEMS_CONTESTED,          /* with two crowd labels or more */
} CsItemSubset;

typedef enum
{
  CS_ORDER_POSITION,           /* as held: split, then index */
  CS_ORDER_CONFIDENCE,         /* the predicted class's probability, highest first */
  CS_ORDER_UNCERTAINTY,        /* the same, lowest first */
  CS_ORDER_VOTE_ENTROPY,       /* the crowd's disagreement, highest first; no labels last */
  CS_ORDER_MEAN_W,             /* CoNAL's mean w, highest first; none (NaN) last */
} CsItemOrder;

typedef struct
{
  int          split;          /* a CsSplitKind, or CS_PREDICT_ALL */
  CsItemSubset subset;
  int          gold;           /* a class, −1 (items without gold) or CS_ANY_CLASS */
  int          predicted;      /* a class or CS_ANY_CLASS */
} CsItemFilter;

/* The items that pass `filter`, in `order`: the general form of the lists below, and of any
 * other the gallery offers (a class's items by gold or by prediction, the least confident). */
int cs_predictions_select                (const CsPredictions *self,
                                          const CsItemFilter  *filter,
                                          CsItemOrder          order,
                                          int                 *items);

/* The items of `split` the classifier gets wrong (gold known, predicted ≠ gold), the most
 * confident mistakes first. */
int cs_predictions_mistakes              (const CsPredictions *self,
                                          int                  split,
                                          int                 *items);
/* The items of `split` (the gallery's: train) whose prediction differs from their crowd's
 * majority vote, the most confident first: the labels the crowd most likely got wrong. */
int cs_predictions_against_majority      (const CsPredictions *self,
                                          int                  split,
                                          int                 *items);
/* The items of `split` with two labels or more, the entropy of their votes highest first:
 * where the crowd disagrees most. Unanimous items come last, with entropy 0. */
int cs_predictions_contested             (const CsPredictions *self,
                                          int                  split,
                                          int                 *items);
/* The items of `split` with labels, CoNAL's mean w highest first (cs_item_mean_w's order): the
 * items whose labels it puts down most to the confusion the crowd shares. None for a model
 * without w (self->has_mean_w false). */
int cs_predictions_common_confusion      (const CsPredictions *self,
                                          int                  split,
                                          int                 *items);
/* The items of `split` in one cell of the classifier's confusion matrix (gold row, predicted
 * column; cs_predictions_confusion), the most confident first. */
int cs_predictions_in_cell               (const CsPredictions *self,
                                          int                  split,
                                          int                  gold,
                                          int                  predicted,
                                          int                 *items);

G_END_DECLS
