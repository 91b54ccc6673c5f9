/* cs-split-box.c — children side by side, or one over the other when the box is narrow
 *
 * libadwaita 1.2 has no breakpoints, so a page that should fit a phone lays itself out with
 * this: at least fold-width wide, the first child takes start-width (a form, say), the last
 * one the rest (the charts), and any child between them (a separator) its least width, all at
 * the box's height; narrower, the box is folded: each child takes the whole width and the
 * height it asks for at that width, one under the other, so the box is as tall as all of them
 * and a scrolled window around it scrolls the lot. The first child's width never depends on
 * the others', so a long text on the right cannot push the divider.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-split-box.h"

struct _CsSplitBox
{
  GtkWidget parent_instance;

  int       start_width;
  int       fold_width;
  gboolean  folded;      /* as last allocated */
};

static void cs_split_box_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CsSplitBox, cs_split_box, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                      cs_split_box_buildable_init))

enum {
  PROP_0,
  PROP_START_WIDTH,
  PROP_FOLD_WIDTH,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
folds_at (CsSplitBox *self,
          int         width)
{
  return width >= 0 && width < self->fold_width;
}

static int
measure_child (GtkWidget      *child,
               GtkOrientation  orientation,
               int             for_size,
               gboolean        natural)
{
  int minimum, wanted;

  gtk_widget_measure (child, orientation, for_size, &minimum, &wanted, NULL, NULL);
  return natural ? wanted : minimum;
}

/* Side by side: the first child's width, at least what it needs. */
static int
start_child_width (CsSplitBox *self,
                   GtkWidget  *child)
{
  return MAX (self->start_width, measure_child (child, GTK_ORIENTATION_HORIZONTAL, -1, FALSE));
}

/* The width of each child side by side in a box `width` wide: the first its own, those
 * between their least, the last the rest. */
static int
child_width (CsSplitBox *self,
             GtkWidget  *child,
             int         width,
             int         used)
{
  if (child == gtk_widget_get_first_child (GTK_WIDGET (self)))
    return start_child_width (self, child);
  if (child == gtk_widget_get_last_child (GTK_WIDGET (self)))
    return MAX (width - used, measure_child (child, GTK_ORIENTATION_HORIZONTAL, -1, FALSE));
  return measure_child (child, GTK_ORIENTATION_HORIZONTAL, -1, FALSE);
}

static void
measure_width (CsSplitBox *self,
               int        *minimum,
               int        *natural)
{
  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_should_layout (child))
        continue;
      /* Folded, the box is as narrow as its widest child's least width. */
      *minimum = MAX (*minimum, measure_child (child, GTK_ORIENTATION_HORIZONTAL, -1, FALSE));
      *natural += child == gtk_widget_get_first_child (GTK_WIDGET (self)) ?
                  start_child_width (self, child) :
                  measure_child (child, GTK_ORIENTATION_HORIZONTAL, -1, TRUE);
    }
  *natural = MAX (*natural, MAX (*minimum, self->fold_width));
}

static void
measure_height (CsSplitBox *self,
                int         width,
                int        *minimum,
                int        *natural)
{
  gboolean folded = folds_at (self, width);
  int used = 0;

  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int for_width = -1, child_min, child_nat;

      if (!gtk_widget_should_layout (child))
        continue;
      if (folded)
        for_width = width;
      else if (width >= 0)
        for_width = child_width (self, child, width, used), used += for_width;
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, for_width, &child_min, &child_nat,
                          NULL, NULL);
      /* Folded, every child gets the height it asks for: the box scrolls, nothing squeezes. */
      if (folded)
        *minimum += child_nat, *natural += child_nat;
      else
        *minimum = MAX (*minimum, child_min), *natural = MAX (*natural, child_nat);
    }
}

static void
cs_split_box_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  CsSplitBox *self = CS_SPLIT_BOX (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    measure_width (self, minimum, natural);
  else
    measure_height (self, for_size, minimum, natural);
}

static GtkSizeRequestMode
cs_split_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* Folded: one under the other at their natural heights, the room left to the last child. */
static void
allocate_folded (CsSplitBox *self,
                 int         width,
                 int         height)
{
  int y = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_height;

      if (!gtk_widget_should_layout (child))
        continue;
      child_height = measure_child (child, GTK_ORIENTATION_VERTICAL, width, TRUE);
      if (child == gtk_widget_get_last_child (GTK_WIDGET (self)))
        child_height = MAX (child_height, height - y);
      gtk_widget_size_allocate (child, &(GtkAllocation) { 0, y, width, child_height }, -1);
      y += child_height;
    }
}

