/* test-crowd-start.c — how CoNAL and Crowd Layer start: the classifier warmed on Dawid–Skene's
 * posteriors, the noise layers from its confusions
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-demo.h"
#include "cs-model-private.h"
#include "cs-noise.h"
#include "cs-trainer.h"
#include "test-util.h"

enum { K = 2, R = 3, N = 4 };

/* Four items, their posteriors given: annotator 0 labels all four, annotator 1 only item 0,
 * annotator 2 none. */
static void
small_estimate (CsSplit      *split,
                CsDawidSkene *ds,
                CsCrowdLabel *labels,
                int          *offsets,
                float        *posteriors)
{
  static const CsCrowdLabel given[] = {
    { 0, 0, 0 }, { 0, 1, 1 }, { 1, 0, 0 }, { 2, 0, 1 }, { 3, 0, 1 },
  };
  static const int at[N + 1] = { 0, 2, 3, 4, 5 };
  static const float post[N * K] = { 0.9f, 0.1f, 0.8f, 0.2f, 0.3f, 0.7f, 0.0f, 1.0f };

  memcpy (labels, given, sizeof given);
  memcpy (offsets, at, sizeof at);
  memcpy (posteriors, post, sizeof post);
  *split = (CsSplit) { .present = true, .n = N, .n_labels = G_N_ELEMENTS (given),
                       .labels = labels, .item_offsets = offsets };
  *ds = (CsDawidSkene) { .n = N, .K = K, .R = R, .posteriors = posteriors };
}

static void
assert_rows_sum_to_one (const float *m,
                        int          n_rows)
{
  for (int r = 0; r < n_rows; r++)
    g_assert_cmpfloat_with_epsilon (m[r * K] + m[r * K + 1], 1.0, 1e-6);
}

/* The pooled confusion counts every label against its item's posterior; an annotator's rows
 * are their counts plus `prior` labels of the pooled row, and one without labels has the
 * pooled rows. */
static void
test_shrunk_confusions (void)
{
  CsSplit split;
  CsDawidSkene ds;
  CsCrowdLabel labels[5];
  int offsets[N + 1];
  float posteriors[N * K], pooled[K * K], local[R * K * K], own[R * K * K];
  /* Soft counts, true class by label: label 0 from items 0 (twice: 0.9 / 0.1 for annotator
   * 0's 0, annotator 1's 1) and 1, label 1 from items 0, 2 and 3. */
  double counts[K][K] = { { 0.9 + 0.8, 0.9 + 0.3 + 0.0 }, { 0.1 + 0.2, 0.1 + 0.7 + 1.0 } };

  small_estimate (&split, &ds, labels, offsets, posteriors);
  cs_dawid_skene_shrunk_confusions (&ds, &split, 2.0, pooled, local);
  assert_rows_sum_to_one (pooled, K);
  assert_rows_sum_to_one (local, R * K);
  for (int k = 0; k < K; k++)
    {
      double sum = counts[k][0] + counts[k][1] + 2 * 0.01;

      for (int j = 0; j < K; j++)
        g_assert_cmpfloat_with_epsilon (pooled[k * K + j], (counts[k][j] + 0.01) / sum, 1e-6);
    }
  /* Annotator 2 gave no label: the crowd's rows. */
  for (int j = 0; j < K * K; j++)
    g_assert_cmpfloat_with_epsilon (local[2 * K * K + j], pooled[j], 1e-6);
  /* Annotator 1's one label (a 1 for item 0): 0.9 of it in row 0, 0.1 in row 1. */
  for (int k = 0; k < K; k++)
    {
      double own_1 = k == 0 ? 0.9 : 0.1;
      double expected = (own_1 + 2.0 * pooled[k * K + 1]) / (own_1 + 2.0);

      g_assert_cmpfloat_with_epsilon (local[K * K + k * K + 1], expected, 1e-6);
    }

  /* Without the prior, annotator 0's rows are their own soft counts. */
  cs_dawid_skene_shrunk_confusions (&ds, &split, 0.0, pooled, own);
  g_assert_cmpfloat_with_epsilon (own[0], (0.9 + 0.8) / (0.9 + 0.8 + 0.3 + 0.0), 1e-6);
  g_assert_cmpfloat_with_epsilon (own[2], (0.1 + 0.2) / (0.1 + 0.2 + 0.7 + 1.0), 1e-6);
  /* … and annotator 2's, with nothing to count, are uniform. */
  for (int j = 0; j < K * K; j++)
    g_assert_cmpfloat_with_epsilon (own[2 * K * K + j], 1.0 / K, 1e-6);
}

