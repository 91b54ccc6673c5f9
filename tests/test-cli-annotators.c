/* test-cli-annotators.c — `crowdscope-cli annotators` and the matrices and images `export`
 * writes, end to end: on a crowd simulated over LabelMe's features, the planted confusion shows
 * in the effective matrices of the annotators who share it and the spammers score lowest
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-annotator-report.h"
#include "cs-confusion-measures.h"
#include "cs-csv.h"
#include "cs-figure-readers.h"
#include "cs-png-reader.h"
#include "test-util.h"

/* Enough epochs for CoNAL to find the planted pairs on LabelMe (a fraction of a second, a few
 * under AddressSanitizer). */
#define EPOCHS "60"

/* What was planted: each annotator's kind and the shared pairs (true class, label given). */
typedef struct
{
  GHashTable *kinds;     /* id → kind ("common", "spammer", "reliable") */
  int         pairs[8][2];
  int         n_pairs;
} Planted;

static void
planted_clear (Planted *p)
{
  g_clear_pointer (&p->kinds, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Planted, planted_clear)

static int
class_index (JsonArray  *classes,
             const char *name)
{
  for (guint k = 0; k < json_array_get_length (classes); k++)
    if (strcmp (json_array_get_string_element (classes, k), name) == 0)
      return (int) k;
  g_error ("no class '%s'", name);
}

static void
read_planted (Planted    *p,
              const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *classes, *pairs, *annotators;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  classes = json_object_get_array_member (root, "classes");
  pairs = json_object_get_array_member (root, "common_pairs");
  annotators = json_object_get_array_member (root, "annotators");
  p->n_pairs = (int) json_array_get_length (pairs);
  g_assert_cmpint (p->n_pairs, <=, G_N_ELEMENTS (p->pairs));
  for (int i = 0; i < p->n_pairs; i++)
    for (int e = 0; e < 2; e++)
      p->pairs[i][e] = class_index (classes, json_array_get_string_element (
                                      json_array_get_array_element (pairs, i), e));
  p->kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint r = 0; r < json_array_get_length (annotators); r++)
    {
      JsonObject *a = json_array_get_object_element (annotators, r);

      g_hash_table_insert (p->kinds, g_strdup (json_object_get_string_member (a, "id")),
                           g_strdup (json_object_get_string_member (a, "kind")));
    }
}

static bool
is_planted (const Planted *p,
            int            i,
            int            j)
{
  for (int n = 0; n < p->n_pairs; n++)
    if (p->pairs[n][0] == i && p->pairs[n][1] == j)
      return true;
  return false;
}

/* How far the planted cells of a matrix rise above the rest of their rows, on average: about
 * 0 for an annotator who does not share the confusion. */
static double
planted_excess (const Planted *p,
                const float   *m,
                int            K)
{
  double sum = 0;

  for (int n = 0; n < p->n_pairs; n++)
    {
      int i = p->pairs[n][0], j = p->pairs[n][1];
      double rest = 0;

      for (int c = 0; c < K; c++)
        rest += c != i && c != j ? m[i * K + c] : 0;
      sum += m[i * K + j] - rest / (K - 2);
    }
  return sum / p->n_pairs;
}

/* The planted cells are the largest off the diagonal of every annotator who shares them, rise
 * well above their rows there, and barely anywhere else. */
static void
assert_planted_cells_stand_out (const CsAnnotatorReport *report,
                                const Planted           *p)
{
  double lowest_common = 1, highest_other = -1;
  int K = report->K;

  for (int r = 0; r < report->R; r++)
    {
      const char *kind = g_hash_table_lookup (p->kinds, report->annotator_ids[r]);
      const float *m = report->effective + (size_t) r * K * K;
      double excess = planted_excess (p, m, K);

      if (strcmp (kind, "common") == 0)
        {
          CsConfusionCell cells[8];
          int n = cs_confusion_top_off_diagonal (cells, p->n_pairs, m, K);

          for (int c = 0; c < n; c++)
            g_assert_true (is_planted (p, cells[c].row, cells[c].column));
          lowest_common = MIN (lowest_common, excess);
        }
      else
        highest_other = MAX (highest_other, excess);
    }
  g_assert_cmpfloat (lowest_common, >, 0.15);
  g_assert_cmpfloat (highest_other, <, 0.1);
  g_assert_cmpfloat (lowest_common, >, 2 * highest_other);
}

