/* test-csv.c — tests of the CSV reader
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-csv.h"
#include "cs-error.h"

/* Parses a heap copy of exactly @len bytes of @text, without a NUL after
 * them, so that AddressSanitizer reports any read past the end. */
static CsCsv *
parse_exact (const char  *text,
             gsize        len,
             GError     **error)
{
  g_autofree char *copy = g_memdup2 (text, len);

  return cs_csv_parse (copy, len, "data/x.csv", error);
}

static CsCsv *
parse (const char  *text,
       GError     **error)
{
  return parse_exact (text, strlen (text), error);
}

static void
assert_message (const GError *error,
                const char   *needle)
{
  if (!g_str_has_prefix (error->message, "data/x.csv") || strstr (error->message, needle) == NULL)
    g_error ("message '%s' lacks 'data/x.csv' or '%s'", error->message, needle);
}

static void
assert_parse_error (const char *text,
                    int         code,
                    const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCsv) csv = parse (text, &error);

  g_assert_null (csv);
  g_assert_error (error, CS_ERROR, code);
  assert_message (error, needle);
}

static void
test_csv_tabs (void)
{
  const char *text = "item\tlabel\n\"a\tb\"\tx,y\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCsv) csv = cs_csv_parse_separated (text, strlen (text), "data/x.csv", '\t', &error);
  g_autoptr(CsCsv) bad = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (cs_csv_get_n_cols (csv), ==, 2);
  g_assert_cmpstr (cs_csv_get_cell (csv, 0, 0), ==, "a\tb");
  g_assert_cmpstr (cs_csv_get_cell (csv, 0, 1), ==, "x,y");
  g_assert_cmpint (cs_csv_find_usual_column (csv, (const char *[]) { "class", "LABEL", NULL }),
                   ==, 1);

  text = "item\tlabel\n\"a\"b\tc\n";
  bad = cs_csv_parse_separated (text, strlen (text), "data/x.csv", '\t', &error);
  g_assert_null (bad);
  g_assert_error (error, CS_ERROR, CS_ERROR_PARSE);
  assert_message (error, ":2: expected '\\t' or the end of the line after a closing quote");
}

static void
test_csv_basic (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCsv) csv = parse ("id,annotator,class\n1,a7,rock\n2,a9,jazz\n", &error);

  g_assert_no_error (error);
  g_assert_cmpint (cs_csv_get_n_rows (csv), ==, 2);
  g_assert_cmpint (cs_csv_get_n_cols (csv), ==, 3);
  g_assert_cmpstr (cs_csv_get_header (csv, 2), ==, "class");
  g_assert_cmpint (cs_csv_find_column (csv, "annotator"), ==, 1);
  g_assert_cmpint (cs_csv_find_column (csv, "Annotator"), ==, -1);
  g_assert_cmpint (cs_csv_find_column (csv, "clas"), ==, -1);
  g_assert_cmpstr (cs_csv_get_cell (csv, 0, 1), ==, "a7");
  g_assert_cmpstr (cs_csv_get_cell (csv, 1, 2), ==, "jazz");
  g_assert_cmpint (cs_csv_get_line (csv, 0), ==, 2);
  g_assert_cmpint (cs_csv_get_line (csv, 1), ==, 3);
  g_assert_cmpstr (cs_csv_get_filename (csv), ==, "data/x.csv");
}

