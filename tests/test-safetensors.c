/* test-safetensors.c — safetensors round trips, foreign headers and every malformed case
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <errno.h>
#include <string.h>

#include "cs-error.h"
#include "cs-file.h"
#include "cs-safetensors.h"
#include "test-tmpdir.h"
#include "test-util.h"

#define BAD_NAME "bad.safetensors"

/* Builds a file whose first 8 bytes give header_size, whatever follows: rest_len bytes of
 * rest, then data_len bytes of made-up data. */
static GBytes *
make_raw (guint64     header_size,
          const char *rest,
          gsize       rest_len,
          gsize       data_len)
{
  guint8 *buf = g_malloc (8 + rest_len + data_len);
  guint64 size_le = GUINT64_TO_LE (header_size);

  memcpy (buf, &size_le, 8);
  memcpy (buf + 8, rest, rest_len);
  for (gsize i = 0; i < data_len; i++)
    buf[8 + rest_len + i] = (guint8) (i * 7 + 1);
  return g_bytes_new_take (buf, 8 + rest_len + data_len);
}

/* Builds a file from a header written by hand and `data_len` bytes of data. */
static GBytes *
make_file (const char *header,
           gsize       data_len)
{
  return make_raw (strlen (header), header, strlen (header), data_len);
}

/* The bytes a tensor of 4-byte elements with this shape holds. */
static gsize
tensor_nbytes (int            ndim,
               const int64_t *shape)
{
  gsize n = 4;

  for (int d = 0; d < ndim; d++)
    n *= (gsize) shape[d];
  return n;
}

static CsTensors *
parse_bytes (GBytes  *bytes,
             GError **error)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  return cs_tensors_parse (data, len, BAD_NAME, error);
}

static void
assert_parse_error (GBytes     *bytes,
                    CsError     code,
                    const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsTensors) tensors = parse_bytes (bytes, &error);

  g_assert_null (tensors);
  g_assert_error (error, CS_ERROR, (gint) code);
  g_assert_true (g_str_has_prefix (error->message, BAD_NAME ": "));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (strstr (error->message, needle) == NULL)
    g_error ("expected \"%s\" in \"%s\"", needle, error->message);
}

static void
fill_tensors (CsTensors *t)
{
  static const float weights[2][3] = { { 0.5f, -1.25f, 3.0f }, { 1e-8f, -0.0f, 1e30f } };
  static const int32_t labels[5] = { 0, -1, 2147483647, -2147483647 - 1, 42 };
  static const float bias = 0.125f;
  static const int64_t w_shape[2] = { 2, 3 };
  static const int64_t l_shape[1] = { 5 };
  static const int64_t e_shape[2] = { 0, 3 };
  static const int64_t four_shape[4] = { 1, 2, 1, 3 };
  float four[6];

  for (int i = 0; i < 6; i++)
    four[i] = (float) i / 3.0f;

  cs_tensors_add (t, "layer.weight", CS_TENSOR_F32, 2, w_shape, weights);
  cs_tensors_add (t, "labels", CS_TENSOR_I32, 1, l_shape, labels);
  cs_tensors_add (t, "bias", CS_TENSOR_F32, 0, NULL, &bias);
  cs_tensors_add (t, "empty", CS_TENSOR_F32, 2, e_shape, NULL);
  cs_tensors_add (t, "four", CS_TENSOR_F32, 4, four_shape, four);
  cs_tensors_set_metadata (t, "epoch", "3");
  cs_tensors_set_metadata (t, "note", "ünïcode \"quoted\"\n");
  cs_tensors_set_metadata (t, "epoch", "4");
}

