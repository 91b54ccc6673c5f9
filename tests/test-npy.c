/* test-npy.c — tests of the .npy reader and writer
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cs-error.h"
#include "cs-npy.h"
#include "test-util.h"

/*
 * The inputs are written byte by byte here rather than committed as binary
 * fixtures. Every buffer handed to a parser is a heap block of exactly its
 * length, so that AddressSanitizer reports any read past the end.
 */

typedef struct
{
  guint8 *data;
  gsize   len;
} Npy;

static void
npy_clear (Npy *npy)
{
  g_clear_pointer (&npy->data, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Npy, npy_clear)

/* Builds a file of format @major.0 with the header text @dict, padded as numpy
 * pads it when @pad is set, followed by @payload. */
static Npy
make_npy_full (guint8      major,
               const char *dict,
               gboolean    pad,
               const void *payload,
               gsize       payload_len)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GString) header = g_string_new (dict);
  gsize prefix = major == 1 ? 10 : 12;
  guint8 magic[] = { 0x93, 'N', 'U', 'M', 'P', 'Y', major, 0 };
  guint8 hlen[4];
  Npy npy;

  if (pad)
    {
      while ((prefix + header->len + 1) % 64 != 0)
        g_string_append_c (header, ' ');
      g_string_append_c (header, '\n');
    }

  hlen[0] = header->len & 0xFF;
  hlen[1] = (header->len >> 8) & 0xFF;
  hlen[2] = (header->len >> 16) & 0xFF;
  hlen[3] = (header->len >> 24) & 0xFF;

  g_byte_array_append (bytes, magic, sizeof magic);
  g_byte_array_append (bytes, hlen, major == 1 ? 2 : 4);
  g_byte_array_append (bytes, (const guint8 *) header->str, header->len);
  if (payload_len > 0)
    g_byte_array_append (bytes, payload, payload_len);

  npy.len = bytes->len;
  npy.data = g_byte_array_free (g_steal_pointer (&bytes), FALSE);
  return npy;
}

static Npy
make_npy (guint8      major,
          const char *dict,
          const void *payload,
          gsize       payload_len)
{
  return make_npy_full (major, dict, TRUE, payload, payload_len);
}

/* Returns a copy of the first @len bytes of @npy, as if the file were cut. */
static Npy
npy_cut (const Npy *npy,
         gsize      len)
{
  Npy cut = { g_memdup2 (npy->data, len), len };

  return cut;
}

/* Writes n values of size bytes each, as this machine holds them, to p in the given byte
 * order: the payload of an array of that dtype. */
static void
put_values (guint8     *p,
            const void *values,
            gsize       n,
            gsize       size,
            gboolean    big_endian)
{
  const guint8 *v = values;
  gboolean swap = big_endian != (G_BYTE_ORDER == G_BIG_ENDIAN);

  for (gsize i = 0; i < n * size; i += size)
    for (gsize b = 0; b < size; b++)
      p[i + b] = v[i + (swap ? size - 1 - b : b)];
}

/* The payload of a little- or big-endian array with the elements of a C array. */
#define put_le(p, array) put_values ((p), (array), G_N_ELEMENTS (array), sizeof (array)[0], FALSE)
#define put_be(p, array) put_values ((p), (array), G_N_ELEMENTS (array), sizeof (array)[0], TRUE)

/* Parses @npy as float32, expecting an error @code whose message holds each
 * of the NULL-terminated strings that follow. */
static void
assert_f32_error (const Npy  *npy,
                  int         code,
                  ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree float *out = NULL;
  const char *needle;
  int rows = -7, cols = -7;
  va_list args;

  out = cs_npy_parse_f32 (npy->data, npy->len, "train/x.npy", &rows, &cols, &error);
  g_assert_null (out);
  g_assert_error (error, CS_ERROR, code);
  g_assert_cmpint (rows, ==, -7);
  g_assert_true (g_str_has_prefix (error->message, "train/x.npy: "));

  va_start (args, code);
  while ((needle = va_arg (args, const char *)) != NULL)
    {
      if (strstr (error->message, needle) == NULL)
        g_error ("message '%s' lacks '%s'", error->message, needle);
    }
  va_end (args);
}

