/* cs-simulate.c — simulated annotators whose confusion is known
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include "cs-simulate.h"

#include <math.h>
#include <string.h>

#include "cs-error.h"
#include "cs-file.h"
#include "cs-json.h"
#include "cs-rng.h"

/* R·K² floats is the one part of the memory that does not grow with the labels; refuse sizes
 * that would need more than half a gigabyte for it rather than fail in malloc. */
#define MAX_CONFUSION_ENTRIES ((gsize) 1 << 27)

void
cs_crowd_spec_init_default (CsCrowdSpec *spec)
{
  g_return_if_fail (spec != NULL);

  *spec = (CsCrowdSpec) {
    .n_annotators = 30,
    .labels_per_item = 3.0,
    .share_spammer = 0.1,
    .share_swapper = 0.1,
    .share_common = 1.0 / 3.0,
    .reliable_accuracy = 0.85,
    .common_strength = 0.6,
    .common_pairs = NULL,
    .n_common_pairs = 0,
    .seed = 1,
  };
}

const char *
cs_annotator_kind_to_string (CsAnnotatorKind kind)
{
  switch (kind)
    {
    case CS_ANNOTATOR_RELIABLE:
      return "reliable";
    case CS_ANNOTATOR_SPAMMER:
      return "spammer";
    case CS_ANNOTATOR_SWAPPER:
      return "swapper";
    case CS_ANNOTATOR_COMMON:
      return "common";
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
check_fraction (double       value,
                const char  *field,
                GError     **error)
{
  if (isfinite (value) && value >= 0.0 && value <= 1.0)
    return TRUE;
  g_set_error (error, CS_ERROR, CS_ERROR_INVALID,
               _("Crowd simulation: %s must be between 0 and 1, not %g"), field, value);
  return FALSE;
}

static gboolean
check_common_pairs (const CsCrowdSpec  *spec,
                    int                 K,
                    GError            **error)
{
  g_autofree gboolean *planted = g_new0 (gboolean, K);

  if (spec->n_common_pairs < 0 || (spec->n_common_pairs > 0 && spec->common_pairs == NULL))
    {
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID,
                   _("Crowd simulation: %d common pairs given without a list of pairs"),
                   spec->n_common_pairs);
      return FALSE;
    }
  for (int p = 0; p < spec->n_common_pairs; p++)
    {
      int32_t a = spec->common_pairs[2 * p];
      int32_t b = spec->common_pairs[2 * p + 1];

      if (a < 0 || a >= K || b < 0 || b >= K || a == b || planted[a])
        {
          g_set_error (error, CS_ERROR, CS_ERROR_INVALID,
                       _("Crowd simulation: common pair %d (%d → %d) must join two different "
                       "classes in [0, %d), and each class may be confused with only one other"),
                       p + 1, a, b, K);
          return FALSE;
        }
      planted[a] = TRUE;
    }
  return TRUE;
}

static gboolean
check_spec (const CsCrowdSpec  *spec,
            int                 K,
            GError            **error)
{
  double shares = spec->share_spammer + spec->share_swapper + spec->share_common;
  gsize entries;

  if (K < 2)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID,
                   _("Crowd simulation: needs at least 2 classes, not %d"), K);
      return FALSE;
    }
  if (spec->n_annotators < 1)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID,
                   _("Crowd simulation: needs at least 1 annotator, not %d"), spec->n_annotators);
      return FALSE;
    }
  if (!isfinite (spec->labels_per_item) || spec->labels_per_item <= 0.0
      || spec->labels_per_item > spec->n_annotators)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID,
                   _("Crowd simulation: labels per item must be above 0 and at most the number "
                   "of annotators (%d), not %g"), spec->n_annotators, spec->labels_per_item);
      return FALSE;
    }
  if (!check_fraction (spec->share_spammer, _("the share of spammers"), error)
      || !check_fraction (spec->share_swapper, _("the share of swappers"), error)
      || !check_fraction (spec->share_common, _("the share of common-confusion annotators"), error)
      || !check_fraction (spec->reliable_accuracy, _("the reliable accuracy"), error)
      || !check_fraction (spec->common_strength, _("the common strength"), error))
    return FALSE;
  if (shares > 1.0 + 1e-9)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID,
                   _("Crowd simulation: the shares of spammers, swappers and common-confusion "
                   "annotators add up to %g; they must add up to at most 1"), shares);
      return FALSE;
    }
  if (!g_size_checked_mul (&entries, (gsize) spec->n_annotators, (gsize) K)
      || !g_size_checked_mul (&entries, entries, (gsize) K)
      || entries > MAX_CONFUSION_ENTRIES)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_LIMIT,
                   _("Crowd simulation: %d annotators × %d² classes would need too much memory "
                   "for their confusion matrices"), spec->n_annotators, K);
      return FALSE;
    }
  return check_common_pairs (spec, K, error);
}

