/* cs-majority-vote.c — the crowd's most frequent answer per item
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-majority-vote.h"

int
cs_votes_count (int           *counts,
                const CsSplit *split,
                int            item,
                int            K)
{
  int begin = split->item_offsets[item], end = split->item_offsets[item + 1];

  memset (counts, 0, sizeof (int) * K);
  for (int l = begin; l < end; l++)
    counts[split->labels[l].label]++;
  return end - begin;
}

int
cs_votes_winner (const int *counts,
                 int        K)
{
  int best = -1;

  for (int k = 0; k < K; k++)
    if (counts[k] > 0 && (best < 0 || counts[k] > counts[best]))
      best = k;
  return best;
}

double
cs_votes_entropy (const int *counts,
                  int        K)
{
  double entropy = 0;
  int n = 0;

  for (int k = 0; k < K; k++)
    n += counts[k];
  if (n == 0)
    return NAN;
  for (int k = 0; k < K; k++)
    if (counts[k] > 0)
      entropy -= (double) counts[k] / n * log2 ((double) counts[k] / n);
  /* One class alone gives −1 · log2 (1) = −0: shown as 0. */
  return entropy + 0.0;
}

char *
cs_votes_format (const int    *counts,
                 int           K,
                 char * const *class_names)
{
  g_autofree gboolean *done = g_new0 (gboolean, K);
  GString *text = g_string_new (NULL);

  for (;;)
    {
      int best = -1;

      for (int k = 0; k < K; k++)
        if (!done[k] && counts[k] > 0 && (best < 0 || counts[k] > counts[best]))
          best = k;
      if (best < 0)
        break;
      done[best] = TRUE;
      g_string_append_printf (text, "%s%s:%d", text->len ? ";" : "", class_names[best],
                              counts[best]);
    }
  return g_string_free (text, FALSE);
}

void
cs_majority_vote (int32_t       *hard,
                  float         *soft,
                  const CsSplit *split,
                  int            K)
{
  g_autofree int *votes = g_new (int, K);

  g_return_if_fail (split != NULL && hard != NULL);

  for (int i = 0; i < split->n; i++)
    {
      int n = cs_votes_count (votes, split, i, K);

      hard[i] = cs_votes_winner (votes, K);
      if (soft != NULL)
        for (int k = 0; k < K; k++)
          soft[(gsize) i * K + k] = n > 0 ? (float) votes[k] / n : 0.0f;
    }
}
