#include "core/crypto.h"

#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int crypto_random(void *p, size_t n)
{
	return RAND_bytes(p, (int)n) == 1 ? 0 : -1;
}

void crypto_sha256(const void *p, size_t n, uint8_t out[32])
{
	unsigned int len = 32;

	EVP_Digest(p, n, out, &len, EVP_sha256(), NULL);
}

void hex_encode(const void *p, size_t n, char *out)
{
	static const char hx[] = "0123456789abcdef";
	const uint8_t *b = p;
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = hx[b[i] >> 4];
		out[2 * i + 1] = hx[b[i] & 15];
	}
	out[2 * n] = '\0';
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int hex_decode(const char *s, void *out, size_t n)
{
	uint8_t *b = out;
	size_t i;

	if (strlen(s) != 2 * n)
		return -1;
	for (i = 0; i < n; i++) {
		int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		b[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

void base64_encode(const void *p, size_t n, char *out)
{
	EVP_EncodeBlock((unsigned char *)out, p, (int)n);
}

long base64_decode(const char *s, void *out, size_t outcap)
{
	size_t len = strlen(s), pad = 0;
	unsigned char *tmp;
	int n;
	long ret = -1;

	if (len == 0)
		return 0;
	if (len % 4)
		return -1;
	if (s[len - 1] == '=')
		pad++;
	if (len > 1 && s[len - 2] == '=')
		pad++;
	tmp = malloc(len / 4 * 3 + 1);
	if (!tmp)
		return -1;
	n = EVP_DecodeBlock(tmp, (const unsigned char *)s, (int)len);
	if (n >= 0 && (size_t)n >= pad && (size_t)n - pad <= outcap) {
		memcpy(out, tmp, (size_t)n - pad);
		ret = (long)((size_t)n - pad);
	}
	free(tmp);
	return ret;
}

int crypto_memeq(const void *a, const void *b, size_t n)
{
	return CRYPTO_memcmp(a, b, n) == 0;
}

static int scrypt(const char *pw, const uint8_t *salt, size_t saltlen, int logn, int r, int p,
		  uint8_t *out, size_t outlen)
{
	return EVP_PBE_scrypt(pw, strlen(pw), salt, saltlen, (uint64_t)1 << logn, (uint64_t)r,
			      (uint64_t)p, 64 * 1024 * 1024, out, outlen) == 1 ? 0 : -1;
}

int password_hash(const char *password, char *out, size_t outlen)
{
	uint8_t salt[16], hash[32];
	char s64[32], h64[48];

	if (crypto_random(salt, sizeof(salt)) < 0 ||
	    scrypt(password, salt, sizeof(salt), 15, 8, 1, hash, sizeof(hash)) < 0)
		return -1;
	base64_encode(salt, sizeof(salt), s64);
	base64_encode(hash, sizeof(hash), h64);
	return snprintf(out, outlen, "scrypt$15$8$1$%s$%s", s64, h64) < (int)outlen ? 0 : -1;
}

/* Reads a decimal field of a stored hash followed by '$'; advances *p past it. */
static int field_int(const char **p, int lo, int hi)
{
	char *end;
	long v = strtol(*p, &end, 10);

	if (end == *p || *end != '$' || v < lo || v > hi)
		return -1;
	*p = end + 1;
	return (int)v;
}

int password_verify(const char *password, const char *stored)
{
	const char *p = stored, *dollar;
	char s64[64];
	uint8_t salt[48], want[48], got[48];
	int logn, r, par;
	long sl, hl;

	if (strncmp(p, "scrypt$", 7) != 0)
		return -1;
	p += 7;
	logn = field_int(&p, 10, 20);
	r = logn < 0 ? -1 : field_int(&p, 1, 16);
	par = r < 0 ? -1 : field_int(&p, 1, 4);
	dollar = par < 0 ? NULL : strchr(p, '$');
	if (!dollar || (size_t)(dollar - p) >= sizeof(s64))
		return -1;
	snprintf(s64, sizeof(s64), "%.*s", (int)(dollar - p), p);
	sl = base64_decode(s64, salt, sizeof(salt));
	hl = base64_decode(dollar + 1, want, sizeof(want));
	if (sl <= 0 || hl <= 0 ||
	    scrypt(password, salt, (size_t)sl, logn, r, par, got, (size_t)hl) < 0)
		return -1;
	return crypto_memeq(got, want, (size_t)hl);
}

void token_hash(const char *token, char *hash_out)
{
	uint8_t h[32];

	crypto_sha256(token, strlen(token), h);
	hex_encode(h, sizeof(h), hash_out);
}

int token_new(char *out, char *hash_out)
{
	uint8_t raw[32];
	char b64[48];
	size_t i, j = 0;

	if (crypto_random(raw, sizeof(raw)) < 0)
		return -1;
	base64_encode(raw, sizeof(raw), b64);
	for (i = 0; b64[i] && b64[i] != '='; i++)
		out[j++] = b64[i] == '+' ? '-' : b64[i] == '/' ? '_' : b64[i];
	out[j] = '\0';
	token_hash(out, hash_out);
	return 0;
}

int uuid7(char *out)
{
	uint8_t b[16];
	struct timespec ts;
	uint64_t ms;
	char h[33];

	if (crypto_random(b, sizeof(b)) < 0)
		return -1;
	clock_gettime(CLOCK_REALTIME, &ts);
	ms = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
	for (int i = 0; i < 6; i++)
		b[i] = (uint8_t)(ms >> (40 - 8 * i));
	b[6] = (uint8_t)(0x70 | (b[6] & 0x0f));
	b[8] = (uint8_t)(0x80 | (b[8] & 0x3f));
	hex_encode(b, 16, h);
	snprintf(out, 37, "%.8s-%.4s-%.4s-%.4s-%.12s", h, h + 8, h + 12, h + 16, h + 20);
	return 0;
}