static gboolean
check_gold (const int32_t  *gold,
            int             n,
            int             K,
            GError        **error)
{
  for (int i = 0; i < n; i++)
    if (gold[i] < 0 || gold[i] >= K)
      {
        g_set_error (error, CS_ERROR, CS_ERROR_VALUE,
                     _("Crowd simulation: item %d has gold class %d, outside [0, %d); every "
                     "simulated item needs a known gold class"), i, gold[i], K);
        return FALSE;
      }
  return TRUE;
}

/* Rounds each share to a count of annotators, then shuffles who is what so the kinds are not
 * grouped by annotator number. */
static void
assign_kinds (CsAnnotatorKind   *kinds,
              const CsCrowdSpec *spec,
              CsRng          *rng)
{
  int R = spec->n_annotators;
  int n_spammer = MIN ((int) lround (spec->share_spammer * R), R);
  int n_swapper = MIN ((int) lround (spec->share_swapper * R), R - n_spammer);
  int n_common = MIN ((int) lround (spec->share_common * R), R - n_spammer - n_swapper);
  g_autofree int *order = g_new (int, R);

  for (int r = 0; r < R; r++)
    order[r] = r < n_spammer ? CS_ANNOTATOR_SPAMMER
             : r < n_spammer + n_swapper ? CS_ANNOTATOR_SWAPPER
             : r < n_spammer + n_swapper + n_common ? CS_ANNOTATOR_COMMON
             : CS_ANNOTATOR_RELIABLE;
  cs_rng_shuffle (rng, order, R);
  for (int r = 0; r < R; r++)
    kinds[r] = (CsAnnotatorKind) order[r];
}

static void
plant_pair (float *common,
            int    K,
            int    a,
            int    b,
            double strength)
{
  common[a * K + a] = (float) (1.0 - strength);
  common[a * K + b] = (float) strength;
}

/* common: [K, K] out. Identity, except that for each planted pair a → b the row of a sends
 * `strength` of its mass to b. */
static void
plant_common (float             *common,
              int                K,
              const CsCrowdSpec *spec,
              CsRng          *rng)
{
  memset (common, 0, sizeof (float) * K * K);
  for (int c = 0; c < K; c++)
    common[c * K + c] = 1.0f;

  if (spec->common_pairs != NULL)
    {
      for (int p = 0; p < spec->n_common_pairs; p++)
        plant_pair (common, K, spec->common_pairs[2 * p], spec->common_pairs[2 * p + 1],
                    spec->common_strength);
    }
  else
    {
      g_autofree int *perm = g_new (int, K);

      for (int c = 0; c < K; c++)
        perm[c] = c;
      cs_rng_shuffle (rng, perm, K);
      for (int p = 0; p < MAX (1, K / 4); p++)
        {
          plant_pair (common, K, perm[2 * p], perm[2 * p + 1], spec->common_strength);
          plant_pair (common, K, perm[2 * p + 1], perm[2 * p], spec->common_strength);
        }
    }
}

/* m: [K, K] out. */
static void
fill_reliable (float  *m,
               int     K,
               double  accuracy)
{
  float off = (float) ((1.0 - accuracy) / (K - 1));

  for (int c = 0; c < K; c++)
    for (int k = 0; k < K; k++)
      m[c * K + k] = c == k ? (float) accuracy : off;
}

static void
fill_spammer (float *m,
              int    K)
{
  for (int e = 0; e < K * K; e++)
    m[e] = 1.0f / K;
}

/* A permutation without fixed points, found by rejection: about e tries on average. */
static void
random_derangement (int      *perm,
                    int       K,
                    CsRng *rng)
{
  gboolean fixed;

  do
    {
      for (int c = 0; c < K; c++)
        perm[c] = c;
      cs_rng_shuffle (rng, perm, K);
      fixed = FALSE;
      for (int c = 0; c < K; c++)
        fixed |= perm[c] == c;
    }
  while (fixed);
}

static void
fill_swapper (float    *m,
              int       K,
              CsRng *rng)
{
  g_autofree int *perm = g_new (int, K);
  double p = CS_SWAPPER_PROBABILITY;

  random_derangement (perm, K, rng);
  for (int c = 0; c < K; c++)
    for (int k = 0; k < K; k++)
      m[c * K + k] = (float) ((1.0 - p) / K + (k == perm[c] ? p : 0.0));
}

