/* test-chart-axis.c
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "cs-chart-axis.h"

static void
test_nice_step (void)
{
  /* The smallest 1-2-5 step that puts at most max_ticks ticks on the span. */
  g_assert_cmpfloat (cs_chart_nice_step (10, 6, 0), ==, 2);
  g_assert_cmpfloat (cs_chart_nice_step (10, 11, 0), ==, 1);
  g_assert_cmpfloat (cs_chart_nice_step (10, 5, 0), ==, 5);
  g_assert_cmpfloat (cs_chart_nice_step (100, 6, 0), ==, 20);
  g_assert_cmpfloat_with_epsilon (cs_chart_nice_step (1, 6, 0), 0.2, 1e-12);
  g_assert_cmpfloat_with_epsilon (cs_chart_nice_step (0.003, 4, 0), 0.001, 1e-15);
  g_assert_cmpfloat (cs_chart_nice_step (4999, 8, 0), ==, 1000);
  /* Epochs never get fractional steps. */
  g_assert_cmpfloat (cs_chart_nice_step (2, 10, 1), ==, 1);
  g_assert_cmpfloat (cs_chart_nice_step (0, 10, 1), ==, 1);
}

static void
test_round_end (void)
{
  /* To a tick when that wastes little, to a finer step when it would waste much. */
  g_assert_cmpfloat_with_epsilon (cs_chart_round_end (0, 2.3, 6, 0, FALSE), 2.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (cs_chart_round_end (0, 2.2, 3, 0, FALSE), 2.5, 1e-12);
  g_assert_cmpfloat (cs_chart_round_end (0, 1400, 3, 1, FALSE), ==, 1500);
  g_assert_cmpfloat (cs_chart_round_end (0, 410, 8, 1, FALSE), ==, 500);
  g_assert_cmpfloat (cs_chart_round_end (0, 5, 6, 1, FALSE), ==, 5);
  /* Downwards, for an open lower end. */
  g_assert_cmpfloat_with_epsilon (cs_chart_round_end (1, 0.83, 6, 0, TRUE), 0.8, 1e-12);
  g_assert_cmpfloat (cs_chart_round_end (0, -7, 6, 1, FALSE), ==, -8);
}

static void
assert_ticks (const CsChartTicks *ticks,
              const char * const *expected)
{
  g_assert_cmpuint (ticks->n, ==, g_strv_length ((char **) expected));
  for (guint i = 0; i < ticks->n; i++)
    {
      g_autofree char *text = cs_chart_ticks_format (ticks, cs_chart_ticks_value (ticks, i));

      g_assert_cmpstr (text, ==, expected[i]);
    }
}

static void
test_ticks (void)
{
  CsChartTicks ticks;

  cs_chart_ticks_init (&ticks, 0, 2.5, 6, 0, FALSE);
  assert_ticks (&ticks, (const char *[]) { "0.0", "0.5", "1.0", "1.5", "2.0", "2.5", NULL });

  /* Ticks fall on multiples of the step, not on the range's start. */
  cs_chart_ticks_init (&ticks, 1, 60, 7, 1, FALSE);
  assert_ticks (&ticks, (const char *[]) { "10", "20", "30", "40", "50", "60", NULL });

  /* 0.1 × 3 must not drift to 0.30000000000000004 and drop the last tick. */
  cs_chart_ticks_init (&ticks, 0, 0.3, 4, 0, FALSE);
  assert_ticks (&ticks, (const char *[]) { "0.0", "0.1", "0.2", "0.3", NULL });

  cs_chart_ticks_init (&ticks, -1, 1, 5, 0, FALSE);
  assert_ticks (&ticks, (const char *[]) { "-1.0", "-0.5", "0.0", "0.5", "1.0", NULL });
}

static void
test_ticks_percent (void)
{
  CsChartTicks ticks;

  /* Fractions in, percentages out, stepped in percent. */
  cs_chart_ticks_init (&ticks, 0, 1, 6, 0, TRUE);
  assert_ticks (&ticks, (const char *[]) { "0 %", "20 %", "40 %", "60 %", "80 %", "100 %", NULL });
  cs_chart_ticks_init (&ticks, 0.8, 0.9, 6, 0, TRUE);
  assert_ticks (&ticks, (const char *[]) { "80 %", "82 %", "84 %", "86 %", "88 %", "90 %", NULL });
}

static void
test_ticks_large (void)
{
  CsChartTicks ticks;

  cs_chart_ticks_init (&ticks, 0, 40000, 5, 1, FALSE);
  assert_ticks (&ticks, (const char *[]) { "0", "10k", "20k", "30k", "40k", NULL });
  cs_chart_ticks_init (&ticks, 0, 3e6, 4, 1, FALSE);
  assert_ticks (&ticks, (const char *[]) { "0", "1M", "2M", "3M", NULL });
  /* Below 10 000 numbers are short enough in full. */
  cs_chart_ticks_init (&ticks, 0, 5000, 6, 1, FALSE);
  assert_ticks (&ticks, (const char *[]) { "0", "1000", "2000", "3000", "4000", "5000", NULL });
}

static void
test_format_value (void)
{
  g_autofree char *count = cs_chart_format_value (1204, FALSE);
  g_autofree char *loss = cs_chart_format_value (0.123456, FALSE);
  g_autofree char *accuracy = cs_chart_format_value (0.8724, TRUE);
  g_autofree char *missing = cs_chart_format_value (NAN, TRUE);

  g_assert_cmpstr (count, ==, "1204");
  g_assert_cmpstr (loss, ==, "0.1235");
  g_assert_cmpstr (accuracy, ==, "87.2 %");
  g_assert_cmpstr (missing, ==, "—");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/chart-axis/nice-step", test_nice_step);
  g_test_add_func ("/chart-axis/round-end", test_round_end);
  g_test_add_func ("/chart-axis/ticks", test_ticks);
  g_test_add_func ("/chart-axis/ticks-percent", test_ticks_percent);
  g_test_add_func ("/chart-axis/ticks-large", test_ticks_large);
  g_test_add_func ("/chart-axis/format-value", test_format_value);
  return g_test_run ();
}
