/* cs-gallery-page.h — what the model gets wrong and where the crowd disagrees, item by item
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-gallery.h"
#include "cs-page.h"

G_BEGIN_DECLS

#define CS_TYPE_GALLERY_PAGE (cs_gallery_page_get_type ())

G_DECLARE_FINAL_TYPE (CsGalleryPage, cs_gallery_page, CS, GALLERY_PAGE, CsPage)

CsGallery *cs_gallery_page_get_gallery (CsGalleryPage *self);
/* Selects the listed item at `position` and shows its detail. */
void       cs_gallery_page_select      (CsGalleryPage *self,
                                        guint          position);

G_END_DECLS
