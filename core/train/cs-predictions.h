/* cs-predictions.h — a model's prediction for every item of a split, beside its crowd's votes
 *
 * One entry per item, in the order of the splits asked for (train, valid, test) and of the
 * items within each: the class the model finds most probable (the lowest index on a tie, as
 * accuracy counts it), its probability and the whole distribution, the item's gold class, and,
 * for items with crowd labels, their votes, the majority class (ties to the lowest index) and
 * its share. Items without gold are predicted too: on a user's own data, which seldom has gold,
 * the predictions of the train split are the crowd's labels cleaned by the model.
 *
 * The orders and subsets the gallery lists are in cs-prediction-orders.h, the CSV and JSON
 * files in cs-predictions-export.h.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-checkpoint-dataset.h"

G_BEGIN_DECLS

/* The `split` that asks for every split the dataset has, in the order train, valid, test;
 * any other is a CsSplitKind. */
#define CS_PREDICT_ALL (-1)

typedef struct
{
  CsSplitKind  split;
  int          index;           /* the item's position in its split */
  const char  *id;              /* borrowed from the dataset */
  const char  *image_path;      /* borrowed from the dataset; NULL without an image */
  int32_t      gold;            /* −1: unknown */
  int32_t      predicted;
  float        probability;     /* of the predicted class */
  int          n_labels;        /* the item's crowd labels */
  char        *votes;           /* cs_votes_format: "street:2;insidecity:1", "" without labels */
  int32_t      majority;        /* −1 without labels */
  float        majority_share;  /* of the item's labels; NaN without labels */
  float        vote_entropy;    /* of the labels' classes, in bits; NaN without labels */
  float        mean_w;          /* CoNAL's mean w over the item's labels (cs_item_mean_w);
                                 * NaN without labels and for the other methods */
} CsPrediction;

typedef struct
{
  CsDataset    *dataset;        /* a reference: the class names, ids and image paths */
  int           n, K;
  CsPrediction *items;          /* [n] */
  float        *probs;          /* [n, K]: the model's distribution over the classes */
  int          *vote_counts;    /* [n, K]: the item's crowd labels of each class */
  bool          has_mean_w;     /* the model is CoNAL's, with w for the dataset's annotators */
} CsPredictions;

/* The predictions of `model` on `split` of `dataset` (CS_PREDICT_ALL for all), whose features
 * the model reads as they are: a run's model (CsRun.model) on the run's dataset. It evaluates
 * a copy of the model and only reads the weights, so workers may predict with one finished
 * run's model side by side. Fails with CS_ERROR_INVALID when the dataset has no such split. */
CsPredictions *cs_predictions_new             (CsModel                   *model,
                                               CsDataset                 *dataset,
                                               int                        split,
                                               GError                   **error);
/* The same for a saved run on `data` (its own dataset or another with its features and
 * classes), standardised as the checkpoint says. CoNAL's w is computed only when the
 * dataset's annotators are the checkpoint's. */
CsPredictions *cs_predictions_from_checkpoint (CsCheckpoint              *checkpoint,
                                               const CsCheckpointDataset *data,
                                               int                        split,
                                               GError                   **error);
void           cs_predictions_free            (CsPredictions             *self);

/* An item's vote fields (n_labels, votes, majority, majority_share, vote_entropy) from the
 * count of its labels of each class, counts [K]. */
void           cs_prediction_set_votes        (CsPrediction              *p,
                                               const int                 *counts,
                                               int                        K,
                                               char * const              *class_names);
/* "train", "valid", "test" or "all" (CS_PREDICT_ALL). */
bool           cs_predict_split_from_string   (const char                *name,
                                               int                       *split);
/* Whether the item at `i` is of `split` (any, for CS_PREDICT_ALL). */
bool           cs_predictions_in_split        (const CsPredictions       *self,
                                               int                        i,
                                               int                        split);

/* The classifier's own confusion matrix over the items of `split` (CS_PREDICT_ALL: every
 * item held) that have gold: counts [K, K] of gold class (row) against predicted class
 * (column), and, unless NULL, rates [K, K], each row divided by its sum, NaN throughout for a
 * class without items. Returns the items counted. */
int            cs_predictions_confusion       (const CsPredictions       *self,
                                               int                        split,
                                               int                       *counts,
                                               float                     *rates);
/* The share of the items of `split` with gold that the model predicts right, NaN without
 * any: what cs_checkpoint_evaluate gives for the same model and split. */
double         cs_predictions_accuracy        (const CsPredictions       *self,
                                               int                        split);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsPredictions, cs_predictions_free)

G_END_DECLS
