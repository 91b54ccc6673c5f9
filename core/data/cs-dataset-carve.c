/* cs-dataset-carve.c — a validation split taken out of the test split
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

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
  CsRng rng;
  int n_test = 0, n_taken = 0;

  if (test == NULL || cs_dataset_get_split (dataset, CS_SPLIT_VALID) != NULL ||
      n_valid < 1 || n_valid >= test->n)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID,
                   "%s: a validation split of %d items cannot be taken from %s test split",
                   dataset->name, n_valid, test ? "its" : "a missing");
      return NULL;
    }
  /* Sorted by class in a random order within each class, every (n / n_valid)-th item goes to
   * validation: each class gives its share. */
  cs_rng_init (&rng, CARVE_SEED);
  slots = g_new (Slot, test->n);
  for (int i = 0; i < test->n; i++)
    slots[i] = (Slot) { i, test->gold ? test->gold[i] : -1, cs_rng_next (&rng) };
  qsort (slots, test->n, sizeof (Slot), compare_slots);
  valid_rows = g_new (int, n_valid);
  test_rows = g_new (int, test->n - n_valid);
  for (int j = 0; j < test->n; j++)
    {
      bool take = (int) ((gint64) (j + 1) * n_valid / test->n) > (int) ((gint64) j * n_valid / test->n);

      if (take)
        valid_rows[n_taken++] = slots[j].item;
      else
        test_rows[n_test++] = slots[j].item;
    }
  g_assert (n_taken == n_valid);
  qsort (valid_rows, n_valid, sizeof (int), compare_ints);
  qsort (test_rows, n_test, sizeof (int), compare_ints);

  if (!cs_dataset_builder_copy_header (builder, dataset, error) ||
      !cs_dataset_builder_copy_split (builder, dataset, CS_SPLIT_TRAIN, TRUE, error) ||
      !cs_dataset_builder_copy_rows (builder, dataset, test, CS_SPLIT_VALID, valid_rows, n_valid, TRUE, error) ||
      !cs_dataset_builder_copy_rows (builder, dataset, test, CS_SPLIT_TEST, test_rows, n_test, TRUE, error))
    return NULL;
  return cs_dataset_builder_finish_copy (builder, dataset, error);
}
