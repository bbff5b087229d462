/* checkpoint.c: C2SP signed notes and tlog checkpoints with Ed25519 or SM2/SM3 keys. */
#include "ledger/checkpoint.h"

#include <openssl/crypto.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/pem.h>

#include "core/buf.h"

#define EM_DASH "\xe2\x80\x94"
#define SM2_DEFAULT_DIST_ID "1234567812345678" /* GM/T 0009-2012 default user ID */
#define MAX_PUB 65
#define MAX_SIG 80 /* Ed25519: 64; SM2 DER: at most 72 */
#define MAX_TYPE (1 + sizeof(CHECKPOINT_SM2_ID) - 1)

/* What signers and verifiers share: the note name, algorithm, key ID and key. */
struct key {
	enum checkpoint_alg alg;
	char name[CHECKPOINT_MAX_NAME + 1];
	uint32_t id;
	EVP_PKEY *pkey;
	uint8_t pub[MAX_PUB];
	size_t pub_len;
};

struct checkpoint_signer {
	struct key k;
};

struct checkpoint_verifier {
	struct key k;
};

/* ---- base64 ----
 * Written by hand because OpenSSL's EVP_DecodeBlock skips whitespace and does not say
 * how much padding it saw; notes must be rejected unless they are canonical. */

static const char b64_alphabet[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

#define B64_LEN(n) (((n) + 2) / 3 * 4)

/* Writes B64_LEN(n) characters and a NUL. */
static void b64_encode(const uint8_t *in, size_t n, char *out)
{
	size_t i, o = 0;

	for (i = 0; i + 2 < n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];

		out[o++] = b64_alphabet[v >> 18];
		out[o++] = b64_alphabet[(v >> 12) & 63];
		out[o++] = b64_alphabet[(v >> 6) & 63];
		out[o++] = b64_alphabet[v & 63];
	}
	if (i < n) {
		uint32_t v = (uint32_t)in[i] << 16 | (i + 1 < n ? (uint32_t)in[i + 1] << 8 : 0);

		out[o++] = b64_alphabet[v >> 18];
		out[o++] = b64_alphabet[(v >> 12) & 63];
		out[o++] = i + 1 < n ? b64_alphabet[(v >> 6) & 63] : '=';
		out[o++] = '=';
	}
	out[o] = '\0';
}

static int b64_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* Decodes exactly n characters of canonical padded base64 into at most cap bytes. */
static int b64_decode(const char *in, size_t n, uint8_t *out, size_t cap, size_t *len_r)
{
	size_t i, o = 0, pad = 0;

	if (n == 0 || n % 4 != 0)
		return -1;
	if (in[n - 1] == '=')
		pad = in[n - 2] == '=' ? 2 : 1;
	if (n / 4 * 3 - pad > cap)
		return -1;
	for (i = 0; i < n; i += 4) {
		int v[4], j;
		uint32_t w = 0;

		for (j = 0; j < 4; j++) {
			v[j] = i + (size_t)j >= n - pad ? 0 : b64_value(in[i + (size_t)j]);
			if (v[j] < 0)
				return -1;
			w = w << 6 | (uint32_t)v[j];
		}
		out[o++] = (uint8_t)(w >> 16);
		if (i + 4 < n || pad < 2)
			out[o++] = (uint8_t)(w >> 8);
		if (i + 4 < n || pad < 1)
			out[o++] = (uint8_t)w;
		/* Canonical: the bits that padding hides must be zero. */
		if (i + 4 == n && ((pad == 1 && (w & 0xff)) || (pad == 2 && (w & 0xffff))))
			return -1;
	}
	*len_r = o;
	return 0;
}

/* ---- text rules ---- */

