/* write-formats.c — writes and dumps files for the Python cross-checks
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * check-safetensors.py and check-tfevents.py run this program to get files written by the core,
 * which they read with independent code, and check-safetensors.py to have the core read files it
 * wrote (the core reads no event files). The values follow formulas the scripts repeat, so both
 * sides know what to expect.
 *
 *   write-formats write DIR             DIR/model.safetensors and DIR/logs/events.out.tfevents.*
 *   write-formats dump-safetensors FILE one line per tensor: name, dtype, shape, data in hex
 */

#include <stdio.h>
#include <string.h>

#include "cs-file.h"
#include "cs-safetensors.h"
#include "cs-tfevents.h"

#define N_STEPS 25

static void
add_expected_tensors (CsTensors *t)
{
  static const int64_t embedding_shape[2] = { 7, 5 };
  static const int64_t bias_shape[1] = { 5 };
  static const int64_t confusion_shape[4] = { 3, 2, 2, 2 };
  static const int64_t labels_shape[1] = { 11 };
  static const int64_t empty_shape[2] = { 0, 4 };
  float embedding[35], bias[5], confusion[24], scalar = 42.5f;
  int32_t labels[11];

  for (int i = 0; i < 35; i++)
    embedding[i] = (float) ((i - 17) / 3.0);
  for (int i = 0; i < 5; i++)
    bias[i] = (float) (1e-3 * i * (i % 2 == 0 ? 1 : -1));
  for (int i = 0; i < 24; i++)
    confusion[i] = (float) (i * 0.1);
  for (int i = 0; i < 11; i++)
    labels[i] = (i * 7919) % 23 - 11;
  labels[0] = G_MININT32;
  labels[10] = G_MAXINT32;

  cs_tensors_add (t, "embedding.weight", CS_TENSOR_F32, 2, embedding_shape, embedding);
  cs_tensors_add (t, "classifier.bias", CS_TENSOR_F32, 1, bias_shape, bias);
  cs_tensors_add (t, "confusion", CS_TENSOR_F32, 4, confusion_shape, confusion);
  cs_tensors_add (t, "labels", CS_TENSOR_I32, 1, labels_shape, labels);
  cs_tensors_add (t, "scalar", CS_TENSOR_F32, 0, NULL, &scalar);
  cs_tensors_add (t, "empty", CS_TENSOR_F32, 2, empty_shape, NULL);
  cs_tensors_set_metadata (t, "crowdscope.version", "0.1.0");
  cs_tensors_set_metadata (t, "epoch", "12");
  cs_tensors_set_metadata (t, "text", "ünï \"q\"\n\\");
}

static gboolean
write_events (const char  *log_dir,
              GError     **error)
{
  g_autoptr(CsEventWriter) writer = cs_event_writer_new (log_dir, error);

  if (writer == NULL)
    return FALSE;

  for (int step = 0; step < N_STEPS; step++)
    {
      double wall_time = 1700000000.0 + step * 0.5;

      if (!cs_event_writer_add_scalar (writer, "loss/train", step, (float) (1.0 / (step + 1)),
                                       wall_time, error)
          || !cs_event_writer_add_scalar (writer, "accuracy/valid", step, (float) (step / 25.0),
                                          wall_time, error))
        return FALSE;
    }

  return cs_event_writer_add_scalar (writer, "ünïcode tag", -1, -0.0f, 1700000100.0, error)
         && cs_event_writer_flush (writer, error);
}

static gboolean
write_all (const char  *dir,
           GError     **error)
{
  g_autoptr(CsTensors) t = cs_tensors_new ();
  g_autofree char *model = g_build_filename (dir, "model.safetensors", NULL);
  g_autofree char *logs = g_build_filename (dir, "logs", NULL);

  add_expected_tensors (t);
  return cs_file_ensure_dir (dir, error)
         && cs_tensors_save (t, model, error)
         && write_events (logs, error);
}

static void
print_tensor (const CsTensors *t,
              const char      *name)
{
  g_autoptr(GString) line = g_string_new (name);
  CsTensorDtype dtype;
  int64_t shape[4];
  int ndim;
  const guint8 *data = cs_tensors_get (t, name, &dtype, &ndim, shape);
  gsize nbytes = 4;

  g_string_append_printf (line, "\t%s\t", cs_tensor_dtype_to_string (dtype));
  for (int d = 0; d < ndim; d++)
    {
      g_string_append_printf (line, "%s%" G_GINT64_FORMAT, d > 0 ? "," : "", shape[d]);
      nbytes *= (gsize) shape[d];
    }
  g_string_append_c (line, '\t');
  for (gsize i = 0; i < nbytes; i++)
    g_string_append_printf (line, "%02x", data[i]);
  printf ("tensor\t%s\n", line->str);
}

static gboolean
dump_safetensors (const char  *path,
                  GError     **error)
{
  g_autoptr(CsTensors) t = cs_tensors_load (path, error);

  if (t == NULL)
    return FALSE;

  for (guint i = 0; i < cs_tensors_get_n (t); i++)
    print_tensor (t, cs_tensors_get_name (t, i));
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (argc != 3)
    {
      fprintf (stderr, "usage: %s write DIR | dump-safetensors FILE\n",
               argv[0]);
      return 2;
    }

  if (strcmp (argv[1], "write") == 0)
    ok = write_all (argv[2], &error);
  else if (strcmp (argv[1], "dump-safetensors") == 0)
    ok = dump_safetensors (argv[2], &error);
  else
    {
      fprintf (stderr, "unknown command %s\n", argv[1]);
      return 2;
    }

  if (!ok)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  return 0;
}
