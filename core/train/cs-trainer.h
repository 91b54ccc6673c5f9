/* cs-trainer.h — trains one method on one dataset, epoch by epoch
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-dataset.h"
#include "cs-dawid-skene.h"
#include "cs-model.h"
#include "cs-train-config.h"

G_BEGIN_DECLS

/* How many labels' worth of the crowd's pooled confusion an annotator's own rows start with
 * when the noise layers start from Dawid–Skene's estimate (CsTrainConfig.noise_from_ds). */
#define CS_DS_PRIOR_LABELS 2.0

/* Accuracies are fractions in [0, 1], NaN where they cannot be measured. */
typedef struct
{
  int    epoch;              /* 1-based */
  double train_loss;         /* the mean objective minimised: train_cross_entropy plus
                              * train_regulariser (what the CLI and the event files report) */
  double train_cross_entropy; /* of the crowd labels (or the aggregated targets) alone */
  double train_regulariser;  /* CoNAL's −λ · Σ‖W_r − W_g‖ and the trace penalties: 0 without
                              * them, below 0 for CoNAL, whose term pushes the matrices apart */
  double train_accuracy;     /* of the training forward passes (dropout on) against gold */
  double valid_accuracy;     /* of the split used for selection */
  double test_accuracy;
  double crowd_nll;          /* of held-out crowd labels, when selecting by it */
  double seconds;            /* training time of the epoch, evaluation excluded */
  int    best_epoch;         /* the selected epoch so far, this one included */
} CsEpochMetrics;

/* Called on the training thread after every epoch, with the model as it is then. The model
 * may be read (and evaluated with cs_model_predict) but not kept. */
typedef void (*CsProgressFunc) (const CsEpochMetrics *metrics,
                                CsModel              *model,
                                gpointer              data);

typedef struct
{
  CsProgressFunc progress;
  CsAbortFunc    abort;      /* checked between mini-batches */
  gpointer       data;
} CsTrainCallbacks;

typedef struct
{
  CsTrainConfig  config;
  CsDataset     *dataset;            /* as trained on (with a carved valid split, if asked) */
  char          *fingerprint;        /* of the dataset given */
  GArray        *history;            /* of CsEpochMetrics */
  int            best_epoch;         /* 1-based: the epoch whose weights `model` holds */
  int            epochs_run;         /* epochs trained: config.epochs, or fewer when stopped */
  int            threads;            /* the training step's threads (config.threads resolved) */
  bool           stopped;            /* asked to stop (CsTrainCallbacks.abort) before the end */
  CsSplitKind    selection_split;    /* the split accuracies were selected on */
  bool           test_used_for_selection;
  double         seconds_per_epoch;
  CsModel       *model;
  CsDawidSkene  *dawid_skene;        /* the aggregation, for the Dawid–Skene method */
  float         *annotator_w;        /* [R] CoNAL: mean w of each annotator's train labels */
  GPtrArray     *notices;            /* of char *, NULL-terminated: what every output should say */
} CsRun;

/* Trains `config` on `dataset`. A run stopped through callbacks->abort after at least one
 * epoch still returns its result, the best epoch so far, with `stopped` set and a notice that
 * says so; stopped earlier, it returns NULL with CS_ERROR_CANCELLED. */
CsRun                *cs_train               (CsDataset              *dataset,
                                              const CsTrainConfig    *config,
                                              const CsTrainCallbacks *callbacks,
                                              GError                **error);
void                  cs_run_free            (CsRun                  *run);
/* Whether a run of config on dataset measures a validation split of its own (the dataset's,
 * or one carved out of its test split). Without one, a run selects on the test split, and its
 * valid_accuracy is the test accuracy. */
bool                  cs_train_has_validation (const CsDataset       *dataset,
                                              const CsTrainConfig    *config);
const CsEpochMetrics *cs_run_get_best        (const CsRun            *run);
double                cs_evaluate_accuracy   (CsModel                *model,
                                              const CsSplit          *split,
                                              float                  *probs_scratch /* [n, K] */);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsRun, cs_run_free)

G_END_DECLS
