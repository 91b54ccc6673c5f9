/* test-predictions.c — a trained model's predictions on every item, from a run and from its
 * checkpoint, against the model, the votes and the accuracy computed the usual ways
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-checkpoint-dataset.h"
#include "cs-effective-confusions.h"
#include "cs-error.h"
#include "cs-majority-vote.h"
#include "cs-model-private.h"
#include "cs-predictions.h"
#include "cs-trainer.h"
#include "test-util.h"

/* The items of split `kind` from position `at` on, one by one against the model's own output,
 * the crowd's votes and CoNAL's w. Returns the position after them. */
static int
assert_split (const CsPredictions *predictions,
              CsModel             *model,
              CsSplitKind          kind,
              int                  at)
{
  const CsDataset *dataset = predictions->dataset;
  const CsSplit *split = cs_dataset_get_split (dataset, kind);
  int K = dataset->n_classes;
  g_autofree float *probs = g_new (float, (size_t) split->n * K);
  g_autofree float *w = g_new (float, MAX (split->n_labels, 1));
  g_autofree float *mean_w = g_new (float, split->n);
  g_autofree int *counts = g_new (int, K);
  bool has_w = cs_model_label_w (model, split, w);

  g_assert_cmpint (has_w, ==, predictions->has_mean_w);
  cs_model_predict (model, probs, split->features, split->n);
  if (has_w)
    cs_item_mean_w (mean_w, NULL, w, split);
  for (int i = 0; i < split->n; i++)
    {
      const CsPrediction *p = &predictions->items[at + i];
      const float *row = probs + (size_t) i * K;
      int best = 0;
      g_autofree char *votes = NULL;

      for (int k = 1; k < K; k++)
        best = row[k] > row[best] ? k : best;
      g_assert_cmpint (p->split, ==, kind);
      g_assert_cmpint (p->index, ==, i);
      g_assert_cmpstr (p->id, ==, split->item_ids[i]);
      g_assert_cmpint (p->gold, ==, split->gold ? split->gold[i] : -1);
      g_assert_cmpint (p->predicted, ==, best);
      g_assert_cmpfloat (p->probability, ==, row[best]);
      g_assert_cmpmem (predictions->probs + (size_t) (at + i) * K, sizeof (float) * K,
                       row, sizeof (float) * K);
      g_assert_cmpint (p->n_labels, ==, split->n_labels ? cs_votes_count (counts, split, i, K) : 0);
      if (split->n_labels == 0)
        memset (counts, 0, sizeof (int) * K);
      votes = cs_votes_format (counts, K, dataset->class_names);
      g_assert_cmpstr (p->votes, ==, votes);
      g_assert_cmpint (p->majority, ==, cs_votes_winner (counts, K));
      if (p->n_labels > 0)
        g_assert_cmpfloat (p->majority_share, ==, (float) counts[p->majority] / p->n_labels);
      else
        g_assert_true (isnan (p->majority_share) && isnan (p->vote_entropy));
      if (has_w && p->n_labels > 0)
        g_assert_cmpfloat (p->mean_w, ==, mean_w[i]);
      else
        g_assert_true (isnan (p->mean_w));
    }
  return at + split->n;
}

static void
assert_matches_model (const CsPredictions *predictions,
                      CsModel             *model)
{
  int at = 0;

  for (int s = 0; s < CS_N_SPLITS; s++)
    if (cs_dataset_get_split (predictions->dataset, s) != NULL)
      at = assert_split (predictions, model, s, at);
  g_assert_cmpint (at, ==, predictions->n);
}

/* Five epochs on the small dataset (60 train, 30 valid and 30 test items), which the run keeps. */
static CsRun *
train_small (CsTestDir *tmp,
             CsMethod   method)
{
  g_autoptr(CsDataset) dataset = cs_test_load_small_dataset (tmp);

  return cs_test_train (dataset, method, 5, NULL);
}