static void
assert_i32_error (const Npy  *npy,
                  int         code,
                  const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autofree int32_t *out = NULL;
  int n = -7;

  out = cs_npy_parse_i32 (npy->data, npy->len, "y.npy", &n, &error);
  g_assert_null (out);
  g_assert_error (error, CS_ERROR, code);
  g_assert_cmpint (n, ==, -7);
  if (strstr (error->message, needle) == NULL || !g_str_has_prefix (error->message, "y.npy: "))
    g_error ("message '%s' lacks 'y.npy: ' or '%s'", error->message, needle);
}

/* Parses @npy, which must work, as a float32 array of the given shape. */
static float *
parse_f32 (const Npy *npy,
           int        rows,
           int        cols)
{
  g_autoptr(GError) error = NULL;
  float *out;
  int r = -1, c = -1;

  out = cs_npy_parse_f32 (npy->data, npy->len, "x.npy", &r, &c, &error);
  g_assert_no_error (error);
  g_assert_cmpint (r, ==, rows);
  g_assert_cmpint (c, ==, cols);
  return out;
}

/* Parses @npy, which must work, as @n int32 values. */
static int32_t *
parse_i32 (const Npy *npy,
           int        n)
{
  g_autoptr(GError) error = NULL;
  int32_t *out;
  int found = -1;

  out = cs_npy_parse_i32 (npy->data, npy->len, "y.npy", &found, &error);
  g_assert_no_error (error);
  g_assert_cmpint (found, ==, n);
  return out;
}

static void
test_npy_v1_f4 (void)
{
  const float values[] = { 1.5f, -2.25f, 0.0f, 1e-30f, 3.0e30f, -0.125f };
  guint8 payload[sizeof values];
  g_auto(Npy) npy = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree float *out = NULL;
  CsNpyHeader h;

  put_le (payload, values);
  npy = make_npy (1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
                  payload, sizeof payload);

  g_assert_true (cs_npy_parse_header (npy.data, npy.len, "x.npy", &h, &error));
  g_assert_no_error (error);
  g_assert_cmpint (h.dtype, ==, CS_NPY_F4);
  g_assert_false (h.big_endian);
  g_assert_false (h.fortran_order);
  g_assert_cmpint (h.ndim, ==, 2);
  g_assert_cmpuint (h.shape[0], ==, 2);
  g_assert_cmpuint (h.shape[1], ==, 3);
  g_assert_cmpuint (h.count, ==, 6);
  g_assert_cmpuint (h.data_offset, ==, 128);

  out = parse_f32 (&npy, 2, 3);
  g_assert_cmpmem (out, sizeof values, values, sizeof values);
}

static void
test_npy_v2_f8 (void)
{
  const double values[] = { 0.1, -1e-3, 12345.678, 1e30 };
  guint8 payload[sizeof values];
  g_auto(Npy) npy = { 0 };
  g_autofree float *out = NULL;

  put_le (payload, values);
  npy = make_npy (2, "{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }",
                  payload, sizeof payload);

  out = parse_f32 (&npy, 4, 1);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_true (out[i] == (float) values[i]);
}

static void
test_npy_v3_header (void)
{
  const float values[] = { 4.0f, 5.0f };
  guint8 payload[sizeof values];
  g_auto(Npy) npy = { 0 };
  g_auto(Npy) bad = { 0 };
  g_autofree float *out = NULL;

  put_le (payload, values);

  /* Double quotes are valid Python too, and a 3.0 header is UTF-8. */
  npy = make_npy (3, "{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (1, 2)}",
                  payload, sizeof payload);
  out = parse_f32 (&npy, 1, 2);
  g_assert_cmpfloat (out[1], ==, 5.0f);

  bad = make_npy (3, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), '\xff': 1}",
                  payload, sizeof payload);
  assert_f32_error (&bad, CS_ERROR_PARSE, "UTF-8", NULL);
}

