/* test-item-tile.c
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <math.h>

#include "cs-item-tile.h"
#include "cs-ui-test.h"
#include "cs-vote-bar.h"
#include "cs-window-test.h"
#include "test-util.h"

#define WIDTH  240
#define HEIGHT 320

/* The items of the small dataset, in its order. */
enum { COAST, FOREST, MISSING, NOTES, LARGE, N_ITEMS };

#define COAST_RGB  0x8040c0
#define FOREST_RGB 0x40a040

typedef struct
{
  CsTestDir        *tmp;
  CsDataset        *images;  /* the items with their images */
  CsDataset        *cards;   /* the same items without */
  CsThumbnailCache *cache;
  CsItemTile       *tile;    /* the test's reference */
  GtkWidget        *frame;   /* around the tile: what is drawn, its CSS border and padding too */
  GtkWidget        *window;
} Fixture;

static const char * const classes[] = { "coast", "forest", "street", NULL };

/* ---- Helpers ------------------------------------------------------------------------------ */

/* Five items: two with images, one whose image is missing, one whose "image" is text and one
 * with a large image; the crowd gave the coast two votes for coast and one for forest. */
static CsDataset *
write_dataset (CsTestDir  *tmp,
               const char *name,
               gboolean    with_images)
{
  g_autofree char *manifest = g_strdup_printf ("%s/crowdscope.ini", name);
  g_autofree char *csv = g_strdup_printf ("%s/train.csv", name);
  g_autofree char *crowd = g_strdup_printf ("%s/crowd.csv", name);
  g_autoptr(GError) error = NULL;
  CsDataset *dataset;

  cs_test_dir_write (tmp, csv, "id,class,image,f0\ncoast-1,coast,coast.png,0.1\n"
                     "forest-1,forest,forest.png,0.2\nstreet-1,street,missing.png,0.3\n"
                     "street-2,street,notes.jpg,0.4\nlarge-1,forest,large.png,0.5\n");
  cs_test_dir_write (tmp, crowd, "item,annotator,label\ncoast-1,a,coast\ncoast-1,b,coast\n"
                     "coast-1,c,forest\nforest-1,a,forest\nstreet-1,a,street\n"
                     "street-1,b,coast\nstreet-2,a,street\n");
  cs_test_dir_write (tmp, manifest,
                     "[dataset]\nname=%s\nclasses=coast;forest;street\nstandardize=no\n"
                     "[train]\nfeatures=train.csv\nfeature-columns=f0\nid-column=id\n"
                     "gold-column=class\ncrowd=crowd.csv\n%s", name,
                     with_images ? "image-column=image\nimages=images\n" : "");
  if (with_images)
    {
      g_autofree char *notes = g_strdup_printf ("%s/images/notes.jpg", name);
      g_autofree char *coast = g_strdup_printf ("%s/images/coast.png", name);
      g_autofree char *forest = g_strdup_printf ("%s/images/forest.png", name);

      cs_test_dir_write (tmp, notes, "a note, not a picture\n");
      cs_ui_test_write_image (cs_test_dir_path (tmp, coast), "png", 256, 256, COAST_RGB);
      g_autofree char *large = g_strdup_printf ("%s/images/large.png", name);

      cs_ui_test_write_image (cs_test_dir_path (tmp, forest), "png", 256, 256, FOREST_RGB);
      cs_ui_test_write_image (cs_test_dir_path (tmp, large), "png", 3000, 3000, FOREST_RGB);
    }
  dataset = cs_dataset_load (cs_test_dir_path (tmp, manifest), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dataset->splits[CS_SPLIT_TRAIN].n, ==, N_ITEMS);
  return dataset;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->tmp = cs_test_dir_new ();
  f->images = write_dataset (f->tmp, "images", TRUE);
  f->cards = write_dataset (f->tmp, "cards", FALSE);
  f->cache = cs_thumbnail_cache_new (CS_THUMBNAIL_CACHE_DEFAULT_MAX_BYTES);
  f->tile = g_object_ref_sink (CS_ITEM_TILE (cs_item_tile_new (f->cache)));
  cs_item_tile_set_classes (f->tile, classes);
  f->frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (f->frame), GTK_WIDGET (f->tile));
  f->window = cs_ui_test_show (f->frame, WIDTH, HEIGHT);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  cs_ui_test_finish (f->window, g_steal_pointer (&f->tile));
  cs_ui_test_unref_and_wait (g_steal_pointer (&f->cache));
  cs_dataset_unref (f->images);
  cs_dataset_unref (f->cards);
  cs_test_dir_free (f->tmp);
}

