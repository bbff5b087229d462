/* discretion_store.h: the discretion benchmarks (裁量基准, docs/discretion.md) in the
 * database, and the set of them that this process evaluates with.
 *
 * A table is stored once per (item_code, version), as the JSON text exactly as it was
 * proven, with its SHA-256 and a ledger entry ("discretion_table.load"); rows are never
 * changed. Each process keeps one discretion_set built from the stored rows. Before an
 * evaluation it asks the database, at most every DISCRETION_SYNC_SECONDS (at once after
 * this process stored a table), whether a table was stored since; if so it builds a new
 * set and swaps it in under a lock. Evaluations in flight keep the set they acquired
 * (reference counted) until they release it. */
#ifndef ZHIFA_DISCRETION_STORE_H
#define ZHIFA_DISCRETION_STORE_H

#include <jansson.h>
#include <stddef.h>

#include "core/err.h"
#include "domain/auth.h"
#include "domain/discretion.h"
#include "store/db.h"

#define DISCRETION_SYNC_SECONDS 30
/* Ledger object type of a stored table; its id is "item_code/version". */
#define DISCRETION_OBJ_TYPE "discretion_table"
/* "item_code/version" fits in this (both are identifiers, see discretion.h). */
#define DISCRETION_KEY_LEN (DISCRETION_CODE_LEN + DISCRETION_VERSION_LEN)

struct discretion_ref;

/* The process's set, brought up to date with the database first when it may be stale
 * (see above). The caller owns one reference and gives it back with
 * discretion_release. NULL only when out of memory. */
struct discretion_ref *discretion_acquire(db_t *db);
/* The set a reference holds; valid until the reference is released. */
const struct discretion_set *discretion_ref_set(const struct discretion_ref *ref);
/* Gives a reference back and sets *ref to NULL; NULL or *ref == NULL is fine. */
void discretion_release(struct discretion_ref **ref);

/* discretion_store_add flags. */
enum {
	DISCRETION_SAME_OK = 1 << 0 /* the same document already stored: answer 1, write nothing */
};

/* Proves len bytes of JSON text as a discretion table (discretion_table_load_text: a
 * refusal is its 400 problem, unchanged) and stores it in its own transaction with its
 * ledger entry, as who. 409 "discretion_version_exists" when the item already has this
 * version or another version from the same effective_from (with DISCRETION_SAME_OK and
 * the identical text under this version: 1, nothing written). Writes the stored key
 * ("item_code/version") to key_r. 0 stored, 1 already there, -1 with e set (nothing
 * written). */
int discretion_store_add(db_t *db, const char *text, size_t len, const struct principal *who,
			 unsigned flags, char key_r[DISCRETION_KEY_LEN], struct zerr *e);

/* The ledger state of the stored table whose key is "item_code/version":
 * {item_code, version, sha256} with sha256 computed from the stored document, so that
 * an edited document no longer matches its entry. 0 with *state_r, 1 when there is no
 * such row, -1 with e set. */
int discretion_store_state(db_t *db, const char *key, json_t **state_r, struct zerr *e);

/* One evaluation request, as the API and the CLI take it: {"item_code", "date" (of the
 * violation), "decision_date"? (default: today in China, UTC+8), "circumstances"} and,
 * when check is 1, "fine_fen" (an integer). Unknown members, a missing or malformed
 * member, a violation date after today → 400 invalid_field naming each; then
 * discretion_evaluate's errors (404 discretion_not_found naming the item, 400
 * invalid_circumstances naming the input, 400 invalid_dates). On success *out_r is
 * discretion_result_json's answer; with check, also "fine_fen", "amount" (inside,
 * below, above) and "needs_reason" (true outside the range). */
int discretion_request(db_t *db, const json_t *req, int check, json_t **out_r, struct zerr *e);

#endif