/* m = common × reliable(accuracy), both [K, K]. A reliable matrix is off + (accuracy − off)·I,
 * so the product is off·(row sum of common) + (accuracy − off)·common: O(K²), not O(K³). */
static void
fill_common (float       *m,
             const float *common,
             int          K,
             double       accuracy)
{
  double off = (1.0 - accuracy) / (K - 1);

  for (int c = 0; c < K; c++)
    {
      const float *row = common + c * K;
      double sum = 0.0;

      for (int k = 0; k < K; k++)
        sum += row[k];
      for (int k = 0; k < K; k++)
        m[c * K + k] = (float) (off * sum + (accuracy - off) * row[k]);
    }
}

static double
jittered_accuracy (double    accuracy,
                   int       K,
                   CsRng *rng)
{
  double a = accuracy + cs_rng_range (rng, -CS_RELIABLE_JITTER, CS_RELIABLE_JITTER);

  return CLAMP (a, 1.0 / K, 1.0);
}

static void
fill_confusions (CsSimulatedCrowd  *self,
                 const CsCrowdSpec *spec,
                 CsRng          *rng)
{
  int K = self->K;

  for (int r = 0; r < self->R; r++)
    {
      float *m = self->confusions + (gsize) r * K * K;

      switch (self->kinds[r])
        {
        case CS_ANNOTATOR_RELIABLE:
          fill_reliable (m, K, jittered_accuracy (spec->reliable_accuracy, K, rng));
          break;
        case CS_ANNOTATOR_SPAMMER:
          fill_spammer (m, K);
          break;
        case CS_ANNOTATOR_SWAPPER:
          fill_swapper (m, K, rng);
          break;
        case CS_ANNOTATOR_COMMON:
          fill_common (m, self->common, K,
                       jittered_accuracy (spec->reliable_accuracy, K, rng));
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/* Draws a class from a row of K probabilities. Rounding can leave the row a hair short of 1;
 * a draw past the end goes to the last class with any mass. */
static int32_t
sample_row (const float *row,
            int          K,
            CsRng    *rng)
{
  double u = cs_rng_uniform (rng);
  double acc = 0.0;
  int32_t last = 0;

  for (int k = 0; k < K; k++)
    {
      if (row[k] <= 0.0f)
        continue;
      acc += row[k];
      last = k;
      if (u < acc)
        return k;
    }
  return last;
}

/* Annotators are dealt to items from a shuffled deck that is reshuffled when it runs out, so
 * assignment is random while every annotator gets the same number of labels, give or take one
 * (and so every annotator labels something once there are at least R labels). Only the deck
 * and its inverse are kept: memory is O(R), never items × annotators. */
typedef struct
{
  int      R;
  int     *deck;   /* [R] a permutation of the annotators */
  int     *where;  /* [R] where[a] is a's position in deck */
  int      next;   /* deck[next] is dealt next */
} Dealer;

static void
dealer_shuffle (Dealer   *self,
                CsRng *rng)
{
  cs_rng_shuffle (rng, self->deck, self->R);
  for (int i = 0; i < self->R; i++)
    self->where[self->deck[i]] = i;
  self->next = 0;
}

static void
dealer_swap (Dealer *self,
             int     i,
             int     j)
{
  int a = self->deck[i];
  int b = self->deck[j];

  self->deck[i] = b;
  self->deck[j] = a;
  self->where[b] = i;
  self->where[a] = j;
}

/* Deals m ≤ R distinct annotators into out[0..m). When the deck runs out partway through an
 * item, the new deck's tail holds the annotators this item already has, so none repeats. */
static void
dealer_deal (Dealer   *self,
             int32_t  *out,
             int       m,
             CsRng *rng)
{
  for (int j = 0; j < m; j++)
    {
      if (self->next == self->R)
        {
          dealer_shuffle (self, rng);
          for (int t = 0; t < j; t++)
            dealer_swap (self, self->where[out[t]], self->R - 1 - t);
        }
      out[j] = self->deck[self->next++];
    }
}

static void
sort_small (int32_t *a,
            int      m)
{
  for (int i = 1; i < m; i++)
    {
      int32_t v = a[i];
      int j = i;

      for (; j > 0 && a[j - 1] > v; j--)
        a[j] = a[j - 1];
      a[j] = v;
    }
}

static int
labels_for_item (double    mean,
                 int       R,
                 CsRng *rng)
{
  int m = (int) floor (mean);

  if (cs_rng_uniform (rng) < mean - m)
    m++;
  return CLAMP (m, 1, R);
}

static gboolean
draw_labels (CsSimulatedCrowd  *self,
             const int32_t     *gold,
             int                n,
             const CsCrowdSpec *spec,
             CsRng          *rng,
             GError           **error)
{
  int R = self->R, K = self->K;
  int most = MAX (1, (int) ceil (spec->labels_per_item));
  g_autofree int *deck = NULL;
  g_autofree int *where = NULL;
  g_autofree int32_t *chosen = NULL;
  Dealer dealer;
  int L = 0;

  if ((gint64) n * most > G_MAXINT)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_LIMIT,
                   _("Crowd simulation: %d items × %d labels is more labels than supported"),
                   n, most);
      return FALSE;
    }
  g_assert (R >= 1 && most <= R);
  deck = g_new (int, (gsize) R);
  where = g_new (int, (gsize) R);
  chosen = g_new (int32_t, (gsize) most);
  dealer = (Dealer) { R, deck, where, R };
  for (int a = 0; a < R; a++)
    deck[a] = a;
  self->labels = g_new (CsCrowdLabel, (gsize) n * most);

  for (int i = 0; i < n; i++)
    {
      int m = labels_for_item (spec->labels_per_item, R, rng);

      dealer_deal (&dealer, chosen, m, rng);
      sort_small (chosen, m);
      for (int j = 0; j < m; j++)
        {
          const float *row = self->confusions + ((gsize) chosen[j] * K + gold[i]) * K;

          self->labels[L++] = (CsCrowdLabel) { i, chosen[j], sample_row (row, K, rng) };
        }
    }
  self->labels = g_renew (CsCrowdLabel, self->labels, MAX (L, 1));
  self->n_labels = L;
  return TRUE;
}

CsSimulatedCrowd *
cs_simulate_crowd (const int32_t      *gold,
                   int                 n,
                   int                 K,
                   const CsCrowdSpec  *spec,
                   GError            **error)
{
  g_autoptr(CsSimulatedCrowd) self = NULL;
  CsRng rng;

  g_return_val_if_fail (gold != NULL || n == 0, NULL);
  g_return_val_if_fail (n >= 0, NULL);
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_spec (spec, K, error) || !check_gold (gold, n, K, error))
    return NULL;

  cs_rng_init (&rng, spec->seed);
  self = g_new0 (CsSimulatedCrowd, 1);
  self->K = K;
  self->R = spec->n_annotators;
  self->kinds = g_new (CsAnnotatorKind, self->R);
  self->confusions = g_new (float, (gsize) self->R * K * K);
  self->common = g_new (float, (gsize) K * K);

  assign_kinds (self->kinds, spec, &rng);
  plant_common (self->common, K, spec, &rng);
  fill_confusions (self, spec, &rng);
  if (!draw_labels (self, gold, n, spec, &rng, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
cs_simulated_crowd_free (CsSimulatedCrowd *self)
{
  if (self == NULL)
    return;
  g_free (self->kinds);
  g_free (self->confusions);
  g_free (self->common);
  g_free (self->labels);
  g_free (self);
}

/* The layout is written by hand, a matrix row to a line with 4 significant digits, since this
 * file is meant to be read by a person comparing it with a model's estimates; strings go
 * through cs_json's escaping. */
static void
append_json_number (GString *out,
                    double   value)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (number, sizeof number, "%.4g", value));
}

static void
append_json_key (GString    *out,
                 const char *indent,
                 const char *key)
{
  g_string_append (out, indent);
  cs_json_append_string (out, key);
  g_string_append (out, ": ");
}

/* One row per line; `indent` is that of the matrix's key. */
static void
append_json_matrix (GString     *out,
                    const float *m,
                    int          K,
                    const char  *indent)
{
  g_string_append (out, "[\n");
  for (int c = 0; c < K; c++)
    {
      g_string_append_printf (out, "%s  [", indent);
      for (int k = 0; k < K; k++)
        {
          if (k > 0)
            g_string_append (out, ", ");
          append_json_number (out, m[c * K + k]);
        }
      g_string_append (out, c + 1 < K ? "],\n" : "]\n");
    }
  g_string_append_printf (out, "%s]", indent);
}

static void
append_json_settings (GString           *out,
                      const CsCrowdSpec *spec)
{
  const struct { const char *key; double value; } settings[] = {
    { "labels_per_item", spec->labels_per_item },
    { "share_spammer", spec->share_spammer },
    { "share_swapper", spec->share_swapper },
    { "share_common", spec->share_common },
    { "reliable_accuracy", spec->reliable_accuracy },
    { "reliable_jitter", CS_RELIABLE_JITTER },
    { "swapper_probability", CS_SWAPPER_PROBABILITY },
    { "common_strength", spec->common_strength },
  };
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, spec->seed);

  /* A string: a 64-bit seed does not fit the numbers every JSON reader keeps exact. */
  append_json_key (out, "  ", "seed");
  cs_json_append_string (out, seed);
  g_string_append (out, ",\n");
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      append_json_key (out, "  ", settings[i].key);
      append_json_number (out, settings[i].value);
      g_string_append (out, ",\n");
    }
}

