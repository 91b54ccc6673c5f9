/* cs-experiment.h — methods × seeds on one dataset: the papers' comparison table
 *
 * Every method is trained with seeds 1…N on the same splits; a row of the table gives the mean
 * and the population standard deviation (ddof 0, numpy's default) of each run's accuracies at
 * its selected epoch.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "cs-trainer.h"

G_BEGIN_DECLS

typedef struct _CsExperiment CsExperiment;

/* One method's runs so far. With no finished run every figure is NaN. */
typedef struct
{
  CsMethod method;
  int      n_runs;             /* finished runs */
  double   test_mean;          /* test accuracy of each run's selected epoch */
  double   test_std;
  double   valid_mean;         /* accuracy on the split the epoch was selected on */
  double   valid_std;
  double   best_epoch_mean;
  double   seconds_per_epoch;  /* mean training time of an epoch, evaluation excluded */
  double   seconds_per_run;    /* mean time of a whole run, evaluation included */
} CsExperimentRow;

/* A run that has just finished. */
typedef struct
{
  int          row;            /* its method's row */
  int          seed_index;     /* 0-based: the run's seed is seed_index + 1 */
  const CsRun *run;            /* owned by the experiment, valid as long as it is */
  double       seconds;        /* the run's time, evaluation included */
} CsExperimentRun;

/* Called once per finished run, on the worker thread that trained it, one call at a time,
 * with the run and its row as they stand with it: a window can show rows filling in. It should
 * return quickly, since other finished runs wait for it. */
typedef void (*CsExperimentProgressFunc) (const CsExperimentRun *finished,
                                          const CsExperimentRow *row,
                                          gpointer               data);

typedef struct
{
  CsExperimentProgressFunc progress;
  CsAbortFunc              abort;   /* asked before each run and between its mini-batches,
                                     * from every worker at once: it must be thread-safe */
  gpointer                 data;
} CsExperimentCallbacks;

typedef enum
{
  CS_TABLE_TEXT,               /* aligned columns, for a terminal */
  CS_TABLE_MARKDOWN,
  CS_TABLE_CSV,                /* a header row, then a row per method, for a spreadsheet */
} CsTableFormat;

CsExperiment *cs_experiment_new          (CsDataset                   *dataset,
                                          const CsTrainConfig         *configs /* [n_methods] */,
                                          int                          n_methods,
                                          int                          n_seeds);
gboolean      cs_experiment_run          (CsExperiment                *self,
                                          int                          jobs,
                                          const CsExperimentCallbacks *callbacks,
                                          GError                     **error);
void          cs_experiment_free         (CsExperiment                *self);
/* Before the run: score the test split at every epoch, for curves of it, rather than once at
 * each run's selected epoch (the default, as the command line does). The selected epoch and its
 * accuracies are the same either way; the runs take a little longer. */
void          cs_experiment_set_test_every_epoch (CsExperiment        *self,
                                                  bool                 every_epoch);

/* These read the experiment once cs_experiment_run has returned; rows and seeds are as given to
 * cs_experiment_new. */
void          cs_experiment_get_size     (const CsExperiment          *self,
                                          int                         *n_rows,
                                          int                         *n_seeds);
const CsRun  *cs_experiment_get_run      (const CsExperiment          *self,
                                          int                          row,
                                          int                          seed_index);
void          cs_experiment_get_row      (const CsExperiment          *self,
                                          int                          row,
                                          CsExperimentRow             *out);
bool          cs_experiment_test_used_for_selection (const CsExperiment *self);
void          cs_experiment_format_table (const CsExperiment          *self,
                                          CsTableFormat                format,
                                          GString                     *out);
JsonNode     *cs_experiment_to_json      (const CsExperiment          *self);

/* The mean and the population standard deviation (ddof 0) of values [n]; NaN for n = 0. */
void          cs_mean_std                (const double                *values,
                                          int                          n,
                                          double                      *mean,
                                          double                      *std);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsExperiment, cs_experiment_free)

G_END_DECLS
