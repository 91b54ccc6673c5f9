/* test-explorer.c — the annotator explorer's matrices: without a run, live during one, after
 * one, at a chosen epoch, of each kind
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-annotator.h"
#include "cs-confusion-measures.h"
#include "cs-demo.h"
#include "cs-explorer.h"
#include "cs-layers.h"
#include "test-util.h"

static CsSession *
session_on_demo (CsTestDir *tmp)
{
  g_autoptr(CsSession) session = cs_session_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;

  g_assert_true (cs_demo_write (cs_test_dir_path (tmp, "demo"), 1, &error));
  cs_session_open_async (session, cs_test_dir_path (tmp, "demo"), 0, NULL, cs_test_keep_result,
                         &pending);
  result = cs_test_wait_result (&pending, "the demo to open");
  g_assert_true (cs_session_open_finish (session, result, &error));
  return g_steal_pointer (&session);
}

static gboolean
has_figures (gpointer data)
{
  return cs_session_get_figures (data) != NULL;
}

static gboolean
not_running (gpointer data)
{
  return cs_training_get_state (data) != CS_TRAINING_RUNNING;
}

static gboolean
five_kept (gpointer data)
{
  return cs_explorer_get_n_epochs (data) >= 5;
}

typedef struct
{
  CsExplorer *explorer;
  guint       n;
} Kept;

static gboolean
more_kept (gpointer data)
{
  Kept *kept = data;

  return cs_explorer_get_n_epochs (kept->explorer) >= kept->n;
}

static void
assert_rows_are_distributions (const float *matrix,
                               int          K)
{
  for (int k = 0; k < K; k++)
    {
      double sum = 0;

      for (int j = 0; j < K; j++)
        {
          g_assert_cmpfloat (matrix[k * K + j], >=, 0);
          sum += matrix[k * K + j];
        }
      g_assert_cmpfloat_with_epsilon (sum, 1, 1e-5);
    }
}

static CsTraining *
train (CsSession *session,
       CsMethod   method,
       int        epochs)
{
  g_autoptr(GError) error = NULL;
  CsTraining *training;

  g_object_set (cs_session_get_options (session), "method", method, "epochs", epochs,
                "batch-size", 128, NULL);
  training = cs_session_train (session, &error);
  g_assert_no_error (error);
  return training;
}

/* Before any run: Dawid–Skene's estimate and the labels against gold, from the dataset alone;
 * nothing learned. */
static void
test_without_run (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsSession) session = session_on_demo (tmp);
  g_autoptr(CsExplorer) explorer = cs_explorer_new (session);
  const CsDatasetFigures *figures;
  int K = cs_session_get_dataset (session)->n_classes;
  size_t KK = (size_t) K * K;

  cs_test_wait_for (has_figures, session, "the dataset's figures");
  figures = cs_session_get_figures (session);
  g_assert_false (cs_explorer_has_kind (explorer, CS_MATRIX_EFFECTIVE));
  g_assert_false (cs_explorer_has_kind (explorer, CS_MATRIX_INDIVIDUAL));
  g_assert_null (cs_explorer_get_matrix (explorer, 0));
  g_assert_null (cs_explorer_get_common (explorer));

  cs_explorer_set_kind (explorer, CS_MATRIX_DAWID_SKENE);
  g_assert_true (cs_explorer_has_kind (explorer, CS_MATRIX_DAWID_SKENE));
  g_assert_cmpmem (cs_explorer_get_matrix (explorer, 3), sizeof (float) * KK,
                   figures->dawid_skene->confusions + 3 * KK, sizeof (float) * KK);
  assert_rows_are_distributions (cs_explorer_get_matrix (explorer, 3), K);
  g_assert_null (cs_explorer_get_counts (explorer, 3));
  g_assert_cmpint (cs_explorer_get_epoch_number (explorer), ==, 0);

  cs_explorer_set_kind (explorer, CS_MATRIX_EMPIRICAL);
  g_assert_cmpmem (cs_explorer_get_matrix (explorer, 3), sizeof (float) * KK,
                   figures->against_gold->rates + 3 * KK, sizeof (float) * KK);
  g_assert_true (cs_explorer_get_counts (explorer, 3) == figures->against_gold->counts + 3 * KK);
  g_assert_null (cs_explorer_get_matrix (explorer, cs_session_get_dataset (session)->n_annotators));
}

/* While CoNAL trains the matrices follow the newest kept epoch; once it has its result (here
 * stopped, with its best epoch so far) they are its selected epoch's, and any kept epoch can be
 * picked. */
