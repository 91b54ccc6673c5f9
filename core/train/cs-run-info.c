/* cs-run-info.c — what a kept run's run.json says about it: the fields a list of runs shows
 *
 * run.json is small and flat so that a store of a thousand runs lists from these files alone,
 * without opening a model. It is user input like any file in a user's folder: a member of the
 * wrong type reads as a missing one, and only what a list cannot do without (the format, its
 * version, the method, the date) is required.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "cs-error.h"
#include "cs-file.h"
#include "cs-json-read.h"
#include "cs-json.h"
#include "cs-run-info.h"

#define FORMAT_NAME "crowdscope-run"
/* run.json is one flat object; anything deeper is not one of ours. */
#define MAX_DEPTH 4

static const char *state_names[] = { "complete", "incomplete" };

char *
cs_run_info_default_name (const CsRun *run)
{
  g_return_val_if_fail (run != NULL, NULL);

  /* Translators: a run's name until it is renamed: the method, the dataset and the seed. */
  return g_strdup_printf (_("%s on %s, seed %" PRIu64),
                          cs_method_get_title (run->config.method), run->dataset->name,
                          (guint64) run->config.seed);
}

/* GLib 2.74 has no g_date_time_to_unix_usec(). */
static gint64
unix_usec (GDateTime *time)
{
  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

static char *
absolute_path (const char *path)
{
  return path != NULL && *path != '\0' ? g_canonicalize_filename (path, NULL) : g_strdup ("");
}

/* A run's fields as the store keeps them; `name` NULL gives the default name. */
CsRunInfo *
cs_run_info_new_for_run (const CsRun *run,
                         const char  *id,
                         const char  *name,
                         GDateTime   *created)
{
  const CsEpochMetrics *best;
  CsRunInfo *self;

  g_return_val_if_fail (run != NULL && id != NULL && created != NULL, NULL);

  best = cs_run_get_best (run);
  self = g_new0 (CsRunInfo, 1);
  self->id = g_strdup (id);
  self->name = name != NULL ? g_strdup (name) : cs_run_info_default_name (run);
  self->dataset_name = g_strdup (run->dataset->name);
  self->dataset_path = absolute_path (run->dataset->source);
  self->fingerprint = g_strdup (run->fingerprint);
  self->created = g_date_time_format (created, "%Y-%m-%dT%H:%M:%S.%fZ");
  self->created_us = unix_usec (created);
  self->state = CS_RUN_STATE_COMPLETE;
  self->method = run->config.method;
  self->seed = run->config.seed;
  self->best_epoch = run->best_epoch;
  self->valid_accuracy = best->valid_accuracy;
  self->test_accuracy = best->test_accuracy;
  return self;
}

void
cs_run_info_free (CsRunInfo *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->name);
  g_free (self->dataset_name);
  g_free (self->dataset_path);
  g_free (self->fingerprint);
  g_free (self->created);
  g_free (self);
}

void
cs_run_info_add_members (const CsRunInfo *self,
                         JsonBuilder     *builder)
{
  cs_json_add_string (builder, "id", self->id);
  cs_json_add_string (builder, "name", self->name);
  cs_json_add_string (builder, "state", state_names[self->state]);
  cs_json_add_string (builder, "created", self->created);
  cs_json_add_string (builder, "method", cs_method_to_string (self->method));
  cs_json_add_int (builder, "seed", (gint64) self->seed);
  cs_json_add_string (builder, "dataset", self->dataset_name);
  cs_json_add_string (builder, "dataset_path", self->dataset_path);
  cs_json_add_string (builder, "fingerprint", self->fingerprint);
  cs_json_add_int (builder, "best_epoch", self->best_epoch);
  cs_json_add_number (builder, "valid_accuracy", self->valid_accuracy);
  cs_json_add_number (builder, "test_accuracy", self->test_accuracy);
}

