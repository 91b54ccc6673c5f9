/* bench-frames.c — a window of a grid, each frame's time, the main loop's longest stall and
 * the process's peak memory, for the benchmarks of scrolled grids
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "bench-frames.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bench-util.h"

static double
scrolled_to (BenchFrames *frames)
{
  return frames->adjustment != NULL ? gtk_adjustment_get_value (frames->adjustment) : 0;
}

static void
before_paint_cb (GdkFrameClock *clock,
                 BenchFrames   *frames)
{
  frames->frame_start = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                BenchFrames   *frames)
{
  double ms = (g_get_monotonic_time () - frames->frame_start) / 1000.0;

  if (ms > 16 && g_getenv ("CS_BENCH_DEBUG"))
    fprintf (stderr, "frame %.1f ms at %.0f px\n", ms, scrolled_to (frames));
  frames->func (ms, frames->data);
}

static gboolean
gap_cb (gpointer data)
{
  BenchFrames *frames = data;
  gint64 now = g_get_monotonic_time ();

  if (frames->counting && frames->last_tick != 0)
    {
      if (now - frames->last_tick > 16000 && g_getenv ("CS_BENCH_DEBUG"))
        fprintf (stderr, "gap %.1f ms at %.0f px\n", (now - frames->last_tick) / 1000.0,
                 scrolled_to (frames));
      frames->longest_gap = MAX (frames->longest_gap, now - frames->last_tick - 1000);
    }
  frames->last_tick = now;
  return G_SOURCE_CONTINUE;
}

void
bench_frames_watch (BenchFrames   *frames,
                    GtkWidget     *window,
                    GtkAdjustment *adjustment,
                    BenchFrameFunc func,
                    gpointer       data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  *frames = (BenchFrames) { .adjustment = adjustment, .func = func, .data = data };
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), frames);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), frames);
  frames->gap_id = g_timeout_add (1, gap_cb, frames);
  gtk_widget_queue_draw (window);
}

void
bench_frames_count_stalls (BenchFrames *frames)
{
  frames->counting = TRUE;
  frames->last_tick = 0;
}

void
bench_frames_stop (BenchFrames *frames)
{
  g_clear_handle_id (&frames->gap_id, g_source_remove);
  frames->counting = FALSE;
}

double
bench_frames_longest_ms (const BenchFrames *frames)
{
  return frames->longest_gap / 1000.0;
}

double
bench_scroll_end (GtkAdjustment *adjustment)
{
  return gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
}

void
bench_frames_report (const char *what,
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

void
bench_settle (void)
{
  gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

GtkWidget *
bench_grid_window_new (GListModel         *model,
                       GtkListItemFactory *factory,
                       GtkWidget         **grid)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  *grid = gtk_grid_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (model)), factory);
  gtk_grid_view_set_max_columns (GTK_GRID_VIEW (*grid), 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), *grid);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 960);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  return window;
}

guint
bench_grid_on_screen (GtkWidget *grid,
                      GFunc      func,
                      gpointer   data)
{
  int height = gtk_widget_get_height (grid);
  guint count = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (grid); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (gtk_widget_get_child_visible (child) &&
          gtk_widget_compute_bounds (child, grid, &bounds) &&
          bounds.origin.y + bounds.size.height > 0 && bounds.origin.y < height)
        {
          count++;
          if (func != NULL)
            func (child, data);
        }
    }
  return count;
}

double
bench_status_mib (const char *key)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, key)) == NULL)
    return NAN;
  return g_ascii_strtod (line + strlen (key) + 1, NULL) / 1024;
}
