/* Tests of signed notes and checkpoints: the golang.org/x/mod/sumdb/note known answer,
 * the C2SP signed-note example, round trips with Ed25519 and SM2, and tampering. */
#include "ledger/checkpoint.h"

#include <stdlib.h>

#include "t.h"

#define EM "\xe2\x80\x94"

/* The example of golang.org/x/mod/sumdb/note's package documentation: a private key,
 * its verifier key and the exact signed note (Ed25519 is deterministic). */
static const char go_skey[] = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
static const char go_vkey[] = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
static const char go_text[] = "If you think cryptography is the answer to your problem,\n"
			      "then you don't know what your problem is.\n";
static const char go_note[] = "If you think cryptography is the answer to your problem,\n"
			      "then you don't know what your problem is.\n"
			      "\n"
			      EM " PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

/* The example of c2sp.org/signed-note (verifier key and note only). */
static const char c2sp_vkey[] = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
static const char c2sp_note[] = "This is an example message.\n"
				"\n"
				EM " example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

static int opens(const struct checkpoint_verifier *v, const char *note, size_t len)
{
	struct zerr e = ZERR_INIT;
	size_t tl;
	int rc = checkpoint_note_open(v, note, len, &tl, &e);

	zerr_clear(&e);
	return rc;
}

TEST(checkpoint_go_sumdb_note_known_answer)
{
	struct zerr e = ZERR_INIT;
	struct checkpoint_signer *s = checkpoint_signer_new(NULL, go_skey, &e);
	struct checkpoint_verifier *v = checkpoint_verifier_new(go_vkey, &e);
	char *note = NULL, *vkey = NULL;
	size_t len, tl;

	CHECK(s && v);
	CHECK_INT(checkpoint_signer_key_id(s), 0xc74f20a3);
	CHECK_STR(checkpoint_signer_name(s), "PeterNeumann");
	vkey = checkpoint_signer_vkey(s);
	CHECK_STR(vkey, go_vkey);
	CHECK_INT(checkpoint_note_sign(s, go_text, strlen(go_text), &note, &len, &e), 0);
	CHECK_INT(len, strlen(go_note));
	CHECK_STR(note, go_note);
	CHECK_INT(checkpoint_note_open(v, go_note, strlen(go_note), &tl, &e), 0);
	CHECK_INT(tl, strlen(go_text));
	CHECK_INT(checkpoint_verifier_alg(v), CHECKPOINT_ED25519);
	free(note);
	free(vkey);
	checkpoint_signer_free(&s);
	checkpoint_verifier_free(&v);
	CHECK(s == NULL && v == NULL);
}

TEST(checkpoint_c2sp_signed_note_example_verifies)
{
	struct zerr e = ZERR_INIT;
	struct checkpoint_verifier *v = checkpoint_verifier_new(c2sp_vkey, &e);
	size_t tl;

	CHECK(v);
	CHECK_STR(checkpoint_verifier_name(v), "example.com/foo");
	CHECK_INT(checkpoint_note_open(v, c2sp_note, strlen(c2sp_note), &tl, &e), 0);
	CHECK_INT(tl, strlen("This is an example message.\n"));
	checkpoint_verifier_free(&v);
}

/* After sumdb/note's TestNewVerifier / TestNewSigner: every proper substring and every
 * single-byte change of a key string must be refused. */
TEST(checkpoint_mangled_key_strings_are_refused)
{
	struct zerr e = ZERR_INIT;
	char b[128];
	size_t n, i, j;
	const char *bad[] = {
		"PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==",
		"PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
		"PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
		"Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
	};

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct checkpoint_verifier *v = checkpoint_verifier_new(bad[i], &e);

		CHECK(v == NULL);
		CHECK_STR(e.code, "key_invalid");
		zerr_clear(&e);
	}
	for (int which = 0; which < 2; which++) {
		const char *key = which ? go_skey : go_vkey;

		n = strlen(key);
		for (i = 0; i <= n; i++) {
			for (j = i + 1; j <= n; j++) {
				if (i == 0 && j == n)
					continue;
				memcpy(b, key + i, j - i);
				b[j - i] = '\0';
				if (which) {
					struct checkpoint_signer *s = checkpoint_signer_new(NULL, b, &e);

					CHECK(s == NULL);
				} else {
					struct checkpoint_verifier *v = checkpoint_verifier_new(b, &e);

					CHECK(v == NULL);
				}
				zerr_clear(&e);
			}
		}
		memcpy(b, key, n + 1);
		for (i = 0; i < n; i++) {
			b[i]++;
			if (which) {
				struct checkpoint_signer *s = checkpoint_signer_new(NULL, b, &e);

				CHECK(s == NULL);
			} else {
				struct checkpoint_verifier *v = checkpoint_verifier_new(b, &e);

				CHECK(v == NULL);
			}
			zerr_clear(&e);
			b[i]--;
		}
	}
}

