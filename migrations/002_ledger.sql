-- 002_ledger: the full-process record (architecture §5, docs/ledger.md). Append-only;
-- a leaf is the canonical JSON of an entry, hashed as an RFC 6962 leaf. ledger_nodes
-- caches the hashes of complete aligned subtrees at every fourth level (4, 8, 12, ...),
-- so a proof reads O(log n) rows and never rehashes the log, while the cache stays at
-- about n/15 rows. At 10 million entries: an append touches the head row, one entry
-- and on average 1/15 of a node; verification streams entries by seq in batches.

CREATE TABLE ledger_head (
	id       INTEGER PRIMARY KEY CHECK (id = 1),
	next     BIGINT NOT NULL,        -- the next leaf index = the tree size
	hash_alg TEXT NOT NULL DEFAULT 'sha256' CHECK (hash_alg IN ('sha256','sm3'))
);
INSERT INTO ledger_head (id, next, hash_alg) VALUES (1, 0, 'sha256');

CREATE TABLE ledger_entries (
	seq          BIGINT PRIMARY KEY, -- 0-based leaf index
	at           TEXT NOT NULL,
	actor        TEXT NOT NULL,
	agency       TEXT,               -- public id of the actor's agency, or NULL
	action       TEXT NOT NULL,
	obj_type     TEXT NOT NULL,
	obj_id       TEXT NOT NULL,
	salt         TEXT NOT NULL,      -- hex; the state is committed as H(salt || state)
	state_digest TEXT NOT NULL,      -- hex SHA-256 of salt || canonical state JSON
	leaf         TEXT NOT NULL,      -- the exact bytes whose leaf hash is leaf_hash
	leaf_hash    TEXT NOT NULL       -- hex H(0x00 || leaf)
);
CREATE INDEX ledger_obj ON ledger_entries (obj_type, obj_id, seq);

CREATE TABLE ledger_nodes (
	level BIGINT NOT NULL,           -- 4, 8, 12, ... (level 0 is ledger_entries.leaf_hash)
	idx   BIGINT NOT NULL,           -- covers leaves [idx * 2^level, (idx+1) * 2^level)
	hash  TEXT NOT NULL,
	PRIMARY KEY (level, idx)
);

CREATE TABLE ledger_checkpoints (
	tree_size  BIGINT PRIMARY KEY,
	root_hash  TEXT NOT NULL,
	note       TEXT NOT NULL,        -- C2SP signed note
	created_at TEXT NOT NULL
);

CREATE TABLE settings (
	k TEXT PRIMARY KEY,
	v TEXT NOT NULL
);
