/* canon.c: the canonical bytes of an object's state, as the ledger commits to them.
 *
 * The form is the one jansson's json_dumps(v, JSON_SORT_KEYS | JSON_COMPACT |
 * JSON_ENCODE_ANY) has written since the first entry: members sorted by the bytes of
 * their keys (shorter first on a common prefix), no spaces, strings as UTF-8 with
 * \" \\ \b \f \n \r \t and other control characters as \u00XX (uppercase hex), integers
 * in decimal, reals as jansson writes them. Every digest already in a log depends on
 * these bytes, so this writer must stay byte-identical to that call (tests/unit
 * test_canon.c compares the two on fixed and random values); it exists because the
 * generic dump (a callback per token, a loop-check hash table, a key array and a
 * string copy per object) was a fifth of an append's instructions. Invalid UTF-8, which
 * jansson refuses to dump, is refused here too. */
#include <stdlib.h>
#include <string.h>

#include "ledger/ledger.h"

#define CANON_MAX_DEPTH 512 /* a state is a flat row; deeper means something is wrong */

/* Length of the valid UTF-8 sequence at p (lead byte >= 0x80) as jansson accepts it:
 * no overlong forms, no surrogates, nothing above U+10FFFF. 0 when invalid. */
static size_t utf8_seq(const unsigned char *p, const unsigned char *lim)
{
	unsigned c = p[0], n, i;
	uint32_t cp;

	if (c < 0xC2 || c > 0xF4)
		return 0; /* continuation byte, overlong 2-byte lead, or beyond U+10FFFF */
	n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if ((size_t)(lim - p) < n)
		return 0;
	cp = c & (0xFFu >> (n + 1));
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3Fu);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

static int put_string(struct buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)s, *lim = p + len, *run;

	if (buf_addc(b, '"') < 0)
		return -1;
	while (p < lim) {
		for (run = p; p < lim && *p >= 0x20 && *p != '"' && *p != '\\';) {
			if (*p < 0x80) {
				p++;
			} else {
				size_t n = utf8_seq(p, lim);

				if (!n)
					return -1;
				p += n;
			}
		}
		if (p > run && buf_add(b, run, (size_t)(p - run)) < 0)
			return -1;
		if (p == lim)
			break;
		{
			char esc[6] = { '\\', 0, '0', '0', 0, 0 };
			size_t n = 2;

			switch (*p) {
			case '"': esc[1] = '"'; break;
			case '\\': esc[1] = '\\'; break;
			case '\b': esc[1] = 'b'; break;
			case '\f': esc[1] = 'f'; break;
			case '\n': esc[1] = 'n'; break;
			case '\r': esc[1] = 'r'; break;
			case '\t': esc[1] = 't'; break;
			default:
				esc[1] = 'u';
				esc[4] = hex[*p >> 4];
				esc[5] = hex[*p & 15];
				n = 6;
			}
			if (buf_add(b, esc, n) < 0)
				return -1;
		}
		p++;
	}
	return buf_addc(b, '"');
}

static int put_int(struct buf *b, json_int_t v)
{
	char num[24], *q = num + sizeof(num);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	do
		*--q = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--q = '-';
	return buf_add(b, q, (size_t)(num + sizeof(num) - q));
}

struct member {
	const char *key;
	size_t len;
	json_t *val;
};

static int member_cmp(const void *x, const void *y)
{
	const struct member *a = x, *b = y;
	int r = memcmp(a->key, b->key, a->len < b->len ? a->len : b->len);

	return r ? r : (a->len > b->len) - (a->len < b->len);
}

static int put_value(struct buf *b, json_t *v, int depth);

static int put_object(struct buf *b, json_t *v, int depth)
{
	struct member stack[48], *m = stack;
	size_t n = json_object_size(v), i = 0, k;
	void *it;
	int rc = 0;

	if (n > sizeof(stack) / sizeof(stack[0])) {
		m = malloc(n * sizeof(*m));
		if (!m)
			return -1;
	}
	for (it = json_object_iter(v); it && i < n; it = json_object_iter_next(v, it), i++) {
		m[i].key = json_object_iter_key(it);
		m[i].len = json_object_iter_key_len(it);
		m[i].val = json_object_iter_value(it);
	}
	/* insertion sort: a state has a few dozen members */
	for (k = 1; k < i; k++) {
		struct member t = m[k];
		size_t j = k;

		while (j > 0 && member_cmp(&m[j - 1], &t) > 0) {
			m[j] = m[j - 1];
			j--;
		}
		m[j] = t;
	}
	rc |= buf_addc(b, '{');
	for (k = 0; k < i && rc == 0; k++) {
		if (k)
			rc |= buf_addc(b, ',');
		rc |= put_string(b, m[k].key, m[k].len);
		rc |= buf_addc(b, ':');
		if (rc == 0)
			rc = put_value(b, m[k].val, depth + 1);
	}
	if (rc == 0)
		rc = buf_addc(b, '}');
	if (m != stack)
		free(m);
	return rc ? -1 : 0;
}

static int put_value(struct buf *b, json_t *v, int depth)
{
	if (!v || depth > CANON_MAX_DEPTH)
		return -1;
	switch (json_typeof(v)) {
	case JSON_NULL: return buf_add(b, "null", 4);
	case JSON_TRUE: return buf_add(b, "true", 4);
	case JSON_FALSE: return buf_add(b, "false", 5);
	case JSON_INTEGER: return put_int(b, json_integer_value(v));
	case JSON_STRING: return put_string(b, json_string_value(v), json_string_length(v));
	case JSON_OBJECT: return put_object(b, v, depth);
	case JSON_ARRAY: {
		size_t i, n = json_array_size(v);

		if (buf_addc(b, '[') < 0)
			return -1;
		for (i = 0; i < n; i++)
			if ((i && buf_addc(b, ',') < 0) || put_value(b, json_array_get(v, i), depth + 1) < 0)
				return -1;
		return buf_addc(b, ']');
	}
	case JSON_REAL: { /* rare in a state: jansson's own shortest-round-trip text */
		char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		int rc = s ? buf_adds(b, s) : -1;

		free(s);
		return rc;
	}
	}
	return -1;
}

int ledger_canonical_buf(struct buf *b, json_t *v)
{
	size_t len0 = b->len;

	if (put_value(b, v, 0) < 0) {
		b->len = len0;
		if (b->data)
			b->data[len0] = '\0';
		return -1;
	}
	return 0;
}

char *ledger_canonical(json_t *v)
{
	struct buf b = BUF_INIT((size_t)1 << 30);

	if (ledger_canonical_buf(&b, v) < 0) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}