static void
test_csv_rfc4180 (void)
{
  /* A BOM, CRLF line ends, quoted fields with commas, doubled quotes and a
   * line break, empty fields, and blank lines at the end. */
  const char *text =
    "\xEF\xBB\xBF" "id, name ,\"note\"\r\n"
    "1,\"Smith, J.\",\"said \"\"hi\"\"\"\r\n"
    "2,\"two\r\nlines\",\r\n"
    "3,,\"\"\r\n"
    "4,\"\xC3\xA9t\xC3\xA9\",x\r\n"
    "\r\n\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCsv) csv = parse (text, &error);

  g_assert_no_error (error);
  g_assert_cmpint (cs_csv_get_n_rows (csv), ==, 4);
  g_assert_cmpint (cs_csv_get_n_cols (csv), ==, 3);
  g_assert_cmpstr (cs_csv_get_header (csv, 0), ==, "id");
  g_assert_cmpstr (cs_csv_get_header (csv, 1), ==, "name");
  g_assert_cmpint (cs_csv_find_column (csv, "name"), ==, 1);
  g_assert_cmpint (cs_csv_find_column (csv, "note"), ==, 2);
  g_assert_cmpstr (cs_csv_get_cell (csv, 0, 1), ==, "Smith, J.");
  g_assert_cmpstr (cs_csv_get_cell (csv, 0, 2), ==, "said \"hi\"");
  g_assert_cmpstr (cs_csv_get_cell (csv, 1, 1), ==, "two\nlines");
  g_assert_cmpstr (cs_csv_get_cell (csv, 1, 2), ==, "");
  g_assert_cmpstr (cs_csv_get_cell (csv, 2, 1), ==, "");
  g_assert_cmpstr (cs_csv_get_cell (csv, 2, 2), ==, "");
  g_assert_cmpstr (cs_csv_get_cell (csv, 3, 1), ==, "\xC3\xA9t\xC3\xA9");

  /* The row after a two-line field starts two lines later. */
  g_assert_cmpint (cs_csv_get_line (csv, 0), ==, 2);
  g_assert_cmpint (cs_csv_get_line (csv, 1), ==, 3);
  g_assert_cmpint (cs_csv_get_line (csv, 2), ==, 5);
  g_assert_cmpint (cs_csv_get_line (csv, 3), ==, 6);
}

static void
test_csv_line_ends (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCsv) no_newline = parse ("a,b\n1,2\n3,4", &error);
  g_autoptr(CsCsv) trailing_cr = NULL;
  g_autoptr(CsCsv) quoted_last = NULL;
  g_autoptr(CsCsv) lone_cr = NULL;
  g_autoptr(CsCsv) slice = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (cs_csv_get_n_rows (no_newline), ==, 2);
  g_assert_cmpstr (cs_csv_get_cell (no_newline, 1, 1), ==, "4");

  trailing_cr = parse ("a,b\r\n1,2\r", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_csv_get_cell (trailing_cr, 0, 1), ==, "2");

  quoted_last = parse ("a,b\n1,\"x\"", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_csv_get_cell (quoted_last, 0, 1), ==, "x");

  /* A CR that ends no line is part of the cell. */
  lone_cr = parse ("a,b\n1\r2,3\n", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_csv_get_cell (lone_cr, 0, 0), ==, "1\r2");

  /* Only the first len bytes count, whatever follows them. */
  slice = parse_exact ("a,b\n1,2GARBAGE", 7, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_csv_get_cell (slice, 0, 1), ==, "2");
}

static void
test_csv_one_column (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCsv) csv = parse ("label\ncat\n\ndog\n \n\n", &error);

  /* In a one-column file an empty line in the middle is a row with an empty
   * cell; blank lines at the end are not rows. */
  g_assert_no_error (error);
  g_assert_cmpint (cs_csv_get_n_rows (csv), ==, 3);
  g_assert_cmpstr (cs_csv_get_cell (csv, 1, 0), ==, "");
  g_assert_cmpstr (cs_csv_get_cell (csv, 2, 0), ==, "dog");
  g_assert_cmpint (cs_csv_get_line (csv, 2), ==, 4);
}

static void
test_csv_ragged (void)
{
  assert_parse_error ("a,b,c\n1,2,3\n4,5\n", CS_ERROR_PARSE,
                      "data/x.csv:3: expected 3 fields as in the header, found 2");
  assert_parse_error ("a,b,c\n1,2,3,4\n", CS_ERROR_PARSE,
                      "data/x.csv:2: expected 3 fields as in the header, found 4");
  assert_parse_error ("a,b\n1,2\n\n3,4\n", CS_ERROR_PARSE,
                      "data/x.csv:3: expected 2 fields as in the header, found 1");
  assert_parse_error ("a,b\n\"1\n\",2\n3\n", CS_ERROR_PARSE,
                      "data/x.csv:4: expected 2 fields as in the header, found 1");
}