static void
assert_spammers_score_lowest (const CsAnnotatorReport *report,
                              const Planted           *p)
{
  double highest_spammer = -1, lowest_other = 2;

  for (int r = 0; r < report->R; r++)
    {
      const char *kind = g_hash_table_lookup (p->kinds, report->annotator_ids[r]);

      if (strcmp (kind, "spammer") == 0)
        highest_spammer = MAX (highest_spammer, report->spammer_score[r]);
      else
        lowest_other = MIN (lowest_other, report->spammer_score[r]);
    }
  g_assert_cmpfloat (highest_spammer, >=, 0);
  g_assert_cmpfloat (highest_spammer, <, lowest_other);
}

/* A JSON matrix of K rows against the report's floats: the same numbers exactly. */
static void
assert_json_matrix (JsonArray   *rows,
                    const float *m,
                    int          K)
{
  g_assert_cmpuint (json_array_get_length (rows), ==, K);
  for (int i = 0; i < K; i++)
    {
      JsonArray *row = json_array_get_array_element (rows, i);

      g_assert_cmpuint (json_array_get_length (row), ==, K);
      for (int j = 0; j < K; j++)
        g_assert_cmpfloat ((float) json_array_get_double_element (row, j), ==, m[i * K + j]);
    }
}

/* Every number `annotators --json` printed is the core's. */
static void
assert_json_matches (JsonObject              *root,
                     const CsAnnotatorReport *report)
{
  JsonArray *annotators = json_object_get_array_member (root, "annotators");
  int K = report->K;

  assert_json_matrix (json_object_get_array_member (root, "common"), report->common, K);
  g_assert_cmpuint (json_array_get_length (annotators), ==, report->R);
  for (int r = 0; r < report->R; r++)
    {
      JsonObject *a = json_array_get_object_element (annotators, r);
      JsonArray *counts = json_object_get_array_member (a, "empirical");

      g_assert_cmpstr (json_object_get_string_member (a, "id"), ==, report->annotator_ids[r]);
      g_assert_cmpint (json_object_get_int_member (a, "labels"), ==, report->labels[r]);
      g_assert_cmpfloat (json_object_get_double_member (a, "accuracy"), ==, report->accuracy[r]);
      g_assert_cmpfloat (json_object_get_double_member (a, "agreement_mv"), ==, report->agreement_mv[r]);
      g_assert_cmpfloat ((float) json_object_get_double_member (a, "mean_w"), ==, report->mean_w[r]);
      g_assert_cmpfloat (json_object_get_double_member (a, "spammer_score"), ==, report->spammer_score[r]);
      assert_json_matrix (json_object_get_array_member (a, "effective"),
                          report->effective + (size_t) r * K * K, K);
      for (int i = 0; i < K; i++)
        for (int j = 0; j < K; j++)
          g_assert_cmpint (json_array_get_int_element (json_array_get_array_element (counts, i), j),
                           ==, report->empirical->counts[((size_t) r * K + i) * K + j]);
    }
}

/* The effective matrices as CSV, read back with the core's CSV reader. */
static void
assert_csv_matches (const char              *path,
                    const CsAnnotatorReport *report)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCsv) csv = cs_csv_load (path, &error);
  int K = report->K, value = cs_csv_find_column (csv, "value");

  g_assert_no_error (error);
  g_assert_cmpint (cs_csv_get_n_rows (csv), ==, report->R * K * K);
  for (int row = 0; row < report->R * K * K; row++)
    {
      g_assert_cmpstr (cs_csv_get_cell (csv, row, 0), ==, report->annotator_ids[row / (K * K)]);
      g_assert_cmpstr (cs_csv_get_cell (csv, row, 1), ==, report->class_names[row / K % K]);
      g_assert_cmpstr (cs_csv_get_cell (csv, row, 2), ==, report->class_names[row % K]);
      g_assert_cmpfloat ((float) g_ascii_strtod (cs_csv_get_cell (csv, row, value), NULL), ==,
                         report->effective[row]);
    }
}

