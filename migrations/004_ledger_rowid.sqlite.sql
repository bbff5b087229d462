-- 004_ledger_rowid (SQLite only): the ledger's tables keyed the way SQLite stores
-- them best. "seq BIGINT PRIMARY KEY" is not SQLite's rowid, so every entry lived in
-- two B-trees (the table by a hidden rowid and a unique index on seq): an append wrote
-- both and a read in seq order went through the index to the table. As INTEGER
-- PRIMARY KEY, seq is the rowid itself. ledger_nodes becomes a WITHOUT ROWID table
-- (one B-tree on (level, idx) instead of a table plus its index). Columns, values and
-- meaning are unchanged; PostgreSQL keeps 002's tables.

CREATE TABLE ledger_entries_new (
	seq          INTEGER PRIMARY KEY, -- 0-based leaf index (the rowid)
	at           TEXT NOT NULL,
	actor        TEXT NOT NULL,
	agency       TEXT,
	action       TEXT NOT NULL,
	obj_type     TEXT NOT NULL,
	obj_id       TEXT NOT NULL,
	salt         TEXT NOT NULL,
	state_digest TEXT NOT NULL,
	leaf         TEXT NOT NULL,
	leaf_hash    TEXT NOT NULL
);
INSERT INTO ledger_entries_new (seq, at, actor, agency, action, obj_type, obj_id, salt,
	state_digest, leaf, leaf_hash)
	SELECT seq, at, actor, agency, action, obj_type, obj_id, salt, state_digest, leaf, leaf_hash
	FROM ledger_entries ORDER BY seq;
DROP TABLE ledger_entries;
ALTER TABLE ledger_entries_new RENAME TO ledger_entries;
CREATE INDEX ledger_obj ON ledger_entries (obj_type, obj_id, seq);

CREATE TABLE ledger_nodes_new (
	level BIGINT NOT NULL,
	idx   BIGINT NOT NULL,
	hash  TEXT NOT NULL,
	PRIMARY KEY (level, idx)
) WITHOUT ROWID;
INSERT INTO ledger_nodes_new (level, idx, hash) SELECT level, idx, hash FROM ledger_nodes;
DROP TABLE ledger_nodes;
ALTER TABLE ledger_nodes_new RENAME TO ledger_nodes;
