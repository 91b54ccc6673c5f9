/* cs-thumbnail.c — a square that shows a thumbnail whole, at a size of its own
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "cs-thumbnail.h"

#define DEFAULT_SIZE 128

/* GtkPicture would ask for the texture's size in device pixels, twice the tile's on a
 * high-resolution screen, and GtkImage draws a paintable as an icon, inset; this widget asks
 * for its own size and draws the texture to fit it exactly. */
struct _CsThumbnail
{
  GtkWidget   parent_instance;

  /* Owned */
  GdkTexture *texture;
  int         size;
};

enum {
  PROP_0,
  PROP_TEXTURE,
  PROP_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CsThumbnail, cs_thumbnail, GTK_TYPE_WIDGET)

static void
cs_thumbnail_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  *minimum = *natural = CS_THUMBNAIL (widget)->size;
}

/* Scaled to fit, centred on whole pixels, so that a texture of the widget's size in device
 * pixels is drawn without resampling. */
static void
cs_thumbnail_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  CsThumbnail *self = CS_THUMBNAIL (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double texture_width, texture_height, scale, w, h;

  if (self->texture == NULL || width <= 0 || height <= 0)
    return;
  texture_width = gdk_texture_get_width (self->texture);
  texture_height = gdk_texture_get_height (self->texture);
  scale = MIN (width / texture_width, height / texture_height);
  w = round (texture_width * scale);
  h = round (texture_height * scale);
  gtk_snapshot_append_texture (snapshot, self->texture,
                               &GRAPHENE_RECT_INIT (floor ((width - w) / 2),
                                                    floor ((height - h) / 2), w, h));
}

static void
cs_thumbnail_dispose (GObject *object)
{
  g_clear_object (&CS_THUMBNAIL (object)->texture);
  G_OBJECT_CLASS (cs_thumbnail_parent_class)->dispose (object);
}

static void
cs_thumbnail_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CsThumbnail *self = CS_THUMBNAIL (object);

  switch (prop_id)
    {
    case PROP_TEXTURE:
      g_value_set_object (value, self->texture);
      break;
    case PROP_SIZE:
      g_value_set_int (value, self->size);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_thumbnail_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CsThumbnail *self = CS_THUMBNAIL (object);

  switch (prop_id)
    {
    case PROP_TEXTURE:
      cs_thumbnail_set_texture (self, g_value_get_object (value));
      break;
    case PROP_SIZE:
      cs_thumbnail_set_size (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_thumbnail_class_init (CsThumbnailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = cs_thumbnail_dispose;
  object_class->get_property = cs_thumbnail_get_property;
  object_class->set_property = cs_thumbnail_set_property;
  widget_class->measure = cs_thumbnail_measure;
  widget_class->snapshot = cs_thumbnail_snapshot;

  properties[PROP_TEXTURE] = g_param_spec_object ("texture", NULL, NULL, GDK_TYPE_TEXTURE, flags);
  properties[PROP_SIZE] = g_param_spec_int ("size", NULL, NULL, 1, G_MAXINT16, DEFAULT_SIZE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "thumbnail");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
cs_thumbnail_init (CsThumbnail *self)
{
  self->size = DEFAULT_SIZE;
}

GtkWidget *
cs_thumbnail_new (void)
{
  return g_object_new (CS_TYPE_THUMBNAIL, NULL);
}

void
cs_thumbnail_set_texture (CsThumbnail *self,
                          GdkTexture  *texture)
{
  g_return_if_fail (CS_IS_THUMBNAIL (self));
  g_return_if_fail (texture == NULL || GDK_IS_TEXTURE (texture));

  if (!g_set_object (&self->texture, texture))
    return;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXTURE]);
}

GdkTexture *
cs_thumbnail_get_texture (CsThumbnail *self)
{
  g_return_val_if_fail (CS_IS_THUMBNAIL (self), NULL);

  return self->texture;
}

void
cs_thumbnail_set_size (CsThumbnail *self,
                       int          size)
{
  g_return_if_fail (CS_IS_THUMBNAIL (self));
  g_return_if_fail (size > 0);

  if (self->size == size)
    return;
  self->size = size;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZE]);
}

int
cs_thumbnail_get_size (CsThumbnail *self)
{
  g_return_val_if_fail (CS_IS_THUMBNAIL (self), 0);

  return self->size;
}
