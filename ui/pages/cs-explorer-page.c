/* cs-explorer-page.c — the annotator explorer: every annotator's confusion, the crowd's common
 * one, side by side, live during training
 *
 * The page shows its CsExplorer: the table and the grid list the session's annotators (one
 * filtered and sorted model, one selection, so both show the same annotators in the same
 * order), and the heatmaps draw the explorer's matrices for the chosen run, epoch and kind.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cs-annotator.h"
#include "cs-confusion-compare.h"
#include "cs-confusion-grid.h"
#include "cs-confusion-measures.h"
#include "cs-explorer-page.h"
#include "cs-explorer.h"
#include "cs-figure-task.h"
#include "cs-heatmap.h"
#include "cs-run-picker.h"
#include "cs-w-map.h"

struct _CsExplorerPage
{
  CsPage                parent_instance;

  /* Template widgets */
  GtkPaned             *paned;
  GtkSearchEntry       *search_entry;
  GtkColumnView        *table;
  GtkLabel             *count_label;
  CsRunPicker          *run_picker;
  GtkDropDown          *kind_dropdown;
  GtkStringList        *kind_list;
  GtkScale             *epoch_scale;
  GtkAdjustment        *epoch_adjustment;
  GtkLabel             *epoch_label;
  GtkButton            *latest_button;
  GtkLabel             *kind_label;
  GtkStack             *view_stack;
  AdwStatusPage        *empty_page;
  GtkStack             *mode_stack;
  CsConfusionGrid      *grid;
  CsHeatmap            *common_heatmap;
  GtkLabel             *common_label;
  CsHeatmap            *annotator_heatmap;
  GtkLabel             *annotator_label;
  CsConfusionCompare   *compare;
  CsWMap               *w_map;

  /* Owned */
  CsExplorer           *explorer;
  GtkSingleSelection   *selection;    /* of `sorted`; shared by the table and the grid */

  /* Borrowed: owned by the selection, in turn */
  GtkSortListModel     *sorted;       /* by the table's sorter */
  GtkFilterListModel   *filtered;     /* the session's annotators, by the search text */

  GtkFileChooserNative *chooser;
  gboolean              syncing;      /* the page is setting a widget from the explorer */
};

G_DEFINE_FINAL_TYPE (CsExplorerPage, cs_explorer_page, CS_TYPE_PAGE)

/* The table's columns -------------------------------------------------------------------- */

typedef enum
{
  FORMAT_TEXT,
  FORMAT_INT,
  FORMAT_PERCENT,   /* a fraction, as a percentage; NaN as a dash */
  FORMAT_NUMBER,    /* two decimals; NaN as a dash */
} Format;

typedef struct
{
  const char *title;
  const char *property;
  Format      format;
  const char *tooltip;
} Column;

static const Column columns[] = {
  { N_("Annotator"), "id", FORMAT_TEXT, NULL },
  { N_("Labels"), "n-labels", FORMAT_INT, N_("Labels the annotator gave, in every split") },
  { N_("Accuracy"), "accuracy", FORMAT_PERCENT,
    N_("The share of the annotator's labels of items with gold that match it") },
  { N_("Agreement"), "agreement", FORMAT_PERCENT,
    N_("The share of the annotator's labels that match the majority vote of the item's other labels") },
  { N_("DS"), "ds-accuracy", FORMAT_PERCENT,
    N_("Dawid–Skene's estimate of the annotator's accuracy, from the crowd's labels alone") },
  { N_("Mean w"), "mean-w", FORMAT_NUMBER,
    N_("CoNAL: how much the model puts the annotator's labels down to the confusion the whole crowd shares (1) rather than the annotator's own (0), on average") },
  { N_("Spammer"), "spammer-score", FORMAT_NUMBER,
    N_("Raykar and Yu's spammer score of the matrix shown: 0 when the annotator's answer does not depend on the true class, 1 for distinct one-hot rows") },
  { N_("Off gold"), "distance", FORMAT_NUMBER,
    N_("How far the effective matrix is from the annotator's labels against gold: the total variation, averaged over the rows") },
};

