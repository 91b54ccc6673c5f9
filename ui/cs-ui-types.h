/* cs-ui-types.h — forward declarations shared by the widgets' headers
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-train-config.h"
#include "cs-types.h"

G_BEGIN_DECLS

typedef struct _CsBarChart     CsBarChart;
typedef struct _CsExperimentsPage CsExperimentsPage;
typedef struct _CsHistoryPage CsHistoryPage;
typedef struct _CsImportAssistant CsImportAssistant;
typedef struct _CsExplorerPage CsExplorerPage;
typedef struct _CsGalleryPage  CsGalleryPage;
typedef struct _CsLossChart    CsLossChart;
typedef struct _CsOverviewPage CsOverviewPage;
typedef struct _CsTrainPage    CsTrainPage;
typedef struct _CsTraining     CsTraining;
typedef struct _CsWindow       CsWindow;

/* What a chart's series measures. Each role has its own theme colour, so the same split looks
 * the same in every chart of the window. */
typedef enum
{
  CS_CHART_ROLE_TRAIN,  /* the accent colour */
  CS_CHART_ROLE_VALID,  /* green */
  CS_CHART_ROLE_TEST,   /* orange */
  CS_CHART_ROLE_LOSS,   /* purple: a second loss, such as the held-out crowd NLL */
  CS_CHART_N_ROLES
} CsChartRole;

G_END_DECLS
