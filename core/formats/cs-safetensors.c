/* cs-safetensors.c — named tensors read from and written to safetensors files
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <stdarg.h>
#include <string.h>

#include "cs-error.h"
#include "cs-file.h"
#include "cs-json-check.h"
#include "cs-safetensors.h"

/* A safetensors file is an 8-byte little-endian header size N, N bytes of JSON describing each
 * tensor's dtype, shape and byte range in the data section, then the data section itself. */
#define HEADER_SIZE_BYTES 8
#define HEADER_ALIGN      8
#define METADATA_KEY      "__metadata__"

/* The reference implementation refuses headers above 100 MB; a larger one is not a checkpoint. */
#define MAX_HEADER_LEN    (100 * 1024 * 1024)
/* json-glib parses recursively, so a header of a million '[' would overflow the stack. Ours
 * nests three deep; anything past this is hostile or broken (cs_json_check_text()). */
#define MAX_HEADER_DEPTH  32
/* json-glib reads integer literals as unsigned 64-bit and casts them, so one up to 19 digits but
 * above INT64_MAX comes out negative and is refused as such; longer ones are refused before
 * parsing rather than trusting how it wraps or saturates them. */
#define MAX_NUMBER_DIGITS 19

typedef struct
{
  char          *name;
  CsTensorDtype  dtype;
  int            ndim;
  int64_t        shape[CS_TENSOR_MAX_DIMS];
  gsize          nbytes;
  guint8        *data;     /* owned; from g_malloc, so aligned for float and int32 access */
} CsTensor;

struct _CsTensors
{
  GPtrArray  *tensors;     /* of CsTensor, in the order they were added or stored */
  GHashTable *by_name;     /* name → CsTensor, borrowed from tensors */
  GHashTable *metadata;    /* key → value, both owned: what the writer adds */
};

/* A tensor's description from a header, checked but not yet copied. */
typedef struct
{
  const char    *name;     /* borrowed from the parsed JSON */
  CsTensorDtype  dtype;
  int            ndim;
  int64_t        shape[CS_TENSOR_MAX_DIMS];
  gsize          begin;
  gsize          end;
} Entry;

typedef struct
{
  const char *name;
  CsTensorDtype dtype;
} DtypeName;

static const DtypeName dtype_names[] = {
  { "F32", CS_TENSOR_F32 },
  { "I32", CS_TENSOR_I32 },
};

static void
cs_tensor_free (gpointer data)
{
  CsTensor *t = data;

  g_free (t->name);
  g_free (t->data);
  g_free (t);
}

static gsize
dtype_size (CsTensorDtype dtype)
{
  switch (dtype)
    {
    case CS_TENSOR_F32:
    case CS_TENSOR_I32:
      return 4;
    default:
      g_assert_not_reached ();
    }
}

const char *
cs_tensor_dtype_to_string (CsTensorDtype dtype)
{
  for (guint i = 0; i < G_N_ELEMENTS (dtype_names); i++)
    if (dtype_names[i].dtype == dtype)
      return dtype_names[i].name;

  g_return_val_if_reached (NULL);
}

static gboolean
dtype_from_string (const char    *name,
                   CsTensorDtype *dtype)
{
  for (guint i = 0; i < G_N_ELEMENTS (dtype_names); i++)
    if (strcmp (dtype_names[i].name, name) == 0)
      {
        *dtype = dtype_names[i].dtype;
        return TRUE;
      }

  return FALSE;
}

/* Multiplies the dimensions and the element size. Zero dimensions are counted as one so that
 * a caller multiplying some of the dimensions of an empty tensor cannot overflow either. */
static gboolean
shape_nbytes (int            ndim,
              const int64_t *shape,
              CsTensorDtype  dtype,
              gsize         *nbytes)
{
  gsize bound = dtype_size (dtype);
  gsize size = dtype_size (dtype);

  for (int i = 0; i < ndim; i++)
    {
      if (shape[i] < 0 || (guint64) shape[i] > G_MAXSIZE)
        return FALSE;
      if (!g_size_checked_mul (&bound, bound, MAX ((gsize) shape[i], 1)))
        return FALSE;
      size *= (gsize) shape[i];
    }

  *nbytes = size;
  return bound <= G_MAXSSIZE;
}

