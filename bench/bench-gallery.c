/* bench-gallery.c — the gallery's tiles in a grid over LabelMe's test items: the first frame,
 * each frame while scrolling to the end and back, the main loop's longest stall, and the
 * process's peak memory against the thumbnail cache's bound
 *
 *   bench-gallery DATASET [CACHE_MIB]
 *   bench-gallery --window DATASET
 *
 * Run under Xvfb by build-aux/bench, with the cairo renderer. A GtkGridView of CsItemTile over
 * every test item of DATASET (LabelMe: 1,188 images of 256 × 256 pixels), with made-up
 * predictions of which about one in five is wrong, fills a 1280 × 960 window; once the first
 * screenful's thumbnails are in, the grid is scrolled to its end at STEP pixels a frame, as a
 * fast wheel or touchpad would, and back to the top at the same speed. A frame's time runs from
 * the frame clock's before-paint to its after-paint: scrolling, binding, layout, snapshot and
 * rendering. Thumbnails are decoded on the cache's worker meanwhile.
 *
 * With --window, the same measurement is made of the application's own window: DATASET is
 * opened in it, CoNAL trained with the form's defaults, and the Gallery page's grid, beside
 * its confusion heatmap and an item's detail, lists every test item with the run's own
 * predictions; its peak memory is the window's, with the run in it.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bench-frames.h"
#include "cs-dataset.h"
#include "cs-gallery-page.h"
#include "cs-item-tile.h"
#include "cs-item.h"
#include "cs-training.h"
#include "cs-window-test.h"

#define STEP        40.0     /* pixels a frame */
#define WRONG_SHARE 0.2

typedef enum
{
  WAITING,        /* for the first frame */
  LOADING,        /* for the first screenful's thumbnails */
  DOWN,           /* STEP a frame to the end */
  UP,             /* and back to the top */
  DONE,
} Phase;

typedef struct
{
  CsDataset        *dataset;
  GListModel       *items;
  int              *predicted;       /* [n]: a class index */
  double           *probability;     /* [n] */
  CsThumbnailCache *cache;

  GtkWidget        *window;
  gboolean          own_window;      /* the application's window rather than a bare grid */
  GtkWidget        *grid;
  GtkAdjustment    *adjustment;
  Phase             phase;

  gint64            shown;           /* when the window was presented */
  gint64            first_frame;
  gint64            first_thumbnails;
  guint             on_screen;       /* tiles in the first frame */
  BenchFrames       watch;
  GArray           *frames[DONE];    /* of double, in ms, by phase */
  CsThumbnailStats  at_bottom;       /* the cache's figures when the end was reached */
} Bench;

/* The model's answers: the gold class most of the time, another one otherwise, with a
 * probability that is higher when it is right. */
static void
make_predictions (Bench *bench)
{
  const CsSplit *test = cs_dataset_get_split (bench->dataset, CS_SPLIT_TEST);
  g_autoptr(GRand) rand = g_rand_new_with_seed (14);
  int K = bench->dataset->n_classes;

  bench->predicted = g_new (int, test->n);
  bench->probability = g_new (double, test->n);
  for (int i = 0; i < test->n; i++)
    {
      gboolean wrong = g_rand_double (rand) < WRONG_SHARE;
      int gold = test->gold != NULL ? test->gold[i] : 0;

      bench->predicted[i] = wrong ? (gold + g_rand_int_range (rand, 1, K)) % K : gold;
      bench->probability[i] = wrong ? g_rand_double_range (rand, 0.35, 0.7)
                                    : g_rand_double_range (rand, 0.6, 0.99);
    }
}

static void
make_items (Bench *bench)
{
  const CsSplit *test = cs_dataset_get_split (bench->dataset, CS_SPLIT_TEST);

  GListStore *store = g_list_store_new (CS_TYPE_ITEM);

  for (int i = 0; i < test->n; i++)
    {
      g_autoptr(CsItem) item = cs_item_new (bench->dataset, CS_SPLIT_TEST, i);

      g_list_store_append (store, item);
    }
  bench->items = G_LIST_MODEL (store);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          Bench                    *bench)
{
  GtkWidget *tile = cs_item_tile_new (bench->cache);

  cs_item_tile_set_classes (CS_ITEM_TILE (tile),
                            (const char * const *) bench->dataset->class_names);
  gtk_list_item_set_child (list_item, tile);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         Bench                    *bench)
{
  CsItemTile *tile = CS_ITEM_TILE (gtk_list_item_get_child (list_item));
  guint i = gtk_list_item_get_position (list_item);

  cs_item_tile_set_item (tile, gtk_list_item_get_item (list_item));
  cs_item_tile_set_prediction (tile, bench->dataset->class_names[bench->predicted[i]],
                               bench->probability[i]);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           Bench                    *bench)
{
  cs_item_tile_set_item (CS_ITEM_TILE (gtk_list_item_get_child (list_item)), NULL);
}

