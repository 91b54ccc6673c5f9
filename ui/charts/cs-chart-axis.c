/* cs-chart-axis.c — “nice” axis ticks and the number formats the charts share
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "cs-chart-axis.h"

/* Tolerance when a range end falls on a tick: 0.3 / 0.1 must count as 3 ticks. */
#define TICK_EPSILON 1e-9

static guint
count_ticks (double lo,
             double hi,
             double step)
{
  return (guint) (floor (hi / step + TICK_EPSILON) - ceil (lo / step - TICK_EPSILON) + 1);
}

/* The smallest 1-2-5 step, at least min_step, that puts at most max_ticks ticks on a span. */
double
cs_chart_nice_step (double span,
                    guint  max_ticks,
                    double min_step)
{
  static const double mantissas[] = { 1, 2, 5 };
  double step;
  int exponent;

  g_return_val_if_fail (isfinite (span) && span >= 0, 1);

  max_ticks = MAX (max_ticks, 2);
  if (span == 0)
    return MAX (min_step, 1);

  exponent = (int) floor (log10 (span / max_ticks));
  for (;; exponent++)
    for (guint m = 0; m < G_N_ELEMENTS (mantissas); m++)
      {
        step = mantissas[m] * pow (10, exponent);
        /* A span needs span / step + 1 ticks in the worst case, wherever it starts. */
        if (step >= min_step && span / step + 1 <= max_ticks + TICK_EPSILON)
          return step;
      }
}

/* Rounds the open end of an axis (the other end being fixed) out to a tick, so the highest
 * value sits under a labelled line. When that would waste more than a quarter of the axis,
 * as with 2.2 on an axis with room for three ticks (0, 2, 4), it rounds to a step of twice as
 * many ticks instead (2.5). */
double
cs_chart_round_end (double   fixed,
                    double   end,
                    guint    max_ticks,
                    double   min_step,
                    gboolean percent)
{
  double scale = percent ? 100 : 1, span = fabs (end - fixed), rounded = end;

  g_return_val_if_fail (isfinite (fixed) && isfinite (end), end);

  for (guint ticks = MAX (max_ticks, 2); ticks <= 2 * MAX (max_ticks, 2); ticks *= 2)
    {
      double step = cs_chart_nice_step (span * scale, ticks, min_step * scale) / scale;

      if (end >= fixed)
        rounded = ceil (end / step - TICK_EPSILON) * step;
      else
        rounded = floor (end / step + TICK_EPSILON) * step;
      if (fabs (rounded - end) <= 0.25 * fabs (rounded - fixed))
        break;
    }
  return rounded;
}

void
cs_chart_ticks_init (CsChartTicks *ticks,
                     double        lo,
                     double        hi,
                     guint         max_ticks,
                     double        min_step,
                     gboolean      percent)
{
  double scale = percent ? 100 : 1, shown_step;

  g_return_if_fail (ticks != NULL);
  g_return_if_fail (isfinite (lo) && isfinite (hi) && lo <= hi);

  /* Steps are chosen in the units shown, so a percent axis gets 10 %, 20 %, … */
  ticks->step = cs_chart_nice_step ((hi - lo) * scale, max_ticks, min_step * scale) / scale;
  ticks->first_index = (gint64) ceil (lo / ticks->step - TICK_EPSILON);
  ticks->n = count_ticks (lo, hi, ticks->step);
  ticks->divisor = 1;
  ticks->suffix = percent ? " %" : "";
  if (!percent && ticks->step >= 1e6)
    ticks->divisor = 1e6, ticks->suffix = "M";
  else if (!percent && ticks->step >= 1e3 && MAX (fabs (lo), fabs (hi)) >= 1e4)
    ticks->divisor = 1e3, ticks->suffix = "k";
  shown_step = ticks->step * scale / ticks->divisor;
  ticks->decimals = MAX (0, (int) -floor (log10 (shown_step) + TICK_EPSILON));
}

double
cs_chart_ticks_value (const CsChartTicks *ticks,
                      guint               i)
{
  /* Multiplying the index, rather than adding steps, keeps 0.1 × 3 from drifting. */
  return (ticks->first_index + (gint64) i) * ticks->step;
}

char *
cs_chart_ticks_format (const CsChartTicks *ticks,
                       double              value)
{
  double shown = value * (g_str_equal (ticks->suffix, " %") ? 100 : 1) / ticks->divisor;

  if (fabs (shown) < 0.5 * pow (10, -ticks->decimals))
    shown = 0;
  /* “0k” reads oddly; a percent axis keeps its unit at 0 as at every other tick. */
  if (shown == 0 && ticks->divisor > 1)
    return g_strdup ("0");
  return g_strdup_printf ("%.*f%s", ticks->decimals, shown, ticks->suffix);
}

/* A value in a read-out: counts as integers, fractions of a percent axis with one decimal, and
 * anything else (a loss) with four significant digits. */
char *
cs_chart_format_value (double   value,
                       gboolean percent)
{
  if (!isfinite (value))
    return g_strdup ("—");
  if (percent)
    return g_strdup_printf ("%.1f %%", value * 100);
  if (value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.4g", value);
}
