-- 010_catalog: the enforcement-item catalog (监管事项/执法事项目录; 浙江省综合行政执法条例
-- Art 6, 7, 9, 10): items, their versions with effective periods, and the change
-- requests that make versions. Rules in src/domain/catalog.c; docs/catalog.md.
-- At 10 million versions: an as-of read walks catalog_versions_from (effective_from,
-- code) or, for one item, catalog_versions_code; a search uses the engine's trigram
-- index (010_catalog_search.*.sql); lists are keyset-paginated by code.

-- An item is its code; everything it says lives in its versions. Claims, coverage and
-- township lists reference catalog_items(code) (and a version by its public id).
CREATE TABLE catalog_items (
	code       TEXT PRIMARY KEY,            -- domain prefix + 6 digits (catalog_code_valid)
	created_at TEXT NOT NULL
);

-- One version of an item, in force on [effective_from, effective_to); the versions of
-- an item never overlap (catalog_plan_change). effective_to NULL: open-ended.
CREATE TABLE catalog_versions (
	id             {{ID}},
	public_id      TEXT NOT NULL UNIQUE,
	code           TEXT NOT NULL REFERENCES catalog_items(code),
	version        INTEGER NOT NULL,        -- 1, 2, ... per item
	name           TEXT NOT NULL,
	kind           TEXT NOT NULL CHECK (kind IN ('penalty','inspection','coercion','other')),
	domain         TEXT NOT NULL,           -- 市场监管, 生态环境, ... (as agencies.domain)
	legal_basis    TEXT NOT NULL,           -- JSON [{law, article, paragraph?, item?, text?}], >= 1
	level          TEXT NOT NULL CHECK (level IN ('province','city','county','township')),
	mode           TEXT NOT NULL CHECK (mode IN ('comprehensive','departmental')),
	agency_kind    TEXT NOT NULL CHECK (agency_kind IN ('comprehensive','departmental','township')),
	penalty_types  TEXT NOT NULL DEFAULT '[]', -- JSON array of 行政处罚法 Art 9 codes
	fine_min_fen   BIGINT,                  -- the fine range the law sets, in fen; NULL: none
	fine_max_fen   BIGINT,
	effective_from TEXT NOT NULL,
	effective_to   TEXT,
	change_id      TEXT,                    -- public id of the change request; NULL: imported
	search_text    TEXT NOT NULL,           -- name and citations, for search (derived)
	created_at     TEXT NOT NULL,
	UNIQUE (code, version),
	CHECK (effective_to IS NULL OR effective_to > effective_from)
);
CREATE INDEX catalog_versions_code ON catalog_versions (code, effective_from);
CREATE INDEX catalog_versions_from ON catalog_versions (effective_from, code);

-- A change request: proposed by a catalog admin, approved or rejected by another.
CREATE TABLE catalog_changes (
	id             {{ID}},
	public_id      TEXT NOT NULL UNIQUE,
	action         TEXT NOT NULL CHECK (action IN ('add','amend','transfer','delegate','repeal')),
	item_code      TEXT NOT NULL,           -- no foreign key: an add names a new code
	effective_date TEXT NOT NULL,
	proposal       TEXT,                    -- JSON: the version's members to set; NULL for repeal
	reason         TEXT NOT NULL DEFAULT '',
	status         TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed','approved','rejected')),
	proposed_by    TEXT NOT NULL,           -- username
	decided_by     TEXT,
	decided_at     TEXT,
	decision_note  TEXT,
	version_id     TEXT,                    -- public id of the version the approval made
	created_at     TEXT NOT NULL
);
CREATE INDEX catalog_changes_status ON catalog_changes (status, public_id);
CREATE INDEX catalog_changes_item ON catalog_changes (item_code, public_id);