static void
show_item (Fixture    *f,
           CsDataset  *dataset,
           guint       index)
{
  g_autoptr(CsItem) item = cs_item_new (dataset, CS_SPLIT_TRAIN, index);

  cs_item_tile_set_item (f->tile, item);
}

static gboolean
tile_loaded (gpointer data)
{
  return !cs_item_tile_get_loading (data);
}

static void
wait_loaded (CsItemTile *tile)
{
  cs_test_wait_for (tile_loaded, tile, "the tile's thumbnail");
  cs_ui_test_wait_for_draw (GTK_WIDGET (tile));
}

/* The visible labels' text, top to bottom, a line each. */
static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child) && *gtk_label_get_text (GTK_LABEL (child)) != '\0')
        g_string_append_printf (text, "%s%s", text->len > 0 ? "|" : "",
                                gtk_label_get_text (GTK_LABEL (child)));
      collect_labels (child, text);
    }
}

static char *
shown_text (CsItemTile *tile)
{
  GString *text = g_string_new (NULL);

  collect_labels (GTK_WIDGET (tile), text);
  return g_string_free (text, FALSE);
}

static GdkRGBA
rgb (guint32 value)
{
  return (GdkRGBA) { (value >> 16 & 0xff) / 255.0f, (value >> 8 & 0xff) / 255.0f,
                     (value & 0xff) / 255.0f, 1 };
}

static GdkRGBA
theme_color (GtkWidget  *widget,
             const char *name)
{
  GdkRGBA color;

  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name,
                                                 &color));
  return color;
}

/* ---- Tests -------------------------------------------------------------------------------- */

