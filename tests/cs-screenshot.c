/* cs-screenshot.c — opens the real window in a given state and saves a picture of it
 *
 *   cs-screenshot --out FILE.png [--dataset PATH | --demo] [--train] [--epochs N]
 *                 [--shot-at-epoch N | --stop-at-epoch N] [--page NAME] [--dark] [--size WxH]
 *                 [--annotator U] [--explorer-mode MODE] [--gallery-list N] [--gallery-split S]
 *                 [--gallery-cell GOLD,PREDICTED] [--item POSITION] [--earlier-runs N]
 *                 [--experiment SEEDS] [--scroll-to-end] [--hover-epoch N] [--hide-group N]
 *                 [--training-page-alone] [--preferences | --about | --shortcuts]
 *
 * Without --train it shows the dataset's overview (or the empty state without a dataset);
 * with --train it starts training with the form's defaults and takes the picture at the given
 * epoch (while the run goes on), or stops the run at the given epoch and takes it once the run
 * shows its result, or takes it when the run has finished; --earlier-runs trains that many runs
 * to their end first, each with another method and seed, for the Training page's earlier runs.
 * Used by build-aux/screenshots.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>

#include "cs-experiments-page.h"
#include "cs-loss-chart-private.h"
#include "cs-explorer-page.h"
#include "cs-gallery-page.h"
#include "cs-history-page.h"
#include "cs-about-window.h"
#include "cs-import-assistant.h"
#include "cs-preferences-window.h"
#include "cs-settings.h"
#include "cs-train-page.h"
#include "cs-training.h"
#include "cs-window.h"

static char *out_path;
static char *dataset_path;
static gboolean demo;
static gboolean train;
static gboolean dark;
static char *palette;
static int epochs;
static int shot_at_epoch;
static int stop_at_epoch;
static char *size = "1280x860";
static char *page;
static char *explorer_mode;
static int annotator = -1;
static int gallery_list = -1;
static char *gallery_split;
static char *gallery_cell;
static int item = -1;
static int experiment_seeds;
static int runs_selected;
static int runs_reopened;
static char *reopened_page;
static int earlier_runs;
static gboolean scroll_to_end;
static gboolean training_page_alone;
static int hover_epoch;
static int hide_group = -1;
static char *import_path;
static char *import_features;
static char *import_gold;
static char *import_images;
static int import_step = 1;
static gboolean preferences;
static char *locale_dir;
static gboolean about;
static gboolean shortcuts;

static GOptionEntry entries[] = {
  { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, "Where to save the picture", "FILE" },
  { "dataset", 'd', 0, G_OPTION_ARG_FILENAME, &dataset_path, "Open this dataset", "PATH" },
  { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, "Open the demo dataset", NULL },
  { "train", 't', 0, G_OPTION_ARG_NONE, &train, "Start training", NULL },
  { "epochs", 'e', 0, G_OPTION_ARG_INT, &epochs, "Epochs to train (default: the form's)", "N" },
  { "shot-at-epoch", 0, 0, G_OPTION_ARG_INT, &shot_at_epoch, "Take the picture at this epoch", "N" },
  { "stop-at-epoch", 0, 0, G_OPTION_ARG_INT, &stop_at_epoch, "Stop the run at this epoch, then take the picture", "N" },
  { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark style", NULL },
  { "palette", 0, 0, G_OPTION_ARG_STRING, &palette, "Draw rates in this colour map: blues, viridis or greys", "NAME" },
  { "size", 0, 0, G_OPTION_ARG_STRING, &size, "Window size", "WxH" },
  { "page", 0, 0, G_OPTION_ARG_STRING, &page, "Show this page (overview, annotators, gallery, training, experiments, runs)", "NAME" },
  { "explorer-mode", 0, 0, G_OPTION_ARG_STRING, &explorer_mode, "On the Annotators page: grid, annotator or compare", "MODE" },
  { "annotator", 0, 0, G_OPTION_ARG_INT, &annotator, "On the Annotators page: select this annotator", "INDEX" },
  { "gallery-list", 0, 0, G_OPTION_ARG_INT, &gallery_list, "On the Gallery page: show this list (its place in the drop-down)", "N" },
  { "gallery-split", 0, 0, G_OPTION_ARG_STRING, &gallery_split, "On the Gallery page: train, valid or test", "SPLIT" },
  { "gallery-cell", 0, 0, G_OPTION_ARG_STRING, &gallery_cell, "On the Gallery page: list this cell of the confusion", "GOLD,PREDICTED" },
  { "item", 0, 0, G_OPTION_ARG_INT, &item, "On the Gallery page: select the listed item at this position", "POSITION" },
  { "reopen", 0, 0, G_OPTION_ARG_INT, &runs_reopened, "Reopen the Runs page's first N runs, the first last, then show the Training page", "N" },
  { "reopened-page", 0, 0, G_OPTION_ARG_STRING, &reopened_page, "With --reopen: show this page instead of the Training page", "NAME" },
  { "runs-selected", 0, 0, G_OPTION_ARG_INT, &runs_selected, "On the Runs page: select its first N runs", "N" },
  { "earlier-runs", 0, 0, G_OPTION_ARG_INT, &earlier_runs, "With --train: first train this many runs to their end, each with another method and seed", "N" },
  { "hover-epoch", 0, 0, G_OPTION_ARG_INT, &hover_epoch, "Point at this epoch of the page's last curves chart", "N" },
  { "hide-group", 0, 0, G_OPTION_ARG_INT, &hide_group, "Hide this group of the page's last curves chart", "N" },
  { "training-page-alone", 0, 0, G_OPTION_ARG_NONE, &training_page_alone, "Picture a Training page of the window's session alone, in a window of --size (the window itself is as wide as its widest page needs)", NULL },
  { "scroll-to-end", 0, 0, G_OPTION_ARG_NONE, &scroll_to_end, "Scroll the page shown to its end", NULL },
  { "import", 0, 0, G_OPTION_ARG_FILENAME, &import_path, "Open the import assistant on this crowd table, and save a picture of the assistant", "FILE" },
  { "import-features", 0, 0, G_OPTION_ARG_FILENAME, &import_features, "With --import: the train features, a CSV table with an id column", "FILE" },
  { "import-images", 0, 0, G_OPTION_ARG_FILENAME, &import_images, "With --import and no --import-features: the train split is this folder of images, without features", "FOLDER" },
  { "import-gold", 0, 0, G_OPTION_ARG_FILENAME, &import_gold, "With --import: the train gold labels, a table keyed by id", "FILE" },
  { "import-step", 0, 0, G_OPTION_ARG_INT, &import_step, "With --import: go on to this step (1 to 5) first", "N" },
  { "preferences", 0, 0, G_OPTION_ARG_NONE, &preferences, "Save a picture of the Preferences window instead", NULL },
  { "locale-dir", 0, 0, G_OPTION_ARG_FILENAME, &locale_dir, "Take the translations from this folder (such as the build's po/) instead of the installed ones", "DIR" },
  { "about", 0, 0, G_OPTION_ARG_NONE, &about, "Save a picture of the About window instead", NULL },
  { "shortcuts", 0, 0, G_OPTION_ARG_NONE, &shortcuts, "Save a picture of the keyboard shortcuts window instead", NULL },
  { "experiment", 0, 0, G_OPTION_ARG_INT, &experiment_seeds, "Run every method with this many seeds on the Experiments page, then take the picture", "SEEDS" },
  { NULL }
};

static CsWindow *window;
static CsImportAssistant *assistant;
static GtkWidget *preferences_window;   /* --preferences, --about or --shortcuts */
static GtkWidget *page_window;   /* --training-page-alone */
static int status = 1;

