/* cs-npy.h — reading and writing NumPy .npy arrays
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

typedef enum
{
  CS_NPY_BOOL,
  CS_NPY_I1,
  CS_NPY_I2,
  CS_NPY_I4,
  CS_NPY_I8,
  CS_NPY_U1,
  CS_NPY_U2,
  CS_NPY_U4,
  CS_NPY_U8,
  CS_NPY_F4,
  CS_NPY_F8,
} CsNpyDtype;

#define CS_NPY_MAX_DIMS 8

/* The largest array the readers accept, checked before anything is allocated. */
#define CS_NPY_MAX_ELEMENTS ((gsize) 1 << 31)
#define CS_NPY_MAX_BYTES    ((guint64) 8 << 30)

typedef struct
{
  CsNpyDtype dtype;
  bool       big_endian;
  bool       fortran_order;
  int        ndim;
  gsize      shape[CS_NPY_MAX_DIMS];
  gsize      count;        /* product of shape; 1 for a 0-D array */
  gsize      data_offset;  /* where the array's bytes start */
} CsNpyHeader;

gsize     cs_npy_dtype_size   (CsNpyDtype         dtype);
gboolean  cs_npy_parse_header (const guint8      *data,
                               gsize              len,
                               const char        *filename,
                               CsNpyHeader       *out,
                               GError           **error);
gboolean  cs_npy_check_data   (const CsNpyHeader *header,
                               gsize              len,
                               const char        *filename,
                               GError           **error);
float    *cs_npy_parse_f32    (const guint8      *data,
                               gsize              len,
                               const char        *filename,
                               int               *rows,
                               int               *cols,
                               GError           **error);
float    *cs_npy_load_f32     (const char        *path,
                               int               *rows,
                               int               *cols,
                               GError           **error);
int32_t  *cs_npy_parse_i32    (const guint8      *data,
                               gsize              len,
                               const char        *filename,
                               int               *n,
                               GError           **error);
int32_t  *cs_npy_load_i32     (const char        *path,
                               int               *n,
                               GError           **error);
gboolean  cs_npy_save_f32     (const char        *path,
                               const float       *data,
                               int                ndim,
                               const gsize       *shape,
                               GError           **error);

G_END_DECLS
