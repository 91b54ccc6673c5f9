/* cs-curve-figures.c — the curve figures of runs, as the window shows them and the command line
 * writes them
 *
 * The window and the command line both build their figures here, so that a figure exported
 * from the window can be made again from a terminal.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include "cs-curve-figures.h"

#include <math.h>

#include "cs-published.h"

/* "Test accuracy by epoch" and the rest, after the field's title. */
static CsCurveFigure *
new_figure (CsCurveField  field,
            const char   *detail)
{
  const char *what = cs_curve_field_get_title (field);
  g_autofree char *title = g_strdup_printf (_("%c%s by epoch%s"), g_ascii_toupper (what[0]),
                                            what + 1, detail);

  return cs_curve_figure_new (title, what, cs_curve_field_is_accuracy (field));
}

static void
add_history (CsCurveFigure *figure,
             const char    *label,
             guint          color,
             CsCurveLine    line,
             const GArray  *history,
             CsCurveField   field)
{
  g_autofree double *y = g_new (double, MAX (history->len, 1));

  for (guint e = 0; e < history->len; e++)
    y[e] = cs_epoch_metrics_get (&g_array_index (history, CsEpochMetrics, e), field);
  cs_curve_figure_add_line (figure, label, color, line, y, (int) history->len);
}

/* The histories of method among runs [n]; how many, in *count. */
static GArray **
histories_of (const CsMethodHistory *runs,
              int                    n,
              CsMethod               method,
              int                   *count)
{
  GArray **histories = g_new (GArray *, MAX (n, 1));

  *count = 0;
  for (int i = 0; i < n; i++)
    if (runs[i].method == method)
      histories[(*count)++] = (GArray *) runs[i].history;
  return histories;
}

/* The method's mean over its runs, bold and labelled, on its band of ± std, at the epochs
 * every run has a value for: a mean of some runs here and others there would be a curve of no
 * run set. (An experiment scores the test split only at each run's selected epoch, so its test
 * curves are points, which the thin lines show.) */
static void
add_mean (CsCurveFigure  *figure,
          CsMethod        method,
          GArray * const *histories,
          int             count,
          CsCurveField    field)
{
  g_autoptr(CsCurveBand) band = cs_curve_band_new (histories, count, field);
  g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%d seed)",
                                                         "%s (%d seeds)", count),
                                            cs_method_get_title (method), count);

  for (int e = 0; e < band->n_epochs; e++)
    if (band->n_runs[e] < count)
      band->mean[e] = band->std[e] = NAN;
  cs_curve_figure_add_band (figure, NULL, method, band->mean, band->std, band->n_epochs);
  cs_curve_figure_add_line (figure, label, method, CS_CURVE_LINE_BOLD, band->mean,
                            band->n_epochs);
}

static void
add_published (CsCurveFigure *figure,
               CsMethod       method,
               const char    *dataset_name)
{
  const CsPublished *published = cs_published_find (dataset_name, method);
  g_autofree char *label = NULL;

  if (published == NULL)
    return;
  label = g_strdup_printf ("%s: %.2f ± %.2f %%", published->source, 100 * published->test_mean,
                           100 * published->test_std);
  cs_curve_figure_add_reference (figure, label, method, published->test_mean,
                                 published->test_std);
}

CsCurveFigure *
cs_curve_figure_new_for_methods (const CsMethodHistory *runs,
                                 int                    n,
                                 const char            *dataset_name,
                                 CsCurveField           field)
{
  g_autofree char *detail = dataset_name ? g_strdup_printf (_(" on %s"), dataset_name) : g_strdup ("");
  bool present[CS_N_METHODS];
  CsCurveFigure *figure;

  g_return_val_if_fail (n >= 0 && (runs != NULL || n == 0), NULL);

  figure = new_figure (field, detail);
  cs_curve_figure_set_subtitle (figure, _("thin: each run · bold: the mean of a method’s runs · "
                                        "shaded: ± one standard deviation"));
  for (int i = 0; i < n; i++)
    add_history (figure, NULL, runs[i].method, CS_CURVE_LINE_THIN, runs[i].history, field);
  for (CsMethod m = 0; m < CS_N_METHODS; m++)
    {
      int count;
      g_autofree GArray **histories = histories_of (runs, n, m, &count);

      present[m] = count > 0;
      if (count > 0)
        add_mean (figure, m, histories, count, field);
    }
  /* Published figures are of the test split, at the epoch each paper selected. */
  for (CsMethod m = 0; m < CS_N_METHODS && field == CS_CURVE_TEST_ACCURACY && dataset_name; m++)
    if (present[m])
      add_published (figure, m, dataset_name);
  return figure;
}

CsCurveFigure *
cs_curve_figure_new_for_experiment (const CsExperiment *experiment,
                                    const char         *dataset_name,
                                    CsCurveField        field)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (CsMethodHistory));
  int n_rows, n_seeds;

  g_return_val_if_fail (experiment != NULL, NULL);

  cs_experiment_get_size (experiment, &n_rows, &n_seeds);
  for (int r = 0; r < n_rows; r++)
    for (int s = 0; s < n_seeds; s++)
      {
        const CsRun *run = cs_experiment_get_run (experiment, r, s);
        CsMethodHistory entry;

        if (run == NULL)
          continue;
        entry = (CsMethodHistory) { run->config.method, run->history };
        g_array_append_val (runs, entry);
      }
  return cs_curve_figure_new_for_methods ((const CsMethodHistory *) runs->data, (int) runs->len,
                                          dataset_name, field);
}

CsCurveFigure *
cs_curve_figure_new_for_runs (GArray * const     *histories,
                              const char * const *labels,
                              int                 n,
                              CsCurveField        field)
{
  g_autofree char *detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, ", %d run compared",
                                                          ", %d runs compared", n), n);
  CsCurveFigure *figure;

  g_return_val_if_fail (n >= 0 && (n == 0 || (histories != NULL && labels != NULL)), NULL);

  figure = new_figure (field, detail);
  for (int i = 0; i < n; i++)
    add_history (figure, labels[i], (guint) i, CS_CURVE_LINE_BOLD, histories[i], field);
  return figure;
}
