/* cs-predictions-export.c — a model's predictions as CSV or JSON, the same from window and CLI
 *
 * Both formats are written from one list of cells per item, so that they cannot drift apart:
 * a cell is a string, a number already formatted, or nothing.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include "cs-predictions-export.h"

#include <math.h>
#include <string.h>

#include "cs-csv.h"
#include "cs-error.h"
#include "cs-file.h"
#include "cs-json.h"

static const char * const fixed_columns[CS_PREDICTIONS_N_COLUMNS] = {
  "id", "split", "image", "gold", "predicted", "probability", "votes", "majority",
  "majority_share",
};

typedef struct
{
  const char *text;                      /* NULL: no value */
  bool        number;
  char        buf[G_ASCII_DTOSTR_BUF_SIZE];
} Cell;

bool
cs_predictions_format_from_path (const char          *path,
                                 CsPredictionsFormat *format)
{
  static const char * const extensions[] = { ".csv", ".json", NULL };
  int found = cs_file_find_extension (path, extensions);

  g_return_val_if_fail (format != NULL, false);

  if (found >= 0)
    *format = (CsPredictionsFormat) found;
  return found >= 0;
}

static bool
is_fixed_column (const char *name)
{
  for (int c = 0; c < CS_PREDICTIONS_N_COLUMNS; c++)
    if (strcmp (name, fixed_columns[c]) == 0)
      return true;
  return false;
}

char **
cs_predictions_columns (const CsPredictions *self,
                        bool                 probabilities)
{
  char **columns;
  int n;

  g_return_val_if_fail (self != NULL, NULL);

  n = CS_PREDICTIONS_N_COLUMNS + (probabilities ? self->K : 0);
  columns = g_new0 (char *, n + 1);
  for (int c = 0; c < CS_PREDICTIONS_N_COLUMNS; c++)
    columns[c] = g_strdup (fixed_columns[c]);
  /* A class named "gold" would otherwise make two columns of that name. */
  for (int k = 0; k < n - CS_PREDICTIONS_N_COLUMNS; k++)
    {
      const char *name = self->dataset->class_names[k];

      columns[CS_PREDICTIONS_N_COLUMNS + k] = is_fixed_column (name) ? g_strdup_printf ("p(%s)", name)
                                                                     : g_strdup (name);
    }
  return columns;
}

static void
set_text (Cell       *cell,
          const char *text)
{
  cell->text = text;
  cell->number = false;
}

/* Six decimals, whatever the locale; NaN is no value. */
static void
set_number (Cell   *cell,
            double  value)
{
  cell->number = true;
  cell->text = isfinite (value) ? g_ascii_formatd (cell->buf, sizeof cell->buf, "%.6f", value)
                                : NULL;
}

static const char *
class_name (const CsPredictions *self,
            int                  k)
{
  return k >= 0 ? self->dataset->class_names[k] : NULL;
}

/* cells [CS_PREDICTIONS_N_COLUMNS + K when probabilities]: item i's values, in column order. */
static void
fill_cells (const CsPredictions *self,
            int                  i,
            bool                 probabilities,
            Cell                *cells)
{
  const CsPrediction *p = &self->items[i];

  set_text (&cells[0], p->id);
  set_text (&cells[1], cs_split_kind_to_string (p->split));
  set_text (&cells[2], p->image_path);
  set_text (&cells[3], class_name (self, p->gold));
  set_text (&cells[4], class_name (self, p->predicted));
  set_number (&cells[5], p->probability);
  set_text (&cells[6], p->n_labels > 0 ? p->votes : NULL);
  set_text (&cells[7], class_name (self, p->majority));
  set_number (&cells[8], p->majority_share);
  for (int k = 0; probabilities && k < self->K; k++)
    set_number (&cells[CS_PREDICTIONS_N_COLUMNS + k], self->probs[(size_t) i * self->K + k]);
}

static void
append_csv_cell (GString    *out,
                 const Cell *cell)
{
  if (cell->text == NULL)
    return;
  if (cell->number)
    g_string_append (out, cell->text);
  else
    cs_csv_append_field (out, cell->text);
}

static void
append_json_cell (GString    *out,
                  const Cell *cell)
{
  if (cell->text == NULL)
    g_string_append (out, "null");
  else if (cell->number)
    g_string_append (out, cell->text);
  else
    cs_json_append_string (out, cell->text);
}

/* Appends item i's cells [n], named by columns [n]. */
typedef void (*AppendRowFunc) (GString     *out,
                               char       **columns,
                               const Cell  *cells,
                               int          n,
                               int          i);

