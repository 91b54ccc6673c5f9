/* cs-confusion-compare.c — two matrices side by side, their difference, and how far apart
 *
 * Each side is a subject (the common confusion or an annotator) and a kind (effective,
 * individual, Dawid–Skene's, against gold), so the view compares two annotators, an annotator
 * with the crowd's common confusion, or two kinds for one annotator. The third heatmap is the
 * left matrix less the right one, on the diverging map; below, the core's distances between
 * them, overall and row by row.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <math.h>

#include "cs-confusion-compare.h"
#include "cs-confusion-measures.h"
#include "cs-enum-types.h"
#include "cs-heatmap.h"

#define N_SIDES 2

typedef struct
{
  GtkDropDown *subject;     /* 0: the common confusion, i: annotator i − 1 */
  GtkDropDown *kind;
  CsHeatmap   *heatmap;
  float       *matrix;      /* [K, K] */
} Side;

struct _CsConfusionCompare
{
  GtkWidget      parent_instance;

  /* Owned */
  GtkWidget     *box;
  Side           sides[N_SIDES];
  CsHeatmap     *difference;
  GtkLabel      *summary;
  GtkLabel      *rows;
  GtkStringList *subjects;
  CsExplorer    *explorer;
  float         *delta;      /* [K, K] */
  char          *summary_text;
  int            K;
  gboolean       syncing;
  CsPalette      palette;    /* the two matrices' */
};

enum {
  PROP_0,
  PROP_PALETTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CsConfusionCompare, cs_confusion_compare, GTK_TYPE_WIDGET)

static CsDataset *
dataset_of (CsConfusionCompare *self)
{
  return self->explorer ? cs_session_get_dataset (cs_explorer_get_session (self->explorer)) : NULL;
}

static guint
subject_of (Side *side)
{
  guint selected = gtk_drop_down_get_selected (side->subject);

  return selected == 0 || selected == GTK_INVALID_LIST_POSITION ? CS_EXPLORER_COMMON : selected - 1;
}

static char *
side_title (CsConfusionCompare *self,
            Side               *side)
{
  CsDataset *dataset = dataset_of (self);
  guint subject = subject_of (side);

  if (subject == CS_EXPLORER_COMMON)
    return g_strdup (_("Common confusion"));
  return g_strdup_printf (_("%s: %s"), dataset->annotator_ids[subject],
                          cs_matrix_kind_get_title (gtk_drop_down_get_selected (side->kind)));
}

/* Distances over the rows both matrices have: the core's total variation and Jensen–Shannon. */
static void
show_distances (CsConfusionCompare *self)
{
  CsDataset *dataset = dataset_of (self);
  g_autofree double *tv_rows = g_new (double, self->K);
  g_autofree double *js_rows = g_new (double, self->K);
  g_autoptr(GString) rows = g_string_new (NULL);
  double tv = cs_confusion_distance (CS_DISTANCE_TOTAL_VARIATION, tv_rows, self->sides[0].matrix,
                                     self->sides[1].matrix, self->K);
  double js = cs_confusion_distance (CS_DISTANCE_JENSEN_SHANNON, js_rows, self->sides[0].matrix,
                                     self->sides[1].matrix, self->K);

  g_free (self->summary_text);
  if (isnan (tv))
    self->summary_text = g_strdup (_("No row has data in both matrices."));
  else
    self->summary_text = g_strdup_printf (_("Total variation %.2f, Jensen–Shannon %.2f bits, averaged over the rows both have"),
                                          tv, js);
  gtk_label_set_label (self->summary, self->summary_text);
  for (int k = 0; k < self->K; k++)
    if (isnan (tv_rows[k]))
      g_string_append_printf (rows, _("%s: no data\n"), dataset->class_names[k]);
    else
      g_string_append_printf (rows, _("%s: total variation %.2f, Jensen–Shannon %.2f\n"),
                              dataset->class_names[k], tv_rows[k], js_rows[k]);
  if (rows->len > 0)
    g_string_truncate (rows, rows->len - 1);
  gtk_label_set_label (self->rows, rows->str);
}

