/* cs-experiment-result.c — one method's row of an experiment's table, as it fills in
 *
 * Its properties are what a table's columns bind to: the method and its title, how many of
 * the seeds have finished, test and validation accuracy (mean and std over the finished runs),
 * the mean selected epoch and the time a run took. It also holds each finished run's history,
 * epoch by epoch, for the curves of its runs and their band.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "cs-enum-types.h"
#include "cs-experiment-result.h"

struct _CsExperimentResult
{
  GObject          parent_instance;

  int              n_seeds;
  CsExperimentRow  row;
  GPtrArray       *histories;  /* [n_seeds] of GArray of CsEpochMetrics; NULL until the seed's
                                * run has finished */
  GPtrArray       *finished;   /* the histories there are, in the seeds' order */
};

enum {
  PROP_0,
  PROP_METHOD,
  PROP_TITLE,
  PROP_N_SEEDS,
  PROP_N_RUNS,
  PROP_TEST_MEAN,
  PROP_TEST_STD,
  PROP_VALID_MEAN,
  PROP_VALID_STD,
  PROP_BEST_EPOCH,
  PROP_SECONDS_PER_RUN,
  PROP_N_HISTORIES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CsExperimentResult, cs_experiment_result, G_TYPE_OBJECT)

/* The figures in property order, from PROP_TEST_MEAN on. */
static double
figure (const CsExperimentRow *row,
        guint                  prop_id)
{
  switch (prop_id)
    {
    case PROP_TEST_MEAN: return row->test_mean;
    case PROP_TEST_STD: return row->test_std;
    case PROP_VALID_MEAN: return row->valid_mean;
    case PROP_VALID_STD: return row->valid_std;
    case PROP_BEST_EPOCH: return row->best_epoch_mean;
    case PROP_SECONDS_PER_RUN: return row->seconds_per_run;
    default: g_return_val_if_reached (NAN);
    }
}

