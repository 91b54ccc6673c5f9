/* test-annotator-report.c — the annotators' report of every method, as JSON, CSV and images,
 * and per-label w on the live model during training
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-annotator-images.h"
#include "cs-annotator-table.h"
#include "cs-confusion-measures.h"
#include "cs-dataset-stats.h"
#include "cs-effective-confusions.h"
#include "cs-error.h"
#include "cs-figure-readers.h"
#include "cs-trainer.h"
#include "test-util.h"

/* The small test dataset with one more annotator, "late", who labelled two valid items and no
 * train item: a column of the table with no matrix behind it. */
static CsDataset *
load_dataset (CsTestDir *tmp)
{
  const char *dir = cs_test_write_small_dataset (tmp, "small", "a;b;c", 4, 1);
  g_autofree char *manifest = g_build_filename (dir, "crowdscope.ini", NULL);
  g_autoptr(GError) error = NULL;
  CsDataset *dataset;

  cs_test_dir_write (tmp, "small/valid-crowd.csv", "item,annotator,label\n"
                     "valid-0,late,a\nvalid-1,late,c\nvalid-1,w0,b\n");
  cs_test_dir_write (tmp, "small/crowdscope.ini",
                     "[dataset]\nname=small\nclasses=a;b;c\nstandardize=no\n"
                     "[train]\nfeatures=train.csv\nid-column=id\ngold-column=class\n"
                     "crowd=crowd.csv\n"
                     "[valid]\nfeatures=valid.csv\nid-column=id\ngold-column=class\n"
                     "crowd=valid-crowd.csv\n"
                     "[test]\nfeatures=test.csv\nid-column=id\ngold-column=class\n");
  dataset = cs_dataset_load (manifest, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dataset->n_annotators, ==, 5);
  return dataset;
}

static CsAnnotatorReport *
report_of (const CsRun *run)
{
  return cs_annotator_report_from_model (run->model, run->config.method,
                                         run->dawid_skene ? run->dawid_skene->confusions : NULL,
                                         run->dataset, NULL);
}

static void
assert_rows_are_distributions (const float *m,
                               int          K)
{
  for (int i = 0; i < K; i++)
    {
      double sum = 0;

      for (int j = 0; j < K; j++)
        sum += m[i * K + j];
      g_assert_cmpfloat_with_epsilon (sum, 1, 1e-5);
    }
}

/* What every method's report shares: the counts of CsDatasetStats, scores on the effective
 * matrices, and NaN for the annotator without train labels. */
static void
assert_common_parts (const CsAnnotatorReport *report,
                     const CsDataset         *dataset)
{
  g_autoptr(CsDatasetStats) stats = cs_dataset_stats_new (dataset);
  int late = cs_annotator_report_find (report, "late"), KK = report->K * report->K;

  g_assert_cmpint (late, >=, 0);
  g_assert_cmpint (cs_annotator_report_find (report, "nobody"), ==, -1);
  for (int r = 0; r < report->R; r++)
    {
      const float *effective = report->effective + r * KK;

      g_assert_cmpint (report->labels[r], ==, stats->labels_per_annotator[r]);
      g_assert_cmpfloat (report->accuracy[r], ==,
                         (double) stats->annotator_correct[r] / stats->annotator_with_gold[r]);
      g_assert_cmpfloat (report->agreement_mv[r], ==, (double) stats->annotator_agree_others[r] /
                                                      stats->annotator_with_others[r]);
      if (r == late)
        {
          for (int i = 0; i < KK; i++)
            g_assert_true (isnan (effective[i]));
          g_assert_true (isnan (report->spammer_score[r]));
          g_assert_true (isnan (report->distance_tv[r]));
          continue;
        }
      assert_rows_are_distributions (effective, report->K);
      g_assert_cmpfloat (report->spammer_score[r], ==, cs_spammer_score (effective, report->K));
      if (report->source == CS_EFFECTIVE_EMPIRICAL)
        g_assert_true (isnan (report->distance_tv[r]) && isnan (report->distance_js[r]));
      else
        g_assert_cmpfloat (report->distance_js[r], ==,
                           cs_confusion_distance (CS_DISTANCE_JENSEN_SHANNON, NULL, effective,
                                                  report->empirical->rates + r * KK, report->K));
    }
  /* "late" labelled two valid items: counted in the table, absent from the matrices. */
  g_assert_cmpint (report->labels[late], ==, 2);
}

