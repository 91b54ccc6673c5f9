/* cs-fuzz-targets.c — the list of fuzz targets the replay test runs
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the library the test links holds this list: a libFuzzer program has one target, and
 * naming the others would pull them all in.
 */

#include "cs-fuzz-targets.h"

static const CsFuzzTarget targets[] = {
  { "answers", cs_fuzz_answers },
  { "checkpoint-config", cs_fuzz_checkpoint_config },
  { "crowd-table", cs_fuzz_crowd_table },
  { "csv", cs_fuzz_csv },
  { "manifest", cs_fuzz_manifest },
  { "npy-f32", cs_fuzz_npy_f32 },
  { "npy-header", cs_fuzz_npy_header },
  { "npy-i32", cs_fuzz_npy_i32 },
  { "safetensors", cs_fuzz_safetensors },
  { "text-lines", cs_fuzz_text_lines },
};

const CsFuzzTarget *
cs_fuzz_get_targets (guint *n)
{
  *n = G_N_ELEMENTS (targets);
  return targets;
}
