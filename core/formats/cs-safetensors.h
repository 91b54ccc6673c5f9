/* cs-safetensors.h — named tensors read from and written to safetensors files
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

/* The most dimensions a tensor may have. */
#define CS_TENSOR_MAX_DIMS 4

typedef enum
{
  CS_TENSOR_F32,
  CS_TENSOR_I32,
} CsTensorDtype;

typedef struct _CsTensors CsTensors;

CsTensors  *cs_tensors_new            (void);
void        cs_tensors_free           (CsTensors        *self);
void        cs_tensors_add            (CsTensors        *self,
                                       const char       *name,
                                       CsTensorDtype     dtype,
                                       int               ndim,
                                       const int64_t    *shape,
                                       const void       *data);
void        cs_tensors_set_metadata   (CsTensors        *self,
                                       const char       *key,
                                       const char       *value);
gboolean    cs_tensors_save           (CsTensors        *self,
                                       const char       *path,
                                       GError          **error);
GBytes     *cs_tensors_serialize      (CsTensors        *self);
CsTensors  *cs_tensors_parse          (const guint8     *data,
                                       gsize             len,
                                       const char       *filename,
                                       GError          **error);
CsTensors  *cs_tensors_load           (const char       *path,
                                       GError          **error);
const void *cs_tensors_get            (const CsTensors  *self,
                                       const char       *name,
                                       CsTensorDtype    *dtype,
                                       int              *ndim,
                                       int64_t          *shape);
guint       cs_tensors_get_n          (const CsTensors  *self);
const char *cs_tensors_get_name       (const CsTensors  *self,
                                       guint             i);
const char *cs_tensor_dtype_to_string (CsTensorDtype     dtype);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsTensors, cs_tensors_free)

G_END_DECLS
