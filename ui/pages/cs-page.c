/* cs-page.c — a view of the window: a widget that shows the session it is given
 *
 * Every page binds to the window's CsSession and computes nothing of its own; this base holds
 * the session, hands it to the page's bind and unbind, and lays out the page's one child (its
 * template's top widget).
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "cs-enum-types.h"
#include "cs-figure-task.h"
#include "cs-page.h"

typedef struct
{
  CsSession *session;
  GBinding  *palette_binding;   /* the session's palette to the page's */
  CsPalette  palette;
  GPtrArray *folds;    /* of GtkPaned, borrowed: the page's own, side by side unless narrow */
  gboolean   narrow;
} CsPagePrivate;

enum {
  PROP_0,
  PROP_SESSION,
  PROP_NARROW,
  PROP_PALETTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CsPage, cs_page, GTK_TYPE_WIDGET)

CsPalette
cs_page_get_palette (CsPage *self)
{
  CsPagePrivate *priv = cs_page_get_instance_private (self);

  g_return_val_if_fail (CS_IS_PAGE (self), CS_PALETTE_BLUES);
  return priv->palette;
}

CsSession *
cs_page_get_session (CsPage *self)
{
  CsPagePrivate *priv = cs_page_get_instance_private (self);

  g_return_val_if_fail (CS_IS_PAGE (self), NULL);
  return priv->session;
}