CsTensors *
cs_tensors_new (void)
{
  CsTensors *self = g_new0 (CsTensors, 1);

  self->tensors = g_ptr_array_new_with_free_func (cs_tensor_free);
  self->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
cs_tensors_free (CsTensors *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->by_name);
  g_ptr_array_unref (self->tensors);
  g_hash_table_unref (self->metadata);
  g_free (self);
}

static CsTensor *
tensor_new (const char    *name,
            CsTensorDtype  dtype,
            int            ndim,
            const int64_t *shape,
            gsize          nbytes,
            const void    *data)
{
  CsTensor *t = g_new0 (CsTensor, 1);

  t->name = g_strdup (name);
  t->dtype = dtype;
  t->ndim = ndim;
  for (int i = 0; i < CS_TENSOR_MAX_DIMS; i++)
    t->shape[i] = i < ndim ? shape[i] : 1;
  t->nbytes = nbytes;
  /* Always allocate, so that an empty tensor is told apart from a missing one. */
  t->data = g_malloc (MAX (nbytes, 1));
  if (nbytes > 0)
    memcpy (t->data, data, nbytes);
  return t;
}

static void
append_tensor (CsTensors *self,
               CsTensor  *t)
{
  g_ptr_array_add (self->tensors, t);
  g_hash_table_insert (self->by_name, t->name, t);
}

/**
 * cs_tensors_add:
 * @self: a #CsTensors
 * @name: a name not yet in @self, valid UTF-8, not "__metadata__"
 * @dtype: the element type
 * @ndim: the number of dimensions, 0 (a scalar) to %CS_TENSOR_MAX_DIMS
 * @shape: (array length=ndim): the non-negative size of each dimension
 * @data: the elements in row-major order; copied
 *
 * Adds a tensor after the ones already in @self.
 */
void
cs_tensors_add (CsTensors     *self,
                const char    *name,
                CsTensorDtype  dtype,
                int            ndim,
                const int64_t *shape,
                const void    *data)
{
  gsize nbytes = 0;
  gboolean size_ok;

  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL && g_utf8_validate (name, -1, NULL));
  g_return_if_fail (strcmp (name, METADATA_KEY) != 0);
  g_return_if_fail (!g_hash_table_contains (self->by_name, name));
  g_return_if_fail (dtype == CS_TENSOR_F32 || dtype == CS_TENSOR_I32);
  g_return_if_fail (ndim >= 0 && ndim <= CS_TENSOR_MAX_DIMS);
  g_return_if_fail (shape != NULL || ndim == 0);

  /* Computed outside the check, which G_DISABLE_CHECKS would compile away. */
  size_ok = shape_nbytes (ndim, shape, dtype, &nbytes);
  g_return_if_fail (size_ok);
  g_return_if_fail (data != NULL || nbytes == 0);

  append_tensor (self, tensor_new (name, dtype, ndim, shape, nbytes, data));
}

/**
 * cs_tensors_set_metadata:
 * @self: a #CsTensors
 * @key: a UTF-8 key
 * @value: a UTF-8 value; replaces an earlier one for @key
 *
 * Sets a string in the file's "__metadata__" table.
 */
void
cs_tensors_set_metadata (CsTensors  *self,
                         const char *key,
                         const char *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL && g_utf8_validate (key, -1, NULL));
  g_return_if_fail (value != NULL && g_utf8_validate (value, -1, NULL));

  g_hash_table_insert (self->metadata, g_strdup (key), g_strdup (value));
}

/**
 * cs_tensors_get:
 * @self: a #CsTensors
 * @name: a tensor's name
 * @dtype: (out) (optional): the element type
 * @ndim: (out) (optional): the number of dimensions
 * @shape: (out) (optional) (array fixed-size=4): the dimensions; entries past @ndim are 1
 *
 * Returns: (nullable): the tensor's elements, aligned for their type, or %NULL if @self has no
 *   tensor called @name
 */
