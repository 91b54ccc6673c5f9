/* test-checkpoint-dataset.c — finding and preparing the dataset a checkpoint is evaluated on
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <errno.h>
#include <math.h>

#include "cs-checkpoint-dataset.h"
#include "cs-error.h"
#include "test-util.h"

typedef struct
{
  CsTestDir    *tmp;
  const char   *dataset;        /* tmp/small, which the checkpoint is trained on */
  CsCheckpoint *checkpoint;     /* saved in tmp/run */
  double        test_accuracy;  /* the run's own, at its selected epoch */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->tmp = cs_test_dir_new ();
  f->dataset = cs_test_write_small_dataset (f->tmp, "small", "a;b;c", 4, 1);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->checkpoint, cs_checkpoint_free);
  cs_test_dir_free (f->tmp);
}

/* Trains on the dataset (standardised when asked), saves the run and loads it back;
 * valid_from_test as in CsTrainConfig. */
static void
train_and_save (Fixture       *f,
                CsStandardize  standardize,
                int            valid_from_test)
{
  CsLoadOptions options = { standardize };
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDataset) dataset = cs_dataset_load (f->dataset, &options, &error);
  g_autoptr(CsRun) run = NULL;
  CsTrainConfig config;

  g_assert_no_error (error);
  cs_train_config_init (&config);
  config.epochs = 3;
  config.threads = 1;
  config.valid_from_test = valid_from_test;
  run = cs_train (dataset, &config, NULL, &error);
  g_assert_no_error (error);
  f->test_accuracy = cs_run_get_best (run)->test_accuracy;
  g_assert_true (cs_checkpoint_save (run, cs_test_dir_path (f->tmp, "run"), &error));
  f->checkpoint = cs_checkpoint_load (cs_test_dir_path (f->tmp, "run"), &error);
  g_assert_no_error (error);
}

static CsCheckpointDataset *
load_ok (Fixture    *f,
         const char *path)
{
  g_autoptr(GError) error = NULL;
  CsCheckpointDataset *data = cs_checkpoint_dataset_load (f->checkpoint, path, &error);

  g_assert_no_error (error);
  return data;
}