void
cs_page_set_session (CsPage    *self,
                     CsSession *session)
{
  CsPagePrivate *priv = cs_page_get_instance_private (self);
  CsPageClass *klass;

  g_return_if_fail (CS_IS_PAGE (self));
  g_return_if_fail (session == NULL || CS_IS_SESSION (session));

  if (priv->session == session)
    return;
  klass = CS_PAGE_GET_CLASS (self);
  if (priv->session != NULL && klass->unbind != NULL)
    klass->unbind (self, priv->session);
  g_clear_pointer (&priv->palette_binding, g_binding_unbind);
  g_set_object (&priv->session, session);
  if (session != NULL)
    priv->palette_binding = g_object_bind_property (session, "palette", self, "palette",
                                                    G_BINDING_SYNC_CREATE);
  if (session != NULL && klass->bind != NULL)
    klass->bind (self, session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
cs_page_dispose (GObject *object)
{
  CsPage *self = CS_PAGE (object);
  GtkWidget *child;

  cs_page_set_session (self, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (cs_page_parent_class)->dispose (object);
}

static void
cs_page_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, cs_page_get_session (CS_PAGE (object)));
      break;
    case PROP_NARROW:
      g_value_set_boolean (value, cs_page_get_narrow (CS_PAGE (object)));
      break;
    case PROP_PALETTE:
      g_value_set_enum (value, cs_page_get_palette (CS_PAGE (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_page_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      cs_page_set_session (CS_PAGE (object), g_value_get_object (value));
      break;
    case PROP_NARROW:
      cs_page_set_narrow (CS_PAGE (object), g_value_get_boolean (value));
      break;
    case PROP_PALETTE:
      {
        CsPagePrivate *priv = cs_page_get_instance_private (CS_PAGE (object));

        if (priv->palette != (CsPalette) g_value_get_enum (value))
          {
            priv->palette = g_value_get_enum (value);
            g_object_notify_by_pspec (object, pspec);
          }
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* A child's width request holds only side by side: one above the other, it would be the
 * page's minimum width. The wide one is kept to be given back. */
static void
fold_child (GtkWidget *child,
            gboolean   narrow)
{
  int *wide;

  if (child == NULL)
    return;
  if ((wide = g_object_get_data (G_OBJECT (child), "cs-page-wide-width")) == NULL)
    {
      wide = g_new (int, 1);
      gtk_widget_get_size_request (child, wide, NULL);
      g_object_set_data_full (G_OBJECT (child), "cs-page-wide-width", wide, g_free);
    }
  gtk_widget_set_size_request (child, narrow ? -1 : *wide, -1);
}

static void
fold (GtkPaned *paned,
      gboolean  narrow)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (paned),
                                  narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  fold_child (gtk_paned_get_start_child (paned), narrow);
  fold_child (gtk_paned_get_end_child (paned), narrow);
}

/* Flow boxes of the class "side-by-side" keep their children side by side while the page is
 * wide, whatever the children's natural widths (a flow box would otherwise go by those), and
 * put as many on a line as fit when it is narrow. */
static void
reflow (GtkWidget *widget,
        gboolean   narrow)
{
  if (GTK_IS_FLOW_BOX (widget) && gtk_widget_has_css_class (widget, "side-by-side"))
    gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (widget),
                                            narrow ? 1 : gtk_flow_box_get_max_children_per_line (GTK_FLOW_BOX (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    reflow (child, narrow);
}

gboolean
cs_page_get_narrow (CsPage *self)
{
  CsPagePrivate *priv = cs_page_get_instance_private (self);

  g_return_val_if_fail (CS_IS_PAGE (self), FALSE);
  return priv->narrow;
}

/* A narrow page puts the two sides of its folds one above the other, and lets its side-by-side
 * flow boxes wrap. */
void
cs_page_set_narrow (CsPage   *self,
                    gboolean  narrow)
{
  CsPagePrivate *priv = cs_page_get_instance_private (self);

  g_return_if_fail (CS_IS_PAGE (self));

  narrow = !!narrow;
  if (priv->narrow == narrow)
    return;
  priv->narrow = narrow;
  for (guint i = 0; priv->folds != NULL && i < priv->folds->len; i++)
    fold (g_ptr_array_index (priv->folds, i), narrow);
  reflow (GTK_WIDGET (self), narrow);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NARROW]);
}

/* `paned`, a horizontal GtkPaned of the page's template, turns vertical while the page is
 * narrow, its sides' width requests set aside. */
void
cs_page_add_fold (CsPage   *self,
                  GtkPaned *paned)
{
  CsPagePrivate *priv = cs_page_get_instance_private (self);

  g_return_if_fail (CS_IS_PAGE (self));
  g_return_if_fail (GTK_IS_PANED (paned));

  if (priv->folds == NULL)
    priv->folds = g_ptr_array_new ();
  g_ptr_array_add (priv->folds, paned);
  if (priv->narrow)
    fold (paned, TRUE);
}

static void
cs_page_finalize (GObject *object)
{
  CsPagePrivate *priv = cs_page_get_instance_private (CS_PAGE (object));

  g_clear_pointer (&priv->folds, g_ptr_array_unref);
  G_OBJECT_CLASS (cs_page_parent_class)->finalize (object);
}

static void
cs_page_class_init (CsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cs_page_dispose;
  object_class->finalize = cs_page_finalize;
  object_class->get_property = cs_page_get_property;
  object_class->set_property = cs_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CS_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Set by the window when it is too narrow for the page's sides to sit side by side. */
  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The ramp the page's heatmaps draw rates in: the session's, bound while it has one. */
  properties[PROP_PALETTE] =
    g_param_spec_enum ("palette", NULL, NULL, CS_TYPE_PALETTE, CS_PALETTE_BLUES,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
cs_page_init (CsPage *self)
{
}

gboolean
cs_page_add_toast (GtkWidget *self,
                   AdwToast  *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (self, ADW_TYPE_TOAST_OVERLAY);

  if (overlay == NULL)
    {
      g_object_unref (toast);
      return FALSE;
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  return TRUE;
}

void
cs_page_toast (GtkWidget  *self,
               const char *text)
{
  cs_page_add_toast (self, adw_toast_new (text));
}

static void
on_folder_opened (GObject      *source G_GNUC_UNUSED,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(GtkWidget) self = data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The folder could not be opened: %s"),
                                               error->message);

      cs_page_toast (self, text);
    }
}

static void
on_open_folder (AdwToast  *toast,
                GtkWidget *self)
{
  const char *folder = g_object_get_data (G_OBJECT (toast), "cs-folder");
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GAppLaunchContext) context = NULL;

  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (self)));
  g_app_info_launch_default_for_uri_async (uri, context, NULL, on_folder_opened, g_object_ref (self));
}

AdwToast *
cs_page_toast_folder (GtkWidget  *self,
                      const char *text,
                      const char *folder)
{
  AdwToast *toast;

  g_return_val_if_fail (GTK_IS_WIDGET (self) && text != NULL && folder != NULL, NULL);

  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("Open Folder"));
  g_object_set_data_full (G_OBJECT (toast), "cs-folder", g_strdup (folder), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_open_folder), self, 0);
  return cs_page_add_toast (self, toast) ? toast : NULL;
}

static void
on_save_response (GtkNativeDialog *chooser,
                  int              response,
                  GtkWidget       *self)
{
  CsPageSaveFunc save = g_object_get_data (G_OBJECT (chooser), "cs-save");
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    save (self, file);
  /* The chooser lives as long as the page's data holds it. */
  g_object_set_data (G_OBJECT (self), "cs-save-chooser", NULL);
}

void
cs_page_ask_save (GtkWidget      *self,
                  const char     *title,
                  const char     *name,
                  CsPageSaveFunc  save)
{
  GtkRoot *root = gtk_widget_get_root (self);
  GtkFileChooserNative *chooser;

  g_return_if_fail (GTK_IS_WIDGET (self) && save != NULL);

  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "cs-save", save);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_save_response), self, 0);
  g_object_set_data_full (G_OBJECT (self), "cs-save-chooser", chooser, g_object_unref);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
cs_page_figure_saved (GObject      *object,
                      GAsyncResult *result,
                      gpointer      page)
{
  g_autoptr(GtkWidget) self = page;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (cs_figure_save_finish (result, &error))
    text = g_strdup (_("Exported"));
  else
    text = g_strdup_printf (_("The export failed: %s"), error->message);
  cs_page_toast (self, text);
}
