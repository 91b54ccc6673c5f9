/* test-trainer.c — training runs: determinism, stopping, divergence, selection, recovery
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-dataset-carve.h"
#include "cs-dataset-resimulate.h"
#include "cs-dawid-skene.h"
#include "cs-demo.h"
#include "cs-error.h"
#include "cs-model-private.h"
#include "cs-trainer.h"
#include "test-util.h"

static void
small_config (CsTrainConfig *config,
              CsMethod       method,
              int            epochs)
{
  cs_test_config (config, method, epochs, 256);
}

/* Same seed and thread count: the same numbers, bit for bit. Another seed: others. */
static void
test_deterministic (gconstpointer data)
{
  g_autoptr(CsDataset) dataset = cs_test_load_shared ("labelme");
  g_autoptr(CsRun) a = NULL;
  g_autoptr(CsRun) b = NULL;
  g_autoptr(CsRun) c = NULL;
  CsTrainConfig config;
  size_t n;
  float *pa, *pb;

  if (dataset == NULL)
    return;
  small_config (&config, CS_METHOD_CONAL, 3);
  config.threads = GPOINTER_TO_INT (data);
  config.seed = 3;
  a = cs_train (dataset, &config, NULL, NULL);
  b = cs_train (dataset, &config, NULL, NULL);
  config.seed = 4;
  c = cs_train (dataset, &config, NULL, NULL);
  g_assert_nonnull (a);
  for (guint e = 0; e < a->history->len; e++)
    {
      const CsEpochMetrics *ma = &g_array_index (a->history, CsEpochMetrics, e);
      const CsEpochMetrics *mb = &g_array_index (b->history, CsEpochMetrics, e);

      g_assert_true (ma->train_loss == mb->train_loss);
      g_assert_true (ma->valid_accuracy == mb->valid_accuracy);
      g_assert_true (ma->test_accuracy == mb->test_accuracy);
    }
  pa = cs_model_get_param_buffer (a->model, &n);
  pb = cs_model_get_param_buffer (b->model, &n);
  g_assert_cmpint (memcmp (pa, pb, sizeof (float) * n), ==, 0);
  g_assert_true (g_array_index (a->history, CsEpochMetrics, 0).train_loss !=
                 g_array_index (c->history, CsEpochMetrics, 0).train_loss);
}

/* The step's threads change nothing: one, two and three threads train the same bits. The
 * official Music settings run every part that is shared out: both BatchNorms, the noise layers
 * with W_g, and w projected onto the annotators (test-invariance covers the other presets). */
static void
test_threads_agree (void)
{
  g_autoptr(CsDataset) dataset = cs_test_load_shared ("music");
  g_autoptr(CsRun) one = NULL;
  CsTrainConfig config;

  if (dataset == NULL)
    return;
  cs_train_config_init (&config);
  g_assert_true (cs_train_config_apply_preset (&config, CS_PRESET_OFFICIAL, "music", NULL));
  config.epochs = 3;
  config.threads = 1;
  one = cs_train (dataset, &config, NULL, NULL);
  g_assert_nonnull (one);
  for (int threads = 2; threads <= 3; threads++)
    {
      g_autoptr(CsRun) many = NULL;
      size_t n;
      const float *p1 = cs_model_get_param_buffer (one->model, &n);

      config.threads = threads;
      many = cs_train (dataset, &config, NULL, NULL);
      g_assert_nonnull (many);
      g_assert_cmpmem (p1, sizeof (float) * n, cs_model_get_param_buffer (many->model, &n),
                       sizeof (float) * n);
      for (guint e = 0; e < one->history->len; e++)
        {
          const CsEpochMetrics *m1 = &g_array_index (one->history, CsEpochMetrics, e);
          const CsEpochMetrics *m2 = &g_array_index (many->history, CsEpochMetrics, e);

          g_assert_true (m1->train_loss == m2->train_loss);
          g_assert_true (m1->valid_accuracy == m2->valid_accuracy);
          g_assert_true (m1->test_accuracy == m2->test_accuracy);
        }
    }
}

typedef struct
{
  int calls;
  int stop_after;
  int epochs_seen;
} StopCounter;

