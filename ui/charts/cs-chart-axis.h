/* cs-chart-axis.h — “nice” axis ticks and the number formats the charts share
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Ticks at whole multiples of a 1-2-5 step (…, 0.5, 1, 2, 5, 10, …). Values are in data units;
 * a percent axis takes fractions and shows them multiplied by 100. */
typedef struct
{
  double      step;
  gint64      first_index;  /* the first tick is first_index × step */
  guint       n;
  int         decimals;     /* digits after the point that tell two ticks apart */
  double      divisor;      /* 1, 1e3 or 1e6: large values show as “20k”, “3M” */
  const char *suffix;       /* "", "k", "M" or " %" */
} CsChartTicks;

double  cs_chart_nice_step      (double              span,
                                 guint               max_ticks,
                                 double              min_step);
double  cs_chart_round_end      (double              fixed,
                                 double              end,
                                 guint               max_ticks,
                                 double              min_step,
                                 gboolean            percent);
void    cs_chart_ticks_init     (CsChartTicks       *ticks,
                                 double              lo,
                                 double              hi,
                                 guint               max_ticks,
                                 double              min_step,
                                 gboolean            percent);
double  cs_chart_ticks_value    (const CsChartTicks *ticks,
                                 guint               i);
char   *cs_chart_ticks_format   (const CsChartTicks *ticks,
                                 double              value);
char   *cs_chart_format_value   (double              value,
                                 gboolean            percent);

G_END_DECLS