/* Decodes one UTF-8 code point at s[*i] (strict: shortest form, no surrogates). */
static long utf8_next(const char *str, size_t n, size_t *i)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char c = s[*i];
	long cp, min;
	size_t len, j;

	if (c < 0x80) {
		(*i)++;
		return c;
	}
	if ((c & 0xe0) == 0xc0) {
		len = 2, cp = c & 0x1f, min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		len = 3, cp = c & 0x0f, min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		len = 4, cp = c & 0x07, min = 0x10000;
	} else {
		return -1;
	}
	if (n - *i < len)
		return -1;
	for (j = 1; j < len; j++) {
		if ((s[*i + j] & 0xc0) != 0x80)
			return -1;
		cp = cp << 6 | (s[*i + j] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return -1;
	*i += len;
	return cp;
}

/* Valid UTF-8 with no control characters except (when allowed) newline. */
static int text_ok(const char *s, size_t n, int allow_newline)
{
	size_t i = 0;

	while (i < n) {
		long cp = utf8_next(s, n, &i);

		if (cp < 0 || cp == 0x7f || (cp < 0x20 && !(allow_newline && cp == '\n')))
			return 0;
	}
	return 1;
}

static int unicode_space(long cp)
{
	return cp == ' ' || (cp >= 0x09 && cp <= 0x0d) || cp == 0x85 || cp == 0xa0 ||
	       cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 ||
	       cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

/* signed-note: non-empty, no Unicode spaces, no '+'; here also bounded. */
static int name_ok(const char *s, size_t n)
{
	size_t i = 0;

	if (n == 0 || n > CHECKPOINT_MAX_NAME || !text_ok(s, n, 0))
		return 0;
	while (i < n) {
		long cp = utf8_next(s, n, &i);

		if (cp == '+' || unicode_space(cp))
			return 0;
	}
	return 1;
}

/* ---- keys ---- */

static const uint8_t *type_bytes(enum checkpoint_alg alg, size_t *len_r)
{
	static const uint8_t ed25519[1] = { CHECKPOINT_TYPE_ED25519 };
	static const uint8_t sm2[MAX_TYPE] = { CHECKPOINT_TYPE_OTHER, 'z', 'h', 'i', 'f', 'a', '-',
					       's', 'm', '2', '-', 's', 'm', '3' };

	*len_r = alg == CHECKPOINT_SM2 ? sizeof(sm2) : sizeof(ed25519);
	return alg == CHECKPOINT_SM2 ? sm2 : ed25519;
}

static size_t pub_len(enum checkpoint_alg alg)
{
	return alg == CHECKPOINT_SM2 ? 65 : 32;
}

/* key ID = SHA-256(name || 0x0A || type || public key)[:4], big-endian. */
static int key_compute_id(struct key *k)
{
	uint8_t buf[CHECKPOINT_MAX_NAME + 1 + MAX_TYPE + MAX_PUB], md[32];
	const uint8_t *t;
	size_t n = strlen(k->name), tlen;

	t = type_bytes(k->alg, &tlen);
	memcpy(buf, k->name, n);
	buf[n++] = '\n';
	memcpy(buf + n, t, tlen);
	n += tlen;
	memcpy(buf + n, k->pub, k->pub_len);
	n += k->pub_len;
	if (!EVP_Digest(buf, n, md, NULL, EVP_sha256(), NULL))
		return -1;
	k->id = (uint32_t)md[0] << 24 | (uint32_t)md[1] << 16 | (uint32_t)md[2] << 8 | md[3];
	return 0;
}

/* Fills k->alg, pub and id from k->pkey and k->name. */
static int key_from_pkey(struct key *k)
{
	if (EVP_PKEY_is_a(k->pkey, "ED25519")) {
		k->alg = CHECKPOINT_ED25519;
		k->pub_len = 32;
		if (EVP_PKEY_get_raw_public_key(k->pkey, k->pub, &k->pub_len) != 1 || k->pub_len != 32)
			return -1;
	} else if (EVP_PKEY_is_a(k->pkey, "SM2")) {
		unsigned char *p = NULL;
		size_t n = EVP_PKEY_get1_encoded_public_key(k->pkey, &p);

		k->alg = CHECKPOINT_SM2;
		if (n != 65 || !p || p[0] != 0x04) {
			OPENSSL_free(p);
			return -1;
		}
		memcpy(k->pub, p, n);
		k->pub_len = n;
		OPENSSL_free(p);
	} else {
		return -1;
	}
	return key_compute_id(k);
}

static EVP_PKEY *pkey_from_pub(enum checkpoint_alg alg, const uint8_t *pub, size_t n)
{
	OSSL_PARAM params[] = {
		OSSL_PARAM_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, (char *)"SM2", 0),
		OSSL_PARAM_octet_string(OSSL_PKEY_PARAM_PUB_KEY, (void *)pub, n),
		OSSL_PARAM_END
	};
	EVP_PKEY_CTX *ctx = NULL;
	EVP_PKEY *pk = NULL;

	if (alg == CHECKPOINT_ED25519)
		return EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pub, n);
	/* Importing decodes the point, which checks that it lies on the curve. */
	ctx = EVP_PKEY_CTX_new_from_name(NULL, "SM2", NULL);
	if (!ctx || EVP_PKEY_fromdata_init(ctx) != 1 ||
	    EVP_PKEY_fromdata(ctx, &pk, EVP_PKEY_PUBLIC_KEY, params) != 1) {
		EVP_PKEY_free(pk);
		pk = NULL;
	}
	EVP_PKEY_CTX_free(ctx);
	return pk;
}

