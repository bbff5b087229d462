/* valid.h: validators for the identifiers used across the platform (domain.md §5).
 * Pure functions on ASCII strings: no global state, safe from any thread.
 *
 * Checkers take the canonical form only (upper-case, no surrounding spaces) and
 * say true or false. Input from people goes through the matching *_normalize first,
 * which produces the canonical form that is then checked and stored:
 *
 *     char code[VALID_USCC_LEN + 1];
 *     if (valid_uscc_normalize(input, code, sizeof(code)) != 0 || !valid_uscc(code))
 *             refuse;
 */
#ifndef ZHIFA_VALID_H
#define ZHIFA_VALID_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"

#define VALID_USCC_LEN 18
#define VALID_ID_NUMBER_LEN 18

/* ---- 统一社会信用代码 (USCC), GB 32100-2015 ---- */

/* True when s is exactly 18 characters of 0123456789ABCDEFGHJKLMNPQRTUWXY (upper-case;
 * I, O, S, V, Z never occur) whose 18th is the GB 32100 check character
 * (weights 3^(i-1) mod 31). The registration authority and entity type (characters
 * 1-2) are not checked against any list, and the embedded GB 11714 organisation code
 * check is not enforced: sources disagree and real registrations violate both.
 * Lower-case input is false; normalise it first. NULL is false. */
bool valid_uscc(const char *s);
/* Copies s into out (outlen bytes) without leading and trailing ASCII white space and
 * with ASCII letters upper-cased. 0 when the result is 18 characters long; -1 (out
 * holds "" when outlen > 0) when it is not, when it would not fit, or when s is NULL.
 * It does not check the code: call valid_uscc on out. */
int valid_uscc_normalize(const char *s, char *out, size_t outlen);

/* ---- 公民身份号码 (citizen ID number), GB 11643-1999 ---- */

/* True when s is exactly 18 characters: 17 digits and a check character (a digit or
 * upper-case 'X') that satisfies ISO 7064 MOD 11-2, and characters 7-14 are a real
 * birth date YYYYMMDD in ZDATE_MIN_YEAR..ZDATE_MAX_YEAR that is not after today.
 * The address code is not checked against the division list (codes are historical).
 * Legacy 15-digit numbers and lower-case 'x' are false (normalise first). */
bool valid_id_number(const char *s, struct zdate today);
/* As valid_uscc_normalize, for ID numbers (the result must be 18 characters; 'x'
 * becomes 'X'). */
int valid_id_number_normalize(const char *s, char *out, size_t outlen);
/* The birth date of a number that valid_id_number accepted. 0, or -1 when characters
 * 7-14 are not a valid date (or s is shorter than 14 characters). */
int valid_id_number_birth(const char *s, struct zdate *birth_r);

/* Writes s into out with every character except the first 6 and the last 4 replaced
 * by '*': "11010519491231002X" -> "110105********002X". A string of 10 characters or
 * fewer is masked completely, so nothing is ever shown in full. Works on any
 * string (it counts bytes). 0, or -1 when out (outlen bytes) is too small or s is
 * NULL, in which case out holds "" when outlen > 0. */
int mask_id_number(const char *s, char *out, size_t outlen);

/* ---- administrative division codes, GB/T 2260 and NBS 12-digit codes ---- */

enum region_level {
	REGION_INVALID = 0,
	REGION_PROVINCE, /* 6 digits XX0000 */
	REGION_CITY,     /* 6 digits XXYY00, YY != 00 and YY != 90 */
	REGION_COUNTY,   /* 6 digits XXYYZZ, ZZ != 00 (YY may be 90: under the province) */
	REGION_TOWNSHIP, /* 12 digits: county-or-city code, TTT != 000, then 000 */
	REGION_VILLAGE,  /* 12 digits: county-or-city code, TTT != 000, VVV != 000 */
};

/* The level of a division code. Canonical forms only: 6 digits for province, city
 * and county; 12 digits for township and village (the 9-digit township prefix, and
 * 12-digit codes that merely pad a 6-digit code with zeros, are REGION_INVALID).
 * XX must be one of the 34 provincial codes. XX9000 is a summary code, not a division,
 * so it is REGION_INVALID. A township's first 6 digits may be a city (XXYY00, for
 * cities without counties such as 东莞 441900) but never a province. Whether the code
 * exists in the current official list is not checked. NULL is REGION_INVALID. */
enum region_level region_code_level(const char *code);

/* Writes the parent of code into out (outlen bytes):
 *   village 330106001001 -> township 330106001000; township 330106001000 -> 330106;
 *   county 330106 -> 330100; county 429004 -> 420000 (4290 is a summary code);
 *   city 330100 -> 330000.
 * 0 on success; 1 for a province, which has no parent (out holds ""); -1 when code is
 * REGION_INVALID or out is too small (out holds "" when outlen > 0). */
int region_parent_code(const char *code, char *out, size_t outlen);

#endif
