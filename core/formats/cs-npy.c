/* cs-npy.c — reading and writing NumPy .npy arrays
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include "cs-npy.h"

#include <math.h>
#include <string.h>

#include "cs-error.h"
#include "cs-file.h"

/*
 * The format (numpy/lib/format.py, NEP 1): the magic "\x93NUMPY", a major and
 * a minor version byte, the header length as a little-endian uint16 (1.0) or
 * uint32 (2.0, 3.0), then the header: the repr() of a Python dict with the keys
 * 'descr', 'fortran_order' and 'shape', padded with spaces and a final newline.
 * The array's bytes follow the header. Version 3.0 only differs in that the
 * header is UTF-8 rather than Latin-1.
 */

#define NPY_MAGIC     "\x93NUMPY"
#define NPY_MAGIC_LEN 6
#define NPY_ALIGN     64

/* How much of a bad header value to quote in a message. */
#define EXCERPT_BYTES 40

typedef struct
{
  const char *descr;
  CsNpyDtype  dtype;
} NpyTypeName;

/* The type codes numpy writes in 'descr', after the byte-order character. */
static const NpyTypeName npy_type_names[] = {
  { "b1", CS_NPY_BOOL }, { "?", CS_NPY_BOOL },
  { "i1", CS_NPY_I1 }, { "i2", CS_NPY_I2 }, { "i4", CS_NPY_I4 }, { "i8", CS_NPY_I8 },
  { "u1", CS_NPY_U1 }, { "u2", CS_NPY_U2 }, { "u4", CS_NPY_U4 }, { "u8", CS_NPY_U8 },
  { "f4", CS_NPY_F4 }, { "f8", CS_NPY_F8 },
};

/* A cursor over the header text. */
typedef struct
{
  const char *p;
  const char *end;
  const char *filename;
} NpyScan;

gsize
cs_npy_dtype_size (CsNpyDtype dtype)
{
  switch (dtype)
    {
    case CS_NPY_BOOL:
    case CS_NPY_I1:
    case CS_NPY_U1:
      return 1;
    case CS_NPY_I2:
    case CS_NPY_U2:
      return 2;
    case CS_NPY_I4:
    case CS_NPY_U4:
    case CS_NPY_F4:
      return 4;
    case CS_NPY_I8:
    case CS_NPY_U8:
    case CS_NPY_F8:
      return 8;
    default:
      g_return_val_if_reached (0);
    }
}

/* Appends a shape as Python writes a tuple: "(3, 4)", and "(3,)" for one dimension. */
static void
npy_append_shape (GString     *s,
                  int          ndim,
                  const gsize *shape)
{
  g_string_append_c (s, '(');
  for (int i = 0; i < ndim; i++)
    g_string_append_printf (s, "%s%" G_GSIZE_FORMAT, i > 0 ? ", " : "", shape[i]);
  g_string_append (s, ndim == 1 ? ",)" : ")");
}

static char *
npy_format_shape (const CsNpyHeader *h)
{
  GString *s = g_string_new (NULL);

  npy_append_shape (s, h->ndim, h->shape);
  return g_string_free (s, FALSE);
}

/* Quotes the token the cursor is looking at, for "expected X, found Y" messages. */
static char *
npy_scan_found (const NpyScan *s)
{
  g_autofree char *text = NULL;
  gsize n = 1;

  if (s->p >= s->end)
    return g_strdup (_("the end of the header"));

  while (s->p + n < s->end && strchr (",:)} \t\r\n", s->p[n]) == NULL)
    n++;
  text = cs_file_excerpt (s->p, n, 16);
  return g_strdup_printf ("'%s'", text);
}

G_GNUC_PRINTF (4, 5)
static gboolean
npy_scan_error (const NpyScan  *s,
                GError        **error,
                int             code,
                const char     *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, CS_ERROR, code, _("%s: header: %s"), s->filename, message);
  return FALSE;
}

