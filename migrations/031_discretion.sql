-- 031_discretion: discretion benchmarks (行政处罚裁量基准, 行政处罚法 Art 34), one
-- immutable row per catalog item and version (docs/discretion.md). document is the JSON
-- text exactly as it was accepted and proven; sha256 is its digest, which the ledger
-- entry commits to. The other columns are copies from the document for lists. Rows are
-- never updated or deleted: a new benchmark is a new version.
CREATE TABLE discretion_tables (
	id             {{ID}},
	item_code      TEXT NOT NULL,
	version        TEXT NOT NULL,
	title          TEXT NOT NULL DEFAULT '',
	effective_from TEXT NOT NULL,
	effective_to   TEXT,
	nrules         INTEGER NOT NULL,
	ntests         INTEGER NOT NULL,
	document       TEXT NOT NULL,
	sha256         TEXT NOT NULL,
	loaded_at      TEXT NOT NULL,
	loaded_by      TEXT NOT NULL,
	UNIQUE (item_code, version),
	UNIQUE (item_code, effective_from)
);
