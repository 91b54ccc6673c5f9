/* test-image-split.c — a manifest's split of images without features
 *
 * A split with images= and no features= is described by the built-in image descriptor, from
 * PNG and JPEG files alike, with a notice saying so; its ids are the image names without their
 * extension, so a crowd table keyed by them finds its items.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-dataset.h"
#include "cs-error.h"
#include "cs-image-features.h"
#include "cs-layouts.h"
#include "cs-test-images.h"
#include "test-util.h"

#define SIZE 32

/* images/train holds six pictures of two shapes (PNG and JPEG), images/test two; crowd.csv
 * labels every train item twice by its name. */
static void
write_folder (CsTestDir *tmp)
{
  static const char *train[] = { "c.png", "a.jpg", "f.jpg", "b.png", "e.png", "d.jpg" };

  for (guint i = 0; i < G_N_ELEMENTS (train); i++)
    {
      g_autofree char *path = g_build_filename ("images/train", train[i], NULL);

      cs_test_write_shape_image (cs_test_dir_path (tmp, path), i % 2, SIZE, i);
    }
  cs_test_write_shape_image (cs_test_dir_path (tmp, "images/test/t1.png"), 0, SIZE, 11);
  cs_test_write_shape_image (cs_test_dir_path (tmp, "images/test/t2.jpg"), 1, SIZE, 12);
  cs_test_dir_write (tmp, "images/train/notes.txt", "not an image: the listing skips it\n");
  cs_test_dir_write (tmp, "crowd.csv", "item,annotator,label\n"
                     "a,w1,round\na,w2,round\nb,w1,round\nb,w2,square\nc,w1,square\n"
                     "c,w2,square\nd,w1,round\nd,w2,round\ne,w1,square\ne,w2,square\n"
                     "f,w1,square\nf,w2,round\n");
}

static CsDataset *
load (CsTestDir   *tmp,
      const char  *splits,
      GError     **error)
{
  return cs_dataset_load (cs_test_dir_write (tmp, CS_MANIFEST_NAME,
                                             "[dataset]\nclasses=round;square\ncrowd=crowd.csv\n"
                                             "%s", splits),
                          NULL, error);
}

/* Every PNG and JPEG file of the folder, by name, with ids from the names and the descriptor's
 * features; the notice is given once for both splits. */
static void
test_folder (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDataset) dataset = NULL;
  const CsSplit *train, *test;
  float expected[CS_IMAGE_FEATURES_DIM];
  guint notices = 0;

  write_folder (tmp);
  dataset = load (tmp, "[train]\nimages=images/train\n[test]\nimages=images/test\n", &error);
  g_assert_no_error (error);
  train = cs_dataset_get_split (dataset, CS_SPLIT_TRAIN);
  test = cs_dataset_get_split (dataset, CS_SPLIT_TEST);
  g_assert_cmpint (dataset->d, ==, CS_IMAGE_FEATURES_DIM);
  g_assert_cmpint (train->n, ==, 6);
  g_assert_cmpint (test->n, ==, 2);
  for (int i = 0; i < 6; i++)
    {
      char id[2] = { (char) ('a' + i), '\0' };

      g_assert_cmpstr (train->item_ids[i], ==, id);
      g_autofree char *base = g_path_get_basename (train->image_paths[i]);

      g_assert_true (g_str_has_prefix (base, id));
    }
  g_assert_cmpstr (test->item_ids[1], ==, "t2");
  g_assert_cmpint (train->n_labels, ==, 12);
  g_assert_cmpint (dataset->n_annotators, ==, 2);

  /* Unstandardized features are the descriptor's own: b.png is train item 1. */
  g_clear_pointer (&dataset, cs_dataset_unref);
  dataset = cs_dataset_load (cs_test_dir_path (tmp, CS_MANIFEST_NAME),
                             &(CsLoadOptions) { CS_STANDARDIZE_NEVER }, &error);
  g_assert_no_error (error);
  g_assert_true (cs_image_features_read (expected, cs_test_dir_path (tmp, "images/train/b.png"),
                                         &error));
  train = cs_dataset_get_split (dataset, CS_SPLIT_TRAIN);
  for (int j = 0; j < CS_IMAGE_FEATURES_DIM; j++)
    g_assert_cmpfloat (train->features[CS_IMAGE_FEATURES_DIM + j], ==, expected[j]);
  for (guint i = 0; i < dataset->warnings->len; i++)
    notices += g_str_has_prefix (dataset->warnings->pdata[i], "The features were computed");
  g_assert_cmpuint (notices, ==, 1);
  g_assert_true (cs_test_warnings_contain (dataset, "pretrained network"));
}