static int key_sign(const struct key *k, const void *tbs, size_t n, uint8_t *sig, size_t *siglen)
{
	EVP_MD_CTX *m = EVP_MD_CTX_new();
	EVP_PKEY_CTX *pctx = NULL;
	int rc = -1;

	if (!m)
		goto out;
	if (k->alg == CHECKPOINT_ED25519) {
		if (EVP_DigestSignInit_ex(m, NULL, NULL, NULL, NULL, k->pkey, NULL) != 1)
			goto out;
	} else {
		if (EVP_DigestSignInit_ex(m, &pctx, "SM3", NULL, NULL, k->pkey, NULL) != 1 ||
		    EVP_PKEY_CTX_set1_id(pctx, SM2_DEFAULT_DIST_ID, strlen(SM2_DEFAULT_DIST_ID)) <= 0)
			goto out;
	}
	*siglen = MAX_SIG;
	if (EVP_DigestSign(m, sig, siglen, tbs, n) != 1)
		goto out;
	rc = 0;
out:
	EVP_MD_CTX_free(m);
	return rc;
}

/* 0 when sig is k's signature of tbs. */
static int key_verify(const struct key *k, const void *tbs, size_t n, const uint8_t *sig,
		      size_t siglen)
{
	EVP_MD_CTX *m = EVP_MD_CTX_new();
	EVP_PKEY_CTX *pctx = NULL;
	int rc = -1;

	if (!m)
		goto out;
	if (k->alg == CHECKPOINT_ED25519) {
		if (siglen != 64 || EVP_DigestVerifyInit_ex(m, NULL, NULL, NULL, NULL, k->pkey, NULL) != 1)
			goto out;
	} else {
		if (EVP_DigestVerifyInit_ex(m, &pctx, "SM3", NULL, NULL, k->pkey, NULL) != 1 ||
		    EVP_PKEY_CTX_set1_id(pctx, SM2_DEFAULT_DIST_ID, strlen(SM2_DEFAULT_DIST_ID)) <= 0)
			goto out;
	}
	if (EVP_DigestVerify(m, sig, siglen, tbs, n) != 1)
		goto out;
	rc = 0;
out:
	EVP_MD_CTX_free(m);
	return rc;
}

/* "<name>+<id hex>+<base64(type || pub)>", malloc'd. */
static char *key_vkey(const struct key *k)
{
	uint8_t raw[MAX_TYPE + MAX_PUB];
	char b64[B64_LEN(MAX_TYPE + MAX_PUB) + 1];
	struct buf b = BUF_INIT(CHECKPOINT_MAX_NAME + 16 + sizeof(b64));
	const uint8_t *t;
	size_t tlen;

	t = type_bytes(k->alg, &tlen);
	memcpy(raw, t, tlen);
	memcpy(raw + tlen, k->pub, k->pub_len);
	b64_encode(raw, tlen + k->pub_len, b64);
	if (buf_addf(&b, "%s+%08x+%s", k->name, (unsigned)k->id, b64) < 0) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

static int set_name(struct key *k, const char *name, size_t n)
{
	if (!name_ok(name, n))
		return -1;
	memcpy(k->name, name, n);
	k->name[n] = '\0';
	return 0;
}

/* Parses "<id hex>" (exactly 8 lowercase hex digits). */
static int parse_id(const char *s, size_t n, uint32_t *id_r)
{
	uint32_t v = 0;
	size_t i;

	if (n != 8)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			v = v << 4 | (uint32_t)(s[i] - '0');
		else if (s[i] >= 'a' && s[i] <= 'f')
			v = v << 4 | (uint32_t)(s[i] - 'a' + 10);
		else
			return -1;
	}
	*id_r = v;
	return 0;
}