/* A one-hot p through a matrix from cs_noise_init_log gives the confusion's row back. */
static void
test_noise_log (void)
{
  enum { KK = 3 };
  const float confusion[KK * KK] = { 0.7f, 0.2f, 0.1f, 0.0f, 1.0f, 0.0f, 0.25f, 0.25f, 0.5f };
  float m[KK * KK];

  memset (m, 0xff, sizeof m);
  cs_noise_init_log (m, confusion, 1, KK);
  for (int k = 0; k < KK; k++)
    {
      double sum = 0, floored = 0;

      for (int j = 0; j < KK; j++)
        {
          sum += exp (m[k * KK + j]);
          floored += fmaxf (confusion[k * KK + j], CS_NOISE_LOG_FLOOR);
        }
      /* The floor takes a little from the row's other classes: 2 · 1e-4 in row 1. */
      for (int j = 0; j < KK; j++)
        {
          g_assert_true (isfinite (m[k * KK + j]));
          g_assert_cmpfloat_with_epsilon (exp (m[k * KK + j]) / sum,
                                          fmaxf (confusion[k * KK + j], CS_NOISE_LOG_FLOOR) / floored,
                                          1e-6);
          g_assert_cmpfloat_with_epsilon (exp (m[k * KK + j]) / sum, confusion[k * KK + j], 3e-4);
        }
    }
}

static CsDataset *
demo_dataset (CsTestDir *tmp)
{
  g_autoptr(GError) error = NULL;
  CsDataset *dataset;

  g_assert_true (cs_demo_write (cs_test_dir_path (tmp, NULL), 1, &error));
  dataset = cs_dataset_load (cs_test_dir_path (tmp, NULL), NULL, &error);
  g_assert_no_error (error);
  return dataset;
}

static void
small_config (CsTrainConfig *config,
              CsMethod       method,
              int            epochs)
{
  cs_test_config (config, method, epochs, 128);
  config->test_every_epoch = false;
}

static size_t
noise_floats (const CsModelShape *s)
{
  return (size_t) (s->has_global ? s->K * s->K : 0) + (s->has_local ? (size_t) s->R * s->K * s->K : 0);
}

/* A warm start of every epoch is Dawid–Skene's soft-target training, while the noise layers
 * and the auxiliary network keep their initial values. Crowd Layer's model draws nothing more
 * from the seed than Dawid–Skene's, so its classifier is the same bit for bit; CoNAL's
 * auxiliary network draws its initial weights after the classifier, so its batches are
 * shuffled from another state, and its classifier only as good. */
static void
test_warm_start_alone (gconstpointer data)
{
  CsMethod method = GPOINTER_TO_INT (data);
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsDataset) dataset = demo_dataset (tmp);
  g_autoptr(CsRun) warm = NULL;
  g_autoptr(CsRun) ds = NULL;
  g_autoptr(CsRun) partly = NULL;
  CsModel *fresh;
  CsTrainConfig config;
  const CsModelShape *shape;
  const CsParams *w, *d, *f, *p;
  CsRng rng;

  small_config (&config, method, 4);
  config.warm_start = 4;
  config.selection = CS_SELECT_LAST;
  warm = cs_train (dataset, &config, NULL, NULL);
  small_config (&config, CS_METHOD_DAWID_SKENE, 4);
  config.soft_targets = true;
  config.selection = CS_SELECT_LAST;
  ds = cs_train (dataset, &config, NULL, NULL);
  g_assert_nonnull (warm);
  g_assert_nonnull (ds);
  g_assert_null (warm->dawid_skene);

  shape = cs_model_get_shape (warm->model);
  w = cs_model_get_params (warm->model);
  d = cs_model_get_params (ds->model);
  if (method == CS_METHOD_CROWD_LAYER)
    {
      g_assert_cmpint (memcmp (w->w1, d->w1, sizeof (float) * shape->H * shape->D), ==, 0);
      g_assert_cmpint (memcmp (w->b1, d->b1, sizeof (float) * shape->H), ==, 0);
      g_assert_cmpint (memcmp (w->w2, d->w2, sizeof (float) * shape->K * shape->H), ==, 0);
      g_assert_cmpint (memcmp (w->b2, d->b2, sizeof (float) * shape->K), ==, 0);
    }
  else
    g_assert_cmpfloat (fabs (cs_run_get_best (warm)->valid_accuracy -
                             cs_run_get_best (ds)->valid_accuracy), <, 0.05);

  /* The rest as cs_model_init_params left it. */
  small_config (&config, method, 4);
  fresh = cs_model_new (shape, 1, 1);
  cs_rng_init (&rng, config.seed);
  cs_model_init_params (fresh, &config, &rng);
  f = cs_model_get_params (fresh);
  if (shape->has_local)
    g_assert_cmpint (memcmp (w->local, f->local, sizeof (float) * shape->R * shape->K * shape->K), ==, 0);
  if (shape->has_global)
    g_assert_cmpint (memcmp (w->global, f->global, sizeof (float) * shape->K * shape->K), ==, 0);
  if (shape->has_aux)
    g_assert_cmpint (memcmp (w->ann_w, f->ann_w, sizeof (float) * shape->R * shape->E), ==, 0);

  /* Warmed for half the epochs, the noise layers have learned after. */
  small_config (&config, method, 4);
  config.warm_start = 2;
  config.selection = CS_SELECT_LAST;
  partly = cs_train (dataset, &config, NULL, NULL);
  p = cs_model_get_params (partly->model);
  g_assert_cmpint (memcmp (p->local, f->local, sizeof (float) * shape->R * shape->K * shape->K), !=, 0);
  g_assert_cmpint (noise_floats (shape), >, 0);
  cs_model_free (fresh);
}

