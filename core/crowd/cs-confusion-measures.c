/* cs-confusion-measures.c — what a confusion matrix says about its annotator, and how far two
 * matrices are apart
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-confusion-measures.h"

#include <math.h>

static bool
row_has_data (const float *row,
              int          K)
{
  for (int k = 0; k < K; k++)
    if (isnan (row[k]))
      return false;
  return true;
}

/* Raykar & Yu (JMLR 13, 2012, "Eliminating spammers and ranking annotators for crowdsourced
 * labeling tasks"), categorical case: a spammer's confusion A (rows α_c, the label
 * distribution of true class c) is rank one, A = e · αᵀ, and the score is the squared
 * Frobenius distance to the closest such matrix, whose α is the mean row:
 *   ‖A − e · ᾱᵀ‖²_F = (1/K) · Σ_{c<c'} Σ_k (α_ck − α_c'k)².
 * Two distinct one-hot rows are 2 apart, so the largest value (a permutation matrix) is K − 1;
 * the paper divides by it to put the score in [0, 1], which gives
 *   S = 1 / (K (K − 1)) · Σ_{c<c'} Σ_k (α_ck − α_c'k)²,
 * for K = 2 its binary score (α + β − 1)². Rows without data are left out, with K the number
 * of rows kept, so a perfect annotator scores 1 however many classes it has seen. */
double
cs_spammer_score (const float *m,
                  int          K)
{
  double sum = 0;
  int rows = 0;

  g_return_val_if_fail (m != NULL && K >= 1, NAN);

  for (int c = 0; c < K; c++)
    {
      const float *a = m + (size_t) c * K;

      if (!row_has_data (a, K))
        continue;
      rows++;
      for (int d = c + 1; d < K; d++)
        {
          const float *b = m + (size_t) d * K;

          if (!row_has_data (b, K))
            continue;
          for (int k = 0; k < K; k++)
            sum += ((double) a[k] - b[k]) * ((double) a[k] - b[k]);
        }
    }
  if (rows < 2)
    return NAN;
  return sum / ((double) rows * (rows - 1));
}

/* Σ p log₂ (p / m) over the cells where p > 0 (0 · log 0 = 0). */
static double
kl_bits (const float *p,
         const float *q,
         int          K)
{
  double sum = 0;

  for (int k = 0; k < K; k++)
    if (p[k] > 0)
      sum += p[k] * log2 (2.0 * p[k] / ((double) p[k] + q[k]));
  return sum;
}

double
cs_row_distance (CsDistance   kind,
                 const float *p,
                 const float *q,
                 int          K)
{
  double d = 0;

  g_return_val_if_fail (p != NULL && q != NULL && K >= 1, NAN);

  if (!row_has_data (p, K) || !row_has_data (q, K))
    return NAN;
  if (kind == CS_DISTANCE_TOTAL_VARIATION)
    {
      for (int k = 0; k < K; k++)
        d += fabs ((double) p[k] - q[k]);
      d /= 2;
    }
  else
    d = (kl_bits (p, q, K) + kl_bits (q, p, K)) / 2;
  /* Rounding can take either a hair outside its range. */
  return CLAMP (d, 0.0, 1.0);
}

double
cs_confusion_distance (CsDistance   kind,
                       double      *rows,
                       const float *a,
                       const float *b,
                       int          K)
{
  double sum = 0;
  int shared = 0;

  g_return_val_if_fail (a != NULL && b != NULL && K >= 1, NAN);

  for (int k = 0; k < K; k++)
    {
      double d = cs_row_distance (kind, a + (size_t) k * K, b + (size_t) k * K, K);

      if (rows != NULL)
        rows[k] = d;
      if (isnan (d))
        continue;
      sum += d;
      shared++;
    }
  return shared > 0 ? sum / shared : NAN;
}

int
cs_confusion_top_off_diagonal (CsConfusionCell *cells,
                               int              n,
                               const float     *m,
                               int              K)
{
  int found = 0;

  g_return_val_if_fail (cells != NULL || n == 0, 0);
  g_return_val_if_fail (m != NULL && K >= 1, 0);

  /* Insertion into the n best so far; a cell displaces only strictly smaller ones, so ties
   * keep the order they were met in. */
  for (int i = 0; i < K; i++)
    for (int j = 0; j < K; j++)
      {
        float value = m[(size_t) i * K + j];
        int at;

        if (i == j || isnan (value))
          continue;
        for (at = found; at > 0 && cells[at - 1].value < value; at--)
          if (at < n)
            cells[at] = cells[at - 1];
        if (at < n)
          cells[at] = (CsConfusionCell) { i, j, value };
        found = MIN (found + 1, n);
      }
  return found;
}
