/* cs-gallery-page.c — what the model gets wrong and where the crowd disagrees, item by item
 *
 * The page shows its CsGallery: a grid of item tiles (thumbnails decoded off the main thread
 * by the tile's cache), the classifier's own confusion on the chosen split beside it (a
 * double-click on a cell lists that cell's items), and the selected item's detail: the model's
 * distribution and each crowd label with what the model expected that annotator to answer.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <math.h>

#include "cs-bar-chart.h"
#include "cs-gallery-page.h"
#include "cs-gallery.h"
#include "cs-heatmap.h"
#include "cs-item-tile.h"
#include "cs-item.h"
#include "cs-run-picker.h"
#include "cs-thumbnail-cache.h"

/* The detail's picture, beside the model's distribution. */
#define DETAIL_SIZE 200

struct _CsGalleryPage
{
  CsPage                parent_instance;

  /* Template widgets */
  GtkPaned             *paned;
  GtkStack             *stack;
  CsRunPicker          *run_picker;
  GtkDropDown          *list_dropdown;
  GtkStringList        *list_titles;
  GtkDropDown          *split_dropdown;
  GtkStringList        *split_titles;
  GtkDropDown          *class_dropdown;
  GtkStringList        *class_titles;
  GtkToggleButton      *least_button;
  GtkLabel             *status_label;
  GtkButton            *clear_cell_button;
  GtkGridView          *grid;
  CsHeatmap            *confusion_heatmap;
  GtkWidget            *detail_box;
  GtkPicture           *detail_picture;
  GtkLabel             *detail_title;
  CsBarChart           *detail_chart;
  GtkListBox           *labels_list;

  /* Owned */
  CsGallery            *gallery;
  GtkSingleSelection   *selection;
  CsThumbnailCache     *cache;
  GCancellable         *picture_loading;
  GtkFileChooserNative *chooser;
  CsSplitKind           splits[CS_N_SPLITS];   /* the split dropdown's entries */
  gboolean              syncing;
};

G_DEFINE_FINAL_TYPE (CsGalleryPage, cs_gallery_page, CS_TYPE_PAGE)

static const char *list_titles[] = {
  [CS_GALLERY_MISTAKES] = N_("The Model's Mistakes"),
  [CS_GALLERY_AGAINST_MAJORITY] = N_("Predicted against the Majority"),
  [CS_GALLERY_CONTESTED] = N_("Most Contested by the Crowd"),
  [CS_GALLERY_COMMON_CONFUSION] = N_("Most Put Down to the Common Confusion"),
  [CS_GALLERY_ALL] = N_("Every Item"),
};

static CsDataset *
run_dataset (CsGalleryPage *self)
{
  const CsPredictions *predictions = self->gallery ? cs_gallery_get_predictions (self->gallery) : NULL;

  return predictions ? predictions->dataset : NULL;
}

/* The status line: what is listed, and how many. */
static void
show_status (CsGalleryPage *self)
{
  CsDataset *dataset = run_dataset (self);
  guint n = g_list_model_get_n_items (cs_gallery_get_items (self->gallery));
  const char *split = cs_split_kind_to_string (cs_gallery_get_split (self->gallery));
  int gold, predicted;
  g_autofree char *text = NULL;

  if (dataset == NULL)
    return;
  cs_gallery_get_cell (self->gallery, &gold, &predicted);
  gtk_widget_set_visible (GTK_WIDGET (self->clear_cell_button), gold != CS_ANY_CLASS);
  cs_heatmap_set_marked (self->confusion_heatmap,
                         gold != CS_ANY_CLASS ? (guint) (gold * dataset->n_classes + predicted) : CS_CHART_NO_ITEM);
  if (gold != CS_ANY_CLASS)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u %s item of gold %s predicted %s, the most confident first",
                                         "%u %s items of gold %s predicted %s, the most confident first", n),
                            n, split, dataset->class_names[gold], dataset->class_names[predicted]);
  else
    switch (cs_gallery_get_list (self->gallery))
      {
      case CS_GALLERY_MISTAKES:
        text = g_strdup_printf (_("%u %s items the model gets wrong"), n, split);
        break;
      case CS_GALLERY_AGAINST_MAJORITY:
        text = g_strdup_printf (_("%u train items the model predicts against their crowd's majority vote: the labels the crowd most likely got wrong"), n);
        break;
      case CS_GALLERY_CONTESTED:
        text = g_strdup_printf (_("%u train items with two labels or more, the crowd's disagreement (the entropy of its votes) highest first"), n);
        break;
      case CS_GALLERY_COMMON_CONFUSION:
        text = n > 0 ? g_strdup_printf (_("%u train items, those whose labels CoNAL puts down most to the confusion the whole crowd shares first"), n)
                     : g_strdup (_("Only CoNAL has a common confusion: choose a CoNAL run."));
        break;
      case CS_GALLERY_ALL:
      default:
        text = g_strdup_printf (_("%u %s items"), n, split);
      }
  gtk_label_set_label (self->status_label, text);
}

