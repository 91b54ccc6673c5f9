/* cs-demo-shapes.c — the demo dataset's drawn shapes
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-demo-shapes.h"

#include <math.h>

/* Each shape is a signed distance function in its own frame, where the shape fits the unit
 * disc; the rasteriser turns the distance at a pixel's centre into coverage (a pixel half
 * inside is half covered), which anti-aliases edges without supersampling. */

#define NOISE_AMPLITUDE  32.0  /* ± per channel, on 0..255 */
#define MIN_CONTRAST     40.0  /* luminance difference between shape and background */
#define GRADIENT_SLOPE    1.0  /* most the background may change per pixel */
#define SQUARE_TILT      (G_PI / 12)  /* squares and diamonds turn at most 15° either way */

static const char * const shape_names[CS_DEMO_N_SHAPES] = {
  "circle", "ring", "square", "diamond", "triangle", "star", "cross", "crescent",
};

typedef struct
{
  double x, y;
} Point;

typedef struct
{
  CsDemoShape shape;
  double      cx, cy;      /* centre, in pixels */
  double      radius;      /* pixels per unit of the shape's frame */
  double      cos_t, sin_t;
  Point       polygon[10]; /* the triangle's or star's corners, in the shape's frame */
  int         n_polygon;
} Placement;

const char *
cs_demo_shape_name (CsDemoShape shape)
{
  g_return_val_if_fail (shape >= 0 && shape < CS_DEMO_N_SHAPES, NULL);

  return shape_names[shape];
}

/* length () guards against overflow we cannot have here, at several times the cost. */
static inline double
length (double x,
        double y)
{
  return sqrt (x * x + y * y);
}

static double
sd_box (double u,
        double v,
        double half_w,
        double half_h)
{
  double qx = fabs (u) - half_w;
  double qy = fabs (v) - half_h;
  double outside = length (MAX (qx, 0.0), MAX (qy, 0.0));

  return outside + MIN (MAX (qx, qy), 0.0);
}

/* Distance to the nearest edge, negative inside (even–odd rule, so the star works). */
static double
sd_polygon (const Point *p,
            int          n,
            double       u,
            double       v)
{
  double best = G_MAXDOUBLE;
  gboolean inside = FALSE;

  for (int i = 0, j = n - 1; i < n; j = i++)
    {
      double ex = p[i].x - p[j].x, ey = p[i].y - p[j].y;
      double wx = u - p[j].x, wy = v - p[j].y;
      double t = CLAMP ((wx * ex + wy * ey) / (ex * ex + ey * ey), 0.0, 1.0);
      double dx = wx - ex * t, dy = wy - ey * t;

      best = MIN (best, dx * dx + dy * dy);
      if ((p[i].y > v) != (p[j].y > v) && u < p[j].x + (v - p[j].y) * ex / ey)
        inside = !inside;
    }
  return inside ? -sqrt (best) : sqrt (best);
}

static void
make_star_polygon (Placement *pl,
                   int        points,
                   double     inner)
{
  int corners = points == 3 ? 3 : 2 * points;

  for (int k = 0; k < corners; k++)
    {
      double angle = G_PI / 2 + 2 * G_PI * k / corners;
      double r = points == 3 ? 0.95 : (k % 2 == 0 ? 1.0 : inner);

      pl->polygon[k] = (Point) { r * cos (angle), r * sin (angle) };
    }
  pl->n_polygon = corners;
}

/* Signed distance in the shape's frame. */
static double
shape_distance (const Placement *pl,
                double           u,
                double           v)
{
  switch (pl->shape)
    {
    case CS_DEMO_SHAPE_CIRCLE:
      return length (u, v) - 0.9;
    case CS_DEMO_SHAPE_RING:
      return fabs (length (u, v) - 0.7) - 0.2;
    case CS_DEMO_SHAPE_SQUARE:
      return sd_box (u, v, 0.68, 0.68);
    case CS_DEMO_SHAPE_DIAMOND:
      return sd_box ((u + v) * G_SQRT2 / 2, (v - u) * G_SQRT2 / 2, 0.68, 0.68);
    case CS_DEMO_SHAPE_TRIANGLE:
    case CS_DEMO_SHAPE_STAR:
      return sd_polygon (pl->polygon, pl->n_polygon, u, v);
    case CS_DEMO_SHAPE_CROSS:
      return MIN (sd_box (u, v, 0.9, 0.27), sd_box (u, v, 0.27, 0.9));
    case CS_DEMO_SHAPE_CRESCENT:
      return MAX (length (u, v) - 0.9, 0.72 - length (u - 0.42, v));
    case CS_DEMO_N_SHAPES:
    default:
      g_assert_not_reached ();
    }
}

