-- 030_cases: penalty cases (处罚办案, docs/cases.md §10): the shared party registry, cases
-- with their per-agency per-year number counters, inquiry/inspection records, the steps
-- taken, deadlines as budgets (never due dates) and the documents generated as PDF.
-- At 10 million rows: lists walk cases_agency (agency, public_id) or cases_party;
-- Art 29 reads cases_party_item; a case's records, steps, deadlines and documents are
-- read by (case_id, ...) indexes.

-- A user who is also an enforcement officer: certificate validity and the legal
-- qualification of the actor come from this officer record (docs/cases.md §10).
ALTER TABLE users ADD COLUMN officer_id BIGINT REFERENCES officers(id);

CREATE TABLE parties (
	id          {{ID}},
	public_id   TEXT NOT NULL UNIQUE,
	kind        TEXT NOT NULL CHECK (kind IN ('person','organisation')),
	name        TEXT NOT NULL,
	id_number   TEXT UNIQUE,                -- persons: GB 11643 (masked in answers)
	uscc        TEXT UNIQUE,                -- organisations: GB 32100
	birth_date  TEXT,                       -- persons: from the ID number (Art 30)
	address     TEXT NOT NULL DEFAULT '',
	legal_rep   TEXT NOT NULL DEFAULT '',
	phone       TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL,
	CHECK ((kind = 'person' AND id_number IS NOT NULL AND uscc IS NULL) OR
	       (kind = 'organisation' AND uscc IS NOT NULL AND id_number IS NULL))
);

CREATE TABLE case_counters (
	agency_id BIGINT NOT NULL REFERENCES agencies(id),
	year      INTEGER NOT NULL,
	kind      TEXT NOT NULL,                -- 立, 罚, 简罚, 不罚
	last      INTEGER NOT NULL,
	PRIMARY KEY (agency_id, year, kind)
);

CREATE TABLE cases (
	id                   {{ID}},
	public_id            TEXT NOT NULL UNIQUE,
	agency_id            BIGINT NOT NULL REFERENCES agencies(id),
	party_id             BIGINT NOT NULL REFERENCES parties(id),
	procedure            TEXT NOT NULL CHECK (procedure IN ('ordinary','summary')),
	state                TEXT NOT NULL,
	previous_state       TEXT,
	case_no              TEXT UNIQUE,       -- 立案编号, allocated by file_case
	decision_no          TEXT UNIQUE,       -- 决定书文号
	item_code            TEXT NOT NULL,
	cause                TEXT NOT NULL,     -- 案由
	source               TEXT NOT NULL,
	place_region         TEXT NOT NULL,
	place                TEXT NOT NULL DEFAULT '',
	facts                TEXT NOT NULL DEFAULT '',
	violation_date       TEXT NOT NULL,
	violation_end        TEXT,
	discovery_date       TEXT NOT NULL,
	filing_date          TEXT,
	notice_date          TEXT,
	decision_date        TEXT,
	service_date         TEXT,
	limitation_category  TEXT NOT NULL DEFAULT 'ordinary',
	harmful_consequences INTEGER NOT NULL DEFAULT 0,
	complex_case         INTEGER NOT NULL DEFAULT 0,
	major_violation      INTEGER NOT NULL DEFAULT 0,
	major_public_interest INTEGER NOT NULL DEFAULT 0,
	investigators        TEXT NOT NULL DEFAULT '',  -- officer public ids, comma-separated
	intended_types       TEXT NOT NULL DEFAULT '',  -- penalty type names, comma-separated
	intended_fine_fen    BIGINT NOT NULL DEFAULT 0,
	intended_confiscation_fen BIGINT NOT NULL DEFAULT 0,
	notified_types       TEXT NOT NULL DEFAULT '',
	notified_fine_fen    BIGINT NOT NULL DEFAULT 0,
	notified_confiscation_fen BIGINT NOT NULL DEFAULT 0,
	statement_received   INTEGER NOT NULL DEFAULT 0,
	statement_waived     INTEGER NOT NULL DEFAULT 0,
	hearing_requested_on TEXT,
	hearing_notified_on  TEXT,
	hearing_date         TEXT,
	hearing_presiding    TEXT,              -- officer public id
	hearing_held         INTEGER NOT NULL DEFAULT 0,
	hearing_waived       INTEGER NOT NULL DEFAULT 0,
	legal_review_done    INTEGER NOT NULL DEFAULT 0,
	legal_review_passed  INTEGER NOT NULL DEFAULT 0,
	legal_reviewer_qualified INTEGER NOT NULL DEFAULT 0,
	collective_discussion_held INTEGER NOT NULL DEFAULT 0,
	preservation_on      TEXT,
	preservation_approved INTEGER NOT NULL DEFAULT 0,
	preservation_decided INTEGER NOT NULL DEFAULT 0,
	no_penalty_grounds   TEXT NOT NULL DEFAULT '',
	fine_paid            INTEGER NOT NULL DEFAULT 0,
	paid_on              TEXT,
	transfer_receipt_recorded INTEGER NOT NULL DEFAULT 0,
	remedy_pending       INTEGER NOT NULL DEFAULT 0,
	submitted_by         BIGINT NOT NULL DEFAULT 0,
	submission_acted_on  INTEGER NOT NULL DEFAULT 0,
	flagged_for_supervision INTEGER NOT NULL DEFAULT 0,
	discretion           TEXT,              -- {rule, min_fen, max_fen, reason_outside} as given
	created_by           TEXT NOT NULL,
	created_at           TEXT NOT NULL,
	updated_at           TEXT NOT NULL
);
CREATE INDEX cases_agency ON cases (agency_id, public_id);
CREATE INDEX cases_party ON cases (party_id, public_id);
CREATE INDEX cases_party_item ON cases (party_id, item_code);

