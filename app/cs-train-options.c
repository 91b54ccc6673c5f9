/* cs-train-options.c — the hyper-parameters a person sets for the next run
 *
 * The form on the Training page binds to these properties. A preset fills every field for the
 * open dataset (LabelMe and Music have settings of their own); a field the person changed is
 * theirs from then on: opening another dataset refreshes only the fields still as the preset
 * set them, and choosing a preset again gives every field back to it. The seed is never the
 * preset's.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stddef.h>
#include <string.h>

#include "cs-enum-types.h"
#include "cs-train-options.h"

typedef enum
{
  FIELD_INT,
  FIELD_FLOAT,
} FieldType;

/* A form field: its property and where it lives in a CsTrainConfig. */
typedef struct
{
  const char *name;
  FieldType   type;
  size_t      offset;
  double      min, max;
} Field;

enum {
  PROP_0,
  PROP_METHOD,
  PROP_PRESET,
  PROP_SEED,
  PROP_THREADS,
  PROP_NOISE_FROM_DS,
  PROP_FIRST_FIELD,
};

static const Field fields[] = {
  { "epochs",     FIELD_INT,   offsetof (CsTrainConfig, epochs),     1, 1000000 },
  { "batch-size", FIELD_INT,   offsetof (CsTrainConfig, batch_size), 1, 1 << 24 },
  { "lr",         FIELD_FLOAT, offsetof (CsTrainConfig, lr),         1e-8, 10 },
  { "lambda",     FIELD_FLOAT, offsetof (CsTrainConfig, lambda),     -1, 1 },
  { "embedding",  FIELD_INT,   offsetof (CsTrainConfig, embedding),  1, 65536 },
  { "dropout",    FIELD_FLOAT, offsetof (CsTrainConfig, dropout),    0, 0.99 },
};

#define N_FIELDS G_N_ELEMENTS (fields)
#define N_PROPS  (PROP_FIRST_FIELD + N_FIELDS)

struct _CsTrainOptions
{
  GObject        parent_instance;

  CsTrainConfig  values;        /* the form's fields, the method and the seed */
  char          *preset;
  char          *dataset_name;  /* NULL: no dataset open */
  guint          edited;        /* bit i: fields[i] was set by the person */
  gboolean       noise_edited;  /* values.noise_from_ds was set by the person */
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CsTrainOptions, cs_train_options, G_TYPE_OBJECT)

static double
field_get (const CsTrainConfig *config,
           const Field         *field)
{
  const char *p = (const char *) config + field->offset;

  return field->type == FIELD_INT ? *(const int *) p : *(const float *) p;
}

static void
field_set (CsTrainConfig *config,
           const Field   *field,
           double         value)
{
  char *p = (char *) config + field->offset;

  if (field->type == FIELD_INT)
    *(int *) p = (int) value;
  else
    *(float *) p = (float) value;
}

/* The preset's values for the open dataset into the fields `mask` names; notifies what changed. */
static void
apply_preset (CsTrainOptions *self,
              guint           mask)
{
  CsTrainConfig preset;

  cs_train_config_init_for (&preset, self->values.method, self->preset, self->dataset_name, NULL);
  if (!self->noise_edited && preset.noise_from_ds != self->values.noise_from_ds)
    {
      self->values.noise_from_ds = preset.noise_from_ds;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOISE_FROM_DS]);
    }
  for (guint i = 0; i < N_FIELDS; i++)
    {
      double value = field_get (&preset, &fields[i]);

      if (!(mask & (1u << i)) || field_get (&self->values, &fields[i]) == value)
        continue;
      field_set (&self->values, &fields[i], value);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_FIELD + i]);
    }
}

/* Every core but one, which the window keeps for itself: the step's threads wait for each
 * other, so one the window's drawing delays holds all of them up (on two cores, a LabelMe run
 * with live curves took 0.56 s on two threads against 0.37 s without the window, and 0.71 s on
 * one against 0.67 s). The numbers are the same on any count. */
static int
automatic_threads (void)
{
  return MAX (1, (int) g_get_num_processors () - 1);
}