const void *
cs_tensors_get (const CsTensors *self,
                const char      *name,
                CsTensorDtype   *dtype,
                int             *ndim,
                int64_t         *shape)
{
  const CsTensor *t;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  t = g_hash_table_lookup (self->by_name, name);
  if (t == NULL)
    return NULL;

  if (dtype != NULL)
    *dtype = t->dtype;
  if (ndim != NULL)
    *ndim = t->ndim;
  if (shape != NULL)
    memcpy (shape, t->shape, sizeof t->shape);
  return t->data;
}

guint
cs_tensors_get_n (const CsTensors *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->tensors->len;
}

const char *
cs_tensors_get_name (const CsTensors *self,
                     guint            i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->tensors->len, NULL);

  return ((const CsTensor *) g_ptr_array_index (self->tensors, i))->name;
}

/* Writing */

static void
build_tensor_entry (JsonBuilder    *b,
                    const CsTensor *t,
                    gsize           begin)
{
  json_builder_set_member_name (b, t->name);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "dtype");
  json_builder_add_string_value (b, cs_tensor_dtype_to_string (t->dtype));
  json_builder_set_member_name (b, "shape");
  json_builder_begin_array (b);
  for (int i = 0; i < t->ndim; i++)
    json_builder_add_int_value (b, t->shape[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "data_offsets");
  json_builder_begin_array (b);
  json_builder_add_int_value (b, (gint64) begin);
  json_builder_add_int_value (b, (gint64) (begin + t->nbytes));
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Keys are sorted so that saving the same tensors twice gives the same bytes. */
static void
build_metadata (JsonBuilder *b,
                GHashTable  *metadata)
{
  g_autofree const char **keys = NULL;
  guint n;

  keys = (const char **) g_hash_table_get_keys_as_array (metadata, &n);
  qsort (keys, n, sizeof *keys, compare_strings);
  json_builder_set_member_name (b, METADATA_KEY);
  json_builder_begin_object (b);
  for (guint i = 0; i < n; i++)
    {
      json_builder_set_member_name (b, keys[i]);
      json_builder_add_string_value (b, g_hash_table_lookup (metadata, keys[i]));
    }
  json_builder_end_object (b);
}

static char *
build_header (CsTensors *self,
              gsize     *len)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  gsize offset = 0;

  json_builder_begin_object (b);
  for (guint i = 0; i < self->tensors->len; i++)
    {
      const CsTensor *t = g_ptr_array_index (self->tensors, i);

      build_tensor_entry (b, t, offset);
      offset += t->nbytes;
    }
  if (g_hash_table_size (self->metadata) > 0)
    build_metadata (b, self->metadata);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, len);
}

/**
 * cs_tensors_serialize:
 * @self: a #CsTensors
 *
 * Lays @self out as a safetensors file: the header padded with spaces to a multiple of 8 bytes,
 * then the tensors in order without gaps.
 *
 * Returns: (transfer full): the file's bytes
 */
GBytes *
cs_tensors_serialize (CsTensors *self)
{
  g_autofree char *header = NULL;
  gsize header_len = 0;
  gsize padded_len;
  gsize total;
  guint64 size_le;
  guint8 *buf;
  guint8 *p;

  g_return_val_if_fail (self != NULL, NULL);

  header = build_header (self, &header_len);
  padded_len = (header_len + HEADER_ALIGN - 1) / HEADER_ALIGN * HEADER_ALIGN;
  total = HEADER_SIZE_BYTES + padded_len;
  for (guint i = 0; i < self->tensors->len; i++)
    total += ((const CsTensor *) g_ptr_array_index (self->tensors, i))->nbytes;

  p = buf = g_malloc (total);
  size_le = GUINT64_TO_LE ((guint64) padded_len);
  memcpy (p, &size_le, HEADER_SIZE_BYTES);
  p += HEADER_SIZE_BYTES;
  memcpy (p, header, header_len);
  memset (p + header_len, ' ', padded_len - header_len);
  p += padded_len;
  for (guint i = 0; i < self->tensors->len; i++)
    {
      const CsTensor *t = g_ptr_array_index (self->tensors, i);

      memcpy (p, t->data, t->nbytes);
      p += t->nbytes;
    }

  return g_bytes_new_take (buf, total);
}

