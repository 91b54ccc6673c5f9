/* cs-lazy-list.c — a list model whose items are made when first asked for
 *
 * A dataset can have 100,000 items and thousands of annotators, of which a view shows a
 * screenful: each item is made the first time a view asks for it and kept, so a view that
 * asks again gets the same object.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-lazy-list.h"

struct _CsLazyList
{
  GObject               parent_instance;

  GType                 item_type;
  GPtrArray            *items;     /* [n_items] of GObject, NULL until made */
  CsLazyListCreateFunc  create;
  gpointer              data;
  GDestroyNotify        destroy;
};

static GType
cs_lazy_list_get_item_type (GListModel *model)
{
  return CS_LAZY_LIST (model)->item_type;
}

static guint
cs_lazy_list_get_n_items (GListModel *model)
{
  return CS_LAZY_LIST (model)->items->len;
}

static gpointer
cs_lazy_list_get_item (GListModel *model,
                       guint       position)
{
  CsLazyList *self = CS_LAZY_LIST (model);
  GObject *item;

  if (position >= self->items->len)
    return NULL;
  if ((item = g_ptr_array_index (self->items, position)) == NULL)
    {
      item = self->create (self->data, position);
      g_assert (G_TYPE_CHECK_INSTANCE_TYPE (item, self->item_type));
      g_ptr_array_index (self->items, position) = item;
    }
  return g_object_ref (item);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = cs_lazy_list_get_item_type;
  iface->get_n_items = cs_lazy_list_get_n_items;
  iface->get_item = cs_lazy_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (CsLazyList, cs_lazy_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
unref_item (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

static void
cs_lazy_list_finalize (GObject *object)
{
  CsLazyList *self = CS_LAZY_LIST (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  if (self->destroy != NULL && self->data != NULL)
    self->destroy (self->data);
  G_OBJECT_CLASS (cs_lazy_list_parent_class)->finalize (object);
}

static void
cs_lazy_list_class_init (CsLazyListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cs_lazy_list_finalize;
}

static void
cs_lazy_list_init (CsLazyList *self)
{
}

CsLazyList *
cs_lazy_list_new (GType                 item_type,
                  guint                 n_items,
                  CsLazyListCreateFunc  create,
                  gpointer              data,
                  GDestroyNotify        destroy)
{
  CsLazyList *self;

  g_return_val_if_fail (g_type_is_a (item_type, G_TYPE_OBJECT), NULL);
  g_return_val_if_fail (create != NULL, NULL);

  self = g_object_new (CS_TYPE_LAZY_LIST, NULL);
  self->item_type = item_type;
  self->items = g_ptr_array_new_full (n_items, unref_item);
  g_ptr_array_set_size (self->items, n_items);
  self->create = create;
  self->data = data;
  self->destroy = destroy;
  return self;
}