static void
test_tile_image (Fixture       *f,
                 gconstpointer  data)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (f->tile));
  CsVoteBar *votes = CS_VOTE_BAR (cs_window_test_find (GTK_WIDGET (f->tile), CS_TYPE_VOTE_BAR));
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  g_autoptr(GdkTexture) drawn = NULL;
  GdkRGBA image = rgb (COAST_RGB), error = theme_color (GTK_WIDGET (f->tile), "error_color");
  GdkRGBA blue = theme_color (GTK_WIDGET (f->tile), "blue_3");
  graphene_rect_t area, bar;
  int count;

  show_item (f, f->images, COAST);
  cs_item_tile_set_prediction (f->tile, "forest", 0.87);
  g_assert_true (cs_item_tile_get_loading (f->tile));
  wait_loaded (f->tile);

  /* The thumbnail at the tile's size, not the image's. */
  g_assert_nonnull (cs_item_tile_get_thumbnail (f->tile));
  g_assert_cmpint (gdk_texture_get_width (cs_item_tile_get_thumbnail (f->tile)), ==,
                   CS_ITEM_TILE_DEFAULT_SIZE * scale);
  g_assert_null (cs_item_tile_get_failure (f->tile));
  text = shown_text (f->tile);
  g_assert_cmpstr (text, ==, "Gold coast|Model forest|87 %");
  g_assert_true (cs_item_tile_get_wrong (f->tile));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (f->tile), "wrong"));

  g_assert_cmpuint (cs_vote_bar_get_n_segments (votes), ==, 2);
  g_assert_cmpstr (cs_vote_bar_get_segment (votes, 0, &count, &area), ==, "coast");
  g_assert_cmpint (count, ==, 2);
  g_assert_cmpstr (cs_vote_bar_get_segment (votes, 1, &count, NULL), ==, "forest");
  g_assert_cmpint (count, ==, 1);
  g_assert_cmpfloat (fabs (area.size.width - 2.0 / 3 * (gtk_widget_get_width (GTK_WIDGET (votes)) - 1)),
                     <, 0.5);

  cs_ui_test_assert_description (f->tile, "Item coast-1. Gold: coast. Predicted: forest, 87 % "
                                 "(wrong). Votes: coast 2, forest 1 (3 labels).");
  tooltip = cs_item_tile_get_tooltip (f->tile);
  g_assert_cmpstr (tooltip, ==, "Item coast-1\nGold: coast\nPredicted: forest, 87 % (wrong)\n"
                   "Votes: coast 2, forest 1 (3 labels)");
  g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (f->tile)));

  /* The picture is drawn, the frame is in the error colour, and coast's votes in class 0's. */
  drawn = cs_ui_test_render (f->frame);
  g_assert_cmpuint (cs_ui_test_count_color (drawn, NULL, &image), >=,
                    0.9 * CS_ITEM_TILE_DEFAULT_SIZE * CS_ITEM_TILE_DEFAULT_SIZE);
  g_assert_cmpuint (cs_ui_test_count_color (drawn, NULL, &error), >=, 2 * HEIGHT);
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (votes), f->frame, &bar));
  area.origin.x += bar.origin.x;
  area.origin.y += bar.origin.y;
  g_assert_cmpuint (cs_ui_test_count_color (drawn, &area, &blue), >=,
                    0.5 * area.size.width * area.size.height);
}

static void
test_tile_right (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autoptr(GdkTexture) drawn = NULL;
  GdkRGBA error = theme_color (GTK_WIDGET (f->tile), "error_color");
  guint notified = 0;

  show_item (f, f->images, FOREST);
  g_signal_connect (f->tile, "notify::wrong", G_CALLBACK (cs_ui_test_count_notify), &notified);
  /* No prediction yet: only the gold label and the votes. */
  text = shown_text (f->tile);
  g_assert_cmpstr (text, ==, "Gold forest");
  cs_ui_test_assert_description (f->tile, "Item forest-1. Gold: forest. "
                                 "Votes: forest 1 (1 label).");

  cs_item_tile_set_prediction (f->tile, "forest", 0.6);
  g_clear_pointer (&text, g_free);
  text = shown_text (f->tile);
  g_assert_cmpstr (text, ==, "Gold forest|Model forest|60 %");
  g_assert_false (cs_item_tile_get_wrong (f->tile));
  cs_ui_test_assert_description (f->tile, "Item forest-1. Gold: forest. Predicted: forest, 60 %. "
                                 "Votes: forest 1 (1 label).");

  /* Wrong, then right again; a probability not known is left out. */
  cs_item_tile_set_prediction (f->tile, "coast", NAN);
  g_assert_true (cs_item_tile_get_wrong (f->tile));
  cs_ui_test_assert_description (f->tile, "Item forest-1. Gold: forest. Predicted: coast "
                                 "(wrong). Votes: forest 1 (1 label).");
  cs_item_tile_set_prediction (f->tile, "forest", 0.6);
  g_assert_cmpuint (notified, ==, 2);
  wait_loaded (f->tile);
  drawn = cs_ui_test_render (f->frame);
  g_assert_cmpuint (cs_ui_test_count_color (drawn, NULL, &error), ==, 0);
}

