/* chart-demo.c — a window showing the charts with made-up training data, to look at them
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * chart-demo [--heatmaps | --gallery DATASET [--split NAME]] [--dark] [--screenshot FILE]
 *            [--width W --height H] [--hover F] [--focus N]
 *
 * --heatmaps shows the confusion heatmaps instead of the training charts: LabelMe's 8 classes,
 * 10 music genres, a difference of two annotators, classes an annotator never saw, and a grid of
 * small multiples. --dark (or CS_DEMO_DARK=1) forces libadwaita's dark style; --screenshot
 * renders the window to a PNG once it has been drawn, then quits. A small size shows the charts
 * near their minimum. --hover puts a pointer over every chart, a fraction F of its width from
 * the left, so that a screenshot shows the hover read-outs too. --focus gives the keyboard
 * focus to the first chart that takes it, with its item N selected as the arrow keys would.
 * --gallery shows the gallery's tiles over a dataset's split (test unless --split says
 * otherwise) with made-up predictions, a quarter of them wrong, after two items whose images
 * cannot be shown when the dataset has images.
 */

#include <adwaita.h>
#include <math.h>

#include "cs-bar-chart.h"
#include "cs-dataset.h"
#include "cs-heatmap.h"
#include "cs-loss-chart.h"
#include "demo-gallery.h"

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

#define K_LABELME 8

static const char * const labelme_classes[K_LABELME] = {
  "highway", "insidecity", "tallbuilding", "street", "forest", "coast", "mountain", "opencountry",
};

static GtkWidget *
make_class_chart (void)
{
  static const double counts[] = { 260, 308, 356, 292, 328, 360, 374, 410 };
  const char * const *classes = labelme_classes;
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

/* LabelMe's scenes are mistaken for their neighbours: a highway for a street, a coast for open
 * country; the music genres for the next one in the list. */
static const int labelme_confused[] = { 3, 2, 1, 0, 6, 7, 4, 5 };

/* An annotator's labels per true class: right with probability accuracy, else mostly the class
 * the true one is taken for (the next one when confused is NULL), else any. counts and rates
 * are [k, k]; a class in empty gets no labels, and rates of NaN. */
static void
simulate_annotator (GRand     *rand,
                    guint      k,
                    double     accuracy,
                    const int *confused,
                    guint      empty,
                    int       *counts,
                    float     *rates)
{
  for (guint i = 0; i < k; i++)
    {
      int total = i == empty ? 0 : g_rand_int_range (rand, 12, 90);

      for (guint j = 0; j < k; j++)
        counts[i * k + j] = 0;
      for (int n = 0; n < total; n++)
        {
          double r = g_rand_double (rand);
          guint taken_for = confused ? (guint) confused[i] : (i + 1) % k;
          guint j = r < accuracy ? i :
                    r < accuracy + (1 - accuracy) * 0.7 ? taken_for :
                    (guint) g_rand_int_range (rand, 0, k);

          counts[i * k + j]++;
        }
      for (guint j = 0; j < k; j++)
        rates[i * k + j] = total > 0 ? counts[i * k + j] / (float) total : NAN;
    }
}

/* A heatmap of copies of the matrix and names; counts may be NULL. */
static GtkWidget *
new_heatmap (const char         *title,
             const float        *values,
             const int          *counts,
             guint               k,
             const char * const *classes)
{
  GtkWidget *heatmap = cs_heatmap_new ();

  cs_heatmap_set_matrix (CS_HEATMAP (heatmap), values, counts, k, classes);
  cs_heatmap_set_title (CS_HEATMAP (heatmap), title);
  return heatmap;
}

static GtkWidget *
make_heatmap (GRand              *rand,
              const char         *title,
              guint               k,
              const char * const *classes,
              const int          *confused,
              guint               empty)
{
  g_autofree int *counts = g_new (int, k * k);
  g_autofree float *rates = g_new (float, k * k);

  simulate_annotator (rand, k, g_rand_double_range (rand, 0.55, 0.85), confused, empty,
                      counts, rates);
  return new_heatmap (title, rates, counts, k, classes);
}

/* An annotator who never saw a street or a coast (empty rows: their counts add up to 0), and a
 * cell whose value is missing on its own. */
static GtkWidget *
make_unseen_heatmap (GRand *rand)
{
  int counts[K_LABELME * K_LABELME];
  float rates[K_LABELME * K_LABELME];

  simulate_annotator (rand, K_LABELME, 0.7, labelme_confused, 3, counts, rates);
  for (guint j = 0; j < K_LABELME; j++)
    counts[5 * K_LABELME + j] = 0;
  rates[1 * K_LABELME + 6] = NAN;
  return new_heatmap ("Annotator a41, who saw 6 of the 8 classes", rates, counts, K_LABELME,
                      labelme_classes);
}

/* Two annotators' rates on the same classes, one less the other. */
static GtkWidget *
make_difference_heatmap (GRand *rand)
{
  int counts[K_LABELME * K_LABELME];
  float first[K_LABELME * K_LABELME], second[K_LABELME * K_LABELME];
  GtkWidget *heatmap;

  simulate_annotator (rand, K_LABELME, 0.8, labelme_confused, G_MAXUINT, counts, first);
  simulate_annotator (rand, K_LABELME, 0.55, labelme_confused, G_MAXUINT, counts, second);
  for (guint i = 0; i < K_LABELME * K_LABELME; i++)
    first[i] -= second[i];
  heatmap = new_heatmap ("a03 − a17", first, NULL, K_LABELME, labelme_classes);
  cs_heatmap_set_colormap (CS_HEATMAP (heatmap), CS_COLORMAP_DIVERGING);
  return heatmap;
}

/* Small multiples: one compact heatmap per annotator, some of whom never saw a class. */
static GtkWidget *
make_small_multiples (GRand *rand)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  for (guint a = 0; a < 18; a++)
    {
      g_autofree char *name = g_strdup_printf ("annotator a%02u", a * 7 % 59);
      GtkWidget *heatmap = make_heatmap (rand, name, K_LABELME, labelme_classes,
                                         labelme_confused, a % 5 == 2 ? a % 8 : G_MAXUINT);

      cs_heatmap_set_compact (CS_HEATMAP (heatmap), TRUE);
      gtk_widget_set_hexpand (heatmap, TRUE);
      gtk_widget_set_vexpand (heatmap, TRUE);
      gtk_grid_attach (GTK_GRID (grid), heatmap, a % 6, a / 6, 1, 1);
    }
  return grid;
}

