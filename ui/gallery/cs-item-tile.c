/* cs-item-tile.c — one item in the gallery: its thumbnail, gold label, the model's prediction
 * and the crowd's votes
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cs-item-tile.h"
#include "cs-thumbnail.h"
#include "cs-vote-bar.h"

#define MIN_TILE_SIZE 32
#define MAX_TILE_SIZE 1024

struct _CsItemTile
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkWidget        *media;
  CsThumbnail      *picture;
  GtkWidget        *placeholder;
  GtkLabel         *failure_label;
  GtkLabel         *id_label;
  GtkLabel         *gold_label;
  GtkWidget        *prediction_row;
  GtkWidget        *wrong_icon;
  GtkLabel         *prediction_label;
  GtkLabel         *probability_label;
  CsVoteBar        *votes;

  /* Owned: what the caller set */
  CsThumbnailCache *cache;
  CsItem           *item;
  char             *prediction;       /* NULL: none */
  double            probability;      /* NaN: not known */
  int               tile_size;

  /* Owned: what the item's image gave */
  char             *gold_name;        /* NULL: not known */
  guint             load_source;      /* the idle that starts a load */
  GCancellable     *cancellable;      /* the load on its way, if any */
  GdkTexture       *thumbnail;
  char             *failure;          /* why the image cannot be shown */
  int               thumbnail_size;   /* the device pixels it was loaded at; 0: not loaded */
  gboolean          stale;            /* what is shown waits for the next map */
};

enum {
  PROP_0,
  PROP_ITEM,
  PROP_CACHE,
  PROP_CLASSES,
  PROP_PREDICTION,
  PROP_PROBABILITY,
  PROP_TILE_SIZE,
  PROP_WRONG,
  PROP_FAILURE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CsItemTile, cs_item_tile, GTK_TYPE_WIDGET)

/* ---- Words -------------------------------------------------------------------------------- */

static gboolean
is_wrong (CsItemTile *self)
{
  return self->prediction != NULL && self->gold_name != NULL &&
         strcmp (self->prediction, self->gold_name) != 0;
}

static char *
format_probability (double probability)
{
  return g_strdup_printf ("%.0f %%", 100 * probability);
}

/* What the tile shows, a line each: id, gold, prediction, votes, and why there is no image. */
static GPtrArray *
describe_lines (CsItemTile *self)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *votes = cs_vote_bar_describe (self->votes);
  int n_labels = cs_item_get_n_labels (self->item);

  g_ptr_array_add (lines, g_strdup_printf (_("Item %s"), cs_item_get_id (self->item)));
  g_ptr_array_add (lines, self->gold_name != NULL ? g_strdup_printf (_("Gold: %s"), self->gold_name)
                                                  : g_strdup (_("Gold: not known")));
  if (self->prediction != NULL)
    {
      g_autofree char *probability = isnan (self->probability)
                                       ? NULL : format_probability (self->probability);
      g_autofree char *predicted = probability != NULL
                                     ? g_strdup_printf (_("Predicted: %s, %s"), self->prediction,
                                                        probability)
                                     : g_strdup_printf (_("Predicted: %s"), self->prediction);

      g_ptr_array_add (lines, is_wrong (self) ? g_strdup_printf (_("%s (wrong)"), predicted)
                                              : g_steal_pointer (&predicted));
    }
  if (n_labels == 0)
    g_ptr_array_add (lines, g_strdup (_("No crowd labels")));
  else
    g_ptr_array_add (lines,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Votes: %s (%d label)",
                                                   "Votes: %s (%d labels)", n_labels),
                                      votes, n_labels));
  if (self->failure != NULL)
    g_ptr_array_add (lines, g_strdup_printf (_("No image: %s"), self->failure));
  return lines;
}

static char *
join_lines (GPtrArray  *lines,
            const char *separator)
{
  g_ptr_array_add (lines, NULL);
  return g_strjoinv (separator, (char **) lines->pdata);
}