/* The planted pairs are read back from `common`, so random pairs are listed too. */
static void
append_json_pairs (GString            *out,
                   const float        *common,
                   int                 K,
                   const char * const *class_names)
{
  gboolean first = TRUE;

  append_json_key (out, "  ", "common_pairs");
  g_string_append_c (out, '[');
  for (int a = 0; a < K; a++)
    for (int b = 0; b < K; b++)
      if (a != b && common[a * K + b] > 0.0f)
        {
          g_string_append (out, first ? "[" : ", [");
          cs_json_append_string (out, class_names[a]);
          g_string_append (out, ", ");
          cs_json_append_string (out, class_names[b]);
          g_string_append_c (out, ']');
          first = FALSE;
        }
  g_string_append (out, "],\n");
}

static void
append_json_annotator (GString                *out,
                       const CsSimulatedCrowd *self,
                       int                     r,
                       const char             *id,
                       int                     n_labels)
{
  g_string_append (out, "    {\n");
  append_json_key (out, "      ", "id");
  cs_json_append_string (out, id);
  g_string_append (out, ",\n");
  append_json_key (out, "      ", "kind");
  cs_json_append_string (out, cs_annotator_kind_to_string (self->kinds[r]));
  g_string_append (out, ",\n");
  append_json_key (out, "      ", "labels");
  g_string_append_printf (out, "%d,\n", n_labels);
  append_json_key (out, "      ", "confusion");
  append_json_matrix (out, self->confusions + (gsize) r * self->K * self->K, self->K, "      ");
  g_string_append_printf (out, "\n    }%s\n", r + 1 < self->R ? "," : "");
}

