/* test-text.c — tests of the line-list and answer-matrix readers and the number parsers
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "cs-error.h"
#include "cs-text.h"

/* Each parser gets a heap copy of exactly the input's bytes, with no NUL
 * after them, so that AddressSanitizer reports any read past the end. */
static char **
lines_exact (const char  *text,
             gsize        len,
             int         *n,
             GError     **error)
{
  g_autofree char *copy = g_memdup2 (text, len);

  return cs_text_parse_lines (copy, len, "classes.txt", n, error);
}

static char **
lines (const char  *text,
       int         *n,
       GError     **error)
{
  return lines_exact (text, strlen (text), n, error);
}

static int32_t *
answers (const char  *text,
         int         *rows,
         int         *cols,
         GError     **error)
{
  gsize len = strlen (text);
  g_autofree char *copy = g_memdup2 (text, len);

  return cs_answers_parse (copy, len, "answers.txt", rows, cols, error);
}

static void
assert_message (const GError *error,
                const char   *needle)
{
  if (strstr (error->message, needle) == NULL)
    g_error ("message '%s' lacks '%s'", error->message, needle);
}

static void
test_lines_good (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) classes = NULL;
  g_auto(GStrv) bom = NULL;
  g_auto(GStrv) slice = NULL;
  int n = 0;

  classes = lines ("highway\r\n  inside city \r\nforest\n\n\r\n  \n", &n, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 3);
  g_assert_cmpuint (g_strv_length (classes), ==, 3);
  g_assert_cmpstr (classes[0], ==, "highway");
  g_assert_cmpstr (classes[1], ==, "inside city");
  g_assert_cmpstr (classes[2], ==, "forest");
  g_assert_null (classes[3]);

  bom = lines ("\xEF\xBB\xBF" "caf\xC3\xA9\nrock", &n, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 2);
  g_assert_cmpstr (bom[0], ==, "caf\xC3\xA9");
  g_assert_cmpstr (bom[1], ==, "rock");

  slice = lines_exact ("a\nbXYZ", 3, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 2);
  g_assert_cmpstr (slice[1], ==, "b");
}

static void
assert_lines_error (const char *text,
                    gsize       len,
                    const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) out = NULL;
  int n = -7;

  out = lines_exact (text, len, &n, &error);
  g_assert_null (out);
  g_assert_cmpint (n, ==, -7);
  g_assert_error (error, CS_ERROR, CS_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "classes.txt"));
  assert_message (error, needle);
}

static void
test_lines_bad (void)
{
  assert_lines_error ("a\nb\n\nc\n", 7, "classes.txt:3: expected an entry, found an empty line");
  assert_lines_error ("a\n \r\nc\n", 7, "classes.txt:2: expected an entry");
  assert_lines_error ("", 0, "classes.txt: the file is empty");
  assert_lines_error ("\n\r\n  \n", 6, "the file is empty");
  assert_lines_error ("a\nb\xFF\n", 5, "classes.txt:2: expected UTF-8 text, found the byte 0xFF");
  assert_lines_error ("a\0b\n", 4, "classes.txt:1: expected text, found a NUL byte");
}

