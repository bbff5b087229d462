-- 020_evidence: the online evidence center (网上证据中心, architecture §6). The bytes
-- live content-addressed under the data directory (objects/sha256/<aa>/<bb>/<hex>);
-- a row is the descriptor and the metadata. Evidence is never deleted; its custody
-- history is the ledger (entries about the evidence and its grants, attachments and
-- preservations). At 10 million rows: an agency's list walks evidence_agency, a
-- case's evidence evidence_case, a grantee's grants evidence_grants_agency.

CREATE TABLE evidence (
	id            {{ID}},
	public_id     TEXT NOT NULL UNIQUE,
	agency_id     BIGINT NOT NULL REFERENCES agencies(id),  -- the owner
	kind          TEXT NOT NULL CHECK (kind IN ('documentary','physical','audiovisual','electronic',
				'witness','party_statement','expert_opinion','inspection_record')),
	media_type    TEXT NOT NULL,          -- sniffed from the bytes (libmagic)
	declared_type TEXT,                   -- the uploader's Content-Type
	size          BIGINT NOT NULL,
	sha256        TEXT NOT NULL,          -- hex; the content address
	sm3           TEXT NOT NULL,          -- hex GB/T 32905
	filename      TEXT,
	description   TEXT,
	collected_at  TEXT,
	collectors    TEXT,                   -- JSON array of officer public ids
	place_address TEXT,
	lat_e6        INTEGER,                -- WGS-84 latitude in millionths of a degree
	lng_e6        INTEGER,
	device        TEXT,
	case_id       TEXT,
	inspection_id TEXT,
	created_by    TEXT NOT NULL,
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
);
CREATE INDEX evidence_agency ON evidence (agency_id, public_id);
CREATE INDEX evidence_case ON evidence (case_id, agency_id);
CREATE INDEX evidence_sha256 ON evidence (sha256);

-- 证据互认 (条例 Art 18): the owner lets another agency use one piece of evidence.
CREATE TABLE evidence_grants (
	id          {{ID}},
	public_id   TEXT NOT NULL UNIQUE,
	evidence_id BIGINT NOT NULL REFERENCES evidence(id),
	agency_id   BIGINT NOT NULL REFERENCES agencies(id),    -- the grantee
	purpose     TEXT NOT NULL,
	until       TEXT NOT NULL,          -- last day of use, YYYY-MM-DD (China time)
	revoked_at  TEXT,
	created_by  TEXT NOT NULL,
	created_at  TEXT NOT NULL
);
CREATE INDEX evidence_grants_evidence ON evidence_grants (evidence_id, id);
CREATE INDEX evidence_grants_agency ON evidence_grants (agency_id, evidence_id);

-- Evidence used in a case of an agency (its own, or granted to it).
CREATE TABLE evidence_attachments (
	id          {{ID}},
	public_id   TEXT NOT NULL UNIQUE,
	evidence_id BIGINT NOT NULL REFERENCES evidence(id),
	agency_id   BIGINT NOT NULL REFERENCES agencies(id),
	case_id     TEXT NOT NULL,
	created_by  TEXT NOT NULL,
	created_at  TEXT NOT NULL,
	UNIQUE (evidence_id, agency_id, case_id)
);
CREATE INDEX evidence_attachments_case ON evidence_attachments (agency_id, case_id);

-- 先行登记保存 (行政处罚法 Art 56): the disposal decision is due 7 working days after
-- decided_on; the deadline is computed on read from the calendar, never stored.
CREATE TABLE evidence_preservations (
	id          {{ID}},
	public_id   TEXT NOT NULL UNIQUE,
	evidence_id BIGINT NOT NULL UNIQUE REFERENCES evidence(id),  -- preserved once
	agency_id   BIGINT NOT NULL REFERENCES agencies(id),
	decided_on  TEXT NOT NULL,
	approved_by TEXT NOT NULL,          -- the agency head who approved it
	created_by  TEXT NOT NULL,
	created_at  TEXT NOT NULL
);
CREATE INDEX evidence_preservations_agency ON evidence_preservations (agency_id, public_id);