static void make_keys(enum checkpoint_alg alg, const char *name, struct checkpoint_signer **s,
		      struct checkpoint_verifier **v)
{
	struct zerr e = ZERR_INIT;
	char *pem = NULL, *vkey = NULL, *vkey2 = NULL;

	*s = NULL;
	*v = NULL;
	if (checkpoint_keygen(alg, name, &pem, &vkey, &e) < 0)
		goto out;
	*s = checkpoint_signer_new(name, pem, &e);
	*v = checkpoint_verifier_new(vkey, &e);
	vkey2 = *s ? checkpoint_signer_vkey(*s) : NULL;
	if (!vkey2 || strcmp(vkey, vkey2) != 0) {
		checkpoint_signer_free(s);
		checkpoint_verifier_free(v);
	}
out:
	free(pem);
	free(vkey);
	free(vkey2);
	zerr_clear(&e);
}

static void round_trip(enum checkpoint_alg alg)
{
	struct zerr e = ZERR_INIT;
	struct checkpoint_signer *s;
	struct checkpoint_verifier *v;
	struct checkpoint cp;
	uint8_t root[MERKLE_HASH_LEN];
	char *note = NULL;
	size_t len, i;

	make_keys(alg, "zhifa.example/ledger/310115", &s, &v);
	CHECK(s && v);
	CHECK_INT(checkpoint_verifier_alg(v), alg);
	for (i = 0; i < MERKLE_HASH_LEN; i++)
		root[i] = (uint8_t)(0xa5 ^ i);
	CHECK_INT(checkpoint_sign(s, "zhifa.example/ledger/310115", 10000000, root, NULL, &note,
				  &len, &e), 0);
	CHECK(strncmp(note, "zhifa.example/ledger/310115\n10000000\n", 37) == 0);
	CHECK_INT(checkpoint_open(v, NULL, note, len, &cp, &e), 0);
	CHECK_STR(cp.origin, "zhifa.example/ledger/310115");
	CHECK_INT(cp.size, 10000000);
	CHECK(memcmp(cp.root, root, MERKLE_HASH_LEN) == 0);
	CHECK(cp.ext == NULL);
	CHECK_INT(checkpoint_open(v, "zhifa.example/ledger/other", note, len, &cp, &e), -1);
	CHECK_STR(e.code, "checkpoint_wrong_origin");
	zerr_clear(&e);
	free(note);

	CHECK_INT(checkpoint_sign(s, "zhifa.example/ledger/310115", UINT64_MAX, root,
				  "time 2026-11-26T01:02:03Z\n", &note, &len, &e), 0);
	CHECK_INT(checkpoint_open(v, NULL, note, len, &cp, &e), 0);
	CHECK(cp.size == UINT64_MAX);
	CHECK_INT(cp.ext_len, strlen("time 2026-11-26T01:02:03Z\n"));
	CHECK(memcmp(cp.ext, "time 2026-11-26T01:02:03Z\n", cp.ext_len) == 0);
	free(note);
	checkpoint_signer_free(&s);
	checkpoint_verifier_free(&v);
}

TEST(checkpoint_round_trip_ed25519)
{
	round_trip(CHECKPOINT_ED25519);
}

TEST(checkpoint_round_trip_sm2_sm3)
{
	round_trip(CHECKPOINT_SM2);
}

/* Every single-bit change anywhere in the note (body, blank line, signature line) and
 * every truncation or extension of it fails to open. */