/* The accessible description says it all in sentences; the tooltip says the same a line each,
 * made when it is shown (setting a widget's tooltip text asks for a tooltip query at once,
 * which costs more than the rest of binding a tile, and a grid binds dozens a frame). */
static void
update_description (CsItemTile *self)
{
  g_autofree char *description = NULL;

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), self->item != NULL);
  if (self->item == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }
  description = cs_item_tile_describe (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, cs_item_get_id (self->item),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static gboolean
query_tooltip_cb (CsItemTile *self,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  g_autofree char *text = cs_item_tile_get_tooltip (self);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* The tooltip's text, a line for each thing the tile shows. */
char *
cs_item_tile_get_tooltip (CsItemTile *self)
{
  g_autoptr(GPtrArray) lines = NULL;

  g_return_val_if_fail (CS_IS_ITEM_TILE (self), NULL);

  if (self->item == NULL)
    return NULL;
  lines = describe_lines (self);
  return join_lines (lines, "\n");
}

/* “Gold coast”, the word faded so that the class reads first. */
static void
set_dimmed_prefix (GtkLabel   *label,
                   const char *prefix,
                   const char *text)
{
  g_autofree char *markup = g_markup_printf_escaped ("<span alpha=\"60%%\">%s</span> %s",
                                                     prefix, text);

  gtk_label_set_markup (label, markup);
}

static void
update_prediction (CsItemTile *self)
{
  gboolean wrong = is_wrong (self);
  g_autofree char *probability = NULL;

  gtk_widget_set_visible (self->prediction_row, self->item != NULL && self->prediction != NULL);
  gtk_widget_set_visible (self->wrong_icon, wrong);
  if (wrong)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "wrong");
      gtk_widget_add_css_class (self->prediction_row, "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "wrong");
      gtk_widget_remove_css_class (self->prediction_row, "error");
    }
  if (self->prediction == NULL)
    return;
  /* TRANSLATORS: before the class the model predicts, in a gallery tile; keep it short */
  set_dimmed_prefix (self->prediction_label, C_("tile", "Model"), self->prediction);
  if (!isnan (self->probability))
    probability = format_probability (self->probability);
  gtk_label_set_text (self->probability_label, probability != NULL ? probability : "");
}

static void
update_labels (CsItemTile *self)
{
  gboolean card = self->item != NULL && cs_item_get_image_path (self->item) == NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->id_label), card);
  gtk_widget_set_visible (self->media, self->item == NULL || !card);
  gtk_label_set_text (self->id_label, self->item != NULL ? cs_item_get_id (self->item) : "");
  /* TRANSLATORS: before the gold label's class, in a gallery tile; keep it short */
  set_dimmed_prefix (self->gold_label, C_("tile", "Gold"),
                     self->gold_name != NULL ? self->gold_name : "—");
  gtk_widget_set_visible (GTK_WIDGET (self->gold_label), self->item != NULL);
  cs_vote_bar_set_votes (self->votes, self->item != NULL ? cs_item_get_votes (self->item) : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->votes), self->item != NULL);
  update_prediction (self);
  update_description (self);
}

/* ---- The thumbnail ------------------------------------------------------------------------ */

