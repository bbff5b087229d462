-- 011_claims: who exercises which catalog item where (认领), and the townships' power
-- and approval lists (权力清单 / 审批许可事项) that the delegated items are matched
-- against (条例 Art 7–9). Rules in src/domain/coverage.c and indicators.c;
-- docs/claims.md. At 10 million claims: the coverage of a region walks
-- catalog_claims_region by code prefix; an agency's claims catalog_claims_agency.

-- A claim: agency claims item for region on [effective_from, effective_to). The claims of
-- one agency for one item and region never overlap (catalog_periods_overlap).
CREATE TABLE catalog_claims (
	id             {{ID}},
	public_id      TEXT NOT NULL UNIQUE,
	item_code      TEXT NOT NULL REFERENCES catalog_items(code),
	version_id     TEXT NOT NULL,           -- public id of the version in force on effective_from
	agency_id      BIGINT NOT NULL REFERENCES agencies(id),
	region_code    TEXT NOT NULL REFERENCES regions(code),
	effective_from TEXT NOT NULL,
	effective_to   TEXT,
	claimed_by     TEXT NOT NULL,           -- username
	created_at     TEXT NOT NULL,
	CHECK (effective_to IS NULL OR effective_to > effective_from)
);
CREATE INDEX catalog_claims_region ON catalog_claims (region_code, item_code, effective_from);
CREATE INDEX catalog_claims_agency ON catalog_claims (agency_id, item_code, region_code, effective_from);

-- One entry of a township's power list (kind power) or approval list (kind approval).
CREATE TABLE township_list_items (
	id          {{ID}},
	public_id   TEXT NOT NULL UNIQUE,
	region_code TEXT NOT NULL REFERENCES regions(code), -- a township
	kind        TEXT NOT NULL CHECK (kind IN ('power','approval')),
	name        TEXT NOT NULL,
	item_code   TEXT,                       -- the catalog code when the list names one
	created_at  TEXT NOT NULL
);
CREATE INDEX township_list_items_region ON township_list_items (region_code, id);

-- A responsibility dispute (职责争议, 条例 Art 12, 17): agency_id files about an item (and
-- optionally a case's jurisdiction) naming other_agency_id; the other side answers; the
-- comprehensive enforcement office decides. The deadline (dispute_days working days from
-- filed_on) is computed on read, never stored.
CREATE TABLE catalog_disputes (
	id              {{ID}},
	public_id       TEXT NOT NULL UNIQUE,
	item_code       TEXT NOT NULL REFERENCES catalog_items(code),
	case_ref        TEXT,                   -- a case's reference, free text for now
	agency_id       BIGINT NOT NULL REFERENCES agencies(id),
	other_agency_id BIGINT NOT NULL REFERENCES agencies(id),
	region_code     TEXT NOT NULL REFERENCES regions(code),
	statement       TEXT NOT NULL,
	answer          TEXT,
	status          TEXT NOT NULL DEFAULT 'filed' CHECK (status IN ('filed','answered','decided','withdrawn')),
	filed_on        TEXT NOT NULL,          -- date of filing, China time
	filed_by        TEXT NOT NULL,
	answered_by     TEXT,
	answered_at     TEXT,
	decided_by      TEXT,
	decided_at      TEXT,
	decision        TEXT,
	outcome         TEXT CHECK (outcome IS NULL OR outcome IN ('none','claims','catalog_change')),
	change_id       TEXT,                   -- the change request a catalog_change decision proposed
	created_at      TEXT NOT NULL
);
CREATE INDEX catalog_disputes_status ON catalog_disputes (status, public_id);
