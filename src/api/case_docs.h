/* case_docs.h: what a penalty case's instruments say beyond the common fields
 * (docs/documents.md, docs/cases.md §10): the legal basis from the catalog as of the
 * violation date and the discretion rule, and the members of the instruments that
 * the investigation and deciding steps produce (笔录, 先行登记保存 and its 处理决定, 听证通知,
 * 听证笔录, 法制审核, 集体讨论), and the evidence center's evidence of a case for the
 * 证据清单 and the decision. cases.c fills the common fields and calls case_doc_complete. */
#ifndef ZHIFA_API_CASE_DOCS_H
#define ZHIFA_API_CASE_DOCS_H

#include <jansson.h>
#include <stddef.h>

#include "core/calendar.h"
#include "domain/case.h"
#include "store/db.h"

/* 1 when s is a time of day "HH:MM" (00:00–23:59). */
int case_doc_time_ok(const char *s);
/* 1 when v is a preserved item {name, spec?, quantity?, note?}: name non-empty, every
 * member text of at most 200 characters, no other member. */
int case_doc_item_ok(json_t *v);

/* The instrument a record of kind ("inquiry", "inspection") produces, or NULL. */
const char *case_doc_record_template(const char *kind);

/* The legal basis of the catalog item code in force on date (YYYY-MM-DD), as citation
 * strings "《中华人民共和国…法》第…条第…款第…项", in the catalog's order. NULL when the
 * catalog holds no version of code in force on that date (or on a database error). */
json_t *case_doc_catalog_basis(db_t *db, const char *code, const char *date);

/* One citation {law, article, paragraph?, item?} as text into out (n bytes). */
void case_doc_citation(json_t *cite, char *out, size_t n);

/* The first 16 hex digits of a SHA-256 in groups of four ("9f2c 4e1a b37d 05c8"), as
 * the evidence list prints a digest; "—" when hex is shorter. Pure. */
void case_doc_digest_prefix(const char *hex, char *out, size_t n);
/* The digest of a 笔录 (or any ledger object): lowercase hex of SHA-256 over the canonical
 * JSON of its state (src/ledger/canon.c), the same bytes its ledger entry commits to as
 * H(salt || state). 0, or -1 (out "") when state cannot be written. */
int case_doc_state_sha256(json_t *state, char out[65]);
/* An instant "YYYY-MM-DDTHH:MM[:SS]Z" (UTC) as China time (UTC+8) "2026年5月1日16时30分";
 * -1 (out "") when s is not one. Pure. */
int case_doc_instant_cn(const char *s, char *out, size_t n);
/* s cut to at most max characters (UTF-8), with "…" when cut. Pure. */
void case_doc_clip(const char *s, size_t max, char *out, size_t n);

/* The evidence of the case in the evidence center (docs/evidence.md): its agency's own
 * evidence whose case_id is the case's id or number, and the evidence attached to it,
 * as [{name, kind, digest, collectors, collected}] in the order collected, for the
 * 证据清单 and the decision (Art 59(2)). An empty array when there is none. */
json_t *case_doc_evidence_items(db_t *db, const char *agency_pid, const char *case_pid, const char *case_no);

/* What case_doc_complete reads besides the model. */
struct case_doc_src {
	db_t *db;
	struct calendar *cal;
	const struct case_config *cfg;
	json_t *c;        /* the case as stored (record_encode'd, unmasked) */
	json_t *src;      /* the step's body, or the record as stored; may be NULL */
	const char *actor_name, *actor_cert_no;
	int actor_legal_qualified;
	int actor_experienced_reviewer;   /* 法制审核 before 2021-07-15 (Art 58(2)) */
	struct zdate actor_review_since;  /* the registered first day of 法制审核, y == 0: none */
};

/* Completes model m (template, agency, number, date, party, officers, facts … already
 * set by cases.c) for template tmpl: basis[] and penalty.basis from the catalog and
 * the recorded discretion, and tmpl's own members. Never fails: what the case does not
 * record is said plainly in the text rather than invented. */
void case_doc_complete(const struct case_doc_src *s, const char *tmpl, json_t *m);

#endif