/**
 * cs_train_options_get_config:
 *
 * The whole configuration of the next run: the preset's for the open dataset, with the
 * method, the seed, the threads, the noise layers' start and every field of the form as they
 * are here.
 */
void
cs_train_options_get_config (CsTrainOptions *self,
                             CsTrainConfig  *config)
{
  g_return_if_fail (CS_IS_TRAIN_OPTIONS (self));
  g_return_if_fail (config != NULL);

  cs_train_options_get_config_for (self, self->values.method, config);
}

/**
 * cs_train_options_get_config_for:
 * @method: the method to train, whichever the form's is
 *
 * The form's configuration for another method: that method's defaults and the preset's, then
 * the seed, the threads, the noise layers' start and every field as they are here, so that
 * the Experiments page can train each method with the Training page's settings.
 */
void
cs_train_options_get_config_for (CsTrainOptions *self,
                                 CsMethod        method,
                                 CsTrainConfig  *config)
{
  g_return_if_fail (CS_IS_TRAIN_OPTIONS (self));
  g_return_if_fail (method < CS_N_METHODS);
  g_return_if_fail (config != NULL);

  cs_train_config_init_for (config, method, self->preset, self->dataset_name, NULL);
  config->seed = self->values.seed;
  config->threads = self->values.threads > 0 ? self->values.threads : automatic_threads ();
  config->noise_from_ds = self->values.noise_from_ds;
  for (guint i = 0; i < N_FIELDS; i++)
    field_set (config, &fields[i], field_get (&self->values, &fields[i]));
}

void
cs_train_options_set_dataset (CsTrainOptions *self,
                              const char     *dataset_name)
{
  g_return_if_fail (CS_IS_TRAIN_OPTIONS (self));

  g_free (self->dataset_name);
  self->dataset_name = g_strdup (dataset_name);
  apply_preset (self, ~self->edited);
}

const char *
cs_train_options_get_preset (CsTrainOptions *self)
{
  g_return_val_if_fail (CS_IS_TRAIN_OPTIONS (self), NULL);
  return self->preset;
}

/* Every field goes back to the preset, the ones the person changed too. */
void
cs_train_options_set_preset (CsTrainOptions *self,
                             const char     *preset)
{
  CsTrainConfig check;

  g_return_if_fail (CS_IS_TRAIN_OPTIONS (self));
  g_return_if_fail (preset != NULL);
  g_return_if_fail (cs_train_config_apply_preset (&check, preset, NULL, NULL));

  if (g_strcmp0 (self->preset, preset) != 0)
    {
      g_free (self->preset);
      self->preset = g_strdup (preset);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESET]);
    }
  self->edited = 0;
  self->noise_edited = FALSE;
  apply_preset (self, ~0u);
}

/* Whether the field named `property` holds a value the person set rather than the preset's. */
gboolean
cs_train_options_get_edited (CsTrainOptions *self,
                             const char     *property)
{
  g_return_val_if_fail (CS_IS_TRAIN_OPTIONS (self), FALSE);

  if (strcmp (property, "noise-from-ds") == 0)
    return self->noise_edited;
  for (guint i = 0; i < N_FIELDS; i++)
    if (strcmp (fields[i].name, property) == 0)
      return (self->edited >> i) & 1;
  g_return_val_if_reached (FALSE);
}

/**
 * cs_train_options_save:
 *
 * What a person chose for the next run, to start a later session from: the method and the
 * preset by name, and each field they set by hand (a{sv}: "method" and "preset" strings, the
 * fields by property name as int32 or double, "noise-from-ds" as a boolean). The fields the
 * preset set are left out, so that they follow the preset on the next dataset too.
 *
 * Returns: (transfer floating): the choices
 */
