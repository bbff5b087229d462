/* demo_photo.c: the demo county's scene photos (demo.h). Not a photograph: a small
 * drawing of a street front with what the officers found, and the camera's caption bar
 * (place, time, agency) as a law-enforcement recorder stamps it. Deterministic: the
 * same arguments give the same PNG bytes (cairo's PNG writer stores no time). */
#include "cli/demo.h"

#include <pango/pangocairo.h>
#include <string.h>

/* Writes text at (x, y) in font desc, colour r/g/b, at most width points wide. */
static void text_at(cairo_t *cr, const char *desc, double x, double y, double width, double r, double g,
		    double b, const char *text)
{
	PangoLayout *pl = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(desc);

	pango_layout_set_font_description(pl, fd);
	pango_layout_set_width(pl, (int)(width * PANGO_SCALE));
	pango_layout_set_ellipsize(pl, PANGO_ELLIPSIZE_END);
	pango_layout_set_text(pl, text, -1);
	cairo_set_source_rgb(cr, r, g, b);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, pl);
	pango_font_description_free(fd);
	g_object_unref(pl);
}

static cairo_status_t put_png(void *closure, const unsigned char *data, unsigned int len)
{
	return buf_add(closure, data, len) < 0 ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

int demo_scene_png(const char *place, const char *when, const char *stamp, const char *subject, int view,
		   struct buf *out)
{
	const int W = 480, H = 360;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
	cairo_t *cr = cairo_create(s);
	char line[512];
	int i, ret;

	/* sky, the shop front, the pavement in perspective */
	cairo_set_source_rgb(cr, 0.78, 0.85, 0.92);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 0.86, 0.82, 0.74);
	cairo_rectangle(cr, 0, 40, W, 170);
	cairo_fill(cr);
	for (i = 0; i < 3; i++) { /* shop windows and a door */
		cairo_set_source_rgb(cr, 0.35 + 0.05 * i, 0.45, 0.55);
		cairo_rectangle(cr, 30 + 150 * i, 90, 110, i == 1 ? 120 : 80);
		cairo_fill(cr);
	}
	cairo_set_source_rgb(cr, 0.70, 0.12, 0.10); /* the sign board */
	cairo_rectangle(cr, 20, 50, W - 40, 32);
	cairo_fill(cr);
	text_at(cr, "Noto Sans CJK SC Bold 13", 34, 55, W - 68, 1, 0.95, 0.8, subject);
	cairo_set_source_rgb(cr, 0.62, 0.62, 0.60);
	cairo_move_to(cr, 0, 210);
	cairo_line_to(cr, W, 210);
	cairo_line_to(cr, W, 318);
	cairo_line_to(cr, 0, 318);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0.52, 0.52, 0.50); /* paving joints */
	cairo_set_line_width(cr, 1);
	for (i = 0; i < 8; i++) {
		cairo_move_to(cr, 60.0 * i + (view ? 20 : 0), 210);
		cairo_line_to(cr, 60.0 * i - 80 + (view ? 20 : 0), 318);
		cairo_stroke(cr);
	}
	/* what was found: stacked cartons (view 0) or a close-up of one (view 1) */
	for (i = 0; i < (view ? 1 : 6); i++) {
		int row = i / 3; /* two rows of three */
		double x = view ? 150 : 90 + 52.0 * (i % 3) + 24.0 * row, y = view ? 190 : 240 - 34.0 * row;
		double w = view ? 180 : 48, h = view ? 110 : 32;

		cairo_set_source_rgb(cr, 0.72, 0.55, 0.33);
		cairo_rectangle(cr, x, y, w, h);
		cairo_fill_preserve(cr);
		cairo_set_source_rgb(cr, 0.45, 0.32, 0.18);
		cairo_set_line_width(cr, 1.5);
		cairo_stroke(cr);
	}
	/* the recorder's caption bar */
	cairo_set_source_rgba(cr, 0, 0, 0, 0.78);
	cairo_rectangle(cr, 0, 318, W, 42);
	cairo_fill(cr);
	snprintf(line, sizeof(line), "%s  %s", when, stamp);
	text_at(cr, "Noto Sans CJK SC 10", 8, 320, W - 16, 1, 1, 0.6, line);
	text_at(cr, "Noto Sans CJK SC 10", 8, 338, W - 16, 1, 1, 1, place);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	ret = cairo_surface_write_to_png_stream(s, put_png, out) == CAIRO_STATUS_SUCCESS ? 0 : -1;
	cairo_surface_destroy(s);
	return ret;
}
