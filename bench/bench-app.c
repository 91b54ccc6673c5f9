/* bench-app.c — the window's costs: start-up to first frame, training with live curves
 * against the same training without a window, and the longest main-loop stall meanwhile
 *
 *   bench-app DATASET [EPOCHS]
 *
 * Run under Xvfb by build-aux/bench, with the cairo renderer (Xvfb's GL is llvmpipe, software
 * rendering a desktop's GPU would do). The window's run uses the app's own settings (one
 * training thread, the other core for the main loop); the comparison trains the same
 * configuration with cs_train directly, as crowdscope-cli does.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-util.h"
#include "cs-train-page.h"
#include "cs-trainer.h"
#include "cs-training.h"
#include "cs-window.h"

/* Runs in the window and without it alternate REPEATS times; the machine's noise between two
 * runs of the same work is larger than what is measured, so medians are compared. */
#define REPEATS 3

static gint64 started;
static gint64 first_frame;
static gint64 last_tick;
static gint64 longest_gap;
static gint64 train_started;
static gint64 train_ended;
static double gui_seconds[REPEATS];
static double stalls[REPEATS];
static int runs_done;
static CsWindow *window;
static const char *dataset_path;
static int epochs = 100;
static const char *page_name = "training";
static CsTrainConfig used_config;
static int used_threads;

static void
on_first_frame (GdkFrameClock *clock,
                gpointer       data)
{
  if (first_frame == 0)
    first_frame = g_get_monotonic_time ();
  g_signal_handlers_disconnect_by_func (clock, on_first_frame, data);
}

/* A 1 ms timeout: the gap between two calls, less the period, is how long the loop was busy.
 * CS_BENCH_DEBUG=1 lists every gap over 20 ms. */
static gboolean
on_tick (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (train_started && !train_ended && last_tick)
    {
      if (now - last_tick > 20000 && g_getenv ("CS_BENCH_DEBUG"))
        fprintf (stderr, "gap %.1f ms at %.2f s\n", (now - last_tick) / 1000.0, (now - train_started) / 1e6);
      longest_gap = MAX (longest_gap, now - last_tick - 1000);
    }
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

static gboolean start_training (gpointer data);

static void
on_state (CsTraining *training,
          GParamSpec *pspec,
          gpointer    data)
{
  if (cs_training_get_state (training) == CS_TRAINING_RUNNING)
    return;
  train_ended = g_get_monotonic_time ();
  used_config = *cs_training_get_config (training);
  used_threads = cs_training_get_run (training) ? cs_training_get_run (training)->threads : 0;
  gui_seconds[runs_done] = (train_ended - train_started) / 1e6;
  stalls[runs_done] = longest_gap / 1000.0;
  if (++runs_done < REPEATS)
    g_timeout_add (500, start_training, NULL);
  else
    gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
start_training (gpointer data)
{
  CsSession *session = cs_window_get_session (window);

  train_started = g_get_monotonic_time ();
  train_ended = 0;
  longest_gap = 0;
  last_tick = 0;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.train", NULL);
  g_signal_connect (cs_session_get_training (session), "notify::state", G_CALLBACK (on_state), NULL);
  return G_SOURCE_REMOVE;
}

/* As a person would: the Training page first, then Train once it is on screen. */
static void
on_dataset (CsSession  *session,
            GParamSpec *pspec,
            gpointer    data)
{
  CsTrainPage *page = cs_window_get_train_page (window);
  GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (page), ADW_TYPE_VIEW_STACK);

  g_object_set (cs_session_get_options (session), "epochs", epochs, NULL);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), page_name);
  g_timeout_add (1000, start_training, NULL);
}

static void
activate (GApplication *app)
{
  window = cs_window_new (GTK_APPLICATION (app));
  g_signal_connect (cs_window_get_session (window), "notify::dataset", G_CALLBACK (on_dataset), NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (on_first_frame), NULL);
  g_timeout_add (1, on_tick, NULL);
  cs_window_open_path (window, dataset_path);
}

static double
headless_seconds (void)
{
  g_autoptr(CsDataset) dataset = cs_dataset_load (dataset_path, NULL, NULL);
  g_autoptr(CsRun) run = NULL;
  gint64 begin = g_get_monotonic_time ();

  run = cs_train (dataset, &used_config, NULL, NULL);
  g_assert (run != NULL);
  return (g_get_monotonic_time () - begin) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;
  double gui, headless, stall;

  started = g_get_monotonic_time ();
  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-app DATASET [EPOCHS [PAGE]]\n");
      return 2;
    }
  dataset_path = argv[1];
  if (argc > 2)
    epochs = atoi (argv[2]);
  /* The page on screen while the runs train: "training" (the curves) or "annotators" (every
   * annotator's heatmap, following the run). */
  if (argc > 3)
    page_name = argv[3];
  app = adw_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_object_set (app, "resource-base-path", "/io/github/crowdscope/Crowdscope", NULL);
  g_signal_connect (app, "activate", G_CALLBACK (activate), NULL);
  g_application_run (G_APPLICATION (app), 1, argv);

  {
    double headless_runs[REPEATS];

    for (int i = 0; i < REPEATS; i++)
      headless_runs[i] = headless_seconds ();
    headless = bench_median (headless_runs, REPEATS);
  }
  gui = bench_median (gui_seconds, REPEATS);
  stall = bench_median (stalls, REPEATS);
  printf ("start-up to first frame      %8.1f ms (from main ())\n", (first_frame - started) / 1000.0);
  printf ("training %d epochs, window   %8.2f s (median of %d; the %s page live, %d training threads)\n",
          used_config.epochs, gui, REPEATS, page_name, used_threads);
  printf ("the same run, no window      %8.2f s (median of %d)\n", headless, REPEATS);
  printf ("window overhead              %+8.1f %% (target: under 10 %%)\n", 100 * (gui / headless - 1));
  printf ("longest main-loop stall      %8.1f ms median of the runs' longest, %.1f ms at worst "
          "(target: under 16 ms)\n", stall, stalls[REPEATS - 1]);
  return 0;
}
