/* cs-ui-test.c — helpers the widget tests share
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "cs-ui-test.h"
#include "test-util.h"

#define WAIT_SECONDS 10

/* Initialises GTK and libadwaita for a test program. Without a display there is nothing to
 * test on: the program reports an empty, skipped plan (gtk_test_init would abort instead), and
 * returns FALSE so main can return 0. */
gboolean
cs_ui_test_init (int    *argc,
                 char ***argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL &&
      g_getenv ("BROADWAY_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return FALSE;
    }
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  return TRUE;
}

static void
wait_until (gboolean *done,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (!*done)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Returns once the widget is mapped and a frame that includes it has been painted. */
void
cs_ui_test_wait_for_draw (GtkWidget *widget)
{
  gboolean painted = FALSE;
  gboolean mapped = gtk_widget_get_mapped (widget);
  GdkFrameClock *clock;
  gulong handler;

  while (!mapped)
    {
      g_main_context_iteration (NULL, FALSE);
      mapped = gtk_widget_get_mapped (widget);
      if (!mapped)
        g_usleep (1000);
    }
  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  wait_until (&painted, "a frame");
  g_signal_handler_disconnect (clock, handler);

  /* Then what the frame left to do: low-priority idles such as accessibility updates. */
  for (int i = 0; i < 1000 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

/* A window of the given size showing child, presented and drawn once. */
GtkWidget *
cs_ui_test_show (GtkWidget *child,
                 int        width,
                 int        height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  cs_ui_test_wait_for_draw (child);
  return window;
}

/* Renders what the widget draws (not its window's background) with the window's renderer. */
GdkTexture *
cs_ui_test_render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  GskRenderNode *node;
  GdkTexture *texture;

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, height);
  return texture;
}

/* Waits for the widget to be drawn again after a change, then renders it. */
GdkTexture *
cs_ui_test_redraw (GtkWidget *widget)
{
  cs_ui_test_wait_for_draw (widget);
  return cs_ui_test_render (widget);
}

/* Calls the widget's snapshot vfunc itself, as gtk_widget_snapshot () would hand back the node
 * of the last frame; returns the seconds it took and the node it made. */
double
cs_ui_test_time_snapshot (GtkWidget      *widget,
                          GskRenderNode **node)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  double elapsed;

  g_test_timer_start ();
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  *node = gtk_snapshot_free_to_node (snapshot);
  elapsed = g_test_timer_elapsed ();
  g_assert_nonnull (*node);
  return elapsed;
}

/* The texture's pixels as premultiplied ARGB in native byte order, one guint32 each. */
static guint32 *
download (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  guint32 *pixels = g_new (guint32, (gsize) width * height);

  gdk_texture_download (texture, (guchar *) pixels, width * 4);
  return pixels;
}

typedef gboolean (*PixelTest) (guint32 pixel, gconstpointer data);

static guint
count_pixels (GdkTexture            *texture,
              const graphene_rect_t *area,
              PixelTest              test,
              gconstpointer          data)
{
  g_autofree guint32 *pixels = download (texture);
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  int x0 = 0, y0 = 0, x1 = width, y1 = height;
  guint count = 0;

  if (area != NULL)
    {
      x0 = MAX (0, (int) floor (area->origin.x));
      y0 = MAX (0, (int) floor (area->origin.y));
      x1 = MIN (width, (int) ceil (area->origin.x + area->size.width));
      y1 = MIN (height, (int) ceil (area->origin.y + area->size.height));
    }
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      count += test (pixels[(gsize) y * width + x], data);
  return count;
}

static gboolean
is_painted (guint32       pixel,
            gconstpointer data)
{
  return (pixel >> 24) != 0;
}

/* Pixels with anything drawn on them (the widget's own background is transparent). */
guint
cs_ui_test_count_painted (GdkTexture            *texture,
                          const graphene_rect_t *area)
{
  return count_pixels (texture, area, is_painted, NULL);
}

static gboolean
is_color (guint32       pixel,
          gconstpointer data)
{
  const GdkRGBA *color = data;
  double alpha = (pixel >> 24) / 255.0;

  /* Nearly opaque pixels only: anti-aliased edges blend with what is behind them. */
  if (alpha < 0.9)
    return FALSE;
  return fabs (((pixel >> 16) & 0xff) / 255.0 / alpha - color->red) < 0.06 &&
         fabs (((pixel >> 8) & 0xff) / 255.0 / alpha - color->green) < 0.06 &&
         fabs ((pixel & 0xff) / 255.0 / alpha - color->blue) < 0.06;
}

/* Pixels painted in (nearly) the given colour. */
guint
cs_ui_test_count_color (GdkTexture            *texture,
                        const graphene_rect_t *area,
                        const GdkRGBA         *color)
{
  return count_pixels (texture, area, is_color, color);
}

gboolean
cs_ui_test_same_pixels (GdkTexture *a,
                        GdkTexture *b)
{
  g_autofree guint32 *pa = NULL;
  g_autofree guint32 *pb = NULL;
  int width = gdk_texture_get_width (a), height = gdk_texture_get_height (a);

  if (width != gdk_texture_get_width (b) || height != gdk_texture_get_height (b))
    return FALSE;
  pa = download (a);
  pb = download (b);
  return memcmp (pa, pb, sizeof (guint32) * width * height) == 0;
}

