/* cs-cli-train-options.c — the training options `train` and `experiment` share
 *
 * A preset sets every hyper-parameter first; options given on the command line then
 * override it, whatever their order.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "cs-cli.h"
#include "cs-error.h"

/* The method when --method is not given. */
#define DEFAULT_METHOD CS_METHOD_CONAL

static char *method;
static char *preset;
static char *selection;
static int epochs = -1;
static int batch_size = -1;
static double lr = NAN;
static double lambda = NAN;
static double dropout = NAN;
static int embedding = -1;
static int hidden = -1;
static gint64 seed = -1;
static int threads = -1;
static int valid_from_test = -1;
static gboolean soft;
static gboolean keep_adam;
static gboolean reset_adam;
static char *batchnorm;
static char *normalize_item;
static int warm_start = -1;
static char *noise_init;
static double trace = NAN;

static GOptionEntry train_entries[] = {
  { "method", 'm', 0, G_OPTION_ARG_STRING, &method,
    NULL /* the core's methods: describe_entries */, "METHOD" },
  { "preset", 'p', 0, G_OPTION_ARG_STRING, &preset,
    N_("default (settings chosen on validation data: the defaults below, where “on Music” means a "
    "dataset named like Music), official (the official CoNAL code's settings), tuned-labelme, "
    "tuned-music, official-labelme, official-music"), "NAME" },
  { "epochs", 'e', 0, G_OPTION_ARG_INT, &epochs, N_("Passes over the training items"), "N" },
  { "batch-size", 'b', 0, G_OPTION_ARG_INT, &batch_size, N_("Items per mini-batch"), "N" },
  { "lr", 0, 0, G_OPTION_ARG_DOUBLE, &lr, N_("Adam's learning rate"), "RATE" },
  { "lambda", 0, 0, G_OPTION_ARG_DOUBLE, &lambda,
    N_("CoNAL: loss −= LAMBDA · Σ‖W_r − W_g‖"), "LAMBDA" },
  { "embedding", 0, 0, G_OPTION_ARG_INT, &embedding,
    N_("CoNAL: size of the item and annotator embeddings"), "E" },
  { "hidden", 0, 0, G_OPTION_ARG_INT, &hidden, N_("Hidden units of the classifier"), "H" },
  { "dropout", 0, 0, G_OPTION_ARG_DOUBLE, &dropout, N_("Dropout probability"), "P" },
  { "batchnorm", 0, 0, G_OPTION_ARG_STRING, &batchnorm,
    N_("BatchNorm layers of the classifier: none, input, hidden or both"), "WHICH" },
  { "normalize-item", 0, 0, G_OPTION_ARG_STRING, &normalize_item,
    N_("CoNAL: L2-normalise the item embedding, yes or no"), "YES|NO" },
  { "warm-start", 0, 0, G_OPTION_ARG_INT, &warm_start,
    N_("CoNAL, crowdlayer: train the classifier alone on Dawid–Skene's posteriors for the first "
    "N epochs"), "N" },
  { "noise-init", 0, 0, G_OPTION_ARG_STRING, &noise_init,
    N_("CoNAL, crowdlayer: noise matrices start at identity, confusion_init · I, or at ds, the "
    "log of Dawid–Skene's confusions"), "identity|ds" },
  { "trace", 0, 0, G_OPTION_ARG_DOUBLE, &trace,
    N_("CoNAL, crowdlayer: loss += MU · the mean trace of the noise matrices' confusions, after "
    "Tanno et al., 2019"), "MU" },
  { "soft", 0, 0, G_OPTION_ARG_NONE, &soft,
    N_("ds, mv: train on soft targets (posteriors, vote shares)"), NULL },
  { "keep-adam", 0, 0, G_OPTION_ARG_NONE, &keep_adam,
    N_("Keep Adam's state across epochs instead of re-creating it each epoch"), NULL },
  { "reset-adam", 0, 0, G_OPTION_ARG_NONE, &reset_adam,
    N_("Re-create Adam each epoch, as the official code does"), NULL },
  { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, N_("Random seed"), "SEED" },
  { "threads", 't', 0, G_OPTION_ARG_INT, &threads, N_("Threads a training step runs on (default: as many as OpenBLAS would use)"), "N" },
  { "select", 0, 0, G_OPTION_ARG_STRING, &selection,
    N_("Model selection: valid (best validation accuracy, default), last, or crowd-nll "
    "(lowest NLL of held-out crowd labels; needs no gold)"), "HOW" },
  { "valid-from-test", 0, 0, G_OPTION_ARG_INT, &valid_from_test,
    N_("Without a validation split, take a fixed stratified one of N items from test"), "N" },
  { NULL }
};