static void
cancel_load (CsItemTile *self)
{
  g_clear_handle_id (&self->load_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

/* The placeholder names the file without its folder, for which a tile has no room; the tooltip
 * and the description say the whole path. */
static char *
shorten_failure (CsItemTile *self,
                 const char *failure)
{
  const char *path = self->item != NULL ? cs_item_get_image_path (self->item) : NULL;
  g_autofree char *name = NULL;
  const char *at;

  if (path == NULL || (at = strstr (failure, path)) == NULL)
    return g_strdup (failure);
  name = g_path_get_basename (path);
  return g_strdup_printf ("%.*s%s%s", (int) (at - failure), failure, name, at + strlen (path));
}

/* Shows the thumbnail, or the placeholder with why there is none, or (both NULL) the empty
 * frame of an image still loading. */
static void
show_thumbnail (CsItemTile *self,
                GdkTexture *texture,
                const char *failure)
{
  gboolean failure_changed = g_strcmp0 (self->failure, failure) != 0;

  g_set_object (&self->thumbnail, texture);
  cs_thumbnail_set_texture (self->picture, texture);
  if (failure_changed)
    {
      g_free (self->failure);
      self->failure = g_strdup (failure);
      g_autofree char *shown = failure != NULL ? shorten_failure (self, failure) : NULL;

      gtk_label_set_text (self->failure_label, shown != NULL ? shown : "");
      gtk_widget_set_visible (self->placeholder, failure != NULL);
      update_description (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILURE]);
    }
}

static void
show_result (CsItemTile *self,
             GdkTexture *texture,
             GError     *error,
             int         size)
{
  self->thumbnail_size = size;
  show_thumbnail (self, texture, error != NULL ? error->message : NULL);
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsItemTile) self = g_weak_ref_get (data);

  g_weak_ref_clear (data);
  g_free (data);
  texture = cs_thumbnail_cache_load_finish (CS_THUMBNAIL_CACHE (source), result, &error);
  /* A cancelled load was replaced by another, or the tile went out of view. */
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  show_result (self, texture, error,
               self->tile_size * gtk_widget_get_scale_factor (GTK_WIDGET (self)));
}

static gboolean
start_load_cb (gpointer data)
{
  CsItemTile *self = data;
  GWeakRef *ref = g_new (GWeakRef, 1);

  self->load_source = 0;
  self->cancellable = g_cancellable_new ();
  g_weak_ref_init (ref, self);
  cs_thumbnail_cache_load_async (self->cache, cs_item_get_image_path (self->item),
                                 self->tile_size * gtk_widget_get_scale_factor (GTK_WIDGET (self)),
                                 self->cancellable, load_cb, ref);
  return G_SOURCE_REMOVE;
}

/* Brings the thumbnail in line with the item, the size and whether the tile is in view: from the
 * cache at once when it has it, else from a load that only a mapped tile starts. The load waits
 * for an idle after the frame: a grid view maps every tile it makes before its first layout,
 * and unmaps those out of view again within the same frame. */
static void
update_thumbnail (CsItemTile *self)
{
  const char *path = self->item != NULL ? cs_item_get_image_path (self->item) : NULL;
  int size = self->tile_size * gtk_widget_get_scale_factor (GTK_WIDGET (self));
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  if (path != NULL && size == self->thumbnail_size)
    return;
  cancel_load (self);
  self->thumbnail_size = 0;
  if (path == NULL)
    {
      show_thumbnail (self, NULL, NULL);
      return;
    }
  if (cs_thumbnail_cache_lookup (self->cache, path, size, &texture, &error))
    {
      show_result (self, texture, error, size);
      return;
    }
  show_thumbnail (self, NULL, NULL);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->load_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, start_load_cb, self, NULL);
}

static void
apply_tile_size (CsItemTile *self)
{
  gtk_widget_set_size_request (GTK_WIDGET (self), self->tile_size, -1);
  cs_thumbnail_set_size (self->picture, self->tile_size);
}

static void
scale_factor_changed_cb (CsItemTile *self,
                         GParamSpec *pspec,
                         gpointer    data)
{
  update_thumbnail (self);
}

/* ---- GtkWidget ---------------------------------------------------------------------------- */

/* An unmapped tile given an item only keeps it, and shows it when mapped: a GTK 4.8 grid view
 * binds the tiles of 30 rows around the ones in view, and rebinds some 60 of them for every row
 * scrolled, most of them out of view. */
