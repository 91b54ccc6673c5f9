/* cs-explorer.c — the matrices the annotator explorer shows: one run, one epoch, one kind
 *
 * The explorer follows the session: its current run while one trains (the newest kept epoch's
 * matrices, a few times a second as the worker delivers them), and once the run has a result
 * the epoch it selected, whose weights the result holds. A person may pick any kept epoch of
 * the run instead, or another run of the dataset. Without a run, the kinds that need none
 * (Dawid–Skene's estimate, the labels against gold) still show.
 *
 * The matrices are worked out here from what the core computed (the kept noise layers, the
 * dataset's figures) when what is shown changes, and `revision` tells the views to redraw.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib/gi18n-lib.h>
#include <math.h>

#include "cs-annotator.h"
#include "cs-confusion-measures.h"
#include "cs-enum-types.h"
#include "cs-explorer.h"
#include "cs-layers.h"
#include "cs-model.h"

struct _CsExplorer
{
  GObject       parent_instance;

  /* Owned */
  CsSession    *session;
  CsTraining   *training;
  GArray       *kept;        /* of guint: the training's epochs whose matrices were kept */
  float        *common;      /* [K, K], or NULL */
  float        *matrices;    /* [R, K, K] */
  float        *scratch;     /* [2, K, K]: an effective and an empirical matrix, compared */
  int           K, R;

  CsMatrixKind  kind;
  int           epoch;       /* into kept; -1: the newest, or the selected one once ended */
  int           epoch_number;
  gboolean      has_common;
  gboolean      has_matrices;
  guint         revision;
};

enum {
  PROP_0,
  PROP_SESSION,
  PROP_TRAINING,
  PROP_KIND,
  PROP_EPOCH,
  PROP_N_EPOCHS,
  PROP_REVISION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CsExplorer, cs_explorer, G_TYPE_OBJECT)

static const char *kind_titles[CS_N_MATRIX_KINDS] = {
  [CS_MATRIX_EFFECTIVE] = N_("Effective"),
  [CS_MATRIX_INDIVIDUAL] = N_("Individual"),
  [CS_MATRIX_DAWID_SKENE] = N_("Dawid–Skene"),
  [CS_MATRIX_EMPIRICAL] = N_("Empirical"),
};

static const char *kind_explanations[CS_N_MATRIX_KINDS] = {
  [CS_MATRIX_EFFECTIVE] = N_("Effective confusion: what the model says the annotator answers for an item of each true class (rows), combining CoNAL's common and individual matrices by w, averaged over the w of the items the annotator labelled."),
  [CS_MATRIX_INDIVIDUAL] = N_("Individual confusion: the softmax of the annotator's own noise layer (CoNAL's W_r, Crowd Layer's matrix). Rows are the true class, columns the label given."),
  [CS_MATRIX_DAWID_SKENE] = N_("Dawid–Skene's estimate, from the crowd's labels alone. Rows are the true class, columns the label given."),
  [CS_MATRIX_EMPIRICAL] = N_("Empirical confusion: the annotator's labels counted against gold where it is known, and against the run's most probable class where it is not; each row is the share of the labels for items of that class."),
};

const char *
cs_matrix_kind_get_title (CsMatrixKind kind)
{
  g_return_val_if_fail (kind < CS_N_MATRIX_KINDS, NULL);
  return _(kind_titles[kind]);
}

const char *
cs_matrix_kind_get_explanation (CsMatrixKind kind)
{
  g_return_val_if_fail (kind < CS_N_MATRIX_KINDS, NULL);
  return _(kind_explanations[kind]);
}

