/* cs-page.h — a view of the window: a widget that shows the session it is given
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-session.h"

G_BEGIN_DECLS

#define CS_TYPE_PAGE (cs_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (CsPage, cs_page, CS, PAGE, GtkWidget)

struct _CsPageClass
{
  GtkWidgetClass parent_class;

  /* Called when the page is given a session, and before it lets go of one: connect to its
   * signals and bind to its properties in bind, undo that in unbind. */
  void (*bind)   (CsPage    *self,
                  CsSession *session);
  void (*unbind) (CsPage    *self,
                  CsSession *session);
};

CsSession *cs_page_get_session (CsPage    *self);
/* The session's palette (the page's "palette" property follows it), for the page's heatmaps
 * to bind to and its exported figures to use. */
CsPalette  cs_page_get_palette (CsPage    *self);
void       cs_page_set_session (CsPage    *self,
                                CsSession *session);
/* Whether the window is too narrow for the page's sides to sit side by side; the panes added
 * with cs_page_add_fold () then put them one above the other, and the page's GtkFlowBoxes of
 * the class "side-by-side" (at most and, while wide, at least max-children-per-line a line)
 * put fewer on a line. */
gboolean   cs_page_get_narrow  (CsPage    *self);
void       cs_page_set_narrow  (CsPage    *self,
                                gboolean   narrow);
void       cs_page_add_fold    (CsPage    *self,
                                GtkPaned  *paned);
/* Shows the toast (taken) in the window's toast overlay; without one it goes nowhere, and
 * FALSE says so. */
gboolean   cs_page_add_toast   (GtkWidget *self,
                                AdwToast  *toast);
/* The same for a toast that says `text`. */
void       cs_page_toast       (GtkWidget *self,
                                const char *text);

/* A toast that says `text` and offers Open Folder, which shows `folder` in the file manager
 * (through the desktop portal where there is one). Returns the toast shown, or NULL. */
AdwToast  *cs_page_toast_folder (GtkWidget  *self,
                                 const char *text,
                                 const char *folder);

/* A GAsyncReadyCallback for cs_figure_save_async() and cs_curve_figure_save_async(): a toast
 * says whether the figure was written. `page` is a reference to the page, taken. */
void       cs_page_figure_saved (GObject      *object,
                                 GAsyncResult *result,
                                 gpointer      page);

/* Asks where to save (a native file chooser titled `title`, the name `name` proposed), then
 * calls `save` with the page and the file chosen; nothing when the person cancels. */
typedef void (*CsPageSaveFunc) (GtkWidget *page,
                                GFile     *file);
void       cs_page_ask_save    (GtkWidget      *self,
                                const char     *title,
                                const char     *name,
                                CsPageSaveFunc  save);

G_END_DECLS
