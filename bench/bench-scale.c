/* bench-scale.c — a crowd of 100,000 items × 2,500 annotators × 5 labels with 512 features
 *
 * Writes such a dataset (class-conditional Gaussian features, a simulated crowd) into a
 * folder, then in fresh measurements loads it and trains CoNAL on it, printing the load time,
 * the time per epoch and the peak memory, beside what a dense items × annotators matrix would
 * have needed.
 *
 *   bench-scale DIR [ITEMS ANNOTATORS LABELS_PER_ITEM FEATURES EPOCHS]
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "cs-dataset-builder.h"
#include "cs-dataset-writer.h"
#include "cs-rng.h"
#include "cs-simulate.h"
#include "cs-trainer.h"

#define K 8

static double
peak_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

/* Features around one random mean per class; gold labels cycle through the classes. */
static gboolean
add_split (CsDatasetBuilder  *builder,
           CsSplitKind        kind,
           int                n,
           int                d,
           const float       *means,
           int32_t          **gold_out,
           CsRng             *rng,
           GError           **error)
{
  float *x = g_new (float, (size_t) n * d);
  int32_t *gold = g_new (int32_t, n);

  for (int i = 0; i < n; i++)
    {
      gold[i] = i % K;
      for (int j = 0; j < d; j++)
        x[(size_t) i * d + j] = means[gold[i] * d + j] + cs_rng_normal (rng);
    }
  *gold_out = gold;
  return cs_dataset_builder_set_split (builder, kind, n, d, x, "bench-scale", error) &&
         cs_dataset_builder_set_gold (builder, kind, g_memdup2 (gold, sizeof (int32_t) * n), n,
                                      "bench-scale", error);
}

static int
generate (const char *dir,
          int         n,
          int         R,
          double      per_item,
          int         d)
{
  g_autoptr(CsDatasetBuilder) builder = cs_dataset_builder_new (dir);
  g_autoptr(CsSimulatedCrowd) crowd = NULL;
  g_autoptr(CsDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree float *means = g_new (float, K * d);
  g_autofree int32_t *gold = NULL;
  g_autofree int32_t *test_gold = NULL;
  char *classes[K + 1] = { 0 };
  CsCrowdSpec spec;
  CsRng rng;

  cs_rng_init (&rng, 1);
  for (int i = 0; i < K * d; i++)
    means[i] = 0.15f * cs_rng_normal (&rng);
  for (int k = 0; k < K; k++)
    classes[k] = g_strdup_printf ("class-%d", k);
  cs_dataset_builder_set_name (builder, "scale");
  cs_crowd_spec_init_default (&spec);
  spec.n_annotators = R;
  spec.labels_per_item = per_item;
  if (!cs_dataset_builder_set_classes (builder, g_strdupv (classes), "bench-scale", &error) ||
      !add_split (builder, CS_SPLIT_TRAIN, n, d, means, &gold, &rng, &error) ||
      !add_split (builder, CS_SPLIT_TEST, n / 10, d, means, &test_gold, &rng, &error) ||
      !(crowd = cs_simulate_crowd (gold, n, K, &spec, &error)))
    goto fail;
  for (int l = 0; l < crowd->n_labels; l++)
    {
      char id[16];

      g_snprintf (id, sizeof id, "w%04d", crowd->labels[l].annotator);
      cs_dataset_builder_add_label (builder, CS_SPLIT_TRAIN, crowd->labels[l].item, id, crowd->labels[l].label);
    }
  if (!(dataset = cs_dataset_builder_finish (builder, &(CsLoadOptions) { CS_STANDARDIZE_NEVER }, &error)) ||
      !cs_dataset_write (dataset, dir, &error))
    goto fail;
  for (int k = 0; k < K; k++)
    g_free (classes[k]);
  printf ("wrote %s: %d + %d items × %d features, %d annotators, %d labels\n",
          dir, n, n / 10, d, dataset->n_annotators, cs_dataset_get_n_labels (dataset));
  return 0;

fail:
  fprintf (stderr, "%s\n", error->message);
  return 1;
}

static int
measure (const char *dir,
         int         epochs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDataset) dataset = NULL;
  g_autoptr(CsRun) run = NULL;
  CsTrainConfig config;
  gint64 begin = g_get_monotonic_time ();
  double load_s, load_peak;
  const CsSplit *train;

  if (!(dataset = cs_dataset_load (dir, NULL, &error)))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  load_s = (g_get_monotonic_time () - begin) / 1e6;
  load_peak = peak_mib ();
  train = &dataset->splits[CS_SPLIT_TRAIN];
  printf ("load        %8.2f s, peak RSS %7.1f MiB\n", load_s, load_peak);
  printf ("labels      %d, held in %.1f MiB (labels and both indexes); a dense items × annotators "
          "matrix of int32 would be %.1f MiB\n", train->n_labels,
          (train->n_labels * (sizeof (CsCrowdLabel) + sizeof (int)) +
           (train->n + 1 + dataset->n_annotators + 1) * sizeof (int)) / 1048576.0,
          (double) train->n * dataset->n_annotators * 4 / 1048576.0);

  cs_train_config_init (&config);
  config.epochs = epochs;
  config.batch_size = 1024;
  config.threads = 2;
  config.selection = CS_SELECT_LAST;
  if (!(run = cs_train (dataset, &config, NULL, &error)))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("train       CoNAL, %d epochs of %d items: %.2f s per epoch (training only), "
          "test accuracy %.1f %%\n", epochs, train->n, run->seconds_per_epoch,
          100 * cs_run_get_best (run)->test_accuracy);
  printf ("peak RSS    %7.1f MiB after training\n", peak_mib ());
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  int n = argc > 2 ? atoi (argv[2]) : 100000;
  int R = argc > 3 ? atoi (argv[3]) : 2500;
  double per_item = argc > 4 ? atof (argv[4]) : 5;
  int d = argc > 5 ? atoi (argv[5]) : 512;
  int epochs = argc > 6 ? atoi (argv[6]) : 2;
  g_autofree char *manifest = NULL;

  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-scale DIR [ITEMS ANNOTATORS LABELS_PER_ITEM FEATURES EPOCHS]\n");
      return 2;
    }
  manifest = g_build_filename (argv[1], "crowdscope.ini", NULL);
  if (!g_file_test (manifest, G_FILE_TEST_EXISTS) && generate (argv[1], n, R, per_item, d) != 0)
    return 1;
  if (g_getenv ("CS_BENCH_GENERATE_ONLY"))
    return 0;
  return measure (argv[1], epochs);
}
