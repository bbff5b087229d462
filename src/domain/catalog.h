/* catalog.h: the rules of the enforcement-item catalog (监管事项/执法事项目录; 浙江省综合
 * 行政执法条例 Art 6, 7, 9, 10): what an item code looks like, what a version of an item
 * must say (legal basis, penalty types of 行政处罚法 Art 9, fine range), and how a
 * change request turns the item's versions into new ones without gaps or overlaps.
 * Pure functions: the API, the importer, the demo and the unit tests all call these. */
#ifndef ZHIFA_CATALOG_H
#define ZHIFA_CATALOG_H

#include <jansson.h>
#include <stddef.h>

#include "core/err.h"

/* The enums of a catalog version, each ended by NULL (JSON values of the field table). */
extern const char *const catalog_kinds[];         /* penalty inspection coercion other */
extern const char *const catalog_levels[];        /* province city county township */
extern const char *const catalog_modes[];         /* comprehensive departmental */
extern const char *const catalog_agency_kinds[];  /* agencies.kind: comprehensive departmental township */
extern const char *const catalog_domains[];       /* 市场监管 生态环境 城市管理 ... (as agencies.domain) */
extern const char *const catalog_actions[];       /* add amend transfer delegate repeal */
extern const char *const catalog_statuses[];      /* proposed approved rejected */
/* The penalty types of 行政处罚法 Art 9 as codes, and their Chinese names (same order). */
extern const char *const catalog_penalty_types[];
extern const char *const catalog_penalty_types_zh[];

/* Item codes: the domain's two-letter prefix (catalog_domain_prefix) and a six-digit
 * serial, e.g. SC000122 for a 市场监管 item, CG000034 for 城市管理. */
#define CATALOG_CODE_MSG "事项编码应为领域前缀（两位大写字母，如市场监管 SC、城市管理 CG）加 6 位数字，如 SC000122 (item code: domain prefix + 6 digits)"

/* 1 when code has the documented form and a known domain prefix, else 0. */
int catalog_code_valid(const char *code);
/* The prefix of a domain ("市场监管" → "SC"), or NULL for an unknown domain. */
const char *catalog_domain_prefix(const char *domain);

/* Checks a legal basis: an array of 1..20 citations {law, article, paragraph?, item?,
 * text?}; law is the name without 《》, article "第N条" (Chinese or Arabic numerals,
 * optionally "之一"), paragraph "第N款", item "第N项". 1 valid; 0 with msg filled. */
int catalog_basis_valid(json_t *v, char *msg, size_t len);
/* Parses citations written as text, separated by ；or ; — "《中华人民共和国食品安全法》
 * 第一百二十二条第一款；《…》第…条" — into the array form. NULL when it does not read. */
json_t *catalog_basis_parse(const char *s);
/* Checks penalty types: an array of distinct catalog_penalty_types codes. 1 / 0 + msg. */
int catalog_penalty_types_valid(json_t *v, char *msg, size_t len);
/* Parses penalty types separated by ；; 、 or |, each a code or its Chinese name. NULL
 * when one is unknown. */
json_t *catalog_penalty_types_parse(const char *s);

/* The search grams of a search text (012_catalog_grams): every character and every pair of
 * adjacent characters, ASCII letters lower-cased, each once, joined by spaces (order
 * unspecified). A search of 1–2 characters looks its text up among them: exact, and
 * served by an index on both engines. The migration computes the same for old rows.
 * NULL when out of memory; the caller frees. */
char *catalog_search_grams(const char *text);
/* The rules across the fields of one complete version (v holds every member a version
 * has, as decoded): the code's prefix is its domain's; a penalty item names its penalty
 * types (Art 9) and only a penalty item does; a fine range needs the type "fine" and
 * min <= max; no 行政拘留 (Art 18 para 3: public security only); a township item is
 * exercised by the township's comprehensive team (条例 Art 9). Adds one field error per
 * problem to e; returns -1 when any. On success sets the derived members agency_kind
 * and search_text. */
int catalog_version_check(json_t *v, struct zerr *e);

/* The agency kind that exercises an item at level in mode. */
const char *catalog_agency_kind(const char *level, const char *mode);

/* An effective period [from, to): dates "YYYY-MM-DD"; to "" = open-ended. */
struct catalog_period {
	char from[11];
	char to[11];
};

/* 1 when [a) and [b) share a day. */
int catalog_periods_overlap(const struct catalog_period *a, const struct catalog_period *b);
/* The index of the first of n periods that overlaps p, or -1 (skip: an index to ignore,
 * or -1). */
long catalog_period_overlaps(const struct catalog_period *v, size_t n,
			     const struct catalog_period *p, long skip);

enum catalog_action { CATALOG_ADD, CATALOG_AMEND, CATALOG_TRANSFER, CATALOG_DELEGATE, CATALOG_REPEAL };

/* What a change does to an item's versions. */
struct catalog_plan {
	long close;  /* index of the version whose effective_to becomes the date, or -1 */
	int create;  /* 1: a new version [date, open) */
};

/* Parses an action name; -1 when unknown. */
int catalog_action_parse(const char *s);

/* Plans action on the item whose versions are v[0..n) (ordered by from) taking effect on
 * date: add needs an item with no version; the others need a version that is in force on
 * date, is the latest and began before date — that version ends on date and (except for
 * repeal) a new one begins. Refusals (409): item_exists, item_unknown (404),
 * item_repealed (no effective version to change), version_overlap. 0 or -1 with e. */
int catalog_plan_change(enum catalog_action action, const struct catalog_period *v, size_t n,
			const char *date, struct catalog_plan *plan, struct zerr *e);

/* The content of the version a change makes: for add, proposal itself; for amend, the
 * current version with proposal's members over it; transfer moves the current version
 * to comprehensive enforcement (mode comprehensive) and delegate hands it to the
 * townships (level township, mode comprehensive), each with proposal's members over it.
 * Refuses (409 no_change) a transfer of an item already comprehensive, a delegation of
 * one already at township level, and an amend that changes nothing. code and domain
 * stay the item's. *out_r: a new object without derived members. 0 or -1 with e. */
int catalog_next_version(enum catalog_action action, json_t *current, json_t *proposal,
			 json_t **out_r, struct zerr *e);

/* The members that a version's content consists of (what a diff compares), NULL-ended. */
extern const char *const catalog_content_fields[];
/* The content members whose values differ between two versions, as a JSON array. */
json_t *catalog_changed_fields(json_t *a, json_t *b);

#endif
