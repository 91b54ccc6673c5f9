/* test-import.c — an import plan driven step by step, as the window's assistant drives it
 *
 * A generated dataset (a tab-separated crowd table with string ids and labels for items no
 * split holds, train features as .npy with an ids file and a gold table in another order,
 * valid features as CSV with a gold column) goes through the preview, the column guesses, the
 * checks, the summary and the manifest written, which must load with the summary's figures.
 * Then each kind of mistake is refused at its step with its file, line and column, and with
 * nothing written.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "cs-dataset.h"
#include "cs-error.h"
#include "cs-import.h"
#include "cs-layouts.h"
#include "test-util.h"

#define N_TRAIN      40
#define N_VALID      12
#define N_FEATURES   3
#define N_GHOST_ROWS 3   /* labels of the two items no split holds */

static const char *class_names[] = { "cat", "dog", "bird" };

/* Item i's class, which its gold and most of its labels give. */
static int
true_class (int i)
{
  return (i * 7) % 3;
}

/* Train items whose gold the table leaves out. */
static gboolean
gold_missing (int i)
{
  return i % 5 == 4;
}

/* Two labels per train item, one per valid item, and labels of ghosts, under `header`. */
static void
write_crowd (CsTestDir  *tmp,
             const char *header)
{
  g_autoptr(GString) tsv = g_string_new (header);

  for (int i = 0; i < N_TRAIN; i++)
    for (int j = 0; j < 2; j++)
      g_string_append_printf (tsv, "\nimg-%03d\tw%d\t%s", i, (i + j) % 4,
                              class_names[(true_class (i) + (j && i % 3 == 0)) % 3]);
  for (int i = 0; i < N_VALID; i++)
    g_string_append_printf (tsv, "\nval-%02d\tw%d\t%s", i, i % 4, class_names[true_class (i)]);
  g_string_append (tsv, "\nghost-1\tw0\tcat\nghost-1\tw1\tdog\nghost-2\tw2\tbird\n");
  cs_test_dir_write (tmp, "data/crowd.tsv", "%s", tsv->str);
}

/* The generated dataset in tmp/data. */
static void
write_dataset (CsTestDir *tmp)
{
  g_autoptr(GString) ids = g_string_new (NULL);
  g_autoptr(GString) gold = g_string_new ("item,label");
  g_autoptr(GString) valid = g_string_new ("id,f0,f1,f2,truth");

  write_crowd (tmp, "Task\tWorker\tClass");
  for (int i = 0; i < N_TRAIN; i++)
    g_string_append_printf (ids, "img-%03d\n", i);
  cs_test_dir_write (tmp, "data/train_ids.txt", "%s", ids->str);
  cs_test_write_npy_f32 (cs_test_dir_path (tmp, "data/train_x.npy"), N_TRAIN, N_FEATURES);
  /* The table runs from the last item to the first: it is matched by id, not by row. */
  for (int i = N_TRAIN - 1; i >= 0; i--)
    if (!gold_missing (i))
      g_string_append_printf (gold, "\nimg-%03d,%s", i, class_names[true_class (i)]);
  g_string_append_c (gold, '\n');
  cs_test_dir_write (tmp, "data/train_gold.csv", "%s", gold->str);
  for (int i = 0; i < N_VALID; i++)
    g_string_append_printf (valid, "\nval-%02d,%d,%d,%d,%s", i, i, i % 3, -i,
                            class_names[true_class (i)]);
  g_string_append_c (valid, '\n');
  cs_test_dir_write (tmp, "data/valid.csv", "%s", valid->str);
}

