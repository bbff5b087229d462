/* demo.h: the demo county that `zhifa demo` writes, and the deterministic generators
 * behind it (seeded PRNG, USCCs, citizen ID numbers, officers). The generators are pure
 * functions so that the unit tests can check that every value they make is valid and
 * that the same input always makes the same value. */
#ifndef ZHIFA_CLI_DEMO_H
#define ZHIFA_CLI_DEMO_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/date.h"

/* The county the demo builds: 浙江省衢州市柯城区. */
#define DEMO_COUNTY "330802"
#define DEMO_CITY "330800"   /* 衢州市, above the county */
/* The password of every demo account (never of admin). */
#define DEMO_PASSWORD "Demo-2026!"

/* splitmix64: small, fast, and the same sequence on every platform. */
struct demo_rng {
	uint64_t s;
};

/* Starts r at seed. */
void demo_rng_seed(struct demo_rng *r, uint64_t seed);
/* The next 64 random bits. */
uint64_t demo_rng_next(struct demo_rng *r);
/* A number in [0, n); n > 0. The modulo bias is irrelevant for demo data. */
unsigned demo_rng_below(struct demo_rng *r, unsigned n);

/* The GB 32100 check character of the first 17 characters of s (weights 3^(i-1) mod 31,
 * the same rule valid_uscc checks), or '\0' when one of them is outside the alphabet. */
char demo_uscc_check(const char *s);
/* Writes into out (19 bytes) the USCC of a 机关 (characters "11") registered in the
 * 6-digit division region6, whose organisation code (GB 11714, with its own check
 * character) is derived from serial. Distinct serials below 10^6 give distinct codes.
 * 0, or -1 when region6 is not six digits. */
int demo_uscc(const char *region6, unsigned serial, char out[19]);

/* Writes into out (19 bytes) the GB 11643 citizen ID number with address code addr6,
 * birth date birth and sequence number seq (0..999; odd = male, even = female), with
 * its ISO 7064 MOD 11-2 check character. 0, or -1 on bad input. */
int demo_id_number(const char *addr6, struct zdate birth, unsigned seq, char out[19]);

/* One generated enforcement officer, in the form the officer field table takes. */
struct demo_officer {
	char name[32];         /* UTF-8, 2 or 3 Chinese characters */
	char id_number[19];
	char cert_no[24];      /* "33080219" + 5-digit serial: opaque (domain.md §8) */
	char cert_issued[ZDATE_STRLEN];
	char cert_expires[ZDATE_STRLEN]; /* "" = no expiry */
	const char *status;    /* "active", "suspended" or "revoked" */
	int legal_qualified;
	int training_hours;
};

/* Largest serial demo_officer_make accepts: ID sequence numbers stay unique below it. */
#define DEMO_OFFICER_MAX 500

/* Makes officer number serial (0 .. DEMO_OFFICER_MAX-1) of the demo county. The same
 * serial always makes the same officer; distinct serials never share an ID number or
 * a certificate number. Birth dates lie in 1965..2000, issue dates in 2022..2025.
 * 0, or -1 when serial is out of range. */
int demo_officer_make(unsigned serial, struct demo_officer *o);

/* A region of the demo county (province, city, county, townships). */
struct demo_region {
	const char *code, *name;
};

/* The regions, parents before children. */
const struct demo_region *demo_regions(size_t *n_r);

/* An agency (执法主体) of the demo county; staff is its number of officers. */
struct demo_agency {
	char name[128];
	char region_code[16];
	const char *kind;   /* comprehensive, departmental, township */
	const char *domain;
	unsigned staff;
};

/* The demo agencies: the comprehensive bureau, the departmental bureaus, then one
 * comprehensive-enforcement squad per township. Writes their count to *n_r; the array
 * is built once per call into out (capacity cap). -1 when cap is too small. */
int demo_agencies(struct demo_agency *out, size_t cap, size_t *n_r);

/* A scene photo of the demo county (demo_photo.c): a 480x360 PNG of a street front with
 * subject on the shop sign, what the officers found (view 0: the whole scene, 1: a
 * close-up) and the recorder's caption bar (when, stamp, place), appended to out.
 * The same arguments give the same bytes. 0, or -1. */
int demo_scene_png(const char *place, const char *when, const char *stamp, const char *subject, int view,
		   struct buf *out);

#endif