/**
 * cs_tensors_save:
 * @self: a #CsTensors
 * @path: the file to create or replace
 * @error: return location for a CS_ERROR_IO error
 *
 * Writes @self as a safetensors file, atomically: a reader sees the old file or the new one.
 *
 * Returns: %TRUE on success
 */
gboolean
cs_tensors_save (CsTensors   *self,
                 const char  *path,
                 GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize len;
  const void *data;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = cs_tensors_serialize (self);
  data = g_bytes_get_data (bytes, &len);
  return cs_file_write_atomic (path, data, len, error);
}

/* Reading */

static gboolean G_GNUC_PRINTF (4, 5)
set_error (GError     **error,
           CsError      code,
           const char  *filename,
           const char  *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, CS_ERROR, code, "%s: %s", filename, message);
  return FALSE;
}

static const char *
describe_node (JsonNode *node)
{
  GType type;

  if (node == NULL)
    return _("nothing");

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return _("a string");
  if (type == G_TYPE_BOOLEAN)
    return _("a boolean");
  if (type == G_TYPE_DOUBLE)
    return _("a fractional number");
  return _("an integer");
}

/* Like describe_node(), but shows an integer's value, since a negative size is the usual
 * mistake. */
static char *
describe_value (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

  return g_strdup (describe_node (node));
}

static gboolean
get_size (JsonNode *node,
          gsize    *value)
{
  gint64 v;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  v = json_node_get_int (node);
  if (v < 0 || (guint64) v > G_MAXSIZE)
    return FALSE;

  *value = (gsize) v;
  return TRUE;
}

static char *
format_shape (const Entry *e)
{
  GString *s = g_string_new ("[");

  for (int i = 0; i < e->ndim; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i > 0 ? ", " : "", e->shape[i]);
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

/* Checks what json-glib does not: the header is UTF-8 and holds no integer too long for 64 bits.
 * cs_json_check_text() checks the rest. */
static gboolean
scan_header (const char  *text,
             gsize        len,
             const char  *filename,
             GError     **error)
{
  gboolean in_string = FALSE;
  gsize digits = 0;

  if (!g_utf8_validate (text, (gssize) len, NULL))
    return set_error (error, CS_ERROR_PARSE, filename, _("header is not valid UTF-8 text"));

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      digits = g_ascii_isdigit (c) ? digits + 1 : 0;
      if (digits > MAX_NUMBER_DIGITS)
        return set_error (error, CS_ERROR_LIMIT, filename,
                          _("header holds a number longer than %d digits at byte %zu"),
                          MAX_NUMBER_DIGITS, HEADER_SIZE_BYTES + i + 1 - digits);
      if (c == '"')
        in_string = TRUE;
    }

  return cs_json_check_text (text, len, MAX_HEADER_DEPTH, filename, "header", error);
}

static gboolean
read_header_len (const guint8  *data,
                 gsize          len,
                 const char    *filename,
                 gsize         *header_len,
                 GError       **error)
{
  guint64 n;

  if (len < HEADER_SIZE_BYTES)
    return set_error (error, CS_ERROR_PARSE, filename,
                      _("too short for a safetensors file: %zu bytes, expected "
                      "at least the %d-byte header size"), len, HEADER_SIZE_BYTES);

  memcpy (&n, data, sizeof n);
  n = GUINT64_FROM_LE (n);
  if (n > len - HEADER_SIZE_BYTES)
    return set_error (error, CS_ERROR_PARSE, filename,
                      _("header size is %" PRIu64 " bytes but only %zu bytes follow it; the file is truncated or not safetensors"),
                      n, len - HEADER_SIZE_BYTES);
  if (n > MAX_HEADER_LEN)
    return set_error (error, CS_ERROR_LIMIT, filename,
                      _("header size is %" PRIu64 " bytes, more than the %d allowed"),
                      n, MAX_HEADER_LEN);

  *header_len = (gsize) n;
  return TRUE;
}

