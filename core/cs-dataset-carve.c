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

/* Copies `rows` of a split (in order) into the builder's split `kind`. */
static gboolean
copy_rows (CsDatasetBuilder  *builder,
           const CsDataset   *dataset,
           const CsSplit     *from,
           CsSplitKind        kind,
           const int         *rows,
           int                n,
           GError           **error)
{
  int d = dataset->d;
  float *x = g_new (float, (size_t) n * d);
  char **ids = g_new0 (char *, n + 1);
  int32_t *gold = g_new (int32_t, n);

  for (int j = 0; j < n; j++)
    {
      memcpy (x + (size_t) j * d, from->features + (size_t) rows[j] * d, sizeof (float) * d);
      ids[j] = g_strdup (from->item_ids[rows[j]]);
      gold[j] = from->gold ? from->gold[rows[j]] : -1;
    }
  if (!cs_dataset_builder_set_split (builder, kind, n, d, x, dataset->source, error) ||
      !cs_dataset_builder_set_ids (builder, kind, ids, dataset->source, error) ||
      !cs_dataset_builder_set_gold (builder, kind, gold, n, dataset->source, error))
    return FALSE;
  if (from->image_paths)
    {
      g_auto(GStrv) paths = g_new0 (char *, n + 1);

      for (int j = 0; j < n; j++)
        paths[j] = g_strdup (from->image_paths[rows[j]]);
      if (!cs_dataset_builder_set_images (builder, kind, "/", paths, n, dataset->source, error))
        return FALSE;
    }
  for (int j = 0; j < n; j++)
    for (int l = from->item_offsets[rows[j]]; l < from->item_offsets[rows[j] + 1]; l++)
      cs_dataset_builder_add_label (builder, kind, j, dataset->annotator_ids[from->labels[l].annotator],
                                    from->labels[l].label);
  return TRUE;
}

static int
compare_ints (const void *a,
              const void *b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return (x > y) - (x < y);
}

static int *
identity_rows (int n)
{
  int *rows = g_new (int, n);

  for (int i = 0; i < n; i++)
    rows[i] = i;
  return rows;
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
  CsLoadOptions options = { CS_STANDARDIZE_NEVER };
  CsDataset *carved;
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

  {
    const CsSplit *train = &dataset->splits[CS_SPLIT_TRAIN];
    g_autofree int *train_rows = identity_rows (train->n);

    cs_dataset_builder_set_name (builder, dataset->name);
    for (int r = 0; r < dataset->n_annotators; r++)
      cs_dataset_builder_declare_annotator (builder, dataset->annotator_ids[r]);
    if (!cs_dataset_builder_set_classes (builder, g_strdupv (dataset->class_names), dataset->source, error) ||
        !copy_rows (builder, dataset, train, CS_SPLIT_TRAIN, train_rows, train->n, error) ||
        !copy_rows (builder, dataset, test, CS_SPLIT_VALID, valid_rows, n_valid, error) ||
        !copy_rows (builder, dataset, test, CS_SPLIT_TEST, test_rows, n_test, error))
      return NULL;
  }
  if (!(carved = cs_dataset_builder_finish (builder, &options, error)))
    return NULL;
  /* The features were standardised already; keep the record of how. */
  carved->standardized = dataset->standardized;
  if (dataset->feature_mean)
    {
      carved->feature_mean = g_memdup2 (dataset->feature_mean, sizeof (float) * dataset->d);
      carved->feature_std = g_memdup2 (dataset->feature_std, sizeof (float) * dataset->d);
    }
  return carved;
}
