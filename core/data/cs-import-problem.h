/* cs-import-problem.h — what is wrong with one step of an import, and where
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-error.h"

G_BEGIN_DECLS

/* The steps of an import, in the order the assistant asks them. */
typedef enum
{
  CS_IMPORT_STEP_CROWD,     /* the crowd labels file and its columns */
  CS_IMPORT_STEP_FEATURES,  /* the features (or images) of each split */
  CS_IMPORT_STEP_GOLD,      /* the gold labels of each split */
  CS_IMPORT_STEP_SPLITS,    /* the splits given, or carved out of train */
  CS_IMPORT_STEP_SUMMARY,   /* the dataset as a whole: classes, name, the loaded result */
  CS_IMPORT_N_STEPS /*< skip >*/
} CsImportStep;

/* The most problems one check lists: a table with a thousand bad rows shows the first ones. */
#define CS_IMPORT_MAX_PROBLEMS 20

/* One problem, to be shown inline at its step. Lines and columns are 1-based; 0 means the
 * problem is with the whole file (line 0) or the whole line (column 0). */
typedef struct
{
  CsImportStep  step;
  CsSplitKind   split;      /* the split it concerns; CS_SPLIT_TRAIN for the crowd step */
  CsError       code;       /* CS_ERROR_IO, _PARSE, _FORMAT, _VALUE, _INVALID … */
  char         *file;       /* the file at fault, or NULL when none is (a missing choice) */
  int           line;
  int           column;
  char         *message;    /* complete, for a person: "FILE:LINE:COLUMN: what was expected,
                             * what was found" */
} CsImportProblem;

CsImportProblem *cs_import_problem_new      (CsImportStep            step,
                                             CsSplitKind             split,
                                             CsError                 code,
                                             const char             *file,
                                             int                     line,
                                             int                     column,
                                             const char             *format,
                                             ...) G_GNUC_PRINTF (7, 8);
/* A problem from an error of the core's readers, whose message starts "FILE:LINE: " when it
 * names a line; file is the file the reader was given. */
CsImportProblem *cs_import_problem_new_from_error (CsImportStep      step,
                                                   CsSplitKind       split,
                                                   const char       *file,
                                                   const GError     *error);
void             cs_import_problem_free     (CsImportProblem        *self);
/* Sets error (CS_ERROR, the problem's code) to the problem's message; returns FALSE. */
gboolean         cs_import_problem_to_error (const CsImportProblem  *self,
                                             GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsImportProblem, cs_import_problem_free)

G_END_DECLS