static void
notify (CsExplorer *self,
        guint       prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* Working the matrices out ---------------------------------------------------------------- */

/* The noise layers to show: a kept epoch's, or once the run has a result its selected epoch's
 * (the weights the result holds). */
static const CsEpochSnapshot *
find_snapshot (CsExplorer *self)
{
  const CsEpochSnapshot *snapshot = NULL;

  if (self->training == NULL)
    return NULL;
  if (self->epoch < 0)
    snapshot = cs_training_get_result_matrices (self->training);
  if (snapshot == NULL && self->kept->len > 0)
    {
      guint i = self->epoch < 0 ? self->kept->len - 1 : MIN ((guint) self->epoch, self->kept->len - 1);

      snapshot = cs_training_get_epoch (self->training, g_array_index (self->kept, guint, i));
    }
  return snapshot != NULL && snapshot->local != NULL ? snapshot : NULL;
}


/* The labels against a reference: a result's (gold where known, its prediction elsewhere), or
 * without one the dataset's against gold. */
static const CsEmpiricalConfusions *
find_empirical (CsExplorer             *self,
                const CsEpochSnapshot  *snapshot,
                const CsDatasetFigures *figures)
{
  if (snapshot != NULL && snapshot->empirical != NULL)
    return snapshot->empirical;
  return figures != NULL ? figures->against_gold : NULL;
}

/* The table's run figures of each annotator: CoNAL's mean w, the spammer score of the matrix
 * shown, how far the effective matrix is from the labels against gold. */
static void
update_annotators (CsExplorer            *self,
                   const CsEpochSnapshot *snapshot)
{
  GListModel *annotators = cs_session_get_annotators (self->session);
  size_t KK = (size_t) self->K * self->K;
  guint n = g_list_model_get_n_items (annotators);

  for (guint r = 0; r < n && r < (guint) self->R; r++)
    {
      g_autoptr(CsAnnotator) annotator = g_list_model_get_item (annotators, r);
      double mean_w = snapshot && snapshot->mean_w ? snapshot->mean_w[r] : NAN;
      double spammer = self->has_matrices ? cs_spammer_score (self->matrices + r * KK, self->K) : NAN;
      double distance = NAN;

      if (cs_explorer_get_matrix_of (self, CS_MATRIX_EFFECTIVE, r, self->scratch) &&
          cs_explorer_get_matrix_of (self, CS_MATRIX_EMPIRICAL, r, self->scratch + KK))
        distance = cs_confusion_distance (CS_DISTANCE_TOTAL_VARIATION, NULL, self->scratch,
                                          self->scratch + KK, self->K);

      cs_annotator_set_run_figures (annotator, mean_w, spammer, distance);
    }
}

static void
recompute (CsExplorer *self)
{
  const CsEpochSnapshot *snapshot = find_snapshot (self);
  size_t KK = (size_t) self->K * self->K;

  self->epoch_number = snapshot ? snapshot->metrics.epoch : 0;
  self->has_common = cs_explorer_get_matrix_of (self, self->kind, CS_EXPLORER_COMMON, self->common);
  self->has_matrices = self->R > 0;
  for (int r = 0; self->has_matrices && r < self->R; r++)
    self->has_matrices = cs_explorer_get_matrix_of (self, self->kind, r, self->matrices + r * KK);
  update_annotators (self, snapshot);
  self->revision++;
  notify (self, PROP_REVISION);
}

/* Sizes the buffers for the open dataset. */
static void
resize (CsExplorer *self)
{
  CsDataset *dataset = cs_session_get_dataset (self->session);

  self->K = dataset ? dataset->n_classes : 0;
  self->R = dataset ? dataset->n_annotators : 0;
  g_free (self->common);
  g_free (self->matrices);
  g_free (self->scratch);
  self->common = g_new0 (float, MAX ((size_t) self->K * self->K, 1));
  self->matrices = g_new0 (float, MAX ((size_t) self->R * self->K * self->K, 1));
  self->scratch = g_new0 (float, MAX ((size_t) 2 * self->K * self->K, 1));
}

/* Following the run ---------------------------------------------------------------------- */

/* The epochs whose matrices of the shown kind were kept: CoNAL's effective confusions are
 * worked out for fewer epochs than its layers are kept (cs-training.c says why). */
static gboolean
kept_for_kind (const CsEpochSnapshot *snapshot,
               CsMatrixKind           kind)
{
  if (snapshot->local == NULL)
    return FALSE;
  return kind != CS_MATRIX_EFFECTIVE || snapshot->global == NULL || snapshot->effective != NULL;
}

static void
index_kept (CsExplorer *self,
            guint       first)
{
  guint n = cs_training_get_n_epochs (self->training);

  for (guint i = first; i < n; i++)
    if (kept_for_kind (cs_training_get_epoch (self->training, i), self->kind))
      g_array_append_val (self->kept, i);
}

static void
on_epochs_added (CsTraining *training,
                 guint       first,
                 guint       n,
                 CsExplorer *self)
{
  guint before = self->kept->len;

  index_kept (self, first);
  if (self->kept->len == before)
    return;
  notify (self, PROP_N_EPOCHS);
  if (self->epoch < 0)
    recompute (self);
}

/* Once the run has its result, the newest epoch is the one it selected. */
static void
on_state (CsTraining *training,
          GParamSpec *pspec,
          CsExplorer *self)
{
  if (self->epoch < 0)
    recompute (self);
}

void
cs_explorer_set_training (CsExplorer *self,
                          CsTraining *training)
{
  g_return_if_fail (CS_IS_EXPLORER (self));
  g_return_if_fail (training == NULL || CS_IS_TRAINING (training));

  if (self->training == training)
    return;
  if (self->training != NULL)
    g_signal_handlers_disconnect_by_data (self->training, self);
  g_set_object (&self->training, training);
  g_array_set_size (self->kept, 0);
  self->epoch = -1;
  if (training != NULL)
    {
      g_signal_connect (training, "epochs-added", G_CALLBACK (on_epochs_added), self);
      g_signal_connect (training, "notify::state", G_CALLBACK (on_state), self);
      index_kept (self, 0);
    }
  recompute (self);
  notify (self, PROP_TRAINING);
  notify (self, PROP_N_EPOCHS);
  notify (self, PROP_EPOCH);
}

/* A new run of the session is the one to watch. */
static void
on_session_training (CsExplorer *self)
{
  CsTraining *training = cs_session_get_training (self->session);

  if (training != NULL)
    cs_explorer_set_training (self, training);
}

static void
on_dataset (CsExplorer *self)
{
  resize (self);
  cs_explorer_set_training (self, NULL);
  recompute (self);
}

/* The object ------------------------------------------------------------------------------ */

static void
cs_explorer_dispose (GObject *object)
{
  CsExplorer *self = CS_EXPLORER (object);

  if (self->training != NULL)
    g_signal_handlers_disconnect_by_data (self->training, self);
  g_clear_object (&self->training);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (cs_explorer_parent_class)->dispose (object);
}

static void
cs_explorer_finalize (GObject *object)
{
  CsExplorer *self = CS_EXPLORER (object);

  g_clear_pointer (&self->kept, g_array_unref);
  g_free (self->common);
  g_free (self->matrices);
  g_free (self->scratch);
  G_OBJECT_CLASS (cs_explorer_parent_class)->finalize (object);
}

static void
cs_explorer_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CsExplorer *self = CS_EXPLORER (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_TRAINING:
      g_value_set_object (value, self->training);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_EPOCH:
      g_value_set_int (value, self->epoch);
      break;
    case PROP_N_EPOCHS:
      g_value_set_uint (value, self->kept->len);
      break;
    case PROP_REVISION:
      g_value_set_uint (value, self->revision);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_explorer_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CsExplorer *self = CS_EXPLORER (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_TRAINING:
      cs_explorer_set_training (self, g_value_get_object (value));
      break;
    case PROP_KIND:
      cs_explorer_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_EPOCH:
      cs_explorer_set_epoch (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_explorer_constructed (GObject *object)
{
  CsExplorer *self = CS_EXPLORER (object);

  G_OBJECT_CLASS (cs_explorer_parent_class)->constructed (object);
  g_signal_connect_swapped (self->session, "notify::dataset", G_CALLBACK (on_dataset), self);
  g_signal_connect_swapped (self->session, "notify::figures", G_CALLBACK (recompute), self);
  g_signal_connect_swapped (self->session, "notify::training", G_CALLBACK (on_session_training), self);
  resize (self);
  on_session_training (self);
  recompute (self);
}

static void
cs_explorer_class_init (CsExplorerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = cs_explorer_constructed;
  object_class->dispose = cs_explorer_dispose;
  object_class->finalize = cs_explorer_finalize;
  object_class->get_property = cs_explorer_get_property;
  object_class->set_property = cs_explorer_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CS_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRAINING] =
    g_param_spec_object ("training", NULL, NULL, CS_TYPE_TRAINING, rw);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, CS_TYPE_MATRIX_KIND, CS_MATRIX_EFFECTIVE, rw);
  properties[PROP_EPOCH] = g_param_spec_int ("epoch", NULL, NULL, -1, G_MAXINT, -1, rw);
  properties[PROP_N_EPOCHS] = g_param_spec_uint ("n-epochs", NULL, NULL, 0, G_MAXUINT, 0, ro);
  /* Bumped whenever the matrices change: the views redraw on it. */
  properties[PROP_REVISION] = g_param_spec_uint ("revision", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cs_explorer_init (CsExplorer *self)
{
  self->kept = g_array_new (FALSE, FALSE, sizeof (guint));
  self->epoch = -1;
}

CsExplorer *
cs_explorer_new (CsSession *session)
{
  g_return_val_if_fail (CS_IS_SESSION (session), NULL);

  return g_object_new (CS_TYPE_EXPLORER, "session", session, NULL);
}

CsSession *
cs_explorer_get_session (CsExplorer *self)
{
  g_return_val_if_fail (CS_IS_EXPLORER (self), NULL);
  return self->session;
}

CsTraining *
cs_explorer_get_training (CsExplorer *self)
{
  g_return_val_if_fail (CS_IS_EXPLORER (self), NULL);
  return self->training;
}

CsMatrixKind
cs_explorer_get_kind (CsExplorer *self)
{
  g_return_val_if_fail (CS_IS_EXPLORER (self), CS_MATRIX_EFFECTIVE);
  return self->kind;
}

void
cs_explorer_set_kind (CsExplorer   *self,
                      CsMatrixKind  kind)
{
  g_return_if_fail (CS_IS_EXPLORER (self));

  if (self->kind == kind)
    return;
  self->kind = kind;
  /* Another kind may have other kept epochs: the chosen one stays if it has this kind too. */
  if (self->training != NULL)
    {
      guint chosen = self->epoch >= 0 && (guint) self->epoch < self->kept->len
                     ? g_array_index (self->kept, guint, self->epoch) : G_MAXUINT;

      g_array_set_size (self->kept, 0);
      index_kept (self, 0);
      if (self->epoch >= 0)
        {
          self->epoch = (int) self->kept->len - 1;
          for (guint i = 0; i < self->kept->len; i++)
            if (g_array_index (self->kept, guint, i) <= chosen)
              self->epoch = i;
          notify (self, PROP_EPOCH);
        }
      notify (self, PROP_N_EPOCHS);
    }
  recompute (self);
  notify (self, PROP_KIND);
}

/* Whether the kind can show with what there is: a run with noise layers for the learned kinds,
 * the dataset's figures for Dawid–Skene's, gold for the empirical one. */
gboolean
cs_explorer_has_kind (CsExplorer   *self,
                      CsMatrixKind  kind)
{
  g_return_val_if_fail (CS_IS_EXPLORER (self), FALSE);

  return self->R > 0 && cs_explorer_get_matrix_of (self, kind, 0, self->scratch);
}

guint
cs_explorer_get_n_epochs (CsExplorer *self)
{
  g_return_val_if_fail (CS_IS_EXPLORER (self), 0);
  return self->kept->len;
}

int
cs_explorer_get_epoch (CsExplorer *self)
{
  g_return_val_if_fail (CS_IS_EXPLORER (self), -1);
  return self->epoch;
}

void
cs_explorer_set_epoch (CsExplorer *self,
                       int         epoch)
{
  g_return_if_fail (CS_IS_EXPLORER (self));
  g_return_if_fail (epoch >= -1);

  if (self->epoch == epoch)
    return;
  self->epoch = epoch;
  recompute (self);
  notify (self, PROP_EPOCH);
}

int
cs_explorer_get_epoch_number (CsExplorer *self)
{
  g_return_val_if_fail (CS_IS_EXPLORER (self), 0);
  return self->epoch_number;
}

int
cs_explorer_get_n_classes (CsExplorer *self)
{
  g_return_val_if_fail (CS_IS_EXPLORER (self), 0);
  return self->K;
}

const float *
cs_explorer_get_common (CsExplorer *self)
{
  g_return_val_if_fail (CS_IS_EXPLORER (self), NULL);
  return self->has_common ? self->common : NULL;
}

const float *
cs_explorer_get_matrix (CsExplorer *self,
                        guint       annotator)
{
  g_return_val_if_fail (CS_IS_EXPLORER (self), NULL);

  if (!self->has_matrices || annotator >= (guint) self->R)
    return NULL;
  return self->matrices + (size_t) annotator * self->K * self->K;
}

gboolean
cs_explorer_get_matrix_of (CsExplorer   *self,
                           CsMatrixKind  kind,
                           guint         subject,
                           float        *out)
{
  const CsDatasetFigures *figures;
  const CsEpochSnapshot *snapshot;
  size_t KK, at;

  g_return_val_if_fail (CS_IS_EXPLORER (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  figures = cs_session_get_figures (self->session);
  snapshot = find_snapshot (self);
  KK = (size_t) self->K * self->K;
  if (subject == CS_EXPLORER_COMMON)
    {
      if (snapshot == NULL || snapshot->global == NULL)
        return FALSE;
      cs_softmax_forward (out, snapshot->global, self->K, self->K);
      return TRUE;
    }
  if (subject >= (guint) self->R)
    return FALSE;
  at = subject * KK;
  switch (kind)
    {
    case CS_MATRIX_EFFECTIVE:
      if (snapshot == NULL || (snapshot->effective == NULL && snapshot->global != NULL))
        return FALSE;
      if (snapshot->effective != NULL)
        memcpy (out, snapshot->effective + at, sizeof (float) * KK);
      else
        cs_softmax_forward (out, snapshot->local + at, self->K, self->K);
      return TRUE;
    case CS_MATRIX_INDIVIDUAL:
      if (snapshot == NULL)
        return FALSE;
      cs_softmax_forward (out, snapshot->local + at, self->K, self->K);
      return TRUE;
    case CS_MATRIX_DAWID_SKENE:
      if (figures == NULL)
        return FALSE;
      memcpy (out, figures->dawid_skene->confusions + at, sizeof (float) * KK);
      return TRUE;
    case CS_MATRIX_EMPIRICAL:
      {
        const CsEmpiricalConfusions *empirical = find_empirical (self, snapshot, figures);

        if (empirical == NULL)
          return FALSE;
        memcpy (out, empirical->rates + at, sizeof (float) * KK);
        return TRUE;
      }
    default:
      return FALSE;
    }
}

const float *
cs_explorer_get_label_w (CsExplorer *self)
{
  const CsEpochSnapshot *snapshot;

  g_return_val_if_fail (CS_IS_EXPLORER (self), NULL);

  snapshot = find_snapshot (self);
  return snapshot ? snapshot->label_w : NULL;
}

const int *
cs_explorer_get_counts (CsExplorer *self,
                        guint       annotator)
{
  const CsDatasetFigures *figures;

  g_return_val_if_fail (CS_IS_EXPLORER (self), NULL);

  figures = cs_session_get_figures (self->session);
  if (self->kind != CS_MATRIX_EMPIRICAL || !self->has_matrices || annotator >= (guint) self->R)
    return NULL;
  return find_empirical (self, find_snapshot (self), figures)->counts + (size_t) annotator * self->K * self->K;
}