/* The plan the assistant fills for tmp/data, the crowd columns left to guess. */
static CsImportPlan *
make_plan (CsTestDir *tmp)
{
  CsImportPlan *plan = cs_import_plan_new ();
  CsImportSplit *train = &plan->splits[CS_SPLIT_TRAIN];
  CsImportSplit *valid = &plan->splits[CS_SPLIT_VALID];

  cs_import_plan_set (&plan->crowd_path, cs_test_dir_path (tmp, "data/crowd.tsv"));
  plan->crowd_format = CS_CROWD_LONG_TABLE;
  cs_import_plan_set (&plan->name, "Pets");

  train->features_kind = CS_FEATURES_NPY;
  cs_import_plan_set (&train->features_path, cs_test_dir_path (tmp, "data/train_x.npy"));
  train->id_source = CS_IDS_FILE;
  cs_import_plan_set (&train->ids_path, cs_test_dir_path (tmp, "data/train_ids.txt"));
  train->gold_source = CS_GOLD_TABLE;
  cs_import_plan_set (&train->gold_path, cs_test_dir_path (tmp, "data/train_gold.csv"));

  valid->features_kind = CS_FEATURES_CSV;
  cs_import_plan_set (&valid->features_path, cs_test_dir_path (tmp, "data/valid.csv"));
  valid->id_source = CS_IDS_COLUMN;
  cs_import_plan_set (&valid->id_column, "id");
  valid->gold_source = CS_GOLD_COLUMN;
  cs_import_plan_set (&valid->gold_column, "truth");
  return plan;
}

static void
assert_no_problems (const CsImportPlan *plan)
{
  for (int step = 0; step < CS_IMPORT_N_STEPS; step++)
    {
      g_autoptr(GPtrArray) problems = cs_import_plan_check (plan, step);

      if (problems->len > 0)
        g_error ("step %d: %s", step, ((CsImportProblem *) problems->pdata[0])->message);
    }
}

/* The loaded dataset has the summary's figures. */
static void
assert_figures (const CsImportSummary *summary,
                const CsDataset       *dataset)
{
  g_assert_cmpstr (dataset->name, ==, summary->name);
  g_assert_cmpint (dataset->n_annotators, ==, summary->n_annotators);
  g_assert_cmpint (dataset->n_classes, ==, summary->n_classes);
  g_assert_cmpint (dataset->d, ==, summary->d);
  g_assert_cmpint (cs_dataset_get_n_labels (dataset), ==, summary->n_labels_total);
  for (int k = 0; k < dataset->n_classes; k++)
    g_assert_cmpstr (dataset->class_names[k], ==, summary->class_names[k]);
  for (int s = 0; s < CS_N_SPLITS; s++)
    {
      const CsSplit *split = &dataset->splits[s];
      int n_gold = 0;

      g_assert_cmpint (split->present ? split->n : 0, ==, summary->n_items[s]);
      g_assert_cmpint (split->present ? split->n_labels : 0, ==, summary->n_labels[s]);
      for (int i = 0; split->present && split->gold && i < split->n; i++)
        n_gold += split->gold[i] >= 0;
      g_assert_cmpint (n_gold, ==, summary->n_gold[s]);
    }
}