GVariant *
cs_train_options_save (CsTrainOptions *self)
{
  g_autoptr(GEnumClass) methods = g_type_class_ref (CS_TYPE_METHOD);
  GVariantBuilder builder;

  g_return_val_if_fail (CS_IS_TRAIN_OPTIONS (self), NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "method",
                         g_variant_new_string (g_enum_get_value (methods, self->values.method)->value_nick));
  g_variant_builder_add (&builder, "{sv}", "preset", g_variant_new_string (self->preset));
  for (guint i = 0; i < N_FIELDS; i++)
    {
      double value = field_get (&self->values, &fields[i]);

      if (!((self->edited >> i) & 1))
        continue;
      g_variant_builder_add (&builder, "{sv}", fields[i].name,
                             fields[i].type == FIELD_INT ? g_variant_new_int32 ((int) value)
                                                         : g_variant_new_double (value));
    }
  if (self->noise_edited)
    g_variant_builder_add (&builder, "{sv}", "noise-from-ds",
                           g_variant_new_boolean (self->values.noise_from_ds));
  return g_variant_builder_end (&builder);
}

/* A field's saved value, clamped to its range; FALSE when it is missing or of another type. */
static gboolean
lookup_field (GVariant    *choices,
              const Field *field,
              GValue      *value)
{
  g_autoptr(GVariant) v = g_variant_lookup_value (choices, field->name, NULL);

  if (v != NULL && field->type == FIELD_INT && g_variant_is_of_type (v, G_VARIANT_TYPE_INT32))
    {
      g_value_init (value, G_TYPE_INT);
      g_value_set_int (value, CLAMP (g_variant_get_int32 (v), (int) field->min, (int) field->max));
      return TRUE;
    }
  if (v != NULL && field->type == FIELD_FLOAT && g_variant_is_of_type (v, G_VARIANT_TYPE_DOUBLE))
    {
      g_value_init (value, G_TYPE_DOUBLE);
      g_value_set_double (value, CLAMP (g_variant_get_double (v), field->min, field->max));
      return TRUE;
    }
  return FALSE;
}

/**
 * cs_train_options_restore:
 * @choices: a{sv}, as cs_train_options_save() gives
 *
 * Takes back the choices of cs_train_options_save(): the preset first (which gives every field
 * back to it), then the method and the fields set by hand, which stay the person's. What is
 * missing, of another type or unknown is left as it is, and numbers out of range are clamped,
 * since the settings may have been edited by hand.
 */
void
cs_train_options_restore (CsTrainOptions *self,
                          GVariant       *choices)
{
  g_autoptr(GEnumClass) methods = g_type_class_ref (CS_TYPE_METHOD);
  CsTrainConfig check;
  const char *text;
  gboolean noise;
  GEnumValue *method;

  g_return_if_fail (CS_IS_TRAIN_OPTIONS (self));
  g_return_if_fail (g_variant_is_of_type (choices, G_VARIANT_TYPE_VARDICT));

  if (g_variant_lookup (choices, "preset", "&s", &text) &&
      cs_train_config_apply_preset (&check, text, NULL, NULL))
    cs_train_options_set_preset (self, text);
  if (g_variant_lookup (choices, "method", "&s", &text) &&
      (method = g_enum_get_value_by_nick (methods, text)) != NULL)
    g_object_set (self, "method", method->value, NULL);
  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (lookup_field (choices, &fields[i], &value))
        g_object_set_property (G_OBJECT (self), fields[i].name, &value);
    }
  if (g_variant_lookup (choices, "noise-from-ds", "b", &noise))
    g_object_set (self, "noise-from-ds", noise, NULL);
}

static void
cs_train_options_finalize (GObject *object)
{
  CsTrainOptions *self = CS_TRAIN_OPTIONS (object);

  g_free (self->preset);
  g_free (self->dataset_name);
  G_OBJECT_CLASS (cs_train_options_parent_class)->finalize (object);
}

