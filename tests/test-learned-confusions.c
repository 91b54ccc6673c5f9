/* test-learned-confusions.c — a model's confusion matrices, as weights, as rates, as files
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-error.h"
#include "cs-learned-confusions.h"
#include "cs-npy.h"
#include "test-util.h"

#define N_CLASSES 3
#define CELLS     (N_CLASSES * N_CLASSES)

/* Logits whose softmax rows are known: uniform, one-hot (1000 would overflow exp without the
 * max subtracted), and 1 : 1 : 3. */
static const float known_logits[CELLS] = {
  0.0f, 0.0f, 0.0f,
  1000.0f, 0.0f, 0.0f,
  0.0f, 0.0f, 1.0986122886681098f,
};

/* The rows crowdscope-cli 0.1.0 (before the matrices moved into the core) exported for
 * known_logits with --probabilities, byte for byte. */
static const char known_csv_rows[] =
  "%s,a,a,0.333333343\n%s,a,b,0.333333343\n%s,a,c,0.333333343\n"
  "%s,b,a,1\n%s,b,b,0\n%s,b,c,0\n"
  "%s,c,a,0.200000003\n%s,c,b,0.200000003\n%s,c,c,0.600000024\n";

static CsRun *
train_small (CsTestDir *tmp,
             CsMethod   method)
{
  g_autoptr(CsDataset) dataset = cs_test_load_small_dataset (tmp);
  g_autoptr(GError) error = NULL;
  CsTrainConfig config;
  CsRun *run;

  cs_train_config_init (&config);
  config.method = method;
  config.epochs = 2;
  config.threads = 1;
  run = cs_train (dataset, &config, NULL, &error);
  g_assert_no_error (error);
  return run;
}

static void
assert_rows_are_distributions (const CsLearnedConfusions *c)
{
  for (int row = 0; row < c->M * c->K; row++)
    {
      double sum = 0;

      for (int k = 0; k < c->K; k++)
        {
          g_assert_cmpfloat (c->matrices[row * c->K + k], >=, 0.0f);
          sum += c->matrices[row * c->K + k];
        }
      g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-6);
    }
}

/* CoNAL: the global matrix first, then one per annotator; as weights they are the model's own,
 * as probabilities each row is a distribution. */
static void
test_conal (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsRun) run = train_small (tmp, CS_METHOD_CONAL);
  CsParams *p = cs_model_get_params (run->model);
  g_autoptr(CsLearnedConfusions) weights = NULL;
  g_autoptr(CsLearnedConfusions) rates = NULL;
  int R = run->dataset->n_annotators;

  weights = cs_learned_confusions_new (run->model, NULL, run->dataset->annotator_ids, false);
  g_assert_cmpint (weights->M, ==, R + 1);
  g_assert_cmpint (weights->K, ==, N_CLASSES);
  g_assert_false (weights->probabilities);
  g_assert_cmpstr (weights->names[0], ==, "global");
  g_assert_cmpstr (weights->names[1], ==, "w0");
  g_assert_cmpstr (weights->names[R], ==, "w3");
  g_assert_null (weights->names[R + 1]);
  g_assert_cmpmem (weights->matrices, sizeof (float) * CELLS, p->global, sizeof (float) * CELLS);
  g_assert_cmpmem (weights->matrices + CELLS, sizeof (float) * R * CELLS,
                   p->local, sizeof (float) * R * CELLS);

  memcpy (p->global, known_logits, sizeof known_logits);
  rates = cs_learned_confusions_new (run->model, NULL, run->dataset->annotator_ids, true);
  g_assert_true (rates->probabilities);
  assert_rows_are_distributions (rates);
  g_assert_cmpfloat (rates->matrices[3], ==, 1.0f);
  g_assert_cmpfloat_with_epsilon (rates->matrices[8], 0.6, 1e-6);
}

/* Dawid–Skene's estimates are rates already: they are kept as they are. */
static void
test_dawid_skene (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsRun) run = train_small (tmp, CS_METHOD_DAWID_SKENE);
  g_autoptr(CsLearnedConfusions) c = NULL;
  int R = run->dataset->n_annotators;

  c = cs_learned_confusions_new (run->model, run->dawid_skene->confusions,
                                 run->dataset->annotator_ids, false);
  g_assert_cmpint (c->M, ==, R);
  g_assert_true (c->probabilities);
  g_assert_cmpstr (c->names[0], ==, "w0");
  g_assert_cmpmem (c->matrices, sizeof (float) * R * CELLS,
                   run->dawid_skene->confusions, sizeof (float) * R * CELLS);
  assert_rows_are_distributions (c);
  g_assert_null (cs_learned_confusions_new (run->model, NULL, run->dataset->annotator_ids, true));
}

