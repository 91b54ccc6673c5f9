/* main.c — crowdscope, the desktop application
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <locale.h>

#include "cs-application.h"
#include "cs-blas.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CsApplication) application = NULL;

  setlocale (LC_ALL, "");
  /* Before OpenBLAS first multiplies: the core shares products out over its own threads, and
   * OpenBLAS rounds otherwise once its thread count changes after a first product. */
  cs_blas_set_num_threads (1);
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Crowdscope"));
  application = cs_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