static void
assert_same_tensors (const CsTensors *a,
                     const CsTensors *b)
{
  g_assert_cmpuint (cs_tensors_get_n (a), ==, cs_tensors_get_n (b));
  for (guint i = 0; i < cs_tensors_get_n (a); i++)
    {
      const char *name = cs_tensors_get_name (a, i);
      CsTensorDtype da, db;
      int nda, ndb;
      int64_t sa[4], sb[4];
      const void *pa = cs_tensors_get (a, name, &da, &nda, sa);
      const void *pb = cs_tensors_get (b, name, &db, &ndb, sb);

      g_assert_cmpstr (name, ==, cs_tensors_get_name (b, i));
      g_assert_nonnull (pa);
      g_assert_nonnull (pb);
      g_assert_cmpint (da, ==, db);
      g_assert_cmpint (nda, ==, ndb);
      g_assert_cmpmem (sa, sizeof sa, sb, sizeof sb);
      g_assert_cmpuint ((guintptr) pb % G_ALIGNOF (float), ==, 0);
      g_assert_cmpmem (pa, tensor_nbytes (nda, sa), pb, tensor_nbytes (nda, sa));
    }
}

static void
assert_metadata (const char *path,
                 const char *key,
                 const char *expected)
{
  g_autofree char *value = cs_test_safetensors_metadata (path, key);

  g_assert_cmpstr (value, ==, expected);
}

static void
test_round_trip (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "model.safetensors", NULL);
  g_autoptr(CsTensors) saved = cs_tensors_new ();
  g_autoptr(CsTensors) loaded = NULL;
  g_autoptr(GError) error = NULL;
  int64_t shape[4];
  int ndim;
  CsTensorDtype dtype;
  const int32_t *labels;

  fill_tensors (saved);
  g_assert_true (cs_tensors_save (saved, path, &error));
  g_assert_no_error (error);

  loaded = cs_tensors_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  assert_same_tensors (saved, loaded);
  g_assert_cmpstr (cs_tensors_get_name (loaded, 0), ==, "layer.weight");
  g_assert_cmpstr (cs_tensors_get_name (loaded, 4), ==, "four");

  labels = cs_tensors_get (loaded, "labels", &dtype, &ndim, shape);
  g_assert_cmpint (dtype, ==, CS_TENSOR_I32);
  g_assert_cmpint (ndim, ==, 1);
  g_assert_cmpint (shape[0], ==, 5);
  g_assert_cmpint (shape[1], ==, 1);
  g_assert_cmpint (labels[3], ==, G_MININT32);
  g_assert_nonnull (cs_tensors_get (loaded, "empty", NULL, NULL, NULL));
  g_assert_null (cs_tensors_get (loaded, "missing", NULL, NULL, NULL));

  /* The last value set for a key is the one written. */
  assert_metadata (path, "epoch", "4");
  assert_metadata (path, "note", "ünïcode \"quoted\"\n");
  assert_metadata (path, "missing", NULL);

  test_tmpdir_remove (dir);
}

/* The layout the format promises other readers: an 8-aligned header padded with spaces, then
 * the tensors in order, each right after the previous. */
static void
test_layout (void)
{
  g_autoptr(CsTensors) t = cs_tensors_new ();
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  const guint8 *data;
  guint64 header_len;
  gsize len;

  fill_tensors (t);
  first = cs_tensors_serialize (t);
  second = cs_tensors_serialize (t);
  g_assert_true (g_bytes_equal (first, second));

  data = g_bytes_get_data (first, &len);
  memcpy (&header_len, data, 8);
  header_len = GUINT64_FROM_LE (header_len);
  g_assert_cmpuint (header_len % 8, ==, 0);
  g_assert_cmpint (data[8], ==, '{');
  /* 6 + 5 + 1 + 0 + 6 elements of 4 bytes. */
  g_assert_cmpuint (len, ==, 8 + header_len + 18 * 4);
  for (gsize i = 8 + header_len - 1; data[i] != '}'; i--)
    g_assert_cmpint (data[i], ==, ' ');
  g_assert_nonnull (g_strstr_len ((const char *) data + 8, (gssize) header_len,
                                  "\"layer.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],"
                                  "\"data_offsets\":[0,24]}"));
  g_assert_nonnull (g_strstr_len ((const char *) data + 8, (gssize) header_len,
                                  "\"bias\":{\"dtype\":\"F32\",\"shape\":[],"
                                  "\"data_offsets\":[44,48]}"));
}

