/* cs-trainer.c — trains one method on one dataset, epoch by epoch
 *
 * Everything the loop needs is allocated before the first epoch; an epoch shuffles the
 * training items, gathers each mini-batch's rows and crowd labels into fixed buffers, and
 * runs one forward/backward and one Adam step per batch. Cancellation is checked between
 * mini-batches, progress reported after each epoch.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cs-adam.h"
#include "cs-denormals.h"
#include "cs-effective-confusions.h"
#include "cs-blas.h"
#include "cs-dataset-carve.h"
#include "cs-error.h"
#include "cs-majority-vote.h"
#include "cs-model-private.h"
#include "cs-trainer.h"

/* Share of labelled train items held out for crowd-NLL selection when no other split has
 * crowd labels. The hold-out uses a fixed seed so every method and seed sees the same one. */
#define HOLDOUT_SHARE 0.1
#define HOLDOUT_SEED  0x5eedULL

typedef struct
{
  const float        *x;       /* [n, D] */
  int                 n;
  CsCrowdLabel       *labels;  /* [L], item = row of x */
  int                 L;
  float              *x_owned;
} CrowdSet;

typedef struct
{
  /* Borrowed */
  CsDataset              *dataset;
  const CsTrainConfig    *config;
  const CsTrainCallbacks *callbacks;
  const CsSplit          *train;
  const CsSplit          *select;
  const CsSplit          *test;
  int                     n_threads; /* the model's pool; OpenBLAS runs on one meanwhile */

  /* Owned */
  CsModel                *model;
  CsModel                *best;
  CsRng                   rng;
  int32_t                *items;     /* [n_items] train rows used for training */
  int                     n_items;
  int32_t                *targets;   /* [train n] hard targets, or NULL */
  float                  *soft;      /* [train n, K] soft targets, or NULL */
  float                  *xb;        /* [B, D] */
  CsCrowdLabel           *lb;        /* [max labels] */
  int32_t                *tb;        /* [B] */
  float                  *sb;        /* [B, K] */
  int32_t                *gb;        /* [B] gold of the batch's rows */
  float                  *adam_m;
  float                  *adam_v;
  int                     adam_t;    /* Adam's step count since it was (re)created */
  float                  *probs;     /* [max n, K] evaluation scratch */
  float                  *nll_scratch;
  CrowdSet                heldout;
  CsDawidSkene           *ds;
} Trainer;

static int
compare_desc (const void *a,
              const void *b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return (y > x) - (y < x);
}

/* The most labels any batch of B of the given items can hold: the B largest counts. */
static int
max_labels_per_batch (const CsSplit *split,
                      const int32_t *items,
                      int            n_items,
                      int            B)
{
  g_autofree int *counts = g_new (int, MAX (n_items, 1));
  int total = 0;

  for (int i = 0; i < n_items; i++)
    counts[i] = split->item_offsets[items[i] + 1] - split->item_offsets[items[i]];
  qsort (counts, n_items, sizeof (int), compare_desc);
  for (int i = 0; i < MIN (B, n_items); i++)
    total += counts[i];
  return total;
}

static bool
uses_crowd_layers (CsMethod method)
{
  return method == CS_METHOD_CONAL || method == CS_METHOD_CROWD_LAYER;
}

/* Targets of the aggregated-label methods, per train item. */
static void
prepare_targets (Trainer *t)
{
  const CsTrainConfig *c = t->config;
  const CsSplit *train = t->train;
  int K = t->dataset->n_classes;

  switch (c->method)
    {
    case CS_METHOD_GOLD:
      t->targets = g_memdup2 (train->gold, sizeof (int32_t) * train->n);
      break;
    case CS_METHOD_MAJORITY:
      t->targets = g_new (int32_t, train->n);
      if (c->soft_targets)
        t->soft = g_new (float, (size_t) train->n * K);
      cs_majority_vote (t->targets, t->soft, train, K);
      break;
    case CS_METHOD_DAWID_SKENE:
      t->ds = cs_dawid_skene_run (train, K, t->dataset->n_annotators, c->ds_iterations);
      t->targets = g_new (int32_t, train->n);
      for (int i = 0; i < train->n; i++)
        {
          const float *row = t->ds->posteriors + (size_t) i * K;
          int best = 0;

          for (int k = 1; k < K; k++)
            best = row[k] > row[best] ? k : best;
          t->targets[i] = train->item_offsets[i + 1] > train->item_offsets[i] ? best : -1;
        }
      if (c->soft_targets)
        t->soft = g_memdup2 (t->ds->posteriors, sizeof (float) * train->n * K);
      break;
    case CS_METHOD_CONAL:
    case CS_METHOD_CROWD_LAYER:
      if (c->warm_start > 0 || c->noise_from_ds)
        t->ds = cs_dawid_skene_run (train, K, t->dataset->n_annotators, c->ds_iterations);
      if (c->warm_start > 0)
        t->soft = g_memdup2 (t->ds->posteriors, sizeof (float) * train->n * K);
      break;
    case CS_N_METHODS:
    default:
      break;
    }
}

