/* cs-figure-export.c — heatmap and curve figures written as PNG, SVG or PDF files that say what
 * they show
 *
 * Every format is drawn into memory first and written with one atomic call, so a failed export
 * never leaves half a file where a good one was. PNG goes through cs-png.c, the one PNG writer,
 * for its text chunks; SVG and PDF through Cairo's own surfaces. Every kind of figure goes through
 * the same path, as a Drawing: its title, its size and the function that draws it.
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include "cs-figure-export.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <string.h>

#include "cs-error.h"
#include "cs-file.h"
#include "cs-png.h"

/* PNG pixels per point: sharp on a high-density screen and in a slide; a figure too large for
 * that is drawn at one pixel per point. */
#define PNG_SCALE 2
/* Cairo's image surfaces stop at 32767 pixels a side, and a surface of 32 million pixels is
 * already 128 MiB: a grid of thousands of annotators is meant for SVG or PDF. */
#define PNG_MAX_SIDE   16384
#define PNG_MAX_PIXELS (32 * 1024 * 1024)

/* A figure of any kind, as the writers see it. */
typedef struct
{
  void          (*draw) (gconstpointer figure,
                         cairo_t      *cr);
  gconstpointer   figure;
  const char     *title;
  const char     *legend;         /* what the legend names, "a; b", or NULL */
  double          width;          /* in points, which the drawing fills */
  double          height;
} Drawing;

bool
cs_image_format_from_path (const char    *path,
                           CsImageFormat *format)
{
  static const char * const extensions[] = { ".png", ".svg", ".pdf", NULL };
  int found = cs_file_find_extension (path, extensions);

  g_return_val_if_fail (format != NULL, false);

  if (found >= 0)
    *format = (CsImageFormat) found;
  return found >= 0;
}

static cairo_status_t
on_write (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
check_cairo (cairo_status_t   status,
             const char      *path,
             GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, CS_ERROR, CS_ERROR_IO, _("%s: cannot draw the image: %s"), path,
               cairo_status_to_string (status));
  return FALSE;
}

/* Draws onto a vector surface made for the figure's size, writing into bytes, and finishes it.
 * Returns bytes, or NULL (bytes freed) with an error. */
static GByteArray *
draw_vector (cairo_surface_t  *surface,
             GByteArray       *bytes,
             const Drawing    *drawing,
             const char       *path,
             GError          **error)
{
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  drawing->draw (drawing->figure, cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (check_cairo (status, path, error))
    return bytes;
  g_byte_array_unref (bytes);
  return NULL;
}

/* "Dataset: …\nRun: …\nMatrix: …\nLegend: …" for the fields given. */
static char *
describe (const CsImageInfo *info,
          const Drawing     *drawing,
          const char        *separator)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (info->dataset)
    g_ptr_array_add (parts, g_strconcat ("Dataset: ", info->dataset, NULL));
  if (info->run)
    g_ptr_array_add (parts, g_strconcat ("Run: ", info->run, NULL));
  if (info->matrix)
    g_ptr_array_add (parts, g_strconcat ("Matrix: ", info->matrix, NULL));
  if (drawing->legend)
    g_ptr_array_add (parts, g_strconcat ("Legend: ", drawing->legend, NULL));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (separator, (char **) parts->pdata);
}

/* Cairo's SVG has no metadata of its own: the <title> and <desc> go right after the root
 * element's start tag, where SVG viewers and screen readers look for them. */
static GBytes *
add_svg_title (GByteArray        *svg,
               const Drawing     *drawing,
               const CsImageInfo *info)
{
  g_autofree char *text = g_strndup ((const char *) svg->data, svg->len);
  g_autofree char *desc = describe (info, drawing, "\n");
  g_autofree char *head = g_markup_printf_escaped ("\n<title>%s</title>\n<desc>%s</desc>",
                                                   drawing->title, desc);
  const char *root = strstr (text, "<svg");
  const char *end = root ? strchr (root, '>') : NULL;
  GString *out = g_string_new_len (text, end ? end + 1 - text : 0);

  g_assert (end != NULL);
  g_string_append (out, head);
  g_string_append (out, end + 1);
  g_byte_array_unref (svg);
  return g_string_free_to_bytes (out);
}

/* SVG or PDF, each with what the figure shows: the PDF's document information, the SVG's
 * <title> and <desc>. */
static GBytes *
render_vector (const Drawing      *drawing,
               const CsImageInfo  *info,
               CsImageFormat       format,
               const char         *path,
               GError            **error)
{
  GByteArray *bytes = g_byte_array_new ();
  g_autofree char *subject = describe (info, drawing, "; ");
  cairo_surface_t *surface;

  if (format == CS_IMAGE_PDF)
    {
      surface = cairo_pdf_surface_create_for_stream (on_write, bytes, drawing->width,
                                                     drawing->height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, drawing->title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                      "Crowdscope " PACKAGE_VERSION);
    }
  else
    surface = cairo_svg_surface_create_for_stream (on_write, bytes, drawing->width,
                                                   drawing->height);
  if (!(bytes = draw_vector (surface, bytes, drawing, path, error)))
    return NULL;
  return format == CS_IMAGE_PDF ? g_byte_array_free_to_bytes (bytes) :
                                  add_svg_title (bytes, drawing, info);
}

