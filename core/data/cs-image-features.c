/* cs-image-features.c — a fixed-length description of a small RGB image
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-image-features.h"

#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include "cs-error.h"
#include "cs-image-read.h"

/* Layout of the output, in order. */
#define GRID            8   /* object map: GRID × GRID block means */
#define ORIENT_BINS    12   /* whole-image edge orientations over [0°, 180°) */
#define CELLS           3   /* CELLS × CELLS cells of CELL_BINS orientations each */
#define CELL_BINS       6
#define COLOUR_BINS     8   /* 2 × 2 × 2 */
#define RADIAL_BINS     8   /* object pixels by distance from the centroid, over [0, 2) radii */
#define HARMONICS       6
#define OUTLINE_DIM    (1 + RADIAL_BINS + 1 + HARMONICS + 2 + 3)

/* The largest image a file may hold: describing one takes 11 bytes a pixel. */
#define MAX_PIXELS     (4096 * 4096)

G_STATIC_ASSERT (GRID * GRID + ORIENT_BINS + CELLS * CELLS * CELL_BINS + COLOUR_BINS
                 + OUTLINE_DIM == CS_IMAGE_FEATURES_DIM);

/* The background is whatever colour the image's outer frame has on average. */
static void
background_colour (double       *bg,
                   const guint8 *rgb,
                   int           w,
                   int           h)
{
  int frame = MAX (1, MIN (w, h) / 24);
  int count = 0;

  bg[0] = bg[1] = bg[2] = 0.0;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        if (x >= frame && x < w - frame && y >= frame && y < h - frame)
          continue;
        for (int c = 0; c < 3; c++)
          bg[c] += rgb[((gsize) y * w + x) * 3 + c];
        count++;
      }
  for (int c = 0; c < 3; c++)
    bg[c] /= count;
}

/* strength: [h, w] out. Each pixel's colour distance from the background, smoothed over 3 × 3
 * to quiet pixel noise and scaled so the strongest pixel is 1. Working on this rather than on
 * grey makes the features blind to which colours were used and to light-on-dark versus
 * dark-on-light. */
static void
strength_map (double       *strength,
              const guint8 *rgb,
              int           w,
              int           h)
{
  g_autofree double *raw = g_new (double, (gsize) w * h);
  double bg[3], top = 0.0;

  background_colour (bg, rgb, w, h);
  for (gsize p = 0; p < (gsize) w * h; p++)
    {
      double d2 = 0.0;

      for (int c = 0; c < 3; c++)
        d2 += (rgb[p * 3 + c] - bg[c]) * (rgb[p * 3 + c] - bg[c]);
      raw[p] = sqrt (d2);
    }
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        double sum = 0.0;

        for (int dy = -1; dy <= 1; dy++)
          for (int dx = -1; dx <= 1; dx++)
            sum += raw[(gsize) CLAMP (y + dy, 0, h - 1) * w + CLAMP (x + dx, 0, w - 1)];
        strength[(gsize) y * w + x] = sum / 9.0;
        top = MAX (top, sum / 9.0);
      }
  for (gsize p = 0; p < (gsize) w * h && top > 0.0; p++)
    strength[p] /= top;
}

/* out: [GRID, GRID] the mean strength over each block. */
static void
block_means (float        *out,
             const double *strength,
             int           w,
             int           h)
{
  for (int by = 0; by < GRID; by++)
    for (int bx = 0; bx < GRID; bx++)
      {
        int y0 = by * h / GRID, y1 = MAX (y0 + 1, (by + 1) * h / GRID);
        int x0 = bx * w / GRID, x1 = MAX (x0 + 1, (bx + 1) * w / GRID);
        double sum = 0.0;

        for (int y = y0; y < y1; y++)
          for (int x = x0; x < x1; x++)
            sum += strength[(gsize) y * w + x];
        out[by * GRID + bx] = (float) (sum / ((y1 - y0) * (x1 - x0)));
      }
}

/* Adds weight to a circular histogram of n bins over [0, π), split between the two nearest
 * bins so a small turn of an edge moves the histogram smoothly. */