/* Splits "<name>+<id>+<rest>" at its first two '+' (base64 may hold more). */
static int split3(const char *s, const char **f, size_t *len)
{
	const char *p1 = strchr(s, '+'), *p2 = p1 ? strchr(p1 + 1, '+') : NULL;

	if (!p2)
		return -1;
	f[0] = s;
	len[0] = (size_t)(p1 - s);
	f[1] = p1 + 1;
	len[1] = (size_t)(p2 - p1 - 1);
	f[2] = p2 + 1;
	len[2] = strlen(p2 + 1);
	return 0;
}

int checkpoint_keygen(enum checkpoint_alg alg, const char *name, char **priv_pem_r,
		      char **vkey_r, struct zerr *e)
{
	struct checkpoint_signer s = { { 0 } };
	EVP_PKEY_CTX *ctx = NULL;
	BIO *bio = NULL;
	char *pem = NULL, *data;
	long n;
	int rc = -1;

	*priv_pem_r = NULL;
	*vkey_r = NULL;
	if (set_name(&s.k, name, strlen(name)) < 0) {
		zerr_set(e, 400, "key_invalid", "密钥名称不合法 (invalid key name)");
		goto out;
	}
	ctx = EVP_PKEY_CTX_new_from_name(NULL, alg == CHECKPOINT_SM2 ? "SM2" : "ED25519", NULL);
	if (!ctx || EVP_PKEY_keygen_init(ctx) != 1 || EVP_PKEY_generate(ctx, &s.k.pkey) != 1 ||
	    key_from_pkey(&s.k) < 0) {
		zerr_internal(e, "checkpoint_keygen: key generation failed");
		goto out;
	}
	bio = BIO_new(BIO_s_mem());
	if (!bio || PEM_write_bio_PrivateKey(bio, s.k.pkey, NULL, NULL, 0, NULL, NULL) != 1) {
		zerr_internal(e, "checkpoint_keygen: PEM encoding failed");
		goto out;
	}
	n = BIO_get_mem_data(bio, &data);
	pem = malloc((size_t)n + 1);
	*vkey_r = key_vkey(&s.k);
	if (!pem || !*vkey_r) {
		zerr_oom(e);
		goto out;
	}
	memcpy(pem, data, (size_t)n);
	pem[n] = '\0';
	*priv_pem_r = pem;
	pem = NULL;
	rc = 0;
out:
	if (rc < 0) {
		free(*vkey_r);
		*vkey_r = NULL;
	}
	free(pem);
	BIO_free(bio); /* a mem BIO's buffer is cleared on free */
	EVP_PKEY_free(s.k.pkey);
	EVP_PKEY_CTX_free(ctx);
	return rc;
}

/* "PRIVATE+KEY+<name>+<id>+<base64(0x01 || 32-byte seed)>", as golang.org/x/mod/sumdb/note. */
static int signer_from_note_key(struct checkpoint_signer *s, const char *name, const char *key)
{
	const char *f[3];
	size_t len[3], n;
	uint8_t raw[40];
	uint32_t id;
	int rc = -1;

	if (split3(key + strlen("PRIVATE+KEY+"), f, len) < 0 || set_name(&s->k, f[0], len[0]) < 0 ||
	    parse_id(f[1], len[1], &id) < 0 || b64_decode(f[2], len[2], raw, sizeof(raw), &n) < 0 ||
	    n != 33 || raw[0] != CHECKPOINT_TYPE_ED25519)
		goto out;
	if (name && strcmp(name, s->k.name) != 0)
		goto out;
	s->k.pkey = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, raw + 1, 32);
	if (!s->k.pkey || key_from_pkey(&s->k) < 0 || s->k.id != id)
		goto out;
	rc = 0;
out:
	OPENSSL_cleanse(raw, sizeof(raw));
	return rc;
}

struct checkpoint_signer *checkpoint_signer_new(const char *name, const char *key, struct zerr *e)
{
	struct checkpoint_signer *s = calloc(1, sizeof(*s));
	BIO *bio = NULL;