static void
test_preview (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsTablePreview) preview = NULL;
  g_autoptr(CsImportPlan) plan = cs_import_plan_new ();
  g_autoptr(GError) error = NULL;

  write_dataset (tmp);
  preview = cs_table_preview_load (cs_test_dir_path (tmp, "data/crowd.tsv"), 0, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (preview->separator, ==, '\t');
  g_assert_cmpint (preview->n_cols, ==, 3);
  g_assert_cmpint (preview->n_rows, ==, 5);
  g_assert_true (preview->truncated);
  g_assert_cmpstr (preview->header[1], ==, "Worker");
  g_assert_cmpstr (cs_table_preview_get_cell (preview, 2, 0), ==, "img-001");
  g_assert_cmpint (preview->lines[2], ==, 4);
  g_assert_cmpint (cs_table_preview_find_column (preview, cs_import_label_names), ==, 2);

  /* Guesses go by the usual names in any case, and keep a column already chosen. */
  cs_import_plan_set (&plan->annotator_column, "Class");
  g_assert_true (cs_import_plan_guess_crowd_columns (plan, (const char * const *) preview->header));
  g_assert_cmpstr (plan->item_column, ==, "Task");
  g_assert_cmpstr (plan->annotator_column, ==, "Class");
  g_assert_cmpstr (plan->label_column, ==, "Class");

  g_clear_pointer (&preview, cs_table_preview_free);
  preview = cs_table_preview_load (cs_test_dir_path (tmp, "data/valid.csv"), 0, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpint (preview->separator, ==, ',');
  g_assert_cmpint (preview->n_rows, ==, N_VALID);
  g_assert_false (preview->truncated);
  g_assert_cmpint (cs_table_guess_separator ("\"a,b\"\tc\n", 8), ==, '\t');
}

static void
test_end_to_end (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsImportPlan) plan = NULL;
  g_autoptr(CsTablePreview) preview = NULL;
  g_autoptr(CsImportSummary) summary = NULL;
  g_autoptr(CsDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  const char *manifest;
  const CsSplit *train;

  write_dataset (tmp);
  plan = make_plan (tmp);
  preview = cs_table_preview_load (plan->crowd_path, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_true (cs_import_plan_guess_crowd_columns (plan, (const char * const *) preview->header));
  assert_no_problems (plan);

  summary = cs_import_summary_new (plan, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (summary->name, ==, "Pets");
  g_assert_cmpint (summary->n_items[CS_SPLIT_TRAIN], ==, N_TRAIN);
  g_assert_cmpint (summary->n_items[CS_SPLIT_VALID], ==, N_VALID);
  g_assert_cmpint (summary->n_items[CS_SPLIT_TEST], ==, 0);
  g_assert_cmpint (summary->n_labels[CS_SPLIT_TRAIN], ==, 2 * N_TRAIN);
  g_assert_cmpint (summary->n_labels_total, ==, 2 * N_TRAIN + N_VALID);
  g_assert_cmpint (summary->n_gold[CS_SPLIT_TRAIN], ==, N_TRAIN - N_TRAIN / 5);
  g_assert_cmpint (summary->n_gold[CS_SPLIT_VALID], ==, N_VALID);
  g_assert_cmpint (summary->n_annotators, ==, 4);
  g_assert_true (summary->classes_found);
  g_assert_cmpint (summary->n_classes, ==, 3);
  g_assert_cmpstr (summary->class_names[0], ==, "bird");
  g_assert_cmpstr (summary->class_names[2], ==, "dog");
  g_assert_cmpint (summary->n_items_without_features, ==, 2);
  g_assert_cmpint (summary->n_labels_for_unknown_items, ==, N_GHOST_ROWS);
  g_assert_cmpint (summary->n_items_without_labels, ==, 0);
  g_assert_cmpint (summary->d, ==, N_FEATURES);
  manifest = cs_test_dir_path (tmp, "data/" CS_MANIFEST_NAME);
  g_assert_false (g_file_test (manifest, G_FILE_TEST_EXISTS));

  path = cs_import_plan_write (plan, cs_test_dir_path (tmp, "fallback"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, manifest);
  g_assert_false (g_file_test (cs_test_dir_path (tmp, "fallback"), G_FILE_TEST_EXISTS));
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  /* Beside the data, paths are relative, so the folder can move. */
  cs_test_assert_contains (text, "crowd=crowd.tsv\n");
  cs_test_assert_contains (text, "ids=train_ids.txt\n");

  dataset = cs_dataset_load (path, NULL, &error);
  g_assert_no_error (error);
  assert_figures (summary, dataset);
  g_assert_true (cs_test_warnings_contain (dataset, "3 labels of 2 items that no split holds"));
  /* The gold table is in reverse order: item 7's gold is its own, not that of row 7. */
  train = cs_dataset_get_split (dataset, CS_SPLIT_TRAIN);
  g_assert_cmpstr (train->item_ids[7], ==, "img-007");
  g_assert_cmpint (train->gold[7], ==, cs_dataset_find_class (dataset, class_names[true_class (7)]));
  g_assert_cmpint (train->gold[4], ==, -1);
}

static void
test_carve (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsImportPlan) plan = NULL;
  g_autoptr(CsImportSummary) summary = NULL;
  g_autoptr(CsDataset) dataset = NULL;
  g_autoptr(CsDataset) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const CsSplit *valid, *valid_again;

  write_dataset (tmp);
  plan = make_plan (tmp);
  plan->splits[CS_SPLIT_VALID].features_kind = CS_FEATURES_NONE;
  plan->carve = TRUE;
  plan->carve_valid = 9;
  plan->carve_test = 6;
  plan->carve_seed = 5;
  assert_no_problems (plan);
  summary = cs_import_summary_new (plan, &error);
  g_assert_no_error (error);
  g_assert_cmpint (summary->n_items[CS_SPLIT_TRAIN], ==, N_TRAIN - 15);
  g_assert_cmpint (summary->n_items[CS_SPLIT_VALID], ==, 9);
  g_assert_cmpint (summary->n_items[CS_SPLIT_TEST], ==, 6);
  /* Valid's labels now belong to no split. */
  g_assert_cmpint (summary->n_items_without_features, ==, N_VALID + 2);
  g_assert_cmpint (summary->n_labels_total, ==, 2 * N_TRAIN);

  path = cs_import_plan_write (plan, NULL, &error);
  g_assert_no_error (error);
  dataset = cs_dataset_load (path, NULL, &error);
  g_assert_no_error (error);
  assert_figures (summary, dataset);
  again = cs_dataset_load (path, NULL, &error);
  g_assert_no_error (error);
  valid = cs_dataset_get_split (dataset, CS_SPLIT_VALID);
  valid_again = cs_dataset_get_split (again, CS_SPLIT_VALID);
  for (int i = 0; i < valid->n; i++)
    g_assert_cmpstr (valid->item_ids[i], ==, valid_again->item_ids[i]);

  /* Valid and test are stratified by gold: 9 of 32 items with gold, about a third a class. */
  {
    int counts[3] = { 0 };

    for (int i = 0; i < valid->n; i++)
      if (valid->gold[i] >= 0)
        counts[valid->gold[i]]++;
    for (int k = 0; k < 3; k++)
      g_assert_cmpint (counts[k], >=, 2);
  }
}

/* Valid's features table names an image per item, in a folder of the data. */
static void
test_images (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsImportPlan) plan = NULL;
  g_autoptr(CsDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) valid = g_string_new ("id,f0,f1,picture,f2,truth");
  g_autofree char *path = NULL;
  g_autofree char *image = NULL;
  CsImportSplit *split;

  write_dataset (tmp);
  for (int i = 0; i < N_VALID; i++)
    {
      g_autofree char *name = g_strdup_printf ("data/pics/val-%02d.png", i);

      cs_test_dir_write (tmp, name, "x");
      g_string_append_printf (valid, "\nval-%02d,%d,1,val-%02d.png,%d,%s", i, i, i, -i,
                              class_names[true_class (i)]);
    }
  cs_test_dir_write (tmp, "data/valid.csv", "%s\n", valid->str);
  plan = make_plan (tmp);
  split = &plan->splits[CS_SPLIT_VALID];
  split->features_kind = CS_FEATURES_IMAGES;
  cs_import_plan_set (&split->images_folder, cs_test_dir_path (tmp, "data/pics"));
  cs_import_plan_set (&split->image_column, "picture");
  assert_no_problems (plan);

  path = cs_import_plan_write (plan, NULL, &error);
  g_assert_no_error (error);
  dataset = cs_dataset_load (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dataset->d, ==, N_FEATURES);
  image = g_build_filename (cs_test_dir_path (tmp, "data/pics"), "val-03.png", NULL);
  g_assert_cmpstr (cs_dataset_get_split (dataset, CS_SPLIT_VALID)->image_paths[3], ==, image);
}

static void
test_classes_order (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsImportPlan) plan = cs_import_plan_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) classes = NULL;

  cs_import_plan_set (&plan->crowd_path,
                      cs_test_dir_write (tmp, "c.csv", "item,worker,label\na,w,10\nb,w,9\nc,w,2\n"));
  classes = cs_import_plan_find_classes (plan, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (classes), ==, 3);
  g_assert_cmpstr (classes[0], ==, "2");
  g_assert_cmpstr (classes[1], ==, "9");
  g_assert_cmpstr (classes[2], ==, "10");
}