/* Describes the crowd as JSON: the settings, the class names, the shared confusion and each
 * annotator's kind, number of labels and confusion (rows: true class, columns: label given,
 * 4 significant digits). annotator_ids may be NULL for "annotator-1", "annotator-2", …. */
static char *
crowd_to_json (const CsSimulatedCrowd *self,
               const CsCrowdSpec      *spec,
               const char * const     *class_names,
               const char * const     *annotator_ids)
{
  g_autoptr(GString) out = g_string_new ("{\n");
  g_autofree int *counts = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (class_names != NULL, NULL);

  append_json_key (out, "  ", "about");
  cs_json_append_string (out, "A simulated crowd. Confusion matrices: rows are the true class, "
                           "columns the label given, both in the order of \"classes\".");
  g_string_append (out, ",\n");
  append_json_settings (out, spec);
  append_json_key (out, "  ", "classes");
  g_string_append_c (out, '[');
  for (int k = 0; k < self->K; k++)
    {
      if (k > 0)
        g_string_append (out, ", ");
      cs_json_append_string (out, class_names[k]);
    }
  g_string_append (out, "],\n");
  append_json_pairs (out, self->common, self->K, class_names);
  append_json_key (out, "  ", "common");
  append_json_matrix (out, self->common, self->K, "  ");
  g_string_append (out, ",\n");

  counts = g_new0 (int, self->R);
  for (int l = 0; l < self->n_labels; l++)
    counts[self->labels[l].annotator]++;
  append_json_key (out, "  ", "annotators");
  g_string_append (out, "[\n");
  for (int r = 0; r < self->R; r++)
    {
      g_autofree char *fallback = g_strdup_printf ("annotator-%d", r + 1);

      append_json_annotator (out, self, r, annotator_ids != NULL ? annotator_ids[r] : fallback,
                             counts[r]);
    }
  g_string_append (out, "  ]\n}\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Writes the crowd's description (crowd_to_json) to `path`, atomically. */
gboolean
cs_simulated_crowd_save (const CsSimulatedCrowd  *self,
                         const CsCrowdSpec       *spec,
                         const char * const      *class_names,
                         const char * const      *annotator_ids,
                         const char              *path,
                         GError                 **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  json = crowd_to_json (self, spec, class_names, annotator_ids);
  return json != NULL && cs_file_write_atomic (path, json, strlen (json), error);
}