static void
refresh (CsConfusionCompare *self)
{
  CsDataset *dataset = dataset_of (self);
  const char * const *names;
  gboolean both = TRUE;

  if (dataset == NULL || self->K == 0 || self->syncing)
    return;
  names = (const char * const *) dataset->class_names;
  for (int s = 0; s < N_SIDES; s++)
    {
      Side *side = &self->sides[s];
      guint subject = subject_of (side);
      g_autofree char *title = side_title (self, side);
      gboolean has = cs_explorer_get_matrix_of (self->explorer,
                                                gtk_drop_down_get_selected (side->kind),
                                                subject, side->matrix);

      gtk_widget_set_sensitive (GTK_WIDGET (side->kind), subject != CS_EXPLORER_COMMON);
      cs_heatmap_set_title (side->heatmap, title);
      cs_heatmap_set_matrix (side->heatmap, has ? side->matrix : NULL, NULL, has ? self->K : 0, names);
      both &= has;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->difference), both);
  gtk_widget_set_visible (GTK_WIDGET (self->rows), both);
  if (!both)
    {
      g_free (self->summary_text);
      self->summary_text = g_strdup (_("One of the two has no matrix of this kind for this run."));
      gtk_label_set_label (self->summary, self->summary_text);
      return;
    }
  for (int i = 0; i < self->K * self->K; i++)
    self->delta[i] = self->sides[0].matrix[i] - self->sides[1].matrix[i];
  cs_heatmap_set_matrix (self->difference, self->delta, NULL, self->K, names);
  show_distances (self);
}

/* The subjects: the common confusion, then every annotator by id. */
static void
on_dataset (CsConfusionCompare *self)
{
  CsDataset *dataset = dataset_of (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->subjects));
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  self->K = dataset ? dataset->n_classes : 0;
  for (int s = 0; s < N_SIDES; s++)
    {
      g_free (self->sides[s].matrix);
      self->sides[s].matrix = g_new0 (float, MAX (self->K * self->K, 1));
    }
  g_free (self->delta);
  self->delta = g_new0 (float, MAX (self->K * self->K, 1));
  g_ptr_array_add (ids, _("Common confusion"));
  for (int r = 0; dataset != NULL && r < dataset->n_annotators; r++)
    g_ptr_array_add (ids, dataset->annotator_ids[r]);
  g_ptr_array_add (ids, NULL);
  self->syncing = TRUE;
  gtk_string_list_splice (self->subjects, 0, n, (const char * const *) ids->pdata);
  self->syncing = FALSE;
  refresh (self);
}

void
cs_confusion_compare_set_side (CsConfusionCompare *self,
                               guint               side,
                               guint               subject,
                               CsMatrixKind        kind)
{
  g_return_if_fail (CS_IS_CONFUSION_COMPARE (self));
  g_return_if_fail (side < N_SIDES);

  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->sides[side].subject,
                              subject == CS_EXPLORER_COMMON ? 0 : subject + 1);
  gtk_drop_down_set_selected (self->sides[side].kind, kind);
  self->syncing = FALSE;
  refresh (self);
}

void
cs_confusion_compare_set_explorer (CsConfusionCompare *self,
                                   CsExplorer         *explorer)
{
  g_return_if_fail (CS_IS_CONFUSION_COMPARE (self));

  if (self->explorer != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->explorer, self);
      g_signal_handlers_disconnect_by_data (cs_explorer_get_session (self->explorer), self);
    }
  g_set_object (&self->explorer, explorer);
  if (explorer == NULL)
    return;
  g_signal_connect_swapped (explorer, "notify::revision", G_CALLBACK (refresh), self);
  g_signal_connect_swapped (cs_explorer_get_session (explorer), "notify::dataset",
                            G_CALLBACK (on_dataset), self);
  on_dataset (self);
}

const float *
cs_confusion_compare_get_difference (CsConfusionCompare  *self,
                                     char               **title)
{
  g_autofree char *left = NULL;
  g_autofree char *right = NULL;

  g_return_val_if_fail (CS_IS_CONFUSION_COMPARE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->difference)) || dataset_of (self) == NULL)
    return NULL;
  left = side_title (self, &self->sides[0]);
  right = side_title (self, &self->sides[1]);
  if (title != NULL)
    *title = g_strdup_printf (_("%s less %s"), left, right);
  return self->delta;
}

const char *
cs_confusion_compare_get_summary (CsConfusionCompare *self)
{
  g_return_val_if_fail (CS_IS_CONFUSION_COMPARE (self), NULL);
  return self->summary_text;
}

static GtkWidget *
side_new (CsConfusionCompare *self,
          Side               *side,
          const char         *name)
{
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *pickers = gtk_flow_box_new ();   /* side by side, or one above the other */
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  for (int i = 0; i < CS_N_MATRIX_KINDS; i++)
    gtk_string_list_append (kinds, cs_matrix_kind_get_title (i));
  side->subject = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->subjects)), NULL));
  gtk_drop_down_set_enable_search (side->subject, TRUE);
  gtk_drop_down_set_expression (side->subject,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  side->kind = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&kinds)), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (side->subject), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name, -1);
  g_signal_connect_swapped (side->subject, "notify::selected", G_CALLBACK (refresh), self);
  g_signal_connect_swapped (side->kind, "notify::selected", G_CALLBACK (refresh), self);
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (pickers), GTK_SELECTION_NONE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (pickers), 2);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (pickers), 2);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (pickers), 6);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (pickers), 6);
  gtk_widget_add_css_class (pickers, "reflow");
  gtk_widget_add_css_class (pickers, "side-by-side");
  gtk_flow_box_append (GTK_FLOW_BOX (pickers), GTK_WIDGET (side->subject));
  gtk_flow_box_append (GTK_FLOW_BOX (pickers), GTK_WIDGET (side->kind));
  side->heatmap = CS_HEATMAP (cs_heatmap_new ());
  g_object_bind_property (self, "palette", side->heatmap, "palette", G_BINDING_SYNC_CREATE);
  gtk_widget_set_vexpand (GTK_WIDGET (side->heatmap), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (side->heatmap), TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (side->heatmap), TRUE);
  gtk_box_append (GTK_BOX (column), pickers);
  gtk_box_append (GTK_BOX (column), GTK_WIDGET (side->heatmap));
  return column;
}

