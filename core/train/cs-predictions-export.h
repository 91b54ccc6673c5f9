/* cs-predictions-export.h — a model's predictions as CSV or JSON, the same from window and CLI
 *
 * One row (CSV) or object (JSON) per item, in the predictions' order, with the columns
 *   id, split, image, gold, predicted, probability, votes, majority, majority_share
 * and, with probabilities, one more per class named by the class (prefixed "p(…)" for a class
 * whose name is one of the columns before). Classes are written by name, never by index; votes
 * as cs_votes_format gives them ("street:2;insidecity:1"); numbers with six decimals, the same
 * text in both formats; a missing value (no image, no gold, no crowd label) is an empty CSV
 * field and a JSON null.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-predictions.h"

G_BEGIN_DECLS

typedef enum
{
  CS_PREDICTIONS_CSV,
  CS_PREDICTIONS_JSON,
} CsPredictionsFormat;

/* The columns every file has, before the probabilities. */
#define CS_PREDICTIONS_N_COLUMNS 9

/* The format a file name asks for by its extension (.csv or .json, in any case). */
bool     cs_predictions_format_from_path (const char          *path,
                                          CsPredictionsFormat *format);
/* The column names, NULL-terminated: the fixed ones, then K more with probabilities. */
char   **cs_predictions_columns          (const CsPredictions *self,
                                          bool                 probabilities);
GString *cs_predictions_to_csv           (const CsPredictions *self,
                                          bool                 probabilities);
/* An array of objects, one an item, each on a line of its own. */
GString *cs_predictions_to_json          (const CsPredictions *self,
                                          bool                 probabilities);
/* Writes the format path's extension names, atomically (cs_file_write_atomic). Fails with
 * CS_ERROR_INVALID for another extension, CS_ERROR_IO when the file cannot be written. */
gboolean cs_predictions_save             (const CsPredictions *self,
                                          const char          *path,
                                          bool                 probabilities,
                                          GError             **error);

/* The same for items [n_items] alone (positions in self->items, in the order given; items
 * NULL: every item): the list a gallery shows, as predict would write those rows. */
gboolean cs_predictions_save_items       (const CsPredictions *self,
                                          const int           *items,
                                          int                  n_items,
                                          const char          *path,
                                          bool                 probabilities,
                                          GError             **error);

G_END_DECLS
