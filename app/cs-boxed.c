/* cs-boxed.c — GTypes for the core's reference-counted structures
 *
 * The core is plain C on GLib without GObject; properties and signals that carry a dataset
 * need a boxed type, which lives here on the app side.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-boxed.h"

G_DEFINE_BOXED_TYPE (CsDataset, cs_dataset, cs_dataset_ref, cs_dataset_unref)