/* The classifier's confusion on the split, rows gold. */
static void
show_confusion (CsGalleryPage *self)
{
  CsDataset *dataset = run_dataset (self);
  const float *rates = cs_gallery_get_confusion_rates (self->gallery);
  g_autofree char *title = NULL;

  if (dataset == NULL || rates == NULL)
    {
      cs_heatmap_set_matrix (self->confusion_heatmap, NULL, NULL, 0, NULL);
      return;
    }
  title = g_strdup_printf (_("The model on the %s split"), cs_split_kind_to_string (cs_gallery_get_split (self->gallery)));
  cs_heatmap_set_title (self->confusion_heatmap, title);
  cs_heatmap_set_matrix (self->confusion_heatmap, rates, cs_gallery_get_confusion_counts (self->gallery),
                         dataset->n_classes, (const char * const *) dataset->class_names);
  cs_chart_set_label (CS_CHART (self->confusion_heatmap), GTK_ORIENTATION_HORIZONTAL, _("Predicted"));
  cs_chart_set_label (CS_CHART (self->confusion_heatmap), GTK_ORIENTATION_VERTICAL, _("Gold"));
}

/* The detail ------------------------------------------------------------------------------ */

static void
on_picture (GObject      *object,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(CsGalleryPage) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = cs_thumbnail_cache_load_finish (CS_THUMBNAIL_CACHE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_picture_set_paintable (self->detail_picture, texture ? GDK_PAINTABLE (texture) : NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->detail_picture), error ? error->message : NULL);
}

static void
show_picture (CsGalleryPage *self,
              CsItem        *item)
{
  const char *path = cs_item_get_image_path (item);

  if (self->picture_loading)
    g_cancellable_cancel (self->picture_loading);
  g_clear_object (&self->picture_loading);
  gtk_picture_set_paintable (self->detail_picture, NULL);
  /* Its place in the flow box goes with it, so that the chart takes the room. */
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->detail_picture), GTK_TYPE_FLOW_BOX_CHILD),
                          path != NULL);
  if (path == NULL)
    return;
  self->picture_loading = g_cancellable_new ();
  cs_thumbnail_cache_load_async (self->cache, path, DETAIL_SIZE, self->picture_loading, on_picture,
                                 g_object_ref (self));
}

/* "street 0.62 · insidecity 0.21 · highway 0.08": the largest shares of a distribution. */
static char *
top_classes (const CsDataset *dataset,
             const float     *p,
             int              n)
{
  GString *text = g_string_new (NULL);
  g_autofree gboolean *done = g_new0 (gboolean, dataset->n_classes);

  for (int i = 0; i < MIN (n, dataset->n_classes); i++)
    {
      int best = -1;

      for (int k = 0; k < dataset->n_classes; k++)
        if (!done[k] && (best < 0 || p[k] > p[best]))
          best = k;
      done[best] = TRUE;
      g_string_append_printf (text, "%s%s %.2f", i ? " · " : "", dataset->class_names[best], p[best]);
    }
  return g_string_free (text, FALSE);
}

