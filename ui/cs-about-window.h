/* cs-about-window.h — the About window, from the metainfo
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* An AdwAboutWindow saying what the metainfo in the resources says (name, summary, developer,
 * website, issue address, licence, the newest release's notes) with the build's version; not
 * yet shown. */
GtkWindow *cs_about_window_new (GtkWindow *transient_for);

G_END_DECLS
