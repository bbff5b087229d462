/* record.h: each record type is described once, as a field table; JSON decoding with
 * field-level errors, JSON encoding with masking, and the SQL of the generic reads and
 * writes are all derived from it (architecture §3). */
#ifndef ZHIFA_RECORD_H
#define ZHIFA_RECORD_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "domain/auth.h"
#include "store/db.h"

enum ftype {
	FT_TEXT,  /* string */
	FT_INT,   /* integer within [min, max] */
	FT_BOOL,  /* true/false, stored 0/1 */
	FT_DATE,  /* "YYYY-MM-DD" */
	FT_ENUM,  /* one of values[] */
	FT_REF,   /* public id of another record in JSON; the handler resolves it to the
		     internal id (an integer in the decoded object) before the write */
	FT_UUID,  /* public id, made by the server on insert */
	FT_TS,    /* instant, set by the server (created_at on insert, updated_at on writes) */
	FT_JSON,  /* a structured value (array or object) that no flat field expresses, stored
		     as compact JSON text; check_json validates it, schema documents it */
	FT_LIST   /* array of strings (each non-empty, at most maxlen characters, passing
		     check), at most max members; stored as compact JSON text */
};

enum {
	FF_REQ = 1 << 0,     /* must be present on create */
	FF_RO = 1 << 1,      /* never accepted from a client */
	FF_FIXED = 1 << 2,   /* accepted on create, not on update */
	FF_NULL = 1 << 3,    /* may be null */
	FF_JOIN = 1 << 4,    /* read from a joined table: not written */
	FF_MASK_ID = 1 << 5, /* a citizen ID number: masked unless the caller may see it */
	FF_TOUCH = 1 << 6,   /* FT_TS set on every write (updated_at) */
	FF_KEY = 1 << 7,     /* the field that addresses the record in URLs */
	FF_UNIQUE = 1 << 8,  /* no two records share the value (a UNIQUE column); the
				importer reports repeats per row */
	FF_HIDDEN = 1 << 9,  /* derived and stored (e.g. a search text), never shown, never
				accepted, not part of the ledger state */
	FF_VOLATILE = 1 << 10, /* operational, not part of the state the ledger commits to
				  (e.g. a user's failed-login counter, changed by every bad login) */
	FF_LATE = 1 << 11     /* a nullable column added by a later migration: in the ledger
				 state only when not null, so that the states logged before the
				 column existed still verify (e.g. catalog_versions.scope, 012) */
};

struct field {
	const char *json;           /* JSON member name */
	const char *col;            /* SQL: the column written (bare) */
	const char *sel;            /* SQL: the expression read (defaults to alias.col) */
	enum ftype type;
	unsigned flags;
	size_t maxlen;              /* characters, for text */
	int64_t min, max;           /* for FT_INT */
	const char *const *values;  /* for FT_ENUM, NULL-terminated */
	int (*check)(const char *s);/* extra check for text: 1 valid, 0 not */
	const char *check_msg;      /* what to say when check fails */
	const char *zh;             /* the Chinese label for messages and pages */
	/* FT_JSON only: 1 when valid, else 0 with a message; the value as CSV text reads
	 * (NULL: not readable, reported as a bad value); the OpenAPI schema as JSON text */
	int (*check_json)(json_t *v, char *msg, size_t len);
	json_t *(*from_text)(const char *s);
	const char *schema;
};

struct record {
	const char *name;   /* "agency" */
	const char *zh;     /* "执法主体" */
	const char *table;  /* "agencies" */
	const char *alias;  /* "a" */
	const char *from;   /* FROM clause with joins: "agencies a JOIN regions r ON ..." */
	const char *key_sel; /* the expression a URL key is compared with: "a.public_id" */
	const char *id_col;  /* the internal integer id column, or NULL when there is none */
	const struct field *fields;
	size_t nfields;
};

/* Validates a client's JSON object against rec: no unknown or read-only members,
 * types, lengths, ranges, enum values, checks; on create (patch == 0) every FF_REQ
 * field must be there; on patch FF_FIXED fields are refused. All problems are
 * collected in e (400 invalid_field, one errors[] entry per field). On success
 * *clean_r holds only the accepted members. */
int record_decode(const struct record *rec, json_t *in, int patch, json_t **clean_r,
		  struct zerr *e);
/* As record_decode, but *clean_r always receives the members that were valid (also
 * when others were not), so that further checks can report their errors in the same
 * answer. Returns -1 when anything was invalid. */
int record_decode_all(const struct record *rec, json_t *in, int patch, json_t **clean_r,
		      struct zerr *e);

/* Prepares "SELECT <every field's sel> FROM <from> <tail>"; tail is constant SQL
 * such as "WHERE a.public_id = ?". */
db_stmt_t *record_prepare_select(db_t *db, const struct record *rec, const char *tail);
/* Encodes the current row of a record_prepare_select statement. ID numbers are masked
 * unless show_pii. */
json_t *record_encode(const struct record *rec, db_stmt_t *st, int show_pii);

/* Inserts clean (from record_decode, FT_REF members already resolved to integers):
 * makes FT_UUID and FT_TS values; writes the new public id (37 bytes) when the record
 * has one, and the new internal row id. */
int record_insert(db_t *db, const struct record *rec, json_t *clean, char *public_id_r,
		  int64_t *row_id_r, struct zerr *e);
/* Updates the members present in clean (and FF_TOUCH stamps) of the row whose
 * key column (key_col, e.g. "id") equals key_id. 404 when no row changed. */
int record_update(db_t *db, const struct record *rec, json_t *clean, const char *key_col,
		  int64_t key_id, struct zerr *e);

/* The record's state as the ledger commits to it: every stored field, unmasked,
 * without joined fields (so that renaming a region does not alter an agency's state)
 * and without FF_VOLATILE ones (counters that change without a recorded action). */
json_t *record_state(const struct record *rec, db_stmt_t *st);

/* Loads the ledger state of the record whose key is key; 0, or -1 with 404 in e. */
int record_load_state(db_t *db, const struct record *rec, const char *key, json_t **state_r,
		      struct zerr *e);

/* The internal integer id (rec->id_col) of the record whose key field equals key:
 * 0 with *id_r set; -1 with 404 (no such record) or 500 in e. */
int record_row_id(db_t *db, const struct record *rec, const char *key, int64_t *id_r,
		  struct zerr *e);

/* Emits the OpenAPI schema of rec: types, formats, enums, lengths, integer ranges,
 * nullable and readOnly per property; required lists the members a create needs. */
json_t *record_schema(const struct record *rec);

/* Checks that a date string is a real calendar date in YYYY-MM-DD form. */
int record_valid_date(const char *s);

#endif
