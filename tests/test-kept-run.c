/* test-kept-run.c — a kept run brought back is the run that was kept, and its matrices file
 * gives back what was written or says what is wrong with it
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-error.h"
#include "cs-kept-run.h"
#include "cs-run-store.h"
#include "cs-safetensors.h"
#include "test-util.h"

/* Kept, loaded and rebuilt over the same dataset, a run has the same history, selected
 * epoch and weights: its model predicts the test split with the accuracy the run measured. */
static void
test_same_run (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsDataset) dataset = cs_test_load_small_dataset (tmp);
  g_autoptr(CsRun) run = cs_test_train (dataset, CS_METHOD_CONAL, 4, NULL);
  g_autoptr(CsRunStore) store = cs_run_store_new (cs_test_dir_path (tmp, "runs"));
  g_autoptr(GError) error = NULL;
  g_autofree char *id = cs_run_store_save (store, run, NULL, &error);
  g_autoptr(CsCheckpoint) checkpoint = NULL;
  g_autoptr(CsRun) back = NULL;
  const CsSplit *test;
  g_autofree float *probs = NULL;
  double accuracy;

  g_assert_no_error (error);
  checkpoint = cs_run_store_load (store, id, NULL, &error);
  g_assert_no_error (error);
  back = cs_run_new_from_checkpoint (checkpoint, dataset, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_null (checkpoint->model);
  g_assert_cmpint (back->best_epoch, ==, run->best_epoch);
  g_assert_cmpint (back->epochs_run, ==, run->epochs_run);
  g_assert_false (back->stopped);
  g_assert_cmpuint (back->history->len, ==, run->history->len);
  for (guint i = 0; i < run->history->len; i++)
    {
      const CsEpochMetrics *a = &g_array_index (run->history, CsEpochMetrics, i);
      const CsEpochMetrics *b = &g_array_index (back->history, CsEpochMetrics, i);

      g_assert_cmpfloat (a->train_loss, ==, b->train_loss);
      g_assert_true (a->valid_accuracy == b->valid_accuracy ||
                     (isnan (a->valid_accuracy) && isnan (b->valid_accuracy)));
    }
  g_assert_cmpint (back->config.method, ==, CS_METHOD_CONAL);
  g_assert_cmpuint (back->config.seed, ==, run->config.seed);
  g_assert_nonnull (back->annotator_w);
  for (int r = 0; r < dataset->n_annotators; r++)
    g_assert_cmpfloat (back->annotator_w[r], ==, run->annotator_w[r]);
  test = cs_dataset_get_split (back->dataset, CS_SPLIT_TEST);
  g_assert_nonnull (test);
  probs = g_new (float, (size_t) test->n * dataset->n_classes);
  accuracy = cs_evaluate_accuracy (back->model, test, probs);
  g_assert_cmpfloat (accuracy, ==, cs_run_get_best (run)->test_accuracy);
}

/* Another dataset is refused, naming the run's fingerprint. */
static void
test_other_dataset (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsDataset) dataset = cs_test_load_small_dataset (tmp);
  g_autoptr(CsRun) run = cs_test_train (dataset, CS_METHOD_CROWD_LAYER, 2, NULL);
  g_autoptr(CsDataset) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_strdup (cs_test_dir_path (tmp, "checkpoint"));
  g_autoptr(CsCheckpoint) checkpoint = NULL;

  g_assert_true (cs_checkpoint_save (run, dir, &error));
  checkpoint = cs_checkpoint_load (dir, &error);
  g_assert_no_error (error);
  /* The same classes and crowd, other features. */
  other = cs_dataset_load (cs_test_write_small_dataset (tmp, "other", "a;b;c", 4, 2), NULL, &error);
  g_assert_no_error (error);
  g_assert_null (cs_run_new_from_checkpoint (checkpoint, other, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, checkpoint->fingerprint));
  g_assert_nonnull (checkpoint->model);
}

/* What is saved comes back, epoch by epoch, the missing parts as NULL. */
static void
test_matrices_round_trip (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  const char *path = cs_test_dir_path (tmp, CS_RUN_MATRICES_FILE);
  enum { K = 3, R = 2 };
  float global[2][K * K], local[2][R * K * K], effective[R * K * K], mean_w[R] = { 0.25f, 0.75f };
  CsEpochMatrices epochs[] = {
    { 5, global[0], local[0], NULL, NULL },
    { 10, global[1], local[1], effective, mean_w },
    { CS_RESULT_EPOCH, global[1], local[1], effective, mean_w },
  };
  g_autoptr(CsRunMatrices) back = NULL;
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < K * K; i++)
    global[0][i] = i, global[1][i] = -i;
  for (int i = 0; i < R * K * K; i++)
    local[0][i] = 0.5f * i, local[1][i] = 2 * i, effective[i] = 1.0f / (i + 1);
  g_assert_true (cs_run_matrices_save (epochs, G_N_ELEMENTS (epochs), K, R, path, &error));
  g_assert_no_error (error);
  back = cs_run_matrices_load (path, K, R, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_run_matrices_get_n (back), ==, 3);
  for (int e = 0; e < 3; e++)
    {
      const CsEpochMatrices *m = cs_run_matrices_get (back, e);

      g_assert_cmpint (m->epoch, ==, epochs[e].epoch);
      g_assert_cmpmem (m->global, sizeof (float) * K * K, epochs[e].global, sizeof (float) * K * K);
      g_assert_cmpmem (m->local, sizeof (float) * R * K * K, epochs[e].local, sizeof (float) * R * K * K);
      g_assert_true ((m->effective == NULL) == (epochs[e].effective == NULL));
      g_assert_true ((m->mean_w == NULL) == (epochs[e].mean_w == NULL));
    }
  g_assert_cmpfloat (cs_run_matrices_find (back, 10)->mean_w[1], ==, 0.75f);
  g_assert_cmpfloat (cs_run_matrices_find (back, CS_RESULT_EPOCH)->effective[3], ==, 0.25f);
  g_assert_null (cs_run_matrices_find (back, 7));

  /* Read for another number of classes, every matrix is of the wrong shape. */
  g_clear_pointer (&back, cs_run_matrices_free);
  g_assert_null (cs_run_matrices_load (path, K + 1, R, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_SHAPE);
  g_assert_nonnull (strstr (error->message, "epoch.5.global"));
}

/* A safetensors file that is not a run's matrices, and one that is not safetensors. */
static void
test_matrices_foreign (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  const char *other = cs_test_dir_path (tmp, "other.safetensors");
  const char *garbage = cs_test_dir_write (tmp, "garbage.safetensors", "not tensors at all");
  g_autoptr(CsTensors) tensors = cs_tensors_new ();
  float x[2] = { 1, 2 };
  int64_t shape[1] = { 2 };
  g_autoptr(GError) error = NULL;

  cs_tensors_add (tensors, "weights", CS_TENSOR_F32, 1, shape, x);
  g_assert_true (cs_tensors_save (tensors, other, &error));
  g_assert_null (cs_run_matrices_load (other, 2, 1, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, other));
  g_clear_error (&error);
  g_assert_null (cs_run_matrices_load (garbage, 2, 1, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "garbage.safetensors"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/kept-run/same-run", test_same_run);
  g_test_add_func ("/kept-run/other-dataset", test_other_dataset);
  g_test_add_func ("/kept-run/matrices-round-trip", test_matrices_round_trip);
  g_test_add_func ("/kept-run/matrices-foreign", test_matrices_foreign);
  return g_test_run ();
}
