/* cs-dataset-carve.c — validation and test splits taken out of another split
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "cs-dataset-builder.h"
#include "cs-dataset-carve.h"
#include "cs-error.h"
#include "cs-rng.h"

#define CARVE_SEED 0xca12eULL

typedef struct
{
  int      item;
  int      gold;
  uint32_t key;
} Slot;

static int
compare_slots (const void *a,
               const void *b)
{
  const Slot *x = a, *y = b;
  /* Unknown gold (-1) sorts last. */
  unsigned gx = (unsigned) x->gold, gy = (unsigned) y->gold;

  if (gx != gy)
    return gx < gy ? -1 : 1;
  return (x->key > y->key) - (x->key < y->key);
}

static int
compare_ints (const void *a,
              const void *b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return (x > y) - (x < y);
}

/* The items of a split sorted by gold class, in an order drawn from seed within each class
 * (unknown gold last): taking every (n / k)-th item of it, each class gives its share. */
static Slot *
stratified_slots (const CsSplit *split,
                  guint64        seed)
{
  Slot *slots = g_new (Slot, split->n);
  CsRng rng;

  cs_rng_init (&rng, seed);
  for (int i = 0; i < split->n; i++)
    slots[i] = (Slot) { i, split->gold ? split->gold[i] : -1, cs_rng_next (&rng) };
  qsort (slots, split->n, sizeof (Slot), compare_slots);
  return slots;
}

/* Moves k of the n slots, evenly spread, to taken[0 .. k) and the others to kept, both sorted
 * by item so that the splits keep the source's order. */
static void
take_evenly (const Slot *slots,
             int         n,
             int         k,
             int        *taken,
             int        *kept)
{
  int n_taken = 0, n_kept = 0;

  for (int j = 0; j < n; j++)
    {
      bool take = (int) ((gint64) (j + 1) * k / n) > (int) ((gint64) j * k / n);

      if (take)
        taken[n_taken++] = slots[j].item;
      else
        kept[n_kept++] = slots[j].item;
    }
  g_assert (n_taken == k);
  qsort (taken, k, sizeof (int), compare_ints);
  qsort (kept, n_kept, sizeof (int), compare_ints);
}

CsDataset *
cs_dataset_carve_validation (const CsDataset  *dataset,
                             int               n_valid,
                             GError          **error)
{
  const CsSplit *test = cs_dataset_get_split (dataset, CS_SPLIT_TEST);
  g_autoptr(CsDatasetBuilder) builder = cs_dataset_builder_new (dataset->source);
  g_autofree Slot *slots = NULL;
  g_autofree int *valid_rows = NULL;
  g_autofree int *test_rows = NULL;

  if (test == NULL || cs_dataset_get_split (dataset, CS_SPLIT_VALID) != NULL ||
      n_valid < 1 || n_valid >= test->n)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID,
                   _("%s: a validation split of %d items cannot be taken from %s test split"),
                   dataset->name, n_valid, test ? "its" : "a missing");
      return NULL;
    }
  slots = stratified_slots (test, CARVE_SEED);
  valid_rows = g_new (int, n_valid);
  test_rows = g_new (int, test->n - n_valid);
  take_evenly (slots, test->n, n_valid, valid_rows, test_rows);

  if (!cs_dataset_builder_copy_header (builder, dataset, error) ||
      !cs_dataset_builder_copy_split (builder, dataset, CS_SPLIT_TRAIN, TRUE, error) ||
      !cs_dataset_builder_copy_rows (builder, dataset, test, CS_SPLIT_VALID, valid_rows, n_valid, TRUE, error) ||
      !cs_dataset_builder_copy_rows (builder, dataset, test, CS_SPLIT_TEST, test_rows, test->n - n_valid, TRUE, error))
    return NULL;
  return cs_dataset_builder_finish_copy (builder, dataset, error);
}

/* Valid is taken first from the whole of train, then test from what is left, each stratified
 * on its own, so either size may be zero and the valid items do not depend on n_test. */
CsDataset *
cs_dataset_carve_train (const CsDataset  *dataset,
                        int               n_valid,
                        int               n_test,
                        guint64           seed,
                        GError          **error)
{
  const CsSplit *train = cs_dataset_get_split (dataset, CS_SPLIT_TRAIN);
  g_autoptr(CsDatasetBuilder) builder = cs_dataset_builder_new (dataset->source);
  g_autofree Slot *slots = NULL;
  g_autofree int *valid_rows = NULL;
  g_autofree int *rest_rows = NULL;
  g_autofree int *test_rows = NULL;
  g_autofree int *train_rows = NULL;
  int n_rest, n_train;

  g_return_val_if_fail (train != NULL, NULL);

  if (cs_dataset_get_split (dataset, CS_SPLIT_VALID) != NULL ||
      cs_dataset_get_split (dataset, CS_SPLIT_TEST) != NULL ||
      n_valid < 0 || n_test < 0 || (gint64) n_valid + n_test >= train->n)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID,
                   _("%s: expected valid and test sizes that leave train items (of %d) and no "
                   "valid or test split given, found %d and %d%s"),
                   dataset->name, train->n, n_valid, n_test,
                   cs_dataset_get_split (dataset, CS_SPLIT_VALID) != NULL ||
                   cs_dataset_get_split (dataset, CS_SPLIT_TEST) != NULL
                   ? _(" with a split given") : "");
      return NULL;
    }
  n_rest = train->n - n_valid;
  n_train = n_rest - n_test;
  slots = stratified_slots (train, seed);
  valid_rows = g_new (int, MAX (n_valid, 1));
  rest_rows = g_new (int, n_rest);
  take_evenly (slots, train->n, n_valid, valid_rows, rest_rows);

  /* The rest, in the same stratified order, gives test. */
  {
    g_autofree Slot *rest = g_new (Slot, n_rest);
    int n = 0;

    for (int j = 0; j < train->n; j++)
      if (bsearch (&slots[j].item, valid_rows, n_valid, sizeof (int), compare_ints) == NULL)
        rest[n++] = slots[j];
    test_rows = g_new (int, MAX (n_test, 1));
    train_rows = g_new (int, n_train);
    take_evenly (rest, n_rest, n_test, test_rows, train_rows);
  }

  if (!cs_dataset_builder_copy_header (builder, dataset, error) ||
      !cs_dataset_builder_copy_rows (builder, dataset, train, CS_SPLIT_TRAIN, train_rows, n_train,
                                     TRUE, error) ||
      (n_valid > 0 &&
       !cs_dataset_builder_copy_rows (builder, dataset, train, CS_SPLIT_VALID, valid_rows, n_valid,
                                      TRUE, error)) ||
      (n_test > 0 &&
       !cs_dataset_builder_copy_rows (builder, dataset, train, CS_SPLIT_TEST, test_rows, n_test,
                                      TRUE, error)))
    return NULL;
  return cs_dataset_builder_finish_copy (builder, dataset, error);
}