static void
npy_scan_space (NpyScan *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static gboolean
npy_scan_expect (NpyScan     *s,
                 char         c,
                 const char  *what,
                 GError     **error)
{
  g_autofree char *found = NULL;

  npy_scan_space (s);
  if (s->p < s->end && *s->p == c)
    {
      s->p++;
      return TRUE;
    }

  found = npy_scan_found (s);
  return npy_scan_error (s, error, CS_ERROR_PARSE, _("expected %s, found %s"), what, found);
}

/* Scans a Python string literal; the span excludes the quotes. */
static gboolean
npy_scan_string (NpyScan     *s,
                 const char **start,
                 gsize       *n,
                 GError     **error)
{
  g_autofree char *found = NULL;
  char quote;

  npy_scan_space (s);
  if (s->p >= s->end || (*s->p != '\'' && *s->p != '"'))
    {
      found = npy_scan_found (s);
      return npy_scan_error (s, error, CS_ERROR_PARSE, _("expected a quoted string, found %s"),
                             found);
    }

  quote = *s->p++;
  *start = s->p;
  while (s->p < s->end && *s->p != quote)
    s->p += (*s->p == '\\' && s->p + 1 < s->end) ? 2 : 1;

  if (s->p >= s->end)
    return npy_scan_error (s, error, CS_ERROR_PARSE, _("a string is not closed"));

  *n = (gsize) (s->p - *start);
  s->p++;
  return TRUE;
}

/* Skips any Python value up to the ',' or '}' that ends it, so that an
 * unsupported one (a structured dtype's list) can be quoted whole. */
static void
npy_scan_skip_value (NpyScan *s)
{
  int depth = 0;

  for (; s->p < s->end; s->p++)
    {
      char c = *s->p;

      if (c == '\'' || c == '"')
        {
          const char *q = s->p + 1;

          while (q < s->end && *q != c)
            q += (*q == '\\' && q + 1 < s->end) ? 2 : 1;
          s->p = q < s->end ? q : s->end - 1;
        }
      else if (c == '(' || c == '[' || c == '{')
        depth++;
      else if ((c == ')' || c == ']' || c == '}') && depth > 0)
        depth--;
      else if ((c == ',' || c == '}') && depth == 0)
        return;
    }
}

static gboolean
npy_parse_descr (const char *text,
                 gsize       n,
                 CsNpyHeader *out)
{
  bool big = G_BYTE_ORDER == G_BIG_ENDIAN;

  if (n > 0 && (text[0] == '<' || text[0] == '>' || text[0] == '|' || text[0] == '='))
    {
      if (text[0] == '<')
        big = false;
      else if (text[0] == '>')
        big = true;
      text++;
      n--;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (npy_type_names); i++)
    {
      if (strlen (npy_type_names[i].descr) == n && memcmp (npy_type_names[i].descr, text, n) == 0)
        {
          out->dtype = npy_type_names[i].dtype;
          /* Byte order means nothing for one-byte types; report them as little. */
          out->big_endian = cs_npy_dtype_size (out->dtype) > 1 && big;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
npy_scan_descr (NpyScan      *s,
                CsNpyHeader  *out,
                GError      **error)
{
  g_autofree char *found = NULL;
  const char *start;
  gsize n;

  npy_scan_space (s);
  start = s->p;
  if (s->p < s->end && (*s->p == '\'' || *s->p == '"'))
    {
      if (!npy_scan_string (s, &start, &n, error))
        return FALSE;
      if (npy_parse_descr (start, n, out))
        return TRUE;
      found = cs_file_excerpt (start, n, EXCERPT_BYTES);
      return npy_scan_error (s, error, CS_ERROR_FORMAT,
                             _("expected a dtype of float or integer, found '%s'"), found);
    }

  npy_scan_skip_value (s);
  found = cs_file_excerpt (start, (gsize) (s->p - start), EXCERPT_BYTES);
  return npy_scan_error (s, error, CS_ERROR_FORMAT,
                         _("expected a dtype of float or integer, found %s"), found);
}

static gboolean
npy_scan_bool (NpyScan  *s,
               bool     *out,
               GError  **error)
{
  g_autofree char *found = NULL;
  gsize left;

  npy_scan_space (s);
  left = (gsize) (s->end - s->p);
  if (left >= 4 && memcmp (s->p, "True", 4) == 0)
    {
      *out = true;
      s->p += 4;
      return TRUE;
    }
  if (left >= 5 && memcmp (s->p, "False", 5) == 0)
    {
      *out = false;
      s->p += 5;
      return TRUE;
    }

  found = npy_scan_found (s);
  return npy_scan_error (s, error, CS_ERROR_PARSE,
                         _("fortran_order: expected True or False, found %s"), found);
}

static gboolean
npy_scan_dim (NpyScan  *s,
              gsize    *out,
              GError  **error)
{
  g_autofree char *found = NULL;
  const char *start = s->p;
  gsize value = 0;
  bool too_large = false;

  while (s->p < s->end && g_ascii_isdigit (*s->p))
    {
      gsize digit = (gsize) (*s->p - '0');

      if (value > (G_MAXSIZE - digit) / 10)
        too_large = true;
      else
        value = value * 10 + digit;
      s->p++;
    }

  if (s->p == start)
    {
      found = npy_scan_found (s);
      return npy_scan_error (s, error, CS_ERROR_PARSE,
                             _("shape: expected a size of 0 or more, found %s"), found);
    }
  if (too_large)
    {
      found = cs_file_excerpt (start, (gsize) (s->p - start), EXCERPT_BYTES);
      return npy_scan_error (s, error, CS_ERROR_LIMIT, _("shape: size %s is too large"), found);
    }

  /* Python 2 wrote long integers with an L suffix: (1000L, 512L). */
  if (s->p < s->end && *s->p == 'L')
    s->p++;

  *out = value;
  return TRUE;
}

static gboolean
npy_scan_shape (NpyScan      *s,
                CsNpyHeader  *out,
                GError      **error)
{
  out->ndim = 0;
  if (!npy_scan_expect (s, '(', _("a shape tuple '('"), error))
    return FALSE;

  npy_scan_space (s);
  if (s->p < s->end && *s->p == ')')
    {
      s->p++;
      return TRUE;
    }

  for (;;)
    {
      gsize dim = 0;

      npy_scan_space (s);
      if (!npy_scan_dim (s, &dim, error))
        return FALSE;
      if (out->ndim == CS_NPY_MAX_DIMS)
        return npy_scan_error (s, error, CS_ERROR_FORMAT,
                               _("shape: more than %d dimensions"), CS_NPY_MAX_DIMS);
      out->shape[out->ndim++] = dim;

      npy_scan_space (s);
      if (s->p < s->end && *s->p == ')')
        break;
      if (!npy_scan_expect (s, ',', _("',' or ')' in the shape"), error))
        return FALSE;
      npy_scan_space (s);
      if (s->p < s->end && *s->p == ')')
        break;
    }

  s->p++;
  return TRUE;
}

static gboolean
npy_scan_item (NpyScan      *s,
               CsNpyHeader  *out,
               guint        *seen,
               GError      **error)
{
  static const char *keys[] = { "descr", "fortran_order", "shape" };
  g_autofree char *key_text = NULL;
  const char *key;
  gsize n;
  guint k;

  if (!npy_scan_string (s, &key, &n, error))
    return FALSE;
  for (k = 0; k < G_N_ELEMENTS (keys); k++)
    if (strlen (keys[k]) == n && memcmp (keys[k], key, n) == 0)
      break;

  key_text = cs_file_excerpt (key, n, EXCERPT_BYTES);
  if (k == G_N_ELEMENTS (keys))
    return npy_scan_error (s, error, CS_ERROR_PARSE,
                           _("unexpected key '%s' (expected descr, fortran_order and shape)"),
                           key_text);
  if (*seen & (1u << k))
    return npy_scan_error (s, error, CS_ERROR_PARSE, _("key '%s' appears twice"), key_text);
  *seen |= 1u << k;

  if (!npy_scan_expect (s, ':', _("':' after a key"), error))
    return FALSE;
  if (k == 0)
    return npy_scan_descr (s, out, error);
  if (k == 1)
    return npy_scan_bool (s, &out->fortran_order, error);
  return npy_scan_shape (s, out, error);
}

static gboolean
npy_scan_dict (NpyScan      *s,
               CsNpyHeader  *out,
               GError      **error)
{
  static const char *names[] = { "descr", "fortran_order", "shape" };
  guint seen = 0;

  if (!npy_scan_expect (s, '{', _("a Python dict '{'"), error))
    return FALSE;

  for (;;)
    {
      npy_scan_space (s);
      if (s->p < s->end && *s->p == '}')
        break;
      if (!npy_scan_item (s, out, &seen, error))
        return FALSE;
      npy_scan_space (s);
      if (s->p < s->end && *s->p == '}')
        break;
      if (!npy_scan_expect (s, ',', _("',' or '}' after a value"), error))
        return FALSE;
    }
  s->p++;

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    if (!(seen & (1u << k)))
      return npy_scan_error (s, error, CS_ERROR_PARSE, _("missing key '%s'"), names[k]);

  /* numpy pads the header with spaces and ends it with a newline. */
  npy_scan_space (s);
  if (s->p < s->end)
    {
      g_autofree char *found = npy_scan_found (s);

      return npy_scan_error (s, error, CS_ERROR_PARSE,
                             _("expected only padding after the dict, found %s"), found);
    }

  return TRUE;
}

/* Reads the magic, the version and the header length. */
static gboolean
npy_parse_prefix (const guint8  *data,
                  gsize          len,
                  const char    *filename,
                  int           *major,
                  gsize         *header_start,
                  gsize         *header_len,
                  GError       **error)
{
  gsize prefix;

  if (len == 0)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_PARSE,
                   _("%s: the file is empty, expected a NumPy .npy array"), filename);
      return FALSE;
    }

  if (len < NPY_MAGIC_LEN ? memcmp (data, NPY_MAGIC, len) != 0
                          : memcmp (data, NPY_MAGIC, NPY_MAGIC_LEN) != 0)
    {
      g_autofree char *found = cs_file_excerpt ((const char *) data, len, 8);

      g_set_error (error, CS_ERROR, CS_ERROR_PARSE,
                   _("%s: not a NumPy .npy file: expected it to start with '\\x93NUMPY', "
                   "found '%s'"), filename, found);
      return FALSE;
    }

  if (len < NPY_MAGIC_LEN + 2)
    goto truncated;

  *major = data[6];
  if (data[6] < 1 || data[6] > 3 || data[7] != 0)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
                   _("%s: unsupported .npy format version %u.%u (expected 1.0, 2.0 or 3.0)"),
                   filename, data[6], data[7]);
      return FALSE;
    }

  prefix = *major == 1 ? 10 : 12;
  if (len < prefix)
    goto truncated;

  if (*major == 1)
    *header_len = (gsize) data[8] | (gsize) data[9] << 8;
  else
    *header_len = (gsize) data[8] | (gsize) data[9] << 8 | (gsize) data[10] << 16
                  | (gsize) data[11] << 24;

  if (*header_len > len - prefix)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_PARSE,
                   _("%s: the file is truncated: its header should be %zu bytes long, only %zu are there"),
                   filename, *header_len, len - prefix);
      return FALSE;
    }

  *header_start = prefix;
  return TRUE;

