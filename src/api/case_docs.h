/* case_docs.h: what a penalty case's instruments say beyond the common fields
 * (docs/documents.md, docs/cases.md §10): the legal basis from the catalog as of the
 * violation date and the discretion rule, and the members of the instruments that
 * the investigation and deciding steps produce (笔录, 先行登记保存, 听证通知, 法制审核,
 * 集体讨论). cases.c fills the common fields and calls case_doc_complete. */
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

/* What case_doc_complete reads besides the model. */
struct case_doc_src {
	db_t *db;
	struct calendar *cal;
	const struct case_config *cfg;
	json_t *c;        /* the case as stored (record_encode'd, unmasked) */
	json_t *src;      /* the step's body, or the record as stored; may be NULL */
	const char *actor_name, *actor_cert_no;
	int actor_legal_qualified;
};

/* Completes model m (template, agency, number, date, party, officers, facts … already
 * set by cases.c) for template tmpl: basis[] and penalty.basis from the catalog and
 * the recorded discretion, and tmpl's own members. Never fails: what the case does not
 * record is said plainly in the text rather than invented. */
void case_doc_complete(const struct case_doc_src *s, const char *tmpl, json_t *m);

#endif