static void
test_csv_quotes (void)
{
  assert_parse_error ("a,b\n1,2\n3,\"open\n4,5\n", CS_ERROR_PARSE,
                      "data/x.csv:3: a quoted field is not closed");
  assert_parse_error ("a,b\n1,\"", CS_ERROR_PARSE, "data/x.csv:2: a quoted field is not closed");
  assert_parse_error ("a,b\n1,\"x\"y\n", CS_ERROR_PARSE,
                      "data/x.csv:2: expected ',' or the end of the line after a closing quote, "
                      "found 'y");
}

static void
test_csv_empty (void)
{
  assert_parse_error ("", CS_ERROR_PARSE, "data/x.csv: no rows: the file is empty");
  assert_parse_error ("\xEF\xBB\xBF\r\n\n  \n", CS_ERROR_PARSE, "no rows: the file is empty");
  assert_parse_error ("a,b,c\n", CS_ERROR_PARSE, "data/x.csv: no rows: the file only has a header");
  assert_parse_error ("a,b,c", CS_ERROR_PARSE, "no rows");
  assert_parse_error ("a,b,c\r\n\r\n", CS_ERROR_PARSE, "no rows");
}

static void
test_csv_encoding (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCsv) csv = parse_exact ("a,b\n1,2\n3,\0\n", 12, &error);

  g_assert_null (csv);
  g_assert_error (error, CS_ERROR, CS_ERROR_PARSE);
  assert_message (error, "data/x.csv:3: expected text, found a NUL byte");

  assert_parse_error ("a,b\n1,2\n3,caf\xE9\n", CS_ERROR_PARSE,
                      "data/x.csv:3: expected UTF-8 text, found the byte 0xE9");
}

static void
test_csv_floats (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCsv) csv = parse ("id,f,g\nx, 1.5 ,-2e3\ny,0.25,1e-3\nz,-0,  7\n", &error);
  float out[6] = { 0 };

  g_assert_no_error (error);
  g_assert_true (cs_csv_get_floats (csv, 1, out, 2, &error));
  g_assert_no_error (error);
  g_assert_true (cs_csv_get_floats (csv, 2, out + 1, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (out[0], ==, 1.5f);
  g_assert_cmpfloat (out[1], ==, -2000.0f);
  g_assert_cmpfloat (out[2], ==, 0.25f);
  g_assert_cmpfloat (out[3], ==, 1e-3f);
  g_assert_cmpfloat (out[4], ==, 0.0f);
  g_assert_cmpfloat (out[5], ==, 7.0f);
}

static void
assert_floats_error (const char *text,
                     int         code,
                     const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCsv) csv = parse (text, &error);
  float out[8] = { 0 };

  g_assert_no_error (error);
  g_assert_false (cs_csv_get_floats (csv, cs_csv_find_column (csv, "feature3"), out, 1, &error));
  g_assert_error (error, CS_ERROR, code);
  assert_message (error, needle);
}

static void
test_csv_floats_bad (void)
{
  assert_floats_error ("id,feature3\n1,0.5\n2,abc\n", CS_ERROR_PARSE,
                       "data/x.csv:3: column 'feature3': expected a number, found 'abc'");
  assert_floats_error ("id,feature3\n1,\n", CS_ERROR_PARSE,
                       "data/x.csv:2: column 'feature3': expected a number, found an empty field");
  assert_floats_error ("id,feature3\n1,1.5x\n", CS_ERROR_PARSE, "found '1.5x'");
  assert_floats_error ("id,feature3\n1,\"1,5\"\n", CS_ERROR_PARSE, "found '1,5'");
  assert_floats_error ("id,feature3\n1,2\n2,NaN\n", CS_ERROR_VALUE,
                       "data/x.csv:3: column 'feature3': expected a finite float32 number, "
                       "found 'NaN'");
  assert_floats_error ("id,feature3\n1,-inf\n", CS_ERROR_VALUE, "found '-inf'");
  assert_floats_error ("id,feature3\n1,1e39\n", CS_ERROR_VALUE, "found '1e39'");
  assert_floats_error ("id,feature3\n1,1e999\n", CS_ERROR_VALUE, "found '1e999'");
}