/* A header as another writer may lay it out: metadata first, entries out of offset order,
 * whitespace, no padding, so that the data section starts at an odd address. */
static void
test_foreign_header (void)
{
  const char *header =
    "{\n  \"__metadata__\": {\"format\": \"pt\"},\n"
    "  \"b\": {\"data_offsets\": [8, 16], \"shape\": [2], \"dtype\": \"I32\"},\n"
    "  \"a\": {\"dtype\": \"F32\", \"shape\": [1, 2], \"data_offsets\": [0, 8], \"x\": 10}\n}";
  const float a[2] = { 1.5f, -2.0f };
  const int32_t b[2] = { 7, -9 };
  g_autoptr(GByteArray) file = g_byte_array_new ();
  g_autoptr(CsTensors) t = NULL;
  g_autoptr(GError) error = NULL;
  guint64 size_le = GUINT64_TO_LE ((guint64) strlen (header));
  int64_t shape[4];
  int ndim;
  const float *pa;

  g_assert_cmpuint (strlen (header) % 2, ==, 1);
  g_byte_array_append (file, (const guint8 *) &size_le, 8);
  g_byte_array_append (file, (const guint8 *) header, (guint) strlen (header));
  g_byte_array_append (file, (const guint8 *) a, sizeof a);
  g_byte_array_append (file, (const guint8 *) b, sizeof b);

  t = cs_tensors_parse (file->data, file->len, "foreign.safetensors", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cs_tensors_get_n (t), ==, 2);
  g_assert_cmpstr (cs_tensors_get_name (t, 0), ==, "b");
  g_assert_cmpstr (cs_tensors_get_name (t, 1), ==, "a");

  pa = cs_tensors_get (t, "a", NULL, &ndim, shape);
  g_assert_cmpuint ((guintptr) pa % G_ALIGNOF (float), ==, 0);
  g_assert_cmpint (ndim, ==, 2);
  g_assert_cmpint (shape[0], ==, 1);
  g_assert_cmpint (shape[1], ==, 2);
  g_assert_cmpmem (pa, sizeof a, a, sizeof a);
  g_assert_cmpmem (cs_tensors_get (t, "b", NULL, NULL, NULL), sizeof b, b, sizeof b);
}

static void
test_valid_edge_cases (void)
{
  static const char *headers[] = {
    "{}",
    "{\"__metadata__\": null}",
    "{\"__metadata__\": {}}        ",
    "{\"e\": {\"dtype\": \"I32\", \"shape\": [0], \"data_offsets\": [0, 0]}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_autoptr(GBytes) bytes = make_file (headers[i], 0);
      g_autoptr(GError) error = NULL;
      g_autoptr(CsTensors) t = parse_bytes (bytes, &error);

      g_assert_no_error (error);
      g_assert_nonnull (t);
    }
}

typedef struct
{
  const char *header;
  gsize       data_len;
  CsError     code;
  const char *needle;
} BadHeader;

#define T(dtype, shape, offsets) \
  "{\"w\": {\"dtype\": " dtype ", \"shape\": " shape ", \"data_offsets\": " offsets "}}"

