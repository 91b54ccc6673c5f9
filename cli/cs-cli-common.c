/* cs-cli-common.c — what the subcommands of crowdscope-cli share
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>

#include "cs-cli.h"
#include "cs-json.h"

static gboolean no_standardize;
static gboolean standardize;

static GOptionEntry load_entries[] = {
  { "no-standardize", 0, 0, G_OPTION_ARG_NONE, &no_standardize,
    N_("Keep features as they are, even when their scales differ wildly"), NULL },
  { "standardize", 0, 0, G_OPTION_ARG_NONE, &standardize,
    N_("Standardise features with train-split statistics even when their scales are alike"), NULL },
  { NULL }
};

GOptionEntry *
cs_cli_load_option_entries (void)
{
  return load_entries;
}

int
cs_cli_fail (GError *error)
{
  fprintf (stderr, _("crowdscope-cli: error: %s\n"), error->message);
  g_error_free (error);
  return CS_CLI_EXIT_FAILURE;
}

/* Every usage error, whichever command finds it, reads "crowdscope-cli: error: …" and exits
 * with CS_CLI_EXIT_USAGE, as a failure reads the same with CS_CLI_EXIT_FAILURE. The command's
 * help follows when there is a context to take it from. */
int
cs_cli_usage (GOptionContext *context,
              const char     *message)
{
  g_autofree char *help = context ? g_option_context_get_help (context, TRUE, NULL) : NULL;

  fprintf (stderr, _("crowdscope-cli: error: %s\n%s%s"), message, help ? "\n" : "", help ? help : "");
  return CS_CLI_EXIT_USAGE;
}

gboolean
cs_cli_parse (GOptionContext   *context,
              int              *argc,
              char           ***argv)
{
  g_autoptr(GError) error = NULL;

  /* The commands' entries, parameter strings and descriptions are marked with N_(): GOption
   * looks them up in the domain when it writes the help. */
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (g_option_context_parse (context, argc, argv, &error))
    return TRUE;
  cs_cli_usage (NULL, error->message);
  return FALSE;
}

/* "conal, crowdlayer, ds, mv or gold": the core's names, so that a usage message cannot miss
 * a method. */
char *
cs_cli_method_names (void)
{
  GString *names = g_string_new (NULL);

  for (int m = 0; m < CS_N_METHODS; m++)
    g_string_append_printf (names, "%s%s", m == 0 ? "" : m == CS_N_METHODS - 1 ? _(" or ") : ", ",
                            cs_method_to_string (m));
  return g_string_free (names, FALSE);
}

CsDataset *
cs_cli_load_dataset (const char *path)
{
  CsLoadOptions options;
  GError *error = NULL;
  CsDataset *dataset;

  cs_load_options_init (&options);
  if (no_standardize)
    options.standardize = CS_STANDARDIZE_NEVER;
  else if (standardize)
    options.standardize = CS_STANDARDIZE_ALWAYS;
  if (!(dataset = cs_dataset_load (path, &options, &error)))
    cs_cli_fail (error);
  return dataset;
}

void
cs_cli_print_json (JsonNode *node)
{
  g_autofree char *text = cs_json_to_string (node, TRUE);

  fputs (text, stdout);
}