static void
assert_placeholder (Fixture    *f,
                    guint       index,
                    const char *reason,
                    const char *file)
{
  g_autofree char *failure = g_strdup_printf ("%s: %s", reason,
                                              cs_test_dir_path (f->tmp, file));
  g_autofree char *name = g_path_get_basename (file);
  g_autofree char *text = NULL;
  g_autofree char *expected_text = NULL;
  g_autofree char *description = NULL;

  show_item (f, f->images, index);
  wait_loaded (f->tile);
  g_assert_null (cs_item_tile_get_thumbnail (f->tile));
  g_assert_cmpstr (cs_item_tile_get_failure (f->tile), ==, failure);
  /* The placeholder says why, above the labels, and names the file without its folder. */
  text = shown_text (f->tile);
  expected_text = g_strdup_printf ("%s: %s|Gold street", reason, name);
  g_assert_cmpstr (text, ==, expected_text);
  description = cs_item_tile_describe (f->tile);
  cs_test_assert_contains (description, failure);
  cs_ui_test_assert_description (f->tile, description);
}

static void
test_tile_missing (Fixture       *f,
                   gconstpointer  data)
{
  assert_placeholder (f, MISSING, "file not found", "images/images/missing.png");
  /* From the cache the second time, at once. */
  show_item (f, f->images, COAST);
  show_item (f, f->images, MISSING);
  g_assert_false (cs_item_tile_get_loading (f->tile));
  g_assert_nonnull (cs_item_tile_get_failure (f->tile));
}

static void
test_tile_not_image (Fixture       *f,
                     gconstpointer  data)
{
  assert_placeholder (f, NOTES, "not an image", "images/images/notes.jpg");
}

static void
test_tile_card (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *text = NULL;
  CsThumbnailStats stats;
  int height;

  show_item (f, f->cards, COAST);
  cs_item_tile_set_prediction (f->tile, "coast", 0.95);
  g_assert_false (cs_item_tile_get_loading (f->tile));
  cs_ui_test_wait_for_draw (GTK_WIDGET (f->tile));
  text = shown_text (f->tile);
  g_assert_cmpstr (text, ==, "coast-1|Gold coast|Model coast|95 %");
  g_assert_null (cs_item_tile_get_thumbnail (f->tile));
  g_assert_null (cs_item_tile_get_failure (f->tile));
  cs_ui_test_assert_description (f->tile, "Item coast-1. Gold: coast. Predicted: coast, 95 %. "
                                 "Votes: coast 2, forest 1 (3 labels).");
  /* A card is shorter than a tile with its image. */
  gtk_widget_measure (GTK_WIDGET (f->tile), GTK_ORIENTATION_VERTICAL, WIDTH, NULL, &height,
                      NULL, NULL);
  g_assert_cmpint (height, <, CS_ITEM_TILE_DEFAULT_SIZE);
  cs_thumbnail_cache_get_stats (f->cache, &stats);
  g_assert_cmpuint (stats.misses + stats.hits, ==, 0);
}

/* An item nobody labelled says so, in the bar and in words. */
static void
test_tile_no_votes (Fixture       *f,
                    gconstpointer  data)
{
  CsVoteBar *votes = CS_VOTE_BAR (cs_window_test_find (GTK_WIDGET (f->tile), CS_TYPE_VOTE_BAR));
  g_autofree char *words = NULL;

  show_item (f, f->images, LARGE);
  cs_item_tile_set_prediction (f->tile, "forest", 0.9);
  g_assert_cmpuint (cs_vote_bar_get_n_segments (votes), ==, 0);
  words = cs_vote_bar_describe (votes);
  g_assert_cmpstr (words, ==, "no crowd labels");
  cs_ui_test_assert_description (f->tile, "Item large-1. Gold: forest. Predicted: forest, 90 %. "
                                 "No crowd labels.");
  wait_loaded (f->tile);
}

static gboolean
requested (gpointer data)
{
  Fixture *f = data;
  CsThumbnailStats stats;

  cs_thumbnail_cache_get_stats (f->cache, &stats);
  return stats.requested > 0;
}

static gboolean
dropped (gpointer data)
{
  Fixture *f = data;
  CsThumbnailStats stats;

  cs_thumbnail_cache_get_stats (f->cache, &stats);
  return stats.dropped > 0;
}