static JsonObject *
parse_header_json (JsonParser  *parser,
                   const char  *header,
                   gsize        header_len,
                   const char  *filename,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!scan_header (header, header_len, filename, error))
    return NULL;

  if (!json_parser_load_from_data (parser, header, (gssize) header_len, &local_error))
    {
      /* json-glib quotes the string it stopped at, as decoded: a lone surrogate escape made
       * that not UTF-8. cs_json_check_text() refuses those now; this covers any other way. */
      g_autofree char *reason = g_utf8_make_valid (local_error->message, -1);

      set_error (error, CS_ERROR_PARSE, filename, _("header is not valid JSON: %s"), reason);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_error (error, CS_ERROR_PARSE, filename, _("header should be a JSON object, found %s"),
                 describe_node (root));
      return NULL;
    }

  return json_node_get_object (root);
}

/* The metadata must be a table of strings; nothing in Crowdscope reads it back, so it is checked
 * and left there. */
static gboolean
check_metadata (JsonNode    *node,
                const char  *filename,
                GError     **error)
{
  g_autoptr(GList) keys = NULL;
  JsonObject *object;

  /* Writers without metadata may store null rather than leave the key out. */
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return set_error (error, CS_ERROR_PARSE, filename,
                      _("\"%s\" should be an object, found %s"), METADATA_KEY, describe_node (node));

  object = json_node_get_object (node);
  keys = json_object_get_members (object);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *value = json_object_get_member (object, key);

      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        return set_error (error, CS_ERROR_PARSE, filename,
                          _("\"%s\" entry '%s' should be a string, found %s"),
                          METADATA_KEY, key, describe_node (value));
      /* json-glib turns a lone surrogate escape into bytes that are not UTF-8. */
      if (!g_utf8_validate (key, -1, NULL)
          || !g_utf8_validate (json_node_get_string (value), -1, NULL))
        return set_error (error, CS_ERROR_PARSE, filename,
                          _("\"%s\" holds text that is not valid UTF-8"), METADATA_KEY);
    }

  return TRUE;
}

static JsonNode *
get_member (JsonObject  *object,
            const char  *tensor,
            const char  *key,
            const char  *filename,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    set_error (error, CS_ERROR_PARSE, filename, _("tensor '%s' has no \"%s\""), tensor, key);
  return node;
}

static gboolean
parse_dtype (JsonNode    *node,
             Entry       *e,
             const char  *filename,
             GError     **error)
{
  const char *name;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return set_error (error, CS_ERROR_PARSE, filename,
                      _("tensor '%s': \"dtype\" should be a string, found %s"),
                      e->name, describe_node (node));

  name = json_node_get_string (node);
  if (!dtype_from_string (name, &e->dtype))
    return set_error (error, CS_ERROR_FORMAT, filename,
                      _("tensor '%s' has dtype '%s', which is not supported; expected F32 or I32"),
                      e->name, name);
  return TRUE;
}

static gboolean
parse_shape (JsonNode    *node,
             Entry       *e,
             const char  *filename,
             GError     **error)
{
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return set_error (error, CS_ERROR_PARSE, filename,
                      _("tensor '%s': \"shape\" should be an array, found %s"),
                      e->name, describe_node (node));

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n > CS_TENSOR_MAX_DIMS)
    return set_error (error, CS_ERROR_FORMAT, filename,
                      _("tensor '%s' has %u dimensions; at most %d are supported"),
                      e->name, n, CS_TENSOR_MAX_DIMS);

  e->ndim = (int) n;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *dim = json_array_get_element (array, i);
      gsize value;

      if (!get_size (dim, &value))
        {
          g_autofree char *found = describe_value (dim);

          return set_error (error, CS_ERROR_PARSE, filename,
                            _("tensor '%s': shape[%u] should be a non-negative integer, found %s"),
                            e->name, i, found);
        }
      e->shape[i] = (int64_t) value;
    }

  return TRUE;
}