static void
test_live_then_result (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsSession) session = session_on_demo (tmp);
  g_autoptr(CsExplorer) explorer = cs_explorer_new (session);
  int K = cs_session_get_dataset (session)->n_classes;
  g_autofree float *expected = g_new (float, K * K);
  CsTraining *training = train (session, CS_METHOD_CONAL, 5000);
  const CsEpochSnapshot *snapshot;
  Kept kept = { explorer, 0 };
  guint revision, revision_later, kept_index = 0, fourth = 0;

  g_assert_true (cs_explorer_get_training (explorer) == training);
  cs_explorer_set_kind (explorer, CS_MATRIX_INDIVIDUAL);
  cs_test_wait_for (five_kept, explorer, "five kept epochs");
  g_object_get (explorer, "revision", &revision, NULL);
  kept.n = cs_explorer_get_n_epochs (explorer) + 3;
  cs_test_wait_for (more_kept, &kept, "three more kept epochs");
  g_object_get (explorer, "revision", &revision_later, NULL);
  g_assert_cmpuint (revision_later, >, revision);
  g_assert_cmpint (cs_explorer_get_epoch_number (explorer), >=, (int) kept.n);
  cs_session_stop (session);
  cs_test_wait_for (not_running, training, "the run to stop");

  /* Every kept epoch is there (a long run keeps every n-th epoch's matrices). */
  for (guint i = 0; i < cs_training_get_n_epochs (training); i++)
    if (cs_training_get_epoch (training, i)->local != NULL)
      {
        if (kept_index == 3)
          fourth = i;
        kept_index++;
      }
  g_assert_cmpuint (cs_explorer_get_n_epochs (explorer), ==, kept_index);
  g_assert_cmpuint (kept_index, >=, cs_training_get_run (training)->epochs_run / 2);

  /* The result: the selected epoch's weights, common and individual. */
  snapshot = cs_training_get_result_matrices (training);
  g_assert_nonnull (snapshot);
  g_assert_cmpint (cs_explorer_get_epoch_number (explorer), ==, cs_training_get_run (training)->best_epoch);
  cs_softmax_forward (expected, snapshot->global, K, K);
  g_assert_cmpmem (cs_explorer_get_common (explorer), sizeof (float) * K * K, expected, sizeof (float) * K * K);
  cs_softmax_forward (expected, snapshot->local + 2 * K * K, K, K);
  g_assert_cmpmem (cs_explorer_get_matrix (explorer, 2), sizeof (float) * K * K, expected, sizeof (float) * K * K);
  assert_rows_are_distributions (cs_explorer_get_common (explorer), K);

  /* CoNAL's effective confusions are the worker's, and the annotators carry its figures. */
  g_assert_true (cs_explorer_has_kind (explorer, CS_MATRIX_EFFECTIVE));
  cs_explorer_set_kind (explorer, CS_MATRIX_EFFECTIVE);
  g_assert_nonnull (snapshot->effective);
  g_assert_cmpmem (cs_explorer_get_matrix (explorer, 2), sizeof (float) * K * K,
                   snapshot->effective + 2 * K * K, sizeof (float) * K * K);
  assert_rows_are_distributions (cs_explorer_get_matrix (explorer, 2), K);
  {
    g_autoptr(CsAnnotator) annotator = g_list_model_get_item (cs_session_get_annotators (session), 2);
    double mean_w, spammer, distance;

    g_object_get (annotator, "mean-w", &mean_w, "spammer-score", &spammer, "distance", &distance,
                  NULL);
    g_assert_cmpfloat (mean_w, ==, snapshot->mean_w[2]);
    g_assert_cmpfloat (mean_w, >, 0);
    g_assert_cmpfloat (mean_w, <, 1);
    g_assert_cmpfloat (spammer, ==, cs_spammer_score (snapshot->effective + 2 * K * K, K));
    g_assert_cmpfloat (distance, >=, 0);
    g_assert_cmpfloat (distance, <=, 1);
  }
  /* The result counts the labels against gold where known and its own prediction elsewhere:
   * on the demo, whose train split has gold throughout, the counts against gold. */
  cs_explorer_set_kind (explorer, CS_MATRIX_EMPIRICAL);
  g_assert_nonnull (snapshot->empirical);
  g_assert_true (cs_explorer_get_counts (explorer, 2) == snapshot->empirical->counts + 2 * K * K);
  g_assert_cmpmem (snapshot->empirical->counts, sizeof (int) * K * K * cs_session_get_dataset (session)->n_annotators,
                   cs_session_get_figures (session)->against_gold->counts,
                   sizeof (int) * K * K * cs_session_get_dataset (session)->n_annotators);

  /* The result keeps every train label's w; a live or picked epoch does not. */
  g_assert_nonnull (cs_explorer_get_label_w (explorer));
  g_assert_true (cs_explorer_get_label_w (explorer) == snapshot->label_w);
  cs_explorer_set_kind (explorer, CS_MATRIX_INDIVIDUAL);

  /* A kept epoch by its index. */
  cs_explorer_set_epoch (explorer, 3);
  g_assert_cmpint (cs_explorer_get_epoch_number (explorer), ==,
                   cs_training_get_epoch (training, fourth)->metrics.epoch);
  cs_softmax_forward (expected, cs_training_get_epoch (training, fourth)->local + 2 * K * K, K, K);
  g_assert_null (cs_explorer_get_label_w (explorer));
  g_assert_cmpmem (cs_explorer_get_matrix (explorer, 2), sizeof (float) * K * K, expected, sizeof (float) * K * K);
}