static void
cs_item_tile_map (GtkWidget *widget)
{
  CsItemTile *self = CS_ITEM_TILE (widget);

  GTK_WIDGET_CLASS (cs_item_tile_parent_class)->map (widget);
  if (self->stale)
    {
      self->stale = FALSE;
      update_labels (self);
    }
  update_thumbnail (self);
}

/* A tile scrolled out of view stops waiting for its image and lets its texture go, so that
 * the textures alive are the cache's and those on screen; the next map asks the cache again.
 * Why an image failed is kept: it is a line of text, and the tile's description says it. */
static void
cs_item_tile_unmap (GtkWidget *widget)
{
  CsItemTile *self = CS_ITEM_TILE (widget);

  cancel_load (self);
  if (self->thumbnail != NULL)
    {
      show_thumbnail (self, NULL, self->failure);
      self->thumbnail_size = 0;
    }
  GTK_WIDGET_CLASS (cs_item_tile_parent_class)->unmap (widget);
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
cs_item_tile_dispose (GObject *object)
{
  CsItemTile *self = CS_ITEM_TILE (object);

  cancel_load (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_ITEM_TILE);
  g_clear_object (&self->item);
  g_clear_object (&self->thumbnail);
  g_clear_object (&self->cache);
  G_OBJECT_CLASS (cs_item_tile_parent_class)->dispose (object);
}

static void
cs_item_tile_finalize (GObject *object)
{
  CsItemTile *self = CS_ITEM_TILE (object);

  g_free (self->prediction);
  g_free (self->gold_name);
  g_free (self->failure);
  G_OBJECT_CLASS (cs_item_tile_parent_class)->finalize (object);
}

static void
cs_item_tile_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CsItemTile *self = CS_ITEM_TILE (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    case PROP_CACHE:
      g_value_set_object (value, self->cache);
      break;
    case PROP_CLASSES:
      g_value_set_boxed (value, cs_vote_bar_get_classes (self->votes));
      break;
    case PROP_PREDICTION:
      g_value_set_string (value, self->prediction);
      break;
    case PROP_PROBABILITY:
      g_value_set_double (value, self->probability);
      break;
    case PROP_TILE_SIZE:
      g_value_set_int (value, self->tile_size);
      break;
    case PROP_WRONG:
      g_value_set_boolean (value, is_wrong (self));
      break;
    case PROP_FAILURE:
      g_value_set_string (value, self->failure);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_item_tile_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CsItemTile *self = CS_ITEM_TILE (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      cs_item_tile_set_item (self, g_value_get_object (value));
      break;
    case PROP_CACHE:
      self->cache = g_value_get_object (value) != NULL ? g_value_dup_object (value)
                                                       : g_object_ref (cs_thumbnail_cache_get_default ());
      break;
    case PROP_CLASSES:
      cs_item_tile_set_classes (self, g_value_get_boxed (value));
      break;
    case PROP_PREDICTION:
      cs_item_tile_set_prediction (self, g_value_get_string (value), self->probability);
      break;
    case PROP_PROBABILITY:
      cs_item_tile_set_prediction (self, self->prediction, g_value_get_double (value));
      break;
    case PROP_TILE_SIZE:
      cs_item_tile_set_tile_size (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_item_tile_class_init (CsItemTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = cs_item_tile_dispose;
  object_class->finalize = cs_item_tile_finalize;
  object_class->get_property = cs_item_tile_get_property;
  object_class->set_property = cs_item_tile_set_property;
  widget_class->map = cs_item_tile_map;
  widget_class->unmap = cs_item_tile_unmap;

  properties[PROP_ITEM] = g_param_spec_object ("item", NULL, NULL, CS_TYPE_ITEM, flags);
  properties[PROP_CACHE] =
    g_param_spec_object ("cache", NULL, NULL, CS_TYPE_THUMBNAIL_CACHE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLASSES] = g_param_spec_boxed ("classes", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_PREDICTION] = g_param_spec_string ("prediction", NULL, NULL, NULL, flags);
  /* NaN, the value of a new tile, is “not known”; the pspec's default must be a number. */
  properties[PROP_PROBABILITY] = g_param_spec_double ("probability", NULL, NULL, 0, 1, 0, flags);
  properties[PROP_TILE_SIZE] =
    g_param_spec_int ("tile-size", NULL, NULL, MIN_TILE_SIZE, MAX_TILE_SIZE,
                      CS_ITEM_TILE_DEFAULT_SIZE, flags);
  properties[PROP_WRONG] =
    g_param_spec_boolean ("wrong", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FAILURE] =
    g_param_spec_string ("failure", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CS_TYPE_THUMBNAIL);
  g_type_ensure (CS_TYPE_VOTE_BAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/crowdscope/Crowdscope/cs-item-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, CsItemTile, media);
  gtk_widget_class_bind_template_child (widget_class, CsItemTile, picture);
  gtk_widget_class_bind_template_child (widget_class, CsItemTile, placeholder);
  gtk_widget_class_bind_template_child (widget_class, CsItemTile, failure_label);
  gtk_widget_class_bind_template_child (widget_class, CsItemTile, id_label);
  gtk_widget_class_bind_template_child (widget_class, CsItemTile, gold_label);
  gtk_widget_class_bind_template_child (widget_class, CsItemTile, prediction_row);
  gtk_widget_class_bind_template_child (widget_class, CsItemTile, wrong_icon);
  gtk_widget_class_bind_template_child (widget_class, CsItemTile, prediction_label);
  gtk_widget_class_bind_template_child (widget_class, CsItemTile, probability_label);
  gtk_widget_class_bind_template_child (widget_class, CsItemTile, votes);
  gtk_widget_class_set_css_name (widget_class, "itemtile");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cs_item_tile_init (CsItemTile *self)
{
  self->probability = NAN;
  self->tile_size = CS_ITEM_TILE_DEFAULT_SIZE;
  gtk_widget_init_template (GTK_WIDGET (self));
  apply_tile_size (self);
  update_labels (self);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (scale_factor_changed_cb), NULL);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
}

/* ---- API ---------------------------------------------------------------------------------- */

/* cache: where thumbnails come from; NULL for the process's default cache. */
GtkWidget *
cs_item_tile_new (CsThumbnailCache *cache)
{
  g_return_val_if_fail (cache == NULL || CS_IS_THUMBNAIL_CACHE (cache), NULL);

  return g_object_new (CS_TYPE_ITEM_TILE, "cache", cache, NULL);
}

void
cs_item_tile_set_item (CsItemTile *self,
                       CsItem     *item)
{
  gboolean was_wrong;

  g_return_if_fail (CS_IS_ITEM_TILE (self));
  g_return_if_fail (item == NULL || CS_IS_ITEM (item));

  if (self->item == item)
    return;
  was_wrong = is_wrong (self);
  g_set_object (&self->item, item);
  g_clear_pointer (&self->gold_name, g_free);
  if (item != NULL)
    g_object_get (item, "gold-name", &self->gold_name, NULL);
  self->thumbnail_size = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      update_thumbnail (self);
      update_labels (self);
    }
  else
    {
      cancel_load (self);
      show_thumbnail (self, NULL, NULL);
      self->stale = TRUE;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
  if (was_wrong != is_wrong (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WRONG]);
}

CsItem *
cs_item_tile_get_item (CsItemTile *self)
{
  g_return_val_if_fail (CS_IS_ITEM_TILE (self), NULL);

  return self->item;
}

/* prediction: the class the model gives the item, NULL for none; probability: what the model
 * gives that class, NaN when not known. */
void
cs_item_tile_set_prediction (CsItemTile *self,
                             const char *prediction,
                             double      probability)
{
  gboolean was_wrong;
  gboolean same_probability;

  g_return_if_fail (CS_IS_ITEM_TILE (self));
  g_return_if_fail (isnan (probability) || (probability >= 0 && probability <= 1));

  same_probability = probability == self->probability ||
                     (isnan (probability) && isnan (self->probability));
  if (g_strcmp0 (self->prediction, prediction) == 0 && same_probability)
    return;
  was_wrong = is_wrong (self);
  if (g_strcmp0 (self->prediction, prediction) != 0)
    {
      g_free (self->prediction);
      self->prediction = g_strdup (prediction);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREDICTION]);
    }
  if (!same_probability)
    {
      self->probability = probability;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBABILITY]);
    }
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      update_prediction (self);
      update_description (self);
    }
  else
    self->stale = TRUE;
  if (was_wrong != is_wrong (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WRONG]);
}

