-- 001_core: regions, agencies, officers, accounts, sessions, API keys, idempotency.
-- Instants are UTC ISO-8601 text ("2026-11-26T01:02:03.456Z"); dates of law are
-- YYYY-MM-DD. Public ids are UUIDv7 text; integer ids are for joins only.
-- At 10 million rows: every list query walks an index in (scope key, id) order with
-- keyset pagination; nothing scans a whole table.

CREATE TABLE regions (
	code        TEXT PRIMARY KEY,           -- GB/T 2260 (6) or NBS statistical (12) code
	name        TEXT NOT NULL,
	level       TEXT NOT NULL CHECK (level IN ('province','city','county','township','village')),
	parent_code TEXT REFERENCES regions(code),
	created_at  TEXT NOT NULL
);
CREATE INDEX regions_parent ON regions (parent_code, code);

CREATE TABLE agencies (
	id          {{ID}},
	public_id   TEXT NOT NULL UNIQUE,
	name        TEXT NOT NULL,
	uscc        TEXT NOT NULL UNIQUE,       -- GB 32100 unified social credit code
	region_code TEXT NOT NULL REFERENCES regions(code),
	kind        TEXT NOT NULL CHECK (kind IN ('comprehensive','departmental','township')),
	domain      TEXT NOT NULL DEFAULT '',
	parent_id   BIGINT REFERENCES agencies(id), -- e.g. a township squad under the county bureau
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL
);
CREATE INDEX agencies_region ON agencies (region_code, id);

CREATE TABLE officers (
	id              {{ID}},
	public_id       TEXT NOT NULL UNIQUE,
	agency_id       BIGINT NOT NULL REFERENCES agencies(id),
	name            TEXT NOT NULL,
	id_number       TEXT NOT NULL UNIQUE,   -- GB 11643; masked in answers unless allowed
	cert_no         TEXT NOT NULL UNIQUE,   -- enforcement certificate number (opaque)
	cert_issued     TEXT NOT NULL,
	cert_expires    TEXT,
	status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','suspended','revoked')),
	legal_qualified INTEGER NOT NULL DEFAULT 0,
	training_hours  INTEGER NOT NULL DEFAULT 0,
	created_at      TEXT NOT NULL,
	updated_at      TEXT NOT NULL
);
CREATE INDEX officers_agency ON officers (agency_id, id);

CREATE TABLE users (
	id            {{ID}},
	username      TEXT NOT NULL UNIQUE,
	display_name  TEXT NOT NULL,
	role          TEXT NOT NULL,
	agency_id     BIGINT REFERENCES agencies(id),
	region_code   TEXT REFERENCES regions(code),
	password_hash TEXT NOT NULL,
	failed_logins INTEGER NOT NULL DEFAULT 0,
	locked_until  TEXT,
	disabled      INTEGER NOT NULL DEFAULT 0,
	created_at    TEXT NOT NULL
);

CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY,            -- SHA-256 hex of the bearer token; never the token
	user_id    BIGINT NOT NULL REFERENCES users(id),
	expires_at TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE api_keys (
	id         {{ID}},
	key_hash   TEXT NOT NULL UNIQUE,
	user_id    BIGINT NOT NULL REFERENCES users(id),
	name       TEXT NOT NULL,
	revoked    INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL
);

CREATE TABLE idempotency (
	user_id    BIGINT NOT NULL,
	key        TEXT NOT NULL,
	method     TEXT NOT NULL,
	path       TEXT NOT NULL,
	status     INTEGER NOT NULL,
	body       TEXT NOT NULL,
	created_at TEXT NOT NULL,
	PRIMARY KEY (user_id, key)
);
