/* cs-cli.h — the subcommands of crowdscope-cli and what they share
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "cs-curve-band.h"
#include "cs-dataset.h"
#include "cs-figure-export.h"
#include "cs-run-store.h"
#include "cs-trainer.h"

G_BEGIN_DECLS

/* Exit statuses: 0 success, 1 a failure the message explains, 2 a usage error. */
#define CS_CLI_EXIT_FAILURE 1
#define CS_CLI_EXIT_USAGE   2

int         cs_cli_info                 (int                  argc,
                                         char               **argv);
int         cs_cli_train                (int                  argc,
                                         char               **argv);
int         cs_cli_test                 (int                  argc,
                                         char               **argv);
int         cs_cli_export               (int                  argc,
                                         char               **argv);
int         cs_cli_annotators           (int                  argc,
                                         char               **argv);
int         cs_cli_predict              (int                  argc,
                                         char               **argv);
int         cs_cli_experiment           (int                  argc,
                                         char               **argv);
int         cs_cli_simulate             (int                  argc,
                                         char               **argv);
int         cs_cli_import               (int                  argc,
                                         char               **argv);
int         cs_cli_demo                 (int                  argc,
                                         char               **argv);
int         cs_cli_runs                 (int                  argc,
                                         char               **argv);
int         cs_cli_runs_show            (CsRunStore          *store,
                                         const char          *id,
                                         gboolean             json);
int         cs_cli_runs_curves          (GOptionContext      *context,
                                         CsRunStore          *store,
                                         char               **ids,
                                         int                  n,
                                         const char          *out,
                                         const char          *curve);
/* The image format of path (when given) and the field --curve names (test when NULL), or a
 * usage message naming option. */
char       *cs_cli_check_curves         (const char          *option,
                                         const char          *path,
                                         const char          *curve,
                                         CsImageFormat       *format,
                                         CsCurveField        *field);

/* Shared by the subcommands. */
GOptionEntry *cs_cli_load_option_entries (void);
CsDataset  *cs_cli_load_dataset         (const char          *path);
int         cs_cli_fail                 (GError              *error);
/* Prints a usage error, with context's help unless NULL; returns CS_CLI_EXIT_USAGE. */
int         cs_cli_usage                (GOptionContext      *context,
                                         const char          *message);
void        cs_cli_print_json           (JsonNode            *node);
GOptionEntry *cs_cli_train_option_entries (void);
/* A usage message for a training option's value the core would not take, or NULL. */
char       *cs_cli_check_train_options  (void);
char       *cs_cli_method_names         (void);
gboolean    cs_cli_train_config         (CsTrainConfig       *config,
                                         const char          *dataset_name,
                                         GError             **error);
gboolean    cs_cli_train_config_for     (CsTrainConfig       *config,
                                         CsMethod             method,
                                         const char          *dataset_name,
                                         GError             **error);
gboolean    cs_cli_parse                (GOptionContext      *context,
                                         int                 *argc,
                                         char              ***argv);
/* The run store: $CROWDSCOPE_RUNS_DIR, else the user's (cs_run_store_default_path). */
CsRunStore *cs_cli_open_store           (void);
char       *cs_cli_format_date          (const char          *iso8601);
char       *cs_cli_format_percent       (double               fraction);

G_END_DECLS
