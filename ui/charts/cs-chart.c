/* cs-chart.c — the widget every chart derives from: layout, hover, focus and read-out
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "cs-chart.h"

#define MIN_WIDTH  240
#define MIN_HEIGHT 160

/* What the base keeps of an axis. */
typedef struct
{
  char        *label;   /* the title, as set */
  PangoLayout *title;   /* the title laid out; NULL: none */
  GArray      *ticks;   /* of CsChartTick, filled by the subclass's layout () */
} Axis;

typedef struct
{
  /* Owned: what the caller set, and the layout of both axes */
  Axis              axes[2];           /* by GtkOrientation */
  guint             selected;          /* CS_CHART_NO_ITEM: none */
  int               natural_width;
  int               natural_height;
  int               minimum_width;
  int               minimum_height;
  gboolean          titles_shown;

  /* Owned: the layout for the current size, data and style; snapshot () draws it */
  gboolean          prepared;
  int               width;             /* the size laid out for */
  int               height;
  CsChartTheme      theme;
  CsChartFrame      frame;

  /* Owned: the pointer, the focus and the read-out */
  gboolean          pointer_inside;
  graphene_point_t  pointer;
  guint             hover;             /* the item under the pointer, or CS_CHART_NO_ITEM */
  gboolean          focused;
  guint             readout_item;      /* the item readout_layout describes */
  PangoLayout      *readout_layout;
  guint             description_id;
} CsChartPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CsChart, cs_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_X_LABEL,
  PROP_Y_LABEL,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The horizontal or the vertical axis: a GtkOrientation has no other value. */
static Axis *
get_axis (CsChart        *self,
          GtkOrientation  orientation)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (self);

  g_assert (orientation == GTK_ORIENTATION_HORIZONTAL || orientation == GTK_ORIENTATION_VERTICAL);
  return &priv->axes[orientation];
}

static guint
n_items (CsChart *self)
{
  return CS_CHART_GET_CLASS (self)->get_n_items (self);
}

/* ---- Accessibility ------------------------------------------------------------------------ */

/* The chart's name is the one its class gives, or what its values are, or else what its
 * categories are. */
static void
update_accessible_label (CsChart *self)
{
  CsChartClass *klass = CS_CHART_GET_CLASS (self);
  const char *name = klass->get_name ? klass->get_name (self) : NULL;
  const char *vertical = get_axis (self, GTK_ORIENTATION_VERTICAL)->label;
  const char *horizontal = get_axis (self, GTK_ORIENTATION_HORIZONTAL)->label;

  if (name == NULL)
    name = vertical ? vertical : horizontal ? horizontal : _("Chart");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static gboolean
update_description_cb (gpointer data)
{
  CsChart *self = data;
  CsChartPrivate *priv = cs_chart_get_instance_private (self);
  g_autoptr(GString) description = g_string_new (NULL);

  priv->description_id = 0;
  update_accessible_label (self);
  CS_CHART_GET_CLASS (self)->describe (self, description);
  if (description->len == 0)
    g_string_append (description, _("No data"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
  return G_SOURCE_REMOVE;
}

/* Training appends a point per series per epoch; describing the chart once per batch of changes
 * keeps assistive technologies from hearing every one of them. */
static void
schedule_description (CsChart *self)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (self);

  if (priv->description_id == 0)
    priv->description_id = g_idle_add_full (G_PRIORITY_LOW, update_description_cb, self, NULL);
}

/* ---- Read-out ----------------------------------------------------------------------------- */

/* The read-out shows the item under the pointer or, while the chart has the keyboard focus and
 * the pointer is elsewhere, the selected one. */
static void
update_readout (CsChart *self)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (self);
  guint item = priv->hover != CS_CHART_NO_ITEM ? priv->hover :
               priv->focused ? priv->selected : CS_CHART_NO_ITEM;
  g_autoptr(GString) text = NULL;
  g_autoptr(GString) markup = NULL;

  g_clear_object (&priv->readout_layout);
  priv->readout_item = CS_CHART_NO_ITEM;
  if (!priv->prepared || item == CS_CHART_NO_ITEM || item >= n_items (self))
    return;
  text = g_string_new (NULL);
  markup = g_string_new (NULL);
  CS_CHART_GET_CLASS (self)->describe_item (self, item, text, markup);
  priv->readout_layout = cs_chart_markup_layout (GTK_WIDGET (self), markup->str);
  priv->readout_item = item;
}

static guint
pick_at_pointer (CsChart *self)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (self);
  guint item;

  if (!priv->pointer_inside ||
      !CS_CHART_GET_CLASS (self)->pick (self, priv->pointer.x, priv->pointer.y, &item))
    return CS_CHART_NO_ITEM;
  return item;
}