/* The settings whose defaults the options' help names, read from the core's default preset so
 * that the help cannot drift from it. */
typedef enum
{
  SETTING_EPOCHS,
  SETTING_BATCH_SIZE,
  SETTING_LR,
  SETTING_LAMBDA,
  SETTING_EMBEDDING,
  SETTING_HIDDEN,
  SETTING_DROPOUT,
  SETTING_BATCHNORM,
  SETTING_NORMALIZE_ITEM,
  SETTING_WARM_START,
  SETTING_NOISE_INIT,
  SETTING_TRACE,
  SETTING_ADAM,
  SETTING_SEED,
} Setting;

static const struct
{
  const char *option;
  Setting     setting;
} described[] = {
  { "epochs", SETTING_EPOCHS }, { "batch-size", SETTING_BATCH_SIZE }, { "lr", SETTING_LR },
  { "lambda", SETTING_LAMBDA }, { "embedding", SETTING_EMBEDDING }, { "hidden", SETTING_HIDDEN },
  { "dropout", SETTING_DROPOUT }, { "batchnorm", SETTING_BATCHNORM },
  { "normalize-item", SETTING_NORMALIZE_ITEM }, { "warm-start", SETTING_WARM_START },
  { "noise-init", SETTING_NOISE_INIT }, { "trace", SETTING_TRACE },
  { "keep-adam", SETTING_ADAM }, { "reset-adam", SETTING_ADAM }, { "seed", SETTING_SEED },
};

/* "0.01", and "1e-4" rather than "0.0001" or "1e-05" for the small ones, as papers write λ. */
static char *
format_number (double value)
{
  int exponent;

  if (value == 0 || fabs (value) >= 1e-3)
    return g_strdup_printf ("%g", value);
  /* A float's 1e-4 is 9.99999975e-05: the tolerance keeps its exponent at −4. */
  exponent = (int) floor (log10 (fabs (value)) + 1e-6);
  return g_strdup_printf ("%.3ge%d", value / pow (10, exponent), exponent);
}

static char *
format_setting (const CsTrainConfig *c,
                Setting              setting)
{
  static const char *layers[] = { "none", "input", "hidden", "both" };

  switch (setting)
    {
    case SETTING_EPOCHS: return g_strdup_printf ("%d", c->epochs);
    case SETTING_BATCH_SIZE: return g_strdup_printf ("%d", c->batch_size);
    case SETTING_LR: return format_number (c->lr);
    case SETTING_LAMBDA: return format_number (c->lambda);
    case SETTING_EMBEDDING: return g_strdup_printf ("%d", c->embedding);
    case SETTING_HIDDEN: return g_strdup_printf ("%d", c->hidden);
    case SETTING_DROPOUT: return format_number (c->dropout);
    case SETTING_BATCHNORM: return g_strdup (layers[c->input_batchnorm + 2 * c->hidden_batchnorm]);
    case SETTING_NORMALIZE_ITEM: return g_strdup (c->normalize_item ? "yes" : "no");
    case SETTING_WARM_START: return g_strdup_printf ("%d", c->warm_start);
    case SETTING_NOISE_INIT: return g_strdup (c->noise_from_ds ? "ds" : "identity");
    case SETTING_TRACE: return format_number (c->trace);
    case SETTING_ADAM:
      return g_strdup (c->adam_reset_each_epoch ? _("re-created each epoch")
                                                : _("kept across epochs"));
    case SETTING_SEED: return g_strdup_printf ("%" G_GUINT64_FORMAT, c->seed);
    default: g_assert_not_reached ();
    }
}

