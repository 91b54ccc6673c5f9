/* cs-tfevents.h — writes scalar logs in TensorBoard's event file format
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

typedef struct _CsEventWriter CsEventWriter;

CsEventWriter *cs_event_writer_new         (const char     *log_dir,
                                            GError        **error);
gboolean       cs_event_writer_add_scalar  (CsEventWriter  *self,
                                            const char     *tag,
                                            int64_t         step,
                                            float           value,
                                            double          wall_time,
                                            GError        **error);
gboolean       cs_event_writer_flush       (CsEventWriter  *self,
                                            GError        **error);
void           cs_event_writer_free        (CsEventWriter  *self);

uint32_t       cs_crc32c                   (uint32_t        crc,
                                            const void     *data,
                                            gsize           len);
uint32_t       cs_crc32c_mask              (uint32_t        crc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsEventWriter, cs_event_writer_free)

G_END_DECLS
