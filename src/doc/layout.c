/* layout.c: see layout.h. All lengths are PDF points (1/72 in); pango works at
 * 72 dpi here so a 16 pt font is 16 units on the page. */
#include "doc/layout.h"

#include <assert.h>
#include <cairo-pdf.h>
#include <string.h>

#define MM(x) ((x) * 72.0 / 25.4)
#define PAGE_W MM(210.0)
#define PAGE_H MM(297.0)
/* GB/T 9704-2012 §5.2.1: 天头 37 mm, 订口 28 mm; the text block 156 x 225 mm.
 * Compact one-page forms start 7 mm higher. */
#define M_TOP (L->top)
#define M_LEFT MM(28.0)
#define M_RIGHT MM(26.0)
#define M_BOTTOM MM(35.0)
#define TEXT_W (PAGE_W - M_LEFT - M_RIGHT)
#define TEXT_BOTTOM (PAGE_H - M_BOTTOM)
#define CELL_PAD_X 5.0
#define CELL_PAD_Y 3.5
#define SEAL_R MM(21.0)

static const struct {
	const char *desc;
	double size, pitch;   /* pt; pitch is the distance from one line to the next */
	double csize, cpitch; /* the same for compact forms */
} FONTS[LF_COUNT] = {
	/* 22 lines of 三号 in the 225 mm text block, as GB/T 9704 §5.2.2 counts them;
	 * 15.5 pt rather than 16 so that a line holds 28 characters as there. */
	[LF_BODY] = { "Noto Serif CJK SC", 15.5, MM(225.0) / 22.0, 13.0, 22.0 },
	[LF_TITLE] = { "Noto Serif CJK SC Bold", 22.0, 36.0, 20.0, 30.0 },
	[LF_HEAD] = { "Noto Sans CJK SC Bold", 15.5, MM(225.0) / 22.0, 13.0, 22.0 },
	[LF_TABLE] = { "Noto Serif CJK SC", 13.0, 21.0, 12.0, 17.5 },
	[LF_SMALL] = { "Noto Serif CJK SC", 11.0, 17.0, 10.5, 16.0 },
};

