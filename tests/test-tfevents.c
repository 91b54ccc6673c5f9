/* test-tfevents.c — the TensorBoard writer: CRC-32C, TFRecord framing, the Event protocol buffer
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <errno.h>
#include <math.h>
#include <string.h>

#include "cs-epoch-events.h"
#include "cs-error.h"
#include "cs-tfevents.h"
#include "cs-tfevents-reader.h"
#include "test-tmpdir.h"
#include "test-util.h"

static void
test_crc32c_vectors (void)
{
  guint8 zeros[32] = { 0 };
  guint8 ones[32];
  guint8 up[32];
  guint8 down[32];
  const char *digits = "123456789";

  memset (ones, 0xff, sizeof ones);
  for (int i = 0; i < 32; i++)
    {
      up[i] = (guint8) i;
      down[i] = (guint8) (31 - i);
    }

  /* The check value of CRC-32C and the vectors of RFC 3720, appendix B.4. */
  g_assert_cmphex (cs_crc32c (0, digits, 9), ==, 0xE3069283);
  g_assert_cmphex (cs_crc32c (0, zeros, 32), ==, 0x8A9136AA);
  g_assert_cmphex (cs_crc32c (0, ones, 32), ==, 0x62A8AB43);
  g_assert_cmphex (cs_crc32c (0, up, 32), ==, 0x46DD794E);
  g_assert_cmphex (cs_crc32c (0, down, 32), ==, 0x113FDB5C);
  g_assert_cmphex (cs_crc32c (0, NULL, 0), ==, 0);

  for (gsize split = 0; split <= 9; split++)
    g_assert_cmphex (cs_crc32c (cs_crc32c (0, digits, split), digits + split, 9 - split),
                     ==, 0xE3069283);
}

static void
test_crc32c_mask (void)
{
  g_assert_cmphex (cs_crc32c_mask (0), ==, 0xa282ead8);
  /* Rotating right by 15 moves bit 15 to bit 0 and bit 0 to bit 17. */
  g_assert_cmphex (cs_crc32c_mask (1u << 15), ==, 0xa282ead8 + 1);
  g_assert_cmphex (cs_crc32c_mask (1), ==, 0xa282ead8 + (1u << 17));
  g_assert_cmphex (cs_crc32c_mask (0xE3069283), ==, 0xc78ab0e5);
}

static const CsTestScalar *
scalar_at (GArray *a,
           guint   i)
{
  return &g_array_index (a, CsTestScalar, i);
}

static guint8 *
read_file (const char *path,
           gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);
  return (guint8 *) contents;
}

/* The version event: wall_time (field 1, fixed64) then file_version (field 3, 13 bytes). */
static void
assert_version_record (const guint8 *data,
                       gsize         len)
{
  static const guint8 length[8] = { 24, 0, 0, 0, 0, 0, 0, 0 };
  guint32 crc;

  g_assert_cmpuint (len, >=, 12 + 24 + 4);
  g_assert_cmpmem (data, 8, length, 8);
  memcpy (&crc, data + 8, 4);
  g_assert_cmphex (GUINT32_FROM_LE (crc), ==, cs_crc32c_mask (cs_crc32c (0, data, 8)));
  g_assert_cmpint (data[12], ==, 0x09);
  g_assert_cmpint (data[21], ==, 0x1a);
  g_assert_cmpint (data[22], ==, 13);
  g_assert_cmpmem (data + 23, 13, "brain.Event:2", 13);
}

