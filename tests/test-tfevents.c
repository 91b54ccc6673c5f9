/* test-tfevents.c — CRC-32C, TFRecord framing and the Event protocol buffer
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <errno.h>
#include <math.h>
#include <string.h>

#include "cs-error.h"
#include "cs-tfevents.h"
#include "test-tmpdir.h"
#include "test-util.h"

#define BAD_NAME "bad.tfevents"

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

static GArray *
scalar_array (void)
{
  return g_array_new (FALSE, TRUE, sizeof (CsScalarEvent));
}

static const CsScalarEvent *
scalar_at (GArray *a,
           guint   i)
{
  return &g_array_index (a, CsScalarEvent, i);
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
  g_autoptr(GArray) scalars = scalar_array ();
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *path = NULL;
  g_autofree guint8 *data = NULL;
  /* 20 × "é" is 40 bytes, so the 63-byte cut falls inside a character. */
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
  path = g_strdup (cs_event_writer_get_path (writer));
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

  g_assert_true (cs_event_file_read_scalars (path, scalars, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (scalars->len, ==, 23);
  for (int step = 0; step < 10; step++)
    {
      const CsScalarEvent *loss = scalar_at (scalars, 2 * step);
      const CsScalarEvent *acc = scalar_at (scalars, 2 * step + 1);

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
  g_assert_cmpuint (strlen (scalar_at (scalars, 22)->tag), ==, 62);
  g_assert_true (g_str_has_prefix (long_tag->str, scalar_at (scalars, 22)->tag));
  g_assert_true (g_utf8_validate (scalar_at (scalars, 22)->tag, -1, NULL));

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
  const guint8 *record;
  guint32 crc;
  gsize len;

  writer = cs_event_writer_new (dir, &error);
  g_assert_no_error (error);
  g_assert_true (cs_event_writer_add_scalar (writer, "a", 1, 1.0f, 2.0, &error));
  g_assert_true (cs_event_writer_flush (writer, &error));
  data = read_file (cs_event_writer_get_path (writer), &len);

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

static GBytes *
write_sample_file (char **dir_out)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autoptr(CsEventWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  guint8 *data;
  gsize len;

  writer = cs_event_writer_new (dir, &error);
  g_assert_no_error (error);
  for (int step = 0; step < 3; step++)
    g_assert_true (cs_event_writer_add_scalar (writer, "loss", step, step + 0.25f, 1.0, &error));
  g_assert_true (cs_event_writer_flush (writer, &error));
  data = read_file (cs_event_writer_get_path (writer), &len);
  *dir_out = g_steal_pointer (&dir);
  return g_bytes_new_take (data, len);
}

/* A CRC-32C catches every burst of up to 32 bits, so changing any one byte must be caught. */
static void
test_corruption (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GBytes) bytes = write_sample_file (&dir);
  g_autoptr(GArray) scalars = scalar_array ();
  g_autofree guint8 *copy = NULL;
  CsScalarEvent sentinel = { .step = 99 };
  const guint8 *data;
  gsize len;

  data = g_bytes_get_data (bytes, &len);
  g_assert_true (cs_event_data_parse_scalars (data, len, BAD_NAME, scalars, NULL));
  g_assert_cmpuint (scalars->len, ==, 3);

  g_array_set_size (scalars, 0);
  g_array_append_val (scalars, sentinel);
  copy = g_memdup2 (data, len);
  for (gsize pos = 0; pos < len; pos++)
    for (guint flip = 1; flip < 256; flip <<= 1)
      {
        g_autoptr(GError) error = NULL;

        copy[pos] ^= (guint8) flip;
        g_assert_false (cs_event_data_parse_scalars (copy, len, BAD_NAME, scalars, &error));
        g_assert_error (error, CS_ERROR, CS_ERROR_PARSE);
        g_assert_true (g_str_has_prefix (error->message, BAD_NAME ": record "));
        g_assert_nonnull (strstr (error->message, "CRC mismatch"));
        g_assert_cmpuint (scalars->len, ==, 1);
        g_assert_cmpint (scalar_at (scalars, 0)->step, ==, 99);
        copy[pos] ^= (guint8) flip;
      }

  test_tmpdir_remove (dir);
}

static void
test_truncation (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GBytes) bytes = write_sample_file (&dir);
  const guint8 *data;
  gsize len;
  gsize record_len;

  data = g_bytes_get_data (bytes, &len);
  /* The version record is 40 bytes and the three scalar records are alike. */
  record_len = (len - 40) / 3;
  g_assert_cmpuint (40 + 3 * record_len, ==, len);

  for (gsize cut = 0; cut < len; cut++)
    {
      g_autoptr(GArray) scalars = scalar_array ();
      g_autoptr(GError) error = NULL;
      gboolean at_boundary = cut == 0 || (cut >= 40 && (cut - 40) % record_len == 0);
      g_autofree guint8 *prefix = g_memdup2 (data, cut);

      g_assert_cmpint (cs_event_data_parse_scalars (prefix, cut, BAD_NAME, scalars, &error),
                       ==, at_boundary);
      if (at_boundary)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (scalars->len, ==, cut < 40 ? 0 : (cut - 40) / record_len);
        }
      else
        {
          g_assert_error (error, CS_ERROR, CS_ERROR_PARSE);
          g_assert_nonnull (strstr (error->message, "truncated"));
        }
    }

  test_tmpdir_remove (dir);
}

