/* cs-cli-runs.c — `crowdscope-cli runs [--json]`, `runs show ID`, `runs rename ID NAME`,
 * `runs delete ID`, `runs curves ID ID… --out FILE`: the runs `train --keep` and
 * `experiment --keep` kept
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cs-cli.h"
#include "cs-json.h"

CsRunStore *
cs_cli_open_store (void)
{
  g_autofree char *path = cs_run_store_default_path ();

  return cs_run_store_new (path);
}

/* "2026-03-14 16:30" in local time, or the text as stored when it does not parse. */
char *
cs_cli_format_date (const char *iso8601)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (iso8601, NULL);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (iso8601);
}

/* "87.12 %" (a space before the sign, as the window writes it), or "—" where the accuracy was not measured. */
char *
cs_cli_format_percent (double fraction)
{
  return isfinite (fraction) ? g_strdup_printf ("%.2f %%", 100 * fraction) : g_strdup ("—");
}

static void
print_warnings (GPtrArray *warnings)
{
  for (guint i = 0; i < warnings->len; i++)
    fprintf (stderr, _("crowdscope-cli: warning: %s\n"),
             ((GError *) g_ptr_array_index (warnings, i))->message);
}

static int
dataset_width (GPtrArray *runs)
{
  int width = (int) strlen ("DATASET");

  for (guint i = 0; i < runs->len; i++)
    width = MAX (width, (int) strlen (((const CsRunInfo *) g_ptr_array_index (runs, i))->dataset_name));
  return width;
}

static void
print_table (CsRunStore *store,
             GPtrArray  *runs)
{
  int width = dataset_width (runs);

  if (runs->len == 0)
    {
      printf (_("No runs kept in %s (train and experiment keep them with --keep).\n"),
              cs_run_store_get_path (store));
      return;
    }
  printf ("%-20s  %-16s  %-10s  %-*s  %8s  %s\n", "ID", "KEPT", "METHOD", width, "DATASET",
          "TEST", "NAME");
  for (guint i = 0; i < runs->len; i++)
    {
      const CsRunInfo *info = g_ptr_array_index (runs, i);
      g_autofree char *date = cs_cli_format_date (info->created);
      g_autofree char *test = cs_cli_format_percent (info->test_accuracy);

      printf ("%-20s  %-16s  %-10s  %-*s  %8s  %s%s\n", info->id, date,
              cs_method_to_string (info->method), width, info->dataset_name, test, info->name,
              info->state == CS_RUN_STATE_INCOMPLETE ? " (incomplete)" : "");
    }
}

static JsonNode *
list_json (CsRunStore *store,
           GPtrArray  *runs,
           GPtrArray  *warnings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  cs_json_add_string (builder, "store", cs_run_store_get_path (store));
  json_builder_set_member_name (builder, "runs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < runs->len; i++)
    {
      json_builder_begin_object (builder);
      cs_run_info_add_members (g_ptr_array_index (runs, i), builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < warnings->len; i++)
    json_builder_add_string_value (builder, ((GError *) g_ptr_array_index (warnings, i))->message);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Entries left out are warned about on stderr, and listed in the JSON. */
static int
list_runs (CsRunStore *store,
           gboolean    json)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GPtrArray) runs = NULL;
  GError *error = NULL;

  if (!(runs = cs_run_store_list (store, warnings, &error)))
    return cs_cli_fail (error);
  print_warnings (warnings);
  if (json)
    {
      g_autoptr(JsonNode) node = list_json (store, runs, warnings);

      cs_cli_print_json (node);
    }
  else
    print_table (store, runs);
  return 0;
}

/* What `runs` was asked beside listing. */
typedef struct
{
  gboolean  json;
  char     *out;          /* runs curves */
  char     *curve;
} RunsOptions;

static int
run_action (GOptionContext     *context,
            CsRunStore         *store,
            int                 argc,
            char              **argv,
            const RunsOptions  *o)
{
  GError *error = NULL;
  gboolean ok;

  if (argc == 1)
    return list_runs (store, o->json);
  if (strcmp (argv[1], "show") == 0 && argc == 3)
    return cs_cli_runs_show (store, argv[2], o->json);
  if (strcmp (argv[1], "curves") == 0 && argc >= 3)
    return cs_cli_runs_curves (context, store, argv + 2, argc - 2, o->out, o->curve);
  if (strcmp (argv[1], "rename") == 0 && argc == 4)
    ok = cs_run_store_rename (store, argv[2], argv[3], &error);
  else if (strcmp (argv[1], "delete") == 0 && argc == 3)
    ok = cs_run_store_delete (store, argv[2], &error);
  else
    return cs_cli_usage (context, _("expected nothing, show ID, rename ID NAME, delete ID or "
                                  "curves ID ID… --out FILE"));
  return ok ? 0 : cs_cli_fail (error);
}

int
cs_cli_runs (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (N_("[show ID | rename ID NAME | delete ID | curves ID ID… --out FILE] — "
                          "the runs kept by --keep"));
  g_autoptr(CsRunStore) store = cs_cli_open_store ();
  g_autofree char *description = NULL;
  RunsOptions o = { FALSE, NULL, NULL };
  int status;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json, N_("Print one JSON object for scripts"), NULL },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &o.out,
      N_("curves: the figure to write, a .png, .svg or .pdf file"), "FILE" },
    { "curve", 0, 0, G_OPTION_ARG_STRING, &o.curve,
      N_("curves: test, valid, train (accuracies) or train-loss (default test)"), "CURVE" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  description = g_strdup_printf (
    /* Translators: %s is an environment variable. */
    _("The runs are kept in $%s if it is set, else in crowdscope/runs in the "
    "user's data folder ($XDG_DATA_HOME, ~/.local/share). Deleting a run cannot be undone. "
    "“curves” overlays the kept runs' curves in one figure, each labelled with its name."), CS_RUN_STORE_ENV);
  g_option_context_set_description (context, description);
  if (!cs_cli_parse (context, &argc, &argv))
    return CS_CLI_EXIT_USAGE;
  status = run_action (context, store, argc, argv, &o);
  g_free (o.out);
  g_free (o.curve);
  return status;
}