const char *
cs_item_tile_get_prediction (CsItemTile *self)
{
  g_return_val_if_fail (CS_IS_ITEM_TILE (self), NULL);

  return self->prediction;
}

double
cs_item_tile_get_probability (CsItemTile *self)
{
  g_return_val_if_fail (CS_IS_ITEM_TILE (self), NAN);

  return self->probability;
}

gboolean
cs_item_tile_get_wrong (CsItemTile *self)
{
  g_return_val_if_fail (CS_IS_ITEM_TILE (self), FALSE);

  return is_wrong (self);
}

/* The dataset's class names, in order: they colour the votes. */
void
cs_item_tile_set_classes (CsItemTile         *self,
                          const char * const *classes)
{
  const char * const *before;

  g_return_if_fail (CS_IS_ITEM_TILE (self));

  /* The gallery sets them on every bind: the bar keeps them unless they differ. */
  before = cs_vote_bar_get_classes (self->votes);
  cs_vote_bar_set_classes (self->votes, classes);
  if (cs_vote_bar_get_classes (self->votes) != before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLASSES]);
}

void
cs_item_tile_set_tile_size (CsItemTile *self,
                            int         size)
{
  g_return_if_fail (CS_IS_ITEM_TILE (self));
  g_return_if_fail (size >= MIN_TILE_SIZE && size <= MAX_TILE_SIZE);

  if (self->tile_size == size)
    return;
  self->tile_size = size;
  apply_tile_size (self);
  update_thumbnail (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TILE_SIZE]);
}