static void
test_round_trip (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *log_dir = g_build_filename (dir, "runs", "conal", NULL);
  g_autoptr(CsEventWriter) writer = NULL;
  g_autoptr(GArray) scalars = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *path = NULL;
  g_autofree guint8 *data = NULL;
  /* A long tag of two-byte characters is written whole. */
  g_autoptr(GString) long_tag = g_string_new ("a/");
  gint64 before, after, seconds;
  char *rest = NULL;
  gsize len;
  float nan_value;

  for (int i = 0; i < 40; i++)
    g_string_append (long_tag, "é");

  before = g_get_real_time () / G_USEC_PER_SEC;
  writer = cs_event_writer_new (log_dir, &error);
  after = g_get_real_time () / G_USEC_PER_SEC;
  g_assert_no_error (error);
  path = cs_test_event_file (log_dir);
  basename = g_path_get_basename (path);
  g_assert_true (g_str_has_prefix (basename, "events.out.tfevents."));
  seconds = g_ascii_strtoll (basename + strlen ("events.out.tfevents."), &rest, 10);
  g_assert_cmpint (seconds, >=, before);
  g_assert_cmpint (seconds, <=, after);
  g_assert_cmpint (rest[0], ==, '.');
  g_assert_cmpstr (rest + 1, ==, g_get_host_name ());

  for (int step = 0; step < 10; step++)
    {
      g_assert_true (cs_event_writer_add_scalar (writer, "loss/train", step, step * 0.5f,
                                                 1.7e9 + step, &error));
      g_assert_true (cs_event_writer_add_scalar (writer, "accuracy", step, 1.0f / (step + 1),
                                                 0, &error));
    }
  g_assert_true (cs_event_writer_add_scalar (writer, "neg", -3, -1e30f, 1.0, &error));
  g_assert_true (cs_event_writer_add_scalar (writer, "nan", G_MAXINT64, NAN, 1.0, &error));
  g_assert_true (cs_event_writer_add_scalar (writer, long_tag->str, 7, 2.0f, 1.0, &error));
  g_assert_true (cs_event_writer_flush (writer, &error));
  g_assert_no_error (error);
  g_clear_pointer (&writer, cs_event_writer_free);

  data = read_file (path, &len);
  assert_version_record (data, len);

  scalars = cs_test_events_read (path);
  g_assert_cmpuint (scalars->len, ==, 23);
  for (int step = 0; step < 10; step++)
    {
      const CsTestScalar *loss = scalar_at (scalars, 2 * step);
      const CsTestScalar *acc = scalar_at (scalars, 2 * step + 1);

      g_assert_cmpstr (loss->tag, ==, "loss/train");
      g_assert_cmpint (loss->step, ==, step);
      g_assert_cmpfloat (loss->value, ==, step * 0.5f);
      g_assert_cmpstr (acc->tag, ==, "accuracy");
      g_assert_cmpfloat (acc->value, ==, 1.0f / (step + 1));
    }
  g_assert_cmpint (scalar_at (scalars, 20)->step, ==, -3);
  g_assert_cmpfloat (scalar_at (scalars, 20)->value, ==, -1e30f);
  g_assert_cmpint (scalar_at (scalars, 21)->step, ==, G_MAXINT64);
  nan_value = scalar_at (scalars, 21)->value;
  g_assert_true (isnan (nan_value));
  g_assert_cmpstr (scalar_at (scalars, 22)->tag, ==, long_tag->str);

  test_tmpdir_remove (dir);
}

