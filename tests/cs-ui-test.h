/* cs-ui-test.h — helpers the widget tests share
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

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
void        cs_ui_test_finish         (GtkWidget              *window,
                                       gpointer                widget);

G_END_DECLS
