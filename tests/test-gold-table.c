/* test-gold-table.c — a manifest's gold=FILE.csv as a table of ids and labels, and as a list
 *
 * A gold table names each item by id, in any order, and may leave items out; the tests load
 * generated datasets whose tables are shuffled against the features, then refuse bad tables
 * with messages that name the file and the line or ids.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "cs-dataset.h"
#include "cs-error.h"
#include "cs-layouts.h"
#include "test-util.h"

/* The small dataset's train split: items train-0 … train-59, classes a, b, c. */
#define N_TRAIN 60
#define CLASSES "a;b;c"

/* The gold a table gives item i: another class than the features' own column, so that a test
 * sees which was read; every seventh item is left out. */
static int
table_gold (int i)
{
  return i % 7 == 3 ? -1 : (i + 1) % 3;
}

/* A gold table of the train items from the last to the first, under `header`; labels as names
 * for even items and as indices for odd ones. */
static void
write_gold_table (CsTestDir  *tmp,
                  const char *header)
{
  static const char *names[] = { "a", "b", "c" };
  g_autoptr(GString) csv = g_string_new (header);

  for (int i = N_TRAIN - 1; i >= 0; i--)
    {
      if (table_gold (i) < 0)
        continue;
      if (i % 2 == 0)
        g_string_append_printf (csv, "\ntrain-%d,%s", i, names[table_gold (i)]);
      else
        g_string_append_printf (csv, "\ntrain-%d,%d", i, table_gold (i));
    }
  g_string_append_c (csv, '\n');
  cs_test_dir_write (tmp, "small/train_gold.csv", "%s", csv->str);
}

/* The small dataset with its train gold from small/train_gold.csv; `extra` goes into [train]. */
static CsDataset *
load_small (CsTestDir   *tmp,
            const char  *extra,
            GError     **error)
{
  cs_test_write_small_dataset (tmp, "small", CLASSES, 4, 7);
  return cs_dataset_load (cs_test_dir_write (tmp, "small/" CS_MANIFEST_NAME,
                                             "[dataset]\nclasses=" CLASSES "\nstandardize=no\n"
                                             "[train]\nfeatures=train.csv\nfeature-columns=f*\n"
                                             "id-column=id\ngold=train_gold.csv\n"
                                             "crowd=crowd.csv\n%s", extra),
                          NULL, error);
}

/* A train split of n items from x.npy, classes no and yes; `train` goes into [train]. */
static CsDataset *
load_npy (CsTestDir   *tmp,
          int          n,
          const char  *train,
          GError     **error)
{
  cs_test_write_npy_f32 (cs_test_dir_path (tmp, "x.npy"), n, 2);
  return cs_dataset_load (cs_test_dir_write (tmp, CS_MANIFEST_NAME,
                                             "[dataset]\nclasses=no;yes\n"
                                             "[train]\nfeatures=x.npy\n%s", train),
                          NULL, error);
}

static void
assert_table_gold (const CsDataset *dataset)
{
  const CsSplit *train = cs_dataset_get_split (dataset, CS_SPLIT_TRAIN);

  g_assert_cmpint (train->n, ==, N_TRAIN);
  g_assert_nonnull (train->gold);
  for (int i = 0; i < N_TRAIN; i++)
    {
      g_autofree char *id = g_strdup_printf ("train-%d", i);

      g_assert_cmpstr (train->item_ids[i], ==, id);
      g_assert_cmpint (train->gold[i], ==, table_gold (i));
    }
}

/* The usual column names, in any case, mark a table; other columns are ignored. */
static void
test_usual_columns (void)
{
  static const char *headers[] = { "item,label", "Item_ID,True_Label", "task,gold", "ID,Class" };

  for (guint h = 0; h < G_N_ELEMENTS (headers); h++)
    {
      g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(CsDataset) dataset = NULL;

      write_gold_table (tmp, headers[h]);
      dataset = load_small (tmp, "", &error);
      g_assert_no_error (error);
      assert_table_gold (dataset);
    }
}