/* The window the picture is of. */
static GtkWidget *
pictured (void)
{
  if (assistant != NULL)
    return GTK_WIDGET (assistant);
  if (preferences_window != NULL)
    return preferences_window;
  return page_window != NULL ? page_window : GTK_WIDGET (window);
}

static void
save_now (GdkFrameClock *clock,
          gpointer       data)
{
  GtkWidget *widget = pictured ();
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;   /* a resize is pending: the next frame */
  g_signal_handlers_disconnect_by_func (clock, save_now, data);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  status = gdk_texture_save_to_png (texture, out_path) ? 0 : 1;
  if (status != 0)
    g_printerr ("cs-screenshot: cannot write %s\n", out_path);
  if (assistant != NULL)
    gtk_window_destroy (GTK_WINDOW (assistant));
  if (preferences_window != NULL)
    gtk_window_destroy (GTK_WINDOW (preferences_window));
  if (page_window != NULL)
    gtk_window_destroy (GTK_WINDOW (page_window));
  cs_session_stop (cs_window_get_session (window));
  gtk_window_close (GTK_WINDOW (window));
}

/* Puts the gallery in the state asked for once its predictions are in; FALSE until then. */
static gboolean
show_gallery (void)
{
  CsGalleryPage *gallery_page = cs_window_get_gallery_page (window);
  CsGallery *gallery = cs_gallery_page_get_gallery (gallery_page);
  static gboolean done;
  CsSplitKind split;
  int gold, predicted;

  if (done || (gallery_list < 0 && gallery_split == NULL && gallery_cell == NULL && item < 0))
    return TRUE;
  if (!cs_gallery_get_ready (gallery))
    return FALSE;
  done = TRUE;
  if (gallery_split != NULL && cs_split_kind_from_string (gallery_split, &split))
    cs_gallery_set_split (gallery, split);
  if (gallery_list >= 0)
    cs_gallery_set_list (gallery, gallery_list);
  if (gallery_cell != NULL && sscanf (gallery_cell, "%d,%d", &gold, &predicted) == 2)
    cs_gallery_set_cell (gallery, gold, predicted);
  if (item >= 0)
    cs_gallery_page_select (gallery_page, item);
  return FALSE;   /* a moment for the tiles' thumbnails */
}

