/* fuzz-csv.c — fuzzes the CSV parser and reading each of its columns as numbers
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "cs-csv.h"
#include "cs-fuzz-targets.h"

/* Every accessor must answer for every cell of a table the parser accepted. */
static void
check_table (const CsCsv *table)
{
  int rows = cs_csv_get_n_rows (table), cols = cs_csv_get_n_cols (table);

  if (rows < 1 || cols < 1)
    g_error ("parsed a table of %d rows and %d columns", rows, cols);
  for (int c = 0; c < cols; c++)
    {
      const char *name = cs_csv_get_header (table, c);
      int found = cs_csv_find_column (table, name);

      if (found < 0 || found > c || !g_utf8_validate (name, -1, NULL))
        g_error ("column %d ('%s') is found at %d", c, name, found);
    }
  for (int r = 0; r < rows; r++)
    {
      if (cs_csv_get_line (table, r) < 2 || (r > 0 && cs_csv_get_line (table, r) <= cs_csv_get_line (table, r - 1)))
        g_error ("row %d starts at line %d", r, cs_csv_get_line (table, r));
      for (int c = 0; c < cols; c++)
        if (!g_utf8_validate (cs_csv_get_cell (table, r, c), -1, NULL))
          g_error ("cell %d, %d is not UTF-8", r, c);
    }
}

/* Reads every column into one row-major matrix, as the features reader does. */
static void
read_columns (const CsCsv *table)
{
  int rows = cs_csv_get_n_rows (table), cols = cs_csv_get_n_cols (table);
  g_autofree float *values = g_new (float, (gsize) rows * cols);

  for (int c = 0; c < cols; c++)
    {
      GError *error = NULL;

      if (!cs_csv_get_floats (table, c, values + c, (gsize) cols, &error))
        {
          cs_fuzz_check_error (error);
          continue;
        }
      for (int r = 0; r < rows; r++)
        if (!isfinite (values[(gsize) r * cols + c]))
          g_error ("row %d, column %d was read as a non-finite number", r, c);
    }
}

void
cs_fuzz_csv (const guint8 *data,
             gsize         len)
{
  GError *error = NULL;
  g_autoptr(CsCsv) table = cs_csv_parse ((const char *) data, len, "fuzz.csv", &error);

  if (table == NULL)
    {
      cs_fuzz_check_error (error);
      return;
    }
  check_table (table);
  read_columns (table);
}

CS_FUZZ_ENTRY_POINT (cs_fuzz_csv)
