/* cs-majority-vote.c — the crowd's most frequent answer per item
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "cs-majority-vote.h"

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
      int begin = split->item_offsets[i], end = split->item_offsets[i + 1];
      int best = -1;

      memset (votes, 0, sizeof (int) * K);
      for (int l = begin; l < end; l++)
        votes[split->labels[l].label]++;
      for (int k = 0; k < K; k++)
        if (votes[k] > 0 && (best < 0 || votes[k] > votes[best]))
          best = k;
      hard[i] = best;
      if (soft != NULL)
        for (int k = 0; k < K; k++)
          soft[(gsize) i * K + k] = end > begin ? (float) votes[k] / (end - begin) : 0.0f;
    }
}
