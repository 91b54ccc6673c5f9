/* cs-csv.h — comma- (or tab-) separated values with a header row
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

typedef struct _CsCsv CsCsv;

CsCsv      *cs_csv_parse        (const char   *data,
                                 gsize         len,
                                 const char   *filename,
                                 GError      **error);
CsCsv      *cs_csv_load         (const char   *path,
                                 GError      **error);
/* The same with fields separated by a tab instead of a comma: separator is ',' or '\t'. */
CsCsv      *cs_csv_parse_separated (const char  *data,
                                    gsize        len,
                                    const char  *filename,
                                    char         separator,
                                    GError     **error);
CsCsv      *cs_csv_load_separated  (const char  *path,
                                    char         separator,
                                    GError     **error);
void        cs_csv_free         (CsCsv        *self);
int         cs_csv_get_n_rows   (const CsCsv  *self);
int         cs_csv_get_n_cols   (const CsCsv  *self);
const char *cs_csv_get_header   (const CsCsv  *self,
                                 int           col);
int         cs_csv_find_column  (const CsCsv  *self,
                                 const char   *name);
int         cs_csv_find_usual_column (const CsCsv        *self,
                                      const char * const *names);
const char *cs_csv_get_cell     (const CsCsv  *self,
                                 int           row,
                                 int           col);
int         cs_csv_get_line     (const CsCsv  *self,
                                 int           row);
const char *cs_csv_get_filename (const CsCsv  *self);
gboolean    cs_csv_get_floats   (const CsCsv  *self,
                                 int           col,
                                 float        *out,
                                 gsize         stride,
                                 GError      **error);

/* Appends a field for a CSV file, quoted when it holds a comma, a quote or a line break. */
void        cs_csv_append_field (GString     *out,
                                 const char  *field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsCsv, cs_csv_free)

G_END_DECLS
