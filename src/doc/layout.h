/* layout.h: the page engine under the templates (internal to src/doc). A4 pages with
 * the GB/T 9704 margins, text that flows across pages, bordered table rows that split
 * at a page end, the seal place and page numbers, drawn with pango into a cairo PDF
 * surface that writes into a struct buf. Text arguments are pango markup. */
#ifndef ZHIFA_DOC_LAYOUT_H
#define ZHIFA_DOC_LAYOUT_H

#include <cairo.h>
#include <pango/pangocairo.h>

#include "core/buf.h"
#include "core/err.h"

enum lay_font {
	LF_BODY,  /* 仿宋-like body: Noto Serif CJK SC, 三号 (16 pt) */
	LF_TITLE, /* 小标宋-like title: Noto Serif CJK SC Bold, 二号 (22 pt) */
	LF_HEAD,  /* 黑体-like heading: Noto Sans CJK SC Bold, 三号 */
	LF_TABLE, /* forms: Noto Serif CJK SC, 四号 (14 pt) */
	LF_SMALL, /* notes and page feet: 小四 (12 pt) */
	LF_COUNT
};

enum lay_align { LA_LEFT, LA_CENTER, LA_RIGHT };

struct lay {
	cairo_surface_t *surf;
	cairo_t *cr;
	PangoFontMap *fm;
	PangoContext *pc;
	PangoFontDescription *font[LF_COUNT];
	double size[LF_COUNT], pitch[LF_COUNT]; /* pt */
	struct buf *out;
	size_t out_len0;  /* out->len before rendering, restored on failure */
	double top;       /* top margin, pt */
	double y;         /* pen: distance of the next line's top from the page top, pt */
	double bottom;    /* lowest y text may reach on this page */
	int page;         /* current page, from 1 */
	int overflow;     /* out refused bytes */
	char *foot;       /* markup printed at the foot of every page, or NULL */
	/* a table's header row, drawn again at the top of each page the table reaches */
	int th_n;
	const double *th_w;
	const char *const *th_cells;
};

/* Opens a PDF that will be appended to out. date_iso ("2026-11-26T00:00:00+08:00")
 * becomes both creation and modification date, so output depends on the model only.
 * compact: smaller type (四号 body) for forms meant to fit one page.
 * 0, or -1 with e set (and L safe to release). */
int lay_open(struct lay *L, struct buf *out, const char *title, const char *author,
	     const char *date_iso, int compact, struct zerr *e);
/* Finishes the last page and the file: 0, or -1 with e set (413 when out was full). */
int lay_finish(struct lay *L, struct zerr *e);
/* Frees everything; on a failed or unfinished render out is cut back to its old length. */
void lay_release(struct lay *L, int ok);

/* Sets the markup printed at the foot of this and every later page (signatures on
 * records); NULL for none. */
void lay_set_foot(struct lay *L, const char *markup);
/* A paragraph: wrapped to the text width, first line indented by indent_em characters,
 * flowing onto new pages as needed. */
void lay_text(struct lay *L, const char *markup, enum lay_font f, enum lay_align a,
	      double indent_em);
/* The height lay_text would take for this paragraph, in pt. */
double lay_measure(struct lay *L, const char *markup, enum lay_font f, enum lay_align a,
		   double indent_em);
/* The height lay_seal takes. */
double lay_seal_height(const struct lay *L);
/* Starts a new page unless need pt fit on this one (or would not fit on any). */
void lay_keep(struct lay *L, double need);
/* Vertical space in pt (nothing at the top of a page). */
void lay_gap(struct lay *L, double pt);
/* One bordered table row of n cells; widths are fractions of the text width (sum 1).
 * Cells wrap; a row taller than the rest of the page continues on the next one.
 * min_lines keeps room for handwriting. header cells are drawn bold-on-grey. */
void lay_row(struct lay *L, int n, const double *widths, const char *const *cells,
	     const enum lay_align *align, int min_lines, int header);
/* Draws a table's header row (as lay_row with header = 1) and repeats it at the top of
 * every further page until lay_table_end; widths and cells must stay valid until then. */
void lay_table_head(struct lay *L, int n, const double *widths, const char *const *cells);
void lay_table_end(struct lay *L);

/* Column widths of a table from its header "序号=8|证据名称=30|种类": a cell may end in
 * "=N", N percent of the text width; the cells without one share what is left equally
 * (the first cell of three or more, without a width, gets 10 %, the second 30 %, as
 * item tables have them). Writes n fractions summing to 1 into w and each cell's
 * label (without "=N") into label[i] (64 bytes each). Returns n (at most max), or -1
 * when a width is not 1..100 or the given widths exceed 100. Pure. */
int lay_table_widths(const char *header, double *w, char (*label)[64], int max);

/* The agency's name and the date at the bottom right with the seal's place: a red
 * circle of 42 mm pressing on both, as GB/T 9704 places a seal. */
void lay_seal(struct lay *L, const char *agency_markup, const char *date_markup);

#endif