/* The charts in rows of columns, every row and column the same size; the last chart takes the
 * rest of its row. */
static GtkWidget *
make_grid (GtkWidget **charts,
           guint       n,
           guint       columns)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  for (guint i = 0; i < n; i++)
    {
      gtk_widget_set_hexpand (charts[i], TRUE);
      gtk_widget_set_vexpand (charts[i], TRUE);
      gtk_grid_attach (GTK_GRID (grid), charts[i], i % columns, i / columns,
                       i == n - 1 ? columns - i % columns : 1, 1);
    }
  return grid;
}

static GtkWidget *
make_heatmaps (void)
{
  static const char * const genres[] = {
    "blues", "classical", "country", "disco", "hiphop", "jazz", "metal", "pop", "reggae", "rock",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);
  GtkWidget *charts[] = {
    make_heatmap (rand, "Annotator a03", K_LABELME, labelme_classes, labelme_confused, G_MAXUINT),
    make_heatmap (rand, "Annotator m12", 10, genres, NULL, G_MAXUINT),
    make_difference_heatmap (rand),
    make_unseen_heatmap (rand),
    make_small_multiples (rand),
  };

  return make_grid (charts, G_N_ELEMENTS (charts), 3);
}

static GtkWidget *
make_charts (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  GtkWidget *charts[4] = {
    make_loss_chart (rand), make_accuracy_chart (rand),
    make_class_chart (), make_annotator_chart (rand),
  };

  return make_grid (charts, G_N_ELEMENTS (charts), 2);
}

