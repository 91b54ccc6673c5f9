/* cs-preferences-window.c — the application's preferences
 *
 * Every row binds to a key of the application's settings: the style and the colour map, and
 * what the Training page starts with (the default method and preset, or the last run; the
 * threads), which the session's training options and palette follow (app/cs-settings.c). A
 * choice row lists the key's values in the schema's order, so that its selected position is
 * the value's.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "cs-enum-types.h"
#include "cs-preferences-window.h"
#include "cs-train-config.h"

struct _CsPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwComboRow          *style_row;
  AdwComboRow          *palette_row;
  AdwComboRow          *method_row;
  AdwComboRow          *preset_row;
  GtkStringList        *method_list;
  GtkSwitch            *remember_switch;
  GtkSpinButton        *threads_spin;

  /* Owned */
  GSettings            *settings;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CsPreferencesWindow, cs_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The values of the enumerated key, in the schema's order. */
static char **
key_choices (GSettings  *settings,
             const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) values = NULL;
  const char *kind;

  g_object_get (settings, "settings-schema", &schema, NULL);
  schema_key = g_settings_schema_get_key (schema, key);
  range = g_settings_schema_key_get_range (schema_key);
  g_variant_get (range, "(&sv)", &kind, &values);
  g_assert (g_str_equal (kind, "enum"));
  return g_variant_dup_strv (values, NULL);
}

static gboolean
choice_to_position (GValue   *value,
                    GVariant *variant,
                    gpointer  data)
{
  char **choices = data;
  const char *choice = g_variant_get_string (variant, NULL);

  for (guint i = 0; choices[i]; i++)
    if (g_str_equal (choices[i], choice))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
position_to_choice (const GValue       *value,
                    const GVariantType *type,
                    gpointer            data)
{
  char **choices = data;
  guint position = g_value_get_uint (value);

  if (position >= g_strv_length (choices))
    return NULL;
  return g_variant_new_string (choices[position]);
}

static void
bind_choice (CsPreferencesWindow *self,
             const char          *key,
             AdwComboRow         *row)
{
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                choice_to_position, position_to_choice,
                                key_choices (self->settings, key), (GDestroyNotify) g_strfreev);
}

/* The methods by their titles, in the default-method key's order. */
static void
fill_methods (CsPreferencesWindow *self)
{
  g_autoptr(GEnumClass) methods = g_type_class_ref (CS_TYPE_METHOD);
  g_auto(GStrv) choices = key_choices (self->settings, "default-method");

  for (guint i = 0; choices[i]; i++)
    {
      GEnumValue *method = g_enum_get_value_by_nick (methods, choices[i]);

      g_assert (method != NULL);
      gtk_string_list_append (self->method_list, cs_method_get_title (method->value));
    }
}

/* The key is an integer, the spin button's value a double. */
static gboolean
int_to_double (GValue   *value,
               GVariant *variant,
               gpointer  data)
{
  g_value_set_double (value, g_variant_get_int32 (variant));
  return TRUE;
}

static GVariant *
double_to_int (const GValue       *value,
               const GVariantType *type,
               gpointer            data)
{
  return g_variant_new_int32 ((gint32) g_value_get_double (value));
}

/* 0 threads reads “Automatic”, and typing it back means 0. */
static int
on_threads_input (GtkSpinButton *spin,
                  double        *new_value,
                  gpointer       data)
{
  if (g_ascii_strcasecmp (gtk_editable_get_text (GTK_EDITABLE (spin)), _("Automatic")) != 0)
    return FALSE;
  *new_value = 0;
  return TRUE;
}

static gboolean
on_threads_output (GtkSpinButton *spin,
                   gpointer       data)
{
  int threads = (int) gtk_spin_button_get_value (spin);
  g_autofree char *text = threads == 0 ? g_strdup (_("Automatic")) : g_strdup_printf ("%d", threads);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
cs_preferences_window_constructed (GObject *object)
{
  CsPreferencesWindow *self = CS_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (cs_preferences_window_parent_class)->constructed (object);

  fill_methods (self);
  bind_choice (self, "style", self->style_row);
  bind_choice (self, "palette", self->palette_row);
  bind_choice (self, "default-method", self->method_row);
  bind_choice (self, "default-preset", self->preset_row);
  g_settings_bind (self->settings, "remember-last-training", self->remember_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "training-threads",
                                gtk_spin_button_get_adjustment (self->threads_spin), "value",
                                G_SETTINGS_BIND_DEFAULT, int_to_double, double_to_int, NULL, NULL);
}

static void
cs_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CS_TYPE_PREFERENCES_WINDOW);
  G_OBJECT_CLASS (cs_preferences_window_parent_class)->dispose (object);
}

static void
cs_preferences_window_finalize (GObject *object)
{
  g_clear_object (&CS_PREFERENCES_WINDOW (object)->settings);
  G_OBJECT_CLASS (cs_preferences_window_parent_class)->finalize (object);
}

static void
cs_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CsPreferencesWindow *self = CS_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CsPreferencesWindow *self = CS_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_preferences_window_class_init (CsPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cs_preferences_window_constructed;
  object_class->dispose = cs_preferences_window_dispose;
  object_class->finalize = cs_preferences_window_finalize;
  object_class->get_property = cs_preferences_window_get_property;
  object_class->set_property = cs_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/crowdscope/Crowdscope/cs-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, palette_row);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, method_row);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, preset_row);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, method_list);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, threads_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_threads_input);
  gtk_widget_class_bind_template_callback (widget_class, on_threads_output);
}

static void
cs_preferences_window_init (CsPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cs_preferences_window_new:
 * @settings: the application's settings
 *
 * Returns: (transfer full): a new window that changes @settings
 */
CsPreferencesWindow *
cs_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (CS_TYPE_PREFERENCES_WINDOW, "settings", settings, NULL);
}
