/* cs-ui-test.h — helpers the widget tests share
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-application.h"

G_BEGIN_DECLS

/* What a widget test shows: the widget under test, in a window of the given size. */
typedef struct
{
  GtkWidget *(*create) (void);  /* returns a new floating widget */
  int          width;
  int          height;
} CsUiTestShow;

/* A g_test_add () fixture, with a CsUiTestShow as the test's data: the widget, shown and
 * drawn, before the test; after it, its window closed and the widget checked to be freed. */
typedef struct
{
  GtkWidget *window;
  GtkWidget *widget;            /* the test's own reference */
} CsUiTestFixture;

gboolean    cs_ui_test_init           (int                    *argc,
                                       char                 ***argv);
GtkWidget  *cs_ui_test_show           (GtkWidget              *child,
                                       int                     width,
                                       int                     height);
void        cs_ui_test_wait_for_draw  (GtkWidget              *widget);
GdkTexture *cs_ui_test_render         (GtkWidget              *widget);
GdkTexture *cs_ui_test_redraw         (GtkWidget              *widget);
double      cs_ui_test_time_snapshot  (GtkWidget              *widget,
                                       GskRenderNode         **node);
guint       cs_ui_test_count_painted  (GdkTexture             *texture,
                                       const graphene_rect_t  *area);
guint       cs_ui_test_count_color    (GdkTexture             *texture,
                                       const graphene_rect_t  *area,
                                       const GdkRGBA          *color);
gboolean    cs_ui_test_same_pixels    (GdkTexture             *a,
                                       GdkTexture             *b);
void        cs_ui_test_motion         (GtkWidget              *widget,
                                       double                  x,
                                       double                  y);
void        cs_ui_test_leave          (GtkWidget              *widget);
gboolean    cs_ui_test_press_key      (GtkWidget              *widget,
                                       guint                   keyval);
void        cs_ui_test_click          (GtkWidget              *widget,
                                       double                  x,
                                       double                  y,
                                       int                     n_press);
void        cs_ui_test_count_notify   (GObject                *object,
                                       GParamSpec             *pspec,
                                       guint                  *count);
void        cs_ui_test_assert_description (gpointer            accessible,
                                           const char         *expected);
void        cs_ui_test_wait_description   (gpointer            accessible,
                                           const char         *expected);
void        cs_ui_test_write_image    (const char             *path,
                                       const char             *type,
                                       int                     width,
                                       int                     height,
                                       guint32                 rgb);
void        cs_ui_test_load_style     (void);
/* The shown toplevel window of `type` (a dialog the test opened), or NULL. */
GtkWindow     *cs_ui_test_find_toplevel   (GType                   type);
/* The application, registered: its startup has run (actions, accelerators, the icon theme's
 * resource path, the windows' default icon). */
CsApplication *cs_ui_test_new_application (void);
void        cs_ui_test_unref_and_wait (gpointer                object);
void        cs_ui_test_finish         (GtkWidget              *window,
                                       gpointer                widget);
void        cs_ui_test_set_up         (CsUiTestFixture        *fixture,
                                       gconstpointer           show);
void        cs_ui_test_tear_down      (CsUiTestFixture        *fixture,
                                       gconstpointer           show);

/* Adds a test that takes a CsUiTestFixture showing what show (a const CsUiTestShow *) says. */
#define cs_ui_test_add(path, show, func) \
  g_test_add ((path), CsUiTestFixture, (show), cs_ui_test_set_up, (func), cs_ui_test_tear_down)

G_END_DECLS