static bool
stop_after (gpointer data)
{
  StopCounter *counter = data;

  return ++counter->calls > counter->stop_after;
}

static void
count_epoch (const CsEpochMetrics *m,
             CsModel              *model,
             gpointer              data)
{
  StopCounter *counter = data;

  counter->epochs_seen = m->epoch;
}

/* Scoring the test split only for the selected epoch gives the same number as scoring it
 * every epoch, and leaves the other epochs unscored. */
static void
test_test_once (void)
{
  g_autoptr(CsDataset) dataset = cs_test_load_shared ("labelme");
  g_autoptr(CsRun) every = NULL;
  g_autoptr(CsRun) once = NULL;
  CsTrainConfig config;

  if (dataset == NULL)
    return;
  small_config (&config, CS_METHOD_CROWD_LAYER, 6);
  every = cs_train (dataset, &config, NULL, NULL);
  config.test_every_epoch = false;
  once = cs_train (dataset, &config, NULL, NULL);
  g_assert_cmpint (every->best_epoch, ==, once->best_epoch);
  g_assert_cmpfloat (cs_run_get_best (every)->test_accuracy, ==, cs_run_get_best (once)->test_accuracy);
  for (guint e = 0; e < once->history->len; e++)
    if ((int) e + 1 != once->best_epoch)
      g_assert_true (isnan (g_array_index (once->history, CsEpochMetrics, e).test_accuracy));
}

/* The abort callback is asked between mini-batches. Stopped after two epochs, the run keeps
 * its best epoch so far: the same weights and figures as a run of two epochs. */
static void
test_cancel (void)
{
  g_autoptr(CsDataset) dataset = cs_test_load_shared ("labelme");
  g_autoptr(GError) error = NULL;
  g_autoptr(CsRun) run = NULL;
  g_autoptr(CsRun) two = NULL;
  CsTrainConfig config;
  StopCounter counter = { 0, 9, 0 };
  CsTrainCallbacks callbacks = { count_epoch, stop_after, &counter };
  size_t n_params;

  if (dataset == NULL)
    return;
  small_config (&config, CS_METHOD_CONAL, 50);
  run = cs_train (dataset, &config, &callbacks, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);
  /* 1000 items in batches of 256: 4 checks an epoch, so the 10th check is in epoch 3. */
  g_assert_cmpint (counter.calls, ==, 10);
  g_assert_cmpint (counter.epochs_seen, ==, 2);
  g_assert_true (run->stopped);
  g_assert_cmpint (run->epochs_run, ==, 2);
  g_assert_cmpuint (run->history->len, ==, 2);
  g_assert_cmpint (run->best_epoch, >=, 1);
  g_assert_cmpint (run->best_epoch, <=, 2);
  g_assert_nonnull (run->model);
  g_assert_nonnull (run->annotator_w);
  cs_test_assert_contains (g_ptr_array_index (run->notices, run->notices->len - 1),
                           "Training was stopped after epoch 2 of 50");

  config.epochs = 2;
  two = cs_train (dataset, &config, NULL, NULL);
  g_assert_false (two->stopped);
  g_assert_cmpint (two->best_epoch, ==, run->best_epoch);
  g_assert_cmpfloat (cs_run_get_best (two)->test_accuracy, ==, cs_run_get_best (run)->test_accuracy);
  g_assert_cmpmem (cs_model_get_param_buffer (two->model, &n_params), sizeof (float) * n_params,
                   cs_model_get_param_buffer (run->model, &n_params), sizeof (float) * n_params);
}

