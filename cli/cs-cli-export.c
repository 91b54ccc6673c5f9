/* cs-cli-export.c — `crowdscope-cli export CHECKPOINT --confusions FILE --image FILE`
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>

#include "cs-annotator-images.h"
#include "cs-cli.h"

typedef struct
{
  char     *confusions;
  char     *image;
  char     *matrix;
  char     *kind_name;
  char     *dataset;
  gboolean  probabilities;
} ExportOptions;

static void
export_options_clear (ExportOptions *o)
{
  g_free (o->confusions);
  g_free (o->image);
  g_free (o->matrix);
  g_free (o->kind_name);
  g_free (o->dataset);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExportOptions, export_options_clear)

/* The report the effective and empirical matrices and the images come from, made once. */
static CsAnnotatorReport *
report_for (CsCheckpoint  *checkpoint,
            const char    *dataset,
            GError       **error)
{
  g_autoptr(CsCheckpointDataset) data = cs_checkpoint_dataset_load (checkpoint, dataset, error);

  return data ? cs_annotator_report_from_checkpoint (checkpoint, data, error) : NULL;
}

static gboolean
export_confusions (CsCheckpoint             *checkpoint,
                   const CsAnnotatorReport  *report,
                   CsMatrixKind              kind,
                   const ExportOptions      *o,
                   GError                  **error)
{
  g_autoptr(CsLearnedConfusions) confusions = NULL;
  CsConfusionsFormat format;

  cs_confusions_format_from_path (o->confusions, &format);
  if (kind == CS_MATRIX_LEARNED)
    confusions = cs_learned_confusions_from_checkpoint (checkpoint, o->probabilities, error);
  else
    confusions = cs_annotator_report_confusions (report, kind, o->confusions, error);
  if (confusions == NULL ||
      !cs_learned_confusions_save (confusions, checkpoint->class_names, o->confusions, format, error))
    return FALSE;
  printf (_("%s: %d %s matrices of %d × %d\n"), o->confusions, confusions->M,
          cs_matrix_kind_to_string (kind), confusions->K, confusions->K);
  return TRUE;
}

static gboolean
export_image (CsCheckpoint             *checkpoint,
              const CsAnnotatorReport  *report,
              CsMatrixKind              kind,
              const ExportOptions      *o,
              GError                  **error)
{
  g_autofree char *run = cs_checkpoint_describe_run (checkpoint);
  CsImageInfo info = { checkpoint->dataset_name, run, NULL };

  if (!cs_annotator_report_save_image (report, o->matrix, kind, &info, o->image, error))
    return FALSE;
  printf ("%s: %s\n", o->image, o->matrix);
  return TRUE;
}

/* Option errors the core would only find after loading: caught before, with the usage. */
static const char *
check_options (const ExportOptions *o,
               int                  argc,
               bool                 learned)
{
  CsConfusionsFormat format;
  CsImageFormat image_format;

  if (argc != 2 || (o->confusions == NULL && o->image == NULL))
    return _("expected one CHECKPOINT and --confusions FILE, --image FILE or both");
  if (o->confusions && !cs_confusions_format_from_path (o->confusions, &format))
    return _("--confusions: expected a .npy or .csv file name");
  if (o->image && !cs_image_format_from_path (o->image, &image_format))
    return _("--image: expected a .png, .svg or .pdf file name");
  if (o->image && o->matrix == NULL)
    return _("--image: expected --matrix common, grid or an annotator id");
  if (o->probabilities && !learned)
    return _("--probabilities: only for --kind learned (the other kinds are rates already)");
  return NULL;
}

int
cs_cli_export (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (N_("CHECKPOINT — export confusion matrices and their images"));
  g_autoptr(CsCheckpoint) checkpoint = NULL;
  g_autoptr(CsAnnotatorReport) report = NULL;
  g_auto(ExportOptions) o = { 0 };
  CsMatrixKind kind = CS_MATRIX_LEARNED, image_kind = CS_MATRIX_EFFECTIVE;
  const char *problem;
  GError *error = NULL;
  GOptionEntry entries[] = {
    { "confusions", 'c', 0, G_OPTION_ARG_FILENAME, &o.confusions,
      N_("Write the matrices to FILE: .npy [M, K, K] or .csv (matrix, true_class, given_class, value)"), "FILE" },
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &o.kind_name,
      N_("Which matrices: learned (the default for --confusions), effective (the default for --image) or empirical"), "KIND" },
    { "probabilities", 0, 0, G_OPTION_ARG_NONE, &o.probabilities,
      N_("Learned: write softmax (W[k, :]) per row, the label distribution for true class k"), NULL },
    { "image", 'i', 0, G_OPTION_ARG_FILENAME, &o.image,
      N_("Draw a heatmap into FILE: .png, .svg or .pdf"), "FILE" },
    { "matrix", 'm', 0, G_OPTION_ARG_STRING, &o.matrix,
      N_("The image's matrix: common (CoNAL's W_g), an annotator's id, or grid (every annotator)"), "WHICH" },
    { "dataset", 'd', 0, G_OPTION_ARG_FILENAME, &o.dataset,
      N_("Effective and empirical matrices on DATASET instead of the one trained on"), "DATASET" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    N_("Learned: CoNAL writes the global matrix first (\"global\"), then one per annotator in\n"
    "the checkpoint's annotator order; Crowd Layer and Dawid–Skene one per annotator.\n"
    "Effective: what each annotator does under the run, as rows of probabilities: for CoNAL\n"
    "softmax (w · W_g + (1 − w) · W_r) averaged over the w of the annotator's train labels,\n"
    "for Crowd Layer softmax (W_r), for Dawid–Skene its estimate. Empirical: the rates of\n"
    "each annotator's train labels against gold, or the model's prediction where gold is\n"
    "unknown. Rows are the true class, columns the label given; a row without data is NaN.\n"
    "--kind, when given, applies to --confusions and --image alike."));
  if (!cs_cli_parse (context, &argc, &argv))
    return CS_CLI_EXIT_USAGE;
  if (o.kind_name != NULL && !cs_matrix_kind_from_string (o.kind_name, &kind))
    return cs_cli_usage (context, _("--kind: expected learned, effective or empirical"));
  if (o.kind_name != NULL)
    image_kind = kind;
  if ((problem = check_options (&o, argc, kind == CS_MATRIX_LEARNED)))
    return cs_cli_usage (context, problem);
  if (!(checkpoint = cs_checkpoint_load (argv[1], &error)))
    return cs_cli_fail (error);
  if ((o.image || kind != CS_MATRIX_LEARNED) && !(report = report_for (checkpoint, o.dataset, &error)))
    return cs_cli_fail (error);
  if ((o.confusions && !export_confusions (checkpoint, report, kind, &o, &error)) ||
      (o.image && !export_image (checkpoint, report, image_kind, &o, &error)))
    return cs_cli_fail (error);
  return 0;
}
