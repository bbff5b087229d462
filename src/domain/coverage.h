/* coverage.h: who exercises which catalog item where (认领) and what nobody or several
 * agencies exercise (三不管 / 多头管; 条例 Art 7–9). Pure functions over arrays that the
 * API loads: the claim rule, and the coverage of items × regions × claims by sort and
 * merge (docs/claims.md). */
#ifndef ZHIFA_COVERAGE_H
#define ZHIFA_COVERAGE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

/* What the claim rule needs to know: the item's version in force on the claim's first
 * day, the claiming agency and the region claimed for. */
struct claim_facts {
	const char *item_level;        /* province city county township */
	const char *item_agency_kind;  /* comprehensive departmental township */
	const char *item_domain;
	const char *item_mode;         /* comprehensive departmental */
	const char *agency_kind;
	const char *agency_domain;
	const char *agency_region;     /* the agency's region code */
	const char *region_code;       /* the region claimed for */
	const char *region_level;      /* its level */
};

/* The claim rule: the agency's kind is the item's agency kind (and, for a departmental
 * item, its domain the item's domain); the region lies inside the agency's region (the
 * same region or below it) and is at the item's level. One field error per problem
 * (agency_id, region_code), 400; returns -1 when any. */
int claim_check(const struct claim_facts *f, struct zerr *e);

/* One item in force, one region and one claim in force, as the coverage sees them. */
struct cov_item {
	const char *code;
	int level;          /* an index into catalog_levels: 0 province .. 3 township */
	const char *name;   /* carried along for the caller */
	const char *scope;  /* a city extension catalogue's item (条例 Art 7): the city's code
			     * prefix (4 digits); it pairs only with regions inside. NULL: all */
};
struct cov_region {
	const char *code;
	int level;          /* the same scale */
};
struct cov_claim {
	const char *item_code;
	const char *region_code;
	int64_t agency;     /* the agency's internal id */
	const void *ref;    /* the caller's data, carried along */
};

/* The level index of a level name (catalog_levels), or -1. */
int cov_level(const char *name);

/* Where an item must be exercised (条例 Art 7–9), the one rule that the coverage pairs by
 * and that GET /catalog/items?region_code filters by: an item of level L at each region
 * of level L, an item of a city's extension catalogue only inside that city. So in the
 * subtree of a region: the items at the region's level or below (from_level), of the
 * province catalogue or of the extension catalogue of the region's city (city; "" for
 * the province: every city's). */
struct cov_reach {
	int from_level;     /* the region's level index; COV_NLEVELS for a village: nothing */
	char city[8];       /* the 4-digit prefix of the region's city, or "" */
};
#define COV_NLEVELS 4

/* The reach of a region code (core/valid's region_code_level): 0, or -1 when the code
 * is invalid. */
int cov_reach_of(const char *region_code, struct cov_reach *reach);
/* 1 when an item of level (index) and scope (an extension catalogue's city code or its
 * 4-digit prefix; NULL: the province catalogue) must be exercised inside the reach. */
int cov_reaches(const struct cov_reach *reach, int level, const char *scope);

/* Called for each (item, region) pair where the item must be exercised and no claim is in
 * force (unclaimed), or where claims of two or more distinct agencies are in force
 * (overclaimed: claims[first .. first+n), sorted by agency, possibly with one agency
 * twice). Indices refer to the arrays after sorting. Return -1 to stop. */
struct cov_sink {
	void *ctx;
	int (*unclaimed)(void *ctx, size_t item, size_t region);
	int (*overclaimed)(void *ctx, size_t item, size_t region, size_t first, size_t n);
};

/* Walks every item × every region at the item's level: sorts items by code, regions by
 * code and claims by (item, region, agency) in place, then merges — O(I·R_level +
 * C log C), no scan per pair. Claims for items or regions not given are ignored.
 * 0, or -1 when a sink stopped it. */
int coverage_run(struct cov_item *items, size_t ni, struct cov_region *regions, size_t nr,
		 struct cov_claim *claims, size_t nc, const struct cov_sink *sink);

#endif
