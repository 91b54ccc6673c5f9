/* cs-dataset-builder.h — assembles a CsDataset from the pieces the loaders read
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-dataset.h"

G_BEGIN_DECLS

typedef struct _CsDatasetBuilder CsDatasetBuilder;
typedef struct _CsCsv            CsCsv;

/* Which columns of a long-form table hold the item, annotator and label; NULL picks the
 * first present, in any case, of the usual names (item/task/id, annotator/worker,
 * label/class). */
typedef struct
{
  const char *item;
  const char *annotator;
  const char *label;
} CsCrowdColumns;

/* Which columns of a gold table hold the item and its label; NULL picks the first present, in
 * any case, of the usual names (item/task/id/item_id, label/class/gold/true_label). */
typedef struct
{
  const char *item;
  const char *label;
} CsGoldColumns;

/* Only the builder creates datasets; it fills the fields of a zeroed box. */
CsDataset        *cs_dataset_alloc                  (void);

CsDatasetBuilder *cs_dataset_builder_new            (const char          *source);
void              cs_dataset_builder_free           (CsDatasetBuilder    *self);
void              cs_dataset_builder_set_name       (CsDatasetBuilder    *self,
                                                     const char          *name);
gboolean          cs_dataset_builder_set_classes    (CsDatasetBuilder    *self,
                                                     char               **names,
                                                     const char          *origin,
                                                     GError             **error);
gboolean          cs_dataset_builder_set_split      (CsDatasetBuilder    *self,
                                                     CsSplitKind          kind,
                                                     int                  n,
                                                     int                  d,
                                                     float               *features,
                                                     const char          *origin,
                                                     GError             **error);
gboolean          cs_dataset_builder_set_ids        (CsDatasetBuilder    *self,
                                                     CsSplitKind          kind,
                                                     char               **ids,
                                                     const char          *origin,
                                                     GError             **error);
/* The split's item ids from a table's id column (column, or NULL for the usual names): a gold
 * table's rows in order (crowd FALSE), or a crowd table's items in the order they first appear
 * (crowd TRUE). Messages about ids the split lacks name origin as where they came from. */
gboolean          cs_dataset_builder_set_ids_from_table (CsDatasetBuilder *self,
                                                     CsSplitKind          kind,
                                                     const CsCsv         *table,
                                                     const char          *column,
                                                     gboolean             crowd,
                                                     const char          *origin,
                                                     GError             **error);
int               cs_dataset_builder_parse_class    (CsDatasetBuilder    *self,
                                                     const char          *token,
                                                     GError             **error);
gboolean          cs_dataset_builder_parse_gold_cell (CsDatasetBuilder   *self,
                                                     const CsCsv         *table,
                                                     int                  row,
                                                     int                  col,
                                                     int32_t             *gold,
                                                     GError             **error);
gboolean          cs_dataset_builder_set_gold       (CsDatasetBuilder    *self,
                                                     CsSplitKind          kind,
                                                     int32_t             *gold,
                                                     int                  n,
                                                     const char          *origin,
                                                     GError             **error);
gboolean          cs_dataset_builder_set_gold_table (CsDatasetBuilder    *self,
                                                     CsSplitKind          kind,
                                                     const CsCsv         *table,
                                                     const CsGoldColumns *columns,
                                                     GError             **error);
gboolean          cs_dataset_builder_set_images     (CsDatasetBuilder    *self,
                                                     CsSplitKind          kind,
                                                     const char          *folder,
                                                     char * const        *files,
                                                     int                  n,
                                                     const char          *origin,
                                                     GError             **error);
gboolean          cs_dataset_builder_add_answers    (CsDatasetBuilder    *self,
                                                     CsSplitKind          kind,
                                                     const int32_t       *answers,
                                                     int                  rows,
                                                     int                  cols,
                                                     const char          *origin,
                                                     GError             **error);
gboolean          cs_dataset_builder_add_crowd_table (CsDatasetBuilder   *self,
                                                     CsSplitKind          kind,
                                                     const CsCsv         *table,
                                                     const CsCrowdColumns *columns,
                                                     GError             **error);
/* Labels for every split, each row going to the split whose ids hold its item; rows of items
 * no split holds are skipped with a warning. Call it once every split's ids are set. */
gboolean          cs_dataset_builder_add_crowd_table_by_id (CsDatasetBuilder     *self,
                                                     const CsCsv          *table,
                                                     const CsCrowdColumns *columns,
                                                     GError              **error);
void              cs_dataset_builder_declare_annotator (CsDatasetBuilder *self,
                                                     const char          *id);
void              cs_dataset_builder_add_label      (CsDatasetBuilder    *self,
                                                     CsSplitKind          kind,
                                                     int                  item,
                                                     const char          *annotator,
                                                     int                  label);
gboolean          cs_dataset_builder_copy_header    (CsDatasetBuilder    *self,
                                                     const CsDataset     *dataset,
                                                     GError             **error);
gboolean          cs_dataset_builder_copy_rows      (CsDatasetBuilder    *self,
                                                     const CsDataset     *dataset,
                                                     const CsSplit       *from,
                                                     CsSplitKind          kind,
                                                     const int           *rows,
                                                     int                  n,
                                                     gboolean             labels,
                                                     GError             **error);
gboolean          cs_dataset_builder_copy_split     (CsDatasetBuilder    *self,
                                                     const CsDataset     *dataset,
                                                     CsSplitKind          kind,
                                                     gboolean             labels,
                                                     GError             **error);
CsDataset        *cs_dataset_builder_finish_copy    (CsDatasetBuilder    *self,
                                                     const CsDataset     *dataset,
                                                     GError             **error);
void              cs_dataset_builder_warn           (CsDatasetBuilder    *self,
                                                     const char          *format,
                                                     ...) G_GNUC_PRINTF (2, 3);
CsDataset        *cs_dataset_builder_finish         (CsDatasetBuilder    *self,
                                                     const CsLoadOptions *options,
                                                     GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsDatasetBuilder, cs_dataset_builder_free)

G_END_DECLS
