/* indicators.h: the reform's indicators (shared domain.md §A) as pure formulas over
 * counts that the API loads from the catalog, the claims, the township lists and the
 * officer registry; and the township-list match (权力清单 / 审批许可事项 against the
 * items delegated to a township). docs/claims.md states every formula. */
#ifndef ZHIFA_INDICATORS_H
#define ZHIFA_INDICATORS_H

#include <stddef.h>

enum indicator_key {
	IND_CITY_COUNTY_PENALTY,  /* city_county_penalty_share    >= 20% */
	IND_TOWNSHIP_PENALTY,     /* township_penalty_share       >= 25% */
	IND_TOWNSHIP_MATCH,       /* township_match_rate          >= 80% */
	IND_STAFF_COUNTY_BELOW,   /* staff_county_and_below_share >= 85% */
	IND_STAFF_TOWNSHIP,       /* staff_township_share         >= 50% */
	IND__COUNT
};

struct indicator_def {
	const char *key;
	int target_bp;   /* the target in basis points (1/100 of a percent): 2000 = 20% */
	const char *zh;
};
/* The five indicators in enum order. */
extern const struct indicator_def indicator_defs[IND__COUNT];

/* One indicator's value on a date for a region. */
struct indicator_value {
	long long num, den;
	double value;     /* num / den, 0 when den is 0 */
	double target;    /* target_bp / 10000 */
	int met;          /* num / den >= target, decided in integers (19.99% is not 20%) */
	const char *formula;
};

/* The indicator's key ("city_county_penalty_share"), or -1 when unknown. */
int indicator_parse(const char *key);
/* Fills out from num and den: value, target, met (den 0: value 0, not met). */
void indicator_eval(int which, long long num, long long den, struct indicator_value *out);

/* ⚠️ The denominator of township_penalty_share is not defined by the source: */
enum township_den {
	TDEN_COUNTY,  /* default: the penalty items exercised in the county (county + township level) */
	TDEN_ALL,     /* every penalty item in force (province, city, county, township) */
	TDEN__COUNT
};
extern const char *const township_den_names[];  /* "county" "all", NULL-ended */
int township_den_parse(const char *s);          /* -1 when unknown */

/* Penalty items in force on the date: pen[level][mode], level 0 province .. 3 township,
 * mode 0 comprehensive, 1 departmental. */
struct penalty_counts {
	long long pen[4][2];
};
/* city_county_penalty_share: comprehensive city + county penalty items / all city +
 * county penalty items. */
void indicator_city_county_penalty(const struct penalty_counts *c, struct indicator_value *out);
/* township_penalty_share: township penalty items / the denominator den chooses. */
void indicator_township_penalty(const struct penalty_counts *c, int den, struct indicator_value *out);
/* Officers counted (active, certificate valid on the date) by the level of their
 * agency's region: staff[0] province .. [3] township, [4] village. */
void indicator_staff_county_below(const long long staff[5], struct indicator_value *out);
void indicator_staff_township(const long long staff[5], struct indicator_value *out);
/* township_match_rate: delegated items that match the lists / delegated items. */
void indicator_township_match(long long matched, long long delegated, struct indicator_value *out);

/* ---- the township-list match ---- */

/* An item delegated to a township, or an entry of its power/approval list (code may be
 * NULL for a list entry that names no catalog code). */
struct match_entry {
	const char *code;
	const char *name;
	const char *scope; /* the caller's: a city extension catalogue's prefix, "" for none */
	char *norm;      /* set by township_match: the normalised name (freed by it) */
	int matched;     /* set by township_match */
};

/* Writes name without spaces and punctuation (ASCII and the CJK 《》（）、，。：；“”‘’
 * 【】— and full-width space) into out (len bytes, truncated). */
void match_normalise(const char *name, char *out, size_t len);

/* Marks each delegated item and each list entry that match: a list entry with a code
 * matches the item with that code, one without a code the items whose normalised name
 * equals its own. O((D + L) log L). *matched_r: the delegated items matched. 0, or -1
 * out of memory. */
int township_match(struct match_entry *delegated, size_t nd, struct match_entry *list, size_t nl,
		   size_t *matched_r);

/* ---- results kept by key under a change stamp (the API's indicators cache: a township's
 * match by its region code, an agency's officers counted by its id; one set per date) ---- */

struct stamped {
	char key[16];       /* a township's region code, an agency's id */
	long long stamp;    /* the key's change stamp the result was computed under */
	long long v[2];     /* a township: matched, delegated; an agency: officers counted, 0 */
	char from[11], to[11]; /* the dates on which the result holds: from <= date < to
				  ("": unbounded; both "" from stamped_put) */
	long long dep;      /* 0, or a second stamp the result read (a township matched by name:
			       1 + the stamp of the township items' names) */
};
struct stamped_set {
	struct stamped *v;  /* sorted by key, one per key */
	size_t n, cap;
};

/* key's result when it was computed under stamp; NULL when absent or under another. */
const struct stamped *stamped_get(const struct stamped_set *t, const char *key, long long stamp);
/* Stores key's result under stamp, replacing an older one; in O(1) when keys come in
 * ascending order. 0, or -1 when out of memory or key is longer than 15 bytes. */
int stamped_put(struct stamped_set *t, const char *key, long long stamp, long long v0, long long v1);
/* key's result when it was computed under stamp and holds on date (its span); else NULL. */
const struct stamped *stamped_get_on(const struct stamped_set *t, const char *key, long long stamp,
				     const char *date);
/* stamped_put with the span [from, to) on which the result holds ("": unbounded) and dep. */
int stamped_put_span(struct stamped_set *t, const char *key, long long stamp, long long v0, long long v1,
		     const char *from, const char *to, long long dep);
/* Narrows the span [*from, *to) around date by a boundary b (a date on which something the
 * result read starts or stops holding): b <= date raises from, b > date lowers to. NULL
 * or "" b: nothing. */
void span_narrow(char from[11], char to[11], const char *date, const char *b);
/* Frees the results; t is empty and usable again. */
void stamped_release(struct stamped_set *t);

#endif
