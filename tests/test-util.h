/* test-util.h — small helpers the tests share
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cs-dataset.h"
#include "cs-noise.h"
#include "cs-trainer.h"

G_BEGIN_DECLS

/* A temporary folder removed with everything in it when freed. Paths it returns live as long
 * as it does. */
typedef struct _CsTestDir CsTestDir;

CsTestDir  *cs_test_dir_new            (void);
void        cs_test_dir_free           (CsTestDir       *self);
const char *cs_test_dir_path           (CsTestDir       *self,
                                        const char      *relative);
const char *cs_test_dir_write          (CsTestDir       *self,
                                        const char      *relative,
                                        const char      *format,
                                        ...) G_GNUC_PRINTF (3, 4);

/* A small dataset as a manifest folder `relative` of `tmp`, quick to train on: classes named by
 * `classes` (such as "a;b;c"), d features that tell the classes apart, train (60 items, with
 * a crowd of 4 annotators who are mostly right), valid and test (30 items each), all with gold.
 * The features are drawn from `seed`. Returns the folder. */
const char *cs_test_write_small_dataset (CsTestDir       *tmp,
                                         const char      *relative,
                                         const char      *classes,
                                         int              d,
                                         uint64_t         seed);

/* tmp/small with classes a, b, c and 4 features, loaded with default options. */
CsDataset  *cs_test_load_small_dataset  (CsTestDir       *tmp);

/* The defaults with `method`, `epochs`, batches of `batch_size` and one thread: the same
 * numbers on every machine. */
void        cs_test_config              (CsTrainConfig          *config,
                                         CsMethod                method,
                                         int                     epochs,
                                         int                     batch_size);
/* A short run on one thread, batches of 32, the last epoch selected: quick, and the same on
 * every machine. callbacks may be NULL. */
CsRun      *cs_test_train               (CsDataset              *dataset,
                                         CsMethod                method,
                                         int                     epochs,
                                         const CsTrainCallbacks *callbacks);

/* The path of a shared dataset folder, or NULL (and the test marked skipped) without it. */
char       *cs_test_shared_path        (const char      *name);
/* The shared dataset loaded with default options, or NULL (test skipped) without it. */
CsDataset  *cs_test_load_shared        (const char      *name);
void        cs_test_write_npy_f32      (const char      *path,
                                        int              rows,
                                        int              cols);
gboolean    cs_test_warnings_contain   (const CsDataset *dataset,
                                        const char      *fragment);

/* A small crowd for the layer tests: CS_TEST_CROWD_LABELS labels on CS_TEST_CROWD_ITEMS items
 * from CS_TEST_CROWD_ANNOTATORS annotators over CS_TEST_CROWD_CLASSES classes. */
#define CS_TEST_CROWD_ITEMS      5
#define CS_TEST_CROWD_ANNOTATORS 3
#define CS_TEST_CROWD_CLASSES    4
#define CS_TEST_CROWD_LABELS     7

extern const CsCrowdLabel cs_test_crowd[CS_TEST_CROWD_LABELS];

/* The noise layer's buffers for B items, L labels, K classes and R annotators, zeroed; a
 * test's own name for them, so that its g_autoptr cleanup cannot clash with one core adds. */
typedef CsNoiseBuffers CsTestNoiseBuffers;

CsTestNoiseBuffers *cs_test_noise_buffers_new  (int                 B,
                                                int                 L,
                                                int                 K,
                                                int                 R);
void                cs_test_noise_buffers_free (CsTestNoiseBuffers *buf);

/* Runs the default main context until `done (data)` holds, failing the test after two minutes
 * with "timed out waiting for `what`". */
typedef gboolean (*CsTestCondition) (gpointer data);

void        cs_test_wait_for           (CsTestCondition  done,
                                        gpointer         data,
                                        const char      *what);
/* Runs the default main context for `milliseconds`. */
void        cs_test_spin               (int              milliseconds);
/* A GAsyncReadyCallback that keeps the result in *(GAsyncResult **) data, and the wait for it:
 * returns the result, which the caller owns. */
void        cs_test_keep_result        (GObject         *object,
                                        GAsyncResult    *result,
                                        gpointer         data);
GAsyncResult *cs_test_wait_result      (GAsyncResult   **result,
                                        const char      *what);

/* The string the "__metadata__" table of a safetensors file holds for key, or NULL, read from
 * the file's JSON header apart from the core's reader, which checks the table but keeps none of
 * it. */
char       *cs_test_safetensors_metadata (const char    *path,
                                          const char    *key);

/* Asserts a CS_ERROR_IO worded as every file error is: "path: cannot verb: strerror (errsv)". */
void        cs_test_assert_io_error    (const GError    *error,
                                        const char      *path,
                                        const char      *verb,
                                        int              errsv);

#define cs_test_assert_contains(haystack, needle) \
  G_STMT_START { \
    const char *__h = (haystack), *__n = (needle); \
    if (strstr (__h, __n) == NULL) \
      g_error ("%s:%d: expected “%s” in “%s”", __FILE__, __LINE__, __n, __h); \
  } G_STMT_END

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsTestDir, cs_test_dir_free)

/* What crowdscope-cli ($CS_CLI) printed and how it exited (−1: killed by a signal). */
typedef struct
{
  int   status;
  char *out;
  char *err;
} CsTestCliResult;

void        cs_test_cli_result_clear   (CsTestCliResult *r);
/* Runs crowdscope-cli with the NULL-terminated arguments. */
void        cs_test_run_cli            (CsTestCliResult *r,
                                        const char      *first,
                                        ...) G_GNUC_NULL_TERMINATED;
void        cs_test_run_cli_valist     (CsTestCliResult *r,
                                        const char      *first,
                                        va_list          ap);
void        cs_test_run_cli_argv       (CsTestCliResult    *r,
                                        const char * const *args /* NULL-terminated */);
/* Runs crowdscope-cli with the NULL-terminated arguments and asserts its exit status and that
 * its stderr holds `message`. */
void        cs_test_assert_cli_fails   (int              status,
                                        const char      *message,
                                        const char      *first,
                                        ...) G_GNUC_NULL_TERMINATED;
/* The JSON object text holds; the test fails when it holds anything else. */
JsonObject *cs_test_parse_object       (JsonParser      *parser,
                                        const char      *text);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CsTestCliResult, cs_test_cli_result_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsTestNoiseBuffers, cs_test_noise_buffers_free)

G_END_DECLS