/* A tile given another item, or none, before its image came asks for nothing, or drops the
 * request on its way. */
static void
test_tile_unbind (Fixture       *f,
                  gconstpointer  data)
{
  CsThumbnailStats stats;
  g_autoptr(GdkTexture) forest = NULL;
  g_autofree char *description = NULL;

  /* Unbound in the same frame: the load never starts. */
  show_item (f, f->images, COAST);
  g_assert_true (cs_item_tile_get_loading (f->tile));
  cs_item_tile_set_item (f->tile, NULL);
  g_assert_false (cs_item_tile_get_loading (f->tile));
  cs_test_spin (50);
  cs_thumbnail_cache_get_stats (f->cache, &stats);
  g_assert_cmpuint (stats.requested, ==, 0);
  g_assert_null (cs_item_tile_get_thumbnail (f->tile));
  description = cs_item_tile_describe (f->tile);
  g_assert_cmpstr (description, ==, "");

  /* Unbound with the load on its way (a large image, that takes a while to decode): the
   * request is dropped and nothing is cached. */
  show_item (f, f->images, LARGE);
  cs_test_wait_for (requested, f, "the request");
  cs_item_tile_set_item (f->tile, NULL);
  cs_test_wait_for (dropped, f, "the dropped request");
  cs_thumbnail_cache_get_stats (f->cache, &stats);
  g_assert_cmpuint (stats.decoded, ==, 0);
  g_assert_cmpuint (cs_thumbnail_cache_get_n_entries (f->cache), ==, 0);
  g_assert_null (cs_item_tile_get_thumbnail (f->tile));

  /* Bound again to another item at once: only the second is asked for and shown. */
  show_item (f, f->images, COAST);
  show_item (f, f->images, FOREST);
  wait_loaded (f->tile);
  cs_thumbnail_cache_get_stats (f->cache, &stats);
  g_assert_cmpuint (stats.requested, ==, 2);
  g_assert_cmpuint (stats.decoded, ==, 1);
  g_assert_true (cs_thumbnail_cache_lookup (f->cache,
                                            cs_test_dir_path (f->tmp, "images/images/forest.png"),
                                            CS_ITEM_TILE_DEFAULT_SIZE *
                                            gtk_widget_get_scale_factor (GTK_WIDGET (f->tile)),
                                            &forest, NULL));
  g_assert_true (forest == cs_item_tile_get_thumbnail (f->tile));
  g_assert_cmpuint (cs_thumbnail_cache_get_n_entries (f->cache), ==, 1);

  /* Scrolling back is instant: the coast is not cached, the forest is. */
  show_item (f, f->images, COAST);
  g_assert_true (cs_item_tile_get_loading (f->tile));
  wait_loaded (f->tile);
  show_item (f, f->images, FOREST);
  g_assert_false (cs_item_tile_get_loading (f->tile));
  g_assert_true (forest == cs_item_tile_get_thumbnail (f->tile));
}

static gboolean
requested_twice (gpointer data)
{
  Fixture *f = data;
  CsThumbnailStats stats;

  cs_thumbnail_cache_get_stats (f->cache, &stats);
  return stats.requested > 1;
}

