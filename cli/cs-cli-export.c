/* cs-cli-export.c — `crowdscope-cli export CHECKPOINT --confusions FILE.{csv,npy}`
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cs-checkpoint.h"
#include "cs-cli.h"
#include "cs-csv.h"
#include "cs-error.h"
#include "cs-file.h"
#include "cs-npy.h"

typedef struct
{
  int    M, K;
  char **names;     /* [M]: "global" or an annotator id */
  float *matrices;  /* [M, K, K] */
} Confusions;

static void
confusions_clear (Confusions *c)
{
  g_strfreev (c->names);
  g_free (c->matrices);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Confusions, confusions_clear)

/* Learned matrices are unconstrained logit weights: for a one-hot p = e_k, the crowd's label
 * distribution is softmax (W[k, :]), which is what --probabilities writes. */
static void
softmax_rows (float *m,
              int    rows,
              int    K)
{
  for (int i = 0; i < rows; i++)
    {
      float *row = m + (size_t) i * K, top = row[0];
      double sum = 0;

      for (int k = 1; k < K; k++)
        top = fmaxf (top, row[k]);
      for (int k = 0; k < K; k++)
        sum += exp (row[k] - top);
      for (int k = 0; k < K; k++)
        row[k] = (float) (exp (row[k] - top) / sum);
    }
}

static gboolean
collect (const CsCheckpoint  *checkpoint,
         gboolean             probabilities,
         Confusions          *out,
         GError             **error)
{
  CsParams *p = cs_model_get_params (checkpoint->model);
  int K = checkpoint->K, R = checkpoint->R;
  const float *local = p->local ? p->local : checkpoint->ds_confusions;
  size_t KK = (size_t) K * K;
  int m = 0;

  if (local == NULL)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID,
                   "%s: a %s checkpoint has no confusion matrices (CoNAL, Crowd Layer and "
                   "Dawid–Skene have)", checkpoint->path, cs_method_get_title (checkpoint->config.method));
      return FALSE;
    }
  out->K = K;
  out->M = R + (p->global != NULL);
  out->names = g_new0 (char *, out->M + 1);
  out->matrices = g_new (float, out->M * KK);
  if (p->global)
    {
      out->names[m] = g_strdup ("global");
      memcpy (out->matrices, p->global, sizeof (float) * KK);
      m++;
    }
  for (int r = 0; r < R; r++, m++)
    {
      out->names[m] = g_strdup (checkpoint->annotator_ids[r]);
      memcpy (out->matrices + m * KK, local + r * KK, sizeof (float) * KK);
    }
  /* Dawid–Skene's estimates are probabilities already. */
  if (probabilities && p->local)
    softmax_rows (out->matrices, out->M * K, K);
  return TRUE;
}

static gboolean
write_csv (const Confusions  *c,
           char             **classes,
           const char        *path,
           GError           **error)
{
  g_autoptr(GString) text = g_string_new ("matrix,true_class,given_class,value\n");

  for (int m = 0; m < c->M; m++)
    for (int i = 0; i < c->K; i++)
      for (int j = 0; j < c->K; j++)
        {
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          cs_csv_append_field (text, c->names[m]);
          g_string_append_c (text, ',');
          cs_csv_append_field (text, classes[i]);
          g_string_append_c (text, ',');
          cs_csv_append_field (text, classes[j]);
          g_string_append_printf (text, ",%s\n", g_ascii_formatd (number, sizeof number, "%.9g",
                                  c->matrices[((size_t) m * c->K + i) * c->K + j]));
        }
  return cs_file_write_atomic (path, text->str, text->len, error);
}

int
cs_cli_export (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("CHECKPOINT — export learned confusion matrices");
  g_autoptr(CsCheckpoint) checkpoint = NULL;
  g_auto(Confusions) confusions = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *lower = NULL;
  gboolean probabilities = FALSE;
  GError *error = NULL;
  GOptionEntry entries[] = {
    { "confusions", 'c', 0, G_OPTION_ARG_FILENAME, &path,
      "Write the matrices to FILE: .npy [M, K, K] or .csv (matrix, true_class, given_class, value)", "FILE" },
    { "probabilities", 0, 0, G_OPTION_ARG_NONE, &probabilities,
      "Write softmax (W[k, :]) per row: the label distribution for true class k", NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "CoNAL writes the global matrix first (\"global\"), then one per annotator in the\n"
    "checkpoint's annotator order; Crowd Layer and Dawid–Skene one per annotator.\n"
    "Rows are the true class, columns the label given.");
  if (!cs_cli_parse (context, &argc, &argv))
    return CS_CLI_EXIT_USAGE;
  if (argc != 2 || path == NULL)
    return cs_cli_usage (context, "expected one CHECKPOINT and --confusions FILE");
  lower = g_ascii_strdown (path, -1);
  if (!g_str_has_suffix (lower, ".npy") && !g_str_has_suffix (lower, ".csv"))
    return cs_cli_usage (context, "--confusions: expected a .npy or .csv file name");
  if (!(checkpoint = cs_checkpoint_load (argv[1], &error)) ||
      !collect (checkpoint, probabilities, &confusions, &error))
    return cs_cli_fail (error);
  if (g_str_has_suffix (lower, ".npy"))
    {
      gsize shape[3] = { confusions.M, confusions.K, confusions.K };

      if (!cs_npy_save_f32 (path, confusions.matrices, 3, shape, &error))
        return cs_cli_fail (error);
    }
  else if (!write_csv (&confusions, checkpoint->class_names, path, &error))
    return cs_cli_fail (error);
  printf ("%s: %d matrices of %d × %d\n", path, confusions.M, confusions.K, confusions.K);
  return 0;
}