static char *
format_value (const GValue *value,
              Format        format)
{
  double v;

  switch (format)
    {
    case FORMAT_TEXT:
      return g_value_dup_string (value);
    case FORMAT_INT:
      return g_strdup_printf ("%d", g_value_get_int (value));
    case FORMAT_PERCENT:
      v = g_value_get_double (value);
      return isnan (v) ? g_strdup ("—") : g_strdup_printf ("%.1f %%", 100 * v);
    case FORMAT_NUMBER:
    default:
      v = g_value_get_double (value);
      return isnan (v) ? g_strdup ("—") : g_strdup_printf ("%.2f", v);
    }
}

static gboolean
to_label (GBinding     *binding,
          const GValue *from,
          GValue       *to,
          gpointer      data)
{
  g_value_take_string (to, format_value (from, GPOINTER_TO_INT (data)));
  return TRUE;
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            const Column             *column)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column->format == FORMAT_TEXT ? 0 : 1);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column->format != FORMAT_TEXT)
    gtk_widget_add_css_class (label, "numeric");
  /* GTK 4.8's column headers take no tooltip: the cells say what the column means. */
  if (column->tooltip != NULL)
    gtk_widget_set_tooltip_text (label, _(column->tooltip));
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           const Column             *column)
{
  GBinding *binding = g_object_bind_property_full (gtk_list_item_get_item (item), column->property,
                                                   gtk_list_item_get_child (item), "label",
                                                   G_BINDING_SYNC_CREATE, to_label, NULL,
                                                   GINT_TO_POINTER (column->format), NULL);

  g_object_set_data (G_OBJECT (item), "binding", binding);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             const Column             *column)
{
  GBinding *binding = g_object_get_data (G_OBJECT (item), "binding");

  if (binding != NULL)
    g_binding_unbind (binding);
  g_object_set_data (G_OBJECT (item), "binding", NULL);
}

/* A number to sort by, NaN (no gold, no other labels) first when ascending. */
static double
sort_key (CsAnnotator *annotator,
          const char  *property)
{
  double v;

  g_object_get (annotator, property, &v, NULL);
  return isnan (v) ? -G_MAXDOUBLE : v;
}

static GtkSorter *
column_sorter (const Column *column)
{
  GtkExpression *expression;

  if (column->format == FORMAT_TEXT || column->format == FORMAT_INT)
    {
      expression = gtk_property_expression_new (CS_TYPE_ANNOTATOR, NULL, column->property);
      if (column->format == FORMAT_TEXT)
        return GTK_SORTER (gtk_string_sorter_new (expression));
      return GTK_SORTER (gtk_numeric_sorter_new (expression));
    }
  expression = gtk_cclosure_expression_new (G_TYPE_DOUBLE, NULL, 0, NULL, G_CALLBACK (sort_key),
                                            (gpointer) column->property, NULL);
  return GTK_SORTER (gtk_numeric_sorter_new (expression));
}

static void
add_columns (CsExplorerPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GtkSorter) sorter = column_sorter (&columns[i]);

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), (gpointer) &columns[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), (gpointer) &columns[i]);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), (gpointer) &columns[i]);
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->table, column);
    }
}

static void
update_count (CsExplorerPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  CsSession *session = cs_page_get_session (CS_PAGE (self));
  guint all = session ? g_list_model_get_n_items (cs_session_get_annotators (session)) : 0;
  g_autofree char *text = shown == all ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u annotator", "%u annotators", all), all)
                                       : g_strdup_printf (_("%u of %u annotators"), shown, all);

  gtk_label_set_label (self->count_label, text);
}

/* Runs, kinds and epochs ----------------------------------------------------------------- */

static void
show_epoch (CsExplorerPage *self)
{
  guint n = cs_explorer_get_n_epochs (self->explorer);
  int epoch = cs_explorer_get_epoch (self->explorer);
  int number = cs_explorer_get_epoch_number (self->explorer);
  g_autofree char *text = NULL;

  self->syncing = TRUE;
  gtk_adjustment_set_upper (self->epoch_adjustment, MAX (n, 1) - 1);
  gtk_adjustment_set_value (self->epoch_adjustment, epoch < 0 ? (double) MAX (n, 1) - 1 : epoch);
  self->syncing = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->epoch_scale), n > 1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->latest_button), epoch >= 0);
  if (number == 0)
    text = g_strdup ("");
  else if (epoch < 0 && cs_training_get_has_result (cs_explorer_get_training (self->explorer)))
    text = g_strdup_printf (_("epoch %d (selected)"), number);
  else
    text = g_strdup_printf (_("epoch %d"), number);
  gtk_label_set_label (self->epoch_label, text);
}