static void
cs_train_options_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CsTrainOptions *self = CS_TRAIN_OPTIONS (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      g_value_set_enum (value, self->values.method);
      break;
    case PROP_PRESET:
      g_value_set_string (value, self->preset);
      break;
    case PROP_SEED:
      g_value_set_uint64 (value, self->values.seed);
      break;
    case PROP_THREADS:
      g_value_set_int (value, self->values.threads);
      break;
    case PROP_NOISE_FROM_DS:
      g_value_set_boolean (value, self->values.noise_from_ds);
      break;
    default:
      if (prop_id >= PROP_FIRST_FIELD && prop_id < N_PROPS)
        {
          const Field *field = &fields[prop_id - PROP_FIRST_FIELD];

          if (field->type == FIELD_INT)
            g_value_set_int (value, (int) field_get (&self->values, field));
          else
            g_value_set_double (value, field_get (&self->values, field));
          break;
        }
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* A form field set from outside is the person's: a preset no longer changes it. */
static void
set_field (CsTrainOptions *self,
           guint           i,
           const GValue   *value)
{
  const Field *field = &fields[i];
  double v = field->type == FIELD_INT ? g_value_get_int (value) : g_value_get_double (value);

  self->edited |= 1u << i;
  if (field_get (&self->values, field) == v)
    return;
  field_set (&self->values, field, v);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_FIELD + i]);
}

static void
cs_train_options_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CsTrainOptions *self = CS_TRAIN_OPTIONS (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      if (self->values.method != (CsMethod) g_value_get_enum (value))
        {
          self->values.method = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
          /* What the preset starts the noise layers with depends on the method. */
          apply_preset (self, 0);
        }
      break;
    case PROP_PRESET:
      cs_train_options_set_preset (self, g_value_get_string (value));
      break;
    case PROP_SEED:
      if (self->values.seed != g_value_get_uint64 (value))
        {
          self->values.seed = g_value_get_uint64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_THREADS:
      if (self->values.threads != g_value_get_int (value))
        {
          self->values.threads = g_value_get_int (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_NOISE_FROM_DS:
      /* The person's choice: a preset or another method no longer changes it. */
      self->noise_edited = TRUE;
      if (self->values.noise_from_ds != g_value_get_boolean (value))
        {
          self->values.noise_from_ds = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      if (prop_id >= PROP_FIRST_FIELD && prop_id < N_PROPS)
        {
          set_field (self, prop_id - PROP_FIRST_FIELD, value);
          break;
        }
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_train_options_class_init (CsTrainOptionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  CsTrainConfig defaults;

  object_class->finalize = cs_train_options_finalize;
  object_class->get_property = cs_train_options_get_property;
  object_class->set_property = cs_train_options_set_property;

  cs_train_config_init (&defaults);
  properties[PROP_METHOD] =
    g_param_spec_enum ("method", NULL, NULL, CS_TYPE_METHOD, CS_METHOD_CONAL, flags);
  properties[PROP_PRESET] =
    g_param_spec_string ("preset", NULL, NULL, CS_PRESET_DEFAULT, flags);
  properties[PROP_SEED] =
    g_param_spec_uint64 ("seed", NULL, NULL, 0, G_MAXUINT32, defaults.seed, flags);
  /* 0: automatic, every core but one. The core's and the settings' range. */
  properties[PROP_THREADS] =
    g_param_spec_int ("threads", NULL, NULL, 0, 256, 0, flags);
  /* CoNAL's and Crowd Layer's noise layers start from Dawid–Skene's confusions. */
  properties[PROP_NOISE_FROM_DS] =
    g_param_spec_boolean ("noise-from-ds", NULL, NULL, FALSE, flags);
  for (guint i = 0; i < N_FIELDS; i++)
    {
      const Field *f = &fields[i];
      double initial = field_get (&defaults, f);

      properties[PROP_FIRST_FIELD + i] =
        f->type == FIELD_INT ? g_param_spec_int (f->name, NULL, NULL, (int) f->min, (int) f->max,
                                                 (int) initial, flags)
                             : g_param_spec_double (f->name, NULL, NULL, f->min, f->max,
                                                    initial, flags);
    }
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cs_train_options_init (CsTrainOptions *self)
{
  cs_train_config_init (&self->values);
  self->preset = g_strdup (CS_PRESET_DEFAULT);
  apply_preset (self, ~0u);
}

CsTrainOptions *
cs_train_options_new (void)
{
  return g_object_new (CS_TYPE_TRAIN_OPTIONS, NULL);
}
