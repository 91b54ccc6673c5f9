/* cs-checkpoint.c — a trained run on disk: model.safetensors, config.json, metrics.csv
 *
 * model.safetensors holds every tensor by name (linear weights [out, in] as PyTorch's
 * nn.Linear.weight); config.json holds the hyper-parameters, the dataset's
 * fingerprint, class names and annotator ids, and the metric history. Every file is written
 * atomically, so each is replaced whole or not at all (a failure part way through the three can
 * leave a new model beside an old config.json; the fingerprint and shapes then disagree).
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "cs-checkpoint.h"
#include "cs-error.h"
#include "cs-file.h"
#include "cs-json-read.h"
#include "cs-json.h"
#include "cs-model-private.h"
#include "cs-run-json.h"
#include "cs-safetensors.h"

#define FORMAT_NAME    "crowdscope-checkpoint"
#define FORMAT_VERSION 1
/* A config.json nests three levels deep; the limit keeps json-glib's recursion off the stack's
 * end (cs_json_check_text()). */
#define MAX_CONFIG_DEPTH 32

typedef struct
{
  const char *name;
  float      *data;
  int         ndim;
  int64_t     shape[3];
} Slot;

#define SLOT1(n, p, a)       (Slot) { n, p, 1, { a } }
#define SLOT2(n, p, a, b)    (Slot) { n, p, 2, { a, b } }
#define SLOT3(n, p, a, b, c) (Slot) { n, p, 3, { a, b, c } }

/* Every tensor of a model, present or not (absent ones have data NULL). */
static int
model_slots (CsModel *model,
             Slot    *slots)
{
  const CsModelShape *s = cs_model_get_shape (model);
  CsParams *p = cs_model_get_params (model);
  CsBatchnormState *st = cs_model_get_state (model);
  int n = 0;

  slots[n++] = SLOT2 ("classifier.linear1.weight", p->w1, s->H, s->D);
  slots[n++] = SLOT1 ("classifier.linear1.bias", p->b1, s->H);
  slots[n++] = SLOT2 ("classifier.linear2.weight", p->w2, s->K, s->H);
  slots[n++] = SLOT1 ("classifier.linear2.bias", p->b2, s->K);
  slots[n++] = SLOT1 ("classifier.bn_input.running_mean", st->in_mean, s->D);
  slots[n++] = SLOT1 ("classifier.bn_input.running_var", st->in_var, s->D);
  slots[n++] = SLOT1 ("classifier.bn_hidden.running_mean", st->hid_mean, s->H);
  slots[n++] = SLOT1 ("classifier.bn_hidden.running_var", st->hid_var, s->H);
  slots[n++] = SLOT2 ("conal.global_confusion", p->global, s->K, s->K);
  slots[n++] = SLOT3 ("conal.local_confusions", p->local, s->R, s->K, s->K);
  slots[n++] = SLOT2 ("conal.aux.linear1.weight", p->aux_w1, s->A, s->D);
  slots[n++] = SLOT1 ("conal.aux.linear1.bias", p->aux_b1, s->A);
  slots[n++] = SLOT2 ("conal.aux.linear2.weight", p->aux_w2, s->E, s->A);
  slots[n++] = SLOT1 ("conal.aux.linear2.bias", p->aux_b2, s->E);
  slots[n++] = SLOT2 ("conal.aux.annotator_embedding", p->ann_w, s->R, s->E);
  slots[n++] = SLOT1 ("conal.aux.annotator_bias", p->ann_b, s->E);
  return n;
}

#define MAX_SLOTS 16

static void
add_slot (CsTensors  *tensors,
          const Slot *slot)
{
  if (slot->data != NULL)
    cs_tensors_add (tensors, slot->name, CS_TENSOR_F32, slot->ndim, slot->shape, slot->data);
}

