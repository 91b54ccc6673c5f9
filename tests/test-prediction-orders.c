/* test-prediction-orders.c — the gallery's lists and the classifier's confusion matrix, against
 * answers worked out by hand on predictions made by hand
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "cs-prediction-orders.h"
#include "cs-test-predictions.h"
#include "test-util.h"

enum { A, B, C };

/* Eight items of classes a, b, c. The majority of item 2's tied votes is a, the lowest class. */
static const CsTestPrediction rows[] = {
  /* split        id    image gold predicted p     votes        mean w */
  { CS_SPLIT_TRAIN, "t0", NULL, A, A, 0.90f, { 2, 1, 0 }, 0.2f },
  { CS_SPLIT_TRAIN, "t1", NULL, A, B, 0.80f, { 0, 3, 0 }, 0.9f },
  { CS_SPLIT_TRAIN, "t2", NULL, B, B, 0.60f, { 1, 1, 0 }, 0.5f },
  { CS_SPLIT_TRAIN, "t3", NULL, -1, C, 0.70f, { 2, 0, 0 }, 0.9f },
  { CS_SPLIT_TRAIN, "t4", NULL, C, A, 0.95f, { 0, 0, 0 }, NAN },
  { CS_SPLIT_TEST, "s0", NULL, B, C, 0.50f, { 0, 0, 0 }, NAN },
  { CS_SPLIT_TEST, "s1", NULL, C, C, 0.99f, { 0, 0, 0 }, NAN },
  { CS_SPLIT_TEST, "s2", NULL, A, A, 0.40f, { 0, 0, 0 }, NAN },
};

typedef struct
{
  CsTestDir     *tmp;
  CsDataset     *dataset;
  CsPredictions *predictions;
  int            items[G_N_ELEMENTS (rows)];
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->tmp = cs_test_dir_new ();
  f->dataset = cs_test_load_small_dataset (f->tmp);
  f->predictions = cs_test_predictions_new (f->dataset, rows, G_N_ELEMENTS (rows));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  cs_predictions_free (f->predictions);
  cs_dataset_unref (f->dataset);
  cs_test_dir_free (f->tmp);
}

/* The list a call wrote, against the expected positions. */
static void
assert_items (const int *items,
              int        n,
              const int *expected,
              int        n_expected)
{
  g_assert_cmpmem (items, sizeof (int) * n, expected, sizeof (int) * n_expected);
}

#define ASSERT_ITEMS(f, n, ...) \
  G_STMT_START { \
    const int __e[] = { __VA_ARGS__ }; \
    assert_items ((f)->items, (n), __e, G_N_ELEMENTS (__e)); \
  } G_STMT_END

static void
test_mistakes (Fixture       *f,
               gconstpointer  data)
{
  ASSERT_ITEMS (f, cs_predictions_mistakes (f->predictions, CS_SPLIT_TRAIN, f->items), 4, 1);
  ASSERT_ITEMS (f, cs_predictions_mistakes (f->predictions, CS_PREDICT_ALL, f->items), 4, 1, 5);
  ASSERT_ITEMS (f, cs_predictions_mistakes (f->predictions, CS_SPLIT_TEST, f->items), 5);
  g_assert_cmpint (cs_predictions_mistakes (f->predictions, CS_SPLIT_VALID, f->items), ==, 0);
}

/* Item 3 has no gold, and its prediction overrules its crowd all the same. Item 2's
 * prediction b is tied at the top of its votes with a, the majority's pick: a tie is not a
 * crowd overruled. */
static void
test_against_majority (Fixture       *f,
                       gconstpointer  data)
{
  ASSERT_ITEMS (f, cs_predictions_against_majority (f->predictions, CS_SPLIT_TRAIN, f->items), 3);
  g_assert_cmpint (cs_predictions_against_majority (f->predictions, CS_SPLIT_TEST, f->items), ==, 0);
}

/* Entropies: item 2 (1:1) 1 bit, item 0 (2:1) 0.918, items 1 and 3 unanimous; item 4 has no
 * label. */
static void
test_contested (Fixture       *f,
                gconstpointer  data)
{
  ASSERT_ITEMS (f, cs_predictions_contested (f->predictions, CS_SPLIT_TRAIN, f->items), 2, 0, 1, 3);
}

static void
test_common_confusion (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CsPredictions) without_w = NULL;
  CsTestPrediction plain[G_N_ELEMENTS (rows)];
  CsItemFilter train = { CS_SPLIT_TRAIN, CS_ITEMS_ALL, CS_ANY_CLASS, CS_ANY_CLASS };

  ASSERT_ITEMS (f, cs_predictions_common_confusion (f->predictions, CS_SPLIT_TRAIN, f->items),
                1, 3, 2, 0);
  /* Item 4, without labels, has no mean w: last when every item is ranked. */
  ASSERT_ITEMS (f, cs_predictions_select (f->predictions, &train, CS_ORDER_MEAN_W, f->items),
                1, 3, 2, 0, 4);
  /* Another method's predictions have no w, and no such list. */
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      plain[i] = rows[i];
      plain[i].mean_w = NAN;
    }
  without_w = cs_test_predictions_new (f->dataset, plain, G_N_ELEMENTS (plain));
  g_assert_false (without_w->has_mean_w);
  g_assert_cmpint (cs_predictions_common_confusion (without_w, CS_SPLIT_TRAIN, f->items), ==, 0);
}

