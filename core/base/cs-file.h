/* cs-file.h — reading, mapping and atomically writing files, with errors that name the path
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-types.h"

G_BEGIN_DECLS

gboolean cs_file_set_error    (GError     **error,
                               const char  *path,
                               const char  *verb,
                               int          errsv);
gboolean cs_file_write_atomic (const char  *path,
                               const void  *data,
                               gsize        len,
                               GError     **error);
gboolean cs_file_ensure_dir   (const char  *path,
                               GError     **error);
gboolean cs_file_rename       (const char  *from,
                               const char  *to,
                               GError     **error);
gboolean cs_file_remove_tree  (const char  *path,
                               GError     **error);
gboolean cs_file_read         (const char  *path,
                               guint8     **contents,
                               gsize       *len,
                               GError     **error);

GMappedFile *cs_file_map        (const char  *path,
                                 GError     **error);
gsize        cs_file_skip_bom   (const char  *data,
                                 gsize        len);
int          cs_file_line_at    (const char  *data,
                                 gsize        offset);
gboolean     cs_file_check_utf8 (const char  *data,
                                 gsize        len,
                                 const char  *filename,
                                 GError     **error);
char        *cs_file_excerpt    (const char  *data,
                                 gsize        len,
                                 gsize        max_bytes);

/* The position in extensions (NULL-terminated, such as ".csv") of the one path ends with, in any
 * case; −1 when it ends with none. Formats chosen by a file name are enums in that order. */
int          cs_file_find_extension (const char         *path,
                                     const char * const *extensions);

/* The names in folder of its sub-folders (extensions NULL) or of its regular files whose names
 * end with one of extensions (in any case), sorted byte by byte, NULL-terminated; hidden
 * entries are left out. NULL with error set when the folder cannot be read. */
GPtrArray   *cs_file_list_folder    (const char         *folder,
                                     const char * const *extensions,
                                     GError            **error);

/* The name put in messages when a parse function is given no file name. */
#define CS_FILE_NO_NAME "(input)"

G_END_DECLS
