/* bench-heatmap.c — a grid of compact heatmaps, one per annotator, as the annotator explorer
 * shows them: the first frame, each frame's layout and drawing while scrolling, and the main
 * loop's longest stall meanwhile
 *
 *   bench-heatmap [N_ANNOTATORS]
 *
 * Run under Xvfb by build-aux/bench, with the cairo renderer. A GtkGridView over a list of
 * 2,500 annotators (K = 8) fills a 1280 × 960 window; the grid is then scrolled to its end at
 * SMOOTH_STEP pixels a frame, as a wheel or a touchpad would, and then a page a frame, which
 * binds every heatmap on screen anew each frame. A frame's time runs from the frame clock's
 * before-paint to its after-paint: scrolling, binding, layout, snapshot and rendering.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-frames.h"
#include "cs-heatmap.h"

#define K           8
#define SMOOTH_STEP 40.0    /* pixels a frame */
#define MAX_PAGES   60      /* page-a-frame frames, at most */

static const char * const classes[K] = {
  "highway", "insidecity", "tallbuilding", "street", "forest", "coast", "mountain", "opencountry",
};

typedef enum
{
  WAITING,        /* for the first frame */
  SMOOTH,         /* SMOOTH_STEP a frame to the end */
  PAGES,          /* a page a frame from the top */
  DONE,
} Phase;

typedef struct
{
  /* The annotators' matrices, as the explorer's model would hold them */
  float         *rates;           /* [n, K, K] */
  int           *counts;          /* [n, K, K] */
  guint          n;

  GtkWidget     *window;
  GtkWidget     *grid;
  GtkAdjustment *adjustment;
  Phase          phase;
  guint          pages;

  gint64         shown;           /* when the window was presented */
  gint64         first_frame;
  guint          on_screen;       /* heatmaps in the first frame */
  BenchFrames    frames;
  GArray        *smooth_frames;   /* of double, in ms */
  GArray        *page_frames;
} Bench;

/* Annotators of every skill, some of whom never saw a class or two. */
static void
simulate (Bench *bench)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2500);

  bench->rates = g_new (float, (gsize) bench->n * K * K);
  bench->counts = g_new0 (int, (gsize) bench->n * K * K);
  for (guint a = 0; a < bench->n; a++)
    {
      double accuracy = g_rand_double_range (rand, 0.3, 0.95);

      for (guint i = 0; i < K; i++)
        {
          int *counts = bench->counts + ((gsize) a * K + i) * K;
          float *rates = bench->rates + ((gsize) a * K + i) * K;
          int total = g_rand_int_range (rand, 0, 8) == 0 ? 0 : g_rand_int_range (rand, 3, 60);

          for (int l = 0; l < total; l++)
            counts[g_rand_double (rand) < accuracy ? i : (guint) g_rand_int_range (rand, 0, K)]++;
          for (guint j = 0; j < K; j++)
            rates[j] = total > 0 ? counts[j] / (float) total : NAN;
        }
    }
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          Bench                    *bench)
{
  GtkWidget *heatmap = cs_heatmap_new ();

  cs_heatmap_set_compact (CS_HEATMAP (heatmap), TRUE);
  gtk_list_item_set_child (item, heatmap);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         Bench                    *bench)
{
  CsHeatmap *heatmap = CS_HEATMAP (gtk_list_item_get_child (item));
  GtkStringObject *annotator = gtk_list_item_get_item (item);
  gsize at = (gsize) gtk_list_item_get_position (item) * K * K;

  cs_heatmap_set_matrix (heatmap, bench->rates + at, bench->counts + at, K, classes);
  cs_heatmap_set_title (heatmap, gtk_string_object_get_string (annotator));
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
    case WAITING:
      return G_SOURCE_CONTINUE;
    case SMOOTH:
      if (value >= end)
        {
          bench->phase = PAGES;
          gtk_adjustment_set_value (bench->adjustment, 0);
        }
      else
        gtk_adjustment_set_value (bench->adjustment, value + SMOOTH_STEP);
      return G_SOURCE_CONTINUE;
    case PAGES:
      if (value >= end || ++bench->pages > MAX_PAGES)
        {
          bench->phase = DONE;
          gtk_window_destroy (GTK_WINDOW (bench->window));
          return G_SOURCE_REMOVE;
        }
      gtk_adjustment_set_value (bench->adjustment,
                                value + gtk_adjustment_get_page_size (bench->adjustment));
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

  if (bench->phase == WAITING)
    {
      if (gtk_widget_get_first_child (bench->grid) == NULL)
        return;
      bench->first_frame = g_get_monotonic_time ();
      bench->on_screen = bench_grid_on_screen (bench->grid, NULL, NULL);
      bench->phase = SMOOTH;
      bench_frames_count_stalls (&bench->frames);
      return;
    }
  /* The frame that jumped back to the top is neither kind. */
  if (bench->phase == SMOOTH)
    g_array_append_val (bench->smooth_frames, ms);
  else if (bench->phase == PAGES && bench->pages > 0)
    g_array_append_val (bench->page_frames, ms);
}

static GListModel *
annotator_ids (guint n)
{
  GtkStringList *ids = gtk_string_list_new (NULL);

  for (guint a = 0; a < n; a++)
    {
      g_autofree char *id = g_strdup_printf ("annotator %u", a);

      gtk_string_list_append (ids, id);
    }
  return G_LIST_MODEL (ids);
}

static void
show_grid (Bench *bench)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), bench);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), bench);
  bench->window = bench_grid_window_new (annotator_ids (bench->n), factory, &bench->grid);
  bench->adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (bench->grid));
  bench->shown = g_get_monotonic_time ();
  gtk_window_present (GTK_WINDOW (bench->window));
  bench_frames_watch (&bench->frames, bench->window, bench->adjustment, frame_cb, bench);
  gtk_widget_add_tick_callback (bench->grid, tick_cb, bench, NULL);
}

int
main (int   argc,
      char *argv[])
{
  Bench bench = { .n = 2500 };

  if (argc > 1)
    bench.n = (guint) atoi (argv[1]);
  gtk_init ();
  adw_init ();
  simulate (&bench);
  bench.smooth_frames = g_array_new (FALSE, FALSE, sizeof (double));
  bench.page_frames = g_array_new (FALSE, FALSE, sizeof (double));

  show_grid (&bench);
  while (bench.phase != DONE)
    g_main_context_iteration (NULL, TRUE);
  bench_frames_stop (&bench.frames);

  printf ("%u annotators, K = %d, %u heatmaps on screen (1280 × 960)\n", bench.n, K,
          bench.on_screen);
  printf ("%-34s %5.1f ms\n", "window shown to first frame",
          (bench.first_frame - bench.shown) / 1000.0);
  bench_frames_report ("scrolling 40 px a frame", bench.smooth_frames);
  bench_frames_report ("scrolling a page a frame", bench.page_frames);
  printf ("%-34s %5.1f ms (target: frames and stalls under 16 ms)\n", "longest main-loop stall",
          bench_frames_longest_ms (&bench.frames));

  g_array_unref (bench.smooth_frames);
  g_array_unref (bench.page_frames);
  g_free (bench.rates);
  g_free (bench.counts);
  return 0;
}