truncated:
  g_set_error (error, CS_ERROR, CS_ERROR_PARSE,
               _("%s: the file is truncated: %zu bytes, too short for a .npy header"),
               filename, len);
  return FALSE;
}

/* Multiplies out the shape, refusing any size the readers should not allocate. */
static gboolean
npy_check_count (CsNpyHeader  *h,
                 const char   *filename,
                 GError      **error)
{
  g_autofree char *shape = npy_format_shape (h);
  gsize count = 1;
  gsize bytes;

  for (int i = 0; i < h->ndim; i++)
    {
      if (!g_size_checked_mul (&count, count, h->shape[i]))
        goto too_large;
    }

  if (!g_size_checked_mul (&bytes, count, cs_npy_dtype_size (h->dtype)))
    goto too_large;
  if (count > CS_NPY_MAX_ELEMENTS || (guint64) bytes > CS_NPY_MAX_BYTES)
    goto too_large;

  h->count = count;
  return TRUE;

too_large:
  g_set_error (error, CS_ERROR, CS_ERROR_LIMIT,
               _("%s: header: shape %s is too large (at most %zu elements and 8 GiB are accepted)"),
               filename, shape, CS_NPY_MAX_ELEMENTS);
  return FALSE;
}

/*
 * cs_npy_parse_header:
 * @data: (array length=len): the file's bytes
 * @filename: (nullable): the name to put in messages
 * @out: (out caller-allocates): the header
 *
 * Parses the magic, the version (1.0, 2.0 or 3.0), the header length and the
 * header dict. It refuses a shape whose size overflows or exceeds
 * CS_NPY_MAX_ELEMENTS or CS_NPY_MAX_BYTES (CS_ERROR_LIMIT), but does not check
 * that the array's bytes are all there: cs_npy_check_data() does.
 */