/* Crowd Layer has no common matrix: its effective confusions are its own layers'. */
static void
test_crowd_layer_effective (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsSession) session = session_on_demo (tmp);
  g_autoptr(CsExplorer) explorer = cs_explorer_new (session);
  int K = cs_session_get_dataset (session)->n_classes;
  g_autofree float *individual = g_new (float, K * K);
  CsTraining *training = train (session, CS_METHOD_CROWD_LAYER, 3);

  cs_test_wait_for (not_running, training, "the run to finish");
  g_assert_true (cs_explorer_has_kind (explorer, CS_MATRIX_EFFECTIVE));
  g_assert_null (cs_explorer_get_common (explorer));
  cs_explorer_set_kind (explorer, CS_MATRIX_INDIVIDUAL);
  memcpy (individual, cs_explorer_get_matrix (explorer, 1), sizeof (float) * K * K);
  cs_explorer_set_kind (explorer, CS_MATRIX_EFFECTIVE);
  g_assert_cmpmem (cs_explorer_get_matrix (explorer, 1), sizeof (float) * K * K, individual,
                   sizeof (float) * K * K);
}

/* Opening another dataset lets go of the run: nothing learned shows until the next one. */
static void
test_dataset_change (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsSession) session = session_on_demo (tmp);
  g_autoptr(CsExplorer) explorer = cs_explorer_new (session);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *pending = NULL;
  CsTraining *training = train (session, CS_METHOD_CROWD_LAYER, 2);

  cs_test_wait_for (not_running, training, "the run to finish");
  g_assert_nonnull (cs_explorer_get_training (explorer));
  g_assert_true (cs_demo_write (cs_test_dir_path (tmp, "other"), 2, &error));
  cs_session_open_async (session, cs_test_dir_path (tmp, "other"), 0, NULL, cs_test_keep_result,
                         &pending);
  result = cs_test_wait_result (&pending, "the other dataset to open");
  g_assert_true (cs_session_open_finish (session, result, &error));
  g_assert_null (cs_explorer_get_training (explorer));
  g_assert_cmpuint (cs_explorer_get_n_epochs (explorer), ==, 0);
  cs_explorer_set_kind (explorer, CS_MATRIX_INDIVIDUAL);
  g_assert_null (cs_explorer_get_matrix (explorer, 0));
}

/* Without gold in the train split, the empirical matrices count the labels against the run's
 * most probable class: there are none before a run, and every label counts after one. */
static void
test_empirical_without_gold (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsSession) session = cs_session_new ();
  g_autoptr(CsExplorer) explorer = cs_explorer_new (session);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;
  const CsSplit *split;
  CsTraining *training;
  int K, counted = 0;

  g_assert_true (cs_demo_write (cs_test_dir_path (tmp, "demo"), 1, &error));
  cs_test_dir_write (tmp, "demo/no-gold.ini",
                     "[dataset]\nname=No gold\nclasses=circle;ring;square;diamond;triangle;star;cross;crescent\n"
                     "[train]\nfeatures=train.csv\nid-column=id\nfeature-columns=f*\ncrowd=crowd.csv\n"
                     "[valid]\nfeatures=valid.csv\nid-column=id\nfeature-columns=f*\ngold-column=class\n");
  cs_session_open_async (session, cs_test_dir_path (tmp, "demo/no-gold.ini"), 0, NULL,
                         cs_test_keep_result, &pending);
  result = cs_test_wait_result (&pending, "the dataset to open");
  g_assert_true (cs_session_open_finish (session, result, &error));
  cs_test_wait_for (has_figures, session, "the dataset's figures");
  split = &cs_session_get_dataset (session)->splits[CS_SPLIT_TRAIN];
  g_assert_null (split->gold);
  g_assert_false (cs_explorer_has_kind (explorer, CS_MATRIX_EMPIRICAL));

  training = train (session, CS_METHOD_CROWD_LAYER, 2);
  cs_test_wait_for (not_running, training, "the run to finish");
  g_assert_true (cs_explorer_has_kind (explorer, CS_MATRIX_EMPIRICAL));
  cs_explorer_set_kind (explorer, CS_MATRIX_EMPIRICAL);
  K = cs_explorer_get_n_classes (explorer);
  for (int r = 0; r < cs_session_get_dataset (session)->n_annotators; r++)
    for (int i = 0; i < K * K; i++)
      counted += cs_explorer_get_counts (explorer, r)[i];
  g_assert_cmpint (counted, ==, split->n_labels);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/explorer/without-run", test_without_run);
  g_test_add_func ("/explorer/live-then-result", test_live_then_result);
  g_test_add_func ("/explorer/crowd-layer-effective", test_crowd_layer_effective);
  g_test_add_func ("/explorer/dataset-change", test_dataset_change);
  g_test_add_func ("/explorer/empirical-without-gold", test_empirical_without_gold);
  return g_test_run ();
}
