/* chart-demo.c — a window showing the charts with made-up training data, to look at them
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * chart-demo [--dark] [--screenshot FILE] [--width W --height H] [--hover F]
 *
 * --dark (or CS_DEMO_DARK=1) forces libadwaita's dark style; --screenshot renders the window
 * to a PNG once it has been drawn, then quits. A small size shows the charts near their
 * minimum. --hover puts a pointer over every chart, a fraction F of its width from the left,
 * so that a screenshot shows the hover read-outs too.
 */

#include <adwaita.h>
#include <math.h>

#include "cs-bar-chart.h"
#include "cs-loss-chart.h"

#define PLANNED_EPOCHS 60
#define DONE_EPOCHS    42

/* A learning curve rising from start towards end, with a little noise. */
static double
curve (GRand  *rand,
       int     epoch,
       double  start,
       double  end,
       double  rate,
       double  noise)
{
  return end + (start - end) * exp (-rate * epoch) + g_rand_double_range (rand, -noise, noise);
}

static GtkWidget *
make_loss_chart (GRand *rand)
{
  CsLossChart *chart = CS_LOSS_CHART (cs_loss_chart_new ());
  guint earlier = cs_loss_chart_add_series (chart, "earlier", CS_CHART_ROLE_TRAIN, TRUE);
  guint train = cs_loss_chart_add_series (chart, "train", CS_CHART_ROLE_TRAIN, FALSE);
  guint crowd = cs_loss_chart_add_series (chart, "crowd NLL", CS_CHART_ROLE_LOSS, FALSE);

  cs_chart_set_label (CS_CHART (chart), GTK_ORIENTATION_VERTICAL, "Loss");
  cs_loss_chart_set_x_max (chart, PLANNED_EPOCHS);
  for (int e = 1; e <= PLANNED_EPOCHS; e++)
    cs_loss_chart_append (chart, earlier, e, curve (rand, e, 2.4, 0.45, 0.09, 0.03));
  for (int e = 1; e <= DONE_EPOCHS; e++)
    {
      cs_loss_chart_append (chart, train, e, curve (rand, e, 2.2, 0.25, 0.12, 0.03));
      cs_loss_chart_append (chart, crowd, e, curve (rand, e, 1.9, 0.62, 0.1, 0.02));
    }
  cs_loss_chart_set_marker (chart, 35, "best valid");
  return GTK_WIDGET (chart);
}

static GtkWidget *
make_accuracy_chart (GRand *rand)
{
  CsLossChart *chart = CS_LOSS_CHART (cs_loss_chart_new ());
  guint earlier = cs_loss_chart_add_series (chart, "earlier", CS_CHART_ROLE_VALID, TRUE);
  guint train = cs_loss_chart_add_series (chart, "train", CS_CHART_ROLE_TRAIN, FALSE);
  guint valid = cs_loss_chart_add_series (chart, "valid", CS_CHART_ROLE_VALID, FALSE);
  guint test = cs_loss_chart_add_series (chart, "test", CS_CHART_ROLE_TEST, FALSE);

  cs_chart_set_label (CS_CHART (chart), GTK_ORIENTATION_VERTICAL, "Accuracy");
  cs_loss_chart_set_percent (chart, TRUE);
  cs_loss_chart_set_y_range (chart, 0, 1);
  cs_loss_chart_set_x_max (chart, PLANNED_EPOCHS);
  for (int e = 1; e <= PLANNED_EPOCHS; e++)
    cs_loss_chart_append (chart, earlier, e, curve (rand, e, 0.2, 0.78, 0.1, 0.01));
  for (int e = 1; e <= DONE_EPOCHS; e++)
    {
      cs_loss_chart_append (chart, train, e, curve (rand, e, 0.15, 0.95, 0.11, 0.01));
      cs_loss_chart_append (chart, valid, e, curve (rand, e, 0.18, 0.87, 0.12, 0.012));
      /* Test accuracy is measured every fifth epoch only: the curve has gaps. */
      cs_loss_chart_append (chart, test, e, e % 5 ? NAN : curve (rand, e, 0.18, 0.86, 0.12, 0.01));
    }
  cs_loss_chart_set_marker (chart, 35, "best valid");
  return GTK_WIDGET (chart);
}

static GtkWidget *
make_class_chart (void)
{
  static const double counts[] = { 260, 308, 356, 292, 328, 360, 374, 410 };
  static const char * const classes[] = {
    "highway", "insidecity", "tallbuilding", "street", "forest", "coast", "mountain", "opencountry",
  };
  CsBarChart *chart = CS_BAR_CHART (cs_bar_chart_new ());

  cs_bar_chart_set_data (chart, counts, classes, G_N_ELEMENTS (counts));
  cs_chart_set_label (CS_CHART (chart), GTK_ORIENTATION_HORIZONTAL, "Class (majority vote)");
  cs_chart_set_label (CS_CHART (chart), GTK_ORIENTATION_VERTICAL, "Items");
  return GTK_WIDGET (chart);
}