/* An image list picks the images and their order; ids= names them otherwise. */
static void
test_list (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDataset) dataset = NULL;
  const CsSplit *train;

  write_folder (tmp);
  cs_test_dir_write (tmp, "list.txt", "f.jpg\nb.png\na.jpg\nc.png\nd.jpg\ne.png\n");
  dataset = load (tmp, "[train]\nimages=images/train\nimage-list=list.txt\n", &error);
  g_assert_no_error (error);
  train = cs_dataset_get_split (dataset, CS_SPLIT_TRAIN);
  g_assert_cmpstr (train->item_ids[0], ==, "f");
  g_assert_cmpstr (train->item_ids[1], ==, "b");
  g_assert_cmpint (train->n_labels, ==, 12);
}

/* A features table of image names and nothing else to describe them by. */
static void
test_image_column (void)
{
  g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CsDataset) dataset = NULL;
  const CsSplit *train;

  write_folder (tmp);
  cs_test_dir_write (tmp, "train.csv", "id,file,truth\nb,b.png,square\na,a.jpg,round\n"
                     "c,c.png,square\nd,d.jpg,round\ne,e.png,square\nf,f.jpg,round\n");
  dataset = load (tmp, "[train]\nfeatures=train.csv\nid-column=id\nimage-column=file\n"
                  "gold-column=truth\nimages=images/train\n", &error);
  g_assert_no_error (error);
  train = cs_dataset_get_split (dataset, CS_SPLIT_TRAIN);
  g_assert_cmpint (dataset->d, ==, CS_IMAGE_FEATURES_DIM);
  g_assert_cmpstr (train->item_ids[0], ==, "b");
  g_assert_cmpint (train->gold[0], ==, 1);
  g_assert_true (cs_test_warnings_contain (dataset, "The features were computed"));
}

/* An empty folder, an image that is not one, an image column with no table, and a split with
 * neither features nor images: each an error naming the file or the group. */
static void
test_bad (void)
{
  static const struct
  {
    const char *splits;
    int         code;
    const char *fragment;
  } cases[] = {
    { "[train]\nimages=empty\n", CS_ERROR_FORMAT, "empty: expected PNG or JPEG images, found none" },
    { "[train]\nimages=images/train\nimage-list=broken.txt\n", CS_ERROR_FORMAT,
      "broken.jpg: expected a PNG or JPEG image" },
    { "[train]\nimages=images/train\nimage-column=file\n", CS_ERROR_FORMAT,
      "[train]: an image-column was given but no features table" },
    { "[train]\ngold=gold.txt\n", CS_ERROR_FORMAT,
      "[train]: expected a features file or an images folder, found neither" },
    { "[train]\nimages=missing\n", CS_ERROR_IO, "missing: cannot read folder" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(CsTestDir) tmp = cs_test_dir_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(CsDataset) dataset = NULL;

      write_folder (tmp);
      cs_test_dir_write (tmp, "empty/readme.txt", "no images here\n");
      cs_test_dir_write (tmp, "images/train/broken.jpg", "not a JPEG\n");
      cs_test_dir_write (tmp, "broken.txt", "a.jpg\nbroken.jpg\n");
      dataset = load (tmp, cases[c].splits, &error);
      g_assert_null (dataset);
      g_assert_error (error, CS_ERROR, cases[c].code);
      cs_test_assert_contains (error->message, cases[c].fragment);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/image-split/folder", test_folder);
  g_test_add_func ("/image-split/list", test_list);
  g_test_add_func ("/image-split/image-column", test_image_column);
  g_test_add_func ("/image-split/bad", test_bad);
  return g_test_run ();
}
