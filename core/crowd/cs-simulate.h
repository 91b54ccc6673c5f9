/* cs-simulate.h — simulated annotators whose confusion is known
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

/* How often a swapper gives the class its permutation maps the truth to; otherwise it picks a
 * class uniformly at random. */
#define CS_SWAPPER_PROBABILITY 0.7

/* How far each annotator's accuracy strays from CsCrowdSpec.reliable_accuracy, either way. */
#define CS_RELIABLE_JITTER 0.1

/* What an annotator does, given the true class c (K classes, a = its own accuracy):
 *   RELIABLE  says c with probability a, any other class with (1 − a)/(K − 1) each;
 *   SPAMMER   says a uniformly random class, whatever c is, so its labels carry no
 *             information (chosen over "always the same class" because a constant spammer is
 *             trivially visible in a label count, while a uniform one is not);
 *   SWAPPER   says π(c) for a fixed random permutation π without fixed points with probability
 *             CS_SWAPPER_PROBABILITY, otherwise a uniformly random class;
 *   COMMON    first mistakes c for c' as the shared `common` confusion says, then labels c'
 *             like a reliable annotator: its confusion is common × reliable(a). All COMMON
 *             annotators share `common`; it is what CoNAL's global matrix should recover. */
typedef enum
{
  CS_ANNOTATOR_RELIABLE,
  CS_ANNOTATOR_SPAMMER,
  CS_ANNOTATOR_SWAPPER,
  CS_ANNOTATOR_COMMON,
} CsAnnotatorKind;

typedef struct
{
  int            n_annotators;     /* R ≥ 1 */
  double         labels_per_item;  /* mean, in (0, R]: each item gets ⌊m⌋ or ⌈m⌉ distinct
                                    * annotators (at least 1), so the mean is m when m ≥ 1 */
  double         share_spammer;    /* fractions of R by kind, rounded; the rest are reliable */
  double         share_swapper;
  double         share_common;
  double         reliable_accuracy; /* the diagonal of a reliable annotator, e.g. 0.85; each
                                     * annotator is jittered by ±CS_RELIABLE_JITTER and clamped
                                     * to [1/K, 1] */
  double         common_strength;  /* in [0, 1]: how often a planted pair a → b applies */
  const int32_t *common_pairs;     /* [n_common_pairs, 2] directed pairs (a, b): a true a is
                                    * labelled b; NULL plants max(1, K/4) random disjoint class
                                    * pairs, both ways */
  int            n_common_pairs;
  uint64_t       seed;
} CsCrowdSpec;

typedef struct _CsSimulatedCrowd CsSimulatedCrowd;

struct _CsSimulatedCrowd
{
  int              K, R;
  CsAnnotatorKind *kinds;       /* [R] */
  float           *confusions;  /* [R, K, K] the confusion each annotator was sampled from */
  float           *common;      /* [K, K] the shared confusion: identity except planted rows */
  CsCrowdLabel    *labels;      /* [n_labels] sorted by item, then annotator; item indexes gold */
  int              n_labels;
};

void              cs_crowd_spec_init_default    (CsCrowdSpec         *spec);
CsSimulatedCrowd *cs_simulate_crowd             (const int32_t       *gold,
                                                 int                  n,
                                                 int                  K,
                                                 const CsCrowdSpec   *spec,
                                                 GError             **error);
void              cs_simulated_crowd_free       (CsSimulatedCrowd    *self);
gboolean          cs_simulated_crowd_save       (const CsSimulatedCrowd *self,
                                                 const CsCrowdSpec   *spec,
                                                 const char * const  *class_names,
                                                 const char * const  *annotator_ids,
                                                 const char          *path,
                                                 GError             **error);
const char       *cs_annotator_kind_to_string   (CsAnnotatorKind      kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsSimulatedCrowd, cs_simulated_crowd_free)

G_END_DECLS