/* Frames `payload` as a record with correct CRCs, to reach the protocol buffer parser. */
static void
append_record (GByteArray   *out,
               const guint8 *payload,
               gsize         len)
{
  guint64 len_le = GUINT64_TO_LE ((guint64) len);
  guint32 crc;

  g_byte_array_append (out, (const guint8 *) &len_le, 8);
  crc = GUINT32_TO_LE (cs_crc32c_mask (cs_crc32c (0, &len_le, 8)));
  g_byte_array_append (out, (const guint8 *) &crc, 4);
  g_byte_array_append (out, payload, (guint) len);
  crc = GUINT32_TO_LE (cs_crc32c_mask (cs_crc32c (0, payload, len)));
  g_byte_array_append (out, (const guint8 *) &crc, 4);
}

static gboolean
parse_payload (const guint8  *payload,
               gsize          len,
               GArray        *out,
               GError       **error)
{
  g_autoptr(GByteArray) file = g_byte_array_new ();

  append_record (file, payload, len);
  return cs_event_data_parse_scalars (file->data, file->len, BAD_NAME, out, error);
}

#define PAYLOAD(...) (const guint8[]) { __VA_ARGS__ }, sizeof ((const guint8[]) { __VA_ARGS__ })

static void
test_protobuf_fields (void)
{
  g_autoptr(GArray) out = scalar_array ();
  g_autoptr(GError) error = NULL;

  /* Unknown fields of every wire type, at every level, and the step after the summary. */
  g_assert_true (parse_payload (PAYLOAD (
    0x48, 0x96, 0x01,                                  /* field 9, varint */
    0x51, 1, 2, 3, 4, 5, 6, 7, 8,                      /* field 10, fixed64 */
    0x2a, 27,                                          /* summary */
      0x5a, 2, 'x', 'y',                               /*   field 11, bytes */
      0x0a, 21,                                        /*   value */
        0x65, 1, 2, 3, 4,                              /*     field 12, fixed32 */
        0x0a, 2, 'o', 'k',                             /*     tag */
        0x15, 0x00, 0x00, 0x40, 0x40,                  /*     simple_value = 3.0f */
        0x22, 3, 1, 2, 3,                              /*     image, ignored */
        0x18, 0x01,                                    /*     field 3, varint */
    0x10, 0xfb, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01), /* step = -5 */
    out, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (out->len, ==, 1);
  g_assert_cmpstr (scalar_at (out, 0)->tag, ==, "ok");
  g_assert_cmpfloat (scalar_at (out, 0)->value, ==, 3.0f);
  g_assert_cmpint (scalar_at (out, 0)->step, ==, -5);

  /* Two values in one summary share the step; a value without simple_value is skipped. */
  g_array_set_size (out, 0);
  g_assert_true (parse_payload (PAYLOAD (
    0x10, 0x07,
    0x2a, 25,
      0x0a, 8, 0x0a, 1, 'a', 0x15, 0, 0, 0x80, 0x3f,
      0x0a, 3, 0x0a, 1, 'b',
      0x0a, 8, 0x0a, 1, 'c', 0x15, 0, 0, 0x80, 0xbf),
    out, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (out->len, ==, 2);
  g_assert_cmpstr (scalar_at (out, 1)->tag, ==, "c");
  g_assert_cmpfloat (scalar_at (out, 1)->value, ==, -1.0f);
  g_assert_cmpint (scalar_at (out, 1)->step, ==, 7);
}

typedef struct
{
  const guint8 *payload;
  gsize         len;
  const char   *problem;
} BadPayload;

static void
test_protobuf_errors (void)
{
  const BadPayload bad[] = {
    { PAYLOAD (0x0b), "malformed field in Event" },                      /* start group */
    { PAYLOAD (0x0f), "malformed field in Event" },                      /* wire type 7 */
    { PAYLOAD (0x80), "truncated field key in Event" },
    { PAYLOAD (0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01),
      "truncated field key in Event" },                                  /* 11-byte varint */
    { PAYLOAD (0x10), "truncated step" },
    { PAYLOAD (0x09, 1, 2, 3), "malformed field in Event" },             /* short fixed64 */
    { PAYLOAD (0x2a, 5, 0x0a), "Summary runs past the end of its Event" },
    { PAYLOAD (0x2a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f),
      "Summary runs past the end of its Event" },
    { PAYLOAD (0x2a, 2, 0x0a, 9), "Summary.Value runs past the end of its Summary" },
    { PAYLOAD (0x2a, 1, 0x0c), "malformed field in Summary" },
    { PAYLOAD (0x2a, 4, 0x0a, 2, 0x0a, 5), "tag runs past the end of its Summary.Value" },
    { PAYLOAD (0x2a, 6, 0x0a, 4, 0x0a, 2, 0xc3, 0x28), "tag is not valid UTF-8" },
    { PAYLOAD (0x2a, 5, 0x0a, 3, 0x0a, 1, 0x00), "tag is not valid UTF-8" },
    { PAYLOAD (0x2a, 5, 0x0a, 3, 0x15, 0, 0), "truncated simple_value" },
    { PAYLOAD (0x2a, 4, 0x0a, 2, 0x1d, 0), "malformed field in Summary.Value" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GArray) out = scalar_array ();
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = g_strdup_printf ("%s: record 1 (at byte 0): malformed Event: %s",
                                                   BAD_NAME, bad[i].problem);

      g_assert_false (parse_payload (bad[i].payload, bad[i].len, out, &error));
      g_assert_error (error, CS_ERROR, CS_ERROR_PARSE);
      g_assert_cmpstr (error->message, ==, expected);
      g_assert_cmpuint (out->len, ==, 0);
    }
}

/* Errors name the record and its offset, and scalars read before it are taken back. */
static void
test_error_position (void)
{
  static const guint8 good[] = { 0x2a, 10, 0x0a, 8, 0x0a, 1, 'a', 0x15, 0, 0, 0x80, 0x3f };
  static const guint8 bad[] = { 0x0b };
  g_autoptr(GByteArray) file = g_byte_array_new ();
  g_autoptr(GArray) out = scalar_array ();
  g_autoptr(GError) error = NULL;

  append_record (file, good, sizeof good);
  append_record (file, bad, sizeof bad);
  g_assert_false (cs_event_data_parse_scalars (file->data, file->len, BAD_NAME, out, &error));
  g_assert_cmpstr (error->message, ==,
                   BAD_NAME ": record 2 (at byte 28): malformed Event: malformed field in Event");
  g_assert_cmpuint (out->len, ==, 0);
}

static void
check_fuzz_outcome (const guint8 *payload,
                    gsize         len)
{
  g_autoptr(GArray) out = scalar_array ();
  g_autoptr(GError) error = NULL;

  if (!parse_payload (payload, len, out, &error))
    {
      g_assert_error (error, CS_ERROR, CS_ERROR_PARSE);
      g_assert_cmpuint (out->len, ==, 0);
      return;
    }

  g_assert_no_error (error);
  for (guint i = 0; i < out->len; i++)
    {
      const char *tag = scalar_at (out, i)->tag;

      g_assert_cmpuint (strnlen (tag, sizeof scalar_at (out, i)->tag), <=, CS_SCALAR_TAG_MAX);
      g_assert_true (g_utf8_validate (tag, -1, NULL));
    }
}

/* Random payloads behind valid CRCs, so that the protocol buffer parser sees them. */
static void
test_protobuf_fuzz (void)
{
  static const guint8 seed[] = {
    0x09, 0, 0, 0, 0, 0, 0, 0, 0x40, 0x10, 0x01,
    0x2a, 10, 0x0a, 8, 0x0a, 1, 'a', 0x15, 0x00, 0x00, 0x80, 0x3f,
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint8 buf[64];

  for (int round = 0; round < 20000; round++)
    {
      gsize len;

      if (g_rand_boolean (rand))
        {
          len = (gsize) g_rand_int_range (rand, 0, sizeof buf);
          for (gsize i = 0; i < len; i++)
            buf[i] = (guint8) g_rand_int_range (rand, 0, 256);
        }
      else
        {
          len = sizeof seed;
          memcpy (buf, seed, len);
          for (int c = g_rand_int_range (rand, 1, 4); c > 0; c--)
            {
              gint32 pos = g_rand_int_range (rand, 0, (gint32) len);

              buf[pos] = (guint8) g_rand_int_range (rand, 0, 256);
            }
        }
      check_fuzz_outcome (buf, len);
    }
}

static void
test_io_errors (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *file = g_build_filename (dir, "file", NULL);
  g_autofree char *under_file = g_build_filename (file, "logs", NULL);
  g_autoptr(GArray) out = scalar_array ();
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (file, "", -1, NULL));
  g_assert_null (cs_event_writer_new (under_file, &error));
  cs_test_assert_io_error (error, under_file, "create folder", ENOTDIR);
  g_clear_error (&error);

  g_assert_false (cs_event_file_read_scalars (under_file, out, &error));
  cs_test_assert_io_error (error, under_file, "read", ENOTDIR);

  test_tmpdir_remove (dir);
}

static void
test_two_writers (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autoptr(CsEventWriter) a = cs_event_writer_new (dir, NULL);
  g_autoptr(CsEventWriter) b = cs_event_writer_new (dir, NULL);

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpstr (cs_event_writer_get_path (a), !=, cs_event_writer_get_path (b));
  g_assert_true (g_file_test (cs_event_writer_get_path (a), G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (cs_event_writer_get_path (b), G_FILE_TEST_IS_REGULAR));

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
  g_autofree char *path = g_strdup (cs_event_writer_get_path (writer));
  g_autoptr(GArray) out = scalar_array ();
  g_autofree guint8 *data = NULL;
  gsize len;

  for (int step = 0; step < 5000; step++)
    g_assert_true (cs_event_writer_add_scalar (writer, "loss", step, 1.0f, 1.0, NULL));
  data = read_file (path, &len);
  g_assert_cmpuint (len, >, 40);

  g_clear_pointer (&writer, cs_event_writer_free);
  g_assert_true (cs_event_file_read_scalars (path, out, NULL));
  g_assert_cmpuint (out->len, ==, 5000);
  g_assert_cmpint (scalar_at (out, 4999)->step, ==, 4999);

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
  g_test_add_func ("/tfevents/corruption", test_corruption);
  g_test_add_func ("/tfevents/truncation", test_truncation);
  g_test_add_func ("/tfevents/protobuf/fields", test_protobuf_fields);
  g_test_add_func ("/tfevents/protobuf/errors", test_protobuf_errors);
  g_test_add_func ("/tfevents/protobuf/error-position", test_error_position);
  g_test_add_func ("/tfevents/protobuf/fuzz", test_protobuf_fuzz);
  g_test_add_func ("/tfevents/io-errors", test_io_errors);
  g_test_add_func ("/tfevents/two-writers", test_two_writers);
  g_test_add_func ("/tfevents/automatic-flush", test_automatic_flush);
  return g_test_run ();
}
