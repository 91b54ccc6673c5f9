/* cs-cli-import.c — `crowdscope-cli import CROWD --features train=FILE …`: checks a user's
 * own files as the window's import assistant does, prints the summary and writes a manifest
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>
#include <string.h>

#include "cs-cli.h"
#include "cs-import.h"

static const char *step_names[] = {
  N_("crowd labels"), N_("features"), N_("gold"), N_("splits"), N_("summary")
};

/* The options given per split, as SPLIT=VALUE. */
typedef struct
{
  char **features;
  char **feature_columns;
  char **ids;
  char **id_column;
  char **ids_from;
  char **images;
  char **image_column;
  char **gold_table;
  char **gold_list;
  char **gold_column;
} SplitOptions;

static void
split_options_clear (SplitOptions *o)
{
  g_strfreev (o->features);
  g_strfreev (o->feature_columns);
  g_strfreev (o->ids);
  g_strfreev (o->id_column);
  g_strfreev (o->ids_from);
  g_strfreev (o->images);
  g_strfreev (o->image_column);
  g_strfreev (o->gold_table);
  g_strfreev (o->gold_list);
  g_strfreev (o->gold_column);
}

/* Applies each SPLIT=VALUE of values with apply; FALSE with error for a bad one. */
static gboolean
each_split_value (char             **values,
                  const char        *option,
                  CsImportPlan      *plan,
                  void             (*apply) (CsImportSplit *split, const char *value),
                  GError           **error)
{
  for (int i = 0; values && values[i]; i++)
    {
      g_auto(GStrv) parts = g_strsplit (values[i], "=", 2);
      CsSplitKind kind;

      if (parts[1] == NULL || !cs_split_kind_from_string (parts[0], &kind))
        {
          g_set_error (error, CS_ERROR, CS_ERROR_INVALID,
                       _("--%s: expected SPLIT=VALUE with SPLIT train, valid or test, found '%s'"),
                       option, values[i]);
          return FALSE;
        }
      apply (&plan->splits[kind], parts[1]);
    }
  return TRUE;
}

static void
apply_features (CsImportSplit *split,
                const char    *value)
{
  g_autofree char *lower = g_ascii_strdown (value, -1);

  cs_import_plan_set (&split->features_path, value);
  split->features_kind = g_str_has_suffix (lower, ".npy") ? CS_FEATURES_NPY : CS_FEATURES_CSV;
}

static void
apply_feature_columns (CsImportSplit *split,
                       const char    *value)
{
  g_strfreev (split->feature_columns);
  split->feature_columns = g_strsplit (value, ";", -1);
}

static void
apply_ids (CsImportSplit *split,
           const char    *value)
{
  cs_import_plan_set (&split->ids_path, value);
  split->id_source = CS_IDS_FILE;
}

static void
apply_id_column (CsImportSplit *split,
                 const char    *value)
{
  cs_import_plan_set (&split->id_column, value);
  split->id_source = CS_IDS_COLUMN;
}

/* A folder of images: with --features a table naming them (--image-column), without one the
 * images alone, named by their files. */
static void
apply_images (CsImportSplit *split,
              const char    *value)
{
  cs_import_plan_set (&split->images_folder, value);
  split->features_kind = CS_FEATURES_IMAGES;
  cs_import_split_settle_ids (split);
}

static void
apply_image_column (CsImportSplit *split,
                    const char    *value)
{
  cs_import_plan_set (&split->image_column, value);
}

/* gold or crowd, as check_ids_from() let through. */
static void
apply_ids_from (CsImportSplit *split,
                const char    *value)
{
  split->id_source = strcmp (value, "gold") == 0 ? CS_IDS_GOLD_ORDER : CS_IDS_CROWD_ORDER;
}

