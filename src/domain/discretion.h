/* discretion.h: administrative penalty discretion benchmarks (行政处罚裁量基准,
 * 行政处罚法 Art 34) as proven decision tables. Pure: no database, no HTTP.
 *
 * A table is one JSON document for one catalog item and one version (format in
 * docs/discretion.md). Loading a table proves it: every input combination matches
 * exactly one rule (hit policy "unique"), decided exhaustively over bool and enum
 * domains and over the intervals that the rules' integer bounds cut; then the table's
 * own test cases must pass. A table that fails any of this is refused with every
 * problem named. A loaded table never changes; a new version is a new table.
 *
 * A set holds the versions of many items. Evaluation picks the version in force on the
 * violation date and, when the version in force on the decision date gives a lighter
 * result, that one (行政处罚法 Art 37, 从旧兼从轻), saying so in the result.
 *
 * Thread safety: loaded tables are immutable and may be read from any thread. A set is
 * not locked: fill it first, then evaluate from any number of threads; a caller that
 * adds versions while others evaluate must build a new set and swap it in. */
#ifndef ZHIFA_DISCRETION_H
#define ZHIFA_DISCRETION_H

#include <jansson.h>
#include <stddef.h>

#include "core/date.h"

struct zerr;
struct discretion_table;
struct discretion_set;

/* Limits of one table; a document beyond them is refused. */
#define DISCRETION_TEXT_MAX (1024 * 1024)  /* bytes of JSON text */
#define DISCRETION_MAX_INPUTS 16
#define DISCRETION_MAX_VALUES 32           /* values of one enum input */
#define DISCRETION_MAX_RULES 256
#define DISCRETION_MAX_TESTS 256
#define DISCRETION_MAX_CELLS 1000000L      /* input combinations checked for uniqueness */
#define DISCRETION_INT_MAX 1000000000000000LL /* largest int input value (fen or count) */
#define DISCRETION_MULTIPLE_MAX 1000       /* largest fine multiple of an int input */

/* Most errors[] entries one refusal lists (the detail says how many more there were). */
#define DISCRETION_MAX_ERRORS 20

/* String sizes, including the NUL. */
#define DISCRETION_CODE_LEN 64   /* item_code, rule id, input and test names */
#define DISCRETION_VERSION_LEN 32
#define DISCRETION_TEXT_LEN 512  /* basis parts, other penalties */
#define DISCRETION_EXPL_LEN 1024 /* explanation_zh */
#define DISCRETION_NOTE_LEN 512

/* Ordered from lightest to heaviest; "lighter" compares this first. */
enum discretion_outcome {
	DISCRETION_NO_PENALTY = 0, /* 不予处罚 */
	DISCRETION_MITIGATED,      /* 减轻处罚: below the statutory minimum */
	DISCRETION_LIGHTER,        /* 从轻处罚: lower part of the statutory range */
	DISCRETION_ORDINARY,       /* 一般 */
	DISCRETION_HEAVIER,        /* 从重处罚 */
};

enum discretion_amount {
	DISCRETION_AMOUNT_INSIDE = 0,
	DISCRETION_AMOUNT_BELOW,
	DISCRETION_AMOUNT_ABOVE,
};

struct discretion_result {
	enum discretion_outcome outcome;
	long long min_fen;                       /* recommended range, inclusive */
	long long max_fen;
	char item_code[DISCRETION_CODE_LEN];
	char rule[DISCRETION_CODE_LEN];          /* id of the rule that fired */
	char version[DISCRETION_VERSION_LEN];    /* version of the table applied */
	struct zdate effective_from;             /* of the table applied */
	char law[DISCRETION_TEXT_LEN];           /* table basis: law and article */
	char benchmark[DISCRETION_TEXT_LEN];     /* table basis: the published benchmark */
	char rule_basis[DISCRETION_TEXT_LEN];    /* the rule's article */
	char other_penalties[DISCRETION_TEXT_LEN]; /* "" when none */
	char explanation[DISCRETION_EXPL_LEN];   /* explanation_zh of the rule */
	int applied_newer;                       /* 1: a newer, lighter version applied (Art 37) */
	char violation_version[DISCRETION_VERSION_LEN]; /* version in force at the violation */
	char note[DISCRETION_NOTE_LEN];          /* why this version applies, Chinese */
};

/* "no_penalty", "mitigated", "lighter", "ordinary", "heavier"; "?" for other values. */
const char *discretion_outcome_name(enum discretion_outcome o);
/* The Chinese name: 不予处罚, 减轻处罚, 从轻处罚, 一般处罚, 从重处罚. */
const char *discretion_outcome_zh(enum discretion_outcome o);
/* Parses an outcome name; 0, or -1 (o_r untouched) when s is not one. */
int discretion_outcome_parse(const char *s, enum discretion_outcome *o_r);