static GtkWidget *
make_window (GtkWidget *child,
             int        width,
             int        height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_title (GTK_WINDOW (window), "Crowdscope charts");
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  g_object_set (child, "margin-top", 12, "margin-bottom", 12,
                "margin-start", 12, "margin-end", 12, NULL);
  gtk_window_set_child (GTK_WINDOW (window), child);
  return window;
}

typedef struct
{
  GtkWidget  *window;
  const char *path;
  double      hover;  /* where across each chart the pointer goes; NAN: nowhere */
  int         focus;  /* the item selected in the focused chart; -1: no focus */
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
  if (!CS_IS_CHART (widget))
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

/* The first chart, depth first, that takes the focus; NULL if none does. */
static GtkWidget *
find_focusable_chart (GtkWidget *widget)
{
  if (CS_IS_CHART (widget) && gtk_widget_get_focusable (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_focusable_chart (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
focus_chart (GtkWidget *window,
             guint      item)
{
  GtkWidget *chart = find_focusable_chart (window);

  if (chart == NULL)
    return;
  gtk_window_set_focus_visible (GTK_WINDOW (window), TRUE);
  gtk_widget_grab_focus (chart);
  cs_chart_set_selected (CS_CHART (chart), item);
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
  if (shot->focus >= 0)
    focus_chart (shot->window, shot->focus);
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
  gboolean heatmaps = FALSE;
  g_autofree char *gallery = NULL;
  g_autofree char *split_name = NULL;
  CsSplitKind split = CS_SPLIT_TEST;
  int width = 0, height = 0;
  double hover = NAN;
  int focus = -1;
  GOptionEntry entries[] = {
    { "heatmaps", 0, 0, G_OPTION_ARG_NONE, &heatmaps, "Show the heatmaps", NULL },
    { "gallery", 0, 0, G_OPTION_ARG_FILENAME, &gallery, "Show the gallery of a dataset",
      "DATASET" },
    { "split", 0, 0, G_OPTION_ARG_STRING, &split_name, "The gallery's split", "NAME" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark style", NULL },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "The window's width", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "The window's height", "H" },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, &screenshot,
      "Save the window to a PNG and quit", "FILE" },
    { "focus", 0, 0, G_OPTION_ARG_INT, &focus,
      "Focus the first chart that takes the focus, with this item selected", "N" },
    { "hover", 0, 0, G_OPTION_ARG_DOUBLE, &hover,
      "Put a pointer over each chart, this fraction of its width from the left", "F" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— show the Crowdscope charts");
  g_autoptr(GError) error = NULL;
  Screenshot shot = { 0 };
  GtkWidget *child, *window;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (split_name != NULL && !cs_split_kind_from_string (split_name, &split))
    {
      g_printerr ("--split: train, valid or test, not “%s”\n", split_name);
      return 1;
    }
  gtk_init ();
  adw_init ();
  if (dark)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_DARK);

  if (gallery != NULL)
    {
      g_autoptr(GtkCssProvider) style = gtk_css_provider_new ();

      /* The tiles' frames come from the application's styles. */
      gtk_css_provider_load_from_resource (style, "/io/github/crowdscope/Crowdscope/style.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (style),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      if ((child = demo_gallery_new (gallery, split, &error)) == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }
  else
    child = heatmaps ? make_heatmaps () : make_charts ();
  window = make_window (child, width > 0 ? width : heatmaps ? 1400 : 1100,
                        height > 0 ? height : heatmaps ? 900 : 720);
  g_signal_connect (window, "close-request", G_CALLBACK (window_closed_cb), &closed);
  gtk_window_present (GTK_WINDOW (window));
  if (screenshot != NULL)
    {
      shot.window = window;
      shot.path = screenshot;
      shot.hover = hover;
      shot.focus = focus;
      /* Half a second for the first frames to settle. */
      g_timeout_add (500, take_screenshot_cb, &shot);
    }
  while (!closed && !(screenshot != NULL && shot.done))
    g_main_context_iteration (NULL, TRUE);
  if (!closed)
    gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