int
cs_item_tile_get_tile_size (CsItemTile *self)
{
  g_return_val_if_fail (CS_IS_ITEM_TILE (self), 0);

  return self->tile_size;
}

CsThumbnailCache *
cs_item_tile_get_cache (CsItemTile *self)
{
  g_return_val_if_fail (CS_IS_ITEM_TILE (self), NULL);

  return self->cache;
}

/* The thumbnail shown; NULL while it loads, or without one. */
GdkTexture *
cs_item_tile_get_thumbnail (CsItemTile *self)
{
  g_return_val_if_fail (CS_IS_ITEM_TILE (self), NULL);

  return self->thumbnail;
}

/* Why the item's image cannot be shown, as the placeholder says; NULL when it can. */
const char *
cs_item_tile_get_failure (CsItemTile *self)
{
  g_return_val_if_fail (CS_IS_ITEM_TILE (self), NULL);

  return self->failure;
}

/* Whether the tile waits for its image. */
gboolean
cs_item_tile_get_loading (CsItemTile *self)
{
  g_return_val_if_fail (CS_IS_ITEM_TILE (self), FALSE);

  return self->load_source != 0 || self->cancellable != NULL;
}

/* Everything the tile shows, in sentences: its accessible description. */
char *
cs_item_tile_describe (CsItemTile *self)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *sentences = NULL;

  g_return_val_if_fail (CS_IS_ITEM_TILE (self), NULL);

  if (self->item == NULL)
    return g_strdup ("");
  lines = describe_lines (self);
  sentences = join_lines (lines, ". ");
  return g_strconcat (sentences, ".", NULL);
}