static void
set_hover (CsChart *self,
           guint    item)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (self);

  if (item == priv->hover)
    return;
  priv->hover = item;
  update_readout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- Layout ------------------------------------------------------------------------------- */

/* After a new layout the item under the pointer may be another one, and a selected item may
 * be gone with the data it showed. */
static void
refresh_items (CsChart *self)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (self);

  if (priv->selected != CS_CHART_NO_ITEM && priv->selected >= n_items (self))
    {
      priv->selected = CS_CHART_NO_ITEM;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
    }
  priv->hover = pick_at_pointer (self);
  update_readout (self);
}

static void
prepare (CsChart *self,
         int      width,
         int      height)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (self);

  cs_chart_theme_load (&priv->theme, GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (priv->axes); i++)
    {
      Axis *axis = &priv->axes[i];

      g_clear_object (&axis->title);
      if (priv->titles_shown)
        axis->title = cs_chart_title_layout (GTK_WIDGET (self), axis->label);
      g_array_set_size (axis->ticks, 0);
    }

  CS_CHART_GET_CLASS (self)->layout (self, width, height);
  priv->prepared = TRUE;
  priv->width = width;
  priv->height = height;
  refresh_items (self);
}

/* ---- Events ------------------------------------------------------------------------------- */

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           CsChart                  *self)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (self);

  priv->pointer = GRAPHENE_POINT_INIT (x, y);
  priv->pointer_inside = TRUE;
  if (cs_chart_ensure_layout (self))
    set_hover (self, pick_at_pointer (self));
  /* The box follows the pointer even while the item stays the same. */
  if (priv->readout_layout != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
leave_cb (GtkEventControllerMotion *controller,
          CsChart                  *self)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (self);

  priv->pointer_inside = FALSE;
  set_hover (self, CS_CHART_NO_ITEM);
}

static void
focus_changed (CsChart  *self,
               gboolean  focused)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (self);

  priv->focused = focused;
  update_readout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
focus_enter_cb (GtkEventControllerFocus *controller,
                CsChart                 *self)
{
  focus_changed (self, TRUE);
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                CsChart                 *self)
{
  focus_changed (self, FALSE);
}

/* An arrow key's first press starts from the item under the pointer, or the first item. */
static guint
step (CsChart *self,
      guint    from,
      int      dx,
      int      dy)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (self);

  if (from == CS_CHART_NO_ITEM)
    return priv->hover != CS_CHART_NO_ITEM ? priv->hover : 0;
  return CS_CHART_GET_CLASS (self)->move_item (self, from, dx, dy);
}

/* The item a key selects; the selected one for keys the chart does not take. */
static guint
key_target (CsChart *self,
            guint    keyval,
            guint    count)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (self);

  switch (keyval)
    {
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      return 0;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      return count - 1;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      return step (self, priv->selected, -1, 0);
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      return step (self, priv->selected, 1, 0);
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      return step (self, priv->selected, 0, -1);
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      return step (self, priv->selected, 0, 1);
    default:
      return priv->selected;
    }
}

/* A key that moves nothing, such as Left on the first item, goes on to move the focus. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                CsChart               *self)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (self);
  guint target;

  /* Keys pressed on a child, such as a legend entry's button, are the child's. */
  if (gtk_widget_get_focus_child (GTK_WIDGET (self)) != NULL)
    return FALSE;
  if (!cs_chart_ensure_layout (self) || n_items (self) == 0)
    return FALSE;
  target = key_target (self, keyval, n_items (self));
  if (target == priv->selected)
    return FALSE;
  cs_chart_set_selected (self, target);
  return TRUE;
}

/* Charts that take the focus select the item clicked, or nothing when clicked beside them. */
static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            CsChart         *self)
{
  guint item;

  if (!gtk_widget_get_focusable (GTK_WIDGET (self)))
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (!cs_chart_ensure_layout (self) || !CS_CHART_GET_CLASS (self)->pick (self, x, y, &item))
    item = CS_CHART_NO_ITEM;
  cs_chart_set_selected (self, item);
}