static void
test_npy_i8 (void)
{
  const gint64 values[] = { -5, 0, 7, 16777216, -1 };
  guint8 payload[sizeof values];
  g_auto(Npy) npy = { 0 };
  g_autofree float *f = NULL;
  g_autofree int32_t *i32 = NULL;

  put_le (payload, values);
  npy = make_npy (1, "{'descr': '<i8', 'fortran_order': False, 'shape': (5,), }",
                  payload, sizeof payload);

  f = parse_f32 (&npy, 5, 1);
  i32 = parse_i32 (&npy, 5);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_assert_cmpfloat (f[i], ==, (float) values[i]);
      g_assert_cmpint (i32[i], ==, values[i]);
    }
}

static void
test_npy_big_endian (void)
{
  const float values[] = { 1.0f, -3.5f, 1234.5f, 1e-5f };
  guint8 payload[sizeof values];
  g_auto(Npy) npy = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree float *out = NULL;
  CsNpyHeader h;

  put_be (payload, values);
  npy = make_npy (1, "{'descr': '>f4', 'fortran_order': False, 'shape': (2, 2), }",
                  payload, sizeof payload);

  g_assert_true (cs_npy_parse_header (npy.data, npy.len, "x.npy", &h, &error));
  g_assert_true (h.big_endian);
  out = parse_f32 (&npy, 2, 2);
  g_assert_cmpmem (out, sizeof values, values, sizeof values);
}

static void
test_npy_fortran (void)
{
  /* The 2 × 3 array [[1, 2, 3], [4, 5, 6]] stored column by column. */
  const float column_major[] = { 1, 4, 2, 5, 3, 6 };
  const float row_major[] = { 1, 2, 3, 4, 5, 6 };
  const double column_major_f8[] = { 1, 4, 2, 5, 3, 6 };
  guint8 payload[sizeof column_major];
  guint8 payload_f8[sizeof column_major_f8];
  g_auto(Npy) npy = { 0 };
  g_auto(Npy) npy_f8 = { 0 };
  g_autofree float *out = NULL;
  g_autofree float *out_f8 = NULL;

  put_le (payload, column_major);
  put_le (payload_f8, column_major_f8);
  npy = make_npy (1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }",
                  payload, sizeof payload);
  npy_f8 = make_npy (1, "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }",
                     payload_f8, sizeof payload_f8);

  out = parse_f32 (&npy, 2, 3);
  g_assert_cmpmem (out, sizeof row_major, row_major, sizeof row_major);

  out_f8 = parse_f32 (&npy_f8, 2, 3);
  g_assert_cmpmem (out_f8, sizeof row_major, row_major, sizeof row_major);
}

static void
test_npy_bool (void)
{
  const guint8 payload[] = { 1, 0, 0, 1 };
  g_auto(Npy) npy = { 0 };
  g_autofree float *out = NULL;
  g_autofree int32_t *labels = NULL;

  npy = make_npy (1, "{'descr': '|b1', 'fortran_order': False, 'shape': (4,), }",
                  payload, sizeof payload);

  out = parse_f32 (&npy, 4, 1);
  g_assert_cmpfloat (out[0], ==, 1.0f);
  g_assert_cmpfloat (out[1], ==, 0.0f);
  g_assert_cmpfloat (out[3], ==, 1.0f);

  labels = parse_i32 (&npy, 4);
  g_assert_cmpint (labels[2], ==, 0);
  g_assert_cmpint (labels[3], ==, 1);
}