static void
allocate_side_by_side (CsSplitBox *self,
                       int         width,
                       int         height)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  int x = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_w;

      if (!gtk_widget_should_layout (child))
        continue;
      child_w = child_width (self, child, width, x);
      gtk_widget_size_allocate (child,
                                &(GtkAllocation) { rtl ? width - x - child_w : x, 0, child_w,
                                                   height }, -1);
      x += child_w;
    }
}

static void
cs_split_box_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  CsSplitBox *self = CS_SPLIT_BOX (widget);
  gboolean folded = folds_at (self, width);

  if (folded)
    allocate_folded (self, width, height);
  else
    allocate_side_by_side (self, width, height);
  if (folded != self->folded)
    {
      self->folded = folded;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
    }
}

/* ---- GtkBuildable ------------------------------------------------------------------------- */

static void
cs_split_box_add_child (GtkBuildable *buildable,
                        GtkBuilder   *builder,
                        GObject      *child,
                        const char   *type)
{
  g_return_if_fail (GTK_IS_WIDGET (child));

  gtk_widget_set_parent (GTK_WIDGET (child), GTK_WIDGET (buildable));
}

static void
cs_split_box_buildable_init (GtkBuildableIface *iface)
{
  iface->add_child = cs_split_box_add_child;
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
cs_split_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (cs_split_box_parent_class)->dispose (object);
}

static void
cs_split_box_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CsSplitBox *self = CS_SPLIT_BOX (object);

  switch (prop_id)
    {
    case PROP_START_WIDTH:
      g_value_set_int (value, self->start_width);
      break;
    case PROP_FOLD_WIDTH:
      g_value_set_int (value, self->fold_width);
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_split_box_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CsSplitBox *self = CS_SPLIT_BOX (object);

  switch (prop_id)
    {
    case PROP_START_WIDTH:
      cs_split_box_set_start_width (self, g_value_get_int (value));
      break;
    case PROP_FOLD_WIDTH:
      cs_split_box_set_fold_width (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_split_box_class_init (CsSplitBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_split_box_dispose;
  object_class->get_property = cs_split_box_get_property;
  object_class->set_property = cs_split_box_set_property;
  widget_class->measure = cs_split_box_measure;
  widget_class->size_allocate = cs_split_box_size_allocate;
  widget_class->get_request_mode = cs_split_box_get_request_mode;

  /**
   * CsSplitBox:start-width:
   *
   * The first child's width when the children are side by side (or its least width, if more).
   */
  properties[PROP_START_WIDTH] =
    g_param_spec_int ("start-width", NULL, NULL, 0, G_MAXINT, 360,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CsSplitBox:fold-width:
   *
   * Below this width the children go one under the other.
   */
  properties[PROP_FOLD_WIDTH] =
    g_param_spec_int ("fold-width", NULL, NULL, 0, G_MAXINT, 700,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CsSplitBox:folded:
   *
   * Whether the children are one under the other, as last laid out.
   */
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "cs-split-box");
}

static void
cs_split_box_init (CsSplitBox *self)
{
  self->start_width = 360;
  self->fold_width = 700;
}

GtkWidget *
cs_split_box_new (void)
{
  return g_object_new (CS_TYPE_SPLIT_BOX, NULL);
}

void
cs_split_box_set_start_width (CsSplitBox *self,
                              int         width)
{
  g_return_if_fail (CS_IS_SPLIT_BOX (self));
  g_return_if_fail (width >= 0);

  if (self->start_width == width)
    return;
  self->start_width = width;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START_WIDTH]);
}

int
cs_split_box_get_start_width (CsSplitBox *self)
{
  g_return_val_if_fail (CS_IS_SPLIT_BOX (self), 0);

  return self->start_width;
}

void
cs_split_box_set_fold_width (CsSplitBox *self,
                             int         width)
{
  g_return_if_fail (CS_IS_SPLIT_BOX (self));
  g_return_if_fail (width >= 0);

  if (self->fold_width == width)
    return;
  self->fold_width = width;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLD_WIDTH]);
}

int
cs_split_box_get_fold_width (CsSplitBox *self)
{
  g_return_val_if_fail (CS_IS_SPLIT_BOX (self), 0);

  return self->fold_width;
}

gboolean
cs_split_box_get_folded (CsSplitBox *self)
{
  g_return_val_if_fail (CS_IS_SPLIT_BOX (self), FALSE);

  return self->folded;
}
