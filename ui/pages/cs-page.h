/* cs-page.h — a view of the window: a widget that shows the session it is given
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

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
void       cs_page_set_session (CsPage    *self,
                                CsSession *session);

G_END_DECLS