static void
test_npy_small_ints (void)
{
  const guint8 u1[] = { 0, 255, 7 };
  const guint8 i2_be[] = { 0xFF, 0xFE, 0x01, 0x00 }; /* -2, 256 */
  const guint8 u4[] = { 1, 0, 0, 0, 0, 0, 0, 0x80 }; /* 1, 2^31 */
  g_auto(Npy) npy_u1 = { 0 };
  g_auto(Npy) npy_i2 = { 0 };
  g_auto(Npy) npy_u4 = { 0 };
  g_autofree int32_t *a = NULL;
  g_autofree int32_t *b = NULL;
  g_autofree float *c = NULL;

  npy_u1 = make_npy (1, "{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }", u1, 3);
  npy_i2 = make_npy (1, "{'descr': '>i2', 'fortran_order': False, 'shape': (2,), }", i2_be, 4);
  npy_u4 = make_npy (1, "{'descr': '<u4', 'fortran_order': False, 'shape': (2,), }", u4, 8);

  a = parse_i32 (&npy_u1, 3);
  g_assert_cmpint (a[1], ==, 255);
  b = parse_i32 (&npy_i2, 2);
  g_assert_cmpint (b[0], ==, -2);
  g_assert_cmpint (b[1], ==, 256);

  c = parse_f32 (&npy_u4, 2, 1);
  g_assert_cmpfloat (c[1], ==, 2147483648.0f);
  assert_i32_error (&npy_u4, CS_ERROR_VALUE, "2147483648 at index 1");
}

static void
test_npy_unpadded (void)
{
  /* A header that numpy did not write: no padding, so the data is unaligned,
   * Python 2 long suffixes and no trailing comma. */
  const float values[] = { 0.5f, 1.5f, 2.5f };
  guint8 payload[sizeof values];
  g_auto(Npy) npy = { 0 };
  g_autofree float *out = NULL;

  put_le (payload, values);
  npy = make_npy_full (1, "{'descr':'<f4','fortran_order':False,'shape':(3L, 1L)} ", FALSE,
                       payload, sizeof payload);
  g_assert_cmpuint ((npy.len - sizeof payload) % 4, !=, 0);

  out = parse_f32 (&npy, 3, 1);
  g_assert_cmpfloat (out[2], ==, 2.5f);
}

static void
test_npy_truncated (void)
{
  guint8 payload[24] = { 0 };
  g_auto(Npy) npy = { 0 };
  g_auto(Npy) cut_data = { 0 };
  g_auto(Npy) cut_header = { 0 };
  g_auto(Npy) cut_prefix = { 0 };
  g_auto(Npy) empty = { 0 };
  g_auto(Npy) longer = { 0 };

  npy = make_npy (1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
                  payload, sizeof payload);

  cut_data = npy_cut (&npy, npy.len - 4);
  assert_f32_error (&cut_data, CS_ERROR_SHAPE,
                    "header says (2, 3) = 24 bytes of data, file has 20", NULL);

  cut_header = npy_cut (&npy, 40);
  assert_f32_error (&cut_header, CS_ERROR_PARSE, "truncated", "118 bytes long, only 30", NULL);

  cut_prefix = npy_cut (&npy, 9);
  assert_f32_error (&cut_prefix, CS_ERROR_PARSE, "truncated", NULL);

  empty = npy_cut (&npy, 0);
  assert_f32_error (&empty, CS_ERROR_PARSE, "empty", NULL);

  /* Extra bytes after the data are refused too. */
  longer = make_npy (1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }",
                     payload, sizeof payload);
  assert_f32_error (&longer, CS_ERROR_SHAPE, "(2, 2) = 16 bytes of data, file has 24", NULL);
}

static void
test_npy_bad_magic (void)
{
  const char zip[] = "PK\x03\x04\x14\x00\x00\x00\x08\x00";
  g_auto(Npy) npy = { g_memdup2 (zip, sizeof zip - 1), sizeof zip - 1 };
  g_auto(Npy) short_bad = { g_memdup2 ("\x93NUX", 4), 4 };
  g_auto(Npy) short_good = { g_memdup2 ("\x93NUM", 4), 4 };

  assert_f32_error (&npy, CS_ERROR_PARSE, "not a NumPy .npy file", "'PK\\x03\\x04", NULL);
  assert_f32_error (&short_bad, CS_ERROR_PARSE, "not a NumPy", "\\x93NUX", NULL);
  assert_f32_error (&short_good, CS_ERROR_PARSE, "truncated", NULL);
}

static void
test_npy_version (void)
{
  guint8 payload[4] = { 0 };
  g_auto(Npy) npy = { 0 };

  npy = make_npy (2, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }",
                  payload, sizeof payload);
  npy.data[6] = 4;
  assert_f32_error (&npy, CS_ERROR_FORMAT, "version 4.0", NULL);
  npy.data[6] = 1;
  npy.data[7] = 1;
  assert_f32_error (&npy, CS_ERROR_FORMAT, "version 1.1", NULL);
}

