/* cs-session.h — what the window shows: the open dataset, the current run, the runs kept
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-colormap.h"
#include "cs-dataset-figures.h"
#include "cs-run-history.h"
#include "cs-train-options.h"
#include "cs-training.h"

G_BEGIN_DECLS

typedef enum
{
  CS_SESSION_OPEN_NONE     = 0,
  CS_SESSION_OPEN_STOP_RUN = 1 << 0,   /* stop a run in progress instead of refusing */
} CsSessionOpenFlags;

typedef enum
{
  CS_SESSION_ERROR_BUSY,               /* a run is in progress: nothing was done */
  CS_SESSION_ERROR_NO_DATASET,
  CS_SESSION_ERROR_NO_STORE,           /* the session keeps no runs */
  CS_SESSION_ERROR_DATASET_GONE,       /* a kept run's dataset is no longer where it was */
} CsSessionError;

#define CS_SESSION_ERROR (cs_session_error_quark ())
GQuark cs_session_error_quark (void);

#define CS_TYPE_SESSION (cs_session_get_type ())

G_DECLARE_FINAL_TYPE (CsSession, cs_session, CS, SESSION, GObject)

CsSession            *cs_session_new            (void);
/* The run store every run that finishes, or stops with an epoch, is kept in (by default the
 * user's, or $CROWDSCOPE_RUNS_DIR); NULL keeps none. Taken by the runs started after. */
const char           *cs_session_get_store_path (CsSession       *self);
void                  cs_session_set_store_path (CsSession       *self,
                                                 const char      *path);

/* The runs of the store, as a list model; NULL when the session keeps none. */
CsRunHistory         *cs_session_get_history    (CsSession           *self);

CsDataset            *cs_session_get_dataset    (CsSession           *self);
const char           *cs_session_get_title      (CsSession           *self);
gboolean              cs_session_get_loading    (CsSession           *self);
const CsDatasetFigures *cs_session_get_figures  (CsSession           *self);
const CsDatasetStats *cs_session_get_stats      (CsSession           *self);
GListModel           *cs_session_get_annotators (CsSession           *self);
GListModel           *cs_session_get_items      (CsSession           *self);
GListModel           *cs_session_get_runs       (CsSession           *self);
CsTraining           *cs_session_get_training   (CsSession           *self);
gboolean              cs_session_get_running    (CsSession           *self);
CsPalette             cs_session_get_palette    (CsSession           *self);
void                  cs_session_set_palette    (CsSession           *self,
                                                 CsPalette            palette);
/* Running, and not yet asked to stop: what stopping it would lose. */
gboolean              cs_session_get_busy       (CsSession           *self);
CsTrainOptions       *cs_session_get_options    (CsSession           *self);

/* Opens the dataset at `path` (NULL: the demo dataset, written into the user's cache folder
 * the first time). While a run goes on it fails with CS_SESSION_ERROR_BUSY unless `flags` say
 * to stop it; a newer open replaces an older one still loading, which then fails with
 * G_IO_ERROR_CANCELLED. The dataset open before stays open when loading fails. */
void                  cs_session_open_async     (CsSession           *self,
                                                 const char          *path,
                                                 CsSessionOpenFlags   flags,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean              cs_session_open_finish    (CsSession           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* Starts a run with the options on the open dataset; it joins the runs. */
CsTraining           *cs_session_train          (CsSession           *self,
                                                 GError             **error);
/* Reopens the run `id` of the session's run store without retraining: it joins the runs as
 * the current one, or becomes the current one again when it is among them. A run trained on
 * another dataset than the open one opens that one first, as cs_session_open_async does;
 * CS_SESSION_ERROR_DATASET_GONE when it is no longer where it was, CS_SESSION_ERROR_BUSY while
 * a run goes on. */
void                  cs_session_reopen_async   (CsSession           *self,
                                                 const char          *id,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
CsTraining           *cs_session_reopen_finish  (CsSession           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
void                  cs_session_stop           (CsSession           *self);

G_END_DECLS