static void
on_epoch_moved (CsExplorerPage *self)
{
  if (!self->syncing)
    cs_explorer_set_epoch (self->explorer, (int) gtk_adjustment_get_value (self->epoch_adjustment));
}

static void
on_latest (CsExplorerPage *self)
{
  cs_explorer_set_epoch (self->explorer, -1);
}

static void
show_kind (CsExplorerPage *self)
{
  CsMatrixKind kind = cs_explorer_get_kind (self->explorer);

  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->kind_dropdown, kind);
  self->syncing = FALSE;
  gtk_label_set_label (self->kind_label, cs_matrix_kind_get_explanation (kind));
}

static void
on_kind_chosen (CsExplorerPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);

  if (!self->syncing && selected < CS_N_MATRIX_KINDS)
    cs_explorer_set_kind (self->explorer, selected);
}

/* The picker and the explorer show the same run: the person's choice, or the session's newest. */
static void
on_run_chosen (CsExplorerPage *self)
{
  CsTraining *training = cs_run_picker_get_training (self->run_picker);

  if (training != NULL && training != cs_explorer_get_training (self->explorer))
    cs_explorer_set_training (self->explorer, training);
}

static void
show_run (CsExplorerPage *self)
{
  cs_run_picker_set_training (self->run_picker, cs_explorer_get_training (self->explorer));
}

/* The annotator the table selected, as its index in the dataset; CS_EXPLORER_COMMON when none. */
static guint
selected_annotator (CsExplorerPage *self)
{
  CsAnnotator *annotator = gtk_single_selection_get_selected_item (self->selection);

  return annotator ? cs_annotator_get_index (annotator) : CS_EXPLORER_COMMON;
}

static const char * const *
class_names (CsExplorerPage *self)
{
  CsDataset *dataset = cs_session_get_dataset (cs_page_get_session (CS_PAGE (self)));

  return dataset ? (const char * const *) dataset->class_names : NULL;
}

/* The common confusion's largest off-diagonal cells, in words. */
static char *
largest_confusions (CsExplorerPage *self,
                    const float    *matrix,
                    int             n)
{
  const char * const *names = class_names (self);
  int K = cs_explorer_get_n_classes (self->explorer);
  g_autofree CsConfusionCell *cells = g_new (CsConfusionCell, n);
  GString *text = g_string_new (NULL);
  int found = cs_confusion_top_off_diagonal (cells, n, matrix, K);

  g_string_append (text, _("Largest confusions:"));
  for (int i = 0; i < found; i++)
    g_string_append_printf (text, _("\n%s taken for %s: %.2f"),
                            names[cells[i].row], names[cells[i].column], cells[i].value);
  return g_string_free (text, FALSE);
}

static void
show_common (CsExplorerPage *self)
{
  const float *common = cs_explorer_get_common (self->explorer);
  g_autofree char *words = NULL;

  /* Its place in the flow box goes with it, so that the annotator's matrix takes the room. */
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->common_heatmap), GTK_TYPE_FLOW_BOX_CHILD),
                          common != NULL);
  if (common == NULL)
    return;
  cs_heatmap_set_matrix (self->common_heatmap, common, NULL, cs_explorer_get_n_classes (self->explorer),
                         class_names (self));
  words = largest_confusions (self, common, 4);
  gtk_label_set_label (self->common_label, words);
}

