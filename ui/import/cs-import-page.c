/* cs-import-page.c — one step of the import assistant: rows that fill the job's plan and reflect it
 *
 * Every change of the job (its plan, the problems its checks found, its summary) reflects
 * into the rows; the step's problems go to its label, in the error style, hidden when there
 * are none.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-import-page.h"

typedef struct
{
  /* Owned */
  CsImportJob *job;

  /* Borrowed */
  GtkLabel    *problems_label;   /* a template child */
  gboolean     reflecting;
} CsImportPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (CsImportPage, cs_import_page, ADW_TYPE_BIN)

void
cs_import_page_reflect (CsImportPage *self)
{
  CsImportPagePrivate *priv = cs_import_page_get_instance_private (self);
  g_autofree char *messages = NULL;

  g_return_if_fail (CS_IS_IMPORT_PAGE (self));

  if (priv->job == NULL)
    return;
  messages = cs_import_job_dup_messages (priv->job, -1);
  priv->reflecting = TRUE;
  CS_IMPORT_PAGE_GET_CLASS (self)->reflect (self, priv->job);
  if (priv->problems_label != NULL)
    {
      gtk_label_set_text (priv->problems_label, messages ? messages : "");
      gtk_widget_set_visible (GTK_WIDGET (priv->problems_label), messages != NULL);
    }
  priv->reflecting = FALSE;
}

static void
cs_import_page_dispose (GObject *object)
{
  CsImportPagePrivate *priv = cs_import_page_get_instance_private (CS_IMPORT_PAGE (object));

  if (priv->job != NULL)
    g_signal_handlers_disconnect_by_data (priv->job, object);
  g_clear_object (&priv->job);
  priv->problems_label = NULL;
  G_OBJECT_CLASS (cs_import_page_parent_class)->dispose (object);
}

static void
cs_import_page_class_init (CsImportPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cs_import_page_dispose;
}

static void
cs_import_page_init (CsImportPage *self)
{
}

void
cs_import_page_set_job (CsImportPage *self,
                        CsImportJob  *job)
{
  CsImportPagePrivate *priv = cs_import_page_get_instance_private (self);

  g_return_if_fail (CS_IS_IMPORT_PAGE (self));
  g_return_if_fail (priv->job == NULL);

  priv->job = g_object_ref (job);
  g_signal_connect_swapped (job, "notify::plan", G_CALLBACK (cs_import_page_reflect), self);
  g_signal_connect_swapped (job, "notify::problems", G_CALLBACK (cs_import_page_reflect), self);
  g_signal_connect_swapped (job, "notify::summary", G_CALLBACK (cs_import_page_reflect), self);
  cs_import_page_reflect (self);
}

CsImportJob *
cs_import_page_get_job (CsImportPage *self)
{
  CsImportPagePrivate *priv = cs_import_page_get_instance_private (self);

  g_return_val_if_fail (CS_IS_IMPORT_PAGE (self), NULL);
  return priv->job;
}

CsImportJob *
cs_import_page_get_editing_job (CsImportPage *self)
{
  CsImportPagePrivate *priv = cs_import_page_get_instance_private (self);

  g_return_val_if_fail (CS_IS_IMPORT_PAGE (self), NULL);
  return priv->reflecting ? NULL : priv->job;
}

void
cs_import_page_set_problems_label (CsImportPage *self,
                                   GtkLabel     *label)
{
  CsImportPagePrivate *priv = cs_import_page_get_instance_private (self);

  g_return_if_fail (CS_IS_IMPORT_PAGE (self));
  priv->problems_label = label;
}