static void
test_run (gconstpointer data)
{
  CsMethod method = GPOINTER_TO_INT (data);
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsRun) run = train_small (tmp, method);
  g_autoptr(CsPredictions) all = NULL;
  g_autoptr(CsPredictions) test = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree float *scratch = g_new (float, 60 * 3);

  all = cs_predictions_new (run->model, run->dataset, CS_PREDICT_ALL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (all->n, ==, 60 + 30 + 30);
  g_assert_cmpint (all->has_mean_w, ==, method == CS_METHOD_CONAL);
  assert_matches_model (all, run->model);
  for (int s = 0; s < CS_N_SPLITS; s++)
    g_assert_cmpfloat (cs_predictions_accuracy (all, s), ==,
                       cs_evaluate_accuracy (run->model, cs_dataset_get_split (run->dataset, s), scratch));

  test = cs_predictions_new (run->model, run->dataset, CS_SPLIT_TEST, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test->n, ==, 30);
  g_assert_cmpint (assert_split (test, run->model, CS_SPLIT_TEST, 0), ==, 30);
}

/* A saved run predicts what the run did, w included; on a dataset with other annotators it
 * still predicts, without w. */
static void
test_checkpoint (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsRun) run = train_small (tmp, CS_METHOD_CONAL);
  g_autoptr(CsPredictions) from_run = NULL;
  g_autoptr(CsPredictions) saved = NULL;
  g_autoptr(CsPredictions) elsewhere = NULL;
  g_autoptr(CsCheckpoint) checkpoint = NULL;
  g_autoptr(CsCheckpointDataset) data = NULL;
  g_autoptr(CsCheckpointDataset) other = NULL;
  g_autoptr(GError) error = NULL;
  const char *other_dir = cs_test_write_small_dataset (tmp, "other", "a;b;c", 4, 2);
  g_autofree char *crowd = g_build_filename (other_dir, "crowd.csv", NULL);
  g_autofree char *text = NULL;

  g_assert_true (cs_checkpoint_save (run, cs_test_dir_path (tmp, "run"), &error));
  checkpoint = cs_checkpoint_load (cs_test_dir_path (tmp, "run"), &error);
  g_assert_no_error (error);
  data = cs_checkpoint_dataset_load (checkpoint, NULL, &error);
  g_assert_no_error (error);
  from_run = cs_predictions_new (run->model, run->dataset, CS_PREDICT_ALL, &error);
  saved = cs_predictions_from_checkpoint (checkpoint, data, CS_PREDICT_ALL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (saved->n, ==, from_run->n);
  g_assert_true (saved->has_mean_w);
  for (int i = 0; i < saved->n; i++)
    {
      g_assert_cmpint (saved->items[i].predicted, ==, from_run->items[i].predicted);
      g_assert_cmpfloat_with_epsilon (saved->items[i].probability, from_run->items[i].probability, 1e-6);
      g_assert_cmpstr (saved->items[i].votes, ==, from_run->items[i].votes);
      if (!isnan (from_run->items[i].mean_w))
        g_assert_cmpfloat_with_epsilon (saved->items[i].mean_w, from_run->items[i].mean_w, 1e-6);
    }

  /* The same items and features, labelled by other people ("v0" … instead of "w0" …). */
  g_assert_true (g_file_get_contents (crowd, &text, NULL, NULL));
  g_strdelimit (text, "w", 'v');
  g_assert_true (g_file_set_contents (crowd, text, -1, NULL));
  other = cs_checkpoint_dataset_load (checkpoint, other_dir, &error);
  g_assert_no_error (error);
  elsewhere = cs_predictions_from_checkpoint (checkpoint, other, CS_SPLIT_TRAIN, &error);
  g_assert_no_error (error);
  g_assert_cmpint (elsewhere->n, ==, 60);
  g_assert_false (elsewhere->has_mean_w);
  g_assert_true (isnan (elsewhere->items[0].mean_w));
  g_assert_cmpint (elsewhere->items[0].n_labels, ==, 4);
}

