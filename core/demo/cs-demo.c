/* cs-demo.c — the demo dataset a new user can open without downloading anything
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-demo.h"

#include "cs-demo-shapes.h"
#include "cs-file.h"
#include "cs-image-features.h"
#include "cs-png.h"
#include "cs-rng.h"
#include "cs-simulate.h"

#define N_CLASSES  CS_DEMO_N_SHAPES
#define N_FEATURES CS_IMAGE_FEATURES_DIM

/* The planted common confusion: a third of the crowd mixes up the look-alike pairs, both ways.
 * This is what CoNAL's global confusion matrix should find. */
static const int32_t demo_common_pairs[] = {
  CS_DEMO_SHAPE_CIRCLE, CS_DEMO_SHAPE_RING,
  CS_DEMO_SHAPE_RING, CS_DEMO_SHAPE_CIRCLE,
  CS_DEMO_SHAPE_SQUARE, CS_DEMO_SHAPE_DIAMOND,
  CS_DEMO_SHAPE_DIAMOND, CS_DEMO_SHAPE_SQUARE,
};

typedef struct
{
  const char *name;
  int         n;
  int32_t    *gold;      /* [n] */
  float      *features;  /* [n, N_FEATURES] */
} DemoSplit;

static void
demo_split_clear (DemoSplit *split)
{
  g_clear_pointer (&split->gold, g_free);
  g_clear_pointer (&split->features, g_free);
}

static void
demo_crowd_spec (CsCrowdSpec *spec,
                 uint64_t     seed)
{
  cs_crowd_spec_init_default (spec);
  spec->n_annotators = CS_DEMO_N_ANNOTATORS;
  spec->labels_per_item = 3.0;
  spec->share_spammer = 0.1;
  spec->share_swapper = 0.1;
  spec->share_common = 1.0 / 3.0;
  spec->reliable_accuracy = 0.85;
  spec->common_strength = 0.6;
  spec->common_pairs = demo_common_pairs;
  spec->n_common_pairs = G_N_ELEMENTS (demo_common_pairs) / 2;
  spec->seed = seed;
}

static char *
item_id (const DemoSplit *split,
         int              i)
{
  return g_strdup_printf ("%s-%04d", split->name, i + 1);
}

static char *
annotator_id (int r)
{
  return g_strdup_printf ("worker-%02d", r + 1);
}

/* Equal numbers of each class, in random order. */
static void
balanced_gold (int32_t  *gold,
               int       n,
               CsRng *rng)
{
  g_autofree int *order = g_new (int, n);

  for (int i = 0; i < n; i++)
    order[i] = i % N_CLASSES;
  cs_rng_shuffle (rng, order, n);
  for (int i = 0; i < n; i++)
    gold[i] = order[i];
}

/* Draws every image of a split, writes it as images/<split>/<id>.png and keeps its features. */
static gboolean
draw_split (DemoSplit   *split,
            const char  *dir,
            CsRng    *rng,
            GError     **error)
{
  const int size = CS_DEMO_IMAGE_SIZE;
  g_autofree char *folder = g_build_filename (dir, "images", split->name, NULL);
  g_autofree guint8 *rgb = g_new (guint8, size * size * 3);

  if (!cs_file_ensure_dir (folder, error))
    return FALSE;
  split->gold = g_new (int32_t, split->n);
  split->features = g_new (float, (gsize) split->n * N_FEATURES);
  balanced_gold (split->gold, split->n, rng);

  for (int i = 0; i < split->n; i++)
    {
      g_autofree char *id = item_id (split, i);
      g_autofree char *file = g_strconcat (id, ".png", NULL);
      g_autofree char *path = g_build_filename (folder, file, NULL);

      g_autoptr(GBytes) png = NULL;

      cs_demo_shape_draw (rgb, size, split->gold[i], rng);
      cs_image_features (split->features + (gsize) i * N_FEATURES, rgb, size, size);
      if (!(png = cs_png_encode_rgb (size, size, size * 3, rgb, NULL, error)) ||
          !cs_file_write_atomic (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png), error))
        return FALSE;
    }
  return TRUE;
}

/* Writes <split>.csv: id, image, class, then the features f0, f1, …. Numbers are formatted with
 * g_ascii_formatd so a user's locale cannot turn decimal points into commas. */
static gboolean
write_features (const DemoSplit  *split,
                const char       *dir,
                GError          **error)
{
  g_autofree char *file = g_strconcat (split->name, ".csv", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GString) csv = g_string_sized_new ((gsize) split->n * N_FEATURES * 9);
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (csv, "id,image,class");
  for (int j = 0; j < N_FEATURES; j++)
    g_string_append_printf (csv, ",f%d", j);
  g_string_append_c (csv, '\n');

  for (int i = 0; i < split->n; i++)
    {
      g_autofree char *id = item_id (split, i);
      const float *x = split->features + (gsize) i * N_FEATURES;

      g_string_append_printf (csv, "%s,%s.png,%s", id, id, cs_demo_shape_name (split->gold[i]));
      for (int j = 0; j < N_FEATURES; j++)
        {
          g_string_append_c (csv, ',');
          g_string_append (csv, g_ascii_formatd (number, sizeof number, "%.5g", x[j]));
        }
      g_string_append_c (csv, '\n');
    }
  return cs_file_write_atomic (path, csv->str, csv->len, error);
}