static void
add_orientation (double *hist,
                 int     n,
                 double  angle,
                 double  weight)
{
  double pos = angle / G_PI * n - 0.5;  /* in [−0.5, n − 0.5) */
  int lower = pos < 0.0 ? -1 : (int) pos;
  double frac = pos - lower;

  hist[lower < 0 ? n - 1 : lower] += weight * (1.0 - frac);
  hist[lower + 1 < n ? lower + 1 : 0] += weight * frac;
}

/* atan (z) for z in [0, 1], within about 0.004 rad. */
static inline double
approx_atan (double z)
{
  return z * (G_PI_4 + 0.273 * (1.0 - z));
}

/* The unsigned orientation of a nonzero gradient, in [0, π). An approximation is plenty for
 * bins 15° or 30° wide, and atan2 would be the costliest call per pixel. */
static double
orientation (double gx,
             double gy)
{
  double ax, a, angle;

  if (gy < 0.0)
    {
      gx = -gx;
      gy = -gy;
    }
  ax = fabs (gx);
  a = ax >= gy ? approx_atan (gy / ax) : G_PI_2 - approx_atan (ax / gy);
  angle = gx >= 0.0 ? a : G_PI - a;
  return angle >= G_PI ? 0.0 : angle;
}

/* global: [ORIENT_BINS], cells: [CELLS, CELLS, CELL_BINS]; both out, as fractions of all the
 * gradient magnitude in the image. Orientation is unsigned, since an edge from shape to
 * background and one from background to shape are the same edge. */
static void
orientation_histograms (float        *global,
                        float        *cells,
                        const double *strength,
                        int           w,
                        int           h)
{
  double g[ORIENT_BINS] = { 0 };
  double c[CELLS * CELLS * CELL_BINS] = { 0 };
  double total = 0.0;

  for (int y = 1; y < h - 1; y++)
    for (int x = 1; x < w - 1; x++)
      {
        const double *s = strength + (gsize) y * w + x;
        double gx = s[1] - s[-1], gy = s[w] - s[-w];
        double m = sqrt (gx * gx + gy * gy);
        int cell = (y * CELLS / h) * CELLS + x * CELLS / w;
        double angle;

        if (m == 0.0)
          continue;
        angle = orientation (gx, gy);
        add_orientation (g, ORIENT_BINS, angle, m);
        add_orientation (c + cell * CELL_BINS, CELL_BINS, angle, m);
        total += m;
      }
  for (int i = 0; i < ORIENT_BINS; i++)
    global[i] = total > 0.0 ? (float) (g[i] / total) : 0.0f;
  for (int i = 0; i < CELLS * CELLS * CELL_BINS; i++)
    cells[i] = total > 0.0 ? (float) (c[i] / total) : 0.0f;
}

/* out: [2, 2, 2] the fraction of pixels in each octant of the RGB cube. */
static void
colour_histogram (float        *out,
                  const guint8 *rgb,
                  gsize         pixels)
{
  gsize counts[COLOUR_BINS] = { 0 };

  for (gsize p = 0; p < pixels; p++)
    counts[(rgb[3 * p] >> 7) << 2 | (rgb[3 * p + 1] >> 7) << 1 | rgb[3 * p + 2] >> 7]++;
  for (int i = 0; i < COLOUR_BINS; i++)
    out[i] = (float) ((double) counts[i] / pixels);
}

/* Moments of the object mask: the pixels of strength above one half. */
typedef struct
{
  double area;
  double mx, my;             /* centroid */
  double sxx, syy, sxy;      /* central second moments */
  int    x0, y0, x1, y1;     /* bounding box, inclusive */
  int    boundary;           /* object pixels with a 4-neighbour outside the object */
} Outline;

static gboolean
in_mask (const guint8 *mask,
         int           w,
         int           h,
         int           x,
         int           y)
{
  return x >= 0 && x < w && y >= 0 && y < h && mask[(gsize) y * w + x];
}