/* "1e-4, or 1e-5 on Music": the default preset's value for method, which for some settings
 * depends on whether the dataset is named like Music. */
static char *
preset_default (Setting  setting,
                CsMethod m)
{
  CsTrainConfig labelme, music;
  g_autofree char *on_labelme = NULL;
  g_autofree char *on_music = NULL;

  cs_train_config_init_for (&labelme, m, CS_PRESET_DEFAULT, "LabelMe", NULL);
  cs_train_config_init_for (&music, m, CS_PRESET_DEFAULT, "Music", NULL);
  on_labelme = format_setting (&labelme, setting);
  on_music = format_setting (&music, setting);
  if (strcmp (on_labelme, on_music) == 0)
    return g_steal_pointer (&on_labelme);
  return g_strdup_printf (_("%s, or %s on Music"), on_labelme, on_music);
}

/* --noise-init's default differs between the methods it applies to. */
static char *
setting_default (Setting setting)
{
  g_autofree char *conal = preset_default (setting, CS_METHOD_CONAL);
  g_autofree char *crowd_layer = NULL;

  if (setting != SETTING_NOISE_INIT)
    return g_steal_pointer (&conal);
  crowd_layer = preset_default (setting, CS_METHOD_CROWD_LAYER);
  if (strcmp (conal, crowd_layer) == 0)
    return g_steal_pointer (&conal);
  return g_strdup_printf (_("%s for %s, %s for %s"), conal, cs_method_to_string (CS_METHOD_CONAL),
                          crowd_layer, cs_method_to_string (CS_METHOD_CROWD_LAYER));
}

/* Adds each option's default to its help, once; the strings last as long as the process. */
static void
describe_entries (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;
  for (GOptionEntry *entry = train_entries; entry->long_name != NULL; entry++)
    {
      if (strcmp (entry->long_name, "method") == 0)
        {
          g_autofree char *names = cs_cli_method_names ();

          entry->description = g_strdup_printf (_("%s (default %s)"), names,
                                                cs_method_to_string (DEFAULT_METHOD));
        }
      for (guint i = 0; i < G_N_ELEMENTS (described); i++)
        if (strcmp (entry->long_name, described[i].option) == 0)
          {
            g_autofree char *value = setting_default (described[i].setting);

            entry->description = g_strdup_printf (_("%s (default: %s)"), _(entry->description),
                                                  value);
          }
    }
}

GOptionEntry *
cs_cli_train_option_entries (void)
{
  describe_entries ();
  return train_entries;
}

static gboolean
parse_yes_no (const char  *value,
              bool        *out)
{
  if (g_strcmp0 (value, "yes") == 0 || g_strcmp0 (value, "true") == 0)
    *out = true;
  else if (g_strcmp0 (value, "no") == 0 || g_strcmp0 (value, "false") == 0)
    *out = false;
  else
    return FALSE;
  return TRUE;
}

/* --batchnorm's value as bit 0 (input) and bit 1 (hidden), or -1. */
static int
batchnorm_layers (const char *value)
{
  static const char *names[] = { "none", "input", "hidden", "both" };

  for (int i = 0; i < 4; i++)
    if (g_strcmp0 (value, names[i]) == 0)
      return i;
  return -1;
}

static char *
unknown_value (const char *option,
               const char *value,
               const char *expected)
{
  return g_strdup_printf (_("--%s: unknown value '%s': expected %s"), option, value, expected);
}

