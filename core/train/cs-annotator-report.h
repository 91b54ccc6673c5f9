/* cs-annotator-report.h — every annotator of a run: who they are, how good, which matrix
 *
 * One row per annotator, in the dataset's order: labels given, accuracy against gold,
 * agreement with the others' majority vote (both from CsDatasetStats, over every split),
 * CoNAL's mean w, and three matrices over the train split, rows the true class:
 *   learned    what the model holds for the annotator: softmax (W_r) for CoNAL and Crowd
 *              Layer, Dawid–Skene's estimate for Dawid–Skene; none for the other methods;
 *   effective  what the annotator does under the run (cs-effective-confusions.h): for CoNAL
 *              the mix with W_g over the annotator's w, for Crowd Layer softmax (W_r), for
 *              Dawid–Skene its estimate, and for majority vote and gold, which model no
 *              annotator, the empirical rates;
 *   empirical  the annotator's labels counted against gold where it is known and against the
 *              model's predicted class where it is not (cs-empirical-confusions.h).
 * The spammer score is taken on the effective matrix, so it always describes the annotator
 * the way the run sees them, and the distances compare it with the empirical rates. An
 * annotator without train labels has NaN rows in the effective matrix, and NaN scores.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-checkpoint-dataset.h"
#include "cs-empirical-confusions.h"

G_BEGIN_DECLS

typedef enum
{
  CS_MATRIX_LEARNED,
  CS_MATRIX_EFFECTIVE,
  CS_MATRIX_EMPIRICAL,
} CsMatrixKind;

/* Where the effective matrices come from. */
typedef enum
{
  CS_EFFECTIVE_CONAL,        /* W_g, W_r and each label's w */
  CS_EFFECTIVE_CROWD_LAYER,  /* softmax (W_r) */
  CS_EFFECTIVE_DAWID_SKENE,  /* Dawid–Skene's estimate */
  CS_EFFECTIVE_EMPIRICAL,    /* the empirical rates: the method models no annotator */
} CsEffectiveSource;

/* What a report is made from. The window takes it from a live model in the progress callback,
 * on the training thread, into buffers it allocated once: snapshots of W_g and W_r, each
 * label's w (cs_model_label_w) and the reference classes (cs_model_reference_classes); then
 * makes the report from those on a worker. */
typedef struct
{
  CsMethod       method;
  const float   *global;          /* [K, K] CoNAL's W_g (logits), or NULL */
  const float   *local;           /* [R, K, K] W_r (logits) of CoNAL and Crowd Layer, or NULL */
  const float   *ds_confusions;   /* [R, K, K] Dawid–Skene's estimate, or NULL */
  const float   *w;               /* [train n_labels] CoNAL's w per label, or NULL */
  const int32_t *reference;       /* [train n] the class each train item is counted against
                                   * (gold where known, the prediction elsewhere), or NULL for
                                   * gold alone */
} CsAnnotatorSources;

typedef struct
{
  int                    K, R;
  CsMethod               method;
  CsEffectiveSource      source;
  char                 **annotator_ids;   /* [R], NULL-terminated */
  char                 **class_names;     /* [K], NULL-terminated */
  int                   *labels;          /* [R] */
  double                *accuracy;        /* [R] NaN without gold */
  double                *agreement_mv;    /* [R] NaN when no item was labelled by others too */
  float                 *mean_w;          /* [R] CoNAL; NULL for the other methods */
  double                *spammer_score;   /* [R] of the effective matrix */
  double                *distance_tv;     /* [R] effective against empirical rates: total
                                           * variation; NaN when the effective matrix is the
                                           * empirical one */
  double                *distance_js;     /* [R] the same, Jensen–Shannon in bits */
  float                 *common;          /* [K, K] softmax (W_g); NULL but for CoNAL */
  float                 *learned;         /* [R, K, K] or NULL (majority vote, gold) */
  float                 *effective;       /* [R, K, K] */
  CsEmpiricalConfusions *empirical;
} CsAnnotatorReport;

/* stats: cs_dataset_stats_new (dataset)'s. */
CsAnnotatorReport *cs_annotator_report_new             (const CsDataset           *dataset,
                                                        const CsDatasetStats      *stats,
                                                        const CsAnnotatorSources  *sources);
/* reference [split->n]: the class each item of split is counted against, gold where it is
 * known and the model's most probable class elsewhere; probs [split->n, K] is scratch. Allocates
 * nothing, so it can run in the progress callback. */
void               cs_model_reference_classes          (CsModel                   *model,
                                                        const CsSplit             *split,
                                                        int32_t                   *reference,
                                                        float                     *probs);
/* A model's report: its predictions and w on the train split (as the model reads it; NULL for
 * the dataset's own); ds_confusions [R, K, K] is Dawid–Skene's estimate, or NULL. */
CsAnnotatorReport *cs_annotator_report_from_model      (CsModel                   *model,
                                                        CsMethod                   method,
                                                        const float               *ds_confusions,
                                                        const CsDataset           *dataset,
                                                        const CsSplit             *train);
/* A saved run's report on data (its own dataset or another with the same annotators). */
CsAnnotatorReport *cs_annotator_report_from_checkpoint (CsCheckpoint              *checkpoint,
                                                        const CsCheckpointDataset *data,
                                                        GError                   **error);
void               cs_annotator_report_free            (CsAnnotatorReport         *self);
/* The position of the annotator named id, or −1. */
int                cs_annotator_report_find            (const CsAnnotatorReport   *self,
                                                        const char                *id);
/* The matrices of one kind [R, K, K], or NULL with a CS_ERROR_INVALID error that names
 * `path` and the method, for learned or effective matrices of a method that learns none. */
const float       *cs_annotator_report_get_matrices    (const CsAnnotatorReport   *self,
                                                        CsMatrixKind               kind,
                                                        const char                *path,
                                                        GError                   **error);

bool               cs_matrix_kind_from_string          (const char                *name,
                                                        CsMatrixKind              *kind);
const char        *cs_matrix_kind_to_string            (CsMatrixKind               kind);
const char        *cs_effective_source_to_string       (CsEffectiveSource          source);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsAnnotatorReport, cs_annotator_report_free)

G_END_DECLS