/* ---- Drawing ------------------------------------------------------------------------------ */

/* The value labels left of the plot, the category or epoch labels under it, and the titles. */
static void
snapshot_axis_text (CsChart     *self,
                    GtkSnapshot *snapshot)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (self);
  const graphene_rect_t *plot = &priv->frame.plot;
  GdkRGBA dim = cs_chart_fade (&priv->theme.fg, 0.7f);
  double below = plot->origin.y + plot->size.height + priv->frame.tick_length +
                 CS_CHART_TICK_GAP / 2.0;

  const Axis *across = get_axis (self, GTK_ORIENTATION_HORIZONTAL);
  const Axis *up = get_axis (self, GTK_ORIENTATION_VERTICAL);

  cs_chart_frame_snapshot_value_labels (&priv->frame, snapshot, up->ticks, &dim);
  cs_chart_snapshot_ticks_below (snapshot, across->ticks, below, &dim);
  cs_chart_frame_snapshot_titles (&priv->frame, snapshot, gtk_widget_get_height (GTK_WIDGET (self)),
                                  across->title, up->title, &priv->theme);
}

static void
snapshot_readout (CsChart     *self,
                  GtkSnapshot *snapshot)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (self);
  CsChartClass *klass = CS_CHART_GET_CLASS (self);
  graphene_rect_t box = GRAPHENE_RECT_INIT (0, 0,
                                            cs_chart_layout_width (priv->readout_layout) + 16,
                                            cs_chart_layout_height (priv->readout_layout) + 12);
  graphene_point_t anchor = priv->pointer;

  if (priv->readout_item != priv->hover)
    klass->locate_item (self, priv->readout_item, &anchor);
  klass->place_readout (self, priv->readout_item, &anchor, &box);
  cs_chart_snapshot_bubble (snapshot, &box, &priv->theme);
  cs_chart_snapshot_text (snapshot, priv->readout_layout, box.origin.x + 8, box.origin.y + 6,
                          &priv->theme.fg);
}

static void
cs_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  CsChart *self = CS_CHART (widget);
  CsChartPrivate *priv = cs_chart_get_instance_private (self);

  /* Allocating lays the chart out; this only catches a change made since. */
  if (!cs_chart_ensure_layout (self))
    return;
  CS_CHART_GET_CLASS (self)->draw (self, snapshot);
  snapshot_axis_text (self, snapshot);
  if (priv->readout_layout != NULL)
    snapshot_readout (self, snapshot);
}

/* ---- Default class methods ---------------------------------------------------------------- */

static void
cs_chart_real_place_readout (CsChart                *self,
                             guint                   item,
                             const graphene_point_t *anchor,
                             graphene_rect_t        *box)
{
  cs_chart_place_beside (self, box, anchor->x);
  box->origin.y = MAX (2, anchor->y - box->size.height - 4);
}

static void
cs_chart_real_locate_item (CsChart          *self,
                           guint             item,
                           graphene_point_t *point)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (self);

  graphene_rect_get_center (&priv->frame.plot, point);
}

static guint
cs_chart_real_move_item (CsChart *self,
                         guint    item,
                         int      dx,
                         int      dy)
{
  gint64 moved = (gint64) item + dx;

  return (guint) CLAMP (moved, 0, (gint64) n_items (self) - 1);
}

/* ---- GtkWidget ---------------------------------------------------------------------------- */

static void
cs_chart_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (CS_CHART (widget));
  gboolean across = orientation == GTK_ORIENTATION_HORIZONTAL;

  *minimum = across ? priv->minimum_width : priv->minimum_height;
  *natural = MAX (*minimum, across ? priv->natural_width : priv->natural_height);
}

/* A layout made since the last change, for a pointer or a test, stands if the size does. */
static void
cs_chart_size_allocate (GtkWidget *widget,
                        int        width,
                        int        height,
                        int        baseline)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (CS_CHART (widget));

  if (!priv->prepared || width != priv->width || height != priv->height)
    prepare (CS_CHART (widget), width, height);
}

static void
cs_chart_css_changed (GtkWidget         *widget,
                      GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (cs_chart_parent_class)->css_changed (widget, change);
  /* Colours and fonts both live in the layout. */
  cs_chart_invalidate (CS_CHART (widget));
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
cs_chart_dispose (GObject *object)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (CS_CHART (object));

  g_clear_handle_id (&priv->description_id, g_source_remove);
  G_OBJECT_CLASS (cs_chart_parent_class)->dispose (object);
}

