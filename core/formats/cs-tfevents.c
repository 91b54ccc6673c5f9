/* cs-tfevents.c — writes scalar logs in TensorBoard's event file format
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "cs-error.h"
#include "cs-file.h"
#include "cs-tfevents.h"

/* An event file is a sequence of TFRecords, each
 *   uint64 length | uint32 masked_crc32c (length) | data | uint32 masked_crc32c (data)
 * in little-endian order, whose data is an Event protocol buffer (tensorflow/core/util/event.proto
 * and tensorflow/core/framework/summary.proto). Only the fields below are written. The tests
 * read the files back with a reader of their own (tests/cs-tfevents-reader.c) and with Python
 * (tests/check-tfevents.py); TensorBoard is the reader users have. */
#define CRC32C_POLY        0x82F63B78u
#define CRC_MASK_DELTA     0xa282ead8u
#define FILE_VERSION       "brain.Event:2"

/* Records are kept in memory up to this size, so that logging a scalar is not a system call. */
#define FLUSH_THRESHOLD    (64 * 1024)
/* Gives up finding a free file name after this many tries in the same second. */
#define MAX_NAME_ATTEMPTS  1000

enum
{
  WIRE_VARINT = 0,
  WIRE_FIXED64 = 1,
  WIRE_LEN = 2,
  WIRE_FIXED32 = 5,
};

enum
{
  EVENT_WALL_TIME = 1,        /* double */
  EVENT_STEP = 2,             /* int64 */
  EVENT_FILE_VERSION = 3,     /* string */
  EVENT_SUMMARY = 5,          /* Summary */
  SUMMARY_VALUE = 1,          /* repeated Summary.Value */
  VALUE_TAG = 1,              /* string */
  VALUE_SIMPLE_VALUE = 2,     /* float */
};

struct _CsEventWriter
{
  char       *path;
  int         fd;
  GByteArray *pending;        /* records not yet written to fd */
};

/* CRC-32C */

static guint32 crc32c_table[256];

static void
crc32c_init_table (void)
{
  for (guint32 i = 0; i < 256; i++)
    {
      guint32 c = i;

      for (int k = 0; k < 8; k++)
        c = (c & 1) ? (c >> 1) ^ CRC32C_POLY : c >> 1;
      crc32c_table[i] = c;
    }
}

/**
 * cs_crc32c:
 * @crc: 0, or the result for the bytes before @data
 * @data: (array length=len): bytes
 * @len: the number of bytes
 *
 * Computes the Castagnoli CRC-32 of @data, continuing from @crc, so that
 * `cs_crc32c (cs_crc32c (0, a, n), b, m)` is the CRC of a followed by b.
 *
 * Returns: the CRC
 */
uint32_t
cs_crc32c (uint32_t    crc,
           const void *data,
           gsize       len)
{
  static gsize initialized = 0;
  const guint8 *p = data;

  g_return_val_if_fail (data != NULL || len == 0, crc);

  if (g_once_init_enter (&initialized))
    {
      crc32c_init_table ();
      g_once_init_leave (&initialized, 1);
    }

  crc = ~crc;
  for (gsize i = 0; i < len; i++)
    crc = crc32c_table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
  return ~crc;
}

/**
 * cs_crc32c_mask:
 * @crc: a CRC-32C
 *
 * Masks a CRC the way TFRecord stores it, so that the CRC of data that itself holds CRCs is not
 * degenerate.
 *
 * Returns: the masked CRC
 */
uint32_t
cs_crc32c_mask (uint32_t crc)
{
  return ((crc >> 15) | (crc << 17)) + CRC_MASK_DELTA;
}

/* Protocol buffer encoding */

static void
put_varint (GByteArray *b,
            guint64     v)
{
  guint8 buf[10];
  guint n = 0;

  do
    {
      buf[n++] = (guint8) ((v & 0x7f) | (v >= 0x80 ? 0x80 : 0));
      v >>= 7;
    }
  while (v != 0);
  g_byte_array_append (b, buf, n);
}