static void
show_annotator (CsExplorerPage *self)
{
  guint index = selected_annotator (self);
  CsAnnotator *annotator = gtk_single_selection_get_selected_item (self->selection);
  const float *matrix = index != CS_EXPLORER_COMMON ? cs_explorer_get_matrix (self->explorer, index) : NULL;
  CsMatrixKind kind = cs_explorer_get_kind (self->explorer);
  g_autofree char *title = NULL;
  g_autofree char *words = NULL;

  if (matrix == NULL)
    {
      cs_heatmap_set_title (self->annotator_heatmap, _("Choose an annotator in the table or the grid"));
      cs_heatmap_set_matrix (self->annotator_heatmap, NULL, NULL, 0, NULL);
      gtk_label_set_label (self->annotator_label, "");
      return;
    }
  title = g_strdup_printf (_("Annotator %s: %s"), cs_annotator_get_id (annotator), cs_matrix_kind_get_title (kind));
  cs_heatmap_set_title (self->annotator_heatmap, title);
  cs_heatmap_set_matrix (self->annotator_heatmap, matrix, cs_explorer_get_counts (self->explorer, index),
                         cs_explorer_get_n_classes (self->explorer), class_names (self));
  words = largest_confusions (self, matrix, 3);
  gtk_label_set_label (self->annotator_label, words);
}

static void
on_revision (CsExplorerPage *self)
{
  gboolean any = cs_explorer_get_matrix (self->explorer, 0) != NULL ||
                 cs_explorer_get_common (self->explorer) != NULL;
  CsSession *session = cs_page_get_session (CS_PAGE (self));

  show_epoch (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "explorer.export-heatmap", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "explorer.copy", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "explorer.export-common",
                                 cs_explorer_get_common (self->explorer) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "explorer.export-grid",
                                 cs_explorer_get_matrix (self->explorer, 0) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "explorer.export-csv",
                                 cs_explorer_get_matrix (self->explorer, 0) != NULL);
  if (!any)
    {
      adw_status_page_set_description (self->empty_page,
                                       session && cs_session_get_dataset (session)
                                       ? _("This kind of matrix needs a run with noise layers (CoNAL or Crowd Layer), or for the empirical kind gold labels or a run's result. Train on the Training page, or choose another kind.")
                                       : _("Open a dataset to see its annotators."));
      gtk_stack_set_visible_child_name (self->view_stack, "empty");
      return;
    }
  gtk_stack_set_visible_child_name (self->view_stack, "matrices");
  show_common (self);
  show_annotator (self);
}

void
cs_explorer_page_select (CsExplorerPage *self,
                         guint           index)
{
  guint n;

  g_return_if_fail (CS_IS_EXPLORER_PAGE (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsAnnotator) annotator = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (cs_annotator_get_index (annotator) == index)
        gtk_single_selection_set_selected (self->selection, i);
    }
}

void
cs_explorer_page_set_mode (CsExplorerPage *self,
                           const char     *mode)
{
  g_return_if_fail (CS_IS_EXPLORER_PAGE (self));
  gtk_stack_set_visible_child_name (self->mode_stack, mode);
}

/* An annotator opened from the grid: selected in the table too, shown large. */
static void
on_grid_activated (CsExplorerPage *self,
                   guint           index)
{
  cs_explorer_page_select (self, index);
  cs_explorer_page_set_mode (self, "annotator");
}

/* The comparison starts from the selected annotator against the common confusion (or, without
 * one, against its labels against gold). */
static void
on_selection (CsExplorerPage *self)
{
  guint index = selected_annotator (self);
  CsMatrixKind kind = cs_explorer_get_kind (self->explorer);

  show_annotator (self);
  if (index == CS_EXPLORER_COMMON)
    return;
  cs_confusion_compare_set_side (self->compare, 0, index, kind);
  if (cs_explorer_get_common (self->explorer) != NULL)
    cs_confusion_compare_set_side (self->compare, 1, CS_EXPLORER_COMMON, kind);
  else
    cs_confusion_compare_set_side (self->compare, 1, index, CS_MATRIX_EMPIRICAL);
}

/* Exports ----------------------------------------------------------------------------------- */

typedef enum
{
  EXPORT_HEATMAP,
  EXPORT_GRID,
  EXPORT_CSV,
  EXPORT_COMMON,
} Export;

/* What an export holds: the annotator view's matrix, or every annotator's. */
typedef struct
{
  CsHeatmapFigure  figure;
  CsImageInfo      info;
  float           *matrices;
  char           **names;
  char            *title, *run, *matrix;
} Figure;

static void
figure_clear (Figure *f)
{
  g_free (f->matrices);
  g_strfreev (f->names);
  g_free (f->title);
  g_free (f->run);
  g_free (f->matrix);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Figure, figure_clear)