/* The first scrolled window under a page, or NULL. */
static GtkWidget *
find_scroller (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_scroller (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The last loss chart under a widget, or NULL. */
static CsLossChart *
find_last_chart (GtkWidget *widget)
{
  CsLossChart *found = CS_IS_LOSS_CHART (widget) ? CS_LOSS_CHART (widget) : NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      CsLossChart *below = find_last_chart (child);

      found = below != NULL ? below : found;
    }
  return found;
}

/* Hides a group of the shown page's last chart, and points at an epoch of it, as the pointer
 * would: through the chart's motion controller. */
static void
point_at_chart (GtkWidget *shown)
{
  CsLossChart *chart = find_last_chart (shown);
  g_autoptr(GListModel) controllers = NULL;
  graphene_rect_t plot;

  if (chart == NULL)
    return;
  if (hide_group >= 0 && (guint) hide_group < cs_loss_chart_get_n_groups (chart))
    cs_loss_chart_set_group_visible (chart, hide_group, FALSE);
  if (hover_epoch <= 0 || !cs_chart_get_plot_area (CS_CHART (chart), &plot))
    return;
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (chart));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        g_signal_emit_by_name (controller, "motion",
                               cs_loss_chart_x_to_widget (chart, hover_epoch),
                               plot.origin.y + plot.size.height * 0.6);
    }
}

static gboolean shoot (gpointer data);

/* Reopens the listed runs from the N-th back to the first, then shows them on the Training
 * page: the first the current run, the others earlier runs. */