static gboolean
parse_offsets (JsonNode    *node,
               Entry       *e,
               const char  *filename,
               GError     **error)
{
  JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  if (array == NULL || json_array_get_length (array) != 2)
    return set_error (error, CS_ERROR_PARSE, filename,
                      _("tensor '%s': \"data_offsets\" should be an array of two integers, found %s"),
                      e->name, array != NULL ? _("an array of another length") : describe_node (node));

  if (!get_size (json_array_get_element (array, 0), &e->begin)
      || !get_size (json_array_get_element (array, 1), &e->end))
    return set_error (error, CS_ERROR_PARSE, filename,
                      _("tensor '%s': \"data_offsets\" should hold non-negative integers"),
                      e->name);

  return TRUE;
}

/* Checks that the shape and dtype account for exactly the bytes the offsets claim, and that
 * those bytes lie inside the data section. */
static gboolean
check_extent (const Entry  *e,
              gsize         section_len,
              const char   *filename,
              GError      **error)
{
  g_autofree char *shape = format_shape (e);
  gsize nbytes;

  if (e->begin > e->end)
    return set_error (error, CS_ERROR_SHAPE, filename,
                      _("tensor '%s': data_offsets [%zu, %zu] "
                      "end before they begin"), e->name, e->begin, e->end);
  if (!shape_nbytes (e->ndim, e->shape, e->dtype, &nbytes))
    return set_error (error, CS_ERROR_LIMIT, filename,
                      _("tensor '%s': shape %s is too large"), e->name, shape);
  if (e->end - e->begin != nbytes)
    return set_error (error, CS_ERROR_SHAPE, filename,
                      _("tensor '%s': shape %s of %s needs %zu bytes but "
                      "data_offsets [%zu, %zu] span %zu"), e->name, shape, cs_tensor_dtype_to_string (e->dtype),
                      nbytes, e->begin, e->end, e->end - e->begin);
  if (e->end > section_len)
    return set_error (error, CS_ERROR_SHAPE, filename,
                      _("tensor '%s': data_offsets [%zu, %zu] "
                      "reach past the end of the data section (%zu bytes)"),
                      e->name, e->begin, e->end, section_len);
  return TRUE;
}

static gboolean
parse_entry (JsonNode    *node,
             Entry       *e,
             gsize        section_len,
             const char  *filename,
             GError     **error)
{
  JsonObject *object;
  JsonNode *member;

  if (!g_utf8_validate (e->name, -1, NULL))
    return set_error (error, CS_ERROR_PARSE, filename, _("a tensor's name is not valid UTF-8"));
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return set_error (error, CS_ERROR_PARSE, filename,
                      _("tensor '%s' should be an object, found %s"), e->name, describe_node (node));

  object = json_node_get_object (node);
  if ((member = get_member (object, e->name, "dtype", filename, error)) == NULL
      || !parse_dtype (member, e, filename, error))
    return FALSE;
  if ((member = get_member (object, e->name, "shape", filename, error)) == NULL
      || !parse_shape (member, e, filename, error))
    return FALSE;
  if ((member = get_member (object, e->name, "data_offsets", filename, error)) == NULL
      || !parse_offsets (member, e, filename, error))
    return FALSE;

  return check_extent (e, section_len, filename, error);
}

static gboolean
parse_members (JsonObject  *root,
               GArray      *entries,
               gsize        section_len,
               const char  *filename,
               GError     **error)
{
  g_autoptr(GList) names = json_object_get_members (root);

  for (GList *l = names; l != NULL; l = l->next)
    {
      Entry e = { .name = l->data };
      JsonNode *node = json_object_get_member (root, e.name);

      if (strcmp (e.name, METADATA_KEY) == 0)
        {
          if (!check_metadata (node, filename, error))
            return FALSE;
          continue;
        }

      if (!parse_entry (node, &e, section_len, filename, error))
        return FALSE;
      g_array_append_val (entries, e);
    }

  return TRUE;
}

static int
compare_entries (const void *a,
                 const void *b)
{
  const Entry *x = *(const Entry *const *) a;
  const Entry *y = *(const Entry *const *) b;

  if (x->begin != y->begin)
    return x->begin < y->begin ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  /* Names break ties so that error messages do not depend on qsort's order. */
  return strcmp (x->name, y->name);
}

/* Like the reference implementation, requires the tensors to tile the data section exactly:
 * overlaps would alias two tensors, and gaps or trailing bytes mean the header and the data
 * disagree. */
