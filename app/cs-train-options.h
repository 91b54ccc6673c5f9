/* cs-train-options.h — the hyper-parameters a person sets for the next run
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "cs-train-config.h"

G_BEGIN_DECLS

#define CS_TYPE_TRAIN_OPTIONS (cs_train_options_get_type ())

G_DECLARE_FINAL_TYPE (CsTrainOptions, cs_train_options, CS, TRAIN_OPTIONS, GObject)

CsTrainOptions *cs_train_options_new          (void);
void            cs_train_options_get_config   (CsTrainOptions      *self,
                                               CsTrainConfig       *config);
void            cs_train_options_get_config_for (CsTrainOptions    *self,
                                                 CsMethod           method,
                                                 CsTrainConfig     *config);
void            cs_train_options_set_dataset  (CsTrainOptions      *self,
                                               const char          *dataset_name);
const char     *cs_train_options_get_preset   (CsTrainOptions      *self);
void            cs_train_options_set_preset   (CsTrainOptions      *self,
                                               const char          *preset);
gboolean        cs_train_options_get_edited   (CsTrainOptions      *self,
                                               const char          *property);
GVariant       *cs_train_options_save         (CsTrainOptions      *self);
void            cs_train_options_restore      (CsTrainOptions      *self,
                                               GVariant            *choices);

G_END_DECLS