static void
reopen_next (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  CsSession *session = cs_window_get_session (window);
  GListModel *runs = G_LIST_MODEL (cs_history_page_get_selection (cs_window_get_history_page (window)));
  g_autoptr(GError) error = NULL;
  g_autoptr(CsTraining) training = NULL;
  g_autoptr(CsRunEntry) entry = NULL;

  if (result != NULL && !(training = cs_session_reopen_finish (session, result, &error)))
    g_printerr ("cs-screenshot: %s\n", error->message);
  if (runs_reopened == 0 || !(entry = g_list_model_get_item (runs, (guint) runs_reopened - 1)))
    {
      GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (cs_window_get_train_page (window)),
                                                  ADW_TYPE_VIEW_STACK);

      runs_reopened = 0;
      adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), reopened_page ? reopened_page : "training");
      g_timeout_add (900, shoot, NULL);
      return;
    }
  runs_reopened--;
  cs_session_reopen_async (session, cs_run_entry_get_id (entry), NULL, reopen_next, NULL);
}

/* Opens the import assistant, fills in the train split from the options, and goes on step by
 * step up to the one asked for; FALSE until it is there and its check is done. */
static gboolean
show_import (void)
{
  CsImportJob *job;
  CsImportSplit *split;

  if (import_path == NULL)
    return TRUE;
  if (assistant == NULL)
    {
      assistant = cs_window_import (window, import_path);
      job = cs_import_assistant_get_job (assistant);
      split = &cs_import_job_get_plan (job)->splits[CS_SPLIT_TRAIN];
      if (import_features == NULL && import_images != NULL)
        {
          split->features_kind = CS_FEATURES_IMAGES;
          cs_import_plan_set (&split->images_folder, import_images);
          split->id_source = CS_IDS_IMAGE_NAMES;
        }
      else
        {
          split->features_kind = CS_FEATURES_CSV;
          cs_import_plan_set (&split->features_path, import_features);
          split->id_source = CS_IDS_COLUMN;
          cs_import_plan_set (&split->id_column, "id");
        }
      if (import_gold != NULL)
        {
          split->gold_source = CS_GOLD_TABLE;
          cs_import_plan_set (&split->gold_path, import_gold);
        }
      cs_import_job_plan_changed (job);
      return FALSE;
    }
  job = cs_import_assistant_get_job (assistant);
  if (cs_import_job_get_checking (job))
    return FALSE;
  if ((int) cs_import_job_get_step (job) + 1 < import_step && cs_import_job_get_can_go_on (job))
    {
      cs_import_assistant_next (assistant);
      return FALSE;
    }
  return TRUE;
}