static void
test_trim (void)
{
  static const struct
  {
    const char *text;
    gsize       start, end;      /* the span given */
    gsize       trimmed_start, trimmed_end;
  } cases[] = {
    { " \t a b \r\n", 0, 9, 3, 6 },
    { "abc", 0, 3, 0, 3 },
    { "   ", 0, 3, 3, 3 },
    { "", 0, 0, 0, 0 },
    /* Only the span is looked at: the spaces around it stay outside. */
    { "x  y  z", 1, 6, 3, 4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize start = cases[i].start, end = cases[i].end;

      cs_text_trim (cases[i].text, &start, &end);
      g_assert_cmpuint (start, ==, cases[i].trimmed_start);
      g_assert_cmpuint (end, ==, cases[i].trimmed_end);
    }
}

static void
test_parse_int (void)
{
  int64_t v = 99;

  g_assert_true (cs_parse_int ("42", &v));
  g_assert_cmpint (v, ==, 42);
  g_assert_true (cs_parse_int ("  -7 \t", &v));
  g_assert_cmpint (v, ==, -7);
  g_assert_true (cs_parse_int ("+3", &v));
  g_assert_cmpint (v, ==, 3);
  g_assert_true (cs_parse_int ("9223372036854775807", &v));
  g_assert_cmpint (v, ==, G_MAXINT64);
  g_assert_true (cs_parse_int ("-9223372036854775808", &v));
  g_assert_cmpint (v, ==, G_MININT64);

  v = 99;
  g_assert_false (cs_parse_int ("9223372036854775808", &v));
  g_assert_false (cs_parse_int ("-9223372036854775809", &v));
  g_assert_false (cs_parse_int ("", &v));
  g_assert_false (cs_parse_int ("   ", &v));
  g_assert_false (cs_parse_int ("-", &v));
  g_assert_false (cs_parse_int ("1.0", &v));
  g_assert_false (cs_parse_int ("1e3", &v));
  g_assert_false (cs_parse_int ("12a", &v));
  g_assert_false (cs_parse_int ("1 2", &v));
  g_assert_false (cs_parse_int ("0x10", &v));
  g_assert_cmpint (v, ==, 99);
}

static void
test_parse_float (void)
{
  double v = 99;

  g_assert_true (cs_parse_float ("1.5", &v));
  g_assert_cmpfloat (v, ==, 1.5);
  g_assert_true (cs_parse_float (" -2e3  ", &v));
  g_assert_cmpfloat (v, ==, -2000);
  g_assert_true (cs_parse_float ("7", &v));
  g_assert_cmpfloat (v, ==, 7);
  g_assert_true (cs_parse_float (".5", &v));
  g_assert_cmpfloat (v, ==, 0.5);
  g_assert_true (cs_parse_float ("nan", &v));
  g_assert_true (isnan (v));
  g_assert_true (cs_parse_float ("-Inf", &v));
  g_assert_true (isinf (v) && v < 0);
  g_assert_true (cs_parse_float ("1e999", &v));
  g_assert_true (isinf (v));

  v = 99;
  g_assert_false (cs_parse_float ("", &v));
  g_assert_false (cs_parse_float ("  ", &v));
  g_assert_false (cs_parse_float ("1.5x", &v));
  g_assert_false (cs_parse_float ("1,5", &v));
  g_assert_false (cs_parse_float ("abc", &v));
  g_assert_false (cs_parse_float ("1 2", &v));
  g_assert_cmpfloat (v, ==, 99);
}

static void
test_answers_good (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree int32_t *m = NULL;
  const int32_t expected[] = { -1, 3, -1, 0,  2, -1, -1, 7,  -1, -1, -1, -1 };
  int rows = 0, cols = 0;

  m = answers ("-1 3 -1 0\r\n2\t-1  -1 7  \r\n -1 -1 -1 -1\n\n \n", &rows, &cols, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rows, ==, 3);
  g_assert_cmpint (cols, ==, 4);
  g_assert_cmpmem (m, sizeof expected, expected, sizeof expected);
}

static void
assert_answers_error (const char *text,
                      int         code,
                      const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autofree int32_t *m = NULL;
  int rows = -7, cols = -7;

  m = answers (text, &rows, &cols, &error);
  g_assert_null (m);
  g_assert_cmpint (rows, ==, -7);
  g_assert_error (error, CS_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, "answers.txt"));
  assert_message (error, needle);
}