static void
put_key (GByteArray *b,
         guint       field,
         guint       wire)
{
  put_varint (b, (guint64) field << 3 | wire);
}

static void
put_le (GByteArray *b,
        guint64     v,
        guint       nbytes)
{
  guint8 buf[8];

  for (guint i = 0; i < nbytes; i++)
    buf[i] = (guint8) (v >> (8 * i));
  g_byte_array_append (b, buf, nbytes);
}

static void
put_double (GByteArray *b,
            guint       field,
            double      v)
{
  guint64 bits;

  memcpy (&bits, &v, sizeof bits);
  put_key (b, field, WIRE_FIXED64);
  put_le (b, bits, 8);
}

static void
put_float (GByteArray *b,
           guint       field,
           float       v)
{
  guint32 bits;

  memcpy (&bits, &v, sizeof bits);
  put_key (b, field, WIRE_FIXED32);
  put_le (b, bits, 4);
}

static void
put_bytes (GByteArray *b,
           guint       field,
           const void *data,
           gsize       len)
{
  put_key (b, field, WIRE_LEN);
  put_varint (b, len);
  g_byte_array_append (b, data, (guint) len);
}

static GByteArray *
encode_version_event (double wall_time)
{
  GByteArray *event = g_byte_array_new ();

  put_double (event, EVENT_WALL_TIME, wall_time);
  put_bytes (event, EVENT_FILE_VERSION, FILE_VERSION, strlen (FILE_VERSION));
  return event;
}

static GByteArray *
encode_scalar_event (const char *tag,
                     int64_t     step,
                     float       value,
                     double      wall_time)
{
  g_autoptr(GByteArray) v = g_byte_array_new ();
  g_autoptr(GByteArray) summary = g_byte_array_new ();
  GByteArray *event = g_byte_array_new ();

  put_bytes (v, VALUE_TAG, tag, strlen (tag));
  put_float (v, VALUE_SIMPLE_VALUE, value);
  put_bytes (summary, SUMMARY_VALUE, v->data, v->len);

  put_double (event, EVENT_WALL_TIME, wall_time);
  put_key (event, EVENT_STEP, WIRE_VARINT);
  put_varint (event, (guint64) step);
  put_bytes (event, EVENT_SUMMARY, summary->data, summary->len);
  return event;
}

static void
append_record (GByteArray *out,
               GByteArray *data)
{
  guint8 length[8];

  for (guint i = 0; i < 8; i++)
    length[i] = (guint8) ((guint64) data->len >> (8 * i));
  g_byte_array_append (out, length, sizeof length);
  put_le (out, cs_crc32c_mask (cs_crc32c (0, length, sizeof length)), 4);
  g_byte_array_append (out, data->data, data->len);
  put_le (out, cs_crc32c_mask (cs_crc32c (0, data->data, data->len)), 4);
}

/* Writing */

static double
now_seconds (void)
{
  return (double) g_get_real_time () / G_USEC_PER_SEC;
}

/* Creates a new file named the way TensorBoard looks for, adding a counter when another writer
 * started in the same folder within the same second. */