/* Waits two frames so every allocation has settled, then saves. */
static gboolean
shoot (gpointer data)
{
  GdkFrameClock *clock;

  if (!show_import ())
    return G_SOURCE_CONTINUE;
  if (training_page_alone && page_window == NULL)
    {
      GtkWidget *alone = g_object_new (CS_TYPE_TRAIN_PAGE, NULL);
      int w = 360, h = 700;

      sscanf (size, "%dx%d", &w, &h);
      cs_page_set_session (CS_PAGE (alone), cs_window_get_session (window));
      page_window = gtk_window_new ();
      gtk_window_set_child (GTK_WINDOW (page_window), alone);
      gtk_window_set_default_size (GTK_WINDOW (page_window), w, h);
      gtk_window_present (GTK_WINDOW (page_window));
      g_timeout_add (900, shoot, NULL);
      return G_SOURCE_REMOVE;
    }
  clock = gtk_widget_get_frame_clock (pictured ());

  if (page != NULL)
    {
      GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (cs_window_get_train_page (window)),
                                                  ADW_TYPE_VIEW_STACK);

      adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), page);
      g_clear_pointer (&page, g_free);
      if (annotator >= 0)
        cs_explorer_page_select (cs_window_get_explorer_page (window), annotator);
      if (explorer_mode != NULL)
        cs_explorer_page_set_mode (cs_window_get_explorer_page (window), explorer_mode);
      g_timeout_add (600, shoot, NULL);
      return G_SOURCE_REMOVE;
    }
  if (runs_reopened > 0)
    {
      GtkSelectionModel *runs = cs_history_page_get_selection (cs_window_get_history_page (window));

      if (g_list_model_get_n_items (G_LIST_MODEL (runs)) == 0)
        return G_SOURCE_CONTINUE;   /* the store is still being listed */
      reopen_next (NULL, NULL, NULL);
      return G_SOURCE_REMOVE;
    }
  if (runs_selected > 0)
    {
      GtkSelectionModel *runs = cs_history_page_get_selection (cs_window_get_history_page (window));

      if (g_list_model_get_n_items (G_LIST_MODEL (runs)) == 0)
        return G_SOURCE_CONTINUE;   /* the store is still being listed */
      gtk_selection_model_select_range (runs, 0, runs_selected, TRUE);
      runs_selected = 0;
      g_timeout_add (600, shoot, NULL);
      return G_SOURCE_REMOVE;
    }
  if (scroll_to_end)
    {
      GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (cs_window_get_train_page (window)),
                                                  ADW_TYPE_VIEW_STACK);
      GtkWidget *shown = page_window != NULL ? page_window
                                             : adw_view_stack_get_visible_child (ADW_VIEW_STACK (stack));
      GtkWidget *scroller = find_scroller (shown);

      scroll_to_end = FALSE;
      if (scroller != NULL)
        {
          GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

          gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
        }
      g_timeout_add (300, shoot, NULL);
      return G_SOURCE_REMOVE;
    }
  if (!show_gallery ())
    return G_SOURCE_CONTINUE;   /* its predictions are still being worked out */
  if (hover_epoch > 0 || hide_group >= 0)
    {
      GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (cs_window_get_train_page (window)),
                                                  ADW_TYPE_VIEW_STACK);

      point_at_chart (adw_view_stack_get_visible_child (ADW_VIEW_STACK (stack)));
      hover_epoch = 0;
      hide_group = -1;
      g_timeout_add (300, shoot, NULL);
      return G_SOURCE_REMOVE;
    }

  gtk_widget_queue_draw (pictured ());
  g_signal_connect (clock, "after-paint", G_CALLBACK (save_now), NULL);
  return G_SOURCE_REMOVE;
}

static void
shoot_soon (void)
{
  g_timeout_add (900, shoot, NULL);  /* after the page transitions */
}

static void
on_epochs (CsTraining *training,
           guint       first,
           guint       n,
           gpointer    data)
{
  if (shot_at_epoch > 0 && first < (guint) shot_at_epoch && first + n >= (guint) shot_at_epoch)
    {
      g_signal_handlers_disconnect_by_func (training, on_epochs, data);
      shoot_soon ();
    }
  if (stop_at_epoch > 0 && first + n >= (guint) stop_at_epoch)
    {
      g_signal_handlers_disconnect_by_func (training, on_epochs, data);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL);
    }
}

static void
on_state (CsTraining *training,
          GParamSpec *pspec,
          gpointer    data)
{
  if (shot_at_epoch == 0 && cs_training_get_state (training) != CS_TRAINING_RUNNING)
    shoot_soon ();
}

static void
on_experiment_state (CsExperimentJob *job,
                     GParamSpec      *pspec,
                     gpointer         data)
{
  if (cs_experiment_job_get_state (job) > CS_EXPERIMENT_RUNNING)
    shoot_soon ();
}

/* The overview once its figures are in, or an experiment started then. */
static void
on_stats (CsSession  *session,
          GParamSpec *pspec,
          gpointer    data)
{
  CsExperimentsPage *experiments = cs_window_get_experiments_page (window);

  if (train || cs_session_get_stats (session) == NULL)
    return;
  if (experiment_seeds <= 0)
    {
      shoot_soon ();
      return;
    }
  cs_experiments_page_set_seeds (experiments, experiment_seeds);
  if (!cs_experiments_page_run (experiments))
    {
      g_printerr ("cs-screenshot: the experiment did not start\n");
      shoot_soon ();
      return;
    }
  g_signal_connect (cs_experiments_page_get_job (experiments), "notify::state",
                    G_CALLBACK (on_experiment_state), NULL);
}

static void start_run (CsSession *session);

static gboolean
start_next_run (gpointer session)
{
  start_run (session);
  return G_SOURCE_REMOVE;
}