static void
count_waiting (gpointer child,
               gpointer data)
{
  GtkWidget *tile = gtk_widget_get_first_child (child);

  if (tile != NULL && CS_IS_ITEM_TILE (tile))
    *(guint *) data += cs_item_tile_get_loading (CS_ITEM_TILE (tile));
}

/* The tiles at least partly in view, and how many of them still wait for their image. */
static guint
count_on_screen (Bench *bench,
                 guint *waiting)
{
  *waiting = 0;
  return bench_grid_on_screen (bench->grid, count_waiting, waiting);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  Bench *bench = data;
  double value = gtk_adjustment_get_value (bench->adjustment);
  double end = bench_scroll_end (bench->adjustment);

  switch (bench->phase)
    {
    case DOWN:
      if (value >= end)
        {
          bench->phase = UP;
          cs_thumbnail_cache_get_stats (bench->cache, &bench->at_bottom);
        }
      else
        gtk_adjustment_set_value (bench->adjustment, MIN (end, value + STEP));
      return G_SOURCE_CONTINUE;
    case UP:
      if (value <= 0)
        {
          bench->phase = DONE;
          return G_SOURCE_REMOVE;
        }
      gtk_adjustment_set_value (bench->adjustment, MAX (0, value - STEP));
      return G_SOURCE_CONTINUE;
    case WAITING:
    case LOADING:
      return G_SOURCE_CONTINUE;
    case DONE:
    default:
      return G_SOURCE_REMOVE;
    }
}

static void
frame_cb (double   ms,
          gpointer data)
{
  Bench *bench = data;
  guint waiting;

  if (bench->phase == WAITING)
    {
      if (gtk_widget_get_first_child (bench->grid) == NULL)
        return;
      bench->first_frame = g_get_monotonic_time ();
      bench->on_screen = count_on_screen (bench, &waiting);
      bench->phase = LOADING;
      bench_frames_count_stalls (&bench->watch);
      return;
    }
  if (bench->phase < DONE)
    g_array_append_val (bench->frames[bench->phase], ms);
}

/* The thumbnails come in on idles after frames, so the first screenful is complete when no
 * tile in view waits any more. */
static gboolean
poll_loaded_cb (gpointer data)
{
  Bench *bench = data;
  guint waiting;

  if (bench->phase != LOADING)
    return G_SOURCE_CONTINUE;
  count_on_screen (bench, &waiting);
  if (waiting > 0)
    return G_SOURCE_CONTINUE;
  bench->first_thumbnails = g_get_monotonic_time ();
  bench->phase = DOWN;
  return G_SOURCE_REMOVE;
}

static void
watch_frames (Bench *bench)
{
  bench_frames_watch (&bench->watch, bench->window, bench->adjustment, frame_cb, bench);
  gtk_widget_add_tick_callback (bench->grid, tick_cb, bench, NULL);
}

static void
show_grid (Bench *bench)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), bench);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), bench);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), bench);
  bench->window = bench_grid_window_new (g_object_ref (bench->items), factory, &bench->grid);
  bench->adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (bench->grid));
  bench->shown = g_get_monotonic_time ();
  gtk_window_present (GTK_WINDOW (bench->window));
  watch_frames (bench);
}

static gboolean
window_loaded (gpointer data)
{
  CsWindow *window = data;

  return !cs_window_get_loading (window) && cs_window_get_dataset (window) != NULL;
}

static gboolean
run_done (gpointer data)
{
  return cs_training_get_state (data) != CS_TRAINING_RUNNING;
}

static gboolean
predictions_in (gpointer data)
{
  return cs_gallery_get_ready (data);
}

/* The application's window after a CoNAL run, its Gallery page listing every test item; the
 * thumbnail cache is the one the page draws from. */
static void
show_window (Bench      *bench,
             const char *path)
{
  CsWindow *window = cs_window_new (NULL);
  CsSession *session = cs_window_get_session (window);
  CsGalleryPage *page = cs_window_get_gallery_page (window);
  CsGallery *gallery = cs_gallery_page_get_gallery (page);
  CsTraining *training;
  int epochs;

  bench->window = GTK_WIDGET (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 960);
  gtk_window_present (GTK_WINDOW (window));
  cs_window_open_path (window, path);
  cs_test_wait_for (window_loaded, window, "the dataset");
  bench->dataset = cs_dataset_ref (cs_window_get_dataset (window));
  g_object_get (cs_session_get_options (session), "epochs", &epochs, NULL);
  if (!gtk_widget_activate_action (GTK_WIDGET (window), "win.train", NULL))
    g_error ("the window would not train");
  training = cs_session_get_training (session);
  cs_test_wait_for (run_done, training, "the run to finish");
  if (cs_training_get_state (training) != CS_TRAINING_FINISHED)
    g_error ("the run did not finish");
  printf ("CoNAL, %d epochs, trained in the window\n", epochs);

  cs_window_test_show_page (window, "gallery");
  cs_test_wait_for (predictions_in, gallery, "the run's predictions");
  cs_gallery_set_split (gallery, CS_SPLIT_TEST);
  cs_gallery_set_list (gallery, CS_GALLERY_ALL);
  bench->items = g_object_ref (cs_gallery_get_items (gallery));
  bench->grid = cs_window_test_find (GTK_WIDGET (page), GTK_TYPE_GRID_VIEW);
  bench->adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (bench->grid));
  bench->cache = g_object_ref (cs_thumbnail_cache_get_default ());
  bench_settle ();
  bench->shown = g_get_monotonic_time ();
  watch_frames (bench);
}