gboolean
cs_npy_parse_header (const guint8  *data,
                     gsize          len,
                     const char    *filename,
                     CsNpyHeader   *out,
                     GError       **error)
{
  CsNpyHeader h = { 0 };
  NpyScan s;
  gsize start = 0;
  gsize header_len = 0;
  int major = 0;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (data == NULL)
    data = (const guint8 *) "";
  if (filename == NULL)
    filename = CS_FILE_NO_NAME;

  if (!npy_parse_prefix (data, len, filename, &major, &start, &header_len, error))
    return FALSE;

  if (major == 3 && !g_utf8_validate_len ((const char *) data + start, header_len, NULL))
    {
      g_set_error (error, CS_ERROR, CS_ERROR_PARSE,
                   _("%s: header: a version 3.0 header must be UTF-8 text"), filename);
      return FALSE;
    }

  s.p = (const char *) data + start;
  s.end = s.p + header_len;
  s.filename = filename;
  if (!npy_scan_dict (&s, &h, error) || !npy_check_count (&h, filename, error))
    return FALSE;

  h.data_offset = start + header_len;
  *out = h;
  return TRUE;
}

/*
 * cs_npy_check_data:
 * @len: the size of the whole file
 *
 * Checks that the file holds exactly the bytes that @header's shape and dtype
 * call for, no fewer (a truncated download) and no more (not what was meant).
 */
