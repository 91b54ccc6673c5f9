/* cs-gallery.h — the items the gallery lists: what a run's model gets wrong, what the crowd
 * disputes, one cell of the classifier's confusion
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-prediction-orders.h"
#include "cs-session.h"

G_BEGIN_DECLS

typedef enum
{
  CS_GALLERY_MISTAKES,          /* items of the split the classifier gets wrong */
  CS_GALLERY_AGAINST_MAJORITY,  /* train items predicted against their majority vote */
  CS_GALLERY_CONTESTED,         /* train items whose crowd disagrees most */
  CS_GALLERY_COMMON_CONFUSION,  /* train items CoNAL puts down most to the common confusion */
  CS_GALLERY_ALL,               /* every item of the split */
} CsGalleryList;

/* One crowd label of an item, and what the run's model expected that annotator to answer. */
typedef struct
{
  int    annotator;
  int    label;
  float  w;           /* CoNAL's w of the label; NaN for the other methods */
  float *expected;    /* [K] the noise layer's distribution; NULL without noise layers */
} CsGalleryLabel;

/* An item's detail: the model's distribution over the classes and its crowd labels. */
typedef struct
{
  int             K;
  float          *probs;     /* [K] */
  int             n_labels;
  CsGalleryLabel *labels;    /* [n_labels] */
} CsGalleryDetail;

void cs_gallery_detail_free (CsGalleryDetail *detail);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsGalleryDetail, cs_gallery_detail_free)

#define CS_TYPE_GALLERY (cs_gallery_get_type ())

G_DECLARE_FINAL_TYPE (CsGallery, cs_gallery, CS, GALLERY, GObject)

CsGallery           *cs_gallery_new             (CsSession     *session);
/* The run whose model predicts: one with a result; the predictions are worked out on a
 * worker, and `ready` says when they are in. */
CsTraining          *cs_gallery_get_training    (CsGallery     *self);
void                 cs_gallery_set_training    (CsGallery     *self,
                                                 CsTraining    *training);
gboolean             cs_gallery_get_ready       (CsGallery     *self);
const CsPredictions *cs_gallery_get_predictions (CsGallery     *self);

/* What is listed: a list, its split (for the mistakes, every item and the confusion matrix),
 * a cell of the classifier's confusion (gold row, predicted column; CS_ANY_CLASS for none)
 * that replaces the list while set, a gold class to keep (CS_ANY_CLASS: all), and whether the
 * least confident come first. */
void                 cs_gallery_set_list        (CsGallery     *self,
                                                 CsGalleryList  list);
CsGalleryList        cs_gallery_get_list        (CsGallery     *self);
void                 cs_gallery_set_split       (CsGallery     *self,
                                                 CsSplitKind    split);
CsSplitKind          cs_gallery_get_split       (CsGallery     *self);
void                 cs_gallery_set_cell        (CsGallery     *self,
                                                 int            gold,
                                                 int            predicted);
void                 cs_gallery_get_cell        (CsGallery     *self,
                                                 int           *gold,
                                                 int           *predicted);
void                 cs_gallery_set_class       (CsGallery     *self,
                                                 int            gold);
void                 cs_gallery_set_least_confident_first (CsGallery *self,
                                                           gboolean   least);

/* The listed items, of CsItem with their predictions. */
GListModel          *cs_gallery_get_items       (CsGallery     *self);
/* The classifier's confusion on the split: counts and rates [K, K], rows gold; NULL until
 * the predictions are in. */
const int           *cs_gallery_get_confusion_counts (CsGallery *self);
const float         *cs_gallery_get_confusion_rates  (CsGallery *self);
/* The detail of the listed item at `position`, or NULL. */
CsGalleryDetail     *cs_gallery_dup_detail      (CsGallery     *self,
                                                 guint          position);

/* Writes the listed items (or with `all` every item) as predict does, on a worker. */
void                 cs_gallery_save_async      (CsGallery           *self,
                                                 const char          *path,
                                                 gboolean             all,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean             cs_gallery_save_finish     (CsGallery           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