static const BadHeader bad_headers[] = {
  { "{\"w\": ", 0, CS_ERROR_PARSE, "header is not valid JSON" },
  { "{\"a\": 1} x", 0, CS_ERROR_PARSE, "header: expected one JSON value, found a second at byte 10" },
  { "\"x\" {}", 0, CS_ERROR_PARSE, "header: expected one JSON value, found a second at byte 5" },
  { "[1, 2]", 0, CS_ERROR_PARSE, "header should be a JSON object, found an array" },
  { "   ", 0, CS_ERROR_PARSE, "header should be a JSON object, found nothing" },
  { "{\"w\": 3}", 0, CS_ERROR_PARSE, "tensor 'w' should be an object, found an integer" },
  { "{\"w\": {\"shape\": [1], \"data_offsets\": [0, 4]}}", 4,
    CS_ERROR_PARSE, "tensor 'w' has no \"dtype\"" },
  { T ("5", "[1]", "[0, 4]"), 4,
    CS_ERROR_PARSE, "tensor 'w': \"dtype\" should be a string, found an integer" },
  { "{\"w\": {\"dtype\": \"F32\", \"data_offsets\": [0, 4]}}", 4,
    CS_ERROR_PARSE, "tensor 'w' has no \"shape\"" },
  { T ("\"F32\"", "4", "[0, 4]"), 4,
    CS_ERROR_PARSE, "tensor 'w': \"shape\" should be an array, found an integer" },
  { T ("\"F32\"", "[\"1\"]", "[0, 4]"), 4,
    CS_ERROR_PARSE, "tensor 'w': shape[0] should be a non-negative integer, found a string" },
  { T ("\"F32\"", "[1, 2.5]", "[0, 4]"), 4,
    CS_ERROR_PARSE, "shape[1] should be a non-negative integer, found a fractional number" },
  { T ("\"F32\"", "[-1]", "[0, 4]"), 4,
    CS_ERROR_PARSE, "tensor 'w': shape[0] should be a non-negative integer, found -1" },
  { T ("\"F32\"", "[1, null]", "[0, 4]"), 4, CS_ERROR_PARSE, "found null" },
  { T ("\"F32\"", "[1, 1, 1, 1, 1]", "[0, 4]"), 4,
    CS_ERROR_FORMAT, "tensor 'w' has 5 dimensions; at most 4 are supported" },
  { "{\"w\": {\"dtype\": \"F32\", \"shape\": [1]}}", 4,
    CS_ERROR_PARSE, "tensor 'w' has no \"data_offsets\"" },
  { T ("\"F32\"", "[1]", "[0]"), 4,
    CS_ERROR_PARSE, "tensor 'w': \"data_offsets\" should be an array of two integers" },
  { T ("\"F32\"", "[1]", "{}"), 4,
    CS_ERROR_PARSE, "should be an array of two integers, found an object" },
  { T ("\"F32\"", "[1]", "[0, \"4\"]"), 4,
    CS_ERROR_PARSE, "tensor 'w': \"data_offsets\" should hold non-negative integers" },
  { T ("\"F32\"", "[1]", "[0, -4]"), 4,
    CS_ERROR_PARSE, "\"data_offsets\" should hold non-negative integers" },
  { T ("\"F16\"", "[2]", "[0, 4]"), 4,
    CS_ERROR_FORMAT, "tensor 'w' has dtype 'F16', which is not supported; expected F32 or I32" },
  { T ("\"BF16\"", "[2]", "[0, 4]"), 4, CS_ERROR_FORMAT, "tensor 'w' has dtype 'BF16'" },
  { T ("\"F64\"", "[1]", "[0, 8]"), 8, CS_ERROR_FORMAT, "tensor 'w' has dtype 'F64'" },
  { T ("\"Q8\"", "[1]", "[0, 1]"), 1, CS_ERROR_FORMAT, "tensor 'w' has dtype 'Q8'" },
  { T ("\"F32\"", "[2]", "[0, 4]"), 4,
    CS_ERROR_SHAPE, "tensor 'w': shape [2] of F32 needs 8 bytes but data_offsets [0, 4] span 4" },
  { T ("\"I32\"", "[2, 3]", "[0, 32]"), 32,
    CS_ERROR_SHAPE, "shape [2, 3] of I32 needs 24 bytes" },
  { T ("\"F32\"", "[1]", "[8, 4]"), 8,
    CS_ERROR_SHAPE, "tensor 'w': data_offsets [8, 4] end before they begin" },
  { T ("\"F32\"", "[2]", "[0, 8]"), 4,
    CS_ERROR_SHAPE, "tensor 'w': data_offsets [0, 8] reach past the end of the data section "
                    "(4 bytes)" },
  { T ("\"F32\"", "[1]", "[99999999999999996, 100000000000000000]"), 4,
    CS_ERROR_SHAPE, "reach past the end of the data section" },
  { "{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]},"
    " \"b\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [4, 12]}}", 12,
    CS_ERROR_SHAPE, "tensors 'a' and 'b' overlap in the data section" },
  { "{\"b\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]},"
    " \"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}", 4,
    CS_ERROR_SHAPE, "tensors 'a' and 'b' overlap" },
  { "{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]},"
    " \"b\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [8, 12]}}", 12,
    CS_ERROR_SHAPE, "bytes 4 to 8 of the data section belong to no tensor" },
  { T ("\"F32\"", "[1]", "[4, 8]"), 8,
    CS_ERROR_SHAPE, "bytes 0 to 4 of the data section belong to no tensor" },
  { T ("\"F32\"", "[1]", "[0, 4]"), 8,
    CS_ERROR_SHAPE, "the data section has 8 bytes but the tensors cover 4" },
  { "{}", 4, CS_ERROR_SHAPE, "the data section has 4 bytes but the tensors cover 0" },
  { T ("\"F32\"", "[4611686018427387904, 4611686018427387904]", "[0, 4]"), 4,
    CS_ERROR_LIMIT, "tensor 'w': shape [4611686018427387904, 4611686018427387904] is too large" },
  { T ("\"F32\"", "[4611686018427387904]", "[0, 4]"), 4,
    CS_ERROR_LIMIT, "tensor 'w': shape [4611686018427387904] is too large" },
  { T ("\"F32\"", "[0, 4294967296, 4294967296]", "[0, 0]"), 0,
    CS_ERROR_LIMIT, "tensor 'w': shape [0, 4294967296, 4294967296] is too large" },
  { T ("\"F32\"", "[18446744073709551617]", "[0, 4]"), 4,
    CS_ERROR_LIMIT, "header holds a number longer than 19 digits at byte 41" },
  { T ("\"F32\"", "[9999999999999999999]", "[0, 4]"), 4,
    CS_ERROR_PARSE, "tensor 'w': shape[0] should be a non-negative integer, found -" },
  { "{\"__metadata__\": [1]}", 0,
    CS_ERROR_PARSE, "\"__metadata__\" should be an object, found an array" },
  { "{\"__metadata__\": {\"epoch\": 3}}", 0,
    CS_ERROR_PARSE, "\"__metadata__\" entry 'epoch' should be a string, found an integer" },
  { "{\"__metadata__\": {\"k\": \"\\ud800\"}}", 0, CS_ERROR_PARSE, "" },
};