gboolean
cs_npy_check_data (const CsNpyHeader  *header,
                   gsize               len,
                   const char         *filename,
                   GError            **error)
{
  g_autofree char *shape = NULL;
  gsize bytes, have;

  g_return_val_if_fail (header != NULL, FALSE);
  g_return_val_if_fail (header->data_offset <= len, FALSE);

  /* Cannot overflow: cs_npy_parse_header() checked the size. */
  bytes = header->count * cs_npy_dtype_size (header->dtype);

  have = len - header->data_offset;
  if (have == bytes)
    return TRUE;

  shape = npy_format_shape (header);
  g_set_error (error, CS_ERROR, CS_ERROR_SHAPE,
               _("%s: header says %s = %zu bytes of data, file has %zu%s"),
               filename == NULL ? CS_FILE_NO_NAME : filename, shape, bytes, have,
               have < bytes ? _(" (is it truncated?)") : "");
  return FALSE;
}

static inline gboolean
npy_needs_swap (const CsNpyHeader *h)
{
  return h->big_endian != (G_BYTE_ORDER == G_BIG_ENDIAN);
}

static inline guint16
npy_load16 (const guint8 *p,
            gboolean      swap)
{
  guint16 v;

  memcpy (&v, p, sizeof v);
  return swap ? GUINT16_SWAP_LE_BE (v) : v;
}

static inline guint32
npy_load32 (const guint8 *p,
            gboolean      swap)
{
  guint32 v;

  memcpy (&v, p, sizeof v);
  return swap ? GUINT32_SWAP_LE_BE (v) : v;
}

static inline guint64
npy_load64 (const guint8 *p,
            gboolean      swap)
{
  guint64 v;

  memcpy (&v, p, sizeof v);
  return swap ? GUINT64_SWAP_LE_BE (v) : v;
}

/* Reads element @p of any supported dtype as a double; 64-bit integers past
 * 2^53 are rounded, which is exact enough for a float32 result. */
static double
npy_get_double (const guint8 *p,
                CsNpyDtype    dtype,
                gboolean      swap)
{
  guint32 bits32;
  guint64 bits64;
  float f;
  double d;

  switch (dtype)
    {
    case CS_NPY_BOOL: return p[0] != 0;
    case CS_NPY_I1:   return (gint8) p[0];
    case CS_NPY_U1:   return p[0];
    case CS_NPY_I2:   return (gint16) npy_load16 (p, swap);
    case CS_NPY_U2:   return npy_load16 (p, swap);
    case CS_NPY_I4:   return (gint32) npy_load32 (p, swap);
    case CS_NPY_U4:   return npy_load32 (p, swap);
    case CS_NPY_I8:   return (double) (gint64) npy_load64 (p, swap);
    case CS_NPY_U8:   return (double) npy_load64 (p, swap);
    case CS_NPY_F4:
      bits32 = npy_load32 (p, swap);
      memcpy (&f, &bits32, sizeof f);
      return f;
    case CS_NPY_F8:
      bits64 = npy_load64 (p, swap);
      memcpy (&d, &bits64, sizeof d);
      return d;
    default:
      g_assert_not_reached ();
    }
}

