/* cs-run-entry.c — one kept run as a list of runs shows it
 *
 * Its properties are what a list's columns bind to: the name the person gave it, the method,
 * seed and dataset, when it was kept, the selected epoch's accuracies, and whether its dataset
 * is still where it was trained.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>

#include "cs-enum-types.h"
#include "cs-run-entry.h"

struct _CsRunEntry
{
  GObject    parent_instance;

  CsRunInfo *info;
  gboolean   dataset_missing;
  gboolean   loaded;
  GArray    *history;
  CsLearnedConfusions *confusions;
  char     **class_names;
  char      *load_error;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_METHOD,
  PROP_METHOD_TITLE,
  PROP_SEED,
  PROP_DATASET_NAME,
  PROP_DATASET_PATH,
  PROP_DATASET_MISSING,
  PROP_CREATED,
  PROP_CREATED_US,
  PROP_BEST_EPOCH,
  PROP_VALID_ACCURACY,
  PROP_TEST_ACCURACY,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CsRunEntry, cs_run_entry, G_TYPE_OBJECT)

/* "2026-12-01 22:10" in local time. */
static char *
format_created (const CsRunInfo *info)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (info->created_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (info->created);
}

static void
cs_run_entry_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CsRunEntry *self = CS_RUN_ENTRY (object);
  const CsRunInfo *info = self->info;

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, info->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, info->name);
      break;
    case PROP_METHOD:
      g_value_set_enum (value, info->method);
      break;
    case PROP_METHOD_TITLE:
      g_value_set_string (value, cs_method_get_title (info->method));
      break;
    case PROP_SEED:
      g_value_set_uint64 (value, info->seed);
      break;
    case PROP_DATASET_NAME:
      g_value_set_string (value, info->dataset_name);
      break;
    case PROP_DATASET_PATH:
      g_value_set_string (value, info->dataset_path);
      break;
    case PROP_DATASET_MISSING:
      g_value_set_boolean (value, self->dataset_missing);
      break;
    case PROP_CREATED:
      g_value_take_string (value, format_created (info));
      break;
    case PROP_CREATED_US:
      g_value_set_int64 (value, info->created_us);
      break;
    case PROP_BEST_EPOCH:
      g_value_set_int (value, info->best_epoch);
      break;
    case PROP_VALID_ACCURACY:
      g_value_set_double (value, info->valid_accuracy);
      break;
    case PROP_TEST_ACCURACY:
      g_value_set_double (value, info->test_accuracy);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_run_entry_finalize (GObject *object)
{
  CsRunEntry *self = CS_RUN_ENTRY (object);

  g_clear_pointer (&self->info, cs_run_info_free);
  g_clear_pointer (&self->history, g_array_unref);
  g_clear_pointer (&self->confusions, cs_learned_confusions_free);
  g_clear_pointer (&self->class_names, g_strfreev);
  g_clear_pointer (&self->load_error, g_free);
  G_OBJECT_CLASS (cs_run_entry_parent_class)->finalize (object);
}

static void
cs_run_entry_class_init (CsRunEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cs_run_entry_finalize;
  object_class->get_property = cs_run_entry_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_METHOD] = g_param_spec_enum ("method", NULL, NULL, CS_TYPE_METHOD, CS_METHOD_CONAL, flags);
  properties[PROP_METHOD_TITLE] = g_param_spec_string ("method-title", NULL, NULL, NULL, flags);
  properties[PROP_SEED] = g_param_spec_uint64 ("seed", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_DATASET_NAME] = g_param_spec_string ("dataset-name", NULL, NULL, NULL, flags);
  properties[PROP_DATASET_PATH] = g_param_spec_string ("dataset-path", NULL, NULL, NULL, flags);
  properties[PROP_DATASET_MISSING] = g_param_spec_boolean ("dataset-missing", NULL, NULL, FALSE, flags);
  /* When it was kept, in local time: "2026-12-01 22:10". */
  properties[PROP_CREATED] = g_param_spec_string ("created", NULL, NULL, NULL, flags);
  properties[PROP_CREATED_US] = g_param_spec_int64 ("created-us", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_BEST_EPOCH] = g_param_spec_int ("best-epoch", NULL, NULL, 0, G_MAXINT, 0, flags);
  /* In [0, 1], NaN where not measured. */
  properties[PROP_VALID_ACCURACY] = g_param_spec_double ("valid-accuracy", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_TEST_ACCURACY] = g_param_spec_double ("test-accuracy", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  /* Its history and matrices are read (cs_run_history_load), or could not be. */
  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cs_run_entry_init (CsRunEntry *self)
{
}

CsRunEntry *
cs_run_entry_new (CsRunInfo *info,
                  gboolean   dataset_missing)
{
  CsRunEntry *self;

  g_return_val_if_fail (info != NULL, NULL);

  self = g_object_new (CS_TYPE_RUN_ENTRY, NULL);
  self->info = info;
  self->dataset_missing = dataset_missing;
  return self;
}

const CsRunInfo *cs_run_entry_get_info (CsRunEntry *self) { return self->info; }
const char *cs_run_entry_get_id (CsRunEntry *self) { return self->info->id; }
const char *cs_run_entry_get_name (CsRunEntry *self) { return self->info->name; }
gboolean cs_run_entry_get_dataset_missing (CsRunEntry *self) { return self->dataset_missing; }

void
cs_run_entry_set_name (CsRunEntry *self,
                       const char *name)
{
  g_return_if_fail (CS_IS_RUN_ENTRY (self));
  g_return_if_fail (name != NULL);

  if (g_strcmp0 (self->info->name, name) == 0)
    return;
  g_free (self->info->name);
  self->info->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

char *
cs_run_entry_dup_summary (CsRunEntry *self)
{
  g_return_val_if_fail (CS_IS_RUN_ENTRY (self), NULL);

  return g_strdup_printf (_("%s · seed %" PRIu64 " · %s"), cs_method_get_title (self->info->method),
                          self->info->seed, self->info->dataset_name);
}

gboolean cs_run_entry_get_loaded (CsRunEntry *self) { return self->loaded; }
GArray *cs_run_entry_get_history (CsRunEntry *self) { return self->history; }
const CsLearnedConfusions *cs_run_entry_get_confusions (CsRunEntry *self) { return self->confusions; }
char **cs_run_entry_get_class_names (CsRunEntry *self) { return self->class_names; }
const char *cs_run_entry_get_load_error (CsRunEntry *self) { return self->load_error; }

void
cs_run_entry_set_loaded (CsRunEntry          *self,
                         CsCheckpoint        *checkpoint,
                         CsLearnedConfusions *confusions,
                         const char          *error)
{
  g_return_if_fail (CS_IS_RUN_ENTRY (self));

  if (checkpoint != NULL)
    {
      self->history = g_steal_pointer (&checkpoint->history);
      self->class_names = g_steal_pointer (&checkpoint->class_names);
    }
  self->confusions = confusions;
  self->load_error = g_strdup (error);
  self->loaded = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}