static void
test_bad_headers (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_headers); i++)
    {
      g_autoptr(GBytes) bytes = make_file (bad_headers[i].header, bad_headers[i].data_len);

      g_test_message ("header: %s", bad_headers[i].header);
      assert_parse_error (bytes, bad_headers[i].code, bad_headers[i].needle);
    }
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) header = g_string_new ("{\"__metadata__\": ");
  g_autoptr(GBytes) bytes = NULL;

  /* Deep enough to overflow json-glib's recursive parser if it ever saw it. */
  for (int i = 0; i < 1000000; i++)
    g_string_append_c (header, '[');
  bytes = make_file (header->str, 0);
  assert_parse_error (bytes, CS_ERROR_LIMIT, "header nests deeper than 32 levels");
}

/* json-glib also reads comments and single-quoted strings, and swallows the character after a
 * short \u escape, a closing quote included; each let a '"' hide the rest of the header from the
 * depth count, and a million '[' after it overflowed the stack. */
static void
test_hidden_nesting (void)
{
  static const struct
  {
    const char *prefix;
    const char *needle;
  } cases[] = {
    { "{\"w\": /* \" */ ", "header: expected JSON, found a comment or a single-quoted string at byte 7" },
    { "{'\"': ", "header: expected JSON, found a comment or a single-quoted string at byte 2" },
    { "{\"w\": [\"\\u1\"]\", ", "header: expected four hex digits after \\u at byte 9" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) header = g_string_new (cases[i].prefix);
      g_autoptr(GBytes) bytes = NULL;

      for (int j = 0; j < 1000000; j++)
        g_string_append_c (header, '[');
      bytes = make_file (header->str, 0);
      assert_parse_error (bytes, CS_ERROR_PARSE, cases[i].needle);
    }
}

