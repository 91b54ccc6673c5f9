/* fuzz-safetensors.c — fuzzes the safetensors reader, and writing back what it read
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "cs-fuzz-targets.h"
#include "cs-safetensors.h"

/* Reads every byte of a tensor; returns its size. */
static gsize
tensor_bytes (const CsTensors *tensors,
              const char      *name,
              CsTensorDtype   *dtype,
              int             *ndim,
              int64_t         *shape)
{
  const guint8 *data = cs_tensors_get (tensors, name, dtype, ndim, shape);
  volatile guint8 sink = 0;
  gsize n = 4;

  if (data == NULL)
    g_error ("tensor '%s' is listed but cannot be found", name);
  if (*ndim < 0 || *ndim > CS_TENSOR_MAX_DIMS)
    g_error ("tensor '%s' has %d dimensions", name, *ndim);
  for (int i = 0; i < *ndim; i++)
    n *= (gsize) shape[i];
  for (gsize i = 0; i < n; i++)
    sink = data[i];
  (void) sink;
  return n;
}

/* What the reader accepted, the writer must lay out in a form the reader accepts again, with
 * the same tensors. */
static void
check_round_trip (CsTensors *tensors)
{
  g_autoptr(GBytes) bytes = cs_tensors_serialize (tensors);
  g_autoptr(CsTensors) again = NULL;
  GError *error = NULL;
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  again = cs_tensors_parse (data, len, "rewritten", &error);
  if (again == NULL)
    g_error ("the rewritten file does not parse: %s", error->message);
  if (cs_tensors_get_n (again) != cs_tensors_get_n (tensors))
    g_error ("%u tensors were rewritten as %u", cs_tensors_get_n (tensors), cs_tensors_get_n (again));
  for (guint i = 0; i < cs_tensors_get_n (tensors); i++)
    {
      const char *name = cs_tensors_get_name (tensors, i);
      int64_t shape[CS_TENSOR_MAX_DIMS], shape2[CS_TENSOR_MAX_DIMS];
      CsTensorDtype dtype, dtype2;
      int ndim, ndim2;
      gsize n = tensor_bytes (tensors, name, &dtype, &ndim, shape);
      gsize n2 = tensor_bytes (again, name, &dtype2, &ndim2, shape2);

      if (dtype != dtype2 || ndim != ndim2 || n != n2 ||
          memcmp (shape, shape2, sizeof shape) != 0 ||
          memcmp (cs_tensors_get (tensors, name, NULL, NULL, NULL),
                  cs_tensors_get (again, name, NULL, NULL, NULL), n) != 0)
        g_error ("tensor '%s' changed when rewritten", name);
    }
}

void
cs_fuzz_safetensors (const guint8 *data,
                     gsize         len)
{
  GError *error = NULL;
  g_autoptr(CsTensors) tensors = cs_tensors_parse (data, len, "fuzz.safetensors", &error);

  if (tensors == NULL)
    {
      cs_fuzz_check_error (error);
      return;
    }
  check_round_trip (tensors);
}

CS_FUZZ_ENTRY_POINT (cs_fuzz_safetensors)