static void
cs_confusion_compare_dispose (GObject *object)
{
  CsConfusionCompare *self = CS_CONFUSION_COMPARE (object);

  cs_confusion_compare_set_explorer (self, NULL);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->subjects);
  G_OBJECT_CLASS (cs_confusion_compare_parent_class)->dispose (object);
}

static void
cs_confusion_compare_finalize (GObject *object)
{
  CsConfusionCompare *self = CS_CONFUSION_COMPARE (object);

  for (int s = 0; s < N_SIDES; s++)
    g_free (self->sides[s].matrix);
  g_free (self->delta);
  g_free (self->summary_text);
  G_OBJECT_CLASS (cs_confusion_compare_parent_class)->finalize (object);
}

static void
cs_confusion_compare_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_PALETTE:
      g_value_set_enum (value, CS_CONFUSION_COMPARE (object)->palette);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_confusion_compare_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CsConfusionCompare *self = CS_CONFUSION_COMPARE (object);

  switch (prop_id)
    {
    case PROP_PALETTE:
      if (self->palette != (CsPalette) g_value_get_enum (value))
        {
          self->palette = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_confusion_compare_class_init (CsConfusionCompareClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cs_confusion_compare_dispose;
  object_class->finalize = cs_confusion_compare_finalize;
  object_class->get_property = cs_confusion_compare_get_property;
  object_class->set_property = cs_confusion_compare_set_property;

  /* The ramp the two matrices draw in; their difference is diverging. */
  properties[PROP_PALETTE] =
    g_param_spec_enum ("palette", NULL, NULL, CS_TYPE_PALETTE, CS_PALETTE_BLUES,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

/* Two rows: the two matrices, then their difference beside the distances; in a narrow window,
 * all four one above the other (a GtkFlowBox of at most two a line). */
static void
cs_confusion_compare_init (CsConfusionCompare *self)
{
  GtkWidget *distances = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkFlowBox *flow;

  self->subjects = gtk_string_list_new (NULL);
  self->box = gtk_flow_box_new ();
  flow = GTK_FLOW_BOX (self->box);
  gtk_flow_box_set_selection_mode (flow, GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (flow, TRUE);
  /* Two a line, one while the page is narrow (CsPage). */
  gtk_flow_box_set_min_children_per_line (flow, 2);
  gtk_flow_box_set_max_children_per_line (flow, 2);
  gtk_flow_box_set_row_spacing (flow, 18);
  gtk_flow_box_set_column_spacing (flow, 18);
  gtk_widget_add_css_class (self->box, "reflow");
  gtk_widget_add_css_class (self->box, "side-by-side");
  gtk_flow_box_append (flow, side_new (self, &self->sides[0], _("Left matrix")));
  gtk_flow_box_append (flow, side_new (self, &self->sides[1], _("Right matrix")));

  self->difference = CS_HEATMAP (cs_heatmap_new ());
  cs_heatmap_set_colormap (self->difference, CS_COLORMAP_DIVERGING);
  cs_heatmap_set_title (self->difference, _("Left less right"));
  gtk_widget_set_vexpand (GTK_WIDGET (self->difference), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->difference), TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self->difference), TRUE);
  gtk_flow_box_append (flow, GTK_WIDGET (self->difference));

  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary, 0);
  gtk_label_set_wrap (self->summary, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary), "heading");
  self->rows = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->rows, 0);
  gtk_label_set_yalign (self->rows, 0);
  gtk_label_set_selectable (self->rows, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->rows), "numeric");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->rows));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (distances), GTK_WIDGET (self->summary));
  gtk_box_append (GTK_BOX (distances), scroller);
  gtk_flow_box_append (flow, distances);
  /* The matrices take the focus, not their places. */
  for (int i = 0; i < 4; i++)
    gtk_widget_set_focusable (GTK_WIDGET (gtk_flow_box_get_child_at_index (flow, i)), FALSE);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

GtkWidget *
cs_confusion_compare_new (void)
{
  return g_object_new (CS_TYPE_CONFUSION_COMPARE, NULL);
}
