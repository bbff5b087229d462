/* ledger.h: the full-process record (全过程记录). Every state change appends an entry
 * in the same transaction as the change; entries are leaves of an RFC 6962 tree. */
#ifndef ZHIFA_LEDGER_H
#define ZHIFA_LEDGER_H

#include <jansson.h>
#include <stdint.h>

#include "core/err.h"
#include "domain/auth.h"
#include "store/db.h"

/* Appends an entry: who did action to (obj_type, obj_id), committing to state (the
 * object's canonical JSON after the change; NULL for a deletion) as H(salt || state).
 * Must run inside the caller's write transaction. Writes the entry's index to *seq_r. */
int ledger_append(db_t *db, const struct principal *who, const char *action,
		  const char *obj_type, const char *obj_id, json_t *state, int64_t *seq_r,
		  struct zerr *e);

/* The canonical bytes of a JSON value (sorted keys, no spaces, UTF-8): what the
 * ledger hashes. free() the result. */
char *ledger_canonical(json_t *v);

/* Current tree size. */
int ledger_size(db_t *db, int64_t *size_r, struct zerr *e);

#endif