/* The noise layers from Dawid–Skene's estimate: W_g the log of the crowd's pooled confusion,
 * each W_r the log of the annotator's own, shrunk towards the pooled one. */
static void
init_noise_from_ds (Trainer *t)
{
  int K = t->dataset->n_classes, R = t->dataset->n_annotators;
  g_autofree float *pooled = g_new (float, (size_t) K * K);
  g_autofree float *local = g_new (float, MAX ((size_t) R * K * K, 1));

  cs_dawid_skene_shrunk_confusions (t->ds, t->train, CS_DS_PRIOR_LABELS, pooled, local);
  cs_model_init_noise_log (t->model, pooled, local);
}

static bool
item_trainable (Trainer *t,
                int      i)
{
  if (t->config->method == CS_METHOD_GOLD)
    return t->targets[i] >= 0;
  return t->train->item_offsets[i + 1] > t->train->item_offsets[i];
}

/* Moves a fixed random share of the training items, with their labels, into t->heldout. */
static void
hold_out_train_items (Trainer *t)
{
  const CsSplit *train = t->train;
  int D = t->dataset->d;
  int n_hold = MAX (1, (int) (t->n_items * HOLDOUT_SHARE));
  g_autofree int32_t *order = g_memdup2 (t->items, sizeof (int32_t) * t->n_items);
  g_autofree bool *held = g_new0 (bool, train->n);
  g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (CsCrowdLabel));
  CsRng rng;
  int kept = 0, h = 0;

  cs_rng_init (&rng, HOLDOUT_SEED);
  cs_rng_shuffle (&rng, order, t->n_items);
  for (int j = 0; j < n_hold; j++)
    held[order[j]] = true;
  t->heldout.x_owned = g_new (float, (size_t) n_hold * D);
  for (int j = 0; j < t->n_items; j++)
    {
      int i = t->items[j];

      if (!held[i])
        {
          t->items[kept++] = i;
          continue;
        }
      memcpy (t->heldout.x_owned + (size_t) h * D, train->features + (size_t) i * D,
              sizeof (float) * D);
      for (int l = train->item_offsets[i]; l < train->item_offsets[i + 1]; l++)
        {
          CsCrowdLabel label = { h, train->labels[l].annotator, train->labels[l].label };

          g_array_append_val (labels, label);
        }
      h++;
    }
  t->n_items = kept;
  t->heldout.x = t->heldout.x_owned;
  t->heldout.n = n_hold;
  t->heldout.L = (int) labels->len;
  t->heldout.labels = (CsCrowdLabel *) (void *) g_array_free (g_steal_pointer (&labels), FALSE);
}

/* The crowd labels selection by NLL scores: another split's, or a held-out share of train's
 * items, which then leave the training set. */
static void
prepare_heldout (Trainer *t)
{
  CsDataset *dataset = t->dataset;

  for (int s = CS_SPLIT_VALID; s < CS_N_SPLITS; s++)
    if (dataset->splits[s].present && dataset->splits[s].n_labels > 0)
      {
        const CsSplit *split = &dataset->splits[s];

        t->heldout = (CrowdSet) { split->features, split->n,
                                  g_memdup2 (split->labels, sizeof (CsCrowdLabel) * split->n_labels),
                                  split->n_labels, NULL };
        return;
      }
  hold_out_train_items (t);
}

