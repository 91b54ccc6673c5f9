/* cs-dataset.h — one crowd-labelled dataset in memory
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

/* One split of a dataset. Crowd labels are kept sparse: memory grows with the number of
 * labels, never with items × annotators. Labels are sorted by item, then annotator, so the
 * labels of item i are labels[item_offsets[i] .. item_offsets[i + 1]); by_annotator lists the
 * label indexes of annotator r at by_annotator[annotator_offsets[r] .. annotator_offsets[r + 1]). */
struct _CsSplit
{
  bool          present;
  int           n;                  /* items */
  char        **item_ids;           /* [n], NULL-terminated */
  float        *features;           /* [n, d] row-major */
  int32_t      *gold;               /* [n], -1 = unknown; NULL when no item has gold */
  char        **image_paths;        /* [n] absolute paths, NULL-terminated; NULL when no images */
  int           n_labels;
  CsCrowdLabel *labels;             /* [n_labels] */
  int          *item_offsets;       /* [n + 1] */
  int          *annotator_offsets;  /* [R + 1] */
  int          *by_annotator;       /* [n_labels] */
};

/* How features are rescaled after loading: with the train split's mean and standard
 * deviation, always, never, or only when the columns' scales differ wildly. */
typedef enum
{
  CS_STANDARDIZE_AUTO,
  CS_STANDARDIZE_ALWAYS,
  CS_STANDARDIZE_NEVER,
} CsStandardize;

struct _CsLoadOptions
{
  CsStandardize standardize;
};

/* A dataset is immutable once loaded and shared by reference between threads. Fields are
 * public for reading; only the loaders in core/ write them. */
struct _CsDataset
{
  char          *name;
  char          *source;            /* the file or folder it was loaded from */
  int            d;                 /* feature dimension */
  int            n_classes;         /* K */
  char         **class_names;       /* [K] */
  int            n_annotators;      /* R: annotators with at least one label */
  char         **annotator_ids;     /* [R], in a stable order */
  CsSplit        splits[CS_N_SPLITS];
  char         **dropped_annotators; /* annotators named by the source who gave no label */
  bool           standardized;
  float         *feature_mean;      /* [d] train statistics used, or NULL */
  float         *feature_std;       /* [d] */
  GPtrArray     *warnings;          /* of char *: what a person should know about the data */
};

void              cs_load_options_init      (CsLoadOptions       *options);

CsDataset        *cs_dataset_load           (const char          *path,
                                             const CsLoadOptions *options,
                                             GError             **error);
CsDataset        *cs_dataset_ref            (CsDataset           *self);
void              cs_dataset_unref          (CsDataset           *self);
const CsSplit    *cs_dataset_get_split      (const CsDataset     *self,
                                             CsSplitKind          kind);
const char       *cs_split_kind_to_string   (CsSplitKind          kind);
bool              cs_split_kind_from_string (const char          *name,
                                             CsSplitKind         *kind);
int               cs_dataset_find_class     (const CsDataset     *self,
                                             const char          *name);
int               cs_dataset_get_n_labels   (const CsDataset     *self);
char             *cs_dataset_fingerprint    (const CsDataset     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsDataset, cs_dataset_unref)

G_END_DECLS
