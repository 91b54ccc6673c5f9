/* cs-boxed.h — GTypes for the core's reference-counted structures
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "cs-dataset.h"

G_BEGIN_DECLS

#define CS_TYPE_DATASET (cs_dataset_get_type ())

GType cs_dataset_get_type (void) G_GNUC_CONST;

G_END_DECLS