/* gold-id-column and gold-label-column name columns the usual names would not find. */
static void
test_named_columns (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDataset) dataset = NULL;

  write_gold_table (tmp, "photo,verdict");
  dataset = load_small (tmp, "gold-id-column=photo\ngold-label-column=verdict\n", &error);
  g_assert_no_error (error);
  assert_table_gold (dataset);
}

/* A table of ids from an ids file, for features from a .npy. */
static void
test_ids_file (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDataset) dataset = NULL;
  const CsSplit *train;

  cs_test_dir_write (tmp, "ids.txt", "cat-1\ndog-7\nbird-3\n");
  cs_test_dir_write (tmp, "gold.csv", "score,item,label\n0.9,bird-3,yes\n0.1,cat-1,no\n");
  dataset = load_npy (tmp, 3, "ids=ids.txt\ngold=gold.csv\n", &error);
  g_assert_no_error (error);
  train = cs_dataset_get_split (dataset, CS_SPLIT_TRAIN);
  g_assert_cmpint (train->gold[0], ==, 0);
  g_assert_cmpint (train->gold[1], ==, -1);
  g_assert_cmpint (train->gold[2], ==, 1);
}

/* A .csv of one label a line, without a header, is still a list in the items' order; so is one
 * of a single line. */
static void
test_list (void)
{
  static const struct
  {
    int         n;
    const char *text;
    int         gold[3];
  } cases[] = {
    { 3, "no\n1\n-1\n", { 0, 1, -1 } },
    { 1, "yes\n", { 1 } },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(CsDataset) dataset = NULL;
      const CsSplit *train;

      cs_test_dir_write (tmp, "gold.csv", "%s", cases[c].text);
      dataset = load_npy (tmp, cases[c].n, "gold=gold.csv\n", &error);
      g_assert_no_error (error);
      train = cs_dataset_get_split (dataset, CS_SPLIT_TRAIN);
      for (int i = 0; i < cases[c].n; i++)
        g_assert_cmpint (train->gold[i], ==, cases[c].gold[i]);
    }
}

typedef struct
{
  const char *name;
  const char *table;      /* small/train_gold.csv */
  const char *extra;      /* appended to [train] */
  int         code;
  const char *fragments[4];
  const char *absent;     /* a fragment the message must not hold */
} BadCase;

static const BadCase bad_cases[] = {
  { "unknown-ids",
    "item,label\ntrain-0,a\nzz0,a\nzz1,b\nzz2,c\nzz3,a\nzz4,b\nzz5,c\nzz6,a\n", "",
    CS_ERROR_VALUE, { "train_gold.csv: ", "found 7 that the split lacks",
                      "'zz0', 'zz1', 'zz2', 'zz3', 'zz4', …", "train items" }, "zz5" },
  { "duplicate-id", "item,label\ntrain-2,a\ntrain-5,b\ntrain-2,c\n", "", CS_ERROR_VALUE,
    { "train_gold.csv:4: ", "'train-2' appears twice", "first on line 2" }, NULL },
  { "label-outside-classes", "item,label\ntrain-0,a\ntrain-1,d\n", "", CS_ERROR_VALUE,
    { "train_gold.csv:3: column 'label': ", "a, b, c", "'d'" }, NULL },
  { "index-outside-classes", "item,label\ntrain-0,a\ntrain-1,b\ntrain-2,3\n", "", CS_ERROR_VALUE,
    { "train_gold.csv:4: column 'label': ", "0–2", "'3'" }, NULL },
  { "no-id-column", "photo,label\ntrain-0,a\n", "", CS_ERROR_FORMAT,
    { "train_gold.csv: ", "item ids named 'item', 'task', 'id', 'item_id'" }, NULL },
  { "no-label-column", "item,verdict\ntrain-0,a\n", "", CS_ERROR_FORMAT,
    { "train_gold.csv: ", "gold labels named 'label', 'class', 'gold', 'true_label'" }, NULL },
  { "named-column-absent", "item,label\ntrain-0,a\n", "gold-label-column=verdict\n",
    CS_ERROR_FORMAT, { "train_gold.csv: ", "'verdict'" }, NULL },
  { "ragged-table", "item,label\ntrain-0,a\ntrain-1\n", "", CS_ERROR_PARSE,
    { "train_gold.csv:3: ", "expected 2 fields" }, NULL },
};