static void
cs_chart_finalize (GObject *object)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (CS_CHART (object));

  for (guint i = 0; i < G_N_ELEMENTS (priv->axes); i++)
    {
      g_free (priv->axes[i].label);
      g_clear_object (&priv->axes[i].title);
      g_array_unref (priv->axes[i].ticks);
    }
  g_clear_object (&priv->readout_layout);
  G_OBJECT_CLASS (cs_chart_parent_class)->finalize (object);
}

static void
cs_chart_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CsChart *self = CS_CHART (object);

  switch (prop_id)
    {
    case PROP_X_LABEL:
      g_value_set_string (value, cs_chart_get_label (self, GTK_ORIENTATION_HORIZONTAL));
      break;
    case PROP_SELECTED:
      g_value_set_uint (value, cs_chart_get_selected (self));
      break;
    case PROP_Y_LABEL:
      g_value_set_string (value, cs_chart_get_label (self, GTK_ORIENTATION_VERTICAL));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
    }
}

static void
cs_chart_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_X_LABEL:
      cs_chart_set_label (CS_CHART (object), GTK_ORIENTATION_HORIZONTAL,
                          g_value_get_string (value));
      break;
    case PROP_SELECTED:
      cs_chart_set_selected (CS_CHART (object), g_value_get_uint (value));
      break;
    case PROP_Y_LABEL:
      cs_chart_set_label (CS_CHART (object), GTK_ORIENTATION_VERTICAL, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
    }
}

