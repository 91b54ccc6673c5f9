/* cs-cli-curves.c — curve figures: `experiment … --curves FILE` and
 * `runs curves ID ID… --out FILE`, each with `--curve test|valid|train|train-loss`
 *
 * The figures are the core's (cs-curve-figures.h), the same the window exports.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "cs-cli.h"
#include "cs-curve-figures.h"
#include "cs-figure-export.h"

static const struct
{
  const char   *name;
  CsCurveField  field;
} curves[] = {
  { "test", CS_CURVE_TEST_ACCURACY },
  { "valid", CS_CURVE_VALID_ACCURACY },
  { "train", CS_CURVE_TRAIN_ACCURACY },
  { "train-loss", CS_CURVE_TRAIN_LOSS },
};

char *
cs_cli_check_curves (const char    *option,
                     const char    *path,
                     const char    *curve,
                     CsImageFormat *format,
                     CsCurveField  *field)
{
  guint i;

  if (path != NULL && !cs_image_format_from_path (path, format))
    return g_strdup_printf (_("%s: expected a .png, .svg or .pdf file name, not '%s'"), option, path);
  for (i = 0; curve != NULL && i < G_N_ELEMENTS (curves); i++)
    if (strcmp (curve, curves[i].name) == 0)
      break;
  if (i == G_N_ELEMENTS (curves))
    return g_strdup_printf (_("--curve: expected test, valid, train or train-loss, not '%s'"), curve);
  *field = curve ? curves[i].field : CS_CURVE_TEST_ACCURACY;
  return NULL;
}

/* The kept runs' histories and names, loaded one by one; NULL with an error naming the first id
 * that is not kept or does not load. */
static CsCurveFigure *
figure_of_runs (CsRunStore    *store,
                char         **ids,
                int            n,
                CsCurveField   field,
                GError       **error)
{
  g_autoptr(GPtrArray) checkpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_checkpoint_free);
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_run_info_free);
  g_autoptr(GPtrArray) histories = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (int i = 0; i < n; i++)
    {
      CsRunInfo *info = NULL;
      CsCheckpoint *checkpoint = cs_run_store_load (store, ids[i], &info, error);

      if (checkpoint == NULL)
        return NULL;
      g_ptr_array_add (checkpoints, checkpoint);
      g_ptr_array_add (infos, info);
      g_ptr_array_add (histories, checkpoint->history);
      g_ptr_array_add (labels, info->name);
    }
  return cs_curve_figure_new_for_runs ((GArray * const *) histories->pdata,
                                       (const char * const *) labels->pdata, n, field);
}

int
cs_cli_runs_curves (GOptionContext  *context,
                    CsRunStore      *store,
                    char           **ids,
                    int              n,
                    const char      *out,
                    const char      *curve)
{
  g_autoptr(CsCurveFigure) figure = NULL;
  g_autofree char *usage = NULL;
  g_autofree char *what = NULL;
  CsImageFormat format;
  CsCurveField field;
  GError *error = NULL;

  if (out == NULL)
    return cs_cli_usage (context, _("runs curves: expected --out FILE.png, .svg or .pdf"));
  if ((usage = cs_cli_check_curves ("--out", out, curve, &format, &field)))
    return cs_cli_usage (context, usage);
  if (!(figure = figure_of_runs (store, ids, n, field, &error)))
    return cs_cli_fail (error);
  what = g_strjoinv (", ", ids);
  if (!cs_curve_figure_save (figure, &(CsImageInfo) { .run = what }, out, format, &error))
    return cs_cli_fail (error);
  return 0;
}