static void
append_csv_row (GString     *out,
                char       **columns,
                const Cell  *cells,
                int          n,
                int          i)
{
  for (int c = 0; c < n; c++)
    {
      g_string_append (out, c ? "," : "");
      append_csv_cell (out, &cells[c]);
    }
  g_string_append_c (out, '\n');
}

/* An object a line, so that the file reads and diffs item by item. */
static void
append_json_row (GString     *out,
                 char       **columns,
                 const Cell  *cells,
                 int          n,
                 int          i)
{
  g_string_append (out, i ? ",\n  {" : "\n  {");
  for (int c = 0; c < n; c++)
    {
      g_string_append (out, c ? ", " : "");
      cs_json_append_string (out, columns[c]);
      g_string_append (out, ": ");
      append_json_cell (out, &cells[c]);
    }
  g_string_append_c (out, '}');
}

/* The rows of items [n_items] (positions in self->items), or of every item when items is NULL. */
static void
append_rows (const CsPredictions *self,
             const int           *items,
             int                  n_items,
             bool                 probabilities,
             GString             *out,
             AppendRowFunc        append_row)
{
  g_auto(GStrv) columns = cs_predictions_columns (self, probabilities);
  int n = (int) g_strv_length (columns);
  g_autofree Cell *cells = g_new (Cell, n);

  for (int i = 0; i < (items ? n_items : self->n); i++)
    {
      fill_cells (self, items ? items[i] : i, probabilities, cells);
      append_row (out, columns, cells, n, i);
    }
}

static GString *
to_csv (const CsPredictions *self,
        const int           *items,
        int                  n_items,
        bool                 probabilities)
{
  g_auto(GStrv) columns = NULL;
  GString *out;

  columns = cs_predictions_columns (self, probabilities);
  out = g_string_new (NULL);
  for (int c = 0; columns[c] != NULL; c++)
    {
      g_string_append (out, c ? "," : "");
      cs_csv_append_field (out, columns[c]);
    }
  g_string_append_c (out, '\n');
  append_rows (self, items, n_items, probabilities, out, append_csv_row);
  return out;
}

static GString *
to_json (const CsPredictions *self,
         const int           *items,
         int                  n_items,
         bool                 probabilities)
{
  GString *out = g_string_new ("[");

  append_rows (self, items, n_items, probabilities, out, append_json_row);
  g_string_append (out, (items ? n_items : self->n) ? "\n]\n" : "]\n");
  return out;
}

GString *
cs_predictions_to_csv (const CsPredictions *self,
                       bool                 probabilities)
{
  g_return_val_if_fail (self != NULL, NULL);
  return to_csv (self, NULL, 0, probabilities);
}

GString *
cs_predictions_to_json (const CsPredictions *self,
                        bool                 probabilities)
{
  g_return_val_if_fail (self != NULL, NULL);
  return to_json (self, NULL, 0, probabilities);
}

/**
 * cs_predictions_save:
 * @path: a .csv or .json file, created or replaced
 * @probabilities: whether to add a column per class with the model's distribution
 * @error: return location for a CS_ERROR_INVALID error naming @path when its extension is
 *   neither, or the CS_ERROR_IO error of cs_file_write_atomic()
 *
 * Returns: %TRUE on success
 */
gboolean
cs_predictions_save (const CsPredictions  *self,
                     const char           *path,
                     bool                  probabilities,
                     GError              **error)
{
  return cs_predictions_save_items (self, NULL, 0, path, probabilities, error);
}

/* The same for items [n_items] alone, positions in self->items in the order given: the list a
 * gallery shows. */
gboolean
cs_predictions_save_items (const CsPredictions  *self,
                           const int            *items,
                           int                   n_items,
                           const char           *path,
                           bool                  probabilities,
                           GError              **error)
{
  g_autoptr(GString) text = NULL;
  CsPredictionsFormat format;

  g_return_val_if_fail (self != NULL && path != NULL, FALSE);
  g_return_val_if_fail (items != NULL || n_items == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!cs_predictions_format_from_path (path, &format))
    {
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID,
                   _("%s: expected a file name ending in .csv or .json"), path);
      return FALSE;
    }
  text = format == CS_PREDICTIONS_CSV ? to_csv (self, items, n_items, probabilities)
                                      : to_json (self, items, n_items, probabilities);
  return cs_file_write_atomic (path, text->str, text->len, error);
}