/* The image surface's premultiplied native-endian ARGB, opaque here (the figure paints its
 * background), as the RGB rows cs-png.c encodes. */
static guint8 *
surface_rgb (cairo_surface_t *surface,
             int              width,
             int              height)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint8 *rgb = g_new (guint8, (gsize) width * height * 3);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 px;
        guint8 *out = rgb + ((gsize) y * width + x) * 3;

        memcpy (&px, data + (gsize) y * stride + (gsize) x * 4, sizeof px);
        out[0] = px >> 16 & 0xff;
        out[1] = px >> 8 & 0xff;
        out[2] = px & 0xff;
      }
  return rgb;
}

static GBytes *
render_png (const Drawing      *drawing,
            const CsImageInfo  *info,
            const char         *path,
            GError            **error)
{
  int scale = PNG_SCALE, w, h;
  const char *text[13];
  g_autofree guint8 *rgb = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int n = 0;

  for (;; scale--)
    {
      w = (int) drawing->width * scale;
      h = (int) drawing->height * scale;
      if (w <= PNG_MAX_SIDE && h <= PNG_MAX_SIDE && (gint64) w * h <= PNG_MAX_PIXELS)
        break;
      if (scale == 1)
        {
          g_set_error (error, CS_ERROR, CS_ERROR_LIMIT,
                       _("%s: the image would be %d × %d pixels, more than a PNG export takes "
                       "(%d a side, %d million in all); write an .svg or .pdf instead"), path,
                       w, h, PNG_MAX_SIDE, PNG_MAX_PIXELS / (1024 * 1024));
          return NULL;
        }
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  drawing->draw (drawing->figure, cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (check_cairo (status, path, error))
    rgb = surface_rgb (surface, w, h);
  cairo_surface_destroy (surface);
  if (rgb == NULL)
    return NULL;

#define ADD_TEXT(key, value) G_STMT_START { if (value) { text[n++] = key; text[n++] = value; } } G_STMT_END
  ADD_TEXT ("Title", drawing->title);
  ADD_TEXT ("Dataset", info->dataset);
  ADD_TEXT ("Run", info->run);
  ADD_TEXT ("Matrix", info->matrix);
  ADD_TEXT ("Software", "Crowdscope " PACKAGE_VERSION);
#undef ADD_TEXT
  text[n] = NULL;
  return cs_png_encode_rgb (w, h, w * 3, rgb, text, error);
}

static gboolean
save_drawing (const Drawing      *drawing,
              const CsImageInfo  *info,
              const char         *path,
              CsImageFormat       format,
              GError            **error)
{
  static const CsImageInfo no_info = { 0 };
  g_autoptr(GBytes) bytes = NULL;

  if (info == NULL)
    info = &no_info;
  if (format == CS_IMAGE_PNG)
    bytes = render_png (drawing, info, path, error);
  else
    bytes = render_vector (drawing, info, format, path, error);
  return bytes != NULL &&
         cs_file_write_atomic (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
}

static void
draw_heatmap (gconstpointer  figure,
              cairo_t       *cr)
{
  cs_heatmap_figure_draw (figure, cr);
}

static void
draw_curves (gconstpointer  figure,
             cairo_t       *cr)
{
  cs_curve_figure_draw (figure, cr);
}

gboolean
cs_heatmap_figure_save (const CsHeatmapFigure  *figure,
                        const CsImageInfo      *info,
                        const char             *path,
                        CsImageFormat           format,
                        GError                **error)
{
  Drawing drawing = { draw_heatmap, figure, NULL, NULL, 0, 0 };

  g_return_val_if_fail (figure != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  drawing.title = figure->title;
  cs_heatmap_figure_get_size (figure, &drawing.width, &drawing.height);
  return save_drawing (&drawing, info, path, format, error);
}

gboolean
cs_curve_figure_save (const CsCurveFigure  *figure,
                      const CsImageInfo    *info,
                      const char           *path,
                      CsImageFormat         format,
                      GError              **error)
{
  Drawing drawing = { draw_curves, figure, NULL, NULL, 0, 0 };
  g_autofree char *legend = NULL;

  g_return_val_if_fail (figure != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  drawing.title = cs_curve_figure_get_title (figure);
  drawing.legend = legend = cs_curve_figure_get_legend (figure);
  cs_curve_figure_get_size (figure, &drawing.width, &drawing.height);
  return save_drawing (&drawing, info, path, format, error);
}