static void
assert_images (CsTestDir  *tmp,
               const char *run)
{
  const char *png = cs_test_dir_path (tmp, "common.png");
  const char *svg_path = cs_test_dir_path (tmp, "grid.svg");
  const char *pdf = cs_test_dir_path (tmp, "sim-001.pdf");
  g_auto(CsTestCliResult) r1 = { 0 };
  g_auto(CsTestCliResult) r2 = { 0 };
  g_auto(CsTestCliResult) r3 = { 0 };
  g_autoptr(GHashTable) text = NULL;
  g_autoptr(GHashTable) info = NULL;
  g_autofree guint8 *rgb = NULL;
  g_auto(CsTestSvg) svg = { 0 };
  int w, h;

  cs_test_run_cli (&r1, "export", run, "--image", png, "--matrix", "common", NULL);
  g_assert_cmpint (r1.status, ==, 0);
  rgb = cs_test_png_read (png, &w, &h);
  g_assert_cmpint (w, >, 400);
  text = cs_test_png_read_text (png);
  g_assert_cmpstr (g_hash_table_lookup (text, "Title"), ==, "Common confusion of the crowd");
  g_assert_cmpstr (g_hash_table_lookup (text, "Dataset"), ==, "labelme");
  /* The selected epoch: the best on validation. */
  g_assert_true (g_str_has_prefix (g_hash_table_lookup (text, "Run"), "CoNAL, seed 1, epoch "));
  g_assert_true (g_str_has_suffix (g_hash_table_lookup (text, "Run"), " of " EPOCHS));
  cs_test_assert_contains (g_hash_table_lookup (text, "Matrix"), "W_g");

  cs_test_run_cli (&r2, "export", run, "--image", svg_path, "--matrix", "grid", NULL);
  g_assert_cmpint (r2.status, ==, 0);
  cs_test_svg_read (&svg, svg_path);
  g_assert_cmpstr (svg.root, ==, "svg");
  g_assert_cmpstr (svg.title, ==, "Effective confusions of the 20 annotators");

  cs_test_run_cli (&r3, "export", run, "--image", pdf, "--matrix", "sim-001", "--kind", "empirical", NULL);
  g_assert_cmpint (r3.status, ==, 0);
  if (!(info = cs_test_pdf_info (pdf)))
    {
      g_test_message ("pdfinfo (poppler-utils) is not installed: the PDF is not read back");
      return;
    }
  g_assert_cmpstr (g_hash_table_lookup (info, "Title"), ==, "Empirical confusion of annotator sim-001");
  g_assert_cmpstr (g_hash_table_lookup (info, "Pages"), ==, "1");
}

static void
test_simulated_labelme (void)
{
  g_autofree char *labelme = cs_test_shared_path ("labelme");
  g_autoptr(CsTestDir) tmp = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(CsCheckpoint) checkpoint = NULL;
  g_autoptr(CsCheckpointDataset) data = NULL;
  g_autoptr(CsAnnotatorReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CsTestCliResult) sim = { 0 };
  g_auto(CsTestCliResult) trained = { 0 };
  g_auto(CsTestCliResult) table = { 0 };
  g_auto(CsTestCliResult) csv = { 0 };
  g_auto(Planted) planted = { 0 };
  g_auto(GStrv) csv_lines = NULL;
  const char *crowd, *run, *effective;

  if (labelme == NULL)
    return;
  tmp = cs_test_dir_new ();
  crowd = cs_test_dir_path (tmp, "crowd");
  run = cs_test_dir_path (tmp, "run");
  effective = cs_test_dir_path (tmp, "effective.csv");
  /* 20 annotators, 7 of whom share a confusion of four class pairs and 3 of whom spam. */
  cs_test_run_cli (&sim, "simulate", labelme, "--out", crowd, "--annotators", "20",
                   "--labels-per-item", "4", "--spammers", "0.15", "--swappers", "0",
                   "--common", "0.35", "--seed", "7", NULL);
  g_assert_cmpint (sim.status, ==, 0);
  cs_test_run_cli (&trained, "train", crowd, "--epochs", EPOCHS, "--seed", "1", "--out", run, NULL);
  g_assert_cmpint (trained.status, ==, 0);
  read_planted (&planted, cs_test_dir_path (tmp, "crowd/planted.json"));

  checkpoint = cs_checkpoint_load (run, &error);
  g_assert_no_error (error);
  data = cs_checkpoint_dataset_load (checkpoint, NULL, &error);
  g_assert_no_error (error);
  report = cs_annotator_report_from_checkpoint (checkpoint, data, &error);
  g_assert_no_error (error);
  assert_planted_cells_stand_out (report, &planted);
  assert_spammers_score_lowest (report, &planted);

  cs_test_run_cli (&table, "annotators", run, "--json", NULL);
  g_assert_cmpint (table.status, ==, 0);
  assert_json_matches (cs_test_parse_object (parser, table.out), report);
  cs_test_run_cli (&csv, "annotators", run, "--csv", NULL);
  g_assert_cmpint (csv.status, ==, 0);
  csv_lines = g_strsplit (csv.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (csv_lines), ==, report->R + 2);

  {
    g_auto(CsTestCliResult) r = { 0 };

    cs_test_run_cli (&r, "export", run, "--confusions", effective, "--kind", "effective", NULL);
    g_assert_cmpint (r.status, ==, 0);
    assert_csv_matches (effective, report);
  }
  assert_images (tmp, run);
}