static GtkWidget *
label_row (const CsDataset      *dataset,
           const CsGalleryLabel *label)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("go-next-symbolic");
  g_autofree char *title = g_strdup_printf (_("Annotator %s said %s"), dataset->annotator_ids[label->annotator],
                                            dataset->class_names[label->label]);
  g_autofree char *expected = label->expected ? top_classes (dataset, label->expected, 3) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (expected != NULL)
    {
      g_autofree char *subtitle = g_strdup_printf (_("The model expected %s"), expected);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
  if (!isnan (label->w))
    {
      g_autofree char *text = g_strdup_printf (_("w %.2f"), label->w);
      GtkWidget *w = gtk_label_new (text);

      gtk_widget_add_css_class (w, "dim-label");
      gtk_widget_add_css_class (w, "numeric");
      gtk_widget_set_tooltip_text (w, _("CoNAL's w for this label: near 1 the confusion the whole crowd shares explains it, near 0 the annotator's own"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), w);
    }
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Open this annotator on the Annotators page"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Open the annotator"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.show-annotator");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", (guint32) label->annotator);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
show_detail (CsGalleryPage *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);
  CsItem *item = gtk_single_selection_get_selected_item (self->selection);
  CsDataset *dataset = run_dataset (self);
  g_autoptr(CsGalleryDetail) detail = NULL;
  g_autofree double *values = NULL;
  g_autofree char *title = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->labels_list))))
    gtk_list_box_remove (self->labels_list, child);
  gtk_widget_set_visible (self->detail_box, item != NULL && dataset != NULL);
  if (item == NULL || dataset == NULL ||
      (detail = cs_gallery_dup_detail (self->gallery, position)) == NULL)
    return;
  show_picture (self, item);
  if (cs_item_get_gold (item) >= 0)
    title = g_strdup_printf (_("%s: gold %s, predicted %s (%.2f)"), cs_item_get_id (item),
                             dataset->class_names[cs_item_get_gold (item)],
                             dataset->class_names[cs_item_get_predicted (item)], cs_item_get_probability (item));
  else
    title = g_strdup_printf (_("%s: no gold, predicted %s (%.2f)"), cs_item_get_id (item),
                             dataset->class_names[cs_item_get_predicted (item)], cs_item_get_probability (item));
  gtk_label_set_label (self->detail_title, title);
  values = g_new (double, detail->K);
  for (int k = 0; k < detail->K; k++)
    values[k] = detail->probs[k];
  cs_bar_chart_set_data (self->detail_chart, values, (const char * const *) dataset->class_names, detail->K);
  for (int l = 0; l < detail->n_labels; l++)
    gtk_list_box_append (self->labels_list, label_row (dataset, &detail->labels[l]));
  gtk_widget_set_visible (GTK_WIDGET (self->labels_list), detail->n_labels > 0);
}

/* The grid ----------------------------------------------------------------------------------- */

static void
setup_tile (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            CsGalleryPage            *self)
{
  gtk_list_item_set_child (item, cs_item_tile_new (self->cache));
}

static void
bind_tile (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           CsGalleryPage            *self)
{
  CsItemTile *tile = CS_ITEM_TILE (gtk_list_item_get_child (item));
  CsItem *it = gtk_list_item_get_item (item);
  CsDataset *dataset = run_dataset (self);
  g_autofree char *name = NULL;
  double probability;

  g_object_get (it, "predicted-name", &name, "probability", &probability, NULL);
  if (dataset != NULL)
    cs_item_tile_set_classes (tile, (const char * const *) dataset->class_names);
  cs_item_tile_set_item (tile, it);
  cs_item_tile_set_prediction (tile, name, probability);
}

static void
unbind_tile (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             CsGalleryPage            *self)
{
  cs_item_tile_set_item (CS_ITEM_TILE (gtk_list_item_get_child (item)), NULL);
}

