/* cs-import-rows.c — what the assistant's steps do alike with their rows
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-import-rows.h"

void
cs_import_rows_set_text (gpointer    editable,
                         const char *text)
{
  if (g_strcmp0 (gtk_editable_get_text (editable), text ? text : "") != 0)
    gtk_editable_set_text (editable, text ? text : "");
}

const char *
cs_import_rows_get_text (gpointer editable)
{
  const char *text = gtk_editable_get_text (editable);

  return text[0] != '\0' ? text : NULL;
}

static gboolean
same_names (GListModel         *model,
            const char * const *names)
{
  guint n = names ? g_strv_length ((char **) names) : 0;

  if (model == NULL || g_list_model_get_n_items (model) != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), names[i]) != 0)
      return FALSE;
  return TRUE;
}

void
cs_import_rows_set_choices (AdwComboRow        *row,
                            const char * const *names,
                            const char         *current)
{
  guint position = GTK_INVALID_LIST_POSITION;

  if (!same_names (adw_combo_row_get_model (row), names))
    {
      g_autoptr(GtkStringList) model = gtk_string_list_new (names);

      adw_combo_row_set_model (row, G_LIST_MODEL (model));
    }
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (current != NULL && g_ascii_strcasecmp (names[i], current) == 0)
      position = i;
  cs_import_rows_select (row, position);
}

const char *
cs_import_rows_get_choice (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

void
cs_import_rows_select (AdwComboRow *row,
                       guint        position)
{
  if (adw_combo_row_get_selected (row) != position)
    adw_combo_row_set_selected (row, position);
}

char **
cs_import_rows_get_names (gpointer    editable,
                          const char *separators)
{
  const char *text = cs_import_rows_get_text (editable);
  g_autoptr(GStrvBuilder) names = NULL;
  g_auto(GStrv) parts = NULL;
  gboolean any = FALSE;

  if (text == NULL)
    return NULL;
  names = g_strv_builder_new ();
  parts = g_strsplit_set (text, separators, -1);
  for (int i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        {
          g_strv_builder_add (names, parts[i]);
          any = TRUE;
        }
    }
  return any ? g_strv_builder_end (names) : NULL;
}

gboolean
cs_import_rows_names_equal (gpointer      editable,
                            const char   *separators,
                            char * const *names)
{
  g_auto(GStrv) typed = cs_import_rows_get_names (editable, separators);

  if (typed == NULL || names == NULL)
    return typed == NULL && names == NULL;
  return g_strv_equal ((const char * const *) typed, (const char * const *) names);
}