static GtkWidget *
make_annotator_chart (GRand *rand)
{
  double counts[59];

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    counts[i] = floor (40 + 1500 * pow (g_rand_double (rand), 3));
  {
    CsBarChart *chart = CS_BAR_CHART (cs_bar_chart_new ());

    cs_bar_chart_set_data (chart, counts, NULL, G_N_ELEMENTS (counts));
    cs_chart_set_label (CS_CHART (chart), GTK_ORIENTATION_HORIZONTAL, "Annotator");
    cs_chart_set_label (CS_CHART (chart), GTK_ORIENTATION_VERTICAL, "Labels");
    return GTK_WIDGET (chart);
  }
}

static GtkWidget *
make_window (int width,
             int height)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *charts[4] = {
    make_loss_chart (rand), make_accuracy_chart (rand),
    make_class_chart (), make_annotator_chart (rand),
  };

  gtk_window_set_title (GTK_WINDOW (window), "Crowdscope charts");
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  g_object_set (grid, "margin-top", 12, "margin-bottom", 12,
                "margin-start", 12, "margin-end", 12, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      gtk_widget_set_hexpand (charts[i], TRUE);
      gtk_widget_set_vexpand (charts[i], TRUE);
      gtk_grid_attach (GTK_GRID (grid), charts[i], i % 2, i / 2, 1, 1);
    }
  gtk_window_set_child (GTK_WINDOW (window), grid);
  return window;
}

typedef struct
{
  GtkWidget  *window;
  const char *path;
  double      hover;  /* where across each chart the pointer goes; NAN: nowhere */
  gboolean    done;
  gulong      handler;
} Screenshot;

/* Feeds a pointer motion to each chart's motion controller, as the widget tests do. */
static void
hover_charts (GtkWidget *widget,
              double     fraction)
{
  g_autoptr(GListModel) controllers = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    hover_charts (child, fraction);
  if (!CS_IS_BAR_CHART (widget) && !CS_IS_LOSS_CHART (widget))
    return;
  controllers = gtk_widget_observe_controllers (widget);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        g_signal_emit_by_name (controller, "motion", fraction * gtk_widget_get_width (widget),
                               0.45 * gtk_widget_get_height (widget));
    }
}

/* Right after a change that needs a new layout the window has no render node yet; after a
 * paint it has one. */
static void
after_paint_cb (GdkFrameClock *clock,
                Screenshot    *shot)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (shot->window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (shot->window), height = gtk_widget_get_height (shot->window);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (shot->window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, shot->path))
    g_printerr ("Could not write %s\n", shot->path);
  g_signal_handler_disconnect (clock, shot->handler);
  shot->done = TRUE;
}

static gboolean
take_screenshot_cb (gpointer data)
{
  Screenshot *shot = data;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (shot->window);

  if (!isnan (shot->hover))
    hover_charts (shot->window, shot->hover);
  shot->handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), shot);
  gtk_widget_queue_draw (shot->window);
  return G_SOURCE_REMOVE;
}

static gboolean
window_closed_cb (GtkWindow *window,
                  gboolean  *closed)
{
  *closed = TRUE;
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *screenshot = NULL;
  gboolean dark = g_strcmp0 (g_getenv ("CS_DEMO_DARK"), "1") == 0, closed = FALSE;
  int width = 1100, height = 720;
  double hover = NAN;
  GOptionEntry entries[] = {
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark style", NULL },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "The window's width", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "The window's height", "H" },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, &screenshot,
      "Save the window to a PNG and quit", "FILE" },
    { "hover", 0, 0, G_OPTION_ARG_DOUBLE, &hover,
      "Put a pointer over each chart, this fraction of its width from the left", "F" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— show the Crowdscope charts");
  g_autoptr(GError) error = NULL;
  Screenshot shot = { 0 };
  GtkWidget *window;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  gtk_init ();
  adw_init ();
  if (dark)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_DARK);

  window = make_window (width, height);
  g_signal_connect (window, "close-request", G_CALLBACK (window_closed_cb), &closed);
  gtk_window_present (GTK_WINDOW (window));
  if (screenshot != NULL)
    {
      shot.window = window;
      shot.path = screenshot;
      shot.hover = hover;
      /* Half a second for the first frames to settle. */
      g_timeout_add (500, take_screenshot_cb, &shot);
    }
  while (!closed && !(screenshot != NULL && shot.done))
    g_main_context_iteration (NULL, TRUE);
  if (!closed)
    gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