/* Found by fuzzing: json-glib quoted a string holding a lone surrogate escape in its message as
 * the bytes it decoded, which are not UTF-8 (assert_parse_error() checks it is UTF-8). Half a
 * surrogate pair is now refused before json-glib sees it. */
static void
test_message_utf8 (void)
{
  g_autoptr(GBytes) bytes = make_file ("{\"\\ud800\" 1}", 0);

  assert_parse_error (bytes, CS_ERROR_PARSE,
                      "header: expected a UTF-16 surrogate pair, found half of one at byte 3");
}

static void
test_bad_framing (void)
{
  g_autoptr(GBytes) short_file = g_bytes_new_static ("\x10\0\0\0\0", 5);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) too_big = make_raw (100, "{}        ", 10, 0);
  g_autoptr(GBytes) max = make_raw (G_MAXUINT64, "{}", 2, 0);
  g_autoptr(GBytes) with_nul = make_raw (8, "{}\0     ", 8, 0);
  g_autoptr(GBytes) latin1 = make_raw (12, "{\"caf\xe9\": 1}", 12, 0);
  gsize huge_len = 8 + 100 * 1024 * 1024 + 1;
  g_autofree guint8 *huge = g_malloc0 (huge_len);
  guint64 huge_size = GUINT64_TO_LE ((guint64) huge_len - 8);
  g_autoptr(GError) error = NULL;

  assert_parse_error (short_file, CS_ERROR_PARSE,
                      "too short for a safetensors file: 5 bytes, expected at least the 8-byte "
                      "header size");
  assert_parse_error (empty, CS_ERROR_PARSE, "too short for a safetensors file: 0 bytes");
  assert_parse_error (too_big, CS_ERROR_PARSE,
                      "header size is 100 bytes but only 10 bytes follow it");
  assert_parse_error (max, CS_ERROR_PARSE, "header size is 18446744073709551615 bytes");
  assert_parse_error (with_nul, CS_ERROR_PARSE, "header is not valid UTF-8 text");
  assert_parse_error (latin1, CS_ERROR_PARSE, "header is not valid UTF-8 text");

  memcpy (huge, &huge_size, 8);
  g_assert_null (cs_tensors_parse (huge, huge_len, BAD_NAME, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "header size is 104857601 bytes, more than"));
}

static void
test_io_errors (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *missing = g_build_filename (dir, "missing.safetensors", NULL);
  g_autofree char *file = g_build_filename (dir, "file", NULL);
  g_autofree char *under_file = g_build_filename (file, "model.safetensors", NULL);
  g_autoptr(CsTensors) t = cs_tensors_new ();
  g_autoptr(GError) error = NULL;

  g_assert_null (cs_tensors_load (missing, &error));
  cs_test_assert_io_error (error, missing, "read", ENOENT);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (file, "not a safetensors file", -1, NULL));
  g_assert_null (cs_tensors_load (file, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, file));
  g_clear_error (&error);

  fill_tensors (t);
  g_assert_false (cs_tensors_save (t, under_file, &error));
  cs_test_assert_io_error (error, under_file, "write", ENOTDIR);

  test_tmpdir_remove (dir);
}

/* Whatever comes back must be usable: every byte of every tensor is read, so that ASan would
 * catch a tensor that points outside its copy. */