static void
report_cache (Bench *bench)
{
  CsThumbnailStats stats;

  cs_thumbnail_cache_get_stats (bench->cache, &stats);
  printf ("%-34s %u asked for, %u decoded, %u dropped, %u failed, %u evicted\n",
          "thumbnails", stats.requested, stats.decoded, stats.dropped, stats.failed,
          stats.evicted);
  printf ("%-34s %u of %u tiles shown again on the way up came from the cache\n",
          "scrolling back", stats.hits - bench->at_bottom.hits,
          stats.hits - bench->at_bottom.hits + stats.misses - bench->at_bottom.misses);
  printf ("%-34s %.1f MiB in %u thumbnails of %d px (bound %.0f MiB)\n", "cache at the end",
          cs_thumbnail_cache_get_bytes (bench->cache) / 1048576.0,
          cs_thumbnail_cache_get_n_entries (bench->cache), CS_ITEM_TILE_DEFAULT_SIZE,
          cs_thumbnail_cache_get_max_bytes (bench->cache) / 1048576.0);
}

int
main (int   argc,
      char *argv[])
{
  Bench bench = { 0 };
  g_autoptr(GtkCssProvider) style = NULL;
  g_autoptr(GError) error = NULL;
  gsize max_bytes = CS_THUMBNAIL_CACHE_DEFAULT_MAX_BYTES;
  double before_mib;

  bench.own_window = argc > 1 && strcmp (argv[1], "--window") == 0;
  if (argc < 2 + bench.own_window)
    {
      fprintf (stderr, "usage: bench-gallery DATASET [CACHE_MIB]\n"
                       "       bench-gallery --window DATASET\n");
      return 2;
    }
  if (argc > 2 && !bench.own_window)
    max_bytes = (gsize) atoi (argv[2]) * 1024 * 1024;
  gtk_init ();
  adw_init ();
  /* The application's styles, which give the tiles their frame. */
  style = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (style, "/io/github/crowdscope/Crowdscope/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (style),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  for (guint p = 0; p < DONE; p++)
    bench.frames[p] = g_array_new (FALSE, FALSE, sizeof (double));

  if (bench.own_window)
    {
      show_window (&bench, argv[2]);
      before_mib = bench_status_mib ("VmHWM:");
    }
  else
    {
      if ((bench.dataset = cs_dataset_load (argv[1], NULL, &error)) == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      make_predictions (&bench);
      make_items (&bench);
      bench.cache = cs_thumbnail_cache_new (max_bytes);
      before_mib = bench_status_mib ("VmHWM:");
      bench_settle ();
      show_grid (&bench);
    }
  g_timeout_add (5, poll_loaded_cb, &bench);
  while (bench.phase != DONE)
    g_main_context_iteration (NULL, TRUE);
  bench_frames_stop (&bench.watch);

  printf ("%u items of %s, %u tiles on screen (1280 × 960)\n",
          g_list_model_get_n_items (bench.items), bench.dataset->name,
          bench.on_screen);
  printf ("%-34s %5.1f ms\n", bench.own_window ? "every item listed to first frame"
                                                : "window shown to first frame",
          (bench.first_frame - bench.shown) / 1000.0);
  printf ("%-34s %5.1f ms\n", "first frame to its thumbnails",
          (bench.first_thumbnails - bench.first_frame) / 1000.0);
  bench_frames_report ("scrolling down 40 px a frame", bench.frames[DOWN]);
  bench_frames_report ("scrolling back up", bench.frames[UP]);
  printf ("%-34s %5.1f ms (target: never over 16 ms)\n", "longest main-loop stall",
          bench_frames_longest_ms (&bench.watch));
  report_cache (&bench);
  printf ("%-34s %.0f MiB (%.0f MiB %s)\n", "peak memory (VmHWM)", bench_status_mib ("VmHWM:"),
          before_mib, bench.own_window ? "with the run in the window, before scrolling"
                                       : "with the dataset loaded, before the window");

  gtk_window_destroy (GTK_WINDOW (bench.window));
  for (guint p = 0; p < DONE; p++)
    g_array_unref (bench.frames[p]);
  g_object_unref (bench.items);
  g_object_unref (bench.cache);
  g_free (bench.predicted);
  g_free (bench.probability);
  cs_dataset_unref (bench.dataset);
  return 0;
}
