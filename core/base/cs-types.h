/* cs-types.h — forward declarations shared by the core's headers
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

G_BEGIN_DECLS

typedef struct _CsDataset      CsDataset;
typedef struct _CsSplit        CsSplit;
typedef struct _CsCrowdLabel   CsCrowdLabel;
typedef struct _CsLoadOptions  CsLoadOptions;
typedef struct _CsDatasetStats CsDatasetStats;

/* The three splits a dataset can have; a dataset always has train. */
typedef enum
{
  CS_SPLIT_TRAIN,
  CS_SPLIT_VALID,
  CS_SPLIT_TEST,
  CS_N_SPLITS /*< skip >*/
} CsSplitKind;

/* One crowd label: annotator `annotator` says item `item` is class `label`. Indexes are
 * positions (in a split, in the dataset's annotator list, in its class list), never ids. */
struct _CsCrowdLabel
{
  int32_t item;
  int32_t annotator;
  int32_t label;
};

/* Returned by a long computation's caller to ask it to stop; checked between steps. */
typedef bool (*CsAbortFunc) (gpointer data);

G_END_DECLS
