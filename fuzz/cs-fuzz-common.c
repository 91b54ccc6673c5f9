/* cs-fuzz-common.c — what every fuzz target shares: the error and dataset checks, a dataset
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs-dataset.h"
#include "cs-error.h"
#include "cs-file.h"
#include "cs-fuzz-targets.h"
#include "cs-npy.h"

static char *dataset_dir;

#ifdef CS_FUZZ_LIBFUZZER
/* g_error() and fatal criticals stop the program with SIGTRAP, which libFuzzer does not catch
 * by itself; with this, AddressSanitizer reports it and libFuzzer saves the input. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "handle_sigtrap=1";
}
#endif

/* A parser that calls g_return_if_fail() or warns on some input has a bug just as much as one
 * that crashes, so both abort here and the fuzzer keeps the input. */
void
cs_fuzz_init (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

/* The contract of every parser in the core: a failure sets a CS_ERROR whose message a person
 * can read. g_error() aborts, which the fuzzer reports as a crash with this input. */
void
cs_fuzz_check_error (GError *error)
{
  if (error == NULL)
    g_error ("the parser failed without setting an error");
  if (error->domain != CS_ERROR)
    g_error ("the error is in domain %s, expected CS_ERROR: %s",
             g_quark_to_string (error->domain), error->message);
  if (error->message == NULL || error->message[0] == '\0')
    g_error ("the error (code %d) has an empty message", error->code);
  if (!g_utf8_validate (error->message, -1, NULL))
    {
      g_autofree char *escaped = g_strescape (error->message, NULL);

      g_error ("the error message is not valid UTF-8: %s", escaped);
    }
  g_error_free (error);
}

void
cs_fuzz_check_result (gboolean  ok,
                      GError   *error)
{
  if (!ok)
    cs_fuzz_check_error (error);
  else if (error != NULL)
    g_error ("the parser succeeded but set an error: %s", error->message);
}

static void
check_offsets (const int *offsets,
               int        n,
               int        total)
{
  if (offsets[0] != 0 || offsets[n] != total)
    g_error ("offsets run from %d to %d, expected 0 to %d", offsets[0], offsets[n], total);
  for (int i = 0; i < n; i++)
    if (offsets[i] > offsets[i + 1])
      g_error ("offsets decrease at %d", i);
}

static void
check_split (const CsDataset *dataset,
             const CsSplit   *split)
{
  int K = dataset->n_classes, R = dataset->n_annotators;

  if (split->n < 1 || split->item_ids == NULL || g_strv_length (split->item_ids) != (guint) split->n)
    g_error ("a split of %d items has no id for each", split->n);
  for (int i = 0; split->gold != NULL && i < split->n; i++)
    if (split->gold[i] < -1 || split->gold[i] >= K)
      g_error ("gold label %d of item %d is outside the %d classes", split->gold[i], i, K);
  for (int l = 0; l < split->n_labels; l++)
    {
      const CsCrowdLabel *label = &split->labels[l];

      if (label->item < 0 || label->item >= split->n || label->annotator < 0 ||
          label->annotator >= R || label->label < 0 || label->label >= K)
        g_error ("crowd label %d (%d, %d, %d) is out of range", l, label->item,
                 label->annotator, label->label);
      if (split->by_annotator[l] < 0 || split->by_annotator[l] >= split->n_labels)
        g_error ("by_annotator[%d] = %d is out of range", l, split->by_annotator[l]);
    }
  check_offsets (split->item_offsets, split->n, split->n_labels);
  check_offsets (split->annotator_offsets, R, split->n_labels);
}

/* What every loaded dataset promises its users (cs-dataset.h), checked field by field. */
void
cs_fuzz_check_dataset (const CsDataset *dataset)
{
  g_autofree char *fingerprint = NULL;

  if (dataset->n_classes < 2 || g_strv_length (dataset->class_names) != (guint) dataset->n_classes)
    g_error ("%d classes do not match the class names", dataset->n_classes);
  if (g_strv_length (dataset->annotator_ids) != (guint) dataset->n_annotators)
    g_error ("%d annotators do not match the annotator ids", dataset->n_annotators);
  if (!dataset->splits[CS_SPLIT_TRAIN].present || dataset->d < 1)
    g_error ("the dataset has no train split or no features");
  for (int s = 0; s < CS_N_SPLITS; s++)
    if (dataset->splits[s].present)
      check_split (dataset, &dataset->splits[s]);
  fingerprint = cs_dataset_fingerprint (dataset);
  if (fingerprint == NULL || fingerprint[0] == '\0')
    g_error ("the dataset has no fingerprint");
}

/* Removes the dataset folder: only regular files and folders are in it, all made below. */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
remove_dataset_dir (void)
{
  if (dataset_dir != NULL)
    remove_tree (dataset_dir);
  g_clear_pointer (&dataset_dir, g_free);
}

static void
write_file (const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dataset_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  if (!cs_file_write_atomic (path, text, strlen (text), &error))
    g_error ("%s", error->message);
}

static void
write_npy (const char  *name,
           const float *values,
           int          ndim,
           gsize        rows,
           gsize        cols)
{
  g_autofree char *path = g_build_filename (dataset_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  gsize shape[2] = { rows, cols };

  if (!cs_npy_save_f32 (path, values, ndim, shape, &error))
    g_error ("%s", error->message);
}

/*
 * cs_fuzz_get_dataset_dir:
 *
 * A small dataset of every file kind a manifest can name, made once in a temporary folder and
 * removed at exit, so that a fuzzed manifest's relative paths can reach real files. Train has
 * the items a, b and c; the classes are cat and dog.
 *
 * Returns: the folder
 */
const char *
cs_fuzz_get_dataset_dir (void)
{
  static const float train[] = { 0.5f, 1.0f, 1.5f, -2.0f, 2.0f, 0.25f };
  static const float test[] = { 1.0f, 2.0f, 3.0f, 4.0f };
  static const float gold[] = { 0.0f, 1.0f, -1.0f };
  g_autofree char *images = NULL;
  g_autoptr(GError) error = NULL;

  if (dataset_dir != NULL)
    return dataset_dir;

  dataset_dir = g_dir_make_tmp ("crowdscope-fuzz-XXXXXX", &error);
  if (dataset_dir == NULL)
    g_error ("%s", error->message);
  atexit (remove_dataset_dir);

  write_file ("classes.txt", "cat\ndog\n");
  write_file ("train.csv", "id,f1,f2,class,image\n"
                           "a,0.5,1,cat,a.png\n"
                           "b,1.5,-2,dog,b.png\n"
                           "c,2,0.25,1,missing.png\n");
  write_file ("valid.csv", "f1,f2,class\n3,4,dog\n-1,0,0\n");
  write_file ("ids.txt", "a\nb\nc\n");
  write_file ("gold.txt", "cat\ndog\n-1\n");
  write_file ("gold-table.csv", "item,label\nc,dog\na,0\n");
  write_file ("files.txt", "a.png\nb.png\nc.png\n");
  write_file ("crowd.csv", "item,annotator,label\na,w1,cat\nb,w1,dog\nc,w2,1\na,w2,dog\n");
  write_file ("answers.txt", "0 1\n1 -1\n-1 0\n");
  write_npy ("train.npy", train, 2, 3, 2);
  write_npy ("test.npy", test, 2, 2, 2);
  write_npy ("gold.npy", gold, 1, 3, 1);

  images = g_build_filename (dataset_dir, "images", NULL);
  if (g_mkdir (images, 0700) != 0)
    g_error ("%s: could not make the folder", images);
  write_file ("images/a.png", "");
  write_file ("images/b.png", "");

  return dataset_dir;
}