static void
on_items (CsGalleryPage *self)
{
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  self->selection = gtk_single_selection_new (g_object_ref (cs_gallery_get_items (self->gallery)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (show_detail), self);
  gtk_grid_view_set_model (self->grid, GTK_SELECTION_MODEL (self->selection));
  show_status (self);
  show_detail (self);
}

/* The choices ------------------------------------------------------------------------------ */

/* The split and class drop-downs for the run's dataset: its splits, its classes. */
static void
fill_choices (CsGalleryPage *self)
{
  CsDataset *dataset = run_dataset (self);
  guint n_splits = 0, at = 0;
  g_autoptr(GPtrArray) classes = g_ptr_array_new ();
  g_autoptr(GPtrArray) splits = g_ptr_array_new ();

  if (dataset == NULL)
    return;
  for (int s = CS_SPLIT_TEST; s >= CS_SPLIT_TRAIN; s--)
    if (dataset->splits[s].present)
      {
        self->splits[n_splits++] = s;
        g_ptr_array_add (splits, (gpointer) cs_split_kind_to_string (s));
        if ((CsSplitKind) s == cs_gallery_get_split (self->gallery))
          at = n_splits - 1;
      }
  g_ptr_array_add (splits, NULL);
  g_ptr_array_add (classes, _("Every Gold Class"));
  for (int k = 0; k < dataset->n_classes; k++)
    g_ptr_array_add (classes, dataset->class_names[k]);
  g_ptr_array_add (classes, NULL);
  self->syncing = TRUE;
  gtk_string_list_splice (self->split_titles, 0, g_list_model_get_n_items (G_LIST_MODEL (self->split_titles)),
                          (const char * const *) splits->pdata);
  gtk_string_list_splice (self->class_titles, 0, g_list_model_get_n_items (G_LIST_MODEL (self->class_titles)),
                          (const char * const *) classes->pdata);
  gtk_drop_down_set_selected (self->split_dropdown, at);
  gtk_drop_down_set_selected (self->class_dropdown, 0);
  self->syncing = FALSE;
  cs_gallery_set_split (self->gallery, self->splits[at]);
}

static void
on_ready (CsGalleryPage *self)
{
  gboolean ready = cs_gallery_get_ready (self->gallery);

  gtk_stack_set_visible_child_name (self->stack, ready ? "gallery" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "gallery.export-labels", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "gallery.export-list", ready);
  cs_run_picker_set_training (self->run_picker, cs_gallery_get_training (self->gallery));
  if (!ready)
    return;
  fill_choices (self);
  show_confusion (self);
  show_status (self);
}

/* The drop-downs follow the gallery, whoever changes it. */
static void
on_gallery_list (CsGalleryPage *self)
{
  CsGalleryList list = cs_gallery_get_list (self->gallery);

  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->list_dropdown, list);
  self->syncing = FALSE;
  /* The crowd's lists are of the train items, whose labels they question; the split then
   * chooses the confusion alone. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->split_dropdown),
                               list == CS_GALLERY_MISTAKES || list == CS_GALLERY_ALL
                               ? _("The split whose items and confusion are shown")
                               : _("The split whose confusion is shown: this list is of the train items"));
}

static void
on_gallery_split (CsGalleryPage *self)
{
  CsSplitKind split = cs_gallery_get_split (self->gallery);

  self->syncing = TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->split_titles)); i++)
    if (self->splits[i] == split)
      gtk_drop_down_set_selected (self->split_dropdown, i);
  self->syncing = FALSE;
  show_confusion (self);
}

static void
on_list_chosen (CsGalleryPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->list_dropdown);

  if (!self->syncing && selected < G_N_ELEMENTS (list_titles))
    cs_gallery_set_list (self->gallery, selected);
}

static void
on_split_chosen (CsGalleryPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->split_dropdown);

  if (self->syncing || selected >= g_list_model_get_n_items (G_LIST_MODEL (self->split_titles)))
    return;
  cs_gallery_set_split (self->gallery, self->splits[selected]);
}

static void
on_class_chosen (CsGalleryPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->class_dropdown);

  if (!self->syncing && selected != GTK_INVALID_LIST_POSITION)
    cs_gallery_set_class (self->gallery, selected == 0 ? CS_ANY_CLASS : (int) selected - 1);
}

static void
on_least_toggled (CsGalleryPage *self)
{
  cs_gallery_set_least_confident_first (self->gallery, gtk_toggle_button_get_active (self->least_button));
}

/* A double-click (or Enter) on a cell of the confusion lists that cell's items. */
static void
on_cell_activated (CsGalleryPage *self,
                   guint          cell)
{
  int K = cs_heatmap_get_n_classes (self->confusion_heatmap);

  if (cell == CS_CHART_NO_ITEM || K == 0)
    return;
  cs_gallery_set_cell (self->gallery, (int) cell / K, (int) cell % K);
}

static void
on_clear_cell (CsGalleryPage *self)
{
  cs_gallery_set_cell (self->gallery, CS_ANY_CLASS, CS_ANY_CLASS);
}

static void
on_run_chosen (CsGalleryPage *self)
{
  CsTraining *training = cs_run_picker_get_training (self->run_picker);

  if (training != NULL && training != cs_gallery_get_training (self->gallery))
    cs_gallery_set_training (self->gallery, training);
}

/* Exports ------------------------------------------------------------------------------------ */

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(CsGalleryPage) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (cs_gallery_save_finish (CS_GALLERY (object), result, &error))
    text = g_strdup (_("Exported"));
  else
    text = g_strdup_printf (_("The export failed: %s"), error->message);
  cs_page_toast (GTK_WIDGET (self), text);
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         data)
{
  CsGalleryPage *self = data;
  gboolean all = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "all"));
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    cs_gallery_save_async (self->gallery, path, all, NULL, on_saved, g_object_ref (self));
  g_clear_object (&self->chooser);
}