/* The widget's controllers of a type, in the order they run; at least one. */
static GPtrArray *
controllers_of_type (GtkWidget *widget,
                     GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      GtkEventController *controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        g_ptr_array_add (found, controller);
      else
        g_object_unref (controller);
    }
  if (found->len == 0)
    g_error ("%s has no %s", G_OBJECT_TYPE_NAME (widget), g_type_name (type));
  return found;
}

/* Borrowed: the widget keeps its controllers. */
static GtkEventController *
find_motion_controller (GtkWidget *widget)
{
  g_autoptr(GPtrArray) motion = controllers_of_type (widget, GTK_TYPE_EVENT_CONTROLLER_MOTION);

  return g_ptr_array_index (motion, 0);
}

/* Feeds a pointer motion to the widget's motion controller, as if the pointer moved there. */
void
cs_ui_test_motion (GtkWidget *widget,
                   double     x,
                   double     y)
{
  g_signal_emit_by_name (find_motion_controller (widget), "motion", x, y);
}

void
cs_ui_test_leave (GtkWidget *widget)
{
  g_signal_emit_by_name (find_motion_controller (widget), "leave");
}

/* Feeds a key press to the widget's key controllers in order, as GTK does when it has the focus,
 * until one takes it; returns whether one did. */
gboolean
cs_ui_test_press_key (GtkWidget *widget,
                      guint      keyval)
{
  g_autoptr(GPtrArray) keys = controllers_of_type (widget, GTK_TYPE_EVENT_CONTROLLER_KEY);
  gboolean handled = FALSE;

  for (guint i = 0; i < keys->len && !handled; i++)
    g_signal_emit_by_name (g_ptr_array_index (keys, i), "key-pressed", keyval, 0,
                           (GdkModifierType) 0, &handled);
  return handled;
}

/* A press of the first button, the n_press-th in a row, as every click gesture sees it. */
void
cs_ui_test_click (GtkWidget *widget,
                  double     x,
                  double     y,
                  int        n_press)
{
  g_autoptr(GPtrArray) clicks = controllers_of_type (widget, GTK_TYPE_GESTURE_CLICK);

  for (guint i = 0; i < clicks->len; i++)
    g_signal_emit_by_name (g_ptr_array_index (clicks, i), "pressed", n_press, x, y);
}

/* A ::notify handler that counts the notifications. */
void
cs_ui_test_count_notify (GObject    *object,
                         GParamSpec *pspec,
                         guint      *count)
{
  (*count)++;
}

/* Through a variable: the assertion macro quotes its argument into a printf format, where a
 * percent sign would be read as a conversion. */
void
cs_ui_test_assert_description (gpointer    accessible,
                               const char *expected)
{
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (accessible),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
}

typedef struct
{
  GtkAccessible *accessible;
  const char    *expected;
} Description;

static gboolean
describes (gpointer data)
{
  Description *d = data;
  g_autofree char *mismatch = gtk_test_accessible_check_property (d->accessible,
                                                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                                  d->expected);

  return mismatch == NULL;
}

/* Waits until the accessible's description is `expected`: a chart describes itself once laid
 * out, later on a busy machine. */
void
cs_ui_test_wait_description (gpointer    accessible,
                             const char *expected)
{
  Description d = { GTK_ACCESSIBLE (accessible), expected };

  cs_test_wait_for (describes, &d, "the description");
}

/* Writes an image of one colour (0xRRGGBB) in a format gdk-pixbuf saves ("png", "jpeg"), making
 * its folder if need be. */
void
cs_ui_test_write_image (const char *path,
                        const char *type,
                        int         width,
                        int         height,
                        guint32     rgb)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  gdk_pixbuf_fill (pixbuf, rgb << 8 | 0xff);
  gdk_pixbuf_save (pixbuf, path, type, &error, NULL);
  g_assert_no_error (error);
}

/* The application's own styles, which only CsApplication loads otherwise. */
void
cs_ui_test_load_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, "/io/github/crowdscope/Crowdscope/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
object_gone_cb (gpointer  data,
                GObject  *where_it_was)
{
  *(gboolean *) data = TRUE;
}

/* Drops the caller's reference to an object that work on its way still holds, such as the tasks
 * of a cache, and runs the main loop until that work is done and the object is freed. */
void
cs_ui_test_unref_and_wait (gpointer object)
{
  gboolean gone = FALSE;

  g_object_weak_ref (object, object_gone_cb, &gone);
  g_object_unref (object);
  wait_until (&gone, "an object to be freed");
}

/* Closes the window cs_ui_test_show () opened and checks that the test's reference to the widget
 * was the last one. */
void
cs_ui_test_finish (GtkWidget *window,
                   gpointer   widget)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (widget);
}

void
cs_ui_test_set_up (CsUiTestFixture *fixture,
                   gconstpointer    show)
{
  const CsUiTestShow *what = show;

  fixture->widget = g_object_ref_sink (what->create ());
  fixture->window = cs_ui_test_show (fixture->widget, what->width, what->height);
}

void
cs_ui_test_tear_down (CsUiTestFixture *fixture,
                      gconstpointer    show)
{
  cs_ui_test_finish (fixture->window, g_steal_pointer (&fixture->widget));
}

CsApplication *
cs_ui_test_new_application (void)
{
  CsApplication *application = cs_application_new ();
  g_autoptr(GError) error = NULL;

  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  return application;
}

GtkWindow *
cs_ui_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WINDOW (window);
    }
  return NULL;
}