static gboolean
trainer_init (Trainer                *t,
              CsDataset              *dataset,
              const CsTrainConfig    *config,
              const CsTrainCallbacks *callbacks,
              CsRun                  *run,
              GError                **error)
{
  CsModelShape shape;
  int K = dataset->n_classes, D = dataset->d;
  int B = config->batch_size, max_labels, max_n = 0;
  size_t n_params;

  t->dataset = dataset;
  t->config = config;
  t->callbacks = callbacks;
  t->train = &dataset->splits[CS_SPLIT_TRAIN];
  t->test = cs_dataset_get_split (dataset, CS_SPLIT_TEST);
  if (config->method == CS_METHOD_GOLD && t->train->gold == NULL)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID,
                   _("%s: the gold method needs gold labels for the train split, and it has none"),
                   dataset->name);
      return FALSE;
    }
  if (config->method != CS_METHOD_GOLD && t->train->n_labels == 0)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID,
                   _("%s: the %s method needs crowd labels for the train split, and it has none"),
                   dataset->name, cs_method_get_title (config->method));
      return FALSE;
    }
  prepare_targets (t);
  t->items = g_new (int32_t, t->train->n);
  for (int i = 0; i < t->train->n; i++)
    if (item_trainable (t, i))
      t->items[t->n_items++] = i;
  if (config->selection == CS_SELECT_CROWD_NLL)
    prepare_heldout (t);
  if (t->n_items < 2)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID,
                   _("%s: expected at least 2 train items to learn from, found %d"),
                   dataset->name, t->n_items);
      return FALSE;
    }

  run->selection_split = CS_SPLIT_VALID;
  t->select = cs_dataset_get_split (dataset, CS_SPLIT_VALID);
  if (t->select == NULL && t->test != NULL && config->selection == CS_SELECT_VALID_ACCURACY)
    {
      t->select = t->test;
      run->selection_split = CS_SPLIT_TEST;
      run->test_used_for_selection = true;
      g_ptr_array_add (run->notices, g_strdup (_("The dataset has no validation split: the test "
                                               "split was used for model selection, so its "
                                               "accuracy is optimistic")));
    }

  B = MIN (B, t->n_items);
  max_labels = uses_crowd_layers (config->method) ?
    max_labels_per_batch (t->train, t->items, t->n_items, B) : 0;
  cs_model_shape_init (&shape, config, D, K, dataset->n_annotators);
  t->model = cs_model_new (&shape, MAX (B, 256), MAX (max_labels, 1));
  t->best = cs_model_new (&shape, 1, 1);
  cs_model_set_threads (t->model, t->n_threads);
  /* Zero once: after every step Adam leaves them so (cs_model_adam_step). */
  cs_model_zero_grads (t->model);
  cs_rng_init (&t->rng, config->seed);
  cs_model_init_params (t->model, config, &t->rng);
  if (config->noise_from_ds && uses_crowd_layers (config->method))
    init_noise_from_ds (t);
  cs_model_copy_weights (t->best, t->model);

  cs_model_get_param_buffer (t->model, &n_params);
  t->adam_m = g_new0 (float, n_params);
  t->adam_v = g_new0 (float, n_params);
  t->xb = g_new (float, (size_t) B * D);
  t->lb = g_new (CsCrowdLabel, MAX (max_labels, 1));
  t->tb = g_new (int32_t, B);
  t->gb = g_new (int32_t, B);
  t->sb = g_new (float, (size_t) B * K);
  for (int s = 0; s < CS_N_SPLITS; s++)
    if (dataset->splits[s].present)
      max_n = MAX (max_n, dataset->splits[s].n);
  t->probs = g_new (float, (size_t) max_n * K);
  t->nll_scratch = g_new (float, MAX (t->heldout.L, 1));
  return TRUE;
}

static void
trainer_clear (Trainer *t)
{
  g_clear_pointer (&t->model, cs_model_free);
  g_clear_pointer (&t->best, cs_model_free);
  g_clear_pointer (&t->ds, cs_dawid_skene_free);
  g_free (t->items);
  g_free (t->targets);
  g_free (t->soft);
  g_free (t->xb);
  g_free (t->lb);
  g_free (t->tb);
  g_free (t->gb);
  g_free (t->sb);
  g_free (t->adam_m);
  g_free (t->adam_v);
  g_free (t->probs);
  g_free (t->nll_scratch);
  g_free (t->heldout.labels);
  g_free (t->heldout.x_owned);
}

/* Copies the rows, labels and targets of items[0..B) into the batch buffers. Consecutive
 * items (a batch that is the whole, unshuffled train split) are read where they are. While
 * `warming`, the crowd methods' batches hold Dawid–Skene's posteriors instead of the labels. */