/* Export Labels writes every item's prediction, as crowdscope-cli predict --split all
 * --probabilities does for the run's checkpoint; Export List the listed items alone. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CsGalleryPage *self = CS_GALLERY_PAGE (widget);
  gboolean all = g_str_equal (action_name, "gallery.export-labels");
  GtkRoot *root = gtk_widget_get_root (widget);
  CsDataset *dataset = run_dataset (self);
  g_autofree char *name = NULL;

  if (self->chooser != NULL || dataset == NULL)
    return;
  name = g_strdup_printf ("%s-%s.csv", dataset->name, all ? "labels" : "list");
  self->chooser = gtk_file_chooser_native_new (all ? _("Export Labels") : _("Export List"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_object_set_data (G_OBJECT (self->chooser), "all", GINT_TO_POINTER (all));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* The session ------------------------------------------------------------------------------ */

static void
cs_gallery_page_bind (CsPage    *page,
                      CsSession *session)
{
  CsGalleryPage *self = CS_GALLERY_PAGE (page);

  self->gallery = cs_gallery_new (session);
  cs_run_picker_set_session (self->run_picker, session, FALSE);
  g_signal_connect_swapped (self->gallery, "notify::items", G_CALLBACK (on_items), self);
  g_signal_connect_swapped (self->gallery, "notify::ready", G_CALLBACK (on_ready), self);
  g_signal_connect_swapped (self->gallery, "notify::list", G_CALLBACK (on_gallery_list), self);
  g_signal_connect_swapped (self->gallery, "notify::split", G_CALLBACK (on_gallery_split), self);
  on_gallery_list (self);
  on_items (self);
  on_ready (self);
}