static void
test_npy_dtype (void)
{
  const char *descrs[] = { "<c8", "|O", "<U10", "<f2", "<M8[ns]", "|V16" };
  guint8 payload[64] = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (descrs); i++)
    {
      g_autofree char *dict = g_strdup_printf ("{'descr': '%s', 'fortran_order': False, "
                                               "'shape': (2,), }", descrs[i]);
      g_autofree char *needle = g_strdup_printf ("header: expected a dtype of float or integer, "
                                                 "found '%s'", descrs[i]);
      g_auto(Npy) npy = make_npy (1, dict, payload, 16);

      assert_f32_error (&npy, CS_ERROR_FORMAT, needle, NULL);
      assert_i32_error (&npy, CS_ERROR_FORMAT, needle);
    }

  {
    g_auto(Npy) npy = make_npy (1, "{'descr': [('a', '<f4'), ('b', '<i4')], "
                                   "'fortran_order': False, 'shape': (2,), }", payload, 16);

    assert_f32_error (&npy, CS_ERROR_FORMAT, "found [('a', '<f4'), ('b', '<i4')]", NULL);
  }
}

static void
test_npy_dict_malformed (void)
{
  static const struct { const char *dict; const char *needle; } cases[] = {
    { "{'fortran_order': False, 'shape': (2,), }", "missing key 'descr'" },
    { "{'descr': '<f4', 'shape': (2,), }", "missing key 'fortran_order'" },
    { "{'descr': '<f4', 'fortran_order': False, }", "missing key 'shape'" },
    { "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'x': 1}", "unexpected key 'x'" },
    { "{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (2,)}", "twice" },
    { "{'descr': '<f4', 'fortran_order': maybe, 'shape': (2,)}", "expected True or False" },
    { "{'descr': '<f4', 'fortran_order': False, 'shape': (-2,)}", "found '-2'" },
    { "{'descr': '<f4', 'fortran_order': False, 'shape': [2]}", "expected a shape tuple" },
    { "{'descr': '<f4', 'fortran_order': False, 'shape': (2 3)}", "expected ',' or ')'" },
    { "{'descr': '<f4' 'fortran_order': False, 'shape': (2,)}", "expected ',' or '}'" },
    { "{'descr': '<f4', 'fortran_order': False, 'shape': (2,)", "expected ',' or '}'" },
    { "{'descr' '<f4', 'fortran_order': False, 'shape': (2,)}", "expected ':'" },
    { "{'descr': '<f4", "not closed" },
    { "['descr', '<f4']", "expected a Python dict" },
    { "", "expected a Python dict '{', found the end of the header" },
    { "{'descr': '<f4', 'fortran_order': False, 'shape': (2,)} junk", "found 'junk" },
  };
  guint8 payload[8] = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Npy) npy = make_npy (1, cases[i].dict, payload, sizeof payload);

      assert_f32_error (&npy, CS_ERROR_PARSE, "train/x.npy: header: ", cases[i].needle, NULL);
    }
}

static void
test_npy_not_finite (void)
{
  float values[6] = { 0 };
  double values_f8[2] = { 1.0, 1e300 };
  guint8 payload[sizeof values];
  guint8 payload_f8[sizeof values_f8];
  g_auto(Npy) nan_npy = { 0 };
  g_auto(Npy) inf_npy = { 0 };
  g_auto(Npy) big_npy = { 0 };
  const char *dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";

  values[5] = NAN;
  put_le (payload, values);
  nan_npy = make_npy (1, dict, payload, sizeof payload);
  assert_f32_error (&nan_npy, CS_ERROR_VALUE, "row 1, column 2", "NaN", NULL);

  values[5] = 0;
  values[1] = -INFINITY;
  put_be (payload, values);
  inf_npy = make_npy (1, "{'descr': '>f4', 'fortran_order': False, 'shape': (2, 3), }",
                      payload, sizeof payload);
  assert_f32_error (&inf_npy, CS_ERROR_VALUE, "row 0, column 1", "-Inf", NULL);

  put_le (payload_f8, values_f8);
  big_npy = make_npy (1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }",
                      payload_f8, sizeof payload_f8);
  assert_f32_error (&big_npy, CS_ERROR_VALUE, "row 1, column 0", "1e+300", "float32 range",
                    NULL);
  assert_i32_error (&big_npy, CS_ERROR_VALUE, "outside the int32 range");
}

