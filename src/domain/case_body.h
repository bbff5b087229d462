/* case_body.h: the members each action's request body may carry (docs/cases.md §4).
 *
 * One table, next to the transition table: the API refuses a member that the action does
 * not read (400 naming it) and a body without a member the table marks required (400
 * naming it, case_body_check_required), docs/cases.md §4 is its Markdown (case_body_markdown) and
 * docs/openapi.yaml's ActionBody carries its YAML (case_body_yaml); unit tests check both. */
#ifndef ZHIFA_CASE_BODY_H
#define ZHIFA_CASE_BODY_H

#include <jansson.h>

#include "domain/case.h"

struct buf;
struct zerr;

/* Member types: CM_DATE a date not after today, CM_DATE_AHEAD a date that may lie ahead,
 * CM_TEXT text, CM_BOOL a boolean, CM_PENALTY {types, fine_fen, confiscation_fen},
 * CM_OFFICERS an array of officer ids, CM_DISCRETION {circumstances, reason_outside?}
 * (the server evaluates the benchmark; a client's range is refused), CM_GROUNDS no-penalty grounds, CM_DAYS a whole number of days,
 * CM_SCHEDULE an instalment schedule [{amount_fen, due}], CM_FEN an amount in whole fen
 * (1..CASE_FEN_MAX); for the instruments
 * (docs/documents.md): CM_TIME "HH:MM", CM_NAMES an array of names, CM_ITEMS preserved
 * items [{name, spec?, quantity?, note?}], CM_DISPOSAL one of the dispositions of preserved
 * evidence (case_body_disposal). */
enum case_member_type {
	CM_NONE = 0,
	CM_DATE,
	CM_DATE_AHEAD,
	CM_TEXT,
	CM_BOOL,
	CM_PENALTY,
	CM_OFFICERS,
	CM_DISCRETION,
	CM_GROUNDS,
	CM_DAYS,
	CM_SCHEDULE,
	CM_FEN,
	CM_TIME,
	CM_NAMES,
	CM_ITEMS,
	CM_DISPOSAL,
};

/* The dispositions of preserved evidence (行政处罚法 Art 56) as decide_preserved_evidence
 * names them: code i ("release", "measures", "inspection", "transfer", "seizure") and the
 * decision's sentence; NULL past the last. */
const char *case_body_disposal(size_t i, const char **zh_r);
/* 1 when code is one of them. */
int case_body_disposal_ok(const char *code);

/* The type of member name in action a's body, or CM_NONE when a does not read it. */
enum case_member_type case_body_member(enum case_action a, const char *name);

/* The members of a in table order: *n_r names into names (at most max). */
size_t case_body_members(enum case_action a, const char **names, size_t max);

/* 1 when the body of a must carry member name (docs/cases.md §4, x-action-required). */
int case_body_required(enum case_action a, const char *name);
/* The required members of a in table order (at most max); how many. */
size_t case_body_required_members(enum case_action a, const char **names, size_t max);
/* The one check of required members: each required member of a that body lacks (absent,
 * null or blank text) becomes a 400 field error naming it in e. 0 when none is missing,
 * else -1 (every missing member named). */
int case_body_check_required(enum case_action a, const json_t *body, struct zerr *e);

/* docs/cases.md §4 (generated): one row per action with its members and the required ones. 0, or -1 when b's
 * cap is too small. */
int case_body_markdown(struct buf *b);
/* docs/openapi.yaml's ActionBody x-action-members and x-action-required maps, indented
 * for it. 0 or -1. */
int case_body_yaml(struct buf *b);

#endif