static void
gather_batch (Trainer       *t,
              const int32_t *items,
              int            B,
              bool           warming,
              CsBatch       *batch)
{
  const CsSplit *train = t->train;
  int D = t->dataset->d, K = t->dataset->n_classes;
  int L = 0;
  bool crowd = uses_crowd_layers (t->config->method) && !warming;
  const float *soft = crowd ? NULL : t->soft;
  bool consecutive = true;
  const float *x = t->xb;

  for (int b = 1; b < B && consecutive; b++)
    consecutive = items[b] == items[0] + b;
  if (consecutive)
    x = train->features + (size_t) items[0] * D;
  for (int b = 0; b < B; b++)
    {
      int i = items[b];

      if (!consecutive)
        memcpy (t->xb + (size_t) b * D, train->features + (size_t) i * D, sizeof (float) * D);
      if (crowd)
        for (int l = train->item_offsets[i]; l < train->item_offsets[i + 1]; l++)
          t->lb[L++] = (CsCrowdLabel) { b, train->labels[l].annotator, train->labels[l].label };
      t->gb[b] = train->gold ? train->gold[i] : -1;
      if (t->targets)
        t->tb[b] = t->targets[i];
      if (soft)
        memcpy (t->sb + (size_t) b * K, soft + (size_t) i * K, sizeof (float) * K);
    }
  *batch = (CsBatch) { x, B, t->lb, L, t->targets ? t->tb : NULL, soft ? t->sb : NULL,
                       consecutive };
}

static int
count_correct (const float   *probs,
               const int32_t *gold,
               int            B,
               int            K,
               int           *known)
{
  int correct = 0;

  for (int b = 0; b < B; b++)
    {
      int best = 0;

      if (gold[b] < 0)
        continue;
      for (int k = 1; k < K; k++)
        best = probs[b * K + k] > probs[b * K + best] ? k : best;
      correct += best == gold[b];
      (*known)++;
    }
  return correct;
}

double
cs_evaluate_accuracy (CsModel       *model,
                      const CsSplit *split,
                      float         *probs)
{
  int known = 0, correct;

  if (split == NULL || split->gold == NULL)
    return NAN;
  cs_model_predict (model, probs, split->features, split->n);
  correct = count_correct (probs, split->gold, split->n, cs_model_get_shape (model)->K, &known);
  return known > 0 ? (double) correct / known : NAN;
}

/* One pass over the shuffled training items. Returns FALSE when stopped or diverged. */
static gboolean
train_epoch (Trainer         *t,
             int              epoch,
             CsEpochMetrics  *metrics,
             GError         **error)
{
  const CsTrainConfig *c = t->config;
  CsAdamConfig adam = { c->lr, c->beta1, c->beta2, c->eps, c->weight_decay };
  int B = MIN (c->batch_size, t->n_items), K = t->dataset->n_classes;
  size_t n_params;
  double loss_sum = 0, regulariser_sum = 0;
  int seen = 0, known = 0, correct = 0, batch_index = 0;
  bool warming = epoch <= c->warm_start;

  /* The official code makes a new Adam every epoch: moments and step count start over. The
   * crowd layers' first epoch after a warm start starts it over too, as their parameters
   * have had no gradient until then. */
  cs_model_get_param_buffer (t->model, &n_params);
  if (c->adam_reset_each_epoch || epoch == 1 || epoch == c->warm_start + 1)
    {
      memset (t->adam_m, 0, sizeof (float) * n_params);
      memset (t->adam_v, 0, sizeof (float) * n_params);
      t->adam_t = 0;
    }
  /* One batch holds every item, whose order then changes nothing but rounding: the items stay
   * in place, and the batch reads the features where they are. */
  if (B < t->n_items)
    cs_rng_shuffle (&t->rng, t->items, t->n_items);
  for (int start = 0; start < t->n_items; start += B, batch_index++)
    {
      int n = MIN (B, t->n_items - start);
      CsBatch batch;
      float loss, regulariser;

      if (t->callbacks && t->callbacks->abort && t->callbacks->abort (t->callbacks->data))
        {
          g_set_error (error, CS_ERROR, CS_ERROR_CANCELLED, _("training was stopped at epoch %d"), epoch);
          return FALSE;
        }
      /* BatchNorm cannot normalise a batch of one row; such a remainder is skipped. */
      if (n == 1 && (c->input_batchnorm || c->hidden_batchnorm))
        continue;
      gather_batch (t, t->items + start, n, warming, &batch);
      loss = cs_model_forward_backward (t->model, &batch, c, &t->rng, true, &regulariser);
      if (!isfinite (loss))
        {
          g_set_error (error, CS_ERROR, CS_ERROR_DIVERGED,
                       _("the training loss became %s at epoch %d, batch %d: the learning rate "
                       "(%g) is probably too high"), isnan (loss) ? "NaN" : _("infinite"),
                       epoch, batch_index + 1, c->lr);
          return FALSE;
        }
      cs_model_adam_step (t->model, t->adam_m, t->adam_v, ++t->adam_t, &adam);
      loss_sum += (double) loss * n;
      regulariser_sum += (double) regulariser * n;
      seen += n;
      correct += count_correct (cs_model_get_probs (t->model), t->gb, n, K, &known);
    }
  metrics->train_loss = seen ? loss_sum / seen : NAN;
  metrics->train_regulariser = seen ? regulariser_sum / seen : NAN;
  metrics->train_cross_entropy = metrics->train_loss - metrics->train_regulariser;
  metrics->train_accuracy = known ? (double) correct / known : NAN;
  return TRUE;
}