/* Saved and reloaded, CoNAL's matrices export the bytes the command-line tool always wrote. */
static void
test_checkpoint_csv (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsRun) run = train_small (tmp, CS_METHOD_CONAL);
  CsParams *p = cs_model_get_params (run->model);
  const char *dir = cs_test_dir_path (tmp, "run");
  const char *csv = cs_test_dir_path (tmp, "confusions.csv");
  g_autoptr(CsCheckpoint) checkpoint = NULL;
  g_autoptr(CsLearnedConfusions) c = NULL;
  g_autoptr(GString) expected = g_string_new ("matrix,true_class,given_class,value\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  for (int m = 0; m <= run->dataset->n_annotators; m++)
    memcpy (m == 0 ? p->global : p->local + (m - 1) * CELLS, known_logits, sizeof known_logits);
  g_assert_true (cs_checkpoint_save (run, dir, &error));
  checkpoint = cs_checkpoint_load (dir, &error);
  g_assert_no_error (error);
  c = cs_learned_confusions_from_checkpoint (checkpoint, true, &error);
  g_assert_no_error (error);
  g_assert_true (cs_learned_confusions_save (c, checkpoint->class_names, csv, CS_CONFUSIONS_CSV,
                                             &error));
  g_assert_no_error (error);

  for (int m = 0; m < c->M; m++)
    {
      const char *n = c->names[m];

      g_string_append_printf (expected, known_csv_rows, n, n, n, n, n, n, n, n, n);
    }
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, expected->str);
}

/* The .npy file holds [M, N_CLASSES, N_CLASSES] float32, the matrices as they are. */
static void
test_checkpoint_npy (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsRun) run = train_small (tmp, CS_METHOD_CROWD_LAYER);
  const char *dir = cs_test_dir_path (tmp, "run");
  const char *npy = cs_test_dir_path (tmp, "confusions.NPY");
  g_autoptr(CsCheckpoint) checkpoint = NULL;
  g_autoptr(CsLearnedConfusions) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  CsConfusionsFormat format;
  CsNpyHeader header;
  gsize len;

  g_assert_true (cs_checkpoint_save (run, dir, &error));
  checkpoint = cs_checkpoint_load (dir, &error);
  g_assert_no_error (error);
  c = cs_learned_confusions_from_checkpoint (checkpoint, false, &error);
  g_assert_no_error (error);
  g_assert_cmpint (c->M, ==, run->dataset->n_annotators);
  g_assert_true (cs_confusions_format_from_path (npy, &format));
  g_assert_cmpint (format, ==, CS_CONFUSIONS_NPY);
  g_assert_true (cs_learned_confusions_save (c, checkpoint->class_names, npy, format, &error));

  g_assert_true (g_file_get_contents (npy, &bytes, &len, NULL));
  g_assert_true (cs_npy_parse_header ((const guint8 *) bytes, len, npy, &header, &error));
  g_assert_no_error (error);
  g_assert_cmpint (header.dtype, ==, CS_NPY_F4);
  g_assert_cmpint (header.ndim, ==, 3);
  g_assert_cmpuint (header.shape[0], ==, c->M);
  g_assert_cmpuint (header.shape[1], ==, N_CLASSES);
  g_assert_cmpuint (header.shape[2], ==, N_CLASSES);
  g_assert_cmpmem (bytes + header.data_offset, len - header.data_offset,
                   c->matrices, sizeof (float) * c->M * CELLS);
}

/* Majority vote learns no confusion: the error names the checkpoint and its method. */
static void
test_checkpoint_without_matrices (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsRun) run = train_small (tmp, CS_METHOD_MAJORITY);
  const char *dir = cs_test_dir_path (tmp, "run");
  g_autoptr(CsCheckpoint) checkpoint = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (cs_checkpoint_save (run, dir, &error));
  checkpoint = cs_checkpoint_load (dir, &error);
  g_assert_no_error (error);
  g_assert_null (cs_learned_confusions_from_checkpoint (checkpoint, true, &error));
  expected = g_strdup_printf ("%s: a Majority vote checkpoint has no confusion matrices (CoNAL, "
                              "Crowd Layer and Dawid–Skene have)", dir);
  g_assert_error (error, CS_ERROR, CS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_format_from_path (void)
{
  CsConfusionsFormat format = CS_CONFUSIONS_NPY;

  g_assert_true (cs_confusions_format_from_path ("out/Matrices.CSV", &format));
  g_assert_cmpint (format, ==, CS_CONFUSIONS_CSV);
  g_assert_true (cs_confusions_format_from_path ("m.npy", &format));
  g_assert_cmpint (format, ==, CS_CONFUSIONS_NPY);
  g_assert_false (cs_confusions_format_from_path ("m.txt", &format));
  g_assert_false (cs_confusions_format_from_path ("npy", &format));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/learned-confusions/conal", test_conal);
  g_test_add_func ("/learned-confusions/dawid-skene", test_dawid_skene);
  g_test_add_func ("/learned-confusions/checkpoint-csv", test_checkpoint_csv);
  g_test_add_func ("/learned-confusions/checkpoint-npy", test_checkpoint_npy);
  g_test_add_func ("/learned-confusions/checkpoint-without-matrices",
                   test_checkpoint_without_matrices);
  g_test_add_func ("/learned-confusions/format-from-path", test_format_from_path);
  return g_test_run ();
}
