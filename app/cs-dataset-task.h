/* cs-dataset-task.h — loading datasets and working out their figures off the main thread
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-dataset-figures.h"

G_BEGIN_DECLS

void       cs_dataset_load_async  (const char           *path,
                                   const CsLoadOptions  *options,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
CsDataset *cs_dataset_load_finish (GAsyncResult         *result,
                                   GError              **error);
/* The Shapes demo, written into the user's cache folder first if it is not there yet. */
void       cs_demo_load_async     (GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
char      *cs_demo_get_folder     (void);

/* The dataset's CsDatasetFigures, worked out on a worker thread. */
void              cs_dataset_figures_async  (CsDataset            *dataset,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
CsDatasetFigures *cs_dataset_figures_finish (GAsyncResult         *result,
                                             GError              **error);

G_END_DECLS
