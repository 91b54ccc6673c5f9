/* cs-gallery.c — the items the gallery lists: what a run's model gets wrong, what the crowd
 * disputes, one cell of the classifier's confusion
 *
 * The gallery follows a run with a result (the session's newest, or one chosen): a worker
 * works out its model's predictions for every item (cs_predictions_new, on a copy of the
 * model), and the lists are the core's orders of them (cs-prediction-orders.h), so this object
 * only says which list is wanted. Its items are CsItem objects made as a view asks for them,
 * each with its prediction.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cs-effective-confusions.h"
#include "cs-enum-types.h"
#include "cs-error.h"
#include "cs-gallery.h"
#include "cs-item.h"
#include "cs-lazy-list.h"
#include "cs-predictions-export.h"

/* Predictions shared by the gallery, its items and a save in progress (an atomic rc box). */
typedef struct
{
  CsPredictions   *predictions;
} Shared;

static Shared *
shared_new (CsPredictions *predictions)
{
  Shared *shared = g_atomic_rc_box_new0 (Shared);

  shared->predictions = predictions;
  return shared;
}

static Shared *
shared_ref (Shared *shared)
{
  return g_atomic_rc_box_acquire (shared);
}

static void
shared_clear (gpointer data)
{
  Shared *shared = data;

  g_clear_pointer (&shared->predictions, cs_predictions_free);
}

static void
shared_unref (Shared *shared)
{
  g_atomic_rc_box_release_full (shared, shared_clear);
}

struct _CsGallery
{
  GObject        parent_instance;

  /* Owned */
  CsSession     *session;
  CsTraining    *training;
  GCancellable  *predicting;
  Shared        *shared;      /* the training's predictions, once in */
  int           *selected;    /* [n] positions in the predictions, as listed */
  int            n_selected;
  GListModel    *items;
  int           *counts;      /* [K, K] the classifier's confusion on the split */
  float         *rates;

  CsGalleryList  list;
  CsSplitKind    split;
  int            cell_gold, cell_predicted;
  int            gold;
  gboolean       least_first;
};

enum {
  PROP_0,
  PROP_SESSION,
  PROP_TRAINING,
  PROP_READY,
  PROP_LIST,
  PROP_SPLIT,
  PROP_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CsGallery, cs_gallery, G_TYPE_OBJECT)

void
cs_gallery_detail_free (CsGalleryDetail *detail)
{
  if (detail == NULL)
    return;
  for (int l = 0; l < detail->n_labels; l++)
    g_free (detail->labels[l].expected);
  g_free (detail->labels);
  g_free (detail->probs);
  g_free (detail);
}

static CsPredictions *
predictions_of (CsGallery *self)
{
  return self->shared ? self->shared->predictions : NULL;
}

/* Listing ------------------------------------------------------------------------------- */

typedef struct
{
  Shared *shared;
  int    *selected;   /* [n], copied */
} ItemSource;

static void
item_source_free (gpointer data)
{
  ItemSource *source = data;

  shared_unref (source->shared);
  g_free (source->selected);
  g_free (source);
}

static GObject *
make_item (gpointer data,
           guint    position)
{
  ItemSource *source = data;
  CsPredictions *predictions = source->shared->predictions;
  const CsPrediction *p = &predictions->items[source->selected[position]];
  CsItem *item = cs_item_new (predictions->dataset, p->split, p->index);

  cs_item_set_prediction (item, p->predicted, predictions->dataset->class_names[p->predicted],
                          p->probability);
  return G_OBJECT (item);
}