/* The error names the dataset, then says what did not match. */
static void
assert_refused (Fixture    *f,
                const char *path,
                int         code,
                const char *mismatch)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = g_strconcat (path, ": ", mismatch, NULL);

  g_assert_null (cs_checkpoint_dataset_load (f->checkpoint, path, &error));
  g_assert_error (error, CS_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

/* Without a path, the dataset the checkpoint names: the same one, scored as the run scored it. */
static void
test_match (Fixture       *f,
            gconstpointer  unused)
{
  g_autoptr(CsCheckpointDataset) data = NULL;

  train_and_save (f, CS_STANDARDIZE_NEVER, 0);
  data = load_ok (f, NULL);
  g_assert_true (data->same);
  g_assert_false (data->raw);
  g_assert_cmpstr (data->dataset->source, ==, f->checkpoint->dataset_source);
  g_assert_cmpfloat (cs_checkpoint_evaluate (f->checkpoint, data, CS_SPLIT_TEST), ==,
                     f->test_accuracy);
}

/* Another crowd on the same features is another dataset: its raw features get the checkpoint's
 * training statistics, which are its own here, so the scores are the same ones. */
static void
test_other_dataset (Fixture       *f,
                    gconstpointer  unused)
{
  const char *other = cs_test_write_small_dataset (f->tmp, "other", "a;b;c", 4, 1);
  g_autoptr(CsCheckpointDataset) data = NULL;

  train_and_save (f, CS_STANDARDIZE_ALWAYS, 0);
  cs_test_dir_write (f->tmp, "other/crowd.csv", "item,annotator,label\ntrain-0,w9,b\n");
  data = load_ok (f, other);
  g_assert_false (data->same);
  g_assert_true (data->raw);
  g_assert_false (data->dataset->standardized);
  g_assert_cmpfloat_with_epsilon (cs_checkpoint_evaluate (f->checkpoint, data, CS_SPLIT_TEST),
                                  f->test_accuracy, 1e-12);
}

/* A run that took its validation split out of test is scored on the rest of test again. */
static void
test_carved (Fixture       *f,
             gconstpointer  unused)
{
  g_autoptr(CsCheckpointDataset) data = NULL;

  cs_test_dir_write (f->tmp, "small/crowdscope.ini",
                     "[dataset]\nclasses=a;b;c\nstandardize=no\n"
                     "[train]\nfeatures=train.csv\nid-column=id\ngold-column=class\n"
                     "crowd=crowd.csv\n"
                     "[test]\nfeatures=test.csv\nid-column=id\ngold-column=class\n");
  train_and_save (f, CS_STANDARDIZE_NEVER, 12);
  data = load_ok (f, NULL);
  g_assert_cmpint (cs_dataset_get_split (data->dataset, CS_SPLIT_VALID)->n, ==, 12);
  g_assert_cmpint (cs_dataset_get_split (data->dataset, CS_SPLIT_TEST)->n, ==, 30 - 12);
  g_assert_cmpfloat (cs_checkpoint_evaluate (f->checkpoint, data, CS_SPLIT_TEST), ==,
                     f->test_accuracy);
}

/* A dataset whose features or classes are not the checkpoint's is refused, saying which. */
static void
test_wrong_dataset (Fixture       *f,
                    gconstpointer  unused)
{
  train_and_save (f, CS_STANDARDIZE_NEVER, 0);
  assert_refused (f, cs_test_write_small_dataset (f->tmp, "wide", "a;b;c", 5, 1),
                  CS_ERROR_SHAPE, "expected 4 features and 3 classes as the checkpoint has, "
                  "found 5 and 3");
  assert_refused (f, cs_test_write_small_dataset (f->tmp, "more", "a;b;c;d", 4, 1),
                  CS_ERROR_SHAPE, "expected 4 features and 3 classes as the checkpoint has, "
                  "found 4 and 4");
  assert_refused (f, cs_test_write_small_dataset (f->tmp, "renamed", "a;x;c", 4, 1),
                  CS_ERROR_VALUE, "class 1 is 'x', but the checkpoint's class 1 is 'b'");
}

/* The dataset trained on has moved: the error names where the checkpoint looked. A checkpoint
 * that names no dataset at all says so. */
static void
test_missing_path (Fixture       *f,
                   gconstpointer  unused)
{
  const char *moved = cs_test_dir_path (f->tmp, "moved/crowdscope.ini");
  g_autofree char *unnamed = NULL;
  g_autoptr(GError) error = NULL;

  train_and_save (f, CS_STANDARDIZE_NEVER, 0);
  g_free (f->checkpoint->dataset_source);
  f->checkpoint->dataset_source = g_strdup (moved);
  g_assert_null (cs_checkpoint_dataset_load (f->checkpoint, NULL, &error));
  cs_test_assert_io_error (error, moved, "read", ENOENT);
  g_clear_error (&error);

  g_free (f->checkpoint->dataset_source);
  f->checkpoint->dataset_source = g_strdup ("");
  unnamed = g_strdup_printf ("%s: expected the checkpoint to name the dataset it was trained on, "
                             "found none; give a dataset to evaluate on", f->checkpoint->path);
  g_assert_null (cs_checkpoint_dataset_load (f->checkpoint, NULL, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, unnamed);
}

static void
add (const char *path,
     void      (*test) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_setup, test, fixture_teardown);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  add ("/checkpoint-dataset/match", test_match);
  add ("/checkpoint-dataset/other-dataset", test_other_dataset);
  add ("/checkpoint-dataset/carved", test_carved);
  add ("/checkpoint-dataset/wrong-dataset", test_wrong_dataset);
  add ("/checkpoint-dataset/missing-path", test_missing_path);
  return g_test_run ();
}