/* Stopped before its first epoch ends, a run has nothing to keep: an error and no run. */
static void
test_cancel_first_epoch (void)
{
  g_autoptr(CsDataset) dataset = cs_test_load_shared ("labelme");
  g_autoptr(GError) error = NULL;
  CsTrainConfig config;
  StopCounter counter = { 0, 2, 0 };
  CsTrainCallbacks callbacks = { count_epoch, stop_after, &counter };

  if (dataset == NULL)
    return;
  small_config (&config, CS_METHOD_CONAL, 50);
  g_assert_null (cs_train (dataset, &config, &callbacks, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_CANCELLED);
  g_assert_cmpint (counter.epochs_seen, ==, 0);
  cs_test_assert_contains (error->message, "epoch 1");
}

static void
test_diverged (void)
{
  g_autoptr(CsDataset) dataset = cs_test_load_shared ("labelme");
  g_autoptr(GError) error = NULL;
  CsTrainConfig config;

  if (dataset == NULL)
    return;
  small_config (&config, CS_METHOD_CROWD_LAYER, 30);
  config.lr = 1e30f;  /* Adam moves every weight by about lr a step: infinities within two */
  g_assert_null (cs_train (dataset, &config, NULL, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_DIVERGED);
  cs_test_assert_contains (error->message, "epoch");
  cs_test_assert_contains (error->message, "learning rate");
}

/* Music has no validation split: the test split selects, and the run says so. */
static void
test_music_selection (void)
{
  g_autoptr(CsDataset) dataset = cs_test_load_shared ("music");
  g_autoptr(CsRun) run = NULL;
  g_autoptr(CsRun) carved = NULL;
  CsTrainConfig config;

  if (dataset == NULL)
    return;
  small_config (&config, CS_METHOD_MAJORITY, 3);
  g_assert_false (cs_train_has_validation (dataset, &config));
  run = cs_train (dataset, &config, NULL, NULL);
  g_assert_true (run->test_used_for_selection);
  g_assert_cmpint (run->selection_split, ==, CS_SPLIT_TEST);
  g_assert_cmpuint (run->notices->len, ==, 1);
  cs_test_assert_contains (g_ptr_array_index (run->notices, 0),
                           "The dataset has no validation split: the test split was used");

  config.valid_from_test = 100;
  g_assert_true (cs_train_has_validation (dataset, &config));
  carved = cs_train (dataset, &config, NULL, NULL);
  g_assert_false (carved->test_used_for_selection);
  g_assert_cmpint (carved->dataset->splits[CS_SPLIT_VALID].n, ==, 100);
  g_assert_cmpint (carved->dataset->splits[CS_SPLIT_TEST].n, ==, 200);
  cs_test_assert_contains (g_ptr_array_index (carved->notices, 0),
                           "A stratified validation split of 100 items was taken");
}

/* The carved validation split is stratified, fixed, and disjoint from the new test split. */
static void
test_carve (void)
{
  g_autoptr(CsDataset) dataset = cs_test_load_shared ("music");
  g_autoptr(CsDataset) a = NULL;
  g_autoptr(CsDataset) b = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  int per_class[10] = { 0 }, in_test[10] = { 0 };

  if (dataset == NULL)
    return;
  a = cs_dataset_carve_validation (dataset, 100, NULL);
  b = cs_dataset_carve_validation (dataset, 100, NULL);
  for (int i = 0; i < 100; i++)
    {
      g_assert_cmpstr (a->splits[CS_SPLIT_VALID].item_ids[i], ==, b->splits[CS_SPLIT_VALID].item_ids[i]);
      g_hash_table_add (seen, a->splits[CS_SPLIT_VALID].item_ids[i]);
      per_class[a->splits[CS_SPLIT_VALID].gold[i]]++;
    }
  for (int i = 0; i < 200; i++)
    g_assert_false (g_hash_table_contains (seen, a->splits[CS_SPLIT_TEST].item_ids[i]));
  /* Every genre gives a third of its test songs to validation, give or take one. */
  for (int i = 0; i < 300; i++)
    in_test[dataset->splits[CS_SPLIT_TEST].gold[i]]++;
  for (int k = 0; k < 10; k++)
    g_assert_cmpfloat (fabs (per_class[k] - in_test[k] / 3.0), <=, 1.0);
  g_assert_true (a->standardized);
}

/* Selecting on held-out crowd labels needs no gold and picks a finite-NLL epoch. */
static void
test_crowd_nll_selection (void)
{
  g_autoptr(CsDataset) dataset = cs_test_load_shared ("labelme");
  g_autoptr(CsRun) run = NULL;
  CsTrainConfig config;
  double best_nll = INFINITY;

  if (dataset == NULL)
    return;
  small_config (&config, CS_METHOD_CONAL, 6);
  config.selection = CS_SELECT_CROWD_NLL;
  run = cs_train (dataset, &config, NULL, NULL);
  for (guint e = 0; e < run->history->len; e++)
    best_nll = fmin (best_nll, g_array_index (run->history, CsEpochMetrics, e).crowd_nll);
  g_assert_true (isfinite (best_nll));
  g_assert_cmpfloat (cs_run_get_best (run)->crowd_nll, ==, best_nll);
}

/* Dawid–Skene on a simulated crowd estimates the confusions that were planted. */
static void
test_dawid_skene_recovers (void)
{
  enum { N = 6000, K = 4 };
  g_autofree int32_t *gold = g_new (int32_t, N);
  g_autoptr(CsSimulatedCrowd) crowd = NULL;
  g_autoptr(CsDawidSkene) ds = NULL;
  g_autofree int *offsets = g_new0 (int, N + 1);
  CsCrowdSpec spec;
  CsSplit split = { 0 };
  double worst = 0, sum = 0;

  for (int i = 0; i < N; i++)
    gold[i] = i % K;
  cs_crowd_spec_init_default (&spec);
  spec.n_annotators = 8;
  spec.labels_per_item = 4;
  spec.seed = 5;
  crowd = cs_simulate_crowd (gold, N, K, &spec, NULL);
  for (int l = 0; l < crowd->n_labels; l++)
    offsets[crowd->labels[l].item + 1]++;
  for (int i = 0; i < N; i++)
    offsets[i + 1] += offsets[i];
  split = (CsSplit) { .present = true, .n = N, .n_labels = crowd->n_labels,
                      .labels = crowd->labels, .item_offsets = offsets };
  ds = cs_dawid_skene_run (&split, K, crowd->R, 100);
  for (int i = 0; i < crowd->R * K * K; i++)
    {
      double d = fabs (ds->confusions[i] - crowd->confusions[i]);

      worst = fmax (worst, d);
      sum += d;
    }
  g_test_message ("Dawid–Skene: mean |error| %.4f, worst %.4f, %d iterations",
                  sum / (crowd->R * K * K), worst, ds->iterations);
  /* About 3000 labels per annotator, 750 per true class: sampling error ≈ 0.02. */
  g_assert_cmpfloat (sum / (crowd->R * K * K), <, 0.02);
  g_assert_cmpfloat (worst, <, 0.08);

  /* Each annotator's accuracy as the estimate has it: the classes are equally frequent, so it
   * is the mean of the planted diagonal, within the cells' sampling error and the priors'. */
  for (int r = 0; r < crowd->R; r++)
    {
      double planted = 0;

      for (int k = 0; k < K; k++)
        planted += crowd->confusions[((size_t) r * K + k) * K + k] / (double) K;
      g_assert_cmpfloat (fabs (cs_dawid_skene_accuracy (ds, r) - planted), <, 0.03);
    }
}

/* CoNAL trained on the demo, whose crowd shares a planted confusion (circle ↔ ring, square ↔
 * diamond), puts it in W_g: for each planted pair a → b, softmax (W_g[a, :]) gives b the most
 * mass after a itself, and at least 1.5 times the median of the row's other entries. The rows
 * are averaged over three seeds: one run's W_g carries that run's noise (over seeds 1–6 the
 * weakest pair's ratio ranged from 1.25 to 2.8), the mean carries what the crowd planted. */
static void
test_conal_recovers_common (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  CsTrainConfig config;
  const int pairs[][2] = { { 0, 1 }, { 1, 0 }, { 2, 3 }, { 3, 2 } };
  const int n_seeds = 3;
  double mean[16 * 16] = { 0 };
  int K;

  g_assert_true (cs_demo_write (cs_test_dir_path (tmp, NULL), 1, &error));
  dataset = cs_dataset_load (cs_test_dir_path (tmp, NULL), NULL, &error);
  g_assert_no_error (error);
  K = dataset->n_classes;
  g_assert_cmpint (K, <=, 16);
  for (int seed = 1; seed <= n_seeds; seed++)
    {
      g_autoptr(CsRun) run = NULL;
      const float *W;

      /* The official code's LabelMe settings, whatever the defaults become. */
      small_config (&config, CS_METHOD_CONAL, 100);
      g_assert_true (cs_train_config_apply_preset (&config, "official-labelme", NULL, NULL));
      config.seed = seed;
      run = cs_train (dataset, &config, NULL, &error);
      g_assert_no_error (error);
      W = cs_model_get_params (run->model)->global;
      for (int a = 0; a < K; a++)
        {
          double top = -INFINITY, sum = 0;

          for (int j = 0; j < K; j++)
            top = fmax (top, W[a * K + j]);
          for (int j = 0; j < K; j++)
            sum += exp (W[a * K + j] - top);
          for (int j = 0; j < K; j++)
            mean[a * K + j] += exp (W[a * K + j] - top) / sum / n_seeds;
        }
    }
  for (guint p = 0; p < G_N_ELEMENTS (pairs); p++)
    {
      int a = pairs[p][0], b = pairs[p][1];
      const double *row = mean + a * K;
      double others[16], median;
      int n_others = 0;

      for (int j = 0; j < K; j++)
        {
          if (j != a && j != b)
            others[n_others++] = row[j];
          if (j != a)
            g_assert_cmpfloat (row[b], >=, row[j]);
        }
      for (int i = 0; i < n_others; i++)
        for (int j = i + 1; j < n_others; j++)
          if (others[j] < others[i])
            {
              double t = others[i];

              others[i] = others[j];
              others[j] = t;
            }
      median = n_others % 2 ? others[n_others / 2] : 0.5 * (others[n_others / 2 - 1] + others[n_others / 2]);
      g_test_message ("P(%s | %s) = %.3f, median other %.3f", dataset->class_names[b],
                      dataset->class_names[a], row[b], median);
      g_assert_cmpfloat (row[b], >=, 1.5 * median);
    }
}

/* Each epoch reports its loss as the cross-entropy plus the regulariser. CoNAL's regulariser
 * is negative, so its cross-entropy is above the loss minimised; Crowd Layer has none. */
static void
test_loss_parts (void)
{
  g_autoptr(CsDataset) dataset = cs_test_load_shared ("labelme");
  CsMethod methods[] = { CS_METHOD_CONAL, CS_METHOD_CROWD_LAYER };

  if (dataset == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autoptr(CsRun) run = NULL;
      CsTrainConfig config;

      small_config (&config, methods[i], 2);
      config.lambda = 1e-2;
      run = cs_train (dataset, &config, NULL, NULL);
      g_assert_nonnull (run);
      for (guint e = 0; e < run->history->len; e++)
        {
          const CsEpochMetrics *m = &g_array_index (run->history, CsEpochMetrics, e);

          g_assert_cmpfloat_with_epsilon (m->train_cross_entropy + m->train_regulariser,
                                          m->train_loss, 1e-9);
          g_assert_cmpfloat (m->train_cross_entropy, >, 0);
          if (methods[i] == CS_METHOD_CONAL)
            g_assert_cmpfloat (m->train_regulariser, <, 0);
          else
            g_assert_cmpfloat (m->train_regulariser, ==, 0);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/trainer/deterministic/1-thread", GINT_TO_POINTER (1),
                        test_deterministic);
  g_test_add_data_func ("/trainer/deterministic/2-threads", GINT_TO_POINTER (2),
                        test_deterministic);
  g_test_add_func ("/trainer/threads-agree", test_threads_agree);
  g_test_add_func ("/trainer/test-once", test_test_once);
  g_test_add_func ("/trainer/cancel", test_cancel);
  g_test_add_func ("/trainer/cancel-first-epoch", test_cancel_first_epoch);
  g_test_add_func ("/trainer/diverged", test_diverged);
  g_test_add_func ("/trainer/music-selection", test_music_selection);
  g_test_add_func ("/trainer/carve", test_carve);
  g_test_add_func ("/trainer/crowd-nll-selection", test_crowd_nll_selection);
  g_test_add_func ("/trainer/dawid-skene-recovers", test_dawid_skene_recovers);
  g_test_add_func ("/trainer/conal-recovers-common", test_conal_recovers_common);
  g_test_add_func ("/trainer/loss-parts", test_loss_parts);
  return g_test_run ();
}