static void
make_figure (CsExplorerPage *self,
             Export          what,
             Figure         *f)
{
  CsDataset *dataset = cs_session_get_dataset (cs_page_get_session (CS_PAGE (self)));
  CsTraining *training = cs_explorer_get_training (self->explorer);
  const char *kind = cs_matrix_kind_get_title (cs_explorer_get_kind (self->explorer));
  int K = cs_explorer_get_n_classes (self->explorer), KK = K * K;
  guint index = selected_annotator (self);
  g_autofree char *run = training ? cs_training_dup_title (training) : NULL;

  memset (f, 0, sizeof *f);
  if (what == EXPORT_HEATMAP && g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "compare") == 0 &&
      cs_confusion_compare_get_difference (self->compare, NULL) != NULL)
    {
      /* Comparing, the heatmap to export is the difference, on the diverging map. */
      f->matrices = g_memdup2 (cs_confusion_compare_get_difference (self->compare, &f->title), sizeof (float) * KK);
      f->figure = (CsHeatmapFigure) { CS_FIGURE_SINGLE, 1, K, f->matrices, dataset->class_names, NULL,
                                      CS_COLORMAP_DIVERGING, f->title, dataset->name };
    }
  else if (what == EXPORT_HEATMAP || what == EXPORT_COMMON)
    {
      CsMatrixKind shown = cs_explorer_get_kind (self->explorer);

      if (what == EXPORT_COMMON)
        index = CS_EXPLORER_COMMON;

      /* The selected annotator's, or else the common confusion, or else the first annotator's. */
      f->matrices = g_new (float, KK);
      if (index == CS_EXPLORER_COMMON || !cs_explorer_get_matrix_of (self->explorer, shown, index, f->matrices))
        index = cs_explorer_get_matrix_of (self->explorer, shown, CS_EXPLORER_COMMON, f->matrices)
                ? CS_EXPLORER_COMMON : 0;
      if (index == 0)
        cs_explorer_get_matrix_of (self->explorer, shown, 0, f->matrices);
      f->title = index == CS_EXPLORER_COMMON ? g_strdup (_("Common confusion"))
                                             : g_strdup_printf (_("Annotator %s: %s"), dataset->annotator_ids[index], kind);
      f->figure = (CsHeatmapFigure) { CS_FIGURE_SINGLE, 1, K, f->matrices, dataset->class_names, NULL,
                                      CS_COLORMAP_SEQUENTIAL, f->title, dataset->name };
    }
  else
    {
      f->matrices = g_memdup2 (cs_explorer_get_matrix (self->explorer, 0), sizeof (float) * KK * dataset->n_annotators);
      f->names = g_strdupv (dataset->annotator_ids);
      f->title = g_strdup_printf (_("Every annotator: %s"), kind);
      f->figure = (CsHeatmapFigure) { CS_FIGURE_GRID, dataset->n_annotators, K, f->matrices,
                                      dataset->class_names, f->names, CS_COLORMAP_SEQUENTIAL,
                                      f->title, dataset->name };
    }
  /* Exported as drawn on screen. */
  f->figure.palette = cs_page_get_palette (CS_PAGE (self));
  f->run = run ? g_strdup_printf (_("%s, epoch %d"), run, cs_explorer_get_epoch_number (self->explorer)) : NULL;
  f->matrix = g_ascii_strdown (f->title, -1);
  f->info = (CsImageInfo) { dataset->name, f->run, f->matrix };
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         data)
{
  CsExplorerPage *self = data;
  Export what = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "export"));
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    {
      g_auto(Figure) f;

      make_figure (self, what, &f);
      cs_figure_save_async (&f.figure, &f.info, path, what == EXPORT_CSV, NULL, cs_page_figure_saved,
                            g_object_ref (self));
    }
  g_clear_object (&self->chooser);
}