static void tamper_everything(enum checkpoint_alg alg)
{
	struct zerr e = ZERR_INIT;
	struct checkpoint_signer *s;
	struct checkpoint_verifier *v;
	struct checkpoint cp;
	uint8_t root[MERKLE_HASH_LEN] = { 1, 2, 3 };
	char *note = NULL, *copy = NULL;
	size_t len, i;
	int bit;

	make_keys(alg, "zhifa.example/log", &s, &v);
	CHECK(s && v);
	CHECK_INT(checkpoint_sign(s, "zhifa.example/log", 4242, root, "ext line\n", &note, &len, &e), 0);
	CHECK_INT(checkpoint_open(v, NULL, note, len, &cp, &e), 0);
	copy = malloc(len + 2);
	CHECK(copy);
	for (i = 0; i < len; i++) {
		for (bit = 0; bit < 8; bit++) {
			memcpy(copy, note, len);
			copy[i] = (char)(copy[i] ^ (1 << bit));
			if (checkpoint_open(v, NULL, copy, len, &cp, &e) == 0) {
				t_fail(__FILE__, __LINE__, "byte %zu bit %d flipped still opens", i, bit);
				goto out;
			}
			zerr_clear(&e);
		}
	}
	for (i = 0; i < len; i++) {
		CHECK_INT(checkpoint_open(v, NULL, note, i, &cp, &e), -1);
		zerr_clear(&e);
	}
	memcpy(copy, note, len);
	copy[len] = '\n';
	CHECK_INT(opens(v, copy, len + 1), -1);
	copy[len] = 'x';
	CHECK_INT(opens(v, copy, len + 1), -1);
	copy[len] = ' ';
	CHECK_INT(opens(v, copy, len + 1), -1);
out:
	free(copy);
	free(note);
	checkpoint_signer_free(&s);
	checkpoint_verifier_free(&v);
}

TEST(checkpoint_any_flipped_bit_fails_ed25519)
{
	tamper_everything(CHECKPOINT_ED25519);
}

TEST(checkpoint_any_flipped_bit_fails_sm2)
{
	tamper_everything(CHECKPOINT_SM2);
}

TEST(checkpoint_wrong_key_same_name_fails)
{
	struct zerr e = ZERR_INIT;
	struct checkpoint_signer *s1, *s2;
	struct checkpoint_verifier *v1, *v2;
	struct checkpoint cp;
	uint8_t root[MERKLE_HASH_LEN] = { 0 };
	char *note = NULL;
	size_t len;

	make_keys(CHECKPOINT_ED25519, "zhifa.example/log", &s1, &v1);
	make_keys(CHECKPOINT_ED25519, "zhifa.example/log", &s2, &v2);
	CHECK(s1 && v1 && s2 && v2);
	CHECK_INT(checkpoint_sign(s1, "zhifa.example/log", 1, root, NULL, &note, &len, &e), 0);
	CHECK_INT(checkpoint_open(v2, NULL, note, len, &cp, &e), -1);
	CHECK_STR(e.code, "note_unverified");
	zerr_clear(&e);
	free(note);
	checkpoint_signer_free(&s1);
	checkpoint_signer_free(&s2);
	checkpoint_verifier_free(&v1);
	checkpoint_verifier_free(&v2);
}

/* signed-note: signatures of unknown keys are ignored; a failing signature of the
 * expected key rejects the note even when another line of it verifies. */
TEST(checkpoint_unknown_signatures_ignored_bad_known_one_rejects)
{
	struct zerr e = ZERR_INIT;
	struct checkpoint_verifier *v = checkpoint_verifier_new(go_vkey, &e);
	char note[512];
	size_t tl;
	int n;

	CHECK(v);
	n = snprintf(note, sizeof(note), "%s" EM " EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n",
		     go_note);
	CHECK_INT(opens(v, note, (size_t)n), 0);
	/* the same key name with another key ID: someone else's key, ignored */
	n = snprintf(note, sizeof(note), "%s" EM " PeterNeumann AAAAAAAAAAA=\n", go_note);
	CHECK_INT(opens(v, note, (size_t)n), 0);
	/* the expected name and key ID with a bad signature */
	n = snprintf(note, sizeof(note), "%s" EM " PeterNeumann x08go/ZJluBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n",
		     go_note);
	CHECK_INT(checkpoint_note_open(v, note, (size_t)n, &tl, &e), -1);
	CHECK_STR(e.code, "note_unverified");
	zerr_clear(&e);
	/* only unknown signatures */
	n = snprintf(note, sizeof(note), "%s\n" EM " EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n",
		     go_text);
	CHECK_INT(opens(v, note, (size_t)n), -1);
	checkpoint_verifier_free(&v);
}