char *
cs_run_info_to_text (const CsRunInfo *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  cs_json_add_string (builder, "format", FORMAT_NAME);
  cs_json_add_int (builder, "version", CS_RUN_INFO_VERSION);
  cs_run_info_add_members (self, builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return cs_json_to_string (root, TRUE);
}

gboolean
cs_run_info_write (const CsRunInfo  *self,
                   const char       *path,
                   GError          **error)
{
  g_autofree char *text = cs_run_info_to_text (self);

  return cs_file_write_atomic (path, text, strlen (text), error);
}

/* Reading ---------------------------------------------------------------------------------- */

static gboolean
format_error (GError     **error,
              const char  *path,
              const char  *expected,
              const char  *found)
{
  g_set_error (error, CS_ERROR, CS_ERROR_FORMAT, _("%s: expected %s, found %s"), path, expected, found);
  return FALSE;
}

/* The format and its version: a later Crowdscope's run is refused with a message that says so,
 * rather than read as far as it goes. */
static gboolean
check_format (JsonNode    *root,
              const char  *path,
              GError     **error)
{
  JsonObject *object;
  int version;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return format_error (error, path, _("a JSON object"), root == NULL ? "nothing" : "another value");
  object = json_node_get_object (root);
  if (strcmp (cs_json_read_string (object, "format"), FORMAT_NAME) != 0)
    return format_error (error, path, "\"format\": \"" FORMAT_NAME "\"", "none");
  version = cs_json_read_int (object, "version", 0);
  if (version > CS_RUN_INFO_VERSION)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
                   _("%s: the run store is from a newer Crowdscope (run format version %d; this "
                   "version reads %d); update Crowdscope to open it"), path, version,
                   CS_RUN_INFO_VERSION);
      return FALSE;
    }
  if (version < 1)
    return format_error (error, path, _("a \"version\" from 1"), "none");
  return TRUE;
}

static gboolean
read_state (JsonObject  *object,
            const char  *path,
            CsRunState  *state,
            GError     **error)
{
  const char *text = cs_json_read_string (object, "state");

  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (strcmp (text, state_names[i]) == 0)
      {
        *state = (CsRunState) i;
        return TRUE;
      }
  return format_error (error, path, _("\"state\": \"complete\" or \"incomplete\""), "another value");
}

static gboolean
read_created (JsonObject  *object,
              const char  *path,
              CsRunInfo   *self,
              GError     **error)
{
  g_autoptr(GDateTime) created = NULL;

  self->created = g_strdup (cs_json_read_string (object, "created"));
  created = g_date_time_new_from_iso8601 (self->created, NULL);
  if (created == NULL)
    return format_error (error, path, _("\"created\": an ISO 8601 date and time with a time zone"),
                         "none");
  self->created_us = unix_usec (created);
  return TRUE;
}

static gboolean
read_fields (JsonObject  *object,
             const char  *path,
             CsRunInfo   *self,
             GError     **error)
{
  JsonNode *seed = cs_json_get_value (object, "seed", G_TYPE_INT64);

  if (!cs_method_from_string (cs_json_read_string (object, "method"), &self->method))
    return format_error (error, path, _("\"method\": conal, crowdlayer, ds, mv or gold"), "none");
  if (!read_state (object, path, &self->state, error) ||
      !read_created (object, path, self, error))
    return FALSE;
  self->id = g_strdup (cs_json_read_string (object, "id"));
  self->name = g_strdup (cs_json_read_string (object, "name"));
  self->dataset_name = g_strdup (cs_json_read_string (object, "dataset"));
  self->dataset_path = g_strdup (cs_json_read_string (object, "dataset_path"));
  self->fingerprint = g_strdup (cs_json_read_string (object, "fingerprint"));
  self->seed = seed ? (uint64_t) json_node_get_int (seed) : 0;
  self->best_epoch = cs_json_read_int (object, "best_epoch", 0);
  self->valid_accuracy = cs_json_read_number (object, "valid_accuracy");
  self->test_accuracy = cs_json_read_number (object, "test_accuracy");
  return TRUE;
}

/*
 * cs_run_info_parse:
 * @data: (array length=len): the text of a run.json
 * @path: the file's name, for messages
 *
 * Returns: (transfer full): the fields, or NULL with a CS_ERROR_PARSE or _FORMAT error naming
 *   @path; a run.json of a newer format version is a CS_ERROR_FORMAT that says so
 */
CsRunInfo *
cs_run_info_parse (const char  *data,
                   gsize        len,
                   const char  *path,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(CsRunInfo) self = g_new0 (CsRunInfo, 1);
  JsonNode *root;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  /* Names end up in labels, where text that is not UTF-8 is a programming error. */
  if (!cs_file_check_utf8 (data, len, path, error) ||
      !cs_json_parse (parser, data, len, MAX_DEPTH, path, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (!check_format (root, path, error) ||
      !read_fields (json_node_get_object (root), path, self, error))
    return NULL;
  return g_steal_pointer (&self);
}

CsRunInfo *
cs_run_info_read (const char  *path,
                  GError     **error)
{
  g_autofree guint8 *data = NULL;
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);

  if (!cs_file_read (path, &data, &len, error))
    return NULL;
  return cs_run_info_parse ((const char *) data, len, path, error);
}