	if (!s) {
		zerr_oom(e);
		return NULL;
	}
	if (strncmp(key, "PRIVATE+KEY+", strlen("PRIVATE+KEY+")) == 0) {
		if (signer_from_note_key(s, name, key) < 0)
			goto bad;
		return s;
	}
	if (!name || set_name(&s->k, name, strlen(name)) < 0)
		goto bad;
	bio = BIO_new_mem_buf(key, -1);
	if (!bio)
		goto bad;
	s->k.pkey = PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL);
	BIO_free(bio);
	if (!s->k.pkey || key_from_pkey(&s->k) < 0)
		goto bad;
	return s;
bad:
	checkpoint_signer_free(&s);
	zerr_set(e, 400, "key_invalid", "签名私钥无法读取 (invalid signing key)");
	return NULL;
}

void checkpoint_signer_free(struct checkpoint_signer **s)
{
	if (!*s)
		return;
	EVP_PKEY_free((*s)->k.pkey);
	OPENSSL_clear_free(*s, sizeof(**s));
	*s = NULL;
}

char *checkpoint_signer_vkey(const struct checkpoint_signer *s)
{
	return key_vkey(&s->k);
}

const char *checkpoint_signer_name(const struct checkpoint_signer *s)
{
	return s->k.name;
}

uint32_t checkpoint_signer_key_id(const struct checkpoint_signer *s)
{
	return s->k.id;
}

struct checkpoint_verifier *checkpoint_verifier_new(const char *vkey, struct zerr *e)
{
	struct checkpoint_verifier *v = calloc(1, sizeof(*v));
	uint8_t raw[MAX_TYPE + MAX_PUB + 1];
	const uint8_t *t;
	const char *f[3];
	size_t len[3], n, tlen;
	uint32_t id;

	if (!v) {
		zerr_oom(e);
		return NULL;
	}
	if (split3(vkey, f, len) < 0 || set_name(&v->k, f[0], len[0]) < 0 ||
	    parse_id(f[1], len[1], &id) < 0 || b64_decode(f[2], len[2], raw, sizeof(raw), &n) < 0)
		goto bad;
	if (raw[0] == CHECKPOINT_TYPE_ED25519)
		v->k.alg = CHECKPOINT_ED25519;
	else if (raw[0] == CHECKPOINT_TYPE_OTHER)
		v->k.alg = CHECKPOINT_SM2;
	else
		goto bad;
	t = type_bytes(v->k.alg, &tlen);
	if (n != tlen + pub_len(v->k.alg) || memcmp(raw, t, tlen) != 0)
		goto bad;
	v->k.pub_len = n - tlen;
	memcpy(v->k.pub, raw + tlen, v->k.pub_len);
	if (key_compute_id(&v->k) < 0 || v->k.id != id)
		goto bad;
	v->k.pkey = pkey_from_pub(v->k.alg, v->k.pub, v->k.pub_len);
	if (!v->k.pkey)
		goto bad;
	return v;
bad:
	checkpoint_verifier_free(&v);
	zerr_set(e, 400, "key_invalid", "验证公钥不合法 (invalid verifier key)");
	return NULL;
}

void checkpoint_verifier_free(struct checkpoint_verifier **v)
{
	if (!*v)
		return;
	EVP_PKEY_free((*v)->k.pkey);
	free(*v);
	*v = NULL;
}

const char *checkpoint_verifier_name(const struct checkpoint_verifier *v)
{
	return v->k.name;
}

enum checkpoint_alg checkpoint_verifier_alg(const struct checkpoint_verifier *v)
{
	return v->k.alg;
}

/* ---- notes ---- */

int checkpoint_note_sign(const struct checkpoint_signer *s, const char *text, size_t len,
			 char **note_r, size_t *note_len_r, struct zerr *e)
{
	struct buf b = BUF_INIT(CHECKPOINT_MAX_NOTE);
	uint8_t sig[4 + MAX_SIG];
	char b64[B64_LEN(sizeof(sig)) + 1];
	size_t siglen;
	int rc = -1;

	*note_r = NULL;
	*note_len_r = 0;
	if (len == 0 || text[len - 1] != '\n' || !text_ok(text, len, 1)) {
		zerr_set(e, 400, "note_text_invalid",
			 "签名文本须为以换行结尾、不含控制字符的 UTF-8 (note text must be UTF-8 ending in a newline)");
		goto out;
	}
	if (key_sign(&s->k, text, len, sig + 4, &siglen) < 0) {
		zerr_internal(e, "checkpoint_note_sign: signing failed");
		goto out;
	}
	sig[0] = (uint8_t)(s->k.id >> 24);
	sig[1] = (uint8_t)(s->k.id >> 16);
	sig[2] = (uint8_t)(s->k.id >> 8);
	sig[3] = (uint8_t)s->k.id;
	b64_encode(sig, 4 + siglen, b64);
	if (buf_add(&b, text, len) < 0 || buf_addf(&b, "\n" EM_DASH " %s %s\n", s->k.name, b64) < 0) {
		zerr_set(e, 400, "note_text_invalid", "签名文本过长 (note text too long)");
		goto out;
	}
	*note_r = buf_detach(&b, note_len_r);
	if (!*note_r) {
		zerr_oom(e);
		goto out;
	}
	rc = 0;
out:
	buf_release(&b);
	return rc;
}