static void
test_answers_bad (void)
{
  assert_answers_error ("1 2 3\n1 2\n", CS_ERROR_PARSE,
                        "answers.txt:2: expected 3 columns, found 2");
  assert_answers_error ("1 2\n1 2\n1 2 3 4\n", CS_ERROR_PARSE,
                        "answers.txt:3: expected 2 columns, found 4");
  assert_answers_error ("1 2\n\n1 2\n", CS_ERROR_PARSE,
                        "answers.txt:2: expected 2 columns, found 0");
  assert_answers_error ("1 2 3\n1 x 3\n", CS_ERROR_PARSE,
                        "answers.txt:2: column 2: expected an integer, found 'x'");
  assert_answers_error ("1 2 1.0\n", CS_ERROR_PARSE,
                        "answers.txt:1: column 3: expected an integer");
  assert_answers_error ("1,2,3\n", CS_ERROR_PARSE, "found '1,2,3'");
  assert_answers_error ("-1 -2\n", CS_ERROR_VALUE,
                        "answers.txt:1: column 2: expected a class index");
  assert_answers_error ("3 4294967296\n", CS_ERROR_VALUE, "found 4294967296");
  assert_answers_error ("3 99999999999999999999\n", CS_ERROR_VALUE, "found 99999999999999999999");
  assert_answers_error ("", CS_ERROR_PARSE, "answers.txt: the file is empty");
  assert_answers_error (" \n\t\n", CS_ERROR_PARSE, "the file is empty");
}

static void
test_load_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) out = NULL;
  g_autofree int32_t *m = NULL;
  int n = 0, rows = 0, cols = 0;

  out = cs_text_load_lines ("/nonexistent/classes.txt", &n, &error);
  g_assert_null (out);
  g_assert_error (error, CS_ERROR, CS_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "/nonexistent/classes.txt: "));
  g_clear_error (&error);

  m = cs_answers_load ("/nonexistent/answers.txt", &rows, &cols, &error);
  g_assert_null (m);
  g_assert_error (error, CS_ERROR, CS_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "/nonexistent/answers.txt: "));
}

static int
count_labels (const int32_t *m,
              int            rows,
              int            cols)
{
  int n = 0;

  for (gsize i = 0; i < (gsize) rows * (gsize) cols; i++)
    n += m[i] != -1;

  return n;
}

static void
test_real_data (void)
{
  const char *root = g_getenv ("CS_SHARED_DATA");
  g_autofree char *answers_path = NULL;
  g_autofree char *answers77_path = NULL;
  g_autofree char *classes_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree int32_t *m = NULL;
  g_autofree int32_t *m77 = NULL;
  g_auto(GStrv) classes = NULL;
  int rows = 0, cols = 0, n = 0;

  if (root == NULL || !g_file_test (root, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("CS_SHARED_DATA is not set");
      return;
    }

  answers_path = g_build_filename (root, "labelme", "answers.txt", NULL);
  m = cs_answers_load (answers_path, &rows, &cols, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rows, ==, 1000);
  g_assert_cmpint (cols, ==, 59);
  g_assert_cmpint (count_labels (m, rows, cols), ==, 2547);
  for (int i = 0; i < rows * cols; i++)
    g_assert_cmpint (m[i], <, 8);

  answers77_path = g_build_filename (root, "labelme", "answers_77_columns.txt", NULL);
  m77 = cs_answers_load (answers77_path, &rows, &cols, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rows, ==, 1000);
  g_assert_cmpint (cols, ==, 77);
  g_assert_cmpint (count_labels (m77, rows, cols), ==, 2547);

  classes_path = g_build_filename (root, "labelme", "classes.txt", NULL);
  classes = cs_text_load_lines (classes_path, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 8);
  g_assert_cmpstr (classes[0], ==, "highway");
  g_assert_cmpstr (classes[7], ==, "opencountry");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/lines-good", test_lines_good);
  g_test_add_func ("/text/lines-bad", test_lines_bad);
  g_test_add_func ("/text/trim", test_trim);
  g_test_add_func ("/text/parse-int", test_parse_int);
  g_test_add_func ("/text/parse-float", test_parse_float);
  g_test_add_func ("/text/answers-good", test_answers_good);
  g_test_add_func ("/text/answers-bad", test_answers_bad);
  g_test_add_func ("/text/load-missing", test_load_missing);
  g_test_add_func ("/text/real-data", test_real_data);

  return g_test_run ();
}
