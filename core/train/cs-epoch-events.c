/* cs-epoch-events.c — an epoch's metrics as TensorBoard scalars
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-epoch-events.h"

#include <math.h>

/**
 * cs_epoch_events_add:
 * @writer: an event writer
 * @metrics: one epoch's metrics
 * @error: return location for the writer's CS_ERROR_IO error
 *
 * Queues the epoch's losses and accuracies under the original implementation's tags, with the
 * epoch as the step; a metric that was not measured (NaN) is left out.
 *
 * Returns: %TRUE unless writing failed; the scalars after a failure are not queued
 */
gboolean
cs_epoch_events_add (CsEventWriter         *writer,
                     const CsEpochMetrics  *metrics,
                     GError               **error)
{
  const struct { const char *tag; double value; } scalars[] = {
    { "train_loss", metrics->train_loss },
    { "train_accuracy", metrics->train_accuracy },
    { "valid_accuracy", metrics->valid_accuracy },
    { "test_accuracy", metrics->test_accuracy },
  };

  g_return_val_if_fail (writer != NULL && metrics != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (scalars); i++)
    if (isfinite (scalars[i].value) &&
        !cs_event_writer_add_scalar (writer, scalars[i].tag, metrics->epoch,
                                     (float) scalars[i].value, 0, error))
      return FALSE;
  return TRUE;
}
