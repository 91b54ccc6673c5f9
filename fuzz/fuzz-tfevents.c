/* fuzz-tfevents.c — fuzzes the TensorBoard event file reader
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every record carries two CRCs, which random bytes almost never get right, so the first byte
 * picks a mode: even, the rest is the file as it is (the framing and CRC checks); odd, the rest
 * is cut into payloads of one length byte each, which this target frames with correct CRCs so
 * that the fuzzer reaches the protobuf parser behind them.
 */

#include <string.h>

#include "cs-fuzz-targets.h"
#include "cs-tfevents.h"

static void
append_le (GByteArray *out,
           guint64     value,
           guint       nbytes)
{
  for (guint i = 0; i < nbytes; i++)
    {
      guint8 byte = (guint8) (value >> (8 * i));

      g_byte_array_append (out, &byte, 1);
    }
}

static void
append_record (GByteArray   *out,
               const guint8 *payload,
               gsize         len)
{
  gsize start = out->len;

  append_le (out, len, 8);
  append_le (out, cs_crc32c_mask (cs_crc32c (0, out->data + start, 8)), 4);
  g_byte_array_append (out, payload, (guint) len);
  append_le (out, cs_crc32c_mask (cs_crc32c (0, payload, len)), 4);
}

static GByteArray *
frame_records (const guint8 *data,
               gsize         len)
{
  GByteArray *out = g_byte_array_new ();
  gsize pos = 0;

  while (pos < len)
    {
      gsize n = MIN ((gsize) data[pos], len - pos - 1);

      append_record (out, data + pos + 1, n);
      pos += 1 + n;
    }
  return out;
}

static void
parse (const guint8 *data,
       gsize         len)
{
  g_autoptr(GArray) scalars = g_array_new (FALSE, TRUE, sizeof (CsScalarEvent));
  CsScalarEvent sentinel = { .step = -7, .value = 1.5f, .tag = "sentinel" };
  GError *error = NULL;

  /* A failed parse must leave what was in the array before untouched. */
  g_array_append_val (scalars, sentinel);
  if (!cs_event_data_parse_scalars (data, len, "fuzz.tfevents", scalars, &error))
    {
      cs_fuzz_check_error (error);
      if (scalars->len != 1)
        g_error ("a failed parse left %u scalars, expected the 1 from before", scalars->len);
    }
  for (guint i = 0; i < scalars->len; i++)
    {
      const CsScalarEvent *e = &g_array_index (scalars, CsScalarEvent, i);

      if (memchr (e->tag, '\0', sizeof e->tag) == NULL || !g_utf8_validate (e->tag, -1, NULL))
        g_error ("scalar %u has a tag that is not a UTF-8 string", i);
    }
  if (memcmp (&g_array_index (scalars, CsScalarEvent, 0), &sentinel, sizeof sentinel) != 0)
    g_error ("the scalar from before the parse was changed");
}

void
cs_fuzz_tfevents (const guint8 *data,
                  gsize         len)
{
  g_autoptr(GByteArray) framed = NULL;

  if (len == 0)
    {
      parse (data, 0);
      return;
    }
  if ((data[0] & 1) == 0)
    {
      /* An exact copy, so that AddressSanitizer sees a read past the end of the file. */
      g_autofree guint8 *copy = g_memdup2 (data + 1, len - 1);

      parse (copy, len - 1);
      return;
    }
  framed = frame_records (data + 1, len - 1);
  {
    g_autofree guint8 *copy = g_memdup2 (framed->data, framed->len);

    parse (copy, framed->len);
  }
}

CS_FUZZ_ENTRY_POINT (cs_fuzz_tfevents)