static void
check_parse_outcome (const guint8 *data,
                     gsize         len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsTensors) t = cs_tensors_parse (data, len, BAD_NAME, &error);
  guint sum = 0;

  if (t == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == CS_ERROR);
      g_assert_true (g_str_has_prefix (error->message, BAD_NAME ": "));
      return;
    }

  g_assert_no_error (error);
  for (guint i = 0; i < cs_tensors_get_n (t); i++)
    {
      int64_t shape[4];
      int ndim;
      const guint8 *p = cs_tensors_get (t, cs_tensors_get_name (t, i), NULL, &ndim, shape);
      gsize n = tensor_nbytes (ndim, shape);

      for (gsize k = 0; k < n; k++)
        sum += p[k];
    }
  g_assert_cmpuint (sum, <, G_MAXUINT);
}

/* A small deterministic fuzzer: every truncation and many random byte changes of a valid file.
 * Every truncation must fail, since the tensors tile the data section exactly. */
static void
test_mutations (void)
{
  g_autoptr(CsTensors) t = cs_tensors_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260101);
  g_autofree guint8 *copy = NULL;
  const guint8 *data;
  gsize len;

  fill_tensors (t);
  bytes = cs_tensors_serialize (t);
  data = g_bytes_get_data (bytes, &len);

  for (gsize cut = 0; cut < len; cut++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree guint8 *prefix = g_memdup2 (data, cut);

      g_assert_null (cs_tensors_parse (prefix, cut, BAD_NAME, &error));
      g_assert_nonnull (error);
    }

  copy = g_malloc (len);
  for (int round = 0; round < 5000; round++)
    {
      int changes = g_rand_int_range (rand, 1, 5);

      memcpy (copy, data, len);
      for (int c = 0; c < changes; c++)
        {
          /* Mostly the header, where the parser's decisions are made. */
          gsize limit = g_rand_boolean (rand) ? MIN (len, 200) : len;
          static const char interesting[] = "0123456789[]{}\":,-. \\";
          gsize pos = (gsize) g_rand_int_range (rand, 0, (gint32) limit);

          copy[pos] = g_rand_boolean (rand)
                    ? (guint8) g_rand_int_range (rand, 0, 256)
                    : (guint8) interesting[g_rand_int_range (rand, 0, sizeof interesting - 1)];
        }
      check_parse_outcome (copy, len);
    }
}

/* Programming errors are caught by the guards, not stored: a second tensor with the same name
 * would make lookups ambiguous and the header invalid JSON for other readers. */
static void
test_add_guards (void)
{
  static const float value = 1.0f;
  static const int64_t absurd[2] = { G_MAXINT64, G_MAXINT64 };

  if (g_test_subprocess ())
    {
      g_autoptr(CsTensors) t = cs_tensors_new ();

      cs_tensors_add (t, "w", CS_TENSOR_F32, 0, NULL, &value);
      if (g_strcmp0 (g_getenv ("CS_TEST_CASE"), "duplicate") == 0)
        cs_tensors_add (t, "w", CS_TENSOR_F32, 0, NULL, &value);
      else
        cs_tensors_add (t, "huge", CS_TENSOR_F32, 2, absurd, &value);
      return;
    }

  g_setenv ("CS_TEST_CASE", "duplicate", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*g_hash_table_contains*");

  g_setenv ("CS_TEST_CASE", "absurd", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*size_ok*");
  g_unsetenv ("CS_TEST_CASE");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/safetensors/round-trip", test_round_trip);
  g_test_add_func ("/safetensors/layout", test_layout);
  g_test_add_func ("/safetensors/foreign-header", test_foreign_header);
  g_test_add_func ("/safetensors/valid-edge-cases", test_valid_edge_cases);
  g_test_add_func ("/safetensors/bad-headers", test_bad_headers);
  g_test_add_func ("/safetensors/deep-nesting", test_deep_nesting);
  g_test_add_func ("/safetensors/hidden-nesting", test_hidden_nesting);
  g_test_add_func ("/safetensors/message-utf8", test_message_utf8);
  g_test_add_func ("/safetensors/bad-framing", test_bad_framing);
  g_test_add_func ("/safetensors/io-errors", test_io_errors);
  g_test_add_func ("/safetensors/mutations", test_mutations);
  g_test_add_func ("/safetensors/add-guards", test_add_guards);
  return g_test_run ();
}
