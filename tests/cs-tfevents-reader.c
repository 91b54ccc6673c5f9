/* cs-tfevents-reader.c — reads back the scalars of TensorBoard event files, for the tests
 *
 * The core only writes event files; this reader checks what it wrote, so it asserts rather
 * than reports. It is written from the TFRecord framing and event.proto / summary.proto, with
 * the field keys spelled out here rather than shared with the writer, so that a wrong number in
 * one is caught by the other.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "cs-tfevents.h"
#include "cs-tfevents-reader.h"

/* A record: uint64 length | uint32 masked CRC of it | data | uint32 masked CRC of the data. */
#define RECORD_FOOTER 4

/* Keys (field number << 3 | wire type) of the fields read. */
#define KEY_EVENT_STEP          0x10  /* Event.step = 2, varint */
#define KEY_EVENT_SUMMARY       0x2a  /* Event.summary = 5, length-delimited */
#define KEY_SUMMARY_VALUE       0x0a  /* Summary.value = 1, length-delimited */
#define KEY_VALUE_TAG           0x0a  /* Summary.Value.tag = 1, length-delimited */
#define KEY_VALUE_SIMPLE_VALUE  0x15  /* Summary.Value.simple_value = 2, fixed32 */

typedef struct
{
  const guint8 *p;
  const guint8 *end;
} Reader;

static guint64
read_varint (Reader *r)
{
  guint64 value = 0;

  for (guint shift = 0;; shift += 7)
    {
      g_assert_cmpuint (shift, <, 64);
      g_assert_true (r->p < r->end);
      value |= (guint64) (*r->p & 0x7f) << shift;
      if ((*r->p++ & 0x80) == 0)
        return value;
    }
}

static guint64
read_fixed (Reader *r,
            guint   nbytes)
{
  guint64 value = 0;

  g_assert_cmpint (r->end - r->p, >=, nbytes);
  for (guint i = 0; i < nbytes; i++)
    value |= (guint64) *r->p++ << (8 * i);
  return value;
}

static Reader
read_len (Reader *r)
{
  guint64 n = read_varint (r);
  Reader sub = { r->p, r->p + n };

  g_assert_cmpuint (n, <=, (guint64) (r->end - r->p));
  r->p = sub.end;
  return sub;
}

/* Fields the writer does not write would be skipped the same way by TensorBoard. */
static void
skip_field (Reader  *r,
            guint64  key)
{
  switch (key & 7)
    {
    case 0:
      read_varint (r);
      break;
    case 1:
      read_fixed (r, 8);
      break;
    case 2:
      read_len (r);
      break;
    case 5:
      read_fixed (r, 4);
      break;
    default:
      g_error ("wire type %u, which no Event field has", (guint) (key & 7));
    }
}

static void
parse_value (Reader  r,
             GArray *out)
{
  CsTestScalar scalar = { 0 };
  gboolean has_value = FALSE;

  while (r.p < r.end)
    {
      guint64 key = read_varint (&r);

      if (key == KEY_VALUE_TAG)
        {
          Reader tag = read_len (&r);

          g_assert_true (g_utf8_validate ((const char *) tag.p, tag.end - tag.p, NULL));
          g_free (scalar.tag);
          scalar.tag = g_strndup ((const char *) tag.p, tag.end - tag.p);
        }
      else if (key == KEY_VALUE_SIMPLE_VALUE)
        {
          guint32 bits = (guint32) read_fixed (&r, 4);

          memcpy (&scalar.value, &bits, sizeof scalar.value);
          has_value = TRUE;
        }
      else
        skip_field (&r, key);
    }
  if (has_value)
    g_array_append_val (out, scalar);
  else
    g_free (scalar.tag);
}

/* The step may come after the summary, so it is filled in once the whole event is read. */
static void
parse_event (Reader  r,
             GArray *out)
{
  guint first = out->len;
  guint64 step = 0;

  while (r.p < r.end)
    {
      guint64 key = read_varint (&r);

      if (key == KEY_EVENT_STEP)
        step = read_varint (&r);
      else if (key == KEY_EVENT_SUMMARY)
        {
          Reader summary = read_len (&r);

          while (summary.p < summary.end)
            {
              guint64 summary_key = read_varint (&summary);

              if (summary_key == KEY_SUMMARY_VALUE)
                parse_value (read_len (&summary), out);
              else
                skip_field (&summary, summary_key);
            }
        }
      else
        skip_field (&r, key);
    }
  for (guint i = first; i < out->len; i++)
    g_array_index (out, CsTestScalar, i).step = (int64_t) step;
}

static void
clear_scalar (gpointer data)
{
  g_free (((CsTestScalar *) data)->tag);
}

GArray *
cs_test_events_read (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  GArray *out = g_array_new (FALSE, TRUE, sizeof (CsTestScalar));
  Reader file;
  gsize len;

  g_array_set_clear_func (out, clear_scalar);
  g_file_get_contents (path, &bytes, &len, &error);
  g_assert_no_error (error);
  file = (Reader) { (const guint8 *) bytes, (const guint8 *) bytes + len };
  while (file.p < file.end)
    {
      const guint8 *length = file.p;
      guint64 n = read_fixed (&file, 8);
      Reader data;

      g_assert_cmphex (read_fixed (&file, 4), ==, cs_crc32c_mask (cs_crc32c (0, length, 8)));
      g_assert_cmpuint (n + RECORD_FOOTER, <=, (guint64) (file.end - file.p));
      data = (Reader) { file.p, file.p + n };
      file.p += n;
      g_assert_cmphex (read_fixed (&file, 4), ==, cs_crc32c_mask (cs_crc32c (0, data.p, n)));
      parse_event (data, out);
    }
  return out;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

GPtrArray *
cs_test_event_files (const char *log_dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (log_dir, 0, &error);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "events.out.tfevents."))
      g_ptr_array_add (paths, g_build_filename (log_dir, name, NULL));
  g_ptr_array_sort (paths, compare_names);
  return paths;
}

char *
cs_test_event_file (const char *log_dir)
{
  g_autoptr(GPtrArray) paths = cs_test_event_files (log_dir);

  g_assert_cmpuint (paths->len, ==, 1);
  return g_strdup (g_ptr_array_index (paths, 0));
}
