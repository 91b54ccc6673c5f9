/* cs-split-reader.h — reads one piece of a split (features, gold, crowd, images) from a file
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-dataset-builder.h"

G_BEGIN_DECLS

/* Which columns of a CSV features file mean what. feature_columns holds names or glob
 * patterns ("feature*"); NULL takes every column that is not the id, gold or image. */
typedef struct
{
  const char  *id_column;
  const char  *gold_column;
  const char  *image_column;
  char       **feature_columns;
  const char  *image_folder;   /* image names in image_column are relative to it */
} CsCsvSplitColumns;

gboolean cs_read_classes_file (CsDatasetBuilder         *builder,
                               const char               *path,
                               GError                  **error);
gboolean cs_read_features     (CsDatasetBuilder         *builder,
                               CsSplitKind               kind,
                               const char               *path,
                               const CsCsvSplitColumns  *columns,
                               GError                  **error);
gboolean cs_read_csv_split    (CsDatasetBuilder         *builder,
                               CsSplitKind               kind,
                               const CsCsv              *table,
                               const CsCsvSplitColumns  *columns,
                               GError                  **error);
gboolean cs_read_ids_file     (CsDatasetBuilder         *builder,
                               CsSplitKind               kind,
                               const char               *path,
                               GError                  **error);
gboolean cs_read_gold_file    (CsDatasetBuilder         *builder,
                               CsSplitKind               kind,
                               const char               *path,
                               const CsGoldColumns      *columns,
                               GError                  **error);
gboolean cs_read_crowd_file   (CsDatasetBuilder         *builder,
                               CsSplitKind               kind,
                               const char               *path,
                               const CsCrowdColumns     *columns,
                               GError                  **error);
/* The separator a long-form crowd table has by its name: a tab for .tsv and .tab, else a comma. */
char     cs_crowd_table_separator  (const char          *path);
/* A long-form table of labels for every split, see cs_dataset_builder_add_crowd_table_by_id(). */
gboolean cs_read_crowd_table_by_id (CsDatasetBuilder         *builder,
                                    const char               *path,
                                    char                      separator,
                                    const CsCrowdColumns     *columns,
                                    GError                  **error);
gboolean cs_read_image_list   (CsDatasetBuilder         *builder,
                               CsSplitKind               kind,
                               const char               *folder,
                               const char               *list_path,
                               GError                  **error);
/* A split of images without features: those list_path names (one a line), or when it is NULL
 * every PNG and JPEG file in folder by name; their features computed by the built-in image
 * descriptor (with a notice saying so), their ids the names without their extension. */
gboolean cs_read_image_split  (CsDatasetBuilder         *builder,
                               CsSplitKind               kind,
                               const char               *folder,
                               const char               *list_path,
                               GError                  **error);

G_END_DECLS