/* Random size, position and turn. Squares and diamonds only tilt a little: turned freely, a
 * square would be a diamond, and the pair is meant to be confusable, not identical. */
static void
place_shape (Placement   *pl,
             CsDemoShape  shape,
             int          size,
             CsRng    *rng)
{
  double half = size / 2.0;
  double slack, turn;

  pl->shape = shape;
  pl->radius = cs_rng_range (rng, 0.17, 0.34) * size;
  slack = MAX (0.0, half - pl->radius - 3.0);
  pl->cx = half + cs_rng_range (rng, -slack, slack);
  pl->cy = half + cs_rng_range (rng, -slack, slack);
  if (shape == CS_DEMO_SHAPE_SQUARE || shape == CS_DEMO_SHAPE_DIAMOND)
    turn = cs_rng_range (rng, -SQUARE_TILT, SQUARE_TILT);
  else
    turn = cs_rng_range (rng, 0.0, 2 * G_PI);
  pl->cos_t = cos (turn);
  pl->sin_t = sin (turn);
  pl->n_polygon = 0;
  if (shape == CS_DEMO_SHAPE_TRIANGLE)
    make_star_polygon (pl, 3, 0.0);
  else if (shape == CS_DEMO_SHAPE_STAR)
    make_star_polygon (pl, 5, 0.42);
}

/* Fraction of the pixel centred at (x, y) that the shape covers. Every shape lies inside the
 * unit disc of its frame, so pixels clear of that disc skip the distance function. */
static double
coverage (const Placement *pl,
          double           x,
          double           y)
{
  double dx = x - pl->cx, dy = y - pl->cy;
  double u, v;

  if (dx * dx + dy * dy > (pl->radius + 1.0) * (pl->radius + 1.0))
    return 0.0;
  u = (pl->cos_t * dx + pl->sin_t * dy) / pl->radius;
  v = (-pl->sin_t * dx + pl->cos_t * dy) / pl->radius;
  return CLAMP (0.5 - shape_distance (pl, u, v) * pl->radius, 0.0, 1.0);
}

static double
luminance (const double *c)
{
  return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
}

/* Any colours, as long as the shape stands out from the background in brightness. */
static void
pick_colours (double   *background,
              double   *foreground,
              CsRng *rng)
{
  do
    {
      for (int c = 0; c < 3; c++)
        {
          background[c] = cs_rng_range (rng, 0.0, 256.0);
          foreground[c] = cs_rng_range (rng, 0.0, 256.0);
        }
    }
  while (fabs (luminance (background) - luminance (foreground)) < MIN_CONTRAST);
}

static guint8
to_byte (double v)
{
  return (guint8) (CLAMP (v, 0.0, 255.0) + 0.5);
}

void
cs_demo_shape_draw (guint8      *rgb,
                    int          size,
                    CsDemoShape  shape,
                    CsRng    *rng)
{
  Placement pl;
  double background[3], foreground[3];
  double slope_x, slope_y, half = size / 2.0;

  g_return_if_fail (rgb != NULL);
  g_return_if_fail (size > 0);
  g_return_if_fail (shape >= 0 && shape < CS_DEMO_N_SHAPES);

  place_shape (&pl, shape, size, rng);
  pick_colours (background, foreground, rng);
  slope_x = cs_rng_range (rng, -GRADIENT_SLOPE, GRADIENT_SLOPE);
  slope_y = cs_rng_range (rng, -GRADIENT_SLOPE, GRADIENT_SLOPE);

  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      {
        double a = coverage (&pl, x + 0.5, y + 0.5);
        double shade = slope_x * (x + 0.5 - half) + slope_y * (y + 0.5 - half);
        guint8 *px = rgb + ((gsize) y * size + x) * 3;

        for (int c = 0; c < 3; c++)
          {
            double noise = cs_rng_range (rng, -NOISE_AMPLITUDE, NOISE_AMPLITUDE);

            px[c] = to_byte ((background[c] + shade) * (1.0 - a) + foreground[c] * a + noise);
          }
      }
}
