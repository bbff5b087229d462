/* coverage.c: the claim rule and the coverage merge (coverage.h). */
#include "domain/coverage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/valid.h"
#include "domain/auth.h"
#include "domain/catalog.h"

static int eq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

int claim_check(const struct claim_facts *f, struct zerr *e)
{
	char prefix[16];
	int bad = 0;

	if (!eq(f->agency_kind, f->item_agency_kind)) {
		zerr_field(e, "agency_id", "该事项应由%s类主体认领，该主体为%s类 (agency kind %s may not claim an item of kind %s)",
			   f->item_agency_kind, f->agency_kind, f->agency_kind, f->item_agency_kind);
		bad = 1;
	} else if (eq(f->item_mode, "departmental") && !eq(f->agency_domain, f->item_domain)) {
		zerr_field(e, "agency_id", "部门专业执法事项须由%s领域的主体认领 (an item of domain %s; the agency's domain is %s)",
			   f->item_domain, f->item_domain, f->agency_domain ? f->agency_domain : "");
		bad = 1;
	}
	/* the agency's region scope: a county 330802 covers 330802xxx000; a township only itself */
	region_prefix(f->agency_region, prefix, sizeof(prefix));
	if (!prefix[0] || !f->region_code || strncmp(f->region_code, prefix, strlen(prefix)) != 0) {
		zerr_field(e, "region_code", "区划 %s 不在该主体的辖区 %s 内 (the region lies outside the agency's region)",
			   f->region_code ? f->region_code : "", f->agency_region ? f->agency_region : "");
		bad = 1;
	} else if (!eq(f->region_level, f->item_level)) {
		zerr_field(e, "region_code", "该事项在%s层级行使，区划 %s 为%s层级 (the item is exercised at level %s, the region is %s)",
			   f->item_level, f->region_code, f->region_level ? f->region_level : "", f->item_level,
			   f->region_level ? f->region_level : "");
		bad = 1;
	}
	return bad ? -1 : 0;
}

int cov_level(const char *name)
{
	int i;

	for (i = 0; name && catalog_levels[i]; i++)
		if (strcmp(catalog_levels[i], name) == 0)
			return i;
	return -1;
}

/* The reach of a region of level index level (COV_NLEVELS or more: none). */
static void reach_at(const char *code, int level, struct cov_reach *reach)
{
	reach->from_level = level < 0 ? COV_NLEVELS : level;
	/* a city's extension items reach its counties and townships, never another city's */
	snprintf(reach->city, sizeof(reach->city), "%.4s", level > 0 && code ? code : "");
}

int cov_reach_of(const char *region_code, struct cov_reach *reach)
{
	static const int levels[] = { [REGION_PROVINCE] = 0, [REGION_CITY] = 1, [REGION_COUNTY] = 2,
				      [REGION_TOWNSHIP] = 3, [REGION_VILLAGE] = COV_NLEVELS };
	enum region_level l = region_code_level(region_code);

	if (l == REGION_INVALID)
		return -1;
	reach_at(region_code, levels[l], reach);
	return 0;
}

int cov_reaches(const struct cov_reach *reach, int level, const char *scope)
{
	if (level < reach->from_level || level >= COV_NLEVELS)
		return 0;
	return !scope || !reach->city[0] || strncmp(scope, reach->city, 4) == 0;
}

static int item_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cov_item *)a)->code, ((const struct cov_item *)b)->code);
}

static int region_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cov_region *)a)->code, ((const struct cov_region *)b)->code);
}

static int claim_cmp(const void *a, const void *b)
{
	const struct cov_claim *x = a, *y = b;
	/* the same string is often the same pointer (the API interns them) */
	int c = x->item_code == y->item_code ? 0 : strcmp(x->item_code, y->item_code);

	if (c == 0)
		c = x->region_code == y->region_code ? 0 : strcmp(x->region_code, y->region_code);
	if (c == 0)
		c = (x->agency > y->agency) - (x->agency < y->agency);
	return c;
}

#define NLEVELS COV_NLEVELS

/* qsort unless already in order: the API hands over arrays it sorted while loading, and
 * one linear pass is far cheaper than a merge sort of 1.7 million claims. */
static void sort_unless_sorted(void *base, size_t n, size_t sz, int (*cmp)(const void *, const void *))
{
	const char *p = base;
	size_t i;

	for (i = 1; i < n; i++)
		if (cmp(p + (i - 1) * sz, p + i * sz) > 0) {
			qsort(base, n, sz, cmp);
			return;
		}
}

int coverage_run(struct cov_item *items, size_t ni, struct cov_region *regions, size_t nr,
		 struct cov_claim *claims, size_t nc, const struct cov_sink *sink)
{
	size_t *by_level[NLEVELS] = { NULL }, nlev[NLEVELS] = { 0 }, i, j, c = 0;
	struct cov_reach *reach;
	int ret = -1, l;

	sort_unless_sorted(items, ni, sizeof(*items), item_cmp);
	sort_unless_sorted(regions, nr, sizeof(*regions), region_cmp);
	sort_unless_sorted(claims, nc, sizeof(*claims), claim_cmp);
	reach = malloc((nr ? nr : 1) * sizeof(*reach));
	if (!reach)
		return -1;
	for (l = 0; l < NLEVELS; l++)
		if (!(by_level[l] = malloc((nr ? nr : 1) * sizeof(size_t))))
			goto out;
	for (j = 0; j < nr; j++)
		reach_at(regions[j].code, regions[j].level, &reach[j]);
	for (j = 0; j < nr; j++)
		if (regions[j].level >= 0 && regions[j].level < NLEVELS)
			by_level[regions[j].level][nlev[regions[j].level]++] = j;
	for (i = 0; i < ni; i++) {
		size_t ce, k, *rl;
		int lv = items[i].level;

		while (c < nc && strcmp(claims[c].item_code, items[i].code) < 0)
			c++;
		for (ce = c; ce < nc && strcmp(claims[ce].item_code, items[i].code) == 0; ce++)
			;
		if (lv < 0 || lv >= NLEVELS)
			continue;
		rl = by_level[lv];
		k = c;
		for (j = 0; j < nlev[lv]; j++) {
			const char *rc = regions[rl[j]].code;
			size_t run, distinct = 0;

			if (!cov_reaches(&reach[rl[j]], lv, items[i].scope))
				continue; /* outside the item's city (its claims were refused there) */

			while (k < ce && strcmp(claims[k].region_code, rc) < 0)
				k++;
			for (run = 0; k + run < ce && strcmp(claims[k + run].region_code, rc) == 0; run++)
				if (run == 0 || claims[k + run].agency != claims[k + run - 1].agency)
					distinct++;
			if (distinct == 0) {
				if (sink->unclaimed && sink->unclaimed(sink->ctx, i, rl[j]) < 0)
					goto out;
			} else if (distinct > 1) {
				if (sink->overclaimed && sink->overclaimed(sink->ctx, i, rl[j], k, run) < 0)
					goto out;
			}
			k += run;
		}
		c = ce;
	}
	ret = 0;
out:
	for (l = 0; l < NLEVELS; l++)
		free(by_level[l]);
	free(reach);
	return ret;
}
