/* cs-explorer.h — the matrices the annotator explorer shows: one run, one epoch, one kind
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-session.h"

G_BEGIN_DECLS

/* Rows are the true class, columns the label given; every row is a distribution. */
typedef enum
{
  CS_MATRIX_EFFECTIVE,         /* what the model says the annotator answers for a true class */
  CS_MATRIX_INDIVIDUAL,        /* softmax of the annotator's own noise layer W_r */
  CS_MATRIX_DAWID_SKENE,       /* Dawid–Skene's estimate, from the crowd's labels alone */
  CS_MATRIX_EMPIRICAL,         /* the annotator's labels against gold where it is known, and
                                * against a run's most probable class elsewhere */
} CsMatrixKind;

#define CS_N_MATRIX_KINDS (CS_MATRIX_EMPIRICAL + 1)

/* "Effective", and a sentence on what the kind means, translated. */
const char   *cs_matrix_kind_get_title       (CsMatrixKind kind);
const char   *cs_matrix_kind_get_explanation (CsMatrixKind kind);

#define CS_TYPE_EXPLORER (cs_explorer_get_type ())

G_DECLARE_FINAL_TYPE (CsExplorer, cs_explorer, CS, EXPLORER, GObject)

CsExplorer   *cs_explorer_new            (CsSession    *session);
CsSession    *cs_explorer_get_session    (CsExplorer   *self);
CsTraining   *cs_explorer_get_training   (CsExplorer   *self);
void          cs_explorer_set_training   (CsExplorer   *self,
                                          CsTraining   *training);
CsMatrixKind  cs_explorer_get_kind       (CsExplorer   *self);
void          cs_explorer_set_kind       (CsExplorer   *self,
                                          CsMatrixKind  kind);
gboolean      cs_explorer_has_kind       (CsExplorer   *self,
                                          CsMatrixKind  kind);
/* The kept epochs of the run (every epoch's matrices, or every n-th of a long run with many
 * annotators); `epoch` indexes them, -1 follows the newest. */
guint         cs_explorer_get_n_epochs   (CsExplorer   *self);
int           cs_explorer_get_epoch      (CsExplorer   *self);
void          cs_explorer_set_epoch      (CsExplorer   *self,
                                          int           epoch);
/* The 1-based training epoch the matrices are from, 0 when they are not a run's. */
int           cs_explorer_get_epoch_number (CsExplorer *self);

/* The matrices as they are now, [K, K] each; NULL when this kind has none (a method without
 * noise layers, an annotator outside the split). Valid until the next change. */
int           cs_explorer_get_n_classes  (CsExplorer   *self);
const float  *cs_explorer_get_common     (CsExplorer   *self);
const float  *cs_explorer_get_matrix     (CsExplorer   *self,
                                          guint         annotator);
/* Any kind of one annotator's matrix, or with CS_EXPLORER_COMMON the common one, into
 * out [K, K], from the same run and epoch as the others; FALSE when there is none. */
#define CS_EXPLORER_COMMON G_MAXUINT

gboolean      cs_explorer_get_matrix_of  (CsExplorer   *self,
                                          CsMatrixKind  kind,
                                          guint         subject,
                                          float        *out);

/* CoNAL's w of every train label [n_labels] when the explorer shows a run's result; NULL
 * otherwise (a live epoch, another method). */
const float  *cs_explorer_get_label_w    (CsExplorer   *self);

/* [K, K]: the labels behind each cell, for the empirical kind; NULL otherwise. */
const int    *cs_explorer_get_counts     (CsExplorer   *self,
                                          guint         annotator);

G_END_DECLS