/* Checks that the array is not empty and that its bytes are all there. */
static gboolean
npy_check_body (const CsNpyHeader  *h,
                gsize               len,
                const char         *filename,
                GError            **error)
{
  g_autofree char *shape = NULL;

  if (h->count == 0)
    {
      shape = npy_format_shape (h);
      g_set_error (error, CS_ERROR, CS_ERROR_SHAPE, _("%s: the array is empty: shape %s"),
                   filename, shape);
      return FALSE;
    }

  return cs_npy_check_data (h, len, filename, error);
}

static gboolean
npy_check_f32_shape (const CsNpyHeader  *h,
                     const char         *filename,
                     GError            **error)
{
  g_autofree char *shape = npy_format_shape (h);

  if (h->ndim != 1 && h->ndim != 2)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
                   _("%s: expected a 1-D or 2-D array, found %d-D with shape %s"),
                   filename, h->ndim, shape);
      return FALSE;
    }

  if (h->shape[0] > G_MAXINT || (h->ndim == 2 && h->shape[1] > G_MAXINT))
    {
      g_set_error (error, CS_ERROR, CS_ERROR_LIMIT,
                   _("%s: shape %s is too large: at most %d rows and columns are accepted"),
                   filename, shape, G_MAXINT);
      return FALSE;
    }

  return TRUE;
}

static gboolean
npy_value_error (const char  *filename,
                 gsize        row,
                 gsize        col,
                 double       value,
                 GError     **error)
{
  g_autofree char *what = NULL;

  if (isnan (value))
    what = g_strdup ("NaN");
  else if (isinf (value))
    what = g_strdup (value > 0 ? "+Inf" : "-Inf");
  else
    what = g_strdup_printf (_("%g, outside the float32 range"), value);

  g_set_error (error, CS_ERROR, CS_ERROR_VALUE,
               _("%s: row %zu, column %zu (counting from 0) is %s; expected finite numbers"),
               filename, row, col, what);
  return FALSE;
}

/* The common case, <f4 in C order on a little-endian machine: one copy, then
 * a check that every value is finite. */
static gboolean
npy_copy_f32 (const guint8  *src,
              gsize          rows,
              gsize          cols,
              float         *out,
              const char    *filename,
              GError       **error)
{
  memcpy (out, src, rows * cols * sizeof (float));

  for (gsize i = 0; i < rows * cols; i++)
    if (G_UNLIKELY (!isfinite (out[i])))
      return npy_value_error (filename, i / cols, i % cols, out[i], error);

  return TRUE;
}

/* Any other dtype, byte order or layout, one element at a time. */
static gboolean
npy_convert_f32 (const CsNpyHeader  *h,
                 const guint8       *src,
                 gsize               rows,
                 gsize               cols,
                 float              *out,
                 const char         *filename,
                 GError            **error)
{
  gsize size = cs_npy_dtype_size (h->dtype);
  gboolean swap = npy_needs_swap (h);

  for (gsize r = 0; r < rows; r++)
    {
      for (gsize c = 0; c < cols; c++)
        {
          gsize at = h->fortran_order ? c * rows + r : r * cols + c;
          double v = npy_get_double (src + at * size, h->dtype, swap);

          /* Checked before the cast, which is undefined for values out of range. */
          if (G_UNLIKELY (!isfinite (v) || fabs (v) > G_MAXFLOAT))
            return npy_value_error (filename, r, c, v, error);
          out[r * cols + c] = (float) v;
        }
    }

  return TRUE;
}

/*
 * cs_npy_parse_f32:
 * @rows: (out): the number of rows
 * @cols: (out): the number of columns, 1 for a 1-D array
 *
 * Reads a 1-D or 2-D array of any supported dtype as float32, row-major,
 * converting straight from @data. An empty array is an error, as is a NaN or
 * ±Inf (CS_ERROR_VALUE, naming the row and column).
 *
 * Returns: (transfer full): rows × cols floats, or NULL with @error set
 */
