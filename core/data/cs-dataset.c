/* cs-dataset.c — one crowd-labelled dataset in memory
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "cs-dataset-builder.h"

static const char *split_names[CS_N_SPLITS] = { "train", "valid", "test" };

static void
cs_split_clear (CsSplit *split)
{
  g_clear_pointer (&split->item_ids, g_strfreev);
  g_clear_pointer (&split->features, g_free);
  g_clear_pointer (&split->gold, g_free);
  g_clear_pointer (&split->image_paths, g_strfreev);
  g_clear_pointer (&split->labels, g_free);
  g_clear_pointer (&split->item_offsets, g_free);
  g_clear_pointer (&split->annotator_offsets, g_free);
  g_clear_pointer (&split->by_annotator, g_free);
}

static void
cs_dataset_clear (CsDataset *self)
{
  for (int s = 0; s < CS_N_SPLITS; s++)
    cs_split_clear (&self->splits[s]);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->class_names, g_strfreev);
  g_clear_pointer (&self->annotator_ids, g_strfreev);
  g_clear_pointer (&self->dropped_annotators, g_strfreev);
  g_clear_pointer (&self->feature_mean, g_free);
  g_clear_pointer (&self->feature_std, g_free);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
}

CsDataset *
cs_dataset_alloc (void)
{
  CsDataset *self = g_atomic_rc_box_new0 (CsDataset);

  self->warnings = g_ptr_array_new_with_free_func (g_free);
  return self;
}

CsDataset *
cs_dataset_ref (CsDataset *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
cs_dataset_unref (CsDataset *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) cs_dataset_clear);
}

void
cs_load_options_init (CsLoadOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (CsLoadOptions) { .standardize = CS_STANDARDIZE_AUTO };
}

const CsSplit *
cs_dataset_get_split (const CsDataset *self,
                      CsSplitKind      kind)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (kind < CS_N_SPLITS, NULL);

  return self->splits[kind].present ? &self->splits[kind] : NULL;
}

const char *
cs_split_kind_to_string (CsSplitKind kind)
{
  g_return_val_if_fail (kind < CS_N_SPLITS, NULL);

  return split_names[kind];
}

bool
cs_split_kind_from_string (const char  *name,
                           CsSplitKind *kind)
{
  for (int s = 0; s < CS_N_SPLITS; s++)
    if (g_strcmp0 (name, split_names[s]) == 0)
      {
        *kind = s;
        return true;
      }
  return false;
}

int
cs_dataset_find_class (const CsDataset *self,
                       const char      *name)
{
  g_return_val_if_fail (self != NULL, -1);

  for (int k = 0; k < self->n_classes; k++)
    if (strcmp (self->class_names[k], name) == 0)
      return k;
  return -1;
}

int
cs_dataset_get_n_labels (const CsDataset *self)
{
  int n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (int s = 0; s < CS_N_SPLITS; s++)
    n += self->splits[s].n_labels;
  return n;
}

static void
checksum_int (GChecksum *sum,
              int64_t    v)
{
  g_checksum_update (sum, (const guchar *) &v, sizeof v);
}

/* A short digest of everything that affects training: classes, annotators, features, gold
 * and crowd labels. A checkpoint records it so `test` can tell a different dataset apart. */
char *
cs_dataset_fingerprint (const CsDataset *self)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_return_val_if_fail (self != NULL, NULL);

  checksum_int (sum, self->d);
  for (int k = 0; k < self->n_classes; k++)
    g_checksum_update (sum, (const guchar *) self->class_names[k], strlen (self->class_names[k]) + 1);
  for (int r = 0; r < self->n_annotators; r++)
    g_checksum_update (sum, (const guchar *) self->annotator_ids[r], strlen (self->annotator_ids[r]) + 1);
  for (int s = 0; s < CS_N_SPLITS; s++)
    {
      const CsSplit *split = &self->splits[s];

      checksum_int (sum, split->present ? split->n : -1);
      if (!split->present)
        continue;
      g_checksum_update (sum, (const guchar *) split->features, sizeof (float) * split->n * self->d);
      if (split->gold != NULL)
        g_checksum_update (sum, (const guchar *) split->gold, sizeof (int32_t) * split->n);
      g_checksum_update (sum, (const guchar *) split->labels, sizeof (CsCrowdLabel) * split->n_labels);
    }
  return g_strndup (g_checksum_get_string (sum), 16);
}
