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

#include "bench-util.h"
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
  gint64         frame_start;
  GArray        *smooth_frames;   /* of double, in ms */
  GArray        *page_frames;
  gint64         last_tick;
  gint64         longest_gap;     /* while scrolling, in µs */
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

/* The heatmaps at least partly in view. */
static guint
count_on_screen (Bench *bench)
{
  int height = gtk_widget_get_height (bench->grid);
  guint count = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (bench->grid); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (gtk_widget_get_child_visible (child) &&
          gtk_widget_compute_bounds (child, bench->grid, &bounds) &&
          bounds.origin.y + bounds.size.height > 0 && bounds.origin.y < height)
        count++;
    }
  return count;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  Bench *bench = data;
  double value = gtk_adjustment_get_value (bench->adjustment);
  double end = gtk_adjustment_get_upper (bench->adjustment) -
               gtk_adjustment_get_page_size (bench->adjustment);

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
before_paint_cb (GdkFrameClock *clock,
                 Bench         *bench)
{
  bench->frame_start = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  gint64 now = g_get_monotonic_time ();
  double ms = (now - bench->frame_start) / 1000.0;

  if (bench->phase == WAITING)
    {
      if (gtk_widget_get_first_child (bench->grid) == NULL)
        return;
      bench->first_frame = now;
      bench->on_screen = count_on_screen (bench);
      bench->phase = SMOOTH;
      /* The first frame is timed on its own: gaps are counted from the next tick on. */
      bench->last_tick = 0;
      return;
    }
  if (ms > 16 && g_getenv ("CS_BENCH_DEBUG"))
    fprintf (stderr, "frame %.1f ms in phase %d at %.0f px\n", ms, bench->phase,
             gtk_adjustment_get_value (bench->adjustment));
  /* The frame that jumped back to the top is neither kind. */
  if (bench->phase == SMOOTH)
    g_array_append_val (bench->smooth_frames, ms);
  else if (bench->phase == PAGES && bench->pages > 0)
    g_array_append_val (bench->page_frames, ms);
}

/* A 1 ms timeout: the gap between two calls, less the period, is how long the loop was busy.
 * CS_BENCH_DEBUG=1 lists every gap over 16 ms. */
static gboolean
gap_cb (gpointer data)
{
  Bench *bench = data;
  gint64 now = g_get_monotonic_time ();

  if (bench->phase != WAITING && bench->last_tick != 0)
    {
      if (now - bench->last_tick > 16000 && g_getenv ("CS_BENCH_DEBUG"))
        fprintf (stderr, "gap %.1f ms in phase %d at %.0f px\n", (now - bench->last_tick) / 1000.0,
                 bench->phase, gtk_adjustment_get_value (bench->adjustment));
      bench->longest_gap = MAX (bench->longest_gap, now - bench->last_tick - 1000);
    }
  bench->last_tick = now;
  return G_SOURCE_CONTINUE;
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
  GListModel *ids = annotator_ids (bench->n);
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (gtk_no_selection_new (ids));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GdkFrameClock *clock;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), bench);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), bench);
  bench->grid = gtk_grid_view_new (selection, factory);
  gtk_grid_view_set_max_columns (GTK_GRID_VIEW (bench->grid), 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), bench->grid);
  bench->adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (bench->grid));

  bench->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (bench->window), 1280, 960);
  gtk_window_set_child (GTK_WINDOW (bench->window), scrolled);
  bench->shown = g_get_monotonic_time ();
  gtk_window_present (GTK_WINDOW (bench->window));

  clock = gtk_widget_get_frame_clock (bench->window);
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), bench);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), bench);
  gtk_widget_add_tick_callback (bench->grid, tick_cb, bench, NULL);
}

static void
report (const char *what,
        GArray     *frames)
{
  double *ms = (double *) frames->data;
  int n = frames->len;

  if (n == 0)
    {
      printf ("%-34s no frames\n", what);
      return;
    }
  bench_sort (ms, n);
  printf ("%-34s median %5.2f ms, 95th percentile %5.2f ms, worst %5.2f ms (%d frames)\n", what,
          ms[n / 2], ms[(int) (0.95 * (n - 1))], ms[n - 1], n);
}

int
main (int   argc,
      char *argv[])
{
  Bench bench = { .n = 2500 };
  guint gap_id;

  if (argc > 1)
    bench.n = (guint) atoi (argv[1]);
  gtk_init ();
  adw_init ();
  simulate (&bench);
  bench.smooth_frames = g_array_new (FALSE, FALSE, sizeof (double));
  bench.page_frames = g_array_new (FALSE, FALSE, sizeof (double));

  show_grid (&bench);
  gap_id = g_timeout_add (1, gap_cb, &bench);
  while (bench.phase != DONE)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (gap_id);

  printf ("%u annotators, K = %d, %u heatmaps on screen (1280 × 960)\n", bench.n, K,
          bench.on_screen);
  printf ("%-34s %5.1f ms\n", "window shown to first frame",
          (bench.first_frame - bench.shown) / 1000.0);
  report ("scrolling 40 px a frame", bench.smooth_frames);
  report ("scrolling a page a frame", bench.page_frames);
  printf ("%-34s %5.1f ms (target: frames and stalls under 16 ms)\n", "longest main-loop stall",
          bench.longest_gap / 1000.0);

  g_array_unref (bench.smooth_frames);
  g_array_unref (bench.page_frames);
  g_free (bench.rates);
  g_free (bench.counts);
  return 0;
}
