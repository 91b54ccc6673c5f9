/* cs-train-config.h — what a training run is asked to do
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "cs-types.h"

G_BEGIN_DECLS

typedef enum
{
  CS_METHOD_CONAL,        /* common + individual noise layers, mixed by an auxiliary network */
  CS_METHOD_CROWD_LAYER,  /* per-annotator noise layers only (Rodrigues & Pereira's MW) */
  CS_METHOD_DAWID_SKENE,  /* trained on labels aggregated by Dawid–Skene EM */
  CS_METHOD_MAJORITY,     /* trained on majority-vote labels */
  CS_METHOD_GOLD,         /* trained on the gold labels: the upper bound */
  CS_N_METHODS /*< skip >*/
} CsMethod;

typedef enum
{
  CS_SELECT_VALID_ACCURACY, /* the epoch with the best validation accuracy */
  CS_SELECT_LAST,           /* the last epoch */
  CS_SELECT_CROWD_NLL,      /* the lowest NLL of held-out crowd labels: needs no gold */
} CsSelection;

typedef struct
{
  CsMethod    method;

  /* The classifier: [BatchNorm] → Linear(hidden) → ReLU → Dropout → [BatchNorm] → Linear(K). */
  int         hidden;
  float       dropout;
  bool        input_batchnorm;
  bool        hidden_batchnorm;

  /* CoNAL: the noise layers and the auxiliary network that mixes them. */
  float       confusion_init;   /* noise matrices start at confusion_init · I */
  float       lambda;           /* loss −= lambda · Σ_r ‖W_r − W_g‖_F */
  int         embedding;        /* E, the size of the item and annotator embeddings */
  int         aux_hidden;       /* the auxiliary network's first layer */
  bool        normalize_item;   /* L2-normalise the item embedding v */

  /* CoNAL and Crowd Layer: how they start, so that the classifier and the noise layers do
   * not trade a class between them. */
  int         warm_start;       /* the first warm_start epochs train the classifier alone, on
                                   Dawid–Skene's posteriors */
  bool        noise_from_ds;    /* the noise matrices start at the log of Dawid–Skene's
                                   confusions (W_g: the crowd's pooled one) rather than at
                                   confusion_init · I */
  float       trace;            /* loss += trace · the mean trace of the noise matrices'
                                   confusions (cs_noise_trace_penalty); 0: none */

  /* Aggregated-label baselines. */
  bool        soft_targets;     /* train on the posterior (Dawid–Skene) or vote shares (MV) */
  int         ds_iterations;

  /* Optimisation. */
  int         epochs;
  int         batch_size;
  float       lr;
  float       beta1;
  float       beta2;
  float       eps;
  float       weight_decay;
  bool        adam_reset_each_epoch;
  uint64_t    seed;
  int         threads;          /* the training step's threads; 0: as many as OpenBLAS would use */

  CsSelection selection;
  bool        test_every_epoch; /* false: the test split is scored once, for the selected
                                   epoch (what an experiment needs, at a fraction of the cost) */
  int         valid_from_test;  /* >0: carve a stratified validation split of this size out of
                                   test when the dataset has no valid split */
} CsTrainConfig;

#define CS_PRESET_DEFAULT  "default"
#define CS_PRESET_OFFICIAL "official"

/* The official CoNAL code's LabelMe settings; the "default" preset then tunes them. */
void         cs_train_config_init          (CsTrainConfig       *config);
gboolean     cs_train_config_apply_preset  (CsTrainConfig       *config,
                                            const char          *preset,
                                            const char          *dataset_name,
                                            GError             **error);
/* The defaults for `method`, then `preset` for the dataset: a preset can depend on the method
 * (CoNAL's noise layers start from Dawid–Skene), so this is the way to make one. */
gboolean     cs_train_config_init_for      (CsTrainConfig       *config,
                                            CsMethod             method,
                                            const char          *preset,
                                            const char          *dataset_name,
                                            GError             **error);
gboolean     cs_train_config_validate      (const CsTrainConfig *config,
                                            GError             **error);

double       cs_float_for_json             (float                value);
void         cs_train_config_to_json       (const CsTrainConfig *config,
                                            JsonBuilder         *builder);
gboolean     cs_train_config_from_json     (CsTrainConfig       *config,
                                            JsonObject          *object,
                                            GError             **error);

const char  *cs_method_to_string           (CsMethod             method);
bool         cs_method_from_string         (const char          *name,
                                            CsMethod            *method);
const char  *cs_method_get_title           (CsMethod             method);
const char  *cs_selection_to_string        (CsSelection          selection);
bool         cs_selection_from_string      (const char          *name,
                                            CsSelection         *selection);

G_END_DECLS