static void
export (CsExplorerPage *self,
        Export          what)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  CsDataset *dataset = cs_session_get_dataset (cs_page_get_session (CS_PAGE (self)));
  const char *names[] = { "heatmap.png", "annotators.png", "matrices.csv", "common.png" };
  g_autofree char *name = g_strdup_printf ("%s-%s", dataset->name, names[what]);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (what == EXPORT_CSV ? _("Export Matrices") : _("Export Image"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_object_set_data (G_OBJECT (self->chooser), "export", GINT_TO_POINTER (what));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CsExplorerPage *self = CS_EXPLORER_PAGE (widget);

  if (g_str_equal (action_name, "explorer.export-heatmap"))
    export (self, EXPORT_HEATMAP);
  else if (g_str_equal (action_name, "explorer.export-grid"))
    export (self, EXPORT_GRID);
  else if (g_str_equal (action_name, "explorer.export-common"))
    export (self, EXPORT_COMMON);
  else
    export (self, EXPORT_CSV);
}

/* The heatmap, drawn by the core's figure code as it would be exported, onto the clipboard. */
static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CsExplorerPage *self = CS_EXPLORER_PAGE (widget);
  g_auto(Figure) f;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height;

  make_figure (self, EXPORT_HEATMAP, &f);
  cs_heatmap_figure_get_size (&f.figure, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (2 * width), (int) ceil (2 * height));
  cr = cairo_create (surface);
  cairo_scale (cr, 2, 2);
  cs_heatmap_figure_draw (&f.figure, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * cairo_image_surface_get_height (surface));
  texture = gdk_memory_texture_new (cairo_image_surface_get_width (surface),
                                    cairo_image_surface_get_height (surface),
                                    GDK_MEMORY_DEFAULT, bytes, cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
  cs_page_toast (GTK_WIDGET (self), _("Heatmap copied"));
}

/* The session ---------------------------------------------------------------------------- */

static void
on_annotators (CsExplorerPage *self,
               GParamSpec     *pspec,
               CsSession      *session)
{
  gtk_filter_list_model_set_model (self->filtered, cs_session_get_annotators (session));
  update_count (self);
}

static void
cs_explorer_page_bind (CsPage    *page,
                       CsSession *session)
{
  CsExplorerPage *self = CS_EXPLORER_PAGE (page);

  self->explorer = cs_explorer_new (session);
  cs_run_picker_set_session (self->run_picker, session, TRUE);
  cs_confusion_grid_set_explorer (self->grid, self->explorer);
  cs_confusion_compare_set_explorer (self->compare, self->explorer);
  cs_w_map_set_explorer (self->w_map, self->explorer);
  g_signal_connect_swapped (session, "notify::annotators", G_CALLBACK (on_annotators), self);
  g_signal_connect_swapped (self->explorer, "notify::revision", G_CALLBACK (on_revision), self);
  g_signal_connect_swapped (self->explorer, "notify::n-epochs", G_CALLBACK (show_epoch), self);
  g_signal_connect_swapped (self->explorer, "notify::kind", G_CALLBACK (show_kind), self);
  g_signal_connect_swapped (self->explorer, "notify::training", G_CALLBACK (show_run), self);
  on_annotators (self, NULL, session);
  show_kind (self);
  show_run (self);
  on_revision (self);
}

static void
cs_explorer_page_unbind (CsPage    *page,
                         CsSession *session)
{
  CsExplorerPage *self = CS_EXPLORER_PAGE (page);

  g_signal_handlers_disconnect_by_data (session, self);
  g_signal_handlers_disconnect_by_data (self->explorer, self);
  gtk_filter_list_model_set_model (self->filtered, NULL);
  cs_run_picker_set_session (self->run_picker, NULL, TRUE);
  cs_confusion_grid_set_explorer (self->grid, NULL);
  cs_confusion_compare_set_explorer (self->compare, NULL);
  cs_w_map_set_explorer (self->w_map, NULL);
  g_clear_object (&self->explorer);
}

CsExplorer *
cs_explorer_page_get_explorer (CsExplorerPage *self)
{
  g_return_val_if_fail (CS_IS_EXPLORER_PAGE (self), NULL);
  return self->explorer;
}

GtkSingleSelection *
cs_explorer_page_get_selection (CsExplorerPage *self)
{
  g_return_val_if_fail (CS_IS_EXPLORER_PAGE (self), NULL);
  return self->selection;
}

/* The object ----------------------------------------------------------------------------- */

static void
cs_explorer_page_dispose (GObject *object)
{
  CsExplorerPage *self = CS_EXPLORER_PAGE (object);

  cs_page_set_session (CS_PAGE (self), NULL);
  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_EXPLORER_PAGE);
  g_clear_object (&self->selection);
  G_OBJECT_CLASS (cs_explorer_page_parent_class)->dispose (object);
}