static void
test_npy_dims (void)
{
  guint8 payload[24] = { 0 };
  g_auto(Npy) three = { 0 };
  g_auto(Npy) scalar = { 0 };
  g_auto(Npy) empty = { 0 };
  g_auto(Npy) nine = { 0 };

  three = make_npy (1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 3), }",
                    payload, sizeof payload);
  assert_f32_error (&three, CS_ERROR_FORMAT, "1-D or 2-D", "3-D", "(1, 2, 3)", NULL);

  scalar = make_npy (1, "{'descr': '<f4', 'fortran_order': False, 'shape': (), }", payload, 4);
  assert_f32_error (&scalar, CS_ERROR_FORMAT, "0-D", NULL);

  empty = make_npy (1, "{'descr': '<f4', 'fortran_order': False, 'shape': (0, 512), }",
                    NULL, 0);
  assert_f32_error (&empty, CS_ERROR_SHAPE, "empty", "(0, 512)", NULL);

  nine = make_npy (1, "{'descr': '<f4', 'fortran_order': False, "
                      "'shape': (1, 1, 1, 1, 1, 1, 1, 1, 1), }", payload, 4);
  assert_f32_error (&nine, CS_ERROR_FORMAT, "more than 8 dimensions", NULL);
}

static void
test_npy_limits (void)
{
  guint8 payload[16] = { 0 };
  g_auto(Npy) huge = { 0 };
  g_auto(Npy) overflow = { 0 };
  g_auto(Npy) digits = { 0 };
  g_auto(Npy) too_many_rows = { 0 };
  g_auto(Npy) bytes = { 0 };

  /* Each is refused from the header alone: the file holds only 16 bytes of
   * data, so an attempt to allocate would have failed differently. */
  huge = make_npy (1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1000000000000, 512), }",
                   payload, sizeof payload);
  assert_f32_error (&huge, CS_ERROR_LIMIT, "header: shape (1000000000000, 512) is too large",
                    NULL);
  assert_i32_error (&huge, CS_ERROR_LIMIT, "too large");

  overflow = make_npy (1, "{'descr': '<f8', 'fortran_order': False, "
                          "'shape': (4294967296, 4294967296, 4294967296), }", payload, 16);
  assert_f32_error (&overflow, CS_ERROR_LIMIT, "too large", NULL);

  digits = make_npy (1, "{'descr': '<f4', 'fortran_order': False, "
                        "'shape': (123456789012345678901234567890,), }", payload, 16);
  assert_f32_error (&digits, CS_ERROR_LIMIT, "123456789012345678901234567890", NULL);

  /* 2^31 one-byte values are within the element limit but too many rows for an int. */
  too_many_rows = make_npy (1, "{'descr': '|u1', 'fortran_order': False, "
                               "'shape': (2147483648,), }", payload, 16);
  assert_f32_error (&too_many_rows, CS_ERROR_LIMIT, "(2147483648,)", NULL);
  assert_i32_error (&too_many_rows, CS_ERROR_LIMIT, "(2147483648,)");

  /* 2^30 float64 values are 8 GiB: at the limit, so only the size check fails;
   * one more row of 8 bytes is over it. */
  bytes = make_npy (1, "{'descr': '<f8', 'fortran_order': False, "
                       "'shape': (1073741824,), }", payload, 16);
  assert_f32_error (&bytes, CS_ERROR_SHAPE, "8589934592 bytes", NULL);
  npy_clear (&bytes);
  bytes = make_npy (1, "{'descr': '<f8', 'fortran_order': False, "
                       "'shape': (1073741825,), }", payload, 16);
  assert_f32_error (&bytes, CS_ERROR_LIMIT, "too large", NULL);
}