/* A tile out of view asks for nothing until it is mapped, and stops asking when unmapped. */
static void
test_tile_unmapped (Fixture       *f,
                    gconstpointer  data)
{
  CsItemTile *tile = g_object_ref_sink (CS_ITEM_TILE (cs_item_tile_new (f->cache)));
  g_autoptr(CsItem) item = cs_item_new (f->images, CS_SPLIT_TRAIN, COAST);
  g_autofree char *text = NULL;
  GtkWidget *window;
  CsThumbnailStats stats;

  /* Given an item and a prediction while unmapped, it shows them once mapped. */
  cs_item_tile_set_item (tile, item);
  cs_item_tile_set_prediction (tile, "street", 0.5);
  g_assert_false (cs_item_tile_get_loading (tile));
  g_assert_true (cs_item_tile_get_wrong (tile));
  window = cs_ui_test_show (GTK_WIDGET (tile), WIDTH, HEIGHT);
  text = shown_text (tile);
  g_assert_cmpstr (text, ==, "Gold coast|Model street|50 %");
  cs_ui_test_assert_description (tile, "Item coast-1. Gold: coast. Predicted: street, 50 % (wrong). "
                                 "Votes: coast 2, forest 1 (3 labels).");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (tile), "wrong"));
  wait_loaded (tile);
  g_assert_nonnull (cs_item_tile_get_thumbnail (tile));

  /* Hidden while it waits: it stops waiting. Shown again: it asks again. */
  show_item (f, f->images, LARGE);
  cs_test_wait_for (requested_twice, f, "the request");
  g_assert_true (cs_item_tile_get_loading (f->tile));
  gtk_widget_set_visible (f->window, FALSE);
  g_assert_false (cs_item_tile_get_loading (f->tile));
  cs_test_wait_for (dropped, f, "the dropped request");
  gtk_widget_set_visible (f->window, TRUE);
  wait_loaded (f->tile);
  g_assert_nonnull (cs_item_tile_get_thumbnail (f->tile));
  cs_thumbnail_cache_get_stats (f->cache, &stats);
  g_assert_cmpuint (stats.requested, ==, 3);
  g_assert_cmpuint (stats.decoded, ==, 2);

  /* Hidden once loaded, it lets its texture go; shown again, it has it back from the cache. */
  gtk_widget_set_visible (window, FALSE);
  g_assert_null (cs_item_tile_get_thumbnail (tile));
  gtk_widget_set_visible (window, TRUE);
  g_assert_nonnull (cs_item_tile_get_thumbnail (tile));
  g_assert_false (cs_item_tile_get_loading (tile));
  cs_ui_test_finish (window, tile);
}

/* ---- In a grid ---------------------------------------------------------------------------- */

#define GRID_ITEMS 80

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          Fixture                  *f)
{
  GtkWidget *tile = cs_item_tile_new (f->cache);

  cs_item_tile_set_classes (CS_ITEM_TILE (tile), classes);
  gtk_list_item_set_child (list_item, tile);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         Fixture                  *f)
{
  cs_item_tile_set_item (CS_ITEM_TILE (gtk_list_item_get_child (list_item)),
                         gtk_list_item_get_item (list_item));
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           Fixture                  *f)
{
  cs_item_tile_set_item (CS_ITEM_TILE (gtk_list_item_get_child (list_item)), NULL);
}

/* GRID_ITEMS items, each with its own image. */
static GListModel *
many_items (Fixture *f)
{
  g_autoptr(GString) csv = g_string_new ("id,class,image,f0\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDataset) dataset = NULL;
  GListStore *store = g_list_store_new (CS_TYPE_ITEM);

  for (guint i = 0; i < GRID_ITEMS; i++)
    {
      g_autofree char *image = g_strdup_printf ("many/images/%u.png", i);

      cs_ui_test_write_image (cs_test_dir_path (f->tmp, image), "png", 64, 64, 0x010101 * i);
      g_string_append_printf (csv, "item-%u,%s,%u.png,%u\n", i, classes[i % 3], i, i);
    }
  cs_test_dir_write (f->tmp, "many/train.csv", "%s", csv->str);
  cs_test_dir_write (f->tmp, "many/crowdscope.ini",
                     "[dataset]\nname=many\nclasses=coast;forest;street\nstandardize=no\n"
                     "[train]\nfeatures=train.csv\nfeature-columns=f0\nid-column=id\n"
                     "gold-column=class\nimage-column=image\nimages=images\n");
  dataset = cs_dataset_load (cs_test_dir_path (f->tmp, "many/crowdscope.ini"), NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < GRID_ITEMS; i++)
    {
      g_autoptr(CsItem) item = cs_item_new (dataset, CS_SPLIT_TRAIN, i);

      g_list_store_append (store, item);
    }
  return G_LIST_MODEL (store);
}

typedef struct
{
  GtkWidget *grid;
  guint      shown;    /* tiles in view that show their item's thumbnail */
  guint      in_view;
} GridCheck;

static void
check_tiles (GridCheck *check)
{
  check->shown = check->in_view = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (check->grid); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      CsItemTile *tile = CS_ITEM_TILE (cs_window_test_find (child, CS_TYPE_ITEM_TILE));

      if (tile == NULL || !gtk_widget_get_mapped (GTK_WIDGET (tile)) ||
          cs_item_tile_get_item (tile) == NULL)
        continue;
      check->in_view++;
      check->shown += cs_item_tile_get_thumbnail (tile) != NULL;
    }
}

