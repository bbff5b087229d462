/* checkpoint.h: signed checkpoints of the ledger in the C2SP tlog-checkpoint format,
 * carried in C2SP signed notes (c2sp.org/tlog-checkpoint, c2sp.org/signed-note).
 *
 *   <origin>\n
 *   <tree size, decimal, no leading zeros>\n
 *   <base64 root hash>\n
 *   [<extension line>\n ...]
 *   \n
 *   — <key name> <base64(4-byte key ID || signature)>\n      (U+2014 EM DASH)
 *
 * Key ID = SHA-256(key name || 0x0A || signature type || public key)[:4], big-endian.
 * Verifier keys are written as "<name>+<key ID, 8 lowercase hex>+<base64(type || public key)>".
 *
 * Signature types:
 *   Ed25519 (default): type 0x01 as assigned by signed-note; 32-byte public key, 64-byte
 *     RFC 8032 signature over the note text. Standard tools (golang.org/x/mod/sumdb/note,
 *     transparency-dev, sigsum) verify these notes.
 *   SM2 with SM3: signed-note assigns no byte, so zhifa uses the escape 0xff ("types
 *     without an identifier byte assigned by this specification") followed by the
 *     13-byte identifier "zhifa-sm2-sm3", as signed-note recommends. The public key is
 *     the 65-byte uncompressed SEC1 point on the SM2 curve; the signature is the DER
 *     SM2 signature (GM/T 0003.2) over the note text hashed with SM3 and the default
 *     distinguishing identifier "1234567812345678" (GM/T 0009). Only zhifa (or any
 *     SM2-capable verifier told this layout) checks these; standard tools ignore them.
 *
 * Parsing is strict: valid UTF-8 without control characters other than newline,
 * canonical base64, exactly one blank line before the signatures, every signature line
 * well-formed, no trailing bytes. Signatures from other keys are ignored as the spec
 * requires; a signature from the expected key that fails makes the whole note fail. */
#ifndef ZHIFA_LEDGER_CHECKPOINT_H
#define ZHIFA_LEDGER_CHECKPOINT_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "ledger/merkle.h"

#define CHECKPOINT_MAX_NAME 255    /* bytes of a key name or origin */
#define CHECKPOINT_MAX_NOTE 65536  /* bytes of a whole signed note */
#define CHECKPOINT_MAX_SIGS 64     /* signature lines accepted (the spec asks >= 16) */

/* The signed-note signature type byte of SM2 keys; followed by CHECKPOINT_SM2_ID. */
#define CHECKPOINT_TYPE_ED25519 0x01
#define CHECKPOINT_TYPE_OTHER 0xff
#define CHECKPOINT_SM2_ID "zhifa-sm2-sm3"

enum checkpoint_alg {
	CHECKPOINT_ED25519 = 0,
	CHECKPOINT_SM2 = 1
};

/* A private key with its note name; a public key with its note name. Opaque. */
struct checkpoint_signer;
struct checkpoint_verifier;

/* A checkpoint as read from a verified note. ext points into the note that was opened
 * (valid while it lives): the extension lines, each ending in "\n", or NULL. */
struct checkpoint {
	char origin[CHECKPOINT_MAX_NAME + 1];
	uint64_t size;
	uint8_t root[MERKLE_HASH_LEN];
	const char *ext;
	size_t ext_len;
};

/* Makes a new key pair for alg named name (a valid note key name: non-empty, no
 * spaces, no '+'). *priv_pem_r gets the PKCS#8 PEM private key, *vkey_r the verifier
 * key string; both malloc'd (free() them). 0, or -1 with e set. */
int checkpoint_keygen(enum checkpoint_alg alg, const char *name, char **priv_pem_r,
		      char **vkey_r, struct zerr *e);

/* Loads a signer named name from key: a PKCS#8 PEM private key (Ed25519 or SM2) or a
 * Go note private key "PRIVATE+KEY+<name>+<id>+<base64(0x01 || seed)>" (Ed25519 only;
 * its name and key ID must agree, and name may then be NULL). NULL with e set. */
struct checkpoint_signer *checkpoint_signer_new(const char *name, const char *key, struct zerr *e);
/* Frees *s (wiping the key) and sets it to NULL; harmless on NULL. */
void checkpoint_signer_free(struct checkpoint_signer **s);
/* The verifier key string of s, malloc'd; NULL when out of memory. */
char *checkpoint_signer_vkey(const struct checkpoint_signer *s);
const char *checkpoint_signer_name(const struct checkpoint_signer *s);
/* The 4-byte key ID as a big-endian number. */
uint32_t checkpoint_signer_key_id(const struct checkpoint_signer *s);

/* Parses a verifier key string (its key ID must match the key). NULL with e set. */
struct checkpoint_verifier *checkpoint_verifier_new(const char *vkey, struct zerr *e);
/* Frees *v and sets it to NULL; harmless on NULL. */
void checkpoint_verifier_free(struct checkpoint_verifier **v);
const char *checkpoint_verifier_name(const struct checkpoint_verifier *v);
enum checkpoint_alg checkpoint_verifier_alg(const struct checkpoint_verifier *v);

/* Signs a note text (len bytes: valid UTF-8, no control characters but newline, ending
 * in "\n") with s: *note_r (malloc'd, NUL-terminated, *note_len_r bytes) is the text,
 * a blank line and one signature line. 0, or -1 with e set. */
int checkpoint_note_sign(const struct checkpoint_signer *s, const char *text, size_t len,
			 char **note_r, size_t *note_len_r, struct zerr *e);

/* Checks a signed note of len bytes strictly (see above) and that v signed it. On
 * success returns 0 and *text_len_r is the length of the signed text, which is
 * note[0..*text_len_r) and ends in "\n". -1 with e set otherwise: 400 "note_malformed"
 * for a note that does not parse, 400 "note_unverified" when no signature of v verifies
 * or one fails. */
int checkpoint_note_open(const struct checkpoint_verifier *v, const char *note, size_t len,
			 size_t *text_len_r, struct zerr *e);

/* Makes the signed checkpoint note of the tree of `size` leaves with root `root`,
 * for the log called origin. ext is NULL or extension lines, each non-empty and ending
 * in "\n". *note_r as for checkpoint_note_sign. 0, or -1 with e set. */
int checkpoint_sign(const struct checkpoint_signer *s, const char *origin, uint64_t size,
		    const uint8_t root[MERKLE_HASH_LEN], const char *ext, char **note_r,
		    size_t *note_len_r, struct zerr *e);

/* Opens a checkpoint note signed by v whose origin line is origin (NULL: v's key
 * name, as tlog-checkpoint recommends). Fills cp. 0, or -1 with e set: the codes of
 * checkpoint_note_open, or 400 "checkpoint_malformed" for a body that is not a
 * checkpoint, or 400 "checkpoint_wrong_origin". */
int checkpoint_open(const struct checkpoint_verifier *v, const char *origin, const char *note,
		    size_t len, struct checkpoint *cp, struct zerr *e);

#endif