static void
test_methods (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsDataset) dataset = load_dataset (tmp);
  static const struct { CsMethod method; CsEffectiveSource source; } cases[] = {
    { CS_METHOD_CONAL, CS_EFFECTIVE_CONAL },
    { CS_METHOD_CROWD_LAYER, CS_EFFECTIVE_CROWD_LAYER },
    { CS_METHOD_DAWID_SKENE, CS_EFFECTIVE_DAWID_SKENE },
    { CS_METHOD_MAJORITY, CS_EFFECTIVE_EMPIRICAL },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(CsRun) run = cs_test_train (dataset, cases[c].method, 3, NULL);
      g_autoptr(CsAnnotatorReport) report = report_of (run);
      g_autoptr(GError) error = NULL;
      int KK = report->K * report->K, r0 = cs_annotator_report_find (report, "w0");

      g_assert_cmpint (report->source, ==, cases[c].source);
      assert_common_parts (report, dataset);
      g_assert_true ((report->common != NULL) == (cases[c].method == CS_METHOD_CONAL));
      g_assert_true ((report->mean_w != NULL) == (cases[c].method == CS_METHOD_CONAL));
      if (report->mean_w != NULL)
        for (int r = 0; r < report->R; r++)
          g_assert_true (report->mean_w[r] == run->annotator_w[r] ||
                         (isnan (report->mean_w[r]) && isnan (run->annotator_w[r])));
      if (cases[c].method == CS_METHOD_DAWID_SKENE)
        g_assert_cmpmem (report->effective + r0 * KK, KK * sizeof (float),
                         run->dawid_skene->confusions + r0 * KK, KK * sizeof (float));
      if (cases[c].source != CS_EFFECTIVE_EMPIRICAL)
        {
          g_assert_nonnull (report->learned);
          continue;
        }
      /* Majority vote models no annotator: the table scores the empirical rates, and there is
       * nothing learned to export. */
      g_assert_null (report->learned);
      g_assert_cmpmem (report->effective + r0 * KK, KK * sizeof (float),
                       report->empirical->rates + r0 * KK, KK * sizeof (float));
      g_assert_null (cs_annotator_report_get_matrices (report, CS_MATRIX_EFFECTIVE, "out.csv", &error));
      g_assert_error (error, CS_ERROR, CS_ERROR_INVALID);
      cs_test_assert_contains (error->message, "out.csv");
      cs_test_assert_contains (error->message, cs_method_get_title (CS_METHOD_MAJORITY));
      g_assert_nonnull (cs_annotator_report_get_matrices (report, CS_MATRIX_EMPIRICAL, "out.csv", NULL));
    }
}

static JsonObject *
annotator_object (JsonObject *root,
                  guint       index)
{
  return json_array_get_object_element (json_object_get_array_member (root, "annotators"), index);
}

/* The members in the order scripts were promised, then the extras. */
static void
assert_members (JsonObject         *object,
                const char * const *expected)
{
  g_autoptr(GList) members = json_object_get_members (object);
  GList *m = members;

  for (int i = 0; expected[i]; i++, m = m->next)
    {
      g_assert_nonnull (m);
      g_assert_cmpstr (m->data, ==, expected[i]);
    }
}