static int malformed(struct zerr *e, const char *why)
{
	return zerr_set(e, 400, "note_malformed", "签名记录格式错误：%s (malformed signed note)", why);
}

/* Checks one signature line line[0..n) (without its newline). *matched is set when it is
 * v's line; returns -1 (e set) when malformed or when v's signature does not verify. */
static int note_sig_line(const struct key *k, const char *text, size_t text_len,
			 const char *line, size_t n, int *matched, struct zerr *e)
{
	static const char prefix[] = EM_DASH " ";
	uint8_t sig[4 + 4096];
	const char *sp;
	size_t name_len, siglen;
	uint32_t id;

	*matched = 0;
	if (n < sizeof(prefix) - 1 || memcmp(line, prefix, sizeof(prefix) - 1) != 0)
		return malformed(e, "签名行须以破折号开头 (signature line must start with an em dash)");
	line += sizeof(prefix) - 1;
	n -= sizeof(prefix) - 1;
	sp = memchr(line, ' ', n);
	if (!sp)
		return malformed(e, "签名行缺少签名 (signature line without a signature)");
	name_len = (size_t)(sp - line);
	if (!name_ok(line, name_len))
		return malformed(e, "密钥名称不合法 (invalid key name)");
	if (b64_decode(sp + 1, n - name_len - 1, sig, sizeof(sig), &siglen) < 0 || siglen < 5)
		return malformed(e, "签名不是合法的 base64 (bad signature encoding)");
	id = (uint32_t)sig[0] << 24 | (uint32_t)sig[1] << 16 | (uint32_t)sig[2] << 8 | sig[3];
	if (name_len != strlen(k->name) || memcmp(line, k->name, name_len) != 0 || id != k->id)
		return 0; /* another key's signature: ignored, as signed-note requires */
	*matched = 1;
	if (key_verify(k, text, text_len, sig + 4, siglen - 4) < 0)
		return zerr_set(e, 400, "note_unverified", "签名验证失败 (signature does not verify)");
	return 0;
}

int checkpoint_note_open(const struct checkpoint_verifier *v, const char *note, size_t len,
			 size_t *text_len_r, struct zerr *e)
{
	const char *sigs, *line, *nl;
	size_t text_len, i, nsigs = 0;
	int verified = 0, matched;

	*text_len_r = 0;
	if (len > CHECKPOINT_MAX_NOTE)
		return malformed(e, "过长 (too long)");
	if (!text_ok(note, len, 1))
		return malformed(e, "含有控制字符或非法 UTF-8 (control characters or bad UTF-8)");
	/* The text ends at the last blank line. */
	for (i = len; i >= 2; i--) {
		if (note[i - 2] == '\n' && note[i - 1] == '\n')
			break;
	}
	if (i < 2)
		return malformed(e, "缺少空行 (no blank line before the signatures)");
	text_len = i - 1;
	sigs = note + i;
	if (sigs == note + len || note[len - 1] != '\n')
		return malformed(e, "缺少签名行或结尾换行 (no signature lines or no final newline)");
	for (line = sigs; line < note + len; line = nl + 1) {
		nl = memchr(line, '\n', (size_t)(note + len - line));
		if (++nsigs > CHECKPOINT_MAX_SIGS)
			return malformed(e, "签名过多 (too many signatures)");
		if (note_sig_line(&v->k, note, text_len, line, (size_t)(nl - line), &matched, e) < 0)
			return -1;
		verified |= matched;
	}
	if (!verified)
		return zerr_set(e, 400, "note_unverified",
				"没有可信密钥的签名 (no signature by the expected key)");
	*text_len_r = text_len;
	return 0;
}

