/* cs-figure-readers.h — reads back the SVG and PDF files the core writes, for the tests
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What an SVG file holds, parsed as XML with GMarkup (the test fails when it is not XML). */
typedef struct
{
  char   *root;         /* the root element's name */
  double  width;        /* its width and height attributes, in points */
  double  height;
  char   *title;        /* the text of its first <title> and <desc>, or NULL */
  char   *desc;
  int     elements;     /* every element in the file */
} CsTestSvg;

void        cs_test_svg_read    (CsTestSvg  *svg,
                                 const char *path);
void        cs_test_svg_clear   (CsTestSvg  *svg);

/* pdfinfo's fields of a PDF file ("Title" → "…", "Pages" → "1"), or NULL when pdfinfo
 * (poppler-utils) is not installed; the test fails when pdfinfo cannot read the file. */
GHashTable *cs_test_pdf_info    (const char *path);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CsTestSvg, cs_test_svg_clear)

G_END_DECLS