/* The first problem of a step, of n_problems: at file (relative to tmp, or NULL), line and
 * column, saying `fragment`; and the plan cannot be written. */
static void
assert_problem (CsTestDir          *tmp,
                const CsImportPlan *plan,
                CsImportStep        step,
                guint               n_problems,
                const char         *file,
                int                 line,
                int                 column,
                const char         *fragment)
{
  g_autoptr(GPtrArray) problems = cs_import_plan_check (plan, step);
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  CsImportProblem *problem;

  for (int earlier = 0; earlier < (int) step; earlier++)
    {
      g_autoptr(GPtrArray) none = cs_import_plan_check (plan, earlier);

      g_assert_cmpuint (none->len, ==, 0);
    }
  g_assert_cmpuint (problems->len, ==, n_problems);
  problem = problems->pdata[0];
  g_assert_cmpint (problem->step, ==, step);
  g_assert_cmpstr (problem->file, ==, file ? cs_test_dir_path (tmp, file) : NULL);
  g_assert_cmpint (problem->line, ==, line);
  g_assert_cmpint (problem->column, ==, column);
  cs_test_assert_contains (problem->message, fragment);
  if (file != NULL && line > 0)
    {
      g_autofree char *where = g_strdup_printf (column ? "%s:%d:%d: " : "%s:%d: ",
                                                cs_test_dir_path (tmp, file), line, column);

      g_assert_true (g_str_has_prefix (problem->message, where));
    }

  written = cs_import_plan_write (plan, cs_test_dir_path (tmp, "fallback"), &error);
  g_assert_null (written);
  g_assert_error (error, CS_ERROR, (int) problem->code);
  g_assert_cmpstr (error->message, ==, problem->message);
  g_assert_false (g_file_test (cs_test_dir_path (tmp, "data/" CS_MANIFEST_NAME), G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (cs_test_dir_path (tmp, "fallback"), G_FILE_TEST_EXISTS));
}

/* What a bad case changes in the generated dataset or its plan. */
static void
wrong_item_column (CsTestDir    *tmp,
                   CsImportPlan *plan)
{
  cs_import_plan_set (&plan->item_column, "Itm");
}

static void
wrong_feature_column (CsTestDir    *tmp,
                      CsImportPlan *plan)
{
  plan->splits[CS_SPLIT_VALID].feature_columns = g_strsplit ("f*;g1", ";", -1);
}

static void
no_bird_class (CsTestDir    *tmp,
               CsImportPlan *plan)
{
  plan->classes = g_strsplit ("cat;dog", ";", -1);
}

static void
unknown_gold_id (CsTestDir    *tmp,
                 CsImportPlan *plan)
{
  cs_test_dir_write (tmp, "data/train_gold.csv", "item,label\nimg-001,cat\nimg-999,dog\n");
}

/* Where the manifest would go follows the crowd file, which is still in data/. */
static void
crowd_missing (CsTestDir    *tmp,
               CsImportPlan *plan)
{
  cs_import_plan_set (&plan->crowd_path, cs_test_dir_path (tmp, "data/nowhere.tsv"));
}

static void
ragged_crowd (CsTestDir    *tmp,
              CsImportPlan *plan)
{
  cs_test_dir_write (tmp, "data/crowd.tsv",
                     "item\tworker\tlabel\nimg-000\tw0\tcat\nimg-001\tw1\tdog\nimg-002\tw2\n");
}

static void
empty_crowd (CsTestDir    *tmp,
             CsImportPlan *plan)
{
  cs_test_dir_write (tmp, "data/crowd.tsv", "item\tworker\tlabel\n");
}

static void
carve_too_large (CsTestDir    *tmp,
                 CsImportPlan *plan)
{
  plan->splits[CS_SPLIT_VALID].features_kind = CS_FEATURES_NONE;
  plan->carve = TRUE;
  plan->carve_valid = 20;
  plan->carve_test = 20;
}

typedef struct
{
  const char    *name;
  void         (*spoil) (CsTestDir *tmp, CsImportPlan *plan);
  CsImportStep   step;
  const char    *file;     /* relative to the test folder, or NULL */
  int            line;
  int            column;
  const char    *message;
} BadCase;

static const BadCase bad_cases[] = {
  { "wrong-column", wrong_item_column, CS_IMPORT_STEP_CROWD, "data/crowd.tsv", 1, 0,
    "expected a column named 'Itm' for the item, found the columns 'Task', 'Worker', 'Class'" },
  { "wrong-feature-column", wrong_feature_column, CS_IMPORT_STEP_FEATURES, "data/valid.csv", 1, 0,
    "expected a column named 'g1' for the features" },
  /* Line 1 is the header, items 0 and 1 (cat and dog) take lines 2 to 5; item 2 is a bird. */
  { "label-outside-classes", no_bird_class, CS_IMPORT_STEP_CROWD, "data/crowd.tsv", 6, 3,
    "expected a class name (cat, dog) or an index 0–1, found 'bird'" },
  { "unknown-gold-id", unknown_gold_id, CS_IMPORT_STEP_GOLD, "data/train_gold.csv", 3, 1,
    "expected an id of the train split, found 'img-999'" },
  { "unreadable-file", crowd_missing, CS_IMPORT_STEP_CROWD, "data/nowhere.tsv", 0, 0,
    "No such file or directory" },
  { "ragged-row", ragged_crowd, CS_IMPORT_STEP_CROWD, "data/crowd.tsv", 4, 3,
    "expected 3 fields as in the header, found 2" },
  { "empty-table", empty_crowd, CS_IMPORT_STEP_CROWD, "data/crowd.tsv", 0, 0,
    "no rows: the file only has a header" },
  { "carve-too-large", carve_too_large, CS_IMPORT_STEP_SPLITS, NULL, 0, 0,
    "expected valid and test sizes that leave items in train, which has 40" },
};

/* The labels write_crowd() gives as bird. */
static guint
n_birds (void)
{
  guint n = 0;

  for (int i = 0; i < N_TRAIN; i++)
    for (int j = 0; j < 2; j++)
      n += (true_class (i) + (j && i % 3 == 0)) % 3 == 2;
  for (int i = 0; i < N_VALID; i++)
    n += true_class (i) == 2;
  return n + 1;   /* ghost-2's */
}

static void
test_bad_case (gconstpointer data)
{
  const BadCase *c = data;
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsImportPlan) plan = NULL;
  /* Every bird label is a problem, as many as a check lists; any other case has one. */
  guint n = c->spoil == no_bird_class ? MIN (n_birds (), CS_IMPORT_MAX_PROBLEMS) : 1;

  write_dataset (tmp);
  plan = make_plan (tmp);
  c->spoil (tmp, plan);
  assert_problem (tmp, plan, c->step, n, c->file, c->line, c->column, c->message);
}