TEST(checkpoint_strict_note_syntax)
{
	struct zerr e = ZERR_INIT;
	struct checkpoint_verifier *v = checkpoint_verifier_new(go_vkey, &e);
	const char *sig = EM " PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=";
	const char *badsig[] = {
		"- PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
		EM "PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
		EM " PeterNeumann  x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
		EM " PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM",
		EM " PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAN=",
		EM " PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM= ",
		EM " PeterNeumann x08g",
		EM "  x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
		"",
	};
	char note[512];
	size_t i, tl;
	int n;

	CHECK(v);
	n = snprintf(note, sizeof(note), "%s\n%s\n", go_text, sig);
	CHECK_INT(opens(v, note, (size_t)n), 0);
	for (i = 0; i < sizeof(badsig) / sizeof(badsig[0]); i++) {
		n = snprintf(note, sizeof(note), "%s\n%s\n", go_text, badsig[i]);
		CHECK_INT(checkpoint_note_open(v, note, (size_t)n, &tl, &e), -1);
		CHECK_STR(e.code, "note_malformed");
		zerr_clear(&e);
	}
	/* no blank line; two blank lines; CRLF; no final newline; NUL inside */
	n = snprintf(note, sizeof(note), "%s%s\n", go_text, sig);
	CHECK_INT(opens(v, note, (size_t)n), -1);
	n = snprintf(note, sizeof(note), "%s\n\n%s\n", go_text, sig);
	CHECK_INT(opens(v, note, (size_t)n), -1);
	n = snprintf(note, sizeof(note), "%s\r\n%s\r\n", go_text, sig);
	CHECK_INT(opens(v, note, (size_t)n), -1);
	n = snprintf(note, sizeof(note), "%s\n%s", go_text, sig);
	CHECK_INT(opens(v, note, (size_t)n), -1);
	n = snprintf(note, sizeof(note), "%s\n%s\n", go_text, sig);
	CHECK_INT(opens(v, note, (size_t)n + 1), -1); /* the terminating NUL as trailing garbage */
	/* a signature line with a line after it that is not one */
	n = snprintf(note, sizeof(note), "%s\n%s\ntrailing\n", go_text, sig);
	CHECK_INT(opens(v, note, (size_t)n), -1);
	checkpoint_verifier_free(&v);
}

/* Bodies that are signed correctly but are not checkpoints. */
TEST(checkpoint_strict_body_syntax)
{
	struct zerr e = ZERR_INIT;
	struct checkpoint_signer *s;
	struct checkpoint_verifier *v;
	struct checkpoint cp;
	static const char *const bodies[] = {
		"o\n",
		"o\n5\n",
		"o\n012\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",
		"o\n-1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",
		"o\n+1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",
		"o\n1 \nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",
		"o\n\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",
		"o\n18446744073709551616\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",
		"o\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==\n",
		"o\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n",
		"o\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB=\n",
		"o\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n",
		"o\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\next\n\n\n",
		"o\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\next\n",
		"\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",
	};
	char *note = NULL;
	size_t i, len;

	make_keys(CHECKPOINT_ED25519, "o", &s, &v);
	CHECK(s && v);
	CHECK_INT(checkpoint_note_sign(s, "o\n18446744073709551615\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",
				       strlen("o\n18446744073709551615\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"),
				       &note, &len, &e), 0);
	CHECK_INT(checkpoint_open(v, NULL, note, len, &cp, &e), 0);
	CHECK(cp.size == UINT64_MAX);
	free(note);
	note = NULL;
	for (i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		CHECK_INT(checkpoint_note_sign(s, bodies[i], strlen(bodies[i]), &note, &len, &e), 0);
		if (checkpoint_open(v, NULL, note, len, &cp, &e) == 0) {
			t_fail(__FILE__, __LINE__, "body %zu opened", i);
			break;
		}
		if (strcmp(e.code, "checkpoint_malformed") != 0) {
			t_fail(__FILE__, __LINE__, "body %zu: code %s", i, e.code);
			break;
		}
		zerr_clear(&e);
		free(note);
		note = NULL;
	}
	free(note);
	zerr_clear(&e);
	/* the signer refuses what it could not write as a checkpoint */
	CHECK_INT(checkpoint_sign(s, "o\nx", 1, cp.root, NULL, &note, &len, &e), -1);
	zerr_clear(&e);
	CHECK_INT(checkpoint_sign(s, "", 1, cp.root, NULL, &note, &len, &e), -1);
	zerr_clear(&e);
	CHECK_INT(checkpoint_sign(s, "o", 1, cp.root, "a\n\nb\n", &note, &len, &e), -1);
	zerr_clear(&e);
	CHECK_INT(checkpoint_sign(s, "o", 1, cp.root, "no newline", &note, &len, &e), -1);
	zerr_clear(&e);
	CHECK_INT(checkpoint_note_sign(s, "no newline", 10, &note, &len, &e), -1);
	CHECK_STR(e.code, "note_text_invalid");
	zerr_clear(&e);
	CHECK_INT(checkpoint_note_sign(s, "tab\there\n", 9, &note, &len, &e), -1);
	zerr_clear(&e);
	CHECK_INT(checkpoint_note_sign(s, "\xff\n", 2, &note, &len, &e), -1);
	zerr_clear(&e);
	checkpoint_signer_free(&s);
	checkpoint_verifier_free(&v);
}