/* With noise_from_ds, the noise layers start at the log of Dawid–Skene's confusions: W_g the
 * crowd's pooled one (CoNAL), each W_r the annotator's, shrunk towards it. */
static void
test_noise_from_ds (gconstpointer data)
{
  CsMethod method = GPOINTER_TO_INT (data);
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsDataset) dataset = demo_dataset (tmp);
  g_autoptr(CsRun) run = NULL;
  g_autoptr(CsDawidSkene) ds = NULL;
  g_autoptr(CsRun) trained = NULL;
  CsTrainConfig config;
  const CsModelShape *shape;
  const CsParams *p;
  const CsSplit *train = cs_dataset_get_split (dataset, CS_SPLIT_TRAIN);
  int KK = dataset->n_classes, RR = dataset->n_annotators;
  g_autofree float *pooled = g_new (float, KK * KK);
  g_autofree float *local = g_new (float, (size_t) RR * KK * KK);
  g_autofree float *expected = g_new (float, (size_t) RR * KK * KK);

  /* Every epoch warm, so that the noise layers are where they started. */
  small_config (&config, method, 2);
  config.warm_start = 2;
  config.noise_from_ds = true;
  run = cs_train (dataset, &config, NULL, NULL);
  g_assert_nonnull (run);
  ds = cs_dawid_skene_run (train, KK, RR, config.ds_iterations);
  cs_dawid_skene_shrunk_confusions (ds, train, CS_DS_PRIOR_LABELS, pooled, local);
  shape = cs_model_get_shape (run->model);
  p = cs_model_get_params (run->model);
  cs_noise_init_log (expected, local, RR, KK);
  g_assert_cmpint (memcmp (p->local, expected, sizeof (float) * RR * KK * KK), ==, 0);
  if (shape->has_global)
    {
      cs_noise_init_log (expected, pooled, 1, KK);
      g_assert_cmpint (memcmp (p->global, expected, sizeof (float) * KK * KK), ==, 0);
    }

  /* Trained on from there, it learns as well as from 2 · I on the demo's crowd. */
  small_config (&config, method, 30);
  config.noise_from_ds = true;
  trained = cs_train (dataset, &config, NULL, NULL);
  g_assert_cmpfloat (cs_run_get_best (trained)->test_accuracy, >, 0.8);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crowd-start/shrunk-confusions", test_shrunk_confusions);
  g_test_add_func ("/crowd-start/noise-log", test_noise_log);
  g_test_add_data_func ("/crowd-start/warm-start-alone/conal", GINT_TO_POINTER (CS_METHOD_CONAL),
                        test_warm_start_alone);
  g_test_add_data_func ("/crowd-start/warm-start-alone/crowdlayer",
                        GINT_TO_POINTER (CS_METHOD_CROWD_LAYER), test_warm_start_alone);
  g_test_add_data_func ("/crowd-start/noise-from-ds/conal", GINT_TO_POINTER (CS_METHOD_CONAL),
                        test_noise_from_ds);
  g_test_add_data_func ("/crowd-start/noise-from-ds/crowdlayer",
                        GINT_TO_POINTER (CS_METHOD_CROWD_LAYER), test_noise_from_ds);
  return g_test_run ();
}
