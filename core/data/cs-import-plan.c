/* cs-import-plan.c — the files of a user's own dataset, as an import assistant gathers them
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "cs-import-plan.h"

/* In the order cs_dataset_builder_add_crowd_table() tries them. */
const char * const cs_import_item_names[] = { "item", "task", "id", NULL };
const char * const cs_import_annotator_names[] = { "annotator", "worker", NULL };
const char * const cs_import_label_names[] = { "label", "class", NULL };

CsImportPlan *
cs_import_plan_new (void)
{
  return g_new0 (CsImportPlan, 1);
}

static void
split_clear (CsImportSplit *split)
{
  g_free (split->features_path);
  g_strfreev (split->feature_columns);
  g_free (split->images_folder);
  g_free (split->image_column);
  g_free (split->image_list);
  g_free (split->id_column);
  g_free (split->ids_path);
  g_free (split->gold_column);
  g_free (split->gold_path);
  g_free (split->gold_id_column);
  g_free (split->gold_label_column);
}

void
cs_import_plan_free (CsImportPlan *self)
{
  if (self == NULL)
    return;
  g_free (self->crowd_path);
  g_free (self->item_column);
  g_free (self->annotator_column);
  g_free (self->label_column);
  for (int s = 0; s < CS_N_SPLITS; s++)
    split_clear (&self->splits[s]);
  g_free (self->name);
  g_strfreev (self->classes);
  g_free (self->folder);
  g_free (self);
}

void
cs_import_plan_set (char       **field,
                    const char  *value)
{
  g_return_if_fail (field != NULL);

  g_free (*field);
  *field = value != NULL && value[0] != '\0' ? g_strdup (value) : NULL;
}

static void
guess_column (char               **field,
              const char * const  *header,
              const char * const  *usual)
{
  if (*field != NULL)
    return;
  for (int i = 0; usual[i] != NULL; i++)
    for (int c = 0; header[c] != NULL; c++)
      if (g_ascii_strcasecmp (header[c], usual[i]) == 0)
        {
          *field = g_strdup (header[c]);
          return;
        }
}

gboolean
cs_import_plan_guess_crowd_columns (CsImportPlan        *self,
                                    const char * const  *header)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (header != NULL, FALSE);

  guess_column (&self->item_column, header, cs_import_item_names);
  guess_column (&self->annotator_column, header, cs_import_annotator_names);
  guess_column (&self->label_column, header, cs_import_label_names);
  return self->item_column != NULL && self->annotator_column != NULL &&
         self->label_column != NULL;
}
