#include "core/valid.h"

#include <string.h>

static const char uscc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int uscc_weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20,
				      29, 25, 13, 8, 24, 10, 30, 28 };
static const int id_weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
static const char id_check[] = "10X98765432";

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Value of c in the USCC alphabet, or -1 (NUL included). */
static int uscc_value(char c)
{
	const char *p;

	if (c == '\0')
		return -1;
	p = strchr(uscc_alphabet, c);
	return p ? (int)(p - uscc_alphabet) : -1;
}

bool valid_uscc(const char *s)
{
	int i, v, sum = 0;

	if (!s || strnlen(s, VALID_USCC_LEN + 1) != VALID_USCC_LEN)
		return false;
	for (i = 0; i < 17; i++) {
		v = uscc_value(s[i]);
		if (v < 0)
			return false;
		sum += v * uscc_weights[i];
	}
	return uscc_value(s[17]) >= 0 && s[17] == uscc_alphabet[(31 - sum % 31) % 31];
}

/* Trims and upper-cases s into out; 0 when the result has exactly want characters. */
static int normalize(const char *s, char *out, size_t outlen, size_t want)
{
	size_t start = 0, end, i;

	if (outlen > 0)
		out[0] = '\0';
	if (!s)
		return -1;
	end = strlen(s);
	while (start < end && is_space(s[start]))
		start++;
	while (end > start && is_space(s[end - 1]))
		end--;
	if (end - start != want || outlen < want + 1)
		return -1;
	for (i = 0; i < want; i++) {
		char c = s[start + i];

		out[i] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
	}
	out[want] = '\0';
	return 0;
}

int valid_uscc_normalize(const char *s, char *out, size_t outlen)
{
	return normalize(s, out, outlen, VALID_USCC_LEN);
}

int valid_id_number_normalize(const char *s, char *out, size_t outlen)
{
	return normalize(s, out, outlen, VALID_ID_NUMBER_LEN);
}

int valid_id_number_birth(const char *s, struct zdate *birth_r)
{
	char iso[10];

	if (!s || strnlen(s, 14) < 14)
		return -1;
	/* YYYYMMDD -> YYYY-MM-DD so that the one strict parser decides */
	memcpy(iso, s + 6, 4);
	iso[4] = '-';
	memcpy(iso + 5, s + 10, 2);
	iso[7] = '-';
	memcpy(iso + 8, s + 12, 2);
	return zdate_parse_n(iso, sizeof(iso), birth_r);
}

bool valid_id_number(const char *s, struct zdate today)
{
	struct zdate birth;
	int i, sum = 0;

	if (!s || strnlen(s, VALID_ID_NUMBER_LEN + 1) != VALID_ID_NUMBER_LEN)
		return false;
	for (i = 0; i < 17; i++) {
		if (!is_digit(s[i]))
			return false;
		sum += (s[i] - '0') * id_weights[i];
	}
	if (s[17] != id_check[sum % 11])
		return false;
	if (valid_id_number_birth(s, &birth) != 0)
		return false;
	return zdate_cmp(birth, today) <= 0;
}

int mask_id_number(const char *s, char *out, size_t outlen)
{
	size_t n, i;

	if (outlen > 0)
		out[0] = '\0';
	if (!s)
		return -1;
	n = strlen(s);
	if (outlen < n + 1)
		return -1;
	for (i = 0; i < n; i++)
		out[i] = n > 10 && (i < 6 || i >= n - 4) ? s[i] : '*';
	out[n] = '\0';
	return 0;
}

/* ---- division codes ---- */

static int province_known(const char *code)
{
	static const char provinces[][3] = {
		"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
		"35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52",
		"53", "54", "61", "62", "63", "64", "65", "71", "81", "82",
	};
	size_t i;

	for (i = 0; i < sizeof(provinces) / sizeof(provinces[0]); i++)
		if (code[0] == provinces[i][0] && code[1] == provinces[i][1])
			return 1;
	return 0;
}

static int all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_digit(s[i]))
			return 0;
	return 1;
}

static int zeros(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != '0')
			return 0;
	return 1;
}

/* Level of the 6-digit code at s (digits already checked). */
static enum region_level level6(const char *s)
{
	if (!province_known(s))
		return REGION_INVALID;
	if (zeros(s + 2, 4))
		return REGION_PROVINCE;
	if (zeros(s + 4, 2))
		return s[2] == '9' && s[3] == '0' ? REGION_INVALID : REGION_CITY;
	if (zeros(s + 2, 2))
		return REGION_INVALID; /* a county directly under XX00 does not exist */
	return REGION_COUNTY;
}

enum region_level region_code_level(const char *code)
{
	size_t n;
	enum region_level up;

	if (!code)
		return REGION_INVALID;
	n = strnlen(code, 13);
	if ((n != 6 && n != 12) || !all_digits(code, n))
		return REGION_INVALID;
	up = level6(code);
	if (n == 6)
		return up;
	if (up != REGION_COUNTY && up != REGION_CITY)
		return REGION_INVALID;
	if (zeros(code + 6, 3))
		return REGION_INVALID;
	return zeros(code + 9, 3) ? REGION_TOWNSHIP : REGION_VILLAGE;
}

int region_parent_code(const char *code, char *out, size_t outlen)
{
	enum region_level lvl = region_code_level(code);
	char p[13];
	int rc = 0;

	if (outlen > 0)
		out[0] = '\0';
	switch (lvl) {
	case REGION_PROVINCE:
		return 1;
	case REGION_CITY:
		memcpy(p, code, 2);
		memcpy(p + 2, "0000", 5);
		break;
	case REGION_COUNTY:
		memcpy(p, code, 4);
		memcpy(p + 4, "00", 3);
		if (p[2] == '9' && p[3] == '0')
			memcpy(p + 2, "0000", 5);
		break;
	case REGION_TOWNSHIP:
		memcpy(p, code, 6);
		p[6] = '\0';
		break;
	case REGION_VILLAGE:
		memcpy(p, code, 9);
		memcpy(p + 9, "000", 4);
		break;
	case REGION_INVALID:
	default:
		return -1;
	}
	if (strlen(p) + 1 > outlen)
		rc = -1;
	else
		memcpy(out, p, strlen(p) + 1);
	return rc;
}