static double
crowd_nll (Trainer *t)
{
  double sum = 0;

  if (t->heldout.L == 0)
    return NAN;
  cs_model_crowd_likelihood (t->model, t->nll_scratch, t->heldout.x, t->heldout.n,
                             t->heldout.labels, t->heldout.L);
  for (int l = 0; l < t->heldout.L; l++)
    sum -= log (fmax (t->nll_scratch[l], 1e-30));
  return sum / t->heldout.L;
}

static void
evaluate (Trainer        *t,
          CsEpochMetrics *metrics)
{
  metrics->valid_accuracy = cs_evaluate_accuracy (t->model, t->select, t->probs);
  if (t->select == t->test)
    metrics->test_accuracy = metrics->valid_accuracy;
  else if (t->config->test_every_epoch)
    metrics->test_accuracy = cs_evaluate_accuracy (t->model, t->test, t->probs);
  else
    metrics->test_accuracy = NAN;
  metrics->crowd_nll = t->config->selection == CS_SELECT_CROWD_NLL ? crowd_nll (t) : NAN;
}

/* Whether this epoch beats the best so far; ties keep the earlier epoch. */
static bool
is_better (const CsTrainConfig  *config,
           const CsEpochMetrics *now,
           const CsEpochMetrics *best)
{
  switch (config->selection)
    {
    case CS_SELECT_LAST:
      return true;
    case CS_SELECT_CROWD_NLL:
      return best == NULL || now->crowd_nll < best->crowd_nll;
    case CS_SELECT_VALID_ACCURACY:
    default:
      if (best == NULL)
        return true;
      if (isnan (now->valid_accuracy))
        return true;   /* nothing to select on: the last epoch */
      return now->valid_accuracy > best->valid_accuracy;
    }
}

/* Mean w of each annotator's train labels under the selected model: how much CoNAL puts
 * their labels down to the common confusion rather than their own. */
static float *
annotator_mixing (Trainer *t)
{
  int R = t->dataset->n_annotators;
  g_autofree float *w = g_new (float, MAX (t->train->n_labels, 1));
  float *mean = g_new (float, MAX (R, 1));

  cs_model_label_w (t->model, t->train, w);
  cs_annotator_mean_w (mean, w, t->train, R);
  return mean;
}

static CsRun *
run_new (CsDataset           *dataset,
         const CsTrainConfig *config)
{
  CsRun *run = g_new0 (CsRun, 1);

  run->config = *config;
  run->history = g_array_new (FALSE, TRUE, sizeof (CsEpochMetrics));
  run->notices = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  run->fingerprint = cs_dataset_fingerprint (dataset);
  return run;
}

static gboolean
train_epochs (Trainer  *t,
              CsRun    *run,
              GError  **error)
{
  double seconds = 0;

  for (int epoch = 1; epoch <= t->config->epochs; epoch++)
    {
      CsEpochMetrics metrics = { .epoch = epoch };
      const CsEpochMetrics *best = run->best_epoch ? cs_run_get_best (run) : NULL;
      gint64 begin = g_get_monotonic_time ();

      if (!train_epoch (t, epoch, &metrics, error))
        return FALSE;
      metrics.seconds = (g_get_monotonic_time () - begin) / 1e6;
      seconds += metrics.seconds;
      evaluate (t, &metrics);
      if (is_better (t->config, &metrics, best))
        {
          run->best_epoch = epoch;
          cs_model_copy_weights (t->best, t->model);
        }
      metrics.best_epoch = run->best_epoch;
      g_array_append_val (run->history, metrics);
      run->epochs_run = epoch;
      run->seconds_per_epoch = seconds / epoch;
      if (t->callbacks && t->callbacks->progress)
        t->callbacks->progress (&metrics, t->model, t->callbacks->data);
    }
  return TRUE;
}