/* The filter and order of what is asked for, in the core's terms. */
static CsItemOrder
selection (CsGallery    *self,
           CsItemFilter *filter)
{
  CsItemOrder confidence = self->least_first ? CS_ORDER_UNCERTAINTY : CS_ORDER_CONFIDENCE;

  *filter = (CsItemFilter) { self->split, CS_ITEMS_ALL, self->gold, CS_ANY_CLASS };
  if (self->cell_gold != CS_ANY_CLASS)
    {
      filter->gold = self->cell_gold;
      filter->predicted = self->cell_predicted;
      return confidence;
    }
  switch (self->list)
    {
    case CS_GALLERY_MISTAKES:
      filter->subset = CS_ITEMS_MISTAKES;
      return confidence;
    case CS_GALLERY_AGAINST_MAJORITY:
      *filter = (CsItemFilter) { CS_SPLIT_TRAIN, CS_ITEMS_AGAINST_MAJORITY, self->gold, CS_ANY_CLASS };
      return confidence;
    case CS_GALLERY_CONTESTED:
      *filter = (CsItemFilter) { CS_SPLIT_TRAIN, CS_ITEMS_CONTESTED, self->gold, CS_ANY_CLASS };
      return CS_ORDER_VOTE_ENTROPY;
    case CS_GALLERY_COMMON_CONFUSION:
      *filter = (CsItemFilter) { CS_SPLIT_TRAIN, CS_ITEMS_LABELLED, self->gold, CS_ANY_CLASS };
      return CS_ORDER_MEAN_W;
    case CS_GALLERY_ALL:
    default:
      return confidence;
    }
}

static void
relist (CsGallery *self)
{
  CsPredictions *predictions = predictions_of (self);
  ItemSource *source;
  CsItemFilter filter;
  CsItemOrder order = selection (self, &filter);
  g_autoptr(CsLazyList) items = NULL;

  g_free (self->selected);
  self->selected = g_new (int, MAX (predictions ? predictions->n : 0, 1));
  self->n_selected = 0;
  /* Without CoNAL's w nothing is put down to the common confusion. */
  if (predictions != NULL &&
      (self->list != CS_GALLERY_COMMON_CONFUSION || predictions->has_mean_w || self->cell_gold != CS_ANY_CLASS))
    self->n_selected = cs_predictions_select (predictions, &filter, order, self->selected);
  source = g_new0 (ItemSource, 1);
  source->shared = self->shared ? shared_ref (self->shared) : shared_new (NULL);
  source->selected = g_memdup2 (self->selected, sizeof (int) * MAX (self->n_selected, 1));
  items = cs_lazy_list_new (CS_TYPE_ITEM, self->n_selected, make_item, source, item_source_free);
  g_set_object (&self->items, G_LIST_MODEL (items));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEMS]);
}

static void
recount (CsGallery *self)
{
  CsPredictions *predictions = predictions_of (self);

  g_clear_pointer (&self->counts, g_free);
  g_clear_pointer (&self->rates, g_free);
  if (predictions == NULL)
    return;
  self->counts = g_new0 (int, predictions->K * predictions->K);
  self->rates = g_new0 (float, predictions->K * predictions->K);
  cs_predictions_confusion (predictions, self->split, self->counts, self->rates);
}

/* Predicting ---------------------------------------------------------------------------- */

static void
predict_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  const CsRun *run = cs_training_get_run (task_data);
  GError *error = NULL;
  CsPredictions *predictions = cs_predictions_new (run->model, run->dataset, CS_PREDICT_ALL, &error);

  if (predictions != NULL)
    g_task_return_pointer (task, predictions, (GDestroyNotify) cs_predictions_free);
  else
    g_task_return_error (task, error);
}

