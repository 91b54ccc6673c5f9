/* cs-tfevents.h — scalar logs in TensorBoard's event file format
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

/* The longest tag a CsScalarEvent holds, in bytes; longer tags are cut at a character boundary. */
#define CS_SCALAR_TAG_MAX 63

typedef struct _CsEventWriter CsEventWriter;

/* One scalar read back from an event file. */
typedef struct
{
  int64_t step;
  float   value;
  char    tag[CS_SCALAR_TAG_MAX + 1];
} CsScalarEvent;

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
const char    *cs_event_writer_get_path    (CsEventWriter  *self);

gboolean       cs_event_file_read_scalars  (const char     *path,
                                            GArray         *out,
                                            GError        **error);
gboolean       cs_event_data_parse_scalars (const guint8   *data,
                                            gsize           len,
                                            const char     *filename,
                                            GArray         *out,
                                            GError        **error);

uint32_t       cs_crc32c                   (uint32_t        crc,
                                            const void     *data,
                                            gsize           len);
uint32_t       cs_crc32c_mask              (uint32_t        crc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsEventWriter, cs_event_writer_free)

G_END_DECLS
