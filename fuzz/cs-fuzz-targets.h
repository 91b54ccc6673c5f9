/* cs-fuzz-targets.h — the fuzz targets, shared by the libFuzzer programs and the replay test
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each fuzz-<name>.c defines cs_fuzz_<name>(), which feeds one input to one parser and checks
 * the outcome: on success everything is freed, on failure the GError must be in CS_ERROR with
 * a non-empty UTF-8 message. The same functions run under libFuzzer (the files built with
 * CS_FUZZ_LIBFUZZER) and in tests/test-fuzz-regressions.c, which replays the corpora and the
 * saved crashes in every build.
 */

#pragma once

#include <glib.h>
#include <stdint.h>

#include "cs-types.h"

G_BEGIN_DECLS

typedef void (*CsFuzzFunc) (const guint8 *data,
                            gsize         len);

typedef struct
{
  const char *name;   /* as in fuzz-<name>.c, fuzz/corpus/<name>/ and fuzz/regressions/<name>/ */
  CsFuzzFunc  func;
} CsFuzzTarget;

void                cs_fuzz_init              (void);
void                cs_fuzz_check_error       (GError        *error);
void                cs_fuzz_check_result      (gboolean       ok,
                                               GError        *error);
const CsFuzzTarget *cs_fuzz_get_targets       (guint         *n);
const char         *cs_fuzz_get_dataset_dir   (void);
void                cs_fuzz_check_dataset     (const CsDataset *dataset);

void cs_fuzz_answers           (const guint8 *data, gsize len);
void cs_fuzz_checkpoint_config (const guint8 *data, gsize len);
void cs_fuzz_crowd_table       (const guint8 *data, gsize len);
void cs_fuzz_csv               (const guint8 *data, gsize len);
void cs_fuzz_manifest          (const guint8 *data, gsize len);
void cs_fuzz_npy_f32           (const guint8 *data, gsize len);
void cs_fuzz_npy_header        (const guint8 *data, gsize len);
void cs_fuzz_npy_i32           (const guint8 *data, gsize len);
void cs_fuzz_safetensors       (const guint8 *data, gsize len);
void cs_fuzz_text_lines        (const guint8 *data, gsize len);

/* Ends each fuzz-<name>.c: the libFuzzer entry points when built as a fuzzer, nothing when
 * built into the library the replay test links. */
#ifdef CS_FUZZ_LIBFUZZER
#define CS_FUZZ_ENTRY_POINT(func) \
  int LLVMFuzzerInitialize (int *argc, char ***argv); \
  int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size); \
  int \
  LLVMFuzzerInitialize (int    *argc, \
                        char ***argv) \
  { \
    cs_fuzz_init (); \
    return 0; \
  } \
  int \
  LLVMFuzzerTestOneInput (const uint8_t *data, \
                          size_t         size) \
  { \
    func (data, size); \
    return 0; \
  }
#else
#define CS_FUZZ_ENTRY_POINT(func)
#endif

G_END_DECLS