static void
on_earlier_state (CsTraining *training,
                  GParamSpec *pspec,
                  CsSession  *session)
{
  if (cs_training_get_state (training) == CS_TRAINING_RUNNING)
    return;
  g_signal_handlers_disconnect_by_func (training, on_earlier_state, session);
  g_idle_add (start_next_run, session);
}

/* The earlier runs one after another, each with the next method and seed, then the run the
 * picture is of, with the form's method and seed. */
static void
start_run (CsSession *session)
{
  static int started;
  static CsMethod method;
  static guint64 seed;
  CsTrainOptions *options = cs_session_get_options (session);
  CsTraining *training;

  if (started == 0)
    g_object_get (options, "method", &method, "seed", &seed, NULL);
  if (started < earlier_runs)
    g_object_set (options, "method", (method + 1 + started) % CS_N_METHODS,
                  "seed", (guint64) started + 2, NULL);
  else
    g_object_set (options, "method", method, "seed", seed, NULL);
  if (epochs > 0)
    g_object_set (options, "epochs", epochs, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.train", NULL);
  training = cs_session_get_training (session);
  if (started++ < earlier_runs)
    {
      g_signal_connect (training, "notify::state", G_CALLBACK (on_earlier_state), session);
      return;
    }
  g_signal_connect (training, "epochs-added", G_CALLBACK (on_epochs), NULL);
  g_signal_connect (training, "notify::state", G_CALLBACK (on_state), NULL);
}

static void
on_dataset (CsSession  *session,
            GParamSpec *pspec,
            gpointer    data)
{
  if (train)
    start_run (session);
}

static void
activate (GApplication *app)
{
  int w = 1280, h = 860;

  sscanf (size, "%dx%d", &w, &h);
  if (dark)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  window = cs_window_new (GTK_APPLICATION (app));
  if (palette != NULL)
    {
      g_autoptr(GSettings) settings = cs_settings_new ();

      if (settings != NULL)
        g_settings_set_string (settings, "palette", palette);
    }
  gtk_window_set_default_size (GTK_WINDOW (window), w, h);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (cs_window_get_session (window), "notify::dataset", G_CALLBACK (on_dataset), NULL);
  if (preferences)
    {
      g_autoptr(GSettings) settings = cs_settings_new ();

      if (settings == NULL)
        {
          g_printerr ("cs-screenshot: --preferences needs the schema (GSETTINGS_SCHEMA_DIR)\n");
          return;
        }
      preferences_window = GTK_WIDGET (cs_preferences_window_new (settings));
      gtk_window_set_transient_for (GTK_WINDOW (preferences_window), GTK_WINDOW (window));
      gtk_window_present (GTK_WINDOW (preferences_window));
    }
  if (about || shortcuts)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();
      GType type = about ? ADW_TYPE_ABOUT_WINDOW : GTK_TYPE_SHORTCUTS_WINDOW;

      if (about)
        gtk_window_present (cs_about_window_new (GTK_WINDOW (window)));
      else
        gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
      /* The window the action opened. */
      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

          if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (toplevel))
            preferences_window = toplevel;
        }
    }
  g_signal_connect (cs_window_get_session (window), "notify::figures", G_CALLBACK (on_stats), NULL);
  if (dataset_path)
    cs_window_open_path (window, dataset_path);
  else if (demo)
    cs_window_open_demo (window);
  else
    shoot_soon ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— save a picture of the window");
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || out_path == NULL)
    {
      g_printerr ("cs-screenshot: %s\n", error ? error->message : "--out FILE is required");
      return 2;
    }
  /* As ui/main.c binds the domain; LANGUAGE=de with LANG=C.UTF-8 then pictures the window in
   * German without an installed German locale. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir != NULL ? locale_dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  app = adw_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_object_set (app, "resource-base-path", "/io/github/crowdscope/Crowdscope", NULL);
  g_signal_connect (app, "activate", G_CALLBACK (activate), NULL);
  g_application_run (G_APPLICATION (app), 1, argv);
  return status;
}