/* A preview of an empty table is refused as the check refuses it. */
static void
test_preview_empty (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsTablePreview) preview = NULL;

  preview = cs_table_preview_load (cs_test_dir_write (tmp, "crowd.tsv", "item\tworker\tlabel\n"),
                                   0, 5, &error);
  g_assert_error (error, CS_ERROR, CS_ERROR_PARSE);
  cs_test_assert_contains (error->message, "no rows: the file only has a header");
  g_assert_null (preview);
}

/* A plan written where its folder cannot take a file goes under the fallback folder with
 * absolute paths, and loads the same. */
static void
assert_fallback (CsTestDir    *tmp,
                 CsImportPlan *plan)
{
  g_autoptr(CsImportSummary) summary = NULL;
  g_autoptr(CsDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = g_build_filename (cs_test_dir_path (tmp, "fallback"), "My-pets-",
                                                CS_MANIFEST_NAME, NULL);
  g_autofree char *crowd = g_strdup_printf ("crowd=%s\n", plan->crowd_path);

  cs_import_plan_set (&plan->name, "My pets!");
  summary = cs_import_summary_new (plan, &error);
  g_assert_no_error (error);
  path = cs_import_plan_write (plan, cs_test_dir_path (tmp, "fallback"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, expected);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  cs_test_assert_contains (text, crowd);
  dataset = cs_dataset_load (path, NULL, &error);
  g_assert_no_error (error);
  assert_figures (summary, dataset);
}

static void
test_fallback_read_only (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsImportPlan) plan = NULL;

  if (getuid () == 0)
    {
      g_test_skip ("root writes to a read-only folder anyway");
      return;
    }
  write_dataset (tmp);
  plan = make_plan (tmp);
  g_assert_cmpint (g_chmod (cs_test_dir_path (tmp, "data"), 0555), ==, 0);
  assert_fallback (tmp, plan);
  g_assert_false (g_file_test (cs_test_dir_path (tmp, "data/" CS_MANIFEST_NAME), G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_chmod (cs_test_dir_path (tmp, "data"), 0755), ==, 0);
}

/* A folder that is a file cannot be written by anyone, root included. */
static void
test_fallback_not_a_folder (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(CsImportPlan) plan = NULL;

  write_dataset (tmp);
  plan = make_plan (tmp);
  cs_import_plan_set (&plan->folder, cs_test_dir_path (tmp, "data/train_ids.txt"));
  assert_fallback (tmp, plan);
}

/* .npy features whose ids are the gold table's rows (it runs from the last item to the first),
 * or the crowd table's items as they first appear; each order is checked at the features step
 * and written as ids-from. */
static void
test_id_orders (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();

  write_dataset (tmp);
  for (int order = 0; order < 2; order++)
    {
      g_autoptr(CsImportPlan) plan = make_plan (tmp);
      g_autoptr(CsDataset) dataset = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *written = NULL;
      g_autofree char *first = NULL;
      CsImportSplit *train = &plan->splits[CS_SPLIT_TRAIN];
      const CsSplit *split;

      train->id_source = order == 0 ? CS_IDS_GOLD_ORDER : CS_IDS_CROWD_ORDER;
      if (order == 0)
        {
          /* As many rows as features: the table lists every item. */
          g_autoptr(GString) gold = g_string_new ("item,label\n");

          for (int i = N_TRAIN - 1; i >= 0; i--)
            g_string_append_printf (gold, "img-%03d,%s\n", i, class_names[true_class (i)]);
          cs_test_dir_write (tmp, "data/all_gold.csv", "%s", gold->str);
          cs_import_plan_set (&train->gold_path, cs_test_dir_path (tmp, "data/all_gold.csv"));
        }
      else
        {
          /* The crowd table then holds the train items alone, each the first time it appears. */
          g_autofree char *all = NULL;
          g_auto(GStrv) lines = NULL;
          g_autoptr(GString) train_only = g_string_new (NULL);

          g_file_get_contents (cs_test_dir_path (tmp, "data/crowd.tsv"), &all, NULL, NULL);
          lines = g_strsplit (all, "\n", -1);
          for (int i = 0; lines[i] != NULL; i++)
            if (i == 0 || g_str_has_prefix (lines[i], "img-"))
              g_string_append_printf (train_only, "%s\n", lines[i]);
          cs_test_dir_write (tmp, "data/train_crowd.tsv", "%s", train_only->str);
          cs_import_plan_set (&plan->crowd_path, cs_test_dir_path (tmp, "data/train_crowd.tsv"));
        }
      assert_no_problems (plan);
      text = cs_import_plan_to_manifest (plan, cs_test_dir_path (tmp, "data"));
      cs_test_assert_contains (text, order == 0 ? "ids-from=gold" : "ids-from=crowd");
      g_assert_null (strstr (text, "ids=train_ids.txt"));
      written = cs_import_plan_write (plan, NULL, &error);
      g_assert_no_error (error);
      dataset = cs_dataset_load (written, NULL, &error);
      g_assert_no_error (error);
      split = cs_dataset_get_split (dataset, CS_SPLIT_TRAIN);
      first = g_strdup_printf ("img-%03d", order == 0 ? N_TRAIN - 1 : 0);
      g_assert_cmpstr (split->item_ids[0], ==, first);
      g_assert_cmpint (split->gold[0], >=, 0);
      g_assert_cmpstr (dataset->class_names[split->gold[0]], ==,
                       class_names[true_class (order == 0 ? N_TRAIN - 1 : 0)]);
    }
}

/* Each id source the plan cannot use is a problem of the features step, saying what to give. */
static void
test_id_order_problems (void)
{
  static const struct
  {
    CsSplitKind  split;
    CsIdSource   source;
    const char  *says;
  } cases[] = {
    { CS_SPLIT_TRAIN, CS_IDS_GOLD_ORDER, "expected the gold table whose rows give the train split's ids" },
    { CS_SPLIT_VALID, CS_IDS_CROWD_ORDER, "give the valid split's ids otherwise" },
    { CS_SPLIT_TRAIN, CS_IDS_IMAGE_NAMES, "expected image names as ids only for images without a features file" },
    { CS_SPLIT_TRAIN, CS_IDS_ROW_NUMBERS, "the order of the gold or crowd table" },
  };
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();

  write_dataset (tmp);
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(CsImportPlan) plan = make_plan (tmp);
      g_autoptr(GPtrArray) problems = NULL;
      CsImportSplit *split = &plan->splits[cases[c].split];

      split->id_source = cases[c].source;
      if (cases[c].source == CS_IDS_GOLD_ORDER)
        split->gold_source = CS_GOLD_NONE;
      problems = cs_import_plan_check (plan, CS_IMPORT_STEP_FEATURES);
      g_assert_cmpuint (problems->len, >=, 1);
      cs_test_assert_contains (((CsImportProblem *) problems->pdata[0])->message, cases[c].says);
    }
}

/* A copy owns its strings: the original can change or go while a worker reads it. */
static void
test_copy (void)
{
  g_autoptr(CsImportPlan) plan = cs_import_plan_new ();
  g_autoptr(CsImportPlan) copy = NULL;
  const char *columns[] = { "f*", NULL };

  cs_import_plan_set (&plan->crowd_path, "crowd.csv");
  cs_import_plan_set (&plan->splits[CS_SPLIT_TRAIN].gold_path, "gold.csv");
  plan->splits[CS_SPLIT_TRAIN].feature_columns = g_strdupv ((char **) columns);
  plan->carve_seed = 7;
  copy = cs_import_plan_copy (plan);
  g_clear_pointer (&plan, cs_import_plan_free);
  g_assert_cmpstr (copy->crowd_path, ==, "crowd.csv");
  g_assert_cmpstr (copy->splits[CS_SPLIT_TRAIN].gold_path, ==, "gold.csv");
  g_assert_cmpstr (copy->splits[CS_SPLIT_TRAIN].feature_columns[0], ==, "f*");
  g_assert_cmpuint (copy->carve_seed, ==, 7);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import/preview", test_preview);
  g_test_add_func ("/import/copy", test_copy);
  g_test_add_func ("/import/id-orders", test_id_orders);
  g_test_add_func ("/import/id-order-problems", test_id_order_problems);
  g_test_add_func ("/import/end-to-end", test_end_to_end);
  g_test_add_func ("/import/carve", test_carve);
  g_test_add_func ("/import/images", test_images);
  g_test_add_func ("/import/classes-order", test_classes_order);
  g_test_add_func ("/import/preview-empty", test_preview_empty);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import/bad/%s", bad_cases[i].name);

      g_test_add_data_func (path, &bad_cases[i], test_bad_case);
    }
  g_test_add_func ("/import/fallback-read-only", test_fallback_read_only);
  g_test_add_func ("/import/fallback-not-a-folder", test_fallback_not_a_folder);
  return g_test_run ();
}