static void
test_cells_and_classes (Fixture       *f,
                        gconstpointer  data)
{
  CsItemFilter no_gold = { CS_PREDICT_ALL, CS_ITEMS_ALL, -1, CS_ANY_CLASS };
  CsItemFilter predicted_a = { CS_PREDICT_ALL, CS_ITEMS_ALL, CS_ANY_CLASS, A };
  CsItemFilter correct = { CS_PREDICT_ALL, CS_ITEMS_CORRECT, CS_ANY_CLASS, CS_ANY_CLASS };
  CsItemFilter train = { CS_SPLIT_TRAIN, CS_ITEMS_ALL, CS_ANY_CLASS, CS_ANY_CLASS };
  const CsPredictions *p = f->predictions;

  ASSERT_ITEMS (f, cs_predictions_in_cell (p, CS_PREDICT_ALL, A, B, f->items), 1);
  ASSERT_ITEMS (f, cs_predictions_in_cell (p, CS_PREDICT_ALL, A, A, f->items), 0, 7);
  ASSERT_ITEMS (f, cs_predictions_in_cell (p, CS_SPLIT_TEST, C, C, f->items), 6);
  g_assert_cmpint (cs_predictions_in_cell (p, CS_SPLIT_TRAIN, B, A, f->items), ==, 0);
  ASSERT_ITEMS (f, cs_predictions_select (p, &no_gold, CS_ORDER_CONFIDENCE, f->items), 3);
  ASSERT_ITEMS (f, cs_predictions_select (p, &predicted_a, CS_ORDER_CONFIDENCE, f->items), 4, 0, 7);
  ASSERT_ITEMS (f, cs_predictions_select (p, &correct, CS_ORDER_POSITION, f->items), 0, 2, 6, 7);
  ASSERT_ITEMS (f, cs_predictions_select (p, &train, CS_ORDER_UNCERTAINTY, f->items), 2, 3, 1, 0, 4);
}

static void
test_confusion (Fixture       *f,
                gconstpointer  data)
{
  const int all[] = { 2, 1, 0,  0, 1, 1,  1, 0, 1 }, test[] = { 1, 0, 0,  0, 0, 1,  0, 0, 1 };
  const float all_rates[] = { 2.f / 3, 1.f / 3, 0,  0, 0.5f, 0.5f,  0.5f, 0, 0.5f };
  int counts[9];
  float rates[9];

  g_assert_cmpint (cs_predictions_confusion (f->predictions, CS_PREDICT_ALL, counts, rates), ==, 7);
  g_assert_cmpmem (counts, sizeof counts, all, sizeof all);
  for (int c = 0; c < 9; c++)
    g_assert_cmpfloat (rates[c], ==, all_rates[c]);
  g_assert_cmpint (cs_predictions_confusion (f->predictions, CS_SPLIT_TEST, counts, NULL), ==, 3);
  g_assert_cmpmem (counts, sizeof counts, test, sizeof test);
  /* No item: zero counts and no rate at all. */
  g_assert_cmpint (cs_predictions_confusion (f->predictions, CS_SPLIT_VALID, counts, rates), ==, 0);
  for (int c = 0; c < 9; c++)
    {
      g_assert_cmpint (counts[c], ==, 0);
      g_assert_true (isnan (rates[c]));
    }

  g_assert_cmpfloat (cs_predictions_accuracy (f->predictions, CS_PREDICT_ALL), ==, 4.0 / 7);
  g_assert_cmpfloat (cs_predictions_accuracy (f->predictions, CS_SPLIT_TRAIN), ==, 0.5);
  g_assert_cmpfloat (cs_predictions_accuracy (f->predictions, CS_SPLIT_TEST), ==, 2.0 / 3);
  g_assert_true (isnan (cs_predictions_accuracy (f->predictions, CS_SPLIT_VALID)));
}

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ADD ("/prediction-orders/mistakes", test_mistakes);
  ADD ("/prediction-orders/against-majority", test_against_majority);
  ADD ("/prediction-orders/contested", test_contested);
  ADD ("/prediction-orders/common-confusion", test_common_confusion);
  ADD ("/prediction-orders/cells-and-classes", test_cells_and_classes);
  ADD ("/prediction-orders/confusion", test_confusion);
  return g_test_run ();
}