static void
test_json_and_csv (void)
{
  static const char * const top[] = { "annotators", "common", "method", "effective_source", NULL };
  static const char * const row[] = { "id", "labels", "accuracy", "agreement_mv", "mean_w",
                                      "spammer_score", "effective", "empirical", "distance", NULL };
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsDataset) dataset = load_dataset (tmp);
  g_autoptr(CsRun) run = cs_test_train (dataset, CS_METHOD_CONAL, 3, NULL);
  g_autoptr(CsAnnotatorReport) report = report_of (run);
  g_autoptr(JsonNode) root = cs_annotator_report_to_json (report);
  g_autoptr(GString) csv = cs_annotator_report_to_csv (report);
  int late = cs_annotator_report_find (report, "late"), K = report->K;
  JsonObject *object = json_node_get_object (root);
  g_auto(GStrv) lines = NULL;

  assert_members (object, top);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "annotators")), ==, 5);
  for (int r = 0; r < report->R; r++)
    {
      JsonObject *a = annotator_object (object, r);
      JsonArray *effective = json_object_get_array_member (a, "effective");

      assert_members (a, row);
      g_assert_cmpstr (json_object_get_string_member (a, "id"), ==, report->annotator_ids[r]);
      g_assert_cmpint (json_object_get_int_member (a, "labels"), ==, report->labels[r]);
      g_assert_cmpuint (json_array_get_length (effective), ==, K);
      if (r == late)
        {
          g_assert_true (json_object_get_null_member (a, "empirical"));
          g_assert_true (json_object_get_null_member (a, "spammer_score"));
          g_assert_true (json_object_get_null_member (a, "mean_w"));
          continue;
        }
      g_assert_cmpfloat ((float) json_object_get_double_member (a, "mean_w"), ==, report->mean_w[r]);
      g_assert_cmpfloat (json_object_get_double_member (a, "spammer_score"), ==, report->spammer_score[r]);
      for (int i = 0; i < K; i++)
        for (int j = 0; j < K; j++)
          g_assert_cmpfloat ((float) json_array_get_double_element (
                               json_array_get_array_element (effective, i), j), ==,
                             report->effective[(r * K + i) * K + j]);
    }
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "common")), ==, K);

  lines = g_strsplit (csv->str, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "id,labels,accuracy,agreement_mv,mean_w,spammer_score,"
                                 "distance_tv,distance_js");
  g_assert_cmpuint (g_strv_length (lines), ==, report->R + 2);
  /* The annotator without train labels: its counts and rates, no score. */
  g_assert_true (g_str_has_prefix (lines[late + 1], "late,2,"));
  g_assert_true (g_str_has_suffix (lines[late + 1], ",,,,"));
}