static gboolean
all_shown (gpointer data)
{
  GridCheck *check = data;

  check_tiles (check);
  return check->in_view > 0 && check->shown == check->in_view;
}

/* Scrolled from top to bottom at once: only the tiles in view at either end load, the rest
 * are never asked for, and the cache holds what was shown. */
static void
test_tile_grid (Fixture       *f,
                gconstpointer  data)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (gtk_no_selection_new (many_items (f)));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *window;
  GtkAdjustment *adjustment;
  GridCheck check = { 0 };
  CsThumbnailStats stats;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), f);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), f);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), f);
  check.grid = g_object_ref_sink (gtk_grid_view_new (selection, factory));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), check.grid);
  window = cs_ui_test_show (scrolled, 400, 300);
  cs_test_wait_for (all_shown, &check, "the first screenful");
  g_assert_cmpuint (check.in_view, <, GRID_ITEMS / 4);

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (check.grid));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  /* The view lays the tiles out anew in its next frame. */
  cs_ui_test_wait_for_draw (check.grid);
  cs_test_wait_for (all_shown, &check, "the last screenful");
  cs_thumbnail_cache_get_stats (f->cache, &stats);
  g_test_message ("%u in view, %u decoded, %u dropped", check.in_view, stats.decoded,
                  stats.dropped);
  g_assert_cmpuint (stats.requested, <, GRID_ITEMS / 2);
  g_assert_cmpuint (stats.decoded, <, GRID_ITEMS / 2);
  g_assert_cmpuint (cs_thumbnail_cache_get_n_entries (f->cache), ==, stats.decoded);

  cs_ui_test_finish (window, check.grid);
}

int
main (int   argc,
      char *argv[])
{
  if (!cs_ui_test_init (&argc, &argv))
    return 0;
  cs_ui_test_load_style ();

  g_test_add ("/item-tile/image", Fixture, NULL, fixture_set_up, test_tile_image,
              fixture_tear_down);
  g_test_add ("/item-tile/right", Fixture, NULL, fixture_set_up, test_tile_right,
              fixture_tear_down);
  g_test_add ("/item-tile/missing", Fixture, NULL, fixture_set_up, test_tile_missing,
              fixture_tear_down);
  g_test_add ("/item-tile/not-an-image", Fixture, NULL, fixture_set_up, test_tile_not_image,
              fixture_tear_down);
  g_test_add ("/item-tile/card", Fixture, NULL, fixture_set_up, test_tile_card,
              fixture_tear_down);
  g_test_add ("/item-tile/no-votes", Fixture, NULL, fixture_set_up, test_tile_no_votes,
              fixture_tear_down);
  g_test_add ("/item-tile/unbind", Fixture, NULL, fixture_set_up, test_tile_unbind,
              fixture_tear_down);
  g_test_add ("/item-tile/unmapped", Fixture, NULL, fixture_set_up, test_tile_unmapped,
              fixture_tear_down);
  g_test_add ("/item-tile/grid", Fixture, NULL, fixture_set_up, test_tile_grid,
              fixture_tear_down);
  return g_test_run ();
}