static void
test_bad_table (gconstpointer data)
{
  const BadCase *c = data;
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDataset) dataset = NULL;

  cs_test_dir_write (tmp, "small/train_gold.csv", "%s", c->table);
  dataset = load_small (tmp, c->extra, &error);
  g_assert_null (dataset);
  g_assert_error (error, CS_ERROR, c->code);
  for (int i = 0; i < 4 && c->fragments[i]; i++)
    cs_test_assert_contains (error->message, c->fragments[i]);
  if (c->absent != NULL)
    g_assert_null (strstr (error->message, c->absent));
}

/* Without item ids there is nothing to match the table's rows to; the message says where ids
 * come from. */
static void
test_without_ids (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDataset) dataset = NULL;

  cs_test_dir_write (tmp, "gold.csv", "item,label\n0,no\n");
  dataset = load_npy (tmp, 3, "gold=gold.csv\n", &error);
  g_assert_null (dataset);
  g_assert_error (error, CS_ERROR, CS_ERROR_FORMAT);
  cs_test_assert_contains (error->message, "gold.csv: expected item ids for the train split");
  cs_test_assert_contains (error->message, "an ids file or an id column");
}

/* Gold columns name the columns of a .csv table: for any other gold file, or none, they are an
 * error rather than silently ignored. */
static void
test_columns_without_table (void)
{
  static const struct
  {
    const char *train;
    const char *fragment;
  } cases[] = {
    { "gold=gold.txt\ngold-id-column=item\n", "gold.txt: expected a .csv table" },
    { "gold-label-column=label\n", "[train]: gold table columns were given but no gold file" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(CsDataset) dataset = NULL;

      cs_test_dir_write (tmp, "gold.txt", "no\nyes\n");
      dataset = load_npy (tmp, 2, cases[c].train, &error);
      g_assert_null (dataset);
      g_assert_error (error, CS_ERROR, CS_ERROR_FORMAT);
      cs_test_assert_contains (error->message, cases[c].fragment);
    }
}

/* ids-from=gold: a .npy's rows are the gold table's items in its row order, and the gold is
 * matched to them; ids-from=crowd: the crowd table's items in the order they first appear. */
static void
test_ids_from (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDataset) by_gold = NULL;
  g_autoptr(CsDataset) by_crowd = NULL;
  const CsSplit *train;

  cs_test_dir_write (tmp, "gold.csv", "item,label\nsent-9,yes\nsent-2,no\nsent-5,yes\n");
  by_gold = load_npy (tmp, 3, "ids-from=gold\ngold=gold.csv\n", &error);
  g_assert_no_error (error);
  train = cs_dataset_get_split (by_gold, CS_SPLIT_TRAIN);
  g_assert_cmpstr (train->item_ids[0], ==, "sent-9");
  g_assert_cmpstr (train->item_ids[2], ==, "sent-5");
  g_assert_cmpint (train->gold[0], ==, 1);
  g_assert_cmpint (train->gold[1], ==, 0);

  cs_test_dir_write (tmp, "crowd.csv", "task,worker,label\nb,w1,no\na,w1,yes\nb,w2,yes\n"
                     "c,w2,no\na,w3,yes\n");
  by_crowd = load_npy (tmp, 3, "ids-from=crowd\ncrowd=crowd.csv\n", &error);
  g_assert_no_error (error);
  train = cs_dataset_get_split (by_crowd, CS_SPLIT_TRAIN);
  g_assert_cmpstr (train->item_ids[0], ==, "b");
  g_assert_cmpstr (train->item_ids[1], ==, "a");
  g_assert_cmpstr (train->item_ids[2], ==, "c");
  g_assert_cmpint (by_crowd->n_annotators, ==, 3);
}

