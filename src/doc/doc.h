/* doc.h: the standard enforcement instruments (执法文书) as PDF with Chinese text.
 * A document is described by a JSON model (docs/documents.md) naming its template;
 * the renderer needs no database. The same model always gives the same bytes, so the
 * SHA-256 of the PDF that the case layer puts into the ledger can be reproduced. */
#ifndef ZHIFA_DOC_H
#define ZHIFA_DOC_H

#include <jansson.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/err.h"

/* Largest PDF doc_render writes; callers size their buffer with it. */
#define DOC_PDF_MAX (16u << 20)
/* Largest amount the converters accept: 9,999,999,999,999.99 yuan (below 万亿). */
#define DOC_FEN_MAX 999999999999999LL

/* Renders the document the model describes and appends the PDF to pdf_out.
 * The model must hold "template" (one of doc_template_id), "agency_name", "date"
 * (YYYY-MM-DD) and the fields that template needs. 0 on success. On failure -1 with e
 * set and pdf_out unchanged in length: 400 invalid_field listing every missing or
 * malformed field in e->errors (field = its dotted path), 413 when pdf_out's cap is
 * too small, 500 when cairo or pango fail. Thread-safe; no global state of its own. */
int doc_render(const json_t *model, struct buf *pdf_out, struct zerr *e);

/* Number of templates, and the id ("decision") and Chinese title ("行政处罚决定书")
 * of template i (0-based); NULL when i is out of range. */
size_t doc_template_count(void);
const char *doc_template_id(size_t i);
const char *doc_template_title(size_t i);

/* Writes an amount of fen in Chinese capitals as bank forms require
 * (《支付结算办法》附件一): 150000 -> "人民币壹仟伍佰元整", 1005 -> "人民币壹拾元零伍分",
 * 0 -> "人民币零元整". 0 on success; -1 when fen is outside 0..DOC_FEN_MAX or out
 * is too small (DOC_MONEY_MAX bytes always suffice). */
#define DOC_MONEY_MAX 256
int doc_money_upper(long long fen, char *out, size_t n);
/* Writes fen in figures with thousands separators: 150000 -> "¥1,500.00". */
int doc_money_figures(long long fen, char *out, size_t n);
/* Writes a date in Chinese numerals: 2026-11-26 -> "二〇二六年十一月二十六日".
 * d must be valid; -1 when out (DOC_DATE_MAX bytes suffice) is too small. */
#define DOC_DATE_MAX 64
int doc_date_cn(struct zdate d, char *out, size_t n);

#endif