float *
cs_npy_parse_f32 (const guint8  *data,
                  gsize          len,
                  const char    *filename,
                  int           *rows,
                  int           *cols,
                  GError       **error)
{
  g_autofree float *out = NULL;
  CsNpyHeader h;
  gsize r, c;
  gboolean ok;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (rows != NULL && cols != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (filename == NULL)
    filename = CS_FILE_NO_NAME;

  if (!cs_npy_parse_header (data, len, filename, &h, error)
      || !npy_check_f32_shape (&h, filename, error)
      || !npy_check_body (&h, len, filename, error))
    return NULL;

  r = h.shape[0];
  c = h.ndim == 2 ? h.shape[1] : 1;
  out = g_try_new (float, h.count);
  if (out == NULL)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_LIMIT,
                   _("%s: not enough memory for a %zu × %zu array"), filename, r, c);
      return NULL;
    }

  if (h.dtype == CS_NPY_F4 && !npy_needs_swap (&h) && (!h.fortran_order || c == 1))
    ok = npy_copy_f32 (data + h.data_offset, r, c, out, filename, error);
  else
    ok = npy_convert_f32 (&h, data + h.data_offset, r, c, out, filename, error);
  if (!ok)
    return NULL;

  *rows = (int) r;
  *cols = (int) c;
  return g_steal_pointer (&out);
}

static const guint8 *
npy_mapped_data (GMappedFile *mapped)
{
  return (const guint8 *) g_mapped_file_get_contents (mapped);
}

float *
cs_npy_load_f32 (const char  *path,
                 int         *rows,
                 int         *cols,
                 GError     **error)
{
  g_autoptr(GMappedFile) mapped = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  mapped = cs_file_map (path, error);
  if (mapped == NULL)
    return NULL;

  return cs_npy_parse_f32 (npy_mapped_data (mapped), g_mapped_file_get_length (mapped), path,
                           rows, cols, error);
}

static gboolean
npy_int_error (const char  *filename,
               gsize        index,
               const char  *value,
               const char  *problem,
               GError     **error)
{
  g_set_error (error, CS_ERROR, CS_ERROR_VALUE,
               _("%s: value %s at index %zu (counting from 0) %s"),
               filename, value, index, problem);
  return FALSE;
}

/* Reads element @p as int32, refusing what does not fit or is not whole. */
static gboolean
npy_get_i32 (const guint8  *p,
             CsNpyDtype     dtype,
             gboolean       swap,
             gsize          index,
             const char    *filename,
             int32_t       *out,
             GError       **error)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  guint64 u;
  gint64 v;
  double d;

  switch (dtype)
    {
    case CS_NPY_F4:
    case CS_NPY_F8:
      d = npy_get_double (p, dtype, swap);
      g_ascii_formatd (text, sizeof text, "%.17g", d);
      if (!isfinite (d) || d != floor (d))
        return npy_int_error (filename, index, text, _("is not a whole number"), error);
      if (d < G_MININT32 || d > G_MAXINT32)
        return npy_int_error (filename, index, text, _("is outside the int32 range"), error);
      *out = (int32_t) d;
      return TRUE;

    case CS_NPY_U8:
      u = npy_load64 (p, swap);
      if (u > G_MAXINT32)
        {
          g_snprintf (text, sizeof text, "%" G_GUINT64_FORMAT, u);
          return npy_int_error (filename, index, text, _("is outside the int32 range"), error);
        }
      *out = (int32_t) u;
      return TRUE;

    default:
      /* Every other integer type converts to double exactly, except int64,
       * read on its own so that its range check is exact. */
      v = dtype == CS_NPY_I8 ? (gint64) npy_load64 (p, swap)
                             : (gint64) npy_get_double (p, dtype, swap);
      if (v < G_MININT32 || v > G_MAXINT32)
        {
          g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, v);
          return npy_int_error (filename, index, text, _("is outside the int32 range"), error);
        }
      *out = (int32_t) v;
      return TRUE;
    }
}

static gboolean
npy_check_i32_shape (const CsNpyHeader  *h,
                     const char         *filename,
                     GError            **error)
{
  g_autofree char *shape = npy_format_shape (h);

  if (h->ndim != 1 && !(h->ndim == 2 && h->shape[1] == 1))
    {
      g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
                   _("%s: expected a 1-D array of integers (or one column, [n, 1]), found shape %s"),
                   filename, shape);
      return FALSE;
    }

  if (h->shape[0] > G_MAXINT)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_LIMIT,
                   _("%s: shape %s is too large: at most %d values are accepted"),
                   filename, shape, G_MAXINT);
      return FALSE;
    }

  return TRUE;
}

/*
 * cs_npy_parse_i32:
 * @n: (out): the number of values
 *
 * Reads a 1-D array, or a one-column 2-D one, as int32. Integer and bool
 * dtypes are converted; float ones only when every value is a whole number.
 * A value outside the int32 range is an error (CS_ERROR_VALUE).
 *
 * Returns: (transfer full): @n values, or NULL with @error set
 */