static gboolean
check_layout (GArray      *entries,
              gsize        section_len,
              const char  *filename,
              GError     **error)
{
  g_autofree const Entry **sorted = g_new (const Entry *, entries->len);
  const Entry *prev = NULL;
  gsize covered = 0;

  for (guint i = 0; i < entries->len; i++)
    sorted[i] = &g_array_index (entries, Entry, i);
  if (entries->len > 1)
    qsort (sorted, entries->len, sizeof *sorted, compare_entries);

  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *e = sorted[i];

      if (e->begin < covered)
        return set_error (error, CS_ERROR_SHAPE, filename,
                          _("tensors '%s' and '%s' overlap in the data section"),
                          prev->name, e->name);
      if (e->begin > covered)
        return set_error (error, CS_ERROR_SHAPE, filename,
                          _("bytes %zu to %zu of the data section "
                          "belong to no tensor"), covered, e->begin);
      covered = e->end;
      prev = e;
    }

  if (covered != section_len)
    return set_error (error, CS_ERROR_SHAPE, filename,
                      _("the data section has %zu bytes but the tensors cover %zu"), section_len, covered);
  return TRUE;
}

/* Copies each tensor out of the file's buffer: offsets in a foreign file need not be aligned,
 * and the caller may free the buffer. */
static gboolean
copy_tensors (CsTensors     *self,
              GArray        *entries,
              const guint8  *section,
              const char    *filename,
              GError       **error)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *e = &g_array_index (entries, Entry, i);

      /* json-glib cuts a name at an escaped NUL, so two distinct keys can collide. */
      if (g_hash_table_contains (self->by_name, e->name))
        return set_error (error, CS_ERROR_PARSE, filename,
                          _("tensor '%s' appears twice"), e->name);
      append_tensor (self, tensor_new (e->name, e->dtype, e->ndim, e->shape,
                                       e->end - e->begin, section + e->begin));
    }

  return TRUE;
}

/**
 * cs_tensors_parse:
 * @data: (array length=len): the bytes of a safetensors file
 * @len: the length of @data
 * @filename: (nullable): how to name the file in error messages
 * @error: return location for a CS_ERROR_PARSE, _FORMAT, _SHAPE or _LIMIT error
 *
 * Parses a safetensors file held in memory. Any bytes are safe to pass: what is not a valid
 * file of F32 and I32 tensors of at most four dimensions is an error naming the file and, where
 * there is one, the tensor. The result owns copies of the tensors.
 *
 * Returns: (transfer full) (nullable): the tensors in header order, or %NULL on error
 */
CsTensors *
cs_tensors_parse (const guint8  *data,
                  gsize          len,
                  const char    *filename,
                  GError       **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(CsTensors) self = NULL;
  JsonObject *root;
  gsize header_len = 0;
  gsize section_start;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (filename == NULL)
    filename = _("safetensors data");

  if (!read_header_len (data, len, filename, &header_len, error))
    return NULL;
  section_start = HEADER_SIZE_BYTES + header_len;

  parser = json_parser_new ();
  root = parse_header_json (parser, (const char *) data + HEADER_SIZE_BYTES, header_len,
                            filename, error);
  if (root == NULL)
    return NULL;

  self = cs_tensors_new ();
  entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  if (!parse_members (root, entries, len - section_start, filename, error)
      || !check_layout (entries, len - section_start, filename, error)
      || !copy_tensors (self, entries, data + section_start, filename, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * cs_tensors_load:
 * @path: a safetensors file
 * @error: return location for a CS_ERROR_IO, _PARSE, _FORMAT, _SHAPE or _LIMIT error
 *
 * Reads and parses a safetensors file; see cs_tensors_parse().
 *
 * Returns: (transfer full) (nullable): the tensors, or %NULL on error
 */
CsTensors *
cs_tensors_load (const char  *path,
                 GError     **error)
{
  g_autofree guint8 *data = NULL;
  g_autofree char *display = NULL;
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!cs_file_read (path, &data, &len, error))
    return NULL;

  display = g_filename_display_name (path);
  return cs_tensors_parse (data, len, display, error);
}