static void
test_npy_i32 (void)
{
  const double integral[] = { 3.0, -1.0, 0.0 };
  const double fractional[] = { 3.0, 1.5 };
  const gint64 wide[] = { 1, -2147483649LL };
  guint8 payload[32];
  g_auto(Npy) npy = { 0 };
  g_auto(Npy) frac = { 0 };
  g_auto(Npy) column = { 0 };
  g_auto(Npy) matrix = { 0 };
  g_auto(Npy) big = { 0 };
  g_autofree int32_t *out = NULL;
  g_autofree int32_t *out_column = NULL;

  put_le (payload, integral);
  npy = make_npy (1, "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", payload, 24);
  out = parse_i32 (&npy, 3);
  g_assert_cmpint (out[0], ==, 3);
  g_assert_cmpint (out[1], ==, -1);

  column = make_npy (1, "{'descr': '<f8', 'fortran_order': True, 'shape': (3, 1), }",
                     payload, 24);
  out_column = parse_i32 (&column, 3);
  g_assert_cmpmem (out_column, 3 * sizeof (int32_t), out, 3 * sizeof (int32_t));

  matrix = make_npy (1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 3), }",
                     payload, 24);
  assert_i32_error (&matrix, CS_ERROR_FORMAT, "found shape (1, 3)");

  put_le (payload, fractional);
  frac = make_npy (1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", payload, 16);
  assert_i32_error (&frac, CS_ERROR_VALUE, "value 1.5 at index 1 (counting from 0) is not a whole");

  put_le (payload, wide);
  big = make_npy (1, "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", payload, 16);
  assert_i32_error (&big, CS_ERROR_VALUE, "-2147483649 at index 1");
}