static void
cs_experiment_result_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CsExperimentResult *self = CS_EXPERIMENT_RESULT (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      g_value_set_enum (value, self->row.method);
      break;
    case PROP_TITLE:
      g_value_set_string (value, cs_method_get_title (self->row.method));
      break;
    case PROP_N_SEEDS:
      g_value_set_int (value, self->n_seeds);
      break;
    case PROP_N_RUNS:
      g_value_set_int (value, self->row.n_runs);
      break;
    case PROP_N_HISTORIES:
      g_value_set_int (value, self->finished->len);
      break;
    case PROP_TEST_MEAN:
    case PROP_TEST_STD:
    case PROP_VALID_MEAN:
    case PROP_VALID_STD:
    case PROP_BEST_EPOCH:
    case PROP_SECONDS_PER_RUN:
      g_value_set_double (value, figure (&self->row, prop_id));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* A seed's slot, empty until its run has finished. */
static void
history_free (gpointer history)
{
  if (history != NULL)
    g_array_unref (history);
}

static void
cs_experiment_result_finalize (GObject *object)
{
  CsExperimentResult *self = CS_EXPERIMENT_RESULT (object);

  g_ptr_array_unref (self->finished);
  g_ptr_array_unref (self->histories);
  G_OBJECT_CLASS (cs_experiment_result_parent_class)->finalize (object);
}

static void
cs_experiment_result_class_init (CsExperimentResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  static const char *figures[] = {
    "test-mean", "test-std", "valid-mean", "valid-std", "best-epoch", "seconds-per-run",
  };

  object_class->finalize = cs_experiment_result_finalize;
  object_class->get_property = cs_experiment_result_get_property;
  properties[PROP_METHOD] =
    g_param_spec_enum ("method", NULL, NULL, CS_TYPE_METHOD, CS_METHOD_CONAL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_N_SEEDS] = g_param_spec_int ("n-seeds", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_N_RUNS] = g_param_spec_int ("n-runs", NULL, NULL, 0, G_MAXINT, 0, flags);
  /* Their values are NaN until a run has finished (a default has to be a number). */
  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    properties[PROP_TEST_MEAN + i] =
      g_param_spec_double (figures[i], NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  /**
   * CsExperimentResult:n-histories:
   *
   * How many of the row's runs have handed over their history, which
   * cs_experiment_result_get_histories() gives; notified as each one does.
   */
  properties[PROP_N_HISTORIES] =
    g_param_spec_int ("n-histories", NULL, NULL, 0, G_MAXINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cs_experiment_result_init (CsExperimentResult *self)
{
  self->finished = g_ptr_array_new ();
}

CsExperimentResult *
cs_experiment_result_new (CsMethod method,
                          int      n_seeds)
{
  CsExperimentResult *self = g_object_new (CS_TYPE_EXPERIMENT_RESULT, NULL);

  self->n_seeds = n_seeds;
  self->histories = g_ptr_array_new_full (n_seeds, history_free);
  g_ptr_array_set_size (self->histories, n_seeds);
  self->row = (CsExperimentRow) { .method = method, .test_mean = NAN, .test_std = NAN,
                                  .valid_mean = NAN, .valid_std = NAN, .best_epoch_mean = NAN,
                                  .seconds_per_epoch = NAN, .seconds_per_run = NAN };
  return self;
}

static gboolean
same (double a,
      double b)
{
  return a == b || (isnan (a) && isnan (b));
}

void
cs_experiment_result_update (CsExperimentResult    *self,
                             const CsExperimentRow *row)
{
  CsExperimentRow before;

  g_return_if_fail (CS_IS_EXPERIMENT_RESULT (self));
  g_return_if_fail (row != NULL && row->method == self->row.method);

  before = self->row;
  self->row = *row;
  g_object_freeze_notify (G_OBJECT (self));
  if (before.n_runs != row->n_runs)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RUNS]);
  for (guint p = PROP_TEST_MEAN; p <= PROP_SECONDS_PER_RUN; p++)
    if (!same (figure (&before, p), figure (row, p)))
      g_object_notify_by_pspec (G_OBJECT (self), properties[p]);
  g_object_thaw_notify (G_OBJECT (self));
}

CsMethod
cs_experiment_result_get_method (CsExperimentResult *self)
{
  g_return_val_if_fail (CS_IS_EXPERIMENT_RESULT (self), CS_METHOD_CONAL);
  return self->row.method;
}

int
cs_experiment_result_get_n_runs (CsExperimentResult *self)
{
  g_return_val_if_fail (CS_IS_EXPERIMENT_RESULT (self), 0);
  return self->row.n_runs;
}

double
cs_experiment_result_get_test_mean (CsExperimentResult *self)
{
  g_return_val_if_fail (CS_IS_EXPERIMENT_RESULT (self), NAN);
  return self->row.test_mean;
}

double
cs_experiment_result_get_test_std (CsExperimentResult *self)
{
  g_return_val_if_fail (CS_IS_EXPERIMENT_RESULT (self), NAN);
  return self->row.test_std;
}

/**
 * cs_experiment_result_set_history:
 * @seed_index: the run's seed, 0-based (its seed is @seed_index + 1)
 * @history: (transfer full): its epochs, a GArray of CsEpochMetrics
 *
 * Keeps a finished run's history (main thread) and notifies #CsExperimentResult:n-histories.
 * A run's history comes once: a second one for the same seed is dropped.
 */
void
cs_experiment_result_set_history (CsExperimentResult *self,
                                  int                 seed_index,
                                  GArray             *history)
{
  g_return_if_fail (CS_IS_EXPERIMENT_RESULT (self));
  g_return_if_fail (seed_index >= 0 && seed_index < self->n_seeds);
  g_return_if_fail (history != NULL && g_array_get_element_size (history) == sizeof (CsEpochMetrics));

  if (g_ptr_array_index (self->histories, seed_index) != NULL)
    {
      g_array_unref (history);
      return;
    }
  g_ptr_array_index (self->histories, seed_index) = history;
  g_ptr_array_set_size (self->finished, 0);
  for (int s = 0; s < self->n_seeds; s++)
    if (g_ptr_array_index (self->histories, s) != NULL)
      g_ptr_array_add (self->finished, g_ptr_array_index (self->histories, s));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_HISTORIES]);
}

/**
 * cs_experiment_result_get_histories:
 * @n: (out): how many there are
 *
 * Returns: (transfer none) (array length=n): the finished runs' histories in the seeds' order,
 *   each a GArray of CsEpochMetrics, as cs_curve_band_new() takes them
 */
GArray * const *
cs_experiment_result_get_histories (CsExperimentResult *self,
                                    int                *n)
{
  g_return_val_if_fail (CS_IS_EXPERIMENT_RESULT (self), NULL);
  g_return_val_if_fail (n != NULL, NULL);

  *n = self->finished->len;
  return (GArray * const *) self->finished->pdata;
}

/**
 * cs_experiment_result_get_history:
 * @seed_index: 0-based
 *
 * Returns: (transfer none) (nullable): the run's history, or NULL until it has finished
 */
GArray *
cs_experiment_result_get_history (CsExperimentResult *self,
                                  int                 seed_index)
{
  g_return_val_if_fail (CS_IS_EXPERIMENT_RESULT (self), NULL);
  g_return_val_if_fail (seed_index >= 0 && seed_index < self->n_seeds, NULL);

  return g_ptr_array_index (self->histories, seed_index);
}

int
cs_experiment_result_get_n_seeds (CsExperimentResult *self)
{
  g_return_val_if_fail (CS_IS_EXPERIMENT_RESULT (self), 0);
  return self->n_seeds;
}
