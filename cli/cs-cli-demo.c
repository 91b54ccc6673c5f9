/* cs-cli-demo.c — `crowdscope-cli demo DIR`: writes the Shapes demo dataset
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>

#include "cs-cli.h"
#include "cs-demo.h"

int
cs_cli_demo (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (N_("DIR — write the Shapes demo dataset"));
  GError *error = NULL;
  gint64 seed = 1;
  GOptionEntry entries[] = {
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, N_("Random seed of the images and the crowd"), "SEED" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    N_("A few hundred drawn shapes with features from their pixels and a simulated crowd with\n"
    "planted confusions (planted.json), in a folder any Crowdscope command can open."));
  if (!cs_cli_parse (context, &argc, &argv))
    return CS_CLI_EXIT_USAGE;
  if (argc != 2)
    return cs_cli_usage (context, _("expected one DIR"));
  if (!cs_demo_write (argv[1], (uint64_t) seed, &error))
    return cs_cli_fail (error);
  printf ("%s\n", argv[1]);
  return 0;
}