static void
cs_explorer_page_class_init (CsExplorerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CsPageClass *page_class = CS_PAGE_CLASS (klass);

  object_class->dispose = cs_explorer_page_dispose;
  page_class->bind = cs_explorer_page_bind;
  page_class->unbind = cs_explorer_page_unbind;

  g_type_ensure (CS_TYPE_CONFUSION_GRID);
  g_type_ensure (CS_TYPE_RUN_PICKER);
  g_type_ensure (CS_TYPE_CONFUSION_COMPARE);
  g_type_ensure (CS_TYPE_W_MAP);
  g_type_ensure (CS_TYPE_HEATMAP);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/crowdscope/Crowdscope/cs-explorer-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsExplorerPage, paned);
  gtk_widget_class_bind_template_child (widget_class, CsExplorerPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CsExplorerPage, table);
  gtk_widget_class_bind_template_child (widget_class, CsExplorerPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CsExplorerPage, run_picker);
  gtk_widget_class_bind_template_child (widget_class, CsExplorerPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsExplorerPage, kind_list);
  gtk_widget_class_bind_template_child (widget_class, CsExplorerPage, epoch_scale);
  gtk_widget_class_bind_template_child (widget_class, CsExplorerPage, epoch_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CsExplorerPage, epoch_label);
  gtk_widget_class_bind_template_child (widget_class, CsExplorerPage, latest_button);
  gtk_widget_class_bind_template_child (widget_class, CsExplorerPage, kind_label);
  gtk_widget_class_bind_template_child (widget_class, CsExplorerPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CsExplorerPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CsExplorerPage, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, CsExplorerPage, grid);
  gtk_widget_class_bind_template_child (widget_class, CsExplorerPage, common_heatmap);
  gtk_widget_class_bind_template_child (widget_class, CsExplorerPage, common_label);
  gtk_widget_class_bind_template_child (widget_class, CsExplorerPage, annotator_heatmap);
  gtk_widget_class_bind_template_child (widget_class, CsExplorerPage, annotator_label);
  gtk_widget_class_bind_template_child (widget_class, CsExplorerPage, compare);
  gtk_widget_class_bind_template_child (widget_class, CsExplorerPage, w_map);
  gtk_widget_class_install_action (widget_class, "explorer.export-heatmap", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "explorer.export-grid", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "explorer.export-common", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "explorer.export-csv", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "explorer.copy", NULL, copy_action);
}

static void
cs_explorer_page_init (CsExplorerPage *self)
{
  GtkStringFilter *by_id;

  gtk_widget_init_template (GTK_WIDGET (self));
  cs_page_add_fold (CS_PAGE (self), self->paned);

  /* The annotators: filtered by the search text, sorted by the table's columns. */
  by_id = gtk_string_filter_new (gtk_property_expression_new (CS_TYPE_ANNOTATOR, NULL, "id"));
  gtk_string_filter_set_match_mode (by_id, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  g_object_bind_property (self->search_entry, "text", by_id, "search", G_BINDING_SYNC_CREATE);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (by_id));
  add_columns (self);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered),
                                          g_object_ref (gtk_column_view_get_sorter (self->table)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->table, GTK_SELECTION_MODEL (self->selection));
  cs_confusion_grid_set_model (self->grid, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->grid, "activated", G_CALLBACK (on_grid_activated), self);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (on_selection), self);
  cs_heatmap_set_title (self->common_heatmap, _("Common confusion"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->common_heatmap),
                               _("CoNAL's common matrix W_g as a row-wise softmax: the noise the whole crowd shares"));
  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (update_count), self);

  g_signal_connect_swapped (self->run_picker, "notify::training", G_CALLBACK (on_run_chosen), self);

  for (int i = 0; i < CS_N_MATRIX_KINDS; i++)
    gtk_string_list_append (self->kind_list, cs_matrix_kind_get_title (i));
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected", G_CALLBACK (on_kind_chosen), self);
  g_signal_connect_swapped (self->epoch_adjustment, "value-changed", G_CALLBACK (on_epoch_moved), self);
  g_signal_connect_swapped (self->latest_button, "clicked", G_CALLBACK (on_latest), self);
  update_count (self);
}