static void
on_predicted (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(CsGallery) self = data;
  g_autoptr(GError) error = NULL;
  CsPredictions *predictions = g_task_propagate_pointer (G_TASK (result), &error);

  /* Replaced by another run, or the gallery let go: the predictions go nowhere. */
  if (predictions == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("the gallery's predictions failed: %s", error->message);
      return;
    }
  g_clear_object (&self->predicting);
  g_clear_pointer (&self->shared, shared_unref);
  self->shared = shared_new (predictions);
  recount (self);
  relist (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

void
cs_gallery_set_training (CsGallery  *self,
                         CsTraining *training)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CS_IS_GALLERY (self));
  g_return_if_fail (training == NULL || cs_training_get_has_result (training));

  if (self->training == training)
    return;
  if (self->predicting)
    g_cancellable_cancel (self->predicting);
  g_clear_object (&self->predicting);
  g_set_object (&self->training, training);
  g_clear_pointer (&self->shared, shared_unref);
  self->cell_gold = self->cell_predicted = CS_ANY_CLASS;
  recount (self);
  relist (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRAINING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
  if (training == NULL)
    return;
  self->predicting = g_cancellable_new ();
  task = g_task_new (NULL, self->predicting, on_predicted, g_object_ref (self));
  g_task_set_source_tag (task, cs_gallery_set_training);
  g_task_set_task_data (task, g_object_ref (training), g_object_unref);
  g_task_run_in_thread (task, predict_in_thread);
}

/* The session's newest run with a result is the one to look at. */
static void
on_run_state (CsGallery *self)
{
  CsTraining *training = cs_session_get_training (self->session);

  if (training != NULL && cs_training_get_has_result (training))
    cs_gallery_set_training (self, training);
}

static void
on_dataset (CsGallery *self)
{
  cs_gallery_set_training (self, NULL);
}

/* Saving -------------------------------------------------------------------------------- */

typedef struct
{
  Shared *shared;
  int    *items;     /* NULL: every item */
  int     n_items;
  char   *path;
} Save;

static void
save_free (Save *save)
{
  shared_unref (save->shared);
  g_free (save->items);
  g_free (save->path);
  g_free (save);
}

static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Save *save = task_data;
  GError *error = NULL;

  if (cs_predictions_save_items (save->shared->predictions, save->items, save->n_items, save->path,
                                 true, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
cs_gallery_save_async (CsGallery           *self,
                       const char          *path,
                       gboolean             all,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Save *save;

  g_return_if_fail (CS_IS_GALLERY (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_gallery_save_async);
  if (self->shared == NULL)
    {
      g_task_return_new_error (task, CS_ERROR, CS_ERROR_INVALID, _("no predictions to save yet"));
      return;
    }
  save = g_new0 (Save, 1);
  save->shared = shared_ref (self->shared);
  save->items = all ? NULL : g_memdup2 (self->selected, sizeof (int) * MAX (self->n_selected, 1));
  save->n_items = all ? 0 : self->n_selected;
  save->path = g_strdup (path);
  g_task_set_task_data (task, save, (GDestroyNotify) save_free);
  g_task_run_in_thread (task, save_in_thread);
}

gboolean
cs_gallery_save_finish (CsGallery     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Detail ------------------------------------------------------------------------------- */

/* The item's labels, each with what the noise layers expected of its annotator for this item
 * (the result's layers and each label's w, the worker's). */
CsGalleryDetail *
cs_gallery_dup_detail (CsGallery *self,
                       guint      position)
{
  CsPredictions *predictions;
  const CsEpochSnapshot *layers;
  const CsPrediction *p;
  const CsSplit *split;
  CsGalleryDetail *detail;
  int K, first;

  g_return_val_if_fail (CS_IS_GALLERY (self), NULL);

  predictions = predictions_of (self);
  if (predictions == NULL || position >= (guint) self->n_selected)
    return NULL;
  K = predictions->K;
  p = &predictions->items[self->selected[position]];
  split = &predictions->dataset->splits[p->split];
  layers = cs_training_get_result_matrices (self->training);
  detail = g_new0 (CsGalleryDetail, 1);
  detail->K = K;
  detail->probs = g_memdup2 (predictions->probs + (size_t) self->selected[position] * K, sizeof (float) * K);
  first = split->n_labels > 0 ? split->item_offsets[p->index] : 0;
  detail->n_labels = split->n_labels > 0 ? split->item_offsets[p->index + 1] - first : 0;
  detail->labels = g_new0 (CsGalleryLabel, MAX (detail->n_labels, 1));
  for (int l = 0; l < detail->n_labels; l++)
    {
      const CsCrowdLabel *label = &split->labels[first + l];
      CsGalleryLabel *out = &detail->labels[l];
      /* w is the train split's, as the worker kept it. */
      gboolean has_w = layers && layers->label_w && p->split == CS_SPLIT_TRAIN;

      out->annotator = label->annotator;
      out->label = label->label;
      out->w = has_w ? layers->label_w[first + l] : NAN;
      if (layers == NULL || layers->local == NULL)
        continue;
      out->expected = g_new (float, K);
      cs_label_distribution (out->expected, detail->probs, layers->global,
                             layers->local + (size_t) label->annotator * K * K,
                             isnan (out->w) ? 0.5f : out->w, K);
    }
  return detail;
}

/* The object ----------------------------------------------------------------------------- */

static void
cs_gallery_dispose (GObject *object)
{
  CsGallery *self = CS_GALLERY (object);

  if (self->predicting)
    g_cancellable_cancel (self->predicting);
  g_clear_object (&self->predicting);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->training);
  g_clear_object (&self->items);
  G_OBJECT_CLASS (cs_gallery_parent_class)->dispose (object);
}

static void
cs_gallery_finalize (GObject *object)
{
  CsGallery *self = CS_GALLERY (object);

  g_clear_pointer (&self->shared, shared_unref);
  g_free (self->selected);
  g_free (self->counts);
  g_free (self->rates);
  G_OBJECT_CLASS (cs_gallery_parent_class)->finalize (object);
}

static void
cs_gallery_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CsGallery *self = CS_GALLERY (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_TRAINING:
      g_value_set_object (value, self->training);
      break;
    case PROP_READY:
      g_value_set_boolean (value, self->shared != NULL);
      break;
    case PROP_LIST:
      g_value_set_enum (value, self->list);
      break;
    case PROP_SPLIT:
      g_value_set_enum (value, self->split);
      break;
    case PROP_ITEMS:
      g_value_set_object (value, self->items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_gallery_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CsGallery *self = CS_GALLERY (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_TRAINING:
      cs_gallery_set_training (self, g_value_get_object (value));
      break;
    case PROP_LIST:
      cs_gallery_set_list (self, g_value_get_enum (value));
      break;
    case PROP_SPLIT:
      cs_gallery_set_split (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_gallery_constructed (GObject *object)
{
  CsGallery *self = CS_GALLERY (object);

  G_OBJECT_CLASS (cs_gallery_parent_class)->constructed (object);
  g_signal_connect_swapped (self->session, "notify::running", G_CALLBACK (on_run_state), self);
  g_signal_connect_swapped (self->session, "notify::dataset", G_CALLBACK (on_dataset), self);
  relist (self);
  on_run_state (self);
}

static void
cs_gallery_class_init (CsGalleryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = cs_gallery_constructed;
  object_class->dispose = cs_gallery_dispose;
  object_class->finalize = cs_gallery_finalize;
  object_class->get_property = cs_gallery_get_property;
  object_class->set_property = cs_gallery_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CS_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRAINING] = g_param_spec_object ("training", NULL, NULL, CS_TYPE_TRAINING, rw);
  properties[PROP_READY] = g_param_spec_boolean ("ready", NULL, NULL, FALSE, ro);
  properties[PROP_LIST] =
    g_param_spec_enum ("list", NULL, NULL, CS_TYPE_GALLERY_LIST, CS_GALLERY_MISTAKES, rw);
  properties[PROP_SPLIT] =
    g_param_spec_enum ("split", NULL, NULL, CS_TYPE_SPLIT_KIND, CS_SPLIT_TEST, rw);
  /* Of CsItem with their predictions, as listed. */
  properties[PROP_ITEMS] = g_param_spec_object ("items", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cs_gallery_init (CsGallery *self)
{
  self->split = CS_SPLIT_TEST;
  self->cell_gold = self->cell_predicted = CS_ANY_CLASS;
  self->gold = CS_ANY_CLASS;
}

CsGallery *
cs_gallery_new (CsSession *session)
{
  g_return_val_if_fail (CS_IS_SESSION (session), NULL);
  return g_object_new (CS_TYPE_GALLERY, "session", session, NULL);
}

CsTraining *
cs_gallery_get_training (CsGallery *self)
{
  g_return_val_if_fail (CS_IS_GALLERY (self), NULL);
  return self->training;
}

gboolean
cs_gallery_get_ready (CsGallery *self)
{
  g_return_val_if_fail (CS_IS_GALLERY (self), FALSE);
  return self->shared != NULL;
}

const CsPredictions *
cs_gallery_get_predictions (CsGallery *self)
{
  g_return_val_if_fail (CS_IS_GALLERY (self), NULL);
  return predictions_of (self);
}

void
cs_gallery_set_list (CsGallery     *self,
                     CsGalleryList  list)
{
  g_return_if_fail (CS_IS_GALLERY (self));

  if (self->list == list && self->cell_gold == CS_ANY_CLASS)
    return;
  self->list = list;
  self->cell_gold = self->cell_predicted = CS_ANY_CLASS;
  relist (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIST]);
}

CsGalleryList
cs_gallery_get_list (CsGallery *self)
{
  g_return_val_if_fail (CS_IS_GALLERY (self), CS_GALLERY_MISTAKES);
  return self->list;
}

/* The split the present dataset has: the one asked for, or else test, valid, train. */
void
cs_gallery_set_split (CsGallery   *self,
                      CsSplitKind  split)
{
  g_return_if_fail (CS_IS_GALLERY (self));
  g_return_if_fail (split < CS_N_SPLITS);

  if (self->split == split)
    return;
  self->split = split;
  self->cell_gold = self->cell_predicted = CS_ANY_CLASS;
  recount (self);
  relist (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPLIT]);
}

CsSplitKind
cs_gallery_get_split (CsGallery *self)
{
  g_return_val_if_fail (CS_IS_GALLERY (self), CS_SPLIT_TEST);
  return self->split;
}

void
cs_gallery_set_cell (CsGallery *self,
                     int        gold,
                     int        predicted)
{
  g_return_if_fail (CS_IS_GALLERY (self));

  self->cell_gold = gold;
  self->cell_predicted = gold == CS_ANY_CLASS ? CS_ANY_CLASS : predicted;
  relist (self);
}

void
cs_gallery_get_cell (CsGallery *self,
                     int       *gold,
                     int       *predicted)
{
  g_return_if_fail (CS_IS_GALLERY (self));
  *gold = self->cell_gold;
  *predicted = self->cell_predicted;
}

void
cs_gallery_set_class (CsGallery *self,
                      int        gold)
{
  g_return_if_fail (CS_IS_GALLERY (self));

  if (self->gold == gold)
    return;
  self->gold = gold;
  relist (self);
}

void
cs_gallery_set_least_confident_first (CsGallery *self,
                                      gboolean   least)
{
  g_return_if_fail (CS_IS_GALLERY (self));

  if (self->least_first == !!least)
    return;
  self->least_first = !!least;
  relist (self);
}

GListModel *
cs_gallery_get_items (CsGallery *self)
{
  g_return_val_if_fail (CS_IS_GALLERY (self), NULL);
  return self->items;
}

const int *
cs_gallery_get_confusion_counts (CsGallery *self)
{
  g_return_val_if_fail (CS_IS_GALLERY (self), NULL);
  return self->counts;
}

const float *
cs_gallery_get_confusion_rates (CsGallery *self)
{
  g_return_val_if_fail (CS_IS_GALLERY (self), NULL);
  return self->rates;
}
