/* test-invariance.c — the thread count changes nothing: 1, 2 and 3 threads train the same bits
 *
 * The step cuts its work into parts fixed by the problem's sizes and adds their partial sums in
 * part order, whatever the number of threads that run them (cs-pool.h). Each case trains the
 * same run on 1, 2 and 3 threads and compares the saved model.safetensors byte for byte, and
 * every epoch's metrics. The presets' batch sizes and heads are kept, epochs cut, so that every
 * shared part runs: the stacked tower with LabelMe's normalised item embedding, the projected
 * route and both BatchNorms with Music's official head, a batch that is the whole train split
 * (the official batch of 1024), and small batches (the default presets').
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "cs-checkpoint.h"
#include "cs-trainer.h"
#include "test-util.h"

#define EPOCHS 12

typedef struct
{
  const char *dataset;
  CsMethod    method;
  const char *preset;
} Case;

/* Trains the case on n_threads threads and returns the bytes of its model.safetensors. */
static GBytes *
train_and_save (CsDataset  *dataset,
                const Case *c,
                int         n_threads,
                GArray    **history)
{
  g_autoptr(CsTestDir) dir = cs_test_dir_new ();
  g_autoptr(CsRun) run = NULL;
  g_autoptr(GError) error = NULL;
  CsTrainConfig config;
  char *contents;
  gsize length;

  cs_train_config_init (&config);
  g_assert_true (cs_train_config_apply_preset (&config, c->preset, c->dataset, NULL));
  config.method = c->method;
  config.epochs = EPOCHS;
  config.threads = n_threads;
  run = cs_train (dataset, &config, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cs_checkpoint_save (run, cs_test_dir_path (dir, "run"), &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (cs_test_dir_path (dir, "run/model.safetensors"), &contents,
                                      &length, &error));
  *history = g_array_ref (run->history);
  return g_bytes_new_take (contents, length);
}

/* Every metric but the time an epoch took; NaN (no crowd NLL) as its bits. */
static void
assert_same_history (GArray *a,
                     GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint e = 0; e < a->len; e++)
    {
      const CsEpochMetrics *ma = &g_array_index (a, CsEpochMetrics, e);
      const CsEpochMetrics *mb = &g_array_index (b, CsEpochMetrics, e);
      const double *fa[] = { &ma->train_loss, &ma->train_accuracy, &ma->valid_accuracy,
                             &ma->test_accuracy, &ma->crowd_nll };
      const double *fb[] = { &mb->train_loss, &mb->train_accuracy, &mb->valid_accuracy,
                             &mb->test_accuracy, &mb->crowd_nll };

      for (guint f = 0; f < G_N_ELEMENTS (fa); f++)
        g_assert_cmpmem (fa[f], sizeof (double), fb[f], sizeof (double));
      g_assert_cmpint (ma->best_epoch, ==, mb->best_epoch);
    }
}

static void
test_invariance (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(CsDataset) dataset = cs_test_load_shared (c->dataset);
  g_autoptr(GBytes) one = NULL;
  g_autoptr(GArray) one_history = NULL;

  if (dataset == NULL)
    return;
  one = train_and_save (dataset, c, 1, &one_history);
  for (int n_threads = 2; n_threads <= 3; n_threads++)
    {
      g_autoptr(GArray) history = NULL;
      g_autoptr(GBytes) many = train_and_save (dataset, c, n_threads, &history);

      g_test_message ("%s %s --preset %s: 1 and %d threads", c->dataset,
                      cs_method_to_string (c->method), c->preset, n_threads);
      g_assert_true (g_bytes_equal (one, many));
      assert_same_history (one_history, history);
    }
}

int
main (int   argc,
      char *argv[])
{
  static const char * const datasets[] = { "labelme", "music" };
  static const CsMethod methods[] = { CS_METHOD_CONAL, CS_METHOD_CROWD_LAYER };
  static const char * const presets[] = { CS_PRESET_DEFAULT, CS_PRESET_OFFICIAL };
  static Case cases[G_N_ELEMENTS (datasets) * G_N_ELEMENTS (methods) * G_N_ELEMENTS (presets)];
  guint n = 0;

  g_test_init (&argc, &argv, NULL);
  for (guint d = 0; d < G_N_ELEMENTS (datasets); d++)
    for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
      for (guint p = 0; p < G_N_ELEMENTS (presets); p++)
        {
          g_autofree char *path = NULL;

          cases[n] = (Case) { datasets[d], methods[m], presets[p] };
          path = g_strdup_printf ("/invariance/%s/%s/%s", datasets[d],
                                  cs_method_to_string (methods[m]), presets[p]);
          g_test_add_data_func (path, &cases[n++], test_invariance);
        }
  return g_test_run ();
}
