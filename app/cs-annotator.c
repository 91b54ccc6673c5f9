/* cs-annotator.c — one annotator of the open dataset, as the views list it
 *
 * The figures are the core's (CsDatasetFigures), copied when the item is made: an annotator's
 * labels do not change while the dataset is open.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "cs-annotator.h"

struct _CsAnnotator
{
  GObject  parent_instance;

  guint    index;
  char    *id;
  int      n_labels;
  int      n_with_gold;
  double   accuracy;
  double   agreement;
  double   ds_accuracy;
  double   mean_w;
  double   spammer_score;
  double   distance;
};

enum {
  PROP_0,
  PROP_INDEX,
  PROP_ID,
  PROP_N_LABELS,
  PROP_N_WITH_GOLD,
  PROP_ACCURACY,
  PROP_AGREEMENT,
  PROP_DS_ACCURACY,
  PROP_MEAN_W,
  PROP_SPAMMER_SCORE,
  PROP_DISTANCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CsAnnotator, cs_annotator, G_TYPE_OBJECT)

static double
fraction (int part,
          int whole)
{
  return whole > 0 ? (double) part / whole : NAN;
}

static void
cs_annotator_finalize (GObject *object)
{
  g_free (CS_ANNOTATOR (object)->id);
  G_OBJECT_CLASS (cs_annotator_parent_class)->finalize (object);
}

static void
cs_annotator_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CsAnnotator *self = CS_ANNOTATOR (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_N_LABELS:
      g_value_set_int (value, self->n_labels);
      break;
    case PROP_N_WITH_GOLD:
      g_value_set_int (value, self->n_with_gold);
      break;
    case PROP_ACCURACY:
      g_value_set_double (value, self->accuracy);
      break;
    case PROP_AGREEMENT:
      g_value_set_double (value, self->agreement);
      break;
    case PROP_DS_ACCURACY:
      g_value_set_double (value, self->ds_accuracy);
      break;
    case PROP_MEAN_W:
      g_value_set_double (value, self->mean_w);
      break;
    case PROP_SPAMMER_SCORE:
      g_value_set_double (value, self->spammer_score);
      break;
    case PROP_DISTANCE:
      g_value_set_double (value, self->distance);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_annotator_class_init (CsAnnotatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cs_annotator_finalize;
  object_class->get_property = cs_annotator_get_property;

  properties[PROP_INDEX] = g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_N_LABELS] = g_param_spec_int ("n-labels", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_N_WITH_GOLD] =
    g_param_spec_int ("n-with-gold", NULL, NULL, 0, G_MAXINT, 0, flags);
  /* The share of the labels of items with gold that match it; NaN without gold. */
  properties[PROP_ACCURACY] =
    g_param_spec_double ("accuracy", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  /* The share of labels that match the majority vote of the item's other labels; NaN when
   * nobody else labelled the annotator's items. */
  properties[PROP_AGREEMENT] =
    g_param_spec_double ("agreement", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  /* Dawid–Skene's estimate of the annotator's accuracy, from the crowd's labels alone. */
  properties[PROP_DS_ACCURACY] =
    g_param_spec_double ("ds-accuracy", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  /* From the run the explorer shows; NaN without one. How much CoNAL puts the annotator's
   * labels down to the common confusion, on average over them. */
  properties[PROP_MEAN_W] =
    g_param_spec_double ("mean-w", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         flags | G_PARAM_EXPLICIT_NOTIFY);
  /* Raykar & Yu's: 0 when the annotator's answer does not depend on the true class. */
  properties[PROP_SPAMMER_SCORE] =
    g_param_spec_double ("spammer-score", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         flags | G_PARAM_EXPLICIT_NOTIFY);
  /* Total variation between the effective and the empirical matrix. */
  properties[PROP_DISTANCE] =
    g_param_spec_double ("distance", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         flags | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cs_annotator_init (CsAnnotator *self)
{
}

CsAnnotator *
cs_annotator_new (const CsDataset        *dataset,
                  const CsDatasetFigures *figures,
                  guint                   index)
{
  const CsDatasetStats *stats;
  CsAnnotator *self;

  g_return_val_if_fail (dataset != NULL && figures != NULL, NULL);
  g_return_val_if_fail (index < (guint) dataset->n_annotators, NULL);

  stats = figures->stats;
  self = g_object_new (CS_TYPE_ANNOTATOR, NULL);
  self->index = index;
  self->id = g_strdup (dataset->annotator_ids[index]);
  self->n_labels = stats->labels_per_annotator[index];
  self->n_with_gold = stats->annotator_with_gold[index];
  self->accuracy = fraction (stats->annotator_correct[index], stats->annotator_with_gold[index]);
  self->agreement = fraction (stats->annotator_agree_others[index],
                              stats->annotator_with_others[index]);
  self->ds_accuracy = figures->ds_accuracy[index];
  self->mean_w = self->spammer_score = self->distance = NAN;
  return self;
}

guint cs_annotator_get_index (CsAnnotator *self) { return self->index; }
const char *cs_annotator_get_id (CsAnnotator *self) { return self->id; }
int cs_annotator_get_n_labels (CsAnnotator *self) { return self->n_labels; }
double cs_annotator_get_accuracy (CsAnnotator *self) { return self->accuracy; }
double cs_annotator_get_agreement (CsAnnotator *self) { return self->agreement; }
double cs_annotator_get_ds_accuracy (CsAnnotator *self) { return self->ds_accuracy; }

/* NaN never equals itself: a figure that stays unknown is no change. */
static gboolean
set_figure (double *field,
            double  value)
{
  if (*field == value || (isnan (*field) && isnan (value)))
    return FALSE;
  *field = value;
  return TRUE;
}

void
cs_annotator_set_run_figures (CsAnnotator *self,
                              double       mean_w,
                              double       spammer_score,
                              double       distance)
{
  g_return_if_fail (CS_IS_ANNOTATOR (self));

  if (set_figure (&self->mean_w, mean_w))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEAN_W]);
  if (set_figure (&self->spammer_score, spammer_score))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPAMMER_SCORE]);
  if (set_figure (&self->distance, distance))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISTANCE]);
}