static void
test_npy_i32_nan (void)
{
  const float values[] = { 2.0f, NAN };
  guint8 payload[sizeof values];
  g_auto(Npy) npy = { 0 };

  put_le (payload, values);
  npy = make_npy (1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", payload, 8);
  assert_i32_error (&npy, CS_ERROR_VALUE, "nan at index 1");
}

static void
test_npy_save_roundtrip (void)
{
  const float values[] = { 1.0f, -2.5f, 3.25f, 1e-20f, 7.0f, 8.0f };
  const gsize shape2[] = { 3, 2 };
  const gsize shape1[] = { 6 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cs-npy-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "out.npy", NULL);
  g_autofree char *bytes = NULL;
  g_autofree float *back = NULL;
  g_autofree float *back1 = NULL;
  gsize len = 0;
  guint hlen;
  int rows = 0, cols = 0;

  g_assert_no_error (error);
  g_assert_true (cs_npy_save_f32 (path, values, 2, shape2, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &bytes, &len, &error));
  g_assert_cmpmem (bytes, 8, "\x93NUMPY\x01\x00", 8);
  hlen = (guint8) bytes[8] | (guint) (guint8) bytes[9] << 8;
  g_assert_cmpuint ((10 + hlen) % 64, ==, 0);
  g_assert_cmpuint (len, ==, 10 + hlen + sizeof values);
  g_assert_cmpint (bytes[10 + hlen - 1], ==, '\n');
  g_assert_nonnull (g_strstr_len (bytes + 10, hlen,
                                  "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }"));

  back = cs_npy_load_f32 (path, &rows, &cols, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rows, ==, 3);
  g_assert_cmpint (cols, ==, 2);
  g_assert_cmpmem (back, sizeof values, values, sizeof values);

  g_assert_true (cs_npy_save_f32 (path, values, 1, shape1, &error));
  g_assert_no_error (error);
  back1 = cs_npy_load_f32 (path, &rows, &cols, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rows, ==, 6);
  g_assert_cmpint (cols, ==, 1);
  g_assert_cmpmem (back1, sizeof values, values, sizeof values);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_npy_io_errors (void)
{
  const gsize shape[] = { 1 };
  const float value = 1.0f;
  g_autoptr(GError) error = NULL;
  g_autofree float *out = NULL;
  g_autofree int32_t *labels = NULL;
  int rows = 0, cols = 0, n = 0;

  out = cs_npy_load_f32 ("/nonexistent/x.npy", &rows, &cols, &error);
  g_assert_null (out);
  cs_test_assert_io_error (error, "/nonexistent/x.npy", "read", ENOENT);
  g_clear_error (&error);

  labels = cs_npy_load_i32 ("/", &n, &error);
  g_assert_null (labels);
  cs_test_assert_io_error (error, "/", "read", EISDIR);
  g_clear_error (&error);

  g_assert_false (cs_npy_save_f32 ("/nonexistent/out.npy", &value, 1, shape, &error));
  cs_test_assert_io_error (error, "/nonexistent/out.npy", "write", ENOENT);
}

static void
test_npy_real_data (void)
{
  const char *root = g_getenv ("CS_SHARED_DATA");
  const char *splits[] = { "train", "valid", "test" };
  const int n_rows[] = { 1000, 500, 1188 };

  if (root == NULL || !g_file_test (root, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("CS_SHARED_DATA is not set");
      return;
    }

  for (guint s = 0; s < G_N_ELEMENTS (splits); s++)
    {
      g_autofree char *path = g_build_filename (root, "labelme", splits[s], "vgg16_avg.npy", NULL);
      g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);
      g_autoptr(GError) error = NULL;
      g_autofree float *x = NULL;
      const guint8 *raw;
      CsNpyHeader h;
      float first, last;
      int rows = 0, cols = 0;

      x = cs_npy_load_f32 (path, &rows, &cols, &error);
      g_assert_no_error (error);
      g_assert_cmpint (rows, ==, n_rows[s]);
      g_assert_cmpint (cols, ==, 512);

      /* Compare against the raw little-endian bytes at both ends. */
      g_assert_nonnull (mapped);
      raw = (const guint8 *) g_mapped_file_get_contents (mapped);
      g_assert_true (cs_npy_parse_header (raw, g_mapped_file_get_length (mapped), path, &h,
                                          &error));
      g_assert_cmpint (h.dtype, ==, CS_NPY_F4);
      memcpy (&first, raw + h.data_offset, 4);
      memcpy (&last, raw + g_mapped_file_get_length (mapped) - 4, 4);
      g_assert_cmpfloat (x[0], ==, first);
      g_assert_cmpfloat (x[(gsize) rows * 512 - 1], ==, last);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/npy/v1-f4", test_npy_v1_f4);
  g_test_add_func ("/npy/v2-f8", test_npy_v2_f8);
  g_test_add_func ("/npy/v3-header", test_npy_v3_header);
  g_test_add_func ("/npy/i8", test_npy_i8);
  g_test_add_func ("/npy/big-endian", test_npy_big_endian);
  g_test_add_func ("/npy/fortran", test_npy_fortran);
  g_test_add_func ("/npy/bool", test_npy_bool);
  g_test_add_func ("/npy/small-ints", test_npy_small_ints);
  g_test_add_func ("/npy/unpadded", test_npy_unpadded);
  g_test_add_func ("/npy/truncated", test_npy_truncated);
  g_test_add_func ("/npy/bad-magic", test_npy_bad_magic);
  g_test_add_func ("/npy/version", test_npy_version);
  g_test_add_func ("/npy/dtype", test_npy_dtype);
  g_test_add_func ("/npy/dict-malformed", test_npy_dict_malformed);
  g_test_add_func ("/npy/not-finite", test_npy_not_finite);
  g_test_add_func ("/npy/dims", test_npy_dims);
  g_test_add_func ("/npy/limits", test_npy_limits);
  g_test_add_func ("/npy/i32", test_npy_i32);
  g_test_add_func ("/npy/i32-nan", test_npy_i32_nan);
  g_test_add_func ("/npy/save-roundtrip", test_npy_save_roundtrip);
  g_test_add_func ("/npy/io-errors", test_npy_io_errors);
  g_test_add_func ("/npy/real-data", test_npy_real_data);

  return g_test_run ();
}
