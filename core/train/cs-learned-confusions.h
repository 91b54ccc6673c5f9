/* cs-learned-confusions.h — the confusion matrices a trained model holds, as saved or as rates
 *
 * CoNAL has a global matrix and one per annotator, Crowd Layer one per annotator; both are
 * unconstrained logit weights W, and for a true class k the crowd's label distribution is
 * softmax (W[k, :]). Dawid–Skene's estimates are probabilities already. Rows are the true
 * class, columns the label given, both in the dataset's class order.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-checkpoint.h"

G_BEGIN_DECLS

typedef struct
{
  int    M, K;
  char **names;          /* [M], NULL-terminated: "global" (CoNAL) first, then annotator ids */
  float *matrices;       /* [M, K, K] */
  bool   probabilities;  /* every row is a distribution (softmax rows, or Dawid–Skene's) */
} CsLearnedConfusions;

typedef enum
{
  CS_CONFUSIONS_NPY,     /* float32 [M, K, K] */
  CS_CONFUSIONS_CSV,     /* matrix,true_class,given_class,value; values as %.9g */
} CsConfusionsFormat;

/* ds_confusions [R, K, K] or NULL, annotator_ids [R], class_names [K]. */
CsLearnedConfusions *cs_learned_confusions_new      (CsModel                    *model,
                                                     const float                *ds_confusions,
                                                     char * const               *annotator_ids,
                                                     bool                        probabilities);
CsLearnedConfusions *cs_learned_confusions_from_checkpoint
                                                    (const CsCheckpoint         *checkpoint,
                                                     bool                        probabilities,
                                                     GError                    **error);
void                 cs_learned_confusions_free     (CsLearnedConfusions        *self);
bool                 cs_confusions_format_from_path (const char                 *path,
                                                     CsConfusionsFormat         *format);
gboolean             cs_learned_confusions_save     (const CsLearnedConfusions  *self,
                                                     char * const               *class_names,
                                                     const char                 *path,
                                                     CsConfusionsFormat          format,
                                                     GError                    **error);

/* Each row of logit weights m [rows, K] replaced, in place, by its softmax: the label
 * distribution of that row's true class. */
void                 cs_confusion_softmax_rows      (float                      *m,
                                                     int                         rows,
                                                     int                         K);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsLearnedConfusions, cs_learned_confusions_free)

G_END_DECLS