/* A short run of `method` on a small dataset, saved in tmp/<method>. */
static const char *
train_small (CsTestDir  *tmp,
             const char *dataset,
             const char *method)
{
  const char *out = cs_test_dir_path (tmp, method);
  g_auto(CsTestCliResult) r = { 0 };

  cs_test_run_cli (&r, "train", dataset, "--method", method, "--epochs", "2", "--out", out, NULL);
  g_assert_cmpint (r.status, ==, 0);
  return out;
}

static void
test_errors (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *small = cs_test_write_small_dataset (tmp, "small", "a;b;c", 4, 1);
  const char *conal = train_small (tmp, small, "conal");
  const char *mv = train_small (tmp, small, "mv");
  const char *png = cs_test_dir_path (tmp, "out.png");
  const char *blocker = cs_test_dir_write (tmp, "blocker", "a file, not a folder\n");
  g_autofree char *inside = g_build_filename (blocker, "out.png", NULL);
  g_auto(CsTestCliResult) table = { 0 };
  JsonObject *root;

  /* Majority vote has no matrices of its own: its table scores the empirical rates. */
  cs_test_run_cli (&table, "annotators", mv, "--json", NULL);
  g_assert_cmpint (table.status, ==, 0);
  root = cs_test_parse_object (parser, table.out);
  g_assert_true (json_object_get_null_member (root, "common"));
  g_assert_cmpstr (json_object_get_string_member (root, "effective_source"), ==, "empirical");
  cs_test_assert_cli_fails (1, "learns no annotator confusion matrices", "export", mv, "--image", png, "--matrix", "grid", NULL);
  cs_test_assert_cli_fails (1, "learns no annotator confusion matrices", "export", mv, "--confusions",
                cs_test_dir_path (tmp, "e.csv"), "--kind", "effective", NULL);
  cs_test_assert_cli_fails (1, "only CoNAL", "export", mv, "--image", png, "--matrix", "common", NULL);
  cs_test_assert_cli_fails (1, "found 'nobody'", "export", conal, "--image", png, "--matrix", "nobody", NULL);
  cs_test_assert_cli_fails (1, inside, "export", conal, "--image", inside, "--matrix", "common", NULL);
  cs_test_assert_cli_fails (2, "--matrix", "export", conal, "--image", png, NULL);
  cs_test_assert_cli_fails (2, ".png, .svg or .pdf", "export", conal, "--image", "out.jpg", "--matrix", "common", NULL);
  cs_test_assert_cli_fails (2, "--kind", "export", conal, "--confusions", "m.csv", "--kind", "weird", NULL);
  cs_test_assert_cli_fails (2, "--json and --csv", "annotators", conal, "--json", "--csv", NULL);
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));

  /* Another dataset with the same features and classes but not the same annotators. */
  {
    const char *other = cs_test_write_small_dataset (tmp, "other", "a;b;c", 4, 2);
    g_autofree char *crowd = g_build_filename (other, "crowd.csv", NULL);
    g_autofree char *text = NULL;

    g_assert_true (g_file_get_contents (crowd, &text, NULL, NULL));
    g_strdelimit (text, "w", 'v');
    g_assert_true (g_file_set_contents (crowd, text, -1, NULL));
    cs_test_assert_cli_fails (1, "the checkpoint's annotator 1 is 'w0'", "annotators", conal, "--dataset", other, NULL);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/annotators/simulated-labelme", test_simulated_labelme);
  g_test_add_func ("/cli/annotators/errors", test_errors);
  return g_test_run ();
}