static CsTensors *
run_tensors (const CsRun *run)
{
  const CsDataset *dataset = run->dataset;
  CsTensors *tensors = cs_tensors_new ();
  Slot slots[MAX_SLOTS];
  int n = model_slots (run->model, slots);
  int K = dataset->n_classes, R = dataset->n_annotators, d = dataset->d;

  for (int i = 0; i < n; i++)
    add_slot (tensors, &slots[i]);
  if (run->annotator_w)
    add_slot (tensors, &SLOT1 ("conal.annotator_w", run->annotator_w, R));
  if (run->dawid_skene)
    {
      add_slot (tensors, &SLOT3 ("ds.confusions", run->dawid_skene->confusions, R, K, K));
      add_slot (tensors, &SLOT1 ("ds.priors", run->dawid_skene->priors, K));
    }
  if (dataset->feature_mean)
    {
      add_slot (tensors, &SLOT1 ("data.feature_mean", dataset->feature_mean, d));
      add_slot (tensors, &SLOT1 ("data.feature_std", dataset->feature_std, d));
    }
  cs_tensors_set_metadata (tensors, "format", FORMAT_NAME);
  cs_tensors_set_metadata (tensors, "method", cs_method_to_string (run->config.method));
  cs_tensors_set_metadata (tensors, "layout", "linear weights are [out, in] as in PyTorch");
  return tensors;
}

static char *
run_config_json (const CsRun *run)
{
  const CsDataset *dataset = run->dataset;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  cs_json_add_string (builder, "format", FORMAT_NAME);
  cs_json_add_int (builder, "version", FORMAT_VERSION);

  json_builder_set_member_name (builder, "dataset");
  json_builder_begin_object (builder);
  cs_json_add_string (builder, "name", dataset->name);
  cs_json_add_string (builder, "source", dataset->source);
  cs_json_add_string (builder, "fingerprint", run->fingerprint);
  cs_json_add_int (builder, "features", dataset->d);
  cs_json_add_bool (builder, "standardized", dataset->standardized);
  cs_json_add_strv (builder, "classes", dataset->class_names);
  cs_json_add_strv (builder, "annotators", dataset->annotator_ids);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "config");
  cs_train_config_to_json (&run->config, builder);

  cs_json_add_int (builder, "best_epoch", run->best_epoch);
  cs_json_add_bool (builder, "test_used_for_selection", run->test_used_for_selection);
  cs_json_add_number (builder, "seconds_per_epoch", run->seconds_per_epoch);
  cs_json_add_strv (builder, "notices", (char **) run->notices->pdata);
  cs_history_to_json (builder, run->history);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return cs_json_to_string (root, TRUE);
}

static void
append_metric (GString *out,
               double   value)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  /* g_ascii_formatd: the window runs under the user's LC_NUMERIC, which must not turn the
   * file's decimal points into commas. */
  if (isfinite (value))
    g_string_append_printf (out, ",%s", g_ascii_formatd (number, sizeof number, "%.6g", value));
  else
    g_string_append (out, ",");
}

gboolean
cs_metrics_csv_write (GArray      *history,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(GString) out = g_string_new ("epoch,train_loss,train_accuracy,valid_accuracy,"
                                         "test_accuracy,crowd_nll,seconds\n");

  for (guint i = 0; i < history->len; i++)
    {
      const CsEpochMetrics *m = &g_array_index (history, CsEpochMetrics, i);

      g_string_append_printf (out, "%d", m->epoch);
      append_metric (out, m->train_loss);
      append_metric (out, m->train_accuracy);
      append_metric (out, m->valid_accuracy);
      append_metric (out, m->test_accuracy);
      append_metric (out, m->crowd_nll);
      append_metric (out, m->seconds);
      g_string_append_c (out, '\n');
    }
  return cs_file_write_atomic (path, out->str, out->len, error);
}

