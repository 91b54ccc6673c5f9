/* cs-checkpoint.h — a trained run on disk: model.safetensors, config.json, metrics.csv
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "cs-trainer.h"

G_BEGIN_DECLS

#define CS_CHECKPOINT_MODEL   "model.safetensors"
#define CS_CHECKPOINT_CONFIG  "config.json"
#define CS_CHECKPOINT_METRICS "metrics.csv"

typedef struct
{
  char          *path;               /* the folder */
  CsTrainConfig  config;
  char          *dataset_name;
  char          *dataset_source;
  char          *fingerprint;
  int            d, K, R;
  char         **class_names;        /* [K] */
  char         **annotator_ids;      /* [R] */
  bool           standardized;
  float         *feature_mean;       /* [d] or NULL */
  float         *feature_std;        /* [d] or NULL */
  GArray        *history;            /* of CsEpochMetrics */
  int            best_epoch;
  bool           test_used_for_selection;
  double         seconds_per_epoch;
  char         **notices;
  CsModel       *model;
  float         *annotator_w;        /* [R] or NULL */
  float         *ds_confusions;      /* [R, K, K] or NULL */
} CsCheckpoint;

gboolean      cs_checkpoint_save         (const CsRun        *run,
                                          const char         *dir,
                                          GError            **error);
CsCheckpoint *cs_checkpoint_load         (const char         *path,
                                          GError            **error);
gboolean      cs_checkpoint_parse_config (const char         *data,
                                          gsize               len,
                                          const char         *path,
                                          CsCheckpoint       *self,
                                          GError            **error);
void          cs_checkpoint_free         (CsCheckpoint       *self);
gboolean      cs_metrics_csv_write       (GArray             *history,
                                          const char         *path,
                                          GError            **error);
/* Applies the checkpoint's standardisation to raw features [n, d] in place. */
void          cs_checkpoint_standardize  (const CsCheckpoint *self,
                                          float              *x,
                                          int                 n);
char         *cs_checkpoint_describe_run (const CsCheckpoint *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsCheckpoint, cs_checkpoint_free)

G_END_DECLS
