/* ledger.h: the full-process record (全过程记录, architecture §5, docs/ledger.md).
 * Every state change appends an entry in the same transaction as the change; entries
 * are the leaves of an RFC 6962 Merkle tree; signed checkpoints commit to its root. */
#ifndef ZHIFA_LEDGER_H
#define ZHIFA_LEDGER_H

#include <jansson.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "domain/auth.h"
#include "ledger/checkpoint.h"
#include "ledger/merkle.h"
#include "store/db.h"

/* Levels of the tree whose complete subtrees are cached in ledger_nodes. */
#define LEDGER_NODE_STRIDE 4
/* A checkpoint is signed within the appending transaction every this many entries
 * (when the process has a signer), and on demand (GET /api/v1/ledger/checkpoint). */
#define LEDGER_CHECKPOINT_EVERY 1000
/* The per-object index (ledger_obj, migration 006) covers entries marked obj_indexed;
 * on SQLite the append that completes each block of this many entries marks the block,
 * so the newest entries are found by a scan of the last LEDGER_OBJ_BATCH. */
#define LEDGER_OBJ_BATCH 1000
#define LEDGER_STR_(x) #x
#define LEDGER_STR(x) LEDGER_STR_(x)
/* SQL for the entries of one object, for a query's FROM: the indexed entries plus the
 * unindexed newest ones. Binds obj_type, obj_id, obj_type, obj_id (in that order). */
#define LEDGER_OBJ_ENTRIES                                                                   \
	"(SELECT * FROM ledger_entries WHERE obj_type = ? AND obj_id = ? AND obj_indexed = 1"  \
	" UNION ALL SELECT * FROM ledger_entries WHERE obj_type = ? AND obj_id = ?"             \
	" AND obj_indexed IS NULL AND seq >= (SELECT coalesce(max(seq), -1) + 1 FROM ledger_entries) - " \
	LEDGER_STR(LEDGER_OBJ_BATCH) ")"

/* Appends an entry: who did action to (obj_type, obj_id), committing to state (the
 * object's canonical JSON after the change; NULL for a deletion) as H(salt || state),
 * so that personal data erased later leaves the proofs intact. Must run inside the
 * caller's write transaction. Writes the entry's index to *seq_r (may be NULL). */
int ledger_append(db_t *db, const struct principal *who, const char *action,
		  const char *obj_type, const char *obj_id, json_t *state, int64_t *seq_r,
		  struct zerr *e);

/* The canonical bytes of a JSON value (sorted keys, no spaces, UTF-8; src/ledger/canon.c
 * says exactly which). free() it; NULL when out of memory or v is not dumpable. */
char *ledger_canonical(json_t *v);
/* The same bytes appended to b; -1 (b as it was) on failure. */
int ledger_canonical_buf(struct buf *b, json_t *v);
/* The state digest: lowercase hex of H(salt || canonical state) with the log's hash
 * (canonical is "null" for a deleted object). out: 65 bytes. */
int ledger_state_digest(enum merkle_alg alg, const uint8_t salt[16], const char *canonical,
			char out[65]);
/* Writes the exact leaf bytes of an entry (canonical JSON, keys sorted) into out,
 * replacing its contents. agency may be NULL. */
int ledger_leaf_build(struct buf *out, int64_t seq, const char *at, const char *actor,
		      const char *agency, const char *action, const char *type, const char *id,
		      const char *state_hex);

/* The log's size and hash algorithm (fixed at init). */
int ledger_size(db_t *db, int64_t *size_r, struct zerr *e);
/* The size and ledger_head.next, the count the log must at least have (equal to the
 * size on PostgreSQL; on SQLite raised at the first entry and every checkpoint size). */
int ledger_extent(db_t *db, int64_t *size_r, int64_t *floor_r, struct zerr *e);
int ledger_hash_alg(db_t *db, enum merkle_alg *alg_r, struct zerr *e);

/* The root of the first size entries; proofs as RFC 9162 §2.1.3/§2.1.4 define them.
 * size/index outside the log → 400 invalid_field. */
int ledger_root(db_t *db, int64_t size, uint8_t root[MERKLE_HASH_LEN], struct zerr *e);
int ledger_inclusion(db_t *db, int64_t index, int64_t size,
		     uint8_t (*path)[MERKLE_HASH_LEN], size_t *n_r, struct zerr *e);
int ledger_consistency(db_t *db, int64_t first, int64_t second,
		       uint8_t (*proof)[MERKLE_HASH_LEN], size_t *n_r, struct zerr *e);

/* Reads setting k of the log (settings table) into out: 1 found, 0 absent (out ""),
 * -1 on a database error. */
int ledger_setting(db_t *db, const char *k, char *out, size_t outlen);

/* First-time setup at `zhifa init`: on an empty log choose the algorithms (Ed25519 +
 * SHA-256 by default; SM2 + SM3 when sig == CHECKPOINT_SM2), make the signing key in
 * data_dir/ledger.key (mode 0600) and record origin and verifier key in settings.
 * Harmless when already set up (the key file must then exist). */
int ledger_setup(db_t *db, const char *data_dir, enum checkpoint_alg sig, struct zerr *e);
/* Loads this process's checkpoint signer from data_dir/ledger.key. Without it no
 * checkpoint is signed (reads and verification still work). */
int ledger_load_signer(db_t *db, const char *data_dir, struct zerr *e);
/* The latest checkpoint, signing a new one first when the log has grown since. Fills
 * size, root (hex, 65 bytes) and *note_r (malloc'd). */
int ledger_checkpoint(db_t *db, int64_t *size_r, char root_hex[65], char **note_r,
		      struct zerr *e);

/* Loads the current canonical state of (type, id) for verification: 0 with *state_r
 * set, 1 when the object no longer exists, -1 on error. */
typedef int (*ledger_state_loader)(db_t *db, const char *type, const char *id,
				   json_t **state_r, struct zerr *e);

struct ledger_report {
	int64_t entries;      /* leaves checked */
	int64_t nodes;        /* cached subtree hashes checked */
	int64_t checkpoints;  /* signed checkpoints checked */
	int64_t objects;      /* recorded objects whose state was compared */
	char first_bad[600];  /* "" when intact, else what and where */
};

/* Recomputes everything: every leaf from its columns and its hash, the tree, every
 * cached node, every checkpoint's root and signature, and each recorded object's
 * current state against the digest of its latest entry. 0 when intact; 1 when
 * something does not match (report->first_bad names the first); -1 on error. */
int ledger_verify(db_t *db, ledger_state_loader load, struct ledger_report *report,
		  struct zerr *e);
/* The same, with db2 (a second connection to the same database, or NULL) used by a
 * second thread that checks every other batch of entries. */
int ledger_verify2(db_t *db, db_t *db2, ledger_state_loader load, struct ledger_report *report,
		   struct zerr *e);

#endif
