/* cs-item.c — one item of the open dataset, as the views list it
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "cs-enum-types.h"
#include "cs-item.h"
#include "cs-majority-vote.h"

struct _CsItem
{
  GObject      parent_instance;

  CsSplitKind  split;
  guint        index;
  char        *id;
  int          gold;           /* class index, -1 unknown */
  char        *gold_name;      /* NULL when unknown */
  char        *image_path;     /* NULL without images */
  int          n_labels;
  char        *votes;          /* "street:2;insidecity:1", "" without labels */
  int          majority;       /* class index, -1 without labels */
  char        *majority_name;
  double       majority_share; /* of the item's labels; NaN without labels */
  int          predicted;      /* a run's prediction, −1 without one */
  char        *predicted_name;
  double       probability;    /* of the prediction; NaN without one */
};

enum {
  PROP_0,
  PROP_SPLIT,
  PROP_INDEX,
  PROP_ID,
  PROP_GOLD,
  PROP_GOLD_NAME,
  PROP_IMAGE_PATH,
  PROP_N_LABELS,
  PROP_VOTES,
  PROP_MAJORITY,
  PROP_MAJORITY_NAME,
  PROP_MAJORITY_SHARE,
  PROP_PREDICTED,
  PROP_PREDICTED_NAME,
  PROP_PROBABILITY,
  PROP_WRONG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CsItem, cs_item, G_TYPE_OBJECT)

static void
cs_item_finalize (GObject *object)
{
  CsItem *self = CS_ITEM (object);

  g_free (self->id);
  g_free (self->gold_name);
  g_free (self->image_path);
  g_free (self->votes);
  g_free (self->majority_name);
  g_free (self->predicted_name);
  G_OBJECT_CLASS (cs_item_parent_class)->finalize (object);
}

static void
cs_item_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  CsItem *self = CS_ITEM (object);

  switch (prop_id)
    {
    case PROP_SPLIT:
      g_value_set_enum (value, self->split);
      break;
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_GOLD:
      g_value_set_int (value, self->gold);
      break;
    case PROP_GOLD_NAME:
      g_value_set_string (value, self->gold_name);
      break;
    case PROP_IMAGE_PATH:
      g_value_set_string (value, self->image_path);
      break;
    case PROP_N_LABELS:
      g_value_set_int (value, self->n_labels);
      break;
    case PROP_VOTES:
      g_value_set_string (value, self->votes);
      break;
    case PROP_MAJORITY:
      g_value_set_int (value, self->majority);
      break;
    case PROP_MAJORITY_NAME:
      g_value_set_string (value, self->majority_name);
      break;
    case PROP_MAJORITY_SHARE:
      g_value_set_double (value, self->majority_share);
      break;
    case PROP_PREDICTED:
      g_value_set_int (value, self->predicted);
      break;
    case PROP_PREDICTED_NAME:
      g_value_set_string (value, self->predicted_name);
      break;
    case PROP_PROBABILITY:
      g_value_set_double (value, self->probability);
      break;
    case PROP_WRONG:
      g_value_set_boolean (value, self->gold >= 0 && self->predicted >= 0 && self->predicted != self->gold);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_item_class_init (CsItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cs_item_finalize;
  object_class->get_property = cs_item_get_property;

  properties[PROP_SPLIT] =
    g_param_spec_enum ("split", NULL, NULL, CS_TYPE_SPLIT_KIND, CS_SPLIT_TRAIN, flags);
  properties[PROP_INDEX] = g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_GOLD] = g_param_spec_int ("gold", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties[PROP_GOLD_NAME] = g_param_spec_string ("gold-name", NULL, NULL, NULL, flags);
  properties[PROP_IMAGE_PATH] = g_param_spec_string ("image-path", NULL, NULL, NULL, flags);
  properties[PROP_N_LABELS] = g_param_spec_int ("n-labels", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_VOTES] = g_param_spec_string ("votes", NULL, NULL, NULL, flags);
  properties[PROP_MAJORITY] = g_param_spec_int ("majority", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties[PROP_MAJORITY_NAME] = g_param_spec_string ("majority-name", NULL, NULL, NULL, flags);
  properties[PROP_MAJORITY_SHARE] =
    g_param_spec_double ("majority-share", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  /* A run's prediction, when a gallery lists the item. */
  properties[PROP_PREDICTED] =
    g_param_spec_int ("predicted", NULL, NULL, -1, G_MAXINT, -1, flags | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PREDICTED_NAME] =
    g_param_spec_string ("predicted-name", NULL, NULL, NULL, flags | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PROBABILITY] =
    g_param_spec_double ("probability", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         flags | G_PARAM_EXPLICIT_NOTIFY);
  /* Gold is known and the prediction is another class. */
  properties[PROP_WRONG] =
    g_param_spec_boolean ("wrong", NULL, NULL, FALSE, flags | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cs_item_init (CsItem *self)
{
}

CsItem *
cs_item_new (const CsDataset *dataset,
             CsSplitKind      split,
             guint            index)
{
  const CsSplit *s;
  g_autofree int *counts = NULL;
  CsItem *self;

  g_return_val_if_fail (dataset != NULL && split < CS_N_SPLITS, NULL);
  s = &dataset->splits[split];
  g_return_val_if_fail (s->present && index < (guint) s->n, NULL);

  self = g_object_new (CS_TYPE_ITEM, NULL);
  self->split = split;
  self->index = index;
  self->id = s->item_ids ? g_strdup (s->item_ids[index]) : g_strdup_printf ("%u", index);
  self->gold = s->gold ? s->gold[index] : -1;
  self->gold_name = self->gold >= 0 ? g_strdup (dataset->class_names[self->gold]) : NULL;
  self->image_path = s->image_paths ? g_strdup (s->image_paths[index]) : NULL;
  counts = g_new0 (int, dataset->n_classes);
  self->n_labels = s->n_labels > 0 ? cs_votes_count (counts, s, index, dataset->n_classes) : 0;
  self->votes = cs_votes_format (counts, dataset->n_classes, dataset->class_names);
  self->majority = cs_votes_winner (counts, dataset->n_classes);
  self->majority_name = self->majority >= 0 ? g_strdup (dataset->class_names[self->majority]) : NULL;
  self->majority_share = self->majority >= 0 ? (double) counts[self->majority] / self->n_labels : NAN;
  self->predicted = -1;
  self->probability = NAN;
  return self;
}

CsSplitKind cs_item_get_split (CsItem *self) { return self->split; }
guint cs_item_get_index (CsItem *self) { return self->index; }
const char *cs_item_get_id (CsItem *self) { return self->id; }
int cs_item_get_gold (CsItem *self) { return self->gold; }
const char *cs_item_get_image_path (CsItem *self) { return self->image_path; }
int cs_item_get_n_labels (CsItem *self) { return self->n_labels; }
const char *cs_item_get_votes (CsItem *self) { return self->votes; }
int cs_item_get_majority (CsItem *self) { return self->majority; }
double cs_item_get_majority_share (CsItem *self) { return self->majority_share; }

void
cs_item_set_prediction (CsItem     *self,
                        int         predicted,
                        const char *name,
                        double      probability)
{
  g_return_if_fail (CS_IS_ITEM (self));

  self->predicted = predicted;
  g_free (self->predicted_name);
  self->predicted_name = g_strdup (name);
  self->probability = probability;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREDICTED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREDICTED_NAME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBABILITY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WRONG]);
}

int cs_item_get_predicted (CsItem *self) { return self->predicted; }
double cs_item_get_probability (CsItem *self) { return self->probability; }