/* ---- checkpoints ---- */

int checkpoint_sign(const struct checkpoint_signer *s, const char *origin, uint64_t size,
		    const uint8_t root[MERKLE_HASH_LEN], const char *ext, char **note_r,
		    size_t *note_len_r, struct zerr *e)
{
	struct buf b = BUF_INIT(CHECKPOINT_MAX_NOTE);
	char b64[B64_LEN(MERKLE_HASH_LEN) + 1];
	size_t olen = strlen(origin), elen = ext ? strlen(ext) : 0, i;
	int rc = -1;

	*note_r = NULL;
	*note_len_r = 0;
	if (olen == 0 || olen > CHECKPOINT_MAX_NAME || !text_ok(origin, olen, 0)) {
		zerr_set(e, 400, "checkpoint_malformed", "日志来源名称不合法 (invalid origin)");
		goto out;
	}
	for (i = 0; i < elen; i++) {
		if (ext[i] == '\n' && (i == 0 || ext[i - 1] == '\n'))
			break;
	}
	if (i < elen || (elen && ext[elen - 1] != '\n')) {
		zerr_set(e, 400, "checkpoint_malformed", "扩展行须非空并以换行结尾 (bad extension lines)");
		goto out;
	}
	b64_encode(root, MERKLE_HASH_LEN, b64);
	if (buf_addf(&b, "%s\n%llu\n%s\n", origin, (unsigned long long)size, b64) < 0 ||
	    buf_add(&b, ext ? ext : "", elen) < 0) {
		zerr_oom(e);
		goto out;
	}
	rc = checkpoint_note_sign(s, b.data, b.len, note_r, note_len_r, e);
out:
	buf_release(&b);
	return rc;
}

static int bad_checkpoint(struct zerr *e, const char *why)
{
	return zerr_set(e, 400, "checkpoint_malformed", "检查点格式错误：%s (malformed checkpoint)", why);
}

int checkpoint_open(const struct checkpoint_verifier *v, const char *origin, const char *note,
		    size_t len, struct checkpoint *cp, struct zerr *e)
{
	const char *p, *end, *nl;
	size_t text_len, n, rlen, i;
	uint64_t size = 0;

	memset(cp, 0, sizeof(*cp));
	if (checkpoint_note_open(v, note, len, &text_len, e) < 0)
		return -1;
	p = note;
	end = note + text_len;
	/* origin */
	nl = memchr(p, '\n', (size_t)(end - p));
	n = (size_t)(nl - p);
	if (n == 0 || n > CHECKPOINT_MAX_NAME)
		return bad_checkpoint(e, "来源行 (origin line)");
	memcpy(cp->origin, p, n);
	cp->origin[n] = '\0';
	if (strcmp(cp->origin, origin ? origin : v->k.name) != 0)
		return zerr_set(e, 400, "checkpoint_wrong_origin",
				"检查点不属于本日志 (checkpoint of another log)");
	/* tree size: decimal, no leading zeros, fits in 64 bits */
	p = nl + 1;
	nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
	if (!nl || nl == p || (nl - p > 1 && *p == '0'))
		return bad_checkpoint(e, "树大小行 (size line)");
	for (i = 0; p + i < nl; i++) {
		unsigned d = (unsigned)(p[i] - '0');

		if (p[i] < '0' || p[i] > '9' || size > (UINT64_MAX - d) / 10)
			return bad_checkpoint(e, "树大小行 (size line)");
		size = size * 10 + d;
	}
	cp->size = size;
	/* root hash */
	p = nl + 1;
	nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
	if (!nl || b64_decode(p, (size_t)(nl - p), cp->root, MERKLE_HASH_LEN, &rlen) < 0 ||
	    rlen != MERKLE_HASH_LEN)
		return bad_checkpoint(e, "根哈希行 (root hash line)");
	/* extension lines: each non-empty */
	p = nl + 1;
	if (p < end) {
		for (i = 0; p + i < end; i++) {
			if (p[i] == '\n' && (i == 0 || p[i - 1] == '\n'))
				return bad_checkpoint(e, "空扩展行 (empty extension line)");
		}
		cp->ext = p;
		cp->ext_len = (size_t)(end - p);
	}
	return 0;
}