int32_t *
cs_npy_parse_i32 (const guint8  *data,
                  gsize          len,
                  const char    *filename,
                  int           *n,
                  GError       **error)
{
  g_autofree int32_t *out = NULL;
  CsNpyHeader h;
  gsize size;
  gboolean swap;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (n != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (filename == NULL)
    filename = CS_FILE_NO_NAME;

  if (!cs_npy_parse_header (data, len, filename, &h, error)
      || !npy_check_i32_shape (&h, filename, error)
      || !npy_check_body (&h, len, filename, error))
    return NULL;

  out = g_try_new (int32_t, h.count);
  if (out == NULL)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_LIMIT,
                   _("%s: not enough memory for %zu values"), filename, h.count);
      return NULL;
    }

  /* A one-column array is laid out the same in C and Fortran order. */
  size = cs_npy_dtype_size (h.dtype);
  swap = npy_needs_swap (&h);
  for (gsize i = 0; i < h.count; i++)
    {
      const guint8 *p = data + h.data_offset + i * size;

      if (!npy_get_i32 (p, h.dtype, swap, i, filename, &out[i], error))
        return NULL;
    }

  *n = (int) h.count;
  return g_steal_pointer (&out);
}

int32_t *
cs_npy_load_i32 (const char  *path,
                 int         *n,
                 GError     **error)
{
  g_autoptr(GMappedFile) mapped = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  mapped = cs_file_map (path, error);
  if (mapped == NULL)
    return NULL;

  return cs_npy_parse_i32 (npy_mapped_data (mapped), g_mapped_file_get_length (mapped), path,
                           n, error);
}

/* The header numpy writes for a C-order <f4 array, padded so that the data
 * starts on a 64-byte boundary. */
static GString *
npy_make_header (int          ndim,
                 const gsize *shape)
{
  GString *header = g_string_new ("{'descr': '<f4', 'fortran_order': False, 'shape': ");
  gsize total;

  npy_append_shape (header, ndim, shape);
  g_string_append (header, ", }");

  total = NPY_MAGIC_LEN + 4 + header->len + 1;
  for (; total % NPY_ALIGN != 0; total++)
    g_string_append_c (header, ' ');
  g_string_append_c (header, '\n');

  return header;
}

/*
 * cs_npy_save_f32:
 * @data: (array): the values, C order
 * @shape: (array length=ndim): the array's shape, 1 to CS_NPY_MAX_DIMS sizes
 *
 * Writes @data as a version 1.0 .npy file with a little-endian <f4 array,
 * replacing @path atomically so that a reader never sees half a file.
 */
gboolean
cs_npy_save_f32 (const char   *path,
                 const float  *data,
                 int           ndim,
                 const gsize  *shape,
                 GError      **error)
{
  g_autoptr(GString) header = NULL;
  g_autofree guint8 *buf = NULL;
  gsize count = 1, bytes, total;
  guint8 *p;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (ndim >= 1 && ndim <= CS_NPY_MAX_DIMS, FALSE);
  g_return_val_if_fail (shape != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (int i = 0; i < ndim; i++)
    if (!g_size_checked_mul (&count, count, shape[i]))
      count = G_MAXSIZE;
  g_return_val_if_fail (data != NULL || count == 0, FALSE);

  header = npy_make_header (ndim, shape);
  g_assert (header->len <= G_MAXUINT16);
  if (!g_size_checked_mul (&bytes, count, sizeof (float))
      || !g_size_checked_add (&total, NPY_MAGIC_LEN + 4 + header->len, bytes)
      || (buf = g_try_malloc (MAX (total, 1))) == NULL)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_LIMIT,
                   _("%s: not enough memory to write %zu values"), path, count);
      return FALSE;
    }

  memcpy (buf, NPY_MAGIC, NPY_MAGIC_LEN);
  buf[6] = 1;
  buf[7] = 0;
  buf[8] = header->len & 0xFF;
  buf[9] = (header->len >> 8) & 0xFF;
  memcpy (buf + 10, header->str, header->len);

  p = buf + 10 + header->len;
  for (gsize i = 0; i < count; i++)
    {
      guint32 bits;

      memcpy (&bits, &data[i], sizeof bits);
      bits = GUINT32_TO_LE (bits);
      memcpy (p + i * 4, &bits, sizeof bits);
    }

  return cs_file_write_atomic (path, buf, total, error);
}