static gboolean
check_ids_from (char   **values,
                GError **error)
{
  for (int i = 0; values && values[i]; i++)
    {
      const char *value = strchr (values[i], '=');

      if (value == NULL || (strcmp (value + 1, "gold") != 0 && strcmp (value + 1, "crowd") != 0))
        {
          g_set_error (error, CS_ERROR, CS_ERROR_INVALID,
                       _("--ids-from: expected SPLIT=gold or SPLIT=crowd, found '%s'"), values[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static void
apply_gold_table (CsImportSplit *split,
                  const char    *value)
{
  cs_import_plan_set (&split->gold_path, value);
  split->gold_source = CS_GOLD_TABLE;
}

static void
apply_gold_list (CsImportSplit *split,
                 const char    *value)
{
  cs_import_plan_set (&split->gold_path, value);
  split->gold_source = CS_GOLD_LIST;
}

static void
apply_gold_column (CsImportSplit *split,
                   const char    *value)
{
  cs_import_plan_set (&split->gold_column, value);
  split->gold_source = CS_GOLD_COLUMN;
}

static gboolean
apply_split_options (const SplitOptions  *o,
                     CsImportPlan        *plan,
                     GError             **error)
{
  return each_split_value (o->features, "features", plan, apply_features, error) &&
         each_split_value (o->feature_columns, "feature-columns", plan, apply_feature_columns,
                           error) &&
         each_split_value (o->ids, "ids", plan, apply_ids, error) &&
         each_split_value (o->id_column, "id-column", plan, apply_id_column, error) &&
         check_ids_from (o->ids_from, error) &&
         each_split_value (o->ids_from, "ids-from", plan, apply_ids_from, error) &&
         each_split_value (o->images, "images", plan, apply_images, error) &&
         each_split_value (o->image_column, "image-column", plan, apply_image_column, error) &&
         each_split_value (o->gold_table, "gold-table", plan, apply_gold_table, error) &&
         each_split_value (o->gold_list, "gold-list", plan, apply_gold_list, error) &&
         each_split_value (o->gold_column, "gold-column", plan, apply_gold_column, error);
}

static gboolean
apply_columns (CsImportPlan  *plan,
               const char    *columns,
               GError       **error)
{
  g_auto(GStrv) names = g_strsplit (columns, ",", -1);

  if (g_strv_length (names) != 3)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID,
                   _("--columns: expected ITEM,ANNOTATOR,LABEL, found '%s'"), columns);
      return FALSE;
    }
  cs_import_plan_set (&plan->item_column, names[0]);
  cs_import_plan_set (&plan->annotator_column, names[1]);
  cs_import_plan_set (&plan->label_column, names[2]);
  return TRUE;
}

static gboolean
apply_carve (CsImportPlan  *plan,
             const char    *carve,
             GError       **error)
{
  if (sscanf (carve, "%d,%d", &plan->carve_valid, &plan->carve_test) != 2)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID, _("--carve: expected VALID,TEST, found '%s'"),
                   carve);
      return FALSE;
    }
  plan->carve = TRUE;
  return TRUE;
}

/* Every problem of every step, on stderr; TRUE when there is none. */
static gboolean
print_problems (const CsImportPlan *plan)
{
  gboolean ok = TRUE;

  for (int step = 0; step < CS_IMPORT_N_STEPS && ok; step++)
    {
      g_autoptr(GPtrArray) problems = cs_import_plan_check (plan, step);

      for (guint i = 0; i < problems->len; i++)
        fprintf (stderr, _("crowdscope-cli: error: %s: %s\n"), _(step_names[step]),
                 ((CsImportProblem *) g_ptr_array_index (problems, i))->message);
      ok = problems->len == 0;
    }
  return ok;
}

static void
print_summary (const CsImportSummary *summary)
{
  g_autofree char *classes = g_strjoinv (", ", summary->class_names);

  printf ("%s\n\n%-32s", summary->name, _("Items"));
  for (int s = 0; s < CS_N_SPLITS; s++)
    if (summary->n_items[s] > 0)
      printf (_(" %s %d (%d with gold)"), cs_split_kind_to_string (s), summary->n_items[s],
              summary->n_gold[s]);
  printf ("\n%-32s %d\n", _("Features"), summary->d);
  printf ("%-32s %d%s: %s\n", _("Classes"), summary->n_classes,
          summary->classes_found ? _(" found in the labels") : "", classes);
  printf ("%-32s %d\n", _("Annotators"), summary->n_annotators);
  printf ("%-32s %d\n", _("Crowd labels"), summary->n_labels_total);
  printf ("%-32s %d\n", _("Items without labels"), summary->n_items_without_labels);
  printf (_("%-32s %d (their %d labels are skipped)\n"), _("Labelled items without features"),
          summary->n_items_without_features, summary->n_labels_for_unknown_items);
  for (int i = 0; summary->notices[i] != NULL; i++)
    printf ("%s%s\n", i == 0 ? "\n" : "", summary->notices[i]);
}

int
cs_cli_import (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (N_("CROWD — check files and write a "
                                                            "manifest for them"));
  g_autoptr(CsImportPlan) plan = cs_import_plan_new ();
  g_autoptr(CsImportSummary) summary = NULL;
  g_autofree char *columns = NULL, *carve = NULL, *classes = NULL, *name = NULL, *folder = NULL;
  g_autofree char *written = NULL;
  SplitOptions o = { 0 };
  gboolean matrix = FALSE, dry_run = FALSE;
  gint64 seed = 0;
  GError *error = NULL;
  int status;
  GOptionEntry entries[] = {
    { "matrix", 0, 0, G_OPTION_ARG_NONE, &matrix, N_("CROWD is a dense answer matrix of the train items"), NULL },
    { "columns", 0, 0, G_OPTION_ARG_STRING, &columns, N_("CROWD's item, annotator and label columns"), "I,A,L" },
    { "features", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.features, N_("A split's features (.npy or .csv)"), "SPLIT=FILE" },
    { "feature-columns", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.feature_columns, N_("A .csv's feature columns or patterns"), "SPLIT=A;B*" },
    { "ids", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.ids, N_("A split's item ids, one a line"), "SPLIT=FILE" },
    { "id-column", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.id_column, N_("A features .csv's id column"), "SPLIT=NAME" },
    { "ids-from", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.ids_from, N_("A .npy's ids from the gold table's rows or the crowd table's items, in order"), "SPLIT=gold|crowd" },
    { "images", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.images, N_("A split's images folder; without --features, the images alone, described by the built-in descriptor"), "SPLIT=DIR" },
    { "image-column", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.image_column, N_("A features .csv's column naming the images"), "SPLIT=NAME" },
    { "gold-table", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.gold_table, N_("A .csv of ids and gold labels"), "SPLIT=FILE" },
    { "gold-list", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.gold_list, N_("Gold labels, one a line"), "SPLIT=FILE" },
    { "gold-column", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.gold_column, N_("A features .csv's gold column"), "SPLIT=NAME" },
    { "carve", 0, 0, G_OPTION_ARG_STRING, &carve, N_("Take valid and test out of train"), "VALID,TEST" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("Seed of --carve (default 0)"), "SEED" },
    { "classes", 0, 0, G_OPTION_ARG_STRING, &classes, N_("Class names (default: found in the labels)"), "A;B;C" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The dataset's name"), "NAME" },
    { "folder", 0, 0, G_OPTION_ARG_FILENAME, &folder, N_("Where crowdscope.ini goes (default: CROWD's)"), "DIR" },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Check and summarise; write nothing"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    N_("Writes crowdscope.ini beside CROWD, or where that folder cannot be written, under the\n"
    "user's data folder; prints where. Every problem is printed with its file, line and column."));
  if (!cs_cli_parse (context, &argc, &argv))
    status = CS_CLI_EXIT_USAGE;
  else if (argc != 2)
    status = cs_cli_usage (context, _("expected one CROWD file"));
  else
    {
      cs_import_plan_set (&plan->crowd_path, argv[1]);
      plan->crowd_format = matrix ? CS_CROWD_ANSWER_MATRIX : CS_CROWD_LONG_TABLE;
      plan->carve_seed = (guint64) seed;
      cs_import_plan_set (&plan->name, name);
      cs_import_plan_set (&plan->folder, folder);
      if (classes != NULL)
        plan->classes = g_strsplit (classes, ";", -1);
      /* A bad option value is a usage error, as everywhere in the CLI. */
      if (!apply_split_options (&o, plan, &error) ||
          (columns && !apply_columns (plan, columns, &error)) ||
          (carve && !apply_carve (plan, carve, &error)))
        {
          status = cs_cli_usage (context, error->message);
          g_clear_error (&error);
        }
      else if (!print_problems (plan))
        status = CS_CLI_EXIT_FAILURE;
      else if (!(summary = cs_import_summary_new (plan, &error)))
        status = cs_cli_fail (error);
      else
        {
          print_summary (summary);
          status = 0;
          if (!dry_run && !(written = cs_import_plan_write (plan, NULL, &error)))
            status = cs_cli_fail (error);
          else if (written != NULL)
            printf ("\nWrote %s\n", written);
        }
    }
  split_options_clear (&o);
  return status;
}