static void
cs_gallery_page_unbind (CsPage    *page,
                        CsSession *session)
{
  CsGalleryPage *self = CS_GALLERY_PAGE (page);

  g_signal_handlers_disconnect_by_data (self->gallery, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_grid_view_set_model (self->grid, NULL);
  g_clear_object (&self->selection);
  cs_run_picker_set_session (self->run_picker, NULL, FALSE);
  g_clear_object (&self->gallery);
}

CsGallery *
cs_gallery_page_get_gallery (CsGalleryPage *self)
{
  g_return_val_if_fail (CS_IS_GALLERY_PAGE (self), NULL);
  return self->gallery;
}

void
cs_gallery_page_select (CsGalleryPage *self,
                        guint          position)
{
  g_return_if_fail (CS_IS_GALLERY_PAGE (self));
  if (self->selection != NULL && position < g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
    {
      gtk_single_selection_set_selected (self->selection, position);
      gtk_widget_activate_action (GTK_WIDGET (self->grid), "list.scroll-to-item", "u", position);
    }
}

static void
cs_gallery_page_dispose (GObject *object)
{
  CsGalleryPage *self = CS_GALLERY_PAGE (object);

  cs_page_set_session (CS_PAGE (self), NULL);
  if (self->picture_loading)
    g_cancellable_cancel (self->picture_loading);
  g_clear_object (&self->picture_loading);
  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_GALLERY_PAGE);
  g_clear_object (&self->cache);
  G_OBJECT_CLASS (cs_gallery_page_parent_class)->dispose (object);
}

static void
cs_gallery_page_class_init (CsGalleryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CsPageClass *page_class = CS_PAGE_CLASS (klass);

  object_class->dispose = cs_gallery_page_dispose;
  page_class->bind = cs_gallery_page_bind;
  page_class->unbind = cs_gallery_page_unbind;

  g_type_ensure (CS_TYPE_RUN_PICKER);
  g_type_ensure (CS_TYPE_HEATMAP);
  g_type_ensure (CS_TYPE_BAR_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/crowdscope/Crowdscope/cs-gallery-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsGalleryPage, paned);
  gtk_widget_class_bind_template_child (widget_class, CsGalleryPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CsGalleryPage, run_picker);
  gtk_widget_class_bind_template_child (widget_class, CsGalleryPage, list_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsGalleryPage, list_titles);
  gtk_widget_class_bind_template_child (widget_class, CsGalleryPage, split_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsGalleryPage, split_titles);
  gtk_widget_class_bind_template_child (widget_class, CsGalleryPage, class_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsGalleryPage, class_titles);
  gtk_widget_class_bind_template_child (widget_class, CsGalleryPage, least_button);
  gtk_widget_class_bind_template_child (widget_class, CsGalleryPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, CsGalleryPage, clear_cell_button);
  gtk_widget_class_bind_template_child (widget_class, CsGalleryPage, grid);
  gtk_widget_class_bind_template_child (widget_class, CsGalleryPage, confusion_heatmap);
  gtk_widget_class_bind_template_child (widget_class, CsGalleryPage, detail_box);
  gtk_widget_class_bind_template_child (widget_class, CsGalleryPage, detail_picture);
  gtk_widget_class_bind_template_child (widget_class, CsGalleryPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, CsGalleryPage, detail_chart);
  gtk_widget_class_bind_template_child (widget_class, CsGalleryPage, labels_list);
  gtk_widget_class_install_action (widget_class, "gallery.export-labels", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "gallery.export-list", NULL, export_action);
}

static void
cs_gallery_page_init (CsGalleryPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  cs_page_add_fold (CS_PAGE (self), self->paned);
  self->cache = g_object_ref (cs_thumbnail_cache_get_default ());
  for (guint i = 0; i < G_N_ELEMENTS (list_titles); i++)
    gtk_string_list_append (self->list_titles, _(list_titles[i]));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_tile), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_tile), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_tile), self);
  gtk_grid_view_set_factory (self->grid, factory);
  g_object_unref (factory);
  cs_chart_set_label (CS_CHART (self->detail_chart), GTK_ORIENTATION_VERTICAL, _("The model's probability"));
  g_signal_connect_swapped (self->list_dropdown, "notify::selected", G_CALLBACK (on_list_chosen), self);
  g_signal_connect_swapped (self->split_dropdown, "notify::selected", G_CALLBACK (on_split_chosen), self);
  g_signal_connect_swapped (self->class_dropdown, "notify::selected", G_CALLBACK (on_class_chosen), self);
  g_signal_connect_swapped (self->least_button, "toggled", G_CALLBACK (on_least_toggled), self);
  g_signal_connect_swapped (self->confusion_heatmap, "activated", G_CALLBACK (on_cell_activated), self);
  g_signal_connect_swapped (self->clear_cell_button, "clicked", G_CALLBACK (on_clear_cell), self);
  g_signal_connect_swapped (self->run_picker, "notify::training", G_CALLBACK (on_run_chosen), self);
}