/* A run stopped after an epoch or more keeps what it learned: its best epoch so far. */
static gboolean
keep_stopped (CsRun   *run,
              GError **error)
{
  if (run->best_epoch == 0 || !g_error_matches (*error, CS_ERROR, CS_ERROR_CANCELLED))
    return FALSE;
  g_clear_error (error);
  run->stopped = true;
  g_ptr_array_add (run->notices,
                   g_strdup_printf (_("Training was stopped after epoch %d of %d: the result is "
                                    "the best epoch so far"), run->epochs_run, run->config.epochs));
  return TRUE;
}

bool
cs_train_has_validation (const CsDataset     *dataset,
                         const CsTrainConfig *config)
{
  g_return_val_if_fail (dataset != NULL && config != NULL, false);

  return cs_dataset_get_split (dataset, CS_SPLIT_VALID) != NULL ||
         config->valid_from_test > 0;
}

CsRun *
cs_train (CsDataset               *dataset,
          const CsTrainConfig     *config,
          const CsTrainCallbacks  *callbacks,
          GError                 **error)
{
  g_autoptr(CsRun) run = NULL;
  g_autoptr(CsDataset) trained_on = NULL;
  Trainer t = { 0 };
  unsigned int mxcsr;
  gboolean ok;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!cs_train_config_validate (config, error))
    return NULL;
  run = run_new (dataset, config);
  if (cs_train_has_validation (dataset, config) &&
      cs_dataset_get_split (dataset, CS_SPLIT_VALID) == NULL)
    {
      if (!(trained_on = cs_dataset_carve_validation (dataset, config->valid_from_test, error)))
        return NULL;
      g_ptr_array_add (run->notices,
                       g_strdup_printf (_("A stratified validation split of %d items was taken "
                                        "out of the test split"), config->valid_from_test));
    }
  else
    trained_on = cs_dataset_ref (dataset);
  /* The step shares out its products and the rest of its work over the model's own threads
   * (cs_model_set_threads), each product a single-threaded OpenBLAS call: OpenBLAS's threads
   * would wait for work on the same cores. OpenBLAS stays at one thread after: runs side by
   * side (crowdscope-cli experiment) would race to put back what they found. */
  t.n_threads = config->threads > 0 ? config->threads : cs_blas_get_default_threads ();
  run->threads = t.n_threads;
  cs_blas_set_num_threads (1);

  /* Gradients through a saturated softmax underflow into subnormal floats, which x86 handles
   * in microcode, many times slower: a LabelMe epoch took a third longer with them. */
  mxcsr = cs_denormals_flush_begin ();
  ok = trainer_init (&t, trained_on, config, callbacks, run, error) &&
       (train_epochs (&t, run, error) || keep_stopped (run, error));
  cs_denormals_flush_end (mxcsr);
  if (ok)
    {
      cs_model_copy_weights (t.model, t.best);
      if (!config->test_every_epoch)
        g_array_index (run->history, CsEpochMetrics, run->best_epoch - 1).test_accuracy =
          cs_evaluate_accuracy (t.model, t.test, t.probs);
      if (config->method == CS_METHOD_CONAL)
        run->annotator_w = annotator_mixing (&t);
      /* The run's model is used from other threads later (the window's): no pool. */
      cs_model_set_threads (t.model, 1);
      run->model = g_steal_pointer (&t.model);
      /* A warm start's estimate stays behind: the run's is the Dawid–Skene method's. */
      if (config->method == CS_METHOD_DAWID_SKENE)
        run->dawid_skene = g_steal_pointer (&t.ds);
      run->dataset = g_steal_pointer (&trained_on);
    }
  trainer_clear (&t);
  return ok ? g_steal_pointer (&run) : NULL;
}

const CsEpochMetrics *
cs_run_get_best (const CsRun *run)
{
  g_return_val_if_fail (run != NULL && run->best_epoch > 0, NULL);

  return &g_array_index (run->history, CsEpochMetrics, run->best_epoch - 1);
}

void
cs_run_free (CsRun *run)
{
  g_clear_pointer (&run->dataset, cs_dataset_unref);
  g_clear_pointer (&run->model, cs_model_free);
  g_clear_pointer (&run->dawid_skene, cs_dawid_skene_free);
  g_clear_pointer (&run->history, g_array_unref);
  g_clear_pointer (&run->notices, g_ptr_array_unref);
  g_free (run->annotator_w);
  g_free (run->fingerprint);
  g_free (run);
}