static void
cs_chart_class_init (CsChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * CsChart:x-label:
   *
   * The title under the horizontal axis, such as “Labels per item” or “Epoch”.
   */
  properties[PROP_X_LABEL] =
    g_param_spec_string ("x-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CsChart:selected:
   *
   * The item the keyboard or a click selected, in a chart that takes the focus; its read-out
   * shows while the chart has the focus. %CS_CHART_NO_ITEM when none is.
   */
  properties[PROP_SELECTED] =
    g_param_spec_uint ("selected", NULL, NULL, 0, G_MAXUINT, CS_CHART_NO_ITEM,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CsChart:y-label:
   *
   * The title above the vertical axis, such as “Items” or “Loss”; also the chart's
   * accessible name.
   */
  properties[PROP_Y_LABEL] =
    g_param_spec_string ("y-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  object_class->dispose = cs_chart_dispose;
  object_class->finalize = cs_chart_finalize;
  object_class->get_property = cs_chart_get_property;
  object_class->set_property = cs_chart_set_property;

  widget_class->measure = cs_chart_measure;
  widget_class->size_allocate = cs_chart_size_allocate;
  widget_class->snapshot = cs_chart_snapshot;
  widget_class->css_changed = cs_chart_css_changed;

  klass->place_readout = cs_chart_real_place_readout;
  klass->locate_item = cs_chart_real_locate_item;
  klass->move_item = cs_chart_real_move_item;

  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "cs-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
add_controllers (CsChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (focus, "enter", G_CALLBACK (focus_enter_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

static void
cs_chart_init (CsChart *self)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (self);

  for (guint i = 0; i < G_N_ELEMENTS (priv->axes); i++)
    priv->axes[i].ticks = cs_chart_tick_array_new ();
  priv->selected = CS_CHART_NO_ITEM;
  priv->hover = CS_CHART_NO_ITEM;
  priv->readout_item = CS_CHART_NO_ITEM;
  priv->natural_width = 400;
  priv->natural_height = 240;
  priv->minimum_width = MIN_WIDTH;
  priv->minimum_height = MIN_HEIGHT;
  priv->titles_shown = TRUE;
  add_controllers (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("No data"),
                                  -1);
}

/* ---- For users of any chart --------------------------------------------------------------- */

/**
 * cs_chart_set_label:
 * @axis: %GTK_ORIENTATION_HORIZONTAL for the title under the plot, %GTK_ORIENTATION_VERTICAL
 *   for the one above the value axis, which is also the chart's accessible name
 * @label: (nullable): the title
 *
 * Sets #CsChart:x-label or #CsChart:y-label.
 */
void
cs_chart_set_label (CsChart        *self,
                    GtkOrientation  axis,
                    const char     *label)
{
  g_return_if_fail (CS_IS_CHART (self));
  g_return_if_fail (axis == GTK_ORIENTATION_HORIZONTAL || axis == GTK_ORIENTATION_VERTICAL);

  if (!cs_chart_set_string (&get_axis (self, axis)->label, label))
    return;
  update_accessible_label (self);
  cs_chart_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self),
                            properties[axis == GTK_ORIENTATION_HORIZONTAL ? PROP_X_LABEL
                                                                          : PROP_Y_LABEL]);
}

const char *
cs_chart_get_label (CsChart        *self,
                    GtkOrientation  axis)
{
  g_return_val_if_fail (CS_IS_CHART (self), NULL);
  g_return_val_if_fail (axis == GTK_ORIENTATION_HORIZONTAL || axis == GTK_ORIENTATION_VERTICAL,
                        NULL);

  return get_axis (self, axis)->label;
}

guint
cs_chart_get_selected (CsChart *self)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (self);

  g_return_val_if_fail (CS_IS_CHART (self), CS_CHART_NO_ITEM);

  return priv->selected;
}

/**
 * cs_chart_set_selected:
 * @item: an item, or %CS_CHART_NO_ITEM
 *
 * Selects an item, as the arrow keys do. A selection beyond the items is dropped at the next
 * layout.
 */
void
cs_chart_set_selected (CsChart *self,
                       guint    item)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (self);

  g_return_if_fail (CS_IS_CHART (self));

  if (priv->selected == item)
    return;
  priv->selected = item;
  update_readout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

/**
 * cs_chart_get_hover:
 * @item: (out): the item under the pointer, or %CS_CHART_NO_ITEM
 *
 * Returns: whether the pointer is over an item
 */
gboolean
cs_chart_get_hover (CsChart *self,
                    guint   *item)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (self);

  g_return_val_if_fail (CS_IS_CHART (self), FALSE);
  g_return_val_if_fail (item != NULL, FALSE);

  *item = priv->hover;
  return priv->hover != CS_CHART_NO_ITEM;
}

/**
 * cs_chart_get_readout:
 * @x: a position in the chart's coordinates
 * @y: the same; charts that pick by @x alone ignore it
 * @item: (out) (optional): the item there
 * @text: (out) (optional) (transfer full): a one-line summary of the item, as the accessible
 *   description has it; NULL when there is no item
 *
 * What the hover read-out would show for a pointer at (@x, @y).
 *
 * Returns: whether there is an item at (@x, @y)
 */
gboolean
cs_chart_get_readout (CsChart  *self,
                      double    x,
                      double    y,
                      guint    *item,
                      char    **text)
{
  guint picked;
  GString *summary;

  g_return_val_if_fail (CS_IS_CHART (self), FALSE);

  if (text != NULL)
    *text = NULL;
  if (!cs_chart_ensure_layout (self) || !CS_CHART_GET_CLASS (self)->pick (self, x, y, &picked))
    return FALSE;
  if (item != NULL)
    *item = picked;
  if (text != NULL)
    {
      summary = g_string_new (NULL);
      CS_CHART_GET_CLASS (self)->describe_item (self, picked, summary, NULL);
      *text = g_string_free (summary, FALSE);
    }
  return TRUE;
}

/**
 * cs_chart_get_plot_area:
 * @area: (out): where the plot is, in the chart's coordinates
 *
 * Returns: whether the chart has a size, and so a plot
 */
gboolean
cs_chart_get_plot_area (CsChart         *self,
                        graphene_rect_t *area)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (self);

  g_return_val_if_fail (CS_IS_CHART (self), FALSE);

  if (!cs_chart_ensure_layout (self))
    return FALSE;
  *area = priv->frame.plot;
  return TRUE;
}

/* ---- For subclasses ----------------------------------------------------------------------- */

/**
 * cs_chart_invalidate:
 *
 * Lays the chart out again before it is next drawn, after a change to how it shows its data.
 */
void
cs_chart_invalidate (CsChart *self)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (self);

  g_return_if_fail (CS_IS_CHART (self));

  priv->prepared = FALSE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * cs_chart_redo_layout:
 *
 * Lays the chart out again before it is next drawn, at the size it has: for a change that
 * moves what it draws but not its children, which may come while another widget is being
 * allocated (a chart aligned with this one), when queueing an allocation would be too late.
 */
void
cs_chart_redo_layout (CsChart *self)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (self);

  g_return_if_fail (CS_IS_CHART (self));

  priv->prepared = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * cs_chart_data_changed:
 *
 * Lays the chart out again and, once the changes come to a pause, describes it again.
 */
void
cs_chart_data_changed (CsChart *self)
{
  g_return_if_fail (CS_IS_CHART (self));

  cs_chart_invalidate (self);
  schedule_description (self);
}

/**
 * cs_chart_ensure_layout:
 *
 * Lays the chart out now if a change since the last layout requires it.
 *
 * Returns: whether the chart has a size, and so a layout
 */
gboolean
cs_chart_ensure_layout (CsChart *self)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (self);
  int width, height;

  g_return_val_if_fail (CS_IS_CHART (self), FALSE);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width <= 0 || height <= 0)
    return FALSE;
  if (!priv->prepared)
    prepare (self, width, height);
  return TRUE;
}