static gpointer
predict_in_thread (gpointer data)
{
  CsRun *run = data;

  return cs_predictions_new (run->model, run->dataset, CS_PREDICT_ALL, NULL);
}

/* The window's workers may predict with one run's model at the same time: each gets the
 * predictions one alone would. */
static void
test_side_by_side (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsRun) run = train_small (tmp, CS_METHOD_CONAL);
  g_autoptr(CsPredictions) alone = cs_predictions_new (run->model, run->dataset, CS_PREDICT_ALL, NULL);
  GThread *threads[2];

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    threads[t] = g_thread_new ("predict", predict_in_thread, run);
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    {
      g_autoptr(CsPredictions) p = g_thread_join (threads[t]);

      g_assert_cmpmem (p->probs, sizeof (float) * p->n * p->K, alone->probs,
                       sizeof (float) * alone->n * alone->K);
      for (int i = 0; i < p->n; i++)
        g_assert_cmpmem (&p->items[i].mean_w, sizeof (float), &alone->items[i].mean_w, sizeof (float));
    }
}

/* A user's own data: a crowd, no gold, no valid or test split. Every item is predicted all the
 * same; asking for a split it lacks is an error that says which splits there are. */
static void
test_without_gold (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  const char *dir = cs_test_write_small_dataset (tmp, "own", "a;b;c", 4, 1);
  g_autoptr(CsDataset) dataset = NULL;
  g_autoptr(CsRun) run = NULL;
  g_autoptr(CsPredictions) all = NULL;
  g_autoptr(CsPredictions) valid = NULL;
  g_autoptr(GError) error = NULL;

  cs_test_dir_write (tmp, "own/crowdscope.ini",
                     "[dataset]\nname=own\nclasses=a;b;c\nstandardize=no\n"
                     "[train]\nfeatures=train.csv\nid-column=id\nfeature-columns=f*\n"
                     "crowd=crowd.csv\n");
  dataset = cs_dataset_load (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (dataset->splits[CS_SPLIT_TRAIN].gold);
  run = cs_test_train (dataset, CS_METHOD_CONAL, 5, NULL);

  all = cs_predictions_new (run->model, run->dataset, CS_PREDICT_ALL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (all->n, ==, 60);
  assert_matches_model (all, run->model);
  g_assert_true (isnan (cs_predictions_accuracy (all, CS_PREDICT_ALL)));

  valid = cs_predictions_new (run->model, run->dataset, CS_SPLIT_VALID, &error);
  g_assert_null (valid);
  g_assert_error (error, CS_ERROR, CS_ERROR_INVALID);
  cs_test_assert_contains (error->message, dataset->source);
  cs_test_assert_contains (error->message, "expected a valid split, found only train");
}

static void
test_split_names (void)
{
  int split = 99;

  g_assert_true (cs_predict_split_from_string ("all", &split));
  g_assert_cmpint (split, ==, CS_PREDICT_ALL);
  g_assert_true (cs_predict_split_from_string ("valid", &split));
  g_assert_cmpint (split, ==, CS_SPLIT_VALID);
  g_assert_false (cs_predict_split_from_string ("validation", &split));
  g_assert_cmpint (split, ==, CS_SPLIT_VALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/predictions/run/conal", GINT_TO_POINTER (CS_METHOD_CONAL), test_run);
  g_test_add_data_func ("/predictions/run/mv", GINT_TO_POINTER (CS_METHOD_MAJORITY), test_run);
  g_test_add_func ("/predictions/checkpoint", test_checkpoint);
  g_test_add_func ("/predictions/side-by-side", test_side_by_side);
  g_test_add_func ("/predictions/without-gold", test_without_gold);
  g_test_add_func ("/predictions/split-names", test_split_names);
  return g_test_run ();
}