/* Every string option is checked here, before a dataset is loaded, so that a mistyped value is
 * a usage error naming the values it could have been. */
char *
cs_cli_check_train_options (void)
{
  g_autoptr(GError) error = NULL;
  CsTrainConfig scratch;
  CsMethod m;
  CsSelection s;
  bool b;

  if (method && !cs_method_from_string (method, &m))
    {
      g_autofree char *names = cs_cli_method_names ();

      return unknown_value ("method", method, names);
    }
  if (preset && !cs_train_config_init_for (&scratch, CS_METHOD_CONAL, preset, NULL, &error))
    return g_strdup_printf (_("--preset: %s"), error->message);
  if (selection && !cs_selection_from_string (selection, &s))
    return unknown_value ("select", selection, "valid, last or crowd-nll");
  if (batchnorm && batchnorm_layers (batchnorm) < 0)
    return unknown_value ("batchnorm", batchnorm, "none, input, hidden or both");
  if (normalize_item && !parse_yes_no (normalize_item, &b))
    return unknown_value ("normalize-item", normalize_item, "yes or no");
  if (noise_init && g_strcmp0 (noise_init, "identity") != 0 && g_strcmp0 (noise_init, "ds") != 0)
    return unknown_value ("noise-init", noise_init, "identity or ds");
  return NULL;
}

/* The method, then the preset for the dataset, then every option given. */
gboolean
cs_cli_train_config (CsTrainConfig  *config,
                     const char     *dataset_name,
                     GError        **error)
{
  g_autofree char *problem = cs_cli_check_train_options ();
  CsMethod m = DEFAULT_METHOD;

  if (problem != NULL)
    {
      g_set_error_literal (error, CS_ERROR, CS_ERROR_INVALID, problem);
      return FALSE;
    }
  if (method)
    cs_method_from_string (method, &m);
  if (!cs_train_config_init_for (config, m, preset ? preset : CS_PRESET_DEFAULT, dataset_name, error))
    return FALSE;
  if (selection)
    cs_selection_from_string (selection, &config->selection);
  if (batchnorm)
    {
      config->input_batchnorm = (batchnorm_layers (batchnorm) & 1) != 0;
      config->hidden_batchnorm = (batchnorm_layers (batchnorm) & 2) != 0;
    }
  if (normalize_item)
    parse_yes_no (normalize_item, &config->normalize_item);
  if (noise_init) config->noise_from_ds = g_strcmp0 (noise_init, "ds") == 0;
  if (warm_start >= 0) config->warm_start = warm_start;
  if (!isnan (trace)) config->trace = (float) trace;
  if (epochs >= 0) config->epochs = epochs;
  if (batch_size >= 0) config->batch_size = batch_size;
  if (!isnan (lr)) config->lr = (float) lr;
  if (!isnan (lambda)) config->lambda = (float) lambda;
  if (!isnan (dropout)) config->dropout = (float) dropout;
  if (embedding >= 0) config->embedding = embedding;
  if (hidden >= 0) config->hidden = hidden;
  if (seed >= 0) config->seed = (uint64_t) seed;
  if (threads >= 0) config->threads = threads;
  if (valid_from_test >= 0) config->valid_from_test = valid_from_test;
  if (soft) config->soft_targets = true;
  if (keep_adam) config->adam_reset_each_epoch = false;
  if (reset_adam) config->adam_reset_each_epoch = true;
  return cs_train_config_validate (config, error);
}

/* For `experiment`: the same options with another method. */
gboolean
cs_cli_train_config_for (CsTrainConfig  *config,
                         CsMethod        m,
                         const char     *dataset_name,
                         GError        **error)
{
  g_autofree char *saved = g_steal_pointer (&method);
  gboolean ok;

  method = g_strdup (cs_method_to_string (m));
  ok = cs_cli_train_config (config, dataset_name, error);
  g_free (method);
  method = g_steal_pointer (&saved);
  return ok;
}
