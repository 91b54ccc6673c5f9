/* cs-epoch-events.h — an epoch's metrics as TensorBoard scalars
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-tfevents.h"
#include "cs-trainer.h"

G_BEGIN_DECLS

gboolean cs_epoch_events_add (CsEventWriter         *writer,
                              const CsEpochMetrics  *metrics,
                              GError               **error);

G_END_DECLS