static cairo_status_t put_bytes(void *closure, const unsigned char *data, unsigned int len)
{
	struct lay *L = closure;

	if (buf_add(L->out, data, len) < 0) {
		L->overflow = 1;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

static PangoLayout *make_layout(struct lay *L, const char *markup, enum lay_font f,
				enum lay_align a, double width, double indent_em)
{
	PangoLayout *pl = pango_layout_new(L->pc);

	pango_layout_set_font_description(pl, L->font[f]);
	pango_layout_set_width(pl, (int)(width * PANGO_SCALE));
	/* WORD_CHAR: Chinese breaks between any two characters (pango applies the
	 * line-start and line-end prohibitions of UAX #14), long Latin words too. */
	pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(pl, a == LA_CENTER ? PANGO_ALIGN_CENTER
				       : a == LA_RIGHT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	pango_layout_set_indent(pl, (int)(indent_em * L->size[f] * PANGO_SCALE));
	pango_layout_set_markup(pl, markup, -1);
	return pl;
}

/* Draws the current line of it with its top at y; returns the line's height (at
 * least the font's pitch). */
static double draw_line(struct lay *L, PangoLayoutIter *it, double x0, double y, enum lay_font f)
{
	PangoRectangle log;
	PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
	double h, base;

	pango_layout_iter_get_line_extents(it, NULL, &log);
	h = (double)log.height / PANGO_SCALE;
	base = (double)(pango_layout_iter_get_baseline(it) - log.y) / PANGO_SCALE;
	if (h < L->pitch[f]) /* centre the line in its pitch */
		base += (L->pitch[f] - h) / 2;
	cairo_move_to(L->cr, x0 + (double)log.x / PANGO_SCALE, y + base);
	pango_cairo_show_layout_line(L->cr, line);
	return h > L->pitch[f] ? h : L->pitch[f];
}

static void show_foot(struct lay *L)
{
	char num[32];
	PangoLayout *pl;
	int w, h;

	if (L->foot) {
		pl = make_layout(L, L->foot, LF_SMALL, LA_LEFT, TEXT_W, 0);
		cairo_move_to(L->cr, M_LEFT, TEXT_BOTTOM - L->pitch[LF_SMALL]);
		pango_cairo_show_layout(L->cr, pl);
		g_object_unref(pl);
	}
	/* GB/T 9704 §7.5: "— 1 —" in 四号, 7 mm below the text block. */
	snprintf(num, sizeof(num), "— %d —", L->page);
	pl = make_layout(L, num, LF_SMALL, LA_LEFT, -1, 0);
	pango_layout_get_size(pl, &w, &h);
	cairo_move_to(L->cr, (PAGE_W - (double)w / PANGO_SCALE) / 2, TEXT_BOTTOM + MM(7.0));
	pango_cairo_show_layout(L->cr, pl);
	g_object_unref(pl);
}

static void set_bottom(struct lay *L)
{
	L->bottom = TEXT_BOTTOM - (L->foot ? L->pitch[LF_SMALL] * 1.5 : 0);
}

static void new_page(struct lay *L)
{
	show_foot(L);
	cairo_show_page(L->cr);
	L->page++;
	L->y = M_TOP;
	set_bottom(L);
	if (L->th_n) {
		/* the table's header again; cleared while drawn, it cannot recurse */
		int n = L->th_n;

		L->th_n = 0;
		lay_row(L, n, L->th_w, L->th_cells, NULL, 1, 1);
		L->th_n = n;
	}
}

void lay_table_head(struct lay *L, int n, const double *widths, const char *const *cells)
{
	L->th_n = 0;
	lay_row(L, n, widths, cells, NULL, 1, 1);
	L->th_n = n;
	L->th_w = widths;
	L->th_cells = cells;
}

void lay_table_end(struct lay *L)
{
	L->th_n = 0;
	L->th_w = NULL;
	L->th_cells = NULL;
}

int lay_table_widths(const char *header, double *w, char (*label)[64], int max)
{
	const char *p = header;
	int n = 0, i, unset = 0;
	double given = 0, pct[16];

	if (max > 16)
		max = 16;
	while (p && n < max) {
		const char *bar = strchr(p, '|'), *end = bar ? bar : p + strlen(p);
		const char *eq = memchr(p, '=', (size_t)(end - p));
		size_t ln = (size_t)((eq ? eq : end) - p);

		if (ln >= 64)
			ln = 63;
		memcpy(label[n], p, ln);
		label[n][ln] = '\0';
		pct[n] = 0;
		if (eq) {
			long v = 0;
			const char *d;

			for (d = eq + 1; d < end; d++) {
				if (*d < '0' || *d > '9' || v > 100)
					return -1;
				v = v * 10 + (*d - '0');
			}
			if (v < 1 || v > 100)
				return -1;
			pct[n] = (double)v;
			given += pct[n];
		} else {
			unset++;
		}
		n++;
		p = bar ? bar + 1 : NULL;
	}
	if (given > 100.0 + 1e-9 || (unset && given > 100.0 - unset))
		return -1;
	if (given == 0 && n >= 3) {
		/* the item tables' shape: a narrow 序号, a wide name, the rest shared */
		for (i = 0; i < n; i++)
			w[i] = i == 0 ? 0.1 : i == 1 ? 0.3 : 0.6 / (n - 2);
		return n;
	}
	for (i = 0; i < n; i++)
		w[i] = pct[i] > 0 ? pct[i] / 100.0 : (100.0 - given) / 100.0 / unset;
	return n;
}

int lay_open(struct lay *L, struct buf *out, const char *title, const char *author,
	     const char *date_iso, int compact, struct zerr *e)
{
	cairo_font_options_t *fo;
	int i;

	memset(L, 0, sizeof(*L));
	L->out = out;
	L->out_len0 = out->len;
	L->surf = cairo_pdf_surface_create_for_stream(put_bytes, L, PAGE_W, PAGE_H);
	if (cairo_surface_status(L->surf) != CAIRO_STATUS_SUCCESS)
		return zerr_internal(e, "cairo_pdf_surface_create_for_stream");
	cairo_pdf_surface_restrict_to_version(L->surf, CAIRO_PDF_VERSION_1_5);
	cairo_pdf_surface_set_metadata(L->surf, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(L->surf, CAIRO_PDF_METADATA_AUTHOR, author);
	cairo_pdf_surface_set_metadata(L->surf, CAIRO_PDF_METADATA_CREATOR, "zhifa");
	cairo_pdf_surface_set_metadata(L->surf, CAIRO_PDF_METADATA_CREATE_DATE, date_iso);
	cairo_pdf_surface_set_metadata(L->surf, CAIRO_PDF_METADATA_MOD_DATE, date_iso);
	L->cr = cairo_create(L->surf);
	/* A font map of our own for each render: no state shared between renders or
	 * threads. fontconfig's configuration and cairo's font-face cache below it are
	 * process-wide, thread-safe caches owned by those libraries. */
	L->fm = pango_cairo_font_map_new();
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(L->fm), 72.0);
	L->pc = pango_font_map_create_context(L->fm);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(L->pc, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(L->pc, FALSE);
	pango_context_set_language(L->pc, pango_language_from_string("zh-cn"));
	for (i = 0; i < LF_COUNT; i++) {
		L->size[i] = compact ? FONTS[i].csize : FONTS[i].size;
		L->pitch[i] = compact ? FONTS[i].cpitch : FONTS[i].pitch;
		L->font[i] = pango_font_description_from_string(FONTS[i].desc);
		pango_font_description_set_size(L->font[i], (int)(L->size[i] * PANGO_SCALE));
	}
	cairo_set_source_rgb(L->cr, 0, 0, 0);
	L->page = 1;
	L->top = MM(compact ? 30.0 : 37.0);
	L->y = M_TOP;
	set_bottom(L);
	if (cairo_status(L->cr) != CAIRO_STATUS_SUCCESS)
		return zerr_internal(e, "cairo_create");
	return 0;
}

int lay_finish(struct lay *L, struct zerr *e)
{
	cairo_status_t st;

	show_foot(L);
	cairo_show_page(L->cr);
	/* LeakSanitizer cannot see into libcairo (tests/lsan.supp): hold the invariant here */
	assert(cairo_get_reference_count(L->cr) == 1);
	cairo_destroy(L->cr);
	L->cr = NULL;
	cairo_surface_finish(L->surf);
	st = cairo_surface_status(L->surf);
	if (L->overflow)
		return zerr_set(e, 413, "too_large", "文书超过 %u 字节的上限 (document too large)",
				(unsigned)(L->out->max - L->out_len0));
	if (st != CAIRO_STATUS_SUCCESS)
		return zerr_internal(e, cairo_status_to_string(st));
	return 0;
}

void lay_release(struct lay *L, int ok)
{
	int i;

	if (L->cr)
		cairo_destroy(L->cr);
	if (L->surf) {
		cairo_surface_finish(L->surf);
		assert(cairo_surface_get_reference_count(L->surf) == 1);
		cairo_surface_destroy(L->surf);
	}
	for (i = 0; i < LF_COUNT; i++)
		if (L->font[i])
			pango_font_description_free(L->font[i]);
	if (L->pc)
		g_object_unref(L->pc);
	if (L->fm)
		g_object_unref(L->fm);
	g_free(L->foot);
	if (!ok && L->out && L->out->len > L->out_len0) {
		L->out->len = L->out_len0;
		L->out->data[L->out->len] = '\0';
	}
	memset(L, 0, sizeof(*L));
}

void lay_set_foot(struct lay *L, const char *markup)
{
	g_free(L->foot);
	L->foot = markup ? g_strdup(markup) : NULL;
	set_bottom(L);
}

void lay_text(struct lay *L, const char *markup, enum lay_font f, enum lay_align a,
	      double indent_em)
{
	PangoLayout *pl = make_layout(L, markup, f, a, TEXT_W, indent_em);
	PangoLayoutIter *it = pango_layout_get_iter(pl);

	do {
		if (L->y + L->pitch[f] > L->bottom + 0.5)
			new_page(L);
		L->y += draw_line(L, it, M_LEFT, L->y, f);
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	g_object_unref(pl);
}

double lay_measure(struct lay *L, const char *markup, enum lay_font f, enum lay_align a,
		   double indent_em)
{
	PangoLayout *pl = make_layout(L, markup, f, a, TEXT_W, indent_em);
	PangoLayoutIter *it = pango_layout_get_iter(pl);
	PangoRectangle log;
	double h = 0;

	do {
		pango_layout_iter_get_line_extents(it, NULL, &log);
		h += (double)log.height / PANGO_SCALE > L->pitch[f] ? (double)log.height / PANGO_SCALE
								     : L->pitch[f];
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	g_object_unref(pl);
	return h;
}

double lay_seal_height(const struct lay *L)
{
	return L->pitch[LF_BODY] * 0.75 + 2 * SEAL_R;
}

void lay_keep(struct lay *L, double need)
{
	if (L->y + need > L->bottom && need <= L->bottom - M_TOP)
		new_page(L);
}

void lay_gap(struct lay *L, double pt)
{
	if (L->y > M_TOP)
		L->y += pt;
}

static void row_borders(struct lay *L, int n, const double *widths, double top, double bot,
			int header)
{
	double x = M_LEFT;
	int i;

	if (header) {
		cairo_set_source_rgb(L->cr, 0.92, 0.92, 0.92);
		cairo_rectangle(L->cr, M_LEFT, top, TEXT_W, bot - top);
		cairo_fill(L->cr);
		cairo_set_source_rgb(L->cr, 0, 0, 0);
	}
	cairo_set_line_width(L->cr, 0.75);
	cairo_rectangle(L->cr, M_LEFT, top, TEXT_W, bot - top);
	for (i = 0; i < n - 1; i++) {
		x += widths[i] * TEXT_W;
		cairo_move_to(L->cr, x, top);
		cairo_line_to(L->cr, x, bot);
	}
	cairo_stroke(L->cr);
}

#define ROW_CELLS_MAX 8

void lay_row(struct lay *L, int n, const double *widths, const char *const *cells,
	     const enum lay_align *align, int min_lines, int header)
{
	PangoLayout *pl[ROW_CELLS_MAX];
	PangoLayoutIter *it[ROW_CELLS_MAX];
	int more[ROW_CELLS_MAX], lines[ROW_CELLS_MAX], i, k, maxl = min_lines;
	double pitch = L->pitch[LF_TABLE], x[ROW_CELLS_MAX], top, y, need;
	enum lay_font f = LF_TABLE;

	if (n > ROW_CELLS_MAX)
		n = ROW_CELLS_MAX;
	for (i = 0, x[0] = M_LEFT; i < n; i++) {
		if (i)
			x[i] = x[i - 1] + widths[i - 1] * TEXT_W;
		pl[i] = make_layout(L, cells[i], f, align ? align[i] : LA_LEFT,
				    widths[i] * TEXT_W - 2 * CELL_PAD_X, 0);
		if (header) {
			PangoAttrList *al = pango_attr_list_new();

			pango_attr_list_insert(al, pango_attr_weight_new(PANGO_WEIGHT_BOLD));
			pango_layout_set_attributes(pl[i], al);
			pango_attr_list_unref(al);
		}
		lines[i] = pango_layout_get_line_count(pl[i]);
		if (lines[i] > maxl)
			maxl = lines[i];
	}
	need = maxl * pitch + 2 * CELL_PAD_Y;
	/* A row that fits on a page is never split; a longer one starts on a fresh page
	 * unless at least three of its lines fit here. */
	if (L->y + need > L->bottom &&
	    (need <= L->bottom - M_TOP || L->y + 3 * pitch + 2 * CELL_PAD_Y > L->bottom))
		new_page(L);
	for (i = 0; i < n; i++) {
		it[i] = pango_layout_get_iter(pl[i]);
		more[i] = 1;
	}
	top = L->y;
	y = top + CELL_PAD_Y;
	if (header) /* grey under the text: headers are short and never split */
		row_borders(L, n, widths, top, top + need, 1);
	for (k = 0; k < maxl; k++) {
		if (y + pitch > L->bottom - CELL_PAD_Y + 0.5) {
			row_borders(L, n, widths, top, y + CELL_PAD_Y, 0);
			new_page(L);
			top = L->y;
			y = top + CELL_PAD_Y;
		}
		for (i = 0; i < n; i++) {
			/* short centred cells (labels) sit in the middle of an unsplit row */
			int skip = align && align[i] == LA_CENTER && top + need <= L->bottom
					   ? (maxl - lines[i]) / 2 : 0;

			if (!more[i] || k < skip)
				continue;
			draw_line(L, it[i], x[i] + CELL_PAD_X, y, f);
			more[i] = pango_layout_iter_next_line(it[i]);
		}
		y += pitch;
	}
	if (!header)
		row_borders(L, n, widths, top, y + CELL_PAD_Y, 0);
	L->y = y + CELL_PAD_Y;
	for (i = 0; i < n; i++) {
		pango_layout_iter_free(it[i]);
		g_object_unref(pl[i]);
	}
}

void lay_seal(struct lay *L, const char *agency_markup, const char *date_markup)
{
	PangoLayout *ag = make_layout(L, agency_markup, LF_BODY, LA_LEFT, -1, 0);
	PangoLayout *dt = make_layout(L, date_markup, LF_BODY, LA_LEFT, -1, 0);
	PangoLayout *mark = make_layout(L, "（印章）", LF_SMALL, LA_LEFT, -1, 0);
	double p = L->pitch[LF_BODY], wa, wd, xd, cx, cy, top;
	int w, h;

	/* the circle needs its diameter below the text above, plus a line */
	if (L->y + lay_seal_height(L) > L->bottom)
		new_page(L);
	top = L->y + 0.5 * p;
	pango_layout_get_size(ag, &w, &h);
	wa = (double)w / PANGO_SCALE;
	pango_layout_get_size(dt, &w, &h);
	wd = (double)w / PANGO_SCALE;
	/* GB/T 9704 §7.3.5.1: the date 4 characters from the right edge, the agency's name
	 * centred above it, the seal centred on both and pressing on the date. */
	xd = M_LEFT + TEXT_W - 4 * L->size[LF_BODY] - wd;
	if (wa > wd && xd + wd / 2 + wa / 2 > M_LEFT + TEXT_W)
		xd = M_LEFT + TEXT_W - wa / 2 - wd / 2;
	cx = xd + wd / 2;
	cy = top + SEAL_R;
	cairo_move_to(L->cr, cx - wa / 2, cy - 0.25 * p);
	pango_cairo_show_layout(L->cr, ag);
	cairo_move_to(L->cr, xd, cy + 0.75 * p);
	pango_cairo_show_layout(L->cr, dt);
	cairo_set_source_rgb(L->cr, 0.85, 0.1, 0.1);
	cairo_set_line_width(L->cr, 2.0);
	cairo_new_path(L->cr);
	cairo_arc(L->cr, cx, cy, SEAL_R, 0, 2 * G_PI);
	cairo_stroke(L->cr);
	pango_layout_get_size(mark, &w, &h);
	cairo_move_to(L->cr, cx - (double)w / PANGO_SCALE / 2, cy - SEAL_R * 0.6);
	pango_cairo_show_layout(L->cr, mark);
	cairo_set_source_rgb(L->cr, 0, 0, 0);
	L->y = cy + SEAL_R + p * 0.25;
	g_object_unref(ag);
	g_object_unref(dt);
	g_object_unref(mark);
}