/* One scalar event, encoded by hand from event.proto and summary.proto. */
static void
test_exact_bytes (void)
{
  static const guint8 event[] = {
    0x09, 0, 0, 0, 0, 0, 0, 0, 0x40,          /* wall_time = 2.0 */
    0x10, 0x01,                               /* step = 1 */
    0x2a, 10,                                 /* summary */
      0x0a, 8,                                /*   value */
        0x0a, 1, 'a',                         /*     tag */
        0x15, 0x00, 0x00, 0x80, 0x3f,         /*     simple_value = 1.0f */
  };
  g_autofree char *dir = test_tmpdir_new ();
  g_autoptr(CsEventWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *data = NULL;
  g_autofree char *path = NULL;
  const guint8 *record;
  guint32 crc;
  gsize len;

  writer = cs_event_writer_new (dir, &error);
  g_assert_no_error (error);
  g_assert_true (cs_event_writer_add_scalar (writer, "a", 1, 1.0f, 2.0, &error));
  g_assert_true (cs_event_writer_flush (writer, &error));
  path = cs_test_event_file (dir);
  data = read_file (path, &len);

  g_assert_cmpuint (len, ==, 40 + 12 + sizeof event + 4);
  record = data + 40;
  g_assert_cmpint (record[0], ==, sizeof event);
  memcpy (&crc, record + 8, 4);
  g_assert_cmphex (GUINT32_FROM_LE (crc), ==, cs_crc32c_mask (cs_crc32c (0, record, 8)));
  g_assert_cmpmem (record + 12, sizeof event, event, sizeof event);
  memcpy (&crc, record + 12 + sizeof event, 4);
  g_assert_cmphex (GUINT32_FROM_LE (crc), ==, cs_crc32c_mask (cs_crc32c (0, event, sizeof event)));

  g_clear_pointer (&writer, cs_event_writer_free);
  test_tmpdir_remove (dir);
}

static void
test_io_errors (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *file = g_build_filename (dir, "file", NULL);
  g_autofree char *under_file = g_build_filename (file, "logs", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (file, "", -1, NULL));
  g_assert_null (cs_event_writer_new (under_file, &error));
  cs_test_assert_io_error (error, under_file, "create folder", ENOTDIR);

  test_tmpdir_remove (dir);
}

static void
test_two_writers (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autoptr(CsEventWriter) a = cs_event_writer_new (dir, NULL);
  g_autoptr(CsEventWriter) b = cs_event_writer_new (dir, NULL);
  g_autoptr(GPtrArray) files = cs_test_event_files (dir);

  /* Started within the same second: the second file's name has a counter. */
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpuint (files->len, ==, 2);
  g_assert_true (g_file_test (g_ptr_array_index (files, 0), G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (g_ptr_array_index (files, 1), G_FILE_TEST_IS_REGULAR));

  g_clear_pointer (&a, cs_event_writer_free);
  g_clear_pointer (&b, cs_event_writer_free);
  test_tmpdir_remove (dir);
}

/* Queued records reach the file without an explicit flush once enough have piled up, and the
 * rest when the writer is freed. */
static void
test_automatic_flush (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autoptr(CsEventWriter) writer = cs_event_writer_new (dir, NULL);
  g_autofree char *path = cs_test_event_file (dir);
  g_autoptr(GArray) out = NULL;
  g_autofree guint8 *data = NULL;
  gsize len;

  for (int step = 0; step < 5000; step++)
    g_assert_true (cs_event_writer_add_scalar (writer, "loss", step, 1.0f, 1.0, NULL));
  data = read_file (path, &len);
  g_assert_cmpuint (len, >, 40);

  g_clear_pointer (&writer, cs_event_writer_free);
  out = cs_test_events_read (path);
  g_assert_cmpuint (out->len, ==, 5000);
  g_assert_cmpint (scalar_at (out, 4999)->step, ==, 4999);

  test_tmpdir_remove (dir);
}

/* An epoch's metrics under the original implementation's tags, the epoch as the step; what was
 * not measured is left out. */
static void
test_epoch_events (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autoptr(CsEventWriter) writer = cs_event_writer_new (dir, NULL);
  const CsEpochMetrics metrics = { .epoch = 7, .train_loss = 0.5, .train_accuracy = 0.75,
                                   .valid_accuracy = NAN, .test_accuracy = 0.25 };
  static const char *tags[] = { "train_loss", "train_accuracy", "test_accuracy" };
  static const float values[] = { 0.5f, 0.75f, 0.25f };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) scalars = NULL;
  g_autofree char *path = cs_test_event_file (dir);

  g_assert_true (cs_epoch_events_add (writer, &metrics, &error));
  g_assert_no_error (error);
  g_clear_pointer (&writer, cs_event_writer_free);
  scalars = cs_test_events_read (path);
  g_assert_cmpuint (scalars->len, ==, G_N_ELEMENTS (tags));
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      g_assert_cmpstr (scalar_at (scalars, i)->tag, ==, tags[i]);
      g_assert_cmpint (scalar_at (scalars, i)->step, ==, 7);
      g_assert_cmpfloat (scalar_at (scalars, i)->value, ==, values[i]);
    }
  test_tmpdir_remove (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tfevents/crc32c/vectors", test_crc32c_vectors);
  g_test_add_func ("/tfevents/crc32c/mask", test_crc32c_mask);
  g_test_add_func ("/tfevents/round-trip", test_round_trip);
  g_test_add_func ("/tfevents/exact-bytes", test_exact_bytes);
  g_test_add_func ("/tfevents/io-errors", test_io_errors);
  g_test_add_func ("/tfevents/two-writers", test_two_writers);
  g_test_add_func ("/tfevents/automatic-flush", test_automatic_flush);
  g_test_add_func ("/tfevents/epoch-events", test_epoch_events);
  return g_test_run ();
}
