/* cs-figure-task.h — saving a heatmap figure or the matrices behind it, off the main thread
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-figure-export.h"

G_BEGIN_DECLS

/* Saves `figure` (copied, matrices and names too, so the caller may change its own at once)
 * as the image `path` names by its extension (.png, .svg or .pdf), or with `csv` set its
 * matrices as CSV rows (matrix, true class, label given, value). */
void     cs_figure_save_async  (const CsHeatmapFigure *figure,
                                const CsImageInfo     *info,
                                const char            *path,
                                gboolean               csv,
                                GCancellable          *cancellable,
                                GAsyncReadyCallback    callback,
                                gpointer               user_data);
/* Saves a curves figure (taken) as PNG, SVG or PDF by its name's suffix, on a worker thread;
 * finished with cs_figure_save_finish(). */
void     cs_curve_figure_save_async (CsCurveFigure     *figure,
                                     const CsImageInfo *info,
                                     const char        *path,
                                     GCancellable      *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer           user_data);
gboolean cs_figure_save_finish (GAsyncResult          *result,
                                GError               **error);

G_END_DECLS
