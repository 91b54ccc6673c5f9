/* demo-gallery.c — chart-demo's gallery: a grid of item tiles over a real dataset's split, with
 * made-up predictions
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "cs-dataset.h"
#include "cs-item-tile.h"
#include "demo-gallery.h"

#define WRONG_SHARE 0.25

/* What the grid's factory binds from. */
typedef struct
{
  CsDataset        *dataset;
  CsThumbnailCache *cache;
  GArray           *predicted;     /* of int, by position: a class, or -1 for none */
  GArray           *probability;   /* of double, by position; NaN: not known */
  char             *scratch;       /* the broken items' folder, removed with the gallery */
} Gallery;

static const char * const scratch_files[] = {
  "images/notes.jpg", "train.csv", "crowd.csv", "crowdscope.ini", "images", NULL,
};

static void
gallery_free (Gallery *gallery)
{
  for (guint i = 0; gallery->scratch != NULL && scratch_files[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (gallery->scratch, scratch_files[i], NULL);

      g_remove (path);
    }
  if (gallery->scratch != NULL)
    g_rmdir (gallery->scratch);
  g_free (gallery->scratch);
  g_clear_pointer (&gallery->dataset, cs_dataset_unref);
  g_clear_object (&gallery->cache);
  g_array_unref (gallery->predicted);
  g_array_unref (gallery->probability);
  g_free (gallery);
}

static gboolean
write_scratch (const char  *dir,
               const char  *relative,
               const char  *text,
               GError     **error)
{
  g_autofree char *path = g_build_filename (dir, relative, NULL);

  return g_file_set_contents (path, text, -1, error);
}

/* Two items of the dataset's first classes whose images cannot be shown: one missing, one a
 * text file named .jpg. */
static CsDataset *
load_broken (Gallery          *gallery,
             const CsDataset  *dataset,
             GError          **error)
{
  const char *a = dataset->class_names[0], *b = dataset->class_names[1 % dataset->n_classes];
  g_autofree char *classes = g_strjoinv (";", dataset->class_names);
  g_autofree char *table = g_strdup_printf ("id,class,image,f0\nmissing-photo,%s,missing.jpg,0\n"
                                            "not-a-photo,%s,notes.jpg,1\n", a, b);
  g_autofree char *crowd = g_strdup_printf ("item,annotator,label\nmissing-photo,w1,%s\n"
                                            "missing-photo,w2,%s\nnot-a-photo,w1,%s\n", a, b, b);
  g_autofree char *manifest = g_strdup_printf ("[dataset]\nname=broken\nclasses=%s\n"
                                               "standardize=no\n[train]\nfeatures=train.csv\n"
                                               "feature-columns=f0\nid-column=id\n"
                                               "gold-column=class\nimage-column=image\n"
                                               "images=images\ncrowd=crowd.csv\n", classes);
  g_autofree char *images = NULL;
  g_autofree char *path = NULL;

  if ((gallery->scratch = g_dir_make_tmp ("crowdscope-demo-XXXXXX", error)) == NULL)
    return NULL;
  images = g_build_filename (gallery->scratch, "images", NULL);
  path = g_build_filename (gallery->scratch, "crowdscope.ini", NULL);
  if (g_mkdir (images, 0700) != 0 ||
      !write_scratch (gallery->scratch, "images/notes.jpg", "not a picture\n", error) ||
      !write_scratch (gallery->scratch, "train.csv", table, error) ||
      !write_scratch (gallery->scratch, "crowd.csv", crowd, error) ||
      !write_scratch (gallery->scratch, "crowdscope.ini", manifest, error))
    return NULL;
  return cs_dataset_load (path, NULL, error);
}

/* The model's made-up answer for an item: its gold class most of the time, another one
 * otherwise, more sure when right; an item without gold gets none. */
static void
predict (Gallery *gallery,
         GRand   *rand,
         CsItem  *item)
{
  int K = gallery->dataset->n_classes, gold = cs_item_get_gold (item), predicted = -1;
  gboolean wrong = g_rand_double (rand) < WRONG_SHARE;
  double probability = NAN;

  if (gold >= 0)
    {
      predicted = wrong ? (gold + g_rand_int_range (rand, 1, K)) % K : gold;
      probability = wrong ? g_rand_double_range (rand, 0.3, 0.7) : g_rand_double_range (rand, 0.55, 1);
    }
  g_array_append_val (gallery->predicted, predicted);
  g_array_append_val (gallery->probability, probability);
}

static void
append_split (Gallery         *gallery,
              GListStore      *items,
              const CsDataset *dataset,
              CsSplitKind      split,
              GRand           *rand)
{
  for (int i = 0; i < dataset->splits[split].n; i++)
    {
      g_autoptr(CsItem) item = cs_item_new (dataset, split, i);

      predict (gallery, rand, item);
      g_list_store_append (items, item);
    }
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          Gallery                  *gallery)
{
  GtkWidget *tile = cs_item_tile_new (gallery->cache);

  cs_item_tile_set_classes (CS_ITEM_TILE (tile),
                            (const char * const *) gallery->dataset->class_names);
  gtk_list_item_set_child (list_item, tile);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         Gallery                  *gallery)
{
  CsItemTile *tile = CS_ITEM_TILE (gtk_list_item_get_child (list_item));
  guint i = gtk_list_item_get_position (list_item);
  int predicted = g_array_index (gallery->predicted, int, i);

  cs_item_tile_set_item (tile, gtk_list_item_get_item (list_item));
  cs_item_tile_set_prediction (tile,
                               predicted >= 0 ? gallery->dataset->class_names[predicted] : NULL,
                               g_array_index (gallery->probability, double, i));
}

/* A grid of the split's items, after two whose images cannot be shown when the dataset has
 * images. */
GtkWidget *
demo_gallery_new (const char  *path,
                  CsSplitKind  split,
                  GError     **error)
{
  Gallery *gallery = g_new0 (Gallery, 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (14);
  g_autoptr(GListStore) items = g_list_store_new (CS_TYPE_ITEM);
  GtkListItemFactory *factory;
  GtkWidget *grid, *scrolled;

  gallery->predicted = g_array_new (FALSE, FALSE, sizeof (int));
  gallery->probability = g_array_new (FALSE, FALSE, sizeof (double));
  gallery->cache = cs_thumbnail_cache_new (CS_THUMBNAIL_CACHE_DEFAULT_MAX_BYTES);
  if ((gallery->dataset = cs_dataset_load (path, NULL, error)) == NULL ||
      !gallery->dataset->splits[split].present)
    {
      if (gallery->dataset != NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s has no %s split", path,
                     cs_split_kind_to_string (split));
      gallery_free (gallery);
      return NULL;
    }
  if (gallery->dataset->splits[split].image_paths != NULL)
    {
      g_autoptr(CsDataset) broken = load_broken (gallery, gallery->dataset, error);

      if (broken == NULL)
        {
          gallery_free (gallery);
          return NULL;
        }
      append_split (gallery, items, broken, CS_SPLIT_TRAIN, rand);
    }
  append_split (gallery, items, gallery->dataset, split, rand);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), gallery);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), gallery);
  grid = gtk_grid_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (items)))),
                            factory);
  gtk_grid_view_set_max_columns (GTK_GRID_VIEW (grid), 12);
  g_object_set_data_full (G_OBJECT (grid), "gallery", gallery, (GDestroyNotify) gallery_free);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), grid);
  gtk_widget_set_vexpand (scrolled, TRUE);
  return scrolled;
}
