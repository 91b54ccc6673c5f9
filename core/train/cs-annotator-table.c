/* cs-annotator-table.c — the annotators' report as JSON and CSV, for scripts
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-annotator-table.h"

#include <math.h>

#include "cs-confusion-measures.h"
#include "cs-csv.h"
#include "cs-json.h"

/* K rows of K numbers: the floats of m, each the shortest text that reads back as the float
 * (NaN as null), or the counts. */
static void
add_rows (JsonBuilder *builder,
          const float *m,
          const int   *counts,
          int          K)
{
  json_builder_begin_array (builder);
  for (int i = 0; i < K; i++)
    {
      json_builder_begin_array (builder);
      for (int j = 0; j < K; j++)
        if (m != NULL)
          json_builder_add_double_value (builder, cs_float_for_json (m[i * K + j]));
        else
          json_builder_add_int_value (builder, counts[i * K + j]);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
}

static void
add_matrix (JsonBuilder *builder,
            const char  *key,
            const float *m,
            int          K)
{
  json_builder_set_member_name (builder, key);
  if (m == NULL)
    json_builder_add_null_value (builder);
  else
    add_rows (builder, m, NULL, K);
}

/* The annotator's counts, or null when it has no label with a reference class. */
static void
add_counts (JsonBuilder                 *builder,
            const CsEmpiricalConfusions *empirical,
            int                          r)
{
  int K = empirical->K, total = 0;

  for (int i = 0; i < K; i++)
    total += empirical->row_labels[r * K + i];
  json_builder_set_member_name (builder, "empirical");
  if (total == 0)
    json_builder_add_null_value (builder);
  else
    add_rows (builder, NULL, empirical->counts + (size_t) r * K * K, K);
}

static void
add_annotator (JsonBuilder             *builder,
               const CsAnnotatorReport *self,
               int                      r)
{
  size_t KK = (size_t) self->K * self->K;

  json_builder_begin_object (builder);
  cs_json_add_string (builder, "id", self->annotator_ids[r]);
  cs_json_add_int (builder, "labels", self->labels[r]);
  cs_json_add_number (builder, "accuracy", self->accuracy[r]);
  cs_json_add_number (builder, "agreement_mv", self->agreement_mv[r]);
  cs_json_add_number (builder, "mean_w", self->mean_w ? cs_float_for_json (self->mean_w[r]) : NAN);
  cs_json_add_number (builder, "spammer_score", self->spammer_score[r]);
  add_matrix (builder, "effective", self->effective + r * KK, self->K);
  add_counts (builder, self->empirical, r);
  json_builder_set_member_name (builder, "distance");
  json_builder_begin_object (builder);
  cs_json_add_number (builder, "total_variation", self->distance_tv[r]);
  cs_json_add_number (builder, "jensen_shannon", self->distance_js[r]);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

/* The common matrix's largest off-diagonal cells, by class name. */
static void
add_common_confusions (JsonBuilder             *builder,
                       const CsAnnotatorReport *self)
{
  CsConfusionCell cells[CS_ANNOTATOR_TABLE_TOP_CONFUSIONS];
  int n = self->common ? cs_confusion_top_off_diagonal (cells, G_N_ELEMENTS (cells),
                                                        self->common, self->K) : 0;

  json_builder_set_member_name (builder, "common_confusions");
  json_builder_begin_array (builder);
  for (int i = 0; i < n; i++)
    {
      json_builder_begin_object (builder);
      cs_json_add_string (builder, "true_class", self->class_names[cells[i].row]);
      cs_json_add_string (builder, "given_class", self->class_names[cells[i].column]);
      cs_json_add_number (builder, "value", cs_float_for_json (cells[i].value));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

JsonNode *
cs_annotator_report_to_json (const CsAnnotatorReport *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "annotators");
  json_builder_begin_array (builder);
  for (int r = 0; r < self->R; r++)
    add_annotator (builder, self, r);
  json_builder_end_array (builder);
  add_matrix (builder, "common", self->common, self->K);
  cs_json_add_string (builder, "method", cs_method_to_string (self->method));
  cs_json_add_string (builder, "effective_source", cs_effective_source_to_string (self->source));
  cs_json_add_strv (builder, "classes", self->class_names);
  add_common_confusions (builder, self);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
append_number (GString *out,
               double   value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (out, ',');
  if (isfinite (value))
    g_string_append (out, g_ascii_formatd (text, sizeof text, "%.9g", value));
}

GString *
cs_annotator_report_to_csv (const CsAnnotatorReport *self)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new ("id,labels,accuracy,agreement_mv,mean_w,spammer_score,distance_tv,"
                      "distance_js\n");
  for (int r = 0; r < self->R; r++)
    {
      cs_csv_append_field (out, self->annotator_ids[r]);
      g_string_append_printf (out, ",%d", self->labels[r]);
      append_number (out, self->accuracy[r]);
      append_number (out, self->agreement_mv[r]);
      append_number (out, self->mean_w ? self->mean_w[r] : NAN);
      append_number (out, self->spammer_score[r]);
      append_number (out, self->distance_tv[r]);
      append_number (out, self->distance_js[r]);
      g_string_append_c (out, '\n');
    }
  return out;
}
