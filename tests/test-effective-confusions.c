/* test-effective-confusions.c — annotators' confusions under CoNAL's w, and mean w
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "cs-effective-confusions.h"
#include "cs-noise-private.h"
#include "test-util.h"

/* A split's labels with the by-annotator index the dataset builder would make. */
typedef struct
{
  CsSplit split;
  int     annotator_offsets[8];
  int     by_annotator[16];
} LabelSet;

static void
label_set_init (LabelSet           *set,
                const CsCrowdLabel *labels,
                int                 L,
                int                 R)
{
  int fill = 0;

  g_assert_cmpint (R, <, (int) G_N_ELEMENTS (set->annotator_offsets));
  g_assert_cmpint (L, <=, (int) G_N_ELEMENTS (set->by_annotator));
  set->split = (CsSplit) { .present = true, .n = L, .n_labels = L,
                           .labels = (CsCrowdLabel *) labels,
                           .annotator_offsets = set->annotator_offsets,
                           .by_annotator = set->by_annotator };
  for (int r = 0; r < R; r++)
    {
      set->annotator_offsets[r] = fill;
      for (int l = 0; l < L; l++)
        if (labels[l].annotator == r)
          set->by_annotator[fill++] = l;
    }
  set->annotator_offsets[R] = fill;
}

/* K = 2: W_g = I, W_0 = 0; annotator 0 gave two labels, with w = 1 and w = 0; annotator 1
 * gave none. Row 0 averages softmax (1, 0) and softmax (0, 0), which is not softmax (½, 0): the
 * average is over distributions, not over w. */
static void
test_two_classes (void)
{
  static const CsCrowdLabel labels[] = { { 0, 0, 0 }, { 1, 0, 1 } };
  const float global[4] = { 1, 0, 0, 1 };
  const float local[2 * 4] = { 0 };
  const float w[2] = { 1, 0 };
  double hi = exp (1) / (1 + exp (1));
  float effective[2 * 4], mean_w[2];
  LabelSet set;

  label_set_init (&set, labels, 2, 2);
  cs_effective_confusions (effective, global, local, w, &set.split, 2, 2);
  g_assert_cmpfloat_with_epsilon (effective[0], (hi + 0.5) / 2, 1e-6);
  g_assert_cmpfloat_with_epsilon (effective[1], (1 - hi + 0.5) / 2, 1e-6);
  g_assert_cmpfloat_with_epsilon (effective[2], (1 - hi + 0.5) / 2, 1e-6);
  g_assert_cmpfloat_with_epsilon (effective[3], (hi + 0.5) / 2, 1e-6);
  for (int i = 4; i < 8; i++)
    g_assert_true (isnan (effective[i]));

  cs_annotator_mean_w (mean_w, w, &set.split, 2);
  g_assert_cmpfloat (mean_w[0], ==, 0.5f);
  g_assert_true (isnan (mean_w[1]));
}

/* K = 3, one label with w = ½: W_g's rows put ln 9 on class (k + 1) mod 3 and W_r is 0, so row
 * k is softmax of ln 3 there and 0 elsewhere: 3/5 on the confused class, 1/5 on the others. */
static void
test_three_classes (void)
{
  static const CsCrowdLabel labels[] = { { 0, 0, 2 } };
  float global[9] = { 0 }, local[9] = { 0 }, effective[9];
  const float w[1] = { 0.5f };
  LabelSet set;

  for (int k = 0; k < 3; k++)
    global[k * 3 + (k + 1) % 3] = logf (9);
  label_set_init (&set, labels, 1, 1);
  cs_effective_confusions (effective, global, local, w, &set.split, 3, 1);
  for (int k = 0; k < 3; k++)
    for (int c = 0; c < 3; c++)
      g_assert_cmpfloat_with_epsilon (effective[k * 3 + c], c == (k + 1) % 3 ? 0.6 : 0.2, 1e-6);
}

/* Crowd Layer: softmax (W_r) for an annotator with labels, whatever they are. */
static void
test_crowd_layer (void)
{
  static const CsCrowdLabel labels[] = { { 0, 1, 0 }, { 1, 1, 1 } };
  const float local[2 * 4] = { 5, 5, 5, 5, logf (3), 0, 0, logf (3) };
  float effective[2 * 4];
  LabelSet set;

  label_set_init (&set, labels, 2, 2);
  cs_effective_confusions (effective, NULL, local, NULL, &set.split, 2, 2);
  for (int i = 0; i < 4; i++)
    g_assert_true (isnan (effective[i]));
  g_assert_cmpfloat_with_epsilon (effective[4], 0.75, 1e-6);
  g_assert_cmpfloat_with_epsilon (effective[5], 0.25, 1e-6);
  g_assert_cmpfloat_with_epsilon (effective[6], 0.25, 1e-6);
  g_assert_cmpfloat_with_epsilon (effective[7], 0.75, 1e-6);
}