TEST(checkpoint_key_names_and_pem_checks)
{
	struct zerr e = ZERR_INIT;
	char *pem = NULL, *vkey = NULL;
	struct checkpoint_signer *s;

	CHECK_INT(checkpoint_keygen(CHECKPOINT_ED25519, "has space", &pem, &vkey, &e), -1);
	CHECK_STR(e.code, "key_invalid");
	zerr_clear(&e);
	CHECK_INT(checkpoint_keygen(CHECKPOINT_ED25519, "a+b", &pem, &vkey, &e), -1);
	zerr_clear(&e);
	CHECK_INT(checkpoint_keygen(CHECKPOINT_ED25519, "", &pem, &vkey, &e), -1);
	zerr_clear(&e);
	CHECK_INT(checkpoint_keygen(CHECKPOINT_ED25519, "ideo\xe3\x80\x80space", &pem, &vkey, &e), -1);
	zerr_clear(&e);
	CHECK_INT(checkpoint_keygen(CHECKPOINT_SM2, "执法.example/日志", &pem, &vkey, &e), 0);
	CHECK(strncmp(pem, "-----BEGIN PRIVATE KEY-----\n", 28) == 0);
	CHECK(strncmp(vkey, "执法.example/日志+", strlen("执法.example/日志+")) == 0);
	s = checkpoint_signer_new(NULL, pem, &e); /* a PEM key needs a name */
	CHECK(s == NULL);
	zerr_clear(&e);
	s = checkpoint_signer_new("x", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", &e);
	CHECK(s == NULL);
	zerr_clear(&e);
	/* a Go key under another name */
	s = checkpoint_signer_new("EnochRoot", go_skey, &e);
	CHECK(s == NULL);
	zerr_clear(&e);
	free(pem);
	free(vkey);
}

/* The example checkpoint and verifier key printed in docs/ledger.md §5 and §6. */
TEST(checkpoint_docs_ledger_md_example_opens)
{
	static const char vkey[] = "zhifa.example/ledger+199d04d4+ASZiTmyhR3wCoh6DI+hKKM8Yn1FM421pptm4b+J61u6S";
	static const char note[] = "zhifa.example/ledger\n8\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n"
				   EM " zhifa.example/ledger GZ0E1GIUsX+6e9gNcFId7fP2vQKp8MtWWsRKEiTZ2fJd0jaSKKPAkqNUaMzQbo7Q0sDaWoC/dMbCxs2Zj6AHYYyRfQk=\n";
	struct zerr e = ZERR_INIT;
	struct checkpoint_verifier *v = checkpoint_verifier_new(vkey, &e);
	struct checkpoint cp;
	static const uint8_t zero[MERKLE_HASH_LEN];

	CHECK(v);
	CHECK_INT(checkpoint_open(v, NULL, note, strlen(note), &cp, &e), 0);
	CHECK_STR(cp.origin, "zhifa.example/ledger");
	CHECK_INT(cp.size, 8);
	CHECK(memcmp(cp.root, zero, MERKLE_HASH_LEN) == 0);
	checkpoint_verifier_free(&v);
}
