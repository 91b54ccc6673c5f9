/* cs-run-info.h — what a kept run's run.json says about it: the fields a list of runs shows
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "cs-trainer.h"

G_BEGIN_DECLS

#define CS_RUN_INFO_FILE    "run.json"
/* Stores written by a later Crowdscope with a higher version are refused, not guessed at. */
#define CS_RUN_INFO_VERSION 1

typedef enum
{
  CS_RUN_STATE_COMPLETE,
  CS_RUN_STATE_INCOMPLETE,     /* still being written */
} CsRunState;

typedef struct
{
  char       *id;              /* the name of the run's folder in the store */
  char       *name;            /* the user's; by default "CoNAL on labelme, seed 1" */
  char       *dataset_name;
  char       *dataset_path;    /* absolute, as it was when the run was trained */
  char       *fingerprint;     /* of the dataset given to the trainer */
  char       *created;         /* ISO 8601, UTC */
  gint64      created_us;      /* the same in microseconds since 1970: a listing's order */
  CsRunState  state;
  CsMethod    method;
  uint64_t    seed;
  int         best_epoch;      /* 1-based: the selected epoch */
  double      valid_accuracy;  /* of the selected epoch, NaN where not measured */
  double      test_accuracy;
} CsRunInfo;

CsRunInfo *cs_run_info_new_for_run  (const CsRun      *run,
                                     const char       *id,
                                     const char       *name,
                                     GDateTime        *created);
char      *cs_run_info_default_name (const CsRun      *run);
void       cs_run_info_free         (CsRunInfo        *self);

/* The fields as members of the object being built: run.json's, and `runs --json`'s. */
void       cs_run_info_add_members  (const CsRunInfo  *self,
                                     JsonBuilder      *builder);
/* The text of run.json. */
char      *cs_run_info_to_text      (const CsRunInfo  *self);
CsRunInfo *cs_run_info_parse        (const char       *data,
                                     gsize             len,
                                     const char       *path,
                                     GError          **error);
CsRunInfo *cs_run_info_read         (const char       *path,
                                     GError          **error);
gboolean   cs_run_info_write        (const CsRunInfo  *self,
                                     const char       *path,
                                     GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsRunInfo, cs_run_info_free)

G_END_DECLS