/* The [dataset] crowd table gives the train split's ids, in its order. */
static void
test_ids_from_dataset_crowd (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDataset) dataset = NULL;
  const CsSplit *train;

  cs_test_write_npy_f32 (cs_test_dir_path (tmp, "x.npy"), 2, 2);
  cs_test_dir_write (tmp, "labels.tsv", "annotator\tpicture\tverdict\nw1\tq\tyes\nw2\tp\tno\n");
  dataset = cs_dataset_load (cs_test_dir_write (tmp, CS_MANIFEST_NAME,
                                                "[dataset]\nclasses=no;yes\ncrowd=labels.tsv\n"
                                                "crowd-columns=picture;annotator;verdict\n"
                                                "[train]\nfeatures=x.npy\nids-from=crowd\n"),
                             NULL, &error);
  g_assert_no_error (error);
  train = cs_dataset_get_split (dataset, CS_SPLIT_TRAIN);
  g_assert_cmpstr (train->item_ids[0], ==, "q");
  g_assert_cmpstr (train->item_ids[1], ==, "p");
}

/* Errors about ids say where the ids came from; ids-from takes gold or crowd, alone. */
static void
test_ids_from_bad (void)
{
  static const struct
  {
    const char *train;
    int         code;
    const char *fragments[2];
  } cases[] = {
    { "ids-from=gold\ngold=short.csv\n", CS_ERROR_SHAPE,
      { "short.csv (its rows in order, ids-from=gold): expected 3 item ids", NULL } },
    { "ids-from=gold\ngold=gold.txt\n", CS_ERROR_FORMAT,
      { "[train] ids-from=gold: expected gold= to be a .csv table", NULL } },
    { "ids-from=crowd\ncrowd=crowd.csv\ngold=gold.csv\n", CS_ERROR_VALUE,
      { "gold.csv: expected ids of train items, found 1 that the split lacks: 'x'",
        "item ids are those of", } },
    { "ids-from=crowd\n", CS_ERROR_FORMAT,
      { "[train] ids-from=crowd: expected a crowd table, found none", NULL } },
    { "ids-from=order\n", CS_ERROR_VALUE, { "expected gold or crowd, found 'order'", NULL } },
    { "ids-from=gold\nids=ids.txt\ngold=gold.csv\n", CS_ERROR_FORMAT,
      { "expected one source of item ids", NULL } },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(CsDataset) dataset = NULL;

      cs_test_dir_write (tmp, "short.csv", "item,label\np,no\nq,yes\n");
      cs_test_dir_write (tmp, "gold.txt", "no\nyes\nno\n");
      cs_test_dir_write (tmp, "gold.csv", "item,label\nx,no\n");
      cs_test_dir_write (tmp, "ids.txt", "a\nb\nc\n");
      cs_test_dir_write (tmp, "crowd.csv", "item,annotator,label\na,w,no\nb,w,no\nc,w,yes\n");
      dataset = load_npy (tmp, 3, cases[c].train, &error);
      g_assert_null (dataset);
      g_assert_error (error, CS_ERROR, cases[c].code);
      for (int f = 0; f < 2 && cases[c].fragments[f] != NULL; f++)
        cs_test_assert_contains (error->message, cases[c].fragments[f]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gold-table/usual-columns", test_usual_columns);
  g_test_add_func ("/gold-table/named-columns", test_named_columns);
  g_test_add_func ("/gold-table/ids-file", test_ids_file);
  g_test_add_func ("/gold-table/list", test_list);
  g_test_add_func ("/gold-table/ids-from", test_ids_from);
  g_test_add_func ("/gold-table/ids-from-dataset-crowd", test_ids_from_dataset_crowd);
  g_test_add_func ("/gold-table/bad/ids-from", test_ids_from_bad);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/gold-table/bad/%s", bad_cases[i].name);

      g_test_add_data_func (path, &bad_cases[i], test_bad_table);
    }
  g_test_add_func ("/gold-table/bad/without-ids", test_without_ids);
  g_test_add_func ("/gold-table/bad/columns-without-table", test_columns_without_table);
  return g_test_run ();
}