static gboolean
open_event_file (CsEventWriter  *self,
                 const char     *log_dir,
                 GError        **error)
{
  g_autofree char *host = g_strdup (g_get_host_name ());
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_strdelimit (host, G_DIR_SEPARATOR_S, '_');
  for (guint attempt = 0;; attempt++)
    {
      g_autofree char *name = NULL;

      if (attempt == 0)
        name = g_strdup_printf ("events.out.tfevents.%" G_GINT64_FORMAT ".%s", now, host);
      else
        name = g_strdup_printf ("events.out.tfevents.%" G_GINT64_FORMAT ".%s.%u", now, host,
                                attempt);
      g_free (self->path);
      self->path = g_build_filename (log_dir, name, NULL);
      self->fd = g_open (self->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (self->fd >= 0)
        return TRUE;
      if (errno != EEXIST || attempt + 1 >= MAX_NAME_ATTEMPTS)
        return cs_file_set_error (error, self->path, _("write"), errno);
    }
}

/**
 * cs_event_writer_new:
 * @log_dir: the folder TensorBoard will be pointed at; created if missing
 * @error: return location for a CS_ERROR_IO error
 *
 * Creates a new event file in @log_dir, named `events.out.tfevents.<seconds>.<host>`, and
 * writes the version event TensorBoard expects first.
 *
 * Returns: (transfer full) (nullable): a writer, or %NULL on error
 */
CsEventWriter *
cs_event_writer_new (const char  *log_dir,
                     GError     **error)
{
  g_autoptr(CsEventWriter) self = NULL;
  g_autoptr(GByteArray) version = NULL;

  g_return_val_if_fail (log_dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!cs_file_ensure_dir (log_dir, error))
    return NULL;

  self = g_new0 (CsEventWriter, 1);
  self->fd = -1;
  self->pending = g_byte_array_new ();
  if (!open_event_file (self, log_dir, error))
    return NULL;

  version = encode_version_event (now_seconds ());
  append_record (self->pending, version);
  if (!cs_event_writer_flush (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * cs_event_writer_add_scalar:
 * @self: a #CsEventWriter
 * @tag: the chart's name, UTF-8, such as "loss/train"
 * @step: the x coordinate, usually the epoch or the iteration
 * @value: the y coordinate
 * @wall_time: seconds since the Unix epoch; 0 or less means now
 * @error: return location for a CS_ERROR_IO error
 *
 * Queues one scalar. It reaches the file when enough have queued up, on
 * cs_event_writer_flush() or when the writer is freed.
 *
 * Returns: %TRUE unless writing queued records failed
 */
gboolean
cs_event_writer_add_scalar (CsEventWriter  *self,
                            const char     *tag,
                            int64_t         step,
                            float           value,
                            double          wall_time,
                            GError        **error)
{
  g_autoptr(GByteArray) event = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tag != NULL && g_utf8_validate (tag, -1, NULL), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  event = encode_scalar_event (tag, step, value, wall_time > 0 ? wall_time : now_seconds ());
  append_record (self->pending, event);
  if (self->pending->len >= FLUSH_THRESHOLD)
    return cs_event_writer_flush (self, error);
  return TRUE;
}

/**
 * cs_event_writer_flush:
 * @self: a #CsEventWriter
 * @error: return location for a CS_ERROR_IO error
 *
 * Writes the queued records to the file. On failure the records not written stay queued, so a
 * later flush can finish the job once, say, space has been freed.
 *
 * Returns: %TRUE on success
 */
gboolean
cs_event_writer_flush (CsEventWriter  *self,
                       GError        **error)
{
  gsize done = 0;
  int errsv = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  while (done < self->pending->len)
    {
      gssize n = write (self->fd, self->pending->data + done, self->pending->len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          errsv = n < 0 ? errno : ENOSPC;
          break;
        }
      done += (gsize) n;
    }

  g_byte_array_remove_range (self->pending, 0, (guint) done);
  if (errsv != 0)
    return cs_file_set_error (error, self->path, _("write"), errsv);
  return TRUE;
}

/**
 * cs_event_writer_free:
 * @self: (nullable): a #CsEventWriter
 *
 * Flushes what is queued and closes the file. Call cs_event_writer_flush() first to learn
 * whether the last records were written.
 */
void
cs_event_writer_free (CsEventWriter *self)
{
  if (self == NULL)
    return;

  if (self->fd >= 0)
    {
      (void) cs_event_writer_flush (self, NULL);
      close (self->fd);
    }
  g_byte_array_unref (self->pending);
  g_free (self->path);
  g_free (self);
}