static void
measure_outline (Outline      *o,
                 const guint8 *mask,
                 int           w,
                 int           h)
{
  memset (o, 0, sizeof *o);
  o->x0 = w;
  o->y0 = h;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        if (!in_mask (mask, w, h, x, y))
          continue;
        o->area++;
        o->mx += x;
        o->my += y;
        o->x0 = MIN (o->x0, x);
        o->y0 = MIN (o->y0, y);
        o->x1 = MAX (o->x1, x);
        o->y1 = MAX (o->y1, y);
        o->boundary += !in_mask (mask, w, h, x - 1, y)
                       || !in_mask (mask, w, h, x + 1, y)
                       || !in_mask (mask, w, h, x, y - 1)
                       || !in_mask (mask, w, h, x, y + 1);
      }
  if (o->area == 0)
    return;
  o->mx /= o->area;
  o->my /= o->area;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if (in_mask (mask, w, h, x, y))
        {
          o->sxx += (x - o->mx) * (x - o->mx);
          o->syy += (y - o->my) * (y - o->my);
          o->sxy += (x - o->mx) * (y - o->my);
        }
}

/* out: [RADIAL_BINS] then [HARMONICS + 2]. The radial profile says how the object's pixels
 * lie around its centroid in units of its own size (a ring is empty near the middle, a star
 * thin far out); the angular harmonics |Σ ρ² e^{ikφ}| / Σ ρ² pick out k-fold symmetry (3 for
 * a triangle, 4 for a square or cross, 5 for a star), and the real and imaginary parts of the
 * fourth tell a square from a diamond by where its corners point. */
static void
radial_features (float         *radial,
                 float         *harmonics,
                 const Outline *o,
                 const guint8  *mask,
                 int            w,
                 int            h)
{
  double scale = sqrt (o->area / G_PI);
  double re[HARMONICS] = { 0 }, im[HARMONICS] = { 0 }, weight = 0.0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        double dx = x - o->mx, dy = y - o->my, r2 = dx * dx + dy * dy;
        double r = sqrt (r2), zr, zi, pr = 1.0, pi = 0.0;
        int bin;

        if (!in_mask (mask, w, h, x, y))
          continue;
        bin = MIN ((int) (r / scale / 2.0 * RADIAL_BINS), RADIAL_BINS - 1);
        radial[bin] += (float) (1.0 / o->area);
        if (r == 0.0)
          continue;
        zr = dx / r;
        zi = dy / r;
        for (int k = 0; k < HARMONICS; k++)
          {
            double t = pr * zr - pi * zi;

            pi = pr * zi + pi * zr;
            pr = t;
            re[k] += r2 * pr;
            im[k] += r2 * pi;
          }
        weight += r2;
      }
  for (int k = 0; k < HARMONICS && weight > 0.0; k++)
    harmonics[k] = (float) (hypot (re[k], im[k]) / weight);
  harmonics[HARMONICS] = weight > 0.0 ? (float) (re[3] / weight) : 0.0f;
  harmonics[HARMONICS + 1] = weight > 0.0 ? (float) (im[3] / weight) : 0.0f;
}

/* out: [OUTLINE_DIM]: area, radial profile, centre occupancy, harmonics, then how much of its
 * bounding box the object fills, its perimeter against a disc's, and its elongation. */
static void
outline_features (float        *out,
                  const double *strength,
                  int           w,
                  int           h)
{
  g_autofree guint8 *mask = g_new (guint8, (gsize) w * h);
  Outline o;
  double scale, spread, lambda_max, lambda_min;
  int cx, cy;

  for (gsize p = 0; p < (gsize) w * h; p++)
    mask[p] = strength[p] > 0.5;
  memset (out, 0, sizeof (float) * OUTLINE_DIM);
  measure_outline (&o, mask, w, h);
  if (o.area == 0)
    return;

  out[0] = (float) (o.area / ((double) w * h));
  radial_features (out + 1, out + 2 + RADIAL_BINS, &o, mask, w, h);
  cx = CLAMP ((int) lround (o.mx), 0, w - 1);
  cy = CLAMP ((int) lround (o.my), 0, h - 1);
  out[1 + RADIAL_BINS] = (float) strength[(gsize) cy * w + cx];

  scale = sqrt (o.area / G_PI);
  spread = hypot (o.sxx - o.syy, 2 * o.sxy) / 2;
  lambda_max = (o.sxx + o.syy) / 2 + spread;
  lambda_min = (o.sxx + o.syy) / 2 - spread;
  out[OUTLINE_DIM - 3] = (float) (o.area / ((o.x1 - o.x0 + 1.0) * (o.y1 - o.y0 + 1.0)));
  out[OUTLINE_DIM - 2] = (float) MIN (1.0, o.boundary / (2 * G_PI * scale) / 4.0);
  out[OUTLINE_DIM - 1] = lambda_max > 0.0 ? (float) MAX (0.0, lambda_min / lambda_max) : 0.0f;
}

