/* cs-cli.c — crowdscope-cli, the command-line face of the core
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib.h>

int
main (int   argc,
      char *argv[])
{
  return 0;
}