static void
test_csv_load_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCsv) csv = cs_csv_load ("/nonexistent/x.csv", &error);

  g_assert_null (csv);
  g_assert_error (error, CS_ERROR, CS_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "/nonexistent/x.csv: "));
}

static void
test_csv_real_data (void)
{
  const char *root = g_getenv ("CS_SHARED_DATA");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCsv) csv = NULL;
  g_autoptr(GTimer) timer = NULL;
  g_autofree float *feature4 = NULL;
  double sum = 0;

  if (root == NULL || !g_file_test (root, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("CS_SHARED_DATA is not set");
      return;
    }

  path = g_build_filename (root, "music", "music_genre_mturk.csv", NULL);
  timer = g_timer_new ();
  csv = cs_csv_load (path, &error);
  g_test_message ("%s parsed in %.1f ms", path, 1000 * g_timer_elapsed (timer, NULL));
  g_assert_no_error (error);

  g_assert_cmpint (cs_csv_get_n_rows (csv), ==, 2945);
  g_assert_cmpint (cs_csv_get_n_cols (csv), ==, 127);
  g_assert_cmpstr (cs_csv_get_header (csv, 0), ==, "id");
  g_assert_cmpstr (cs_csv_get_header (csv, 1), ==, "annotator");
  g_assert_cmpstr (cs_csv_get_header (csv, 126), ==, "class");
  for (int i = 0; i < 124; i++)
    {
      g_autofree char *name = g_strdup_printf ("feature%d", i);

      g_assert_cmpint (cs_csv_find_column (csv, name), ==, i + 2);
    }
  g_assert_cmpint (cs_csv_get_line (csv, 2944), ==, 2946);
  g_assert_cmpstr (cs_csv_get_cell (csv, 2944, 126), ==, "metal");

  /* feature4 is around -50 (see the data's README). */
  feature4 = g_new (float, 2945);
  g_assert_true (cs_csv_get_floats (csv, cs_csv_find_column (csv, "feature4"), feature4, 1,
                                    &error));
  g_assert_no_error (error);
  for (int r = 0; r < 2945; r++)
    sum += feature4[r];
  g_assert_cmpfloat (sum / 2945, <, -20);
  g_assert_cmpfloat (sum / 2945, >, -100);
}

/* Fields written with cs_csv_append_field read back as they were. */
static void
test_append_field_round_trip (void)
{
  const char *fields[] = { "plain", "Bob, Jr", "say \"hi\"", "two\nlines", "" };
  g_autoptr(GString) text = g_string_new ("a,b,c,d,e\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCsv) csv = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (i > 0)
        g_string_append_c (text, ',');
      cs_csv_append_field (text, fields[i]);
    }
  g_string_append_c (text, '\n');
  csv = cs_csv_parse (text->str, text->len, "round.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_csv_get_n_rows (csv), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_cmpstr (cs_csv_get_cell (csv, 0, (int) i), ==, fields[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/csv/append-field-round-trip", test_append_field_round_trip);

  g_test_add_func ("/csv/basic", test_csv_basic);
  g_test_add_func ("/csv/tabs", test_csv_tabs);
  g_test_add_func ("/csv/rfc4180", test_csv_rfc4180);
  g_test_add_func ("/csv/line-ends", test_csv_line_ends);
  g_test_add_func ("/csv/one-column", test_csv_one_column);
  g_test_add_func ("/csv/ragged", test_csv_ragged);
  g_test_add_func ("/csv/quotes", test_csv_quotes);
  g_test_add_func ("/csv/empty", test_csv_empty);
  g_test_add_func ("/csv/encoding", test_csv_encoding);
  g_test_add_func ("/csv/floats", test_csv_floats);
  g_test_add_func ("/csv/floats-bad", test_csv_floats_bad);
  g_test_add_func ("/csv/load-missing", test_csv_load_missing);
  g_test_add_func ("/csv/real-data", test_csv_real_data);

  return g_test_run ();
}
