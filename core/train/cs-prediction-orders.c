/* cs-prediction-orders.c — which items of a model's predictions the gallery lists, in which order
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-prediction-orders.h"

#include "cs-rank.h"

static bool
in_subset (const CsPredictions *self,
           int                  i,
           CsItemSubset         subset)
{
  const CsPrediction *p = &self->items[i];
  const int *votes = self->vote_counts + (size_t) i * self->K;

  switch (subset)
    {
    case CS_ITEMS_MISTAKES:
      return p->gold >= 0 && p->predicted != p->gold;
    case CS_ITEMS_CORRECT:
      return p->gold >= 0 && p->predicted == p->gold;
    case CS_ITEMS_LABELLED:
      return p->n_labels > 0;
    case CS_ITEMS_AGAINST_MAJORITY:
      return p->n_labels > 0 && votes[p->predicted] < votes[p->majority];
    case CS_ITEMS_CONTESTED:
      return p->n_labels >= 2;
    case CS_ITEMS_ALL:
    default:
      return true;
    }
}

static bool
passes (const CsPredictions *self,
        int                  i,
        const CsItemFilter  *filter)
{
  const CsPrediction *p = &self->items[i];

  return cs_predictions_in_split (self, i, filter->split) && in_subset (self, i, filter->subset) &&
         (filter->gold == CS_ANY_CLASS || p->gold == filter->gold) &&
         (filter->predicted == CS_ANY_CLASS || p->predicted == filter->predicted);
}

/* What an order sorts by, highest first; NaN sorts last. */
static float
key_of (const CsPrediction *p,
        CsItemOrder         order)
{
  switch (order)
    {
    case CS_ORDER_CONFIDENCE:
      return p->probability;
    case CS_ORDER_UNCERTAINTY:
      return -p->probability;
    case CS_ORDER_VOTE_ENTROPY:
      return p->vote_entropy;
    case CS_ORDER_MEAN_W:
      return p->mean_w;
    case CS_ORDER_POSITION:
    default:
      return 0;
    }
}

int
cs_predictions_select (const CsPredictions *self,
                       const CsItemFilter  *filter,
                       CsItemOrder          order,
                       int                 *items)
{
  g_autofree float *keys = NULL;
  int n = 0;

  g_return_val_if_fail (self != NULL && filter != NULL, 0);
  g_return_val_if_fail (items != NULL || self->n == 0, 0);

  keys = g_new (float, MAX (self->n, 1));
  for (int i = 0; i < self->n; i++)
    if (passes (self, i, filter))
      {
        keys[i] = key_of (&self->items[i], order);
        items[n++] = i;
      }
  if (order != CS_ORDER_POSITION)
    cs_rank_descending (items, n, keys);
  return n;
}

int
cs_predictions_mistakes (const CsPredictions *self,
                         int                  split,
                         int                 *items)
{
  CsItemFilter filter = { split, CS_ITEMS_MISTAKES, CS_ANY_CLASS, CS_ANY_CLASS };

  return cs_predictions_select (self, &filter, CS_ORDER_CONFIDENCE, items);
}

int
cs_predictions_against_majority (const CsPredictions *self,
                                 int                  split,
                                 int                 *items)
{
  CsItemFilter filter = { split, CS_ITEMS_AGAINST_MAJORITY, CS_ANY_CLASS, CS_ANY_CLASS };

  return cs_predictions_select (self, &filter, CS_ORDER_CONFIDENCE, items);
}

int
cs_predictions_contested (const CsPredictions *self,
                          int                  split,
                          int                 *items)
{
  CsItemFilter filter = { split, CS_ITEMS_CONTESTED, CS_ANY_CLASS, CS_ANY_CLASS };

  return cs_predictions_select (self, &filter, CS_ORDER_VOTE_ENTROPY, items);
}

int
cs_predictions_common_confusion (const CsPredictions *self,
                                 int                  split,
                                 int                 *items)
{
  CsItemFilter filter = { split, CS_ITEMS_LABELLED, CS_ANY_CLASS, CS_ANY_CLASS };

  g_return_val_if_fail (self != NULL, 0);

  if (!self->has_mean_w)
    return 0;
  return cs_predictions_select (self, &filter, CS_ORDER_MEAN_W, items);
}

int
cs_predictions_in_cell (const CsPredictions *self,
                        int                  split,
                        int                  gold,
                        int                  predicted,
                        int                 *items)
{
  CsItemFilter filter = { split, CS_ITEMS_ALL, gold, predicted };

  return cs_predictions_select (self, &filter, CS_ORDER_CONFIDENCE, items);
}