CREATE TABLE case_records (
	id          {{ID}},
	public_id   TEXT NOT NULL UNIQUE,
	case_id     BIGINT NOT NULL REFERENCES cases(id),
	kind        TEXT NOT NULL CHECK (kind IN ('inspection','inquiry')),
	record_date TEXT NOT NULL,
	officers    TEXT NOT NULL,              -- JSON [{id, name, cert_no, certificate_valid}]
	summary     TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL
);
CREATE INDEX case_records_case ON case_records (case_id, id);

CREATE TABLE case_steps (
	id         {{ID}},
	case_id    BIGINT NOT NULL REFERENCES cases(id),
	action     TEXT NOT NULL,
	from_state TEXT NOT NULL,
	to_state   TEXT NOT NULL,
	actor      TEXT NOT NULL,               -- username
	at         TEXT NOT NULL,
	reason     TEXT NOT NULL DEFAULT '',
	body       TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX case_steps_case ON case_steps (case_id, id);

-- A deadline as docs/cases.md §5 stores it: the budget and its ledgers, never a due date.
CREATE TABLE case_deadlines (
	case_id     BIGINT NOT NULL REFERENCES cases(id),
	kind        TEXT NOT NULL,
	start_date  TEXT NOT NULL,
	length      INTEGER NOT NULL,
	suspensions TEXT NOT NULL DEFAULT '[]', -- [{from, to?, reason}]
	extensions  TEXT NOT NULL DEFAULT '[]', -- [{days, approved_by}]
	met_on      TEXT,                       -- stopped: met or no longer running
	PRIMARY KEY (case_id, kind)
);

CREATE TABLE case_documents (
	id         {{ID}},
	public_id  TEXT NOT NULL UNIQUE,
	case_id    BIGINT NOT NULL REFERENCES cases(id),
	template   TEXT NOT NULL,
	number     TEXT NOT NULL DEFAULT '',
	sha256     TEXT NOT NULL,
	bytes      {{BLOB}} NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX case_documents_case ON case_documents (case_id, id);