/* The rows are what CoNAL's own noise layer gives an item whose p is one-hot on the row's
 * class: the same mix in logit space, for a label of any w. */
static void
test_matches_noise_layer (void)
{
  enum { K = 3, R = 2 };
  static const CsCrowdLabel labels[] = { { 0, 1, 2 } };
  const float global[K * K] = { 1.5f, -0.5f, 0.25f, 0.0f, 2.0f, -1.0f, 0.5f, 0.5f, 0.75f };
  const float local[R * K * K] = { 0 , 0, 0, 0, 0, 0, 0, 0, 0,
                                   0.3f, 1.2f, -0.7f, 2.5f, 0.1f, 0.0f, -0.2f, 0.4f, 1.1f };
  const float w[1] = { 0.3f };
  float effective[R * K * K];
  LabelSet set;

  label_set_init (&set, labels, 1, R);
  cs_effective_confusions (effective, global, local, w, &set.split, K, R);
  for (int k = 0; k < K; k++)
    {
      g_autoptr(CsTestNoiseBuffers) buf = cs_test_noise_buffers_new (1, 1, K, R);
      float p[K] = { 0 };

      p[k] = 1;
      cs_noise_forward (buf, p, global, local, w, labels, 1, 1, K, R);
      for (int c = 0; c < K; c++)
        g_assert_cmpfloat_with_epsilon (effective[(K + k) * K + c], buf->crowd_probs[c], 1e-6);
    }
}

/* One label's distribution for a soft p is the noise layer's own output for that label. */
static void
test_label_distribution (void)
{
  enum { K = 3, R = 2 };
  static const CsCrowdLabel labels[] = { { 0, 1, 2 } };
  const float global[K * K] = { 1.5f, -0.5f, 0.25f, 0.0f, 2.0f, -1.0f, 0.5f, 0.5f, 0.75f };
  const float local[R * K * K] = { 0 , 0, 0, 0, 0, 0, 0, 0, 0,
                                   0.3f, 1.2f, -0.7f, 2.5f, 0.1f, 0.0f, -0.2f, 0.4f, 1.1f };
  const float p[K] = { 0.2f, 0.5f, 0.3f };
  const float w[1] = { 0.3f };
  g_autoptr(CsTestNoiseBuffers) buf = cs_test_noise_buffers_new (1, 1, K, R);
  float out[K], sum = 0;

  cs_noise_forward (buf, p, global, local, w, labels, 1, 1, K, R);
  cs_label_distribution (out, p, global, local + K * K, w[0], K);
  for (int c = 0; c < K; c++)
    {
      g_assert_cmpfloat_with_epsilon (out[c], buf->crowd_probs[c], 1e-6);
      sum += out[c];
    }
  g_assert_cmpfloat_with_epsilon (sum, 1, 1e-6);

  /* Crowd Layer: the annotator's own layer alone, whatever w. */
  cs_label_distribution (out, p, NULL, local + K * K, 0.9f, K);
  cs_noise_forward (buf, p, NULL, local, NULL, labels, 1, 1, K, R);
  for (int c = 0; c < K; c++)
    g_assert_cmpfloat_with_epsilon (out[c], buf->crowd_probs[c], 1e-6);
}

/* Items' mean w, and their order by it: item 0 has w 0.25 and 0.35, item 1 no label (last),
 * item 2 0.9, item 3 0.1. */
static void
test_item_mean_w (void)
{
  static const CsCrowdLabel labels[] = { { 0, 0, 0 }, { 0, 1, 1 }, { 2, 0, 0 }, { 3, 1, 1 } };
  int item_offsets[5] = { 0, 2, 2, 3, 4 };
  CsSplit split = { .present = true, .n = 4, .n_labels = 4, .labels = (CsCrowdLabel *) labels,
                    .item_offsets = item_offsets };
  const float w[4] = { 0.25f, 0.35f, 0.9f, 0.1f };
  float mean_w[4];
  int order[4];

  cs_item_mean_w (mean_w, order, w, &split);
  g_assert_cmpfloat_with_epsilon (mean_w[0], 0.3, 1e-6);
  g_assert_true (isnan (mean_w[1]));
  g_assert_cmpfloat (mean_w[2], ==, 0.9f);
  g_assert_cmpfloat (mean_w[3], ==, 0.1f);
  g_assert_cmpint (order[0], ==, 2);
  g_assert_cmpint (order[1], ==, 0);
  g_assert_cmpint (order[2], ==, 3);
  g_assert_cmpint (order[3], ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/effective-confusions/two-classes", test_two_classes);
  g_test_add_func ("/effective-confusions/three-classes", test_three_classes);
  g_test_add_func ("/effective-confusions/crowd-layer", test_crowd_layer);
  g_test_add_func ("/effective-confusions/noise-layer", test_matches_noise_layer);
  g_test_add_func ("/effective-confusions/item-mean-w", test_item_mean_w);
  g_test_add_func ("/effective-confusions/label-distribution", test_label_distribution);
  return g_test_run ();
}