gboolean
cs_checkpoint_save (const CsRun  *run,
                    const char   *dir,
                    GError      **error)
{
  g_autoptr(CsTensors) tensors = NULL;
  g_autofree char *model_path = g_build_filename (dir, CS_CHECKPOINT_MODEL, NULL);
  g_autofree char *config_path = g_build_filename (dir, CS_CHECKPOINT_CONFIG, NULL);
  g_autofree char *metrics_path = g_build_filename (dir, CS_CHECKPOINT_METRICS, NULL);
  g_autofree char *config = NULL;

  g_return_val_if_fail (run != NULL && run->model != NULL, FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  if (!cs_file_ensure_dir (dir, error))
    return FALSE;
  tensors = run_tensors (run);
  config = run_config_json (run);
  return cs_tensors_save (tensors, model_path, error) &&
         cs_file_write_atomic (config_path, config, strlen (config), error) &&
         cs_metrics_csv_write (run->history, metrics_path, error);
}

/* Loading ---------------------------------------------------------------------------- */

static void
read_history (CsCheckpoint *self,
              JsonObject   *root)
{
  /* check_config_shape() made sure "history" is an array of objects if it is there at all. */
  JsonArray *array = json_object_has_member (root, "history") ?
                     json_object_get_array_member (root, "history") : NULL;

  self->history = g_array_new (FALSE, TRUE, sizeof (CsEpochMetrics));
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      CsEpochMetrics m = {
        .epoch = cs_json_read_int (o, "epoch", (int) i + 1),
        .train_loss = cs_json_read_number (o, "train_loss"),
        .train_cross_entropy = cs_json_read_number (o, "train_cross_entropy"),
        .train_regulariser = cs_json_read_number (o, "train_regulariser"),
        .train_accuracy = cs_json_read_number (o, "train_accuracy"),
        .valid_accuracy = cs_json_read_number (o, "valid_accuracy"),
        .test_accuracy = cs_json_read_number (o, "test_accuracy"),
        .crowd_nll = cs_json_read_number (o, "crowd_nll"),
        .seconds = cs_json_read_number (o, "seconds"),
      };

      /* Checkpoints before it was kept: the selected epoch once it is reached. */
      m.best_epoch = cs_json_read_int (o, "best_epoch", MIN (self->best_epoch, m.epoch));

      g_array_append_val (self->history, m);
    }
}

/* json-glib's getters warn on a wrong type; a checkpoint is user input, so check first. */
static gboolean
check_config_shape (JsonNode    *root,
                    const char  *path,
                    GError     **error)
{
  JsonObject *object, *dataset;

  /* An empty file parses, with no root at all. */
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    goto bad;
  object = json_node_get_object (root);
  if (strcmp (cs_json_read_string (object, "format"), FORMAT_NAME) != 0)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
                   _("%s: expected \"format\": \"%s\", found none"), path, FORMAT_NAME);
      return FALSE;
    }
  if (!json_object_has_member (object, "dataset") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "dataset")) ||
      !json_object_has_member (object, "config") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "config")))
    goto bad;
  dataset = json_object_get_object_member (object, "dataset");
  for (guint i = 0; i < 2; i++)
    {
      const char *key = i == 0 ? "classes" : "annotators";
      JsonNode *node = json_object_get_member (dataset, key);
      JsonArray *array;

      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        goto bad;
      array = json_node_get_array (node);
      for (guint j = 0; j < json_array_get_length (array); j++)
        if (json_node_get_value_type (json_array_get_element (array, j)) != G_TYPE_STRING)
          goto bad;
    }
  if (json_object_has_member (object, "history"))
    {
      JsonNode *node = json_object_get_member (object, "history");

      if (!JSON_NODE_HOLDS_ARRAY (node))
        goto bad;
      for (guint j = 0; j < json_array_get_length (json_node_get_array (node)); j++)
        if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (json_node_get_array (node), j)))
          goto bad;
    }
  return TRUE;

bad:
  g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
               _("%s: expected an object with \"dataset\" (with \"classes\" and \"annotators\") "
               "and \"config\" objects, found something else"), path);
  return FALSE;
}

/*
 * cs_checkpoint_parse_config:
 * @data: (array length=len): the text of a config.json
 * @path: the file's name, for messages
 * @self: a zeroed checkpoint that receives the configuration, dataset description and history
 *
 * Reads what a checkpoint's config.json holds into @self; the model is left alone. On error
 * @self may be partly filled, and cs_checkpoint_free() still releases it.
 *
 * Returns: %TRUE on success, %FALSE with a CS_ERROR_PARSE, _FORMAT or _INVALID error
 */
