/* cs-import-plan.h — the files of a user's own dataset, as an import assistant gathers them
 *
 * A plan is filled step by step (crowd labels, features, gold, splits), checked at each step,
 * summarised, and only then written as a crowdscope.ini manifest that cs_dataset_load() opens.
 * Nothing here writes a file but cs_import_plan_write().
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-error.h"
#include "cs-import-problem.h"

G_BEGIN_DECLS

/* How the crowd labels are laid out. */
typedef enum
{
  CS_CROWD_LONG_TABLE,     /* CSV or tab-separated rows of item, annotator, label */
  CS_CROWD_ANSWER_MATRIX,  /* one row per train item, one column per annotator, -1 = none */
} CsCrowdFormat;

/* Where a split's features come from. */
typedef enum
{
  CS_FEATURES_NONE,        /* the split is not given */
  CS_FEATURES_NPY,         /* an [n, d] .npy array, rows in the items' order */
  CS_FEATURES_CSV,         /* a table with a header; feature_columns pick the columns */
  CS_FEATURES_IMAGES,      /* images in images_folder: named by a table (features_path +
                            * image_column), whose other numeric columns are the features, or
                            * by an image list with .npy features; or, with no features_path,
                            * those of image_list or every image in the folder, described by
                            * the built-in image descriptor */
} CsFeaturesKind;

/* Where a split's item ids come from. */
typedef enum
{
  CS_IDS_ROW_NUMBERS,      /* none given: items are named by their row, "0", "1", … */
  CS_IDS_COLUMN,           /* id_column of the features table */
  CS_IDS_FILE,             /* ids_path, one id a line in the features' order */
  CS_IDS_GOLD_ORDER,       /* the rows of the gold table gold_path, in order (gold_source is
                            * then CS_GOLD_TABLE) */
  CS_IDS_CROWD_ORDER,      /* the long crowd table's items, in the order they first appear
                            * (the train split only) */
  CS_IDS_IMAGE_NAMES,      /* the image names without their extension (images without a
                            * features file only) */
} CsIdSource;

/* Where a split's gold labels come from. */
typedef enum
{
  CS_GOLD_NONE,
  CS_GOLD_COLUMN,          /* gold_column of the features table */
  CS_GOLD_TABLE,           /* gold_path, a table keyed by item id (gold_id_column,
                            * gold_label_column; NULL = the usual names) in any row order */
  CS_GOLD_LIST,            /* gold_path, one label a line in the features' order */
} CsGoldSource;

/* All strings are owned by the plan (g_strdup them in, cs_import_plan_free frees them);
 * NULL means "not chosen". Relative paths are relative to the current directory. */
typedef struct
{
  char           *features_path;
  CsFeaturesKind  features_kind;
  char          **feature_columns;    /* CSV: names or glob patterns ("f*"); NULL = every
                                       * column that is not the id, gold or image */
  char           *images_folder;      /* CS_FEATURES_IMAGES */
  char           *image_column;       /* of the features table, or … */
  char           *image_list;         /* … a file of image names, one a line */
  CsIdSource      id_source;
  char           *id_column;
  char           *ids_path;
  CsGoldSource    gold_source;
  char           *gold_column;
  char           *gold_path;
  char           *gold_id_column;
  char           *gold_label_column;
} CsImportSplit;

typedef struct
{
  /* Step 1: crowd labels. A long table's labels go to whichever split holds their item. */
  char           *crowd_path;
  CsCrowdFormat   crowd_format;
  char            separator;          /* ',' or '\t'; 0 = guess from the file */
  char           *item_column;        /* NULL = guess (item|task|id, any case) */
  char           *annotator_column;   /* NULL = guess (annotator|worker) */
  char           *label_column;       /* NULL = guess (label|class) */

  /* Steps 2 and 3: features, ids and gold of each split; train is required. */
  CsImportSplit   splits[CS_N_SPLITS];

  /* Step 4: when neither valid nor test is given, they may be carved out of train: n_valid
   * and n_test items (0 = none), stratified by gold class where gold is known, the same
   * items for the same seed. */
  bool            carve;
  int             carve_valid;
  int             carve_test;
  guint64         carve_seed;

  /* Step 5: the dataset. */
  char           *name;               /* NULL = the base name of folder, below */
  char          **classes;            /* NULL = found in the labels, see below */
  char           *folder;             /* where crowdscope.ini goes; NULL = the crowd file's
                                       * folder */
} CsImportPlan;

/* Whether a split is images alone, which the built-in descriptor describes. */
gboolean      cs_import_split_is_images_only (const CsImportSplit *split);
/* A split of images alone names its items by their files: when no other source of ids was
 * chosen (row numbers), its ids become the image names. */
void          cs_import_split_settle_ids     (CsImportSplit       *split);

/* The usual column names, as cs_dataset_builder_add_crowd_table() guesses them. */
extern const char * const cs_import_item_names[];
extern const char * const cs_import_annotator_names[];
extern const char * const cs_import_label_names[];

CsImportPlan *cs_import_plan_new           (void);
void          cs_import_plan_free          (CsImportPlan        *self);
/* A deep copy, for a worker to read while the assistant goes on changing the original. */
CsImportPlan *cs_import_plan_copy          (const CsImportPlan  *self);

/* Sets a string field of a plan (or of one of its splits): frees the old value, copies the
 * new one; NULL or "" clears it. */
void          cs_import_plan_set           (char               **field,
                                            const char          *value);

/* Fills item_column, annotator_column and label_column that are NULL from a long table's
 * header by the usual names (in any case); returns whether all three are now set. */
gboolean      cs_import_plan_guess_crowd_columns (CsImportPlan        *self,
                                                  const char * const  *header);

/* The class names the labels use, when the plan gives none: every distinct crowd label and
 * gold label, ordered numerically when all are integers and by byte value otherwise, so the
 * same files always give the same order. NULL with error set when a file cannot be read. */
char        **cs_import_plan_find_classes  (const CsImportPlan  *self,
                                            GError             **error);

/* The problems of one step (an empty array when there are none); each names its file, line and
 * column. Steps are checked in order: the gold step reads the ids the features step found, the
 * summary step loads the whole plan. Nothing is written. */
GPtrArray    *cs_import_plan_check         (const CsImportPlan  *self,
                                            CsImportStep         step);

/* The manifest text for the plan, with paths relative to manifest_dir when they lie under it
 * and absolute otherwise. Classes the plan does not give are found as
 * cs_import_plan_find_classes() finds them; when they cannot be (a file unreadable), the text
 * has none, and the checks say why. */
char         *cs_import_plan_to_manifest   (const CsImportPlan  *self,
                                            const char          *manifest_dir);

/* The folder a manifest goes to when the data's folder cannot be written:
 * fallback_root/NAME, where fallback_root NULL is g_get_user_data_dir()/crowdscope/imports
 * and NAME is the dataset's name made safe as a file name. */
char         *cs_import_plan_fallback_dir  (const CsImportPlan  *self,
                                            const char          *fallback_root);

/* Checks every step, then writes crowdscope.ini atomically in the plan's folder or, where that
 * folder cannot be written, in cs_import_plan_fallback_dir() with absolute paths. Returns the
 * path written; NULL with error set (the first problem found) when nothing was written. An
 * existing crowdscope.ini is replaced. */
char         *cs_import_plan_write         (const CsImportPlan  *self,
                                            const char          *fallback_root,
                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsImportPlan, cs_import_plan_free)

G_END_DECLS
