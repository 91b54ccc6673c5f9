/* bench-train.c — milliseconds per training epoch, against the sgemm bound
 *
 * For every dataset folder given, trains CoNAL (and the other methods at batch 1024) and
 * prints the median time per epoch (training only, as seconds_per_epoch), the GFLOP/s that
 * means for the matrix products the model runs, and beside it plain cblas_sgemm on the shape
 * of the first layers measured in the same process, with the OpenBLAS kernel that ran. The
 * products as written (what PyTorch runs for the same model) are printed too: CoNAL runs its
 * auxiliary tower as one collapsed linear (cs-model.c), about 45 % fewer operations.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <cblas.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-util.h"
#include "cs-model-private.h"
#include "cs-trainer.h"

/* Floating-point operations of the products in one training pass over n items in batches of
 * B: forward, the weight gradients, and the input gradients where the model needs them. With
 * `as_run`, the products the model runs: CoNAL's auxiliary tower either as one [E, D] linear
 * stacked under W1 (with the per-batch products that collapse it and map its gradient back),
 * or, for unnormalised v where cs_model_get_aux_route picks it, each annotator's u taken
 * through the tower (Q and its gradients) and one D-long product per label each way. Without, the model as written
 * (and as PyTorch runs it): Linear(D→A) then Linear(A→E). */
static double
epoch_flops (const CsDataset     *dataset,
             const CsTrainConfig *c,
             int                  n,
             bool                 as_run)
{
  double D = dataset->d, H = c->hidden, K = dataset->n_classes, A = c->aux_hidden, E = c->embedding;
  double R = dataset->n_annotators;
  double labels_per_item = (double) dataset->splits[CS_SPLIT_TRAIN].n_labels / n;
  double per_item = 2 * D * H * 2 + 2 * H * K * 3;
  double total = 0;
  CsModelShape shape;

  cs_model_shape_init (&shape, c, dataset->d, dataset->n_classes, dataset->n_annotators);

  if (c->method != CS_METHOD_CONAL)
    return per_item * n;
  if (!as_run)
    return (per_item + 2 * D * A * 2 + 2 * A * E * 3) * n;
  for (int i0 = 0; i0 < n; i0 += c->batch_size)
    {
      int b = MIN (c->batch_size, n - i0);
      double labels = b * labels_per_item;
      /* The trainer makes its model for MAX (batch, 256) rows. */
      CsAuxRoute route = cs_model_shape_aux_route (&shape, MAX (MIN (c->batch_size, n), 256), b,
                                                   (int) labels);

      if (route == CS_AUX_ROUTE_PROJECTED)
        total += per_item * b + 2 * (3 * R * A * (E + D) + 2 * labels * D);
      else
        total += per_item * b + 2 * (2 * b * E * D + 3 * E * A * D);
    }
  return total;
}

static double
sgemm_gflops (int M,
              int N,
              int K)
{
  float *a = calloc ((size_t) M * K, sizeof (float));
  float *b = calloc ((size_t) K * N, sizeof (float));
  float *c = calloc ((size_t) M * N, sizeof (float));
  double best = 0;

  for (int i = 0; i < M * K; i++)
    a[i] = (float) (i % 7) * 0.1f;
  for (int i = 0; i < K * N; i++)
    b[i] = (float) (i % 5) * 0.1f;
  for (int r = 0; r < 30; r++)
    {
      gint64 begin = g_get_monotonic_time ();

      cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, M, N, K, 1.0f, a, K, b, K, 0.0f, c, N);
      best = MAX (best, 2.0 * M * N * K / ((g_get_monotonic_time () - begin) / 1e6) / 1e9);
    }
  free (a);
  free (b);
  free (c);
  return best;
}

typedef struct
{
  const char *dataset;
  CsMethod    method;
  int         batch;
  double      median_ms;
  int         n_epochs;
  double      flops, nominal;
} BenchResult;

static BenchResult
bench (CsDataset   *dataset,
       CsMethod     method,
       int          batch,
       int          epochs,
       int          threads)
{
  CsTrainConfig config;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsRun) run = NULL;
  g_autofree double *ms = g_new (double, epochs);
  int n_train = dataset->splits[CS_SPLIT_TRAIN].n;

  cs_train_config_init (&config);
  cs_train_config_apply_preset (&config, CS_PRESET_OFFICIAL, dataset->name, NULL);
  config.method = method;
  config.batch_size = batch;
  config.epochs = epochs;
  config.threads = threads;
  config.selection = CS_SELECT_LAST;
  if (!(run = cs_train (dataset, &config, NULL, &error)))
    {
      fprintf (stderr, "%s\n", error->message);
      exit (1);
    }
  for (int e = 0; e < epochs; e++)
    ms[e] = 1000 * g_array_index (run->history, CsEpochMetrics, e).seconds;
  /* The first epochs warm caches and the threads. */
  return (BenchResult) {
    dataset->name, method, batch, bench_median (ms + 2, epochs - 2), epochs - 2,
    epoch_flops (dataset, &config, n_train, true), epoch_flops (dataset, &config, n_train, false),
  };
}

/* The floor: the epoch's products alone, all at the best rate plain sgemm reached. */
static void
print_result (const BenchResult *r,
              double             sgemm_rate)
{
  printf ("  %-12s %-11s batch %5d  %8.2f ms/epoch (median of %d)  %6.1f GFLOP/s  "
          "(%.3f GFLOP/epoch run, %.2f ms at plain sgemm's rate; %.3f as written)\n",
          r->dataset, cs_method_to_string (r->method), r->batch, r->median_ms, r->n_epochs,
          r->flops / (r->median_ms / 1000) / 1e9, r->flops / 1e9,
          r->flops / (sgemm_rate * 1e9) * 1000, r->nominal / 1e9);
}

int
main (int   argc,
      char *argv[])
{
  int threads = g_getenv ("CS_BENCH_THREADS") ? atoi (g_getenv ("CS_BENCH_THREADS")) : 2;

  printf ("OpenBLAS kernel %s, %d threads\n", openblas_get_corename (), threads);
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CsDataset) dataset = cs_dataset_load (argv[i], NULL, &error);
      CsTrainConfig official;
      BenchResult results[4];
      double rate;
      int n, D, O;

      if (dataset == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      /* CoNAL's largest product: the batch times the stacked [W1; M], H + E columns. */
      cs_train_config_init (&official);
      cs_train_config_apply_preset (&official, CS_PRESET_OFFICIAL, dataset->name, NULL);
      n = dataset->splits[CS_SPLIT_TRAIN].n;
      D = dataset->d;
      O = official.hidden + official.embedding;
      results[0] = bench (dataset, CS_METHOD_CONAL, 1024, 40, threads);
      results[1] = bench (dataset, CS_METHOD_CONAL, 64, 20, threads);
      results[2] = bench (dataset, CS_METHOD_CROWD_LAYER, 1024, 40, threads);
      results[3] = bench (dataset, CS_METHOD_MAJORITY, 1024, 40, threads);
      /* After the training, which runs its own threads and leaves OpenBLAS at one (cs_train):
       * OpenBLAS's threads, busy-waiting after a product, would compete with them. */
      openblas_set_num_threads (threads);
      rate = sgemm_gflops (n, O, D);
      openblas_set_num_threads (1);
      printf ("%s: plain cblas_sgemm [%d × %d]·[%d × %d]: %.1f GFLOP/s (best of 30)\n",
              dataset->name, n, D, D, O, rate);
      for (guint r = 0; r < G_N_ELEMENTS (results); r++)
        print_result (&results[r], rate);
    }
  return 0;
}