gboolean
cs_checkpoint_parse_config (const char    *data,
                            gsize          len,
                            const char    *path,
                            CsCheckpoint  *self,
                            GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *dataset;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (len <= G_MAXSSIZE, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (self != NULL, FALSE);

  if (!cs_json_parse (parser, data, len, MAX_CONFIG_DEPTH, path, error))
    return FALSE;
  if (!check_config_shape (json_parser_get_root (parser), path, error))
    return FALSE;
  root = json_node_get_object (json_parser_get_root (parser));
  dataset = json_object_get_object_member (root, "dataset");
  cs_train_config_init (&self->config);
  if (!cs_train_config_from_json (&self->config, json_object_get_object_member (root, "config"), error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  self->dataset_name = g_strdup (cs_json_read_string (dataset, "name"));
  self->dataset_source = g_strdup (cs_json_read_string (dataset, "source"));
  self->fingerprint = g_strdup (cs_json_read_string (dataset, "fingerprint"));
  self->d = cs_json_read_int (dataset, "features", 0);
  self->standardized = cs_json_read_bool (dataset, "standardized");
  self->class_names = cs_json_read_strv (dataset, "classes");
  self->annotator_ids = cs_json_read_strv (dataset, "annotators");
  self->K = (int) g_strv_length (self->class_names);
  self->R = (int) g_strv_length (self->annotator_ids);
  self->best_epoch = cs_json_read_int (root, "best_epoch", 0);
  self->test_used_for_selection = cs_json_read_bool (root, "test_used_for_selection");
  self->seconds_per_epoch = cs_json_read_number (root, "seconds_per_epoch");
  self->notices = cs_json_read_strv (root, "notices");
  read_history (self, root);
  if (self->d < 1 || self->d > 1 << 24 || self->K < 2 || self->K > 4096 || self->R > 1 << 24)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_FORMAT,
                   _("%s: expected at least 1 feature and 2 classes, found %d and %d"),
                   path, self->d, self->K);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_config (CsCheckpoint  *self,
             const char    *path,
             GError       **error)
{
  g_autofree guint8 *data = NULL;
  gsize len;

  return cs_file_read (path, &data, &len, error) &&
         cs_checkpoint_parse_config ((const char *) data, len, path, self, error);
}

/* The tensor named by `slot`, when the file has it with the shape config.json implies. Absent
 * is NULL without an error when `optional`. Nothing is allocated before the shape is known to
 * match, so a config.json cannot make us allocate more than the file holds. */
static const float *
find_tensor (const CsTensors  *tensors,
             const Slot       *slot,
             const char       *path,
             gboolean          optional,
             GError          **error)
{
  int64_t shape[CS_TENSOR_MAX_DIMS];
  CsTensorDtype dtype;
  int ndim;
  const void *data = cs_tensors_get (tensors, slot->name, &dtype, &ndim, shape);

  if (data == NULL)
    {
      if (!optional)
        g_set_error (error, CS_ERROR, CS_ERROR_FORMAT, _("%s: expected a tensor '%s', found none"),
                     path, slot->name);
      return NULL;
    }
  if (dtype != CS_TENSOR_F32 || ndim != slot->ndim || memcmp (shape, slot->shape, sizeof (int64_t) * ndim) != 0)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_SHAPE,
                   _("%s: tensor '%s' does not have the float32 shape its config.json implies"),
                   path, slot->name);
      return NULL;
    }
  return data;
}

static size_t
slot_count (const Slot *slot)
{
  size_t count = 1;

  for (int i = 0; i < slot->ndim; i++)
    count *= (size_t) slot->shape[i];
  return count;
}

/* A copy of an optional tensor; *out stays NULL when the file does not have it. */
static gboolean
read_optional (const CsTensors  *tensors,
               Slot              slot,
               const char       *path,
               float           **out,
               GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  const float *data = find_tensor (tensors, &slot, path, TRUE, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (data != NULL)
    *out = g_memdup2 (data, sizeof (float) * slot_count (&slot));
  return TRUE;
}

static size_t
count_floats (const CsTensors *tensors)
{
  size_t total = 0;

  for (guint i = 0; i < cs_tensors_get_n (tensors); i++)
    {
      int64_t shape[CS_TENSOR_MAX_DIMS];
      int ndim;
      size_t count = 1;

      cs_tensors_get (tensors, cs_tensors_get_name (tensors, i), NULL, &ndim, shape);
      for (int k = 0; k < ndim; k++)
        count *= (size_t) shape[k];
      total += count;
    }
  return total;
}

static gboolean
read_model (CsCheckpoint  *self,
            const char    *path,
            GError       **error)
{
  g_autoptr(CsTensors) tensors = cs_tensors_load (path, error);
  CsModelShape shape;
  Slot slots[MAX_SLOTS];
  size_t needed;
  int n;

  if (tensors == NULL)
    return FALSE;
  cs_model_shape_init (&shape, &self->config, self->d, self->K, self->R);
  needed = cs_model_shape_count_params (&shape);
  if (needed > count_floats (tensors))
    {
      g_set_error (error, CS_ERROR, CS_ERROR_SHAPE,
                   _("%s: config.json describes a model of %zu parameters, but the file holds only %zu "
                   "numbers"), path, needed, count_floats (tensors));
      return FALSE;
    }
  self->model = cs_model_new_for_evaluation (&shape);
  n = model_slots (self->model, slots);
  for (int i = 0; i < n; i++)
    {
      const float *data;

      if (slots[i].data == NULL)
        continue;
      if (!(data = find_tensor (tensors, &slots[i], path, FALSE, error)))
        return FALSE;
      memcpy (slots[i].data, data, sizeof (float) * slot_count (&slots[i]));
    }
  return read_optional (tensors, SLOT1 ("conal.annotator_w", NULL, self->R), path, &self->annotator_w, error) &&
         read_optional (tensors, SLOT3 ("ds.confusions", NULL, self->R, self->K, self->K), path,
                        &self->ds_confusions, error) &&
         read_optional (tensors, SLOT1 ("data.feature_mean", NULL, self->d), path, &self->feature_mean, error) &&
         read_optional (tensors, SLOT1 ("data.feature_std", NULL, self->d), path, &self->feature_std, error);
}

/* `path` is a checkpoint folder, or its model.safetensors or config.json. */
CsCheckpoint *
cs_checkpoint_load (const char  *path,
                    GError     **error)
{
  g_autoptr(CsCheckpoint) self = g_new0 (CsCheckpoint, 1);
  g_autofree char *config_path = NULL;
  g_autofree char *model_path = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self->path = g_file_test (path, G_FILE_TEST_IS_DIR) ? g_strdup (path) : g_path_get_dirname (path);
  config_path = g_build_filename (self->path, CS_CHECKPOINT_CONFIG, NULL);
  model_path = g_build_filename (self->path, CS_CHECKPOINT_MODEL, NULL);
  if (!g_file_test (config_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CS_ERROR, CS_ERROR_IO, /* Translators: the first %s is a folder, the others file names. */
                   _("%s: expected a checkpoint with %s and %s, found no %s"), self->path,
                   CS_CHECKPOINT_CONFIG, CS_CHECKPOINT_MODEL, CS_CHECKPOINT_CONFIG);
      return NULL;
    }
  if (!read_config (self, config_path, error) || !read_model (self, model_path, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
cs_checkpoint_free (CsCheckpoint *self)
{
  g_free (self->path);
  g_free (self->dataset_name);
  g_free (self->dataset_source);
  g_free (self->fingerprint);
  g_strfreev (self->class_names);
  g_strfreev (self->annotator_ids);
  g_free (self->feature_mean);
  g_free (self->feature_std);
  g_clear_pointer (&self->history, g_array_unref);
  g_strfreev (self->notices);
  g_clear_pointer (&self->model, cs_model_free);
  g_free (self->annotator_w);
  g_free (self->ds_confusions);
  g_free (self);
}

void
cs_checkpoint_standardize (const CsCheckpoint *self,
                           float              *x,
                           int                 n)
{
  if (self->feature_mean == NULL)
    return;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < self->d; j++)
      {
        float sd = self->feature_std[j] > 0 ? self->feature_std[j] : 1.0f;

        x[(size_t) i * self->d + j] = (x[(size_t) i * self->d + j] - self->feature_mean[j]) / sd;
      }
}

/* "CoNAL, seed 1, epoch 87 of 100": the run a figure or a table comes from. */
char *
cs_checkpoint_describe_run (const CsCheckpoint *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_strdup_printf (_("%s, seed %" PRIu64 ", epoch %d of %d"),
                          cs_method_get_title (self->config.method), (guint64) self->config.seed,
                          self->best_epoch, self->config.epochs);
}