/* The size the chart asks for when there is room; never less than the minimum. */
void
cs_chart_set_natural_size (CsChart *self,
                           int      width,
                           int      height)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (self);

  g_return_if_fail (CS_IS_CHART (self));

  priv->natural_width = width;
  priv->natural_height = height;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* The least size the chart makes do with; 240 × 160 unless a subclass, such as a heatmap drawn
 * small for a grid of them, says otherwise. */
void
cs_chart_set_minimum_size (CsChart *self,
                           int      width,
                           int      height)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (self);

  g_return_if_fail (CS_IS_CHART (self));
  g_return_if_fail (width >= 0 && height >= 0);

  priv->minimum_width = width;
  priv->minimum_height = height;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* Whether the base lays out and draws the axis titles. A chart that places them itself (a
 * heatmap, whose square cells leave room where the base's titles would not be near them) turns
 * this off; the labels stay set, and still name the chart. */
void
cs_chart_set_titles_shown (CsChart  *self,
                           gboolean  shown)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (self);

  g_return_if_fail (CS_IS_CHART (self));

  shown = !!shown;
  if (priv->titles_shown == shown)
    return;
  priv->titles_shown = shown;
  cs_chart_invalidate (self);
}

/* The colours of the current style, as of the last layout. */
const CsChartTheme *
cs_chart_get_theme (CsChart *self)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (self);

  g_return_val_if_fail (CS_IS_CHART (self), NULL);

  return &priv->theme;
}

/* The frame the subclass's layout () fills and everything else reads. */
CsChartFrame *
cs_chart_get_frame (CsChart *self)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (self);

  g_return_val_if_fail (CS_IS_CHART (self), NULL);

  return &priv->frame;
}

/* The item the read-out shows, for draw () to mark; CS_CHART_NO_ITEM when there is none. */
guint
cs_chart_get_readout_item (CsChart *self)
{
  CsChartPrivate *priv = cs_chart_get_instance_private (self);

  g_return_val_if_fail (CS_IS_CHART (self), CS_CHART_NO_ITEM);

  return priv->readout_item;
}

/* The ticks under the plot (horizontal) or left of it (vertical), of CsChartTick: emptied
 * before each layout, filled by layout (), labelled by the base. */
GArray *
cs_chart_get_ticks (CsChart        *self,
                    GtkOrientation  orientation)
{
  g_return_val_if_fail (CS_IS_CHART (self), NULL);

  return get_axis (self, orientation)->ticks;
}

/* The title of the horizontal or the vertical axis, laid out for the current style; NULL when
 * there is none. The subclass leaves room for it. */
PangoLayout *
cs_chart_get_title_layout (CsChart        *self,
                           GtkOrientation  orientation)
{
  g_return_val_if_fail (CS_IS_CHART (self), NULL);

  return get_axis (self, orientation)->title;
}

/* Puts a read-out box right of x, or left of it when the widget has no room on the right. */
void
cs_chart_place_beside (CsChart         *self,
                       graphene_rect_t *box,
                       double           x)
{
  int width;

  g_return_if_fail (CS_IS_CHART (self));

  width = gtk_widget_get_width (GTK_WIDGET (self));
  box->origin.x = x + 12;
  if (box->origin.x + box->size.width > width - 2)
    box->origin.x = MAX (2, x - 12 - box->size.width);
}