/* Writes crowd.csv in long form, labels by class name, sorted by item then annotator. */
static gboolean
write_crowd (const CsSimulatedCrowd  *crowd,
             const DemoSplit         *train,
             const char              *dir,
             GError                 **error)
{
  g_autofree char *path = g_build_filename (dir, "crowd.csv", NULL);
  g_autoptr(GString) csv = g_string_sized_new ((gsize) crowd->n_labels * 32);

  g_string_append (csv, "item,annotator,label\n");
  for (int l = 0; l < crowd->n_labels; l++)
    {
      const CsCrowdLabel *x = &crowd->labels[l];
      g_autofree char *id = item_id (train, x->item);
      g_autofree char *who = annotator_id (x->annotator);

      g_string_append_printf (csv, "%s,%s,%s\n", id, who, cs_demo_shape_name (x->label));
    }
  return cs_file_write_atomic (path, csv->str, csv->len, error);
}

/* Writes planted.json: what the simulated crowd really does, so a user can hold a model's
 * estimates against it. */
static gboolean
write_planted (const CsSimulatedCrowd  *crowd,
               const CsCrowdSpec       *spec,
               const char              *dir,
               GError                 **error)
{
  g_autofree char *path = g_build_filename (dir, "planted.json", NULL);
  g_autoptr(GPtrArray) annotators = g_ptr_array_new_with_free_func (g_free);
  const char *classes[N_CLASSES];

  for (int k = 0; k < N_CLASSES; k++)
    classes[k] = cs_demo_shape_name (k);
  for (int r = 0; r < crowd->R; r++)
    g_ptr_array_add (annotators, annotator_id (r));
  return cs_simulated_crowd_save (crowd, spec, classes, (const char * const *) annotators->pdata,
                                  path, error);
}

static void
describe_split (GKeyFile   *manifest,
                const char *name,
                gboolean    with_crowd)
{
  g_autofree char *features = g_strconcat (name, ".csv", NULL);
  g_autofree char *images = g_strconcat ("images/", name, NULL);

  g_key_file_set_string (manifest, name, "features", features);
  g_key_file_set_string (manifest, name, "id-column", "id");
  g_key_file_set_string (manifest, name, "gold-column", "class");
  g_key_file_set_string (manifest, name, "image-column", "image");
  g_key_file_set_string (manifest, name, "images", images);
  if (with_crowd)
    g_key_file_set_string (manifest, name, "crowd", "crowd.csv");
}

static gboolean
write_manifest (const char  *dir,
                uint64_t     seed,
                GError     **error)
{
  g_autofree char *path = g_build_filename (dir, CS_DEMO_MANIFEST, NULL);
  g_autoptr(GKeyFile) manifest = g_key_file_new ();
  g_autofree char *comment = NULL;
  g_autofree char *text = NULL;
  const char *classes[N_CLASSES];
  gsize length;

  for (int k = 0; k < N_CLASSES; k++)
    classes[k] = cs_demo_shape_name (k);
  g_key_file_set_string (manifest, "dataset", "name", "Shapes (demo)");
  g_key_file_set_string_list (manifest, "dataset", "classes", classes, N_CLASSES);
  describe_split (manifest, "train", TRUE);
  describe_split (manifest, "valid", FALSE);
  describe_split (manifest, "test", FALSE);
  comment = g_strdup_printf (" The Crowdscope demo dataset, drawn with seed %" G_GUINT64_FORMAT
                             ". Its crowd labels are\n simulated; planted.json says how each "
                             "annotator really behaves.", seed);
  g_key_file_set_comment (manifest, NULL, NULL, comment, NULL);
  text = g_key_file_to_data (manifest, &length, NULL);
  return cs_file_write_atomic (path, text, length, error);
}

/* Images, features and gold of the three splits, then the crowd on train. Everything comes
 * from one generator seeded with `seed`, in a fixed order, so one seed gives the same bytes. */
gboolean
cs_demo_write (const char  *dir,
               uint64_t     seed,
               GError     **error)
{
  DemoSplit splits[] = {
    { "train", CS_DEMO_N_TRAIN },
    { "valid", CS_DEMO_N_VALID },
    { "test", CS_DEMO_N_TEST },
  };
  g_autoptr(CsSimulatedCrowd) crowd = NULL;
  CsCrowdSpec spec;
  CsRng rng;
  gboolean ok = TRUE;

  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  cs_rng_init (&rng, seed);
  ok = cs_file_ensure_dir (dir, error);
  for (guint s = 0; ok && s < G_N_ELEMENTS (splits); s++)
    ok = draw_split (&splits[s], dir, &rng, error) && write_features (&splits[s], dir, error);
  if (ok)
    {
      demo_crowd_spec (&spec, cs_rng_next (&rng));
      crowd = cs_simulate_crowd (splits[0].gold, splits[0].n, N_CLASSES, &spec, error);
      ok = crowd != NULL
           && write_crowd (crowd, &splits[0], dir, error)
           && write_planted (crowd, &spec, dir, error)
           && write_manifest (dir, seed, error);
    }
  for (guint s = 0; s < G_N_ELEMENTS (splits); s++)
    demo_split_clear (&splits[s]);
  return ok;
}
