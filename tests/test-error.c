/* test-error.c
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-error.h"

static void
test_error_domain (void)
{
  g_autoptr(GError) error = g_error_new (CS_ERROR, CS_ERROR_PARSE, "x");

  g_assert_error (error, CS_ERROR, CS_ERROR_PARSE);
  g_assert_cmpstr (g_quark_to_string (CS_ERROR), ==, "cs-error-quark");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/error/domain", test_error_domain);
  return g_test_run ();
}