static void
test_images (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsDataset) dataset = load_dataset (tmp);
  g_autoptr(CsRun) conal = cs_test_train (dataset, CS_METHOD_CONAL, 2, NULL);
  g_autoptr(CsRun) crowd_layer = cs_test_train (dataset, CS_METHOD_CROWD_LAYER, 2, NULL);
  g_autoptr(CsAnnotatorReport) report = report_of (conal);
  g_autoptr(CsAnnotatorReport) cl_report = report_of (crowd_layer);
  const char *grid = cs_test_dir_path (tmp, "grid.svg");
  const CsImageInfo info = { "small", "CoNAL, seed 1, epoch 2 of 2", NULL };
  g_autoptr(GError) error = NULL;
  g_auto(CsTestSvg) svg = { 0 };

  g_assert_true (cs_annotator_report_save_image (report, "grid", CS_MATRIX_EFFECTIVE, &info, grid, &error));
  g_assert_no_error (error);
  cs_test_svg_read (&svg, grid);
  g_assert_cmpstr (svg.title, ==, "Effective confusions of the 5 annotators");
  cs_test_assert_contains (svg.desc, "Matrix: effective confusions of every annotator");
  g_assert_true (cs_annotator_report_save_image (report, "w2", CS_MATRIX_EMPIRICAL, &info,
                                                 cs_test_dir_path (tmp, "w2.png"), &error));
  g_assert_no_error (error);

  g_assert_false (cs_annotator_report_save_image (cl_report, "common", CS_MATRIX_EFFECTIVE, &info,
                                                  cs_test_dir_path (tmp, "common.png"), &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_INVALID);
  cs_test_assert_contains (error->message, "only CoNAL");
  g_clear_error (&error);
  g_assert_false (cs_annotator_report_save_image (report, "w9", CS_MATRIX_EFFECTIVE, &info,
                                                  cs_test_dir_path (tmp, "w9.png"), &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_INVALID);
  cs_test_assert_contains (error->message, "'w9'");
  g_clear_error (&error);
  g_assert_false (cs_annotator_report_save_image (report, "w0", CS_MATRIX_EFFECTIVE, &info,
                                                  cs_test_dir_path (tmp, "w0.jpg"), &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_INVALID);
  g_assert_false (g_file_test (cs_test_dir_path (tmp, "w0.jpg"), G_FILE_TEST_EXISTS));
}

/* The window's use: in the progress callback, on the training thread, snapshots of the live
 * model's matrices, every label's w and the reference classes, into buffers allocated once
 * before training; the report is made from them afterwards. */
typedef struct
{
  const CsSplit *train;
  size_t         KK;
  float         *global;     /* [K, K] */
  float         *local;      /* [R, K, K] */
  float         *w;          /* [train->n_labels] */
  int32_t       *reference;  /* [train->n] */
  float         *probs;      /* [train->n, K] */
  int            calls;
} Snapshot;

static void
on_progress (const CsEpochMetrics *metrics,
             CsModel              *model,
             gpointer              data)
{
  Snapshot *snap = data;
  CsParams *params = cs_model_get_params (model);

  memcpy (snap->global, params->global, sizeof (float) * snap->KK);
  memcpy (snap->local, params->local, sizeof (float) * snap->KK * cs_model_get_shape (model)->R);
  g_assert_true (cs_model_label_w (model, snap->train, snap->w));
  cs_model_reference_classes (model, snap->train, snap->reference, snap->probs);
  snap->calls++;
}

static void
test_live_snapshots (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsDataset) dataset = load_dataset (tmp);
  const CsSplit *train_split = cs_dataset_get_split (dataset, CS_SPLIT_TRAIN);
  int K = dataset->n_classes, R = dataset->n_annotators;
  g_autofree float *global = g_new (float, K * K);
  g_autofree float *local = g_new (float, R * K * K);
  g_autofree float *w = g_new (float, train_split->n_labels);
  g_autofree int32_t *reference = g_new (int32_t, train_split->n);
  g_autofree float *probs = g_new (float, train_split->n * K);
  g_autofree float *mean = g_new (float, R);
  Snapshot snap = { train_split, (size_t) K * K, global, local, w, reference, probs, 0 };
  CsTrainCallbacks callbacks = { on_progress, NULL, &snap };
  g_autoptr(CsRun) run = cs_test_train (dataset, CS_METHOD_CONAL, 4, &callbacks);
  g_autoptr(CsRun) crowd_layer = cs_test_train (dataset, CS_METHOD_CROWD_LAYER, 1, NULL);
  g_autoptr(CsDatasetStats) stats = cs_dataset_stats_new (dataset);
  g_autoptr(CsAnnotatorReport) live = NULL;
  g_autoptr(CsAnnotatorReport) final = report_of (run);

  g_assert_cmpint (snap.calls, ==, 4);
  for (int l = 0; l < train_split->n_labels; l++)
    g_assert_true (w[l] > 0 && w[l] < 1);
  /* The last epoch is the selected one: its w are the ones the run's means come from, and its
   * snapshot makes the report the finished run does. */
  cs_annotator_mean_w (mean, w, train_split, R);
  for (int r = 0; r < R; r++)
    g_assert_true (mean[r] == run->annotator_w[r] || (isnan (mean[r]) && isnan (run->annotator_w[r])));
  live = cs_annotator_report_new (dataset, stats, &(CsAnnotatorSources) {
    CS_METHOD_CONAL, global, local, NULL, w, reference });
  g_assert_cmpmem (live->effective, sizeof (float) * R * K * K, final->effective, sizeof (float) * R * K * K);
  g_assert_cmpmem (live->empirical->counts, sizeof (int) * R * K * K,
                   final->empirical->counts, sizeof (int) * R * K * K);

  /* Only CoNAL has w. */
  w[0] = -1;
  g_assert_false (cs_model_label_w (crowd_layer->model, train_split, w));
  g_assert_cmpfloat (w[0], ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/annotator-report/methods", test_methods);
  g_test_add_func ("/annotator-report/json-and-csv", test_json_and_csv);
  g_test_add_func ("/annotator-report/images", test_images);
  g_test_add_func ("/annotator-report/live-snapshots", test_live_snapshots);
  return g_test_run ();
}