void
cs_image_features (float        *out,
                   const guint8 *rgb,
                   int           width,
                   int           height)
{
  g_autofree double *strength = NULL;

  g_return_if_fail (out != NULL);
  g_return_if_fail (rgb != NULL);
  g_return_if_fail (width >= 3 && height >= 3);

  strength = g_new (double, (gsize) width * height);
  strength_map (strength, rgb, width, height);
  block_means (out, strength, width, height);
  out += GRID * GRID;
  orientation_histograms (out, out + ORIENT_BINS, strength, width, height);
  out += ORIENT_BINS + CELLS * CELLS * CELL_BINS;
  colour_histogram (out, rgb, (gsize) width * height);
  out += COLOUR_BINS;
  outline_features (out, strength, width, height);
}

gboolean
cs_image_features_read (float       *out,
                        const char  *path,
                        GError     **error)
{
  g_autofree guint8 *rgb = NULL;
  int width, height;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!(rgb = cs_image_read_rgb (path, MAX_PIXELS, &width, &height, error)))
    return FALSE;
  cs_image_features (out, rgb, width, height);
  return TRUE;
}

/* The features of the files described so far, by path: an import checks its plan at every
 * step, and describing ten thousand photos takes most of a minute. A file changed since (its
 * size, inode or modification time) is described again. */
#define CACHE_MAX_FILES 200000

typedef struct
{
  goffset size;
  guint64 inode;
  gint64  mtime_ns;
  float   features[CS_IMAGE_FEATURES_DIM];
} CachedFeatures;

static GMutex      cache_lock;
static GHashTable *cache;   /* path → CachedFeatures */

static gboolean
stat_file (const char     *path,
           CachedFeatures *out)
{
  struct stat st;

  if (stat (path, &st) != 0)
    return FALSE;
  out->size = st.st_size;
  out->inode = st.st_ino;
  out->mtime_ns = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
  return TRUE;
}

static gboolean
cache_lookup (const char           *path,
              const CachedFeatures *now,
              float                *out)
{
  CachedFeatures *hit;
  gboolean found = FALSE;

  g_mutex_lock (&cache_lock);
  if (cache != NULL && (hit = g_hash_table_lookup (cache, path)) != NULL &&
      hit->size == now->size && hit->inode == now->inode && hit->mtime_ns == now->mtime_ns)
    {
      memcpy (out, hit->features, sizeof hit->features);
      found = TRUE;
    }
  g_mutex_unlock (&cache_lock);
  return found;
}

static void
cache_store (const char           *path,
             const CachedFeatures *now,
             const float          *features)
{
  CachedFeatures *entry = g_new (CachedFeatures, 1);

  *entry = *now;
  memcpy (entry->features, features, sizeof entry->features);
  g_mutex_lock (&cache_lock);
  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (g_hash_table_size (cache) >= CACHE_MAX_FILES)
    g_hash_table_remove_all (cache);
  g_hash_table_replace (cache, g_strdup (path), entry);
  g_mutex_unlock (&cache_lock);
}

/* cs_image_features_read() through the cache. */
static gboolean
read_cached (float       *out,
             const char  *path,
             GError     **error)
{
  CachedFeatures now;
  gboolean known = stat_file (path, &now);

  if (known && cache_lookup (path, &now, out))
    return TRUE;
  if (!cs_image_features_read (out, path, error))
    return FALSE;
  if (known)
    cache_store (path, &now, out);
  return TRUE;
}

float *
cs_image_features_read_files (const char         *folder,
                              const char * const *names,
                              int                 n,
                              GError            **error)
{
  g_autofree float *features = g_new (float, (gsize) n * CS_IMAGE_FEATURES_DIM);

  g_return_val_if_fail (folder != NULL && (names != NULL || n == 0), NULL);

  for (int i = 0; i < n; i++)
    {
      g_autofree char *path = g_build_filename (folder, names[i], NULL);

      if (!read_cached (features + (gsize) i * CS_IMAGE_FEATURES_DIM, path, error))
        return NULL;
    }
  return g_steal_pointer (&features);
}