/* Loads and proves the table in doc (which is only read; the table keeps a deep copy).
 * On success *t_r owns a new immutable table. On failure returns -1, *t_r is NULL and e
 * holds status 400 and one of the codes
 *   "invalid_discretion_table"  malformed document: unknown or missing field, unknown
 *                               input, operator or value, fine min > max or negative,
 *                               amount not an integer, string too long ...;
 *   "discretion_overlap"        two rules match one combination (gaps also listed);
 *   "discretion_gap"            a combination matches no rule;
 *   "discretion_too_complex"    more than DISCRETION_MAX_CELLS combinations;
 *   "discretion_test_failed"    an embedded test case gave another answer;
 * with errors[] ({"field","message"}) naming the rule ids, inputs or tests and, for an
 * overlap or a gap, one witness combination each ("harm=none, gains_fen=0"). */
int discretion_table_load(const json_t *doc, struct discretion_table **t_r, struct zerr *e);
/* As discretion_table_load, from len bytes of JSON text (at most DISCRETION_TEXT_MAX;
 * duplicate keys refused); text need not be NUL-terminated. */
int discretion_table_load_text(const char *text, size_t len, struct discretion_table **t_r,
			       struct zerr *e);
/* Frees the table and sets *t to NULL; NULL or *t == NULL is fine. */
void discretion_table_free(struct discretion_table **t);

const char *discretion_table_item_code(const struct discretion_table *t);
const char *discretion_table_version(const struct discretion_table *t);
struct zdate discretion_table_effective_from(const struct discretion_table *t);
/* 1 and *to_r set when the table has an effective_to (inclusive); 0 when open-ended. */
int discretion_table_effective_to(const struct discretion_table *t, struct zdate *to_r);
/* True when the table is in force on d: effective_from <= d <= effective_to. */
int discretion_table_in_force(const struct discretion_table *t, struct zdate d);
/* The document as loaded, for storing it; borrowed, valid as long as the table. */
const json_t *discretion_table_json(const struct discretion_table *t);
/* Number of rules and of embedded tests (both proven at load). */
size_t discretion_table_nrules(const struct discretion_table *t);
size_t discretion_table_ntests(const struct discretion_table *t);

/* Evaluates one table, ignoring dates. circumstances is an object with one value per
 * input of the table (bool, enum string, or integer 0..DISCRETION_INT_MAX); a missing
 * value, a wrong type, an unknown enum value or a key that is no input is refused with
 * 400 "invalid_circumstances" and errors[] naming the input. 0 with *r filled
 * (applied_newer 0, violation_version = version), or -1. */
int discretion_table_eval(const struct discretion_table *t, const json_t *circumstances,
			  struct discretion_result *r, struct zerr *e);

/* A new empty set; NULL when out of memory. */
struct discretion_set *discretion_set_new(void);
/* Frees the set with its tables and sets *s to NULL; NULL or *s == NULL is fine. */
void discretion_set_free(struct discretion_set **s);
/* Adds *t to the set, which then owns it (*t becomes NULL). Refused with 409
 * "discretion_version_exists" when the set already holds this item's version or another
 * version of the item with the same effective_from; *t is then left to the caller. */
int discretion_set_add(struct discretion_set *s, struct discretion_table **t, struct zerr *e);
/* Loads every *.json in dir (in name order) into s. Stops at the first refused file,
 * with e naming it in the detail; tables loaded before it stay. 500 "discretion_io"
 * when the directory or a file cannot be read. */
int discretion_set_load_dir(struct discretion_set *s, const char *dir, struct zerr *e);
/* The item's version in force on d (the latest effective_from among those in force),
 * or NULL. */
const struct discretion_table *discretion_set_find(const struct discretion_set *s,
						   const char *item_code, struct zdate d);

/* Recommends an outcome and fine range for item_code under 行政处罚法 Art 37: the
 * version in force on violation_date applies, unless the version in force on
 * decision_date gives a strictly lighter result (discretion_result_cmp), which then
 * applies with applied_newer = 1 and a note citing Art 37. circumstances must give a
 * value for every input of each version considered; keys that no version knows are
 * refused. Errors: 400 "invalid_dates" (decision before violation), 404
 * "discretion_not_found" (no version of the item in force on violation_date), 400
 * "invalid_circumstances" naming the input. */
int discretion_evaluate(const struct discretion_set *s, const char *item_code,
			struct zdate violation_date, struct zdate decision_date,
			const json_t *circumstances, struct discretion_result *r,
			struct zerr *e);

/* <0 when a is lighter than b, >0 when heavier, 0 when equally heavy: outcome order
 * (no_penalty < mitigated < lighter < ordinary < heavier), then the lower max_fen,
 * then the lower min_fen. */
int discretion_result_cmp(const struct discretion_result *a, const struct discretion_result *b);

/* Where a decided fine lies against the recommended range (edges are inside). A fine
 * outside needs a recorded reason and is flagged for supervision by the caller. */
enum discretion_amount discretion_check_amount(const struct discretion_result *r,
					       long long fine_fen);
/* "inside", "below", "above". */
const char *discretion_amount_name(enum discretion_amount a);

/* The result as the API answers it: {"outcome","outcome_zh","min_fen","max_fen","rule",
 * "item_code","version","effective_from","basis","law","benchmark","rule_basis",
 * "other_penalties","explanation","applied_newer","violation_version","note"};
 * NULL when out of memory. */
json_t *discretion_result_json(const struct discretion_result *r);

#endif
