/* bench-frames.h — what the benchmarks of scrolled grids share: a window of a grid, each
 * frame's time, the main loop's longest stall and the process's peak memory
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called after each frame the window paints, with its time in ms: from the frame clock's
 * before-paint to its after-paint (scrolling, binding, layout, snapshot and rendering). */
typedef void (*BenchFrameFunc) (double   ms,
                                gpointer data);

typedef struct
{
  GtkAdjustment  *adjustment;    /* whose value CS_BENCH_DEBUG's lines give */
  BenchFrameFunc  func;
  gpointer        data;
  gint64          frame_start;
  gint64          last_tick;     /* of the 1 ms timeout; 0 before the first */
  gint64          longest_gap;   /* in µs */
  gboolean        counting;
  guint           gap_id;
} BenchFrames;

/* Times the frames of `window` into `func`, and watches the main loop with a 1 ms timeout:
 * the gap between two of its calls, less the period, is how long the loop was busy.
 * CS_BENCH_DEBUG=1 lists every frame and gap over 16 ms. */
void       bench_frames_watch        (BenchFrames        *frames,
                                      GtkWidget          *window,
                                      GtkAdjustment      *adjustment,
                                      BenchFrameFunc      func,
                                      gpointer            data);
/* Stalls count from the next tick on (the first frame is timed on its own). */
void       bench_frames_count_stalls (BenchFrames        *frames);
void       bench_frames_stop         (BenchFrames        *frames);
double     bench_frames_longest_ms   (const BenchFrames  *frames);

/* The value of `adjustment` scrolled to its end. */
double     bench_scroll_end          (GtkAdjustment      *adjustment);

/* The median, 95th percentile and worst of frame times (a GArray of double, sorted here). */
void       bench_frames_report       (const char         *what,
                                      GArray             *ms);

/* Runs the main loop for half a second: a window's first half second holds one-time work
 * that a running application has done long before (libadwaita's style manager settling,
 * among others), which would otherwise land in the first frames measured. */
void       bench_settle              (void);

/* A 1280 × 960 window of a GtkGridView (12 columns at most) over `model`, in a scrolled
 * window; the grid in `grid`. Takes `model` and `factory`. */
GtkWidget *bench_grid_window_new     (GListModel         *model,
                                      GtkListItemFactory *factory,
                                      GtkWidget         **grid);
/* The children of `grid` at least partly in view, each passed to `func` (when not NULL). */
guint      bench_grid_on_screen      (GtkWidget          *grid,
                                      GFunc               func,
                                      gpointer            data);

/* A line of /proc/self/status, in MiB: "VmHWM:" the peak resident set, "VmRSS:" the current
 * one; NaN when there is none. */
double     bench_status_mib          (const char         *key);

G_END_DECLS
